"""Loss spikes of a run: where they are (:func:`spike_mask`, :func:`spans`) and how they are shaded."""

from __future__ import annotations

import numpy as np

__all__ = ["spike_mask", "spans", "shade_spans"]


def spike_mask(log10_loss, rise=5.0, window=50) -> np.ndarray:
    """True where the loss envelope is more than ``rise`` decades above its running minimum.

    The envelope is a running maximum over ``window`` recorded points, so the
    deep dips of an oscillating loss (zero crossings of ``x``) do not count as
    spikes; only a real rise of the whole curve does.

    >>> spike_mask([0.0, -10.0, -20.0, -5.0], rise=5.0, window=1).tolist()
    [False, False, False, True]
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
