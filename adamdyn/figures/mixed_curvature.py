r"""GD, momentum and Adam on the mixed objective :math:`x^2/2 + y^4/4` (fig08): the degenerate direction
:math:`y` bottlenecks GD and momentum; Adam keeps converging linearly in it while :math:`x` spikes.
"""

from __future__ import annotations

import numpy as np

from ..dynamics.simulation import simulate
from ._labels import LOSS, OPTIMIZER_LABELS, STEP
from .convex_vs_degenerate import PARAMS
from .style import OPTIMIZER_COLORS, label_panels, new_figure, styled

__all__ = ["PARAMS", "compute", "plot", "facts"]


def compute(quick=False) -> dict:
    """GD, momentum and Adam on x^2/2 + y^4/4 from (1, 1), raw float64 runs."""
    steps = 3000
    runs = {opt: simulate(opt, objective="mixed", x0=[1.0, 1.0], steps=steps, mode="raw", **p)
            for opt, p in PARAMS.items()}
    return {"runs": runs, "settings": {"steps": steps, "params": PARAMS, "x0": [1.0, 1.0]}}


@styled
def plot(data):
    runs = data["runs"]
    fig, axes = new_figure(1, 3, width=7.6, height=2.7, sharex=True)
    a, b, c = axes.ravel()
    for opt, r in runs.items():
        kw = {"color": OPTIMIZER_COLORS[opt], "label": OPTIMIZER_LABELS[opt]}
        a.plot(r.step, r.log10_loss, **kw)
        with np.errstate(divide="ignore"):
            b.plot(r.step, np.log10(np.abs(r.x[:, 0])), **kw)
            c.plot(r.step, np.log10(np.abs(r.x[:, 1])), **kw)
    a.set_title(r"$f = x^2/2 + y^4/4$")
    a.set_ylabel(LOSS)
    b.set_title(r"quadratic direction $x$")
    b.set_ylabel(r"$\log_{10}|x_t|$")
    c.set_title(r"degenerate direction $y$")
    c.set_ylabel(r"$\log_{10}|y_t|$")
    for ax in (a, b, c):
        ax.set_xlabel(STEP)
    a.legend(loc="lower left")
    label_panels([a, b, c])
    return fig


def facts(data) -> dict:
    runs = data["runs"]
    return {opt: {"final": r.final_log10_loss, "min": r.min_log10_loss,
                  "final_log10_abs_y": float(np.log10(abs(r.x[-1, 1])))} for opt, r in runs.items()}
