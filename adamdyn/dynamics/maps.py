r"""A rule's normalized map as numpy functions: built here once, for every numerical tool of :mod:`adamdyn.dynamics`.

The symbolic engine derives the normalized map of a rule on :math:`|x|^n/n`
(:func:`adamdyn.symbolic.map.normalized_maps`) for :math:`x > 0` and :math:`\rho = x_{t+1}/x_t > 0`, one map
per branch of its data-dependent choices (``max``, ``min``, ``sign``, ``where``). This module turns those
maps into vectorised numpy float64 functions, in two forms:

:func:`reduced_map` / :func:`reduced_maps` -> :class:`ReducedMap`
    the map at :math:`z = x/\eta \to 0` (the plane where the loss converges), one *chart* per set of
    coordinates of the rule's branches, evaluated point by point with the branch whose conditions hold.
    Fixed points, orbits and boundaries (:mod:`.fixed_points`, :mod:`.continuation`) are searched on it.

:func:`orbit_map` -> :class:`OrbitMap`
    the whole map with :math:`\log z` carried along, in the chart with the most coordinates; every branch is
    rewritten in that chart, and each cell takes the branch whose condition holds on its own state at every
    step (numpy ``where``). The atlas and the basins (:mod:`.atlas`, :mod:`.basins`) iterate it.

Both forms evaluate the map for either sign of :math:`\rho` at any real degree :math:`n`: the derived map
is taken at :math:`|\rho|` and every state that changes sign with the gradient (an odd state, e.g. the
first moment) enters with the sign of :math:`\rho` (the rule is symmetric under :math:`x \to -x`), so
sign-flipping steps are exact without assuming an even :math:`n`.

Example:
    >>> m = orbit_map("adam", 4)
    >>> m.coords, m.params
    (('u', 'lambda'), ('beta1', 'beta2'))
    >>> r = reduced_map("adam", 4)
    >>> nxt, rho = r([[0.1, 2.0]], {"beta1": 0.9, "beta2": 0.999})
    >>> round(float(rho[0]), 12)
    0.8
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

from ..rules import get_rule

__all__ = ["ReducedMap", "reduced_map", "reduced_maps", "OrbitMap", "orbit_map"]


# --------------------------------------------------------------------------------------------------
# shared: the derivation, the state parities, the sign of rho


def _flags_key(rule, flags):
    return tuple(sorted((k, rule.make_params(**{k: v}).as_dict()[k]) for k, v in flags.items()))


@functools.lru_cache(maxsize=32)
def _normalized_cached(name, n, flags):
    from ..symbolic.map import normalized_maps

    return normalized_maps(get_rule(name), n=n, **dict(flags))


def _normalized(rule, n, flags):
    """Every branch's :class:`~adamdyn.symbolic.map.NormalizedMap` (cached for registered rules)."""
    from ..rules import RULES
    from ..symbolic.map import normalized_maps

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
    from ..symbolic.map import RHO

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


def _eval(f, args, shape):
    with np.errstate(all="ignore"):
        return np.broadcast_to(np.asarray(f(*args), dtype=float), shape)


# --------------------------------------------------------------------------------------------------
# the reduced map (z -> 0), one chart per set of coordinates


@dataclass
class ReducedMap:
    """A map ``y -> F(y)`` of ``k`` coordinates with its step ratio ``rho(y)`` (numpy float64).

    ``evaluate(Y, params) -> (next, rho)`` with ``Y`` of shape ``(N, k)``; ``jacobian(Y, params)``
    gives ``(N, k, k)`` (the lambdified symbolic Jacobian) or ``None`` where there is none (then finite
    differences are used). ``nonnegative`` marks coordinates that are >= 0 by definition (lambda).
    Build one from a rule with :func:`reduced_map`, or from any callable for a map of your own.
    """

    coords: tuple
    evaluate: object
    jacobian: object = None
    param_names: tuple = ()
    nonnegative: tuple = ()
    notes: list = field(default_factory=list)
    name: str = "map"

    def __call__(self, Y, params=None):
        return self.evaluate(np.asarray(Y, dtype=float), params or {})

    def fd_jacobian(self, Y, params=None, h=1e-6):
        """Central finite differences of ``next`` (relative step ``h``), ``(N, k, k)``."""
        Y = np.atleast_2d(np.asarray(Y, dtype=float))
        N, k = Y.shape
        J = np.empty((N, k, k))
        for j in range(k):
            step = h * np.maximum(1.0, np.abs(Y[:, j]))
            Yp, Ym = Y.copy(), Y.copy()
            Yp[:, j] += step
            Ym[:, j] -= step
            J[:, :, j] = (self(Yp, params)[0] - self(Ym, params)[0]) / (2 * step[:, None])
        return J

    def jac(self, Y, params=None):
        """The Jacobian: symbolic where available, else finite differences."""
        if self.jacobian is not None:
            return self.jacobian(np.atleast_2d(np.asarray(Y, dtype=float)), params or {})
        return self.fd_jacobian(Y, params)


def _branch_condition(m, cond):
    """A branch condition (pre-update state) in the map's coordinates at z -> 0, ``RHO`` kept."""
    import sympy as sp

    from ..symbolic.derivation import _at_point
    from ..symbolic.map import Z, _limit, _tidy

    e = _at_point(m, cond, {})
    if not e.has(Z):
        return _tidy(e)
    try:
        return _limit(_tidy(e), Z, 0)
    except (NotImplementedError, ValueError, TypeError):  # pragma: no cover - limits are best effort
        return sp.nan


@functools.lru_cache(maxsize=32)
def _built(name, n, flags):
    return _build(get_rule(name), n, flags)


def _build(rule, n, flags):
    import sympy as sp

    from ..symbolic.map import LAM

    maps = _normalized(rule, n, flags)
    parity = _parities(rule)
    notes = []
    charts = {}
    for m in maps:
        where = " and ".join(d for d, _ in m.branch) or "the only branch"
        inner = tuple(c for c in m.coords if str(c) != "z")
        if m.rho_reduced.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
            notes.append(f"branch {where}: the step ratio at z = 0 is {m.rho_reduced} (no finite reduced map; "
                         "this branch has no point of linear convergence)")
            continue
        charts.setdefault(inner, []).append(m)
    if not charts:
        return [], notes
    # charts (coordinate sets) ordered: lambda a coordinate first, then by the number of branches
    order = sorted(charts.items(), key=lambda kv: (LAM not in kv[0], -len(kv[1])))
    return [_chart(inner, ms, rule, parity, notes) for inner, ms in order], notes


def _chart(inner, ms, rule, parity, notes):
    """Lambdified branches of the maps ``ms`` that share the coordinates ``inner``."""
    import sympy as sp

    from ..symbolic.map import RHO

    params = {}
    for m in ms:
        params.update(m.params)
    names = tuple(q.name for q in rule.params if q.name in params)
    psyms = [params[q] for q in names]
    S, A = _sign_symbols()
    branches = []
    for m in ms:
        odd = {c: S * c for c, st in _state_coords(m).items() if parity.get(st, 1) < 0 and c in inner}
        rho = m.rho_reduced

        def signed(e, odd=odd, rho=rho):
            return sp.sympify(e).xreplace({**odd, RHO: A}).xreplace({A: S * rho})

        nxt = [signed(e) for e in m.reduced]
        J = sp.Matrix(nxt).jacobian(list(inner))
        conds, dead = [], False
        for desc, cond in m.branch:
            c = _branch_condition(m, cond)
            if c.has(sp.nan, sp.zoo):
                notes.append(f"branch condition {desc}: undecided at z = 0; the branch is taken where the others fail")
                continue
            if c == sp.oo or (c.is_number and c > 0):
                continue
            if c == -sp.oo or (c.is_number and c <= 0):
                dead = True
                break
            conds.append(signed(c))
        if dead:
            notes.append(f"branch {' and '.join(d for d, _ in m.branch)}: its condition fails at z = 0 (not reached)")
            continue
        args = list(inner) + [S] + psyms
        branches.append({
            "rho": sp.lambdify(list(inner) + psyms, rho, "numpy"),
            "next": [sp.lambdify(args, e, "numpy") for e in nxt],
            "jac": [[sp.lambdify(args, J[i, j], "numpy") for j in range(len(inner))] for i in range(len(inner))],
            "conds": [sp.lambdify(args, c, "numpy") for c in conds],
            "where": " and ".join(d for d, _ in m.branch),
        })
        notes.extend(x for x in m.notes if x not in notes)
    coords = tuple(str(c) for c in inner)
    return {"coords": coords, "names": names, "branches": branches,
            "nonneg": tuple(str(c) == "lambda" for c in inner)}


def reduced_map(rule, n, **flags) -> ReducedMap:
    """The reduced normalized map (z = 0) of ``rule`` at degree ``n``, lambdified (cached per rule, n, flags).

    ``flags`` are the boolean parameters (they select the derivation); the float parameters stay
    symbolic and are passed at evaluation (``params`` dict, missing ones take the rule's defaults).
    Where the rule's branches have different coordinates (AMSGrad: ``v`` slaved or not), this is the
    chart with ``lambda`` and the most branches; :func:`reduced_maps` gives every chart.
    """
    return reduced_maps(rule, n, **flags)[0]


def reduced_maps(rule, n, **flags) -> list:
    """Every chart of the reduced normalized map (one per set of coordinates of the rule's branches)."""
    from ..rules import RULES

    rule = get_rule(rule)
    n = _check_n(n)
    fl = _flags_key(rule, flags)
    registered = RULES.get(rule.name) is rule
    charts, notes = _built(rule.name, n, fl) if registered else _build(rule, n, fl)
    if not charts:
        return [ReducedMap((), None, None, (), (), list(notes), rule.name)]
    return [_bind(rule, built, notes) for built in charts]


def _bind(rule, built, notes):
    names, branches = built["names"], built["branches"]
    defaults = {q.name: q.default for q in rule.params}

    def pvals(params):
        return [float(params.get(k, defaults[k])) for k in names]

    def choose(Y, params):
        Y = np.atleast_2d(Y)
        cols = [Y[:, j] for j in range(Y.shape[1])]
        pv = pvals(params)
        out = []
        for b in branches:
            rho = _eval(b["rho"], cols + pv, (Y.shape[0],))
            S = np.sign(rho)
            args = cols + [S] + pv
            ok = np.ones(Y.shape[0], dtype=bool)
            for c in b["conds"]:
                ok &= _eval(c, args, ok.shape) > 0
            out.append((b, rho, args, ok))
        return out

    def evaluate(Y, params):
        Y = np.atleast_2d(Y)
        N, k = Y.shape
        nxt = np.full((N, k), np.nan)
        rho = np.full(N, np.nan)
        taken = np.zeros(N, dtype=bool)
        for b, r, args, ok in choose(Y, params):
            use = ok & ~taken
            if use.any():
                for i, f in enumerate(b["next"]):
                    nxt[use, i] = _eval(f, args, (N,))[use]
                rho[use] = r[use]
                taken |= use
        return nxt, rho

    def jacobian(Y, params):
        Y = np.atleast_2d(Y)
        N, k = Y.shape
        J = np.full((N, k, k), np.nan)
        taken = np.zeros(N, dtype=bool)
        for b, _, args, ok in choose(Y, params):
            use = ok & ~taken
            if use.any():
                for i in range(k):
                    for j in range(k):
                        J[use, i, j] = _eval(b["jac"][i][j], args, (N,))[use]
                taken |= use
        return J

    return ReducedMap(built["coords"], evaluate, jacobian, names, built["nonneg"], list(notes), rule.name)


# --------------------------------------------------------------------------------------------------
# the orbit map (log z carried), every branch in one chart


@dataclass
class OrbitMap:
    r"""The normalized map of one rule and degree, with :math:`\log z` carried, as numpy functions.

    ``coords``: the coordinates other than z (one chart for every branch); ``params``: the parameters the map
    depends on; ``branches``: the branch descriptions (``"the only branch"`` for a rule without choices).
    :meth:`advance` takes ``(X, logz, P, branch)`` -- X a list of arrays (one per coordinate), ``logz``
    :math:`\log(|x|/\mathrm{lr})`, P a dict of parameter arrays, ``branch`` the index of the branch that made
    the current state (an int array, or ``None``: chosen by the conditions at the state) -- and returns the
    next ``(X, logz, rho, branch)`` and optionally the Jacobian :math:`\partial X_{next}/\partial X` at fixed z.
    ``expressions`` holds the sympy expressions (``next``, ``rho``, ``conds`` per branch, ``lam_def``, ...).
    """

    rule: str
    n: float
    coords: tuple
    params: tuple
    has_z: bool
    branches: tuple
    _fns: list = field(default_factory=list, repr=False)
    same_rho: bool = True
    expressions: dict = field(default_factory=dict, repr=False)

    def _args(self, X, logz, P):
        z = np.exp(logz)
        return list(X) + [z], [P[name] for name in self.params]

    def initial_branch(self, X, logz, P):
        """The first branch whose conditions hold at ``X`` (taken with :math:`\\rho = 1`); 0 where none does."""
        head, pv = self._args(X, logz, P)
        shape = np.shape(head[0])
        br = np.full(shape, -1, dtype=np.int64)
        one = np.ones(shape)
        for i, f in enumerate(self._fns):
            ok = self._conds(f, head + [one, one] + pv, shape)
            br = np.where((br < 0) & ok, i, br)
        return np.where(br < 0, 0, br)

    def _conds(self, f, args, shape):
        ok = np.ones(shape, dtype=bool)
        for c in f["conds"]:
            with np.errstate(all="ignore"):
                ok &= _call(c, args) > 0
        return ok

    def advance(self, X, logz, P, branch=None, jacobian=False):
        """One step of every cell: ``(X_next, logz_next, rho, branch_next[, J])``."""
        X = [np.asarray(v, dtype=np.float64) for v in X]
        logz = np.asarray(logz, dtype=np.float64)
        head, pv = self._args(X, logz, P)
        shape = np.broadcast(*head).shape
        fns = self._fns
        one_rho = len(fns) == 1 or self.same_rho
        if one_rho:
            rho = _call(fns[0]["rho"], head + pv)
        else:
            if branch is None:
                branch = self.initial_branch(X, logz, P)
            rho = _pick([_call(f["rho"], head + pv) for f in fns], branch)
        rho = np.broadcast_to(rho, shape)
        A, S = np.abs(rho), np.sign(rho)
        args = head + [A, S] + pv
        # the branch taken now: the first whose conditions hold on the carried state
        if len(fns) == 1:
            new = np.zeros(shape, dtype=np.int64)
        else:
            new = np.full(shape, -1, dtype=np.int64)
            for i, f in enumerate(fns):
                new = np.where((new < 0) & self._conds(f, args, shape), i, new)
            new = np.where(new < 0, len(fns) - 1, new)
        k = len(self.coords)
        if len(fns) == 1:
            nxt = [np.broadcast_to(_call(e, args), shape) for e in fns[0]["next"]]
        else:
            nxt = [_pick([_call(f["next"][i], args) for f in fns], new, shape) for i in range(k)]
        logz_next = logz + np.log(A)
        if not jacobian:
            return nxt, logz_next, rho, new
        if one_rho:
            drho = [np.broadcast_to(_call(e, head + pv), shape) for e in fns[0]["drho"]]
        else:
            drho = [_pick([_call(f["drho"][j], head + pv) for f in fns], branch, shape) for j in range(k)]
        J = []
        for i in range(k):
            row = []
            if len(fns) == 1:
                dA = _call(fns[0]["dA"][i], args)
                parts = [_call(fns[0]["dX"][i][j], args) for j in range(k)]
            else:
                dA = _pick([_call(f["dA"][i], args) for f in fns], new, shape)
                parts = [_pick([_call(f["dX"][i][j], args) for f in fns], new, shape) for j in range(k)]
            for j in range(k):
                row.append(np.broadcast_to(parts[j] + dA * S * drho[j], shape))
            J.append(row)
        return nxt, logz_next, rho, new, J

    def step(self, X, logz, P, branch=None):
        """``(X_next, logz_next, rho)``: one step (``branch`` as in :meth:`advance`)."""
        return self.advance(X, logz, P, branch)[:3]

    def jacobian(self, X, logz, P, branch=None):
        """``J[i][j]`` = d X_next_i / d X_j at fixed z (``branch`` as in :meth:`advance`)."""
        return self.advance(X, logz, P, branch, jacobian=True)[4]


def _call(f, args):
    out = f(*args)
    return np.asarray(out, dtype=np.float64)


def _pick(values, index, shape=None):
    """Per cell, ``values[index]`` (numpy where over the branches)."""
    out = values[-1]
    for i in range(len(values) - 2, -1, -1):
        out = np.where(index == i, values[i], out)
    return out if shape is None else np.broadcast_to(out, shape)


@functools.lru_cache(maxsize=32)
def _orbit_cached(name, n, flags):
    return _orbit_build(get_rule(name), n, flags)


def _orbit_build(rule, n, flags):
    import sympy as sp

    from ..symbolic.map import LAM, LR, RHO, Z, _tidy

    maps = list(_normalized(rule, n, flags))
    name = rule.name
    if any(m.step_decay != 0 for m in maps):
        raise ValueError(f"{name!r}: the step vanishes as t^-{maps[0].step_decay} and its normalized map is of the "
                         "rescaled step; the atlas needs an autonomous map. Fix: use a rule without a decaying step "
                         "(e.g. Adagrad with lr_decay=0 is still non-autonomous: its accumulator grows).")
    # the chart: the most coordinates (nothing slaved), lambda among them
    main = max(maps, key=lambda m: (len(m.coords), LAM in m.coords, -len(m.slaved)))
    for m in maps:
        nz = dict(zip(m.coords, m.next)).get(Z)
        if nz is None or sp.simplify(nz - RHO * Z) != 0:
            raise ValueError(f"{name!r}: z_next = {nz} is not rho*z; the atlas cannot track log z. "
                             "Fix: report this rule (its normalized map is unusual).")
    S, A = _sign_symbols()
    parity = _parities(rule)
    states = _state_symbols(main)
    odd_w = {w: S * w for st, w in states.items() if parity.get(st, 1) < 0}
    coords = [c for c in main.coords if c != Z]
    # the full normalized state from the chart's coordinates (the eliminated state through lambda)
    w_full = {}
    if main.eliminated is not None and main.eliminated[0] != LR:
        w_full[main.eliminated[0]] = main.eliminated[1]
    w_full.update({w: sp.sympify(e).xreplace(w_full) for w, e in main.slaved.items()})
    params = {}
    for m in maps:
        params.update(m.params)
    carry_sub = {}
    for pre, post in main.carry.items():
        carry_sub[pre] = sp.sympify(post).xreplace({**odd_w, RHO: A})
    branches, notes = [], []
    for m in maps:
        where = " and ".join(d for d, _ in m.branch) or "the only branch"
        conds, dead = [], False
        for desc, cond in m.branch:
            c = _tidy(sp.sympify(cond).xreplace(carry_sub).xreplace(w_full))
            if c.is_number:
                if c > 0:
                    continue
                dead = True
                break
            conds.append(c)
        if dead:
            notes.append(f"branch {where}: its condition never holds")
            continue
        nxt, rho = _in_chart(m, main, coords, w_full, parity, S, A)
        branches.append({"where": where, "next": nxt, "rho": rho, "conds": conds})
    exprs = [e for b in branches for e in b["next"] + [b["rho"]] + b["conds"]]
    free = set().union(*[e.free_symbols for e in exprs])
    if any(s.name == "t" for s in free):
        raise ValueError(f"{name!r}: the normalized map depends on the step t; the atlas needs an autonomous "
                         "map. Fix: choose a rule whose late-time map is autonomous.")
    psyms = {s: nm for nm, s in params.items()}
    unknown = free - set(coords) - {Z, S, A} - set(psyms)
    if unknown:
        raise ValueError(f"{name!r}: the normalized map has unexpected symbols {sorted(map(str, unknown))}. "
                         "Fix: pass their values with --set / keyword arguments.")
    pnames = tuple(sorted(psyms[s] for s in (free & set(psyms))))
    pl = [params[nm] for nm in pnames]
    head = list(coords) + [Z]
    args = head + [A, S] + pl
    fns = []
    same_rho = all(sp.simplify(b["rho"] - branches[0]["rho"]) == 0 for b in branches[1:])
    for b in branches:
        fns.append({
            "next": [_lambdify(args, e) for e in b["next"]],
            "dX": [[_lambdify(args, sp.diff(e, c)) for c in coords] for e in b["next"]],
            "dA": [_lambdify(args, sp.diff(e, A)) for e in b["next"]],
            "rho": _lambdify(head + pl, b["rho"]),
            "drho": [_lambdify(head + pl, sp.diff(b["rho"], c)) for c in coords],
            "conds": [_lambdify(args, c) for c in b["conds"]],
        })
    expressions = {"next": [b["next"] for b in branches], "rho": [b["rho"] for b in branches],
                   "conds": [b["conds"] for b in branches], "lam_def": main.lam_def, "coords": tuple(coords),
                   "z": Z, "states": tuple(states.values()), "rho_abs": A, "rho_sign": S, "notes": notes}
    return OrbitMap(name, float(n), tuple(str(c) for c in coords), pnames, Z in main.coords,
                    tuple(b["where"] for b in branches), fns, same_rho, expressions)


def _lambdify(args, e):
    import sympy as sp

    return sp.lambdify(args, e, modules="numpy")


def _in_chart(m, main, coords, w_full, parity, S, A):
    """Branch ``m``'s next coordinates and step ratio in the chart of ``main`` (signed: ``A`` = |rho|, ``S`` its
    sign). A branch with other coordinates (a state slaved to another, lambda a function of z) is rewritten:
    its pre-update coordinates from the full state, its post-update state completed, then the chart's."""
    import sympy as sp

    from ..symbolic.map import LAM, LR, RHO, Z, _tidy

    mstates = _state_symbols(m)
    odd = {w: S * w for st, w in mstates.items() if parity.get(st, 1) < 0 and w in m.coords}
    own = {c: e for c, e in zip(m.coords, m.next) if c != Z}
    signed = {c: sp.sympify(e).xreplace({**odd, RHO: A}) for c, e in own.items()}
    if tuple(m.coords) == tuple(main.coords) and m.eliminated == main.eliminated and m.slaved == main.slaved:
        return [_tidy(signed[c]) for c in coords], _tidy(m.rho)
    # the branch's own coordinates before the step, from the chart's full state
    pre = {}
    for c in own:
        pre[c] = _tidy(sp.sympify(m.lam_def).xreplace(w_full)) if c == LAM else w_full.get(c, c)
    nxt = {c: _tidy(e.xreplace(pre)) for c, e in signed.items()}
    # the full state after the step
    post = {c: e for c, e in nxt.items() if c != LAM}
    zn = A * Z
    if m.eliminated is not None and m.eliminated[0] != LR:
        post[m.eliminated[0]] = sp.sympify(m.eliminated[1]).xreplace({**post, LAM: nxt.get(LAM, LAM), Z: zn})
    for w, e in m.slaved.items():
        post[w] = sp.sympify(e).xreplace({**post, Z: zn})
    out = []
    for c in coords:
        if c == LAM:
            out.append(_tidy(sp.sympify(main.lam_def).xreplace({**post, Z: zn})))
        else:
            out.append(_tidy(post[c]))
    return out, _tidy(sp.sympify(m.rho).xreplace(pre))


def orbit_map(rule, n=4, **structural) -> OrbitMap:
    r"""The rule's normalized map on :math:`|x|^n/n` with :math:`\log z`, as numpy functions (cached).

    ``n``: real ``>= 2``. ``structural``: boolean options of the rule (e.g. ``nesterov=True``), fixed in
    the derivation; the float parameters stay symbolic and are passed at evaluation.
    """
    from ..rules import RULES

    r = get_rule(rule)
    nf = _check_n(n, strict=False)
    for name, v in structural.items():
        q = next((q for q in r.params if q.name == name), None)
        if q is None or q.kind != "bool":
            raise ValueError(f"{name}={v!r} is not a boolean option of {r.name!r}; valid: "
                             f"{[q.name for q in r.params if q.kind == 'bool']}. Fix: pass numeric values as axes "
                             "or fixed values of atlas().")
    fl = _flags_key(r, structural)
    if RULES.get(r.name) is r:
        return _orbit_cached(r.name, nf, fl)
    return _orbit_build(r, nf, fl)
