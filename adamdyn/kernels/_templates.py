"""Source templates for :mod:`adamdyn.kernels.codegen` (the rule-specific parts are filled in).

Output columns of every sweep kernel (one row per grid point):

``F``: 0 min log10 loss, 1 final log10 loss, 2 max log10 coupling, 3 late slope
(log10 loss per step: least squares over samples every ``b = ceil(steps/64)`` steps in
the last ``LATE_FRACTION`` (:data:`adamdyn.dynamics.reductions.SWEEP_LATE_FRACTION`, 0.2) of the steps run
plus the last step, :func:`._slog._sampled_slope`).

Raw kernels run LANE points together: the time loop is outside, an inner loop over the
lane (state in small arrays, branch-free selects, no calls for integer n) is what LLVM
vectorizes; points that stop (divergence, underflow) are frozen by a mask and count
only the steps they ran. A stopped point is still computed until its whole lane stops, so
it is parked (x = 1, zero states; its last iterate kept in ``R[7]``): its masked steps then
touch no subnormal number, which x86 handles slowly. Per-step reductions compare |x| with per-point thresholds
(|x|^n is monotone in |x|): no log10 per step, except at the slope samples.

Normalized kernels run blocks of NLANE points (``_<kernel>_block``, one function per block so
numba's parallel passes see a small loop body), time loop outside, three lane loops per step:
the frame pass (scalar; entered only when a point needs an exp of log Lambda: slope samples,
a carried Lambda out of range, a scale-carrying parameter such as ``eps > 0``, non-integer
powers), the branch-free pass LLVM vectorizes (the fast step's algebra, the reductions, the
frame change by integer powers of |rho|, the coupling test when no logarithm is needed), and
a pass point by point (one ``log1p`` for log|rho|, coupling ties, the sign/log fallback).
A point's arithmetic never depends on its neighbours, NLANE or the thread count.
``I``: 0 step of the minimum, 1 spike step, 2 divergence step, 3 underflow
step (raw: loss, ``|g|^maxdegree`` or an updated state subnormal, as ``adamdyn.simulate``;
normalized: an exact zero step; -1 = none), 4 steps run (updates actually iterated), 5 steps with log10 loss
more than ``deep_log10`` decades below the SignGD floor ``n log10(lr) - log10(n)``.

The templates are ordinary Python, read as text by :mod:`.codegen` (never called): a statement
``BLOCK("name", uses...)`` stands for generated lines (the names it assigns are ones the template
reads after it, the arguments ones the block reads), ``EXPR("name")`` for a generated expression,
``ROW("name")`` for the offset of a row of the lane array ``W``, the template's own name
(``RAW_KERNEL`` ...) for the kernel's name, ``{rule}`` and ``{flags}`` in docstrings for the rule, and
``#LOAD`` comments for loads of the rows a block uses (:func:`.codegen._lane_loads`). An empty block
leaves an empty line. The raw kernel writes its per-lane tables as ``H[r, j]``, ``X[j]``, ``G[j]``,
``S[r, j]``, ``R[r, j]`` and ``K[r, j]``; :func:`.codegen._flatten_lanes` turns them into rows of one flat
array ``W``.
"""

import math

import numpy as np
from numba import cuda, float64, njit, prange

from ..dynamics.reductions import SWEEP_LATE_FRACTION as LATE_FRACTION
from ._slog import (
    IPV_MAX,
    LANE,
    LN10,
    NLANE,
    SAFE_HI,
    SAFE_LO,
    TINY,
    _ax_of_loss,
    _cwin,
    _cwv,
    _gpow,
    _ipv,
    _lnabs,
    _log10,
    _log_rho,
    _sadd,
    _sampled_slope,
    _xp,
)


def BLOCK(name, *uses):
    """Placeholder: generated lines (the whole statement is replaced)."""
    raise NotImplementedError("a kernel template is read by adamdyn.kernels.codegen, not run")


def EXPR(name):
    """Placeholder: a generated expression."""
    raise NotImplementedError("a kernel template is read by adamdyn.kernels.codegen, not run")


def ROW(name):
    """Placeholder: the offset ``row * NLANE + j`` of the row holding ``name`` in the lane array ``W``."""
    raise NotImplementedError("a kernel template is read by adamdyn.kernels.codegen, not run")


@njit(cache=True, parallel=True, error_model="numpy")
def RAW_KERNEL(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of {rule} {flags} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(EXPR("nw") * LANE)
        H = X = G = S = R = K = W  # per-lane tables: codegen._flatten_lanes makes them rows of W (and drops this line)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        n_prev = lr_prev = np.nan
        r2 = r3 = r4 = r5 = 0.0
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr, n = BLOCK("params")
            BLOCK("pre")
            BLOCK("hstore")
            R[0, j] = np.inf
            R[1, j] = -1.0
            R[6, j] = 1.0
            if n != n_prev:  # the thresholds of a lane with the previous lane's n (and lr) are its numbers
                r2 = _ax_of_loss(spike_log10, n)
                r3 = _ax_of_loss(bound_log10 + math.log10(n), n)
                r4 = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            if n != n_prev or lr != lr_prev:
                r5 = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            n_prev, lr_prev = n, lr
            R[2, j] = r2
            R[3, j] = r3
            R[4, j] = r4
            R[5, j] = r5
            K[0, j] = -1
            K[1, j] = -1
            K[4, j] = -1
            uni = uni and n == H[EXPR("nrow"), 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            BLOCK("init", g)
            X[j] = x
        ni = int(H[EXPR("nrow"), 0])
        uni = uni and ni == H[EXPR("nrow"), 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    G[j] = abs(X[j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        G[j] *= abs(X[j])
            else:
                for j in range(LANE):
                    G[j] = _gpow(abs(X[j]), H[EXPR("nrow"), j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[4, j] < 0:
                        Y[j, kk] = abs(X[j]) * G[j] / H[EXPR("nrow"), j]  # the loss: its log10 when fitted
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = BLOCK("hload")
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                BLOCK("sload", S)
                dirn = BLOCK("body", g, tf)
                cn, cd, uf = BLOCK("coupling", gabs)
                act = K[4, j] < 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cn * R[6, j] > R[1, j] * cd)
                R[1, j] = cn if up else R[1, j]
                R[6, j] = cd if up else R[6, j]
                K[3, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & ((ax < R[4, j]) | uf)
                K[2, j] = 1 if bad else (2 if und else K[2, j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                stop = act & (not go)
                R[7, j] = x if stop else R[7, j]  # its last iterate; its lane goes on computing it:
                X[j] = x - lr * dirn if go else 1.0  # parked where nothing is subnormal (slow on x86)
                BLOCK("sstore")
                K[4, j] = t if stop else K[4, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[EXPR("nrow"), j]
                te = int(K[4, j])
                ax = abs(R[7, j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                cr = R[1, j] / R[6, j]
                F[i, 2] = _log10(cr * cr) if R[1, j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION, True)
                I[i, 0] = int(K[0, j])
                I[i, 1] = int(K[1, j])
                I[i, 2] = te if K[2, j] == 1 else -1
                I[i, 3] = te if K[2, j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(K[3, j])


@njit(cache=True, error_model="numpy")
def _NORMALIZED_KERNEL_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`NORMALIZED_KERNEL` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(EXPR("nw") * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr, n = BLOCK("params")
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        BLOCK("pre")
        BLOCK("init")
        lL = log_lr + (EXPR("dd") * (n - 1.0) - 1.0) * L
        elam = EXPR("dd") * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = EXPR("ipow") and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = EXPR("fast_ok") and K == 0
        BLOCK("qzero")
        if fast:
            BLOCK("w2q_init")
            fast = EXPR("qsafe")
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmq = 0.0
        cml = -np.inf
        final = np.nan
        ndeep = 0
        tend = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        BLOCK("store_init")
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            #LOAD frame
            if fast and live and (samp or EXPR("pneed")):
                lg = (n - 1.0) * L
                lL = log_lr + (EXPR("dd") * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                BLOCK("frame", lg)
            BLOCK("store_frame")
        npneed = 0
        for j in range(NLANE):
            #LOAD fast
            lL = log_lr + (EXPR("dd") * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            lad = BLOCK("fbody", lamin, ilamf)
            okv = fast & live & EXPR("okv")
            y = (n * L - log_n) / LN10
            bad = (not (abs(L) < np.inf)) | (y > bound_log10)
            lower = live & (y < ymin)
            spk = live & (not lower) & (spike < 0) & (y > ymin + spike_log10)
            ymin = y if lower else ymin
            minstep = t if lower else minstep
            spike = t if spk else spike
            div = t if live & bad else div
            ndeep += 1 if live & (y < ydeep) else 0
            final = y if live else final
            tend = t if live else tend
            stopv = bad | last
            cq, cl = BLOCK("fcoupling")
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            BLOCK("fpow")
            qok = EXPR("qsafev")
            npneed += 1 if okv & (not stopv) & (EXPR("pneedv")) else 0
            BLOCK("store_fast")
        nlive = 0
        for j in range(NLANE):
            live = W[ROW("live")] != 0.0
            okv = W[ROW("okv")] != 0.0
            if live and okv:
                #LOAD okstep
                lL = log_lr + (EXPR("dd") * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    #LOAD
                    cq, cl = BLOCK("fcoupling")
                    if _cwin(cq, cl, cmq, cml):
                        W[ROW("cmq")] = cq
                        W[ROW("cml")] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[ROW("live")] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[ROW("und")] = float(t + 1)
                        W[ROW("tend")] = float(t + 1)
                        W[ROW("ymin")] = -np.inf
                        W[ROW("minstep")] = float(t + 1)
                        W[ROW("final")] = -np.inf
                        live = False
                        W[ROW("live")] = 0.0
                    else:
                        W[ROW("L")] = L + rl
                        W[ROW("sigma")] = sigma * rs
                        if not ipow:
                            #LOAD
                            lamf *= _xp(elam * rl)
                            BLOCK("fxpow")
                            BLOCK("store_xpow")
                        if not (qok if ipow else (EXPR("qsafe"))):
                            #LOAD
                            BLOCK("fback")
                            BLOCK("store_back")
                            W[ROW("fast")] = 0.0
            elif live:
                #LOAD slowstep
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (EXPR("dd") * (n - 1.0) - 1.0) * L
                if fast:
                    BLOCK("q2w")
                    fast = False
                BLOCK("body", tf)
                dirl, dirs = EXPR("dir_l"), EXPR("dir_s")
                isbad = EXPR("bad")
                cq, cl = BLOCK("coupling")
                if isbad:
                    div = t
                if _cwin(cq, cl, cmq, cml):
                    cmq = cq
                    cml = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv or isbad:
                    live = False
                else:
                    rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                    jt = t - (steps - K)
                    if jt >= 0:
                        scl = BLOCK("scale")
                        TAIL[i, jt, 0] = (lL - scl) / LN10
                        TAIL[i, jt, 1] = 1.0 - rs * math.exp(rl)
                    if rs == 0.0:
                        und = t + 1
                        tend = t + 1
                        ymin = -np.inf
                        minstep = t + 1
                        final = -np.inf
                        live = False
                    else:
                        L += rl
                        sigma *= rs
                        BLOCK("renorm")
                        if EXPR("fast_ok") and K == 0:
                            lL = log_lr + (EXPR("dd") * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            BLOCK("w2q")
                            fast = EXPR("qsafe")
                            npneed += 1 if fast else 0
                BLOCK("store_step")
            nlive += 1 if live else 0
        if samp:
            ksamp += 1
            tsamp += b
        if nlive == 0:
            break
        t += 1
    for j in range(NLANE):
        i = blk * NLANE + j
        if i < npts:
            #LOAD final
            F[i, 0] = ymin if minstep >= 0 else np.nan
            F[i, 1] = final
            F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
            F[i, 3] = _sampled_slope(Y[j], b, tend, final, LATE_FRACTION, False)
            I[i, 0] = minstep
            I[i, 1] = spike
            I[i, 2] = div
            I[i, 3] = und
            I[i, 4] = tend
            I[i, 5] = ndeep


@njit(cache=True, parallel=True, error_model="numpy")
def NORMALIZED_KERNEL(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of {rule} {flags} (generated): fast scaled-float steps, sign/log fallback.

    Lanes of NLANE points, time loop outside, three passes per step: frame factors
    (powers of Lambda, scale-carrying parameters; scalar), the fast step's algebra and the
    reductions (branch-free: the pass LLVM vectorizes), then the rest of the step point by
    point (log|rho|, coupling ties, sign/log fallback). Every point's arithmetic is
    that of a point run alone. ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    nblk = (npts + NLANE - 1) // NLANE
    for blk in prange(nblk):
        _NORMALIZED_KERNEL_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)


def CUDA_KERNEL(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    # CUDA: one grid point per thread, the raw kernel's reductions (adamdyn.scale.gpu compiles it)
    i = cuda.grid(1)
    if i >= P.shape[0]:
        return
    b = (steps + 63) // 64 if steps > 0 else 1  # max(1, ...): numba.cuda cannot type the builtin max's overload
    Y = cuda.local.array(EXPR("nsamp"), float64)
    for k in range(EXPR("nsamp")):
        Y[k] = math.nan
    lr, n = BLOCK("params")
    BLOCK("pre")
    r_min = math.inf
    r_cn = -1.0
    r_cd = 1.0
    r_spike = _ax_of_loss(spike_log10, n)
    r_bound = _ax_of_loss(bound_log10 + math.log10(n), n)
    r_tiny = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
    r_deep = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
    k_min = -1
    k_spike = -1
    k_div = -1
    k_und = -1
    k_deep = 0
    x = x0
    ax = abs(x)
    gabs = _gpow(ax, n)
    g = math.copysign(gabs, x)
    BLOCK("init", g)
    t = 0
    while True:
        ax = abs(x)
        gabs = _gpow(ax, n)
        g = math.copysign(gabs, x)
        if t % b == 0:
            Y[t // b] = ax * gabs / n  # the loss: its log10 when fitted
        last = t == steps
        tf = float(t + 1)
        dirn = BLOCK("body", g, tf)
        cn, cd, uf = BLOCK("coupling", gabs)
        lower = ax < r_min
        if lower:
            r_min = ax
            k_min = t
        if (not lower) and k_spike < 0 and ax > r_min * r_spike:
            k_spike = t
        if cn * r_cd > r_cn * cd:
            r_cn = cn
            r_cd = cd
        if ax < r_deep:
            k_deep += 1
        bad = not (ax <= r_bound)
        und = (not bad) and (ax < r_tiny or uf)
        if bad:
            k_div = t
        if und:
            k_und = t
        if bad or und or last:
            break
        x = x - lr * dirn
        BLOCK("advance")
        t += 1
    ax = abs(x)
    fin = _log10(ax * _gpow(ax, n) / n)
    F[i, 0] = _log10(r_min * _gpow(r_min, n) / n) if k_min >= 0 else math.nan
    F[i, 1] = fin
    cr = r_cn / r_cd
    F[i, 2] = _log10(cr * cr) if r_cn >= 0.0 else math.nan
    F[i, 3] = _sampled_slope(Y, b, t, fin, LATE_FRACTION, True)
    I[i, 0] = k_min
    I[i, 1] = k_spike
    I[i, 2] = k_div
    I[i, 3] = k_und
    I[i, 4] = t
    I[i, 5] = k_deep


def CUDA_NORMALIZED_KERNEL(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, K):
    # CUDA: one grid point per thread, the CPU normalized kernel's sign/log step (its fallback and its TAIL mode,
    # printed by the same codegen._slog_step) and its reductions; TAIL receives the last K steps (K <= its size)
    i = cuda.grid(1)
    if i >= P.shape[0]:
        return
    b = (steps + 63) // 64 if steps > 0 else 1  # max(1, ...): numba.cuda cannot type the builtin max's overload
    Y = cuda.local.array(EXPR("nsamp"), float64)
    for k in range(EXPR("nsamp")):
        Y[k] = math.nan
    lr, n = BLOCK("params")
    log_lr = math.log(lr)
    log_n = math.log(n)
    L = math.log(abs(x0))
    sigma = 1.0 if x0 > 0.0 else -1.0
    BLOCK("pre")
    BLOCK("init")
    ymin = math.inf
    minstep = -1
    spike = -1
    div = -1
    und = -1
    cmq = 0.0
    cml = -math.inf
    final = math.nan
    ndeep = 0
    tend = 0
    ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
    t = 0
    tsamp = 0
    ksamp = 0
    while True:
        last = t == steps
        tf = float(t + 1)
        lL = log_lr + (EXPR("dd") * (n - 1.0) - 1.0) * L
        y = (n * L - log_n) / LN10
        bad = (not (abs(L) < math.inf)) or (y > bound_log10)
        lower = y < ymin
        if (not lower) and spike < 0 and y > ymin + spike_log10:
            spike = t
        if lower:
            ymin = y
            minstep = t
        if bad:
            div = t
        if y < ydeep:
            ndeep += 1
        final = y
        tend = t
        lg = (n - 1.0) * L
        BLOCK("body", tf, lg)
        dirl, dirs = EXPR("dir_l"), EXPR("dir_s")
        isbad = EXPR("bad")
        cq, cl = BLOCK("coupling")
        if isbad:
            div = t
        if _cwin(cq, cl, cmq, cml):
            cmq = cq
            cml = cl
        if t == tsamp:
            Y[ksamp] = final
            ksamp += 1
            tsamp += b
        if bad or last or isbad:
            break
        rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
        jt = t - (steps - K)
        if jt >= 0:
            scl = BLOCK("scale")
            TAIL[i, jt, 0] = (lL - scl) / LN10
            TAIL[i, jt, 1] = 1.0 - rs * math.exp(rl)
        if rs == 0.0:
            und = t + 1
            tend = t + 1
            ymin = -math.inf
            minstep = t + 1
            final = -math.inf
            break
        L += rl
        sigma *= rs
        BLOCK("renorm")
        t += 1
    F[i, 0] = ymin if minstep >= 0 else math.nan
    F[i, 1] = final
    F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else math.nan
    F[i, 3] = _sampled_slope(Y, b, tend, final, LATE_FRACTION, False)
    I[i, 0] = minstep
    I[i, 1] = spike
    I[i, 2] = div
    I[i, 3] = und
    I[i, 4] = tend
    I[i, 5] = ndeep
