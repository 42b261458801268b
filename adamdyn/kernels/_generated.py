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

from ._slog import (LN10, TINY, _ax_of_loss, _cwin, _fsign, _gpow, _ipow, _lnabs, _log10, _log_rho, _lpow, _q2w,
                    _rpow, _safe, _sadd, _sampled_slope, _sdiv, _slope, _smul, _sof, _spow, _w2q, _xp)

#: points per lane (from :data:`._slog.LANE`; written here so that changing it changes this file
#: and so invalidates numba's cache of these kernels)
LANE = 64



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[20 * LANE + j])
                I[i, 1] = int(W[21 * LANE + j])
                I[i, 2] = te if W[22 * LANE + j] == 1 else -1
                I[i, 3] = te if W[22 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[23 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_adabelief_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adabelief {'bias_correction': False} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta1 * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta2 * q1
                _q4 = -(beta1 * q0)
                _q5 = -(sigma * _g1)
                _q6 = sigma + _q4 + _q5
                _q7 = _q6 * _q6
                _q8 = _q7 * _g3
                _q9 = eps_fs * _xp(eps_l0 - (1.0) * lg - (2.0) * lL)
                _q10 = _lpow(lamf, lL, -2)
                _q11 = _q8 * _q10
                _q12 = _q9 + _q3 + _q11
                _q13 = math.sqrt(_q12)
                _q14 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
                _q15 = _q14 + _q13
                _q16 = (_q2) / (_q15)
                qn0 = _q2
                qn1 = _q12
                lad = _q16
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                    _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                    scl = _l20001
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[20 * LANE + j])
                I[i, 1] = int(W[21 * LANE + j])
                I[i, 2] = te if W[22 * LANE + j] == 1 else -1
                I[i, 3] = te if W[22 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[23 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_adabelief_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adabelief {'bias_correction': True} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta1 * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta2 * q1
                _q4 = -(beta1 * q0)
                _q5 = -(sigma * _g1)
                _q6 = sigma + _q4 + _q5
                _q7 = _q6 * _q6
                _q8 = _q7 * _g3
                _q9 = eps_fs * _xp(eps_l0 - (1.0) * lg - (2.0) * lL)
                _q10 = _lpow(lamf, lL, -2)
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
                _q15 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
                _q16 = _q15 + _q14
                _q17 = (_q2) / (_g6 * _q16)
                qn0 = _q2
                qn1 = _q12
                lad = _q17
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                    _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                    scl = _l20001
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[21 * LANE + j])
                I[i, 1] = int(W[22 * LANE + j])
                I[i, 2] = te if W[23 * LANE + j] == 1 else -1
                I[i, 3] = te if W[23 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[24 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_adam_00(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adam {'eps_inside': False, 'bias_correction': False} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        v0 = P[i, 4]
        n = P[i, 5]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta1 * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta2 * q1
                _q4 = sigma * sigma
                _q5 = _q4 * _g3
                _q6 = _lpow(lamf, lL, -2)
                _q7 = _q5 * _q6
                _q8 = _q3 + _q7
                _q9 = math.sqrt(_q8)
                _q10 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
                _q11 = _q10 + _q9
                _q12 = (_q2) / (_q11)
                qn0 = _q2
                qn1 = _q8
                lad = _q12
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                    _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                    scl = _l20001
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[21 * LANE + j])
                I[i, 1] = int(W[22 * LANE + j])
                I[i, 2] = te if W[23 * LANE + j] == 1 else -1
                I[i, 3] = te if W[23 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[24 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_adam_01(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adam {'eps_inside': False, 'bias_correction': True} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        v0 = P[i, 4]
        n = P[i, 5]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta1 * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta2 * q1
                _q4 = sigma * sigma
                _q5 = _q4 * _g3
                _q6 = _lpow(lamf, lL, -2)
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
                _q11 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
                _q12 = _q11 + _q10
                _q13 = (_q2) / (_g6 * _q12)
                qn0 = _q2
                qn1 = _q8
                lad = _q13
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                    _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                    scl = _l20001
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[21 * LANE + j])
                I[i, 1] = int(W[22 * LANE + j])
                I[i, 2] = te if W[23 * LANE + j] == 1 else -1
                I[i, 3] = te if W[23 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[24 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_adam_10(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adam {'eps_inside': True, 'bias_correction': False} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        v0 = P[i, 4]
        n = P[i, 5]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta1 * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta2 * q1
                _q4 = sigma * sigma
                _q5 = _q4 * _g3
                _q6 = _lpow(lamf, lL, -2)
                _q7 = _q5 * _q6
                _q8 = _q3 + _q7
                _q9 = eps_fs * _xp(eps_l0 - (2.0) * lg - (2.0) * lL)
                _q10 = _q5 * _q6
                _q11 = _q9 + _q3 + _q10
                _q12 = math.sqrt(_q11)
                _q13 = (_q2) / (_q12)
                qn0 = _q2
                qn1 = _q8
                lad = _q13
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                    _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                    scl = _l20001
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[21 * LANE + j])
                I[i, 1] = int(W[22 * LANE + j])
                I[i, 2] = te if W[23 * LANE + j] == 1 else -1
                I[i, 3] = te if W[23 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[24 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_adam_11(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adam {'eps_inside': True, 'bias_correction': True} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        v0 = P[i, 4]
        n = P[i, 5]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta1 * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta2 * q1
                _q4 = sigma * sigma
                _q5 = _q4 * _g3
                _q6 = _lpow(lamf, lL, -2)
                _q7 = _q5 * _q6
                _q8 = _q3 + _q7
                _g4 = beta1 ** tf
                _g5 = -(_g4)
                _g6 = 1.0 + _g5
                _g7 = beta2 ** tf
                _g8 = -(_g7)
                _g9 = 1.0 + _g8
                _q9 = (_q8) / (_g9)
                _q10 = eps_fs * _xp(eps_l0 - (2.0) * lg - (2.0) * lL)
                _q11 = _q10 + _q9
                _q12 = math.sqrt(_q11)
                _q13 = (_q2) / (_g6 * _q12)
                qn0 = _q2
                qn1 = _q8
                lad = _q13
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                    _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                    scl = _l20001
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[20 * LANE + j])
                I[i, 1] = int(W[21 * LANE + j])
                I[i, 2] = te if W[22 * LANE + j] == 1 else -1
                I[i, 3] = te if W[22 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[23 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_adamomentum_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adamomentum {'bias_correction': False} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta1 * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta2 * q1
                _q4 = _q2 * _q2
                _q5 = _q4 * _g3
                _q6 = eps_fs * _xp(eps_l0 - (2.0) * lg - (2.0) * lL)
                _q7 = _lpow(lamf, lL, -2)
                _q8 = _q5 * _q7
                _q9 = _q6 + _q3 + _q8
                _q10 = math.sqrt(_q9)
                _q11 = (_q2) / (_q10)
                qn0 = _q2
                qn1 = _q9
                lad = _q11
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                    scl = _l20000
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[20 * LANE + j])
                I[i, 1] = int(W[21 * LANE + j])
                I[i, 2] = te if W[22 * LANE + j] == 1 else -1
                I[i, 3] = te if W[22 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[23 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_adamomentum_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of adamomentum {'bias_correction': True} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta1 = P[i, 1]
        beta2 = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta1 * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta2 * q1
                _q4 = _q2 * _q2
                _q5 = _q4 * _g3
                _q6 = eps_fs * _xp(eps_l0 - (2.0) * lg - (2.0) * lL)
                _q7 = _lpow(lamf, lL, -2)
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
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                    scl = _l20000
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[12 * LANE + j])
                I[i, 1] = int(W[13 * LANE + j])
                I[i, 2] = te if W[14 * LANE + j] == 1 else -1
                I[i, 3] = te if W[14 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[15 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_gd(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of gd {} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        n = P[i, 1]
        Ys = np.full(nb, np.nan)
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0

        lg = (n - 1.0) * L
        lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
        elam = 1.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = True and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = _lpow(lamf, lL, 1)
                _q1 = sigma * _q0
                lad = _q1
                ok = math.isfinite(lad)
                if not ok:
                    pass
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = np.nan, 0.0
            else:

                dirl, dirs = 0.0, sigma
                isbad = (not math.isfinite(L)) or math.isnan(dirl)
                cq, cl = np.nan, 0.0
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    scl = 0.0
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)

                if not (True):
                    pass
                    fast = False
            else:
                pass
                if True and K == 0:
                    lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                    lamf = _xp(lL)
                    pass
                    fast = True
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[13 * LANE + j])
                I[i, 1] = int(W[14 * LANE + j])
                I[i, 2] = te if W[15 * LANE + j] == 1 else -1
                I[i, 3] = te if W[15 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[16 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_momentum_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of momentum {'ema': False} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta = P[i, 1]
        n = P[i, 2]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta * q0
                _q1 = sigma + _q0
                _q2 = _lpow(lamf, lL, 1)
                _q3 = _q1 * _q2
                qn0 = _q1
                lad = _q3
                ok = _safe(qn0) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = np.nan, 0.0
            else:
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l2, _l2s = _sadd(0.0, sigma, _l1, _l1s)
                w0n, w0ns = _l2, _l2s
                dirl, dirs = _l2, _l2s
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(dirl)
                cq, cl = np.nan, 0.0
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    scl = 0.0
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                if not (_safe(q0)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    fast = False
            else:
                w0 = w0n - (n - 1.0) * (1.0) * rl
                w0s = w0ns
                if True and K == 0:
                    lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                    lamf = _xp(lL)
                    q0 = _w2q(w0, w0s, kq0 * lL)
                    fast = _safe(q0)
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[15 * LANE + j])
                I[i, 1] = int(W[16 * LANE + j])
                I[i, 2] = te if W[17 * LANE + j] == 1 else -1
                I[i, 3] = te if W[17 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[18 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_momentum_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of momentum {'ema': True} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta = P[i, 1]
        n = P[i, 2]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = _lpow(lamf, lL, 1)
                _q4 = _q2 * _q3
                qn0 = _q2
                lad = _q4
                ok = _safe(qn0) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = np.nan, 0.0
            else:
                _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
                _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
                _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
                w0n, w0ns = _l4, _l4s
                dirl, dirs = _l4, _l4s
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(dirl)
                cq, cl = np.nan, 0.0
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    scl = 0.0
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                if not (_safe(q0)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    fast = False
            else:
                w0 = w0n - (n - 1.0) * (1.0) * rl
                w0s = w0ns
                if True and K == 0:
                    lL = log_lr + (1.0 * (n - 1.0) - 1.0) * L
                    lamf = _xp(lL)
                    q0 = _w2q(w0, w0s, kq0 * lL)
                    fast = _safe(q0)
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[16 * LANE + j])
                I[i, 1] = int(W[17 * LANE + j])
                I[i, 2] = te if W[18 * LANE + j] == 1 else -1
                I[i, 3] = te if W[18 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[19 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_rmsprop(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of rmsprop {} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta2 = P[i, 1]
        eps = P[i, 2]
        n = P[i, 3]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta2 * q0
                _q1 = sigma * sigma
                _q2 = _q1 * _g1
                _q3 = _lpow(lamf, lL, -2)
                _q4 = _q2 * _q3
                _q5 = _q0 + _q4
                _q6 = math.sqrt(_q5)
                _q7 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
                _q8 = _q7 + _q6
                _q9 = (sigma) / (_q8)
                qn0 = _q5
                lad = _q9
                ok = _safe(qn0) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn0, kq0 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(dirl)
                cq, cl = 1.0, w0n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w0n, w0ns, 0.5)
                    _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                    scl = _l20001
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                if not (_safe(q0)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (2.0) * rl
                    fast = False
            else:
                w0 = w0n - (n - 1.0) * (2.0) * rl
                w0s = w0ns
                if True and K == 0:
                    lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                    lamf = _xp(lL)
                    q0 = _w2q(w0, w0s, kq0 * lL)
                    fast = _safe(q0)
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[19 * LANE + j])
                I[i, 1] = int(W[20 * LANE + j])
                I[i, 2] = te if W[21 * LANE + j] == 1 else -1
                I[i, 3] = te if W[21 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[22 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_s3_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of s3 {'nesterov': False} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta = P[i, 1]
        p = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta * q1
                _q4 = abs(sigma)
                _q5 = _q4 ** p
                _q6 = _q5 * _g1
                _q7 = _xp((_g2) * lL)
                _q8 = _q6 * _q7
                _q9 = _q3 + _q8
                _q10 = _q9 ** _g3
                _q11 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
                _q12 = _q11 + _q10
                _q13 = (_q2) / (_q12)
                qn0 = _q2
                qn1 = _q9
                lad = _q13
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = _spow(w1n, w1ns, _c0)
                    _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                    scl = _l20001
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (p) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[19 * LANE + j])
                I[i, 1] = int(W[20 * LANE + j])
                I[i, 2] = te if W[21 * LANE + j] == 1 else -1
                I[i, 3] = te if W[21 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[22 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_s3_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of s3 {'nesterov': True} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        beta = P[i, 1]
        p = P[i, 2]
        eps = P[i, 3]
        n = P[i, 4]
        Ys = np.full(nb, np.nan)
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
        ipow = (e0 == ie0 and abs(ie0) <= 64) and (e1 == ie1 and abs(ie1) <= 64) and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = beta * q0
                _q1 = sigma * _g1
                _q2 = _q0 + _q1
                _q3 = beta * q1
                _q4 = abs(sigma)
                _q5 = _q4 ** p
                _q6 = _q5 * _g1
                _q7 = _xp((_g2) * lL)
                _q8 = _q6 * _q7
                _q9 = _q3 + _q8
                _q10 = beta * _q9
                _q11 = _q6 * _q7
                _q12 = _q10 + _q11
                _q13 = _q12 ** _g3
                _q14 = eps_fs * _xp(eps_l0 - (1.0) * lg - (1.0) * lL)
                _q15 = _q14 + _q13
                _q16 = beta * _q2
                _q17 = _q16 + _q1
                _q18 = (_q17) / (_q15)
                qn0 = _q2
                qn1 = _q9
                lad = _q18
                ok = _safe(qn0) and _safe(qn1) and math.isfinite(lad)
                if not ok:
                    w0, w0s = _q2w(q0, kq0 * lL)
                    w1, w1s = _q2w(q1, kq1 * lL)
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = qn1, kq1 * lL
            else:
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
                isbad = (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl)
                cq, cl = 1.0, w1n
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20001, _l20001s = _smul(_l20000, _l20000s, w1n, w1ns)
                    _l20002, _l20002s = 0.0, abs(sigma)
                    _l20003, _l20003s = _spow(_l20002, _l20002s, p)
                    _l20005, _l20005s = _smul(_l20003, _l20003s, _l20004, _l20004s)
                    _l20006, _l20006s = _sadd(_l20001, _l20001s, _l20005, _l20005s)
                    _l20007, _l20007s = _spow(_l20006, _l20006s, _c2)
                    _l20008, _l20008s = _sadd(eps_fl, eps_fs, _l20007, _l20007s)
                    scl = _l20008
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)
                q0 = qn0 * _rpow(ar, rl, e0, ie0, ipow)
                q1 = qn1 * _rpow(ar, rl, e1, ie1, ipow)
                if not (_safe(q0) and _safe(q1)):
                    w0, w0s = _q2w(qn0, kq0 * lL)
                    w0 = w0 - (n - 1.0) * (1.0) * rl
                    w1, w1s = _q2w(qn1, kq1 * lL)
                    w1 = w1 - (n - 1.0) * (p) * rl
                    fast = False
            else:
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
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep



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
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = int(W[12 * LANE + j])
                I[i, 1] = int(W[13 * LANE + j])
                I[i, 2] = te if W[14 * LANE + j] == 1 else -1
                I[i, 3] = te if W[14 * LANE + j] == 2 else -1
                I[i, 4] = te
                I[i, 5] = int(W[15 * LANE + j])



@njit(cache=True, parallel=True, error_model="numpy")
def normalized_signgd(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized sweep of signgd {} (generated): fast scaled-float steps, sign/log fallback.

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)`` (then every step is
    taken in sign/log form).
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
        lr = P[i, 0]
        n = P[i, 1]
        Ys = np.full(nb, np.nan)
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0

        lg = (n - 1.0) * L
        lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
        elam = 0.0 * (n - 1.0) - 1.0
        ielam = int(elam)
        ipow = True and elam == ielam and abs(ielam) <= 64
        lamf = _xp(lL)
        fast = True and K == 0
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
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        tsamp = 0
        ksamp = 0
        while True:
            lg = (n - 1.0) * L
            lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            tf = float(t + 1)
            y = (n * L - log_n) / LN10
            last = t == steps
            ok = False
            if fast:
                if t == tsamp:
                    lamf = _xp(lL)
                _q0 = abs(sigma)
                _q1 = (sigma) / (_q0)
                _q2 = _lpow(lamf, lL, 1)
                _q3 = _q1 * _q2
                lad = _q3
                ok = math.isfinite(lad)
                if not ok:
                    pass
                    fast = False
            if ok:
                isbad = not math.isfinite(L)
                cq, cl = np.nan, 0.0
            else:
                _l0, _l0s = 0.0, abs(sigma)
                _l1, _l1s = _sdiv(0.0, sigma, _l0, _l0s)
                dirl, dirs = _l1, _l1s
                isbad = (not math.isfinite(L)) or math.isnan(dirl)
                cq, cl = np.nan, 0.0
            if isbad or y > bound_log10:
                div = t
                last = True
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if _cwin(cq, cl, cmq, cml):
                cmq = cq
                cml = cl
            final = y
            if y < ydeep:
                ndeep += 1
            if t == tsamp:
                Ys[ksamp] = y
                ksamp += 1
                tsamp += b
            if last:
                break
            if ok:
                ar = abs(1.0 - sigma * lad)
                rl, rs = _log_rho(sigma * lad)
            else:
                rl, rs = _sadd(0.0, 1.0, lL + dirl, -dirs * sigma)
                j = t - (steps - K)
                if j >= 0:
                    _l20000, _l20000s = 0.0, abs(sigma)
                    scl = _l20000
                    TAIL[i, j, 0] = (lL - scl) / LN10
                    TAIL[i, j, 1] = 1.0 - rs * math.exp(rl)
            if rs == 0.0:
                und = t + 1
                t += 1
                ymin = -np.inf
                minstep = t
                final = -np.inf
                break
            L += rl
            sigma *= rs
            if ok:
                lamf *= _rpow(ar, rl, elam, ielam, ipow)

                if not (True):
                    pass
                    fast = False
            else:
                pass
                if True and K == 0:
                    lL = log_lr + (0.0 * (n - 1.0) - 1.0) * L
                    lamf = _xp(lL)
                    pass
                    fast = True
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = (_lnabs(cmq) + cml) / LN10 if cmq != 0.0 else np.nan
        F[i, 3] = _sampled_slope(Ys, b, t, final)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep

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
