r"""GD, heavy-ball momentum and Adam on the convex :math:`x^2/2` and the degenerate :math:`|x|^4/4` (fig01).

:func:`compute` runs the three optimizers from :math:`x_0 = 1` (normalized log-space runs),
:func:`plot` draws the losses (linear and log-log), :func:`facts` measures what the figure shows.
"""

from __future__ import annotations

import numpy as np

from ..dynamics.simulation import simulate
from ._labels import LOSS, OPTIMIZER_LABELS, STEP
from ._slopes import fit_slope, loglog_slope
from ._spikes import shade_spans, spike_mask
from .style import COLORS, OPTIMIZER_COLORS, label_panels, new_figure, styled

__all__ = ["PARAMS", "compute", "plot", "facts"]

PARAMS = {
    "gd": {"lr": 0.1},
    "momentum": {"lr": 0.01, "beta": 0.9},
    "adam": {"lr": 0.01, "beta1": 0.9, "beta2": 0.99},
}


def compute(quick=False) -> dict:
    """GD, heavy-ball momentum and Adam on :math:`x^2/2` and :math:`|x|^4/4` from :math:`x_0 = 1`."""
    steps = 2000 if quick else 3000
    runs = {}
    for n in (2, 4):
        for opt, params in PARAMS.items():
            runs[(n, opt)] = simulate(opt, n=n, x0=1.0, steps=steps, mode="normalized", **params)
    return {"runs": runs, "settings": {"steps": steps, "params": PARAMS, "x0": 1.0}}


@styled
def plot(data):
    runs = data["runs"]
    fig, axes = new_figure(1, 3, width=7.6, height=2.7)
    axes = axes.ravel()
    for ax, n in zip(axes[:2], (2, 4)):
        for opt in PARAMS:
            r = runs[(n, opt)]
            ax.plot(r.step, r.log10_loss, color=OPTIMIZER_COLORS[opt], label=OPTIMIZER_LABELS[opt])
        if n == 2:
            r = runs[(2, "adam")]
            shade_spans(ax, spike_mask(r.log10_loss), r.step, COLORS["red"], label="Adam spikes")
        ax.set_xlabel(STEP)
        ax.set_ylabel(LOSS)
        ax.set_title(r"$f = x^2/2$" if n == 2 else r"$f = |x|^4/4$")
    axes[0].legend(loc="lower left")
    ax = axes[2]
    for opt in PARAMS:
        r = runs[(4, opt)]
        s = r.step[1:]
        ax.plot(s, r.log10_loss[1:], color=OPTIMIZER_COLORS[opt], label=OPTIMIZER_LABELS[opt])
    r = runs[(4, "gd")]
    t = np.array([30.0, float(r.step[-1])])
    anchor = np.interp(t[0], r.step, r.log10_loss) + 0.6
    ax.plot(t, anchor - 2.0 * np.log10(t / t[0]), "k--", lw=0.9, label=r"$\propto t^{-2}$")
    ax.set_xscale("log")
    ax.set_xlabel(STEP + " (log scale)")
    ax.set_ylabel(LOSS)
    ax.set_title(r"$f = |x|^4/4$, log-log")
    ax.legend(loc="lower left")
    label_panels(axes)
    return fig


def facts(data) -> dict:
    """Numbers behind the figure: GD's power-law exponent and Adam's linear rate on |x|^4, Adam's spike on x^2."""
    runs = data["runs"]
    r_gd, r_adam, r_q = runs[(4, "gd")], runs[(4, "adam")], runs[(2, "adam")]
    T = int(r_gd.step[-1])
    i = int(np.argmin(r_q.log10_loss))
    return {
        "gd_loglog_exponent": loglog_slope(r_gd.step, r_gd.log10_loss, T // 4, T),
        "adam_late_slope": fit_slope(r_adam.step, r_adam.log10_loss, T // 2, T),
        "adam_quadratic_spike_decades": float(np.max(r_q.log10_loss[i:]) - r_q.log10_loss[i]),
    }
