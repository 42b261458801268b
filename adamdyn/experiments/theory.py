r"""Fast numeric theory of one rule at one degree, lambdified from the derived normalized map.

:func:`adamdyn.symbolic.derive` runs the whole analysis (reduced Jury
conditions included) with symbolic parameters, which takes tens of seconds to
minutes per rule. For the checks of this package's experiments only numbers are
needed, so :func:`quick_theory` stops after the two derived pieces that are
cheap: the normalized map (:func:`adamdyn.symbolic.map.normalized_map`) and its
linear-convergence fixed point (:func:`adamdyn.symbolic.fixed_points.linear_fixed_point`).
The Jacobian block of the reduced (z = 0) map is differentiated symbolically
but evaluated numerically (no simplification), exactly as
:func:`adamdyn.symbolic.stability.jacobian` builds it. Nothing here is typed per
optimizer. The public :mod:`adamdyn.symbolic` numeric functions give the same
numbers (checked in ``tests/test_other_optimizers.py``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..rules import get_rule
from ..symbolic.fixed_points import linear_fixed_point
from ..symbolic.map import RHO, Z, normalized_map

__all__ = ["QuickTheory", "quick_theory"]


@dataclass
class QuickTheory:
    """Lambdified fixed point, rate and Jacobian block of one rule at degree ``n``."""

    optimizer: str
    n: float
    flags: tuple
    names: list
    linear: bool
    why: list
    rho_expr: sp.Expr = sp.nan
    point_expr: dict | None = None
    positive_expr: list | None = None
    _rho: object = None
    _pos: list | None = None
    _point: list | None = None
    _block: list | None = None

    def _args(self, params):
        rule = get_rule(self.optimizer)
        known = {q.name: q for q in rule.params}
        vals = [np.asarray(params.get(k, known[k].default), dtype=float) for k in self.names]
        return np.broadcast_arrays(*vals) if vals else [np.asarray(0.0)]

    def rate(self, **params):
        """:math:`\\rho^*` per step in :math:`|x|` (NaN where the point does not exist)."""
        args = self._args(params)
        if not self.linear:
            return np.full(np.shape(args[0]), np.nan)
        with np.errstate(all="ignore"):
            r = np.broadcast_to(np.asarray(self._rho(*args), float), np.shape(args[0])).copy()
        r[~self.exists(**params)] = np.nan
        return r

    def loss_rate(self, **params):
        """:math:`\\rho^{*n}`: the factor by which the loss falls per step."""
        return self.rate(**params) ** self.n

    def exists(self, **params):
        """True where the non-trivial point exists (every ``positive`` expression > 0)."""
        args = self._args(params)
        shape = np.shape(args[0])
        if not self.linear:
            return np.zeros(shape, dtype=bool)
        ok = np.ones(shape, dtype=bool)
        with np.errstate(all="ignore"):
            for f in self._pos:
                v = np.broadcast_to(np.asarray(f(*args), float), shape)
                ok &= np.isfinite(v) & (v > 0)
        return ok

    def spectral_radius(self, **params):
        """max(rho*, |eigenvalues of the reduced block|) at the point (NaN where none)."""
        args = self._args(params)
        shape = np.shape(args[0])
        if not self.linear:
            return np.full(shape, np.nan)
        ok = self.exists(**params)
        with np.errstate(all="ignore"):
            r = np.broadcast_to(np.asarray(self._rho(*args), float), shape)
            pt = [np.broadcast_to(np.asarray(f(*args, r), float), shape) for f in self._point]
            k = len(self._block)
            J = np.zeros(shape + (k, k))
            for i in range(k):
                for j in range(k):
                    J[..., i, j] = np.broadcast_to(np.asarray(self._block[i][j](*pt, r, *args), float), shape)
        J[~ok] = 0.0
        J[~np.isfinite(J)] = 0.0
        eig = np.abs(np.linalg.eigvals(J)).max(axis=-1) if k else np.zeros(shape)
        return np.where(ok, np.maximum(eig, r), np.nan)

    def regime(self, **params):
        """1 stable linear convergence, 2 point exists but unstable, 3 no point."""
        sr = self.spectral_radius(**params)
        out = np.full(np.shape(sr), 3, dtype=np.int64)
        ok = np.isfinite(sr)
        out[ok] = np.where(sr[ok] < 1.0, 1, 2)
        return out


@functools.lru_cache(maxsize=64)
def _build(name, n, flags):
    m = normalized_map(name, n=n, **dict(flags))
    rule = get_rule(name)
    names = [q.name for q in rule.params if q.name in m.params]
    syms = [m.params[k] for k in names]
    fp, why = linear_fixed_point(m)
    if fp is None:
        return QuickTheory(name, float(n), flags, names, False, list(why))
    inner = [c for c in m.coords if c != Z]
    red = sp.Matrix(m.reduced)
    block = red.jacobian(inner) + red.diff(RHO) * sp.Matrix([m.rho_reduced]).jacobian(inner)
    lam = functools.partial(sp.lambdify, modules="numpy")
    return QuickTheory(
        name, float(n), flags, names, True, list(why),
        rho_expr=fp.rho, point_expr={c: fp.point[c] for c in inner}, positive_expr=list(fp.positive),
        _rho=lam(syms, fp.rho),
        _pos=[lam(syms, q) for q in fp.positive],
        _point=[lam(syms + [RHO], fp.point[c]) for c in inner],
        _block=[[lam(inner + [RHO] + syms, block[i, j]) for j in range(len(inner))] for i in range(len(inner))],
    )


def quick_theory(optimizer, n, **flags) -> QuickTheory:
    """Numeric theory of ``optimizer`` on :math:`|x|^n/n` (``flags``: boolean / structural params such as ``p``).

    Example:
        >>> th = quick_theory("adam", 4)
        >>> float(th.rate(beta1=0.9, beta2=0.9)) == 0.9 ** 0.25
        True
    """
    return _build(get_rule(optimizer).name, float(n), tuple(sorted(flags.items())))
