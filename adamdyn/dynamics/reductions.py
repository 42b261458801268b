r"""Reductions of a run defined once: the fitted slope, the late window and the late slope.

The *late slope* of a run is the least-squares slope of :math:`\log_{10}` loss
per step over its *late window*: the recorded steps from the last one at or
before :math:`(1 - \text{frac})\,T` through :math:`T` (``T`` = steps run), so the
window always covers at least the last ``frac`` of the run. Where
:math:`(1 - \text{frac})\,T` is a recorded step the window is exactly the
recorded steps in :math:`[(1 - \text{frac})\,T, T]`; where it falls between two
recorded steps the window also takes the one before it (the sweep kernels' rule).

Which window each caller uses, and why:

* :data:`SWEEP_LATE_FRACTION` (0.2, the last fifth): the sweep kernels'
  ``late_slope`` column (:mod:`adamdyn.kernels`; the value is written into the
  generated kernels, which cannot call Python, and sampled every
  ``b = ceil(steps / 64)`` steps there), the regime labelling that reads that
  column (:mod:`adamdyn.sweeps.regimes`), and the comparison table's simulated
  slopes (:mod:`adamdyn.experiments.comparison`), so that the table and the
  phase diagrams fit the same part of a run. Sweeps run whole grids for a fixed
  number of steps, so the linear phase may start late; the last fifth sees it.
* :data:`RATE_LATE_FRACTION` (0.5, the second half): the rate claims 4 and 16
  (:mod:`adamdyn.claims.rates`), whose runs are sized to the rate
  (``40 / (1 - beta2)`` steps or more), so their second half is past the
  transient (``v0``, the approach to the fixed point), and fitting the whole
  second half uses more of the run than the last fifth would.

:func:`fit_slope` (any ``y`` against any ``x``) is also the slope fit of the
claims' own windows (:mod:`adamdyn.claims`). It drops non-finite points; the
kernels instead give NaN when a sample in the window is not finite.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["SWEEP_LATE_FRACTION", "RATE_LATE_FRACTION", "fit_slope", "late_window", "late_slope"]

#: the late window of the sweeps (kernels' ``late_slope`` column, regime labels) and the comparison table
SWEEP_LATE_FRACTION = 0.2
#: the late window of the rate claims (4, 16): the second half of a run sized to the rate
RATE_LATE_FRACTION = 0.5


def fit_slope(x, y) -> float:
    """Least-squares slope of ``y`` against ``x`` (finite points only; NaN with fewer than two)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 2:
        return math.nan
    return float(np.polyfit(x[ok], y[ok], 1)[0])


def _check_frac(frac) -> float:
    try:
        f = float(frac)
    except (TypeError, ValueError):
        f = math.nan
    if not 0.0 < f <= 1.0:
        raise ValueError(f"frac={frac!r} is outside (0, 1]: it is the fraction of the run at its end that the "
                         "late window covers. Fix: pass e.g. frac=SWEEP_LATE_FRACTION (0.2).")
    return f


def late_window(traj, frac) -> np.ndarray:
    """Mask of ``traj.step`` in the late window: from the last recorded step at or before
    ``(1 - frac) * traj.steps_run`` through ``traj.steps_run`` (``0 < frac <= 1``)."""
    f = _check_frac(frac)
    step = np.asarray(traj.step, dtype=np.float64)
    end = float(traj.steps_run)
    before = step[step <= (1.0 - f) * end]
    start = before.max() if before.size else -math.inf
    return (step >= start) & (step <= end)


def late_slope(traj, frac) -> float:
    """Least-squares slope of ``traj.log10_loss`` per step over :func:`late_window` ``(traj, frac)``."""
    w = late_window(traj, frac)
    return fit_slope(np.asarray(traj.step)[w], np.asarray(traj.log10_loss)[w])
