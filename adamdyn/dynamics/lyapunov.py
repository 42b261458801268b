r"""Lyapunov spectra by QR (Benettin) re-orthonormalisation, for any map given as numpy functions.

:func:`lyapunov_spectrum` iterates a map and its Jacobian from many starts at once (arrays over cells) and
returns the exponents with batch-means errors and the mean :math:`\log|\det J|` (the sum rule); the atlas
(:func:`adamdyn.dynamics.atlas.atlas`) uses the same QR step and accumulator along the rule's orbit map.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

import numpy as np

__all__ = ["lyapunov_spectrum", "Spectrum"]


# --------------------------------------------------------------------------- the Lyapunov spectrum


@functools.cache
def _perms(m):
    """(sign, permutation) of range(m) in itertools order: the terms of an m x m determinant (Leibniz)."""
    out = []
    for p in itertools.permutations(range(m)):
        inv = sum(1 for i in range(m) for j in range(i + 1, m) if p[i] > p[j])
        out.append((-1.0 if inv % 2 else 1.0, p))
    return tuple(out)


@functools.cache
def _minor_exprs(k):
    r"""Text of every m x m minor of :math:`M = Y + a w^T` (m = 1..k, rows in itertools order), each expanded in
    the rank-one part, :math:`\det M_R = \det Y_R + \sum_i w_i \det Y_R^{(i \leftarrow a)}` (the terms with a
    twice vanish), every determinant as its m! signed products (Leibniz); names ``Y<i>_<j>``, ``a<i>``, ``w<j>``.

    Returns a tuple of (m, expression). Both engines evaluate this text (numpy on arrays over cells, the numba
    kernel prints it), so the two do the same operations in the same order."""
    def det(R, col):  # the rows R; col(row, column) -> the entry's name
        terms = []
        for sign, q in _perms(len(R)):
            terms.append(("-" if sign < 0 else "+") + " * ".join(col(R[t], q[t]) for t in range(len(R))))
        return "(" + " ".join(terms) + ")"

    out = []
    for m in range(1, k + 1):
        for R in itertools.combinations(range(k), m):
            parts = [det(R, lambda r, c: f"Y{r}_{c}")]
            for i in range(m):
                parts.append(f"w{i} * " + det(R, lambda r, c, i=i: f"a{r}" if c == i else f"Y{r}_{c}"))
            out.append((m, " + ".join(parts)))
    return tuple(out)


@functools.cache
def _minors_fn(k):
    """The numpy function of :func:`_minor_exprs`: ``(Y, a, w) -> [minor, ...]``."""
    lines = ["def _minors(Y, a, w):"]
    lines += [f"    Y{i}_{j} = Y[{i}][{j}]" for i in range(k) for j in range(k)]
    lines += [f"    a{i} = a[{i}]" for i in range(k)] + [f"    w{j} = w[{j}]" for j in range(k)]
    lines.append("    return [" + ", ".join(e for _, e in _minor_exprs(k)) + "]")
    ns = {}
    exec("\n".join(lines), ns)  # noqa: S102 - text generated above from integers only
    return ns["_minors"]


def _volumes(Y, a, w):
    r"""The m-volumes :math:`|M_0 \wedge \dots \wedge M_{m-1}|` of the columns :math:`M_j = Y_j + a w_j`,
    m = 1..k: the 2-norm of the m x m minors of :func:`_minor_exprs` (scaled by the largest), so that the huge
    rank-one part ``a w^T`` never has to cancel against itself."""
    k = len(Y)
    minors = _minors_fn(k)(Y, a, w)
    ms = [m for m, _ in _minor_exprs(k)]
    out = []
    with np.errstate(invalid="ignore", divide="ignore"):
        for m in range(1, k + 1):
            vals = [v for v, mm in zip(minors, ms) if mm == m]
            mx = np.abs(vals[0])
            for v in vals[1:]:
                mx = np.maximum(mx, np.abs(v))
            s = 0.0
            for v in vals:
                t = v / mx
                s = s + t * t
            out.append(np.where(mx > 0, mx * np.sqrt(s), mx))
    return out


def _scaled(Y, a, w):
    """Column scales s_j = max(max_i |Y_ij|, max_i |a_i| |w_j|) and the scaled Y, w (entries at most 1)."""
    k = len(Y)
    amax = np.abs(a[0])
    for i in range(1, k):
        amax = np.maximum(amax, np.abs(a[i]))
    s = []
    for j in range(k):
        sj = np.abs(Y[0][j])
        for i in range(1, k):
            sj = np.maximum(sj, np.abs(Y[i][j]))
        s.append(np.maximum(sj, amax * np.abs(w[j])))
    with np.errstate(invalid="ignore", divide="ignore"):
        return s, [[Y[i][j] / s[j] for j in range(k)] for i in range(k)], [w[j] / s[j] for j in range(k)]


def _log_det(E, a, b):
    r""":math:`\log|\det(E + a b^T)|` by the rank-one expansion of :func:`_volumes` (columns scaled first)."""
    k = len(E)
    s, Et, bt = _scaled(E, a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.log(np.abs(_minors_fn(k)(Et, a, bt)[-1]))
        for j in range(k):
            out = out + np.log(s[j])
    return out


def _gram_schmidt(M):
    """Modified Gram-Schmidt of the columns of ``M`` with one re-orthogonalisation pass: (Q, log of the norms).

    The second pass keeps Q orthonormal to rounding where M's columns are nearly parallel (one pass leaves an
    error of ~1e-16 times M's condition number in their angle). Layout ``M[i][j]`` (row i, column j)."""
    k = len(M)
    out = []
    logs = []
    for j in range(k):
        v = [M[i][j] for i in range(k)]
        for _ in range(2):
            for q in out:
                d = sum(qi * vi for qi, vi in zip(q, v))
                v = [vi - d * qi for qi, vi in zip(q, v)]
        norm = np.sqrt(sum(vi * vi for vi in v))
        with np.errstate(divide="ignore", invalid="ignore"):
            logs.append(np.log(norm))
        if np.any(norm == 0):
            # a column exactly in the span of the earlier ones (rank lost in floating point): complete Q with
            # the unit vector e_i, orthogonalised twice, of the largest remainder (Q stays orthonormal; the
            # volumes, not these norms, give the exponents)
            best, bnorm = v, norm
            for i in range(k):
                e = [np.full_like(norm, float(r == i)) for r in range(k)]
                for _ in range(2):
                    for q in out:
                        d = sum(qi * ei for qi, ei in zip(q, e))
                        e = [ei - d * qi for qi, ei in zip(q, e)]
                en = np.sqrt(sum(ei * ei for ei in e))
                take = (norm == 0) & (en > bnorm)
                best = [np.where(take, ei, bi) for ei, bi in zip(e, best)]
                bnorm = np.where(take, en, bnorm)
            v, norm = best, bnorm
        with np.errstate(invalid="ignore", divide="ignore"):
            out.append([vi / norm for vi in v])
    return [[out[j][i] for j in range(k)] for i in range(k)], logs


def _qr_step(E, a, b, Q, orthonormalise=_gram_schmidt):
    r"""One Benettin step for the Jacobian :math:`J = E + a b^T` (a map whose every next value also depends on
    the step ratio: ``E`` at fixed ratio, ``a`` its derivatives, ``b`` the ratio's gradient; ``a = b = 0``
    for a plain Jacobian): ``(Q', log|R_jj|)`` of the QR of :math:`M = J Q`.

    ``log|R_jj|`` is the log of the ratio of the volumes :math:`|M_0\wedge\dots\wedge M_j|` (:func:`_volumes`),
    exact where the rank-one part dwarfs E (a step that lands almost on the minimum: ``J``'s entries ~1e60
    and its determinant 1e-90 of their squares, which float Gram-Schmidt turns into noise); ``Q'`` is the
    Gram-Schmidt basis of ``M`` with one re-orthogonalisation pass (``orthonormalise``, :func:`_gram_schmidt`).
    Layout: ``X[i][j]`` = entry (row i, column j), arrays over cells.
    """
    k = len(Q)
    Y = [[sum(E[i][m] * Q[m][j] for m in range(k)) for j in range(k)] for i in range(k)]
    w = [sum(Q[m][j] * b[m] for m in range(k)) for j in range(k)]
    M = [[Y[i][j] + a[i] * w[j] for j in range(k)] for i in range(k)]
    s, Yt, wt = _scaled(Y, a, w)
    logs = []
    V = _volumes(Yt, a, wt)
    with np.errstate(invalid="ignore", divide="ignore"):
        prev = 0.0
        for j in range(k):
            lv = np.log(V[j])
            logs.append(lv - prev + np.log(s[j]))
            prev = lv
    return orthonormalise(M)[0], logs


@dataclass
class _Accumulator:
    """Running sums of log|R_ii| and log|det J| in batch-means blocks, per cell, compensated (Neumaier): the
    sum of 10^4 terms of size ~50 keeps ~1e-14 absolute instead of ~1e-11."""

    k: int
    cells: int
    blocks: int
    steps: int
    sums: np.ndarray = None
    det_sums: np.ndarray = None

    def __post_init__(self):
        self.sums = np.zeros((self.blocks, self.k, self.cells))
        self.det_sums = np.zeros((self.blocks, self.cells))
        self._comp = np.zeros((self.blocks, self.k, self.cells))
        self._det_comp = np.zeros((self.blocks, self.cells))

    @staticmethod
    def _neumaier(s, c, x):
        """(s + x, the compensation c plus the rounding error of that addition)."""
        with np.errstate(invalid="ignore"):
            t = s + x
            c = c + np.where(np.abs(s) >= np.abs(x), (s - t) + x, (x - t) + s)
        return t, c

    def add(self, step, logs, logdet):
        b = min(step * self.blocks // self.steps, self.blocks - 1)
        for i in range(self.k):
            self.sums[b, i], self._comp[b, i] = self._neumaier(self.sums[b, i], self._comp[b, i], logs[i])
        self.det_sums[b], self._det_comp[b] = self._neumaier(self.det_sums[b], self._det_comp[b], logdet)

    def finish(self):
        """Fold the compensations into the block sums (once, after the last :meth:`add`)."""
        with np.errstate(invalid="ignore"):
            self.sums = self.sums + self._comp
            self.det_sums = self.det_sums + self._det_comp
        self._comp = np.zeros_like(self.sums)
        self._det_comp = np.zeros_like(self.det_sums)
        return self

    def result(self):
        counts = np.bincount(np.minimum(np.arange(self.steps) * self.blocks // self.steps, self.blocks - 1),
                             minlength=self.blocks).astype(np.float64)
        means = self.sums / counts[:, None, None]
        exps = self.sums.sum(axis=0) / self.steps
        good = counts > 0
        err = np.std(means[good], axis=0, ddof=1) / math.sqrt(good.sum()) if good.sum() > 1 else \
            np.full_like(exps, np.nan)
        logdet = self.det_sums.sum(axis=0) / self.steps
        return exps, err, logdet


@dataclass
class Spectrum:
    r"""Lyapunov spectrum of a map along an orbit, per orbit (cell).

    ``exponents`` (k, cells), largest first as computed by QR (Gram-Schmidt order: exponent i is the
    growth rate of the i-dimensional volume minus that of the (i-1)-dimensional one);
    ``stderr`` their batch-means errors; ``mean_log_det`` the mean :math:`\log|\det J|` along the orbit;
    ``sum_rule_gap`` = ``|sum(exponents) - mean_log_det|`` (zero to rounding for a correct Jacobian
    product; a cell whose orbit left to infinity has NaN).
    """

    exponents: np.ndarray
    stderr: np.ndarray
    mean_log_det: np.ndarray
    steps: int
    transient: int
    blocks: int

    @property
    def sum_rule_gap(self) -> np.ndarray:
        return np.abs(self.exponents.sum(axis=0) - self.mean_log_det)


def _check_counts(steps, transient, blocks):
    for name, v, lo in (("steps", steps, 1), ("transient", transient, 0), ("blocks", blocks, 2)):
        if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < lo:
            raise ValueError(f"{name}={v!r} must be an integer >= {lo}. Fix: pass e.g. {name}={max(lo, 1000)}.")
    if blocks > steps:
        raise ValueError(f"steps={steps} is fewer than blocks={blocks}: each batch-means block of the exponents' "
                         f"errors needs at least one step; valid steps >= {blocks}. Fix: pass steps >= {blocks} "
                         f"(e.g. steps=1000), or blocks <= steps.")


def lyapunov_spectrum(step, jacobian, x0, steps=10_000, transient=1_000, blocks=32) -> Spectrum:
    r"""Lyapunov spectrum of the map ``x -> step(x)`` from ``x0``, by QR (Benettin) re-orthonormalisation.

    Args:
        step: ``step(x) -> x_next`` with ``x`` a list of k arrays (one per coordinate, each over cells).
        jacobian: ``jacobian(x) -> J`` with ``J[i][j]`` = d step_i / d x_j (arrays over cells or scalars),
            evaluated at the point before the step.
        x0: the initial point: k numbers or k arrays over cells (many orbits at once).
        steps: length of the averaging window after ``transient`` steps.
        transient: steps iterated first and not averaged.
        blocks: number of batch-means blocks for the error (>= 2).

    Returns:
        :class:`Spectrum`.

    Example (the logistic map at r = 4 has exponent ln 2):
        >>> s = lyapunov_spectrum(lambda x: [4 * x[0] * (1 - x[0])], lambda x: [[4 - 8 * x[0]]], [0.3],
        ...                       steps=20000)
        >>> bool(abs(float(s.exponents[0, 0]) - np.log(2)) < 4 * float(s.stderr[0, 0]) + 1e-3)
        True
    """
    _check_counts(steps, transient, blocks)
    x = [np.atleast_1d(np.asarray(v, dtype=np.float64)) for v in x0]
    k = len(x)
    if k == 0:
        raise ValueError("x0 is empty: the map needs at least one coordinate. Fix: pass x0=[value, ...].")
    shape = np.broadcast(*x).shape
    x = [np.broadcast_to(v, shape).astype(np.float64).ravel() for v in x]
    cells = x[0].size
    Q = [[np.full(cells, float(i == j)) for j in range(k)] for i in range(k)]
    acc = _Accumulator(k, cells, blocks, steps)
    zero = [np.zeros(cells)] * k
    with np.errstate(all="ignore"):
        for _ in range(transient):
            x = [np.broadcast_to(np.asarray(v, dtype=np.float64), (cells,)) for v in step(x)]
        for s in range(steps):
            J = [[np.broadcast_to(np.asarray(e, dtype=np.float64), (cells,)) for e in row] for row in jacobian(x)]
            Q, logs = _qr_step(J, zero, zero, Q)
            acc.add(s, logs, _log_det(J, zero, zero))
            x = [np.broadcast_to(np.asarray(v, dtype=np.float64), (cells,)) for v in step(x)]
    exps, err, logdet = acc.finish().result()
    return Spectrum(exps.reshape((k,) + shape), err.reshape((k,) + shape), logdet.reshape(shape), steps, transient,
                    blocks)
