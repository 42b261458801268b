r"""The quadratic case's phase diagram (fig10): Adam's minimum loss on :math:`x^2/2` over
:math:`(\beta_1, \beta_2)` and when it is reached; no Regime I at :math:`n = 2`.
"""

from __future__ import annotations

import numpy as np

from ._adam_sweeps import grid, settings, sweep
from ._heatmaps import heatmap
from ._labels import MINLOSS
from .style import label_panels, new_figure, styled

__all__ = ["LR", "compute", "plot", "facts"]

LR = 0.0123


def facts(pd) -> dict:
    """Numbers behind the figure (Adam on x^2/2), read off the sweep ``pd``.

    ``observed_regime_one``: cells whose run alone is labelled Regime I (sustained linear convergence);
    ``theory_regime_one``: cells where the derivation finds a stable fixed point; ``spiked_fraction``:
    share of cells whose loss spiked; ``beta2_rank_correlation``: median over beta1 rows of the rank
    correlation of the minimum log10 loss with beta2.
    """
    m = np.asarray(pd.min_log10_loss, float)

    def ranks(a):
        return np.argsort(np.argsort(a)).astype(float)

    cor = [np.corrcoef(ranks(pd.axis1), ranks(m[i]))[0, 1] for i in range(m.shape[0])]
    return {"cells": int(m.size), "observed_regime_one": int(np.sum(pd.regime_observed == 1)),
            "theory_regime_one": int(np.sum(pd.regime_theory == 1)),
            "spiked_fraction": float(np.mean(pd.spike_step >= 0)),
            "beta2_rank_correlation": float(np.nanmedian(cor)), "deepest": float(np.min(m))}


def compute(quick=False):
    s = settings(quick)
    g = tuple(grid(0.005, 0.995, s["cells"]))
    steps = 1500 if quick else 3000
    pd = sweep(2.0, g, g, steps, LR, "normalized", 1.0)
    f = facts(pd)
    return {"pd": pd, "settings": s, "facts": f, "caption_values": {"caption": (
        f"Quadratic case (x^2/2): minimum log10 loss of Adam on a {len(g)} x {len(g)} grid over beta1, beta2 in "
        f"[{g[0]:g}, {g[-1]:g}], lr {LR:g}, x0 = 1 (1/lr is not an integer, so SignGD cannot land exactly "
        f"on the minimum), {steps} steps (normalized log-space runs, colours clipped at 1e-300). For n = 2 "
        "there is no non-trivial fixed point and no Regime I (the paper's App. F): the derivation finds a "
        f"stable point in {f['theory_regime_one']} of {f['cells']} cells, and {f['observed_regime_one']} runs "
        f"are labelled Regime I from their loss alone; {f['spiked_fraction']:.0%} of the runs spike within "
        "the budget, the rest stay near the sign-descent floor. The minimum reached before the spike is deepest "
        f"at large beta2 (down to 1e{f['deepest']:.0f}; median rank correlation with beta2 at fixed beta1 "
        f"{f['beta2_rank_correlation']:+.2f}).")}}


@styled
def plot(data):
    pd = data["pd"]
    fig, axes = new_figure(1, 2, width=8.0, height=3.4)
    a, b = axes.ravel()
    heatmap(a, pd.axis0, pd.axis1, np.maximum(pd.min_log10_loss, -300), label=MINLOSS, fig=fig)
    a.set_title(r"min loss on $x^2/2$")
    heatmap(b, pd.axis0, pd.axis1, np.where(pd.min_step > 0, np.log10(np.maximum(pd.min_step, 1)), np.nan),
            label=r"$\log_{10}$ step of the minimum", fig=fig, cmap="cividis")
    b.set_title("when the minimum (spike onset) is reached")
    label_panels([a, b])
    return fig
