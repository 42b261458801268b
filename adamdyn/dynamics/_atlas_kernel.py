r"""The atlas's numba path: a rule's orbit map printed as Python source, and one jitted driver per map.

:func:`kernel` takes an :class:`~adamdyn.dynamics.maps.OrbitMap` (the sympy expressions of every branch:
the next coordinates, the step ratio :math:`\rho`, the branch conditions) and prints, with sympy's code
printer and common sub-expressions eliminated, one scalar function ``map_step`` (a step of one cell and,
on request, the Jacobian of the whole map, :math:`z` its last coordinate, with the same branch
semantics as :meth:`~adamdyn.dynamics.maps.OrbitMap.advance`) and ``initial_branch``. Those functions and
the driver (:data:`DRIVER`, the text of :mod:`._atlas_driver`: the transient, the Benettin/QR update,
the label statistics of :func:`adamdyn.dynamics.atlas._iterate`, per cell, cells in parallel) form one
module, written into the
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
from pathlib import Path

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
    # the tangent space is the whole map's: the k coordinates and z (KJ = k + 1)
    out = [f"K = {k}", f"KJ = {k + 1}", f"NB = {nb}", f"NP = {len(rm.params)}"] + _volume_source(k + 1) + ["", "",
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
        drho = [sp.diff(rho, c) for c in coords] + [sp.diff(rho, ex["z"])]
        out += _block([rho] + drho, names, ["rho"] + [f"d{j}" for j in range(k + 1)], pad, f"r{b}")
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
        dZ = [sp.diff(e, ex["z"]) for e in nxt]
        tg = ([f"e{i}_{j}" for i in range(k) for j in range(k)] + [f"a{i}" for i in range(k)]
              + [f"e{i}_{k}" for i in range(k)])
        out += _block(dX + dA + dZ, names, tg, pad + 4, f"j{b}")
        # the z column and row (z_next = |rho| z)
        for i in range(k):
            for j in range(k):
                wrong = wrong_jacobian and i == 0 and j == k - 1
                scale = f" * {1.0 + wrong_jacobian!r}" if wrong else ""
                out.append(" " * (pad + 4) + f"J[{i}, {j}] = (e{i}_{j} + a{i} * S * d{j}){scale}")
                # the parts: E at fixed rho, a = dX_next/d|rho|, b = S drho/dX (J = E + a b^T; a wrong kernel's
                # error goes into E, so that its parts still add up to its J)
                extra = f" + {wrong_jacobian!r} * (e{i}_{j} + a{i} * S * d{j})" if wrong else ""
                out.append(" " * (pad + 4) + f"E[{i}, {j}] = e{i}_{j}{extra}")
            out.append(" " * (pad + 4) + f"J[{i}, {k}] = e{i}_{k} + a{i} * S * d{k}")
            out.append(" " * (pad + 4) + f"E[{i}, {k}] = e{i}_{k}")
        for j in range(k):
            out.append(" " * (pad + 4) + f"J[{k}, {j}] = z * S * d{j}")
            out.append(" " * (pad + 4) + f"E[{k}, {j}] = 0.0")
        out.append(" " * (pad + 4) + f"J[{k}, {k}] = A + z * S * d{k}")
        out.append(" " * (pad + 4) + f"E[{k}, {k}] = A")
        for i in range(k):
            out.append(" " * (pad + 4) + f"av[{i}] = a{i}")
        out.append(" " * (pad + 4) + f"av[{k}] = z")
        for i in range(k + 1):
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


#: the first and the last line of :mod:`._atlas_driver`'s stubs (not copied into generated modules)
_STUBS = ("# -- stubs:", "# -- end of the stubs --\n")


def _driver_text():
    """:mod:`._atlas_driver`'s source from its imports on, without the block of stubs for the generated names."""
    text = Path(__file__).with_name("_atlas_driver.py").read_text()
    text = text[text.index("\nimport math\n"):]
    start, end = text.index(_STUBS[0]), text.index(_STUBS[1]) + len(_STUBS[1])
    return text[:start] + text[end:].lstrip("\n")


#: the part of every generated atlas module that does not depend on the map (:mod:`._atlas_driver`, as text)
DRIVER = _driver_text()


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


