r"""The normalized map of any rule on :math:`|x|^n/n`, derived from ``rule.update``.

Nothing here knows a particular optimizer. The rule is evaluated with the
sympy backend in the frame where the gradient is one (THEORY.md §2):

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
    newP, dirP = rule.update(tuple(P), sp.Integer(1), T, p, SYMPY)
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
        sc_raw = sp.sympify(rule.scale(tuple(w * G**d for w, d in zip(W, degrees)), G, p, SYMPY)).subs(
            {w: slaved[w] * G**d for w, d in zip(W, degrees) if w in slaved})
        k = sp.simplify(sp.expand_power_base(sp.powdenest(sc_raw / sc_frame, force=True), force=True))
        kdeg = sp.simplify(sp.log(k) / sp.log(G)) if k != 1 else sp.Integer(0)
        scale = gx**kdeg * sc_frame
    else:
        scale = sp.Integer(1)
    lam_def = sp.powsimp(sp.powdenest(LR * x ** (nn - 2) / scale, force=True), force=True)
    rho = 1 - LR * gx ** rule.direction_degree * direction / x
    # next post-update state from the carried-over state
    carry = {q: w / RHO ** ((nn - 1) * d) for q, w, d in zip(P, W, degrees)}
    nxt = [sp.sympify(e).subs(carry) for e in newP]
    live = [w for w in W if w not in slaved]
    # eliminate one unknown in favour of lambda
    unknowns = [w for w in live if lam_def.has(w)] + [LR]
    eliminated = None
    for cand in unknowns:
        if not lam_def.has(cand):
            continue
        sol = sp.solve(sp.Eq(LAM, lam_def), cand, dict=True)
        sol = [s for s in sol if not s[cand].has(sp.I)]
        if len(sol) == 1:
            eliminated = (cand, sol[0][cand])
            break
    coords = []
    next_vals = []
    if eliminated is None:
        lam_is_coord = False
        notes.append(
            f"lambda = {sp.simplify(lam_def)} is a function of z alone (no adaptive state to trade for it); "
            "the map's coordinates are the normalized states and z.")
        sub = {}
    else:
        lam_is_coord = True
        sub = {eliminated[0]: eliminated[1]}
    new_state_vals = {w: e for w, e in zip(W, nxt)}
    z_next = RHO * Z
    for w in live:
        if lam_is_coord and w == eliminated[0]:
            continue
        coords.append(w)
        next_vals.append(_tidy(new_state_vals[w].subs(sub).subs(slaved)))
    if lam_is_coord:
        lam_next = lam_def.subs(Z, z_next)
        lam_next = lam_next.subs({w: new_state_vals[w] for w in live})
        lam_next = lam_next.subs(slaved).subs(sub)
        coords.append(LAM)
        next_vals.append(_tidy_lambda(lam_next))
    coords.append(Z)
    next_vals.append(z_next)
    rho_c = _tidy(rho.subs(slaved).subs(sub))
    params = dict(syms)
    return NormalizedMap(rule.name, nn, tuple(coords), tuple(next_vals), rho_c, params, lam_is_coord,
                         slaved, notes)


def _tidy(e):
    e = sp.powsimp(sp.powdenest(sp.sympify(e), force=True), force=True)
    return sp.simplify(e)


def _tidy_lambda(e):
    """Bring lambda' to the form lambda rho^(n-2) / sqrt(...): pull the leading factor out of roots."""
    e = sp.sympify(e)
    # factor out of every root the power of z that makes the argument finite at z = 0
    e2 = sp.simplify(sp.powsimp(sp.powdenest(e, force=True), force=True))
    return e2
