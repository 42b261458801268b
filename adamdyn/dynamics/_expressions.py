r"""The one builder of a rule's reduced normalized map as sympy expressions, for every numerical tool.

The symbolic engine derives the normalized map of a rule on :math:`|x|^n/n`
(:func:`adamdyn.theory.map.normalized_maps`) for :math:`x > 0` and :math:`\rho > 0`, one map per branch of
its data-dependent choices. :func:`reduced_expressions` turns them into the map at :math:`z = x/\eta \to 0`,
one :class:`ChartExpressions` per set of coordinates ("chart"), every branch written for either sign of
:math:`\rho`: :math:`A = |\rho|` and :math:`S = \operatorname{sign}\rho` are symbols of their own, and every
state that changes sign with the gradient (an odd state, e.g. the first moment) enters multiplied by
:math:`S`. Its consumers: the lambdified :class:`~adamdyn.dynamics.maps.ReducedMap` (Newton search, boundaries:
they set :math:`A = S\rho(y)`), the interval proof (:func:`adamdyn.dynamics.interval.interval_maps`: it keeps
:math:`A` and :math:`S` apart). The orbit map with :math:`\log z` (:mod:`._orbit`) uses the same derivation,
parities and sign symbols. Import the public names from :mod:`adamdyn.dynamics.maps`.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

from ..rules import get_rule

__all__ = ["ChartExpressions", "reduced_expressions"]


# --------------------------------------------------------------------------------------------------
# shared: the derivation, the state parities, the sign of rho


def _flags_key(rule, flags):
    return tuple(sorted((k, rule.make_params(**{k: v}).as_dict()[k]) for k, v in flags.items()))


@functools.lru_cache(maxsize=32)
def _normalized_cached(name, n, flags):
    from ..theory.map import normalized_maps

    return normalized_maps(get_rule(name), n=n, **dict(flags))


def _normalized(rule, n, flags):
    """Every branch's :class:`~adamdyn.theory.map.NormalizedMap` (cached for registered rules)."""
    from ..rules import RULES
    from ..theory.map import normalized_maps

    if RULES.get(rule.name) is rule:
        return _normalized_cached(rule.name, n, flags)
    return normalized_maps(rule, n=n, **dict(flags))


def _parities(rule):
    """``{state: +1 or -1}``: whether a state keeps or flips its sign when the gradient does (x -> -x)."""
    from ..backend import NUMPY

    p = rule.make_params(**{q.name: q.default for q in rule.params if q.kind != "bool"})
    gs = np.array([0.7, -1.3, 0.4, 2.1])
    xs = np.array([1.1, -0.6, 0.9, 1.7])
    runs = []
    for sgn in (1.0, -1.0):
        state = rule.init(sgn * gs[0], p, NUMPY)
        for t, (g, x) in enumerate(zip(gs, xs), start=1):
            state, _ = rule.advance(state, sgn * g, t, p, NUMPY, x=sgn * x)
        runs.append(np.asarray(state, dtype=float))
    out = {}
    for name, a, b in zip(rule.state, *runs):
        out[name] = -1 if abs(a + b) <= 1e-12 * max(1.0, abs(a)) and abs(a) > 1e-12 else 1
    return out


def _state_symbols(m):
    """``{state name: normalized state symbol}`` for every state (live, eliminated or slaved)."""
    from ..theory.map import RHO

    out = {}
    for pre, post in m.carry.items():
        syms = [s for s in post.free_symbols if s != RHO]
        if len(syms) == 1:
            out[pre.name.removeprefix("pre_")] = syms[0]
    return out


def _state_coords(m):
    """``{coordinate symbol: rule state name}`` for the normalized states among the map's coordinates."""
    return {s: name for name, s in _state_symbols(m).items() if s in m.coords}


def _sign_symbols():
    import sympy as sp

    return sp.Symbol("rho_sign", real=True), sp.Symbol("rho_abs", positive=True)


def _check_n(n, lo=2.0, strict=True):
    try:
        nf = float(n)
    except (TypeError, ValueError):
        raise ValueError(f"n={n!r} is not a number; valid range is real n {'>' if strict else '>='} {lo:g}. "
                         "Fix: pass n=4.") from None
    if not ((nf > lo if strict else nf >= lo) and math.isfinite(nf)):
        why = " (at n = 2 the reduced map has no point of linear convergence)" if strict and lo == 2 else ""
        raise ValueError(f"n={n!r} is out of range; valid range is real n {'>' if strict else '>='} {lo:g}{why}. "
                         "Fix: pass n=4.")
    return nf



def _check_range(c, rng):
    """``(lo, hi)`` of a box side ``rng`` for coordinate ``c``: finite floats with lo < hi (every box of the
    fixed-point searches is checked here)."""
    try:
        lo, hi = (float(v) for v in rng)
    except (TypeError, ValueError):
        raise ValueError(f"box[{c!r}]={rng!r} is not a pair of numbers; valid is (lo, hi) with lo < hi. "
                         f"Fix: pass e.g. box={{{c!r}: (0, 10)}}.") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"box[{c!r}]={rng!r} is out of range (an empty or infinite box); valid is finite "
                         f"lo < hi. Fix: pass e.g. box={{{c!r}: (0, 10)}}.")
    return lo, hi


def _branch_condition(m, cond):
    """A branch condition (pre-update state) in the map's coordinates at z -> 0, ``RHO`` kept."""
    import sympy as sp

    from ..theory.derivation import _at_point
    from ..theory.map import Z, _limit, _tidy

    e = _at_point(m, cond, {})
    if not e.has(Z):
        return _tidy(e)
    try:
        return _limit(_tidy(e), Z, 0)
    except (NotImplementedError, ValueError, TypeError):  # pragma: no cover - limits are best effort
        return sp.nan



# --------------------------------------------------------------------------------------------------
# the reduced map (z -> 0) as expressions, one chart per set of coordinates


@dataclass
class ChartExpressions:
    r"""One chart of a rule's reduced normalized map as sympy expressions (built by :func:`reduced_expressions`).

    ``coords``: coordinate names; ``symbols``: their sympy symbols; ``params``: ``{name: symbol}`` of the float
    parameters the chart uses (rule order), ``defaults`` their rule defaults; ``rho_abs``, ``rho_sign``: the
    symbols :math:`A = |\rho|` and :math:`S = \operatorname{sign}\rho`; ``branches``: per live branch, in the
    order the branches are tried, a dict with ``next`` (the next coordinates, in the coordinates, the
    parameters, A and S), ``rho`` (the step ratio, in the coordinates and parameters), ``conds`` (the branch
    holds where every expression is > 0; same symbols as ``next``) and ``where`` (words);
    ``nonnegative``: per coordinate, whether it is >= 0 by definition (lambda); ``notes``: what the builder
    dropped or could not decide (shared by every chart of the rule). Substituting :math:`A = S\rho` gives the
    map of one sign of :math:`\rho`. Cached objects are shared: do not modify them.
    """

    coords: tuple
    symbols: tuple
    params: dict
    defaults: dict
    branches: list
    rho_abs: object
    rho_sign: object
    nonnegative: tuple
    name: str
    notes: list = field(default_factory=list)


@functools.lru_cache(maxsize=32)
def _charts_cached(name, n, flags):
    return _charts(get_rule(name), n, flags)


def _charts(rule, n, flags):
    """``(charts, notes)``: every chart's :class:`ChartExpressions` (lambda a coordinate first, then by the number
    of branches) and the notes on the branches left out."""
    import sympy as sp

    from ..theory.map import LAM, RHO

    maps = _normalized(rule, n, flags)
    parity = _parities(rule)
    notes = []
    grouped = {}
    for m in maps:
        where = " and ".join(d for d, _ in m.branch) or "the only branch"
        inner = tuple(c for c in m.coords if str(c) != "z")
        if m.rho_reduced.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
            notes.append(f"branch {where}: the step ratio at z = 0 is {m.rho_reduced} (no finite reduced map; "
                         "this branch has no point of linear convergence)")
            continue
        grouped.setdefault(inner, []).append(m)
    order = sorted(grouped.items(), key=lambda kv: (LAM not in kv[0], -len(kv[1])))
    S, A = _sign_symbols()
    defaults = {q.name: q.default for q in rule.params}
    charts = []
    for inner, ms in order:
        params = {}
        for m in ms:
            params.update(m.params)
        names = [q.name for q in rule.params if q.name in params]
        branches = []
        for m in ms:
            odd = {c: S * c for c, st in _state_coords(m).items() if parity.get(st, 1) < 0 and c in inner}

            def signed(e, odd=odd):
                return sp.sympify(e).xreplace({**odd, RHO: A})

            conds, dead = [], False
            for desc, cond in m.branch:
                c = _branch_condition(m, cond)
                if c.has(sp.nan, sp.zoo):
                    notes.append(f"branch condition {desc}: undecided at z = 0; the branch is taken where the others "
                                 "fail")
                    continue
                if c == sp.oo or (c.is_number and c > 0):
                    continue
                if c == -sp.oo or (c.is_number and c <= 0):
                    dead = True
                    break
                conds.append(signed(c))
            if dead:
                notes.append(f"branch {' and '.join(d for d, _ in m.branch)}: its condition fails at z = 0 (not "
                             "reached)")
                continue
            branches.append({"next": [signed(e) for e in m.reduced], "rho": m.rho_reduced, "conds": conds,
                             "where": " and ".join(d for d, _ in m.branch) or "the only branch"})
            notes.extend(x for x in m.notes if x not in notes)
        charts.append(ChartExpressions(tuple(str(c) for c in inner), inner, {k: params[k] for k in names},
                                       {k: defaults[k] for k in names}, branches, A, S,
                                       tuple(str(c) == "lambda" for c in inner), rule.name))
    for ch in charts:
        ch.notes = list(notes)
    return tuple(charts), notes


def _reduced_charts(rule, n, flags):
    """:func:`_charts` for ``rule`` (a :class:`~adamdyn.rules.Rule`), cached for registered rules."""
    from ..rules import RULES

    fl = _flags_key(rule, flags)
    return _charts_cached(rule.name, n, fl) if RULES.get(rule.name) is rule else _charts(rule, n, fl)


def reduced_expressions(rule, n, **flags) -> list:
    """Every chart of ``rule``'s reduced normalized map (z = 0) at degree ``n`` as :class:`ChartExpressions`.

    ``n``: real > 2; ``flags``: the boolean parameters (they select the derivation; the float parameters stay
    symbols). The charts are in the order of :func:`adamdyn.dynamics.maps.reduced_maps` (the lambdified map
    built from them); an empty list where no branch has a finite step ratio at z = 0.

    Example:
        >>> ch = reduced_expressions("adam", 4)[0]
        >>> ch.coords, tuple(ch.params), len(ch.branches)
        (('u', 'lambda'), ('beta1', 'beta2'), 1)
    """
    rule = get_rule(rule)
    return list(_reduced_charts(rule, _check_n(n), flags)[0])
