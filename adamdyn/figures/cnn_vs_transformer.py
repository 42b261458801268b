"""Neural networks (fig18): a small CNN and a small GPT-style Transformer, GD vs Adam (each tuned), loss
curves and Hessian spectral densities, from :mod:`adamdyn.torch.experiments` (torch imported only by
:func:`compute`).
"""

from __future__ import annotations

from ..references import cite
from .neural_networks import plot_cnn_vs_transformer, run_for_figure

__all__ = ["HEAD", "compute", "plot"]

HEAD = (
    f"Fig. 15 d-f of {cite('adam-degenerate', title=False)}: a small CNN on digits and a small GPT-style Transformer on an offline text corpus "
    "(the standard library's docstrings), GD (SGD on minibatches for the CNN) and Adam, each tuned over a "
    "learning-rate grid; loss curves and Hessian spectral densities. Quick settings of "
    "`adamdyn nn cnn-vs-transformer`."
)


def compute(quick=False):
    return run_for_figure("cnn-vs-transformer", HEAD, {"cnn": "CNN", "gpt": "Transformer"}, quick)


def plot(data):
    return plot_cnn_vs_transformer(data["result"])
