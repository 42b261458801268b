r"""The multi-start Newton search with deflation of :func:`adamdyn.dynamics.fixed_points.find_fixed_points`.

Every start of a grid over the box runs Newton on :math:`F^k(y) - y`; the roots found are deflated
(Farrell et al., 2015) and every start runs again, until a round finds nothing new. Also the point record
(:class:`FoundPoint`: step ratio, eigenvalues of the symbolic and the finite-difference Jacobian) and the box
checks, which the cross-checks (:mod:`._cross_check`) share.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from ._expressions import _check_range

__all__ = ["FoundPoint", "RTOL", "SAME", "SINGULAR"]

#: residual below which a Newton iterate counts as a root: |F^k(y) - y| <= RTOL * (1 + |y|) per coordinate
RTOL = 1e-11
#: two roots closer than this (relative, per coordinate) are the same root
SAME = 1e-7
#: an orbit through a point with |rho| below this reaches x = 0 in one step: singular, not reported
SINGULAR = 1e-9


# --------------------------------------------------------------------------------------------------
# the search


@dataclass
class FoundPoint:
    """A fixed point (``period`` 1) or a periodic orbit of the reduced map.

    ``coords``: the point (the orbit's first point; ``orbit`` lists all of them); ``rho``: the step
    ratio :math:`x_{t+1}/x_t` at a fixed point (negative: x changes sign every step), for an orbit the
    per-step factor of :math:`|x|`, :math:`(\\prod|\\rho_i|)^{1/k}` (``orbit_rho`` the ratios);
    ``eigenvalues``: of the Jacobian of the reduced map (of :math:`F^k` for an orbit), from the symbolic
    Jacobian, ``eigenvalues_fd`` from finite differences; ``stable``: every :math:`|\\mu| < 1`
    (attracting in the normalized coordinates); ``converges``: stable and the per-step factor of
    :math:`|x|` below 1 (linear convergence); ``found_by``: ``"numeric"``, ``"symbolic"`` or both.
    """

    coords: dict
    rho: float
    eigenvalues: np.ndarray
    stable: bool
    period: int = 1
    found_by: tuple = ("numeric",)
    eigenvalues_fd: np.ndarray | None = None
    orbit: list = field(default_factory=list)
    orbit_rho: list = field(default_factory=list)
    converges: bool = False
    in_box: bool = True
    name: str = ""
    notes: list = field(default_factory=list)
    enclosure: dict | None = None

    def as_dict(self) -> dict:
        def eig(v):
            return None if v is None else [[float(z.real), float(z.imag)] for z in np.asarray(v, dtype=complex)]

        return {"coords": self.coords, "rho": self.rho, "eigenvalues": eig(self.eigenvalues), "stable": self.stable,
                "period": self.period, "found_by": list(self.found_by), "eigenvalues_fd": eig(self.eigenvalues_fd),
                "converges": self.converges, "orbit": self.orbit, "orbit_rho": self.orbit_rho, "name": self.name,
                "in_box": self.in_box, "notes": self.notes, "enclosure": self.enclosure}


def _default_box(coords, nonneg):
    nonneg = tuple(nonneg) or (False,) * len(coords)
    return {c: ((0.0, 1e4) if nn else (-1e3, 1e3)) for c, nn in zip(coords, nonneg)}


def _axis(lo, hi, m):
    """``m`` start values in [lo, hi]: log-spaced over decades where the range spans them (both signs)."""
    vals = []
    if hi > 0:
        top = math.log10(hi)
        low = math.log10(lo) if lo > 0 else top - 10
        vals.append(np.logspace(low, top, m if lo >= 0 else max(2, m // 2)))
    if lo < 0:
        top = math.log10(-lo)
        low = math.log10(-hi) if hi < 0 else top - 6
        vals.append(-np.logspace(low, top, m if hi <= 0 else max(2, m - m // 2)))
    v = np.unique(np.concatenate(vals))
    return v[(v >= lo) & (v <= hi)]


def _close(a, b):
    return np.all(np.abs(a - b) <= SAME * (1 + np.abs(a)), axis=-1)


class _Iterate:
    """``G(y) = F^k(y) - y`` and its Jacobian for a bound map and parameter values."""

    def __init__(self, fmap, params, k):
        self.f, self.p, self.k = fmap, params, k

    def orbit(self, Y):
        pts, rhos = [Y], []
        for _ in range(self.k):
            nxt, rho = self.f(pts[-1], self.p)
            pts.append(nxt)
            rhos.append(rho)
        return pts, rhos

    def residual(self, Y):
        pts, _ = self.orbit(Y)
        return pts[-1] - Y, pts

    def gj(self, Y):
        G, pts = self.residual(Y)
        N, d = Y.shape
        J = np.broadcast_to(np.eye(d), (N, d, d)).copy()
        with np.errstate(all="ignore"):
            for y in pts[:-1]:
                J = self.f.jac(y, self.p) @ J
        return G, J - np.eye(d)


def _newton(it, Y, known, iters=60):
    """Vectorized Newton on ``G`` (deflated at the ``known`` roots); returns iterates and a converged mask."""
    Y = Y.copy()
    N, d = Y.shape
    done = np.zeros(N, dtype=bool)
    K = np.asarray(known, dtype=float).reshape(-1, d)
    for _ in range(iters):
        live = ~done & np.all(np.isfinite(Y), axis=1)
        if not live.any():
            break
        y = Y[live]
        G, J = it.gj(y)
        ok = np.all(np.isfinite(G), axis=1) & np.all(np.isfinite(J), axis=(1, 2))
        small = ok & np.all(np.abs(G) <= RTOL * (1 + np.abs(y)), axis=1)
        idx = np.flatnonzero(live)
        done[idx[small]] = True
        step = np.full_like(y, np.nan)
        go = ok & ~small
        if go.any():
            with np.errstate(all="ignore"):
                try:
                    dy = -np.linalg.solve(J[go], G[go][..., None])[..., 0]
                except np.linalg.LinAlgError:
                    dy = np.stack([_solve1(a, b) for a, b in zip(J[go], G[go])])
                if len(K):
                    diff = y[go][:, None, :] - K[None]
                    r2 = np.sum(diff**2, axis=-1)
                    # d log M / dy for M = prod_j (1 + 1/|y - r_j|^2)
                    gl = np.sum((-2 * diff / (r2**2)[..., None]) / (1 + 1 / r2)[..., None], axis=1)
                    dy = dy / (1 - np.sum(gl * dy, axis=1))[:, None]
                # a step may not take a coordinate more than a factor 10 (plus 1) further out
                lim = 10 * (1 + np.abs(y[go]))
                over = np.max(np.abs(dy) / lim, axis=1)
                dy = dy / np.maximum(1, over)[:, None]
            step[go] = dy
        Y[idx] = y + np.where(np.isfinite(step), step, np.nan)
        Y[idx[small]] = y[small]
    return Y, done


def _solve1(a, b):
    try:
        return -np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        return np.full_like(b, np.nan)


def _polish(it, Y, iters=40):
    """Plain Newton (deflation off) from the roots found, until the Newton step itself is below
    ``SAME / 100`` (relative): a deflated iterate that met the residual test near a root of nearly
    singular ``I - J`` moves onto that root here."""
    Y = Y.copy()
    ok = np.zeros(len(Y), dtype=bool)
    with np.errstate(all="ignore"):
        for _ in range(iters):
            G, J = it.gj(Y)
            dy = np.stack([_solve1(a, b) for a, b in zip(J, G)]) if len(Y) else Y
            Y = Y + np.where(np.isfinite(dy), dy, 0.0)
            ok = np.all(np.isfinite(dy), axis=1) & np.all(np.abs(dy) <= SAME / 100 * (1 + np.abs(Y)), axis=1)
            if ok.all():
                break
        G, _ = it.residual(Y)
    ok &= np.all(np.abs(G) <= RTOL * (1 + np.abs(Y)), axis=1)
    return Y[ok]


def _minimal_period(f, params, y, k):
    z = y[None]
    for j in range(1, k + 1):
        z = f(z, params)[0]
        if j < k and k % j == 0 and _close(z[0], y).item():
            return j
    return k


def _search_period(fmap, params, k, starts, known, box):
    it = _Iterate(fmap, params, k)
    roots = []
    share = None
    rounds = 0
    while True:
        rounds += 1
        Y, done = _newton(it, starts, known + roots)
        if share is None:
            share = float(np.mean(done))
        cand = _polish(it, Y[done]) if done.any() else np.empty((0, starts.shape[1]))
        new = []
        for y in cand:
            if any(_close(y, r) for r in known + roots + new):
                continue
            new.append(y)
        if not new:
            break
        roots.extend(new)
        if rounds >= 20:
            break
    return roots, share, rounds


def _search_chart(fmap, values, box, period_max, starts):
    """The points of one chart inside ``box`` and the coverage of its search."""
    coords = fmap.coords
    m = starts or max(8, int(round(2000 ** (1 / len(coords)))))
    axes = [_axis(*box[c], m) for c in coords]
    grid = np.array(list(itertools.product(*axes)), dtype=float)
    points, known = [], []
    coverage = {"starts": int(len(grid)), "per_axis": [len(a) for a in axes], "converged_share": {}, "rounds": {},
                "outside_box": {}, "singular": {}}
    for k_ in range(1, period_max + 1):
        roots, share, rounds = _search_period(fmap, values, k_, grid, list(known), box)
        coverage["converged_share"][k_] = share
        coverage["rounds"][k_] = rounds
        outside = singular = 0
        for y in roots:
            known.append(y)
            if _minimal_period(fmap, values, y, k_) != k_:
                continue
            pt = _point(fmap, values, y, k_)
            if any(_same_orbit(pt, q) for q in points if q.period == k_):
                continue
            ratios = np.abs(pt.orbit_rho or [pt.rho])
            if not np.all(np.isfinite(ratios) & (ratios > SINGULAR)):
                singular += 1  # x reaches 0 in one step (rho = 0): the normalized map is singular there
                continue
            pt.in_box = all(box[c][0] - SAME <= q[c] <= box[c][1] + SAME for c in coords
                            for q in (pt.orbit or [pt.coords]))
            if not pt.in_box:
                outside += 1
                continue
            points.append(pt)
        coverage["outside_box"][k_] = outside
        coverage["singular"][k_] = singular
    coverage["claim"] = ("every root of F^k(y) = y (k <= period_max) reachable by Newton with deflation from the "
                         f"{len(grid)} starts of the grid; the last deflation round of each period found nothing new")
    points.sort(key=lambda p: (p.period, [p.coords[c] for c in coords]))
    return points, coverage


def _check_box(box, coords, nonneg):
    out = _default_box(coords, nonneg)
    for c, rng in (box or {}).items():
        if c not in out:
            raise ValueError(f"box coordinate {c!r} is not a coordinate of the reduced map; valid names are "
                             f"{', '.join(coords)}. Fix: use one of those names.")
        out[c] = _check_range(c, rng)
    return out


def _point(fmap, params, y, k):
    it = _Iterate(fmap, params, k)
    pts, rhos = it.orbit(y[None])
    rhos = [float(r[0]) for r in rhos]
    orbit = [dict(zip(fmap.coords, map(float, p[0]))) for p in pts[:-1]]
    Jk = np.eye(len(y))
    Jfd = np.eye(len(y))
    for p in pts[:-1]:
        Jk = fmap.jac(p, params)[0] @ Jk
        Jfd = fmap.fd_jacobian(p, params)[0] @ Jfd
    eig = np.linalg.eigvals(Jk) if np.all(np.isfinite(Jk)) else np.full(len(y), np.nan)
    eig_fd = np.linalg.eigvals(Jfd) if np.all(np.isfinite(Jfd)) else np.full(len(y), np.nan)
    eig = eig[np.lexsort((eig.imag, np.abs(eig)))]
    eig_fd = eig_fd[np.lexsort((eig_fd.imag, np.abs(eig_fd)))]
    stable = bool(np.all(np.abs(eig) < 1))
    rho = rhos[0] if k == 1 else float(np.prod(np.abs(rhos)) ** (1 / k))
    return FoundPoint(orbit[0], rho, eig, stable, k, ("numeric",), eig_fd, orbit if k > 1 else [],
                      rhos if k > 1 else [], bool(stable and abs(rho) < 1))


def _same_orbit(a, b):
    pa = np.array([list(o.values()) for o in (a.orbit or [a.coords])])
    pb = np.array([list(o.values()) for o in (b.orbit or [b.coords])])
    return all(any(_close(x, y) for y in pb) for x in pa)
