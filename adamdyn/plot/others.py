"""Figures of the other seeds' optimizers: fig16 (phase diagrams side by side) and fig17 (seed 000's toy).

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
    """Seed 000's saddle toy: the objective, loss above the minimum and the iterate, per method.

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


def plot_fig16(data, which="final"):
    """Phase diagrams side by side: rows n, columns optimizers; heatmap of ``which`` (final or min) log10 loss.

    ``data`` is a :class:`adamdyn.experiments.other_optimizers.OtherPhases`; the derived
    regime boundaries (``regime_theory``) are drawn as white contours.
    """
    arr = data.final_log10_loss if which == "final" else data.min_log10_loss
    arr = np.maximum(arr, -300.0)  # as the other phase diagrams: colours clipped at 1e-300
    nrows, ncols = arr.shape[0], arr.shape[1]
    vmin, vmax = -300.0, float(np.nanmax(arr)) if np.isfinite(arr).any() else 0.0
    symbols = {"beta1": r"$\beta_1$", "beta2": r"$\beta_2$", "beta": r"$\beta$", "p": "$p$"}
    with style():
        fig, axes = new_figure(nrows, ncols, width=2.0 * ncols + 0.8, height=1.9 * nrows + 0.4)
        im = None
        for i in range(nrows):
            for k in range(ncols):
                ax = axes[i][k]
                panel = data.panels[k]
                a0, a1 = data.axis0[k], data.axis1[k]
                im = ax.pcolormesh(a0, a1, arr[i, k].T, shading="nearest", vmin=vmin, vmax=vmax, cmap="viridis")
                reg = np.asarray(data.regime_theory[i, k], dtype=float).T
                if np.unique(reg).size > 1:
                    ax.contour(a0, a1, reg, levels=[1.5, 2.5], colors="white", linewidths=0.9)
                ax.set_title(f"({chr(ord('a') + i * ncols + k)}) {panel['label']}, $n={data.ns[i]:g}$", fontsize=7)
                ax.set_xlabel(symbols.get(panel["axes"][0], panel["axes"][0]))
                ax.set_ylabel(symbols.get(panel["axes"][1], panel["axes"][1]))
                ax.grid(False)
        fig.colorbar(im, ax=[a for row in axes for a in row], shrink=0.6,
                     label=rf"{which} $\log_{{10}}$ loss (clipped at $-300$)")
    return fig
