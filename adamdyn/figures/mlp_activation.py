"""Neural networks (fig15): a two-layer MLP with ReLU or softmax activation, GD vs Adam (each tuned), loss
curves and Hessian spectral densities, from :mod:`adamdyn.torch.experiments` (torch imported only by
:func:`compute`).
"""

from __future__ import annotations

from ..references import cite
from .neural_networks import plot_mlp_activation, run_for_figure

__all__ = ["HEAD", "compute", "plot"]

HEAD = (
    f"Fig. 15 a-c of {cite('adam-degenerate', title=False)} on scikit-learn's digits (offline): a two-layer MLP with ReLU or softmax activation "
    "trained full-batch by GD and by Adam (lr tuned on a grid for each); loss curves and the Hessian spectral "
    "density (stochastic Lanczos quadrature) at the end. Quick settings of `adamdyn nn mlp-activation` "
    "(150 steps, one seed); `adamdyn nn mlp-activation` gives the full run."
)


def compute(quick=False):
    return run_for_figure("mlp-activation", HEAD, {"relu": "ReLU", "softmax": "softmax"}, quick)


def plot(data):
    return plot_mlp_activation(data["result"])
