"""Neural networks (fig15): a two-layer MLP with ReLU or softmax activation, GD vs Adam (each tuned), loss
curves and Hessian spectral densities, from :mod:`adamdyn.torch.experiments` (torch imported only by
:func:`compute`).
"""

from __future__ import annotations

from ..references import cite
from .neural_networks import nn_caption, plot_mlp_activation, torch_experiments

__all__ = ["HEAD", "compute", "plot"]

HEAD = (
    f"Fig. 15 a-c of {cite('adam-degenerate', title=False)} on scikit-learn's digits (offline): a two-layer MLP with ReLU or softmax activation "
    "trained full-batch by GD and by Adam (lr tuned on a grid for each); loss curves and the Hessian spectral "
    "density (stochastic Lanczos quadrature) at the end. Quick settings of `adamdyn nn mlp-activation` "
    "(150 steps, one seed); `adamdyn nn mlp-activation` gives the full run."
)


def compute(quick=False):
    # run_experiment: one intra-op CPU thread (the networks are tiny; with the default count, CPU cores
    # shared with other processes made this figure ~13x slower)
    res = torch_experiments().run_experiment("mlp-activation", quick=True, tiny=quick, device="auto")
    names = {"relu": "ReLU", "softmax": "softmax"}
    return {"result": res, "caption_values": {"caption": nn_caption(HEAD, res, ("relu", "softmax"), names)}}


def plot(data):
    return plot_mlp_activation(data["result"])
