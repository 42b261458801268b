r"""Adam's atlas at n = 4 and the basins of its linear-convergence point (fig20), measured without theory.

(a) The label of every cell of (beta1, beta2) from :func:`adamdyn.dynamics.atlas` (fixed point, periodic,
quasi-periodic, chaotic, spiking, divergent, unresolved). (b) The largest Lyapunov exponent of the reduced
map along each orbit. (c) The share of the plane of starts :math:`(u_0, \lambda_0)` that converges to the
attracting point (:func:`adamdyn.dynamics.basin_fractions`).
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from ._heatmaps import heatmap
from .style import COLORS, new_figure, styled

__all__ = ["compute", "plot", "LABEL_COLORS", "SETTINGS"]

LABEL_COLORS = {"fixed_point": COLORS["blue"], "periodic": COLORS["green"], "quasi_periodic": COLORS["sky"],
                "chaotic": COLORS["red"], "spiking": COLORS["orange"], "divergent": COLORS["black"],
                "unresolved": COLORS["grey"]}
SETTINGS = {"n": 4, "beta1": (0.01, 0.99), "beta2": (0.01, 0.999)}


def compute(quick=False):
    from ..dynamics.atlas import LABELS, atlas
    from ..dynamics.basins import basin_fractions

    size, steps = (32, 1000) if quick else (96, 3000)
    b1 = np.linspace(*SETTINGS["beta1"], size)
    b2 = np.linspace(*SETTINGS["beta2"], size)
    a = atlas("adam", {"beta1": b1, "beta2": b2}, n=SETTINGS["n"], steps=steps)
    fsize, fgrid = (6, 6) if quick else (12, 12)
    f = basin_fractions("adam", {"beta1": np.linspace(0.05, 0.95, fsize), "beta2": np.linspace(0.05, 0.995, fsize)},
                        n=SETTINGS["n"], grid=fgrid, steps=steps)
    code = np.vectorize(LABELS.index)(a.label)
    counts = a.counts()
    fp = a.label == "fixed_point"
    share_fp = float(fp.mean())
    caption = (
        f"Adam on |x|^4/4, the atlas of the normalized map ({size} x {size} cells, {steps} + {steps} steps, start "
        f"u = 1, lambda = lr/x0 with x0 = 1 and lr = {1 / a.init['z']:g}). (a) Labels measured "
        "from the orbit alone: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f" cells; fixed points "
        f"(linear convergence) cover {share_fp:.0%} of the plane. (b) Largest Lyapunov exponent of the whole "
        f"map, the coordinates and z (QR method; the exponents add up to the mean log|det J| to "
        f"{np.nanmax(a.sum_rule_gap):.0e}). "
        f"(c) Share of {fgrid} x {fgrid} starts (u0 in [-1, 3], lambda0 in [1e-2, 10] log-spaced, z0 = 1e-100) "
        "that end at the attracting point; 0 where no start converges. Starts that land almost on the minimum "
        "or overshoot past 1e100 are unresolved (not counted).")
    return {"atlas": a.summary(), "code": code, "fractions": f.summary(), "quick": quick,
            "caption_values": {"caption": caption, "counts": counts, "share_fixed_point": share_fp}}


@styled
def plot(data):
    from ..dynamics.atlas import LABELS

    fig, ax = new_figure(1, 3, width=11.0, height=3.6, squeeze=True)
    a = data["atlas"]
    b1, b2 = a["axes"]["beta1"], a["axes"]["beta2"]
    cmap = ListedColormap([LABEL_COLORS[k] for k in LABELS])
    norm = BoundaryNorm(np.arange(len(LABELS) + 1) - 0.5, len(LABELS))
    m = heatmap(ax[0], b1, b2, data["code"], cmap=cmap, cbar=False)
    m.set_norm(norm)
    present = [k for k in LABELS if np.any(np.asarray(a["label"]) == k)]
    ax[0].legend(handles=[Patch(color=LABEL_COLORS[k], label=k.replace("_", " ")) for k in present],
                 loc="lower right", fontsize=6.5, framealpha=0.85)
    lam1 = np.asarray(a["lyapunov_spectrum"])[..., 0]
    vmax = float(np.nanmax(np.abs(lam1))) if np.isfinite(lam1).any() else 1.0
    heatmap(ax[1], b1, b2, lam1, cmap="RdBu_r", vmin=-vmax, vmax=vmax, label="largest Lyapunov exponent")
    f = data["fractions"]
    heatmap(ax[2], f["axes"]["beta1"], f["axes"]["beta2"], f["share"], cmap="viridis", vmin=0, vmax=1,
            label="basin share")
    for a_, title in zip(ax, ("(a) long-run behaviour, labelled without theory",
                              "(b) largest Lyapunov exponent",
                              "(c) basin of the linear point (share of u0, lambda0)")):
        a_.set_title(title, fontsize=9, loc="left")
    return fig
