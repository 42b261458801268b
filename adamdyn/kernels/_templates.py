'''Source templates for :mod:`adamdyn.kernels.codegen` (the rule-specific parts are filled in).

Output columns of every sweep kernel (one row per grid point):

``F``: 0 min log10 loss, 1 final log10 loss, 2 max log10 coupling, 3 late slope
(log10 loss per step, least squares over the last ~20% of the steps run).
``I``: 0 step of the minimum, 1 spike step, 2 divergence step, 3 underflow
step (-1 = none), 4 steps run (updates actually iterated), 5 steps with log10 loss
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

from ._slog import LN10, TINY, _fsign, _log10, _sadd, _sdiv, _slope, _smul, _sof, _spow
'''

RAW = '''

@njit(cache=True, parallel=True)
def {name}(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    """Raw float64 sweep of {rule} {flags} (generated)."""
    npts = P.shape[0]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    spike_fac = 10.0 ** spike_log10
    bound = 10.0 ** bound_log10
    for i in prange(npts):
{params}
        acc = np.zeros((nb, 4))
{pre}
        nm1 = n - 1.0
        ni = int(n)
        nint = ni == n and ni >= 2 and ni <= 64
        x = x0
        ax = abs(x)
        gabs = ax ** nm1
        g = gabs if x > 0.0 else (-gabs if x < 0.0 else x * 0.0)
{init}
        minloss = np.inf
        minstep = -1
        spike = -1
        div = -1
        und = -1
        cmax = -np.inf
        final = np.nan
        ndeep = 0
        ydeep = n * math.log10(lr) - math.log10(n) - deep_log10
        t = 0
        kb = 0
        tl = 0
        y0 = 0.0
        bsy = 0.0
        bsty = 0.0
        while True:
            ax = abs(x)
            if nint:
                gabs = ax
                for _k in range(ni - 2):
                    gabs *= ax
            else:
                gabs = ax ** nm1
            g = gabs if x > 0.0 else (-gabs if x < 0.0 else x * 0.0)
            loss = ax * gabs / n
            tf = float(t + 1)
{body}
{coupling}
            last = t == steps
            if not math.isfinite(loss) or loss > bound:
                div = t
                last = True
            elif loss < TINY:
                und = t
                last = True
            y = _log10(loss)
            if loss < minloss:
                minloss = loss
                minstep = t
            elif spike < 0 and loss > minloss * spike_fac:
                spike = t
            if cpl > cmax:
                cmax = cpl
            final = y
            if y < ydeep:
                ndeep += 1
            if tl == 0:
                y0 = y
                bsy = 0.0
                bsty = 0.0
            dy = y - y0
            bsy += dy
            bsty += tl * dy
            tl += 1
            if tl == b or last:
                acc[kb, 0] = y0
                acc[kb, 1] = tl
                acc[kb, 2] = bsy
                acc[kb, 3] = bsty
                kb += 1
                tl = 0
            if last:
                break
            x = x - lr * dirn
{advance}
            t += 1
        F[i, 0] = _log10(minloss) if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = _log10(cmax) if cmax > -np.inf else np.nan
        F[i, 3] = _slope(acc, b, t)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep
'''

NORMALIZED = '''

@njit(cache=True, parallel=True)
def {name}(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I, TAIL):
    """Normalized log-space sweep of {rule} {flags} (generated).

    ``TAIL[i, j]`` (if ``TAIL.shape[1] > 0``) receives, for the last
    ``K = TAIL.shape[1]`` steps, ``(log10 lambda_t, 1 - rho_t)``.
    """
    npts = P.shape[0]
    K = TAIL.shape[1]
    b = max(1, (steps + 63) // 64)
    nb = steps // b + 2
    for i in prange(npts):
{params}
        acc = np.zeros((nb, 4))
        log_lr = math.log(lr)
        log_n = math.log(n)
        L = math.log(abs(x0))
        sigma = 1.0 if x0 > 0.0 else -1.0
{pre}
{init}
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
        kb = 0
        tl = 0
        y0 = 0.0
        bsy = 0.0
        bsty = 0.0
        while True:
            lg = (n - 1.0) * L
            tf = float(t + 1)
{body}
            y = (n * L - log_n) / LN10
            log_lr_t = log_lr + ({dd} * (n - 1.0) - 1.0) * L
            last = t == steps
            if (not math.isfinite(L)) or {bad} or y > bound_log10:
                div = t
                last = True
            {coupling}
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
            if tl == 0:
                y0 = y
                bsy = 0.0
                bsty = 0.0
            dy = y - y0
            bsy += dy
            bsty += tl * dy
            tl += 1
            if tl == b or last:
                acc[kb, 0] = y0
                acc[kb, 1] = tl
                acc[kb, 2] = bsy
                acc[kb, 3] = bsty
                kb += 1
                tl = 0
            if last:
                break
            rl, rs = _sadd(0.0, 1.0, log_lr_t + dirl, -dirs * sigma)
            j = t - (steps - K)
            if j >= 0:
{scale}
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
{renorm}
            t += 1
        F[i, 0] = ymin if minstep >= 0 else np.nan
        F[i, 1] = final
        F[i, 2] = cmax if cmax > -np.inf else np.nan
        F[i, 3] = _slope(acc, b, t)
        I[i, 0] = minstep
        I[i, 1] = spike
        I[i, 2] = div
        I[i, 3] = und
        I[i, 4] = t
        I[i, 5] = ndeep
'''
