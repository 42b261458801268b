r"""Lyapunov spectra by QR (Benettin) re-orthonormalisation, for any map given as numpy functions.

:func:`lyapunov_spectrum` iterates a map and its Jacobian from many starts at once (arrays over cells) and
returns the exponents with batch-means errors and the mean :math:`\log|\det J|` (the sum rule); the atlas
(:func:`adamdyn.dynamics.atlas.atlas`) uses the same QR step and accumulator along the rule's orbit map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["lyapunov_spectrum", "Spectrum"]


# --------------------------------------------------------------------------- the Lyapunov spectrum


def _gram_schmidt(A):
    """QR of a stack of k x k matrices stored as ``A[i][j]`` = entry (row i, column j) arrays over cells.

    Returns (Q, log|diag R|) with Q in the same layout (modified Gram-Schmidt, columns in order).
    """
    k = len(A)
    cols = [[A[i][j] for i in range(k)] for j in range(k)]
    logs = []
    out = []
    for j in range(k):
        v = list(cols[j])
        for q in out:
            d = sum(qi * vi for qi, vi in zip(q, v))
            v = [vi - d * qi for qi, vi in zip(q, v)]
        norm = np.sqrt(sum(vi * vi for vi in v))
        logs.append(np.log(norm))
        with np.errstate(invalid="ignore", divide="ignore"):
            out.append([vi / norm for vi in v])
    Q = [[out[j][i] for j in range(k)] for i in range(k)]
    return Q, logs


def _matmul(J, Q):
    k = len(Q)
    return [[sum(J[i][m] * Q[m][j] for m in range(k)) for j in range(k)] for i in range(k)]


def _det(J):
    k = len(J)
    if k == 1:
        return J[0][0]
    if k == 2:
        return J[0][0] * J[1][1] - J[0][1] * J[1][0]
    M = np.moveaxis(np.array([[np.asarray(J[i][j], dtype=np.float64) for j in range(k)] for i in range(k)]), (0, 1),
                    (-2, -1))
    return np.linalg.det(M)


@dataclass
class _Accumulator:
    """Running sums of log|R_ii| and log|det J| in batch-means blocks, per cell."""

    k: int
    cells: int
    blocks: int
    steps: int
    sums: np.ndarray = None
    det_sums: np.ndarray = None

    def __post_init__(self):
        self.sums = np.zeros((self.blocks, self.k, self.cells))
        self.det_sums = np.zeros((self.blocks, self.cells))

    def add(self, step, logs, logdet):
        b = min(step * self.blocks // self.steps, self.blocks - 1)
        for i in range(self.k):
            self.sums[b, i] += logs[i]
        self.det_sums[b] += logdet

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
        raise ValueError(f"blocks={blocks} is more than steps={steps}: each batch-means block needs at least one "
                         f"step. Fix: pass blocks <= steps (e.g. blocks={min(32, steps)}).")


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
    with np.errstate(all="ignore"):
        for _ in range(transient):
            x = [np.broadcast_to(np.asarray(v, dtype=np.float64), (cells,)) for v in step(x)]
        for s in range(steps):
            J = [[np.broadcast_to(np.asarray(e, dtype=np.float64), (cells,)) for e in row] for row in jacobian(x)]
            Q, logs = _gram_schmidt(_matmul(J, Q))
            acc.add(s, logs, np.log(np.abs(_det(J))))
            x = [np.broadcast_to(np.asarray(v, dtype=np.float64), (cells,)) for v in step(x)]
    exps, err, logdet = acc.result()
    return Spectrum(exps.reshape((k,) + shape), err.reshape((k,) + shape), logdet.reshape(shape), steps, transient,
                    blocks)
