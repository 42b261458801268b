'''Source templates for :mod:`adamdyn.kernels.codegen` (the rule-specific parts are filled in).

Output columns of every sweep kernel (one row per grid point):

``F``: 0 min log10 loss, 1 final log10 loss, 2 max log10 coupling, 3 late slope
(log10 loss per step: least squares over samples every ``b = ceil(steps/64)`` steps in
the last ``LATE_FRACTION`` (:data:`adamdyn.reductions.SWEEP_LATE_FRACTION`, 0.2) of the steps run
plus the last step, :func:`._slog._sampled_slope`).

Raw kernels run LANE points together: the time loop is outside, an inner loop over the
lane (state in small arrays, branch-free selects, no calls for integer n) is what LLVM
vectorizes; points that stop (divergence, underflow) are frozen by a mask and count
only the steps they ran. Per-step reductions compare |x| with per-point thresholds
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
'''

HEADER = '''"""GENERATED FILE -- do not edit. Regenerate with ``{command}``.

Numba sweep kernels generated from the optimizer rules in :mod:`adamdyn.rules`
by :mod:`adamdyn.kernels.codegen` (the rule's ``update`` evaluated with the
SYMPY backend and printed as float64 or sign/log source). One raw and one
normalized kernel per rule and per combination of its boolean parameters.
``tests/test_kernels.py`` checks that this text equals a fresh generation.
"""
# fmt: off
# ruff: noqa
import math

import numpy as np
from numba import njit, prange

from ._slog import (IPV_MAX, LN10, SAFE_HI, SAFE_LO, TINY, _ax_of_loss, _cwin, _fsign, _gpow, _ipow, _lnabs, _log10, _log_rho, _lpow, _q2w,
                    _cwv, _ipv, _safe, _safev, _sadd, _sampled_slope, _sdiv, _smul, _sof, _spow, _w2q, _xp)

#: points per lane (from :data:`._slog.LANE`; written here so that changing it changes this file
#: and so invalidates numba's cache of these kernels)
LANE = {lane}
#: points per lane of the normalized kernels (:data:`._slog.NLANE`)
NLANE = {nlane}
#: the late-slope window, the last fraction of the steps run (:data:`adamdyn.reductions.SWEEP_LATE_FRACTION`;
#: written here, as LANE, so that changing it changes this file and numba's cache of these kernels)
LATE_FRACTION = {late_fraction!r}
'''

RAW = '''

@njit(cache=True, parallel=True, error_model="numpy")
def {name}(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of {rule} {flags} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros({nw} * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
{params}
{pre}
{hstore}
            R[0, j] = np.inf
            R[1, j] = -1.0
            R[6, j] = 1.0
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[4, j] = -1
            uni = uni and n == H[{nrow}, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
{init}
            X[j] = x
        ni = int(H[{nrow}, 0])
        uni = uni and ni == H[{nrow}, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[{nrow}, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[4, j] < 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[{nrow}, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
{hload}
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
{sload}
{body}
{coupling}
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
                X[j] = x - lr * dirn if go else x
{sstore}
                K[4, j] = t if (act & (not go)) else K[4, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[{nrow}, j]
                te = int(K[4, j])
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                cr = R[1, j] / R[6, j]
                F[i, 2] = _log10(cr * cr) if R[1, j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(K[0, j])
                I[i, 1] = int(K[1, j])
                I[i, 2] = te if K[2, j] == 1 else -1
                I[i, 3] = te if K[2, j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(K[3, j])
'''

NORMALIZED = '''

@njit(cache=True, error_model="numpy")
def _{name}_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    \"\"\"One lane block of :func:`{name}` (its own function: numba's parallel passes then see a small loop body).\"\"\"
    W = np.zeros({nw} * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
{params}
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
{pre}
{init}
        lL = log_lr + ({dd} * (n - 1.0) - 1.0) * L
        elam = {dd} * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = {ipow} and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = {fast_ok} and K == 0
{qzero}
        if fast:
{w2q_init}
            fast = {qsafe}
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
{store_init}
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            {load_frame}
            if fast and live and (samp or {pneed}):
                lg = (n - 1.0) * L
                lL = log_lr + ({dd} * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
{frame}
{store_frame}
        npneed = 0
        for j in range(NLANE):
            {load_fast}
            lL = log_lr + ({dd} * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
{fbody}
            okv = fast & live & {okv}
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
            {fcoupling}
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
{fpow}
            qok = {qsafev}
            npneed += 1 if okv & (not stopv) & ({pneedv}) else 0
{store_fast}
        nlive = 0
        for j in range(NLANE):
            live = {ld[live]}
            okv = {ld[okv]}
            if live and okv:
                {load_okstep}
                lL = log_lr + ({dd} * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    #LOAD
                    {fcoupling}
                    if _cwin(cq, cl, cmq, cml):
                        {st[cmq]} = cq
                        {st[cml]} = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    {st[live]} = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        {st[und]} = float(t + 1)
                        {st[tend]} = float(t + 1)
                        {st[ymin]} = -np.inf
                        {st[minstep]} = float(t + 1)
                        {st[final]} = -np.inf
                        live = False
                        {st[live]} = 0.0
                    else:
                        {st[L]} = L + rl
                        {st[sigma]} = sigma * rs
                        if not ipow:
                            #LOAD
                            lamf *= _xp(elam * rl)
{fxpow}
{store_xpow}
                        if not (qok if ipow else ({qsafe})):
                            #LOAD
{fback}
{store_back}
                            {st[fast]} = 0.0
            elif live:
                {load_slowstep}
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + ({dd} * (n - 1.0) - 1.0) * L
                if fast:
{q2w}
                    fast = False
{body}
                dirl, dirs = {dir_l}, {dir_s}
                isbad = {bad}
                {coupling}
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
{scale}
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
{renorm}
                        if {fast_ok} and K == 0:
                            lL = log_lr + ({dd} * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
{w2q}
                            fast = {qsafe}
                            npneed += 1 if fast else 0
{store_step}
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
            {load_final}
            F[i, 0] = ymin if minstep >= 0 else np.nan
            F[i, 1] = final
            F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
            F[i, 3] = _sampled_slope(Y[j], b, tend, final, LATE_FRACTION)
            I[i, 0] = minstep
            I[i, 1] = spike
            I[i, 2] = div
            I[i, 3] = und
            I[i, 4] = tend
            I[i, 5] = ndeep


@njit(cache=True, parallel=True, error_model="numpy")
def {name}(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    \"\"\"Normalized sweep of {rule} {flags} (generated): fast scaled-float steps, sign/log fallback.

    Lanes of NLANE points, time loop outside, three passes per step: frame factors
    (powers of Lambda, scale-carrying parameters; scalar), the fast step's algebra and the
    reductions (branch-free: the pass LLVM vectorizes), then the rest of the step point by
    point (log|rho|, coupling ties, sign/log fallback). Every point's arithmetic is
    that of a point run alone. ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    \"\"\"
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    nblk = (npts + NLANE - 1) // NLANE
    for blk in prange(nblk):
        _{name}_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)
'''
