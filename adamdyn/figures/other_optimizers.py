r"""Phase diagrams of the other papers' optimizers on :math:`|x|^n/n` (fig16): AdaMomentum, AdaBelief, S3 with
and without Nesterov, and Adam with several :math:`v_0`, at :math:`n = 4` and :math:`6`.

The sweeps, the derived regimes and their agreement come from :mod:`adamdyn.experiments.other_optimizers`
(imported when the figure is computed or drawn: the derivation needs sympy).
"""

from __future__ import annotations

import numpy as np

from ._heatmaps import edges
from ._labels import SYMBOLS
from .style import COLORS, new_figure, style

__all__ = ["CAPTION", "caption", "compute", "plot"]

CAPTION = (
    "Phase diagrams of the other papers' optimizers on |x|^n/n (first two rows n = 4, last two n = 6; "
    "normalized-mode runs from x0 = 1 with lr = 1e-2, {steps} steps, {size} x {size} grid): final log10 loss "
    "over (beta1, beta2) for AdaMomentum, AdaBelief and Adam with v0 = 0, g0^2 and 100 g0^2, and over "
    "(beta, p) for S3 with and without Nesterov. White lines: derived boundaries of the regimes (stable "
    "linear convergence | fixed point exists but unstable | no fixed point) from the normalized map of each "
    "rule (solid: stability, dashed: existence). The regime read off each run alone (no theory) is compared "
    "with the derived one on the cells at least 3 cells from a derived boundary: each title gives the share "
    "that agree on stable linear convergence or not (I/not) and on the regime label itself (I/II/III, which "
    "a run's loss separates less well between II and III); red dots mark cells that disagree on I/not. "
    "v0 leaves the map and its boundaries unchanged. Over the 14 panels, I/not agrees on {lo:.1%} to "
    "{hi:.1%} of those cells."
)


def caption(data) -> str:
    """:data:`CAPTION` with the grid, the steps and the measured agreement range filled in."""
    from ..experiments.other_optimizers import agreement

    agree = agreement(data)
    return CAPTION.format(steps=data.steps, size=data.axis0.shape[1], lo=float(np.nanmin(agree)),
                                hi=float(np.nanmax(agree)))


def compute(quick=False) -> dict:
    """Every panel swept at n = 4 and 6 (:func:`adamdyn.experiments.other_optimizers.sweep_panels`) and the caption."""
    from ..experiments.other_optimizers import sweep_panels

    res = sweep_panels(quick)
    return {"result": res, "caption_values": {"caption": caption(res)}}


def plot(data, which="final", ncols=4):
    """Phase diagrams on a grid of ``ncols`` columns, one block of rows per degree ``n``.

    Heatmap of ``which`` (``"final"`` or ``"min"``) log10 loss; the derived regime boundaries
    (``regime_theory``) as white contours (solid: stability, dashed: existence); red dots where,
    away from those boundaries, the run alone disagrees with the theory on stable linear convergence
    (:func:`adamdyn.experiments.other_optimizers.disagreement`). ``data["result"]`` is an
    :class:`adamdyn.experiments.other_optimizers.OtherPhases`.
    """
    from ..experiments.other_optimizers import agreement, disagreement

    data = data["result"]
    arr = np.maximum(data.final_log10_loss if which == "final" else data.min_log10_loss, -300.0)
    n_ns, n_panels = arr.shape[:2]
    rows_per_n = -(-n_panels // ncols)
    vmax = float(np.nanmax(arr)) if np.isfinite(arr).any() else 0.0
    stable_agree, regime_agree = agreement(data), agreement(data, stable_only=False)
    with style():
        fig, axes = new_figure(n_ns * rows_per_n, ncols, width=2.05 * ncols + 0.9,
                               height=2.05 * n_ns * rows_per_n + 0.3)
        im = None
        for i in range(n_ns):
            for k in range(n_panels):
                ax = axes[i * rows_per_n + k // ncols][k % ncols]
                panel = data.panels[k]
                a0, a1 = np.asarray(data.axis0[k], float), np.asarray(data.axis1[k], float)
                im = ax.pcolormesh(edges(a0), edges(a1), arr[i, k].T, shading="flat", vmin=-300.0, vmax=vmax,
                                   cmap="viridis", rasterized=True)
                reg = np.asarray(data.regime_theory[i, k])
                X, Y = np.meshgrid(a0, a1, indexing="ij")
                for mask, ls in (((reg == 1), "solid"), ((reg != 3), "dashed")):
                    if 0 < mask.mean() < 1:
                        ax.contour(X, Y, mask.astype(float), levels=[0.5], colors="white", linewidths=1.0,
                                   linestyles=ls)
                bad = disagreement(data, i, k)
                ax.plot(X[bad], Y[bad], "o", ms=1.6, color=COLORS["red"], mew=0)
                letter = chr(ord("a") + i * n_panels + k)
                ax.set_title(f"({letter}) {panel['label']}, $n={data.ns[i]:g}$\n"
                             f"agree: I/not {stable_agree[i, k]:.0%}, I/II/III {regime_agree[i, k]:.0%}",
                             fontsize=7)
                ax.set_xlabel(SYMBOLS.get(panel["axes"][0], panel["axes"][0]), labelpad=1)
                ax.set_ylabel(SYMBOLS.get(panel["axes"][1], panel["axes"][1]), labelpad=1)
                ax.tick_params(labelsize=6.5)
                ax.grid(False)
            for k in range(n_panels, rows_per_n * ncols):
                _legend_panel(axes[i * rows_per_n + k // ncols][k % ncols], data.ns[i])
        fig.colorbar(im, ax=[a for row in axes for a in row], shrink=0.5, aspect=30,
                     label=rf"{which} $\log_{{10}}$ loss (clipped at $-300$)")
    return fig


def _legend_panel(ax, n):
    """An empty grid slot used for the key of the lines and dots."""
    from matplotlib.lines import Line2D

    ax.set_axis_off()
    handles = [Line2D([], [], color="black", lw=1.0, label="derived: stability boundary (white)"),
               Line2D([], [], color="black", lw=1.0, ls="--", label="derived: fixed point exists (white)"),
               Line2D([], [], color=COLORS["red"], ls="none", marker="o", ms=3,
                      label="run disagrees (stable or not),\n3+ cells from a boundary")]
    ax.legend(handles=handles, loc="center", fontsize=6.5, frameon=False, title=f"$n = {n:g}$",
              title_fontsize=8)
