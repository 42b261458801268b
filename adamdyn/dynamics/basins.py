r"""Basins of the linear-convergence point in the plane of initial :math:`(u_0, \lambda_0)`, measured.

:func:`basin` starts the rule's normalized map (:func:`~adamdyn.dynamics.maps.orbit_map`) from every
point of a grid of initial first-moment ratios :math:`u_0` and effective sharpnesses :math:`\lambda_0`
(log-spaced) at one parameter point, labels each orbit as :func:`~adamdyn.dynamics.atlas.atlas` does,
and reports which starts end at the attracting fixed point (linear convergence): the point itself (the
common final state of the orbits labelled ``fixed_point``), the share of the plane that converges to it,
and whether the basin is global on that plane (every start converges). :func:`basin_fractions` does it
for a grid of two parameters at once (all orbits of all parameter points in one vectorised run).

By default the start has :math:`z_0 = 10^{-100}` (:math:`z = |x|/\mathrm{lr}`), so the orbit is that of the
reduced map (the :math:`z \to 0` limit) from :math:`(u_0, \lambda_0)`; pass ``z0`` to start at a finite
iterate instead. Nothing here uses the theory; the point is what the orbits converge to.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ..rules import get_rule
from .atlas import _iterate
from .lyapunov import _check_counts
from .maps import orbit_map
from .results import register_result

__all__ = ["basin", "basin_fractions", "Basin", "BasinFractions"]


@register_result
@dataclass
class Basin:
    """One parameter point: ``label`` and ``converged`` on the grid (``u0`` x ``lambda0``), the attracting
    point ``point`` (coordinates by name, NaN where no orbit converged; the end point of most converging
    starts when they end at ``distinct_points`` > 1 points), ``share`` of the plane that converges to it,
    ``is_global`` (share == 1), ``rate`` the observed :math:`|x_{t+1}/x_t|` there, ``unresolved_share`` the
    share of starts labelled ``unresolved`` (e.g. a first step that lands almost on the minimum), and the
    settings."""

    optimizer: str
    n: float
    params: dict
    u0: np.ndarray
    lambda0: np.ndarray
    label: np.ndarray
    converged: np.ndarray
    point: dict
    share: float
    is_global: bool
    rate: float
    unresolved_share: float
    distinct_points: int
    settings: dict
    elapsed_s: float

    def summary(self) -> dict:
        return {"optimizer": self.optimizer, "n": self.n, "params": dict(self.params), "u0": self.u0,
                "lambda0": self.lambda0, "label": self.label, "converged": self.converged, "point": self.point,
                "share": self.share, "global": self.is_global, "rate": self.rate,
                "unresolved_share": self.unresolved_share, "distinct_points": self.distinct_points,
                "settings": dict(self.settings), "elapsed_s": self.elapsed_s}


@register_result
@dataclass
class BasinFractions:
    """Share of the initial plane that converges to the attracting point, per cell of two parameters.

    ``share``, ``is_global`` (share == 1), ``has_point`` (some start converged), ``unresolved_share`` (starts
    labelled ``unresolved``) and ``point_rho`` (the step ratio :math:`x_{t+1}/x_t` at the point, negative for
    a point where the iterate alternates sign)."""

    optimizer: str
    n: float
    axes: dict
    params: dict
    share: np.ndarray
    is_global: np.ndarray
    has_point: np.ndarray
    unresolved_share: np.ndarray
    point_rho: np.ndarray
    settings: dict
    elapsed_s: float

    def summary(self) -> dict:
        return {"optimizer": self.optimizer, "n": self.n, "axes": dict(self.axes), "params": dict(self.params),
                "share": self.share, "global": self.is_global, "has_point": self.has_point,
                "unresolved_share": self.unresolved_share, "point_rho": self.point_rho,
                "settings": dict(self.settings), "elapsed_s": self.elapsed_s}


def _plane(u_range, lambda_range, grid):
    if not (isinstance(grid, int) and not isinstance(grid, bool) and 2 <= grid <= 1024):
        raise ValueError(f"grid={grid!r} must be an integer in [2, 1024]. Fix: pass e.g. grid=32.")
    try:
        ulo, uhi = (float(v) for v in u_range)
        llo, lhi = (float(v) for v in lambda_range)
    except (TypeError, ValueError):
        raise ValueError(f"u_range={u_range!r}, lambda_range={lambda_range!r}: each must be (lo, hi). "
                         "Fix: pass e.g. u_range=(-1, 3), lambda_range=(1e-2, 10).") from None
    if not (np.isfinite(ulo) and np.isfinite(uhi) and ulo < uhi):
        raise ValueError(f"u_range={u_range!r} must be finite with lo < hi. Fix: pass e.g. u_range=(-1, 3).")
    if not (0 < llo < lhi < np.inf):
        raise ValueError(f"lambda_range={lambda_range!r} must satisfy 0 < lo < hi (lambda > 0, log-spaced). "
                         "Fix: pass e.g. lambda_range=(1e-2, 10).")
    return np.linspace(ulo, uhi, grid), np.geomspace(llo, lhi, grid)


def _run(rule, n, P, shape, u0, lam0, z0, steps, transient, tol, lr, structural, engine="auto"):
    _check_counts(steps, transient, 8)  # the window's 8 batch-means blocks (steps=0 gave NaN cells)
    rm = orbit_map(rule, n, **structural)
    if rm.coords[:1] != ("u",) or "lambda" not in rm.coords:
        raise ValueError(f"{rm.rule!r} has coordinates {rm.coords}: a basin in the plane of (u0, lambda0) needs a "
                         "first moment u and lambda. Fix: choose a rule with momentum and an adaptive scale (adam, "
                         "adamw, nadam).")
    U, L = np.meshgrid(u0, lam0, indexing="ij")
    reps = int(np.prod(shape))
    cells = reps * U.size
    X = []
    for c in rm.coords:
        if c == "u":
            X.append(np.tile(U.ravel(), reps))
        elif c == "lambda":
            X.append(np.tile(L.ravel(), reps))
        else:
            X.append(np.ones(cells))
    S = np.full(cells, np.log(z0))
    PP = {k: np.repeat(np.broadcast_to(v, (reps,)), U.size) for k, v in P.items()}
    res = _iterate(rm, PP, X, S, float(n), lr, steps, transient, 16, 1e-7, 2.0, 50.0, 8, engine)
    label = res["label"].reshape(shape + U.shape)
    final = res["final"].reshape((len(rm.coords),) + shape + U.shape)
    rate = res["rate"].reshape(shape + U.shape)
    fp = label == "fixed_point"
    flat = final.reshape(len(rm.coords), reps, -1)
    fpf = fp.reshape(reps, -1)
    point = np.full((len(rm.coords), reps), np.nan)
    conv = np.zeros((reps, U.size), dtype=bool)
    npoints = np.zeros(reps, dtype=np.int64)
    for i in range(reps):
        # distinct end points: greedy clusters at relative distance tol; the point is the largest cluster
        left = fpf[i].copy()
        best = None
        while left.any():
            centre = flat[:, i, np.argmax(left)]
            scale = np.maximum(np.abs(centre), 1e-12)[:, None]
            member = left & np.all(np.abs(flat[:, i, :] - centre[:, None]) <= tol * scale, axis=0)
            member[np.argmax(left)] = True
            npoints[i] += 1
            if best is None or member.sum() > best.sum():
                best = member
            left &= ~member
        if best is not None:
            conv[i] = best
            point[:, i] = np.median(flat[:, i, best], axis=1)
    return (rm, label, conv.reshape(shape + U.shape), point.reshape((len(rm.coords),) + shape), rate,
            npoints.reshape(shape))


def _check_run(z0, tol):
    """The run settings both basin functions share: ``z0`` and ``tol`` positive finite numbers."""
    for name, value, example in (("z0", z0, "1e-100"), ("tol", tol, "1e-4")):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)) or not (
                np.isfinite(value) and value > 0):
            raise ValueError(f"{name}={value!r} is out of range; valid values are positive finite numbers. "
                             f"Fix: pass e.g. {name}={example}.")


def _params(r, names, fixed):
    known = {q.name: q for q in r.params}
    for k in list(names) + list(fixed):
        if k not in known:
            raise ValueError(f"{k!r} is not a parameter of {r.name!r}; valid: {sorted(known)}. Fix: use one of those.")
    return {k: v for k, v in fixed.items() if known[k].kind == "bool"}


def basin(rule, n=4, u_range=(-1.0, 3.0), lambda_range=(1e-2, 10.0), grid=32, z0=1e-100, steps=2000,
          transient=None, tol=1e-4, engine="auto", **params) -> Basin:
    r"""The basin of the attracting linear-convergence point at one parameter point, on a grid of starts.

    Args:
        rule: a rule with momentum and an adaptive scale (``adam``, ``adamw``, ``nadam``).
        n: the degree (real, >= 2).
        u_range, lambda_range: the plane of initial :math:`u_0` (linear) and :math:`\lambda_0` (log-spaced).
        grid: points per side.
        z0: initial :math:`z = |x|/\mathrm{lr}` (default 1e-100: the reduced map).
        steps, transient: the classification window and the steps before it (default ``steps``).
        tol: relative distance of a final state to the point that counts as "converged to it".
        engine: ``"auto"`` (numba), ``"numba"`` or ``"numpy"``, as in :func:`~adamdyn.dynamics.atlas.atlas`.
        **params: the optimizer parameters (rule defaults otherwise).

    Example:
        >>> b = basin("adam", beta1=0.5, beta2=0.9, grid=8, steps=1000)
        >>> b.share > 0.5 and b.distinct_points == 1
        True
    """
    t0 = time.perf_counter()
    r = get_rule(rule)
    u0, lam0 = _plane(u_range, lambda_range, grid)
    structural = _params(r, [], params)
    p = r.make_params(**params)
    _check_run(z0, tol)
    transient = steps if transient is None else transient
    rm = orbit_map(r, n, **structural)
    P = {k: np.array([float(getattr(p, k))]) for k in rm.params}
    rm, label, conv, point, rate, npoints = _run(r, n, P, (1,), u0, lam0, z0, steps, transient, tol,
                                                 float(getattr(p, "lr", 1.0)), structural, engine)
    share = float(conv[0].mean())
    pt = {c: float(point[i, 0]) for i, c in enumerate(rm.coords)}
    rt = float(np.nanmedian(np.where(conv[0], rate[0], np.nan))) if conv[0].any() else float("nan")
    return Basin(r.name, float(n), {k: float(getattr(p, k)) for k in rm.params}, u0, lam0, label[0], conv[0], pt,
                 share, bool(share == 1.0), rt, float(np.mean(label[0] == "unresolved")), int(npoints[0]),
                 {"grid": grid, "z0": z0, "steps": steps, "transient": transient, "tol": tol},
                 time.perf_counter() - t0)


def basin_fractions(rule, axes=None, n=4, u_range=(-1.0, 3.0), lambda_range=(1e-2, 10.0), grid=12, z0=1e-100,
                    steps=1500, transient=None, tol=1e-4, engine="auto", **fixed) -> BasinFractions:
    r"""Basin share of the attracting point across two parameters (default ``beta1`` x ``beta2``, 8 x 8).

    ``share[i, j]``: the fraction of the ``grid`` x ``grid`` starts that converge to the cell's attracting
    point (0 where no start converges); ``is_global``: share == 1; ``has_point``: some start converged.
    """
    t0 = time.perf_counter()
    r = get_rule(rule)
    if axes is None:
        axes = {"beta1": np.linspace(0.05, 0.95, 8), "beta2": np.linspace(0.05, 0.995, 8)}
    if not isinstance(axes, dict) or len(axes) != 2:
        raise ValueError(f"axes={axes!r}: pass two parameters, e.g. {{'beta1': [...], 'beta2': [...]}}. "
                         "Fix: give a dict of two names.")
    u0, lam0 = _plane(u_range, lambda_range, grid)
    names = list(axes)
    structural = _params(r, names, fixed)
    vals = [np.asarray(axes[k], dtype=np.float64).ravel() for k in names]
    for k, v in zip(names, vals):
        if v.size == 0:
            raise ValueError(f"axis {k!r} is empty. Fix: pass values, e.g. np.linspace(0.05, 0.95, 8).")
        for end in (v.min(), v.max()):
            r.make_params(**{**fixed, k: float(end)})
    p = r.make_params(**fixed)
    _check_run(z0, tol)
    transient = steps if transient is None else transient
    rm = orbit_map(r, n, **structural)
    mesh = np.meshgrid(*vals, indexing="ij")
    shape = mesh[0].shape
    P = {k: (mesh[names.index(k)].ravel() if k in names else np.full(mesh[0].size, float(getattr(p, k))))
         for k in rm.params}
    rm, label, conv, point, rate, npoints = _run(r, n, P, shape, u0, lam0, z0, steps, transient, tol,
                                                 float(getattr(p, "lr", 1.0)), structural, engine)
    share = conv.reshape(shape + (-1,)).mean(axis=-1)
    has = np.all(np.isfinite(point), axis=0)
    unres = (label == "unresolved").reshape(shape + (-1,)).mean(axis=-1)
    # the step ratio at the point, from the map's own rho (evaluated, not derived)
    X = [point[i].ravel() for i in range(len(rm.coords))]
    rho = np.asarray(rm.step(X, np.full(X[0].size, np.log(z0)), {k: v.ravel() for k, v in P.items()})[2]).reshape(shape)
    return BasinFractions(r.name, float(n), dict(zip(names, vals)),
                          {k: float(getattr(p, k)) for k in rm.params if k not in names}, share, share == 1.0, has,
                          unres, np.where(has, rho, np.nan),
                          {"grid": grid, "z0": z0, "steps": steps, "transient": transient, "tol": tol,
                           "u_range": tuple(u_range), "lambda_range": tuple(lambda_range)},
                          time.perf_counter() - t0)
