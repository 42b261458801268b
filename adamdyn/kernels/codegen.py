"""Generate the numba sweep kernels from the optimizer rules (no hand-copied formulas).

Each rule's ``update`` (and ``init``) is evaluated once with the SYMPY backend
on symbols, for every combination of its boolean parameters (compile-time
variants). The resulting expression trees are printed by two small emitters (:mod:`._emit`):

* :class:`FloatEmitter` -- plain float64 Python/numba source (raw mode);
* :class:`SLogEmitter`  -- sign/log arithmetic on ``(log|a|, sign a)`` pairs
  (normalized mode), the same arithmetic as :class:`adamdyn.backend.SLog`.

Both print the whole rule vocabulary: arithmetic, ``sqrt``/``abs``/``sign``/powers, ``Max``/``Min``
(``B.max``, ``B.min``, ``B.clip``: NaN-propagating as numpy's in float64, SLog's order on sign/log
pairs), ``B.where``'s ``Piecewise`` (conditions on the step and the parameters stay float64) and the
iterate ``x`` of rules with ``needs_x`` (raw: the lane's ``x``; normalized: the pair ``(L, sigma)``,
``log|x|`` and its sign, in real units as :func:`adamdyn.simulate` passes it). The coupling state and
the raw underflow test follow :func:`adamdyn.simulate` (a degree-0 state never counts).

Sub-expressions that depend only on float parameters are hoisted out of the
time loop; those that depend on the step ``t`` as well (bias correction) are
computed in float64 each step. Every emitted node is memoised, so shared
sub-expressions (the new ``m`` used by the direction) are computed once.

The templates are the Python functions of :mod:`._templates`, read as text (:func:`fill`).
:func:`generate` writes one module per rule and device; :func:`adamdyn.kernels.get_kernels` (and the
CUDA path, :mod:`adamdyn.scale.gpu`) write it into the cache folder on first use, named by a hash
of its text, and import it, so numba's ``cache=True`` works and nothing generated is committed.
``python -m adamdyn.kernels.codegen [--device cuda] [RULE ...]`` writes the modules and prints where.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import itertools
import re
import sys
from pathlib import Path

from ..dynamics.reductions import SWEEP_LATE_FRACTION
from ..rules import RULES
from . import _slog
from ._emit import FloatEmitter, SLogEmitter, _Sym, bool_params
from ._fastnorm import _fast_parts, _lane_loads, _lhs_rows, _store
from ._slog import LANE, NLANE

__all__ = ["generate", "fill", "variants", "kernel_name", "main", "DEVICES"]

#: the file holding the kernel templates (read as text, never imported here)
TEMPLATES = Path(__file__).with_name("_templates.py")
#: devices with generated kernels: ``cpu`` (raw and normalized, numba) and ``cuda`` (raw and normalized, numba.cuda)
DEVICES = ("cpu", "cuda")
#: samples of log10 loss held by a CUDA thread: >= steps // ceil(steps / 64) + 2 for every steps >= 1
MAX_SAMPLES = 72


@functools.cache
def _template(name):
    """The source lines of template function ``name`` (decorators included) in :data:`TEMPLATES`."""
    text = TEMPLATES.read_text(encoding="utf-8")
    lines = text.split("\n")
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            return tuple(lines[start - 1:node.end_lineno])
    raise LookupError(f"no template {name!r} in {TEMPLATES}")


_BLOCK = re.compile(r'( *)(?:[\w, ]+ = )?BLOCK\("(\w+)"(?:, [\w, ]+)?\)')
_INLINE = re.compile(r'\b(EXPR|ROW)\("(\w+)"\)')


def fill(templates, blocks, exprs=(), rows=(), doc=(), rename=()):
    """The template functions ``templates`` (names, joined by two empty lines) with their placeholders filled in.

    ``blocks`` maps each ``BLOCK`` to its lines (indented as the placeholder; none leaves an empty line),
    ``exprs`` each ``EXPR`` and ``rows`` each ``ROW`` to its text, ``doc`` each ``{key}`` of the docstrings,
    ``rename`` a template's name (in the code and the docstrings) to the kernel's. Every placeholder must be
    given, and every block and expression given must be used (``rows`` is a table of all rows).
    """
    exprs, rows = dict(exprs), dict(rows)
    used, out = set(), []
    for k, template in enumerate(templates):
        out += ["", ""] if k else []
        for ln in _template(template):
            m = _BLOCK.fullmatch(ln)
            if m:
                used.add(("BLOCK", m[2]))
                out.append("\n".join(m[1] + b for b in blocks[m[2]]))
            else:
                out.append(ln)

    def inline(m):
        used.add((m[1], m[2]))
        return (exprs if m[1] == "EXPR" else rows)[m[2]]

    src = _INLINE.sub(inline, "\n".join(out))
    for old, new in [*dict(rename).items(), *((f"{{{key}}}", str(v)) for key, v in dict(doc).items())]:
        src = src.replace(old, new)
    given = {("BLOCK", k) for k in blocks} | {("EXPR", k) for k in exprs}
    if given - used or re.search(r"\b(BLOCK|EXPR|ROW)\(", src):
        raise AssertionError(f"templates {templates}: unused {sorted(given - used)} or unfilled placeholders")
    return src


def variants(rule):
    """All combinations of the rule's boolean parameters, as dicts."""
    names = bool_params(rule)
    return [dict(zip(names, combo)) for combo in itertools.product((False, True), repeat=len(names))]


def kernel_name(rule_name, flags, mode):
    bits = "".join("1" if flags[k] else "0" for k in flags)
    return f"{mode}_{rule_name}" + (f"_{bits}" if bits else "")



def _param_loads(fparams):
    lines = [f"{name} = P[i, {k}]" for k, name in enumerate(fparams)]
    lines.append(f"n = P[i, {len(fparams)}]")
    return lines


def _coupling_ratio_raw(sym, fl):
    """Source computing the coupling ``|s|/|g|^d`` of the rule's second-moment state as a ratio
    ``cn / cd`` (compared by cross-multiplication, so no division per step). For ``d = 2``:
    ``sqrt(s) / |g|``, squared at the end; the root is the update's own (one sqrt per step),
    so a negative degree-2 state (impossible for the built-in rules) is not counted. For ``d = 1``
    (Adamax's ``u``): ``sqrt|s| / sqrt|g|``."""
    if sym.second is None:
        return ["cn = np.nan", "cd = 1.0"]
    d = sym.degrees[sym.second]
    s = f"s{sym.second}n"
    if d == 2:
        return [f"cn = math.sqrt({s})", "cd = gabs"]
    if d == 1:
        return [f"cn = math.sqrt(abs({s}))", "cd = math.sqrt(gabs)"]
    return [f"cn = math.sqrt(math.exp(math.log(abs({s})) - ({fl(d)}) * math.log(gabs)))", "cd = 1.0"]


def _underflow_raw(sym, fl):
    """Source computing ``uf``: float64 can no longer represent the run (as :func:`adamdyn.simulate`, raw):
    ``|g|^maxdegree`` or an updated state is subnormal (or ``|g|^maxdegree`` is exactly zero)."""
    degs = list(dict.fromkeys(d for d in sym.degrees if d != 1 and d != 0))
    if not degs:
        gp = "gabs"
    elif len(degs) == 1 and degs[0] == 2:
        gp = "gabs * gabs"
    else:
        gp = "gabs ** max(1.0, " + ", ".join(fl(d) for d in degs) + ")"
    terms = [f"((gabs > 0.0) & ({gp} < TINY))"]
    # a degree-0 state (NAdam's product of momenta) may underflow to 0 harmlessly
    terms += [f"((abs(s{k}n) > 0.0) & (abs(s{k}n) < TINY))" for k, d in enumerate(sym.degrees) if d != 0]
    return ["uf = " + " | ".join(terms)]


def _raw_step(sym):
    """The float64 pieces of one raw step, shared by the CPU and CUDA raw kernels: hoisted per-point
    constants ``pre``, the step ``body`` (new states ``s{k}n`` and ``dirn``), the initial states (``init``
    lines and the codes of ``s{k}``), and the coupling/underflow lines."""
    dyn = sym.dynamic

    def hoist(e):
        return not (e.free_symbols & (dyn | {sym.t}))

    pre, body, init_lines = [], [], []
    fl = FloatEmitter("f", hoist, pre, body)
    # init uses g at x0 (before the loop): emit into its own list
    fi = FloatEmitter("i", lambda e: True, init_lines, init_lines)
    init_codes = [fi(e) for e in sym.init]
    new_codes = [fl(e) for e in sym.new]
    dir_code = fl(sym.direction)
    coupling = _coupling_ratio_raw(sym, fl) + _underflow_raw(sym, fl)
    body = body + [f"s{k}n = {c}" for k, c in enumerate(new_codes)] + [f"dirn = {dir_code}"]
    return pre, body, init_lines, init_codes, coupling


def _gen_raw(rule, flags, sym):
    pre, body, init_lines, init_codes, coupling = _raw_step(sym)
    ns = len(sym.states)
    # per-point constants live in the rows of H: float parameters, n, then hoisted sub-expressions
    rows = sym.fparams + ["n"] + [ln.split(" = ", 1)[0] for ln in pre]
    blocks = dict(
        params=_param_loads(sym.fparams),
        pre=pre,
        hstore=[f"H[{k}, j] = {r}" for k, r in enumerate(rows)],
        init=init_lines + [f"S[{k}, j] = {c}" for k, c in enumerate(init_codes)],
        hload=[f"{r} = H[{k}, j]" for k, r in enumerate(rows)],
        sload=[f"s{k} = S[{k}, j]" for k in range(ns)],
        body=body,
        coupling=coupling,
        sstore=[f"S[{k}, j] = s{k}n if go else 0.0" for k in range(ns)],  # a stopped point's state: parked
    )
    exprs = dict(nrow=str(len(sym.fparams)), nw=str(len(rows) + 2 + max(ns, 1) + 13))
    src = fill(("RAW_KERNEL",), blocks, exprs, doc=dict(rule=rule.name, flags=flags),
               rename={"RAW_KERNEL": kernel_name(rule.name, flags, "raw")})
    return _flatten_lanes(f"\n\n{src}\n", nh=len(rows), ns=max(ns, 1))


def _flatten_lanes(src, nh, ns):
    """Rewrite the template's per-lane tables ``H[r, j]`` (constants), ``X[j]``, ``G[j]``, ``S[r, j]``
    (state), ``R[r, j]`` (float reductions) and ``K[r, j]`` (step counters, held as exact float64)
    as rows of ONE flat array ``W[row * LANE + j]``: every offset is then a compile-time constant,
    so LLVM vectorizes the lane loop without run-time alias checks between separate arrays. The
    template's line binding the tables to ``W`` is dropped."""
    base = {"H": 0, "X": nh, "G": nh + 1, "S": nh + 2, "R": nh + 2 + ns, "K": nh + 2 + ns + 8}
    src, count = re.subn(r"\n *H = X = G = S = R = K = W\b[^\n]*", "", src)
    if count != 1:
        raise AssertionError("the template must bind the per-lane tables to W once")
    src = re.sub(r"\b([HSRK])\[(\d+), (j|0)\]", lambda m: f"W[{base[m[1]] + int(m[2])} * LANE + {m[3]}]", src)
    src = re.sub(r"\b([XG])\[j\]", lambda m: f"W[{base[m[1]]} * LANE + j]", src)
    if re.search(r"\b[HSRKXG]\[", src):
        raise AssertionError("a per-lane table was left unflattened")
    return src


def _slog_step(sym):
    """The sign/log pieces of one normalized step, shared by the CPU normalized kernel (its fallback step and its
    ``TAIL`` mode) and the CUDA normalized kernel: one definition, so both devices print the same operations.

    Returns a dict: ``pre`` (hoisted float64 lines; the CPU kernel's fast step appends its own), ``spre``
    (hoisted sign/log constants), ``scaled_pre``/``scaled_lines`` (scale-carrying parameters in the frame
    ``|g| = 1``), ``init_pre``/``init_body``/``init_codes`` (the initial state), ``body`` (the step, new states
    ``w{k}n, w{k}ns``), ``dir`` (the direction's pair), ``bad`` (NaN test), ``coupling``, ``renorm`` (the frame
    change of the states), ``scale`` (``scl``, for the tail) and the emitter context of the fast step
    (``scaled``, ``is_float``, ``hoist``)."""
    sp = sym.sp
    scaled = {sp.Symbol(k, real=True): d for k, d in sym.pdeg.items() if k in sym.fparams}
    dyn = sym.dynamic

    def is_float(e):
        return not (e.free_symbols & (dyn | set(scaled)))

    def hoist(e):
        return is_float(e) and sym.t not in e.free_symbols

    pre, body, spre = [], [], []
    fl = FloatEmitter("f", hoist, pre, body)
    slog_syms = {s: (f"w{k}", f"w{k}s") for k, s in enumerate(sym.states)}
    slog_syms[sym.g] = ("0.0", "sigma")
    slog_syms[sym.x] = ("L", "sigma")  # the iterate in real units: log|x| and its sign
    scaled_lines, scaled_pre = [], []
    for s, d in scaled.items():
        slog_syms[s] = (f"{s.name}_fl", f"{s.name}_fs")
        scaled_pre.append(f"{s.name}_l0, {s.name}_fs = _sof({s.name})")
        scaled_lines.append(f"{s.name}_fl = {s.name}_l0 - ({fl(d)}) * lg")
    sl = SLogEmitter(fl, is_float, slog_syms, body, spre)
    new_codes = [sl(e) for e in sym.new]
    dir_l, dir_s = sl(sym.direction)
    # initial state in the frame |g| = 1 (g = sigma, scaled parameters divided by |g|^deg)
    init_body, init_pre = [], []
    fi = FloatEmitter("i", lambda e: True, init_pre, init_pre)
    si = SLogEmitter(fi, is_float, dict(slog_syms), init_body, init_pre)
    si.count = 10000
    init_codes = [si(e) for e in sym.init]
    ns = len(sym.states)
    scale_lines = ["scl = 0.0"]
    if sym.scale is not None:
        scale_body = []
        fc = FloatEmitter("c", hoist, pre, scale_body)
        ssyms = dict(slog_syms)
        ssyms.update({s: (f"w{k}n", f"w{k}ns") for k, s in enumerate(sym.new_syms)})
        sc = SLogEmitter(fc, is_float, ssyms, scale_body, spre)
        sc.count = 20000
        scl = sc(sym.scale)
        scale_lines = scale_body + [f"scl = {scl[0]}"]
    step_new = [f"w{k}n, w{k}ns = {c[0]}, {c[1]}" for k, c in enumerate(new_codes)]
    bad = " or ".join([f"math.isnan(w{k}n)" for k in range(ns)] + ["math.isnan(dirl)"])
    renorm = []
    for k, d in enumerate(sym.degrees):
        renorm += [f"w{k} = w{k}n - (n - 1.0) * ({fl(d)}) * rl", f"w{k}s = w{k}ns"]
    return dict(pre=pre, spre=spre, scaled_pre=scaled_pre, scaled_lines=scaled_lines, init_pre=init_pre,
                init_body=init_body, init_codes=init_codes, body=body + step_new, dir=(dir_l, dir_s), bad=bad,
                coupling=["cq, cl = np.nan, 0.0" if sym.second is None else f"cq, cl = 1.0, w{sym.second}n"],
                renorm=renorm or ["pass"], scale=scale_lines, scaled=scaled, is_float=is_float, hoist=hoist)


def _gen_normalized(rule, flags, sym):
    st = _slog_step(sym)
    pre, spre, scaled_pre, scaled_lines = st["pre"], st["spre"], st["scaled_pre"], st["scaled_lines"]
    scaled, is_float, hoist = st["scaled"], st["is_float"], st["hoist"]
    ns = len(sym.states)
    fblocks, fexprs, fframes = _fast_parts(rule, sym, scaled, is_float, hoist, pre)
    # per-lane rows of the flat array W: constants, then the state carried between passes
    consts = [(nm, "f") for nm in sym.fparams + ["n", "log_lr", "log_n", "elam", "ydeep"]]
    consts += [("ielam", "i"), ("ipow", "b")] + _lhs_rows(pre + spre + scaled_pre)
    state = [(nm, "f") for nm in ("L", "sigma", "lamf", "ymin", "cmq", "cml", "final", "lad")]
    state += [(nm, "i") for nm in ("tend", "minstep", "spike", "div", "und", "ndeep")]
    state += [(nm, "b") for nm in ("fast", "live", "okv", "stopv", "qok")] + [("cw", "f")]
    state += [(f"{v}{k}", "f") for k in range(ns) for v in ("q", "qn", "w")] + [(f"w{k}s", "f") for k in range(ns)]
    frames = [(nm, "f") for nm in fframes]
    rows = consts + state + frames
    index = {nm: k for k, (nm, _) in enumerate(rows)}
    kinds = dict(rows)

    def store(names):
        return [_store(nm, index[nm], kinds[nm]) for nm in names]

    step_state = [nm for nm, _ in state if nm not in ("lad", "okv", "stopv", "qok", "cw") and not nm.startswith("qn")]
    blocks = dict(
        params=_param_loads(sym.fparams),
        pre=pre + spre + scaled_pre,
        init=["lg = (n - 1.0) * L"] + scaled_lines + st["init_pre"] + st["init_body"]
        + [f"w{k}, w{k}s = {c[0]}, {c[1]}" for k, c in enumerate(st["init_codes"])],
        qzero=[f"q{k} = qn{k} = 0.0" for k in range(ns)] + ["lad = cw = 0.0", "okv = stopv = qok = False"],
        store_init=store([nm for nm, _ in consts + state]),
        store_frame=store(["lamf"] + [nm for nm, _ in frames]),
        store_fast=store([f"qn{k}" for k in range(ns)] + [f"q{k}" for k in range(ns)]
                         + ["lad", "okv", "ymin", "minstep", "spike", "div", "ndeep", "final", "tend", "lamf",
                            "stopv", "qok", "cw", "cmq", "cml"]),
        store_step=store(step_state),
        body=scaled_lines + st["body"],
        store_xpow=store(["lamf"] + [f"q{k}" for k in range(ns)]),
        store_back=store([f"w{k}" for k in range(ns)] + [f"w{k}s" for k in range(ns)]),
        coupling=st["coupling"],
        renorm=st["renorm"],
        scale=st["scale"],
        **fblocks,
    )
    exprs = dict(nw=str(len(rows)), dir_l=st["dir"][0], dir_s=st["dir"][1], bad=st["bad"], dd=f"{float(sym.dd)!r}",
                 **fexprs)
    name = kernel_name(rule.name, flags, "normalized")
    src = fill(("_NORMALIZED_KERNEL_block", "NORMALIZED_KERNEL"), blocks, exprs,
               rows={nm: f"{index[nm]} * NLANE + j" for nm in index}, doc=dict(rule=rule.name, flags=flags),
               rename={"NORMALIZED_KERNEL": name})
    return _lane_loads(f"\n\n{src}\n", rows)


def _gen_cuda(rule, flags, sym):
    """The CUDA raw-mode kernel of one rule variant (plain Python; :mod:`adamdyn.scale.gpu` applies ``cuda.jit``)."""
    pre, body, init_lines, init_codes, coupling = _raw_step(sym)
    coupling = [_cuda_line(ln) for ln in coupling]
    ns = len(sym.states)
    blocks = dict(
        params=_param_loads(sym.fparams),
        pre=pre or ["pass"],
        init=init_lines + [f"s{k} = {c}" for k, c in enumerate(init_codes)] or ["pass"],
        body=body,
        coupling=coupling,
        advance=[f"s{k} = s{k}n" for k in range(ns)] or ["pass"],
    )
    src = fill(("CUDA_KERNEL",), blocks, dict(nsamp=str(MAX_SAMPLES)),
               rename={"CUDA_KERNEL": kernel_name(rule.name, flags, "cuda_raw")})
    return f"\n\n{src}\n"


def _gen_cuda_normalized(rule, flags, sym):
    """The CUDA normalized-mode kernel of one rule variant (plain Python; :mod:`adamdyn.scale.gpu` applies
    ``cuda.jit``): one grid point per thread, every step in sign/log form, printed by :func:`_slog_step` as
    the CPU normalized kernel's sign/log step (its fallback and its ``TAIL`` mode) is."""
    st = _slog_step(sym)
    blocks = dict(
        params=_param_loads(sym.fparams),
        pre=st["pre"] + st["spre"] + st["scaled_pre"] or ["pass"],
        init=["lg = (n - 1.0) * L"] + st["scaled_lines"] + st["init_pre"] + st["init_body"]
        + [f"w{k}, w{k}s = {c[0]}, {c[1]}" for k, c in enumerate(st["init_codes"])],
        body=st["scaled_lines"] + st["body"],
        coupling=st["coupling"],
        renorm=st["renorm"],
        scale=st["scale"],
    )
    blocks = {k: [_cuda_line(ln) for ln in v] for k, v in blocks.items()}
    exprs = dict(nsamp=str(MAX_SAMPLES), dir_l=st["dir"][0], dir_s=st["dir"][1], bad=st["bad"],
                 dd=f"{float(sym.dd)!r}")
    src = fill(("CUDA_NORMALIZED_KERNEL",), blocks, exprs,
               rename={"CUDA_NORMALIZED_KERNEL": kernel_name(rule.name, flags, "cuda_normalized")})
    return f"\n\n{src}\n"


def _cuda_line(line):
    """A generated line for a CUDA kernel: numpy's constants become math's (the device code imports no numpy),
    and the builtin ``max(a, b, ...)`` of the raw underflow test (never NaN: degrees and parameters) becomes
    nested ``_fmax`` calls, equal for non-NaN floats (numba.cuda cannot type the builtin's variadic overload)."""
    line = re.sub(r"\bnp\.(nan|inf)\b", r"math.\1", line)
    line = re.sub(r"\bmax\(([^()]*)\)", lambda m: functools.reduce(lambda a, b: f"_fmax({a}, {b})",
                                                                   m[1].split(", ")), line)
    if re.search(r"\bnp\.", line):
        raise AssertionError(f"a CUDA kernel line uses numpy: {line!r}")
    return line


def _header(rule, device, body):
    """The top of a generated module: what it is, the helpers its kernels call, the constants they read."""
    if device == "cpu":
        helpers = [nm for nm in _slog.__all__ if nm not in ("LANE", "NLANE")]
        imports = ["import math", "", "import numpy as np", "from numba import njit, prange", "",
                   "from adamdyn.kernels._slog import ({})"]
        what = "one raw and one normalized numba kernel"
        # numba compiles the helpers into each kernel, and its cache does not see a change to them: their
        # source's hash, written here, gives changed helpers a new module (and so fresh compilations)
        slog = hashlib.sha256(Path(_slog.__file__).read_bytes().replace(b"\r\n", b"\n")).hexdigest()[:20]
        consts = [f"LANE = {LANE}", f"NLANE = {NLANE}", f'SLOG_SOURCE_SHA256 = "{slog}"']
    else:
        from ..scale import _cuda_device

        helpers = list(_cuda_device.__all__)
        imports = ["import math", "", "from numba import cuda, float64", "",
                   "from adamdyn.scale._cuda_device import ({})"]
        what = "one raw and one normalized CUDA kernel (before ``cuda.jit``)"
        consts = []
    used = sorted(nm for nm in helpers if re.search(rf"\b{nm}\b", body))
    doc = [f'"""Generated by :mod:`adamdyn.kernels.codegen` from the rule ``{rule.name}`` -- do not edit.', "",
           f"Kernels for {device}: {what} per combination of the rule's boolean parameters, from",
           "its ``update`` evaluated with the SYMPY backend and printed into :mod:`adamdyn.kernels._templates`.",
           "Written into the cache folder on first use, under a name holding the hash of this text.", '"""']
    # the constants are written here, so that changing one changes this text and hence its file and numba's cache
    consts.append(f"LATE_FRACTION = {SWEEP_LATE_FRACTION!r}")
    return "\n".join(doc + [ln.format(", ".join(used)) for ln in imports] + [""] + consts) + "\n"


def generate(rule, device="cpu") -> str:
    """The text of the generated module of ``rule`` for ``device`` (``"cpu"`` or ``"cuda"``).

    It defines a raw and a normalized kernel per combination of the rule's boolean parameters and ``KERNELS``,
    mapping ``(rule name, sorted flag items)`` to the pair ``(raw, normalized)``.
    """
    if device not in DEVICES:
        raise ValueError(f"device={device!r} is not one of {DEVICES}. Fix: pass device='cpu' or device='cuda'.")
    parts, table = [], []
    for flags in variants(rule):
        sym = _Sym(rule, flags)
        key = (rule.name, tuple(sorted(flags.items())))
        if device == "cpu":
            parts += [_gen_raw(rule, flags, sym), _gen_normalized(rule, flags, sym)]
            table.append(f"    {key!r}: ({kernel_name(rule.name, flags, 'raw')}, "
                         f"{kernel_name(rule.name, flags, 'normalized')}),")
        else:
            parts += [_gen_cuda(rule, flags, sym), _gen_cuda_normalized(rule, flags, sym)]
            table.append(f"    {key!r}: ({kernel_name(rule.name, flags, 'cuda_raw')}, "
                         f"{kernel_name(rule.name, flags, 'cuda_normalized')}),")
    parts.append("KERNELS = {\n" + "\n".join(table) + "\n}\n")
    body = "\n".join(parts)
    return _header(rule, device, body) + "\n" + body


def main(argv=None) -> int:
    """``python -m adamdyn.kernels.codegen [--device cuda] [RULE ...]``: write the generated modules of the
    rules (default: every registered rule) into the cache folder, as their first use would, and print
    their paths."""
    import argparse

    from .. import _cache

    parser = argparse.ArgumentParser(prog="python -m adamdyn.kernels.codegen", description=main.__doc__)
    parser.add_argument("rules", nargs="*", metavar="RULE", help=f"rule names (default: all of {sorted(RULES)})")
    parser.add_argument("--device", choices=DEVICES, default="cpu")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    unknown = [r for r in args.rules if r not in RULES]
    if unknown:
        print(f"error: unknown rule {unknown[0]!r}; valid rules: {', '.join(sorted(RULES))}. "
              "Fix: pass one of them.", file=sys.stderr)
        return 2
    for name in args.rules or sorted(RULES):
        print(_cache.generated_path("kernels", module_stem(RULES[name], args.device),
                                    generate(RULES[name], args.device)))
    return 0


def module_stem(rule, device="cpu") -> str:
    """The start of the file name of a rule's generated module (the hash of its text follows)."""
    safe = "".join(ch if ch.isalnum() else "_" for ch in rule.name)
    return f"adamdyn_{device}_kernels_{safe}"


if __name__ == "__main__":
    raise SystemExit(main())
