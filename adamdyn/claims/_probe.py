r"""The simulator's one-step map in normalized coordinates, for measurements that need an arbitrary state.

:func:`adamdyn.simulate` starts every run from ``m_0 = 0``, so it cannot be started at a chosen
:math:`(u, \lambda, z)`. :func:`one_step` takes one step of the loop ``simulate(mode="raw")`` runs
(``g = grad(x)``, ``state, d = rule.update(state, g, t, p, B)``, ``x <- x - lr d``) from the state
built out of the coordinates below, with the rule's own ``update`` and the power objective's gradient:
nothing here comes from the symbolic engine.

Coordinates (normalized by the gradient that is about to be folded in, i.e. *before* the update):

* :math:`\tilde u_t = m_{t-1}/g_t`, :math:`\tilde\lambda_t = \eta|x_t|^{n-2}/\sqrt{v_{t-1}}`,
  :math:`z_t = x_t/\eta`.

They are a smooth change of the paper's :math:`(u_t, \lambda_t, z_t)` (taken after the update:
:math:`u_t = \beta_1\tilde u_t + 1-\beta_1`,
:math:`\lambda_t = \tilde\lambda_t/\sqrt{\beta_2 + (1-\beta_2)\tilde\lambda_t^2 z_t^2}`), invertible
wherever :math:`\beta_1 > 0`, so fixed points correspond and a fixed point's Jacobian eigenvalues are
the same in both. Everything is float64 and works on numpy arrays (one point per entry).
"""

from __future__ import annotations

import numpy as np

from ..backend import NUMPY
from ..dynamics.objectives import Power
from ..rules import get_rule

__all__ = ["one_step", "fd_jacobian", "find_linear_point"]


def one_step(y, *, beta1, beta2, n, lr=1e-2, optimizer="adam"):
    r"""One raw step of ``optimizer`` on :math:`|x|^n/n` from :math:`y = (\tilde u, \tilde\lambda, z)`.

    ``y`` is a sequence of three float64 arrays (or scalars); ``beta1``, ``beta2`` broadcast against
    them, and so may ``n``. Returns ``(u', lambda', z')`` in the same coordinates and the step ratio ``x'/x``.
    """
    rule = get_rule(optimizer)
    u, lam, z = (np.asarray(c, dtype=float) for c in y)
    n = np.asarray(n, dtype=float)
    f = Power(n=n)  # n may be an array (one degree per point)
    p = rule.make_params(lr=lr)
    p = type(p)(**{**p.as_dict(), "beta1": np.asarray(beta1, float), "beta2": np.asarray(beta2, float)})
    x = lr * z
    g = f.grad(x)
    state = (u * g, (lr * np.abs(x) ** (n - 2) / lam) ** 2)
    with np.errstate(all="ignore"):
        (m, v), d = rule.update(state, g, 1, p, NUMPY)
        x1 = x - lr * d
        g1 = f.grad(x1)
        out = (m / g1, lr * np.abs(x1) ** (n - 2) / np.sqrt(v), x1 / lr)
    return out, x1 / x


def fd_jacobian(step, y0, rel=1e-6, floor=1e-8):
    """Central-difference Jacobian of ``step`` (``y -> y'``, three coordinates) at the point ``y0``.

    Coordinate ``j`` moves by ``max(rel |y0_j|, floor)`` either way.
    """
    y0 = np.asarray(y0, dtype=float)
    J = np.empty((3, 3))
    for j in range(3):
        h = max(rel * abs(y0[j]), floor)
        e = np.zeros(3)
        e[j] = h
        hi = np.array(step(y0 + e), dtype=float)
        lo = np.array(step(y0 - e), dtype=float)
        J[:, j] = (hi - lo) / (2 * h)
    return J


def _log_residual(a, b, beta1, beta2, n, lr):
    """``log`` of one step's (u, lambda) minus the start, in the plane z ~ 0 (``x = 1``, ``lr`` huge)."""
    (u1, l1, _), rho = one_step((np.exp(a), np.exp(b), 1.0 / lr), beta1=beta1, beta2=beta2, n=n, lr=lr)
    with np.errstate(all="ignore"):
        return np.log(u1) - a, np.log(l1) - b, rho


def find_linear_point(beta1, beta2, n, iters=60, lr=1e12, tol=1e-10):
    r"""Search numerically for a fixed point of :func:`one_step` with :math:`z \to 0` and :math:`0 < \rho < 1`.

    Damped Newton (finite-difference Jacobian, steps capped at 1 in log coordinates) on
    :math:`(\ln\tilde u, \ln\tilde\lambda)` from 40 starts per point (:math:`\tilde u` from 0.05 to 2000,
    :math:`\tilde u\tilde\lambda` from 0.02 to 0.9). ``z = 1/lr`` with ``lr = 1e12`` puts the coupling
    term :math:`\tilde\lambda^2 z^2` below float64 resolution. A root counts when the log residual is below
    ``tol`` and the measured step ratio :math:`\rho = x'/x` lies in (0, 1) (linear convergence without
    sign flips). Arrays ``beta1``, ``beta2``, ``n`` (one point per entry); returns
    ``(found, u, lambda, rho)`` with ``nan`` where nothing was found.
    """
    b1, b2, nn = np.broadcast_arrays(*(np.asarray(q, dtype=float).ravel() for q in (beta1, beta2, n)))
    u0, s0 = np.meshgrid(np.geomspace(0.05, 2000.0, 8), [0.02, 0.1, 0.3, 0.6, 0.9])
    shape = (b1.size, u0.size)
    a = np.broadcast_to(np.log(u0.ravel()), shape).copy()
    b = np.broadcast_to(np.log((s0 / u0).ravel()), shape).copy()
    P = [np.broadcast_to(q[:, None], shape) for q in (b1, b2, nn)]
    h = 1e-7
    with np.errstate(all="ignore"):
        for _ in range(iters):
            f1, f2, _ = _log_residual(a, b, *P, lr)
            fa1, fa2, _ = _log_residual(a + h, b, *P, lr)
            fb1, fb2, _ = _log_residual(a, b + h, *P, lr)
            j11, j21, j12, j22 = (fa1 - f1) / h, (fa2 - f2) / h, (fb1 - f1) / h, (fb2 - f2) / h
            det = j11 * j22 - j12 * j21
            da, db = (j12 * f2 - j22 * f1) / det, (j21 * f1 - j11 * f2) / det
            big = np.maximum(np.abs(da), np.abs(db))
            damp = np.where(big > 1, 1 / big, 1.0)
            ok = np.isfinite(da) & np.isfinite(db)
            a = np.where(ok, a + damp * da, a)
            b = np.where(ok, b + damp * db, b)
        f1, f2, rho = _log_residual(a, b, *P, lr)
        good = (np.maximum(np.abs(f1), np.abs(f2)) < tol) & (rho > 0) & (rho < 1)
    k = np.argmax(good, axis=1)
    idx = np.arange(b1.size)
    found = good[idx, k]
    pick = lambda q: np.where(found, q[idx, k], np.nan)  # noqa: E731
    return found, np.exp(pick(a)), np.exp(pick(b)), pick(rho)
