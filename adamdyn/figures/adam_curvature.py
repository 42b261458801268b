r"""Adam's loss, effective curvature :math:`\lambda_t`, :math:`v_t` and :math:`g_t^2` on :math:`x^2/2` and
:math:`|x|^4/4` (fig02): the curvature grows without bound on the quadratic (a spike) and settles on the quartic.
"""

from __future__ import annotations

import numpy as np

from ..dynamics.simulation import simulate
from ._labels import LOSS, STEP
from ._moments import log10_moments
from ._spikes import shade_spans, spike_mask
from .style import COLORS, label_panels, new_figure, styled

__all__ = ["PARAMS", "compute", "plot", "facts"]

PARAMS = {"lr": 0.01, "beta1": 0.9, "beta2": 0.99}


def compute(quick=False) -> dict:
    """Adam (lr 0.01, betas 0.9/0.99, x0 = 1) on x^2/2 and |x|^4/4, normalized (log-space) runs."""
    steps = 2000 if quick else 3000
    runs = {n: simulate("adam", n=n, x0=1.0, steps=steps, mode="normalized", **PARAMS) for n in (2, 4)}
    return {"runs": runs, "settings": {"steps": steps, "params": PARAMS, "x0": 1.0}}


@styled
def plot(data):
    runs = data["runs"]
    fig, axes = new_figure(2, 2, width=7.0, height=5.0)
    (a, b), (c, d) = axes
    colors = {2: COLORS["red"], 4: COLORS["blue"]}
    names = {2: r"$x^2/2$", 4: r"$|x|^4/4$"}
    for n, r in runs.items():
        a.plot(r.step, r.log10_loss, color=colors[n], label=names[n])
        b.plot(r.step, r.log10_lambda, color=colors[n], label=names[n])
    shade_spans(a, spike_mask(runs[2].log10_loss), runs[2].step, COLORS["red"], label="spike")
    shade_spans(b, spike_mask(runs[2].log10_loss), runs[2].step, COLORS["red"], label="spike")
    a.set_ylabel(LOSS)
    a.set_title("loss")
    b.set_ylabel(r"$\log_{10}\lambda_t$,  $\lambda_t = \eta|x_t|^{n-2}/\sqrt{v_t}$")
    b.set_title("effective curvature")
    for ax, n in ((c, 2), (d, 4)):
        mom = log10_moments(runs[n])
        ax.plot(runs[n].step, mom["g2"], color=COLORS["orange"], label=r"$g_t^2$")
        ax.plot(runs[n].step, mom["v"], color=COLORS["blue"], ls="--", label=r"$v_t$")
        ax.set_ylabel(r"$\log_{10}$ value")
        ax.set_title(r"$v_t$ and $g_t^2$ on " + names[n])
        if n == 2:
            shade_spans(ax, spike_mask(runs[2].log10_loss), runs[2].step, COLORS["red"], label="spike")
    for ax in (a, b, c, d):
        ax.set_xlabel(STEP)
        ax.legend(loc="best")
    label_panels([a, b, c, d])
    return fig


def facts(data) -> dict:
    """Spike size on x^2; late loss rise and late lambda drift on |x|^4 (0 when stable)."""
    r2, r4 = data["runs"][2], data["runs"][4]
    i = int(np.argmin(r2.log10_loss))
    half = len(r4.step) // 2
    lam = r4.log10_lambda[half:]
    return {
        "quadratic_spike_decades": float(np.max(r2.log10_loss[i:]) - r2.log10_loss[i]),
        "quartic_max_rise": float(np.max(np.diff(r4.log10_loss[half:]))),
        "quartic_lambda_range": float(np.max(lam) - np.min(lam)),
        "quadratic_lambda_growth": float(r2.log10_lambda[i] - r2.log10_lambda[0]),
    }
