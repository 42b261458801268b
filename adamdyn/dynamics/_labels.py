r"""The atlas's labels: one set of rules that turns the statistics of an orbit (from either engine of
:func:`adamdyn.dynamics.atlas.atlas`) into ``fixed_point``, ``periodic``, ... (see that module's docstring).
"""

from __future__ import annotations

import numpy as np

__all__ = ["LABELS"]

LABELS = ("fixed_point", "periodic", "quasi_periodic", "chaotic", "spiking", "divergent", "unresolved")
#: a spectrum whose exponents miss the mean log|det J| by more than this (relative to 1 + sum |exponent|) was
#: decided by rounding (steps with a Jacobian singular to rounding) and is not reported
SUM_RULE_RTOL = 1e-8


def _classify(raw, k, cells, steps, max_period, tol, transient):
    """Labels and measurements from the statistics of either path (one set of rules for both)."""
    acc, hist, step_mid, late_rho_sum, angle = (raw[k_] for k_ in ("acc", "hist", "step_mid", "late_rho_sum",
                                                                   "angle"))
    spikes, first_spike, last_spike, bad, under, huge, X = (raw[k_] for k_ in (
        "spikes", "first_spike", "last_spike", "bad", "under", "huge", "X"))
    late = steps // 2
    exps, err, logdet = acc.result()
    # largest first (Gram-Schmidt gives that order once the tangent vectors have found their directions; an
    # exactly invariant slower direction, e.g. z's after it underflowed to 0, can keep an earlier column)
    order = np.argsort(-np.where(np.isfinite(exps), exps, -np.inf), axis=0, kind="stable")
    exps, err = np.take_along_axis(exps, order, 0), np.take_along_axis(err, order, 0)
    last = (steps - 1) % (max_period + 1)
    cur = hist[last]
    scale = np.maximum(np.max(np.abs(cur), axis=0), 1e-300)
    step_mid = step_mid / scale

    def dist(lag):
        return np.max(np.abs(cur - hist[(last - lag) % (max_period + 1)]), axis=0) / scale

    # a fixed point: the state stops moving, or it still moves but contracts (largest exponent negative beyond
    # its error) with steps that shrink over the stored history and no period
    step_now = dist(1)
    step_then = np.max(np.abs(hist[(last - max_period + 1) % (max_period + 1)]
                              - hist[(last - max_period) % (max_period + 1)]), axis=0) / scale
    contracting = (exps[0] < -np.maximum(3 * err[0], 1e-3)) & (step_now < step_then)
    contracting |= (exps[0] < 0) & (step_now < 0.1 * step_mid)
    fixed_pt = step_now < tol
    period = np.zeros(cells, dtype=np.int64)
    # a q-cycle returns within tol after q steps and its points are distinct (some lag below q moves the state
    # by more than 10 tol): a focus that still spirals in with an amplitude near tol returns within tol after
    # some q too, but all its points lie within a few tol of each other
    spread = np.zeros(cells)
    for q in range(2, max_period + 1):
        spread = np.maximum(spread, dist(q - 1))
        hit = (period == 0) & ~fixed_pt & (dist(q) < tol) & (spread > 10 * tol)
        period[hit] = q
    fixed_pt |= contracting & (period == 0)
    period[fixed_pt] = 1
    # a Jacobian product that lost rank in floating point (a determinant or a Gram-Schmidt norm of 0, e.g. after
    # an underflow), or steps whose Jacobian is singular to rounding (Adamax's u = |g| branch makes the block of
    # the coordinates singular; z's row and column leave a determinant ~1e-17 that rounding decides), seen as a
    # sum rule that fails (the exponents do not add up to the mean log|det J|): no spectrum, and the orbit is
    # unresolved unless it diverged
    with np.errstate(invalid="ignore"):
        gap = np.abs(exps.sum(axis=0) - logdet) / (1 + np.abs(exps).sum(axis=0))
    degenerate = ~np.all(np.isfinite(exps), axis=0) | ~np.isfinite(logdet) | ~(gap <= SUM_RULE_RTOL)
    lam1 = exps[0]
    e1 = err[0]
    chaotic = (lam1 > 3 * e1) & (lam1 > 1e-3)
    # quasi-periodic: no contraction or expansion beyond the error, the steps do not shrink, and the orbit
    # winds at least once around its centre in the second half of the window
    quasi = ((np.abs(lam1) <= np.maximum(3 * e1, 1e-3)) & (period == 0) & (step_now >= 0.1 * step_mid)
             & (np.abs(angle) >= 2 * np.pi))
    label = np.full(cells, "unresolved", dtype=object)
    label[quasi] = "quasi_periodic"
    label[chaotic & (period == 0)] = "chaotic"
    label[period > 1] = "periodic"
    # a power-law approach (sublinear convergence): the state settles while |rho| creeps to 1 as 1 - p/t, i.e.
    # |x| ~ t^-p -- the mean log|rho| of each half of the window is -p times the mean of 1/t there, with one p
    # (a linear fixed point has the same mean log|rho| in both halves instead)
    t_all = transient + 1.0 + np.arange(steps)
    h1, h2 = np.mean(1.0 / t_all[:steps - late]), np.mean(1.0 / t_all[steps - late:])
    m1, m2 = (raw["log_rho_sum"] - late_rho_sum) / (steps - late), late_rho_sum / late
    with np.errstate(all="ignore"):
        p1, p2 = -m1 / h1, -m2 / h2
        sublinear = ((h1 > 1.2 * h2) & (m1 < 0) & (m2 < 0) & (np.abs(p1 / p2 - 1) < 0.1)
                     & ((step_now <= step_then) | fixed_pt) & (period <= 1) & ~bad & (spikes == 0))
    power = np.where(sublinear, p2, np.nan)
    label[fixed_pt | sublinear] = "fixed_point"
    # a state that stands still at a finite loss (|rho| = 1 all through the late window: the iterate flips sign
    # each step, x -> -x, and never reaches the minimum) is a 2-cycle of the iterate, not a convergence
    stalled = fixed_pt & ~sublinear & (np.abs(late_rho_sum) <= 1e-9 * late)
    label[stalled] = "periodic"
    period[stalled] = 2
    label[spikes > 0] = "spiking"
    # (a spiking orbit stays spiking without a spectrum: its spikes are measured on the loss alone)
    label[(under | huge | (degenerate & (spikes == 0))) & ~bad] = "unresolved"
    label[bad] = "divergent"
    rate = np.where(bad, np.nan, np.exp(late_rho_sum / late))
    rotation = np.where((label == "quasi_periodic") & (k >= 2), angle / (2 * np.pi * max(late - 1, 1)), np.nan)
    interval = np.where(spikes > 1, (last_spike - first_spike) / np.maximum(spikes - 1, 1), np.nan)
    exps = np.where((bad | degenerate)[None], np.nan, exps)
    err = np.where((bad | degenerate)[None], np.nan, err)
    logdet = np.where(degenerate, np.nan, logdet)
    final = np.where(bad[None], np.nan, np.array(X))
    return {"label": label.astype(str), "rate": rate, "period": np.where(bad, 0, period), "rotation": rotation,
            "spikes": spikes, "spike_interval": interval, "exponents": exps, "stderr": err,
            "mean_log_det": np.where(bad, np.nan, logdet), "final": final, "bad": bad, "underflow": under,
            "sublinear": sublinear, "power": power}
