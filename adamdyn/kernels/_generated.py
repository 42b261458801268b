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

from ._slog import (LANE, LN10, TINY, _ax_of_loss, _fsign, _gpow, _log10, _sadd, _sampled_slope, _sdiv, _slope,
                    _smul, _sof, _spow)



@njit(cache=True, parallel=True, error_model="numpy")
def raw_adabelief_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of adabelief {'bias_correction': False} (generated; lanes of LANE points, time loop outside)."""
    npts = P.shape[0]
    nblk = (npts + LANE - 1) // LANE
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for blk in prange(nblk):
        H = np.empty((9, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta1
            H[2, j] = beta2
            H[3, j] = eps
            H[4, j] = n
            H[5, j] = _f1
            H[6, j] = _f2
            H[7, j] = _f10
            H[8, j] = _f11
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[4, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = 0.0
            X[j] = x
        ni = int(H[4, 0])
        uni = uni and ni == H[4, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[4, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[4, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta1 = H[1, j]
                beta2 = H[2, j]
                eps = H[3, j]
                n = H[4, j]
                _f1 = H[5, j]
                _f2 = H[6, j]
                _f10 = H[7, j]
                _f11 = H[8, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                _r = math.sqrt(abs(s1n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[4, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_adabelief_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of adabelief {'bias_correction': False} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                scl = _l20001
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (2.0) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((9, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta1
            H[2, j] = beta2
            H[3, j] = eps
            H[4, j] = n
            H[5, j] = _f1
            H[6, j] = _f2
            H[7, j] = _f10
            H[8, j] = _f11
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[4, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = 0.0
            X[j] = x
        ni = int(H[4, 0])
        uni = uni and ni == H[4, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[4, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[4, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta1 = H[1, j]
                beta2 = H[2, j]
                eps = H[3, j]
                n = H[4, j]
                _f1 = H[5, j]
                _f2 = H[6, j]
                _f10 = H[7, j]
                _f11 = H[8, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                _r = math.sqrt(abs(s1n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[4, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_adabelief_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of adabelief {'bias_correction': True} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                scl = _l20001
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (2.0) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((10, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta1
            H[2, j] = beta2
            H[3, j] = eps
            H[4, j] = v0
            H[5, j] = n
            H[6, j] = _f1
            H[7, j] = _f2
            H[8, j] = _f7
            H[9, j] = _f8
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[5, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = v0
            X[j] = x
        ni = int(H[5, 0])
        uni = uni and ni == H[5, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[5, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[5, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta1 = H[1, j]
                beta2 = H[2, j]
                eps = H[3, j]
                v0 = H[4, j]
                n = H[5, j]
                _f1 = H[6, j]
                _f2 = H[7, j]
                _f7 = H[8, j]
                _f8 = H[9, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                _r = math.sqrt(abs(s1n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[5, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_adam_00(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of adam {'eps_inside': False, 'bias_correction': False} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                scl = _l20001
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (2.0) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((10, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta1
            H[2, j] = beta2
            H[3, j] = eps
            H[4, j] = v0
            H[5, j] = n
            H[6, j] = _f1
            H[7, j] = _f2
            H[8, j] = _f7
            H[9, j] = _f8
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[5, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = v0
            X[j] = x
        ni = int(H[5, 0])
        uni = uni and ni == H[5, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[5, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[5, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta1 = H[1, j]
                beta2 = H[2, j]
                eps = H[3, j]
                v0 = H[4, j]
                n = H[5, j]
                _f1 = H[6, j]
                _f2 = H[7, j]
                _f7 = H[8, j]
                _f8 = H[9, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                _r = math.sqrt(abs(s1n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[5, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_adam_01(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of adam {'eps_inside': False, 'bias_correction': True} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                scl = _l20001
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (2.0) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((10, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta1
            H[2, j] = beta2
            H[3, j] = eps
            H[4, j] = v0
            H[5, j] = n
            H[6, j] = _f1
            H[7, j] = _f2
            H[8, j] = _f7
            H[9, j] = _f8
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[5, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = v0
            X[j] = x
        ni = int(H[5, 0])
        uni = uni and ni == H[5, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[5, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[5, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta1 = H[1, j]
                beta2 = H[2, j]
                eps = H[3, j]
                v0 = H[4, j]
                n = H[5, j]
                _f1 = H[6, j]
                _f2 = H[7, j]
                _f7 = H[8, j]
                _f8 = H[9, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                _r = math.sqrt(abs(s1n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[5, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_adam_10(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of adam {'eps_inside': True, 'bias_correction': False} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                scl = _l20001
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (2.0) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((10, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta1
            H[2, j] = beta2
            H[3, j] = eps
            H[4, j] = v0
            H[5, j] = n
            H[6, j] = _f1
            H[7, j] = _f2
            H[8, j] = _f7
            H[9, j] = _f8
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[5, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = v0
            X[j] = x
        ni = int(H[5, 0])
        uni = uni and ni == H[5, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[5, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[5, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta1 = H[1, j]
                beta2 = H[2, j]
                eps = H[3, j]
                v0 = H[4, j]
                n = H[5, j]
                _f1 = H[6, j]
                _f2 = H[7, j]
                _f7 = H[8, j]
                _f8 = H[9, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                _r = math.sqrt(abs(s1n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[5, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_adam_11(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of adam {'eps_inside': True, 'bias_correction': True} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                scl = _l20001
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (2.0) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((9, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta1
            H[2, j] = beta2
            H[3, j] = eps
            H[4, j] = n
            H[5, j] = _f1
            H[6, j] = _f2
            H[7, j] = _f7
            H[8, j] = _f8
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[4, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = 0.0
            X[j] = x
        ni = int(H[4, 0])
        uni = uni and ni == H[4, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[4, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[4, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta1 = H[1, j]
                beta2 = H[2, j]
                eps = H[3, j]
                n = H[4, j]
                _f1 = H[5, j]
                _f2 = H[6, j]
                _f7 = H[7, j]
                _f8 = H[8, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                _r = math.sqrt(abs(s1n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[4, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_adamomentum_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of adamomentum {'bias_correction': False} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                scl = _l20000
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (2.0) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((9, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta1
            H[2, j] = beta2
            H[3, j] = eps
            H[4, j] = n
            H[5, j] = _f1
            H[6, j] = _f2
            H[7, j] = _f7
            H[8, j] = _f8
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[4, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = 0.0
            X[j] = x
        ni = int(H[4, 0])
        uni = uni and ni == H[4, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[4, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[4, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta1 = H[1, j]
                beta2 = H[2, j]
                eps = H[3, j]
                n = H[4, j]
                _f1 = H[5, j]
                _f2 = H[6, j]
                _f7 = H[7, j]
                _f8 = H[8, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                _r = math.sqrt(abs(s1n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[4, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_adamomentum_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of adamomentum {'bias_correction': True} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, 0.5)
                scl = _l20000
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (2.0) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((2, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((1, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            n = P[i, 1]

            H[0, j] = lr
            H[1, j] = n
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[1, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)

            X[j] = x
        ni = int(H[1, 0])
        uni = uni and ni == H[1, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[1, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[1, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                n = H[1, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)

                dirn = g
                cpl = np.nan
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x

                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[1, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_gd(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of gd {} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
            dirl, dirs = 0.0, sigma
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = np.nan
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                scl = 0.0
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            pass
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((3, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((1, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta = P[i, 1]
            n = P[i, 2]

            H[0, j] = lr
            H[1, j] = beta
            H[2, j] = n
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[2, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            X[j] = x
        ni = int(H[2, 0])
        uni = uni and ni == H[2, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[2, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[2, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta = H[1, j]
                n = H[2, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                _f0 = beta * s0
                _f1 = g + _f0
                s0n = _f1
                dirn = _f1
                cpl = np.nan
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[2, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_momentum_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of momentum {'ema': False} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        _l0, _l0s = _sof(beta)
        lg = (n - 1.0) * L
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
            _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
            _l2, _l2s = _sadd(0.0, sigma, _l1, _l1s)
            w0n, w0ns = _l2, _l2s
            dirl, dirs = _l2, _l2s
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = np.nan
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                scl = 0.0
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((5, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((1, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            beta = P[i, 1]
            n = P[i, 2]
            _f1 = -(beta)
            _f2 = 1.0 + _f1
            H[0, j] = lr
            H[1, j] = beta
            H[2, j] = n
            H[3, j] = _f1
            H[4, j] = _f2
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[2, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            X[j] = x
        ni = int(H[2, 0])
        uni = uni and ni == H[2, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[2, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[2, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta = H[1, j]
                n = H[2, j]
                _f1 = H[3, j]
                _f2 = H[4, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                _f0 = beta * s0
                _f3 = g * _f2
                _f4 = _f0 + _f3
                s0n = _f4
                dirn = _f4
                cpl = np.nan
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[2, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_momentum_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of momentum {'ema': True} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        _l0, _l0s = _sof(beta)
        _l2, _l2s = _sof(_f1)
        lg = (n - 1.0) * L
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
            _l1, _l1s = _smul(_l0, _l0s, w0, w0s)
            _l3, _l3s = _smul(0.0, sigma, _l2, _l2s)
            _l4, _l4s = _sadd(_l1, _l1s, _l3, _l3s)
            w0n, w0ns = _l4, _l4s
            dirl, dirs = _l4, _l4s
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (1.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = np.nan
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                scl = 0.0
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((6, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((1, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta2
            H[2, j] = eps
            H[3, j] = n
            H[4, j] = _f2
            H[5, j] = _f3
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[3, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            X[j] = x
        ni = int(H[3, 0])
        uni = uni and ni == H[3, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[3, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[3, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta2 = H[1, j]
                eps = H[2, j]
                n = H[3, j]
                _f2 = H[4, j]
                _f3 = H[5, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                _f0 = beta2 * s0
                _f1 = g * g
                _f4 = _f1 * _f3
                _f5 = _f0 + _f4
                _f6 = math.sqrt(_f5)
                _f7 = eps + _f6
                _f8 = (g) / (_f7)
                s0n = _f5
                dirn = _f8
                _r = math.sqrt(abs(s0n)) / gabs
                cpl = _r * _r
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[3, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_rmsprop(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of rmsprop {} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        _l0, _l0s = _sof(beta2)
        _l3, _l3s = _sof(_f1)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w0n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w0n, w0ns, 0.5)
                _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                scl = _l20001
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (2.0) * rl
            w0s = w0ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((8, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta
            H[2, j] = p
            H[3, j] = eps
            H[4, j] = n
            H[5, j] = _f1
            H[6, j] = _f2
            H[7, j] = _f10
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[4, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = 0.0
            X[j] = x
        ni = int(H[4, 0])
        uni = uni and ni == H[4, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[4, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[4, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta = H[1, j]
                p = H[2, j]
                eps = H[3, j]
                n = H[4, j]
                _f1 = H[5, j]
                _f2 = H[6, j]
                _f10 = H[7, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                cpl = math.exp(math.log(abs(s1n)) - (p) * math.log(gabs))
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[4, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_s3_0(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of s3 {'nesterov': False} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        _l0, _l0s = _sof(beta)
        _l2, _l2s = _sof(_f1)
        eps_l0, eps_fs = _sof(eps)
        lg = (n - 1.0) * L
        eps_fl = eps_l0 - (1.0) * lg
        _l10000, _l10000s = _sof(0.0)
        w0, w0s = _l10000, _l10000s
        w1, w1s = _l10000, _l10000s
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = _spow(w1n, w1ns, _c0)
                _l20001, _l20001s = _sadd(eps_fl, eps_fs, _l20000, _l20000s)
                scl = _l20001
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (p) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((8, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((2, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
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
            H[0, j] = lr
            H[1, j] = beta
            H[2, j] = p
            H[3, j] = eps
            H[4, j] = n
            H[5, j] = _f1
            H[6, j] = _f2
            H[7, j] = _f12
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[4, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)
            S[0, j] = 0.0
            S[1, j] = 0.0
            X[j] = x
        ni = int(H[4, 0])
        uni = uni and ni == H[4, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[4, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[4, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                beta = H[1, j]
                p = H[2, j]
                eps = H[3, j]
                n = H[4, j]
                _f1 = H[5, j]
                _f2 = H[6, j]
                _f12 = H[7, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)
                s0 = S[0, j]
                s1 = S[1, j]
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
                cpl = math.exp(math.log(abs(s1n)) - (p) * math.log(gabs))
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x
                S[0, j] = s0n if go else s0
                S[1, j] = s1n if go else s1
                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[4, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_s3_1(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of s3 {'nesterov': True} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
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
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(w0n) or math.isnan(w1n) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = w1n / LN10
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
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
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            w0 = w0n - (n - 1.0) * (1.0) * rl
            w0s = w0ns
            w1 = w1n - (n - 1.0) * (p) * rl
            w1s = w1ns
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
        H = np.empty((2, LANE))
        X = np.empty(LANE)
        G = np.empty(LANE)
        S = np.empty((1, LANE))
        R = np.empty((6, LANE))
        K = np.zeros((7, LANE), dtype=np.int64)
        Y = np.full((LANE, nb), np.nan)
        uni = True
        for j in range(LANE):
            i = min(blk * LANE + j, npts - 1)
            lr = P[i, 0]
            n = P[i, 1]

            H[0, j] = lr
            H[1, j] = n
            R[0, j] = np.inf
            R[1, j] = -np.inf
            R[2, j] = _ax_of_loss(spike_log10, n)
            R[3, j] = _ax_of_loss(bound_log10 + math.log10(n), n)
            R[4, j] = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
            R[5, j] = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
            K[0, j] = -1
            K[1, j] = -1
            K[2, j] = -1
            K[3, j] = -1
            K[5, j] = 1
            uni = uni and n == H[1, 0]
            x = x0
            ax = abs(x)
            gabs = _gpow(ax, n)
            g = math.copysign(gabs, x)

            X[j] = x
        ni = int(H[1, 0])
        uni = uni and ni == H[1, 0] and ni >= 2 and ni <= 64
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
                    G[j] = _gpow(abs(X[j]), H[1, j])
            if t % b == 0:
                kk = t // b
                for j in range(LANE):
                    if K[5, j] != 0:
                        Y[j, kk] = _log10(abs(X[j]) * G[j] / H[1, j])
            last = t == steps
            tf = float(t + 1)
            nact = 0
            for j in range(LANE):
                lr = H[0, j]
                n = H[1, j]
                x = X[j]
                ax = abs(x)
                gabs = G[j]
                g = math.copysign(gabs, x)

                _f0 = abs(g)
                _f1 = (g) / (_f0)
                dirn = _f1
                cpl = np.nan
                act = K[5, j] != 0
                lower = act & (ax < R[0, j])
                R[0, j] = ax if lower else R[0, j]
                K[0, j] = t if lower else K[0, j]
                spk = act & (not lower) & (K[1, j] < 0) & (ax > R[0, j] * R[2, j])
                K[1, j] = t if spk else K[1, j]
                up = act & (cpl > R[1, j])
                R[1, j] = cpl if up else R[1, j]
                K[4, j] += 1 if (act & (ax < R[5, j])) else 0
                bad = act & (not (ax <= R[3, j]))
                und = act & (not bad) & (ax < R[4, j])
                K[2, j] = t if bad else K[2, j]
                K[3, j] = t if und else K[3, j]
                go = act & (not (bad | und | last))
                K[5, j] = 1 if go else 0
                nact += 1 if go else 0
                X[j] = x - lr * dirn if go else x

                K[6, j] = t if act else K[6, j]
            if nact == 0:
                break
            t += 1
        for j in range(LANE):
            i = blk * LANE + j
            if i < npts:
                n = H[1, j]
                te = K[6, j]
                ax = abs(X[j])
                fin = _log10(ax * _gpow(ax, n) / n)
                mn = R[0, j]
                F[i, 0] = _log10(mn * _gpow(mn, n) / n) if K[0, j] >= 0 else np.nan
                F[i, 1] = fin
                F[i, 2] = _log10(R[1, j]) if R[1, j] > -np.inf else np.nan
                F[i, 3] = _sampled_slope(Y[j], b, te, fin)
                I[i, 0] = K[0, j]
                I[i, 1] = K[1, j]
                I[i, 2] = K[2, j]
                I[i, 3] = K[3, j]
                I[i, 4] = te
                I[i, 5] = K[4, j]



@njit(cache=True, parallel=True)
def normalized_signgd(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of signgd {} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
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
        ymin = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
            _l0, _l0s = 0.0, abs(sigma)
            _l1, _l1s = _sdiv(0.0, sigma, _l0, _l0s)
            dirl, dirs = _l1, _l1s
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + (0.0 * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or math.isnan(dirl) or y > bound_log10:
                div = t
                last = True
            cpl = np.nan
            if y < ymin:
                ymin = y
                minstep = t
            elif spike < 0 and y > ymin + spike_log10:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if t % b == 0:
                Ys[t // b] = y
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
                _l20000, _l20000s = 0.0, abs(sigma)
                scl = _l20000
                TAIL[i, j, 0] = (log_lr_t - scl) / LN10
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
            pass
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
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
