"""GENERATED FILE -- do not edit. Regenerate with ``python -m adamdyn.kernels.codegen``.

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
LANE = 64
#: points per lane of the normalized kernels (:data:`._slog.NLANE`)
NLANE = 8
#: the late-slope window, the last fraction of the steps run (:data:`adamdyn.reductions.SWEEP_LATE_FRACTION`;
#: written here, as LANE, so that changing it changes this file and numba's cache of these kernels)
LATE_FRACTION = 0.2



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adabelief_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adabelief {'bias_correction': False} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(25 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta1 = P[i, 1]
            beta2 = P[i, 2]
            eps = P[i, 3]
            n = P[i, 4]
            _f1 = -(beta1)
            _f2 = 1.0 + _f1
            _f10 = -(beta2)
            _f11 = 1.0 + _f10
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta1
            W[2 * LANE + j] = beta2
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = n
            W[5 * LANE + j] = _f1
            W[6 * LANE + j] = _f2
            W[7 * LANE + j] = _f10
            W[8 * LANE + j] = _f11
            W[13 * LANE + j] = np.inf
            W[14 * LANE + j] = -1.0
            W[19 * LANE + j] = 1.0
            W[15 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[16 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[17 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[18 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[20 * LANE + j] = -1
            W[21 * LANE + j] = -1
            W[24 * LANE + j] = -1
            uni = uni and n == W[4 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[11 * LANE + j] = 0.0
            W[12 * LANE + j] = 0.0
            W[9 * LANE + j] = x
        ni = int(W[4 * LANE + 0])
        uni = uni and ni == W[4 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[10 * LANE + j] = abs(W[9 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[10 * LANE + j] *= abs(W[9 * LANE + j])
            else:
                for j in range(LANE):
                    W[10 * LANE + j] = _gpow(abs(W[9 * LANE + j]), W[4 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[24 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[9 * LANE + j]) * W[10 * LANE + j] / W[4 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta1 = W[1 * LANE + j]
                beta2 = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                n = W[4 * LANE + j]
                _f1 = W[5 * LANE + j]
                _f2 = W[6 * LANE + j]
                _f10 = W[7 * LANE + j]
                _f11 = W[8 * LANE + j]
                x = W[9 * LANE + j]
                ax = abs(x)
                gabs = W[10 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[11 * LANE + j]
                s1 = W[12 * LANE + j]
                _f0 = beta1 * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta2 * s1
                _f6 = -(beta1 * s0)
                _f7 = -(g * _f2)
                _f8 = g + _f6 + _f7
                _f9 = _f8 * _f8
                _f12 = _f9 * _f11
                _f13 = eps + _f5 + _f12
                _f14 = math.sqrt(_f13)
                _f15 = eps + _f14
                _f16 = (_f4) / (_f15)
                s0n = _f4
                s1n = _f13
                dirn = _f16
                cn = math.sqrt(s1n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[24 * LANE + j] < 0
                lower = act & (ax < W[13 * LANE + j])
                W[13 * LANE + j] = ax if lower else W[13 * LANE + j]
                W[20 * LANE + j] = t if lower else W[20 * LANE + j]
                spk = act & (not lower) & (W[21 * LANE + j] < 0) & (ax > W[13 * LANE + j] * W[15 * LANE + j])
                W[21 * LANE + j] = t if spk else W[21 * LANE + j]
                up = act & (cn * W[19 * LANE + j] > W[14 * LANE + j] * cd)
                W[14 * LANE + j] = cn if up else W[14 * LANE + j]
                W[19 * LANE + j] = cd if up else W[19 * LANE + j]
                W[23 * LANE + j] += 1 if (act & (ax < W[18 * LANE + j])) else 0
                bad = act & (not (ax <= W[16 * LANE + j]))
                und = act & (not bad) & ((ax < W[17 * LANE + j]) | uf)
                W[22 * LANE + j] = 1 if bad else (2 if und else W[22 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[9 * LANE + j] = x - lr * dirn if go else x
                W[11 * LANE + j] = s0n if go else s0
                W[12 * LANE + j] = s1n if go else s1
                W[24 * LANE + j] = t if (act & (not go)) else W[24 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[4 * LANE + j]
                te = int(W[24 * LANE + j])
                ax = abs(W[9 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[13 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[20 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[14 * LANE + j] / W[19 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[14 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[20 * LANE + j])
                I[i, 1] = int(W[21 * LANE + j])
                I[i, 2] = te if W[22 * LANE + j] == 1 else -1
                I[i, 3] = te if W[22 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[23 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_adabelief_0_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_adabelief_0` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(66 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta1)
        _f1 = 1.0 + _f0
        _f2 = -(beta2)
        _f3 = 1.0 + _f2
        _g0 = -(beta1)
        _g1 = 1.0 + _g0
        _g2 = -(beta2)
        _g3 = 1.0 + _g2
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = 2.0
        e1 = -(n - 1.0) * (2.0) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta1)
        _l2, _l2s = _sof(_f1)
        _l5, _l5s = _sof(beta2)
        _l15, _l15s = _sof(_f3)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = _l10000, _l10000s
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta1
        W[2 * NLANE + j] = beta2
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = n
        W[5 * NLANE + j] = log_lr
        W[6 * NLANE + j] = log_n
        W[7 * NLANE + j] = elam
        W[8 * NLANE + j] = ydeep
        W[9 * NLANE + j] = float(ielam)
        W[10 * NLANE + j] = 1.0 if ipow else 0.0
        W[11 * NLANE + j] = _f0
        W[12 * NLANE + j] = _f1
        W[13 * NLANE + j] = _f2
        W[14 * NLANE + j] = _f3
        W[15 * NLANE + j] = _g0
        W[16 * NLANE + j] = _g1
        W[17 * NLANE + j] = _g2
        W[18 * NLANE + j] = _g3
        W[19 * NLANE + j] = kq0
        W[20 * NLANE + j] = e0
        W[21 * NLANE + j] = float(ie0)
        W[22 * NLANE + j] = kq1
        W[23 * NLANE + j] = e1
        W[24 * NLANE + j] = float(ie1)
        W[25 * NLANE + j] = _l0
        W[26 * NLANE + j] = _l0s
        W[27 * NLANE + j] = _l2
        W[28 * NLANE + j] = _l2s
        W[29 * NLANE + j] = _l5
        W[30 * NLANE + j] = _l5s
        W[31 * NLANE + j] = _l15
        W[32 * NLANE + j] = _l15s
        W[33 * NLANE + j] = eps_l0
        W[34 * NLANE + j] = eps_fs
        W[35 * NLANE + j] = L
        W[36 * NLANE + j] = sigma
        W[37 * NLANE + j] = lamf
        W[38 * NLANE + j] = ymin
        W[39 * NLANE + j] = cmq
        W[40 * NLANE + j] = cml
        W[41 * NLANE + j] = final
        W[42 * NLANE + j] = lad
        W[43 * NLANE + j] = float(tend)
        W[44 * NLANE + j] = float(minstep)
        W[45 * NLANE + j] = float(spike)
        W[46 * NLANE + j] = float(div)
        W[47 * NLANE + j] = float(und)
        W[48 * NLANE + j] = float(ndeep)
        W[49 * NLANE + j] = 1.0 if fast else 0.0
        W[50 * NLANE + j] = 1.0 if live else 0.0
        W[51 * NLANE + j] = 1.0 if okv else 0.0
        W[52 * NLANE + j] = 1.0 if stopv else 0.0
        W[53 * NLANE + j] = 1.0 if qok else 0.0
        W[54 * NLANE + j] = cw
        W[55 * NLANE + j] = q0
        W[56 * NLANE + j] = qn0
        W[57 * NLANE + j] = w0
        W[58 * NLANE + j] = q1
        W[59 * NLANE + j] = qn1
        W[60 * NLANE + j] = w1
        W[61 * NLANE + j] = w0s
        W[62 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            eps_l0 = W[33 * NLANE + j]
            eps_fs = W[34 * NLANE + j]
            L = W[35 * NLANE + j]
            lamf = W[37 * NLANE + j]
            fast = W[49 * NLANE + j] != 0.0
            live = W[50 * NLANE + j] != 0.0
            _q9 = W[63 * NLANE + j]
            _q10 = W[64 * NLANE + j]
            _q14 = W[65 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q9 = eps_fs * _xp(eps_l0 - (1.0) * lg - (2.0) * lL)
                _q10 = _lpow(lamf, lL, -2)
                _q14 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
            W[37 * NLANE + j] = lamf
            W[63 * NLANE + j] = _q9
            W[64 * NLANE + j] = _q10
            W[65 * NLANE + j] = _q14
        npneed = 0
        for j in range(NLANE):
            beta1 = W[1 * NLANE + j]
            beta2 = W[2 * NLANE + j]
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            log_n = W[6 * NLANE + j]
            ydeep = W[8 * NLANE + j]
            ielam = int(W[9 * NLANE + j])
            ipow = W[10 * NLANE + j] != 0.0
            _g1 = W[16 * NLANE + j]
            _g3 = W[18 * NLANE + j]
            ie0 = int(W[21 * NLANE + j])
            kq1 = W[22 * NLANE + j]
            ie1 = int(W[24 * NLANE + j])
            eps_fs = W[34 * NLANE + j]
            L = W[35 * NLANE + j]
            sigma = W[36 * NLANE + j]
            lamf = W[37 * NLANE + j]
            ymin = W[38 * NLANE + j]
            cmq = W[39 * NLANE + j]
            cml = W[40 * NLANE + j]
            final = W[41 * NLANE + j]
            lad = W[42 * NLANE + j]
            tend = int(W[43 * NLANE + j])
            minstep = int(W[44 * NLANE + j])
            spike = int(W[45 * NLANE + j])
            div = int(W[46 * NLANE + j])
            ndeep = int(W[48 * NLANE + j])
            fast = W[49 * NLANE + j] != 0.0
            live = W[50 * NLANE + j] != 0.0
            okv = W[51 * NLANE + j] != 0.0
            stopv = W[52 * NLANE + j] != 0.0
            qok = W[53 * NLANE + j] != 0.0
            cw = W[54 * NLANE + j]
            q0 = W[55 * NLANE + j]
            qn0 = W[56 * NLANE + j]
            q1 = W[58 * NLANE + j]
            qn1 = W[59 * NLANE + j]
            _q9 = W[63 * NLANE + j]
            _q10 = W[64 * NLANE + j]
            _q14 = W[65 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q10 = _ipv(lamf, ilamf, -2) if lamin else _q10
            _q0 = beta1 * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta2 * q1
            _q4 = -(beta1 * q0)
            _q5 = -(sigma * _g1)
            _q6 = sigma + _q4 + _q5
            _q7 = _q6 * _q6
            _q8 = _q7 * _g3
            _q11 = _q8 * _q10
            _q12 = _q9 + _q3 + _q11
            _q13 = math.sqrt(_q12)
            _q15 = _q14 + _q13
            _q16 = (_q2) / (_q15)
            qn0 = _q2
            qn1 = _q12
            lad = _q16
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[56 * NLANE + j] = qn0
            W[59 * NLANE + j] = qn1
            W[55 * NLANE + j] = q0
            W[58 * NLANE + j] = q1
            W[42 * NLANE + j] = lad
            W[51 * NLANE + j] = 1.0 if okv else 0.0
            W[38 * NLANE + j] = ymin
            W[44 * NLANE + j] = float(minstep)
            W[45 * NLANE + j] = float(spike)
            W[46 * NLANE + j] = float(div)
            W[48 * NLANE + j] = float(ndeep)
            W[41 * NLANE + j] = final
            W[43 * NLANE + j] = float(tend)
            W[37 * NLANE + j] = lamf
            W[52 * NLANE + j] = 1.0 if stopv else 0.0
            W[53 * NLANE + j] = 1.0 if qok else 0.0
            W[54 * NLANE + j] = cw
            W[39 * NLANE + j] = cmq
            W[40 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[50 * NLANE + j] != 0.0
            okv = W[51 * NLANE + j] != 0.0
            if live and okv:
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                ipow = W[10 * NLANE + j] != 0.0
                L = W[35 * NLANE + j]
                sigma = W[36 * NLANE + j]
                final = W[41 * NLANE + j]
                lad = W[42 * NLANE + j]
                live = W[50 * NLANE + j] != 0.0
                stopv = W[52 * NLANE + j] != 0.0
                qok = W[53 * NLANE + j] != 0.0
                cw = W[54 * NLANE + j]
                q0 = W[55 * NLANE + j]
                q1 = W[58 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[22 * NLANE + j]
                    cmq = W[39 * NLANE + j]
                    cml = W[40 * NLANE + j]
                    qn1 = W[59 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[39 * NLANE + j] = cq
                        W[40 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[50 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[47 * NLANE + j] = float(t + 1)
                        W[43 * NLANE + j] = float(t + 1)
                        W[38 * NLANE + j] = -np.inf
                        W[44 * NLANE + j] = float(t + 1)
                        W[41 * NLANE + j] = -np.inf
                        live = False
                        W[50 * NLANE + j] = 0.0
                    else:
                        W[35 * NLANE + j] = L + rl
                        W[36 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[7 * NLANE + j]
                            e0 = W[20 * NLANE + j]
                            e1 = W[23 * NLANE + j]
                            lamf = W[37 * NLANE + j]
                            q0 = W[55 * NLANE + j]
                            qn0 = W[56 * NLANE + j]
                            q1 = W[58 * NLANE + j]
                            qn1 = W[59 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[37 * NLANE + j] = lamf
                            W[55 * NLANE + j] = q0
                            W[58 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            n = W[4 * NLANE + j]
                            kq0 = W[19 * NLANE + j]
                            kq1 = W[22 * NLANE + j]
                            qn0 = W[56 * NLANE + j]
                            w0 = W[57 * NLANE + j]
                            qn1 = W[59 * NLANE + j]
                            w1 = W[60 * NLANE + j]
                            w0s = W[61 * NLANE + j]
                            w1s = W[62 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (2.0) * rl
                            W[57 * NLANE + j] = w0
                            W[60 * NLANE + j] = w1
                            W[61 * NLANE + j] = w0s
                            W[62 * NLANE + j] = w1s
                            W[49 * NLANE + j] = 0.0
            elif live:
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                kq0 = W[19 * NLANE + j]
                kq1 = W[22 * NLANE + j]
                _l0 = W[25 * NLANE + j]
                _l0s = W[26 * NLANE + j]
                _l2 = W[27 * NLANE + j]
                _l2s = W[28 * NLANE + j]
                _l5 = W[29 * NLANE + j]
                _l5s = W[30 * NLANE + j]
                _l15 = W[31 * NLANE + j]
                _l15s = W[32 * NLANE + j]
                eps_l0 = W[33 * NLANE + j]
                eps_fs = W[34 * NLANE + j]
                L = W[35 * NLANE + j]
                sigma = W[36 * NLANE + j]
                lamf = W[37 * NLANE + j]
                ymin = W[38 * NLANE + j]
                cmq = W[39 * NLANE + j]
                cml = W[40 * NLANE + j]
                final = W[41 * NLANE + j]
                tend = int(W[43 * NLANE + j])
                minstep = int(W[44 * NLANE + j])
                spike = int(W[45 * NLANE + j])
                div = int(W[46 * NLANE + j])
                und = int(W[47 * NLANE + j])
                ndeep = int(W[48 * NLANE + j])
                fast = W[49 * NLANE + j] != 0.0
                live = W[50 * NLANE + j] != 0.0
                stopv = W[52 * NLANE + j] != 0.0
                q0 = W[55 * NLANE + j]
                w0 = W[57 * NLANE + j]
                q1 = W[58 * NLANE + j]
                w1 = W[60 * NLANE + j]
                w0s = W[61 * NLANE + j]
                w1s = W[62 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (1.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l6, _l6s = _smul(_l5, _l5s, w1, w1s)
                _l7, _l7s = _sadd(eps_fl, eps_fs, _l6, _l6s)
                _l8, _l8s = _smul(_l0, _l0s, w0, w0s)
                _l9, _l9s = _l8, -_l8s
                _l10, _l10s = _sadd(0.0, sigma, _l9, _l9s)
                _l11, _l11s = _smul(0.0, sigma, _l2, _l2s)
                _l12, _l12s = _l11, -_l11s
                _l13, _l13s = _sadd(_l10, _l10s, _l12, _l12s)
                _l14, _l14s = _spow(_l13, _l13s, 2.0)
                _l16, _l16s = _smul(_l14, _l14s, _l15, _l15s)
                _l17, _l17s = _sadd(_l7, _l7s, _l16, _l16s)
                _l18, _l18s = _spow(_l17, _l17s, 0.5)
                _l19, _l19s = _sadd(eps_fl, eps_fs, _l18, _l18s)
                _l20, _l20s = _sdiv(_l4, _l4s, _l19, _l19s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l17, _l17s
                dirl, dirs = _l20, _l20s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                        _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                        scl = _l20001
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (2.0) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[35 * NLANE + j] = L
                W[36 * NLANE + j] = sigma
                W[37 * NLANE + j] = lamf
                W[38 * NLANE + j] = ymin
                W[39 * NLANE + j] = cmq
                W[40 * NLANE + j] = cml
                W[41 * NLANE + j] = final
                W[43 * NLANE + j] = float(tend)
                W[44 * NLANE + j] = float(minstep)
                W[45 * NLANE + j] = float(spike)
                W[46 * NLANE + j] = float(div)
                W[47 * NLANE + j] = float(und)
                W[48 * NLANE + j] = float(ndeep)
                W[49 * NLANE + j] = 1.0 if fast else 0.0
                W[50 * NLANE + j] = 1.0 if live else 0.0
                W[55 * NLANE + j] = q0
                W[57 * NLANE + j] = w0
                W[58 * NLANE + j] = q1
                W[60 * NLANE + j] = w1
                W[61 * NLANE + j] = w0s
                W[62 * NLANE + j] = w1s
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
            ymin = W[38 * NLANE + j]
            cmq = W[39 * NLANE + j]
            cml = W[40 * NLANE + j]
            final = W[41 * NLANE + j]
            tend = int(W[43 * NLANE + j])
            minstep = int(W[44 * NLANE + j])
            spike = int(W[45 * NLANE + j])
            div = int(W[46 * NLANE + j])
            und = int(W[47 * NLANE + j])
            ndeep = int(W[48 * NLANE + j])
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
def normalized_adabelief_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adabelief {'bias_correction': False} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_adabelief_0_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adabelief_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adabelief {'bias_correction': True} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(25 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta1 = P[i, 1]
            beta2 = P[i, 2]
            eps = P[i, 3]
            n = P[i, 4]
            _f1 = -(beta1)
            _f2 = 1.0 + _f1
            _f10 = -(beta2)
            _f11 = 1.0 + _f10
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta1
            W[2 * LANE + j] = beta2
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = n
            W[5 * LANE + j] = _f1
            W[6 * LANE + j] = _f2
            W[7 * LANE + j] = _f10
            W[8 * LANE + j] = _f11
            W[13 * LANE + j] = np.inf
            W[14 * LANE + j] = -1.0
            W[19 * LANE + j] = 1.0
            W[15 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[16 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[17 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[18 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[20 * LANE + j] = -1
            W[21 * LANE + j] = -1
            W[24 * LANE + j] = -1
            uni = uni and n == W[4 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[11 * LANE + j] = 0.0
            W[12 * LANE + j] = 0.0
            W[9 * LANE + j] = x
        ni = int(W[4 * LANE + 0])
        uni = uni and ni == W[4 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[10 * LANE + j] = abs(W[9 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[10 * LANE + j] *= abs(W[9 * LANE + j])
            else:
                for j in range(LANE):
                    W[10 * LANE + j] = _gpow(abs(W[9 * LANE + j]), W[4 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[24 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[9 * LANE + j]) * W[10 * LANE + j] / W[4 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta1 = W[1 * LANE + j]
                beta2 = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                n = W[4 * LANE + j]
                _f1 = W[5 * LANE + j]
                _f2 = W[6 * LANE + j]
                _f10 = W[7 * LANE + j]
                _f11 = W[8 * LANE + j]
                x = W[9 * LANE + j]
                ax = abs(x)
                gabs = W[10 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[11 * LANE + j]
                s1 = W[12 * LANE + j]
                _f0 = beta1 * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta2 * s1
                _f6 = -(beta1 * s0)
                _f7 = -(g * _f2)
                _f8 = g + _f6 + _f7
                _f9 = _f8 * _f8
                _f12 = _f9 * _f11
                _f13 = eps + _f5 + _f12
                _f14 = beta1 ** tf
                _f15 = -(_f14)
                _f16 = 1.0 + _f15
                _f17 = beta2 ** tf
                _f18 = -(_f17)
                _f19 = 1.0 + _f18
                _f20 = (_f13) / (_f19)
                _f21 = math.sqrt(_f20)
                _f22 = eps + _f21
                _f23 = (_f4) / (_f16 * _f22)
                s0n = _f4
                s1n = _f13
                dirn = _f23
                cn = math.sqrt(s1n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[24 * LANE + j] < 0
                lower = act & (ax < W[13 * LANE + j])
                W[13 * LANE + j] = ax if lower else W[13 * LANE + j]
                W[20 * LANE + j] = t if lower else W[20 * LANE + j]
                spk = act & (not lower) & (W[21 * LANE + j] < 0) & (ax > W[13 * LANE + j] * W[15 * LANE + j])
                W[21 * LANE + j] = t if spk else W[21 * LANE + j]
                up = act & (cn * W[19 * LANE + j] > W[14 * LANE + j] * cd)
                W[14 * LANE + j] = cn if up else W[14 * LANE + j]
                W[19 * LANE + j] = cd if up else W[19 * LANE + j]
                W[23 * LANE + j] += 1 if (act & (ax < W[18 * LANE + j])) else 0
                bad = act & (not (ax <= W[16 * LANE + j]))
                und = act & (not bad) & ((ax < W[17 * LANE + j]) | uf)
                W[22 * LANE + j] = 1 if bad else (2 if und else W[22 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[9 * LANE + j] = x - lr * dirn if go else x
                W[11 * LANE + j] = s0n if go else s0
                W[12 * LANE + j] = s1n if go else s1
                W[24 * LANE + j] = t if (act & (not go)) else W[24 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[4 * LANE + j]
                te = int(W[24 * LANE + j])
                ax = abs(W[9 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[13 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[20 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[14 * LANE + j] / W[19 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[14 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[20 * LANE + j])
                I[i, 1] = int(W[21 * LANE + j])
                I[i, 2] = te if W[22 * LANE + j] == 1 else -1
                I[i, 3] = te if W[22 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[23 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_adabelief_1_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_adabelief_1` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(66 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta1)
        _f1 = 1.0 + _f0
        _f2 = -(beta2)
        _f3 = 1.0 + _f2
        _g0 = -(beta1)
        _g1 = 1.0 + _g0
        _g2 = -(beta2)
        _g3 = 1.0 + _g2
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = 2.0
        e1 = -(n - 1.0) * (2.0) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta1)
        _l2, _l2s = _sof(_f1)
        _l5, _l5s = _sof(beta2)
        _l15, _l15s = _sof(_f3)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = _l10000, _l10000s
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta1
        W[2 * NLANE + j] = beta2
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = n
        W[5 * NLANE + j] = log_lr
        W[6 * NLANE + j] = log_n
        W[7 * NLANE + j] = elam
        W[8 * NLANE + j] = ydeep
        W[9 * NLANE + j] = float(ielam)
        W[10 * NLANE + j] = 1.0 if ipow else 0.0
        W[11 * NLANE + j] = _f0
        W[12 * NLANE + j] = _f1
        W[13 * NLANE + j] = _f2
        W[14 * NLANE + j] = _f3
        W[15 * NLANE + j] = _g0
        W[16 * NLANE + j] = _g1
        W[17 * NLANE + j] = _g2
        W[18 * NLANE + j] = _g3
        W[19 * NLANE + j] = kq0
        W[20 * NLANE + j] = e0
        W[21 * NLANE + j] = float(ie0)
        W[22 * NLANE + j] = kq1
        W[23 * NLANE + j] = e1
        W[24 * NLANE + j] = float(ie1)
        W[25 * NLANE + j] = _l0
        W[26 * NLANE + j] = _l0s
        W[27 * NLANE + j] = _l2
        W[28 * NLANE + j] = _l2s
        W[29 * NLANE + j] = _l5
        W[30 * NLANE + j] = _l5s
        W[31 * NLANE + j] = _l15
        W[32 * NLANE + j] = _l15s
        W[33 * NLANE + j] = eps_l0
        W[34 * NLANE + j] = eps_fs
        W[35 * NLANE + j] = L
        W[36 * NLANE + j] = sigma
        W[37 * NLANE + j] = lamf
        W[38 * NLANE + j] = ymin
        W[39 * NLANE + j] = cmq
        W[40 * NLANE + j] = cml
        W[41 * NLANE + j] = final
        W[42 * NLANE + j] = lad
        W[43 * NLANE + j] = float(tend)
        W[44 * NLANE + j] = float(minstep)
        W[45 * NLANE + j] = float(spike)
        W[46 * NLANE + j] = float(div)
        W[47 * NLANE + j] = float(und)
        W[48 * NLANE + j] = float(ndeep)
        W[49 * NLANE + j] = 1.0 if fast else 0.0
        W[50 * NLANE + j] = 1.0 if live else 0.0
        W[51 * NLANE + j] = 1.0 if okv else 0.0
        W[52 * NLANE + j] = 1.0 if stopv else 0.0
        W[53 * NLANE + j] = 1.0 if qok else 0.0
        W[54 * NLANE + j] = cw
        W[55 * NLANE + j] = q0
        W[56 * NLANE + j] = qn0
        W[57 * NLANE + j] = w0
        W[58 * NLANE + j] = q1
        W[59 * NLANE + j] = qn1
        W[60 * NLANE + j] = w1
        W[61 * NLANE + j] = w0s
        W[62 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            eps_l0 = W[33 * NLANE + j]
            eps_fs = W[34 * NLANE + j]
            L = W[35 * NLANE + j]
            lamf = W[37 * NLANE + j]
            fast = W[49 * NLANE + j] != 0.0
            live = W[50 * NLANE + j] != 0.0
            _q9 = W[63 * NLANE + j]
            _q10 = W[64 * NLANE + j]
            _q15 = W[65 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q9 = eps_fs * _xp(eps_l0 - (1.0) * lg - (2.0) * lL)
                _q10 = _lpow(lamf, lL, -2)
                _q15 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
            W[37 * NLANE + j] = lamf
            W[63 * NLANE + j] = _q9
            W[64 * NLANE + j] = _q10
            W[65 * NLANE + j] = _q15
        npneed = 0
        for j in range(NLANE):
            beta1 = W[1 * NLANE + j]
            beta2 = W[2 * NLANE + j]
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            log_n = W[6 * NLANE + j]
            ydeep = W[8 * NLANE + j]
            ielam = int(W[9 * NLANE + j])
            ipow = W[10 * NLANE + j] != 0.0
            _g1 = W[16 * NLANE + j]
            _g3 = W[18 * NLANE + j]
            ie0 = int(W[21 * NLANE + j])
            kq1 = W[22 * NLANE + j]
            ie1 = int(W[24 * NLANE + j])
            eps_fs = W[34 * NLANE + j]
            L = W[35 * NLANE + j]
            sigma = W[36 * NLANE + j]
            lamf = W[37 * NLANE + j]
            ymin = W[38 * NLANE + j]
            cmq = W[39 * NLANE + j]
            cml = W[40 * NLANE + j]
            final = W[41 * NLANE + j]
            lad = W[42 * NLANE + j]
            tend = int(W[43 * NLANE + j])
            minstep = int(W[44 * NLANE + j])
            spike = int(W[45 * NLANE + j])
            div = int(W[46 * NLANE + j])
            ndeep = int(W[48 * NLANE + j])
            fast = W[49 * NLANE + j] != 0.0
            live = W[50 * NLANE + j] != 0.0
            okv = W[51 * NLANE + j] != 0.0
            stopv = W[52 * NLANE + j] != 0.0
            qok = W[53 * NLANE + j] != 0.0
            cw = W[54 * NLANE + j]
            q0 = W[55 * NLANE + j]
            qn0 = W[56 * NLANE + j]
            q1 = W[58 * NLANE + j]
            qn1 = W[59 * NLANE + j]
            _q9 = W[63 * NLANE + j]
            _q10 = W[64 * NLANE + j]
            _q15 = W[65 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q10 = _ipv(lamf, ilamf, -2) if lamin else _q10
            _q0 = beta1 * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta2 * q1
            _q4 = -(beta1 * q0)
            _q5 = -(sigma * _g1)
            _q6 = sigma + _q4 + _q5
            _q7 = _q6 * _q6
            _q8 = _q7 * _g3
            _q11 = _q8 * _q10
            _q12 = _q9 + _q3 + _q11
            _g4 = beta1 ** tf
            _g5 = -(_g4)
            _g6 = 1.0 + _g5
            _g7 = beta2 ** tf
            _g8 = -(_g7)
            _g9 = 1.0 + _g8
            _q13 = (_q12) / (_g9)
            _q14 = math.sqrt(_q13)
            _q16 = _q15 + _q14
            _q17 = (_q2) / (_g6 * _q16)
            qn0 = _q2
            qn1 = _q12
            lad = _q17
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[56 * NLANE + j] = qn0
            W[59 * NLANE + j] = qn1
            W[55 * NLANE + j] = q0
            W[58 * NLANE + j] = q1
            W[42 * NLANE + j] = lad
            W[51 * NLANE + j] = 1.0 if okv else 0.0
            W[38 * NLANE + j] = ymin
            W[44 * NLANE + j] = float(minstep)
            W[45 * NLANE + j] = float(spike)
            W[46 * NLANE + j] = float(div)
            W[48 * NLANE + j] = float(ndeep)
            W[41 * NLANE + j] = final
            W[43 * NLANE + j] = float(tend)
            W[37 * NLANE + j] = lamf
            W[52 * NLANE + j] = 1.0 if stopv else 0.0
            W[53 * NLANE + j] = 1.0 if qok else 0.0
            W[54 * NLANE + j] = cw
            W[39 * NLANE + j] = cmq
            W[40 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[50 * NLANE + j] != 0.0
            okv = W[51 * NLANE + j] != 0.0
            if live and okv:
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                ipow = W[10 * NLANE + j] != 0.0
                L = W[35 * NLANE + j]
                sigma = W[36 * NLANE + j]
                final = W[41 * NLANE + j]
                lad = W[42 * NLANE + j]
                live = W[50 * NLANE + j] != 0.0
                stopv = W[52 * NLANE + j] != 0.0
                qok = W[53 * NLANE + j] != 0.0
                cw = W[54 * NLANE + j]
                q0 = W[55 * NLANE + j]
                q1 = W[58 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[22 * NLANE + j]
                    cmq = W[39 * NLANE + j]
                    cml = W[40 * NLANE + j]
                    qn1 = W[59 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[39 * NLANE + j] = cq
                        W[40 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[50 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[47 * NLANE + j] = float(t + 1)
                        W[43 * NLANE + j] = float(t + 1)
                        W[38 * NLANE + j] = -np.inf
                        W[44 * NLANE + j] = float(t + 1)
                        W[41 * NLANE + j] = -np.inf
                        live = False
                        W[50 * NLANE + j] = 0.0
                    else:
                        W[35 * NLANE + j] = L + rl
                        W[36 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[7 * NLANE + j]
                            e0 = W[20 * NLANE + j]
                            e1 = W[23 * NLANE + j]
                            lamf = W[37 * NLANE + j]
                            q0 = W[55 * NLANE + j]
                            qn0 = W[56 * NLANE + j]
                            q1 = W[58 * NLANE + j]
                            qn1 = W[59 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[37 * NLANE + j] = lamf
                            W[55 * NLANE + j] = q0
                            W[58 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            n = W[4 * NLANE + j]
                            kq0 = W[19 * NLANE + j]
                            kq1 = W[22 * NLANE + j]
                            qn0 = W[56 * NLANE + j]
                            w0 = W[57 * NLANE + j]
                            qn1 = W[59 * NLANE + j]
                            w1 = W[60 * NLANE + j]
                            w0s = W[61 * NLANE + j]
                            w1s = W[62 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (2.0) * rl
                            W[57 * NLANE + j] = w0
                            W[60 * NLANE + j] = w1
                            W[61 * NLANE + j] = w0s
                            W[62 * NLANE + j] = w1s
                            W[49 * NLANE + j] = 0.0
            elif live:
                beta1 = W[1 * NLANE + j]
                beta2 = W[2 * NLANE + j]
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                kq0 = W[19 * NLANE + j]
                kq1 = W[22 * NLANE + j]
                _l0 = W[25 * NLANE + j]
                _l0s = W[26 * NLANE + j]
                _l2 = W[27 * NLANE + j]
                _l2s = W[28 * NLANE + j]
                _l5 = W[29 * NLANE + j]
                _l5s = W[30 * NLANE + j]
                _l15 = W[31 * NLANE + j]
                _l15s = W[32 * NLANE + j]
                eps_l0 = W[33 * NLANE + j]
                eps_fs = W[34 * NLANE + j]
                L = W[35 * NLANE + j]
                sigma = W[36 * NLANE + j]
                lamf = W[37 * NLANE + j]
                ymin = W[38 * NLANE + j]
                cmq = W[39 * NLANE + j]
                cml = W[40 * NLANE + j]
                final = W[41 * NLANE + j]
                tend = int(W[43 * NLANE + j])
                minstep = int(W[44 * NLANE + j])
                spike = int(W[45 * NLANE + j])
                div = int(W[46 * NLANE + j])
                und = int(W[47 * NLANE + j])
                ndeep = int(W[48 * NLANE + j])
                fast = W[49 * NLANE + j] != 0.0
                live = W[50 * NLANE + j] != 0.0
                stopv = W[52 * NLANE + j] != 0.0
                q0 = W[55 * NLANE + j]
                w0 = W[57 * NLANE + j]
                q1 = W[58 * NLANE + j]
                w1 = W[60 * NLANE + j]
                w0s = W[61 * NLANE + j]
                w1s = W[62 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (1.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l6, _l6s = _smul(_l5, _l5s, w1, w1s)
                _l7, _l7s = _sadd(eps_fl, eps_fs, _l6, _l6s)
                _l8, _l8s = _smul(_l0, _l0s, w0, w0s)
                _l9, _l9s = _l8, -_l8s
                _l10, _l10s = _sadd(0.0, sigma, _l9, _l9s)
                _l11, _l11s = _smul(0.0, sigma, _l2, _l2s)
                _l12, _l12s = _l11, -_l11s
                _l13, _l13s = _sadd(_l10, _l10s, _l12, _l12s)
                _l14, _l14s = _spow(_l13, _l13s, 2.0)
                _l16, _l16s = _smul(_l14, _l14s, _l15, _l15s)
                _l17, _l17s = _sadd(_l7, _l7s, _l16, _l16s)
                _f4 = beta1 ** tf
                _f5 = -(_f4)
                _f6 = 1.0 + _f5
                _l18, _l18s = _sof(_f6)
                _f7 = beta2 ** tf
                _f8 = -(_f7)
                _f9 = 1.0 + _f8
                _l19, _l19s = _sof(_f9)
                _l20, _l20s = _sdiv(_l17, _l17s, _l19, _l19s)
                _l21, _l21s = _spow(_l20, _l20s, 0.5)
                _l22, _l22s = _sadd(eps_fl, eps_fs, _l21, _l21s)
                _l23, _l23s = _smul(_l18, _l18s, _l22, _l22s)
                _l24, _l24s = _sdiv(_l4, _l4s, _l23, _l23s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l17, _l17s
                dirl, dirs = _l24, _l24s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                        _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                        scl = _l20001
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (2.0) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[35 * NLANE + j] = L
                W[36 * NLANE + j] = sigma
                W[37 * NLANE + j] = lamf
                W[38 * NLANE + j] = ymin
                W[39 * NLANE + j] = cmq
                W[40 * NLANE + j] = cml
                W[41 * NLANE + j] = final
                W[43 * NLANE + j] = float(tend)
                W[44 * NLANE + j] = float(minstep)
                W[45 * NLANE + j] = float(spike)
                W[46 * NLANE + j] = float(div)
                W[47 * NLANE + j] = float(und)
                W[48 * NLANE + j] = float(ndeep)
                W[49 * NLANE + j] = 1.0 if fast else 0.0
                W[50 * NLANE + j] = 1.0 if live else 0.0
                W[55 * NLANE + j] = q0
                W[57 * NLANE + j] = w0
                W[58 * NLANE + j] = q1
                W[60 * NLANE + j] = w1
                W[61 * NLANE + j] = w0s
                W[62 * NLANE + j] = w1s
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
            ymin = W[38 * NLANE + j]
            cmq = W[39 * NLANE + j]
            cml = W[40 * NLANE + j]
            final = W[41 * NLANE + j]
            tend = int(W[43 * NLANE + j])
            minstep = int(W[44 * NLANE + j])
            spike = int(W[45 * NLANE + j])
            div = int(W[46 * NLANE + j])
            und = int(W[47 * NLANE + j])
            ndeep = int(W[48 * NLANE + j])
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
def normalized_adabelief_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adabelief {'bias_correction': True} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_adabelief_1_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adam_00(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adam {'eps_inside': False, 'bias_correction': False} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(26 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta1 = P[i, 1]
            beta2 = P[i, 2]
            eps = P[i, 3]
            v0 = P[i, 4]
            n = P[i, 5]
            _f1 = -(beta1)
            _f2 = 1.0 + _f1
            _f7 = -(beta2)
            _f8 = 1.0 + _f7
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta1
            W[2 * LANE + j] = beta2
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = v0
            W[5 * LANE + j] = n
            W[6 * LANE + j] = _f1
            W[7 * LANE + j] = _f2
            W[8 * LANE + j] = _f7
            W[9 * LANE + j] = _f8
            W[14 * LANE + j] = np.inf
            W[15 * LANE + j] = -1.0
            W[20 * LANE + j] = 1.0
            W[16 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[17 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[18 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[19 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[21 * LANE + j] = -1
            W[22 * LANE + j] = -1
            W[25 * LANE + j] = -1
            uni = uni and n == W[5 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[12 * LANE + j] = 0.0
            W[13 * LANE + j] = v0
            W[10 * LANE + j] = x
        ni = int(W[5 * LANE + 0])
        uni = uni and ni == W[5 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[11 * LANE + j] = abs(W[10 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[11 * LANE + j] *= abs(W[10 * LANE + j])
            else:
                for j in range(LANE):
                    W[11 * LANE + j] = _gpow(abs(W[10 * LANE + j]), W[5 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[25 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[10 * LANE + j]) * W[11 * LANE + j] / W[5 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta1 = W[1 * LANE + j]
                beta2 = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                v0 = W[4 * LANE + j]
                n = W[5 * LANE + j]
                _f1 = W[6 * LANE + j]
                _f2 = W[7 * LANE + j]
                _f7 = W[8 * LANE + j]
                _f8 = W[9 * LANE + j]
                x = W[10 * LANE + j]
                ax = abs(x)
                gabs = W[11 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[12 * LANE + j]
                s1 = W[13 * LANE + j]
                _f0 = beta1 * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta2 * s1
                _f6 = g * g
                _f9 = _f6 * _f8
                _f10 = _f5 + _f9
                _f11 = math.sqrt(_f10)
                _f12 = eps + _f11
                _f13 = (_f4) / (_f12)
                s0n = _f4
                s1n = _f10
                dirn = _f13
                cn = math.sqrt(s1n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[25 * LANE + j] < 0
                lower = act & (ax < W[14 * LANE + j])
                W[14 * LANE + j] = ax if lower else W[14 * LANE + j]
                W[21 * LANE + j] = t if lower else W[21 * LANE + j]
                spk = act & (not lower) & (W[22 * LANE + j] < 0) & (ax > W[14 * LANE + j] * W[16 * LANE + j])
                W[22 * LANE + j] = t if spk else W[22 * LANE + j]
                up = act & (cn * W[20 * LANE + j] > W[15 * LANE + j] * cd)
                W[15 * LANE + j] = cn if up else W[15 * LANE + j]
                W[20 * LANE + j] = cd if up else W[20 * LANE + j]
                W[24 * LANE + j] += 1 if (act & (ax < W[19 * LANE + j])) else 0
                bad = act & (not (ax <= W[17 * LANE + j]))
                und = act & (not bad) & ((ax < W[18 * LANE + j]) | uf)
                W[23 * LANE + j] = 1 if bad else (2 if und else W[23 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[10 * LANE + j] = x - lr * dirn if go else x
                W[12 * LANE + j] = s0n if go else s0
                W[13 * LANE + j] = s1n if go else s1
                W[25 * LANE + j] = t if (act & (not go)) else W[25 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[5 * LANE + j]
                te = int(W[25 * LANE + j])
                ax = abs(W[10 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[14 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[21 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[15 * LANE + j] / W[20 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[15 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[21 * LANE + j])
                I[i, 1] = int(W[22 * LANE + j])
                I[i, 2] = te if W[23 * LANE + j] == 1 else -1
                I[i, 3] = te if W[23 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[24 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_adam_00_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_adam_00` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(68 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        v0 = P[i, 4]
        n = P[i, 5]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta1)
        _f1 = 1.0 + _f0
        _f2 = -(beta2)
        _f3 = 1.0 + _f2
        _g0 = -(beta1)
        _g1 = 1.0 + _g0
        _g2 = -(beta2)
        _g3 = 1.0 + _g2
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = 2.0
        e1 = -(n - 1.0) * (2.0) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta1)
        _l2, _l2s = _sof(_f1)
        _l5, _l5s = _sof(beta2)
        _l8, _l8s = _sof(_f3)
        eps_l0, eps_fs = _sof(eps)
        v0_l0, v0_fs = _sof(v0)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        v0_fl = v0_l0 - (2.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = v0_fl, v0_fs
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta1
        W[2 * NLANE + j] = beta2
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = v0
        W[5 * NLANE + j] = n
        W[6 * NLANE + j] = log_lr
        W[7 * NLANE + j] = log_n
        W[8 * NLANE + j] = elam
        W[9 * NLANE + j] = ydeep
        W[10 * NLANE + j] = float(ielam)
        W[11 * NLANE + j] = 1.0 if ipow else 0.0
        W[12 * NLANE + j] = _f0
        W[13 * NLANE + j] = _f1
        W[14 * NLANE + j] = _f2
        W[15 * NLANE + j] = _f3
        W[16 * NLANE + j] = _g0
        W[17 * NLANE + j] = _g1
        W[18 * NLANE + j] = _g2
        W[19 * NLANE + j] = _g3
        W[20 * NLANE + j] = kq0
        W[21 * NLANE + j] = e0
        W[22 * NLANE + j] = float(ie0)
        W[23 * NLANE + j] = kq1
        W[24 * NLANE + j] = e1
        W[25 * NLANE + j] = float(ie1)
        W[26 * NLANE + j] = _l0
        W[27 * NLANE + j] = _l0s
        W[28 * NLANE + j] = _l2
        W[29 * NLANE + j] = _l2s
        W[30 * NLANE + j] = _l5
        W[31 * NLANE + j] = _l5s
        W[32 * NLANE + j] = _l8
        W[33 * NLANE + j] = _l8s
        W[34 * NLANE + j] = eps_l0
        W[35 * NLANE + j] = eps_fs
        W[36 * NLANE + j] = v0_l0
        W[37 * NLANE + j] = v0_fs
        W[38 * NLANE + j] = L
        W[39 * NLANE + j] = sigma
        W[40 * NLANE + j] = lamf
        W[41 * NLANE + j] = ymin
        W[42 * NLANE + j] = cmq
        W[43 * NLANE + j] = cml
        W[44 * NLANE + j] = final
        W[45 * NLANE + j] = lad
        W[46 * NLANE + j] = float(tend)
        W[47 * NLANE + j] = float(minstep)
        W[48 * NLANE + j] = float(spike)
        W[49 * NLANE + j] = float(div)
        W[50 * NLANE + j] = float(und)
        W[51 * NLANE + j] = float(ndeep)
        W[52 * NLANE + j] = 1.0 if fast else 0.0
        W[53 * NLANE + j] = 1.0 if live else 0.0
        W[54 * NLANE + j] = 1.0 if okv else 0.0
        W[55 * NLANE + j] = 1.0 if stopv else 0.0
        W[56 * NLANE + j] = 1.0 if qok else 0.0
        W[57 * NLANE + j] = cw
        W[58 * NLANE + j] = q0
        W[59 * NLANE + j] = qn0
        W[60 * NLANE + j] = w0
        W[61 * NLANE + j] = q1
        W[62 * NLANE + j] = qn1
        W[63 * NLANE + j] = w1
        W[64 * NLANE + j] = w0s
        W[65 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[5 * NLANE + j]
            log_lr = W[6 * NLANE + j]
            eps_l0 = W[34 * NLANE + j]
            eps_fs = W[35 * NLANE + j]
            L = W[38 * NLANE + j]
            lamf = W[40 * NLANE + j]
            fast = W[52 * NLANE + j] != 0.0
            live = W[53 * NLANE + j] != 0.0
            _q6 = W[66 * NLANE + j]
            _q10 = W[67 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q6 = _lpow(lamf, lL, -2)
                _q10 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
            W[40 * NLANE + j] = lamf
            W[66 * NLANE + j] = _q6
            W[67 * NLANE + j] = _q10
        npneed = 0
        for j in range(NLANE):
            beta1 = W[1 * NLANE + j]
            beta2 = W[2 * NLANE + j]
            n = W[5 * NLANE + j]
            log_lr = W[6 * NLANE + j]
            log_n = W[7 * NLANE + j]
            ydeep = W[9 * NLANE + j]
            ielam = int(W[10 * NLANE + j])
            ipow = W[11 * NLANE + j] != 0.0
            _g1 = W[17 * NLANE + j]
            _g3 = W[19 * NLANE + j]
            ie0 = int(W[22 * NLANE + j])
            kq1 = W[23 * NLANE + j]
            ie1 = int(W[25 * NLANE + j])
            eps_fs = W[35 * NLANE + j]
            L = W[38 * NLANE + j]
            sigma = W[39 * NLANE + j]
            lamf = W[40 * NLANE + j]
            ymin = W[41 * NLANE + j]
            cmq = W[42 * NLANE + j]
            cml = W[43 * NLANE + j]
            final = W[44 * NLANE + j]
            lad = W[45 * NLANE + j]
            tend = int(W[46 * NLANE + j])
            minstep = int(W[47 * NLANE + j])
            spike = int(W[48 * NLANE + j])
            div = int(W[49 * NLANE + j])
            ndeep = int(W[51 * NLANE + j])
            fast = W[52 * NLANE + j] != 0.0
            live = W[53 * NLANE + j] != 0.0
            okv = W[54 * NLANE + j] != 0.0
            stopv = W[55 * NLANE + j] != 0.0
            qok = W[56 * NLANE + j] != 0.0
            cw = W[57 * NLANE + j]
            q0 = W[58 * NLANE + j]
            qn0 = W[59 * NLANE + j]
            q1 = W[61 * NLANE + j]
            qn1 = W[62 * NLANE + j]
            _q6 = W[66 * NLANE + j]
            _q10 = W[67 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q6 = _ipv(lamf, ilamf, -2) if lamin else _q6
            _q0 = beta1 * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta2 * q1
            _q4 = sigma * sigma
            _q5 = _q4 * _g3
            _q7 = _q5 * _q6
            _q8 = _q3 + _q7
            _q9 = math.sqrt(_q8)
            _q11 = _q10 + _q9
            _q12 = (_q2) / (_q11)
            qn0 = _q2
            qn1 = _q8
            lad = _q12
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[59 * NLANE + j] = qn0
            W[62 * NLANE + j] = qn1
            W[58 * NLANE + j] = q0
            W[61 * NLANE + j] = q1
            W[45 * NLANE + j] = lad
            W[54 * NLANE + j] = 1.0 if okv else 0.0
            W[41 * NLANE + j] = ymin
            W[47 * NLANE + j] = float(minstep)
            W[48 * NLANE + j] = float(spike)
            W[49 * NLANE + j] = float(div)
            W[51 * NLANE + j] = float(ndeep)
            W[44 * NLANE + j] = final
            W[46 * NLANE + j] = float(tend)
            W[40 * NLANE + j] = lamf
            W[55 * NLANE + j] = 1.0 if stopv else 0.0
            W[56 * NLANE + j] = 1.0 if qok else 0.0
            W[57 * NLANE + j] = cw
            W[42 * NLANE + j] = cmq
            W[43 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[53 * NLANE + j] != 0.0
            okv = W[54 * NLANE + j] != 0.0
            if live and okv:
                n = W[5 * NLANE + j]
                log_lr = W[6 * NLANE + j]
                ipow = W[11 * NLANE + j] != 0.0
                L = W[38 * NLANE + j]
                sigma = W[39 * NLANE + j]
                final = W[44 * NLANE + j]
                lad = W[45 * NLANE + j]
                live = W[53 * NLANE + j] != 0.0
                stopv = W[55 * NLANE + j] != 0.0
                qok = W[56 * NLANE + j] != 0.0
                cw = W[57 * NLANE + j]
                q0 = W[58 * NLANE + j]
                q1 = W[61 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[23 * NLANE + j]
                    cmq = W[42 * NLANE + j]
                    cml = W[43 * NLANE + j]
                    qn1 = W[62 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[42 * NLANE + j] = cq
                        W[43 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[53 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[50 * NLANE + j] = float(t + 1)
                        W[46 * NLANE + j] = float(t + 1)
                        W[41 * NLANE + j] = -np.inf
                        W[47 * NLANE + j] = float(t + 1)
                        W[44 * NLANE + j] = -np.inf
                        live = False
                        W[53 * NLANE + j] = 0.0
                    else:
                        W[38 * NLANE + j] = L + rl
                        W[39 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[8 * NLANE + j]
                            e0 = W[21 * NLANE + j]
                            e1 = W[24 * NLANE + j]
                            lamf = W[40 * NLANE + j]
                            q0 = W[58 * NLANE + j]
                            qn0 = W[59 * NLANE + j]
                            q1 = W[61 * NLANE + j]
                            qn1 = W[62 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[40 * NLANE + j] = lamf
                            W[58 * NLANE + j] = q0
                            W[61 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            n = W[5 * NLANE + j]
                            kq0 = W[20 * NLANE + j]
                            kq1 = W[23 * NLANE + j]
                            qn0 = W[59 * NLANE + j]
                            w0 = W[60 * NLANE + j]
                            qn1 = W[62 * NLANE + j]
                            w1 = W[63 * NLANE + j]
                            w0s = W[64 * NLANE + j]
                            w1s = W[65 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (2.0) * rl
                            W[60 * NLANE + j] = w0
                            W[63 * NLANE + j] = w1
                            W[64 * NLANE + j] = w0s
                            W[65 * NLANE + j] = w1s
                            W[52 * NLANE + j] = 0.0
            elif live:
                n = W[5 * NLANE + j]
                log_lr = W[6 * NLANE + j]
                kq0 = W[20 * NLANE + j]
                kq1 = W[23 * NLANE + j]
                _l0 = W[26 * NLANE + j]
                _l0s = W[27 * NLANE + j]
                _l2 = W[28 * NLANE + j]
                _l2s = W[29 * NLANE + j]
                _l5 = W[30 * NLANE + j]
                _l5s = W[31 * NLANE + j]
                _l8 = W[32 * NLANE + j]
                _l8s = W[33 * NLANE + j]
                eps_l0 = W[34 * NLANE + j]
                eps_fs = W[35 * NLANE + j]
                v0_l0 = W[36 * NLANE + j]
                L = W[38 * NLANE + j]
                sigma = W[39 * NLANE + j]
                lamf = W[40 * NLANE + j]
                ymin = W[41 * NLANE + j]
                cmq = W[42 * NLANE + j]
                cml = W[43 * NLANE + j]
                final = W[44 * NLANE + j]
                tend = int(W[46 * NLANE + j])
                minstep = int(W[47 * NLANE + j])
                spike = int(W[48 * NLANE + j])
                div = int(W[49 * NLANE + j])
                und = int(W[50 * NLANE + j])
                ndeep = int(W[51 * NLANE + j])
                fast = W[52 * NLANE + j] != 0.0
                live = W[53 * NLANE + j] != 0.0
                stopv = W[55 * NLANE + j] != 0.0
                q0 = W[58 * NLANE + j]
                w0 = W[60 * NLANE + j]
                q1 = W[61 * NLANE + j]
                w1 = W[63 * NLANE + j]
                w0s = W[64 * NLANE + j]
                w1s = W[65 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (1.0) * lg
                v0_fl = v0_l0 - (2.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l6, _l6s = _smul(_l5, _l5s, w1, w1s)
                _l7, _l7s = _spow(0.0, sigma, 2.0)
                _l9, _l9s = _smul(_l7, _l7s, _l8, _l8s)
                _l10, _l10s = _sadd(_l6, _l6s, _l9, _l9s)
                _l11, _l11s = _spow(_l10, _l10s, 0.5)
                _l12, _l12s = _sadd(eps_fl, eps_fs, _l11, _l11s)
                _l13, _l13s = _sdiv(_l4, _l4s, _l12, _l12s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l10, _l10s
                dirl, dirs = _l13, _l13s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                        _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                        scl = _l20001
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (2.0) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[38 * NLANE + j] = L
                W[39 * NLANE + j] = sigma
                W[40 * NLANE + j] = lamf
                W[41 * NLANE + j] = ymin
                W[42 * NLANE + j] = cmq
                W[43 * NLANE + j] = cml
                W[44 * NLANE + j] = final
                W[46 * NLANE + j] = float(tend)
                W[47 * NLANE + j] = float(minstep)
                W[48 * NLANE + j] = float(spike)
                W[49 * NLANE + j] = float(div)
                W[50 * NLANE + j] = float(und)
                W[51 * NLANE + j] = float(ndeep)
                W[52 * NLANE + j] = 1.0 if fast else 0.0
                W[53 * NLANE + j] = 1.0 if live else 0.0
                W[58 * NLANE + j] = q0
                W[60 * NLANE + j] = w0
                W[61 * NLANE + j] = q1
                W[63 * NLANE + j] = w1
                W[64 * NLANE + j] = w0s
                W[65 * NLANE + j] = w1s
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
            ymin = W[41 * NLANE + j]
            cmq = W[42 * NLANE + j]
            cml = W[43 * NLANE + j]
            final = W[44 * NLANE + j]
            tend = int(W[46 * NLANE + j])
            minstep = int(W[47 * NLANE + j])
            spike = int(W[48 * NLANE + j])
            div = int(W[49 * NLANE + j])
            und = int(W[50 * NLANE + j])
            ndeep = int(W[51 * NLANE + j])
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
def normalized_adam_00(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adam {'eps_inside': False, 'bias_correction': False} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_adam_00_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adam_01(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adam {'eps_inside': False, 'bias_correction': True} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(26 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta1 = P[i, 1]
            beta2 = P[i, 2]
            eps = P[i, 3]
            v0 = P[i, 4]
            n = P[i, 5]
            _f1 = -(beta1)
            _f2 = 1.0 + _f1
            _f7 = -(beta2)
            _f8 = 1.0 + _f7
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta1
            W[2 * LANE + j] = beta2
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = v0
            W[5 * LANE + j] = n
            W[6 * LANE + j] = _f1
            W[7 * LANE + j] = _f2
            W[8 * LANE + j] = _f7
            W[9 * LANE + j] = _f8
            W[14 * LANE + j] = np.inf
            W[15 * LANE + j] = -1.0
            W[20 * LANE + j] = 1.0
            W[16 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[17 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[18 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[19 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[21 * LANE + j] = -1
            W[22 * LANE + j] = -1
            W[25 * LANE + j] = -1
            uni = uni and n == W[5 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[12 * LANE + j] = 0.0
            W[13 * LANE + j] = v0
            W[10 * LANE + j] = x
        ni = int(W[5 * LANE + 0])
        uni = uni and ni == W[5 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[11 * LANE + j] = abs(W[10 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[11 * LANE + j] *= abs(W[10 * LANE + j])
            else:
                for j in range(LANE):
                    W[11 * LANE + j] = _gpow(abs(W[10 * LANE + j]), W[5 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[25 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[10 * LANE + j]) * W[11 * LANE + j] / W[5 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta1 = W[1 * LANE + j]
                beta2 = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                v0 = W[4 * LANE + j]
                n = W[5 * LANE + j]
                _f1 = W[6 * LANE + j]
                _f2 = W[7 * LANE + j]
                _f7 = W[8 * LANE + j]
                _f8 = W[9 * LANE + j]
                x = W[10 * LANE + j]
                ax = abs(x)
                gabs = W[11 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[12 * LANE + j]
                s1 = W[13 * LANE + j]
                _f0 = beta1 * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta2 * s1
                _f6 = g * g
                _f9 = _f6 * _f8
                _f10 = _f5 + _f9
                _f11 = beta1 ** tf
                _f12 = -(_f11)
                _f13 = 1.0 + _f12
                _f14 = beta2 ** tf
                _f15 = -(_f14)
                _f16 = 1.0 + _f15
                _f17 = (_f10) / (_f16)
                _f18 = math.sqrt(_f17)
                _f19 = eps + _f18
                _f20 = (_f4) / (_f13 * _f19)
                s0n = _f4
                s1n = _f10
                dirn = _f20
                cn = math.sqrt(s1n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[25 * LANE + j] < 0
                lower = act & (ax < W[14 * LANE + j])
                W[14 * LANE + j] = ax if lower else W[14 * LANE + j]
                W[21 * LANE + j] = t if lower else W[21 * LANE + j]
                spk = act & (not lower) & (W[22 * LANE + j] < 0) & (ax > W[14 * LANE + j] * W[16 * LANE + j])
                W[22 * LANE + j] = t if spk else W[22 * LANE + j]
                up = act & (cn * W[20 * LANE + j] > W[15 * LANE + j] * cd)
                W[15 * LANE + j] = cn if up else W[15 * LANE + j]
                W[20 * LANE + j] = cd if up else W[20 * LANE + j]
                W[24 * LANE + j] += 1 if (act & (ax < W[19 * LANE + j])) else 0
                bad = act & (not (ax <= W[17 * LANE + j]))
                und = act & (not bad) & ((ax < W[18 * LANE + j]) | uf)
                W[23 * LANE + j] = 1 if bad else (2 if und else W[23 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[10 * LANE + j] = x - lr * dirn if go else x
                W[12 * LANE + j] = s0n if go else s0
                W[13 * LANE + j] = s1n if go else s1
                W[25 * LANE + j] = t if (act & (not go)) else W[25 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[5 * LANE + j]
                te = int(W[25 * LANE + j])
                ax = abs(W[10 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[14 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[21 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[15 * LANE + j] / W[20 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[15 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[21 * LANE + j])
                I[i, 1] = int(W[22 * LANE + j])
                I[i, 2] = te if W[23 * LANE + j] == 1 else -1
                I[i, 3] = te if W[23 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[24 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_adam_01_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_adam_01` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(68 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        v0 = P[i, 4]
        n = P[i, 5]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta1)
        _f1 = 1.0 + _f0
        _f2 = -(beta2)
        _f3 = 1.0 + _f2
        _g0 = -(beta1)
        _g1 = 1.0 + _g0
        _g2 = -(beta2)
        _g3 = 1.0 + _g2
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = 2.0
        e1 = -(n - 1.0) * (2.0) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta1)
        _l2, _l2s = _sof(_f1)
        _l5, _l5s = _sof(beta2)
        _l8, _l8s = _sof(_f3)
        eps_l0, eps_fs = _sof(eps)
        v0_l0, v0_fs = _sof(v0)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        v0_fl = v0_l0 - (2.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = v0_fl, v0_fs
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta1
        W[2 * NLANE + j] = beta2
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = v0
        W[5 * NLANE + j] = n
        W[6 * NLANE + j] = log_lr
        W[7 * NLANE + j] = log_n
        W[8 * NLANE + j] = elam
        W[9 * NLANE + j] = ydeep
        W[10 * NLANE + j] = float(ielam)
        W[11 * NLANE + j] = 1.0 if ipow else 0.0
        W[12 * NLANE + j] = _f0
        W[13 * NLANE + j] = _f1
        W[14 * NLANE + j] = _f2
        W[15 * NLANE + j] = _f3
        W[16 * NLANE + j] = _g0
        W[17 * NLANE + j] = _g1
        W[18 * NLANE + j] = _g2
        W[19 * NLANE + j] = _g3
        W[20 * NLANE + j] = kq0
        W[21 * NLANE + j] = e0
        W[22 * NLANE + j] = float(ie0)
        W[23 * NLANE + j] = kq1
        W[24 * NLANE + j] = e1
        W[25 * NLANE + j] = float(ie1)
        W[26 * NLANE + j] = _l0
        W[27 * NLANE + j] = _l0s
        W[28 * NLANE + j] = _l2
        W[29 * NLANE + j] = _l2s
        W[30 * NLANE + j] = _l5
        W[31 * NLANE + j] = _l5s
        W[32 * NLANE + j] = _l8
        W[33 * NLANE + j] = _l8s
        W[34 * NLANE + j] = eps_l0
        W[35 * NLANE + j] = eps_fs
        W[36 * NLANE + j] = v0_l0
        W[37 * NLANE + j] = v0_fs
        W[38 * NLANE + j] = L
        W[39 * NLANE + j] = sigma
        W[40 * NLANE + j] = lamf
        W[41 * NLANE + j] = ymin
        W[42 * NLANE + j] = cmq
        W[43 * NLANE + j] = cml
        W[44 * NLANE + j] = final
        W[45 * NLANE + j] = lad
        W[46 * NLANE + j] = float(tend)
        W[47 * NLANE + j] = float(minstep)
        W[48 * NLANE + j] = float(spike)
        W[49 * NLANE + j] = float(div)
        W[50 * NLANE + j] = float(und)
        W[51 * NLANE + j] = float(ndeep)
        W[52 * NLANE + j] = 1.0 if fast else 0.0
        W[53 * NLANE + j] = 1.0 if live else 0.0
        W[54 * NLANE + j] = 1.0 if okv else 0.0
        W[55 * NLANE + j] = 1.0 if stopv else 0.0
        W[56 * NLANE + j] = 1.0 if qok else 0.0
        W[57 * NLANE + j] = cw
        W[58 * NLANE + j] = q0
        W[59 * NLANE + j] = qn0
        W[60 * NLANE + j] = w0
        W[61 * NLANE + j] = q1
        W[62 * NLANE + j] = qn1
        W[63 * NLANE + j] = w1
        W[64 * NLANE + j] = w0s
        W[65 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[5 * NLANE + j]
            log_lr = W[6 * NLANE + j]
            eps_l0 = W[34 * NLANE + j]
            eps_fs = W[35 * NLANE + j]
            L = W[38 * NLANE + j]
            lamf = W[40 * NLANE + j]
            fast = W[52 * NLANE + j] != 0.0
            live = W[53 * NLANE + j] != 0.0
            _q6 = W[66 * NLANE + j]
            _q11 = W[67 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q6 = _lpow(lamf, lL, -2)
                _q11 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
            W[40 * NLANE + j] = lamf
            W[66 * NLANE + j] = _q6
            W[67 * NLANE + j] = _q11
        npneed = 0
        for j in range(NLANE):
            beta1 = W[1 * NLANE + j]
            beta2 = W[2 * NLANE + j]
            n = W[5 * NLANE + j]
            log_lr = W[6 * NLANE + j]
            log_n = W[7 * NLANE + j]
            ydeep = W[9 * NLANE + j]
            ielam = int(W[10 * NLANE + j])
            ipow = W[11 * NLANE + j] != 0.0
            _g1 = W[17 * NLANE + j]
            _g3 = W[19 * NLANE + j]
            ie0 = int(W[22 * NLANE + j])
            kq1 = W[23 * NLANE + j]
            ie1 = int(W[25 * NLANE + j])
            eps_fs = W[35 * NLANE + j]
            L = W[38 * NLANE + j]
            sigma = W[39 * NLANE + j]
            lamf = W[40 * NLANE + j]
            ymin = W[41 * NLANE + j]
            cmq = W[42 * NLANE + j]
            cml = W[43 * NLANE + j]
            final = W[44 * NLANE + j]
            lad = W[45 * NLANE + j]
            tend = int(W[46 * NLANE + j])
            minstep = int(W[47 * NLANE + j])
            spike = int(W[48 * NLANE + j])
            div = int(W[49 * NLANE + j])
            ndeep = int(W[51 * NLANE + j])
            fast = W[52 * NLANE + j] != 0.0
            live = W[53 * NLANE + j] != 0.0
            okv = W[54 * NLANE + j] != 0.0
            stopv = W[55 * NLANE + j] != 0.0
            qok = W[56 * NLANE + j] != 0.0
            cw = W[57 * NLANE + j]
            q0 = W[58 * NLANE + j]
            qn0 = W[59 * NLANE + j]
            q1 = W[61 * NLANE + j]
            qn1 = W[62 * NLANE + j]
            _q6 = W[66 * NLANE + j]
            _q11 = W[67 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q6 = _ipv(lamf, ilamf, -2) if lamin else _q6
            _q0 = beta1 * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta2 * q1
            _q4 = sigma * sigma
            _q5 = _q4 * _g3
            _q7 = _q5 * _q6
            _q8 = _q3 + _q7
            _g4 = beta1 ** tf
            _g5 = -(_g4)
            _g6 = 1.0 + _g5
            _g7 = beta2 ** tf
            _g8 = -(_g7)
            _g9 = 1.0 + _g8
            _q9 = (_q8) / (_g9)
            _q10 = math.sqrt(_q9)
            _q12 = _q11 + _q10
            _q13 = (_q2) / (_g6 * _q12)
            qn0 = _q2
            qn1 = _q8
            lad = _q13
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[59 * NLANE + j] = qn0
            W[62 * NLANE + j] = qn1
            W[58 * NLANE + j] = q0
            W[61 * NLANE + j] = q1
            W[45 * NLANE + j] = lad
            W[54 * NLANE + j] = 1.0 if okv else 0.0
            W[41 * NLANE + j] = ymin
            W[47 * NLANE + j] = float(minstep)
            W[48 * NLANE + j] = float(spike)
            W[49 * NLANE + j] = float(div)
            W[51 * NLANE + j] = float(ndeep)
            W[44 * NLANE + j] = final
            W[46 * NLANE + j] = float(tend)
            W[40 * NLANE + j] = lamf
            W[55 * NLANE + j] = 1.0 if stopv else 0.0
            W[56 * NLANE + j] = 1.0 if qok else 0.0
            W[57 * NLANE + j] = cw
            W[42 * NLANE + j] = cmq
            W[43 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[53 * NLANE + j] != 0.0
            okv = W[54 * NLANE + j] != 0.0
            if live and okv:
                n = W[5 * NLANE + j]
                log_lr = W[6 * NLANE + j]
                ipow = W[11 * NLANE + j] != 0.0
                L = W[38 * NLANE + j]
                sigma = W[39 * NLANE + j]
                final = W[44 * NLANE + j]
                lad = W[45 * NLANE + j]
                live = W[53 * NLANE + j] != 0.0
                stopv = W[55 * NLANE + j] != 0.0
                qok = W[56 * NLANE + j] != 0.0
                cw = W[57 * NLANE + j]
                q0 = W[58 * NLANE + j]
                q1 = W[61 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[23 * NLANE + j]
                    cmq = W[42 * NLANE + j]
                    cml = W[43 * NLANE + j]
                    qn1 = W[62 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[42 * NLANE + j] = cq
                        W[43 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[53 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[50 * NLANE + j] = float(t + 1)
                        W[46 * NLANE + j] = float(t + 1)
                        W[41 * NLANE + j] = -np.inf
                        W[47 * NLANE + j] = float(t + 1)
                        W[44 * NLANE + j] = -np.inf
                        live = False
                        W[53 * NLANE + j] = 0.0
                    else:
                        W[38 * NLANE + j] = L + rl
                        W[39 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[8 * NLANE + j]
                            e0 = W[21 * NLANE + j]
                            e1 = W[24 * NLANE + j]
                            lamf = W[40 * NLANE + j]
                            q0 = W[58 * NLANE + j]
                            qn0 = W[59 * NLANE + j]
                            q1 = W[61 * NLANE + j]
                            qn1 = W[62 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[40 * NLANE + j] = lamf
                            W[58 * NLANE + j] = q0
                            W[61 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            n = W[5 * NLANE + j]
                            kq0 = W[20 * NLANE + j]
                            kq1 = W[23 * NLANE + j]
                            qn0 = W[59 * NLANE + j]
                            w0 = W[60 * NLANE + j]
                            qn1 = W[62 * NLANE + j]
                            w1 = W[63 * NLANE + j]
                            w0s = W[64 * NLANE + j]
                            w1s = W[65 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (2.0) * rl
                            W[60 * NLANE + j] = w0
                            W[63 * NLANE + j] = w1
                            W[64 * NLANE + j] = w0s
                            W[65 * NLANE + j] = w1s
                            W[52 * NLANE + j] = 0.0
            elif live:
                beta1 = W[1 * NLANE + j]
                beta2 = W[2 * NLANE + j]
                n = W[5 * NLANE + j]
                log_lr = W[6 * NLANE + j]
                kq0 = W[20 * NLANE + j]
                kq1 = W[23 * NLANE + j]
                _l0 = W[26 * NLANE + j]
                _l0s = W[27 * NLANE + j]
                _l2 = W[28 * NLANE + j]
                _l2s = W[29 * NLANE + j]
                _l5 = W[30 * NLANE + j]
                _l5s = W[31 * NLANE + j]
                _l8 = W[32 * NLANE + j]
                _l8s = W[33 * NLANE + j]
                eps_l0 = W[34 * NLANE + j]
                eps_fs = W[35 * NLANE + j]
                v0_l0 = W[36 * NLANE + j]
                L = W[38 * NLANE + j]
                sigma = W[39 * NLANE + j]
                lamf = W[40 * NLANE + j]
                ymin = W[41 * NLANE + j]
                cmq = W[42 * NLANE + j]
                cml = W[43 * NLANE + j]
                final = W[44 * NLANE + j]
                tend = int(W[46 * NLANE + j])
                minstep = int(W[47 * NLANE + j])
                spike = int(W[48 * NLANE + j])
                div = int(W[49 * NLANE + j])
                und = int(W[50 * NLANE + j])
                ndeep = int(W[51 * NLANE + j])
                fast = W[52 * NLANE + j] != 0.0
                live = W[53 * NLANE + j] != 0.0
                stopv = W[55 * NLANE + j] != 0.0
                q0 = W[58 * NLANE + j]
                w0 = W[60 * NLANE + j]
                q1 = W[61 * NLANE + j]
                w1 = W[63 * NLANE + j]
                w0s = W[64 * NLANE + j]
                w1s = W[65 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (1.0) * lg
                v0_fl = v0_l0 - (2.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l6, _l6s = _smul(_l5, _l5s, w1, w1s)
                _l7, _l7s = _spow(0.0, sigma, 2.0)
                _l9, _l9s = _smul(_l7, _l7s, _l8, _l8s)
                _l10, _l10s = _sadd(_l6, _l6s, _l9, _l9s)
                _f4 = beta1 ** tf
                _f5 = -(_f4)
                _f6 = 1.0 + _f5
                _l11, _l11s = _sof(_f6)
                _f7 = beta2 ** tf
                _f8 = -(_f7)
                _f9 = 1.0 + _f8
                _l12, _l12s = _sof(_f9)
                _l13, _l13s = _sdiv(_l10, _l10s, _l12, _l12s)
                _l14, _l14s = _spow(_l13, _l13s, 0.5)
                _l15, _l15s = _sadd(eps_fl, eps_fs, _l14, _l14s)
                _l16, _l16s = _smul(_l11, _l11s, _l15, _l15s)
                _l17, _l17s = _sdiv(_l4, _l4s, _l16, _l16s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l10, _l10s
                dirl, dirs = _l17, _l17s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                        _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                        scl = _l20001
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (2.0) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[38 * NLANE + j] = L
                W[39 * NLANE + j] = sigma
                W[40 * NLANE + j] = lamf
                W[41 * NLANE + j] = ymin
                W[42 * NLANE + j] = cmq
                W[43 * NLANE + j] = cml
                W[44 * NLANE + j] = final
                W[46 * NLANE + j] = float(tend)
                W[47 * NLANE + j] = float(minstep)
                W[48 * NLANE + j] = float(spike)
                W[49 * NLANE + j] = float(div)
                W[50 * NLANE + j] = float(und)
                W[51 * NLANE + j] = float(ndeep)
                W[52 * NLANE + j] = 1.0 if fast else 0.0
                W[53 * NLANE + j] = 1.0 if live else 0.0
                W[58 * NLANE + j] = q0
                W[60 * NLANE + j] = w0
                W[61 * NLANE + j] = q1
                W[63 * NLANE + j] = w1
                W[64 * NLANE + j] = w0s
                W[65 * NLANE + j] = w1s
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
            ymin = W[41 * NLANE + j]
            cmq = W[42 * NLANE + j]
            cml = W[43 * NLANE + j]
            final = W[44 * NLANE + j]
            tend = int(W[46 * NLANE + j])
            minstep = int(W[47 * NLANE + j])
            spike = int(W[48 * NLANE + j])
            div = int(W[49 * NLANE + j])
            und = int(W[50 * NLANE + j])
            ndeep = int(W[51 * NLANE + j])
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
def normalized_adam_01(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adam {'eps_inside': False, 'bias_correction': True} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_adam_01_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adam_10(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adam {'eps_inside': True, 'bias_correction': False} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(26 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta1 = P[i, 1]
            beta2 = P[i, 2]
            eps = P[i, 3]
            v0 = P[i, 4]
            n = P[i, 5]
            _f1 = -(beta1)
            _f2 = 1.0 + _f1
            _f7 = -(beta2)
            _f8 = 1.0 + _f7
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta1
            W[2 * LANE + j] = beta2
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = v0
            W[5 * LANE + j] = n
            W[6 * LANE + j] = _f1
            W[7 * LANE + j] = _f2
            W[8 * LANE + j] = _f7
            W[9 * LANE + j] = _f8
            W[14 * LANE + j] = np.inf
            W[15 * LANE + j] = -1.0
            W[20 * LANE + j] = 1.0
            W[16 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[17 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[18 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[19 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[21 * LANE + j] = -1
            W[22 * LANE + j] = -1
            W[25 * LANE + j] = -1
            uni = uni and n == W[5 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[12 * LANE + j] = 0.0
            W[13 * LANE + j] = v0
            W[10 * LANE + j] = x
        ni = int(W[5 * LANE + 0])
        uni = uni and ni == W[5 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[11 * LANE + j] = abs(W[10 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[11 * LANE + j] *= abs(W[10 * LANE + j])
            else:
                for j in range(LANE):
                    W[11 * LANE + j] = _gpow(abs(W[10 * LANE + j]), W[5 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[25 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[10 * LANE + j]) * W[11 * LANE + j] / W[5 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta1 = W[1 * LANE + j]
                beta2 = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                v0 = W[4 * LANE + j]
                n = W[5 * LANE + j]
                _f1 = W[6 * LANE + j]
                _f2 = W[7 * LANE + j]
                _f7 = W[8 * LANE + j]
                _f8 = W[9 * LANE + j]
                x = W[10 * LANE + j]
                ax = abs(x)
                gabs = W[11 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[12 * LANE + j]
                s1 = W[13 * LANE + j]
                _f0 = beta1 * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta2 * s1
                _f6 = g * g
                _f9 = _f6 * _f8
                _f10 = _f5 + _f9
                _f11 = eps + _f5 + _f9
                _f12 = math.sqrt(_f11)
                _f13 = (_f4) / (_f12)
                s0n = _f4
                s1n = _f10
                dirn = _f13
                cn = math.sqrt(s1n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[25 * LANE + j] < 0
                lower = act & (ax < W[14 * LANE + j])
                W[14 * LANE + j] = ax if lower else W[14 * LANE + j]
                W[21 * LANE + j] = t if lower else W[21 * LANE + j]
                spk = act & (not lower) & (W[22 * LANE + j] < 0) & (ax > W[14 * LANE + j] * W[16 * LANE + j])
                W[22 * LANE + j] = t if spk else W[22 * LANE + j]
                up = act & (cn * W[20 * LANE + j] > W[15 * LANE + j] * cd)
                W[15 * LANE + j] = cn if up else W[15 * LANE + j]
                W[20 * LANE + j] = cd if up else W[20 * LANE + j]
                W[24 * LANE + j] += 1 if (act & (ax < W[19 * LANE + j])) else 0
                bad = act & (not (ax <= W[17 * LANE + j]))
                und = act & (not bad) & ((ax < W[18 * LANE + j]) | uf)
                W[23 * LANE + j] = 1 if bad else (2 if und else W[23 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[10 * LANE + j] = x - lr * dirn if go else x
                W[12 * LANE + j] = s0n if go else s0
                W[13 * LANE + j] = s1n if go else s1
                W[25 * LANE + j] = t if (act & (not go)) else W[25 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[5 * LANE + j]
                te = int(W[25 * LANE + j])
                ax = abs(W[10 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[14 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[21 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[15 * LANE + j] / W[20 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[15 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[21 * LANE + j])
                I[i, 1] = int(W[22 * LANE + j])
                I[i, 2] = te if W[23 * LANE + j] == 1 else -1
                I[i, 3] = te if W[23 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[24 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_adam_10_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_adam_10` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(68 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        v0 = P[i, 4]
        n = P[i, 5]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta1)
        _f1 = 1.0 + _f0
        _f2 = -(beta2)
        _f3 = 1.0 + _f2
        _g0 = -(beta1)
        _g1 = 1.0 + _g0
        _g2 = -(beta2)
        _g3 = 1.0 + _g2
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = 2.0
        e1 = -(n - 1.0) * (2.0) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta1)
        _l2, _l2s = _sof(_f1)
        _l5, _l5s = _sof(beta2)
        _l8, _l8s = _sof(_f3)
        eps_l0, eps_fs = _sof(eps)
        v0_l0, v0_fs = _sof(v0)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (2.0) * lg
        v0_fl = v0_l0 - (2.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = v0_fl, v0_fs
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta1
        W[2 * NLANE + j] = beta2
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = v0
        W[5 * NLANE + j] = n
        W[6 * NLANE + j] = log_lr
        W[7 * NLANE + j] = log_n
        W[8 * NLANE + j] = elam
        W[9 * NLANE + j] = ydeep
        W[10 * NLANE + j] = float(ielam)
        W[11 * NLANE + j] = 1.0 if ipow else 0.0
        W[12 * NLANE + j] = _f0
        W[13 * NLANE + j] = _f1
        W[14 * NLANE + j] = _f2
        W[15 * NLANE + j] = _f3
        W[16 * NLANE + j] = _g0
        W[17 * NLANE + j] = _g1
        W[18 * NLANE + j] = _g2
        W[19 * NLANE + j] = _g3
        W[20 * NLANE + j] = kq0
        W[21 * NLANE + j] = e0
        W[22 * NLANE + j] = float(ie0)
        W[23 * NLANE + j] = kq1
        W[24 * NLANE + j] = e1
        W[25 * NLANE + j] = float(ie1)
        W[26 * NLANE + j] = _l0
        W[27 * NLANE + j] = _l0s
        W[28 * NLANE + j] = _l2
        W[29 * NLANE + j] = _l2s
        W[30 * NLANE + j] = _l5
        W[31 * NLANE + j] = _l5s
        W[32 * NLANE + j] = _l8
        W[33 * NLANE + j] = _l8s
        W[34 * NLANE + j] = eps_l0
        W[35 * NLANE + j] = eps_fs
        W[36 * NLANE + j] = v0_l0
        W[37 * NLANE + j] = v0_fs
        W[38 * NLANE + j] = L
        W[39 * NLANE + j] = sigma
        W[40 * NLANE + j] = lamf
        W[41 * NLANE + j] = ymin
        W[42 * NLANE + j] = cmq
        W[43 * NLANE + j] = cml
        W[44 * NLANE + j] = final
        W[45 * NLANE + j] = lad
        W[46 * NLANE + j] = float(tend)
        W[47 * NLANE + j] = float(minstep)
        W[48 * NLANE + j] = float(spike)
        W[49 * NLANE + j] = float(div)
        W[50 * NLANE + j] = float(und)
        W[51 * NLANE + j] = float(ndeep)
        W[52 * NLANE + j] = 1.0 if fast else 0.0
        W[53 * NLANE + j] = 1.0 if live else 0.0
        W[54 * NLANE + j] = 1.0 if okv else 0.0
        W[55 * NLANE + j] = 1.0 if stopv else 0.0
        W[56 * NLANE + j] = 1.0 if qok else 0.0
        W[57 * NLANE + j] = cw
        W[58 * NLANE + j] = q0
        W[59 * NLANE + j] = qn0
        W[60 * NLANE + j] = w0
        W[61 * NLANE + j] = q1
        W[62 * NLANE + j] = qn1
        W[63 * NLANE + j] = w1
        W[64 * NLANE + j] = w0s
        W[65 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[5 * NLANE + j]
            log_lr = W[6 * NLANE + j]
            eps_l0 = W[34 * NLANE + j]
            eps_fs = W[35 * NLANE + j]
            L = W[38 * NLANE + j]
            lamf = W[40 * NLANE + j]
            fast = W[52 * NLANE + j] != 0.0
            live = W[53 * NLANE + j] != 0.0
            _q6 = W[66 * NLANE + j]
            _q9 = W[67 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q6 = _lpow(lamf, lL, -2)
                _q9 = eps_fs * _xp(eps_l0 - (2.0) * lg - (2.0) * lL)
            W[40 * NLANE + j] = lamf
            W[66 * NLANE + j] = _q6
            W[67 * NLANE + j] = _q9
        npneed = 0
        for j in range(NLANE):
            beta1 = W[1 * NLANE + j]
            beta2 = W[2 * NLANE + j]
            n = W[5 * NLANE + j]
            log_lr = W[6 * NLANE + j]
            log_n = W[7 * NLANE + j]
            ydeep = W[9 * NLANE + j]
            ielam = int(W[10 * NLANE + j])
            ipow = W[11 * NLANE + j] != 0.0
            _g1 = W[17 * NLANE + j]
            _g3 = W[19 * NLANE + j]
            ie0 = int(W[22 * NLANE + j])
            kq1 = W[23 * NLANE + j]
            ie1 = int(W[25 * NLANE + j])
            eps_fs = W[35 * NLANE + j]
            L = W[38 * NLANE + j]
            sigma = W[39 * NLANE + j]
            lamf = W[40 * NLANE + j]
            ymin = W[41 * NLANE + j]
            cmq = W[42 * NLANE + j]
            cml = W[43 * NLANE + j]
            final = W[44 * NLANE + j]
            lad = W[45 * NLANE + j]
            tend = int(W[46 * NLANE + j])
            minstep = int(W[47 * NLANE + j])
            spike = int(W[48 * NLANE + j])
            div = int(W[49 * NLANE + j])
            ndeep = int(W[51 * NLANE + j])
            fast = W[52 * NLANE + j] != 0.0
            live = W[53 * NLANE + j] != 0.0
            okv = W[54 * NLANE + j] != 0.0
            stopv = W[55 * NLANE + j] != 0.0
            qok = W[56 * NLANE + j] != 0.0
            cw = W[57 * NLANE + j]
            q0 = W[58 * NLANE + j]
            qn0 = W[59 * NLANE + j]
            q1 = W[61 * NLANE + j]
            qn1 = W[62 * NLANE + j]
            _q6 = W[66 * NLANE + j]
            _q9 = W[67 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q6 = _ipv(lamf, ilamf, -2) if lamin else _q6
            _q0 = beta1 * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta2 * q1
            _q4 = sigma * sigma
            _q5 = _q4 * _g3
            _q7 = _q5 * _q6
            _q8 = _q3 + _q7
            _q10 = _q5 * _q6
            _q11 = _q9 + _q3 + _q10
            _q12 = math.sqrt(_q11)
            _q13 = (_q2) / (_q12)
            qn0 = _q2
            qn1 = _q8
            lad = _q13
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[59 * NLANE + j] = qn0
            W[62 * NLANE + j] = qn1
            W[58 * NLANE + j] = q0
            W[61 * NLANE + j] = q1
            W[45 * NLANE + j] = lad
            W[54 * NLANE + j] = 1.0 if okv else 0.0
            W[41 * NLANE + j] = ymin
            W[47 * NLANE + j] = float(minstep)
            W[48 * NLANE + j] = float(spike)
            W[49 * NLANE + j] = float(div)
            W[51 * NLANE + j] = float(ndeep)
            W[44 * NLANE + j] = final
            W[46 * NLANE + j] = float(tend)
            W[40 * NLANE + j] = lamf
            W[55 * NLANE + j] = 1.0 if stopv else 0.0
            W[56 * NLANE + j] = 1.0 if qok else 0.0
            W[57 * NLANE + j] = cw
            W[42 * NLANE + j] = cmq
            W[43 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[53 * NLANE + j] != 0.0
            okv = W[54 * NLANE + j] != 0.0
            if live and okv:
                n = W[5 * NLANE + j]
                log_lr = W[6 * NLANE + j]
                ipow = W[11 * NLANE + j] != 0.0
                L = W[38 * NLANE + j]
                sigma = W[39 * NLANE + j]
                final = W[44 * NLANE + j]
                lad = W[45 * NLANE + j]
                live = W[53 * NLANE + j] != 0.0
                stopv = W[55 * NLANE + j] != 0.0
                qok = W[56 * NLANE + j] != 0.0
                cw = W[57 * NLANE + j]
                q0 = W[58 * NLANE + j]
                q1 = W[61 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[23 * NLANE + j]
                    cmq = W[42 * NLANE + j]
                    cml = W[43 * NLANE + j]
                    qn1 = W[62 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[42 * NLANE + j] = cq
                        W[43 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[53 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[50 * NLANE + j] = float(t + 1)
                        W[46 * NLANE + j] = float(t + 1)
                        W[41 * NLANE + j] = -np.inf
                        W[47 * NLANE + j] = float(t + 1)
                        W[44 * NLANE + j] = -np.inf
                        live = False
                        W[53 * NLANE + j] = 0.0
                    else:
                        W[38 * NLANE + j] = L + rl
                        W[39 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[8 * NLANE + j]
                            e0 = W[21 * NLANE + j]
                            e1 = W[24 * NLANE + j]
                            lamf = W[40 * NLANE + j]
                            q0 = W[58 * NLANE + j]
                            qn0 = W[59 * NLANE + j]
                            q1 = W[61 * NLANE + j]
                            qn1 = W[62 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[40 * NLANE + j] = lamf
                            W[58 * NLANE + j] = q0
                            W[61 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            n = W[5 * NLANE + j]
                            kq0 = W[20 * NLANE + j]
                            kq1 = W[23 * NLANE + j]
                            qn0 = W[59 * NLANE + j]
                            w0 = W[60 * NLANE + j]
                            qn1 = W[62 * NLANE + j]
                            w1 = W[63 * NLANE + j]
                            w0s = W[64 * NLANE + j]
                            w1s = W[65 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (2.0) * rl
                            W[60 * NLANE + j] = w0
                            W[63 * NLANE + j] = w1
                            W[64 * NLANE + j] = w0s
                            W[65 * NLANE + j] = w1s
                            W[52 * NLANE + j] = 0.0
            elif live:
                n = W[5 * NLANE + j]
                log_lr = W[6 * NLANE + j]
                kq0 = W[20 * NLANE + j]
                kq1 = W[23 * NLANE + j]
                _l0 = W[26 * NLANE + j]
                _l0s = W[27 * NLANE + j]
                _l2 = W[28 * NLANE + j]
                _l2s = W[29 * NLANE + j]
                _l5 = W[30 * NLANE + j]
                _l5s = W[31 * NLANE + j]
                _l8 = W[32 * NLANE + j]
                _l8s = W[33 * NLANE + j]
                eps_l0 = W[34 * NLANE + j]
                eps_fs = W[35 * NLANE + j]
                v0_l0 = W[36 * NLANE + j]
                L = W[38 * NLANE + j]
                sigma = W[39 * NLANE + j]
                lamf = W[40 * NLANE + j]
                ymin = W[41 * NLANE + j]
                cmq = W[42 * NLANE + j]
                cml = W[43 * NLANE + j]
                final = W[44 * NLANE + j]
                tend = int(W[46 * NLANE + j])
                minstep = int(W[47 * NLANE + j])
                spike = int(W[48 * NLANE + j])
                div = int(W[49 * NLANE + j])
                und = int(W[50 * NLANE + j])
                ndeep = int(W[51 * NLANE + j])
                fast = W[52 * NLANE + j] != 0.0
                live = W[53 * NLANE + j] != 0.0
                stopv = W[55 * NLANE + j] != 0.0
                q0 = W[58 * NLANE + j]
                w0 = W[60 * NLANE + j]
                q1 = W[61 * NLANE + j]
                w1 = W[63 * NLANE + j]
                w0s = W[64 * NLANE + j]
                w1s = W[65 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (2.0) * lg
                v0_fl = v0_l0 - (2.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l6, _l6s = _smul(_l5, _l5s, w1, w1s)
                _l7, _l7s = _spow(0.0, sigma, 2.0)
                _l9, _l9s = _smul(_l7, _l7s, _l8, _l8s)
                _l10, _l10s = _sadd(_l6, _l6s, _l9, _l9s)
                _l11, _l11s = _sadd(eps_fl, eps_fs, _l6, _l6s)
                _l12, _l12s = _sadd(_l11, _l11s, _l9, _l9s)
                _l13, _l13s = _spow(_l12, _l12s, 0.5)
                _l14, _l14s = _sdiv(_l4, _l4s, _l13, _l13s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l10, _l10s
                dirl, dirs = _l14, _l14s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                        _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                        scl = _l20001
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (2.0) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[38 * NLANE + j] = L
                W[39 * NLANE + j] = sigma
                W[40 * NLANE + j] = lamf
                W[41 * NLANE + j] = ymin
                W[42 * NLANE + j] = cmq
                W[43 * NLANE + j] = cml
                W[44 * NLANE + j] = final
                W[46 * NLANE + j] = float(tend)
                W[47 * NLANE + j] = float(minstep)
                W[48 * NLANE + j] = float(spike)
                W[49 * NLANE + j] = float(div)
                W[50 * NLANE + j] = float(und)
                W[51 * NLANE + j] = float(ndeep)
                W[52 * NLANE + j] = 1.0 if fast else 0.0
                W[53 * NLANE + j] = 1.0 if live else 0.0
                W[58 * NLANE + j] = q0
                W[60 * NLANE + j] = w0
                W[61 * NLANE + j] = q1
                W[63 * NLANE + j] = w1
                W[64 * NLANE + j] = w0s
                W[65 * NLANE + j] = w1s
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
            ymin = W[41 * NLANE + j]
            cmq = W[42 * NLANE + j]
            cml = W[43 * NLANE + j]
            final = W[44 * NLANE + j]
            tend = int(W[46 * NLANE + j])
            minstep = int(W[47 * NLANE + j])
            spike = int(W[48 * NLANE + j])
            div = int(W[49 * NLANE + j])
            und = int(W[50 * NLANE + j])
            ndeep = int(W[51 * NLANE + j])
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
def normalized_adam_10(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adam {'eps_inside': True, 'bias_correction': False} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_adam_10_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adam_11(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adam {'eps_inside': True, 'bias_correction': True} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(26 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta1 = P[i, 1]
            beta2 = P[i, 2]
            eps = P[i, 3]
            v0 = P[i, 4]
            n = P[i, 5]
            _f1 = -(beta1)
            _f2 = 1.0 + _f1
            _f7 = -(beta2)
            _f8 = 1.0 + _f7
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta1
            W[2 * LANE + j] = beta2
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = v0
            W[5 * LANE + j] = n
            W[6 * LANE + j] = _f1
            W[7 * LANE + j] = _f2
            W[8 * LANE + j] = _f7
            W[9 * LANE + j] = _f8
            W[14 * LANE + j] = np.inf
            W[15 * LANE + j] = -1.0
            W[20 * LANE + j] = 1.0
            W[16 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[17 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[18 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[19 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[21 * LANE + j] = -1
            W[22 * LANE + j] = -1
            W[25 * LANE + j] = -1
            uni = uni and n == W[5 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[12 * LANE + j] = 0.0
            W[13 * LANE + j] = v0
            W[10 * LANE + j] = x
        ni = int(W[5 * LANE + 0])
        uni = uni and ni == W[5 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[11 * LANE + j] = abs(W[10 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[11 * LANE + j] *= abs(W[10 * LANE + j])
            else:
                for j in range(LANE):
                    W[11 * LANE + j] = _gpow(abs(W[10 * LANE + j]), W[5 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[25 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[10 * LANE + j]) * W[11 * LANE + j] / W[5 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta1 = W[1 * LANE + j]
                beta2 = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                v0 = W[4 * LANE + j]
                n = W[5 * LANE + j]
                _f1 = W[6 * LANE + j]
                _f2 = W[7 * LANE + j]
                _f7 = W[8 * LANE + j]
                _f8 = W[9 * LANE + j]
                x = W[10 * LANE + j]
                ax = abs(x)
                gabs = W[11 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[12 * LANE + j]
                s1 = W[13 * LANE + j]
                _f0 = beta1 * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta2 * s1
                _f6 = g * g
                _f9 = _f6 * _f8
                _f10 = _f5 + _f9
                _f11 = beta1 ** tf
                _f12 = -(_f11)
                _f13 = 1.0 + _f12
                _f14 = beta2 ** tf
                _f15 = -(_f14)
                _f16 = 1.0 + _f15
                _f17 = (_f10) / (_f16)
                _f18 = eps + _f17
                _f19 = math.sqrt(_f18)
                _f20 = (_f4) / (_f13 * _f19)
                s0n = _f4
                s1n = _f10
                dirn = _f20
                cn = math.sqrt(s1n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[25 * LANE + j] < 0
                lower = act & (ax < W[14 * LANE + j])
                W[14 * LANE + j] = ax if lower else W[14 * LANE + j]
                W[21 * LANE + j] = t if lower else W[21 * LANE + j]
                spk = act & (not lower) & (W[22 * LANE + j] < 0) & (ax > W[14 * LANE + j] * W[16 * LANE + j])
                W[22 * LANE + j] = t if spk else W[22 * LANE + j]
                up = act & (cn * W[20 * LANE + j] > W[15 * LANE + j] * cd)
                W[15 * LANE + j] = cn if up else W[15 * LANE + j]
                W[20 * LANE + j] = cd if up else W[20 * LANE + j]
                W[24 * LANE + j] += 1 if (act & (ax < W[19 * LANE + j])) else 0
                bad = act & (not (ax <= W[17 * LANE + j]))
                und = act & (not bad) & ((ax < W[18 * LANE + j]) | uf)
                W[23 * LANE + j] = 1 if bad else (2 if und else W[23 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[10 * LANE + j] = x - lr * dirn if go else x
                W[12 * LANE + j] = s0n if go else s0
                W[13 * LANE + j] = s1n if go else s1
                W[25 * LANE + j] = t if (act & (not go)) else W[25 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[5 * LANE + j]
                te = int(W[25 * LANE + j])
                ax = abs(W[10 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[14 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[21 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[15 * LANE + j] / W[20 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[15 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[21 * LANE + j])
                I[i, 1] = int(W[22 * LANE + j])
                I[i, 2] = te if W[23 * LANE + j] == 1 else -1
                I[i, 3] = te if W[23 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[24 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_adam_11_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_adam_11` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(68 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        v0 = P[i, 4]
        n = P[i, 5]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta1)
        _f1 = 1.0 + _f0
        _f2 = -(beta2)
        _f3 = 1.0 + _f2
        _g0 = -(beta1)
        _g1 = 1.0 + _g0
        _g2 = -(beta2)
        _g3 = 1.0 + _g2
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = 2.0
        e1 = -(n - 1.0) * (2.0) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta1)
        _l2, _l2s = _sof(_f1)
        _l5, _l5s = _sof(beta2)
        _l8, _l8s = _sof(_f3)
        eps_l0, eps_fs = _sof(eps)
        v0_l0, v0_fs = _sof(v0)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (2.0) * lg
        v0_fl = v0_l0 - (2.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = v0_fl, v0_fs
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta1
        W[2 * NLANE + j] = beta2
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = v0
        W[5 * NLANE + j] = n
        W[6 * NLANE + j] = log_lr
        W[7 * NLANE + j] = log_n
        W[8 * NLANE + j] = elam
        W[9 * NLANE + j] = ydeep
        W[10 * NLANE + j] = float(ielam)
        W[11 * NLANE + j] = 1.0 if ipow else 0.0
        W[12 * NLANE + j] = _f0
        W[13 * NLANE + j] = _f1
        W[14 * NLANE + j] = _f2
        W[15 * NLANE + j] = _f3
        W[16 * NLANE + j] = _g0
        W[17 * NLANE + j] = _g1
        W[18 * NLANE + j] = _g2
        W[19 * NLANE + j] = _g3
        W[20 * NLANE + j] = kq0
        W[21 * NLANE + j] = e0
        W[22 * NLANE + j] = float(ie0)
        W[23 * NLANE + j] = kq1
        W[24 * NLANE + j] = e1
        W[25 * NLANE + j] = float(ie1)
        W[26 * NLANE + j] = _l0
        W[27 * NLANE + j] = _l0s
        W[28 * NLANE + j] = _l2
        W[29 * NLANE + j] = _l2s
        W[30 * NLANE + j] = _l5
        W[31 * NLANE + j] = _l5s
        W[32 * NLANE + j] = _l8
        W[33 * NLANE + j] = _l8s
        W[34 * NLANE + j] = eps_l0
        W[35 * NLANE + j] = eps_fs
        W[36 * NLANE + j] = v0_l0
        W[37 * NLANE + j] = v0_fs
        W[38 * NLANE + j] = L
        W[39 * NLANE + j] = sigma
        W[40 * NLANE + j] = lamf
        W[41 * NLANE + j] = ymin
        W[42 * NLANE + j] = cmq
        W[43 * NLANE + j] = cml
        W[44 * NLANE + j] = final
        W[45 * NLANE + j] = lad
        W[46 * NLANE + j] = float(tend)
        W[47 * NLANE + j] = float(minstep)
        W[48 * NLANE + j] = float(spike)
        W[49 * NLANE + j] = float(div)
        W[50 * NLANE + j] = float(und)
        W[51 * NLANE + j] = float(ndeep)
        W[52 * NLANE + j] = 1.0 if fast else 0.0
        W[53 * NLANE + j] = 1.0 if live else 0.0
        W[54 * NLANE + j] = 1.0 if okv else 0.0
        W[55 * NLANE + j] = 1.0 if stopv else 0.0
        W[56 * NLANE + j] = 1.0 if qok else 0.0
        W[57 * NLANE + j] = cw
        W[58 * NLANE + j] = q0
        W[59 * NLANE + j] = qn0
        W[60 * NLANE + j] = w0
        W[61 * NLANE + j] = q1
        W[62 * NLANE + j] = qn1
        W[63 * NLANE + j] = w1
        W[64 * NLANE + j] = w0s
        W[65 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[5 * NLANE + j]
            log_lr = W[6 * NLANE + j]
            eps_l0 = W[34 * NLANE + j]
            eps_fs = W[35 * NLANE + j]
            L = W[38 * NLANE + j]
            lamf = W[40 * NLANE + j]
            fast = W[52 * NLANE + j] != 0.0
            live = W[53 * NLANE + j] != 0.0
            _q6 = W[66 * NLANE + j]
            _q10 = W[67 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q6 = _lpow(lamf, lL, -2)
                _q10 = eps_fs * _xp(eps_l0 - (2.0) * lg - (2.0) * lL)
            W[40 * NLANE + j] = lamf
            W[66 * NLANE + j] = _q6
            W[67 * NLANE + j] = _q10
        npneed = 0
        for j in range(NLANE):
            beta1 = W[1 * NLANE + j]
            beta2 = W[2 * NLANE + j]
            n = W[5 * NLANE + j]
            log_lr = W[6 * NLANE + j]
            log_n = W[7 * NLANE + j]
            ydeep = W[9 * NLANE + j]
            ielam = int(W[10 * NLANE + j])
            ipow = W[11 * NLANE + j] != 0.0
            _g1 = W[17 * NLANE + j]
            _g3 = W[19 * NLANE + j]
            ie0 = int(W[22 * NLANE + j])
            kq1 = W[23 * NLANE + j]
            ie1 = int(W[25 * NLANE + j])
            eps_fs = W[35 * NLANE + j]
            L = W[38 * NLANE + j]
            sigma = W[39 * NLANE + j]
            lamf = W[40 * NLANE + j]
            ymin = W[41 * NLANE + j]
            cmq = W[42 * NLANE + j]
            cml = W[43 * NLANE + j]
            final = W[44 * NLANE + j]
            lad = W[45 * NLANE + j]
            tend = int(W[46 * NLANE + j])
            minstep = int(W[47 * NLANE + j])
            spike = int(W[48 * NLANE + j])
            div = int(W[49 * NLANE + j])
            ndeep = int(W[51 * NLANE + j])
            fast = W[52 * NLANE + j] != 0.0
            live = W[53 * NLANE + j] != 0.0
            okv = W[54 * NLANE + j] != 0.0
            stopv = W[55 * NLANE + j] != 0.0
            qok = W[56 * NLANE + j] != 0.0
            cw = W[57 * NLANE + j]
            q0 = W[58 * NLANE + j]
            qn0 = W[59 * NLANE + j]
            q1 = W[61 * NLANE + j]
            qn1 = W[62 * NLANE + j]
            _q6 = W[66 * NLANE + j]
            _q10 = W[67 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q6 = _ipv(lamf, ilamf, -2) if lamin else _q6
            _q0 = beta1 * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta2 * q1
            _q4 = sigma * sigma
            _q5 = _q4 * _g3
            _q7 = _q5 * _q6
            _q8 = _q3 + _q7
            _g4 = beta1 ** tf
            _g5 = -(_g4)
            _g6 = 1.0 + _g5
            _g7 = beta2 ** tf
            _g8 = -(_g7)
            _g9 = 1.0 + _g8
            _q9 = (_q8) / (_g9)
            _q11 = _q10 + _q9
            _q12 = math.sqrt(_q11)
            _q13 = (_q2) / (_g6 * _q12)
            qn0 = _q2
            qn1 = _q8
            lad = _q13
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[59 * NLANE + j] = qn0
            W[62 * NLANE + j] = qn1
            W[58 * NLANE + j] = q0
            W[61 * NLANE + j] = q1
            W[45 * NLANE + j] = lad
            W[54 * NLANE + j] = 1.0 if okv else 0.0
            W[41 * NLANE + j] = ymin
            W[47 * NLANE + j] = float(minstep)
            W[48 * NLANE + j] = float(spike)
            W[49 * NLANE + j] = float(div)
            W[51 * NLANE + j] = float(ndeep)
            W[44 * NLANE + j] = final
            W[46 * NLANE + j] = float(tend)
            W[40 * NLANE + j] = lamf
            W[55 * NLANE + j] = 1.0 if stopv else 0.0
            W[56 * NLANE + j] = 1.0 if qok else 0.0
            W[57 * NLANE + j] = cw
            W[42 * NLANE + j] = cmq
            W[43 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[53 * NLANE + j] != 0.0
            okv = W[54 * NLANE + j] != 0.0
            if live and okv:
                n = W[5 * NLANE + j]
                log_lr = W[6 * NLANE + j]
                ipow = W[11 * NLANE + j] != 0.0
                L = W[38 * NLANE + j]
                sigma = W[39 * NLANE + j]
                final = W[44 * NLANE + j]
                lad = W[45 * NLANE + j]
                live = W[53 * NLANE + j] != 0.0
                stopv = W[55 * NLANE + j] != 0.0
                qok = W[56 * NLANE + j] != 0.0
                cw = W[57 * NLANE + j]
                q0 = W[58 * NLANE + j]
                q1 = W[61 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[23 * NLANE + j]
                    cmq = W[42 * NLANE + j]
                    cml = W[43 * NLANE + j]
                    qn1 = W[62 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[42 * NLANE + j] = cq
                        W[43 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[53 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[50 * NLANE + j] = float(t + 1)
                        W[46 * NLANE + j] = float(t + 1)
                        W[41 * NLANE + j] = -np.inf
                        W[47 * NLANE + j] = float(t + 1)
                        W[44 * NLANE + j] = -np.inf
                        live = False
                        W[53 * NLANE + j] = 0.0
                    else:
                        W[38 * NLANE + j] = L + rl
                        W[39 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[8 * NLANE + j]
                            e0 = W[21 * NLANE + j]
                            e1 = W[24 * NLANE + j]
                            lamf = W[40 * NLANE + j]
                            q0 = W[58 * NLANE + j]
                            qn0 = W[59 * NLANE + j]
                            q1 = W[61 * NLANE + j]
                            qn1 = W[62 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[40 * NLANE + j] = lamf
                            W[58 * NLANE + j] = q0
                            W[61 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            n = W[5 * NLANE + j]
                            kq0 = W[20 * NLANE + j]
                            kq1 = W[23 * NLANE + j]
                            qn0 = W[59 * NLANE + j]
                            w0 = W[60 * NLANE + j]
                            qn1 = W[62 * NLANE + j]
                            w1 = W[63 * NLANE + j]
                            w0s = W[64 * NLANE + j]
                            w1s = W[65 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (2.0) * rl
                            W[60 * NLANE + j] = w0
                            W[63 * NLANE + j] = w1
                            W[64 * NLANE + j] = w0s
                            W[65 * NLANE + j] = w1s
                            W[52 * NLANE + j] = 0.0
            elif live:
                beta1 = W[1 * NLANE + j]
                beta2 = W[2 * NLANE + j]
                n = W[5 * NLANE + j]
                log_lr = W[6 * NLANE + j]
                kq0 = W[20 * NLANE + j]
                kq1 = W[23 * NLANE + j]
                _l0 = W[26 * NLANE + j]
                _l0s = W[27 * NLANE + j]
                _l2 = W[28 * NLANE + j]
                _l2s = W[29 * NLANE + j]
                _l5 = W[30 * NLANE + j]
                _l5s = W[31 * NLANE + j]
                _l8 = W[32 * NLANE + j]
                _l8s = W[33 * NLANE + j]
                eps_l0 = W[34 * NLANE + j]
                eps_fs = W[35 * NLANE + j]
                v0_l0 = W[36 * NLANE + j]
                L = W[38 * NLANE + j]
                sigma = W[39 * NLANE + j]
                lamf = W[40 * NLANE + j]
                ymin = W[41 * NLANE + j]
                cmq = W[42 * NLANE + j]
                cml = W[43 * NLANE + j]
                final = W[44 * NLANE + j]
                tend = int(W[46 * NLANE + j])
                minstep = int(W[47 * NLANE + j])
                spike = int(W[48 * NLANE + j])
                div = int(W[49 * NLANE + j])
                und = int(W[50 * NLANE + j])
                ndeep = int(W[51 * NLANE + j])
                fast = W[52 * NLANE + j] != 0.0
                live = W[53 * NLANE + j] != 0.0
                stopv = W[55 * NLANE + j] != 0.0
                q0 = W[58 * NLANE + j]
                w0 = W[60 * NLANE + j]
                q1 = W[61 * NLANE + j]
                w1 = W[63 * NLANE + j]
                w0s = W[64 * NLANE + j]
                w1s = W[65 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (2.0) * lg
                v0_fl = v0_l0 - (2.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l6, _l6s = _smul(_l5, _l5s, w1, w1s)
                _l7, _l7s = _spow(0.0, sigma, 2.0)
                _l9, _l9s = _smul(_l7, _l7s, _l8, _l8s)
                _l10, _l10s = _sadd(_l6, _l6s, _l9, _l9s)
                _f4 = beta1 ** tf
                _f5 = -(_f4)
                _f6 = 1.0 + _f5
                _l11, _l11s = _sof(_f6)
                _f7 = beta2 ** tf
                _f8 = -(_f7)
                _f9 = 1.0 + _f8
                _l12, _l12s = _sof(_f9)
                _l13, _l13s = _sdiv(_l10, _l10s, _l12, _l12s)
                _l14, _l14s = _sadd(eps_fl, eps_fs, _l13, _l13s)
                _l15, _l15s = _spow(_l14, _l14s, 0.5)
                _l16, _l16s = _smul(_l11, _l11s, _l15, _l15s)
                _l17, _l17s = _sdiv(_l4, _l4s, _l16, _l16s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l10, _l10s
                dirl, dirs = _l17, _l17s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                        _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                        scl = _l20001
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (2.0) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[38 * NLANE + j] = L
                W[39 * NLANE + j] = sigma
                W[40 * NLANE + j] = lamf
                W[41 * NLANE + j] = ymin
                W[42 * NLANE + j] = cmq
                W[43 * NLANE + j] = cml
                W[44 * NLANE + j] = final
                W[46 * NLANE + j] = float(tend)
                W[47 * NLANE + j] = float(minstep)
                W[48 * NLANE + j] = float(spike)
                W[49 * NLANE + j] = float(div)
                W[50 * NLANE + j] = float(und)
                W[51 * NLANE + j] = float(ndeep)
                W[52 * NLANE + j] = 1.0 if fast else 0.0
                W[53 * NLANE + j] = 1.0 if live else 0.0
                W[58 * NLANE + j] = q0
                W[60 * NLANE + j] = w0
                W[61 * NLANE + j] = q1
                W[63 * NLANE + j] = w1
                W[64 * NLANE + j] = w0s
                W[65 * NLANE + j] = w1s
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
            ymin = W[41 * NLANE + j]
            cmq = W[42 * NLANE + j]
            cml = W[43 * NLANE + j]
            final = W[44 * NLANE + j]
            tend = int(W[46 * NLANE + j])
            minstep = int(W[47 * NLANE + j])
            spike = int(W[48 * NLANE + j])
            div = int(W[49 * NLANE + j])
            und = int(W[50 * NLANE + j])
            ndeep = int(W[51 * NLANE + j])
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
def normalized_adam_11(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adam {'eps_inside': True, 'bias_correction': True} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_adam_11_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adamomentum_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adamomentum {'bias_correction': False} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(25 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta1 = P[i, 1]
            beta2 = P[i, 2]
            eps = P[i, 3]
            n = P[i, 4]
            _f1 = -(beta1)
            _f2 = 1.0 + _f1
            _f7 = -(beta2)
            _f8 = 1.0 + _f7
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta1
            W[2 * LANE + j] = beta2
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = n
            W[5 * LANE + j] = _f1
            W[6 * LANE + j] = _f2
            W[7 * LANE + j] = _f7
            W[8 * LANE + j] = _f8
            W[13 * LANE + j] = np.inf
            W[14 * LANE + j] = -1.0
            W[19 * LANE + j] = 1.0
            W[15 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[16 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[17 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[18 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[20 * LANE + j] = -1
            W[21 * LANE + j] = -1
            W[24 * LANE + j] = -1
            uni = uni and n == W[4 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[11 * LANE + j] = 0.0
            W[12 * LANE + j] = 0.0
            W[9 * LANE + j] = x
        ni = int(W[4 * LANE + 0])
        uni = uni and ni == W[4 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[10 * LANE + j] = abs(W[9 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[10 * LANE + j] *= abs(W[9 * LANE + j])
            else:
                for j in range(LANE):
                    W[10 * LANE + j] = _gpow(abs(W[9 * LANE + j]), W[4 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[24 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[9 * LANE + j]) * W[10 * LANE + j] / W[4 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta1 = W[1 * LANE + j]
                beta2 = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                n = W[4 * LANE + j]
                _f1 = W[5 * LANE + j]
                _f2 = W[6 * LANE + j]
                _f7 = W[7 * LANE + j]
                _f8 = W[8 * LANE + j]
                x = W[9 * LANE + j]
                ax = abs(x)
                gabs = W[10 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[11 * LANE + j]
                s1 = W[12 * LANE + j]
                _f0 = beta1 * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta2 * s1
                _f6 = _f4 * _f4
                _f9 = _f6 * _f8
                _f10 = eps + _f5 + _f9
                _f11 = math.sqrt(_f10)
                _f12 = (_f4) / (_f11)
                s0n = _f4
                s1n = _f10
                dirn = _f12
                cn = math.sqrt(s1n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[24 * LANE + j] < 0
                lower = act & (ax < W[13 * LANE + j])
                W[13 * LANE + j] = ax if lower else W[13 * LANE + j]
                W[20 * LANE + j] = t if lower else W[20 * LANE + j]
                spk = act & (not lower) & (W[21 * LANE + j] < 0) & (ax > W[13 * LANE + j] * W[15 * LANE + j])
                W[21 * LANE + j] = t if spk else W[21 * LANE + j]
                up = act & (cn * W[19 * LANE + j] > W[14 * LANE + j] * cd)
                W[14 * LANE + j] = cn if up else W[14 * LANE + j]
                W[19 * LANE + j] = cd if up else W[19 * LANE + j]
                W[23 * LANE + j] += 1 if (act & (ax < W[18 * LANE + j])) else 0
                bad = act & (not (ax <= W[16 * LANE + j]))
                und = act & (not bad) & ((ax < W[17 * LANE + j]) | uf)
                W[22 * LANE + j] = 1 if bad else (2 if und else W[22 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[9 * LANE + j] = x - lr * dirn if go else x
                W[11 * LANE + j] = s0n if go else s0
                W[12 * LANE + j] = s1n if go else s1
                W[24 * LANE + j] = t if (act & (not go)) else W[24 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[4 * LANE + j]
                te = int(W[24 * LANE + j])
                ax = abs(W[9 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[13 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[20 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[14 * LANE + j] / W[19 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[14 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[20 * LANE + j])
                I[i, 1] = int(W[21 * LANE + j])
                I[i, 2] = te if W[22 * LANE + j] == 1 else -1
                I[i, 3] = te if W[22 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[23 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_adamomentum_0_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_adamomentum_0` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(65 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta1)
        _f1 = 1.0 + _f0
        _f2 = -(beta2)
        _f3 = 1.0 + _f2
        _g0 = -(beta1)
        _g1 = 1.0 + _g0
        _g2 = -(beta2)
        _g3 = 1.0 + _g2
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = 2.0
        e1 = -(n - 1.0) * (2.0) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta1)
        _l2, _l2s = _sof(_f1)
        _l5, _l5s = _sof(beta2)
        _l9, _l9s = _sof(_f3)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (2.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = _l10000, _l10000s
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta1
        W[2 * NLANE + j] = beta2
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = n
        W[5 * NLANE + j] = log_lr
        W[6 * NLANE + j] = log_n
        W[7 * NLANE + j] = elam
        W[8 * NLANE + j] = ydeep
        W[9 * NLANE + j] = float(ielam)
        W[10 * NLANE + j] = 1.0 if ipow else 0.0
        W[11 * NLANE + j] = _f0
        W[12 * NLANE + j] = _f1
        W[13 * NLANE + j] = _f2
        W[14 * NLANE + j] = _f3
        W[15 * NLANE + j] = _g0
        W[16 * NLANE + j] = _g1
        W[17 * NLANE + j] = _g2
        W[18 * NLANE + j] = _g3
        W[19 * NLANE + j] = kq0
        W[20 * NLANE + j] = e0
        W[21 * NLANE + j] = float(ie0)
        W[22 * NLANE + j] = kq1
        W[23 * NLANE + j] = e1
        W[24 * NLANE + j] = float(ie1)
        W[25 * NLANE + j] = _l0
        W[26 * NLANE + j] = _l0s
        W[27 * NLANE + j] = _l2
        W[28 * NLANE + j] = _l2s
        W[29 * NLANE + j] = _l5
        W[30 * NLANE + j] = _l5s
        W[31 * NLANE + j] = _l9
        W[32 * NLANE + j] = _l9s
        W[33 * NLANE + j] = eps_l0
        W[34 * NLANE + j] = eps_fs
        W[35 * NLANE + j] = L
        W[36 * NLANE + j] = sigma
        W[37 * NLANE + j] = lamf
        W[38 * NLANE + j] = ymin
        W[39 * NLANE + j] = cmq
        W[40 * NLANE + j] = cml
        W[41 * NLANE + j] = final
        W[42 * NLANE + j] = lad
        W[43 * NLANE + j] = float(tend)
        W[44 * NLANE + j] = float(minstep)
        W[45 * NLANE + j] = float(spike)
        W[46 * NLANE + j] = float(div)
        W[47 * NLANE + j] = float(und)
        W[48 * NLANE + j] = float(ndeep)
        W[49 * NLANE + j] = 1.0 if fast else 0.0
        W[50 * NLANE + j] = 1.0 if live else 0.0
        W[51 * NLANE + j] = 1.0 if okv else 0.0
        W[52 * NLANE + j] = 1.0 if stopv else 0.0
        W[53 * NLANE + j] = 1.0 if qok else 0.0
        W[54 * NLANE + j] = cw
        W[55 * NLANE + j] = q0
        W[56 * NLANE + j] = qn0
        W[57 * NLANE + j] = w0
        W[58 * NLANE + j] = q1
        W[59 * NLANE + j] = qn1
        W[60 * NLANE + j] = w1
        W[61 * NLANE + j] = w0s
        W[62 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            eps_l0 = W[33 * NLANE + j]
            eps_fs = W[34 * NLANE + j]
            L = W[35 * NLANE + j]
            lamf = W[37 * NLANE + j]
            fast = W[49 * NLANE + j] != 0.0
            live = W[50 * NLANE + j] != 0.0
            _q6 = W[63 * NLANE + j]
            _q7 = W[64 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q6 = eps_fs * _xp(eps_l0 - (2.0) * lg - (2.0) * lL)
                _q7 = _lpow(lamf, lL, -2)
            W[37 * NLANE + j] = lamf
            W[63 * NLANE + j] = _q6
            W[64 * NLANE + j] = _q7
        npneed = 0
        for j in range(NLANE):
            beta1 = W[1 * NLANE + j]
            beta2 = W[2 * NLANE + j]
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            log_n = W[6 * NLANE + j]
            ydeep = W[8 * NLANE + j]
            ielam = int(W[9 * NLANE + j])
            ipow = W[10 * NLANE + j] != 0.0
            _g1 = W[16 * NLANE + j]
            _g3 = W[18 * NLANE + j]
            ie0 = int(W[21 * NLANE + j])
            kq1 = W[22 * NLANE + j]
            ie1 = int(W[24 * NLANE + j])
            eps_fs = W[34 * NLANE + j]
            L = W[35 * NLANE + j]
            sigma = W[36 * NLANE + j]
            lamf = W[37 * NLANE + j]
            ymin = W[38 * NLANE + j]
            cmq = W[39 * NLANE + j]
            cml = W[40 * NLANE + j]
            final = W[41 * NLANE + j]
            lad = W[42 * NLANE + j]
            tend = int(W[43 * NLANE + j])
            minstep = int(W[44 * NLANE + j])
            spike = int(W[45 * NLANE + j])
            div = int(W[46 * NLANE + j])
            ndeep = int(W[48 * NLANE + j])
            fast = W[49 * NLANE + j] != 0.0
            live = W[50 * NLANE + j] != 0.0
            okv = W[51 * NLANE + j] != 0.0
            stopv = W[52 * NLANE + j] != 0.0
            qok = W[53 * NLANE + j] != 0.0
            cw = W[54 * NLANE + j]
            q0 = W[55 * NLANE + j]
            qn0 = W[56 * NLANE + j]
            q1 = W[58 * NLANE + j]
            qn1 = W[59 * NLANE + j]
            _q6 = W[63 * NLANE + j]
            _q7 = W[64 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q7 = _ipv(lamf, ilamf, -2) if lamin else _q7
            _q0 = beta1 * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta2 * q1
            _q4 = _q2 * _q2
            _q5 = _q4 * _g3
            _q8 = _q5 * _q7
            _q9 = _q6 + _q3 + _q8
            _q10 = math.sqrt(_q9)
            _q11 = (_q2) / (_q10)
            qn0 = _q2
            qn1 = _q9
            lad = _q11
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[56 * NLANE + j] = qn0
            W[59 * NLANE + j] = qn1
            W[55 * NLANE + j] = q0
            W[58 * NLANE + j] = q1
            W[42 * NLANE + j] = lad
            W[51 * NLANE + j] = 1.0 if okv else 0.0
            W[38 * NLANE + j] = ymin
            W[44 * NLANE + j] = float(minstep)
            W[45 * NLANE + j] = float(spike)
            W[46 * NLANE + j] = float(div)
            W[48 * NLANE + j] = float(ndeep)
            W[41 * NLANE + j] = final
            W[43 * NLANE + j] = float(tend)
            W[37 * NLANE + j] = lamf
            W[52 * NLANE + j] = 1.0 if stopv else 0.0
            W[53 * NLANE + j] = 1.0 if qok else 0.0
            W[54 * NLANE + j] = cw
            W[39 * NLANE + j] = cmq
            W[40 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[50 * NLANE + j] != 0.0
            okv = W[51 * NLANE + j] != 0.0
            if live and okv:
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                ipow = W[10 * NLANE + j] != 0.0
                L = W[35 * NLANE + j]
                sigma = W[36 * NLANE + j]
                final = W[41 * NLANE + j]
                lad = W[42 * NLANE + j]
                live = W[50 * NLANE + j] != 0.0
                stopv = W[52 * NLANE + j] != 0.0
                qok = W[53 * NLANE + j] != 0.0
                cw = W[54 * NLANE + j]
                q0 = W[55 * NLANE + j]
                q1 = W[58 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[22 * NLANE + j]
                    cmq = W[39 * NLANE + j]
                    cml = W[40 * NLANE + j]
                    qn1 = W[59 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[39 * NLANE + j] = cq
                        W[40 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[50 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[47 * NLANE + j] = float(t + 1)
                        W[43 * NLANE + j] = float(t + 1)
                        W[38 * NLANE + j] = -np.inf
                        W[44 * NLANE + j] = float(t + 1)
                        W[41 * NLANE + j] = -np.inf
                        live = False
                        W[50 * NLANE + j] = 0.0
                    else:
                        W[35 * NLANE + j] = L + rl
                        W[36 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[7 * NLANE + j]
                            e0 = W[20 * NLANE + j]
                            e1 = W[23 * NLANE + j]
                            lamf = W[37 * NLANE + j]
                            q0 = W[55 * NLANE + j]
                            qn0 = W[56 * NLANE + j]
                            q1 = W[58 * NLANE + j]
                            qn1 = W[59 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[37 * NLANE + j] = lamf
                            W[55 * NLANE + j] = q0
                            W[58 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            n = W[4 * NLANE + j]
                            kq0 = W[19 * NLANE + j]
                            kq1 = W[22 * NLANE + j]
                            qn0 = W[56 * NLANE + j]
                            w0 = W[57 * NLANE + j]
                            qn1 = W[59 * NLANE + j]
                            w1 = W[60 * NLANE + j]
                            w0s = W[61 * NLANE + j]
                            w1s = W[62 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (2.0) * rl
                            W[57 * NLANE + j] = w0
                            W[60 * NLANE + j] = w1
                            W[61 * NLANE + j] = w0s
                            W[62 * NLANE + j] = w1s
                            W[49 * NLANE + j] = 0.0
            elif live:
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                kq0 = W[19 * NLANE + j]
                kq1 = W[22 * NLANE + j]
                _l0 = W[25 * NLANE + j]
                _l0s = W[26 * NLANE + j]
                _l2 = W[27 * NLANE + j]
                _l2s = W[28 * NLANE + j]
                _l5 = W[29 * NLANE + j]
                _l5s = W[30 * NLANE + j]
                _l9 = W[31 * NLANE + j]
                _l9s = W[32 * NLANE + j]
                eps_l0 = W[33 * NLANE + j]
                eps_fs = W[34 * NLANE + j]
                L = W[35 * NLANE + j]
                sigma = W[36 * NLANE + j]
                lamf = W[37 * NLANE + j]
                ymin = W[38 * NLANE + j]
                cmq = W[39 * NLANE + j]
                cml = W[40 * NLANE + j]
                final = W[41 * NLANE + j]
                tend = int(W[43 * NLANE + j])
                minstep = int(W[44 * NLANE + j])
                spike = int(W[45 * NLANE + j])
                div = int(W[46 * NLANE + j])
                und = int(W[47 * NLANE + j])
                ndeep = int(W[48 * NLANE + j])
                fast = W[49 * NLANE + j] != 0.0
                live = W[50 * NLANE + j] != 0.0
                stopv = W[52 * NLANE + j] != 0.0
                q0 = W[55 * NLANE + j]
                w0 = W[57 * NLANE + j]
                q1 = W[58 * NLANE + j]
                w1 = W[60 * NLANE + j]
                w0s = W[61 * NLANE + j]
                w1s = W[62 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (2.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l6, _l6s = _smul(_l5, _l5s, w1, w1s)
                _l7, _l7s = _sadd(eps_fl, eps_fs, _l6, _l6s)
                _l8, _l8s = _spow(_l4, _l4s, 2.0)
                _l10, _l10s = _smul(_l8, _l8s, _l9, _l9s)
                _l11, _l11s = _sadd(_l7, _l7s, _l10, _l10s)
                _l12, _l12s = _spow(_l11, _l11s, 0.5)
                _l13, _l13s = _sdiv(_l4, _l4s, _l12, _l12s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l11, _l11s
                dirl, dirs = _l13, _l13s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                        scl = _l20000
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (2.0) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[35 * NLANE + j] = L
                W[36 * NLANE + j] = sigma
                W[37 * NLANE + j] = lamf
                W[38 * NLANE + j] = ymin
                W[39 * NLANE + j] = cmq
                W[40 * NLANE + j] = cml
                W[41 * NLANE + j] = final
                W[43 * NLANE + j] = float(tend)
                W[44 * NLANE + j] = float(minstep)
                W[45 * NLANE + j] = float(spike)
                W[46 * NLANE + j] = float(div)
                W[47 * NLANE + j] = float(und)
                W[48 * NLANE + j] = float(ndeep)
                W[49 * NLANE + j] = 1.0 if fast else 0.0
                W[50 * NLANE + j] = 1.0 if live else 0.0
                W[55 * NLANE + j] = q0
                W[57 * NLANE + j] = w0
                W[58 * NLANE + j] = q1
                W[60 * NLANE + j] = w1
                W[61 * NLANE + j] = w0s
                W[62 * NLANE + j] = w1s
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
            ymin = W[38 * NLANE + j]
            cmq = W[39 * NLANE + j]
            cml = W[40 * NLANE + j]
            final = W[41 * NLANE + j]
            tend = int(W[43 * NLANE + j])
            minstep = int(W[44 * NLANE + j])
            spike = int(W[45 * NLANE + j])
            div = int(W[46 * NLANE + j])
            und = int(W[47 * NLANE + j])
            ndeep = int(W[48 * NLANE + j])
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
def normalized_adamomentum_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adamomentum {'bias_correction': False} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_adamomentum_0_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adamomentum_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adamomentum {'bias_correction': True} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(25 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta1 = P[i, 1]
            beta2 = P[i, 2]
            eps = P[i, 3]
            n = P[i, 4]
            _f1 = -(beta1)
            _f2 = 1.0 + _f1
            _f7 = -(beta2)
            _f8 = 1.0 + _f7
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta1
            W[2 * LANE + j] = beta2
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = n
            W[5 * LANE + j] = _f1
            W[6 * LANE + j] = _f2
            W[7 * LANE + j] = _f7
            W[8 * LANE + j] = _f8
            W[13 * LANE + j] = np.inf
            W[14 * LANE + j] = -1.0
            W[19 * LANE + j] = 1.0
            W[15 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[16 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[17 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[18 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[20 * LANE + j] = -1
            W[21 * LANE + j] = -1
            W[24 * LANE + j] = -1
            uni = uni and n == W[4 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[11 * LANE + j] = 0.0
            W[12 * LANE + j] = 0.0
            W[9 * LANE + j] = x
        ni = int(W[4 * LANE + 0])
        uni = uni and ni == W[4 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[10 * LANE + j] = abs(W[9 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[10 * LANE + j] *= abs(W[9 * LANE + j])
            else:
                for j in range(LANE):
                    W[10 * LANE + j] = _gpow(abs(W[9 * LANE + j]), W[4 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[24 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[9 * LANE + j]) * W[10 * LANE + j] / W[4 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta1 = W[1 * LANE + j]
                beta2 = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                n = W[4 * LANE + j]
                _f1 = W[5 * LANE + j]
                _f2 = W[6 * LANE + j]
                _f7 = W[7 * LANE + j]
                _f8 = W[8 * LANE + j]
                x = W[9 * LANE + j]
                ax = abs(x)
                gabs = W[10 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[11 * LANE + j]
                s1 = W[12 * LANE + j]
                _f0 = beta1 * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta2 * s1
                _f6 = _f4 * _f4
                _f9 = _f6 * _f8
                _f10 = eps + _f5 + _f9
                _f11 = beta2 ** tf
                _f12 = -(_f11)
                _f13 = 1.0 + _f12
                _f14 = (_f10) / (_f13)
                _f15 = math.sqrt(_f14)
                _f16 = beta1 ** tf
                _f17 = -(_f16)
                _f18 = 1.0 + _f17
                _f19 = (_f4) / (_f15 * _f18)
                s0n = _f4
                s1n = _f10
                dirn = _f19
                cn = math.sqrt(s1n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[24 * LANE + j] < 0
                lower = act & (ax < W[13 * LANE + j])
                W[13 * LANE + j] = ax if lower else W[13 * LANE + j]
                W[20 * LANE + j] = t if lower else W[20 * LANE + j]
                spk = act & (not lower) & (W[21 * LANE + j] < 0) & (ax > W[13 * LANE + j] * W[15 * LANE + j])
                W[21 * LANE + j] = t if spk else W[21 * LANE + j]
                up = act & (cn * W[19 * LANE + j] > W[14 * LANE + j] * cd)
                W[14 * LANE + j] = cn if up else W[14 * LANE + j]
                W[19 * LANE + j] = cd if up else W[19 * LANE + j]
                W[23 * LANE + j] += 1 if (act & (ax < W[18 * LANE + j])) else 0
                bad = act & (not (ax <= W[16 * LANE + j]))
                und = act & (not bad) & ((ax < W[17 * LANE + j]) | uf)
                W[22 * LANE + j] = 1 if bad else (2 if und else W[22 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[9 * LANE + j] = x - lr * dirn if go else x
                W[11 * LANE + j] = s0n if go else s0
                W[12 * LANE + j] = s1n if go else s1
                W[24 * LANE + j] = t if (act & (not go)) else W[24 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[4 * LANE + j]
                te = int(W[24 * LANE + j])
                ax = abs(W[9 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[13 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[20 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[14 * LANE + j] / W[19 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[14 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[20 * LANE + j])
                I[i, 1] = int(W[21 * LANE + j])
                I[i, 2] = te if W[22 * LANE + j] == 1 else -1
                I[i, 3] = te if W[22 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[23 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_adamomentum_1_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_adamomentum_1` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(65 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta1)
        _f1 = 1.0 + _f0
        _f2 = -(beta2)
        _f3 = 1.0 + _f2
        _g0 = -(beta1)
        _g1 = 1.0 + _g0
        _g2 = -(beta2)
        _g3 = 1.0 + _g2
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = 2.0
        e1 = -(n - 1.0) * (2.0) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta1)
        _l2, _l2s = _sof(_f1)
        _l5, _l5s = _sof(beta2)
        _l9, _l9s = _sof(_f3)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (2.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = _l10000, _l10000s
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta1
        W[2 * NLANE + j] = beta2
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = n
        W[5 * NLANE + j] = log_lr
        W[6 * NLANE + j] = log_n
        W[7 * NLANE + j] = elam
        W[8 * NLANE + j] = ydeep
        W[9 * NLANE + j] = float(ielam)
        W[10 * NLANE + j] = 1.0 if ipow else 0.0
        W[11 * NLANE + j] = _f0
        W[12 * NLANE + j] = _f1
        W[13 * NLANE + j] = _f2
        W[14 * NLANE + j] = _f3
        W[15 * NLANE + j] = _g0
        W[16 * NLANE + j] = _g1
        W[17 * NLANE + j] = _g2
        W[18 * NLANE + j] = _g3
        W[19 * NLANE + j] = kq0
        W[20 * NLANE + j] = e0
        W[21 * NLANE + j] = float(ie0)
        W[22 * NLANE + j] = kq1
        W[23 * NLANE + j] = e1
        W[24 * NLANE + j] = float(ie1)
        W[25 * NLANE + j] = _l0
        W[26 * NLANE + j] = _l0s
        W[27 * NLANE + j] = _l2
        W[28 * NLANE + j] = _l2s
        W[29 * NLANE + j] = _l5
        W[30 * NLANE + j] = _l5s
        W[31 * NLANE + j] = _l9
        W[32 * NLANE + j] = _l9s
        W[33 * NLANE + j] = eps_l0
        W[34 * NLANE + j] = eps_fs
        W[35 * NLANE + j] = L
        W[36 * NLANE + j] = sigma
        W[37 * NLANE + j] = lamf
        W[38 * NLANE + j] = ymin
        W[39 * NLANE + j] = cmq
        W[40 * NLANE + j] = cml
        W[41 * NLANE + j] = final
        W[42 * NLANE + j] = lad
        W[43 * NLANE + j] = float(tend)
        W[44 * NLANE + j] = float(minstep)
        W[45 * NLANE + j] = float(spike)
        W[46 * NLANE + j] = float(div)
        W[47 * NLANE + j] = float(und)
        W[48 * NLANE + j] = float(ndeep)
        W[49 * NLANE + j] = 1.0 if fast else 0.0
        W[50 * NLANE + j] = 1.0 if live else 0.0
        W[51 * NLANE + j] = 1.0 if okv else 0.0
        W[52 * NLANE + j] = 1.0 if stopv else 0.0
        W[53 * NLANE + j] = 1.0 if qok else 0.0
        W[54 * NLANE + j] = cw
        W[55 * NLANE + j] = q0
        W[56 * NLANE + j] = qn0
        W[57 * NLANE + j] = w0
        W[58 * NLANE + j] = q1
        W[59 * NLANE + j] = qn1
        W[60 * NLANE + j] = w1
        W[61 * NLANE + j] = w0s
        W[62 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            eps_l0 = W[33 * NLANE + j]
            eps_fs = W[34 * NLANE + j]
            L = W[35 * NLANE + j]
            lamf = W[37 * NLANE + j]
            fast = W[49 * NLANE + j] != 0.0
            live = W[50 * NLANE + j] != 0.0
            _q6 = W[63 * NLANE + j]
            _q7 = W[64 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q6 = eps_fs * _xp(eps_l0 - (2.0) * lg - (2.0) * lL)
                _q7 = _lpow(lamf, lL, -2)
            W[37 * NLANE + j] = lamf
            W[63 * NLANE + j] = _q6
            W[64 * NLANE + j] = _q7
        npneed = 0
        for j in range(NLANE):
            beta1 = W[1 * NLANE + j]
            beta2 = W[2 * NLANE + j]
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            log_n = W[6 * NLANE + j]
            ydeep = W[8 * NLANE + j]
            ielam = int(W[9 * NLANE + j])
            ipow = W[10 * NLANE + j] != 0.0
            _g1 = W[16 * NLANE + j]
            _g3 = W[18 * NLANE + j]
            ie0 = int(W[21 * NLANE + j])
            kq1 = W[22 * NLANE + j]
            ie1 = int(W[24 * NLANE + j])
            eps_fs = W[34 * NLANE + j]
            L = W[35 * NLANE + j]
            sigma = W[36 * NLANE + j]
            lamf = W[37 * NLANE + j]
            ymin = W[38 * NLANE + j]
            cmq = W[39 * NLANE + j]
            cml = W[40 * NLANE + j]
            final = W[41 * NLANE + j]
            lad = W[42 * NLANE + j]
            tend = int(W[43 * NLANE + j])
            minstep = int(W[44 * NLANE + j])
            spike = int(W[45 * NLANE + j])
            div = int(W[46 * NLANE + j])
            ndeep = int(W[48 * NLANE + j])
            fast = W[49 * NLANE + j] != 0.0
            live = W[50 * NLANE + j] != 0.0
            okv = W[51 * NLANE + j] != 0.0
            stopv = W[52 * NLANE + j] != 0.0
            qok = W[53 * NLANE + j] != 0.0
            cw = W[54 * NLANE + j]
            q0 = W[55 * NLANE + j]
            qn0 = W[56 * NLANE + j]
            q1 = W[58 * NLANE + j]
            qn1 = W[59 * NLANE + j]
            _q6 = W[63 * NLANE + j]
            _q7 = W[64 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q7 = _ipv(lamf, ilamf, -2) if lamin else _q7
            _q0 = beta1 * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta2 * q1
            _q4 = _q2 * _q2
            _q5 = _q4 * _g3
            _q8 = _q5 * _q7
            _q9 = _q6 + _q3 + _q8
            _g4 = beta2 ** tf
            _g5 = -(_g4)
            _g6 = 1.0 + _g5
            _q10 = (_q9) / (_g6)
            _q11 = math.sqrt(_q10)
            _g7 = beta1 ** tf
            _g8 = -(_g7)
            _g9 = 1.0 + _g8
            _q12 = (_q2) / (_q11 * _g9)
            qn0 = _q2
            qn1 = _q9
            lad = _q12
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[56 * NLANE + j] = qn0
            W[59 * NLANE + j] = qn1
            W[55 * NLANE + j] = q0
            W[58 * NLANE + j] = q1
            W[42 * NLANE + j] = lad
            W[51 * NLANE + j] = 1.0 if okv else 0.0
            W[38 * NLANE + j] = ymin
            W[44 * NLANE + j] = float(minstep)
            W[45 * NLANE + j] = float(spike)
            W[46 * NLANE + j] = float(div)
            W[48 * NLANE + j] = float(ndeep)
            W[41 * NLANE + j] = final
            W[43 * NLANE + j] = float(tend)
            W[37 * NLANE + j] = lamf
            W[52 * NLANE + j] = 1.0 if stopv else 0.0
            W[53 * NLANE + j] = 1.0 if qok else 0.0
            W[54 * NLANE + j] = cw
            W[39 * NLANE + j] = cmq
            W[40 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[50 * NLANE + j] != 0.0
            okv = W[51 * NLANE + j] != 0.0
            if live and okv:
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                ipow = W[10 * NLANE + j] != 0.0
                L = W[35 * NLANE + j]
                sigma = W[36 * NLANE + j]
                final = W[41 * NLANE + j]
                lad = W[42 * NLANE + j]
                live = W[50 * NLANE + j] != 0.0
                stopv = W[52 * NLANE + j] != 0.0
                qok = W[53 * NLANE + j] != 0.0
                cw = W[54 * NLANE + j]
                q0 = W[55 * NLANE + j]
                q1 = W[58 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[22 * NLANE + j]
                    cmq = W[39 * NLANE + j]
                    cml = W[40 * NLANE + j]
                    qn1 = W[59 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[39 * NLANE + j] = cq
                        W[40 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[50 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[47 * NLANE + j] = float(t + 1)
                        W[43 * NLANE + j] = float(t + 1)
                        W[38 * NLANE + j] = -np.inf
                        W[44 * NLANE + j] = float(t + 1)
                        W[41 * NLANE + j] = -np.inf
                        live = False
                        W[50 * NLANE + j] = 0.0
                    else:
                        W[35 * NLANE + j] = L + rl
                        W[36 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[7 * NLANE + j]
                            e0 = W[20 * NLANE + j]
                            e1 = W[23 * NLANE + j]
                            lamf = W[37 * NLANE + j]
                            q0 = W[55 * NLANE + j]
                            qn0 = W[56 * NLANE + j]
                            q1 = W[58 * NLANE + j]
                            qn1 = W[59 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[37 * NLANE + j] = lamf
                            W[55 * NLANE + j] = q0
                            W[58 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            n = W[4 * NLANE + j]
                            kq0 = W[19 * NLANE + j]
                            kq1 = W[22 * NLANE + j]
                            qn0 = W[56 * NLANE + j]
                            w0 = W[57 * NLANE + j]
                            qn1 = W[59 * NLANE + j]
                            w1 = W[60 * NLANE + j]
                            w0s = W[61 * NLANE + j]
                            w1s = W[62 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (2.0) * rl
                            W[57 * NLANE + j] = w0
                            W[60 * NLANE + j] = w1
                            W[61 * NLANE + j] = w0s
                            W[62 * NLANE + j] = w1s
                            W[49 * NLANE + j] = 0.0
            elif live:
                beta1 = W[1 * NLANE + j]
                beta2 = W[2 * NLANE + j]
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                kq0 = W[19 * NLANE + j]
                kq1 = W[22 * NLANE + j]
                _l0 = W[25 * NLANE + j]
                _l0s = W[26 * NLANE + j]
                _l2 = W[27 * NLANE + j]
                _l2s = W[28 * NLANE + j]
                _l5 = W[29 * NLANE + j]
                _l5s = W[30 * NLANE + j]
                _l9 = W[31 * NLANE + j]
                _l9s = W[32 * NLANE + j]
                eps_l0 = W[33 * NLANE + j]
                eps_fs = W[34 * NLANE + j]
                L = W[35 * NLANE + j]
                sigma = W[36 * NLANE + j]
                lamf = W[37 * NLANE + j]
                ymin = W[38 * NLANE + j]
                cmq = W[39 * NLANE + j]
                cml = W[40 * NLANE + j]
                final = W[41 * NLANE + j]
                tend = int(W[43 * NLANE + j])
                minstep = int(W[44 * NLANE + j])
                spike = int(W[45 * NLANE + j])
                div = int(W[46 * NLANE + j])
                und = int(W[47 * NLANE + j])
                ndeep = int(W[48 * NLANE + j])
                fast = W[49 * NLANE + j] != 0.0
                live = W[50 * NLANE + j] != 0.0
                stopv = W[52 * NLANE + j] != 0.0
                q0 = W[55 * NLANE + j]
                w0 = W[57 * NLANE + j]
                q1 = W[58 * NLANE + j]
                w1 = W[60 * NLANE + j]
                w0s = W[61 * NLANE + j]
                w1s = W[62 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (2.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l6, _l6s = _smul(_l5, _l5s, w1, w1s)
                _l7, _l7s = _sadd(eps_fl, eps_fs, _l6, _l6s)
                _l8, _l8s = _spow(_l4, _l4s, 2.0)
                _l10, _l10s = _smul(_l8, _l8s, _l9, _l9s)
                _l11, _l11s = _sadd(_l7, _l7s, _l10, _l10s)
                _f4 = beta2 ** tf
                _f5 = -(_f4)
                _f6 = 1.0 + _f5
                _l12, _l12s = _sof(_f6)
                _l13, _l13s = _sdiv(_l11, _l11s, _l12, _l12s)
                _l14, _l14s = _spow(_l13, _l13s, 0.5)
                _f7 = beta1 ** tf
                _f8 = -(_f7)
                _f9 = 1.0 + _f8
                _l15, _l15s = _sof(_f9)
                _l16, _l16s = _smul(_l14, _l14s, _l15, _l15s)
                _l17, _l17s = _sdiv(_l4, _l4s, _l16, _l16s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l11, _l11s
                dirl, dirs = _l17, _l17s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                        scl = _l20000
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (2.0) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[35 * NLANE + j] = L
                W[36 * NLANE + j] = sigma
                W[37 * NLANE + j] = lamf
                W[38 * NLANE + j] = ymin
                W[39 * NLANE + j] = cmq
                W[40 * NLANE + j] = cml
                W[41 * NLANE + j] = final
                W[43 * NLANE + j] = float(tend)
                W[44 * NLANE + j] = float(minstep)
                W[45 * NLANE + j] = float(spike)
                W[46 * NLANE + j] = float(div)
                W[47 * NLANE + j] = float(und)
                W[48 * NLANE + j] = float(ndeep)
                W[49 * NLANE + j] = 1.0 if fast else 0.0
                W[50 * NLANE + j] = 1.0 if live else 0.0
                W[55 * NLANE + j] = q0
                W[57 * NLANE + j] = w0
                W[58 * NLANE + j] = q1
                W[60 * NLANE + j] = w1
                W[61 * NLANE + j] = w0s
                W[62 * NLANE + j] = w1s
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
            ymin = W[38 * NLANE + j]
            cmq = W[39 * NLANE + j]
            cml = W[40 * NLANE + j]
            final = W[41 * NLANE + j]
            tend = int(W[43 * NLANE + j])
            minstep = int(W[44 * NLANE + j])
            spike = int(W[45 * NLANE + j])
            div = int(W[46 * NLANE + j])
            und = int(W[47 * NLANE + j])
            ndeep = int(W[48 * NLANE + j])
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
def normalized_adamomentum_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adamomentum {'bias_correction': True} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_adamomentum_1_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_gd(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of gd {} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(17 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            n = P[i, 1]

            W[0 * LANE + j] = lr
            W[1 * LANE + j] = n
            W[5 * LANE + j] = np.inf
            W[6 * LANE + j] = -1.0
            W[11 * LANE + j] = 1.0
            W[7 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[8 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[9 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[10 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[12 * LANE + j] = -1
            W[13 * LANE + j] = -1
            W[16 * LANE + j] = -1
            uni = uni and n == W[1 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)

            W[2 * LANE + j] = x
        ni = int(W[1 * LANE + 0])
        uni = uni and ni == W[1 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[3 * LANE + j] = abs(W[2 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[3 * LANE + j] *= abs(W[2 * LANE + j])
            else:
                for j in range(LANE):
                    W[3 * LANE + j] = _gpow(abs(W[2 * LANE + j]), W[1 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[16 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[2 * LANE + j]) * W[3 * LANE + j] / W[1 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                n = W[1 * LANE + j]
                x = W[2 * LANE + j]
                ax = abs(x)
                gabs = W[3 * LANE + j]
                g = math.copysign(gabs, x)

                dirn = g
                cn = np.nan
                cd = 1.0
                uf = ((gabs > 0.0) & (gabs < TINY))
                act = W[16 * LANE + j] < 0
                lower = act & (ax < W[5 * LANE + j])
                W[5 * LANE + j] = ax if lower else W[5 * LANE + j]
                W[12 * LANE + j] = t if lower else W[12 * LANE + j]
                spk = act & (not lower) & (W[13 * LANE + j] < 0) & (ax > W[5 * LANE + j] * W[7 * LANE + j])
                W[13 * LANE + j] = t if spk else W[13 * LANE + j]
                up = act & (cn * W[11 * LANE + j] > W[6 * LANE + j] * cd)
                W[6 * LANE + j] = cn if up else W[6 * LANE + j]
                W[11 * LANE + j] = cd if up else W[11 * LANE + j]
                W[15 * LANE + j] += 1 if (act & (ax < W[10 * LANE + j])) else 0
                bad = act & (not (ax <= W[8 * LANE + j]))
                und = act & (not bad) & ((ax < W[9 * LANE + j]) | uf)
                W[14 * LANE + j] = 1 if bad else (2 if und else W[14 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[2 * LANE + j] = x - lr * dirn if go else x

                W[16 * LANE + j] = t if (act & (not go)) else W[16 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[1 * LANE + j]
                te = int(W[16 * LANE + j])
                ax = abs(W[2 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[5 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[12 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[6 * LANE + j] / W[11 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[6 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[12 * LANE + j])
                I[i, 1] = int(W[13 * LANE + j])
                I[i, 2] = te if W[14 * LANE + j] == 1 else -1
                I[i, 3] = te if W[14 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[15 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_gd_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_gd` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(29 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        n = P[i, 1]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0

        lg = (n - 1.0) * L
        lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
        elam = 1.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = True and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            pass
            fast = True
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = n
        W[2 * NLANE + j] = log_lr
        W[3 * NLANE + j] = log_n
        W[4 * NLANE + j] = elam
        W[5 * NLANE + j] = ydeep
        W[6 * NLANE + j] = float(ielam)
        W[7 * NLANE + j] = 1.0 if ipow else 0.0
        W[8 * NLANE + j] = L
        W[9 * NLANE + j] = sigma
        W[10 * NLANE + j] = lamf
        W[11 * NLANE + j] = ymin
        W[12 * NLANE + j] = cmq
        W[13 * NLANE + j] = cml
        W[14 * NLANE + j] = final
        W[15 * NLANE + j] = lad
        W[16 * NLANE + j] = float(tend)
        W[17 * NLANE + j] = float(minstep)
        W[18 * NLANE + j] = float(spike)
        W[19 * NLANE + j] = float(div)
        W[20 * NLANE + j] = float(und)
        W[21 * NLANE + j] = float(ndeep)
        W[22 * NLANE + j] = 1.0 if fast else 0.0
        W[23 * NLANE + j] = 1.0 if live else 0.0
        W[24 * NLANE + j] = 1.0 if okv else 0.0
        W[25 * NLANE + j] = 1.0 if stopv else 0.0
        W[26 * NLANE + j] = 1.0 if qok else 0.0
        W[27 * NLANE + j] = cw
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[1 * NLANE + j]
            log_lr = W[2 * NLANE + j]
            L = W[8 * NLANE + j]
            lamf = W[10 * NLANE + j]
            fast = W[22 * NLANE + j] != 0.0
            live = W[23 * NLANE + j] != 0.0
            _q0 = W[28 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI)):
                lg = (n - 1.0) * L
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q0 = _lpow(lamf, lL, 1)
            W[10 * NLANE + j] = lamf
            W[28 * NLANE + j] = _q0
        npneed = 0
        for j in range(NLANE):
            n = W[1 * NLANE + j]
            log_lr = W[2 * NLANE + j]
            log_n = W[3 * NLANE + j]
            ydeep = W[5 * NLANE + j]
            ielam = int(W[6 * NLANE + j])
            ipow = W[7 * NLANE + j] != 0.0
            L = W[8 * NLANE + j]
            sigma = W[9 * NLANE + j]
            lamf = W[10 * NLANE + j]
            ymin = W[11 * NLANE + j]
            cmq = W[12 * NLANE + j]
            cml = W[13 * NLANE + j]
            final = W[14 * NLANE + j]
            lad = W[15 * NLANE + j]
            tend = int(W[16 * NLANE + j])
            minstep = int(W[17 * NLANE + j])
            spike = int(W[18 * NLANE + j])
            div = int(W[19 * NLANE + j])
            ndeep = int(W[21 * NLANE + j])
            fast = W[22 * NLANE + j] != 0.0
            live = W[23 * NLANE + j] != 0.0
            okv = W[24 * NLANE + j] != 0.0
            stopv = W[25 * NLANE + j] != 0.0
            qok = W[26 * NLANE + j] != 0.0
            cw = W[27 * NLANE + j]
            _q0 = W[28 * NLANE + j]
            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q0 = _ipv(lamf, ilamf, 1) if lamin else _q0
            _q1 = sigma * _q0
            lad = _q1
            okv = fast & live & (abs(lad) < np.inf)
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
            cq, cl = np.nan, 0.0
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf

            qok = True
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI)))) else 0
            W[15 * NLANE + j] = lad
            W[24 * NLANE + j] = 1.0 if okv else 0.0
            W[11 * NLANE + j] = ymin
            W[17 * NLANE + j] = float(minstep)
            W[18 * NLANE + j] = float(spike)
            W[19 * NLANE + j] = float(div)
            W[21 * NLANE + j] = float(ndeep)
            W[14 * NLANE + j] = final
            W[16 * NLANE + j] = float(tend)
            W[10 * NLANE + j] = lamf
            W[25 * NLANE + j] = 1.0 if stopv else 0.0
            W[26 * NLANE + j] = 1.0 if qok else 0.0
            W[27 * NLANE + j] = cw
            W[12 * NLANE + j] = cmq
            W[13 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[23 * NLANE + j] != 0.0
            okv = W[24 * NLANE + j] != 0.0
            if live and okv:
                n = W[1 * NLANE + j]
                log_lr = W[2 * NLANE + j]
                ipow = W[7 * NLANE + j] != 0.0
                L = W[8 * NLANE + j]
                sigma = W[9 * NLANE + j]
                final = W[14 * NLANE + j]
                lad = W[15 * NLANE + j]
                live = W[23 * NLANE + j] != 0.0
                stopv = W[25 * NLANE + j] != 0.0
                qok = W[26 * NLANE + j] != 0.0
                cw = W[27 * NLANE + j]
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    cmq = W[12 * NLANE + j]
                    cml = W[13 * NLANE + j]
                    cq, cl = np.nan, 0.0
                    if _cwin(cq, cl, cmq, cml):
                        W[12 * NLANE + j] = cq
                        W[13 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[23 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[20 * NLANE + j] = float(t + 1)
                        W[16 * NLANE + j] = float(t + 1)
                        W[11 * NLANE + j] = -np.inf
                        W[17 * NLANE + j] = float(t + 1)
                        W[14 * NLANE + j] = -np.inf
                        live = False
                        W[23 * NLANE + j] = 0.0
                    else:
                        W[8 * NLANE + j] = L + rl
                        W[9 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[4 * NLANE + j]
                            lamf = W[10 * NLANE + j]
                            lamf *= _xp(elam * rl)

                            W[10 * NLANE + j] = lamf
                        if not (qok if ipow else (True)):
                            pass

                            W[22 * NLANE + j] = 0.0
            elif live:
                n = W[1 * NLANE + j]
                log_lr = W[2 * NLANE + j]
                L = W[8 * NLANE + j]
                sigma = W[9 * NLANE + j]
                lamf = W[10 * NLANE + j]
                ymin = W[11 * NLANE + j]
                cmq = W[12 * NLANE + j]
                cml = W[13 * NLANE + j]
                final = W[14 * NLANE + j]
                tend = int(W[16 * NLANE + j])
                minstep = int(W[17 * NLANE + j])
                spike = int(W[18 * NLANE + j])
                div = int(W[19 * NLANE + j])
                und = int(W[20 * NLANE + j])
                ndeep = int(W[21 * NLANE + j])
                fast = W[22 * NLANE + j] != 0.0
                live = W[23 * NLANE + j] != 0.0
                stopv = W[25 * NLANE + j] != 0.0
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if fast:
                    pass
                    fast = False

                dirl, dirs = 0.0, sigma
                isbad = math.isnan(dirl)
                cq, cl = np.nan, 0.0
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
                        scl = 0.0
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
                        pass
                        if True and K == 0:
                            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            pass
                            fast = True
                            npneed += 1 if fast else 0
                W[8 * NLANE + j] = L
                W[9 * NLANE + j] = sigma
                W[10 * NLANE + j] = lamf
                W[11 * NLANE + j] = ymin
                W[12 * NLANE + j] = cmq
                W[13 * NLANE + j] = cml
                W[14 * NLANE + j] = final
                W[16 * NLANE + j] = float(tend)
                W[17 * NLANE + j] = float(minstep)
                W[18 * NLANE + j] = float(spike)
                W[19 * NLANE + j] = float(div)
                W[20 * NLANE + j] = float(und)
                W[21 * NLANE + j] = float(ndeep)
                W[22 * NLANE + j] = 1.0 if fast else 0.0
                W[23 * NLANE + j] = 1.0 if live else 0.0
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
            ymin = W[11 * NLANE + j]
            cmq = W[12 * NLANE + j]
            cml = W[13 * NLANE + j]
            final = W[14 * NLANE + j]
            tend = int(W[16 * NLANE + j])
            minstep = int(W[17 * NLANE + j])
            spike = int(W[18 * NLANE + j])
            div = int(W[19 * NLANE + j])
            und = int(W[20 * NLANE + j])
            ndeep = int(W[21 * NLANE + j])
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
def normalized_gd(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of gd {} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_gd_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_momentum_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of momentum {'ema': False} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(18 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta = P[i, 1]
            n = P[i, 2]

            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta
            W[2 * LANE + j] = n
            W[6 * LANE + j] = np.inf
            W[7 * LANE + j] = -1.0
            W[12 * LANE + j] = 1.0
            W[8 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[9 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[10 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[11 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[13 * LANE + j] = -1
            W[14 * LANE + j] = -1
            W[17 * LANE + j] = -1
            uni = uni and n == W[2 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[5 * LANE + j] = 0.0
            W[3 * LANE + j] = x
        ni = int(W[2 * LANE + 0])
        uni = uni and ni == W[2 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[4 * LANE + j] = abs(W[3 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[4 * LANE + j] *= abs(W[3 * LANE + j])
            else:
                for j in range(LANE):
                    W[4 * LANE + j] = _gpow(abs(W[3 * LANE + j]), W[2 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[17 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[3 * LANE + j]) * W[4 * LANE + j] / W[2 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta = W[1 * LANE + j]
                n = W[2 * LANE + j]
                x = W[3 * LANE + j]
                ax = abs(x)
                gabs = W[4 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[5 * LANE + j]
                _f0 = beta * s0
                _f1 = g + _f0
                s0n = _f1
                dirn = _f1
                cn = np.nan
                cd = 1.0
                uf = ((gabs > 0.0) & (gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY))
                act = W[17 * LANE + j] < 0
                lower = act & (ax < W[6 * LANE + j])
                W[6 * LANE + j] = ax if lower else W[6 * LANE + j]
                W[13 * LANE + j] = t if lower else W[13 * LANE + j]
                spk = act & (not lower) & (W[14 * LANE + j] < 0) & (ax > W[6 * LANE + j] * W[8 * LANE + j])
                W[14 * LANE + j] = t if spk else W[14 * LANE + j]
                up = act & (cn * W[12 * LANE + j] > W[7 * LANE + j] * cd)
                W[7 * LANE + j] = cn if up else W[7 * LANE + j]
                W[12 * LANE + j] = cd if up else W[12 * LANE + j]
                W[16 * LANE + j] += 1 if (act & (ax < W[11 * LANE + j])) else 0
                bad = act & (not (ax <= W[9 * LANE + j]))
                und = act & (not bad) & ((ax < W[10 * LANE + j]) | uf)
                W[15 * LANE + j] = 1 if bad else (2 if und else W[15 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[3 * LANE + j] = x - lr * dirn if go else x
                W[5 * LANE + j] = s0n if go else s0
                W[17 * LANE + j] = t if (act & (not go)) else W[17 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[2 * LANE + j]
                te = int(W[17 * LANE + j])
                ax = abs(W[3 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[6 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[13 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[7 * LANE + j] / W[12 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[7 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[13 * LANE + j])
                I[i, 1] = int(W[14 * LANE + j])
                I[i, 2] = te if W[15 * LANE + j] == 1 else -1
                I[i, 3] = te if W[15 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[16 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_momentum_0_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_momentum_0` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(39 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta = P[i, 1]
        n = P[i, 2]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (1.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        _l0, _l0s = _sof(beta)
        lg = (n - 1.0) * L
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
        elam = 1.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            fast = _safe(q0)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta
        W[2 * NLANE + j] = n
        W[3 * NLANE + j] = log_lr
        W[4 * NLANE + j] = log_n
        W[5 * NLANE + j] = elam
        W[6 * NLANE + j] = ydeep
        W[7 * NLANE + j] = float(ielam)
        W[8 * NLANE + j] = 1.0 if ipow else 0.0
        W[9 * NLANE + j] = kq0
        W[10 * NLANE + j] = e0
        W[11 * NLANE + j] = float(ie0)
        W[12 * NLANE + j] = _l0
        W[13 * NLANE + j] = _l0s
        W[14 * NLANE + j] = L
        W[15 * NLANE + j] = sigma
        W[16 * NLANE + j] = lamf
        W[17 * NLANE + j] = ymin
        W[18 * NLANE + j] = cmq
        W[19 * NLANE + j] = cml
        W[20 * NLANE + j] = final
        W[21 * NLANE + j] = lad
        W[22 * NLANE + j] = float(tend)
        W[23 * NLANE + j] = float(minstep)
        W[24 * NLANE + j] = float(spike)
        W[25 * NLANE + j] = float(div)
        W[26 * NLANE + j] = float(und)
        W[27 * NLANE + j] = float(ndeep)
        W[28 * NLANE + j] = 1.0 if fast else 0.0
        W[29 * NLANE + j] = 1.0 if live else 0.0
        W[30 * NLANE + j] = 1.0 if okv else 0.0
        W[31 * NLANE + j] = 1.0 if stopv else 0.0
        W[32 * NLANE + j] = 1.0 if qok else 0.0
        W[33 * NLANE + j] = cw
        W[34 * NLANE + j] = q0
        W[35 * NLANE + j] = qn0
        W[36 * NLANE + j] = w0
        W[37 * NLANE + j] = w0s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[2 * NLANE + j]
            log_lr = W[3 * NLANE + j]
            L = W[14 * NLANE + j]
            lamf = W[16 * NLANE + j]
            fast = W[28 * NLANE + j] != 0.0
            live = W[29 * NLANE + j] != 0.0
            _q2 = W[38 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI)):
                lg = (n - 1.0) * L
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q2 = _lpow(lamf, lL, 1)
            W[16 * NLANE + j] = lamf
            W[38 * NLANE + j] = _q2
        npneed = 0
        for j in range(NLANE):
            beta = W[1 * NLANE + j]
            n = W[2 * NLANE + j]
            log_lr = W[3 * NLANE + j]
            log_n = W[4 * NLANE + j]
            ydeep = W[6 * NLANE + j]
            ielam = int(W[7 * NLANE + j])
            ipow = W[8 * NLANE + j] != 0.0
            ie0 = int(W[11 * NLANE + j])
            L = W[14 * NLANE + j]
            sigma = W[15 * NLANE + j]
            lamf = W[16 * NLANE + j]
            ymin = W[17 * NLANE + j]
            cmq = W[18 * NLANE + j]
            cml = W[19 * NLANE + j]
            final = W[20 * NLANE + j]
            lad = W[21 * NLANE + j]
            tend = int(W[22 * NLANE + j])
            minstep = int(W[23 * NLANE + j])
            spike = int(W[24 * NLANE + j])
            div = int(W[25 * NLANE + j])
            ndeep = int(W[27 * NLANE + j])
            fast = W[28 * NLANE + j] != 0.0
            live = W[29 * NLANE + j] != 0.0
            okv = W[30 * NLANE + j] != 0.0
            stopv = W[31 * NLANE + j] != 0.0
            qok = W[32 * NLANE + j] != 0.0
            cw = W[33 * NLANE + j]
            q0 = W[34 * NLANE + j]
            qn0 = W[35 * NLANE + j]
            _q2 = W[38 * NLANE + j]
            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q2 = _ipv(lamf, ilamf, 1) if lamin else _q2
            _q0 = beta * q0
            _q1 = sigma + _q0
            _q3 = _q1 * _q2
            qn0 = _q1
            lad = _q3
            okv = fast & live & _safev(qn0) & (abs(lad) < np.inf)
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
            cq, cl = np.nan, 0.0
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            qok = _safev(q0)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI)))) else 0
            W[35 * NLANE + j] = qn0
            W[34 * NLANE + j] = q0
            W[21 * NLANE + j] = lad
            W[30 * NLANE + j] = 1.0 if okv else 0.0
            W[17 * NLANE + j] = ymin
            W[23 * NLANE + j] = float(minstep)
            W[24 * NLANE + j] = float(spike)
            W[25 * NLANE + j] = float(div)
            W[27 * NLANE + j] = float(ndeep)
            W[20 * NLANE + j] = final
            W[22 * NLANE + j] = float(tend)
            W[16 * NLANE + j] = lamf
            W[31 * NLANE + j] = 1.0 if stopv else 0.0
            W[32 * NLANE + j] = 1.0 if qok else 0.0
            W[33 * NLANE + j] = cw
            W[18 * NLANE + j] = cmq
            W[19 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[29 * NLANE + j] != 0.0
            okv = W[30 * NLANE + j] != 0.0
            if live and okv:
                n = W[2 * NLANE + j]
                log_lr = W[3 * NLANE + j]
                ipow = W[8 * NLANE + j] != 0.0
                L = W[14 * NLANE + j]
                sigma = W[15 * NLANE + j]
                final = W[20 * NLANE + j]
                lad = W[21 * NLANE + j]
                live = W[29 * NLANE + j] != 0.0
                stopv = W[31 * NLANE + j] != 0.0
                qok = W[32 * NLANE + j] != 0.0
                cw = W[33 * NLANE + j]
                q0 = W[34 * NLANE + j]
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    cmq = W[18 * NLANE + j]
                    cml = W[19 * NLANE + j]
                    cq, cl = np.nan, 0.0
                    if _cwin(cq, cl, cmq, cml):
                        W[18 * NLANE + j] = cq
                        W[19 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[29 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[26 * NLANE + j] = float(t + 1)
                        W[22 * NLANE + j] = float(t + 1)
                        W[17 * NLANE + j] = -np.inf
                        W[23 * NLANE + j] = float(t + 1)
                        W[20 * NLANE + j] = -np.inf
                        live = False
                        W[29 * NLANE + j] = 0.0
                    else:
                        W[14 * NLANE + j] = L + rl
                        W[15 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[5 * NLANE + j]
                            e0 = W[10 * NLANE + j]
                            lamf = W[16 * NLANE + j]
                            q0 = W[34 * NLANE + j]
                            qn0 = W[35 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            W[16 * NLANE + j] = lamf
                            W[34 * NLANE + j] = q0
                        if not (qok if ipow else (_safe(q0))):
                            n = W[2 * NLANE + j]
                            kq0 = W[9 * NLANE + j]
                            qn0 = W[35 * NLANE + j]
                            w0 = W[36 * NLANE + j]
                            w0s = W[37 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            W[36 * NLANE + j] = w0
                            W[37 * NLANE + j] = w0s
                            W[28 * NLANE + j] = 0.0
            elif live:
                n = W[2 * NLANE + j]
                log_lr = W[3 * NLANE + j]
                kq0 = W[9 * NLANE + j]
                _l0 = W[12 * NLANE + j]
                _l0s = W[13 * NLANE + j]
                L = W[14 * NLANE + j]
                sigma = W[15 * NLANE + j]
                lamf = W[16 * NLANE + j]
                ymin = W[17 * NLANE + j]
                cmq = W[18 * NLANE + j]
                cml = W[19 * NLANE + j]
                final = W[20 * NLANE + j]
                tend = int(W[22 * NLANE + j])
                minstep = int(W[23 * NLANE + j])
                spike = int(W[24 * NLANE + j])
                div = int(W[25 * NLANE + j])
                und = int(W[26 * NLANE + j])
                ndeep = int(W[27 * NLANE + j])
                fast = W[28 * NLANE + j] != 0.0
                live = W[29 * NLANE + j] != 0.0
                stopv = W[31 * NLANE + j] != 0.0
                q0 = W[34 * NLANE + j]
                w0 = W[36 * NLANE + j]
                w0s = W[37 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    fast = False
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l2, _l2s = _sadd(0.0, sigma, _l1, _l1s)
                w0n, w0ns = _l2, _l2s
                dirl, dirs = _l2, _l2s
                isbad = math.isnan(w0n) or math.isnan(dirl)
                cq, cl = np.nan, 0.0
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
                        scl = 0.0
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        if True and K == 0:
                            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            fast = _safe(q0)
                            npneed += 1 if fast else 0
                W[14 * NLANE + j] = L
                W[15 * NLANE + j] = sigma
                W[16 * NLANE + j] = lamf
                W[17 * NLANE + j] = ymin
                W[18 * NLANE + j] = cmq
                W[19 * NLANE + j] = cml
                W[20 * NLANE + j] = final
                W[22 * NLANE + j] = float(tend)
                W[23 * NLANE + j] = float(minstep)
                W[24 * NLANE + j] = float(spike)
                W[25 * NLANE + j] = float(div)
                W[26 * NLANE + j] = float(und)
                W[27 * NLANE + j] = float(ndeep)
                W[28 * NLANE + j] = 1.0 if fast else 0.0
                W[29 * NLANE + j] = 1.0 if live else 0.0
                W[34 * NLANE + j] = q0
                W[36 * NLANE + j] = w0
                W[37 * NLANE + j] = w0s
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
            ymin = W[17 * NLANE + j]
            cmq = W[18 * NLANE + j]
            cml = W[19 * NLANE + j]
            final = W[20 * NLANE + j]
            tend = int(W[22 * NLANE + j])
            minstep = int(W[23 * NLANE + j])
            spike = int(W[24 * NLANE + j])
            div = int(W[25 * NLANE + j])
            und = int(W[26 * NLANE + j])
            ndeep = int(W[27 * NLANE + j])
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
def normalized_momentum_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of momentum {'ema': False} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_momentum_0_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_momentum_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of momentum {'ema': True} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(20 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta = P[i, 1]
            n = P[i, 2]
            _f1 = -(beta)
            _f2 = 1.0 + _f1
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta
            W[2 * LANE + j] = n
            W[3 * LANE + j] = _f1
            W[4 * LANE + j] = _f2
            W[8 * LANE + j] = np.inf
            W[9 * LANE + j] = -1.0
            W[14 * LANE + j] = 1.0
            W[10 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[11 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[12 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[13 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[15 * LANE + j] = -1
            W[16 * LANE + j] = -1
            W[19 * LANE + j] = -1
            uni = uni and n == W[2 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[7 * LANE + j] = 0.0
            W[5 * LANE + j] = x
        ni = int(W[2 * LANE + 0])
        uni = uni and ni == W[2 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[6 * LANE + j] = abs(W[5 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[6 * LANE + j] *= abs(W[5 * LANE + j])
            else:
                for j in range(LANE):
                    W[6 * LANE + j] = _gpow(abs(W[5 * LANE + j]), W[2 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[19 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[5 * LANE + j]) * W[6 * LANE + j] / W[2 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta = W[1 * LANE + j]
                n = W[2 * LANE + j]
                _f1 = W[3 * LANE + j]
                _f2 = W[4 * LANE + j]
                x = W[5 * LANE + j]
                ax = abs(x)
                gabs = W[6 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[7 * LANE + j]
                _f0 = beta * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                s0n = _f4
                dirn = _f4
                cn = np.nan
                cd = 1.0
                uf = ((gabs > 0.0) & (gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY))
                act = W[19 * LANE + j] < 0
                lower = act & (ax < W[8 * LANE + j])
                W[8 * LANE + j] = ax if lower else W[8 * LANE + j]
                W[15 * LANE + j] = t if lower else W[15 * LANE + j]
                spk = act & (not lower) & (W[16 * LANE + j] < 0) & (ax > W[8 * LANE + j] * W[10 * LANE + j])
                W[16 * LANE + j] = t if spk else W[16 * LANE + j]
                up = act & (cn * W[14 * LANE + j] > W[9 * LANE + j] * cd)
                W[9 * LANE + j] = cn if up else W[9 * LANE + j]
                W[14 * LANE + j] = cd if up else W[14 * LANE + j]
                W[18 * LANE + j] += 1 if (act & (ax < W[13 * LANE + j])) else 0
                bad = act & (not (ax <= W[11 * LANE + j]))
                und = act & (not bad) & ((ax < W[12 * LANE + j]) | uf)
                W[17 * LANE + j] = 1 if bad else (2 if und else W[17 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[5 * LANE + j] = x - lr * dirn if go else x
                W[7 * LANE + j] = s0n if go else s0
                W[19 * LANE + j] = t if (act & (not go)) else W[19 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[2 * LANE + j]
                te = int(W[19 * LANE + j])
                ax = abs(W[5 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[8 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[15 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[9 * LANE + j] / W[14 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[9 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[15 * LANE + j])
                I[i, 1] = int(W[16 * LANE + j])
                I[i, 2] = te if W[17 * LANE + j] == 1 else -1
                I[i, 3] = te if W[17 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[18 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_momentum_1_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_momentum_1` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(45 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta = P[i, 1]
        n = P[i, 2]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta)
        _f1 = 1.0 + _f0
        _g0 = -(beta)
        _g1 = 1.0 + _g0
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (1.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        _l0, _l0s = _sof(beta)
        _l2, _l2s = _sof(_f1)
        lg = (n - 1.0) * L
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
        elam = 1.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            fast = _safe(q0)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta
        W[2 * NLANE + j] = n
        W[3 * NLANE + j] = log_lr
        W[4 * NLANE + j] = log_n
        W[5 * NLANE + j] = elam
        W[6 * NLANE + j] = ydeep
        W[7 * NLANE + j] = float(ielam)
        W[8 * NLANE + j] = 1.0 if ipow else 0.0
        W[9 * NLANE + j] = _f0
        W[10 * NLANE + j] = _f1
        W[11 * NLANE + j] = _g0
        W[12 * NLANE + j] = _g1
        W[13 * NLANE + j] = kq0
        W[14 * NLANE + j] = e0
        W[15 * NLANE + j] = float(ie0)
        W[16 * NLANE + j] = _l0
        W[17 * NLANE + j] = _l0s
        W[18 * NLANE + j] = _l2
        W[19 * NLANE + j] = _l2s
        W[20 * NLANE + j] = L
        W[21 * NLANE + j] = sigma
        W[22 * NLANE + j] = lamf
        W[23 * NLANE + j] = ymin
        W[24 * NLANE + j] = cmq
        W[25 * NLANE + j] = cml
        W[26 * NLANE + j] = final
        W[27 * NLANE + j] = lad
        W[28 * NLANE + j] = float(tend)
        W[29 * NLANE + j] = float(minstep)
        W[30 * NLANE + j] = float(spike)
        W[31 * NLANE + j] = float(div)
        W[32 * NLANE + j] = float(und)
        W[33 * NLANE + j] = float(ndeep)
        W[34 * NLANE + j] = 1.0 if fast else 0.0
        W[35 * NLANE + j] = 1.0 if live else 0.0
        W[36 * NLANE + j] = 1.0 if okv else 0.0
        W[37 * NLANE + j] = 1.0 if stopv else 0.0
        W[38 * NLANE + j] = 1.0 if qok else 0.0
        W[39 * NLANE + j] = cw
        W[40 * NLANE + j] = q0
        W[41 * NLANE + j] = qn0
        W[42 * NLANE + j] = w0
        W[43 * NLANE + j] = w0s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[2 * NLANE + j]
            log_lr = W[3 * NLANE + j]
            L = W[20 * NLANE + j]
            lamf = W[22 * NLANE + j]
            fast = W[34 * NLANE + j] != 0.0
            live = W[35 * NLANE + j] != 0.0
            _q3 = W[44 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI)):
                lg = (n - 1.0) * L
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q3 = _lpow(lamf, lL, 1)
            W[22 * NLANE + j] = lamf
            W[44 * NLANE + j] = _q3
        npneed = 0
        for j in range(NLANE):
            beta = W[1 * NLANE + j]
            n = W[2 * NLANE + j]
            log_lr = W[3 * NLANE + j]
            log_n = W[4 * NLANE + j]
            ydeep = W[6 * NLANE + j]
            ielam = int(W[7 * NLANE + j])
            ipow = W[8 * NLANE + j] != 0.0
            _g1 = W[12 * NLANE + j]
            ie0 = int(W[15 * NLANE + j])
            L = W[20 * NLANE + j]
            sigma = W[21 * NLANE + j]
            lamf = W[22 * NLANE + j]
            ymin = W[23 * NLANE + j]
            cmq = W[24 * NLANE + j]
            cml = W[25 * NLANE + j]
            final = W[26 * NLANE + j]
            lad = W[27 * NLANE + j]
            tend = int(W[28 * NLANE + j])
            minstep = int(W[29 * NLANE + j])
            spike = int(W[30 * NLANE + j])
            div = int(W[31 * NLANE + j])
            ndeep = int(W[33 * NLANE + j])
            fast = W[34 * NLANE + j] != 0.0
            live = W[35 * NLANE + j] != 0.0
            okv = W[36 * NLANE + j] != 0.0
            stopv = W[37 * NLANE + j] != 0.0
            qok = W[38 * NLANE + j] != 0.0
            cw = W[39 * NLANE + j]
            q0 = W[40 * NLANE + j]
            qn0 = W[41 * NLANE + j]
            _q3 = W[44 * NLANE + j]
            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q3 = _ipv(lamf, ilamf, 1) if lamin else _q3
            _q0 = beta * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q4 = _q2 * _q3
            qn0 = _q2
            lad = _q4
            okv = fast & live & _safev(qn0) & (abs(lad) < np.inf)
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
            cq, cl = np.nan, 0.0
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            qok = _safev(q0)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI)))) else 0
            W[41 * NLANE + j] = qn0
            W[40 * NLANE + j] = q0
            W[27 * NLANE + j] = lad
            W[36 * NLANE + j] = 1.0 if okv else 0.0
            W[23 * NLANE + j] = ymin
            W[29 * NLANE + j] = float(minstep)
            W[30 * NLANE + j] = float(spike)
            W[31 * NLANE + j] = float(div)
            W[33 * NLANE + j] = float(ndeep)
            W[26 * NLANE + j] = final
            W[28 * NLANE + j] = float(tend)
            W[22 * NLANE + j] = lamf
            W[37 * NLANE + j] = 1.0 if stopv else 0.0
            W[38 * NLANE + j] = 1.0 if qok else 0.0
            W[39 * NLANE + j] = cw
            W[24 * NLANE + j] = cmq
            W[25 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[35 * NLANE + j] != 0.0
            okv = W[36 * NLANE + j] != 0.0
            if live and okv:
                n = W[2 * NLANE + j]
                log_lr = W[3 * NLANE + j]
                ipow = W[8 * NLANE + j] != 0.0
                L = W[20 * NLANE + j]
                sigma = W[21 * NLANE + j]
                final = W[26 * NLANE + j]
                lad = W[27 * NLANE + j]
                live = W[35 * NLANE + j] != 0.0
                stopv = W[37 * NLANE + j] != 0.0
                qok = W[38 * NLANE + j] != 0.0
                cw = W[39 * NLANE + j]
                q0 = W[40 * NLANE + j]
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    cmq = W[24 * NLANE + j]
                    cml = W[25 * NLANE + j]
                    cq, cl = np.nan, 0.0
                    if _cwin(cq, cl, cmq, cml):
                        W[24 * NLANE + j] = cq
                        W[25 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[35 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[32 * NLANE + j] = float(t + 1)
                        W[28 * NLANE + j] = float(t + 1)
                        W[23 * NLANE + j] = -np.inf
                        W[29 * NLANE + j] = float(t + 1)
                        W[26 * NLANE + j] = -np.inf
                        live = False
                        W[35 * NLANE + j] = 0.0
                    else:
                        W[20 * NLANE + j] = L + rl
                        W[21 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[5 * NLANE + j]
                            e0 = W[14 * NLANE + j]
                            lamf = W[22 * NLANE + j]
                            q0 = W[40 * NLANE + j]
                            qn0 = W[41 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            W[22 * NLANE + j] = lamf
                            W[40 * NLANE + j] = q0
                        if not (qok if ipow else (_safe(q0))):
                            n = W[2 * NLANE + j]
                            kq0 = W[13 * NLANE + j]
                            qn0 = W[41 * NLANE + j]
                            w0 = W[42 * NLANE + j]
                            w0s = W[43 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            W[42 * NLANE + j] = w0
                            W[43 * NLANE + j] = w0s
                            W[34 * NLANE + j] = 0.0
            elif live:
                n = W[2 * NLANE + j]
                log_lr = W[3 * NLANE + j]
                kq0 = W[13 * NLANE + j]
                _l0 = W[16 * NLANE + j]
                _l0s = W[17 * NLANE + j]
                _l2 = W[18 * NLANE + j]
                _l2s = W[19 * NLANE + j]
                L = W[20 * NLANE + j]
                sigma = W[21 * NLANE + j]
                lamf = W[22 * NLANE + j]
                ymin = W[23 * NLANE + j]
                cmq = W[24 * NLANE + j]
                cml = W[25 * NLANE + j]
                final = W[26 * NLANE + j]
                tend = int(W[28 * NLANE + j])
                minstep = int(W[29 * NLANE + j])
                spike = int(W[30 * NLANE + j])
                div = int(W[31 * NLANE + j])
                und = int(W[32 * NLANE + j])
                ndeep = int(W[33 * NLANE + j])
                fast = W[34 * NLANE + j] != 0.0
                live = W[35 * NLANE + j] != 0.0
                stopv = W[37 * NLANE + j] != 0.0
                q0 = W[40 * NLANE + j]
                w0 = W[42 * NLANE + j]
                w0s = W[43 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    fast = False
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                w0n, w0ns = _l4, _l4s
                dirl, dirs = _l4, _l4s
                isbad = math.isnan(w0n) or math.isnan(dirl)
                cq, cl = np.nan, 0.0
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
                        scl = 0.0
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        if True and K == 0:
                            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            fast = _safe(q0)
                            npneed += 1 if fast else 0
                W[20 * NLANE + j] = L
                W[21 * NLANE + j] = sigma
                W[22 * NLANE + j] = lamf
                W[23 * NLANE + j] = ymin
                W[24 * NLANE + j] = cmq
                W[25 * NLANE + j] = cml
                W[26 * NLANE + j] = final
                W[28 * NLANE + j] = float(tend)
                W[29 * NLANE + j] = float(minstep)
                W[30 * NLANE + j] = float(spike)
                W[31 * NLANE + j] = float(div)
                W[32 * NLANE + j] = float(und)
                W[33 * NLANE + j] = float(ndeep)
                W[34 * NLANE + j] = 1.0 if fast else 0.0
                W[35 * NLANE + j] = 1.0 if live else 0.0
                W[40 * NLANE + j] = q0
                W[42 * NLANE + j] = w0
                W[43 * NLANE + j] = w0s
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
            ymin = W[23 * NLANE + j]
            cmq = W[24 * NLANE + j]
            cml = W[25 * NLANE + j]
            final = W[26 * NLANE + j]
            tend = int(W[28 * NLANE + j])
            minstep = int(W[29 * NLANE + j])
            spike = int(W[30 * NLANE + j])
            div = int(W[31 * NLANE + j])
            und = int(W[32 * NLANE + j])
            ndeep = int(W[33 * NLANE + j])
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
def normalized_momentum_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of momentum {'ema': True} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_momentum_1_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_rmsprop(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of rmsprop {} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(21 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta2 = P[i, 1]
            eps = P[i, 2]
            n = P[i, 3]
            _f2 = -(beta2)
            _f3 = 1.0 + _f2
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta2
            W[2 * LANE + j] = eps
            W[3 * LANE + j] = n
            W[4 * LANE + j] = _f2
            W[5 * LANE + j] = _f3
            W[9 * LANE + j] = np.inf
            W[10 * LANE + j] = -1.0
            W[15 * LANE + j] = 1.0
            W[11 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[12 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[13 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[14 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[16 * LANE + j] = -1
            W[17 * LANE + j] = -1
            W[20 * LANE + j] = -1
            uni = uni and n == W[3 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[8 * LANE + j] = 0.0
            W[6 * LANE + j] = x
        ni = int(W[3 * LANE + 0])
        uni = uni and ni == W[3 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[7 * LANE + j] = abs(W[6 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[7 * LANE + j] *= abs(W[6 * LANE + j])
            else:
                for j in range(LANE):
                    W[7 * LANE + j] = _gpow(abs(W[6 * LANE + j]), W[3 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[20 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[6 * LANE + j]) * W[7 * LANE + j] / W[3 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta2 = W[1 * LANE + j]
                eps = W[2 * LANE + j]
                n = W[3 * LANE + j]
                _f2 = W[4 * LANE + j]
                _f3 = W[5 * LANE + j]
                x = W[6 * LANE + j]
                ax = abs(x)
                gabs = W[7 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[8 * LANE + j]
                _f0 = beta2 * s0
                _f1 = g * g
                _f4 = _f1 * _f3
                _f5 = _f0 + _f4
                _f6 = math.sqrt(_f5)
                _f7 = eps + _f6
                _f8 = (g) / (_f7)
                s0n = _f5
                dirn = _f8
                cn = math.sqrt(s0n)
                cd = gabs
                uf = ((gabs > 0.0) & (gabs * gabs < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY))
                act = W[20 * LANE + j] < 0
                lower = act & (ax < W[9 * LANE + j])
                W[9 * LANE + j] = ax if lower else W[9 * LANE + j]
                W[16 * LANE + j] = t if lower else W[16 * LANE + j]
                spk = act & (not lower) & (W[17 * LANE + j] < 0) & (ax > W[9 * LANE + j] * W[11 * LANE + j])
                W[17 * LANE + j] = t if spk else W[17 * LANE + j]
                up = act & (cn * W[15 * LANE + j] > W[10 * LANE + j] * cd)
                W[10 * LANE + j] = cn if up else W[10 * LANE + j]
                W[15 * LANE + j] = cd if up else W[15 * LANE + j]
                W[19 * LANE + j] += 1 if (act & (ax < W[14 * LANE + j])) else 0
                bad = act & (not (ax <= W[12 * LANE + j]))
                und = act & (not bad) & ((ax < W[13 * LANE + j]) | uf)
                W[18 * LANE + j] = 1 if bad else (2 if und else W[18 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[6 * LANE + j] = x - lr * dirn if go else x
                W[8 * LANE + j] = s0n if go else s0
                W[20 * LANE + j] = t if (act & (not go)) else W[20 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[3 * LANE + j]
                te = int(W[20 * LANE + j])
                ax = abs(W[6 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[9 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[16 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[10 * LANE + j] / W[15 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[10 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[16 * LANE + j])
                I[i, 1] = int(W[17 * LANE + j])
                I[i, 2] = te if W[18 * LANE + j] == 1 else -1
                I[i, 3] = te if W[18 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[19 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_rmsprop_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_rmsprop` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(49 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta2 = P[i, 1]
        eps = P[i, 2]
        n = P[i, 3]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta2)
        _f1 = 1.0 + _f0
        _g0 = -(beta2)
        _g1 = 1.0 + _g0
        kq0 = 2.0
        e0 = -(n - 1.0) * (2.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        _l0, _l0s = _sof(beta2)
        _l3, _l3s = _sof(_f1)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            fast = _safe(q0)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta2
        W[2 * NLANE + j] = eps
        W[3 * NLANE + j] = n
        W[4 * NLANE + j] = log_lr
        W[5 * NLANE + j] = log_n
        W[6 * NLANE + j] = elam
        W[7 * NLANE + j] = ydeep
        W[8 * NLANE + j] = float(ielam)
        W[9 * NLANE + j] = 1.0 if ipow else 0.0
        W[10 * NLANE + j] = _f0
        W[11 * NLANE + j] = _f1
        W[12 * NLANE + j] = _g0
        W[13 * NLANE + j] = _g1
        W[14 * NLANE + j] = kq0
        W[15 * NLANE + j] = e0
        W[16 * NLANE + j] = float(ie0)
        W[17 * NLANE + j] = _l0
        W[18 * NLANE + j] = _l0s
        W[19 * NLANE + j] = _l3
        W[20 * NLANE + j] = _l3s
        W[21 * NLANE + j] = eps_l0
        W[22 * NLANE + j] = eps_fs
        W[23 * NLANE + j] = L
        W[24 * NLANE + j] = sigma
        W[25 * NLANE + j] = lamf
        W[26 * NLANE + j] = ymin
        W[27 * NLANE + j] = cmq
        W[28 * NLANE + j] = cml
        W[29 * NLANE + j] = final
        W[30 * NLANE + j] = lad
        W[31 * NLANE + j] = float(tend)
        W[32 * NLANE + j] = float(minstep)
        W[33 * NLANE + j] = float(spike)
        W[34 * NLANE + j] = float(div)
        W[35 * NLANE + j] = float(und)
        W[36 * NLANE + j] = float(ndeep)
        W[37 * NLANE + j] = 1.0 if fast else 0.0
        W[38 * NLANE + j] = 1.0 if live else 0.0
        W[39 * NLANE + j] = 1.0 if okv else 0.0
        W[40 * NLANE + j] = 1.0 if stopv else 0.0
        W[41 * NLANE + j] = 1.0 if qok else 0.0
        W[42 * NLANE + j] = cw
        W[43 * NLANE + j] = q0
        W[44 * NLANE + j] = qn0
        W[45 * NLANE + j] = w0
        W[46 * NLANE + j] = w0s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[3 * NLANE + j]
            log_lr = W[4 * NLANE + j]
            eps_l0 = W[21 * NLANE + j]
            eps_fs = W[22 * NLANE + j]
            L = W[23 * NLANE + j]
            lamf = W[25 * NLANE + j]
            fast = W[37 * NLANE + j] != 0.0
            live = W[38 * NLANE + j] != 0.0
            _q3 = W[47 * NLANE + j]
            _q7 = W[48 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI) or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q3 = _lpow(lamf, lL, -2)
                _q7 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
            W[25 * NLANE + j] = lamf
            W[47 * NLANE + j] = _q3
            W[48 * NLANE + j] = _q7
        npneed = 0
        for j in range(NLANE):
            beta2 = W[1 * NLANE + j]
            n = W[3 * NLANE + j]
            log_lr = W[4 * NLANE + j]
            log_n = W[5 * NLANE + j]
            ydeep = W[7 * NLANE + j]
            ielam = int(W[8 * NLANE + j])
            ipow = W[9 * NLANE + j] != 0.0
            _g1 = W[13 * NLANE + j]
            kq0 = W[14 * NLANE + j]
            ie0 = int(W[16 * NLANE + j])
            eps_fs = W[22 * NLANE + j]
            L = W[23 * NLANE + j]
            sigma = W[24 * NLANE + j]
            lamf = W[25 * NLANE + j]
            ymin = W[26 * NLANE + j]
            cmq = W[27 * NLANE + j]
            cml = W[28 * NLANE + j]
            final = W[29 * NLANE + j]
            lad = W[30 * NLANE + j]
            tend = int(W[31 * NLANE + j])
            minstep = int(W[32 * NLANE + j])
            spike = int(W[33 * NLANE + j])
            div = int(W[34 * NLANE + j])
            ndeep = int(W[36 * NLANE + j])
            fast = W[37 * NLANE + j] != 0.0
            live = W[38 * NLANE + j] != 0.0
            okv = W[39 * NLANE + j] != 0.0
            stopv = W[40 * NLANE + j] != 0.0
            qok = W[41 * NLANE + j] != 0.0
            cw = W[42 * NLANE + j]
            q0 = W[43 * NLANE + j]
            qn0 = W[44 * NLANE + j]
            _q3 = W[47 * NLANE + j]
            _q7 = W[48 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q3 = _ipv(lamf, ilamf, -2) if lamin else _q3
            _q0 = beta2 * q0
            _q1 = sigma * sigma
            _q2 = _q1 * _g1
            _q4 = _q2 * _q3
            _q5 = _q0 + _q4
            _q6 = math.sqrt(_q5)
            _q8 = _q7 + _q6
            _q9 = (sigma) / (_q8)
            qn0 = _q5
            lad = _q9
            okv = fast & live & _safev(qn0) & (abs(lad) < np.inf)
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
            cq, cl = qn0, kq0 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            qok = _safev(q0)
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI))) | (eps_fs != 0.0)) else 0
            W[44 * NLANE + j] = qn0
            W[43 * NLANE + j] = q0
            W[30 * NLANE + j] = lad
            W[39 * NLANE + j] = 1.0 if okv else 0.0
            W[26 * NLANE + j] = ymin
            W[32 * NLANE + j] = float(minstep)
            W[33 * NLANE + j] = float(spike)
            W[34 * NLANE + j] = float(div)
            W[36 * NLANE + j] = float(ndeep)
            W[29 * NLANE + j] = final
            W[31 * NLANE + j] = float(tend)
            W[25 * NLANE + j] = lamf
            W[40 * NLANE + j] = 1.0 if stopv else 0.0
            W[41 * NLANE + j] = 1.0 if qok else 0.0
            W[42 * NLANE + j] = cw
            W[27 * NLANE + j] = cmq
            W[28 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[38 * NLANE + j] != 0.0
            okv = W[39 * NLANE + j] != 0.0
            if live and okv:
                n = W[3 * NLANE + j]
                log_lr = W[4 * NLANE + j]
                ipow = W[9 * NLANE + j] != 0.0
                L = W[23 * NLANE + j]
                sigma = W[24 * NLANE + j]
                final = W[29 * NLANE + j]
                lad = W[30 * NLANE + j]
                live = W[38 * NLANE + j] != 0.0
                stopv = W[40 * NLANE + j] != 0.0
                qok = W[41 * NLANE + j] != 0.0
                cw = W[42 * NLANE + j]
                q0 = W[43 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq0 = W[14 * NLANE + j]
                    cmq = W[27 * NLANE + j]
                    cml = W[28 * NLANE + j]
                    qn0 = W[44 * NLANE + j]
                    cq, cl = qn0, kq0 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[27 * NLANE + j] = cq
                        W[28 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[38 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[35 * NLANE + j] = float(t + 1)
                        W[31 * NLANE + j] = float(t + 1)
                        W[26 * NLANE + j] = -np.inf
                        W[32 * NLANE + j] = float(t + 1)
                        W[29 * NLANE + j] = -np.inf
                        live = False
                        W[38 * NLANE + j] = 0.0
                    else:
                        W[23 * NLANE + j] = L + rl
                        W[24 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[6 * NLANE + j]
                            e0 = W[15 * NLANE + j]
                            lamf = W[25 * NLANE + j]
                            q0 = W[43 * NLANE + j]
                            qn0 = W[44 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            W[25 * NLANE + j] = lamf
                            W[43 * NLANE + j] = q0
                        if not (qok if ipow else (_safe(q0))):
                            n = W[3 * NLANE + j]
                            kq0 = W[14 * NLANE + j]
                            qn0 = W[44 * NLANE + j]
                            w0 = W[45 * NLANE + j]
                            w0s = W[46 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (2.0) * rl
                            W[45 * NLANE + j] = w0
                            W[46 * NLANE + j] = w0s
                            W[37 * NLANE + j] = 0.0
            elif live:
                n = W[3 * NLANE + j]
                log_lr = W[4 * NLANE + j]
                kq0 = W[14 * NLANE + j]
                _l0 = W[17 * NLANE + j]
                _l0s = W[18 * NLANE + j]
                _l3 = W[19 * NLANE + j]
                _l3s = W[20 * NLANE + j]
                eps_l0 = W[21 * NLANE + j]
                eps_fs = W[22 * NLANE + j]
                L = W[23 * NLANE + j]
                sigma = W[24 * NLANE + j]
                lamf = W[25 * NLANE + j]
                ymin = W[26 * NLANE + j]
                cmq = W[27 * NLANE + j]
                cml = W[28 * NLANE + j]
                final = W[29 * NLANE + j]
                tend = int(W[31 * NLANE + j])
                minstep = int(W[32 * NLANE + j])
                spike = int(W[33 * NLANE + j])
                div = int(W[34 * NLANE + j])
                und = int(W[35 * NLANE + j])
                ndeep = int(W[36 * NLANE + j])
                fast = W[37 * NLANE + j] != 0.0
                live = W[38 * NLANE + j] != 0.0
                stopv = W[40 * NLANE + j] != 0.0
                q0 = W[43 * NLANE + j]
                w0 = W[45 * NLANE + j]
                w0s = W[46 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    fast = False
                eps_fl = eps_l0 - (1.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l2, _l2s = _spow(0.0, sigma, 2.0)
                _l4, _l4s = _smul(_l2, _l2s, _l3, _l3s)
                _l5, _l5s = _sadd(_l1, _l1s, _l4, _l4s)
                _l6, _l6s = _spow(_l5, _l5s, 0.5)
                _l7, _l7s = _sadd(eps_fl, eps_fs, _l6, _l6s)
                _l8, _l8s = _sdiv(0.0, sigma, _l7, _l7s)
                w0n, w0ns = _l5, _l5s
                dirl, dirs = _l8, _l8s
                isbad = math.isnan(w0n) or math.isnan(dirl)
                cq, cl = 1.0, w0n
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
                        _l20000, _l20000s = _spow(w0n, w0ns, 0.5)
                        _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                        scl = _l20001
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
                        w0 = w0n - (n - 1.0) * (2.0) * rl
                        w0s = w0ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            fast = _safe(q0)
                            npneed += 1 if fast else 0
                W[23 * NLANE + j] = L
                W[24 * NLANE + j] = sigma
                W[25 * NLANE + j] = lamf
                W[26 * NLANE + j] = ymin
                W[27 * NLANE + j] = cmq
                W[28 * NLANE + j] = cml
                W[29 * NLANE + j] = final
                W[31 * NLANE + j] = float(tend)
                W[32 * NLANE + j] = float(minstep)
                W[33 * NLANE + j] = float(spike)
                W[34 * NLANE + j] = float(div)
                W[35 * NLANE + j] = float(und)
                W[36 * NLANE + j] = float(ndeep)
                W[37 * NLANE + j] = 1.0 if fast else 0.0
                W[38 * NLANE + j] = 1.0 if live else 0.0
                W[43 * NLANE + j] = q0
                W[45 * NLANE + j] = w0
                W[46 * NLANE + j] = w0s
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
            ymin = W[26 * NLANE + j]
            cmq = W[27 * NLANE + j]
            cml = W[28 * NLANE + j]
            final = W[29 * NLANE + j]
            tend = int(W[31 * NLANE + j])
            minstep = int(W[32 * NLANE + j])
            spike = int(W[33 * NLANE + j])
            div = int(W[34 * NLANE + j])
            und = int(W[35 * NLANE + j])
            ndeep = int(W[36 * NLANE + j])
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
def normalized_rmsprop(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of rmsprop {} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_rmsprop_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_s3_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of s3 {'nesterov': False} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(24 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta = P[i, 1]
            p = P[i, 2]
            eps = P[i, 3]
            n = P[i, 4]
            _f1 = -(beta)
            _f2 = 1.0 + _f1
            _f10 = 1.0 / p
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta
            W[2 * LANE + j] = p
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = n
            W[5 * LANE + j] = _f1
            W[6 * LANE + j] = _f2
            W[7 * LANE + j] = _f10
            W[12 * LANE + j] = np.inf
            W[13 * LANE + j] = -1.0
            W[18 * LANE + j] = 1.0
            W[14 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[15 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[16 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[17 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[19 * LANE + j] = -1
            W[20 * LANE + j] = -1
            W[23 * LANE + j] = -1
            uni = uni and n == W[4 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[10 * LANE + j] = 0.0
            W[11 * LANE + j] = 0.0
            W[8 * LANE + j] = x
        ni = int(W[4 * LANE + 0])
        uni = uni and ni == W[4 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[9 * LANE + j] = abs(W[8 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[9 * LANE + j] *= abs(W[8 * LANE + j])
            else:
                for j in range(LANE):
                    W[9 * LANE + j] = _gpow(abs(W[8 * LANE + j]), W[4 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[23 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[8 * LANE + j]) * W[9 * LANE + j] / W[4 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta = W[1 * LANE + j]
                p = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                n = W[4 * LANE + j]
                _f1 = W[5 * LANE + j]
                _f2 = W[6 * LANE + j]
                _f10 = W[7 * LANE + j]
                x = W[8 * LANE + j]
                ax = abs(x)
                gabs = W[9 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[10 * LANE + j]
                s1 = W[11 * LANE + j]
                _f0 = beta * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta * s1
                _f6 = abs(g)
                _f7 = _f6 ** p
                _f8 = _f7 * _f2
                _f9 = _f5 + _f8
                _f11 = _f9 ** _f10
                _f12 = eps + _f11
                _f13 = (_f4) / (_f12)
                s0n = _f4
                s1n = _f9
                dirn = _f13
                cn = math.sqrt(math.exp(math.log(abs(s1n)) - (p) * math.log(gabs)))
                cd = 1.0
                uf = ((gabs > 0.0) & (gabs ** max(1.0, p) < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[23 * LANE + j] < 0
                lower = act & (ax < W[12 * LANE + j])
                W[12 * LANE + j] = ax if lower else W[12 * LANE + j]
                W[19 * LANE + j] = t if lower else W[19 * LANE + j]
                spk = act & (not lower) & (W[20 * LANE + j] < 0) & (ax > W[12 * LANE + j] * W[14 * LANE + j])
                W[20 * LANE + j] = t if spk else W[20 * LANE + j]
                up = act & (cn * W[18 * LANE + j] > W[13 * LANE + j] * cd)
                W[13 * LANE + j] = cn if up else W[13 * LANE + j]
                W[18 * LANE + j] = cd if up else W[18 * LANE + j]
                W[22 * LANE + j] += 1 if (act & (ax < W[17 * LANE + j])) else 0
                bad = act & (not (ax <= W[15 * LANE + j]))
                und = act & (not bad) & ((ax < W[16 * LANE + j]) | uf)
                W[21 * LANE + j] = 1 if bad else (2 if und else W[21 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[8 * LANE + j] = x - lr * dirn if go else x
                W[10 * LANE + j] = s0n if go else s0
                W[11 * LANE + j] = s1n if go else s1
                W[23 * LANE + j] = t if (act & (not go)) else W[23 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[4 * LANE + j]
                te = int(W[23 * LANE + j])
                ax = abs(W[8 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[12 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[19 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[13 * LANE + j] / W[18 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[13 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[19 * LANE + j])
                I[i, 1] = int(W[20 * LANE + j])
                I[i, 2] = te if W[21 * LANE + j] == 1 else -1
                I[i, 3] = te if W[21 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[22 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_s3_0_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_s3_0` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(61 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta = P[i, 1]
        p = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta)
        _f1 = 1.0 + _f0
        _f2 = 1.0 / p
        _c0 = 1.0 / p
        _g0 = -(beta)
        _g1 = 1.0 + _g0
        _g2 = -(p)
        _g3 = 1.0 / p
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = p
        e1 = -(n - 1.0) * (p) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta)
        _l2, _l2s = _sof(_f1)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = _l10000, _l10000s
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta
        W[2 * NLANE + j] = p
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = n
        W[5 * NLANE + j] = log_lr
        W[6 * NLANE + j] = log_n
        W[7 * NLANE + j] = elam
        W[8 * NLANE + j] = ydeep
        W[9 * NLANE + j] = float(ielam)
        W[10 * NLANE + j] = 1.0 if ipow else 0.0
        W[11 * NLANE + j] = _f0
        W[12 * NLANE + j] = _f1
        W[13 * NLANE + j] = _f2
        W[14 * NLANE + j] = _c0
        W[15 * NLANE + j] = _g0
        W[16 * NLANE + j] = _g1
        W[17 * NLANE + j] = _g2
        W[18 * NLANE + j] = _g3
        W[19 * NLANE + j] = kq0
        W[20 * NLANE + j] = e0
        W[21 * NLANE + j] = float(ie0)
        W[22 * NLANE + j] = kq1
        W[23 * NLANE + j] = e1
        W[24 * NLANE + j] = float(ie1)
        W[25 * NLANE + j] = _l0
        W[26 * NLANE + j] = _l0s
        W[27 * NLANE + j] = _l2
        W[28 * NLANE + j] = _l2s
        W[29 * NLANE + j] = eps_l0
        W[30 * NLANE + j] = eps_fs
        W[31 * NLANE + j] = L
        W[32 * NLANE + j] = sigma
        W[33 * NLANE + j] = lamf
        W[34 * NLANE + j] = ymin
        W[35 * NLANE + j] = cmq
        W[36 * NLANE + j] = cml
        W[37 * NLANE + j] = final
        W[38 * NLANE + j] = lad
        W[39 * NLANE + j] = float(tend)
        W[40 * NLANE + j] = float(minstep)
        W[41 * NLANE + j] = float(spike)
        W[42 * NLANE + j] = float(div)
        W[43 * NLANE + j] = float(und)
        W[44 * NLANE + j] = float(ndeep)
        W[45 * NLANE + j] = 1.0 if fast else 0.0
        W[46 * NLANE + j] = 1.0 if live else 0.0
        W[47 * NLANE + j] = 1.0 if okv else 0.0
        W[48 * NLANE + j] = 1.0 if stopv else 0.0
        W[49 * NLANE + j] = 1.0 if qok else 0.0
        W[50 * NLANE + j] = cw
        W[51 * NLANE + j] = q0
        W[52 * NLANE + j] = qn0
        W[53 * NLANE + j] = w0
        W[54 * NLANE + j] = q1
        W[55 * NLANE + j] = qn1
        W[56 * NLANE + j] = w1
        W[57 * NLANE + j] = w0s
        W[58 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            _g2 = W[17 * NLANE + j]
            eps_l0 = W[29 * NLANE + j]
            eps_fs = W[30 * NLANE + j]
            L = W[31 * NLANE + j]
            lamf = W[33 * NLANE + j]
            fast = W[45 * NLANE + j] != 0.0
            live = W[46 * NLANE + j] != 0.0
            _q7 = W[59 * NLANE + j]
            _q11 = W[60 * NLANE + j]
            if fast and live and (samp or True or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q7 = _xp((_g2) * lL)
                _q11 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
            W[33 * NLANE + j] = lamf
            W[59 * NLANE + j] = _q7
            W[60 * NLANE + j] = _q11
        npneed = 0
        for j in range(NLANE):
            beta = W[1 * NLANE + j]
            p = W[2 * NLANE + j]
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            log_n = W[6 * NLANE + j]
            ydeep = W[8 * NLANE + j]
            ielam = int(W[9 * NLANE + j])
            ipow = W[10 * NLANE + j] != 0.0
            _g1 = W[16 * NLANE + j]
            _g3 = W[18 * NLANE + j]
            ie0 = int(W[21 * NLANE + j])
            kq1 = W[22 * NLANE + j]
            ie1 = int(W[24 * NLANE + j])
            eps_fs = W[30 * NLANE + j]
            L = W[31 * NLANE + j]
            sigma = W[32 * NLANE + j]
            lamf = W[33 * NLANE + j]
            ymin = W[34 * NLANE + j]
            cmq = W[35 * NLANE + j]
            cml = W[36 * NLANE + j]
            final = W[37 * NLANE + j]
            lad = W[38 * NLANE + j]
            tend = int(W[39 * NLANE + j])
            minstep = int(W[40 * NLANE + j])
            spike = int(W[41 * NLANE + j])
            div = int(W[42 * NLANE + j])
            ndeep = int(W[44 * NLANE + j])
            fast = W[45 * NLANE + j] != 0.0
            live = W[46 * NLANE + j] != 0.0
            okv = W[47 * NLANE + j] != 0.0
            stopv = W[48 * NLANE + j] != 0.0
            qok = W[49 * NLANE + j] != 0.0
            cw = W[50 * NLANE + j]
            q0 = W[51 * NLANE + j]
            qn0 = W[52 * NLANE + j]
            q1 = W[54 * NLANE + j]
            qn1 = W[55 * NLANE + j]
            _q7 = W[59 * NLANE + j]
            _q11 = W[60 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q0 = beta * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta * q1
            _q4 = abs(sigma)
            _q5 = _q4 ** p
            _q6 = _q5 * _g1
            _q8 = _q6 * _q7
            _q9 = _q3 + _q8
            _q10 = _q9 ** _g3
            _q12 = _q11 + _q10
            _q13 = (_q2) / (_q12)
            qn0 = _q2
            qn1 = _q9
            lad = _q13
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | True | (eps_fs != 0.0)) else 0
            W[52 * NLANE + j] = qn0
            W[55 * NLANE + j] = qn1
            W[51 * NLANE + j] = q0
            W[54 * NLANE + j] = q1
            W[38 * NLANE + j] = lad
            W[47 * NLANE + j] = 1.0 if okv else 0.0
            W[34 * NLANE + j] = ymin
            W[40 * NLANE + j] = float(minstep)
            W[41 * NLANE + j] = float(spike)
            W[42 * NLANE + j] = float(div)
            W[44 * NLANE + j] = float(ndeep)
            W[37 * NLANE + j] = final
            W[39 * NLANE + j] = float(tend)
            W[33 * NLANE + j] = lamf
            W[48 * NLANE + j] = 1.0 if stopv else 0.0
            W[49 * NLANE + j] = 1.0 if qok else 0.0
            W[50 * NLANE + j] = cw
            W[35 * NLANE + j] = cmq
            W[36 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[46 * NLANE + j] != 0.0
            okv = W[47 * NLANE + j] != 0.0
            if live and okv:
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                ipow = W[10 * NLANE + j] != 0.0
                L = W[31 * NLANE + j]
                sigma = W[32 * NLANE + j]
                final = W[37 * NLANE + j]
                lad = W[38 * NLANE + j]
                live = W[46 * NLANE + j] != 0.0
                stopv = W[48 * NLANE + j] != 0.0
                qok = W[49 * NLANE + j] != 0.0
                cw = W[50 * NLANE + j]
                q0 = W[51 * NLANE + j]
                q1 = W[54 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[22 * NLANE + j]
                    cmq = W[35 * NLANE + j]
                    cml = W[36 * NLANE + j]
                    qn1 = W[55 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[35 * NLANE + j] = cq
                        W[36 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[46 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[43 * NLANE + j] = float(t + 1)
                        W[39 * NLANE + j] = float(t + 1)
                        W[34 * NLANE + j] = -np.inf
                        W[40 * NLANE + j] = float(t + 1)
                        W[37 * NLANE + j] = -np.inf
                        live = False
                        W[46 * NLANE + j] = 0.0
                    else:
                        W[31 * NLANE + j] = L + rl
                        W[32 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[7 * NLANE + j]
                            e0 = W[20 * NLANE + j]
                            e1 = W[23 * NLANE + j]
                            lamf = W[33 * NLANE + j]
                            q0 = W[51 * NLANE + j]
                            qn0 = W[52 * NLANE + j]
                            q1 = W[54 * NLANE + j]
                            qn1 = W[55 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[33 * NLANE + j] = lamf
                            W[51 * NLANE + j] = q0
                            W[54 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            p = W[2 * NLANE + j]
                            n = W[4 * NLANE + j]
                            kq0 = W[19 * NLANE + j]
                            kq1 = W[22 * NLANE + j]
                            qn0 = W[52 * NLANE + j]
                            w0 = W[53 * NLANE + j]
                            qn1 = W[55 * NLANE + j]
                            w1 = W[56 * NLANE + j]
                            w0s = W[57 * NLANE + j]
                            w1s = W[58 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (p) * rl
                            W[53 * NLANE + j] = w0
                            W[56 * NLANE + j] = w1
                            W[57 * NLANE + j] = w0s
                            W[58 * NLANE + j] = w1s
                            W[45 * NLANE + j] = 0.0
            elif live:
                p = W[2 * NLANE + j]
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                _f2 = W[13 * NLANE + j]
                _c0 = W[14 * NLANE + j]
                kq0 = W[19 * NLANE + j]
                kq1 = W[22 * NLANE + j]
                _l0 = W[25 * NLANE + j]
                _l0s = W[26 * NLANE + j]
                _l2 = W[27 * NLANE + j]
                _l2s = W[28 * NLANE + j]
                eps_l0 = W[29 * NLANE + j]
                eps_fs = W[30 * NLANE + j]
                L = W[31 * NLANE + j]
                sigma = W[32 * NLANE + j]
                lamf = W[33 * NLANE + j]
                ymin = W[34 * NLANE + j]
                cmq = W[35 * NLANE + j]
                cml = W[36 * NLANE + j]
                final = W[37 * NLANE + j]
                tend = int(W[39 * NLANE + j])
                minstep = int(W[40 * NLANE + j])
                spike = int(W[41 * NLANE + j])
                div = int(W[42 * NLANE + j])
                und = int(W[43 * NLANE + j])
                ndeep = int(W[44 * NLANE + j])
                fast = W[45 * NLANE + j] != 0.0
                live = W[46 * NLANE + j] != 0.0
                stopv = W[48 * NLANE + j] != 0.0
                q0 = W[51 * NLANE + j]
                w0 = W[53 * NLANE + j]
                q1 = W[54 * NLANE + j]
                w1 = W[56 * NLANE + j]
                w0s = W[57 * NLANE + j]
                w1s = W[58 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (1.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l5, _l5s = _smul(_l0, _l0s, w1, w1s)
                _l6, _l6s = 0.0, abs(sigma)
                _l7, _l7s = _spow(_l6, _l6s, p)
                _l8, _l8s = _smul(_l7, _l7s, _l2, _l2s)
                _l9, _l9s = _sadd(_l5, _l5s, _l8, _l8s)
                _l10, _l10s = _spow(_l9, _l9s, _f2)
                _l11, _l11s = _sadd(eps_fl, eps_fs, _l10, _l10s)
                _l12, _l12s = _sdiv(_l4, _l4s, _l11, _l11s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l9, _l9s
                dirl, dirs = _l12, _l12s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20000, _l20000s = _spow(w1n, w1ns, _c0)
                        _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                        scl = _l20001
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (p) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[31 * NLANE + j] = L
                W[32 * NLANE + j] = sigma
                W[33 * NLANE + j] = lamf
                W[34 * NLANE + j] = ymin
                W[35 * NLANE + j] = cmq
                W[36 * NLANE + j] = cml
                W[37 * NLANE + j] = final
                W[39 * NLANE + j] = float(tend)
                W[40 * NLANE + j] = float(minstep)
                W[41 * NLANE + j] = float(spike)
                W[42 * NLANE + j] = float(div)
                W[43 * NLANE + j] = float(und)
                W[44 * NLANE + j] = float(ndeep)
                W[45 * NLANE + j] = 1.0 if fast else 0.0
                W[46 * NLANE + j] = 1.0 if live else 0.0
                W[51 * NLANE + j] = q0
                W[53 * NLANE + j] = w0
                W[54 * NLANE + j] = q1
                W[56 * NLANE + j] = w1
                W[57 * NLANE + j] = w0s
                W[58 * NLANE + j] = w1s
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
            ymin = W[34 * NLANE + j]
            cmq = W[35 * NLANE + j]
            cml = W[36 * NLANE + j]
            final = W[37 * NLANE + j]
            tend = int(W[39 * NLANE + j])
            minstep = int(W[40 * NLANE + j])
            spike = int(W[41 * NLANE + j])
            div = int(W[42 * NLANE + j])
            und = int(W[43 * NLANE + j])
            ndeep = int(W[44 * NLANE + j])
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
def normalized_s3_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of s3 {'nesterov': False} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_s3_0_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_s3_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of s3 {'nesterov': True} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(24 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta = P[i, 1]
            p = P[i, 2]
            eps = P[i, 3]
            n = P[i, 4]
            _f1 = -(beta)
            _f2 = 1.0 + _f1
            _f12 = 1.0 / p
            W[0 * LANE + j] = lr
            W[1 * LANE + j] = beta
            W[2 * LANE + j] = p
            W[3 * LANE + j] = eps
            W[4 * LANE + j] = n
            W[5 * LANE + j] = _f1
            W[6 * LANE + j] = _f2
            W[7 * LANE + j] = _f12
            W[12 * LANE + j] = np.inf
            W[13 * LANE + j] = -1.0
            W[18 * LANE + j] = 1.0
            W[14 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[15 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[16 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[17 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[19 * LANE + j] = -1
            W[20 * LANE + j] = -1
            W[23 * LANE + j] = -1
            uni = uni and n == W[4 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            W[10 * LANE + j] = 0.0
            W[11 * LANE + j] = 0.0
            W[8 * LANE + j] = x
        ni = int(W[4 * LANE + 0])
        uni = uni and ni == W[4 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[9 * LANE + j] = abs(W[8 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[9 * LANE + j] *= abs(W[8 * LANE + j])
            else:
                for j in range(LANE):
                    W[9 * LANE + j] = _gpow(abs(W[8 * LANE + j]), W[4 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[23 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[8 * LANE + j]) * W[9 * LANE + j] / W[4 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                beta = W[1 * LANE + j]
                p = W[2 * LANE + j]
                eps = W[3 * LANE + j]
                n = W[4 * LANE + j]
                _f1 = W[5 * LANE + j]
                _f2 = W[6 * LANE + j]
                _f12 = W[7 * LANE + j]
                x = W[8 * LANE + j]
                ax = abs(x)
                gabs = W[9 * LANE + j]
                g = math.copysign(gabs, x)
                s0 = W[10 * LANE + j]
                s1 = W[11 * LANE + j]
                _f0 = beta * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                _f5 = beta * s1
                _f6 = abs(g)
                _f7 = _f6 ** p
                _f8 = _f7 * _f2
                _f9 = _f5 + _f8
                _f10 = beta * _f9
                _f11 = _f10 + _f8
                _f13 = _f11 ** _f12
                _f14 = eps + _f13
                _f15 = beta * _f4
                _f16 = _f15 + _f3
                _f17 = (_f16) / (_f14)
                s0n = _f4
                s1n = _f9
                dirn = _f17
                cn = math.sqrt(math.exp(math.log(abs(s1n)) - (p) * math.log(gabs)))
                cd = 1.0
                uf = ((gabs > 0.0) & (gabs ** max(1.0, p) < TINY)) | ((abs(s0n) > 0.0) & (abs(s0n) < TINY)) | ((abs(s1n) > 0.0) & (abs(s1n) < TINY))
                act = W[23 * LANE + j] < 0
                lower = act & (ax < W[12 * LANE + j])
                W[12 * LANE + j] = ax if lower else W[12 * LANE + j]
                W[19 * LANE + j] = t if lower else W[19 * LANE + j]
                spk = act & (not lower) & (W[20 * LANE + j] < 0) & (ax > W[12 * LANE + j] * W[14 * LANE + j])
                W[20 * LANE + j] = t if spk else W[20 * LANE + j]
                up = act & (cn * W[18 * LANE + j] > W[13 * LANE + j] * cd)
                W[13 * LANE + j] = cn if up else W[13 * LANE + j]
                W[18 * LANE + j] = cd if up else W[18 * LANE + j]
                W[22 * LANE + j] += 1 if (act & (ax < W[17 * LANE + j])) else 0
                bad = act & (not (ax <= W[15 * LANE + j]))
                und = act & (not bad) & ((ax < W[16 * LANE + j]) | uf)
                W[21 * LANE + j] = 1 if bad else (2 if und else W[21 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[8 * LANE + j] = x - lr * dirn if go else x
                W[10 * LANE + j] = s0n if go else s0
                W[11 * LANE + j] = s1n if go else s1
                W[23 * LANE + j] = t if (act & (not go)) else W[23 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[4 * LANE + j]
                te = int(W[23 * LANE + j])
                ax = abs(W[8 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[12 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[19 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[13 * LANE + j] / W[18 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[13 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[19 * LANE + j])
                I[i, 1] = int(W[20 * LANE + j])
                I[i, 2] = te if W[21 * LANE + j] == 1 else -1
                I[i, 3] = te if W[21 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[22 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_s3_1_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_s3_1` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(67 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        beta = P[i, 1]
        p = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
        _f0 = -(beta)
        _f1 = 1.0 + _f0
        _f2 = 1.0 / p
        _c0 = -(beta)
        _c1 = 1.0 + _c0
        _c2 = 1.0 / p
        _g0 = -(beta)
        _g1 = 1.0 + _g0
        _g2 = -(p)
        _g3 = 1.0 / p
        kq0 = 0.0
        e0 = -(n - 1.0) * (1.0) - kq0 * (0.0 * (n - 1.0) - 1.0)
        ie0 = int(e0)
        kq1 = p
        e1 = -(n - 1.0) * (p) - kq1 * (0.0 * (n - 1.0) - 1.0)
        ie1 = int(e1)
        _l0, _l0s = _sof(beta)
        _l2, _l2s = _sof(_f1)
        _l20000, _l20000s = _sof(beta)
        _l20004, _l20004s = _sof(_c1)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = _l10000, _l10000s
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = (e0 == ie0 and abs(ie0) <= IPV_MAX) and (e1 == ie1 and abs(ie1) <= IPV_MAX) and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        q0 = qn0 = 0.0
        q1 = qn1 = 0.0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            q0 = _w2q(w0, w0s, kq0 * lL)
            q1 = _w2q(w1, w1s, kq1 * lL)
            fast = _safe(q0) and _safe(q1)
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = beta
        W[2 * NLANE + j] = p
        W[3 * NLANE + j] = eps
        W[4 * NLANE + j] = n
        W[5 * NLANE + j] = log_lr
        W[6 * NLANE + j] = log_n
        W[7 * NLANE + j] = elam
        W[8 * NLANE + j] = ydeep
        W[9 * NLANE + j] = float(ielam)
        W[10 * NLANE + j] = 1.0 if ipow else 0.0
        W[11 * NLANE + j] = _f0
        W[12 * NLANE + j] = _f1
        W[13 * NLANE + j] = _f2
        W[14 * NLANE + j] = _c0
        W[15 * NLANE + j] = _c1
        W[16 * NLANE + j] = _c2
        W[17 * NLANE + j] = _g0
        W[18 * NLANE + j] = _g1
        W[19 * NLANE + j] = _g2
        W[20 * NLANE + j] = _g3
        W[21 * NLANE + j] = kq0
        W[22 * NLANE + j] = e0
        W[23 * NLANE + j] = float(ie0)
        W[24 * NLANE + j] = kq1
        W[25 * NLANE + j] = e1
        W[26 * NLANE + j] = float(ie1)
        W[27 * NLANE + j] = _l0
        W[28 * NLANE + j] = _l0s
        W[29 * NLANE + j] = _l2
        W[30 * NLANE + j] = _l2s
        W[31 * NLANE + j] = _l20000
        W[32 * NLANE + j] = _l20000s
        W[33 * NLANE + j] = _l20004
        W[34 * NLANE + j] = _l20004s
        W[35 * NLANE + j] = eps_l0
        W[36 * NLANE + j] = eps_fs
        W[37 * NLANE + j] = L
        W[38 * NLANE + j] = sigma
        W[39 * NLANE + j] = lamf
        W[40 * NLANE + j] = ymin
        W[41 * NLANE + j] = cmq
        W[42 * NLANE + j] = cml
        W[43 * NLANE + j] = final
        W[44 * NLANE + j] = lad
        W[45 * NLANE + j] = float(tend)
        W[46 * NLANE + j] = float(minstep)
        W[47 * NLANE + j] = float(spike)
        W[48 * NLANE + j] = float(div)
        W[49 * NLANE + j] = float(und)
        W[50 * NLANE + j] = float(ndeep)
        W[51 * NLANE + j] = 1.0 if fast else 0.0
        W[52 * NLANE + j] = 1.0 if live else 0.0
        W[53 * NLANE + j] = 1.0 if okv else 0.0
        W[54 * NLANE + j] = 1.0 if stopv else 0.0
        W[55 * NLANE + j] = 1.0 if qok else 0.0
        W[56 * NLANE + j] = cw
        W[57 * NLANE + j] = q0
        W[58 * NLANE + j] = qn0
        W[59 * NLANE + j] = w0
        W[60 * NLANE + j] = q1
        W[61 * NLANE + j] = qn1
        W[62 * NLANE + j] = w1
        W[63 * NLANE + j] = w0s
        W[64 * NLANE + j] = w1s
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            _g2 = W[19 * NLANE + j]
            eps_l0 = W[35 * NLANE + j]
            eps_fs = W[36 * NLANE + j]
            L = W[37 * NLANE + j]
            lamf = W[39 * NLANE + j]
            fast = W[51 * NLANE + j] != 0.0
            live = W[52 * NLANE + j] != 0.0
            _q7 = W[65 * NLANE + j]
            _q14 = W[66 * NLANE + j]
            if fast and live and (samp or True or eps_fs != 0.0):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q7 = _xp((_g2) * lL)
                _q14 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
            W[39 * NLANE + j] = lamf
            W[65 * NLANE + j] = _q7
            W[66 * NLANE + j] = _q14
        npneed = 0
        for j in range(NLANE):
            beta = W[1 * NLANE + j]
            p = W[2 * NLANE + j]
            n = W[4 * NLANE + j]
            log_lr = W[5 * NLANE + j]
            log_n = W[6 * NLANE + j]
            ydeep = W[8 * NLANE + j]
            ielam = int(W[9 * NLANE + j])
            ipow = W[10 * NLANE + j] != 0.0
            _g1 = W[18 * NLANE + j]
            _g3 = W[20 * NLANE + j]
            ie0 = int(W[23 * NLANE + j])
            kq1 = W[24 * NLANE + j]
            ie1 = int(W[26 * NLANE + j])
            eps_fs = W[36 * NLANE + j]
            L = W[37 * NLANE + j]
            sigma = W[38 * NLANE + j]
            lamf = W[39 * NLANE + j]
            ymin = W[40 * NLANE + j]
            cmq = W[41 * NLANE + j]
            cml = W[42 * NLANE + j]
            final = W[43 * NLANE + j]
            lad = W[44 * NLANE + j]
            tend = int(W[45 * NLANE + j])
            minstep = int(W[46 * NLANE + j])
            spike = int(W[47 * NLANE + j])
            div = int(W[48 * NLANE + j])
            ndeep = int(W[50 * NLANE + j])
            fast = W[51 * NLANE + j] != 0.0
            live = W[52 * NLANE + j] != 0.0
            okv = W[53 * NLANE + j] != 0.0
            stopv = W[54 * NLANE + j] != 0.0
            qok = W[55 * NLANE + j] != 0.0
            cw = W[56 * NLANE + j]
            q0 = W[57 * NLANE + j]
            qn0 = W[58 * NLANE + j]
            q1 = W[60 * NLANE + j]
            qn1 = W[61 * NLANE + j]
            _q7 = W[65 * NLANE + j]
            _q14 = W[66 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q0 = beta * q0
            _q1 = sigma * _g1
            _q2 = _q0 + _q1
            _q3 = beta * q1
            _q4 = abs(sigma)
            _q5 = _q4 ** p
            _q6 = _q5 * _g1
            _q8 = _q6 * _q7
            _q9 = _q3 + _q8
            _q10 = beta * _q9
            _q11 = _q6 * _q7
            _q12 = _q10 + _q11
            _q13 = _q12 ** _g3
            _q15 = _q14 + _q13
            _q16 = beta * _q2
            _q17 = _q16 + _q1
            _q18 = (_q17) / (_q15)
            qn0 = _q2
            qn1 = _q9
            lad = _q18
            okv = fast & live & _safev(qn0) & _safev(qn1) & (abs(lad) < np.inf)
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
            cq, cl = qn1, kq1 * lL
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf
            q0 = qn0 * _ipv(ar, ir, ie0) if pw else q0
            q1 = qn1 * _ipv(ar, ir, ie1) if pw else q1
            qok = _safev(q0) & _safev(q1)
            npneed += 1 if okv & (not stopv) & ((not ipow) | True | (eps_fs != 0.0)) else 0
            W[58 * NLANE + j] = qn0
            W[61 * NLANE + j] = qn1
            W[57 * NLANE + j] = q0
            W[60 * NLANE + j] = q1
            W[44 * NLANE + j] = lad
            W[53 * NLANE + j] = 1.0 if okv else 0.0
            W[40 * NLANE + j] = ymin
            W[46 * NLANE + j] = float(minstep)
            W[47 * NLANE + j] = float(spike)
            W[48 * NLANE + j] = float(div)
            W[50 * NLANE + j] = float(ndeep)
            W[43 * NLANE + j] = final
            W[45 * NLANE + j] = float(tend)
            W[39 * NLANE + j] = lamf
            W[54 * NLANE + j] = 1.0 if stopv else 0.0
            W[55 * NLANE + j] = 1.0 if qok else 0.0
            W[56 * NLANE + j] = cw
            W[41 * NLANE + j] = cmq
            W[42 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[52 * NLANE + j] != 0.0
            okv = W[53 * NLANE + j] != 0.0
            if live and okv:
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                ipow = W[10 * NLANE + j] != 0.0
                L = W[37 * NLANE + j]
                sigma = W[38 * NLANE + j]
                final = W[43 * NLANE + j]
                lad = W[44 * NLANE + j]
                live = W[52 * NLANE + j] != 0.0
                stopv = W[54 * NLANE + j] != 0.0
                qok = W[55 * NLANE + j] != 0.0
                cw = W[56 * NLANE + j]
                q0 = W[57 * NLANE + j]
                q1 = W[60 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    kq1 = W[24 * NLANE + j]
                    cmq = W[41 * NLANE + j]
                    cml = W[42 * NLANE + j]
                    qn1 = W[61 * NLANE + j]
                    cq, cl = qn1, kq1 * lL
                    if _cwin(cq, cl, cmq, cml):
                        W[41 * NLANE + j] = cq
                        W[42 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[52 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[49 * NLANE + j] = float(t + 1)
                        W[45 * NLANE + j] = float(t + 1)
                        W[40 * NLANE + j] = -np.inf
                        W[46 * NLANE + j] = float(t + 1)
                        W[43 * NLANE + j] = -np.inf
                        live = False
                        W[52 * NLANE + j] = 0.0
                    else:
                        W[37 * NLANE + j] = L + rl
                        W[38 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[7 * NLANE + j]
                            e0 = W[22 * NLANE + j]
                            e1 = W[25 * NLANE + j]
                            lamf = W[39 * NLANE + j]
                            q0 = W[57 * NLANE + j]
                            qn0 = W[58 * NLANE + j]
                            q1 = W[60 * NLANE + j]
                            qn1 = W[61 * NLANE + j]
                            lamf *= _xp(elam * rl)
                            q0 = qn0 * _xp(e0 * rl)
                            q1 = qn1 * _xp(e1 * rl)
                            W[39 * NLANE + j] = lamf
                            W[57 * NLANE + j] = q0
                            W[60 * NLANE + j] = q1
                        if not (qok if ipow else (_safe(q0) and _safe(q1))):
                            p = W[2 * NLANE + j]
                            n = W[4 * NLANE + j]
                            kq0 = W[21 * NLANE + j]
                            kq1 = W[24 * NLANE + j]
                            qn0 = W[58 * NLANE + j]
                            w0 = W[59 * NLANE + j]
                            qn1 = W[61 * NLANE + j]
                            w1 = W[62 * NLANE + j]
                            w0s = W[63 * NLANE + j]
                            w1s = W[64 * NLANE + j]
                            w0, w0s = _q2w(qn0, kq0 * lL)
                            w0 = w0 - (n - 1.0) * (1.0) * rl
                            w1, w1s = _q2w(qn1, kq1 * lL)
                            w1 = w1 - (n - 1.0) * (p) * rl
                            W[59 * NLANE + j] = w0
                            W[62 * NLANE + j] = w1
                            W[63 * NLANE + j] = w0s
                            W[64 * NLANE + j] = w1s
                            W[51 * NLANE + j] = 0.0
            elif live:
                p = W[2 * NLANE + j]
                n = W[4 * NLANE + j]
                log_lr = W[5 * NLANE + j]
                _f2 = W[13 * NLANE + j]
                _c2 = W[16 * NLANE + j]
                kq0 = W[21 * NLANE + j]
                kq1 = W[24 * NLANE + j]
                _l0 = W[27 * NLANE + j]
                _l0s = W[28 * NLANE + j]
                _l2 = W[29 * NLANE + j]
                _l2s = W[30 * NLANE + j]
                _l20000 = W[31 * NLANE + j]
                _l20000s = W[32 * NLANE + j]
                _l20004 = W[33 * NLANE + j]
                _l20004s = W[34 * NLANE + j]
                eps_l0 = W[35 * NLANE + j]
                eps_fs = W[36 * NLANE + j]
                L = W[37 * NLANE + j]
                sigma = W[38 * NLANE + j]
                lamf = W[39 * NLANE + j]
                ymin = W[40 * NLANE + j]
                cmq = W[41 * NLANE + j]
                cml = W[42 * NLANE + j]
                final = W[43 * NLANE + j]
                tend = int(W[45 * NLANE + j])
                minstep = int(W[46 * NLANE + j])
                spike = int(W[47 * NLANE + j])
                div = int(W[48 * NLANE + j])
                und = int(W[49 * NLANE + j])
                ndeep = int(W[50 * NLANE + j])
                fast = W[51 * NLANE + j] != 0.0
                live = W[52 * NLANE + j] != 0.0
                stopv = W[54 * NLANE + j] != 0.0
                q0 = W[57 * NLANE + j]
                w0 = W[59 * NLANE + j]
                q1 = W[60 * NLANE + j]
                w1 = W[62 * NLANE + j]
                w0s = W[63 * NLANE + j]
                w1s = W[64 * NLANE + j]
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
                eps_fl = eps_l0 - (1.0) * lg
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                _l5, _l5s = _smul(_l0, _l0s, w1, w1s)
                _l6, _l6s = 0.0, abs(sigma)
                _l7, _l7s = _spow(_l6, _l6s, p)
                _l8, _l8s = _smul(_l7, _l7s, _l2, _l2s)
                _l9, _l9s = _sadd(_l5, _l5s, _l8, _l8s)
                _l10, _l10s = _smul(_l0, _l0s, _l9, _l9s)
                _l11, _l11s = _sadd(_l10, _l10s, _l8, _l8s)
                _l12, _l12s = _spow(_l11, _l11s, _f2)
                _l13, _l13s = _sadd(eps_fl, eps_fs, _l12, _l12s)
                _l14, _l14s = _smul(_l0, _l0s, _l4, _l4s)
                _l15, _l15s = _sadd(_l14, _l14s, _l3, _l3s)
                _l16, _l16s = _sdiv(_l15, _l15s, _l13, _l13s)
                w0n, w0ns = _l4, _l4s
                w1n, w1ns = _l9, _l9s
                dirl, dirs = _l16, _l16s
                isbad = math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
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
                        _l20001, _l20001s = _smul(_l20000, _l20000s, w1n, w1ns)
                        _l20002, _l20002s = 0.0, abs(sigma)
                        _l20003, _l20003s = _spow(_l20002, _l20002s, p)
                        _l20005, _l20005s = _smul(_l20003, _l20003s, _l20004, _l20004s)
                        _l20006, _l20006s = _sadd(_l20001, _l20001s, _l20005, _l20005s)
                        _l20007, _l20007s = _spow(_l20006, _l20006s, _c2)
                        _l20008, _l20008s = _sadd(eps_fl, eps_fs, _l20007, _l20007s)
                        scl = _l20008
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
                        w0 = w0n - (n - 1.0) * (1.0) * rl
                        w0s = w0ns
                        w1 = w1n - (n - 1.0) * (p) * rl
                        w1s = w1ns
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            q0 = _w2q(w0, w0s, kq0 * lL)
                            q1 = _w2q(w1, w1s, kq1 * lL)
                            fast = _safe(q0) and _safe(q1)
                            npneed += 1 if fast else 0
                W[37 * NLANE + j] = L
                W[38 * NLANE + j] = sigma
                W[39 * NLANE + j] = lamf
                W[40 * NLANE + j] = ymin
                W[41 * NLANE + j] = cmq
                W[42 * NLANE + j] = cml
                W[43 * NLANE + j] = final
                W[45 * NLANE + j] = float(tend)
                W[46 * NLANE + j] = float(minstep)
                W[47 * NLANE + j] = float(spike)
                W[48 * NLANE + j] = float(div)
                W[49 * NLANE + j] = float(und)
                W[50 * NLANE + j] = float(ndeep)
                W[51 * NLANE + j] = 1.0 if fast else 0.0
                W[52 * NLANE + j] = 1.0 if live else 0.0
                W[57 * NLANE + j] = q0
                W[59 * NLANE + j] = w0
                W[60 * NLANE + j] = q1
                W[62 * NLANE + j] = w1
                W[63 * NLANE + j] = w0s
                W[64 * NLANE + j] = w1s
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
            ymin = W[40 * NLANE + j]
            cmq = W[41 * NLANE + j]
            cml = W[42 * NLANE + j]
            final = W[43 * NLANE + j]
            tend = int(W[45 * NLANE + j])
            minstep = int(W[46 * NLANE + j])
            spike = int(W[47 * NLANE + j])
            div = int(W[48 * NLANE + j])
            und = int(W[49 * NLANE + j])
            ndeep = int(W[50 * NLANE + j])
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
def normalized_s3_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of s3 {'nesterov': True} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_s3_1_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_signgd(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of signgd {} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        W = np.zeros(17 * LANE)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            n = P[i, 1]

            W[0 * LANE + j] = lr
            W[1 * LANE + j] = n
            W[5 * LANE + j] = np.inf
            W[6 * LANE + j] = -1.0
            W[11 * LANE + j] = 1.0
            W[7 * LANE + j] = _ax_of_loss(spike_log10, n)
            W[8 * LANE + j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            W[9 * LANE + j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            W[10 * LANE + j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            W[12 * LANE + j] = -1
            W[13 * LANE + j] = -1
            W[16 * LANE + j] = -1
            uni = uni and n == W[1 * LANE + 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)

            W[2 * LANE + j] = x
        ni = int(W[1 * LANE + 0])
        uni = uni and ni == W[1 * LANE + 0] and ni >= 2 and ni <= 64
        t = 0
        while True:
            if uni:
                for j in range(LANE):
                    W[3 * LANE + j] = abs(W[2 * LANE + j])
                for _k in range(ni - 2):
                    for j in range(LANE):
                        W[3 * LANE + j] *= abs(W[2 * LANE + j])
            else:
                for j in range(LANE):
                    W[3 * LANE + j] = _gpow(abs(W[2 * LANE + j]), W[1 * LANE + j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if W[16 * LANE + j] < 0:
                        Y[j, kk] = _log10(abs(W[2 * LANE + j]) * W[3 * LANE + j] / W[1 * LANE + j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = W[0 * LANE + j]
                n = W[1 * LANE + j]
                x = W[2 * LANE + j]
                ax = abs(x)
                gabs = W[3 * LANE + j]
                g = math.copysign(gabs, x)

                _f0 = abs(g)
                _f1 = (g) / (_f0)
                dirn = _f1
                cn = np.nan
                cd = 1.0
                uf = ((gabs > 0.0) & (gabs < TINY))
                act = W[16 * LANE + j] < 0
                lower = act & (ax < W[5 * LANE + j])
                W[5 * LANE + j] = ax if lower else W[5 * LANE + j]
                W[12 * LANE + j] = t if lower else W[12 * LANE + j]
                spk = act & (not lower) & (W[13 * LANE + j] < 0) & (ax > W[5 * LANE + j] * W[7 * LANE + j])
                W[13 * LANE + j] = t if spk else W[13 * LANE + j]
                up = act & (cn * W[11 * LANE + j] > W[6 * LANE + j] * cd)
                W[6 * LANE + j] = cn if up else W[6 * LANE + j]
                W[11 * LANE + j] = cd if up else W[11 * LANE + j]
                W[15 * LANE + j] += 1 if (act & (ax < W[10 * LANE + j])) else 0
                bad = act & (not (ax <= W[8 * LANE + j]))
                und = act & (not bad) & ((ax < W[9 * LANE + j]) | uf)
                W[14 * LANE + j] = 1 if bad else (2 if und else W[14 * LANE + j])
                go = act & (not (bad | und | last))
                nact += 1 if go else 0
                W[2 * LANE + j] = x - lr * dirn if go else x

                W[16 * LANE + j] = t if (act & (not go)) else W[16 * LANE + j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = W[1 * LANE + j]
                te = int(W[16 * LANE + j])
                ax = abs(W[2 * LANE + j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = W[5 * LANE + j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if W[12 * LANE + j] >= 0 else np.nan
                F[i, 1] = fin
                cr = W[6 * LANE + j] / W[11 * LANE + j]
                F[i, 2] = _log10(cr * cr) if W[6 * LANE + j] >= 0.0 else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin, LATE_FRACTION)
                I[i, 0] = int(W[12 * LANE + j])
                I[i, 1] = int(W[13 * LANE + j])
                I[i, 2] = te if W[14 * LANE + j] == 1 else -1
                I[i, 3] = te if W[14 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[15 * LANE + j])



@njit(cache=True, error_model="numpy")
def _normalized_signgd_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb):
    """One lane block of :func:`normalized_signgd` (its own function: numba's parallel passes then see a small loop body)."""
    W = np.zeros(29 * NLANE)
    Y = np.full((NLANE, nb), np.nan)
    for j in range(NLANE):
        i = min(blk * NLANE + j, npts - 1)
        lr = P[i, 0]
        n = P[i, 1]
        live = i == blk * NLANE + j
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0

        lg = (n - 1.0) * L
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = True and elam == ielam and abs(ielam) <= IPV_MAX
        lamf = _xp(lL)
        fast = True and K == 0
        lad = cw = 0.0
        okv = stopv = qok = False
        if fast:
            pass
            fast = True
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
        W[0 * NLANE + j] = lr
        W[1 * NLANE + j] = n
        W[2 * NLANE + j] = log_lr
        W[3 * NLANE + j] = log_n
        W[4 * NLANE + j] = elam
        W[5 * NLANE + j] = ydeep
        W[6 * NLANE + j] = float(ielam)
        W[7 * NLANE + j] = 1.0 if ipow else 0.0
        W[8 * NLANE + j] = L
        W[9 * NLANE + j] = sigma
        W[10 * NLANE + j] = lamf
        W[11 * NLANE + j] = ymin
        W[12 * NLANE + j] = cmq
        W[13 * NLANE + j] = cml
        W[14 * NLANE + j] = final
        W[15 * NLANE + j] = lad
        W[16 * NLANE + j] = float(tend)
        W[17 * NLANE + j] = float(minstep)
        W[18 * NLANE + j] = float(spike)
        W[19 * NLANE + j] = float(div)
        W[20 * NLANE + j] = float(und)
        W[21 * NLANE + j] = float(ndeep)
        W[22 * NLANE + j] = 1.0 if fast else 0.0
        W[23 * NLANE + j] = 1.0 if live else 0.0
        W[24 * NLANE + j] = 1.0 if okv else 0.0
        W[25 * NLANE + j] = 1.0 if stopv else 0.0
        W[26 * NLANE + j] = 1.0 if qok else 0.0
        W[27 * NLANE + j] = cw
    t = 0
    tsamp = 0
    ksamp = 0
    npneed = NLANE
    while True:
        samp = t == tsamp
        last = t == steps
        tf = float(t + 1)
        for j in range(NLANE if samp or npneed > 0 else 0):
            n = W[1 * NLANE + j]
            log_lr = W[2 * NLANE + j]
            L = W[8 * NLANE + j]
            lamf = W[10 * NLANE + j]
            fast = W[22 * NLANE + j] != 0.0
            live = W[23 * NLANE + j] != 0.0
            _q2 = W[28 * NLANE + j]
            if fast and live and (samp or not (lamf > SAFE_LO and lamf < SAFE_HI)):
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if samp:
                    lamf = _xp(lL)
                _q2 = _lpow(lamf, lL, 1)
            W[10 * NLANE + j] = lamf
            W[28 * NLANE + j] = _q2
        npneed = 0
        for j in range(NLANE):
            n = W[1 * NLANE + j]
            log_lr = W[2 * NLANE + j]
            log_n = W[3 * NLANE + j]
            ydeep = W[5 * NLANE + j]
            ielam = int(W[6 * NLANE + j])
            ipow = W[7 * NLANE + j] != 0.0
            L = W[8 * NLANE + j]
            sigma = W[9 * NLANE + j]
            lamf = W[10 * NLANE + j]
            ymin = W[11 * NLANE + j]
            cmq = W[12 * NLANE + j]
            cml = W[13 * NLANE + j]
            final = W[14 * NLANE + j]
            lad = W[15 * NLANE + j]
            tend = int(W[16 * NLANE + j])
            minstep = int(W[17 * NLANE + j])
            spike = int(W[18 * NLANE + j])
            div = int(W[19 * NLANE + j])
            ndeep = int(W[21 * NLANE + j])
            fast = W[22 * NLANE + j] != 0.0
            live = W[23 * NLANE + j] != 0.0
            okv = W[24 * NLANE + j] != 0.0
            stopv = W[25 * NLANE + j] != 0.0
            qok = W[26 * NLANE + j] != 0.0
            cw = W[27 * NLANE + j]
            _q2 = W[28 * NLANE + j]
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            lamin = (lamf > SAFE_LO) & (lamf < SAFE_HI)
            ilamf = 1.0 / lamf
            _q2 = _ipv(lamf, ilamf, 1) if lamin else _q2
            _q0 = abs(sigma)
            _q1 = (sigma) / (_q0)
            _q3 = _q1 * _q2
            lad = _q3
            okv = fast & live & (abs(lad) < np.inf)
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
            cq, cl = np.nan, 0.0
            cw = _cwv(cq, cl, cmq, cml)
            cmq = cq if okv & (cw == 1.0) else cmq
            cml = cl if okv & (cw == 1.0) else cml
            ar = abs(1.0 - sigma * lad)
            ir = 1.0 / ar
            pw = okv & ipow & (not stopv)
            lamf = lamf * _ipv(ar, ir, ielam) if pw else lamf

            qok = True
            npneed += 1 if okv & (not stopv) & ((not ipow) | (not ((lamf > SAFE_LO) & (lamf < SAFE_HI)))) else 0
            W[15 * NLANE + j] = lad
            W[24 * NLANE + j] = 1.0 if okv else 0.0
            W[11 * NLANE + j] = ymin
            W[17 * NLANE + j] = float(minstep)
            W[18 * NLANE + j] = float(spike)
            W[19 * NLANE + j] = float(div)
            W[21 * NLANE + j] = float(ndeep)
            W[14 * NLANE + j] = final
            W[16 * NLANE + j] = float(tend)
            W[10 * NLANE + j] = lamf
            W[25 * NLANE + j] = 1.0 if stopv else 0.0
            W[26 * NLANE + j] = 1.0 if qok else 0.0
            W[27 * NLANE + j] = cw
            W[12 * NLANE + j] = cmq
            W[13 * NLANE + j] = cml
        nlive = 0
        for j in range(NLANE):
            live = W[23 * NLANE + j] != 0.0
            okv = W[24 * NLANE + j] != 0.0
            if live and okv:
                n = W[1 * NLANE + j]
                log_lr = W[2 * NLANE + j]
                ipow = W[7 * NLANE + j] != 0.0
                L = W[8 * NLANE + j]
                sigma = W[9 * NLANE + j]
                final = W[14 * NLANE + j]
                lad = W[15 * NLANE + j]
                live = W[23 * NLANE + j] != 0.0
                stopv = W[25 * NLANE + j] != 0.0
                qok = W[26 * NLANE + j] != 0.0
                cw = W[27 * NLANE + j]
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if cw == 2.0:
                    cmq = W[12 * NLANE + j]
                    cml = W[13 * NLANE + j]
                    cq, cl = np.nan, 0.0
                    if _cwin(cq, cl, cmq, cml):
                        W[12 * NLANE + j] = cq
                        W[13 * NLANE + j] = cl
                if samp:
                    Y[j, ksamp] = final
                if stopv:
                    live = False
                    W[23 * NLANE + j] = 0.0
                else:
                    rl, rs = _log_rho(sigma * lad)
                    if rs == 0.0:
                        W[20 * NLANE + j] = float(t + 1)
                        W[16 * NLANE + j] = float(t + 1)
                        W[11 * NLANE + j] = -np.inf
                        W[17 * NLANE + j] = float(t + 1)
                        W[14 * NLANE + j] = -np.inf
                        live = False
                        W[23 * NLANE + j] = 0.0
                    else:
                        W[8 * NLANE + j] = L + rl
                        W[9 * NLANE + j] = sigma * rs
                        if not ipow:
                            elam = W[4 * NLANE + j]
                            lamf = W[10 * NLANE + j]
                            lamf *= _xp(elam * rl)

                            W[10 * NLANE + j] = lamf
                        if not (qok if ipow else (True)):
                            pass

                            W[22 * NLANE + j] = 0.0
            elif live:
                n = W[1 * NLANE + j]
                log_lr = W[2 * NLANE + j]
                L = W[8 * NLANE + j]
                sigma = W[9 * NLANE + j]
                lamf = W[10 * NLANE + j]
                ymin = W[11 * NLANE + j]
                cmq = W[12 * NLANE + j]
                cml = W[13 * NLANE + j]
                final = W[14 * NLANE + j]
                tend = int(W[16 * NLANE + j])
                minstep = int(W[17 * NLANE + j])
                spike = int(W[18 * NLANE + j])
                div = int(W[19 * NLANE + j])
                und = int(W[20 * NLANE + j])
                ndeep = int(W[21 * NLANE + j])
                fast = W[22 * NLANE + j] != 0.0
                live = W[23 * NLANE + j] != 0.0
                stopv = W[25 * NLANE + j] != 0.0
                i = blk * NLANE + j
                lg = (n - 1.0) * L
                lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                if fast:
                    pass
                    fast = False
                _l0, _l0s = 0.0, abs(sigma)
                _l1, _l1s = _sdiv(0.0, sigma, _l0, _l0s)
                dirl, dirs = _l1, _l1s
                isbad = math.isnan(dirl)
                cq, cl = np.nan, 0.0
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
                        _l20000, _l20000s = 0.0, abs(sigma)
                        scl = _l20000
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
                        pass
                        if True and K == 0:
                            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                            lamf = _xp(lL)
                            pass
                            fast = True
                            npneed += 1 if fast else 0
                W[8 * NLANE + j] = L
                W[9 * NLANE + j] = sigma
                W[10 * NLANE + j] = lamf
                W[11 * NLANE + j] = ymin
                W[12 * NLANE + j] = cmq
                W[13 * NLANE + j] = cml
                W[14 * NLANE + j] = final
                W[16 * NLANE + j] = float(tend)
                W[17 * NLANE + j] = float(minstep)
                W[18 * NLANE + j] = float(spike)
                W[19 * NLANE + j] = float(div)
                W[20 * NLANE + j] = float(und)
                W[21 * NLANE + j] = float(ndeep)
                W[22 * NLANE + j] = 1.0 if fast else 0.0
                W[23 * NLANE + j] = 1.0 if live else 0.0
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
            ymin = W[11 * NLANE + j]
            cmq = W[12 * NLANE + j]
            cml = W[13 * NLANE + j]
            final = W[14 * NLANE + j]
            tend = int(W[16 * NLANE + j])
            minstep = int(W[17 * NLANE + j])
            spike = int(W[18 * NLANE + j])
            div = int(W[19 * NLANE + j])
            und = int(W[20 * NLANE + j])
            ndeep = int(W[21 * NLANE + j])
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
def normalized_signgd(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of signgd {} (generated): fast scaled-float steps, sign/log fallback.

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
        _normalized_signgd_block(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL, blk, npts, K, b, nb)

KERNELS = {
    ('adabelief', (('bias_correction', False),)): (raw_adabelief_0, normalized_adabelief_0),
    ('adabelief', (('bias_correction', True),)): (raw_adabelief_1, normalized_adabelief_1),
    ('adam', (('bias_correction', False), ('eps_inside', False))): (raw_adam_00, normalized_adam_00),
    ('adam', (('bias_correction', True), ('eps_inside', False))): (raw_adam_01, normalized_adam_01),
    ('adam', (('bias_correction', False), ('eps_inside', True))): (raw_adam_10, normalized_adam_10),
    ('adam', (('bias_correction', True), ('eps_inside', True))): (raw_adam_11, normalized_adam_11),
    ('adamomentum', (('bias_correction', False),)): (raw_adamomentum_0, normalized_adamomentum_0),
    ('adamomentum', (('bias_correction', True),)): (raw_adamomentum_1, normalized_adamomentum_1),
    ('gd', ()): (raw_gd, normalized_gd),
    ('momentum', (('ema', False),)): (raw_momentum_0, normalized_momentum_0),
    ('momentum', (('ema', True),)): (raw_momentum_1, normalized_momentum_1),
    ('rmsprop', ()): (raw_rmsprop, normalized_rmsprop),
    ('s3', (('nesterov', False),)): (raw_s3_0, normalized_s3_0),
    ('s3', (('nesterov', True),)): (raw_s3_1, normalized_s3_1),
    ('signgd', ()): (raw_signgd, normalized_signgd),
}
