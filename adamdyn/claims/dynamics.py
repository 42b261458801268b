r"""The numerical dynamics (:mod:`adamdyn.dynamics`) against the symbolic engine: fixed points, boundaries, atlas.

Predictions come from the engine (:func:`adamdyn.theory.derive`: the fixed points it solves for and the
regime boundaries in closed form; :func:`adamdyn.theory.theory_grid` and
:func:`adamdyn.theory.quick_theory`: regime and rate per cell). Observations come from the numerics alone,
which take no theory as input:

* :func:`adamdyn.dynamics.find_fixed_points` (``symbolic=False``): every fixed point of the reduced normalized
  map in a box, by Newton from a grid of starts with deflation, including points with :math:`\rho^* < 0`,
  which the engine does not solve for;
* :func:`adamdyn.dynamics.continue_boundary`: the flip and Neimark-Sacker curves by pseudo-arclength
  continuation of the fixed-point equations plus a test function on the Jacobian;
* :func:`adamdyn.dynamics.atlas`: a label per cell from the orbit of the normalized map (a fixed point with its
  observed rate, a period, spikes, ...) and the Lyapunov spectrum of the reduced map by QR re-orthonormalisation.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp

from .. import theory as th
from ..dynamics._labels import SUM_RULE_RTOL
from ..references import cite
from .core import claim
from .regimes import distance_to_boundary

__all__ = ["FP_RULES", "sample_points", "engine_points", "search_points", "match_points", "derived_boundaries",
           "atlas_prediction"]

#: the rules whose engine-derived fixed points are looked for by the numerical search
FP_RULES = ("adam", "rmsprop", "adamax", "nadam", "radam", "adamw")
#: degree of the fixed-point and atlas checks
N_DYN = 4.0
#: two points are the same when every coordinate agrees to this (relative to 1 + |value|)
MATCH_TOL = 1e-7
#: and their step ratios to this
RHO_TOL = 1e-8


# ----------------------------------------------------------------------------------------------- fixed points


def sample_points(name, count, seed=20, n=N_DYN) -> list:
    """``count`` random parameter points of rule ``name`` where the engine reports its linear-convergence point.

    ``beta1`` uniform in [0.05, 0.95], ``beta2`` in [0.5, 0.999]; AdamW also draws ``lr`` log-uniform in
    [1e-4, 1e-2] and ``weight_decay`` uniform in [1e-3, 0.1]. Only the parameters the reduced map depends on
    are drawn (the others do not change it). Points where the engine's linear point does not exist are
    redrawn (the selection uses the prediction side only).
    """
    d = th.derive(name, n=n)
    used = set(d.map.params)
    rng = np.random.default_rng(seed + sum(map(ord, name)))
    out = []
    for _ in range(200):
        if len(out) >= count:
            break
        pt = {"beta1": rng.uniform(0.05, 0.95), "beta2": rng.uniform(0.5, 0.999),
              "lr": 10 ** rng.uniform(-4, -2), "weight_decay": rng.uniform(1e-3, 0.1)}
        pt = {k: float(v) for k, v in pt.items() if k in used}
        if any(q["name"] == "linear convergence" for q in _evaluated(name, pt, n)):
            out.append(pt)
    return out


def _num(e, subs):
    v = complex(sp.N(sp.sympify(e).subs(subs)))
    return v


def engine_points(name, params, n=N_DYN) -> list:
    r"""The fixed points :func:`adamdyn.theory.derive` reports for ``name`` at degree ``n``, evaluated at ``params``.

    Each is ``{"name", "rho", "coords"}`` (the coordinates of the reduced map, :math:`z` left out); points whose
    existence conditions fail (or that are not real) at these parameters are left out.
    """
    return _evaluated(name, params, n)


def _evaluated(name, params, n):
    from ..theory.map import RHO, Z

    d = th.derive(name, n=n)
    subs = {sym: params[k] for k, sym in d.map.params.items() if k in params}
    out = []
    for fp, _ in d.fixed_points:
        try:
            rho = _num(fp.rho, subs)
            coords = {str(c): _num(sp.sympify(v).subs(RHO, fp.rho), subs) for c, v in fp.point.items() if c != Z}
            pos = [_num(q, subs) for q in fp.positive]
        except (TypeError, ValueError):
            continue
        vals = [rho, *coords.values(), *pos]
        if any(abs(v.imag) > 1e-12 or not math.isfinite(v.real) for v in vals):
            continue
        if any(q.real <= 0 for q in pos):
            continue
        out.append({"name": fp.name, "rho": rho.real, "coords": {c: v.real for c, v in coords.items()}})
    return out


def search_points(name, params, n=N_DYN):
    """The numerical search (no theory): :func:`adamdyn.dynamics.find_fixed_points` with ``symbolic=False``."""
    from ..dynamics.fixed_points import find_fixed_points

    return find_fixed_points(name, n=n, symbolic=False, **params)


def _same(a, b):
    return all(abs(a[c] - b[c]) <= MATCH_TOL * (1 + abs(b[c])) for c in b)


def match_points(predicted, found) -> tuple:
    """``(missed, extra)``: engine points with no numeric point at the same coordinates and step ratio, and
    numeric fixed points (period 1) that match no engine point."""
    ones = [p for p in found.points if p.period == 1]
    missed, used = [], set()
    for q in predicted:
        hit = [i for i, p in enumerate(ones) if set(p.coords) == set(q["coords"]) and _same(p.coords, q["coords"])
               and abs(p.rho - q["rho"]) <= RHO_TOL * (1 + abs(q["rho"]))]
        if hit:
            used.update(hit)
        else:
            missed.append(q)
    extra = [p for i, p in enumerate(ones) if i not in used]
    return missed, extra


_FP_SOURCE = f"{cite('adam-degenerate', title=False)}, Thm 4.1 / Thm A.2; the engine's derivation of each rule"


@claim(20, "numeric_fixed_points", _FP_SOURCE,
       "the numerical search of the reduced normalized map (Newton from a grid with deflation, no theory) finds "
       "every fixed point the symbolic engine derives, and every point it finds beyond them is unstable",
       parts={"a": ("engine_points_found",
                    "every fixed point the engine derives for Adam, RMSProp, Adamax, NAdam, RAdam and AdamW "
                    "(n = 4, random parameters) is found numerically, at the same coordinates and step ratio"),
              "b": ("no_missed_attractor",
                    "every fixed point the search finds that the engine does not report (e.g. with rho* < 0, where "
                    "x changes sign every step) is unstable: the engine misses no attracting point")})
def numeric_fixed_points(quick=True):
    per_rule = 1 if quick else 4
    rows = []
    for name in FP_RULES:
        for pt in sample_points(name, per_rule):
            pred = engine_points(name, pt)
            res = search_points(name, pt)
            missed, extra = match_points(pred, res)
            rstar = next((q["rho"] for q in pred if q["name"] == "linear convergence"), math.nan)
            rows.append({
                "optimizer": name, "point": pt, "engine": [q["name"] for q in pred], "found": len(res.points),
                "missed": missed, "starts": res.coverage["starts"],
                "converged_share": res.coverage["converged_share"].get(1),
                "extra": [{"coords": p.coords, "rho": p.rho, "abs_eigenvalues": np.abs(p.eigenvalues).tolist(),
                           "stable": p.stable, "rho_over_engine_rho": p.rho / rstar} for p in extra],
                "seconds": res.seconds})
    n_pred = sum(len(r["engine"]) for r in rows)
    n_missed = sum(len(r["missed"]) for r in rows)
    extras = [dict(e, optimizer=r["optimizer"], point=r["point"]) for r in rows for e in r["extra"]]
    stable_extra = [e for e in extras if e["stable"]]
    flips = [e for e in extras if e["rho"] < 0]
    min_mu = min((max(e["abs_eigenvalues"]) for e in extras), default=math.nan)
    ratio = [e["rho_over_engine_rho"] for e in flips]
    settings = {"n": N_DYN, "rules": FP_RULES, "points_per_rule": per_rule, "match": f"coords rel {MATCH_TOL:g}, "
                f"rho rel {RHO_TOL:g}", "search": "find_fixed_points(symbolic=False), default box and starts",
                "sampling": "beta1 U(0.05, 0.95), beta2 U(0.5, 0.999) (AdamW: lr logU(1e-4, 1e-2), weight_decay "
                            "U(1e-3, 0.1)), redrawn where the engine has no linear point"}
    a = {"predicted": f"{n_pred} engine fixed points at {len(rows)} parameter points of {len(FP_RULES)} rules",
         "observed": f"{n_pred - n_missed}/{n_pred} found by the search (coverage: the share of starts whose Newton "
                     f"converged >= {min(r['converged_share'] for r in rows):.4f})",
         "tolerance": f"every point; coordinates to rel {MATCH_TOL:g}, rho* to rel {RHO_TOL:g}",
         "passed": n_missed == 0, "settings": settings, "details": {"cases": rows}}
    b = {"predicted": "no attracting fixed point beyond the engine's",
         "observed": (f"{len(extras)} further point(s), {len(stable_extra)} stable; {len(flips)} with rho* < 0, "
                      f"rho*/engine rho* in [{min(ratio, default=math.nan):.12f}, {max(ratio, default=math.nan):.12f}]"
                      f"; smallest spectral radius among them {min_mu:.4g}"),
         "tolerance": "every further point has an eigenvalue |mu| >= 1",
         "passed": not stable_extra, "settings": settings, "details": {"extra": extras},
         "adamdyn_finds": (f"{len(flips)} sign-flipping point(s) (x changes sign every step) at rho* = -(the engine's "
                           f"rho*) to {max((abs(r + 1) for r in ratio), default=math.nan):.1e}, each unstable "
                           f"(spectral radius >= {min_mu:.3g})" if not stable_extra else
                           f"{len(stable_extra)} stable point(s) the engine does not report: {stable_extra}")}
    return {"a": a, "b": b}


# ----------------------------------------------------------------------------------------------- boundaries


@functools.cache
def _derived_boundary_cached(n):
    d = th.derive("adam", n=n)
    out = {}
    for kind, word in (("neimark_sacker", "complex pair"), ("flip", "-1: flip")):
        (b,) = [b for b in d.boundaries if b["bifurcation"].startswith(word)]
        cond = b["condition"]
        b1 = next(s for s in cond.free_symbols if s.name == "beta1")
        b2 = next(s for s in cond.free_symbols if s.name == "beta2")
        (sol,) = sp.solve(sp.Eq(cond.lhs, cond.rhs), b1)
        out[kind] = (f"beta1 = {sol}", sp.lambdify(b2, sol, "numpy"))
    return out


def derived_boundaries(n) -> dict:
    """``{kind: (text, beta2 -> beta1)}``: Adam's Neimark-Sacker and flip boundaries from :func:`derive`."""
    return _derived_boundary_cached(float(n))


#: (n, kind, start, ds) of the continuations: near each curve, where the linear point exists
CONTINUATIONS = ((4, "neimark_sacker", (0.8, 0.8), 0.02), (4, "flip", (0.005, 0.01), 0.005),
                 (6, "neimark_sacker", (0.7, 0.6), 0.02), (6, "flip", (0.009, 0.01), 0.005))
BOUNDARY_TOL = 1e-8


@claim(21, "continued_boundaries", f"{cite('adam-degenerate', title=False)}, Thm 4.1 (iii) / eqs. [8]-[9] (stability of the linear point)",
       "the flip and Neimark-Sacker boundaries of Adam's linear-convergence point, continued numerically in the "
       "(beta1, beta2) plane (pseudo-arclength on the fixed-point equations and a test function of the Jacobian, "
       "no closed form used), reproduce the engine's closed forms to 1e-8")
def continued_boundaries(quick=True):
    from ..dynamics.continuation import continue_boundary

    steps = 15 if quick else 60
    cases = [c for c in CONTINUATIONS if c[0] == 4] if quick else list(CONTINUATIONS)
    rows = []
    for n, kind, start, ds in cases:
        b = continue_boundary("adam", n, kind=kind, start=start, steps=steps, ds=ds)
        text, f = derived_boundaries(n)[kind]
        beta1, beta2 = b.values.T
        with np.errstate(all="ignore"):
            err = float(np.max(np.abs(beta1 - f(beta2))))
        rows.append({"n": n, "kind": kind, "closed_form": text, "points": int(len(beta1)),
                     "beta2_range": [float(beta2.min()), float(beta2.max())], "max_abs_err": err,
                     "max_residual": float(np.max(b.residual)),
                     "max_unit_circle_gap": float(np.max(np.min(np.abs(np.abs(b.eigenvalues) - 1), axis=1)))})
    worst = max(r["max_abs_err"] for r in rows)
    short = [r for r in rows if r["points"] < 10]
    return {
        "predicted": "; ".join(f"n={r['n']:g} {r['kind']}: {r['closed_form']}" for r in rows),
        "observed": "; ".join(f"n={r['n']:g} {r['kind']}: {r['points']} points over beta2 in "
                              f"[{r['beta2_range'][0]:.3g}, {r['beta2_range'][1]:.3g}], max |dbeta1| "
                              f"{r['max_abs_err']:.1e}" for r in rows),
        "tolerance": f"max |beta1 - closed form| <= {BOUNDARY_TOL:g} over curves of >= 10 points",
        "passed": worst <= BOUNDARY_TOL and not short,
        "settings": {"steps": steps, "cases": [c[:2] + (list(c[2]), c[3]) for c in cases]},
        "details": {"curves": rows},
    }


# ----------------------------------------------------------------------------------------------- the atlas

#: margin in beta1 from every engine-derived regime boundary for a cell to count as "away from boundaries"
ATLAS_MARGIN = 0.02
ATLAS_AGREE = 0.97
ATLAS_RATE_TOL = 1e-3
#: share of the cells that neither diverge nor spike that must keep a spectrum: the atlas withholds one that
#: misses the sum rule by more than its SUM_RULE_RTOL (a spike's near-minimum steps lose it legitimately)
SPECTRUM_SHARE = 0.99
#: the orbit's exponents in a fixed-point cell against log|eigenvalue| at the point (absolute): a complex
#: pair's two exponents meet only as 1/steps, 1.7e-3 apart at worst after the quick grid's 2000 steps
ATLAS_SPECTRUM_TOL = 5e-3


def jacobian_exponents(B1, B2, n=N_DYN):
    """log|eigenvalue| of the engine's Jacobian at the fixed point (block and z), sorted descending per cell."""
    e = th.quick_theory("adam", n).eigenvalues(beta1=B1, beta2=B2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.sort(-np.log(np.abs(e)), axis=-1)


def atlas_prediction(B1, B2, n=N_DYN) -> tuple:
    """``(regime, rho*)`` per cell from the engine (:func:`~adamdyn.theory.theory_grid`, ``quick_theory``)."""
    reg, _ = th.theory_grid("adam", n, {"beta1": B1[:, 0], "beta2": B2[0]})
    return reg, th.quick_theory("adam", n).rate(beta1=B1, beta2=B2)


def atlas_grid(quick):
    """The (beta1, beta2) axes of the atlas checks, and the steps of the window."""
    k, steps = (24, 2000) if quick else (64, 4000)
    return np.linspace(0.02, 0.98, k), np.linspace(0.05, 0.99, k), steps


@claim(22, "atlas_regimes", f"{cite('adam-degenerate', title=False)}, Thm 6.1 (three regimes)",
       "the atlas's labels, computed from the orbits of the normalized map without theory, agree with the "
       "engine's Regime I away from the boundaries, and its Lyapunov spectra satisfy the sum rule and, at a fixed "
       "point, equal the log-moduli of the derived Jacobian's eigenvalues",
       parts={"a": ("atlas_regime_one",
                    f"away from the derived boundaries (> {ATLAS_MARGIN} in beta1), a cell is labelled fixed_point "
                    f"with rate < 1 exactly where the engine says Regime I, on >= {ATLAS_AGREE:.0%} of cells, and "
                    f"the observed rate there is rho* to {ATLAS_RATE_TOL:g}"),
              "b": ("lyapunov_sum_rule",
                    "the Lyapunov exponents add up to the mean log|det J| along the orbit (the atlas withholds a "
                    f"spectrum that misses it by {SUM_RULE_RTOL:g}), and in at least {SPECTRUM_SHARE:.0%} of the "
                    "cells that neither diverge nor spike they do"),
              "c": ("lyapunov_at_the_point",
                    "in the Regime I cells labelled fixed_point, the orbit's Lyapunov exponents (QR along the "
                    "orbit, no theory) are log|mu| of the engine's Jacobian at the fixed point, z's being log rho*, "
                    f"to {ATLAS_SPECTRUM_TOL:g}")})
def atlas_regimes(quick=True):
    from ..dynamics.atlas import atlas

    g1, g2, steps = atlas_grid(quick)
    a = atlas("adam", {"beta1": g1, "beta2": g2}, n=N_DYN, steps=steps)
    B1, B2 = np.meshgrid(g1, g2, indexing="ij")
    reg, rho = atlas_prediction(B1, B2)
    away = distance_to_boundary(B1, B2, N_DYN) > ATLAS_MARGIN
    obs1 = (a.label == "fixed_point") & (a.rate < 1 - 1e-6)
    pred1 = reg == 1
    agree = float(np.mean((obs1 == pred1)[away]))
    both = away & obs1 & pred1
    with np.errstate(all="ignore"):
        rate_err = float(np.max(np.abs(a.rate[both] / rho[both] - 1))) if both.any() else math.inf
    labels = {}
    for r in (1, 2, 3):
        m = away & (reg == r)
        labs, cnt = np.unique(a.label[m], return_counts=True)
        labels[f"regime {r}"] = {str(k): int(v) for k, v in zip(labs, cnt)}
    bad = [{"beta1": float(B1[i]), "beta2": float(B2[i]), "regime": int(reg[i]), "label": str(a.label[i]),
            "rate": float(a.rate[i])} for i in zip(*np.nonzero(away & (obs1 != pred1)))]
    settings = {"n": N_DYN, "grid": f"{len(g1)} x {len(g2)}", "beta1": [float(g1[0]), float(g1[-1])],
                "beta2": [float(g2[0]), float(g2[-1])], "steps": steps, "transient": a.transient,
                "margin": ATLAS_MARGIN}
    part_a = {
        "predicted": f"Regime I on {int(pred1[away].sum())} of {int(away.sum())} cells away from the boundaries",
        "observed": (f"labels agree on {agree:.2%} ({len(bad)} cells differ); fixed_point rate vs rho*: max rel err "
                     f"{rate_err:.1e} over {int(both.sum())} cells"),
        "tolerance": f"agreement >= {ATLAS_AGREE:.0%}, rate rel <= {ATLAS_RATE_TOL:g}",
        "passed": agree >= ATLAS_AGREE and rate_err <= ATLAS_RATE_TOL,
        "settings": settings,
        "details": {"agreement": agree, "rate_rel_err": rate_err, "labels_by_regime": labels, "disagreeing": bad[:50],
                    "counts": a.counts(), "seconds": a.elapsed_s}}
    gap = a.sum_rule_gap
    scale = 1 + np.abs(a.lyapunov_spectrum).sum(axis=0)
    fin = np.isfinite(gap)
    rel = gap[fin] / scale[fin]
    worst = float(rel.max()) if rel.size else math.inf
    quiet = ~np.isin(a.label, ("divergent", "spiking"))
    share = float(fin[quiet].mean()) if quiet.any() else 0.0
    part_b = {
        "predicted": "sum of exponents = mean log|det J| (exact for a product of Jacobians)",
        "observed": f"max gap {worst:.1e} (relative to 1 + sum|exponent|) over {int(fin.sum())} cells with a spectrum "
                    f"({int((~fin).sum())} without: divergent, spiking or rank lost); {share:.2%} of the "
                    f"{int(quiet.sum())} cells that neither diverge nor spike keep one",
        "tolerance": f"<= {SUM_RULE_RTOL:g}, share >= {SPECTRUM_SHARE:.0%}",
        "passed": bool(rel.size) and worst <= SUM_RULE_RTOL and share >= SPECTRUM_SHARE,
        "note": ("the grid starts at beta2 = 0.05: at beta1 = beta2 = 0.03 (2000 steps) a step with a nearly singular "
                 "Jacobian costs modified Gram-Schmidt precision and the gap reaches 1.2e-5 (notebook 09)"),
        "settings": settings, "details": {"max_gap": worst, "cells": int(fin.sum()), "share": share}}
    pred_spec = jacobian_exponents(B1, B2)
    obs_spec = np.moveaxis(a.lyapunov_spectrum, 0, -1)
    at_point = away & pred1 & (a.label == "fixed_point")
    err = np.abs(obs_spec[at_point] - pred_spec[at_point]).max(axis=-1) if at_point.any() else np.array([])
    worst_c = float(np.nanmax(np.where(np.isfinite(err), err, np.inf))) if err.size else math.inf
    part_c = {
        "predicted": f"log|eigenvalues| of the derived Jacobian in {int(at_point.sum())} Regime I cells",
        "observed": f"max abs difference from the orbits' exponents {worst_c:.1e} (median "
                    f"{float(np.median(err)) if err.size else math.nan:.1e})",
        "tolerance": f"<= {ATLAS_SPECTRUM_TOL:g}",
        "passed": bool(err.size) and worst_c <= ATLAS_SPECTRUM_TOL,
        "settings": settings, "details": {"max_abs_err": worst_c, "cells": int(at_point.sum())}}
    return {"a": part_a, "b": part_b, "c": part_c}
