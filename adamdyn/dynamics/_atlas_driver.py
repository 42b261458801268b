r"""The atlas driver: the part of every generated atlas module that does not depend on the map.

This is ordinary, linted Python, but it is never imported to run: :mod:`adamdyn.dynamics._atlas_kernel` reads
it as text (:data:`~adamdyn.dynamics._atlas_kernel.DRIVER`, everything from the imports on, less the block of
stubs) and writes it into each generated module, after which the printed map (``map_step``,
``initial_branch``, the branch conditions) and the volume minors (``_volumes``, ``_det_expanded``) follow.
The stubs below stand for those generated names, so that this file lints.

The driver: the transient, the Benettin/QR update on the Jacobian's parts (:func:`_qr_step`, the same
operations in the same order as :func:`adamdyn.dynamics.lyapunov._qr_step`), the label statistics of the
numpy path, per cell (:func:`_cell`), cells in parallel (:func:`drive`).
"""

import math

import numba
import numpy as np

# -- stubs: the names the generated part of each atlas module defines (this block is not copied) --
K = 1  # the number of coordinates of the reduced map
KJ = 2  # the dimension of the tangent space: the coordinates and z


def map_step(x, z, p, br, nxt, J, jac, E, av, bv):
    """One step of one cell (generated per map): fills nxt (and J, E, av, bv when jac); returns (rho, branch)."""
    raise NotImplementedError(_READ_AS_TEXT)


def initial_branch(x, z, p):
    """The branch of the map that holds at the cell's first state (generated per map)."""
    raise NotImplementedError(_READ_AS_TEXT)


def _volumes(Y, a, w, V):
    """The volumes of the first 1..K columns of Y + a w^T (printed per K from lyapunov._minor_exprs)."""
    raise NotImplementedError(_READ_AS_TEXT)


def _det_expanded(Y, a, w):
    """det(Y + a w^T) expanded in the rank-one part (printed per K from lyapunov._minor_exprs)."""
    raise NotImplementedError(_READ_AS_TEXT)


_READ_AS_TEXT = "this module is read as text by adamdyn.dynamics._atlas_kernel, not run"
# -- end of the stubs --

LN10 = math.log(10.0)


@numba.njit(cache=True, error_model="numpy")
def _sgn(a):
    if a > 0.0:
        return 1.0
    if a < 0.0:
        return -1.0
    return a  # 0 or NaN, as numpy's sign


@numba.njit(cache=True, error_model="numpy")
def _nmax(a, b):
    if a != a or b != b:
        return math.nan
    return a if a >= b else b


@numba.njit(cache=True, error_model="numpy")
def _nmin(a, b):
    if a != a or b != b:
        return math.nan
    return a if a <= b else b


@numba.njit(cache=True, error_model="numpy")
def _scale(Y, a, w, s, Yt, wt, k):
    """Column scales s_j = max(max_i |Y_ij|, max_i |a_i| |w_j|); Yt, wt the scaled Y, w (lyapunov._scaled)."""
    amax = abs(a[0])
    for i in range(1, k):
        amax = _nmax(amax, abs(a[i]))
    for j in range(k):
        sj = abs(Y[0, j])
        for i in range(1, k):
            sj = _nmax(sj, abs(Y[i, j]))
        s[j] = _nmax(sj, amax * abs(w[j]))
    for j in range(k):
        for i in range(k):
            Yt[i, j] = Y[i, j] / s[j]
        wt[j] = w[j] / s[j]


@numba.njit(cache=True, error_model="numpy")
def _log_det(E, a, b, s, Yt, wt, k):
    """log|det(E + a b^T)| by the rank-one expansion, columns scaled first (lyapunov._log_det)."""
    _scale(E, a, b, s, Yt, wt, k)
    out = math.log(abs(_det_expanded(Yt, a, wt)))
    for j in range(k):
        out = out + math.log(s[j])
    return out


@numba.njit(cache=True, error_model="numpy")
def _orthogonalise(V, Q, j, k):
    """V <- V less its projections on Q's first j columns, twice (Gram-Schmidt with one re-orthogonalisation
    pass); returns the norm of what is left."""
    for _ in range(2):
        for q in range(j):
            d = 0.0
            for i in range(k):
                d += Q[i, q] * V[i]
            for i in range(k):
                V[i] = V[i] - d * Q[i, q]
    t = 0.0
    for i in range(k):
        t += V[i] * V[i]
    return math.sqrt(t)


@numba.njit(cache=True, error_model="numpy")
def _qr_step(E, a, b, Q, Y, M, Yt, w, wt, s, V, vols, logs, k):
    """Q <- the re-orthogonalised Gram-Schmidt Q of J Q, logs <- log|diag R| from the volumes of J Q
    (lyapunov._qr_step, the same operations in the same order)."""
    for i in range(k):
        for j in range(k):
            acc = 0.0
            for m in range(k):
                acc += E[i, m] * Q[m, j]
            Y[i, j] = acc
    for j in range(k):
        acc = 0.0
        for m in range(k):
            acc += Q[m, j] * b[m]
        w[j] = acc
    for i in range(k):
        for j in range(k):
            M[i, j] = Y[i, j] + a[i] * w[j]
    _scale(Y, a, w, s, Yt, wt, k)
    _volumes(Yt, a, wt, vols)
    prev = 0.0
    for j in range(k):
        lv = math.log(vols[j])
        logs[j] = lv - prev + math.log(s[j])
        prev = lv
    for j in range(k):
        for i in range(k):
            V[i] = M[i, j]
        norm = _orthogonalise(V, Q, j, k)
        if norm == 0.0:
            # rank lost in floating point: complete Q with the unit vector of the largest remainder
            # (lyapunov._gram_schmidt)
            for c in range(k):
                for i in range(k):
                    w[i] = 1.0 if i == c else 0.0
                en = _orthogonalise(w, Q, j, k)
                if en > norm:
                    norm = en
                    for i in range(k):
                        V[i] = w[i]
        for i in range(k):
            Q[i, j] = V[i] / norm


@numba.njit(cache=True, error_model="numpy")
def _neumaier(s, c, x):
    """(s + x, c plus the rounding error of that addition): a compensated running sum (lyapunov._Accumulator)."""
    t = s + x
    if abs(s) >= abs(x):
        c = c + ((s - t) + x)
    else:
        c = c + ((x - t) + s)
    return t, c


@numba.njit(cache=True, error_model="numpy")
def _cell(c, X0, logz0, P, br0, steps, transient, max_period, spike_decades, diverge, blocks, n, log10_lr,
          sums, dets, hist, F, I, final):
    k = K
    kj = KJ
    x = X0[c].copy()
    p = P[c].copy()
    nxt = np.empty(k)
    J = np.zeros((kj, kj))
    E = np.zeros((kj, kj))
    av = np.zeros(kj)
    bv = np.zeros(kj)
    Q = np.zeros((kj, kj))
    Y = np.zeros((kj, kj))
    M = np.zeros((kj, kj))
    Yt = np.zeros((kj, kj))
    w = np.zeros(kj)
    wt = np.zeros(kj)
    sc = np.zeros(kj)
    V = np.zeros(kj)
    vols = np.zeros(kj)
    logs = np.zeros(kj)
    comp = np.zeros((blocks, kj))
    dcomp = np.zeros(blocks)
    S = logz0[c]
    br = br0[c]
    bad = False
    under = False
    huge = False
    log10n = math.log10(n)
    # the tangent vectors evolve through the transient too (the numpy path's order: QR on the step's Jacobian)
    for i in range(kj):
        Q[i, i] = 1.0
    for _ in range(transient):
        rho, br = map_step(x, math.exp(S), p, br, nxt, J, True, E, av, bv)
        _qr_step(E, av, bv, Q, Y, M, Yt, w, wt, sc, V, vols, logs, kj)
        A = abs(rho)
        S = S + math.log(A)
        for i in range(k):
            x[i] = nxt[i]
        L = n * (S / LN10 + log10_lr) - log10n
        if not math.isfinite(S) or L > diverge:
            bad = True
        if A > 1e50:
            huge = True
        for i in range(k):
            if not math.isfinite(x[i]):
                bad = True
            if abs(x[i]) > 1e100:
                huge = True
    mp1 = max_period + 1
    for r in range(mp1):
        for i in range(k):
            hist[c, r, i] = math.nan
    log_rho_sum = 0.0
    late_rho_sum = 0.0
    late = steps // 2
    c0 = 0.0
    c1 = 0.0
    angle = 0.0
    prev = 0.0
    have_prev = False
    runmin = n * (S / LN10 + log10_lr) - log10n
    armed = True
    peak = -math.inf
    spikes = 0
    first_spike = -1
    last_spike = -1
    step_mid = math.nan
    b = 0
    next_b = (steps + blocks - 1) // blocks  # ceil((b + 1) * steps / blocks): the first step of block b + 1
    r = -1
    for s in range(steps):
        # block b holds the steps with s * blocks // steps == b (no integer division per step)
        while b < blocks - 1 and s >= next_b:
            b += 1
            next_b = ((b + 1) * steps + blocks - 1) // blocks
        r += 1
        if r == mp1:
            r = 0
        rho, br = map_step(x, math.exp(S), p, br, nxt, J, True, E, av, bv)
        A = abs(rho)
        lr_ = math.log(A)
        S = S + lr_
        for i in range(k):
            x[i] = nxt[i]
        _qr_step(E, av, bv, Q, Y, M, Yt, w, wt, sc, V, vols, logs, kj)
        for i in range(kj):
            sums[c, b, i], comp[b, i] = _neumaier(sums[c, b, i], comp[b, i], logs[i])
        dets[c, b], dcomp[b] = _neumaier(dets[c, b], dcomp[b], _log_det(E, av, bv, sc, Yt, wt, kj))
        if A > 1e50:
            huge = True
        for i in range(k):
            if not math.isfinite(x[i]):
                bad = True
            if abs(x[i]) < 1e-200:
                under = True
            if abs(x[i]) > 1e100:
                huge = True
        L = n * (S / LN10 + log10_lr) - log10n
        if not math.isfinite(S) or L > diverge:
            bad = True
        log_rho_sum += lr_
        if s >= steps - late:
            late_rho_sum += lr_
        for i in range(k):
            hist[c, r, i] = x[i]
        if s == steps - late:
            rp = r - 1 if r > 0 else mp1 - 1
            m = -math.inf
            nan = False
            for i in range(k):
                d = abs(hist[c, r, i] - hist[c, rp, i])
                if d != d:
                    nan = True
                elif d > m:
                    m = d
            step_mid = math.nan if nan else m
        if k >= 2:
            if s < late:
                c0 += x[0] / late
                c1 += x[1] / late
            else:
                a = math.atan2(x[1] - c1, x[0] - c0)
                if have_prev:
                    # the turn from the previous angle, in [-pi, pi) (x % 2pi without a division)
                    d = a - prev + math.pi
                    if d < 0.0:
                        d += 2 * math.pi
                    elif d >= 2 * math.pi:
                        d -= 2 * math.pi
                    angle += d - math.pi
                prev = a
                have_prev = True
        runmin = _nmin(runmin, L)
        new = armed and (L - runmin > spike_decades)
        if new:
            spikes += 1
            if first_spike < 0:
                first_spike = s
            last_spike = s
            peak = L
            armed = False
        else:
            peak = _nmax(peak, L)
        if not armed and L < peak - spike_decades:
            armed = True
            runmin = L
    for bb in range(blocks):
        for i in range(kj):
            sums[c, bb, i] = sums[c, bb, i] + comp[bb, i]
        dets[c, bb] = dets[c, bb] + dcomp[bb]
    F[c, 0] = log_rho_sum
    F[c, 1] = late_rho_sum
    F[c, 2] = angle
    F[c, 3] = step_mid
    F[c, 4] = S
    I[c, 0] = bad
    I[c, 1] = under
    I[c, 2] = huge
    I[c, 3] = spikes
    I[c, 4] = first_spike
    I[c, 5] = last_spike
    for i in range(k):
        final[c, i] = x[i]


@numba.njit(cache=True, parallel=True, error_model="numpy")
def drive(X0, logz0, P, steps, transient, max_period, spike_decades, diverge, blocks, n, log10_lr):
    """Every cell (in parallel): block sums of log|R_ii| and log|det J|, the last max_period + 1 states, and
    the statistics of the label rules (F, I columns), the final state."""
    cells = X0.shape[0]
    k = K
    br0 = np.empty(cells, dtype=np.int64)
    for c in range(cells):
        br0[c] = initial_branch(X0[c], math.exp(logz0[c]), P[c])
    sums = np.zeros((cells, blocks, KJ))
    dets = np.zeros((cells, blocks))
    hist = np.empty((cells, max_period + 1, k))
    F = np.empty((cells, 5))
    I = np.empty((cells, 6), dtype=np.int64)
    final = np.empty((cells, k))
    for c in numba.prange(cells):
        _cell(c, X0, logz0, P, br0, steps, transient, max_period, spike_decades, diverge, blocks, n, log10_lr,
              sums, dets, hist, F, I, final)
    return sums, dets, hist, F, I, final
