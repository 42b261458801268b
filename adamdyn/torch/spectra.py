r"""Spectra of a Hessian given by its products (:mod:`adamdyn.torch.hessian` builds the operator): outlying
eigenvalues and the spectral density.

The outliers
    A network Hessian has a few eigenvalues far above the rest (Papyan, 2020).
    :func:`outliers` computes the ``k`` of largest :math:`|\lambda|` with SciPy's ARPACK
    (implicitly restarted Lanczos) on the operator, to a stated tolerance, and reports
    their residuals :math:`\|Hw-\mu w\|`.

The density
    :func:`slq_density` is stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017;
    Ghorbani et al. 2019; Papyan 2020). The ``deflate`` outliers are removed from the
    operator and counted exactly, each with mass :math:`1/n`; for the remaining *bulk*,
    each of ``num_probes`` seeded Gaussian probes :math:`z` (projected off the outliers
    and normalised) gives, after ``num_steps`` Lanczos steps with full
    reorthogonalisation, the tridiagonal :math:`T_m = U\,\mathrm{diag}(\theta)\,U^\top`
    and the Gauss quadrature :math:`z^\top f(H) z \approx \sum_j U_{0j}^2 f(\theta_j)`,
    exact for polynomials of degree :math:`< 2m`. The probes' average estimates the
    spectral measure :math:`\phi = \frac1n\sum_i\delta_{\lambda_i}` as weighted nodes.

    A curve needs a width. The quadrature nodes of an ``m``-step run resolve the bulk
    only to about its width over ``m``, so the Gaussian broadening is tied to it as in
    Papyan (2020, App. D.2):

    .. math:: \sigma = \frac{(1 + 2\,\mathrm{margin})\,(\theta_{\max} - \theta_{\min})}
                             {(m - 1)\sqrt{8\ln\kappa}},\qquad \kappa = 3,\ \mathrm{margin} = 0.05,

    with :math:`[\theta_{\min}, \theta_{\max}]` the bulk's Ritz range (for ``m = 40``:
    about 1/106 of it). This is the width curvlinops'
    ``lanczos_approximate_spectrum`` uses, on the deflated bulk instead of the whole
    spectrum. :meth:`SpectralDensity.curve` broadens with it,
    :meth:`SpectralDensity.cdf` gives the cumulative distribution beside it (outliers
    as exact steps), and :func:`check_spectrum` compares both with exact eigenvalues.

Degeneracy score: the mass of the broadened density within
``|lambda| <= rel_band * max|lambda|`` -- the share of (nearly) flat
directions, Bai et al. (2026), Fig. 15 (c, f).

Why the package runs its own Lanczos for the density rather than curvlinops'
``lanczos_approximate_spectrum``: that function returns a density on a grid only (no
nodes, weights, CDF or outlier values), draws its probes from torch's global random
state, runs Lanczos without reorthogonalisation and broadens over the whole spectrum,
outliers included; ``tests/test_torch_hessian.py`` measures the difference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import torch

__all__ = ["lanczos", "outliers", "top_eigenvalues", "slq_density", "exact_density", "SpectralDensity",
           "lanczos_broadening", "kolmogorov_distance", "check_spectrum"]

KAPPA = 3.0  # Papyan (2020), App. D.2: the Gaussian's width in units of the node spacing
MARGIN = 0.05


def _as_matmat(matvec, like):
    """``V (n x P) -> H V`` in float64 on ``like``'s device, from an operator with ``matmat`` or a matvec."""
    if hasattr(matvec, "matmat"):
        return lambda V: matvec.matmat(V).to(dtype=torch.float64, device=like.device)
    return lambda V: torch.stack([matvec(V[:, i]).to(dtype=torch.float64, device=like.device)
                                  for i in range(V.shape[1])], dim=1)


def _lanczos_block(matmat, Z, m: int, basis=None):
    """``m`` Lanczos steps from each column of ``Z`` (independent runs in lockstep, one ``matmat`` per
    step), full reorthogonalisation, ``basis`` projected out. Returns one ``(alpha, beta, Q)`` per column."""
    basis = None if basis is None else basis.to(torch.float64)

    def project(X):
        return X if basis is None else X - basis @ (basis.T @ X)

    q = project(Z.to(torch.float64))
    q = q / torch.linalg.vector_norm(q, dim=0)
    P = q.shape[1]
    Q = [q]
    alpha, beta = [[] for _ in range(P)], [[] for _ in range(P)]
    active = [True] * P
    size = np.zeros(P)
    for j in range(m):
        W = project(matmat(Q[j]))
        a = torch.sum(W * Q[j], dim=0).cpu().numpy()
        Qs = torch.stack(Q)  # (j+1, n, P)
        for _ in range(2):  # full reorthogonalisation, twice is enough
            W = W - torch.einsum("jnp,jp->np", Qs, torch.einsum("jnp,np->jp", Qs, W))
        W = project(W)
        b = torch.linalg.vector_norm(W, dim=0).cpu().numpy()
        for p in range(P):
            if not active[p]:
                continue
            alpha[p].append(float(a[p]))
            size[p] = max(size[p], abs(a[p]), b[p])
            if j == m - 1 or b[p] <= 1e-12 * size[p]:  # the last step, or an invariant subspace
                active[p] = False
            else:
                beta[p].append(float(b[p]))
        if not any(active):
            break
        b_safe = torch.as_tensor(np.where(active, b, 1.0), dtype=torch.float64, device=W.device)
        Q.append(torch.where(torch.as_tensor(active, device=W.device), W / b_safe, torch.zeros_like(W)))
    Qs = torch.stack(Q)
    return [(np.array(alpha[p]), np.array(beta[p]), Qs[: len(alpha[p]), :, p]) for p in range(P)]


def lanczos(matvec, v, m: int, basis=None):
    """``m`` Lanczos steps from ``v`` with full reorthogonalisation, in float64.

    ``basis`` (an ``n x k`` orthonormal tensor) is projected out of every
    vector, so the iteration runs on the complement of its span. Returns
    ``(alpha, beta, Q)``: the tridiagonal's diagonal and off-diagonal (numpy
    float64) and the Lanczos vectors as rows of ``Q``. Stops early on an
    invariant subspace.
    """
    return _lanczos_block(_as_matmat(matvec, v), v.reshape(-1, 1), m, basis)[0]


def _ritz(alpha, beta):
    T = np.diag(alpha) + np.diag(beta, 1) + np.diag(beta, -1)
    return np.linalg.eigh(T)


def _like(like):
    return like if like is not None else torch.zeros((), dtype=torch.float64)


def _probe(n, generator, like):
    z = torch.randn(n, generator=generator, dtype=torch.float64)
    return z.to(device=like.device)


def _tol(matvec, like, tol):
    if tol is not None:
        return float(tol)
    dtype = getattr(matvec, "dtype", like.dtype)
    return 1e-12 if dtype == torch.float64 else 1e-5


def outliers(matvec, n: int, k: int, which: str = "LM", seed: int = 0, like=None, tol=None):
    """The ``k`` outlying eigenpairs of the operator by ARPACK (``scipy.sparse.linalg.eigsh``).

    Args:
        matvec, n: the operator (a :class:`HessianOperator` or a function of a flat tensor).
        k: how many (``1 <= k < n``).
        which: ``"LM"`` largest ``|lambda|`` (the default, the outliers deflation removes)
            or ``"LA"`` largest algebraic.
        seed: seeds ARPACK's start vector.
        tol: ARPACK's relative tolerance (default ``1e-12`` for a float64 operator,
            ``1e-5`` otherwise).

    Returns ``(values, vectors, residuals)``: eigenvalues ordered by ``|lambda|`` (``"LM"``) or
    value (``"LA"``), descending; the ``n x k`` orthonormal float64 eigenvectors on
    ``like``'s device; and ``||H w - mu w|| / |mu|`` for each.
    """
    from scipy.sparse.linalg import LinearOperator, eigsh

    if int(k) != k or not 1 <= k < n:
        raise ValueError(f"outliers: k={k!r} must be an integer with 1 <= k < n={n}. Fix: ask for fewer.")
    if which not in ("LM", "LA"):
        raise ValueError(f"outliers: which={which!r} must be 'LM' or 'LA'.")
    like = _like(like)
    mm = _as_matmat(matvec, like)

    def apply(x):
        X = torch.as_tensor(np.asarray(x, dtype=np.float64).reshape(n, -1), device=like.device)
        return mm(X).cpu().numpy()

    A = LinearOperator((n, n), matvec=apply, matmat=apply, dtype=np.float64)
    v0 = np.random.default_rng(seed).standard_normal(n)
    ncv = min(n, max(2 * k + 1, 20))
    vals, vecs = eigsh(A, k=int(k), which=which, v0=v0, ncv=ncv, tol=_tol(matvec, like, tol), maxiter=100 * n)
    order = np.argsort(-np.abs(vals) if which == "LM" else -vals, kind="stable")
    vals, vecs = vals[order], vecs[:, order]
    W = torch.as_tensor(vecs, dtype=torch.float64, device=like.device)
    W, _ = torch.linalg.qr(W)
    HW = mm(W)
    M = (W.T @ HW).cpu().numpy()  # Rayleigh-Ritz on the converged space
    mu, U = np.linalg.eigh(0.5 * (M + M.T))
    order = np.argsort(-np.abs(mu) if which == "LM" else -mu, kind="stable")
    mu, U = mu[order], U[:, order]
    Ut = torch.as_tensor(U, dtype=torch.float64, device=like.device)
    W, HW = W @ Ut, HW @ Ut
    res = torch.linalg.vector_norm(HW - W * torch.as_tensor(mu, device=like.device), dim=0).cpu().numpy()
    return mu, W, res / np.maximum(np.abs(mu), 1e-300)


def top_eigenvalues(matvec, n: int, k: int = 5, num_steps: int = 60, seed: int = 0, like=None):
    """The ``k`` largest (algebraic) Hessian eigenvalues, descending (ARPACK, see :func:`outliers`).

    ``num_steps`` is kept for compatibility and unused: ARPACK iterates to its tolerance.
    """
    return outliers(matvec, n, k, which="LA", seed=seed, like=like)[0]


def lanczos_broadening(lo: float, hi: float, num_steps: int, kappa: float = KAPPA, margin: float = MARGIN) -> float:
    r"""The Gaussian width an ``num_steps``-step quadrature resolves on ``[lo, hi]``:
    :math:`(1+2\,\mathrm{margin})(hi-lo) / ((m-1)\sqrt{8\ln\kappa})` (Papyan, 2020, App. D.2)."""
    if num_steps < 2 or kappa <= 1:
        raise ValueError(f"lanczos_broadening: num_steps={num_steps} must be >= 2 and kappa={kappa} > 1.")
    return (1 + 2 * margin) * (hi - lo) / ((num_steps - 1) * math.sqrt(8 * math.log(kappa)))


# ------------------------------------------------------------------------------------------- densities
@dataclass
class SpectralDensity:
    """A spectrum as weighted nodes: ``phi(lambda) = sum_i weights[i] delta(lambda - nodes[i])``.

    ``weights`` sum to 1. The first ``num_outliers`` nodes are the deflated outliers
    (exact eigenvalues, weight ``1/n`` each); the rest is the bulk: Ritz values with
    quadrature weights (SLQ) or eigenvalues with weight ``1/n`` (:func:`exact_density`).
    ``broadening`` is the Gaussian width tied to the Lanczos steps (see the module
    docstring; ``None``: ``0.01 * max|lambda|``).
    """

    nodes: np.ndarray
    weights: np.ndarray
    n: int
    method: str = "slq"
    settings: dict | None = None
    num_outliers: int = 0
    broadening: float | None = None
    outlier_residuals: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def outliers(self) -> np.ndarray:
        """The deflated outliers' eigenvalues, by ``|lambda|`` descending."""
        return self.nodes[: self.num_outliers]

    @property
    def bulk(self) -> tuple[np.ndarray, np.ndarray]:
        """``(nodes, weights)`` of the bulk; the weights sum to ``(n - num_outliers) / n``."""
        return self.nodes[self.num_outliers:], self.weights[self.num_outliers:]

    def moment(self, k: int) -> float:
        """``(1/n) tr H^k`` (SLQ: exact in expectation for ``k < 2 * num_steps``)."""
        return float(np.sum(self.weights * self.nodes**k))

    @property
    def scale(self) -> float:
        return float(np.max(np.abs(self.nodes))) if self.nodes.size else 0.0

    def sigma(self, rel_width: float = 0.01) -> float:
        """The default width: :attr:`broadening` when set, else ``rel_width * max|lambda|``."""
        if self.broadening is not None:
            return float(self.broadening)
        return max(rel_width * self.scale, 1e-300)

    def curve(self, grid, sigma: float | None = None, outliers: bool = True) -> np.ndarray:
        """The Gaussian-broadened density on ``grid`` (integrates to 1; to ``1 - k/n`` without the outliers)."""
        grid = np.asarray(grid, dtype=np.float64)
        s = self.sigma() if sigma is None else float(sigma)
        nodes, weights = (self.nodes, self.weights) if outliers else self.bulk
        z = (grid[:, None] - nodes[None, :]) / s
        return (np.exp(-0.5 * z * z) @ weights) / (s * math.sqrt(2 * math.pi))

    def cdf(self, x, sigma: float | None = None) -> np.ndarray:
        """The cumulative distribution at ``x``: the bulk broadened by ``sigma`` (default :meth:`sigma`),
        the outliers as steps of ``1/n``. ``sigma=0``: the step function of all nodes."""
        from scipy.special import ndtr

        x = np.asarray(x, dtype=np.float64)
        s = self.sigma() if sigma is None else float(sigma)
        nodes, weights = self.bulk
        out = self.outliers
        steps = (x[..., None] >= out).astype(np.float64) @ np.full(out.size, 1.0 / self.n)
        if s == 0:
            return steps + (x[..., None] >= nodes).astype(np.float64) @ weights
        return steps + ndtr((x[..., None] - nodes) / s) @ weights

    def mass_within(self, band: float, sigma: float | None = None) -> float:
        """Mass of the broadened density in ``[-band, band]`` (all nodes broadened by ``sigma``)."""
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
            "settings": self.settings or {}, "num_outliers": self.num_outliers, "broadening": self.broadening,
            "outlier_residuals": self.outlier_residuals,
        }


def exact_density(eigenvalues, deflate: int = 0, broadening: float | None = None) -> SpectralDensity:
    """The density of given eigenvalues (e.g. ``torch.linalg.eigvalsh(H)``), weight ``1/n`` each.

    ``deflate``: the ``k`` of largest ``|lambda|`` become the outliers (steps in :meth:`SpectralDensity.cdf`),
    as in :func:`slq_density`; ``broadening``: the default width of the curve and the CDF.
    """
    lam = np.asarray(eigenvalues, dtype=np.float64).ravel()
    if int(deflate) != deflate or not 0 <= deflate < lam.size:
        raise ValueError(f"exact_density: deflate={deflate!r} must be an integer in [0, {lam.size}).")
    order = np.argsort(-np.abs(lam), kind="stable")
    lam = np.concatenate([lam[order[:deflate]], np.sort(lam[order[deflate:]])])
    return SpectralDensity(lam, np.full(lam.size, 1.0 / lam.size), lam.size, method="exact",
                           num_outliers=int(deflate), broadening=broadening)


def slq_density(matvec, n: int, num_probes: int = 8, num_steps: int = 40, deflate: int = 0,
                seed: int = 0, like=None, kappa: float = KAPPA, tol=None) -> SpectralDensity:
    """Stochastic Lanczos quadrature estimate of the Hessian spectral density (see the module docstring).

    Args:
        matvec, n: from :func:`hessian_operator` (``matvec = H``, ``n = H.n``) or :func:`hvp_operator`.
        num_probes: Gaussian probe vectors (each projected off the outliers and normalised).
        num_steps: Lanczos steps per probe (``2 <= num_steps``; at most ``n - deflate`` are taken).
        deflate: outliers (largest ``|lambda|``) computed by :func:`outliers` and counted exactly.
        seed: seeds the probes (CPU generator, same on every device) and ARPACK's start vector.
        like: a tensor on the parameters' device (the Lanczos vectors are float64 there).
        kappa: the broadening's constant (:func:`lanczos_broadening`).
        tol: ARPACK's tolerance for the outliers (see :func:`outliers`).

    The result's ``broadening`` is :func:`lanczos_broadening` of the bulk's Ritz range;
    its ``outlier_residuals`` are ARPACK's relative residuals.
    """
    for name, value, lo in (("num_probes", num_probes, 1), ("num_steps", num_steps, 2), ("deflate", deflate, 0)):
        if int(value) != value or value < lo:
            raise ValueError(f"slq_density: {name}={value!r} must be an integer >= {lo}. "
                             f"Fix: pass e.g. {name}={max(lo, 8 if name == 'num_probes' else 40 if lo else 5)}.")
    if deflate >= n:
        raise ValueError(f"slq_density: deflate={deflate} must be below the dimension n={n}. Fix: deflate fewer.")
    like = _like(like)
    gen = torch.Generator().manual_seed(seed)
    nodes, weights = [], []
    basis, residuals = None, np.zeros(0)
    if deflate:
        mu, basis, residuals = outliers(matvec, n, deflate, seed=seed, like=like, tol=tol)
        nodes.append(mu)
        weights.append(np.full(mu.size, 1.0 / n))
    rest = (n - deflate) / n
    steps = min(num_steps, n - deflate)
    lo, hi = np.inf, -np.inf
    Z = torch.stack([_probe(n, gen, like) for _ in range(num_probes)], dim=1)
    for alpha, beta, _ in _lanczos_block(_as_matmat(matvec, like), Z, steps, basis=basis):
        theta, U = _ritz(alpha, beta)
        lo, hi = min(lo, theta.min()), max(hi, theta.max())
        nodes.append(theta)
        weights.append(rest * U[0, :] ** 2 / num_probes)
    sigma = max(lanczos_broadening(lo, hi, max(steps, 2), kappa), 1e-300)
    settings = dict(num_probes=num_probes, num_steps=num_steps, deflate=deflate, seed=seed, kappa=kappa,
                    margin=MARGIN, broadening=sigma, bulk_range=[float(lo), float(hi)])
    return SpectralDensity(np.concatenate(nodes), np.concatenate(weights), n, "slq", settings,
                           num_outliers=int(deflate), broadening=sigma, outlier_residuals=residuals)


# ------------------------------------------------------------------------------------------- checks
def kolmogorov_distance(a: SpectralDensity, b: SpectralDensity, sigma: float | None = None, points: int = 4001):
    """``sup_x |F_a(x) - F_b(x)|`` of the two CDFs at one width ``sigma`` (default ``a``'s).

    Evaluated on a grid of ``points`` over both spectra, plus just below and at every outlier.
    """
    s = a.sigma() if sigma is None else float(sigma)
    lo = min(a.nodes.min(), b.nodes.min()) - 6 * s
    hi = max(a.nodes.max(), b.nodes.max()) + 6 * s
    out = np.concatenate([a.outliers, b.outliers])
    x = np.concatenate([np.linspace(lo, hi, points), out, np.nextafter(out, -np.inf)])
    return float(np.max(np.abs(a.cdf(x, sigma=s) - b.cdf(x, sigma=s))))


def check_spectrum(estimate: SpectralDensity, eigenvalues, ks_tol: float = 0.05, rtol: float = 1e-8) -> dict:
    """Compare an SLQ estimate with the exact eigenvalues of the same operator.

    Passes when the CDFs at the estimate's broadening are within Kolmogorov distance
    ``ks_tol`` (outliers deflated alike in both) and each deflated outlier equals the
    exact eigenvalue of the same rank by ``|lambda|`` to relative ``rtol``.
    Returns ``{"kolmogorov", "ks_tol", "outlier_rel_err", "rtol", "passed"}``.
    """
    exact = exact_density(eigenvalues, deflate=estimate.num_outliers)
    if exact.n != estimate.n:
        raise ValueError(f"check_spectrum: {exact.n} eigenvalues for an estimate of dimension n={estimate.n}. "
                         "Fix: pass all eigenvalues of the same operator.")
    ks = kolmogorov_distance(estimate, exact)
    k = estimate.num_outliers
    rel = np.abs(estimate.outliers - exact.outliers) / np.maximum(np.abs(exact.outliers), 1e-300)
    max_rel = float(rel.max()) if k else 0.0
    return dict(kolmogorov=ks, ks_tol=ks_tol, outlier_rel_err=max_rel, rtol=rtol,
                passed=bool(ks <= ks_tol and max_rel <= rtol))
