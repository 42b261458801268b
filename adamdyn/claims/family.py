r"""The optimizer family on :math:`|x|^n/n` (AdamW, NAdam, RAdam, Adamax, AMSGrad, Adagrad, AdaBound, Yogi,
Lion, Adafactor): the engine's derived results checked by simulation.

Predictions come from the symbolic engine (:mod:`adamdyn.theory`: whether a rule's asymptotic map has a
linear-convergence point, its rate :math:`\rho^*` and regime, and :mod:`adamdyn.theory.eps_floor` for the loss
level where ``eps > 0`` ends linear convergence). Observations come from :func:`adamdyn.simulate` in normalized
(log-space) mode alone; no measurement takes the theory as input:

* the late slope of :math:`\log_{10}` loss per step (:func:`adamdyn.dynamics.reductions.late_slope`);
* :func:`flattening`: the slopes over the doubling windows :math:`[T/4, T/2]` and :math:`[T/2, T]`. Linear
  convergence keeps the slope (ratio 1); a power law :math:`\text{loss} \sim t^{-a}` halves it per doubling
  (ratio 1/2); a stall has slope 0;
* :func:`linear_end_level`: the loss where a run with ``eps > 0`` stops converging at the rate that the same
  run with ``eps = 0`` keeps.
"""

from __future__ import annotations

import math

import numpy as np

from .. import theory as th
from ..dynamics.reductions import RATE_LATE_FRACTION, fit_slope, late_slope
from ..dynamics.simulation import simulate
from ..references import cite
from ..rules import FAMILY, get_rule
from .core import claim, rel_err

__all__ = ["FAMILY_NAMES", "CANDIDATES", "FLAT_RATIO", "STALL_DECADES", "doubling_slopes", "flattening",
           "linear_end_level", "derives_linear", "linear_points", "rate_record", "flat_record", "eps_floor_fn"]

FAMILY_NAMES = tuple(m.RULE.name for m in FAMILY)

#: parameter points tried for the rate checks (only those the engine puts in Regime I are run)
CANDIDATES = ({"beta1": 0.3, "beta2": 0.9}, {"beta1": 0.5, "beta2": 0.8}, {"beta1": 0.9, "beta2": 0.99}, {})
#: parameter points of the "no linear convergence" checks: the defaults, and a fast-forgetting point
FLAT_POINTS = ({}, {"beta1": 0.5, "beta2": 0.9})
#: a run flattens when its slope over [T/2, T] is at most this fraction of the slope over [T/4, T/2]
#: (linear convergence: 1; a power law loss ~ t^-a: 1/2)
FLAT_RATIO = 0.75
#: or when it stalls: the late slope is not negative, or moves the loss by less than this many decades over the
#: whole run (a power law loss ~ t^-a moves it by a/ln(10) per e-fold of t, 0.87 decade at a = 2)
STALL_DECADES = 0.1
#: the start point and rate of every run (x0 / lr is not an integer, so sign steps never land on 0 exactly)
X0, LR = 1.0, 3e-3
#: degree of the checks
N_CHECK = 4.0


def _only_known(name, pt):
    known = set(get_rule(name).param_names)
    return {k: v for k, v in pt.items() if k in known}


def _points(name, pts):
    out = []
    for pt in pts:
        q = _only_known(name, pt)
        if q not in out:
            out.append(q)
    return out


def doubling_slopes(traj) -> tuple:
    """Least-squares slopes of log10 loss per step over ``[T/4, T/2]`` and ``[T/2, T]`` (``T`` = steps run)."""
    s = np.asarray(traj.step, float)
    y = np.asarray(traj.log10_loss, float)
    T = float(traj.steps_run)
    out = []
    for a, b in ((T / 4, T / 2), (T / 2, T)):
        m = (s >= a) & (s <= b)
        out.append(fit_slope(s[m], y[m]))
    return tuple(out)


def flattening(traj) -> dict:
    """Does the late slope flatten? ``{"slopes", "ratio", "flattens", "exponent"}`` from the run alone.

    ``exponent`` is the slope of log10 loss against log10 t over ``[T/4, T]``: ``-n/(n-2)`` for a GD-like
    power law on :math:`|x|^n/n`.
    """
    s1, s2 = doubling_slopes(traj)
    ratio = s2 / s1 if s1 != 0 and math.isfinite(s1) else math.nan
    stall = not s2 < 0 or abs(s2) * traj.steps_run < STALL_DECADES  # the loss no longer falls
    s = np.asarray(traj.step, float)
    m = s >= traj.steps_run / 4
    exponent = fit_slope(np.log10(s[m]), np.asarray(traj.log10_loss, float)[m])
    return {"slopes": (s1, s2), "ratio": ratio, "stall": bool(stall),
            "flattens": bool(stall or (math.isfinite(ratio) and ratio <= FLAT_RATIO)), "exponent": exponent}


def linear_end_level(reference, traj, n=N_CHECK) -> float:
    """The log10 loss where ``traj`` stops converging at the rate ``reference`` (the same run at eps = 0) keeps.

    The definition of :func:`adamdyn.theory.eps_floor.measured_floor` (the first step, after a linear phase,
    where the local slope has fallen to half the linear one), with the linear rate *measured*: the late slope
    of ``reference``, never the theory's. NaN when the reference does not converge or no linear phase ends.
    """
    from ..theory.eps_floor import measured_floor

    slope = late_slope(reference, RATE_LATE_FRACTION)
    if not slope < 0:
        return math.nan
    step = np.asarray(traj.step, float)
    even = np.concatenate([[True], np.isclose(np.diff(step), step[1] - step[0])])  # drop an off-grid last record
    keep = np.cumprod(even).astype(bool)
    return float(measured_floor(step[keep], np.asarray(traj.log10_loss, float)[keep], n, 10 ** (slope / n)).log10_loss)


def derives_linear(name, n=N_CHECK) -> bool:
    """Whether the engine's asymptotic map of ``name`` at degree ``n`` has a linear-convergence point (eps = 0)."""
    return bool(th.quick_theory(name, n).linear)


def linear_points(name, n=N_CHECK, quick=True) -> list:
    """The :data:`CANDIDATES` the engine puts in Regime I (stable linear convergence), with their rate rho*."""
    theory = th.quick_theory(name, n)
    out = []
    for pt in _points(name, CANDIDATES[:2] if quick else CANDIDATES):
        if int(theory.regime(**pt)) == 1:
            out.append((pt, float(theory.rate(**pt))))
    return out


def _run(name, pt, steps, n=N_CHECK, **extra):
    return simulate(name, n=n, x0=X0, steps=steps, every=max(1, steps // 4000), mode="normalized",
                    **{"lr": LR, **pt, **extra})


def rate_record(name, quick=True, n=N_CHECK) -> list:
    """Rows ``{point, predicted, observed, rel_err}``: the late slope of a run against ``n log10 rho*``."""
    steps = 6000 if quick else 20000
    rows = []
    for pt, rho in linear_points(name, n, quick):
        pred = n * math.log10(rho)
        obs = late_slope(_run(name, pt, steps, n), RATE_LATE_FRACTION)
        rows.append({"optimizer": name, "point": pt, "predicted": pred, "observed": obs,
                     "rel_err": rel_err(obs, pred), "steps": steps})
    return rows


def flat_record(name, quick=True, n=N_CHECK) -> list:
    """Rows ``{point, slopes, ratio, flattens, exponent}`` of runs at :data:`FLAT_POINTS` (no theory used)."""
    steps = 16000 if quick else 64000
    rows = []
    for pt in _points(name, FLAT_POINTS):
        f = flattening(_run(name, pt, steps, n))
        rows.append({"optimizer": name, "point": pt, "steps": steps, **f})
    return rows


def _families(quick):
    """``(linear, not_linear)``: the family split by the engine's derivation (rules it cannot derive: neither)."""
    lin, flat, missing = [], [], []
    for name in FAMILY_NAMES:
        try:
            (lin if derives_linear(name) else flat).append(name)
        except th.TheoryUnavailable as exc:
            missing.append(f"{name}: {exc.why}")
    return lin, flat, missing


_SOURCE = (f"the analysis of {cite('adam-degenerate', title=False)} applied to "
           + ", ".join(cite(k, title=False) for k in ("adamw", "nadam", "radam", "amsgrad", "adagrad", "adabound",
                                                      "yogi", "lion", "adafactor")))

RATE_TOL = 0.005


@claim(17, "family_rates", _SOURCE,
       "every family rule whose asymptotic map (t -> oo) has a stable linear-convergence point converges at the "
       "derived rate: late log10-loss slope = n log10 rho* (n = 4)")
def family_rates(quick=True):
    lin, _, missing = _families(quick)
    rows = [r for name in lin for r in rate_record(name, quick)]
    if not rows:
        raise th.TheoryUnavailable("no family rule with a derived Regime I point",
                                   "the engine derives no stable linear-convergence point for any family rule at "
                                   "the candidate points", "derive the family (adamdyn.theory.derive)")
    worst = max(r["rel_err"] for r in rows)
    return {
        "predicted": "; ".join(f"{r['optimizer']} {r['point']}: {r['predicted']:.5g}" for r in rows),
        "observed": f"{len(rows)} runs of {', '.join(lin)}: max rel err {worst:.2e}",
        "tolerance": f"rel {RATE_TOL:.1%}",
        "passed": worst <= RATE_TOL,
        "settings": {"n": N_CHECK, "x0": X0, "lr": LR, "mode": "normalized", "fit": "second half",
                     "candidates": CANDIDATES, "theory": th.__name__},
        "note": ("rules the engine cannot derive: " + "; ".join(missing)) if missing else "",
        "details": {"cases": rows, "linear": lin},
    }


@claim(18, "family_no_linear", _SOURCE,
       "the family rules whose asymptotic map has no linear-convergence point (a state that never forgets, a "
       "vanishing or constant-size step) do not converge linearly: their late slope flattens over doubling "
       "windows, while the rules with a stable point keep a constant slope")
def family_no_linear(quick=True):
    lin, flat, missing = _families(quick)
    if not flat:
        raise th.TheoryUnavailable("no family rule without a linear point", "the engine derives a linear point "
                                   "for every family rule it can derive", "derive the family")
    rows = [r for name in flat for r in flat_record(name, quick)]
    ctrl = []
    for name in lin:  # control: where the engine derives linear convergence, the runs must NOT flatten
        for pt, _ in linear_points(name, N_CHECK, quick):
            f = flattening(_run(name, pt, 16000 if quick else 64000))
            ctrl.append({"optimizer": name, "point": pt, **f})
    bad = [r for r in rows if not r["flattens"]] + [r for r in ctrl if r["flattens"]]
    return {
        "predicted": f"no linear convergence: {', '.join(flat)}; linear: {', '.join(lin) or 'none'}",
        "observed": (f"{sum(r['flattens'] for r in rows)}/{len(rows)} runs flatten (slope ratio over doublings "
                     + ", ".join(f"{r['optimizer']} {r['ratio']:.2f}" for r in rows)
                     + f"); controls with a stable point flatten: {sum(r['flattens'] for r in ctrl)}/{len(ctrl)}"),
        "tolerance": f"flattens: ratio <= {FLAT_RATIO} or a stall (late slope x T < {STALL_DECADES:g} decade or >= "
                     f"0); controls: ratio > {FLAT_RATIO}",
        "passed": not bad,
        "settings": {"n": N_CHECK, "x0": X0, "lr": LR, "mode": "normalized", "points": FLAT_POINTS,
                     "windows": "[T/4, T/2] and [T/2, T]"},
        "note": ("rules the engine cannot derive: " + "; ".join(missing)) if missing else "",
        "details": {"cases": rows, "controls": ctrl},
    }


def eps_floor_fn():
    """:func:`adamdyn.theory.eps_floor.eps_floor`, or :class:`~adamdyn.theory.TheoryUnavailable` if absent."""
    try:
        from ..theory.eps_floor import eps_floor
    except ImportError as exc:
        raise th.TheoryUnavailable("no eps floor", f"adamdyn.theory.eps_floor is not available ({exc})",
                                   "install an adamdyn with the eps floor") from exc
    return eps_floor


#: (rule, parameters) of the eps-floor checks: Adam-type rules at a fast rate, at three eps
EPS_CASES = (("adam", {"beta1": 0.8, "beta2": 0.9}), ("nadam", {"beta1": 0.5, "beta2": 0.9}),
             ("adamw", {"beta1": 0.5, "beta2": 0.9, "weight_decay": 0.0}))
EPS_VALUES = (1e-6, 1e-8, 1e-10)


@claim(19, "family_eps_floor", f"{cite('adam', title=False)} (eps); the map of {cite('adam-degenerate', title=False)}",
       "with eps > 0, linear convergence ends at the loss level the engine derives from the fixed point (eps "
       "overtakes the root of the second moment); below it the step is GD-like")
def family_eps_floor(quick=True):
    floor = eps_floor_fn()
    cases = EPS_CASES[:1] if quick else EPS_CASES
    steps = 8000 if quick else 40000
    rows = []
    for name, pt in cases:
        pt = _only_known(name, pt)
        ref = _run(name, pt, steps)
        for eps in EPS_VALUES:
            ef = floor(name, N_CHECK, eps, **{"lr": LR, **pt})
            pred = float(ef.log10_loss)
            obs = linear_end_level(ref, _run(name, pt, steps, eps=eps))
            rows.append({"optimizer": name, "point": pt, "eps": eps, "predicted": pred, "observed": obs,
                         "tolerance": float(ef.tolerance),
                         "decades": abs(obs - pred) if math.isfinite(obs) else math.inf})
    worst = max(r["decades"] for r in rows)
    tol = min(r["tolerance"] for r in rows)
    return {
        "predicted": "; ".join(f"{r['optimizer']} eps={r['eps']:g}: {r['predicted']:.1f}" for r in rows),
        "observed": "; ".join(f"{r['optimizer']} eps={r['eps']:g}: {r['observed']:.1f}" for r in rows)
                    + f" (max gap {worst:.2f} decades)",
        "tolerance": f"{tol:g} decades of loss (the accuracy eps_floor states)",
        "passed": all(r["decades"] <= r["tolerance"] for r in rows),
        "settings": {"n": N_CHECK, "x0": X0, "lr": LR, "mode": "normalized", "steps": steps, "eps": EPS_VALUES,
                     "observed": "measured_floor: the local slope falls to half the late slope of the eps = 0 run"},
        "details": {"cases": rows},
    }
