r"""Grid search of Adam on :math:`|x|^4/4` (fig07): minimum loss, final loss and maximum coupling ratio
:math:`v_t/g_t^2` over :math:`(\beta_1, \beta_2)`, with the theory boundaries and the observed Regime I edge.
"""

from __future__ import annotations

import numpy as np

from ._adam_sweeps import boundary_offsets, main_sweep, settings, theory_map
from ._heatmaps import empirical_line, heatmap, theory_lines
from ._labels import COUPLING, FINLOSS, MINLOSS
from .style import label_panels, new_figure, styled

__all__ = ["compute", "plot"]


def compute(quick=False):
    pd = main_sweep(4, quick)
    off = boundary_offsets(pd)
    return {"pd": pd, "theory": theory_map(4, quick), "settings": settings(quick), "caption_values": {"caption": (
        f"Grid search of Adam on |x|^4/4 ({len(pd.axis0)} x {len(pd.axis1)} grid over beta1, beta2 in "
        f"[{pd.axis0[0]:g}, {pd.axis0[-1]:g}], lr {pd.params['lr']:g}, x0 = {pd.x0:g}, {pd.steps} steps, "
        "normalized log-space runs, colours clipped at 1e-300). (a) Minimum loss, (b) final loss, (c) maximum coupling ratio v_t/g_t^2 over the run. "
        "Regime I's loss keeps falling far below float64's range. Solid: theoretical stability boundary (spectral radius 1, Regime I/II); dashed: existence of the "
        "non-trivial fixed point (Regime II/III). Regime I converges and stays converged; Regime II "
        "reaches low loss, then spikes (final loss high); Regime III stays near the SignGD floor lr^4/4 with "
        "v tightly coupled to g^2 (low ratio). Dotted red: edge of the observed Regime I, within "
        f"{int(np.max(np.abs(off)))} cell(s) of theory for 0.1 <= beta2 <= 0.9.")}}


@styled
def plot(data):
    pd, th = data["pd"], data["theory"]
    fig, axes = new_figure(1, 3, width=10.0, height=3.3)
    a, b, c = axes.ravel()
    heatmap(a, pd.axis0, pd.axis1, np.maximum(pd.min_log10_loss, -300), label=MINLOSS, fig=fig)
    heatmap(b, pd.axis0, pd.axis1, np.maximum(pd.final_log10_loss, -300), label=FINLOSS, fig=fig)
    cpl = pd.max_log10_coupling
    heatmap(c, pd.axis0, pd.axis1, cpl, label=COUPLING, fig=fig, cmap="cividis")
    for ax, title in ((a, "minimum loss"), (b, "final loss"), (c, "max coupling ratio")):
        h = theory_lines(ax, th["beta1"], th["beta2"], th["regime"], th["radius"], legend=False)
        ax.set_title(title)
    h.append(empirical_line(b, pd.axis0, pd.axis1, pd.regime_observed == 1))
    b.legend(handles=h, loc="lower right", fontsize=6.5)
    label_panels([a, b, c])
    return fig
