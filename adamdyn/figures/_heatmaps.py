"""Heatmap and boundary helpers for the (beta1, beta2) figures (beta1 on x, beta2 on y)."""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D

from ._labels import B1, B2
from .style import COLORS

__all__ = ["edges", "heatmap", "theory_lines", "empirical_line", "boundary_index", "THEORY_STYLE", "EMPIRICAL_STYLE"]

#: line styles: theory boundaries solid/dashed in white-edged black, empirical dotted red
THEORY_STYLE = {"stability": dict(colors="black", linewidths=1.4, linestyles="solid"),
                "existence": dict(colors="black", linewidths=1.2, linestyles="dashed")}
EMPIRICAL_STYLE = dict(colors=COLORS["red"], linewidths=1.2, linestyles="dotted")


def edges(centers):
    """Cell edges for a 1-D grid of (possibly uneven) centres."""
    c = np.asarray(centers, dtype=float)
    if c.size == 1:
        return np.array([c[0] - 0.5, c[0] + 0.5])
    mid = (c[1:] + c[:-1]) / 2
    return np.concatenate([[2 * c[0] - mid[0]], mid, [2 * c[-1] - mid[-1]]])


def heatmap(ax, beta1, beta2, Z, *, cmap="viridis", vmin=None, vmax=None, label=None, fig=None, cbar=True):
    """Draw ``Z[i, j]`` (beta1[i], beta2[j]) with beta1 on x and beta2 on y; add a labelled colorbar."""
    m = ax.pcolormesh(edges(beta1), edges(beta2), np.asarray(Z, float).T, cmap=cmap, vmin=vmin, vmax=vmax,
                      shading="flat", rasterized=True)
    ax.set_xlabel(B1)
    ax.set_ylabel(B2)
    ax.set_xlim(edges(beta1)[[0, -1]])
    ax.set_ylim(edges(beta2)[[0, -1]])
    ax.grid(False)
    if cbar:
        cb = (fig or ax.figure).colorbar(m, ax=ax, shrink=0.95, pad=0.02)
        if label:
            cb.set_label(label)
    return m


def theory_lines(ax, beta1, beta2, regime, radius, *, existence=True, legend=True, loc="lower right"):
    """Contour the theory boundaries: spectral radius = 1 (stability) and the II/III border (existence)."""
    X, Y = np.meshgrid(beta1, beta2, indexing="ij")
    handles = []
    rad = np.where(regime == 3, np.nan, np.asarray(radius, float))
    stable = (np.asarray(regime) == 1).astype(float)
    if 0 < stable.mean() < 1:
        ax.contour(X, Y, stable, levels=[0.5], **THEORY_STYLE["stability"])
        handles.append(Line2D([], [], color="black", lw=1.4, label=r"theory: spectral radius $= 1$"))
    if existence:
        exists = (np.asarray(regime) != 3).astype(float)
        if 0 < exists.mean() < 1:
            ax.contour(X, Y, exists, levels=[0.5], **THEORY_STYLE["existence"])
            handles.append(Line2D([], [], color="black", lw=1.2, ls="--", label="theory: fixed point exists (II/III)"))
    del rad
    if legend and handles:
        ax.legend(handles=handles, loc=loc)
    return handles


def empirical_line(ax, beta1, beta2, mask, label="empirical: stable region edge"):
    """Contour of a boolean mask on the sweep grid (e.g. observed Regime I); returns a legend handle."""
    X, Y = np.meshgrid(beta1, beta2, indexing="ij")
    m = np.asarray(mask, float)
    if 0 < m.mean() < 1:
        ax.contour(X, Y, m, levels=[0.5], **EMPIRICAL_STYLE)
    return Line2D([], [], color=COLORS["red"], lw=1.2, ls=":", label=label)


def boundary_index(mask_row) -> int:
    """Index of the first cell along beta1 where a stable (True) run ends; len(row) if it never ends."""
    row = np.asarray(mask_row, bool)
    off = np.where(~row)[0]
    return int(off[0]) if off.size else row.size
