r"""The atlas's numba path: a rule's orbit map printed as Python source, and one jitted driver per map.

:func:`kernel` takes an :class:`~adamdyn.dynamics.maps.OrbitMap` (the sympy expressions of every branch:
the next coordinates, the step ratio :math:`\rho`, the branch conditions) and prints, with sympy's code
printer and common sub-expressions eliminated, one scalar function ``map_step`` (a step of one cell and,
on request, the Jacobian :math:`\partial X_{next}/\partial X` at fixed :math:`z`, with the same branch
semantics as :meth:`~adamdyn.dynamics.maps.OrbitMap.advance`) and ``initial_branch``. Those functions and
the driver below (:data:`DRIVER`: the transient, the Benettin/QR update, the label statistics of
:func:`adamdyn.dynamics.atlas._iterate`, per cell, cells in parallel) form one module, written into the
cache folder (``<cache>/dynamics/``, named by a hash of its text: :func:`adamdyn._cache.import_generated`)
and imported, so numba's ``cache=True`` compiles it once per rule, degree and structural flags and reuses
the machine code in later processes. Nothing is compiled per call and no closure is jitted.

The driver repeats the numpy path's arithmetic in the same order (the QR step of
:func:`~adamdyn.dynamics.lyapunov._qr_step` on the Jacobian's parts E + a b^T: the volume minors printed from
:func:`~adamdyn.dynamics.lyapunov._minor_exprs`, Gram-Schmidt with one re-orthogonalisation pass, compensated
running sums), so the two agree to rounding of the map's formulas (the printed code shares sub-expressions,
lambdify does not):
on orbits that converge or repeat the labels are the same and the exponents agree to ~1e-12; on a chaotic
orbit the two trajectories part after ~ 36 / lambda_1 steps (rounding grows as exp(lambda_1 t)) and only
the statistics agree.
"""

from __future__ import annotations

import functools

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

__all__ = ["kernel", "source", "DRIVER"]

#: float columns of the driver's per-cell output
F_COLS = ("log_rho_sum", "late_rho_sum", "angle", "step_mid", "final_logz")
#: integer columns of the driver's per-cell output
I_COLS = ("bad", "under", "huge", "spikes", "first_spike", "last_spike")


class _Printer(PythonCodePrinter):
    """sympy's Python printer with numpy's semantics where they differ: ``sign``, ``Max``/``Min`` propagate NaN."""

    def __init__(self):
        super().__init__({"fully_qualified_modules": True, "standard": "python3"})

    def _print_sign(self, e):
        return f"_sgn({self._print(e.args[0])})"

    def _fold(self, name, args):
        out = self._print(args[0])
        for a in args[1:]:
            out = f"{name}({out}, {self._print(a)})"
        return out

    def _print_Max(self, e):
        return self._fold("_nmax", e.args)

    def _print_Min(self, e):
        return self._fold("_nmin", e.args)


def _names(rm):
    """Symbol -> variable name of the generated code (coordinates x0.., z, A, S, parameters p0..)."""
    ex = rm.expressions
    out = {c: f"x{i}" for i, c in enumerate(ex["coords"])}
    out[ex["z"]] = "z"
    out[ex["rho_abs"]] = "A"
    out[ex["rho_sign"]] = "S"
    syms = {}
    for b in range(len(rm.branches)):
        for e in list(ex["next"][b]) + [ex["rho"][b]] + list(ex["conds"][b]):
            for s in sp.sympify(e).free_symbols:
                syms[s.name] = s
    for i, name in enumerate(rm.params):
        if name in syms:
            out[syms[name]] = f"p{i}"
    return out


def _block(exprs, names, targets, indent, tag):
    """Lines assigning ``targets`` the expressions (common sub-expressions shared as ``<tag>_<i>``)."""
    pr = _Printer()
    sub = {s: sp.Symbol(v) for s, v in names.items()}
    exprs = [sp.sympify(e).xreplace(sub) for e in exprs]
    gen = (sp.Symbol(f"{tag}_{i}") for i in range(10 ** 6))
    reps, red = sp.cse(exprs, symbols=gen, optimizations="basic")
    pad = " " * indent
    lines = [f"{pad}{s} = {pr.doprint(v)}" for s, v in reps]
    lines += [f"{pad}{t} = {pr.doprint(v)}" for t, v in zip(targets, red)]
    return lines


def _volume_source(k):
    """The driver's volume functions for k coordinates, printed from the expressions of
    :func:`~adamdyn.dynamics.lyapunov._minor_exprs` (the numpy path evaluates the same text): ``_volumes(Y, a, w,
    V)`` fills V[m - 1] with the m-volume of the columns of Y + a w^T, m = 1..k; ``_det_expanded(Y, a, w)`` is the
    k x k minor (the determinant)."""
    from .lyapunov import _minor_exprs

    ex = _minor_exprs(k)
    head = [f"    Y{i}_{j} = Y[{i}, {j}]" for i in range(k) for j in range(k)]
    head += [f"    a{i} = a[{i}]" for i in range(k)] + [f"    w{j} = w[{j}]" for j in range(k)]
    out = ["", "", '@numba.njit(cache=True, error_model="numpy")', "def _volumes(Y, a, w, V):",
           '    """V[m - 1] = the m-volume of the columns of Y + a w^T (lyapunov._volumes)."""'] + head
    out += [f"    v{t} = {e}" for t, (_, e) in enumerate(ex)]
    for m in range(1, k + 1):
        idx = [t for t, (mm, _) in enumerate(ex) if mm == m]
        out.append(f"    mx = abs(v{idx[0]})")
        out += [f"    mx = _nmax(mx, abs(v{t}))" for t in idx[1:]]
        out.append("    if mx > 0.0:")
        out.append("        s = 0.0")
        for t in idx:
            out += [f"        t = v{t} / mx", "        s = s + t * t"]
        out += [f"        V[{m - 1}] = mx * math.sqrt(s)", "    else:", f"        V[{m - 1}] = mx"]
    out += ["", "", '@numba.njit(cache=True, error_model="numpy")', "def _det_expanded(Y, a, w):",
            '    """det(Y + a w^T) expanded in the rank-one part (lyapunov._minor_exprs)."""'] + head
    out.append(f"    return {ex[-1][1]}")
    return out


def source(rm, wrong_jacobian=0.0) -> str:
    """The generated module's text for the orbit map ``rm`` (driver included).

    ``wrong_jacobian`` (tests only): multiply the Jacobian entry (0, last) by ``1 + wrong_jacobian``, a
    deliberately broken kernel that the sum rule and the agreement with the numpy path must catch.
    """
    ex = rm.expressions
    coords = list(ex["coords"])
    k = len(coords)
    nb = len(rm.branches)
    A, S = ex["rho_abs"], ex["rho_sign"]
    names = _names(rm)
    one_rho = nb == 1 or rm.same_rho
    head = [f"    x{i} = x[{i}]" for i in range(k)] + [f"    p{i} = p[{i}]" for i in range(len(rm.params))]
    out = [f"K = {k}", f"NB = {nb}", f"NP = {len(rm.params)}"] + _volume_source(k) + ["", "",
           '@numba.njit(cache=True, error_model="numpy")',
           "def initial_branch(x, z, p):",
           '    """The first branch whose conditions hold at x (with rho = 1); 0 where none does."""']
    out += head
    for b in range(nb):
        conds = [sp.sympify(c).xreplace({A: 1, S: 1}) for c in ex["conds"][b]]
        if not conds:
            out.append("    return " + str(b))
            break
        out += _block(conds, names, [f"c{j}" for j in range(len(conds))], 4, f"i{b}")
        out.append("    if " + " and ".join(f"c{j} > 0" for j in range(len(conds))) + f":\n        return {b}")
    else:
        out.append("    return 0")
    out += ["", "", '@numba.njit(cache=True, error_model="numpy")',
            "def map_step(x, z, p, br, nxt, J, jac, E, av, bv):",
            '    """One step of one cell: fills nxt (and, when jac, J = E + av bv^T and its parts E, av, bv);'
            ' returns (rho, the branch taken)."""']
    out += head
    # rho (and its gradient) of the branch that made the state
    rho_branches = [0] if one_rho else list(range(nb))
    for b in rho_branches:
        pad = 4 if one_rho else 8
        if not one_rho:
            out.append(f"    {'if' if b == 0 else 'elif'} br == {b}:" if b < nb - 1 else "    else:")
        rho = ex["rho"][b]
        drho = [sp.diff(rho, c) for c in coords]
        out += _block([rho] + drho, names, ["rho"] + [f"d{j}" for j in range(k)], pad, f"r{b}")
    out += ["    A = abs(rho)", "    S = _sgn(rho)"]
    if nb == 1:
        out.append("    new = 0")
    else:
        out.append(f"    new = {nb - 1}")
        for b in range(nb):
            conds = ex["conds"][b]
            kw = "if" if b == 0 else "elif"
            if not conds:
                out.append(f"    {kw} True:\n        new = {b}")
                continue
            # the conditions of branch b are evaluated only when no earlier branch holds
            out.append(f"    {kw} _holds{b}({', '.join(f'x{i}' for i in range(k))}, z, A, S, p):")
            out.append(f"        new = {b}")
    for b in range(nb):
        pad = 4 if nb == 1 else 8
        if nb > 1:
            out.append(f"    {'if' if b == 0 else 'elif'} new == {b}:" if b < nb - 1 else "    else:")
        nxt = list(ex["next"][b])
        out += _block(nxt, names, [f"nxt[{i}]" for i in range(k)], pad, f"n{b}")
        out.append(" " * pad + "if jac:")
        dX = [sp.diff(e, c) for e in nxt for c in coords]
        dA = [sp.diff(e, A) for e in nxt]
        tg = [f"e{i}_{j}" for i in range(k) for j in range(k)] + [f"a{i}" for i in range(k)]
        out += _block(dX + dA, names, tg, pad + 4, f"j{b}")
        for i in range(k):
            for j in range(k):
                wrong = wrong_jacobian and i == 0 and j == k - 1
                scale = f" * {1.0 + wrong_jacobian!r}" if wrong else ""
                out.append(" " * (pad + 4) + f"J[{i}, {j}] = (e{i}_{j} + a{i} * S * d{j}){scale}")
                # the parts: E at fixed rho, a = dX_next/d|rho|, b = S drho/dX (J = E + a b^T; a wrong kernel's
                # error goes into E, so that its parts still add up to its J)
                extra = f" + {wrong_jacobian!r} * (e{i}_{j} + a{i} * S * d{j})" if wrong else ""
                out.append(" " * (pad + 4) + f"E[{i}, {j}] = e{i}_{j}{extra}")
        for i in range(k):
            out.append(" " * (pad + 4) + f"av[{i}] = a{i}")
            out.append(" " * (pad + 4) + f"bv[{i}] = S * d{i}")
    out.append("    return rho, new")
    # one function per branch's conditions (evaluated lazily, in order, as the numpy path's first match)
    for b in range(nb):
        conds = ex["conds"][b]
        out += ["", "", '@numba.njit(cache=True, error_model="numpy")',
                f"def _holds{b}({', '.join(f'x{i}' for i in range(k))}, z, A, S, p):"]
        out += [f"    p{i} = p[{i}]" for i in range(len(rm.params))]
        if not conds:
            out.append("    return True")
            continue
        out += _block(conds, names, [f"c{j}" for j in range(len(conds))], 4, f"h{b}")
        out.append("    return " + " and ".join(f"c{j} > 0" for j in range(len(conds))))
    doc = f'"""Generated by adamdyn.dynamics._atlas_kernel: the atlas driver for {rm.rule!r} at n = {rm.n!r}' \
          f' (coordinates {", ".join(rm.coords)}; parameters {", ".join(rm.params)}; branches: ' \
          f'{"; ".join(rm.branches)})."""'
    return "\n".join([doc, "", DRIVER.strip("\n"), "", ""] + out) + "\n"


@functools.lru_cache(maxsize=64)
def _kernel_text(text):
    from .._cache import import_generated

    return import_generated("dynamics", "atlas", text)


_BUILT: dict = {}


def kernel(rm, wrong_jacobian=0.0):
    """The imported generated module for ``rm`` (its ``drive`` runs the atlas; compiled on first call).

    The source is printed once per map object and process (maps come cached from
    :func:`~adamdyn.dynamics.maps.orbit_map`); the module is imported from the cache folder."""
    key = (id(rm), float(wrong_jacobian))
    hit = _BUILT.get(key)
    if hit is None or hit[0] is not rm:
        hit = (rm, _kernel_text(source(rm, wrong_jacobian)))
        _BUILT[key] = hit
    return hit[1]


DRIVER = r'''
import math

import numba
import numpy as np

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
        norm = math.sqrt(t)
        if norm == 0.0:
            # rank lost in floating point: complete Q with the unit vector of the largest remainder
            # (lyapunov._gram_schmidt)
            for c in range(k):
                for i in range(k):
                    w[i] = 1.0 if i == c else 0.0
                for _ in range(2):
                    for q in range(j):
                        d = 0.0
                        for i in range(k):
                            d += Q[i, q] * w[i]
                        for i in range(k):
                            w[i] = w[i] - d * Q[i, q]
                t = 0.0
                for i in range(k):
                    t += w[i] * w[i]
                en = math.sqrt(t)
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
    x = X0[c].copy()
    p = P[c].copy()
    nxt = np.empty(k)
    J = np.zeros((k, k))
    E = np.zeros((k, k))
    av = np.zeros(k)
    bv = np.zeros(k)
    Q = np.zeros((k, k))
    Y = np.zeros((k, k))
    M = np.zeros((k, k))
    Yt = np.zeros((k, k))
    w = np.zeros(k)
    wt = np.zeros(k)
    sc = np.zeros(k)
    V = np.zeros(k)
    vols = np.zeros(k)
    logs = np.zeros(k)
    comp = np.zeros((blocks, k))
    dcomp = np.zeros(blocks)
    S = logz0[c]
    br = br0[c]
    bad = False
    under = False
    huge = False
    log10n = math.log10(n)
    for _ in range(transient):
        rho, br = map_step(x, math.exp(S), p, br, nxt, J, False, E, av, bv)
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
    for i in range(k):
        Q[i, i] = 1.0
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
        _qr_step(E, av, bv, Q, Y, M, Yt, w, wt, sc, V, vols, logs, k)
        for i in range(k):
            sums[c, b, i], comp[b, i] = _neumaier(sums[c, b, i], comp[b, i], logs[i])
        dets[c, b], dcomp[b] = _neumaier(dets[c, b], dcomp[b], _log_det(E, av, bv, sc, Yt, wt, k))
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
        for i in range(k):
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
    sums = np.zeros((cells, blocks, k))
    dets = np.zeros((cells, blocks))
    hist = np.empty((cells, max_period + 1, k))
    F = np.empty((cells, 5))
    I = np.empty((cells, 6), dtype=np.int64)
    final = np.empty((cells, k))
    for c in numba.prange(cells):
        _cell(c, X0, logz0, P, br0, steps, transient, max_period, spike_decades, diverge, blocks, n, log10_lr,
              sums, dets, hist, F, I, final)
    return sums, dets, hist, F, I, final
'''
