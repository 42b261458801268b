r"""``derive``: the whole analysis of one rule on :math:`|x|^n/n`, cached per (rule, n, params)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from ..rules import get_rule
from . import cache
from .fixed_points import FixedPoint, linear_fixed_point, trivial_fixed_point
from .map import LAM, LR, RHO, NormalizedMap, Z, _limit, _tidy, normalized_maps
from .stability import analyse

__all__ = ["Derivation", "derive"]


@dataclass
class Derivation:
    """Everything derived for one rule: map, fixed points, stability, rate, boundaries, notes.

    ``fixed_points`` is a list of ``(FixedPoint, Stability)``; the linear-convergence point
    (if any) is ``linear``; ``rate`` is :math:`\\rho^*` per step in :math:`|x|` and
    ``loss_rate`` :math:`\\rho^{*n}` per step in loss.
    """

    optimizer: str
    n: sp.Expr
    params: dict
    map: NormalizedMap
    fixed_points: list
    linear: tuple | None
    rate: sp.Expr
    loss_rate: sp.Expr
    exists_if: list
    stable_if: list
    boundaries: list
    notes: list = field(default_factory=list)
    stable_if_rho: list = field(default_factory=list)  # the stability conditions with rho = rho* kept as a symbol
    branches: list = field(default_factory=list)  # [{"when": [conditions], "outcome": text}] of a piecewise rule
    marginal: list = field(default_factory=list)  # Jury conditions that are 0 identically (on the unit circle)
    linear_convergence: bool = True  # whether some branch has a linear-convergence point
    why_not: list = field(default_factory=list)  # where none: the reason of every branch, in words
    late: dict = field(default_factory=dict)  # where none: {"kind", "q", "exponent", "text"} of the late law

    def __str__(self) -> str:
        from .report import as_text

        return as_text(self)

    def _repr_latex_(self) -> str:
        from .report import as_latex

        return as_latex(self)

    def as_dict(self) -> dict:
        """The JSON form (that of ``adamdyn derive --format json``): expressions and conditions as text."""
        from .report import as_dict

        return as_dict(self)


def _explicit(expr, fp):
    return _tidy(sp.sympify(expr).subs(RHO, fp.rho))


def _build(name, n, items) -> Derivation:
    values = dict(items)
    maps = normalized_maps(name, n=n, **values)
    results = [_analyse_branch(m) for m in maps]
    live = [r for r in results if r["linear"] is not None]
    chosen = live[0] if live else results[0]
    m = chosen["map"]
    notes = list(chosen["notes"])
    branches = []
    if len(results) > 1:
        for r in results:
            branches.append({"when": [d for d, _ in r["map"].branch], "outcome": r["outcome"]})
            if r is not chosen:
                notes.append(f"branch {' and '.join(d for d, _ in r['map'].branch)}: {r['outcome']}")
        if len(live) > 1:
            notes.append(f"{len(live)} branches have a linear-convergence point; the first is reported")
    late = chosen["late"]
    if not live:
        lates = [r["late"] for r in results if r["late"]]
        late = lates[0] if lates and all(x["kind"] == lates[0]["kind"] for x in lates) else (lates[0] if
                                                                                           len(lates) == 1 else {})
        if len(lates) > 1 and not late:
            notes.append("the branches disagree on the late behaviour: " + "; ".join(x["text"] for x in lates))
    d = Derivation(m.rule, m.n, dict(values), m, chosen["fixed_points"], chosen["linear"], chosen["rate"],
                   chosen["loss_rate"], chosen["exists_if"], chosen["stable_if"], chosen["boundaries"], notes,
                   chosen["stable_if_rho"])
    d.branches = branches
    d.marginal = chosen["marginal"]
    d.linear_convergence = bool(live)
    d.why_not = [] if live else _why_not(results)
    d.late = late
    return d


def _analyse_branch(m) -> dict:
    """Fixed points, stability and the branch check of one branch's map; the late behaviour where no point."""
    notes = list(m.notes)
    fps = []
    triv = trivial_fixed_point(m)
    if triv is not None:
        fps.append((triv, analyse(m, triv, reduced=False)))
    lin, why = linear_fixed_point(m)
    notes.extend(why)
    linear = None
    exists_if, stable_if, boundaries, stable_if_rho, marginal = [], [], [], [], []
    rate = loss_rate = sp.nan
    outcome = ""
    branch_extra = []
    if lin is not None:
        status, extra, text = _branch_status(m, lin)
        branch_extra = extra
        if status == "fails":
            notes.append(f"the linear-convergence point of this branch violates its condition ({text}): it is not "
                         "a fixed point of the rule")
            outcome = f"no linear convergence: its fixed point violates the branch condition ({text})"
            lin = None
        elif status == "kink":
            notes.append(f"the linear-convergence point lies exactly on a branch boundary (a kink: {text}); the "
                         "map is not differentiable there and its stability is not derived by linearization")
            outcome = f"fixed point on a kink ({text})"
            lin.notes.append("on a kink")
        else:
            lin.positive.extend(extra)
            if extra:
                notes.append(f"the branch holds at the fixed point where {text}")
            elif m.branch:
                notes.append(f"the branch holds at the fixed point ({text})")
    if lin is not None:
        st = analyse(m, lin, reduced=True)
        linear = (lin, st)
        fps.append(linear)
        notes.extend(lin.notes + st.notes)
        rate = lin.rho
        loss_rate = _tidy(lin.rho**m.n)
        n_own = len(lin.positive) - len(branch_extra)
        exists_if = [(_existence(q, m, lin), i >= n_own) for i, q in enumerate(lin.positive)]
        exists_if = [(_pretty(c, lin, m), br) for c, br in exists_if if c is not sp.true]
        for c, br in exists_if:
            boundaries.append({"condition": c, "bifurcation": "existence: the non-trivial fixed point leaves the "
                               "admissible region (lambda* -> 0, u* -> oo); beyond it no linear convergence"
                               if not br else "branch: beyond it the rule's update takes another branch "
                               "(no linear convergence there)"})
        exists_if = [c for c, _ in exists_if]
        for c in st.conditions:
            if c.implied_by_existence:
                continue
            if c.reduced is sp.false and _identically_zero(c.expr, m, lin):
                marginal.append(f"{c.name} = 0 identically: marginal (eigenvalue on the unit circle, "
                                f"{c.bifurcation.split(':')[0]}); linearization does not decide stability")
                boundaries.append({"condition": f"{c.name} = 0", "bifurcation": "marginal (eigenvalue on the unit "
                                   "circle) everywhere the point exists"})
                continue
            explicit = _pretty(_explicit(c.reduced, lin), lin, m) if isinstance(c.reduced, sp.Basic) else c.reduced
            stable_if.append(explicit)
            stable_if_rho.append(_rho_condition(c.expr, m))
            boundaries.append({"condition": explicit, "bifurcation": c.bifurcation})
        notes.extend(marginal)
        outcome = outcome or f"linear convergence, rho* = {rate}"
    elif m.n == 2 and not m.branch and not m.step_decay:
        notes.append("n = 2: the lambda equation at z = 0 has no solution with rho* < 1; lambda grows "
                     "without bound (no non-trivial fixed point, no Regime I)")
    decay = _decay_point(m)
    if decay is not None:
        fps.append(decay[:2])
        notes.append(decay[2])
    late = {} if linear is not None else _late(m, why)
    if linear is None:
        outcome = outcome or ("no linear convergence: " + late.get("text", "; ".join(why)))
    return {"map": m, "fixed_points": fps, "linear": linear, "rate": rate, "loss_rate": loss_rate,
            "exists_if": exists_if, "stable_if": stable_if, "boundaries": boundaries, "notes": notes,
            "stable_if_rho": stable_if_rho, "marginal": marginal, "late": late, "outcome": outcome}


def linear_branch(maps):
    """``(map, FixedPoint, why)``: the first branch whose linear-convergence point satisfies the branch's
    conditions (with the parameter conditions it needs added to ``positive``), or ``(maps[0], None, why)``."""
    why = []
    for m in maps:
        lin, w = linear_fixed_point(m)
        why.extend(w)
        if lin is None:
            continue
        status, extra, text = _branch_status(m, lin)
        if status in ("holds", "param"):
            lin.positive.extend(extra)
            return m, lin, why
        why.append(f"the branch's point {'is on a kink' if status == 'kink' else 'violates its condition'} ({text})")
    return maps[0], None, why


def _identically_zero(expr, m, lin) -> bool:
    from .sampling import evaluate, sample_points

    pts = sample_points(m.rule, m.params, m.n, size=200, seed=5)
    pts[RHO] = evaluate(lin.rho, pts)
    v = evaluate(expr, pts)
    return bool(np.all(np.isfinite(v)) and np.max(np.abs(v)) < 1e-9)


def _at_point(m, e, point):
    """A branch condition ``e`` (pre-update state) in the coordinates, at ``point`` (rho kept as RHO)."""
    e = sp.sympify(e).subs(m.carry).subs(m.slaved)
    if m.eliminated is not None:
        e = e.subs({m.eliminated[0]: m.eliminated[1]})
    return e.subs({k: v for k, v in point.items() if k != Z})


def _branch_status(m, fp):
    """``(status, extra, text)``: whether the branch's conditions hold at the linear point (z -> 0).

    ``holds`` (on every sampled parameter point), ``fails`` (on every one), ``kink`` (the condition is 0
    there: the point sits on the branch boundary) or ``param`` (holds on part of the parameter range:
    ``extra`` are the expressions that must be > 0).
    """
    from .sampling import evaluate, sample_points

    if not m.branch:
        return "holds", [], ""
    pts = sample_points(m.rule, m.params, m.n, size=2000, seed=6)
    pts[RHO] = evaluate(fp.rho, pts)
    ok = np.ones(len(pts[RHO]), dtype=bool)
    for q in fp.positive:
        v = evaluate(q, pts)
        ok &= np.isfinite(v) & (v > 0)
    extra, texts, status = [], [], "holds"
    for desc, cond in m.branch:
        e = _at_point(m, cond, fp.point)
        at0 = None
        try:
            at0 = _tidy(_limit(_tidy(e), Z, 0))
        except (NotImplementedError, ValueError, TypeError):  # pragma: no cover - limit is best effort
            pass
        if at0 is not None and at0 == 0:
            return "kink", [], f"{desc}: the two sides are equal at the point"
        small = {**pts, Z: np.full(len(pts[RHO]), 1e-9)}
        v = evaluate(e.subs(RHO, fp.rho) if not e.has(Z) else e, {**small, RHO: pts[RHO]})[ok]
        v = v[np.isfinite(v)]
        if v.size and np.all(v > 0):
            texts.append(f"{desc} holds")
        elif v.size and np.all(v < 0):
            return "fails", [], f"{desc} fails at rho* < 1"
        elif at0 is not None and at0.is_finite is not False and not at0.has(Z, *m.coords):
            extra.append(at0.subs(RHO, fp.rho))
            texts.append(f"{desc}: {at0.subs(RHO, fp.rho)} > 0")
            status = "param"
        else:
            return "fails", [], f"{desc} could not be decided at the point"
    return status, extra, "; ".join(texts)


def _z_order(e):
    """``q`` with ``e ~ z^q`` as z -> 0 (the other symbols generic)."""
    e = _tidy(e)
    q = sp.limit(Z * sp.diff(sp.log(e), Z), Z, 0)
    return _tidy(q)


def _late(m, why) -> dict:
    r"""The late behaviour of a branch without a linear-convergence point, where it can be derived.

    ``q``: the order in z (= x / lr) of the relative step :math:`1 - \rho` as x -> 0, with a scale
    state that stops changing held fixed in real units. ``q < 0``: steps of constant size (no convergence
    below the step size); ``q > 0``: :math:`x_{t+1} = x_t (1 - c x_t^q)`, so :math:`|x_t| \sim t^{-1/q}`,
    or :math:`t^{-(1-a)/q}` where the step itself decays as :math:`t^{-a}`.
    """
    frozen_schedule = any("stops taking in the gradient" in s for s in m.notes)
    a = m.step_decay
    intake = None  # the power of |x| a frozen scale state takes in per step
    if frozen_schedule:
        return {"kind": "schedule freezes a state", "q": None, "exponent": None,
                "text": "a schedule cuts a state off the gradient as t -> oo (its weight on the new gradient tends to 0)"
                        + (f" and the step decays as t^(-{a})" if a else "")
                        + ": no linear convergence; the late power law is not derived"}
    try:
        unbounded = m.rho_reduced.has(sp.oo, -sp.oo, sp.zoo)
        if not m.lam_is_coord or unbounded:
            q = _z_order((1 - m.rho).subs(LAM, m.lam_def))
            mech = ("lambda is a function of z alone" if not m.lam_is_coord
                    else "the relative step grows without bound as x -> 0")
        elif _tidy(m.rho_reduced - 1) == 0:
            q = _z_order(1 - m.rho)
            mech = "the step does not use the adaptive scale asymptotically (1 - rho -> 0 with x)"
        elif any("forces rho* = 1" in s for s in why):
            c, expr = m.eliminated
            lam = m.lam_def
            if c != LR:
                intake = (m.n - 1) * _degree_of(m, c)
                lam = lam.subs(c, sp.Symbol("C0", positive=True) / (LR * Z) ** intake)
            q = _z_order(lam)
            mech = "the scale's state never forgets (the lambda equation forces rho* = 1: it freezes)"
        else:
            return {}
    except (NotImplementedError, ValueError, TypeError):
        return {}
    if intake is not None and a != 0 and not (q.is_number and q < 0):
        # the frozen state takes in |x|^intake per step; it freezes only if that sum converges along the law
        summable = sp.false if a >= 1 else sp.simplify(intake * (1 - a) / q > 1)
        if summable is sp.false:
            return {"kind": "stalls", "q": q, "exponent": None,
                    "text": f"{mech}, but the step decays as t^(-{a}): along the law that a frozen state would give "
                            f"(|x_t| ~ {'(log t)' if a >= 1 else 't'}^({_tidy(-(1 - a) / q if a < 1 else -1 / q)})) "
                            f"the state's intake |g|^{_tidy(intake / (m.n - 1))} is not summable, so the state "
                            "keeps growing and the step shrinks faster than t^(-1) (summable): x_t stops at a "
                            "non-zero value"}
        if summable is not sp.true:
            return {}
    if q.is_number and q < 0:
        text = (f"{mech}: steps of constant size (1 - rho ~ z^{q}); |x| does not converge below the step size "
                "(of order lr)")
        return {"kind": "constant step size", "q": q, "exponent": None, "text": text}
    if a == 0:
        expo = _tidy(-1 / q)
        text = f"{mech}: 1 - rho ~ x^({q}), GD-like: |x_t| ~ t^({expo})"
        return {"kind": "power law", "q": q, "exponent": expo, "text": text}
    if a < 1:
        expo = _tidy(-(1 - a) / q)
        text = f"{mech}, and the step decays as t^(-{a}): |x_t| ~ t^({expo})"
        return {"kind": "power law", "q": q, "exponent": expo, "text": text}
    if a == 1:
        return {"kind": "logarithmic", "q": q, "exponent": None,
                "text": f"{mech}, and the step decays as t^(-1): |x_t| ~ (log t)^({_tidy(-1 / q)})"}
    return {"kind": "stalls", "q": q, "exponent": None,
            "text": f"{mech}, and the step decays as t^(-{a}) (summable): x_t stops at a non-zero value"}


def _degree_of(m, c):
    """Gradient degree of the normalized state ``c`` (from the carry rule w / rho^((n-1) d))."""
    for pre, post in m.carry.items():
        if not post.has(c):
            continue
        b, e = sp.powsimp(post / c).as_base_exp()
        if b == RHO:
            return _tidy(-e / (m.n - 1))
    raise ValueError(f"no degree for {c}")


def _why_not(results) -> list:
    out = []
    for r in results:
        where = " and ".join(d for d, _ in r["map"].branch)
        text = r["late"].get("text") or r["outcome"] or "no linear-convergence point"
        out.append(f"{'on the branch ' + where + ': ' if where else ''}{text}")
    return out


def _decay_point(m):
    """The point lambda* = 0, z* = 0 where the step ratio stays below 1 without the adaptive step
    (decoupled weight decay): ``(FixedPoint, Stability, note)`` or ``None``."""
    if not m.lam_is_coord:
        return None
    rho0 = _tidy(m.rho_reduced.subs(LAM, 0))
    if rho0 == 1 or rho0.has(*m.coords) or rho0.has(sp.nan, sp.zoo) or rho0.is_finite is False \
            or rho0.is_number:
        return None
    states = [w for w in m.coords if w not in (LAM, Z)]
    point = {LAM: sp.Integer(0), Z: sp.Integer(0)}
    eqs = [sp.together(e.subs({RHO: rho0, LAM: 0}) - w) for w, e in zip(m.coords, m.reduced) if w in states]
    if states:
        sol = sp.solve(eqs, states, dict=True)
        if len(sol) != 1:
            return None
        point = {**{w: _tidy(sol[0][w]) for w in states}, **point}
    lam_mult = _tidy((dict(zip(m.coords, m.reduced))[LAM] / LAM).subs(point).subs(RHO, rho0))
    fp = FixedPoint("decay (lambda* = 0)", point, rho0, [rho0, 1 - rho0])
    st = analyse(m, fp, reduced=False)
    others = [e for e in (_tidy(e) for e in st.eigenvalues) if e not in (lam_mult, rho0)]
    note = (f"a second linear point without the adaptive step: lambda* = 0, rho* = {rho0} (the decay alone). "
            f"It attracts where every eigenvalue of its Jacobian is inside the unit circle: lambda's {lam_mult} "
            "< 1 (the decay is faster than the adaptive rate)"
            + "".join(f" and {e} < 1" for e in others)
            + (" (no state's memory outlasts the decay)" if others else "")
            + ". Its rate and the adaptive point's are not ordered: where a state's eigenvalue exceeds 1 the "
              "decay point is a saddle, and a run converges at the adaptive point's rate where that point is "
              "stable (even where it is slower than the decay), else at a third rate set by that state's memory "
              "with lambda -> 0; regime and rate describe the adaptive point only")
    return fp, st, note


def _exponents(e):
    """Simplify the (small) exponent of every power with a symbolic exponent."""
    return e.replace(lambda x: x.is_Pow and not x.exp.is_Number,
                     lambda x: sp.Pow(x.base, sp.factor(sp.simplify(x.exp))))


def _short(e):
    return sp.count_ops(e) + len(str(e)) / 1000


def _pretty(cond, fp, m):
    """The shortest of a few equal forms of a bound (powers merged, or rewritten through rho*).

    Every candidate is checked numerically against the original on seeded samples.
    """
    from .sampling import evaluate, sample_points

    if not isinstance(cond, sp.Rel) or not isinstance(cond.lhs, sp.Symbol):
        return cond
    expr = cond.rhs
    cands = [expr, _exponents(sp.powsimp(sp.powdenest(expr, force=True), force=True))]
    try:
        if fp.rho_form:
            r = _exponents(sp.powdenest(expr.subs(fp.rho_form), force=True))
            r = sp.powsimp(sp.factor(sp.together(sp.expand_power_exp(r))), force=True)
            r = sp.powsimp(sp.powdenest(_exponents(r).subs(RHO, fp.rho), force=True), force=True)
            cands.append(_exponents(r))
    except (sp.PolynomialError, TypeError, ValueError):  # pragma: no cover - the factor step is best effort
        pass
    pts = sample_points(m.rule, m.params, m.n, size=200, seed=3)
    ref = evaluate(expr, pts)
    ok = np.isfinite(ref)
    best = expr
    for c in sorted(cands[1:], key=_short):
        if _short(c) >= _short(best):
            continue
        v = evaluate(c, pts)
        if ok.any() and np.allclose(v[ok], ref[ok], rtol=1e-9, atol=1e-12, equal_nan=False):
            best = c
    return cond.func(cond.lhs, best)


def _rho_condition(expr, m):
    """``expr > 0`` times the power of rho* that gives the shortest form, collected in the parameters.

    A positive factor does not change the condition; rho stands for rho*.
    """
    e = sp.expand(sp.powsimp(sp.expand(expr), force=True))
    powers = {sp.Integer(0)}
    for t in sp.Add.make_args(e):
        for f in sp.Mul.make_args(t):
            b, x = f.as_base_exp()
            if b == RHO:
                powers.add(x)
    params = list(m.params.values())
    best = None
    for x in powers:
        c = sp.expand(sp.powsimp(sp.expand(e * RHO ** (-x)), force=True))
        c = sp.collect(c, params, func=sp.factor) if params else sp.factor(c)
        content, prim = c.as_content_primitive()
        c = prim if content > 0 else c
        # prefer a parameter-free part without negative powers of rho (the paper's form of [9])
        free = [t for t in sp.Add.make_args(c) if not any(t.has(q) for q in params)]
        neg = sum(1 for t in free for f in sp.Mul.make_args(t)
                  if f.as_base_exp()[0] == RHO and f.as_base_exp()[1].could_extract_minus_sign())
        score = (neg, _short(c))
        if best is None or score < best[0]:
            best = (score, c)
    best = best[1]
    return sp.StrictGreaterThan(best, 0)


def _existence(q, m, lin):
    from .sampling import sample_points
    from .stability import _reduce  # the same factor-dropping reduction

    pts = sample_points(m.rule, m.params, m.n, size=4000, seed=0)
    mask = np.ones(len(next(iter(pts.values()))) if pts else 1, dtype=bool)
    red, implied = _reduce(q, m, (pts, mask), "exists", m.params)
    return sp.true if implied else red


@functools.lru_cache(maxsize=128)
def _cached(name, n, items):
    rule = get_rule(name)
    args = (None if n is None else sp.srepr(n), items)
    d = cache.load("derivation", rule, args)
    if isinstance(d, Derivation):
        return d
    d = _build(name, n, items)
    cache.store("derivation", rule, args, d)
    return d


def _is_real(v) -> bool:
    try:
        float(v)
    except (TypeError, ValueError):
        return False
    return True


def derive(optimizer="adam", n=None, **params) -> Derivation:
    r"""Derive the normalized map, fixed points, Jacobians, stability and rate of ``optimizer``.

    Mechanical: the rule's ``update`` is evaluated on sympy symbols in the frame
    :math:`|g| = 1`; nothing is optimizer-specific. For Adam the map is eq. [5] of
    Bai et al. (2026), :math:`\rho^* = \beta_2^{1/(2n-4)}` and stability needs
    :math:`\beta_1 < \beta_2^{n/(2n-4)}` and their [9] (docs/THEORY.md shows each derived).

    Args:
        optimizer: rule name (``adam``, ``rmsprop``, ``s3`` ...) or Rule.
        n: degree of :math:`|x|^n/n`, real ``>= 2``, or ``None`` for the symbol :math:`n`.
        **params: parameter values; float parameters not given stay symbolic, booleans
            take the rule defaults, ``eps`` must be 0.

    Returns:
        :class:`Derivation` (cached per rule, n and params).

    Example:
        >>> d = derive("rmsprop", n=4)
        >>> d.rate
        beta2**(1/4)
    """
    rule = get_rule(optimizer)
    if n is not None:
        try:
            nf = float(n)
        except (TypeError, ValueError):
            raise ValueError(f"n={n!r} is not a number; valid range is real n >= 2 (or None for "
                             "symbolic n). Fix: pass n=4.") from None
        if not nf >= 2 or nf != nf or nf == float("inf"):
            raise ValueError(f"n={n!r} is out of range; valid range is real n >= 2 (or None for symbolic "
                             "n). Fix: pass n=4.")
        n = sp.nsimplify(nf, rational=True)
    for k, v in params.items():
        if not isinstance(v, (bool, str)) and np.ndim(v) != 0:
            raise ValueError(f"{k}={v!r}: derive takes one value per parameter (or none: symbolic). Fix: leave {k} "
                             f"symbolic and evaluate at many values with ad.regime / ad.rate / ad.spectral_radius, "
                             f"which take arrays.")
    try:
        items = tuple(sorted((k, (v if isinstance(v, bool) else float(v)) if not isinstance(v, str) else v)
                             for k, v in params.items()))
    except (TypeError, ValueError):
        bad = next(k for k, v in params.items() if not isinstance(v, (bool, str)) and not _is_real(v))
        raise ValueError(f"{bad}={params[bad]!r} is not a number. Fix: pass e.g. {bad}=0.9.") from None
    rule.make_params(**dict(items))  # validate names and ranges early
    return _cached(rule.name, n, items)
