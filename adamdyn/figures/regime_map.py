r"""The three regimes in the :math:`(\beta_1, \beta_2)` plane (fig05): the theory map at :math:`n = 4` with
the runs of fig06 marked, and how the boundaries move with :math:`n`. Regimes come from
:mod:`adamdyn.theory` (via :mod:`adamdyn.figures._theory`).
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from ._heatmaps import edges, theory_lines
from ._labels import B1, B2
from ._theory import theory_grid
from .regime_runs import POINTS
from .style import REGIME_COLORS, label_panels, new_figure, styled

__all__ = ["NAMES", "compute", "plot"]

NAMES = {1: "I: stable linear convergence", 2: "II: linear, then spikes", 3: "III: SignGD-like oscillation"}


def compute(quick=False):
    k = 161 if quick else 501
    g = np.round(np.linspace(0.5 / k, 1 - 0.5 / k, k), 6)
    maps = {n: theory_grid("adam", float(n), g, g) for n in (4, 6, 8, 16)}
    return {"beta1": g, "beta2": g, "maps": maps, "points": POINTS, "caption_values": {"caption": (
        "Theory regimes of Adam on |x|^4/4 in the (beta1, beta2) plane (adamdyn.theory, "
        f"{k} x {k} grid). (a) Regime I (stable non-trivial fixed point: beta1 < beta2 and condition [9]), "
        "Regime II (fixed point exists but is unstable: beta2 <= beta1 < beta2^(3/4), or [9] fails in the "
        "lower-left corner) and Regime III (no non-trivial fixed point: beta1 >= beta2^(3/4)); markers: the "
        "runs of Fig. 6. (b) The stability boundary (solid) and existence boundary (dashed) for n = 4, 6, 8, 16: "
        "both move right as n grows, so the stable region grows with n.")}}


@styled
def plot(data):
    fig, axes = new_figure(1, 2, width=8.4, height=3.7)
    a, b = axes.ravel()
    g1, g2 = data["beta1"], data["beta2"]
    reg, rad = data["maps"][4]
    cmap = ListedColormap([REGIME_COLORS[i] for i in (1, 2, 3)])
    a.pcolormesh(edges(g1), edges(g2), np.asarray(reg, float).T, cmap=cmap,
                 norm=BoundaryNorm([0.5, 1.5, 2.5, 3.5], 3), alpha=0.55, rasterized=True)
    handles = theory_lines(a, g1, g2, reg, rad, legend=False)
    handles = [Patch(color=REGIME_COLORS[i], alpha=0.55, label=NAMES[i]) for i in (1, 2, 3)] + handles
    for r, (p1, p2) in data["points"].items():
        a.plot(p1, p2, marker="o", ms=6, mec="white", mfc="black", ls="none")
        a.annotate(f"Fig. 6 ({'I' * r if r < 3 else 'III'})", (p1, p2), textcoords="offset points",
                   xytext=(-6, 6), ha="right", fontsize=7)
    a.legend(handles=handles, loc="upper left", fontsize=6.5)
    a.set_title(r"regimes, $n = 4$")
    styles = {4: "-", 6: "--", 8: "-.", 16: ":"}
    for n, (rg, _) in data["maps"].items():
        X, Y = np.meshgrid(g1, g2, indexing="ij")
        b.contour(X, Y, (rg == 1).astype(float), levels=[0.5], colors=[REGIME_COLORS[1]], linestyles=styles[n])
        b.contour(X, Y, (rg != 3).astype(float), levels=[0.5], colors=[REGIME_COLORS[3]], linestyles=styles[n])
    from matplotlib.lines import Line2D
    hb = [Line2D([], [], color="k", ls=styles[n], label=f"$n = {n}$") for n in data["maps"]]
    hb += [Line2D([], [], color=REGIME_COLORS[1], label="stability (I/II)"),
           Line2D([], [], color=REGIME_COLORS[3], label="existence (II/III)")]
    b.legend(handles=hb, loc="upper left", fontsize=7)
    b.set_title("boundaries move right as $n$ grows")
    for ax in (a, b):
        ax.set_xlabel(B1)
        ax.set_ylabel(B2)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.grid(False)
    label_panels([a, b])
    return fig
