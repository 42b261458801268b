r"""The orbit map: a rule's whole normalized map with :math:`\log z` carried, every branch in one chart.

Built here and imported from :mod:`adamdyn.dynamics.maps` (:func:`~adamdyn.dynamics.maps.orbit_map`,
:class:`~adamdyn.dynamics.maps.OrbitMap`); the atlas and the basins iterate it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from ..rules import get_rule
from ._expressions import _check_n, _flags_key, _normalized, _parities, _sign_symbols, _state_symbols

__all__ = ["OrbitMap", "orbit_map"]


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

    def jacobian_parts(self, X, logz, P, branch, with_z=False):
        r"""The Jacobian of the step from ``X`` as :math:`J = E + a b^T`, each part evaluated apart.

        ``E[i][j]`` = d X_next_i / d X_j at fixed step ratio, ``a[i]`` = d X_next_i / d|rho|, ``b[j]`` =
        sign(rho) d rho / d X_j (the branch that made the state gives rho, the branch that the new state takes
        gives the next values: :meth:`advance`'s semantics, whose ``J`` is ``E + a b^T`` summed).
        Near a step that lands almost on the minimum (rho ~ 1e-15) ``a b^T`` is ~1e60 and E's share of J is below
        J's rounding; kept apart, :func:`~.lyapunov._qr_step` and :func:`~.lyapunov._log_det` stay exact there.

        ``with_z``: the Jacobian of the whole map, ``z`` its last coordinate (:math:`z_{next} = |\rho| z`):
        ``E`` gains the column :math:`\partial X_{next}/\partial z` and the row ``(0, ..., 0, |rho|)``, ``a``
        the entry ``z``, ``b`` the entry :math:`\mathrm{sign}(\rho)\,\partial\rho/\partial z` (still exactly
        ``E + a b^T``). Where the loss converges, z tends to 0 and the z direction's exponent is the mean
        :math:`\log|\rho|` (the rate); z underflowed to 0 (a loss far below float64's range) is the same limit.
        """
        X = [np.asarray(v, dtype=np.float64) for v in X]
        head, pv = self._args(X, np.asarray(logz, dtype=np.float64), P)
        shape = np.broadcast(*head).shape
        fns = self._fns
        k = len(self.coords)
        if len(fns) == 1 or self.same_rho:
            rho = _call(fns[0]["rho"], head + pv)
            drho = [np.broadcast_to(_call(e, head + pv), shape) for e in fns[0]["drho"]]
        else:
            rho = _pick([_call(f["rho"], head + pv) for f in fns], branch)
            drho = [_pick([_call(f["drho"][j], head + pv) for f in fns], branch, shape) for j in range(k)]
        rho = np.broadcast_to(rho, shape)
        A, S = np.abs(rho), np.sign(rho)
        args = head + [A, S] + pv
        if len(fns) == 1:
            E = [[np.broadcast_to(_call(fns[0]["dX"][i][j], args), shape) for j in range(k)] for i in range(k)]
            a = [np.broadcast_to(_call(fns[0]["dA"][i], args), shape) for i in range(k)]
        else:
            new = np.full(shape, -1, dtype=np.int64)
            for i, f in enumerate(fns):
                new = np.where((new < 0) & self._conds(f, args, shape), i, new)
            new = np.where(new < 0, len(fns) - 1, new)
            E = [[_pick([_call(f["dX"][i][j], args) for f in fns], new, shape) for j in range(k)] for i in range(k)]
            a = [_pick([_call(f["dA"][i], args) for f in fns], new, shape) for i in range(k)]
        b = [S * drho[j] for j in range(k)]
        if not with_z:
            return E, a, b
        if len(fns) == 1 or self.same_rho:
            drz = _call(fns[0]["drhoZ"], head + pv)
        else:
            drz = _pick([_call(f["drhoZ"], head + pv) for f in fns], branch)
        if len(fns) == 1:
            dz = [_call(fns[0]["dZ"][i], args) for i in range(k)]
        else:
            dz = [_pick([_call(f["dZ"][i], args) for f in fns], new) for i in range(k)]
        zero = np.zeros(shape)
        E = [row + [np.broadcast_to(dz[i], shape)] for i, row in enumerate(E)]
        E.append([zero] * k + [np.broadcast_to(A, shape)])
        a = a + [np.broadcast_to(head[k], shape)]
        b = b + [np.broadcast_to(S * drz, shape)]
        return E, a, b

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

    from ..theory.map import LAM, LR, RHO, Z, _tidy

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
            # the z column: d/dz at fixed |rho| of the next values, and drho/dz
            "dZ": [_lambdify(args, _tidy(sp.diff(e, Z))) for e in b["next"]],
            "drhoZ": _lambdify(head + pl, _tidy(sp.diff(b["rho"], Z))),
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

    from ..theory.map import LAM, LR, RHO, Z, _tidy

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
