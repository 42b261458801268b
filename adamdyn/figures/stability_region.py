r"""Adam's stability region at :math:`n = 4` (fig03): the theory spectral radius beside the empirical phase diagram.
"""

from __future__ import annotations

import numpy as np

from ._adam_sweeps import boundary_offsets, main_sweep, radius_panel, settings, theory_map
from ._heatmaps import empirical_line, heatmap, theory_lines
from ._labels import MINLOSS
from .style import label_panels, new_figure, styled

__all__ = ["compute", "plot"]


def compute(quick=False):
    pd = main_sweep(4, quick)
    data = {"pd": pd, "theory": theory_map(4, quick), "settings": settings(quick)}
    off = boundary_offsets(pd)
    data["caption_values"] = {"caption": (
        "Adam on |x|^4/4. (a) Theory (adamdyn.theory): spectral radius of the Jacobian at the non-trivial "
        "fixed point, shown where the point exists; the stable region (radius < 1, solid line) is beta1 < beta2 "
        "except a small lower-left corner cut by condition [9]; dashed: the fixed point exists (II/III border). "
        f"(b) Empirical: minimum log10 loss over {pd.steps} steps (normalized log-space runs) on a "
        f"{len(pd.axis0)} x {len(pd.axis1)} grid (lr {pd.params['lr']:g}, x0 = {pd.x0:g}); colours clipped at "
        "1e-300, far below float64 machine precision. Dotted red: edge of the observed Regime I; it lies within "
        f"{int(np.max(np.abs(off)))} grid cell(s) of the theoretical edge for 0.1 <= beta2 <= 0.9.")}
    return data


@styled
def plot(data):
    pd, th = data["pd"], data["theory"]
    fig, axes = new_figure(1, 2, width=8.0, height=3.5)
    a, b = axes.ravel()
    radius_panel(fig, a, th, r"theory, $n = 4$")
    heatmap(b, pd.axis0, pd.axis1, np.maximum(pd.min_log10_loss, -300), label=MINLOSS, fig=fig)
    h = theory_lines(b, th["beta1"], th["beta2"], th["regime"], th["radius"], legend=False)
    h.append(empirical_line(b, pd.axis0, pd.axis1, pd.regime_observed == 1))
    b.legend(handles=h, loc="lower right")
    b.set_title(r"empirical min loss, $n = 4$")
    label_panels([a, b])
    return fig
