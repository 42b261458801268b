r"""The lower-left corner of the :math:`n = 4` diagram, where condition [9] cuts the stable region (fig12).
"""

from __future__ import annotations

import numpy as np

from ._adam_sweeps import grid, main_sweep, radius_panel, settings, sweep, theory_map
from ._heatmaps import heatmap, theory_lines
from ._labels import FINLOSS
from ._theory import theory_grid
from .style import label_panels, new_figure, styled

__all__ = ["ZOOM", "compute", "plot"]

ZOOM = {"beta1": (0.001, 0.1), "beta2": (0.001, 0.1)}


def compute(quick=False):
    s = settings(quick)
    pd = main_sweep(4, quick)
    k = s["cells"]
    z1 = tuple(grid(*ZOOM["beta1"], k))
    z2 = tuple(grid(*ZOOM["beta2"], k))
    pz = sweep(4.0, z1, z2, s["steps"], s["lr"], s["mode"], s["x0"])
    kt = s["theory_cells"]
    t1, t2 = grid(*ZOOM["beta1"], kt), grid(*ZOOM["beta2"], kt)
    reg, rad = theory_grid("adam", 4.0, t1, t2)
    return {"pd": pd, "zoom": pz, "theory": theory_map(4, quick),
            "theory_zoom": {"beta1": t1, "beta2": t2, "regime": reg, "radius": rad},
            "caption_values": {"caption": (
                "The lower-left corner of the n = 4 diagram. (a) Theory: spectral radius; the stable region "
                "(solid) is cut off where condition [9] fails (small beta1 and beta2 < 1/16). (b) The corner "
                f"magnified (beta1 <= {ZOOM['beta1'][1]:g}, beta2 <= {ZOOM['beta2'][1]:g}). (c, d) Final log10 "
                f"loss of Adam (lr {pd.params['lr']:g}, x0 = 1, {pd.steps} normalized steps, {k} x {k} grids), with the "
                "theory boundaries: in the main region theory and experiment agree; in the corner runs can still "
                "converge where the fixed point is locally unstable (bounded period doubling / chaos, Fig. 13).")}}


@styled
def plot(data):
    fig, axes = new_figure(2, 2, width=8.0, height=6.4)
    (a, b), (c, d) = axes
    for ax, th, title in ((a, data["theory"], "theory"), (b, data["theory_zoom"], "theory, corner magnified")):
        radius_panel(fig, ax, th, title)
    for ax, pd, th, title in ((c, data["pd"], data["theory"], "final loss"),
                              (d, data["zoom"], data["theory_zoom"], "final loss, corner magnified")):
        heatmap(ax, pd.axis0, pd.axis1, np.maximum(pd.final_log10_loss, -300), label=FINLOSS, fig=fig)
        theory_lines(ax, th["beta1"], th["beta2"], th["regime"], th["radius"])
        ax.set_title(title)
    label_panels([a, b, c, d])
    return fig
