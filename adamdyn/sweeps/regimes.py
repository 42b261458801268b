r"""Observed regime of each grid point, from the sweep reductions only.

Labels (THEORY.md §4): ``1`` Regime I (sustained linear convergence at the
predicted rate), ``2`` Regime II (linear phase, then a spike), ``3`` Regime III
(no exponential phase: loss stays near the SignGD floor), ``0`` diverged
(loss above the divergence bound or a non-finite state).

The rule, applied in this order (:func:`label_regimes`):

1. ``divergence_step >= 0``                                   -> 0
2. ``deep`` is false                                            -> 3, where
   ``deep`` = the loss spent at least ``deep_fraction = 30%`` of the steps run
   more than ``deep_decades = 4`` decades below the SignGD floor
   ``n log10(lr) - log10(n)`` (``|x| ~ lr``; reduction ``deep_steps``), or an
   underflow flag (raw mode stops below 1e-308). Regime III dips below the
   floor briefly as the iterate crosses 0; Regime II stays down for its whole
   linear phase.
3. a spike (``spike_step >= 0``: loss rose ``spike_decades`` above its running
   minimum)                                                      -> 2
4. the late-window slope matches the predicted slope
   ``n log10(rho*)`` (``rho*`` from :func:`adamdyn.symbolic.rate`) within
   ``slope_rtol = 10%`` (when ``rho*`` is unknown: the slope is negative and
   the final loss is within ``spike_decades`` of the minimum)   -> 1
5. otherwise                                                    -> 2 (linear
   phase that did not persist at the predicted rate).

What these labels can and cannot see (measured on the 128 x 128 grid, lr = 1e-2,
x0 = 1, 3000 steps, n = 4; ``tests/test_sweeps.py``): stable (I) vs not agrees
with theory on 98.3% of points, but Regime II vs III on only 72.7% of non-I
points, and none of the reductions tried fixes that. In Regime II both
eigenvalues of the fixed point's Jacobian in (u, lambda) have modulus > 1 (a
complex pair of modulus
:math:`\sqrt{\det J} = \sqrt{\beta_1/\beta_2}` over most of the region, a real
pair both > 1 next to the Regime III border); only z contracts. The point is a
repeller: from x0 = 1 the orbit never comes within 0.1 of it in
:math:`\max(|\ln u/u^*|, |\ln\lambda/\lambda^*|)` (821 far-from-boundary
Regime II grid points), and past the first descent both regimes show the same
floor-bound chaos (``tests/test_regime_two_repeller.py`` checks the eigenvalues,
the escape rate and the closest approach). Streaming reductions tried (run
length at the predicted rate, sign-flip fraction, deepest dip, first
zero-crossing time) fail or hinge on a knife-edge threshold: a first-crossing
rule with threshold ``c * x0 / lr`` steps agreed on 95.9% at c = 1 but 73.5% at
c = 0.9 and 89.1% at c = 1.1, so it is not used.
"""

from __future__ import annotations

import numpy as np

__all__ = ["label_regimes", "REGIME_NAMES"]

REGIME_NAMES = {0: "diverged", 1: "I", 2: "II", 3: "III"}


def label_regimes(min_log10_loss, final_log10_loss, late_slope, spike_step, divergence_step, underflow_step,
                  deep_steps, steps_run, predicted_slope, *, spike_decades=2.0, deep_fraction=0.3, slope_rtol=0.1):
    """Return an int8 array of observed regimes (0, 1, 2, 3); see the module docstring."""
    mn = np.asarray(min_log10_loss, float)
    fin = np.asarray(final_log10_loss, float)
    slope = np.asarray(late_slope, float)
    pred = np.broadcast_to(np.asarray(predicted_slope, float), mn.shape)
    with np.errstate(invalid="ignore"):
        deep = (np.asarray(deep_steps) >= deep_fraction * np.asarray(steps_run)) | (np.asarray(underflow_step) >= 0)
        spiked = np.asarray(spike_step) >= 0
        known = np.isfinite(pred)
        match_pred = np.abs(slope - pred) <= slope_rtol * np.abs(pred)
        match_free = (slope < 0) & (fin <= mn + spike_decades)
        linear = np.where(known, match_pred, match_free)
    out = np.full(mn.shape, 2, dtype=np.int8)
    out[linear] = 1
    out[spiked] = 2
    out[~deep] = 3
    out[np.asarray(divergence_step) >= 0] = 0
    return out
