r"""The normalized map of any rule on :math:`|x|^n/n`, derived from ``rule.update``.

Nothing here knows a particular optimizer. The rule is evaluated with the
sympy backend in the frame where the gradient is one (docs/THEORY.md, "The normalized
state map"):

* every state variable :math:`s_i` of gradient degree :math:`d_i` is divided by
  :math:`g_t^{d_i}` (``u = m/g`` for the first moment, ``c = v/g^2`` ...);
* with :math:`x > 0` and :math:`\rho_t = x_{t+1}/x_t > 0`, the next gradient
  is :math:`\rho_t^{n-1} g_t`, so the state carried into the next update is
  :math:`w_i/\rho_t^{(n-1)d_i}`;
* the effective curvature :math:`\lambda = \eta|x|^{n-2}/\mathrm{scale}` is
  solved (``sympy.solve``) for the state variable the scale depends on, which
  is then replaced by :math:`\lambda`; rules without an adaptive scale keep
  :math:`\lambda = \eta |x|^{n-2}` (the effective sharpness) and lose ``lr``;
* :math:`z = x/\eta` and :math:`\rho = 1 - \eta\, g^{k}\,\mathrm{direction}/x`.

The result is a :class:`NormalizedMap`: the next value of every coordinate as
a sympy expression of the current ones.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import sympy as sp

from ..backend import SYMPY
from ..rules import get_rule
from ..rules.base import Params

__all__ = ["NormalizedMap", "normalized_map", "N", "RHO", "LAM", "Z", "T"]

N = sp.Symbol("n", positive=True)
RHO = sp.Symbol("rho", positive=True)
LAM = sp.Symbol("lambda", positive=True)
Z = sp.Symbol("z", positive=True)
LR = sp.Symbol("eta", positive=True)
T = sp.Symbol("t", positive=True, integer=True)
G = sp.Symbol("g", positive=True)

# conventional names of normalized state variables, by gradient degree
_NAMES = {1: "u"}


@dataclass
class NormalizedMap:
    """The normalized map of one rule: ``coords -> next`` with ``rho`` as a shorthand.

    ``coords`` are the map's coordinates (normalized states, then ``lambda`` when it
    is an independent coordinate, then ``z``); ``next`` their next values as
    expressions of ``coords`` and :data:`RHO`; ``rho`` the step ratio
    :math:`x_{t+1}/x_t` as an expression of ``coords``; ``params`` the symbols
    of the optimizer parameters left symbolic; ``n`` the degree (symbol or number).
    """

    rule: str
    n: sp.Expr
    coords: tuple
    next: tuple
    rho: sp.Expr
    params: dict
    lam_is_coord: bool
    slaved: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    reduced: tuple = ()
    rho_reduced: sp.Expr = sp.nan
    eliminated: tuple | None = None

    def substituted(self) -> tuple:
        """The next values with ``rho`` replaced by its expression."""
        return tuple(e.subs(RHO, self.rho) for e in self.next)

    def as_dict(self) -> dict:
        """``{coordinate: next value}`` with ``rho`` kept as a symbol."""
        return dict(zip(self.coords, self.next))


def _state_symbol(name, degree, taken):
    base = _NAMES.get(degree, f"c_{name}")
    sym = sp.Symbol(base, real=True)
    if sym in taken:
        sym = sp.Symbol(f"{base}_{name}", real=True)
    taken.add(sym)
    return sym


def _drop_bias(expr):
    """Asymptotic bias correction: every ``beta**t`` -> 0 (t -> infinity, 0 <= beta < 1)."""
    expr = sp.sympify(expr)
    return expr.replace(lambda e: e.is_Pow and e.exp.has(T), lambda e: sp.Integer(0))


def symbolic_params(rule, values: dict):
    """Validated params with symbols for every float parameter not given in ``values``.

    ``lr`` is the positive symbol ``eta``; ``eps`` and ``v0`` default to 0 (the analysis
    form); booleans take the rule default unless given.
    """
    fixed = {}
    syms = {}
    out = {}
    for q in rule.params:
        if q.name in values:
            v = q.check(values[q.name], f"optimizer {rule.name!r}")
            out[q.name] = v if q.kind == "bool" else sp.nsimplify(v, rational=True)
            fixed[q.name] = v
        elif q.kind == "bool":
            out[q.name] = q.default
        elif q.name == "lr":
            out[q.name] = LR
        elif q.name in ("eps", "v0"):
            out[q.name] = sp.Integer(0)
        else:
            s = sp.Symbol(q.name, positive=True)
            out[q.name] = s
            syms[q.name] = s
    return Params(**out), syms, fixed


def normalized_map(rule, n=None, **values) -> NormalizedMap:
    r"""Derive the normalized map of ``rule`` on :math:`|x|^n/n` (x > 0, rho > 0).

    Args:
        rule: a rule name or :class:`~adamdyn.rules.Rule`.
        n: the degree (real ``>= 2``) or ``None`` for the symbol :math:`n`.
        **values: parameter values; the ones not given stay symbolic.

    Returns:
        :class:`NormalizedMap`.

    Example:
        >>> m = normalized_map("rmsprop", n=4)
        >>> m.coords, m.rho
        ((lambda, z), 1 - lambda)
    """
    rule = get_rule(rule)
    nn = N if n is None else sp.nsimplify(n, rational=True)
    p, syms, fixed = symbolic_params(rule, values)
    notes = []
    if p.as_dict().get("eps", 0) != 0:
        raise ValueError(
            f"eps={fixed['eps']!r}: the symbolic engine analyses the scale-free map, which needs "
            "eps = 0 (eps/|g| grows without bound as x -> 0, so the normalized map is not autonomous). "
            "Fix: omit eps or pass eps=0."
        )
    if fixed.get("v0", 0):
        notes.append("v0 only changes the initial state; the map and its fixed points are those of v0 = 0.")
    if p.as_dict().get("bias_correction"):
        notes.append("bias correction enters as beta**t -> 0 (t -> infinity): the asymptotic map is analysed.")
    degrees = tuple(sp.nsimplify(d, rational=True) if not isinstance(d, sp.Basic) else d for d in rule.degrees(p))
    taken = set()
    W = [_state_symbol(name, d, taken) for name, d in zip(rule.state, degrees)]
    P = [sp.Dummy(f"pre_{name}") for name in rule.state]
    # one update in the frame g = 1, from the pre-update state P
    newP, dirP = rule.advance(tuple(P), sp.Integer(1), T, p, SYMPY, x=LR * Z)
    newP = [_drop_bias(e) for e in newP]
    dirP = _drop_bias(dirP)
    # express the direction through the post-update state W (solve N(P) = W for P)
    slaved = {}
    sub_pre = {}
    for i, (w, e) in enumerate(zip(W, newP)):
        e = sp.sympify(e).subs(sub_pre)
        free = [q for q in P if e.has(q) and q not in sub_pre]
        if P[i] in free:
            sol = sp.solve(sp.Eq(e, w), P[i], dict=True)
            if len(sol) != 1:
                raise ValueError(f"cannot invert the {rule.state[i]!r} update of {rule.name!r} ({len(sol)} roots)")
            sub_pre[P[i]] = sol[0][P[i]]
        elif not free:
            slaved[w] = sp.simplify(e)
        else:
            raise ValueError(f"state {rule.state[i]!r} of {rule.name!r} is not updated from itself")
    direction = sp.sympify(dirP).subs(sub_pre).subs(slaved)
    if any(direction.has(q) for q in P):
        raise ValueError(f"the direction of {rule.name!r} depends on the state before the update")
    # raw scale / lr / direction degree: x = eta z, g = x^(n-1)
    x = LR * Z
    gx = x ** (nn - 1)
    if rule.scale is not None:
        sc_frame = sp.sympify(rule.scale(tuple(W), sp.Integer(1), p, SYMPY)).subs(slaved)
        scale = gx ** _scale_degree(rule, p, W, degrees, slaved, sc_frame) * sc_frame
    else:
        scale = sp.Integer(1)
    lam_def = _tidy(LR * x ** (nn - 2) / scale)
    rho = 1 - LR * gx ** rule.direction_degree * direction / x
    # next post-update state from the carried-over state
    carry = {q: w / RHO ** ((nn - 1) * d) for q, w, d in zip(P, W, degrees)}
    new_state = {w: sp.sympify(e).subs(carry).subs(slaved) for w, e in zip(W, newP)}
    live = [w for w in W if w not in slaved]
    # eliminate one unknown (the scale's state, else lr) in favour of lambda
    eliminated = None
    for cand in [w for w in live if lam_def.has(w)] + [LR]:
        if not lam_def.has(cand):
            continue
        sol = [s for s in sp.solve(sp.Eq(LAM, lam_def), cand, dict=True) if not s[cand].has(sp.I)]
        if len(sol) == 1:
            eliminated = (cand, _tidy(sol[0][cand]))
            break
    coords, full, reduced = [], [], []
    lam_is_coord = eliminated is not None
    sub = {eliminated[0]: eliminated[1]} if lam_is_coord else {}
    c = eliminated[0] if lam_is_coord and eliminated[0] != LR else None
    if not lam_is_coord:
        notes.append(
            f"lambda = {sp.simplify(lam_def)} is a function of z alone (no adaptive state or lr to trade "
            "for it); the map's coordinates are the normalized states and z.")
    for w in live:
        if w == c:
            continue
        coords.append(w)
        full.append(_tidy(new_state[w].subs(sub)))
        reduced.append(_at_z0(new_state[w], c, sub))
    if lam_is_coord:
        ratio = _tidy(lam_def.subs(Z, RHO * Z).subs(new_state, simultaneous=True) / lam_def)
        coords.append(LAM)
        full.append(_tidy(LAM * ratio.subs(sub)))
        reduced.append(LAM * _at_z0(ratio, c, sub))
    coords.append(Z)
    full.append(RHO * Z)
    rho_c = _tidy(rho.subs(sub))
    rho_red = _limit(rho_c, Z, 0)
    return NormalizedMap(rule.name, nn, tuple(coords), tuple(full), rho_c, dict(syms), lam_is_coord,
                         slaved, notes, tuple(reduced), rho_red, eliminated)


def _limit(e, var, point):
    """``e`` at ``var = point``: plain substitution when finite, else a one-sided limit."""
    try:
        v = e.subs(var, point)
    except (ZeroDivisionError, TypeError):  # pragma: no cover - sympy returns zoo instead
        v = sp.nan
    if v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        v = sp.limit(e, var, point, "+" if point == 0 else "-")
    return _tidy(v)


def _at_z0(e, c, sub):
    """The z -> 0 value of ``e``: limit c -> oo for the eliminated state ``c``, else z -> 0."""
    if c is not None and e.has(c):
        return _tidy(_limit(e, c, sp.oo))
    return _limit(_tidy(e.subs(sub)), Z, 0)


def _scale_degree(rule, p, W, degrees, slaved, sc_frame):
    """Degree k of the scale in |g| (scale(g^d w, g) = g^k scale(w, 1)), found numerically and rationalized."""
    import random

    rng = random.Random(0)
    vals = {s: sp.Rational(rng.randint(2, 9), 10) for s in sc_frame.free_symbols | set(W)}
    pv = Params(**{k: (v.subs(vals) if isinstance(v, sp.Basic) else v) for k, v in p.as_dict().items()})
    pv = Params(**{k: (sp.Rational(rng.randint(11, 29), 10) if isinstance(v, sp.Symbol) else v)
                   for k, v in pv.as_dict().items()})
    ks = []
    for gv in (sp.Integer(2), sp.Integer(3)):
        state = tuple((slaved.get(w, w) * gv**d).subs(vals).subs(pv.as_dict()) if isinstance(d, sp.Basic) else
                      (slaved.get(w, w) * gv**d).subs(vals) for w, d in zip(W, degrees))
        state = tuple(sp.sympify(s).subs({sp.Symbol(k, positive=True): v for k, v in pv.as_dict().items()
                                           if isinstance(v, sp.Basic)}) for s in state)
        raw = sp.sympify(rule.scale(state, gv, pv, SYMPY))
        frame = sp.sympify(rule.scale(tuple(sp.sympify(slaved.get(w, w)).subs(vals) for w in W),
                                      sp.Integer(1), pv, SYMPY))
        ks.append(float(sp.log(raw / frame) / sp.log(gv)))
    k = sp.nsimplify(round(ks[0], 9), rational=True)
    if abs(ks[0] - ks[1]) > 1e-9:
        raise ValueError(f"the scale of {rule.name!r} is not homogeneous in the gradient")
    return k


def _powers(e):
    return sp.powsimp(sp.powdenest(sp.expand_power_base(e, force=True), force=True), force=True)


@functools.lru_cache(maxsize=4096)
def _tidy_cached(e):
    e = sp.simplify(_powers(e))
    again = _powers(e)  # a second simplify only when the power rewrites still change something
    return e if again == e else sp.simplify(again)


def _tidy(e):
    """Simplify with every symbol positive (x > 0, rho > 0 branch); memoized (expressions are immutable)."""
    e = sp.sympify(e)
    if not isinstance(e, sp.Basic) or e.is_Atom:
        return e
    return _tidy_cached(e)
