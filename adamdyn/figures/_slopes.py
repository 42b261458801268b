"""Slopes of a loss curve: over a window of steps, on log-log axes, and through its peaks."""

from __future__ import annotations

import math

import numpy as np

from ..dynamics.reductions import fit_slope as _least_squares

__all__ = ["fit_slope", "loglog_slope", "peak_indices"]


def fit_slope(x, y, lo, hi) -> float:
    """Least-squares slope of ``y`` against ``x`` over ``lo <= x <= hi`` (finite points only).

    The fit is :func:`adamdyn.dynamics.reductions.fit_slope` on that window; fewer than two finite points
    there raise ``ValueError``.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    sel = (x >= lo) & (x <= hi)
    slope = _least_squares(x[sel], y[sel])
    if math.isnan(slope):
        raise ValueError(f"fewer than two finite points in [{lo}, {hi}] to fit a slope")
    return slope


def loglog_slope(step, log10_loss, lo, hi) -> float:
    """Slope of log10 loss against log10 step over ``lo <= step <= hi`` (a power-law exponent)."""
    step = np.asarray(step, dtype=float)
    sel = step > 0
    return fit_slope(np.log10(step[sel]), np.asarray(log10_loss)[sel], np.log10(lo), np.log10(hi))


def peak_indices(y) -> np.ndarray:
    """Indices of the local maxima of ``y`` (the upper envelope of an oscillating curve).

    >>> peak_indices([0, 2, 1, 3, 0]).tolist()
    [1, 3]
    """
    y = np.asarray(y, dtype=float)
    return np.where((y[1:-1] >= y[:-2]) & (y[1:-1] >= y[2:]))[0] + 1
