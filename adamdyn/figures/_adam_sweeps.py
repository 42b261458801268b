r"""The Adam phase diagrams the (beta1, beta2) figures share: cached sweeps, theory maps, boundary offsets.

Sweeps run the generated kernels (Adam, :math:`|x|^n/n`, normalized log-space runs, so
losses far below 1e-308 are exact; colours are clipped at 1e-300); theory regimes and spectral radii
come from :mod:`adamdyn.theory` through :mod:`adamdyn.figures._theory`.
Grids put :math:`\beta_1` on x and :math:`\beta_2` on y.
"""

from __future__ import annotations

import functools

import numpy as np

from ._heatmaps import boundary_index, heatmap, theory_lines
from ._labels import RADIUS
from ._theory import theory_grid

__all__ = ["LR", "grid", "settings", "sweep", "main_sweep", "theory_map", "theory_on", "boundary_offsets",
           "radius_panel"]

LR = 1e-2


def grid(lo, hi, k):
    """``k`` points from ``lo`` to ``hi``, rounded to 6 decimals (cache keys of :func:`sweep`)."""
    return np.round(np.linspace(lo, hi, k), 6)


def settings(quick):
    """Grid size, steps, lr, x0, mode and theory grid size of the main sweeps (``quick``: coarse)."""
    return {"cells": 20 if quick else 80, "steps": 2500 if quick else 8000, "lr": LR, "x0": 1.0,
            "mode": "normalized", "theory_cells": 121 if quick else 401}


@functools.lru_cache(maxsize=16)
def sweep(n, b1, b2, steps, lr=LR, mode="raw", x0=1.0):
    """Cached Adam phase diagram over ``b1 x b2`` (tuples) at degree ``n``."""
    try:
        from ..sweeps import phase_diagram
    except ImportError as exc:  # pragma: no cover
        from ._unavailable import FigureUnavailable

        raise FigureUnavailable(f"adamdyn.sweeps.phase_diagram cannot be imported: {exc}") from exc
    return phase_diagram("adam", {"beta1": np.asarray(b1), "beta2": np.asarray(b2)}, {"lr": lr, "n": n},
                         steps=steps, mode=mode, x0=x0)


def main_sweep(n, quick, lo=0.005, hi=0.995):
    """The main grid; beta2 is offset by a third of a cell so no point sits exactly on beta1 = beta2."""
    s = settings(quick)
    g1 = grid(lo, hi, s["cells"])
    g2 = np.round(g1 + (g1[1] - g1[0]) / 3, 6)
    return sweep(float(n), tuple(g1), tuple(g2[g2 < 1]), s["steps"], s["lr"], s["mode"], s["x0"])


def theory_map(n, quick, lo=0.0, hi=1.0):
    """Theory regime and spectral radius of Adam at degree ``n`` on a fine square grid over ``[lo, hi]``."""
    k = settings(quick)["theory_cells"]
    g = grid(lo + 1e-4, hi - 1e-4, k)
    reg, rad = theory_grid("adam", float(n), g, g)
    return {"beta1": g, "beta2": g, "regime": reg, "radius": rad}


def theory_on(pd):
    """Theory regime on the sweep's own grid (from the sweep if filled in, else from symbolic)."""
    reg = np.asarray(pd.regime_theory)
    if reg.size and np.all(reg > 0):
        return reg
    return theory_grid("adam", float(pd.params["n"]), pd.axis0, pd.axis1)[0]


def boundary_offsets(pd, beta2_min=0.1, beta2_max=0.9) -> np.ndarray:
    """Per beta2 row (``beta2_min <= beta2 <= beta2_max``): empirical minus theoretical stable-edge index along beta1.

    Empirical stability is the sweep's observed Regime I; theory stability is
    Regime I of :mod:`adamdyn.theory` on the same grid. Values are in grid cells.
    """
    obs = np.asarray(pd.regime_observed) == 1
    th = theory_on(pd) == 1
    b2 = np.asarray(pd.axis1)
    rows = np.where((b2 >= beta2_min) & (b2 <= beta2_max))[0]
    return np.array([boundary_index(obs[:, j]) - boundary_index(th[:, j]) for j in rows])


def radius_panel(fig, ax, th, title):
    """Heatmap of the theory spectral radius where the fixed point exists, with the theory boundaries."""
    rad = np.where(th["regime"] == 3, np.nan, np.clip(th["radius"], 0, 2))
    heatmap(ax, th["beta1"], th["beta2"], rad, cmap="viridis", vmin=0, vmax=2, label=RADIUS + " (clipped at 2)",
            fig=fig)
    ax.set_facecolor("white")
    b1, b2 = np.asarray(th["beta1"]), np.asarray(th["beta2"])
    ax.text(b1[0] + 0.72 * (b1[-1] - b1[0]), b2[0] + 0.12 * (b2[-1] - b2[0]), "no fixed point\n(Regime III)",
            ha="center", va="center", fontsize=7, color="0.3")
    theory_lines(ax, th["beta1"], th["beta2"], th["regime"], th["radius"], loc="upper left")
    ax.set_title(title)
