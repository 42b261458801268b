"""Small data helpers shared by the figure modules (no plotting, no theory)."""

from __future__ import annotations

import numpy as np

__all__ = ["log10_moments", "spike_mask", "spans", "fit_slope", "loglog_slope", "shade_spans", "peak_indices"]


def log10_moments(r) -> dict:
    r"""log10 of :math:`|g_t|`, :math:`g_t^2`, :math:`v_t` and :math:`|m_t|` of a 1-D power-objective run.

    Works for raw and normalized trajectories alike, from the recorded
    ``log10_abs_x``, ``log10_coupling`` (:math:`\log_{10} v_t/g_t^2`) and ``u``
    (:math:`m_t/g_t`), so values far below ``1e-308`` are fine.
    """
    n = float(r.objective_params["n"])
    lg = (n - 1.0) * np.asarray(r.log10_abs_x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lm = np.log10(np.abs(np.asarray(r.u, dtype=float))) + lg
    return {"g": lg, "g2": 2.0 * lg, "v": np.asarray(r.log10_coupling, dtype=float) + 2.0 * lg, "m": lm,
            "m_opposes_g": np.asarray(r.u, dtype=float) < 0}


def spike_mask(log10_loss, rise=5.0, window=50) -> np.ndarray:
    """True where the loss envelope is more than ``rise`` decades above its running minimum.

    The envelope is a running maximum over ``window`` recorded points, so the
    deep dips of an oscillating loss (zero crossings of ``x``) do not count as
    spikes; only a real rise of the whole curve does.
    """
    L = np.asarray(log10_loss, dtype=float)
    L = np.where(np.isfinite(L), L, -np.inf)
    w = max(1, min(int(window), len(L)))
    pad = np.concatenate([np.full(w - 1, -np.inf), L])
    env = np.lib.stride_tricks.sliding_window_view(pad, w).max(axis=1)
    run_min = np.minimum.accumulate(np.where(np.isfinite(env), env, np.inf))
    return (env - run_min) > rise


def spans(mask, x) -> list:
    """``[(x_start, x_end), ...]`` of the runs of True in ``mask``."""
    mask = np.asarray(mask, dtype=bool)
    x = np.asarray(x)
    out, start = [], None
    for i, on in enumerate(mask):
        if on and start is None:
            start = i
        if (not on or i == len(mask) - 1) and start is not None:
            end = i if on else i - 1
            out.append((x[start], x[end]))
            start = None
    return out


def shade_spans(ax, mask, x, color, label=None, alpha=0.18):
    """Shade the runs of True in ``mask`` on ``ax`` (one legend entry)."""
    for k, (a, b) in enumerate(spans(mask, x)):
        ax.axvspan(a, b, color=color, alpha=alpha, lw=0, label=label if k == 0 else None)


def fit_slope(x, y, lo, hi) -> float:
    """Least-squares slope of ``y`` against ``x`` over ``lo <= x <= hi`` (finite points only)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    sel = (x >= lo) & (x <= hi) & np.isfinite(y)
    if sel.sum() < 2:
        raise ValueError(f"fewer than two finite points in [{lo}, {hi}] to fit a slope")
    return float(np.polyfit(x[sel], y[sel], 1)[0])


def loglog_slope(step, log10_loss, lo, hi) -> float:
    """Slope of log10 loss against log10 step over ``lo <= step <= hi`` (a power-law exponent)."""
    step = np.asarray(step, dtype=float)
    sel = step > 0
    return fit_slope(np.log10(step[sel]), np.asarray(log10_loss)[sel], np.log10(lo), np.log10(hi))


def peak_indices(y) -> np.ndarray:
    """Indices of the local maxima of ``y`` (the upper envelope of an oscillating curve)."""
    y = np.asarray(y, dtype=float)
    return np.where((y[1:-1] >= y[:-2]) & (y[1:-1] >= y[2:]))[0] + 1
