r"""Every fixed point and periodic orbit of a rule's reduced normalized map, found numerically.

The reduced map is the normalized map of a rule on :math:`|x|^n/n` restricted to the invariant
plane :math:`z = x/\eta = 0` (:func:`adamdyn.theory.map.normalized_map`): its coordinates are the
normalized states (``u = m/g`` ...) and the effective curvature :math:`\lambda`, and a fixed point
of it with step ratio :math:`\rho^* = x_{t+1}/x_t` is a point of linear convergence where
:math:`|\rho^*| < 1`. The symbolic engine solves only for :math:`\rho^* > 0`; here the map is
evaluated for either sign of :math:`\rho`, so sign-flipping points (:math:`x` changes sign every
step) are found as well.

The map (:func:`adamdyn.dynamics.maps.reduced_maps`, built in the same module as the atlas's) is derived
once per (rule, n, boolean flags) with every float parameter symbolic, then lambdified to numpy float64
(branches of ``max``/``min``/``sign``/``where`` as a per-point choice of the branch whose conditions
hold), together with its symbolic Jacobian. The search is a dense
multi-start Newton iteration with deflation (Farrell et al., 2015): every start of a
grid over the box runs Newton on :math:`F^k(y) - y`; the roots found are then deflated and every
start runs again, until a round finds nothing new. The coverage is measured and reported:
the share of starts whose plain Newton iteration converged (the grid lies in the union of the
Newton basins of the roots found), and the number of deflation rounds. The claim is exactly
this: no further root is reachable by deflated Newton from any start of the grid; a root whose
basin holds no start can be missed (refine the grid with ``starts=``).

With ``method="interval"`` or ``"both"`` the search is also *proven* complete where it can be:
:func:`adamdyn.dynamics.interval.prove_fixed_points` runs a branch and bound over the box in interval
arithmetic with the Krawczyk test (as ChaosTools' ``fixedpoints``), and ``complete`` is True only if every
box was excluded or holds one proven root; then every fixed point (and, for ``period_max >= 2``, every
2-cycle) in the box lies in one of the proven enclosures, and each Newton point is checked against them
(``proof["newton_outside_enclosures"]``, ``proof["missed_by_newton"]``). A root where :math:`I - J` is
singular (an eigenvalue 1, as at the trivial point of GD, momentum or Yogi) cannot be proven by any Krawczyk
test: the search then stays incomplete, names the Newton point in the unresolved region, and gives the hull
of the unresolved boxes. For Adam at n = 4 the proof of the fixed points takes about 0.5 s in the default box (2.5 k boxes),
and of the 2-cycles (4 unknowns) about 5 s (0.3 M boxes), on a shared 2-core machine; ``method="newton"``
stays the default.

Example:
    >>> res = find_fixed_points("adam", n=4, beta1=0.9, beta2=0.999)
    >>> sorted(round(p.rho, 6) for p in res.points if p.period == 1)
    [-0.99975, 0.99975, 1.0]
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..rules import get_rule
from ._cross_check import PROOF_PERIOD_MAX, _compare_symbolic, _prove_chart
from ._newton import RTOL, SAME, SINGULAR, FoundPoint, _check_box, _search_chart
from .maps import ReducedMap, reduced_map, reduced_maps

__all__ = ["ReducedMap", "reduced_map", "reduced_maps", "FoundPoint", "FixedPointSearch", "find_fixed_points",
           "METHODS", "PROOF_PERIOD_MAX", "RTOL", "SAME", "SINGULAR"]


@dataclass
class FixedPointSearch:
    """The result of :func:`find_fixed_points`: the points, the coverage of the search, and notes.

    ``coverage``: ``starts`` (grid size), ``converged_share`` per period (share of starts whose plain
    Newton iteration converged to a root, inside the box or not: the grid's share in the Newton basins
    of the roots found), ``rounds`` (deflation rounds per period; the last found nothing new) and the
    claim in words. ``missed``: points the symbolic engine reports that the numeric search did not find
    (empty when the search is complete for them); ``symbolic_missed``: numeric points the engine does not
    report (e.g. rho* < 0). ``complete``: True only where the interval proof ran (``method="interval"`` or
    ``"both"``) and resolved every box of every chart; ``proof``: its record per chart and period (boxes,
    unresolved boxes, enclosures, seconds, and the comparison with the Newton points), ``None`` for
    ``method="newton"``.
    """

    optimizer: str
    n: float
    params: dict
    coords: tuple
    box: dict
    points: list
    coverage: dict
    notes: list = field(default_factory=list)
    seconds: float = float("nan")
    missed: list = field(default_factory=list)
    symbolic_missed: list = field(default_factory=list)
    complete: bool = False
    proof: dict | None = None

    def as_dict(self) -> dict:
        return {"optimizer": self.optimizer, "n": self.n, "params": self.params, "coords": list(self.coords),
                "box": {k: list(v) for k, v in self.box.items()}, "points": [p.as_dict() for p in self.points],
                "coverage": self.coverage, "missed_by_numeric": self.missed,
                "not_in_symbolic": self.symbolic_missed, "notes": self.notes, "seconds": self.seconds,
                "complete": self.complete, "proof": self.proof}


#: methods of :func:`find_fixed_points`
METHODS = ("newton", "interval", "both")


def find_fixed_points(optimizer, n=4, box=None, period_max=1, starts=None, symbolic="auto", method="newton",
                      max_boxes=1_000_000, max_depth=120, **params):
    r"""All fixed points and periodic orbits (period <= ``period_max``) of the reduced normalized map in a box.

    Args:
        optimizer: rule name or :class:`~adamdyn.rules.Rule`, a :class:`ReducedMap` of your own (Newton
            only), or an :class:`~adamdyn.dynamics.interval.IntervalMap` (both methods).
        n: degree of :math:`|x|^n/n` (real > 2).
        box: ``{coordinate: (lo, hi)}``; default ``lambda`` in [0, 1e4], every other coordinate in
            [-1e3, 1e3]. Points found outside it are dropped (their count is in ``coverage``).
        period_max: the largest period searched (1: fixed points only).
        starts: Newton starts per coordinate (default: about 2000 starts in all, at least 8 per axis),
            log-spaced over the decades of the box.
        symbolic: ``True`` compares with the symbolic engine (:func:`adamdyn.theory.derive`, derived
            if not cached), ``"auto"`` only where its derivation is already cached or shipped, ``False``
            never.
        method: ``"newton"`` (multi-start Newton with deflation; ``complete`` stays False), ``"interval"``
            (the interval proof; Newton only polishes the proven roots) or ``"both"`` (both, cross-checked).
            The proof covers periods 1 and 2.
        max_boxes, max_depth: the budget of the interval proof (boxes evaluated per chart and period,
            bisections of one box).
        **params: the rule's parameters (float ones at their values, booleans select the derivation;
            ``eps`` must be 0).

    Returns:
        :class:`FixedPointSearch`.
    """
    from .interval import IntervalMap, _check_budget

    t0 = time.perf_counter()
    if not (symbolic == "auto" or isinstance(symbolic, bool)):
        raise ValueError(f"symbolic={symbolic!r} is not one of 'auto', True, False (a string other than 'auto' "
                         "is not read as a boolean). Fix: pass symbolic=True, False or 'auto'.")
    if method not in METHODS:
        raise ValueError(f"method={method!r} is not a search method; valid: {', '.join(METHODS)}. "
                         "Fix: pass method='both'.")
    if method != "newton":
        _check_budget(max_depth, max_boxes, 1)
    imaps = None
    if isinstance(optimizer, IntervalMap):
        imaps = [optimizer]
        optimizer = _reduced_from_interval(optimizer)
    if isinstance(optimizer, ReducedMap):
        fmap, rule, flags, values = optimizer, None, {}, dict(params)
    else:
        rule = get_rule(optimizer)
        checked = rule.make_params(**params).as_dict()
        if checked.get("eps", 0) != 0:
            raise ValueError(f"eps={params.get('eps')!r}: the reduced map is the scale-free map, which needs eps = 0 "
                             "(eps/|g| grows without bound as x -> 0). Fix: omit eps or pass eps=0.")
        kinds = {q.name: q.kind for q in rule.params}
        flags = {k: checked[k] for k in params if kinds[k] == "bool"}
        values = {k: v for k, v in checked.items() if kinds[k] != "bool"}
        fmaps = reduced_maps(rule, n, **flags)
    if isinstance(optimizer, ReducedMap):
        fmaps = [optimizer]
    if not isinstance(period_max, (int, np.integer)) or isinstance(period_max, bool) or not 1 <= period_max <= 8:
        raise ValueError(f"period_max={period_max!r} is out of range; valid range is an integer in [1, 8]. "
                         "Fix: pass period_max=2.")
    if starts is not None and (not isinstance(starts, (int, np.integer)) or isinstance(starts, bool) or starts < 2):
        raise ValueError(f"starts={starts!r} is out of range; valid range is an integer >= 2 (starts per "
                         "coordinate). Fix: pass starts=24.")
    main = fmaps[0]
    coords = main.coords
    notes = list(main.notes)
    name = getattr(rule, "name", main.name)
    if not coords:
        res = FixedPointSearch(name, float(n), values, (), {}, [],
                               {"starts": 0, "claim": "no reduced map to search"}, notes, time.perf_counter() - t0)
        if method != "newton":
            res.complete = True
            res.proof = {"complete": True, "charts": [], "reason": "the reduced map does not exist (every branch's "
                         "step ratio at z = 0 is infinite): there is no fixed point to find"}
        return res
    box = dict(box or {})
    every = {c for f in fmaps for c in f.coords}
    for c in box:
        if c not in every:
            raise ValueError(f"box coordinate {c!r} is not a coordinate of the reduced map; valid names are "
                             f"{', '.join(sorted(every))}. Fix: use one of those names.")
    points, coverage, main_box = [], None, None
    proofs = []
    for i, fmap in enumerate(fmaps):
        fbox = _check_box({c: v for c, v in box.items() if c in fmap.coords}, fmap.coords, fmap.nonnegative)
        if method == "interval":
            found, cov = [], {"starts": 0, "claim": "Newton not run (method='interval')"}
        else:
            found, cov = _search_chart(fmap, values, fbox, period_max, starts)
        if method != "newton":
            proof, found = _prove_chart(rule, n, flags, imaps, fmap, values, fbox, period_max, found, max_boxes,
                                        max_depth)
            proofs.append(proof)
        if i == 0:
            coverage, main_box = cov, fbox
        else:
            coverage.setdefault("charts", []).append({"coords": list(fmap.coords), **cov})
            for pt in found:
                pt.notes.append(f"on the branch with coordinates {', '.join(fmap.coords)}")
        points.extend(found)
    res = FixedPointSearch(name, float(n), values, coords, main_box, points, coverage, notes)
    if method != "newton":
        res.complete = all(p["complete"] for p in proofs)
        res.proof = {"complete": res.complete, "charts": proofs,
                     "seconds": float(sum(q.get("seconds", 0.0) for p in proofs for q in p.get("periods", [])))}
    if rule is not None and symbolic:
        _compare_symbolic(res, rule, n, flags, values, fmaps, force=(symbolic is True))
        if res.proof is not None:
            # the engine's points in the box must lie in proven enclosures too (where a chart's proof ran)
            proved = {tuple(ch["coords"]) for ch in res.proof["charts"] if ch["periods"]}
            out = [{"name": p.name, "coords": p.coords} for p in res.points if "symbolic" in p.found_by
                   and p.enclosure is None and tuple(p.coords) in proved]
            res.proof["symbolic_outside_enclosures"] = out
            if out:
                res.complete = res.proof["complete"] = False
    res.seconds = time.perf_counter() - t0
    return res


def _reduced_from_interval(imap):
    """A :class:`ReducedMap` (numpy, lambdified) of a one-branch :class:`IntervalMap` without a step ratio."""
    import sympy as sp

    if imap.rho is not None or len(imap.branches) != 1:
        raise ValueError("an IntervalMap with a step ratio or branches comes from a rule; valid here: a map from "
                         "IntervalMap.from_expressions. Fix: pass the rule's name instead.")
    y = list(imap.symbols)
    ps = list(imap.params.values())
    nxt = [sp.sympify(e) for e in imap.branches[0]["next"]]
    f = [sp.lambdify(y + ps, e, "numpy") for e in nxt]
    J = [[sp.lambdify(y + ps, sp.diff(e, c), "numpy") for c in y] for e in nxt]
    names = tuple(imap.params)

    def pv(params):
        return [float(params.get(k, imap.defaults[k])) for k in names]

    def evaluate(Y, params):
        Y = np.atleast_2d(Y)
        with np.errstate(all="ignore"):
            cols = [Y[:, j] for j in range(Y.shape[1])] + pv(params)
            nx = np.stack([np.broadcast_to(np.asarray(g(*cols), dtype=float), (len(Y),)) for g in f], axis=1)
        return nx, np.ones(len(Y))

    def jacobian(Y, params):
        Y = np.atleast_2d(Y)
        with np.errstate(all="ignore"):
            cols = [Y[:, j] for j in range(Y.shape[1])] + pv(params)
            return np.stack([np.stack([np.broadcast_to(np.asarray(g(*cols), dtype=float), (len(Y),)) for g in row],
                                      axis=1) for row in J], axis=1)

    return ReducedMap(imap.coords, evaluate, jacobian, names, (), [], imap.name)
