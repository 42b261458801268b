"""Catalogue adapters for the figures whose data come from other layers.

fig15 and fig18: the neural-network experiments (:mod:`adamdyn.torch`; quick runs for
``adamdyn figures``, tiny runs for ``--quick``); fig16 and fig17: the other papers'
optimizers (:mod:`adamdyn.experiments`).
"""

from __future__ import annotations

import numpy as np

from ..references import cite
from .catalogue import FigureUnavailable


def _torch_experiments():
    try:
        from ..torch import experiments
    except ImportError as exc:  # torch missing
        raise FigureUnavailable(f"needs torch (pip install 'torch==2.13.0' -e '.[nn]'): {exc}") from exc
    return experiments


def nn_facts(result, rel_band=0.01) -> dict:
    """Per network of a GD-vs-Adam experiment: tuned final losses, their ratio and the Hessian degeneracy.

    ``{task: {"gd": loss, "adam": loss, "gd_over_adam": ratio, "degeneracy": mass}}``; the degeneracy
    is recomputed from the stored spectral density (nodes, weights): the mass within ``rel_band`` of
    the largest ``|lambda|`` from zero.
    """
    from ..torch.hessian import SpectralDensity

    out = {}
    for key, s in result.summary.items():
        if not (isinstance(s, dict) and {"gd", "adam"} <= set(s)):
            continue
        d = SpectralDensity(np.asarray(result.arrays[f"{key}/density_nodes"], float),
                            np.asarray(result.arrays[f"{key}/density_weights"], float), int(s["hessian"]["n_params"]))
        gd, adam = float(s["gd"]["final_loss_mean"]), float(s["adam"]["final_loss_mean"])
        out[key] = {"gd": gd, "adam": adam, "gd_over_adam": gd / adam, "degeneracy": d.degeneracy(rel_band)}
    return out


def _nn_caption(head, result, pair, names):
    """``head`` plus the measured numbers, and whether the paper's ordering of ``pair`` shows in this run."""
    f = nn_facts(result)
    a, b = pair
    rows = "; ".join(f"{names[k]}: GD {v['gd']:.3g} vs Adam {v['adam']:.3g} (x{v['gd_over_adam']:.1f}), "
                     f"{v['degeneracy']:.1%} of the spectral mass within 1% of max|lambda| of 0"
                     for k, v in f.items())
    more_degenerate = f[b]["degeneracy"] > f[a]["degeneracy"]
    larger_gap = f[b]["gd_over_adam"] > f[a]["gd_over_adam"]
    return (f"{head} Tuned final training loss and Hessian degeneracy in this run: {rows}. Adam ends below GD on "
            f"every network. The paper's ordering ({names[b]} more degenerate than {names[a]}, with a larger "
            f"Adam advantage) {'holds' if more_degenerate and larger_gap else 'does not hold'} here "
            f"(degeneracy {'higher' if more_degenerate else 'not higher'}, Adam's advantage "
            f"{'larger' if larger_gap else 'not larger'}); at this scale it changes with the budget.")


FIG15_HEAD = (
    f"Fig. 15 a-c of {cite('adam-degenerate', title=False)} on scikit-learn's digits (offline): a two-layer MLP with ReLU or softmax activation "
    "trained full-batch by GD and by Adam (lr tuned on a grid for each); loss curves and the Hessian spectral "
    "density (stochastic Lanczos quadrature) at the end. Quick settings of `adamdyn nn mlp-activation` "
    "(150 steps, one seed); `adamdyn nn mlp-activation` gives the full run."
)
FIG18_HEAD = (
    f"Fig. 15 d-f of {cite('adam-degenerate', title=False)}: a small CNN on digits and a small GPT-style Transformer on an offline text corpus "
    "(the standard library's docstrings), GD (SGD on minibatches for the CNN) and Adam, each tuned over a "
    "learning-rate grid; loss curves and Hessian spectral densities. Quick settings of "
    "`adamdyn nn cnn-vs-transformer`."
)


def compute_fig15(quick=False):
    # run_experiment: one intra-op CPU thread (the networks are tiny; with the default count, CPU cores
    # shared with other processes made this figure ~13x slower)
    res = _torch_experiments().run_experiment("mlp-activation", quick=True, tiny=quick, device="auto")
    names = {"relu": "ReLU", "softmax": "softmax"}
    return {"result": res, "caption_values": {"caption": _nn_caption(FIG15_HEAD, res, ("relu", "softmax"), names)}}


def compute_fig18(quick=False):
    res = _torch_experiments().run_experiment("cnn-vs-transformer", quick=True, tiny=quick, device="auto")
    names = {"cnn": "CNN", "gpt": "Transformer"}
    return {"result": res, "caption_values": {"caption": _nn_caption(FIG18_HEAD, res, ("cnn", "gpt"), names)}}


def plot_fig15(data):
    from ..torch.plot import plot_mlp_activation

    return plot_mlp_activation(data["result"])


def plot_fig18(data):
    from ..torch.plot import plot_cnn_vs_transformer

    return plot_cnn_vs_transformer(data["result"])


def compute_fig16(quick=False):
    from ..experiments.other_optimizers import compute_fig16, fig16_caption

    res = compute_fig16(quick)
    return {"result": res, "caption_values": {"caption": fig16_caption(res)}}


def compute_fig17(quick=False):
    from ..experiments.seed000_toy import compute_fig17, fig17_caption

    res = compute_fig17(quick)
    return {"result": res, "caption_values": {"caption": fig17_caption(res)}}


def plot_fig16(data):
    from .others import plot_fig16

    return plot_fig16(data["result"])


def plot_fig17(data):
    from .others import plot_fig17

    return plot_fig17(data["result"])
