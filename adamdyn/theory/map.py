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

import numpy as np
import sympy as sp

from ..backend import SYMPY
from ..rules import get_rule
from ..rules.base import Params

__all__ = ["NormalizedMap", "normalized_map", "normalized_maps", "asymptotic", "N", "RHO", "LAM", "Z", "T"]

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
    carry: dict = field(default_factory=dict)  # pre-update state -> post-update state / rho^((n-1) d)
    lam_def: sp.Expr = sp.nan  # lambda as a function of the coordinates before elimination
    branch: list = field(default_factory=list)  # [(description, expr)]: this branch holds where every expr > 0
    step_decay: sp.Expr = sp.Integer(0)  # a > 0: the step vanishes as t^(-a) and the map is of the rescaled step

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


def symbolic_params(rule, values: dict):
    """Validated params with symbols for every float parameter not given in ``values``.

    ``lr`` is the positive symbol ``eta``; ``eps``, ``eps1`` and the initial values ``v0`` and
    ``initial_accumulator_value`` default to 0 (the analysis form); a parameter with a single valid
    value (RAdam's ``g_unit``) takes it; booleans take the rule default unless given. A symbol is
    positive, or negative where the parameter's range lies below 0 (Adafactor's ``decay_rate``).
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
        elif q.name in _ANALYSIS_ZERO:
            out[q.name] = sp.Integer(0)
        elif q.lo == q.hi:
            out[q.name] = sp.nsimplify(q.lo, rational=True)
        else:
            s = sp.Symbol(q.name, negative=True) if q.hi <= 0 else sp.Symbol(q.name, positive=True)
            out[q.name] = s
            syms[q.name] = s
    return Params(**out), syms, fixed


#: parameters that are 0 in the analysis unless given: offsets and initial values
_ANALYSIS_ZERO = ("eps", "eps1", "v0", "initial_accumulator_value")


def normalized_map(rule, n=None, **values) -> NormalizedMap:
    r"""Derive the normalized map of ``rule`` on :math:`|x|^n/n` (x > 0, rho > 0).

    A rule with data-dependent choices (``max``, ``min``, ``clip``, ``sign``, ``where``) has one
    map per branch (:func:`normalized_maps`); this returns the only one, and raises ``ValueError``
    for a rule with several.

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
    maps = normalized_maps(rule, n, **values)
    if len(maps) != 1:
        raise ValueError(f"{get_rule(rule).name!r} has {len(maps)} branches (data-dependent max/min/sign/where): "
                         "there is no single map. Fix: call normalized_maps() for the map of every branch.")
    return maps[0]


def normalized_maps(rule, n=None, **values) -> list:
    r"""The normalized map of every branch of ``rule`` on :math:`|x|^n/n`, in the late-time (t -> oo) form.

    Schedules in the step ``t`` are replaced by their limits (:func:`asymptotic`): every
    ``beta**t`` -> 0, a bias correction -> 1, RAdam's :math:`\rho_t \to \rho_\infty`, AdaBound's
    bounds -> ``final_lr`` ... Where the step itself vanishes as :math:`t^{-a}` (Adagrad's
    ``lr_decay``, Adafactor's relative step), the map is that of the step rescaled by
    :math:`t^{a}` and ``step_decay`` holds :math:`a`. Each data-dependent choice (``max``,
    ``min``, ``sign``, ``abs``, ``where``) splits the map in branches; ``branch`` lists the
    conditions ``(description, expr)`` (``expr > 0`` in the pre-update state) under which a
    branch's map is the rule's.
    """
    rule = get_rule(rule)
    nn = N if n is None else sp.nsimplify(n, rational=True)
    p, syms, fixed = symbolic_params(rule, values)
    notes = []
    if p.as_dict().get("eps", 0) != 0:
        raise ValueError(
            f"eps={fixed['eps']!r}: the symbolic engine analyses the scale-free map, which needs "
            "eps = 0 (eps/|g| grows without bound as x -> 0, so the normalized map is not autonomous). "
            "Fix: omit eps or pass eps=0.")
    for name in ("v0", "initial_accumulator_value"):
        if fixed.get(name, 0):
            notes.append(f"{name} only changes the initial state; the map and its fixed points are those of "
                         f"{name} = 0.")
    degrees = tuple(sp.nsimplify(d, rational=True) if not isinstance(d, sp.Basic) else d for d in rule.degrees(p))
    taken = set()
    W = [_state_symbol(name, d, taken) for name, d in zip(rule.state, degrees)]
    P = [sp.Dummy(f"pre_{name}") for name in rule.state]
    x = LR * Z
    gx = x ** (nn - 1)
    pf = _frame_params(rule, p, gx)
    # one update in the frame g = 1, from the pre-update state P
    newP, dirP = rule.advance(tuple(P), sp.Integer(1), T, pf, SYMPY, x=x)
    unit = _unit_symbols(rule, syms)
    raw = [_rational(sp.sympify(e)) for e in newP] + [_rational(sp.sympify(dirP))]
    late = [asymptotic(e, unit) for e in raw]
    step_decay = sp.Integer(0)
    if any(e.has(T) for e in raw):
        notes.append("asymptotic map, t -> oo: every schedule in the step t is replaced by its limit "
                     "(beta**t -> 0, so bias corrections -> 1)")
        for i, (name, before, after) in enumerate(zip(rule.state, raw, late)):
            own = after.free_symbols & set(P) <= {P[i]}
            if before.has(T) and own and after.subs(P[i], 0) == 0 and before.subs(P[i], 0) != 0:
                notes.append(f"the state {name!r} stops taking in the gradient as t -> oo (the schedule's weight on "
                             "the new gradient tends to 0): it freezes or decays on its own in the t -> oo map, "
                             "and the late power law is not derived for it")
        if late[-1] == 0 and raw[-1] != 0:
            step_decay = _decay_exponent(raw[-1], unit)
            late[-1] = asymptotic(raw[-1] * T**step_decay, unit)
            notes.append(f"the step vanishes as t -> oo like t^(-{step_decay}): the map below is that of the "
                         f"step times t^{step_decay}")
    maps = []
    for exprs, conds in _branches(late, rule, syms, nn):
        m = _branch_map(rule, nn, p, syms, W, P, degrees, exprs[:-1], exprs[-1], list(notes))
        m.branch = [(_readable(desc, P, rule.state), e) for desc, e in conds]
        m.step_decay = step_decay
        maps.append(m)
    return maps


def _frame_params(rule, p, gx):
    """Parameters in the frame where |g| = 1: a scale-carrying parameter (AdaBound's final_lr, RAdam's
    g_unit) is divided by |g|^degree (eps and the initial values are 0 or absent from the update)."""
    values = p.as_dict()
    for name, deg in rule.param_degrees(p).items():
        v = values.get(name)
        if isinstance(v, sp.Basic) and v != 0 and deg:
            values[name] = v / gx ** sp.nsimplify(deg, rational=True)
    return Params(**values)


def _unit_symbols(rule, syms) -> set:
    """Parameter symbols whose range lies in [0, 1] (decay factors: beta**t -> 0)."""
    by_name = {q.name: q for q in rule.params}
    return {s for name, s in syms.items() if by_name[name].lo >= 0 and by_name[name].hi <= 1}


_NONSMOOTH = (sp.Max, sp.Min, sp.sign, sp.Abs, sp.Piecewise)


def asymptotic(e, unit=frozenset()):
    r"""``e`` as t -> oo: ``beta**(t ...)`` -> 0 for a decay ``0 <= beta < 1``, any other t-dependence by
    its limit, taken inside ``max``/``min``/``sign``/``where`` (so ``min(1, 1/sqrt(t))`` -> 0).

    Example:
        >>> b = sp.Symbol("beta2", positive=True)
        >>> asymptotic(1 / (1 - b**T), {b}), asymptotic(sp.Min(1, 1 / sp.sqrt(T)))
        (1, 0)
    """
    e = _rational(sp.sympify(e))
    if not isinstance(e, sp.Basic) or not e.has(T):
        return e

    def decays(q):
        if not (q.is_Pow and q.exp.has(T) and not q.base.has(T)):
            return False
        base = q.base
        ok = (base.is_number and 0 <= base < 1) or base in unit or (
            base.is_Pow and base.base in unit and base.exp.is_positive)
        return bool(ok) and sp.limit(q.exp, T, sp.oo) == sp.oo

    # exponential decay beats any power of t: beta**t * t -> 0
    return _t_limit(e.replace(decays, lambda q: sp.Integer(0)))


def _t_limit(e):
    if not e.has(T):
        return e
    if not e.has(*_NONSMOOTH) and not isinstance(e, _LOGIC):
        return sp.limit(e, T, sp.oo)
    if e.is_Mul:  # a growing power of t moves inside a max/min (a positive factor): t^a min(1, t^-a) -> min(t^a, 1)
        grow = [f for f in e.args if f == T or (f.is_Pow and f.base == T and f.exp.is_positive)]
        rest = [f for f in e.args if f not in grow]
        for i, f in enumerate(rest):
            if grow and isinstance(f, (sp.Max, sp.Min)) and f.has(T) and _t_limit(f) == 0:
                rest[i] = f.func(*[sp.Mul(*grow) * a for a in f.args])
                return _t_limit(sp.Mul(*rest))
    out = e.func(*[_t_limit(a) for a in e.args])
    if out.has(sp.nan, sp.zoo):
        raise ValueError(f"cannot take the t -> oo limit of {e}")
    return out


_LOGIC = (sp.Rel, sp.And, sp.Or, sp.Not)


def _rational(e):
    """Floats (``1.0``, ``t**0.5``) as rationals, so limits and branch conditions stay exact."""
    if not isinstance(e, sp.Basic):
        return e
    floats = e.atoms(sp.Float)
    return e.xreplace({f: sp.nsimplify(f, rational=True) for f in floats}) if floats else e


def _decay_exponent(expr, unit):
    """``a`` with ``expr ~ t^(-a)`` as t -> oo, measured at two large t at generic values and rationalized."""
    import random

    rng = random.Random(1)
    free = sorted(expr.free_symbols - {T}, key=str)
    estimates = []
    for _ in range(2):
        vals = {s: (-sp.Rational(rng.randint(2, 8), 10) if s.is_negative else sp.Rational(rng.randint(2, 8), 10))
                for s in free}
        e = expr.subs(vals)
        lo, hi = [abs(sp.N(e.subs(T, sp.Integer(10) ** k), 30)) for k in (12, 16)]
        if lo == 0 or hi == 0:
            raise ValueError(f"the step {expr} is 0 at large t: no decay exponent")
        estimates.append(-float(sp.log(hi / lo) / sp.log(sp.Integer(10) ** 4)))
    a = sp.nsimplify(round(estimates[0], 6), rational=True)
    if abs(estimates[0] - estimates[1]) > 1e-6 or not a > 0:
        raise ValueError(f"the step {expr} does not decay as a power of t")
    return a


def _positive_parts(cond, rule, syms, nn):
    """A condition (relational, And, Not, Or) as a list of expressions that must all be > 0."""
    cond = sp.sympify(cond)
    if cond is sp.true:
        return []
    if cond is sp.false:
        return [sp.Integer(-1)]
    if isinstance(cond, sp.And):
        return [q for c in cond.args for q in _positive_parts(c, rule, syms, nn)]
    if isinstance(cond, sp.Not):
        return _positive_parts(_negate(cond.args[0]), rule, syms, nn)
    if isinstance(cond, sp.Or):
        from .sampling import evaluate, sample_points

        pts = sample_points(rule, syms, nn, size=400, seed=4)
        live = []
        for c in cond.args:
            parts = _positive_parts(c, rule, syms, nn)
            if all(np.all(evaluate(q, pts) <= 0) for q in parts if not q.has(*[s for s in [Z]])) and parts:
                continue  # never true on the parameter range
            live.append(parts)
        if len(live) != 1:
            raise ValueError(f"cannot write the branch condition {cond} as one set of inequalities")
        return live[0]
    if isinstance(cond, (sp.StrictGreaterThan, sp.GreaterThan)):
        return [cond.lhs - cond.rhs]
    if isinstance(cond, (sp.StrictLessThan, sp.LessThan)):
        return [cond.rhs - cond.lhs]
    raise ValueError(f"unsupported branch condition {cond}")


def _negate(cond):
    if isinstance(cond, sp.And):
        return sp.Or(*[_negate(c) for c in cond.args], evaluate=False)
    if isinstance(cond, sp.Or):
        return sp.And(*[_negate(c) for c in cond.args], evaluate=False)
    if isinstance(cond, (sp.StrictGreaterThan, sp.GreaterThan)):
        return sp.StrictLessThan(cond.lhs, cond.rhs)
    if isinstance(cond, (sp.StrictLessThan, sp.LessThan)):
        return sp.StrictGreaterThan(cond.lhs, cond.rhs)
    return sp.Not(cond)


def _cases(a, rule, syms, nn):
    """``[(value, [(description, expr > 0) ...])]``: the branches of one non-smooth atom."""
    if isinstance(a, (sp.Max, sp.Min)):
        sgn = 1 if isinstance(a, sp.Max) else -1
        word = "max" if sgn > 0 else "min"
        out = []
        for i, ai in enumerate(a.args):
            conds = [(f"{word}({', '.join(map(str, a.args))}) = {ai}", sgn * (ai - aj))
                     for j, aj in enumerate(a.args) if j != i]
            out.append((ai, conds))
        return out
    if isinstance(a, sp.sign):
        e = a.args[0]
        return [(sp.Integer(1), [(f"sign({e}) = +1", e)]), (sp.Integer(-1), [(f"sign({e}) = -1", -e)])]
    if isinstance(a, sp.Abs):
        e = a.args[0]
        return [(e, [(f"|{e}| = {e}", e)]), (-e, [(f"|{e}| = -({e})", -e)])]
    out, before = [], []
    for expr, cond in a.args:
        conds = [c for prev in before for c in _positive_parts(_negate(prev), rule, syms, nn)]
        conds += _positive_parts(cond, rule, syms, nn)
        out.append((expr, [(f"{cond}" if cond is not sp.true else f"not ({before[-1]})", c) for c in conds]))
        before.append(cond)
    return out


def _branches(exprs, rule, syms, nn):
    """Every combination of branches of the non-smooth atoms in ``exprs`` (innermost first)."""
    atoms = set()
    for e in exprs:
        atoms |= {a for a in sp.sympify(e).atoms(*_NONSMOOTH)
                  if not (isinstance(a, sp.Abs) and (a.args[0].is_nonnegative or _is_root(a.args[0])))}
    if not atoms:
        return [(list(exprs), [])]
    inner = sorted((a for a in atoms if not any(b != a and a.has(b) for b in atoms)), key=sp.default_sort_key)
    a = inner[0]
    out = []
    for value, conds in _cases(a, rule, syms, nn):
        sub = [sp.sympify(e).xreplace({a: value}) for e in exprs]
        for rest, more in _branches(sub, rule, syms, nn):
            out.append((rest, conds + more))
    return out


def _readable(desc, P, names):
    """A branch description with the pre-update states written ``u_prev`` (normalized by the new gradient)."""
    for q, name in zip(P, names):
        desc = desc.replace(str(q), f"{name}_prev")
    return desc


def _is_root(e):
    """A principal square root (or another even root): never negative."""
    return e.is_Pow and e.exp.is_Rational and e.exp.q % 2 == 0


def _branch_map(rule, nn, p, syms, W, P, degrees, newP, dirP, notes) -> NormalizedMap:
    """The map of one (smooth) branch: invert the update, eliminate lambda, carry the state over."""
    syms = dict(syms)
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
    if (rho_c.has(LR) or any(e.has(LR) for e in full)) and "lr" in [q.name for q in rule.params]:
        syms["lr"] = LR  # lr stays in the map (decoupled weight decay, a frame parameter): sample it
    return NormalizedMap(rule.name, nn, tuple(coords), tuple(full), rho_c, syms, lam_is_coord,
                         slaved, notes, tuple(reduced), rho_red, eliminated, carry=carry, lam_def=lam_def)


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
