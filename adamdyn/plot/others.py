"""Figures of the other papers' optimizers: fig16 (phase diagrams side by side) and fig17 (the saddle toy
of Abuduweili & Liu, 2025).

Data in, Figure out: every function takes the result of the matching
``adamdyn.experiments`` compute function and returns a
:class:`matplotlib.figure.Figure`, drawn inside the package style
(:func:`adamdyn.plot.style.style`, an ``rc_context``; global rcParams are
never touched).
"""

from __future__ import annotations

import numpy as np

from .style import COLORS, label_panels, new_figure, style

__all__ = ["plot_fig16", "plot_fig17", "TOY_COLORS"]

TOY_COLORS = {
    "adam_v0_zero": COLORS["red"], "adam_warmup": COLORS["orange"],
    "adam_v0_rnd": COLORS["blue"], "sgd": COLORS["grey"],
}


def plot_fig17(data):
    """The saddle toy of Abuduweili & Liu (2025): the objective, loss above the minimum and the iterate, per method.

    ``data`` is a :class:`adamdyn.experiments.seed000_toy.Seed000Toy`.
    """
    from ..experiments.seed000_toy import METHOD_LABELS, saddle_objective

    s = data.settings
    obj = saddle_objective(s["reading"], s["n"], s["b"], s["s"])
    with style():
        fig, axes = new_figure(1, 3, width=7.5, height=2.6)
        ax0, ax1, ax2 = axes[0]
        grid = np.linspace(-1.6, 1.6, 801)
        ax0.plot(grid, [obj.value(np.array([v])) for v in grid], color=COLORS["black"])
        ax0.axvline(-s["b"], color=COLORS["grey"], ls=":", lw=0.8)
        ax0.axvline(s["b"], color=COLORS["grey"], ls=":", lw=0.8)
        ax0.set_xlabel("x")
        ax0.set_ylabel("f(x)")
        for k, m in enumerate(data.methods):
            c = TOY_COLORS.get(m)
            gap = np.asarray(data.loss_gap[k], dtype=float)
            ax1.semilogy(data.step, np.where(gap > 0, gap, np.nan), color=c, label=METHOD_LABELS[m])
            ax2.plot(data.step, data.x[k], color=c, label=METHOD_LABELS[m])
            ax0.plot([data.x[k][-1]], [obj.value(np.array([data.x[k][-1]]))], "o", ms=4, color=c)
        ax1.set_xlabel("step")
        ax1.set_ylabel("f(x) - f(0)")
        ax2.set_xlabel("step")
        ax2.set_ylabel("x")
        ax2.set_yscale("symlog", linthresh=1e-8)
        ax2.set_yticks([-1, -1e-4, -1e-8, 0, 1e-8, 1e-4, 1])
        ax1.legend(loc="lower left", fontsize=6.5)
        label_panels(axes[0])
    return fig


def plot_fig16(data, which="final", ncols=4):
    """Phase diagrams on a grid of ``ncols`` columns, one block of rows per degree ``n``.

    Heatmap of ``which`` (``"final"`` or ``"min"``) log10 loss; the derived regime boundaries
    (``regime_theory``) as white contours (solid: stability, dashed: existence); red dots where,
    away from those boundaries, the run alone disagrees with the theory on stable linear convergence
    (:func:`adamdyn.experiments.other_optimizers.disagreement`). ``data`` is an
    :class:`adamdyn.experiments.other_optimizers.OtherPhases`.
    """
    from ..experiments.other_optimizers import agreement, disagreement
    from ._maps import edges

    arr = np.maximum(data.final_log10_loss if which == "final" else data.min_log10_loss, -300.0)
    n_ns, n_panels = arr.shape[:2]
    rows_per_n = -(-n_panels // ncols)
    vmax = float(np.nanmax(arr)) if np.isfinite(arr).any() else 0.0
    stable_agree, regime_agree = agreement(data), agreement(data, stable_only=False)
    symbols = {"beta1": r"$\beta_1$", "beta2": r"$\beta_2$", "beta": r"$\beta$", "p": "$p$"}
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
                ax.set_xlabel(symbols.get(panel["axes"][0], panel["axes"][0]), labelpad=1)
                ax.set_ylabel(symbols.get(panel["axes"][1], panel["axes"][1]), labelpad=1)
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
