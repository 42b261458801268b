r"""Observed regime of each grid point, from the sweep reductions only (no theory as input).

Labels: ``1`` Regime I (sustained linear convergence), ``2`` Regime II (linear
phase, then a spike), ``3`` Regime III (no exponential phase: loss stays near
the SignGD floor), ``0`` diverged (loss above the divergence bound or a
non-finite state). The label is read off the trajectory's reductions alone;
the predicted rate is compared with the observed late slope separately
(:func:`slope_check`, ``PhaseDiagram.slope_error`` / ``slope_matches_theory``),
so a wrong theory cannot move a label.

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
4. the loss keeps falling to the end: the late-window slope (last ~20% of the
   steps run) takes the loss down at least ``fall_decades = 1`` decade over
   that window (``late_slope * 0.2 * steps_run <= -fall_decades``) and the
   final loss is within ``fall_decades`` of the minimum         -> 1
5. otherwise                                                    -> 2 (a linear
   phase that did not persist).

What these labels can and cannot see is measured by ``adamdyn verify`` (claim 11, docs/VERIFY.md):
they separate stable (I) from not-I as the theory does, but not Regime II from III. In
Regime II both eigenvalues of the fixed point's Jacobian in (u, lambda) have
modulus > 1 (a complex pair of modulus :math:`\sqrt{\det J} =
\sqrt{\beta_1/\beta_2}` over most of the region, a real pair both > 1 next to
the Regime III border); only z contracts. The point is a repeller: from x0 = 1
the orbit never comes within 0.1 of it in
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

from ..dynamics.reductions import SWEEP_LATE_FRACTION as LATE_FRACTION  # the kernels' late_slope window (last ~20%)

__all__ = ["label_regimes", "slope_check", "REGIME_NAMES", "LABELLING", "LATE_FRACTION"]

REGIME_NAMES = {0: "diverged", 1: "I", 2: "II", 3: "III"}
#: the labelling thresholds (none uses theory); ``slope_rtol`` is for the separate slope check only
LABELLING = {"deep_decades": 4.0, "deep_fraction": 0.3, "fall_decades": 1.0, "slope_rtol": 0.1}


def label_regimes(min_log10_loss, final_log10_loss, late_slope, spike_step, divergence_step, underflow_step,
                  deep_steps, steps_run, *, spike_decades=2.0, deep_fraction=LABELLING["deep_fraction"],
                  fall_decades=LABELLING["fall_decades"]):
    """Return an int8 array of observed regimes (0, 1, 2, 3) from reductions alone; see the module docstring."""
    mn = np.asarray(min_log10_loss, float)
    fin = np.asarray(final_log10_loss, float)
    slope = np.asarray(late_slope, float)
    run = np.asarray(steps_run, float)
    with np.errstate(invalid="ignore"):
        deep = (np.asarray(deep_steps) >= deep_fraction * run) | (np.asarray(underflow_step) >= 0)
        spiked = np.asarray(spike_step) >= 0
        falling = (slope * LATE_FRACTION * run <= -fall_decades) & (fin <= mn + fall_decades)
    out = np.full(mn.shape, 2, dtype=np.int8)
    out[falling] = 1
    out[spiked] = 2
    out[~deep] = 3
    out[np.asarray(divergence_step) >= 0] = 0
    return out


def slope_check(late_slope, predicted_slope, rtol=LABELLING["slope_rtol"]):
    """Observed late slope vs the predicted one, separate from the labels.

    Returns ``(error, matches)``: ``error = (late_slope - predicted) / |predicted|`` (NaN where no
    prediction) and ``matches = |error| <= rtol`` (False where no prediction).
    """
    slope = np.asarray(late_slope, float)
    pred = np.broadcast_to(np.asarray(predicted_slope, float), slope.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        err = (slope - pred) / np.abs(pred)
    err = np.where(np.isfinite(pred) & (pred != 0), err, np.nan)
    with np.errstate(invalid="ignore"):
        return err, np.abs(err) <= rtol
