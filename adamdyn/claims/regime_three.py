r"""Regime III of the family: no fixed point, yet linear convergence for the Nesterov numerators.

Thm 6.1 of Bai et al. (2026) reads Regime III (:math:`\beta_1 \ge \beta_2^{(n-1)/(2n-4)}` for Adam, where the
non-trivial fixed point does not exist) as SignGD-like oscillation without linear convergence. The same
argument applied to the family would say the same of every rule beyond its existence boundary. It holds for the
heavy-ball numerators (Adam, AdaMomentum, S3 without Nesterov): their loss stalls. It does not hold for the
Nesterov numerators of NAdam and S3 (the published S3 has Nesterov on): there the orbit settles on a bounded,
non-fixed attractor of the decoupled map (:math:`z \to 0`, :math:`|\rho_t|` jumping over tens), and the
:math:`\lambda`-equation makes the geometric mean of :math:`|\rho_t|` the decoupled rate
(:func:`adamdyn.theory.decoupled_rate`), which the runs follow. At n = 4 every Regime III point sampled
(S3 p = 1, beta from 0.5 to 0.99; NAdam on a 7 x 6 grid) converges at that rate, after a transient that grows
as beta1 -> 1 (NAdam at (0.99, 0.5): 80,000 steps); NAdam's Regime II points stall.

Prediction: :func:`adamdyn.theory.decoupled_rate` and :func:`adamdyn.theory.regime` (which only selects the points:
each must be in Regime III). Observation: :func:`adamdyn.simulate` in normalized mode, the slope of
:math:`\log_{10}|x_t|` over the second half of the run; no measurement takes the theory as input.
"""

from __future__ import annotations

import math

import numpy as np

from .. import theory as th
from ..dynamics.reductions import fit_slope
from ..dynamics.simulation import simulate
from ..references import cite
from ..rules import get_rule
from ..theory.numeric import _split
from .core import claim, rel_err

__all__ = ["NESTEROV", "HEAVY_BALL", "late_rate", "RATE_TOL", "STALL_FRACTION"]

#: rules with a Nesterov numerator, at points in Regime III (no fixed point)
NESTEROV = (("nadam", {"beta1": 0.95, "beta2": 0.9}), ("s3", {"beta": 0.95, "p": 1.0}),
            ("s3", {"beta": 0.95, "p": 1.3}))
#: heavy-ball numerators at the same points (the controls: Thm 6.1's oscillation)
HEAVY_BALL = (("adam", {"beta1": 0.95, "beta2": 0.9}), ("adamomentum", {"beta1": 0.95, "beta2": 0.9}),
              ("s3", {"beta": 0.95, "p": 1.0, "nesterov": False}))
#: the observed decline per step, ln(rate), must match the decoupled rate's to this relative error (the
#: attractor is chaotic: a 10,000-step mean of ln|rho_t| still moves by a few 1e-3 of itself)
RATE_TOL = 0.01
#: a run stalls when its late log10|x| falls by less than this fraction of what the decoupled rate would give
STALL_FRACTION = 0.1
LR, X0 = 0.05, 1.0


def late_rate(name, n, steps, **params) -> float:
    """Observed per-step contraction of :math:`|x|`: 10 ** (slope of log10|x_t| over the second half)."""
    traj = simulate(name, n=n, steps=steps, mode="normalized", x0=X0, lr=LR, **params)
    step = np.asarray(traj.step, dtype=float)
    late = step >= steps / 2
    return 10.0 ** fit_slope(step[late], np.asarray(traj.log10_abs_x)[late])


def _theory(name, n, params):
    """The quick theory at degree ``n`` (S3 without Nesterov has no full derivation) and the other values."""
    flags, values = _split(get_rule(name), params)  # the boolean parameters select the derivation
    return th.quick_theory(name, n, **dict(flags)), values


def _in_regime_three(name, n, params) -> bool:
    theory, values = _theory(name, n, params)
    return int(theory.regime(n, **values)) == 3


def _case(name, n, params, steps):
    theory, values = _theory(name, n, params)
    regime = int(theory.regime(n, **values))
    if regime != 3:
        raise RuntimeError(f"claim 23: {name} {params} at n = {n} is in Regime {regime}, not III; pick another point")
    predicted = float(theory.decoupled_rate(n, **values))
    observed = late_rate(name, n, steps, **params)
    return {"optimizer": name, "params": params, "n": n, "predicted": predicted, "observed": observed,
            "rel_err": rel_err(math.log(observed), math.log(predicted)) if 0 < observed else math.inf,
            "decay_fraction": math.log(observed) / math.log(predicted) if 0 < observed else math.inf}


@claim(23, "regime_three_nesterov",
       f"{cite('adam-degenerate', title=False)}, Thm 6.1 (Regime III) applied to {cite('nadam', title=False)} "
       f"and {cite('s3', title=False)}",
       "without the non-trivial fixed point (Regime III) there is no linear convergence: the iterate oscillates "
       "like sign descent and the loss saturates")
def regime_three_nesterov(quick=True):
    steps = 20000 if quick else 80000
    degrees = (4.0,) if quick else (3.0, 4.0, 6.0)
    nest = [_case(name, n, p, steps) for n in degrees for name, p in NESTEROV
            if _in_regime_three(name, n, p)]
    heavy = [_case(name, n, p, steps) for n in degrees for name, p in HEAVY_BALL]
    converge = [r for r in nest if r["rel_err"] <= RATE_TOL]
    stall = [r for r in heavy if r["decay_fraction"] < STALL_FRACTION]

    def show(r):
        extra = ", ".join(f"{k}={v}" for k, v in r["params"].items())
        return f"{r['optimizer']}({extra}) n={r['n']:g}: {r['observed']:.5f}"

    passed = len(converge) == len(nest) > 0 and len(stall) == len(heavy)
    return {
        "predicted": "Nesterov numerators: |x| falls at the decoupled rate (" + "; ".join(
            f"{r['optimizer']} n={r['n']:g}: {r['predicted']:.5f}" for r in nest) + "); heavy ball: stalls",
        "observed": (f"Nesterov {len(converge)}/{len(nest)} at the decoupled rate (" + "; ".join(map(show, nest))
                     + f"); heavy ball {len(stall)}/{len(heavy)} stall (" + "; ".join(map(show, heavy)) + ")"),
        "tolerance": f"ln(rate) rel {RATE_TOL:.0%}; stall: late decline < {STALL_FRACTION:g} of the decoupled rate's",
        "passed": passed,
        "corrects_paper": True,
        "paper_says": ("Regime III (beta1 >= beta2^((n-1)/(2n-4)) for Adam): no non-trivial fixed point, so no "
                       "linear convergence; SignGD-like oscillation, the loss saturates near lr^n. Applied to the "
                       "family, every rule would stall beyond its fixed point's existence boundary."),
        "adamdyn_finds": (
            f"true for the heavy-ball numerators ({len(stall)}/{len(heavy)} runs of Adam, AdaMomentum and S3 "
            "without Nesterov stall), false for the Nesterov numerators: NAdam and S3 (p = 1, 1.3, Nesterov on, "
            f"as published) converge linearly in Regime III, {len(converge)}/{len(nest)} runs at the decoupled rate "
            f"(ln rate within {RATE_TOL:.0%}; worst {max((r['rel_err'] for r in nest), default=math.nan):.1e}). "
            "The orbit is not a fixed point: z -> 0 and |rho_t| jumps over tens, a bounded attractor of the "
            "decoupled map whose geometric-mean rate the lambda equation fixes."),
        "settings": {"steps": steps, "fit": "second half", "lr": LR, "x0": X0, "mode": "normalized",
                     "degrees": degrees, "nesterov": NESTEROV, "heavy_ball": HEAVY_BALL,
                     "prediction": "adamdyn.theory.decoupled_rate"},
        "details": {"nesterov": nest, "heavy_ball": heavy},
    }
