"""Catalogue adapters for the figures whose data come from other layers.

fig15 and fig18: the neural-network experiments (:mod:`adamdyn.torch`; quick runs for
``adamdyn figures``, tiny runs for ``--quick``); fig16 and fig17: the other seeds'
optimizers (:mod:`adamdyn.experiments`).
"""

from __future__ import annotations

from .catalogue import FigureUnavailable


def _torch_experiments():
    try:
        from ..torch import experiments
    except ImportError as exc:  # torch missing
        raise FigureUnavailable(f"needs torch (pip install 'torch==2.13.0' -e '.[nn]'): {exc}") from exc
    return experiments


def compute_fig15(quick=False):
    return _torch_experiments().run_mlp_activation(quick=True, tiny=quick, device="auto")


def compute_fig18(quick=False):
    return _torch_experiments().run_cnn_vs_transformer(quick=True, tiny=quick, device="auto")


def plot_fig15(result):
    from ..torch.plot import plot_mlp_activation

    return plot_mlp_activation(result)


def plot_fig18(result):
    from ..torch.plot import plot_cnn_vs_transformer

    return plot_cnn_vs_transformer(result)


def compute_fig16(quick=False):
    from ..experiments.other_optimizers import FIG16_CAPTION, compute_fig16

    return {"result": compute_fig16(quick), "caption_values": {"caption": FIG16_CAPTION}}


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
