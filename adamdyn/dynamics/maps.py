r"""A rule's normalized map as numpy functions: built here once, for every numerical tool of :mod:`adamdyn.dynamics`.

The symbolic engine derives the normalized map of a rule on :math:`|x|^n/n`
(:func:`adamdyn.theory.map.normalized_maps`) for :math:`x > 0` and :math:`\rho = x_{t+1}/x_t > 0`, one map
per branch of its data-dependent choices (``max``, ``min``, ``sign``, ``where``). This module turns those
maps into vectorised numpy float64 functions, in two forms:

:func:`reduced_expressions` -> :class:`ChartExpressions`
    the map at :math:`z = x/\eta \to 0` as sympy expressions, one *chart* per set of coordinates of the rule's
    branches, each branch with its next values, step ratio and condition: the one builder of the map's
    expressions, which the two forms below and the interval proof (:mod:`.interval`) take.

:func:`reduced_map` / :func:`reduced_maps` -> :class:`ReducedMap`
    those charts lambdified (the plane where the loss converges), evaluated point by point with the branch
    whose conditions hold.
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
from dataclasses import dataclass, field

import numpy as np

from ..rules import get_rule
from ._expressions import ChartExpressions, _charts, _charts_cached, _check_n, _flags_key, reduced_expressions
from ._orbit import OrbitMap, orbit_map

__all__ = ["ChartExpressions", "reduced_expressions", "ReducedMap", "reduced_map", "reduced_maps", "OrbitMap",
           "orbit_map"]


def _eval(f, args, shape):
    with np.errstate(all="ignore"):
        return np.broadcast_to(np.asarray(f(*args), dtype=float), shape)



# --------------------------------------------------------------------------------------------------
# the reduced map (z -> 0), one chart per set of coordinates, lambdified


@dataclass
class ReducedMap:
    """A map ``y -> F(y)`` of ``k`` coordinates with its step ratio ``rho(y)`` (numpy float64).

    ``evaluate(Y, params) -> (next, rho)`` with ``Y`` of shape ``(N, k)``; ``jacobian(Y, params)``
    gives ``(N, k, k)`` (the lambdified symbolic Jacobian) or ``None`` where there is none (then finite
    differences are used). ``nonnegative`` marks coordinates that are >= 0 by definition (lambda);
    ``expressions``: the chart's :class:`ChartExpressions` (``None`` for a map of your own).
    Build one from a rule with :func:`reduced_map`, or from any callable for a map of your own.
    """

    coords: tuple
    evaluate: object
    jacobian: object = None
    param_names: tuple = ()
    nonnegative: tuple = ()
    notes: list = field(default_factory=list)
    name: str = "map"
    expressions: object = None

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



@functools.lru_cache(maxsize=32)
def _built(name, n, flags):
    charts, notes = _charts_cached(name, n, flags)
    return charts, notes, [_lambdified(ch) for ch in charts]


def _lambdified(chart):
    """Lambdified branches of one :class:`ChartExpressions` (the sign of rho taken from rho itself: A = S rho)."""
    import sympy as sp

    inner = list(chart.symbols)
    psyms = list(chart.params.values())
    S, A = chart.rho_sign, chart.rho_abs
    branches = []
    for br in chart.branches:
        rho = br["rho"]
        nxt = [e.xreplace({A: S * rho}) for e in br["next"]]
        J = sp.Matrix(nxt).jacobian(inner)
        conds = [c.xreplace({A: S * rho}) for c in br["conds"]]
        args = inner + [S] + psyms
        branches.append({
            "rho": sp.lambdify(inner + psyms, rho, "numpy"),
            "next": [sp.lambdify(args, e, "numpy") for e in nxt],
            "jac": [[sp.lambdify(args, J[i, j], "numpy") for j in range(len(inner))] for i in range(len(inner))],
            "conds": [sp.lambdify(args, c, "numpy") for c in conds],
            "where": br["where"],
        })
    return {"coords": chart.coords, "names": tuple(chart.params), "branches": branches,
            "nonneg": chart.nonnegative}


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
    if RULES.get(rule.name) is rule:
        charts, notes, built = _built(rule.name, n, fl)
    else:
        charts, notes = _charts(rule, n, fl)
        built = [_lambdified(ch) for ch in charts]
    if not charts:
        return [ReducedMap((), None, None, (), (), list(notes), rule.name)]
    return [_bind(rule, b, notes, ch) for b, ch in zip(built, charts)]


def _bind(rule, built, notes, chart=None):
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

    return ReducedMap(built["coords"], evaluate, jacobian, names, built["nonneg"], list(notes), rule.name,
                      chart)

