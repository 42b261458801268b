r"""Every fixed point and periodic orbit of a rule's reduced normalized map, found numerically.

The reduced map is the normalized map of a rule on :math:`|x|^n/n` restricted to the invariant
plane :math:`z = x/\eta = 0` (:func:`adamdyn.symbolic.map.normalized_map`): its coordinates are the
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

import itertools
import math
import time
from dataclasses import dataclass, field

import numpy as np

from ..rules import get_rule
from .maps import ReducedMap, reduced_map, reduced_maps

__all__ = ["ReducedMap", "reduced_map", "reduced_maps", "FoundPoint", "FixedPointSearch", "find_fixed_points"]

#: residual below which a Newton iterate counts as a root: |F^k(y) - y| <= RTOL * (1 + |y|) per coordinate
RTOL = 1e-11
#: two roots closer than this (relative, per coordinate) are the same root
SAME = 1e-7
#: an orbit through a point with |rho| below this reaches x = 0 in one step: singular, not reported
SINGULAR = 1e-9


# --------------------------------------------------------------------------------------------------
# the search


@dataclass
class FoundPoint:
    """A fixed point (``period`` 1) or a periodic orbit of the reduced map.

    ``coords``: the point (the orbit's first point; ``orbit`` lists all of them); ``rho``: the step
    ratio :math:`x_{t+1}/x_t` at a fixed point (negative: x changes sign every step), for an orbit the
    per-step factor of :math:`|x|`, :math:`(\\prod|\\rho_i|)^{1/k}` (``orbit_rho`` the ratios);
    ``eigenvalues``: of the Jacobian of the reduced map (of :math:`F^k` for an orbit), from the symbolic
    Jacobian, ``eigenvalues_fd`` from finite differences; ``stable``: every :math:`|\\mu| < 1`
    (attracting in the normalized coordinates); ``converges``: stable and the per-step factor of
    :math:`|x|` below 1 (linear convergence); ``found_by``: ``"numeric"``, ``"symbolic"`` or both.
    """

    coords: dict
    rho: float
    eigenvalues: np.ndarray
    stable: bool
    period: int = 1
    found_by: tuple = ("numeric",)
    eigenvalues_fd: np.ndarray | None = None
    orbit: list = field(default_factory=list)
    orbit_rho: list = field(default_factory=list)
    converges: bool = False
    in_box: bool = True
    name: str = ""
    notes: list = field(default_factory=list)
    enclosure: dict | None = None

    def as_dict(self) -> dict:
        def eig(v):
            return None if v is None else [[float(z.real), float(z.imag)] for z in np.asarray(v, dtype=complex)]

        return {"coords": self.coords, "rho": self.rho, "eigenvalues": eig(self.eigenvalues), "stable": self.stable,
                "period": self.period, "found_by": list(self.found_by), "eigenvalues_fd": eig(self.eigenvalues_fd),
                "converges": self.converges, "orbit": self.orbit, "orbit_rho": self.orbit_rho, "name": self.name,
                "in_box": self.in_box, "notes": self.notes, "enclosure": self.enclosure}


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


def _default_box(coords, nonneg):
    nonneg = tuple(nonneg) or (False,) * len(coords)
    return {c: ((0.0, 1e4) if nn else (-1e3, 1e3)) for c, nn in zip(coords, nonneg)}


def _axis(lo, hi, m):
    """``m`` start values in [lo, hi]: log-spaced over decades where the range spans them (both signs)."""
    vals = []
    if hi > 0:
        top = math.log10(hi)
        low = math.log10(lo) if lo > 0 else top - 10
        vals.append(np.logspace(low, top, m if lo >= 0 else max(2, m // 2)))
    if lo < 0:
        top = math.log10(-lo)
        low = math.log10(-hi) if hi < 0 else top - 6
        vals.append(-np.logspace(low, top, m if hi <= 0 else max(2, m - m // 2)))
    v = np.unique(np.concatenate(vals))
    return v[(v >= lo) & (v <= hi)]


def _close(a, b):
    return np.all(np.abs(a - b) <= SAME * (1 + np.abs(a)), axis=-1)


class _Iterate:
    """``G(y) = F^k(y) - y`` and its Jacobian for a bound map and parameter values."""

    def __init__(self, fmap, params, k):
        self.f, self.p, self.k = fmap, params, k

    def orbit(self, Y):
        pts, rhos = [Y], []
        for _ in range(self.k):
            nxt, rho = self.f(pts[-1], self.p)
            pts.append(nxt)
            rhos.append(rho)
        return pts, rhos

    def residual(self, Y):
        pts, _ = self.orbit(Y)
        return pts[-1] - Y, pts

    def gj(self, Y):
        G, pts = self.residual(Y)
        N, d = Y.shape
        J = np.broadcast_to(np.eye(d), (N, d, d)).copy()
        with np.errstate(all="ignore"):
            for y in pts[:-1]:
                J = self.f.jac(y, self.p) @ J
        return G, J - np.eye(d)


def _newton(it, Y, known, iters=60):
    """Vectorized Newton on ``G`` (deflated at the ``known`` roots); returns iterates and a converged mask."""
    Y = Y.copy()
    N, d = Y.shape
    done = np.zeros(N, dtype=bool)
    K = np.asarray(known, dtype=float).reshape(-1, d)
    for _ in range(iters):
        live = ~done & np.all(np.isfinite(Y), axis=1)
        if not live.any():
            break
        y = Y[live]
        G, J = it.gj(y)
        ok = np.all(np.isfinite(G), axis=1) & np.all(np.isfinite(J), axis=(1, 2))
        small = ok & np.all(np.abs(G) <= RTOL * (1 + np.abs(y)), axis=1)
        idx = np.flatnonzero(live)
        done[idx[small]] = True
        step = np.full_like(y, np.nan)
        go = ok & ~small
        if go.any():
            with np.errstate(all="ignore"):
                try:
                    dy = -np.linalg.solve(J[go], G[go][..., None])[..., 0]
                except np.linalg.LinAlgError:
                    dy = np.stack([_solve1(a, b) for a, b in zip(J[go], G[go])])
                if len(K):
                    diff = y[go][:, None, :] - K[None]
                    r2 = np.sum(diff**2, axis=-1)
                    # d log M / dy for M = prod_j (1 + 1/|y - r_j|^2)
                    gl = np.sum((-2 * diff / (r2**2)[..., None]) / (1 + 1 / r2)[..., None], axis=1)
                    dy = dy / (1 - np.sum(gl * dy, axis=1))[:, None]
                # a step may not take a coordinate more than a factor 10 (plus 1) further out
                lim = 10 * (1 + np.abs(y[go]))
                over = np.max(np.abs(dy) / lim, axis=1)
                dy = dy / np.maximum(1, over)[:, None]
            step[go] = dy
        Y[idx] = y + np.where(np.isfinite(step), step, np.nan)
        Y[idx[small]] = y[small]
    return Y, done


def _solve1(a, b):
    try:
        return -np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        return np.full_like(b, np.nan)


def _polish(it, Y, iters=40):
    """Plain Newton (deflation off) from the roots found, until the Newton step itself is below
    ``SAME / 100`` (relative): a deflated iterate that met the residual test near a root of nearly
    singular ``I - J`` moves onto that root here."""
    Y = Y.copy()
    ok = np.zeros(len(Y), dtype=bool)
    with np.errstate(all="ignore"):
        for _ in range(iters):
            G, J = it.gj(Y)
            dy = np.stack([_solve1(a, b) for a, b in zip(J, G)]) if len(Y) else Y
            Y = Y + np.where(np.isfinite(dy), dy, 0.0)
            ok = np.all(np.isfinite(dy), axis=1) & np.all(np.abs(dy) <= SAME / 100 * (1 + np.abs(Y)), axis=1)
            if ok.all():
                break
        G, _ = it.residual(Y)
    ok &= np.all(np.abs(G) <= RTOL * (1 + np.abs(Y)), axis=1)
    return Y[ok]


def _minimal_period(f, params, y, k):
    z = y[None]
    for j in range(1, k + 1):
        z = f(z, params)[0]
        if j < k and k % j == 0 and _close(z[0], y).item():
            return j
    return k


def _search_period(fmap, params, k, starts, known, box):
    it = _Iterate(fmap, params, k)
    roots = []
    share = None
    rounds = 0
    while True:
        rounds += 1
        Y, done = _newton(it, starts, known + roots)
        if share is None:
            share = float(np.mean(done))
        cand = _polish(it, Y[done]) if done.any() else np.empty((0, starts.shape[1]))
        new = []
        for y in cand:
            if any(_close(y, r) for r in known + roots + new):
                continue
            new.append(y)
        if not new:
            break
        roots.extend(new)
        if rounds >= 20:
            break
    return roots, share, rounds


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
        symbolic: ``True`` compares with the symbolic engine (:func:`adamdyn.symbolic.derive`, derived
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


#: the largest period the interval proof is run for (the unknowns are the orbit's points: 2 x coordinates)
PROOF_PERIOD_MAX = 2


def _prove_chart(rule, n, flags, imaps, fmap, values, box, period_max, found, max_boxes, max_depth):
    """The interval proof on one chart, compared with the Newton points ``found``; returns (record, points)."""
    from .interval import Unsupported, interval_maps, prove_fixed_points

    rec = {"coords": list(fmap.coords), "complete": False, "periods": [], "reason": ""}
    try:
        if imaps is None:
            imaps = interval_maps(rule, n, **flags)
        match = [m for m in imaps if m.coords == fmap.coords]
        if not match:
            raise Unsupported(f"no interval form of the chart {fmap.coords}")
        imap = match[0]
        imap.check(values)
    except Unsupported as e:
        rec["reason"] = f"interval proof not attempted: {e}"
        return rec, found
    complete = True
    reasons = []
    for k in range(1, period_max + 1):
        if k > PROOF_PERIOD_MAX:
            complete = False
            reasons.append(f"period {k}: not attempted (the proof covers periods <= {PROOF_PERIOD_MAX})")
            continue
        pr = prove_fixed_points(imap, box, values, period=k, max_boxes=max_boxes, max_depth=max_depth)
        d = pr.as_dict()
        d["unresolved"] = d["unresolved"][:20]  # the count is in unresolved_count
        found, cmp_ = _match(fmap, values, k, pr, found, box)
        d.update(cmp_)
        rec["periods"].append(d)
        if not pr.complete:
            complete = False
            reasons.append(f"period {k}: {pr.reason}")
        if cmp_["newton_outside_enclosures"]:
            reasons.append(f"period {k}: {len(cmp_['newton_outside_enclosures'])} Newton point(s) lie in no proven "
                           "enclosure")
            complete = False
            hull = pr.unresolved_hull
            for q in cmp_["newton_outside_enclosures"]:
                pt = next((p for p in found if p.period == k and p.coords == q["coords"]), None)
                inh = hull is not None and k == 1 and _inside([q["coords"][c] for c in fmap.coords], hull, fmap.coords)
                if pt is not None and inh and np.any(np.abs(np.asarray(pt.eigenvalues) - 1) < 1e-6):
                    q["why"] = ("lies in the unresolved region and its Jacobian has the eigenvalue 1: I - J is "
                                "singular there, a non-hyperbolic root that no Krawczyk test proves")
                    reasons.append(f"period {k}: the Newton point {q['coords']} {q['why']}")
    rec["complete"] = complete
    rec["reason"] = "; ".join(reasons)
    return rec, found


def _inside(y, enc, coords):
    """``y`` lies in the enclosure (widened by the Newton search's own tolerance ``SAME``)."""
    return all(enc[c][0] - SAME * (1 + abs(v)) <= v <= enc[c][1] + SAME * (1 + abs(v)) for c, v in zip(coords, y))


def _match(fmap, values, k, pr, found, box):
    """Mark the Newton points that lie in proven enclosures; add the proven roots Newton missed."""
    coords = fmap.coords
    encs = [e for e in pr.enclosures if e["in_box"]]
    if k > 1:
        # an enclosure whose blocks overlap may hold a fixed point (y, y): keep the proven 2-cycles only
        cyc = []
        for e in encs:
            blocks = e["orbit"]
            disjoint = any(blocks[0][c][1] < blocks[1][c][0] or blocks[1][c][1] < blocks[0][c][0] for c in coords)
            if disjoint and not any(_same_cycle(e, q, coords) for q in cyc):
                cyc.append(e)
        encs = cyc
    used = [False] * len(encs)
    outside = []
    for p in found:
        if p.period != k:
            continue
        pts = p.orbit or [p.coords]
        hit = [j for j, e in enumerate(encs)
               if any(all(_inside([q[c] for c in coords], blk, coords) for q in pts[:1]) for blk in
                      (e["orbit"] if k > 1 else [e["box"]]))]
        if hit:
            used[hit[0]] = True
            p.enclosure = encs[hit[0]]["box"] if k == 1 else {"orbit": encs[hit[0]]["orbit"]}
            if "interval" not in p.found_by:
                p.found_by = tuple(p.found_by) + ("interval",)
        else:
            outside.append({"coords": p.coords, "rho": p.rho, "period": k})
    missed = []
    for j, e in enumerate(encs):
        if used[j]:
            continue
        blk = e["box"]
        y = np.array([0.5 * (blk[c][0] + blk[c][1]) for c in coords])
        pol = _polish(_Iterate(fmap, values, k), y[None])
        y = pol[0] if len(pol) else y
        pt = _point(fmap, values, y, k)
        pt.found_by = ("interval",)
        pt.enclosure = blk if k == 1 else {"orbit": e["orbit"]}
        pt.notes.append("proven by the interval search; the Newton search did not find it")
        found.append(pt)
        missed.append({"coords": pt.coords, "rho": pt.rho, "period": k, "enclosure": pt.enclosure})
    return found, {"newton_outside_enclosures": outside, "missed_by_newton": missed,
                   "proven_in_box": len(encs)}


def _same_cycle(a, b, coords):
    """Two enclosures of the 2-block system that are the same cycle started at its other point."""
    def meet(x, y):
        return all(x[c][0] <= y[c][1] and y[c][0] <= x[c][1] for c in coords)
    return meet(a["orbit"][0], b["orbit"][1]) and meet(a["orbit"][1], b["orbit"][0])


def _search_chart(fmap, values, box, period_max, starts):
    """The points of one chart inside ``box`` and the coverage of its search."""
    coords = fmap.coords
    m = starts or max(8, int(round(2000 ** (1 / len(coords)))))
    axes = [_axis(*box[c], m) for c in coords]
    grid = np.array(list(itertools.product(*axes)), dtype=float)
    points, known = [], []
    coverage = {"starts": int(len(grid)), "per_axis": [len(a) for a in axes], "converged_share": {}, "rounds": {},
                "outside_box": {}, "singular": {}}
    for k_ in range(1, period_max + 1):
        roots, share, rounds = _search_period(fmap, values, k_, grid, list(known), box)
        coverage["converged_share"][k_] = share
        coverage["rounds"][k_] = rounds
        outside = singular = 0
        for y in roots:
            known.append(y)
            if _minimal_period(fmap, values, y, k_) != k_:
                continue
            pt = _point(fmap, values, y, k_)
            if any(_same_orbit(pt, q) for q in points if q.period == k_):
                continue
            ratios = np.abs(pt.orbit_rho or [pt.rho])
            if not np.all(np.isfinite(ratios) & (ratios > SINGULAR)):
                singular += 1  # x reaches 0 in one step (rho = 0): the normalized map is singular there
                continue
            pt.in_box = all(box[c][0] - SAME <= q[c] <= box[c][1] + SAME for c in coords
                            for q in (pt.orbit or [pt.coords]))
            if not pt.in_box:
                outside += 1
                continue
            points.append(pt)
        coverage["outside_box"][k_] = outside
        coverage["singular"][k_] = singular
    coverage["claim"] = ("every root of F^k(y) = y (k <= period_max) reachable by Newton with deflation from the "
                         f"{len(grid)} starts of the grid; the last deflation round of each period found nothing new")
    points.sort(key=lambda p: (p.period, [p.coords[c] for c in coords]))
    return points, coverage


def _check_box(box, coords, nonneg):
    out = _default_box(coords, nonneg)
    for c, rng in (box or {}).items():
        if c not in out:
            raise ValueError(f"box coordinate {c!r} is not a coordinate of the reduced map; valid names are "
                             f"{', '.join(coords)}. Fix: use one of those names.")
        try:
            lo, hi = (float(v) for v in rng)
        except (TypeError, ValueError):
            raise ValueError(f"box[{c!r}]={rng!r} is not a pair of numbers; valid is (lo, hi) with lo < hi. "
                             f"Fix: pass e.g. box={{{c!r}: (0, 10)}}.") from None
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise ValueError(f"box[{c!r}]={rng!r} is out of range; valid is finite lo < hi. "
                             f"Fix: pass e.g. box={{{c!r}: (0, 10)}}.")
        out[c] = (lo, hi)
    return out


def _point(fmap, params, y, k):
    it = _Iterate(fmap, params, k)
    pts, rhos = it.orbit(y[None])
    rhos = [float(r[0]) for r in rhos]
    orbit = [dict(zip(fmap.coords, map(float, p[0]))) for p in pts[:-1]]
    Jk = np.eye(len(y))
    Jfd = np.eye(len(y))
    for p in pts[:-1]:
        Jk = fmap.jac(p, params)[0] @ Jk
        Jfd = fmap.fd_jacobian(p, params)[0] @ Jfd
    eig = np.linalg.eigvals(Jk) if np.all(np.isfinite(Jk)) else np.full(len(y), np.nan)
    eig_fd = np.linalg.eigvals(Jfd) if np.all(np.isfinite(Jfd)) else np.full(len(y), np.nan)
    eig = eig[np.lexsort((eig.imag, np.abs(eig)))]
    eig_fd = eig_fd[np.lexsort((eig_fd.imag, np.abs(eig_fd)))]
    stable = bool(np.all(np.abs(eig) < 1))
    rho = rhos[0] if k == 1 else float(np.prod(np.abs(rhos)) ** (1 / k))
    return FoundPoint(orbit[0], rho, eig, stable, k, ("numeric",), eig_fd, orbit if k > 1 else [],
                      rhos if k > 1 else [], bool(stable and abs(rho) < 1))


def _same_orbit(a, b):
    pa = np.array([list(o.values()) for o in (a.orbit or [a.coords])])
    pb = np.array([list(o.values()) for o in (b.orbit or [b.coords])])
    return all(any(_close(x, y) for y in pb) for x in pa)


def _compare_symbolic(res, rule, n, flags, values, fmaps, force):
    """Mark the numeric points the symbolic engine also reports; add the engine's points the search missed."""
    import sympy as sp

    from ..symbolic import cache
    from ..symbolic.derivation import derive
    from ..symbolic.map import RHO, Z

    nn = sp.nsimplify(n, rational=True)
    items = tuple(sorted(flags.items()))
    if force:
        d = derive(rule.name, n=n, **flags)
    else:
        d = cache.load("derivation", rule, (sp.srepr(nn), items))
        if d is None or not hasattr(d, "fixed_points"):
            res.notes.append("symbolic comparison skipped: the derivation at this n is not cached (pass "
                             "symbolic=True, or --symbolic, to derive it)")
            return
    subs = {sym: values[name] for name, sym in d.map.params.items() if name in values}
    for fp, _st in d.fixed_points:
        try:
            rho = complex(sp.N(sp.sympify(fp.rho).subs(subs)))
            at = {str(c): complex(sp.N(sp.sympify(v).subs(RHO, fp.rho).subs(subs)))
                  for c, v in fp.point.items() if c != Z}
            pos = [complex(sp.N(sp.sympify(q).subs(subs))) for q in fp.positive]
        except (TypeError, ValueError):
            continue
        charts = [f for f in fmaps if set(f.coords) == set(at)]
        if not charts:
            continue
        fmap = charts[0]
        coords = fmap.coords
        box = _check_box({c: v for c, v in res.box.items() if c in coords}, coords, fmap.nonnegative)
        if any(abs(v.imag) > 1e-12 or not math.isfinite(v.real) for v in at.values()):
            continue
        if abs(rho.imag) > 1e-12 or any(q.real <= 0 or abs(q.imag) > 1e-12 for q in pos):
            continue  # the engine's point does not exist at these parameters
        y = np.array([at[c].real for c in coords])
        if not all(box[c][0] - SAME <= at[c].real <= box[c][1] + SAME for c in coords):
            continue
        match = [p for p in res.points if p.period == 1 and set(p.coords) == set(coords)
                 and _close(np.array([p.coords[c] for c in coords]), y)]
        if match:
            match[0].found_by = tuple(match[0].found_by) + ("symbolic",)
            match[0].name = fp.name
            if abs(match[0].rho - rho.real) > 1e-8 * (1 + abs(rho.real)):
                match[0].notes.append(f"the engine's rho* = {rho.real!r} differs from the map's {match[0].rho!r}")
        else:
            pt = _point(fmap, values, y, 1)
            pt.found_by, pt.name = ("symbolic",), fp.name
            res.points.append(pt)
            res.missed.append({"name": fp.name, "coords": dict(zip(coords, y.tolist())), "rho": rho.real})
    res.symbolic_missed = [{"coords": p.coords, "rho": p.rho, "period": p.period} for p in res.points
                           if p.period == 1 and "symbolic" not in p.found_by]
    if res.symbolic_missed:
        res.notes.append(f"{len(res.symbolic_missed)} fixed point(s) found numerically that the symbolic engine does "
                         "not report (it solves for rho* > 0 only; e.g. a sign-flipping point with rho* < 0)")
