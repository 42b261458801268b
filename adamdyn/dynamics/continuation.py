r"""Numeric continuation of the stability boundaries of the linear-convergence point in a parameter plane.

The linear-convergence point is a fixed point :math:`y^*` of the reduced normalized map
(:func:`adamdyn.dynamics.fixed_points.reduced_map`) with :math:`0 < \rho^* < 1`. It loses stability
where an eigenvalue of the Jacobian :math:`J` of the reduced map crosses the unit circle:

* ``"fold"``: an eigenvalue crosses +1, test function :math:`\det(J - I)`;
* ``"flip"``: an eigenvalue crosses -1 (period doubling), :math:`\det(J + I)`;
* ``"neimark_sacker"``: a complex pair crosses :math:`|\mu| = 1`,
  :math:`\det(J \odot J - I) = \prod_{i<j}(\mu_i\mu_j - 1)` (the bialternate product; for two
  coordinates :math:`\det J - 1`), where :math:`\operatorname{tr}^2 < 4\det` on the curve.

The curve is the solution set of :math:`F(y; p) - y = 0` and the test function :math:`= 0` in the
unknowns :math:`(y, p_1, p_2)`: :math:`k + 1` equations in :math:`k + 2` unknowns. It is followed by
pseudo-arclength continuation (Keller's predictor along the tangent, Newton corrector on the
arclength hyperplane), with the symbolic Jacobian of the map in the test function, so a point of the
curve is exact to the corrector's tolerance. No closed form is used; where the symbolic engine has
one (Adam), the curve reproduces it.

Example:
    >>> b = continue_boundary("adam", 4, kind="neimark_sacker", start=(0.8, 0.8), steps=5, ds=0.02)
    >>> bool(abs(b.values[:, 0] - b.values[:, 1]).max() < 1e-8)  # beta1 = beta2 at n = 4
    True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..rules import get_rule
from .fixed_points import find_fixed_points, reduced_map
from .results import register_result

__all__ = ["Boundary", "continue_boundary", "KINDS", "boundary_function"]

KINDS = ("fold", "flip", "neimark_sacker")


def _bialternate_square(J):
    """``J (.) J`` (eigenvalues mu_i mu_j, i < j) for each matrix of ``J`` ``(N, k, k)``."""
    N, k, _ = J.shape
    pairs = [(p, q) for p in range(1, k) for q in range(p)]
    out = np.empty((N, len(pairs), len(pairs)))
    for a, (p, q) in enumerate(pairs):
        for b, (r, s) in enumerate(pairs):
            out[:, a, b] = J[:, p, r] * J[:, q, s] - J[:, p, s] * J[:, q, r]
    return out


def boundary_function(J, kind):
    """The test function of ``kind`` on Jacobians ``J`` ``(N, k, k)``: zero where the boundary is crossed."""
    J = np.asarray(J, dtype=float)
    k = J.shape[-1]
    if kind == "fold":
        return np.linalg.det(J - np.eye(k))
    if kind == "flip":
        return np.linalg.det(J + np.eye(k))
    if kind == "neimark_sacker":
        if k < 2:
            raise ValueError("kind='neimark_sacker' needs a reduced map of at least two coordinates (a complex pair); "
                             f"this one has {k}. Fix: use kind='fold' or 'flip'.")
        B = _bialternate_square(J)
        return np.linalg.det(B - np.eye(B.shape[-1]))
    raise ValueError(f"kind={kind!r} is not a boundary kind; valid kinds are {', '.join(KINDS)}. Fix: pass kind='flip'.")


@register_result
@dataclass
class Boundary:
    """A continued boundary curve: ``values[i] = (p1, p2)`` along it, in order of arclength.

    ``coords[i]``: the fixed point there; ``rho[i]``: its step ratio; ``eigenvalues[i]``: of the
    reduced map's Jacobian; ``residual[i]``: max of the fixed-point and test-function residuals;
    ``complex_pair[i]`` (Neimark-Sacker): whether the eigenvalues on the circle are a complex pair.
    """

    optimizer: str
    n: float
    kind: str
    plane: tuple
    fixed: dict
    values: np.ndarray
    coords: np.ndarray
    coord_names: tuple
    rho: np.ndarray
    eigenvalues: np.ndarray
    residual: np.ndarray
    complex_pair: np.ndarray
    notes: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"optimizer": self.optimizer, "n": self.n, "kind": self.kind, "plane": list(self.plane),
                "fixed": self.fixed, "values": self.values, "coords": self.coords,
                "coord_names": list(self.coord_names), "rho": self.rho,
                "eigenvalues": [[[float(z.real), float(z.imag)] for z in e] for e in self.eigenvalues],
                "residual": self.residual, "complex_pair": self.complex_pair, "notes": self.notes}


class _System:
    def __init__(self, fmap, plane, fixed, kind):
        self.f, self.plane, self.fixed, self.kind = fmap, plane, fixed, kind
        self.k = len(fmap.coords)

    def params(self, X):
        return {**self.fixed, self.plane[0]: X[self.k], self.plane[1]: X[self.k + 1]}

    def H(self, X):
        y = X[None, : self.k]
        p = self.params(X)
        with np.errstate(all="ignore"):
            nxt, rho = self.f(y, p)
            J = self.f.jac(y, p)
            g = boundary_function(J, self.kind)
        return np.concatenate([nxt[0] - y[0], g]), rho[0], J[0]

    def DH(self, X):
        m = len(X)
        D = np.empty((self.k + 1, m))
        for j in range(m):
            h = 1e-7 * max(1.0, abs(X[j]))
            Xp, Xm = X.copy(), X.copy()
            Xp[j] += h
            Xm[j] -= h
            D[:, j] = (self.H(Xp)[0] - self.H(Xm)[0]) / (2 * h)
        return D


def _correct(sys_, X, extra=None, iters=30, tol=1e-13):
    """Newton on ``H = 0`` plus one extra linear equation ``a . (X - X0) = 0`` (``extra = (a, X0)``)."""
    X = X.copy()
    for _ in range(iters):
        H = sys_.H(X)[0]
        D = sys_.DH(X)
        a, X0 = extra
        R = np.concatenate([H, [a @ (X - X0)]])
        M = np.vstack([D, a])
        if not (np.all(np.isfinite(R)) and np.all(np.isfinite(M))):
            return None
        try:
            dX = np.linalg.solve(M, -R)
        except np.linalg.LinAlgError:
            return None
        X = X + dX
        if np.max(np.abs(dX) / (1 + np.abs(X))) < tol:
            H = sys_.H(X)[0]
            return X if np.all(np.abs(H) < 1e-10) else None
    return None


def _tangent(D, prev=None):
    _, _, vt = np.linalg.svd(D)
    t = vt[-1]
    if prev is not None and t @ prev < 0:
        t = -t
    return t


def continue_boundary(optimizer, n=4, plane=("beta1", "beta2"), kind="neimark_sacker", start=None, steps=100,
                      ds=0.01, **fixed) -> Boundary:
    r"""Continue the ``kind`` boundary of the linear-convergence point of ``optimizer`` in ``plane``.

    Args:
        optimizer: rule name or :class:`~adamdyn.rules.Rule`.
        n: degree of :math:`|x|^n/n` (real > 2).
        plane: the two float parameters of the plane.
        kind: ``"fold"`` (+1), ``"flip"`` (-1) or ``"neimark_sacker"`` (complex pair).
        start: ``(p1, p2)`` near the boundary, where the linear point exists; the boundary point is
            found from it by varying ``p1`` (then ``p2`` if that fails).
        steps: predictor-corrector steps in each direction from the first boundary point.
        ds: arclength step in the unknowns (point coordinates and the two parameters together).
        **fixed: the other parameters (booleans select the derivation).

    Returns:
        :class:`Boundary`, the curve inside the parameters' valid ranges where the point exists
        (:math:`0 < \rho^* < 1`).
    """
    rule = get_rule(optimizer)
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} is not a boundary kind; valid kinds are {', '.join(KINDS)}. "
                         "Fix: pass kind='flip'.")
    by_name = {q.name: q for q in rule.params}
    plane = tuple(plane)
    if len(plane) != 2 or plane[0] == plane[1] or any(p not in by_name or by_name[p].kind == "bool" for p in plane):
        floats = [q.name for q in rule.params if q.kind != "bool"]
        raise ValueError(f"plane={plane!r} is not two different float parameters of {rule.name!r}; valid names are "
                         f"{', '.join(floats)}. Fix: pass plane=('beta1', 'beta2').")
    if start is None or len(start) != 2:
        raise ValueError(f"start={start!r} is not a point (p1, p2) of the plane; valid is two numbers in the "
                         "parameters' ranges where the linear point exists. Fix: pass start=(0.8, 0.8).")
    for name, v in zip(plane, start):
        by_name[name].check(v, f"optimizer {rule.name!r}")
    if isinstance(steps, bool) or not (isinstance(steps, int) and steps >= 1):
        raise ValueError(f"steps={steps!r} is out of range; valid range is an integer >= 1. Fix: pass steps=100.")
    if not (isinstance(ds, (int, float)) and 0 < ds < 1):
        raise ValueError(f"ds={ds!r} is out of range; valid range is (0, 1). Fix: pass ds=0.01.")
    flags = {k: v for k, v in fixed.items() if k in by_name and by_name[k].kind == "bool"}
    values = {k: v for k, v in fixed.items() if k not in flags}
    rule.make_params(**values, **flags)
    fmap = reduced_map(rule, n, **flags)
    k = len(fmap.coords)
    if k == 0:
        raise ValueError(f"{rule.name!r} has no reduced map at n = {n} (no point of linear convergence). "
                         "Fix: pick a rule whose derive() reports one, e.g. adam.")
    boundary_function(np.zeros((1, k, k)), kind)  # a kind this map can have
    p0 = {**values, plane[0]: float(start[0]), plane[1]: float(start[1])}
    res = find_fixed_points(fmap, n, **p0)
    lin = [p for p in res.points if p.period == 1 and 0 < p.rho < 1 - 1e-12
           and all(p.coords[c] > 0 for c, nn in zip(fmap.coords, fmap.nonnegative) if nn)]
    if not lin:
        raise ValueError(f"start={tuple(start)!r}: the linear-convergence point (0 < rho* < 1) does not exist there. "
                         "Fix: start inside the region where it exists (e.g. beta1 < beta2 for Adam).")
    lin.sort(key=lambda p: -p.rho)  # the slowest (the one derive reports for Adam-like maps)
    sys_ = _System(fmap, plane, values, kind)
    X0 = np.array([lin[0].coords[c] for c in fmap.coords] + [float(start[0]), float(start[1])])
    X = None
    for j in (k, k + 1):  # hold p2 and solve for p1, else the reverse
        a = np.zeros(k + 2)
        a[k + 1 if j == k else k] = 1.0
        X = _correct(sys_, X0, (a, X0))
        if X is not None:
            break
    if X is None:
        raise ValueError(f"start={tuple(start)!r}: no {kind} boundary found from there (Newton on the boundary "
                         "equations did not converge). Fix: start closer to the boundary.")
    if not _admissible(sys_, X, by_name, plane, fmap):
        # Newton converged, but outside the parameters' valid ranges or onto a point that is not of linear
        # convergence (rho* = 1, the trivial point): no boundary of that kind passes near the start
        at = ", ".join(f"{nm}={v:.6g}" for nm, v in zip(plane, X[k:]))
        raise ValueError(f"start={tuple(start)!r}: the nearest solution of the {kind} boundary equations ({at}, "
                         f"rho*={sys_.H(X)[1]:.6g}) lies outside the valid ranges or is not a linear-convergence "
                         "point (0 < rho* < 1): no such boundary passes near the start inside the region. Fix: start "
                         "elsewhere, or check derive() for where this boundary exists.")
    branches = []
    for sign in (1.0, -1.0):
        pts = [X]
        t = sign * _tangent(sys_.DH(X))
        Xc = X
        for _ in range(steps):
            Xp = Xc + ds * t
            Xn = _correct(sys_, Xp, (t, Xp))
            if Xn is None or not _admissible(sys_, Xn, by_name, plane, fmap):
                break
            t = _tangent(sys_.DH(Xn), t)
            pts.append(Xn)
            Xc = Xn
        branches.append(pts)
    curve = np.array(branches[1][::-1] + branches[0][1:])
    rho, eig, resid, cpair = [], [], [], []
    for Xi in curve:
        H, r, J = sys_.H(Xi)
        mu = np.linalg.eigvals(J)
        rho.append(r)
        eig.append(mu[np.argsort(np.abs(mu))])
        resid.append(float(np.max(np.abs(H))))
        cpair.append(bool(np.any(np.abs(mu.imag) > 1e-12)))
    notes = []
    if kind == "neimark_sacker" and not all(cpair):
        notes.append("part of the det(J (.) J - I) = 0 curve has a real pair with product 1 (a neutral saddle), "
                     "not a Neimark-Sacker point: see complex_pair")
    return Boundary(rule.name, float(n), kind, plane, dict(fixed), curve[:, k:], curve[:, :k], tuple(fmap.coords),
                    np.array(rho), np.array(eig), np.array(resid), np.array(cpair), notes)


def _admissible(sys_, X, by_name, plane, fmap):
    k = sys_.k
    for name, v in zip(plane, X[k:]):
        q = by_name[name]
        if not (math.isfinite(v) and q.lo < v < q.hi):  # strictly inside the valid range
            return False
    _, rho, _ = sys_.H(X)
    pos = all(X[i] > 0 for i, nn in enumerate(fmap.nonnegative) if nn)
    return bool(0 < rho < 1 and pos)
