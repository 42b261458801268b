r"""Hessian spectral density of a network loss by stochastic Lanczos quadrature.

Only Hessian-vector products are used (double backward through the loss:
:math:`Hv = \nabla(\nabla f\cdot v)`), so the cost is a few dozen backward
passes, never the :math:`n\times n` matrix. :func:`full_hessian` forms the
matrix for networks small enough, to validate the estimate.

Stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017; Ghorbani et al. 2019):
for a probe :math:`z` with :math:`\|z\| = 1`, ``m`` Lanczos steps give a
tridiagonal :math:`T_m = U\,\mathrm{diag}(\theta)\,U^\top` and
:math:`z^\top f(H) z \approx \sum_j U_{0j}^2 f(\theta_j)`, exact for
polynomials of degree :math:`< 2m`. Averaging over probes estimates
:math:`\frac1n\mathrm{tr} f(H)`, i.e. the spectral density
:math:`\phi(\lambda) = \frac1n\sum_i \delta(\lambda-\lambda_i)` seen through
``f``; a Gaussian of width ``sigma`` makes it a curve.

Deflation (``deflate=k``): the ``k`` outlying eigenpairs (largest
:math:`|\lambda|`, from one Lanczos run) are counted exactly by Rayleigh-Ritz
and the probes are drawn in their orthogonal complement. The trace (first
moment) stays unbiased for any ``k``; higher moments are exact in
expectation to the extent the deflated Ritz vectors are converged
eigenvectors. The outliers, which dominate the variance of the plain
estimator on network Hessians, no longer enter it.

Degeneracy score: the mass of the broadened density within
``|lambda| <= rel_band * max|lambda|`` -- the share of (nearly) flat
directions, Bai et al. (2026), Fig. 15 (c, f).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

__all__ = [
    "hvp_operator", "full_hessian", "lanczos", "top_eigenvalues", "slq_density",
    "exact_density", "SpectralDensity",
]


def hvp_operator(loss_fn, params):
    """``(matvec, n)`` for the Hessian of ``loss_fn()`` with respect to ``params``.

    ``loss_fn()`` returns a scalar loss (fixed data: the Hessian is of that
    loss); ``matvec(v)`` takes and returns a flat tensor of length ``n``. The
    gradient graph is built once and reused by every product.
    """
    params = [p for p in params if p.requires_grad]
    if not params:
        raise ValueError("hvp_operator needs parameters with requires_grad=True.")
    loss = loss_fn()
    grads = torch.autograd.grad(loss, params, create_graph=True)
    flat_grad = torch.cat([g.reshape(-1) for g in grads])
    n = flat_grad.numel()

    def matvec(v):
        hv = torch.autograd.grad(flat_grad, params, grad_outputs=v.to(flat_grad.dtype), retain_graph=True)
        return torch.cat([h.reshape(-1) for h in hv]).detach()

    return matvec, n


def full_hessian(loss_fn, params) -> torch.Tensor:
    """The dense ``n x n`` Hessian (``n`` products with unit vectors); small networks only."""
    matvec, n = hvp_operator(loss_fn, params)
    p0 = next(iter(params))
    eye = torch.eye(n, dtype=p0.dtype, device=p0.device)
    H = torch.stack([matvec(eye[i]) for i in range(n)])
    return 0.5 * (H + H.T)


def lanczos(matvec, v, m: int, basis=None):
    """``m`` Lanczos steps from ``v`` with full reorthogonalisation.

    ``basis`` (an ``n x k`` orthonormal tensor) is projected out of every
    vector, so the iteration runs on the complement of its span. Returns
    ``(alpha, beta, Q)``: the tridiagonal's diagonal and off-diagonal (numpy
    float64) and the Lanczos vectors as rows of ``Q``. Stops early on an
    invariant subspace.
    """

    def project(x):
        if basis is not None:
            x = x - basis @ (basis.T @ x)
        return x

    q = project(v)
    q = q / torch.linalg.vector_norm(q)
    Q = [q]
    alpha, beta = [], []
    for j in range(m):
        w = project(matvec(Q[j]))
        a = torch.dot(w, Q[j])
        alpha.append(float(a))
        Qm = torch.stack(Q)
        w = w - Qm.T @ (Qm @ w)  # full reorthogonalisation, twice is enough
        w = w - Qm.T @ (Qm @ w)
        w = project(w)
        b = float(torch.linalg.vector_norm(w))
        if j == m - 1 or b < 1e-10 * max(1.0, abs(alpha[-1])):
            break
        beta.append(b)
        Q.append(w / b)
    return np.array(alpha), np.array(beta), torch.stack(Q[: len(alpha)])


def _ritz(alpha, beta):
    T = np.diag(alpha) + np.diag(beta, 1) + np.diag(beta, -1)
    return np.linalg.eigh(T)


def _probe(n, generator, like):
    z = torch.randn(n, generator=generator, dtype=torch.float64)
    return z.to(dtype=like.dtype, device=like.device)


def _ritz_pairs(matvec, n, m, generator, like):
    alpha, beta, Q = lanczos(matvec, _probe(n, generator, like), min(m, n))
    theta, U = _ritz(alpha, beta)
    return theta, U, Q


def top_eigenvalues(matvec, n: int, k: int = 5, num_steps: int = 60, seed: int = 0, like=None):
    """The ``k`` largest (algebraic) Hessian eigenvalues, as Lanczos Ritz values, descending."""
    like = like if like is not None else torch.zeros((), dtype=torch.float64)
    gen = torch.Generator().manual_seed(seed)
    theta, _, _ = _ritz_pairs(matvec, n, max(num_steps, k), gen, like)
    return np.sort(theta)[::-1][:k]


@dataclass
class SpectralDensity:
    """A spectrum as weighted nodes: ``phi(lambda) = sum_i weights[i] delta(lambda - nodes[i])``.

    ``weights`` sum to 1. From SLQ the nodes are Ritz values and the weights
    quadrature weights; from :func:`exact_density`, the eigenvalues with
    weight ``1/n``.
    """

    nodes: np.ndarray
    weights: np.ndarray
    n: int
    method: str = "slq"
    settings: dict | None = None

    def moment(self, k: int) -> float:
        """``(1/n) tr H^k`` (SLQ: exact in expectation for ``k < 2 * num_steps``)."""
        return float(np.sum(self.weights * self.nodes**k))

    @property
    def scale(self) -> float:
        return float(np.max(np.abs(self.nodes))) if self.nodes.size else 0.0

    def sigma(self, rel_width: float = 0.01) -> float:
        return max(rel_width * self.scale, 1e-300)

    def curve(self, grid, sigma: float | None = None) -> np.ndarray:
        """The Gaussian-broadened density on ``grid`` (integrates to 1)."""
        grid = np.asarray(grid, dtype=float)
        s = self.sigma() if sigma is None else float(sigma)
        z = (grid[:, None] - self.nodes[None, :]) / s
        return (np.exp(-0.5 * z * z) @ self.weights) / (s * math.sqrt(2 * math.pi))

    def mass_within(self, band: float, sigma: float | None = None) -> float:
        """Mass of the broadened density in ``[-band, band]``."""
        s = self.sigma() if sigma is None else float(sigma)
        from scipy.special import erf

        hi = erf((band - self.nodes) / (s * math.sqrt(2)))
        lo = erf((-band - self.nodes) / (s * math.sqrt(2)))
        return float(np.sum(self.weights * 0.5 * (hi - lo)))

    def degeneracy(self, rel_band: float = 0.01, scale: float | None = None) -> float:
        """Degeneracy score: mass within ``rel_band * scale`` of zero (``scale``: max |lambda|).

        Broadened with width ``rel_band * scale / 2``; pass the same ``scale``
        to compare two densities on one footing.
        """
        scale = self.scale if scale is None else float(scale)
        band = rel_band * scale
        return self.mass_within(band, sigma=max(band / 2, 1e-300))

    def as_dict(self) -> dict:
        return {
            "nodes": self.nodes, "weights": self.weights, "n": self.n, "method": self.method,
            "settings": self.settings or {},
        }


def exact_density(eigenvalues) -> SpectralDensity:
    """The density of given eigenvalues (e.g. ``torch.linalg.eigvalsh(full_hessian(...))``)."""
    lam = np.asarray(eigenvalues, dtype=float).ravel()
    return SpectralDensity(lam, np.full(lam.size, 1.0 / lam.size), lam.size, method="exact")


def slq_density(matvec, n: int, num_probes: int = 8, num_steps: int = 40, deflate: int = 0,
                seed: int = 0, like=None) -> SpectralDensity:
    """Stochastic Lanczos quadrature estimate of the Hessian spectral density.

    Args:
        matvec, n: from :func:`hvp_operator`.
        num_probes: Gaussian probe vectors (each normalised).
        num_steps: Lanczos steps per probe (``<= n``).
        deflate: outlying eigenpairs counted exactly (see the module docstring).
        seed: seeds the probes (CPU generator, same on every device).
        like: a tensor with the parameters' dtype and device.
    """
    for name, value, lo in (("num_probes", num_probes, 1), ("num_steps", num_steps, 1), ("deflate", deflate, 0)):
        if int(value) != value or value < lo:
            raise ValueError(f"slq_density: {name}={value!r} must be an integer >= {lo}.")
    if deflate >= n:
        raise ValueError(f"slq_density: deflate={deflate} must be below the dimension n={n}.")
    like = like if like is not None else torch.zeros((), dtype=torch.float64)
    gen = torch.Generator().manual_seed(seed)
    nodes, weights = [], []
    basis = None
    if deflate:
        theta, U, Q = _ritz_pairs(matvec, n, max(num_steps, 2 * deflate), gen, like)
        order = np.argsort(-np.abs(theta))[:deflate]
        W = Q.T @ torch.as_tensor(U[:, order], dtype=Q.dtype, device=Q.device)
        W, _ = torch.linalg.qr(W)
        HW = torch.stack([matvec(W[:, i]) for i in range(W.shape[1])], dim=1)
        M = (W.T @ HW).double().cpu().numpy()
        mu = np.linalg.eigvalsh(0.5 * (M + M.T))
        nodes.append(mu)
        weights.append(np.full(mu.size, 1.0 / n))
        basis = W
    rest = (n - deflate) / n
    steps = min(num_steps, n - deflate)
    for _ in range(num_probes):
        alpha, beta, _ = lanczos(matvec, _probe(n, gen, like), steps, basis=basis)
        theta, U = _ritz(alpha, beta)
        nodes.append(theta)
        weights.append(rest * U[0, :] ** 2 / num_probes)
    settings = dict(num_probes=num_probes, num_steps=num_steps, deflate=deflate, seed=seed)
    return SpectralDensity(np.concatenate(nodes), np.concatenate(weights), n, "slq", settings)
