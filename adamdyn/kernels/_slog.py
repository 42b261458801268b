"""Sign/log arithmetic and reduction helpers shared by the generated kernels.

A number ``a`` is a pair ``(log|a|, sign a)``; zero is ``(-inf, 0.0)``. These
are the operations of :class:`adamdyn.backend.SLog`, written for numba: the
generated normalized-mode kernels call them, so losses and states far outside
float64's range (``1e-400``, ``1e+400``) stay exact to float64 precision in
the logarithm. Errors that ``SLog`` raises (division by zero, root of a
negative number) return NaN here; the kernels turn NaN into a divergence flag.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

LN10 = math.log(10.0)
TINY = float(np.finfo(np.float64).tiny)
#: points per lane: the generated kernels hold LANE grid points in small arrays and
#: update them together each step (the inner loop LLVM vectorizes); prange runs over lanes.
#: 64 measured fastest of 32/64/128/256 (single thread, AVX-512: 32 leaves the per-step loop
#: overhead and alias checks unamortized, 128+ spill out of L1). Regenerate after changing it.
LANE = 64
#: points per lane of the normalized kernels: one AVX-512 vector for the branch-free pass. Measured
#: (single thread, Adam grid 96 x 2000 steps): 8 -> 48.5 M updates/s, 16 -> 44, 32 -> 40 (wider lanes
#: make LLVM unroll the vector loop and spill registers). Regenerate after changing it.
NLANE = 8
#: largest |exponent| of the frame change taken by multiplies (:func:`_ipv`, four bits); a point
#: with a larger one (Adam: n > 8) or a non-integer one uses exp(e log|rho|) instead
IPV_MAX = 15
#: the fast normalized step keeps its scaled floats q in [SAFE_LO, SAFE_HI] (or exactly 0);
#: outside, the point steps in sign/log form until they are back (see :mod:`._fastnorm`)
SAFE_LO = 1e-150
SAFE_HI = 1e150

__all__ = ["LANE", "NLANE", "IPV_MAX", "_safev", "_ipv", "_cwv", "LN10", "TINY", "_gpow", "_ax_of_loss", "_sampled_slope", "_sof", "_sadd", "_smul", "_sdiv", "_spow", "_fsign", "_log10",
           "SAFE_LO", "SAFE_HI", "_xp", "_safe", "_lnabs", "_log_rho", "_q2w", "_w2q", "_ipow", "_lpow", "_cwin",
           "_fmax", "_fmin", "_slt", "_smax", "_smin"]


@njit(cache=True)
def _sof(x):
    """float -> (log|x|, sign x); zero -> (-inf, 0)."""
    if x == 0.0:
        return -np.inf, 0.0
    if x != x:
        return np.nan, np.nan
    return math.log(abs(x)), (1.0 if x > 0.0 else -1.0)


@njit(cache=True)
def _sadd(al, asg, bl, bsg):
    if bsg == 0.0:
        return al, asg
    if asg == 0.0:
        return bl, bsg
    if al >= bl:
        hl, hs, ll, ls = al, asg, bl, bsg
    else:
        hl, hs, ll, ls = bl, bsg, al, asg
    d = ll - hl
    if hs == ls:
        return hl + math.log1p(math.exp(d)), hs
    if d == 0.0:
        return -np.inf, 0.0
    return hl + math.log(-math.expm1(d)), hs


@njit(cache=True)
def _smul(al, asg, bl, bsg):
    s = asg * bsg
    if s == 0.0:
        return -np.inf, 0.0
    return al + bl, s


@njit(cache=True)
def _sdiv(al, asg, bl, bsg):
    if bsg == 0.0:
        return np.nan, np.nan
    s = asg * bsg
    if s == 0.0:
        return -np.inf, 0.0
    return al - bl, s


@njit(cache=True)
def _spow(al, asg, e):
    if asg == 0.0:
        if e > 0.0:
            return -np.inf, 0.0
        return np.nan, np.nan
    if asg < 0.0:
        if e != math.floor(e):
            return np.nan, np.nan
        return al * e, (-1.0 if int(e) % 2 else 1.0)
    return al * e, asg


@njit(cache=True)
def _fsign(x):
    if x > 0.0:
        return 1.0
    if x < 0.0:
        return -1.0
    return x * 0.0


@njit(cache=True)
def _log10(v):
    """log10 of a non-negative float: 0 -> -inf, NaN or negative -> NaN."""
    if v > 0.0:
        return math.log10(v)
    if v == 0.0:
        return -np.inf
    return np.nan


@njit(cache=True)
def _gpow(ax, n):
    """|x|^(n-1) for |x| = ax: repeated products when n is an integer in [2, 64] (the
    lane kernels' vectorized path uses the same products, so results are bit-identical),
    ``ax ** (n - 1)`` otherwise."""
    ni = int(n)
    if ni == n and ni >= 2 and ni <= 64:
        g = ax
        for _k in range(ni - 2):
            g *= ax
        return g
    return ax ** (n - 1.0)


@njit(cache=True)
def _ax_of_loss(y, n):
    """The |x| at which |x|^n = 10**y: per-point thresholds on |x| replace per-step log10 of the loss."""
    return 10.0 ** (y / n)


@njit(cache=True)
def _sampled_slope(Y, b, t_end, y_end, frac, of_loss):
    r"""Late slope of log10 loss per step from sampled values (the sweeps' estimator).

    Samples: ``Y[k]`` = log10 loss at step ``k b`` (written while the point ran; ``of_loss``: the loss
    itself, whose log10 is taken here for the samples in the window only, the same number as taking it
    when the sample was written; the raw kernels sample so, sparing the log10 of every other sample). With
    ``s0 = b * (int((1 - frac) t_end) // b)`` the slope is the ordinary least-squares slope of
    the points ``{(k b, Y[k]) : s0 <= k b < t_end} U {(t_end, y_end)}``; NaN with fewer
    than two points or a non-finite value. ``frac`` is the late window,
    :data:`adamdyn.dynamics.reductions.SWEEP_LATE_FRACTION` (0.2, passed in by the generated kernels,
    which carry it as ``LATE_FRACTION``; ``b = ceil(steps / 64)``: 13-14 points), and the
    window is :func:`adamdyn.dynamics.reductions.late_window` on those samples.
    """
    s0 = (int((1.0 - frac) * t_end) // b) * b
    N = 1.0
    St = float(t_end - s0)
    Stt = St * St
    Sy = y_end
    Sty = St * y_end
    for k in range(s0 // b, (t_end + b - 1) // b):
        tt = float(k * b - s0)
        y = _log10(Y[k]) if of_loss else Y[k]
        N += 1.0
        St += tt
        Stt += tt * tt
        Sy += y
        Sty += tt * y
    den = N * Stt - St * St
    if N < 2.0 or den == 0.0:
        return np.nan
    return (N * Sty - St * Sy) / den


@njit(cache=True)
def _xp(a):
    """exp(a), with arguments below the underflow threshold (and -inf) giving 0 without a call."""
    if a > -746.0:
        return math.exp(a)
    return 0.0


@njit(cache=True)
def _safe(q):
    """True when |q| is in [SAFE_LO, SAFE_HI] or q == 0 (False for NaN and inf)."""
    a = abs(q)
    return a < SAFE_HI and (a > SAFE_LO or a == 0.0)


@njit(cache=True)
def _safev(q):
    """:func:`_safe` without short-circuit branches (for the lane loop LLVM vectorizes)."""
    a = abs(q)
    return (a < SAFE_HI) & ((a > SAFE_LO) | (a == 0.0))


@njit(cache=True)
def _lnabs(q):
    """log|q|, -inf for 0."""
    a = abs(q)
    if a > 0.0:
        return math.log(a)
    return -np.inf


@njit(cache=True)
def _log_rho(s):
    """(log|rho|, sign rho) for rho = 1 - s: one ``log1p`` call, of -s (s < 1, accurate for small s)
    or of s - 2 (s > 1: log(s - 1), with s - 2 exact for s <= 4), so no branch on the sign of rho."""
    if s != 1.0 and s == s:
        return math.log1p(max(-s, s - 2.0)), (1.0 if s < 1.0 else -1.0)
    if s == 1.0:
        return -np.inf, 0.0
    return np.nan, np.nan


@njit(cache=True)
def _q2w(q, off):
    """Scaled float q (value q * exp(off)) -> sign/log pair."""
    if q == 0.0:
        return -np.inf, 0.0
    return math.log(abs(q)) + off, (1.0 if q > 0.0 else -1.0)


@njit(cache=True)
def _w2q(wl, ws, off):
    """Sign/log pair -> scaled float q = value * exp(-off) (may over/underflow; checked by _safe)."""
    if ws == 0.0:
        return 0.0
    return ws * math.exp(wl - off)


@njit(cache=True)
def _ipow(x, k):
    """x**k for an integer k by repeated squaring (a few multiplies instead of exp/log)."""
    if k < 0:
        x = 1.0 / x
        k = -k
    r = 1.0
    while k:
        if k & 1:
            r *= x
        x *= x
        k >>= 1
    return r


@njit(cache=True)
def _ipv(ar, ir, ie):
    """``ar**ie`` (``ir = 1/ar``, integer ``|ie| <= IPV_MAX``) by the same multiplies as :func:`_ipow`,
    branch-free: a fixed four-bit loop (multiplying by 1.0 is exact), so the lane loop vectorizes."""
    x = ir if ie < 0 else ar
    k = abs(ie)
    r = 1.0
    for bit in range(4):
        r *= x if (k >> bit) & 1 else 1.0
        x *= x
    return r


@njit(cache=True)
def _lpow(lamf, lL, k):
    """Lambda**k (integer k) from the carried float ``lamf`` while it is in range, else exp(k lL)."""
    if lamf > SAFE_LO and lamf < SAFE_HI:
        return _ipow(lamf, k)
    return _xp(k * lL)


@njit(cache=True)
def _cwin(q, lq, cq, lc):
    """Whether log|q| + lq > log|cq| + lc (running max of the log coupling, logs deferred).

    Decided without a logarithm when the bounds ``1 - 1/x <= log x <= x - 1`` settle it
    (almost every step: the coupling moves monotonically); NaN, zero or ``lq = -inf`` never win.
    """
    aq = abs(q)
    if not (aq > 0.0) or not (lq > -np.inf):
        return False
    acq = abs(cq)
    if acq == 0.0:
        return True
    d = lq - lc
    r = acq / aq
    if 1.0 - r + d > 0.0:
        return True
    if aq / acq - 1.0 + d <= 0.0:
        return False
    return math.log(aq) + lq > math.log(acq) + lc


@njit(cache=True)
def _cwv(q, lq, cq, lc):
    """:func:`_cwin` decided without a logarithm or a branch: 1.0 (wins), 0.0 (does not), 2.0 (undecided:
    call :func:`_cwin`). Used in the lane loop LLVM vectorizes."""
    aq = abs(q)
    acq = abs(cq)
    d = lq - lc
    never = (not (aq > 0.0)) | (not (lq > -np.inf))
    win = (acq == 0.0) | (1.0 - acq / aq + d > 0.0)
    lose = aq / acq - 1.0 + d <= 0.0
    return 0.0 if never else (1.0 if win else (0.0 if lose else 2.0))


@njit(cache=True)
def _fmax(a, b):
    """``max(a, b)`` of two floats as the numpy backend's ``B.max`` (``np.maximum``): NaN if either is NaN."""
    return a if a >= b else (b if b > a else a + b)


@njit(cache=True)
def _fmin(a, b):
    """``min(a, b)`` of two floats as the numpy backend's ``B.min`` (``np.minimum``): NaN if either is NaN."""
    return a if a <= b else (b if b < a else a + b)


@njit(cache=True)
def _slt(al, asg, bl, bsg):
    """Whether ``a < b`` for sign/log pairs, in the order of :meth:`adamdyn.backend.SLog.__lt__`: by sign first,
    then by ``sign * log`` (zero below every positive number and above every negative one)."""
    ka = asg * al if asg != 0.0 else 0.0
    kb = bsg * bl if bsg != 0.0 else 0.0
    return asg < bsg or (asg == bsg and ka < kb)


@njit(cache=True)
def _smax(al, asg, bl, bsg):
    """``max(a, b)`` of sign/log pairs as the SLog backend's ``B.max``: ``b`` if ``a < b``, else ``a``."""
    if _slt(al, asg, bl, bsg):
        return bl, bsg
    return al, asg


@njit(cache=True)
def _smin(al, asg, bl, bsg):
    """``min(a, b)`` of sign/log pairs as the SLog backend's ``B.min``: ``b`` if ``b < a``, else ``a``."""
    if _slt(bl, bsg, al, asg):
        return bl, bsg
    return al, asg
