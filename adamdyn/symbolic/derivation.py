r"""``derive``: the whole analysis of one rule on :math:`|x|^n/n`, cached per (rule, n, params)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from ..rules import get_rule
from . import cache
from .fixed_points import linear_fixed_point, trivial_fixed_point
from .map import RHO, NormalizedMap, _tidy, normalized_map
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

    def __str__(self) -> str:
        from .report import as_text

        return as_text(self)

    def _repr_latex_(self) -> str:
        from .report import as_latex

        return as_latex(self)


def _explicit(expr, fp):
    return _tidy(sp.sympify(expr).subs(RHO, fp.rho))


def _build(name, n, items) -> Derivation:
    values = dict(items)
    m = normalized_map(name, n=n, **values)
    notes = list(m.notes)
    fps = []
    triv = trivial_fixed_point(m)
    if triv is not None:
        fps.append((triv, analyse(m, triv, reduced=False)))
    lin, why = linear_fixed_point(m)
    notes.extend(why)
    linear = None
    exists_if, stable_if, boundaries, stable_if_rho = [], [], [], []
    rate = loss_rate = sp.nan
    if lin is not None:
        st = analyse(m, lin, reduced=True)
        linear = (lin, st)
        fps.append(linear)
        notes.extend(lin.notes + st.notes)
        rate = lin.rho
        loss_rate = _tidy(lin.rho**m.n)
        exists_if = [_existence(q, m, lin) for q in lin.positive]
        exists_if = [_pretty(c, lin, m) for c in exists_if if c is not sp.true]
        for c in exists_if:
            boundaries.append({"condition": c, "bifurcation": "existence: the non-trivial fixed point leaves the "
                               "admissible region (lambda* -> 0, u* -> oo); beyond it no linear convergence"})
        for c in st.conditions:
            if c.implied_by_existence:
                continue
            explicit = _pretty(_explicit(c.reduced, lin), lin, m) if isinstance(c.reduced, sp.Basic) else c.reduced
            stable_if.append(explicit)
            stable_if_rho.append(_rho_condition(c.expr, m))
            boundaries.append({"condition": explicit, "bifurcation": c.bifurcation})
    elif m.n == 2:
        notes.append("n = 2: the lambda equation at z = 0 has no solution with rho* < 1; lambda grows "
                     "without bound (no non-trivial fixed point, no Regime I)")
    return Derivation(m.rule, m.n, dict(values), m, fps, linear, rate, loss_rate, exists_if, stable_if,
                      boundaries, notes, stable_if_rho)


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
    items = tuple(sorted((k, (v if isinstance(v, bool) else float(v)) if not isinstance(v, str) else v)
                         for k, v in params.items()))
    rule.make_params(**dict(items))  # validate names and ranges early
    return _cached(rule.name, n, items)
