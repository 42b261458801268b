"""Generate the numba sweep kernels from the optimizer rules (no hand-copied formulas).

Each rule's ``update`` (and ``init``) is evaluated once with the SYMPY backend
on symbols, for every combination of its boolean parameters (compile-time
variants). The resulting expression trees are printed by two small emitters:

* :class:`FloatEmitter` -- plain float64 Python/numba source (raw mode);
* :class:`SLogEmitter`  -- sign/log arithmetic on ``(log|a|, sign a)`` pairs
  (normalized mode), the same arithmetic as :class:`adamdyn.backend.SLog`.

Sub-expressions that depend only on float parameters are hoisted out of the
time loop; those that depend on the step ``t`` as well (bias correction) are
computed in float64 each step. Every emitted node is memoised, so shared
sub-expressions (the new ``m`` used by the direction) are computed once.

The source is written to :mod:`adamdyn.kernels._generated` (committed, so
numba's ``cache=True`` works); ``tests/test_kernels.py`` checks that
regenerating gives exactly the committed text. Regenerate with::

    python -m adamdyn.kernels.codegen
"""

from __future__ import annotations

import itertools
import os
import re
import sys

from ..backend import SYMPY
from ..reductions import SWEEP_LATE_FRACTION
from ..rules import RULES
from ..rules.base import Params
from . import _templates as T
from ._fastnorm import ScaledEmitter, scale_exponents, split_mul
from ._slog import IPV_MAX, LANE, NLANE

__all__ = ["generate", "variants", "kernel_name", "main", "GENERATED_PATH"]

GENERATED_PATH = os.path.join(os.path.dirname(__file__), "_generated.py")
COMMAND = "python -m adamdyn.kernels.codegen"


def float_params(rule):
    return [q.name for q in rule.params if q.kind == "float"]


def bool_params(rule):
    return [q.name for q in rule.params if q.kind == "bool"]


def variants(rule):
    """All combinations of the rule's boolean parameters, as dicts."""
    names = bool_params(rule)
    return [dict(zip(names, combo)) for combo in itertools.product((False, True), repeat=len(names))]


def kernel_name(rule_name, flags, mode):
    bits = "".join("1" if flags[k] else "0" for k in flags)
    return f"{mode}_{rule_name}" + (f"_{bits}" if bits else "")


class _Sym:
    """The symbolic form of one rule variant."""

    def __init__(self, rule, flags):
        import sympy as sp

        self.sp = sp
        self.fparams = float_params(rule)
        syms = {name: sp.Symbol(name, real=True) for name in self.fparams}
        self.p = Params(**syms, **flags)
        self.g = sp.Symbol("g", real=True)
        self.t = sp.Symbol("tf", positive=True)
        self.states = tuple(sp.Symbol(f"s{i}", real=True) for i in range(len(rule.state)))
        self.init = tuple(sp.sympify(e) for e in rule.init(self.g, self.p, SYMPY))
        new, direction = rule.update(self.states, self.g, self.t, self.p, SYMPY)
        self.new = tuple(sp.sympify(e) for e in new)
        self.direction = sp.sympify(direction)
        self.degrees = tuple(sp.sympify(d) for d in rule.degrees(self.p))
        self.pdeg = {k: sp.sympify(v) for k, v in rule.param_degrees(self.p).items()}
        self.dd = rule.direction_degree
        self.new_syms = tuple(sp.Symbol(f"n{i}", real=True) for i in range(len(rule.state)))
        self.scale = sp.sympify(rule.scale(self.new_syms, self.g, self.p, SYMPY)) if rule.scale else None
        second = [i for i, d in enumerate(self.degrees) if d != 1]
        self.second = second[0] if second else None


class FloatEmitter:
    """Print a sympy expression as float64 numba source, one temporary per node."""

    def __init__(self, prefix, hoistable, pre, body):
        self.prefix, self.hoistable = prefix, hoistable
        self.pre, self.body = pre, body
        self.memo, self.count = {}, 0

    def _new(self, expr, code):
        name = f"_{self.prefix}{self.count}"
        self.count += 1
        (self.pre if self.hoistable(expr) else self.body).append(f"{name} = {code}")
        self.memo[expr] = name
        return name

    def __call__(self, expr):
        sp = _sympy()
        if expr in self.memo:
            return self.memo[expr]
        if expr.is_Symbol:
            return expr.name
        if expr.is_Number:
            return repr(float(expr))
        if expr.is_Add:
            terms = [self(a) for a in expr.args]
            return self._new(expr, " + ".join(terms))
        if expr.is_Mul:
            num, den, neg = split_mul(expr, self)
            code = " * ".join(num) if num else "1.0"
            if den:
                code = f"({code}) / ({' * '.join(den)})"
            return self._new(expr, f"-({code})" if neg else code)
        if expr.is_Pow:
            b, e = expr.base, expr.exp
            if e.is_Number and e < 0:
                return self._new(expr, f"1.0 / {self(b ** (-e))}")
            bb = self(b)
            if e == sp.Rational(1, 2):
                return self._new(expr, f"math.sqrt({bb})")
            if e == 2:
                return self._new(expr, f"{bb} * {bb}")
            return self._new(expr, f"{bb} ** {self(e)}")
        if isinstance(expr, sp.Abs):
            return self._new(expr, f"abs({self(expr.args[0])})")
        if isinstance(expr, sp.sign):
            return self._new(expr, f"_fsign({self(expr.args[0])})")
        raise NotImplementedError(f"codegen: cannot print {expr!r} ({type(expr).__name__})")


class SLogEmitter:
    """Print a sympy expression as sign/log arithmetic; float sub-trees go through ``floats``."""

    def __init__(self, floats, is_float, slog_symbols, body, pre):
        self.floats, self.is_float = floats, is_float
        self.slog_symbols = slog_symbols  # Symbol -> (log name, sign name)
        self.body, self.pre = body, pre
        self.memo, self.count = {}, 0

    def _new(self, expr, code, where=None):
        name = f"_l{self.count}"
        self.count += 1
        (where if where is not None else self.body).append(f"{name}, {name}s = {code}")
        self.memo[expr] = (name, name + "s")
        return self.memo[expr]

    def __call__(self, expr):
        sp = _sympy()
        if expr in self.memo:
            return self.memo[expr]
        if expr in self.slog_symbols:
            return self.slog_symbols[expr]
        if self.is_float(expr):
            f = self.floats(expr)
            where = self.pre if self.floats.hoistable(expr) else self.body
            return self._new(expr, f"_sof({f})", where)
        if expr.is_Add:
            args = list(expr.args)
            acc = self(args[0])
            for a in args[1:]:
                b = self(a)
                acc = self._new(sp.Symbol(f"__tmp{self.count}"), f"_sadd({acc[0]}, {acc[1]}, {b[0]}, {b[1]})")
            self.memo[expr] = acc
            return acc
        if expr.is_Mul:
            num, den, neg = split_mul(expr, self)
            acc = num[0] if num else ("0.0", "1.0")
            for b in num[1:]:
                acc = self._new(sp.Symbol(f"__tmp{self.count}"), f"_smul({acc[0]}, {acc[1]}, {b[0]}, {b[1]})")
            if den:
                d = den[0]
                for b in den[1:]:
                    d = self._new(sp.Symbol(f"__tmp{self.count}"), f"_smul({d[0]}, {d[1]}, {b[0]}, {b[1]})")
                acc = self._new(sp.Symbol(f"__tmp{self.count}"), f"_sdiv({acc[0]}, {acc[1]}, {d[0]}, {d[1]})")
            if neg:
                acc = self._new(sp.Symbol(f"__tmp{self.count}"), f"{acc[0]}, -{acc[1]}")
            self.memo[expr] = acc
            return acc
        if expr.is_Pow:
            b, e = expr.base, expr.exp
            if not self.is_float(e):
                raise NotImplementedError(f"codegen: state-dependent exponent in {expr!r}")
            bb = self(b)
            if e.is_Number and e < 0:
                one = self(b ** (-e))
                return self._new(expr, f"_sdiv(0.0, 1.0, {one[0]}, {one[1]})")
            return self._new(expr, f"_spow({bb[0]}, {bb[1]}, {self.floats(e)})")
        if isinstance(expr, sp.Abs):
            a = self(expr.args[0])
            return self._new(expr, f"{a[0]}, abs({a[1]})")
        if isinstance(expr, sp.sign):
            a = self(expr.args[0])
            return self._new(expr, f"_sof({a[1]})")
        raise NotImplementedError(f"codegen: cannot print {expr!r} ({type(expr).__name__})")


def _sympy():
    import sympy

    return sympy


def _indent(lines, level):
    pad = "    " * level
    return "\n".join(pad + ln for ln in lines)


def _param_loads(fparams):
    lines = [f"{name} = P[i, {k}]" for k, name in enumerate(fparams)]
    lines.append(f"n = P[i, {len(fparams)}]")
    return lines


def _coupling_ratio_raw(sym, fl):
    """Source computing the coupling ``|s|/|g|^d`` of the rule's second-moment state as a ratio
    ``cn / cd`` (compared by cross-multiplication, so no division per step). For ``d = 2``:
    ``sqrt(s) / |g|``, squared at the end; the root is the update's own (one sqrt per step),
    so a negative degree-2 state (impossible for the built-in rules) is not counted."""
    if sym.second is None:
        return ["cn = np.nan", "cd = 1.0"]
    d = sym.degrees[sym.second]
    s = f"s{sym.second}n"
    if d == 2:
        return [f"cn = math.sqrt({s})", "cd = gabs"]
    return [f"cn = math.sqrt(math.exp(math.log(abs({s})) - ({fl(d)}) * math.log(gabs)))", "cd = 1.0"]


def _underflow_raw(sym, fl):
    """Source computing ``uf``: float64 can no longer represent the run (as :func:`adamdyn.simulate`, raw):
    ``|g|^maxdegree`` or an updated state is subnormal (or ``|g|^maxdegree`` is exactly zero)."""
    degs = [d for d in sym.degrees if d != 1]
    if not degs:
        gp = "gabs"
    elif len(degs) == 1 and degs[0] == 2:
        gp = "gabs * gabs"
    else:
        gp = "gabs ** max(1.0, " + ", ".join(fl(d) for d in degs) + ")"
    terms = [f"((gabs > 0.0) & ({gp} < TINY))"]
    terms += [f"((abs(s{k}n) > 0.0) & (abs(s{k}n) < TINY))" for k in range(len(sym.states))]
    return ["uf = " + " | ".join(terms)]


def _gen_raw(rule, flags, sym):
    dyn = set(sym.states) | set(sym.new_syms) | {sym.g}

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
    ns = len(sym.states)
    # per-point constants live in the rows of H: float parameters, n, then hoisted sub-expressions
    rows = sym.fparams + ["n"] + [ln.split(" = ", 1)[0] for ln in pre]
    src = T.RAW.format(
        name=kernel_name(rule.name, flags, "raw"),
        rule=rule.name,
        flags=flags,
        nh=len(rows),
        ns=max(ns, 1),
        nrow=len(sym.fparams),
        params=_indent(_param_loads(sym.fparams), 3),
        pre=_indent(pre, 3),
        hstore=_indent([f"H[{k}, j] = {r}" for k, r in enumerate(rows)], 3),
        init=_indent(init_lines + [f"S[{k}, j] = {c}" for k, c in enumerate(init_codes)], 3),
        hload=_indent([f"{r} = H[{k}, j]" for k, r in enumerate(rows)], 4),
        sload=_indent([f"s{k} = S[{k}, j]" for k in range(ns)], 4),
        body=_indent(body + [f"s{k}n = {c}" for k, c in enumerate(new_codes)] + [f"dirn = {dir_code}"], 4),
        coupling=_indent(coupling, 4),
        sstore=_indent([f"S[{k}, j] = s{k}n if go else s{k}" for k in range(ns)], 4),
        nw=len(rows) + 2 + max(ns, 1) + 12,
    )
    return _flatten_lanes(src, nh=len(rows), ns=max(ns, 1))


def _flatten_lanes(src, nh, ns):
    """Rewrite the template's per-lane tables ``H[r, j]`` (constants), ``X[j]``, ``G[j]``, ``S[r, j]``
    (state), ``R[r, j]`` (float reductions) and ``K[r, j]`` (step counters, held as exact float64)
    as rows of ONE flat array ``W[row * LANE + j]``: every offset is then a compile-time constant,
    so LLVM vectorizes the lane loop without run-time alias checks between separate arrays."""
    base = {"H": 0, "X": nh, "G": nh + 1, "S": nh + 2, "R": nh + 2 + ns, "K": nh + 2 + ns + 7}
    src = re.sub(r"\b([HSRK])\[(\d+), (j|0)\]", lambda m: f"W[{base[m[1]] + int(m[2])} * LANE + {m[3]}]", src)
    src = re.sub(r"\b([XG])\[j\]", lambda m: f"W[{base[m[1]]} * LANE + j]", src)
    if re.search(r"\b[HSRKXG]\[", src):
        raise AssertionError("a per-lane table was left unflattened")
    return src


def _gen_normalized(rule, flags, sym):
    sp = sym.sp
    scaled = {sp.Symbol(k, real=True): d for k, d in sym.pdeg.items() if k in sym.fparams}
    dyn = set(sym.states) | set(sym.new_syms) | {sym.g}

    def is_float(e):
        return not (e.free_symbols & (dyn | set(scaled)))

    def hoist(e):
        return is_float(e) and sym.t not in e.free_symbols

    pre, body, spre = [], [], []
    fl = FloatEmitter("f", hoist, pre, body)
    slog_syms = {s: (f"w{k}", f"w{k}s") for k, s in enumerate(sym.states)}
    slog_syms[sym.g] = ("0.0", "sigma")
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
    fast = _fast_parts(rule, sym, scaled, is_float, hoist, pre)
    # per-lane rows of the flat array W: constants, then the state carried between passes
    consts = [(nm, "f") for nm in sym.fparams + ["n", "log_lr", "log_n", "elam", "ydeep"]]
    consts += [("ielam", "i"), ("ipow", "b")] + _lhs_rows(pre + spre + scaled_pre)
    state = [(nm, "f") for nm in ("L", "sigma", "lamf", "ymin", "cmq", "cml", "final", "lad")]
    state += [(nm, "i") for nm in ("tend", "minstep", "spike", "div", "und", "ndeep")]
    state += [(nm, "b") for nm in ("fast", "live", "okv", "stopv", "qok")] + [("cw", "f")]
    state += [(f"{v}{k}", "f") for k in range(ns) for v in ("q", "qn", "w")] + [(f"w{k}s", "f") for k in range(ns)]
    frames = [(nm, "f") for nm in fast.pop("frames")]
    rows = consts + state + frames
    index = {nm: k for k, (nm, _) in enumerate(rows)}
    kinds = dict(rows)

    def store(names, level):
        return _indent([_store(nm, index[nm], kinds[nm]) for nm in names], level)

    step_state = [nm for nm, _ in state if nm not in ("lad", "okv", "stopv", "qok", "cw") and not nm.startswith("qn")]
    src = T.NORMALIZED.format(
        name=kernel_name(rule.name, flags, "normalized"),
        rule=rule.name,
        flags=flags,
        nw=len(rows),
        params=_indent(_param_loads(sym.fparams), 2),
        pre=_indent(pre + spre + scaled_pre, 2),
        init=_indent(["lg = (n - 1.0) * L"] + scaled_lines + init_pre + init_body
                     + [f"w{k}, w{k}s = {c[0]}, {c[1]}" for k, c in enumerate(init_codes)], 2),
        qzero=_indent([f"q{k} = qn{k} = 0.0" for k in range(ns)] + ["lad = cw = 0.0", "okv = stopv = qok = False"], 2),
        store_init=store([nm for nm, _ in consts + state], 2),
        store_frame=store(["lamf"] + [nm for nm, _ in frames], 3),
        store_fast=store([f"qn{k}" for k in range(ns)] + [f"q{k}" for k in range(ns)]
                         + ["lad", "okv", "ymin", "minstep", "spike", "div", "ndeep", "final", "tend", "lamf",
                            "stopv", "qok", "cw", "cmq", "cml"], 3),
        store_step=store(step_state, 4),
        body=_indent(scaled_lines + body + step_new, 4),
        store_xpow=store(["lamf"] + [f"q{k}" for k in range(ns)], 7),
        store_back=store([f"w{k}" for k in range(ns)] + [f"w{k}s" for k in range(ns)], 7),
        ld={nm: _load(nm, index[nm], kinds[nm]).split(" = ", 1)[1] for nm in index},
        st={nm: f"W[{index[nm]} * NLANE + j]" for nm in index},
        **{f"load_{p}": f"#LOAD {p}" for p in ("frame", "fast", "okstep", "slowstep", "final")},
        dir_l=dir_l, dir_s=dir_s,
        bad=bad,
        coupling="cq, cl = np.nan, 0.0" if sym.second is None else f"cq, cl = 1.0, w{sym.second}n",
        dd=f"{float(sym.dd)!r}",
        renorm=_indent(renorm or ["pass"], 6),
        scale=_indent(scale_lines, 6),
        **fast,
    )
    return _lane_loads(src, rows)


def _lane_loads(src, rows):
    """Replace each ``#LOAD ...`` marker by loads of the rows its block uses: the lines after it up to
    the next line indented less than the marker, less the blocks of markers nested in it (a rarely
    taken branch loads its own rows)."""
    lines = src.split("\n")

    def region(k):
        pad = _pad(lines[k])
        out, skip = [], None
        for nxt in lines[k + 1:]:
            if nxt.strip() and _pad(nxt) < pad:
                break
            if skip is not None and (not nxt.strip() or _pad(nxt) >= skip):
                continue
            skip = None
            if nxt.strip().startswith("#LOAD"):
                skip = _pad(nxt)
                continue
            out.append(nxt)
        return out

    out = []
    for k, ln in enumerate(lines):
        if ln.strip().startswith("#LOAD"):
            used = set(re.findall(r"\b[A-Za-z_]\w*\b", "\n".join(region(k))))
            out += [" " * _pad(ln) + _load(nm, r, kd) for r, (nm, kd) in enumerate(rows) if nm in used]
        else:
            out.append(ln)
    return "\n".join(out)


def _pad(line):
    return len(line) - len(line.lstrip())


def _lhs_rows(lines):
    """Names assigned by hoisted ``name = ...`` / ``a, b = ...`` lines, with their kinds (int for ``int(...)``)."""
    out = []
    for ln in lines:
        lhs, rhs = ln.split(" = ", 1)
        out += [(nm, "i" if rhs.startswith("int(") else "f") for nm in lhs.split(", ")]
    return out


def _load(name, row, kind):
    ref = f"W[{row} * NLANE + j]"
    return f"{name} = " + {"f": ref, "i": f"int({ref})", "b": f"{ref} != 0.0"}[kind]


def _store(name, row, kind):
    return f"W[{row} * NLANE + j] = " + {"f": name, "i": f"float({name})", "b": f"1.0 if {name} else 0.0"}[kind]


def _fast_parts(rule, sym, scaled, is_float, hoist, pre):
    """Template pieces of the fast scaled-float step (:mod:`._fastnorm`); ``fast_ok`` False if not derivable."""
    ns = len(sym.states)
    ks = scale_exponents(sym)
    fbody = []
    fl = FloatEmitter("g", hoist, pre, fbody)
    em = ScaledEmitter(sym, fl, is_float, ks, scaled, fbody)
    ok = all((q.lo >= 0.0) for q in rule.params if q.name in {s.name for s in scaled})
    try:
        qn = []
        for j, e in enumerate(sym.new):
            c, a = em._float(em(e))
            qn.append(em.power(c, a - ks[j]))
        dc, da = em._float(em(sym.direction))
        lad = em.power(dc, da + 1)
    except NotImplementedError:
        ok, qn, lad = False, [], "np.nan"
    for j, (d, k) in enumerate(zip(sym.degrees, ks)):
        pre.append(f"kq{j} = {fl(sym.sp.sympify(k))}")
        pre.append(f"e{j} = -(n - 1.0) * ({fl(d)}) - kq{j} * ({float(sym.dd)!r} * (n - 1.0) - 1.0)")
        pre.append(f"ie{j} = int(e{j})")
    qsafe = " and ".join([f"_safe(q{j})" for j in range(ns)]) or "True"
    okv = " & ".join([f"_safev(qn{j})" for j in range(ns)] + ["(abs(lad) < np.inf)"])
    fbody += [f"qn{j} = {c}" for j, c in enumerate(qn)] + [f"lad = {lad}"]
    # lines that need exp or the carried lamf (powers of Lambda, scale-carrying parameters) depend
    # on log|x| only: the frame pass computes them, so the algebra pass is branch-free
    frame = [ln for ln in fbody if "_lpow(" in ln or "_xp(" in ln] if ok else []
    algebra = [ln for ln in fbody if ln not in frame] if ok else ["lad = np.nan"]
    # integer powers of Lambda while the carried lamf is in range: the algebra pass, as _lpow does
    # (the frame pass runs for a point only when something there needs an exp)
    lpow = [re.fullmatch(r"(\w+) = _lpow\(lamf, lL, (-?\d+)\)", ln) for ln in frame]
    lpow = [m if m and abs(int(m[2])) <= IPV_MAX else None for m in lpow]
    algebra = [f"{m[1]} = _ipv(lamf, ilamf, {m[2]}) if lamin else {m[1]}" for m in lpow if m] + algebra
    # when a point needs the frame pass: ``pneed`` there (scalar), ``pneedv`` in the algebra pass
    pneed, pneedv = (["not (lamf > SAFE_LO and lamf < SAFE_HI)"], ["(not ((lamf > SAFE_LO) & (lamf < SAFE_HI)))"]
                     ) if any(lpow) else ([], [])
    for ln, m in zip(frame, lpow):
        if not m:
            log = re.match(r"\w+ = (\w+)_fs \* _xp\(", ln)
            pneed.append(f"{log[1]}_fs != 0.0" if log else "True")
            pneedv.append(f"({log[1]}_fs != 0.0)" if log else "True")
    s = sym.second
    ipow = " and ".join([f"(e{j} == ie{j} and abs(ie{j}) <= IPV_MAX)" for j in range(ns)]) or "True"
    return dict(
        fast_ok=repr(bool(ok)),
        ipow=ipow,
        frames=[ln.split(" = ", 1)[0] for ln in frame],
        frame=_indent(frame or ["pass"], 4),
        okv=okv if ok else "False",
        pneed=" or ".join(dict.fromkeys(pneed)) or "False",
        pneedv=" | ".join(["(not ipow)"] + list(dict.fromkeys(pneedv))),
        qsafev=" & ".join([f"_safev(q{j})" for j in range(ns)]) or "True",
        fpow=_indent([f"q{j} = qn{j} * _ipv(ar, ir, ie{j}) if pw else q{j}" for j in range(ns)], 3),
        fxpow=_indent([f"q{j} = qn{j} * _xp(e{j} * rl)" for j in range(ns)], 7),
        w2q_init=_indent([f"q{j} = _w2q(w{j}, w{j}s, kq{j} * lL)" for j in range(ns)] or ["pass"], 3),
        w2q=_indent([f"q{j} = _w2q(w{j}, w{j}s, kq{j} * lL)" for j in range(ns)] or ["pass"], 7),
        qsafe=qsafe,
        fbody=_indent(algebra, 3),
        q2w=_indent([f"w{j}, w{j}s = _q2w(q{j}, kq{j} * lL)" for j in range(ns)] or ["pass"], 5),
        fcoupling="cq, cl = np.nan, 0.0" if s is None else f"cq, cl = qn{s}, kq{s} * lL",
        fback=_indent(sum(([f"w{j}, w{j}s = _q2w(qn{j}, kq{j} * lL)",
                            f"w{j} = w{j} - (n - 1.0) * ({fl(d)}) * rl"] for j, d in enumerate(sym.degrees)), [])
                      or ["pass"], 7),
    )


def generate(rules=None) -> str:
    """Return the full text of ``_generated.py`` for the built-in rules (or for ``rules``)."""
    parts = [T.HEADER.format(command=COMMAND, lane=LANE, nlane=NLANE, late_fraction=SWEEP_LATE_FRACTION)]
    table = []
    if rules is None:  # the built-in rules only (user-registered ones get their own module at run time)
        chosen = {k: r for k, r in RULES.items() if r.update.__module__.startswith("adamdyn.rules.")}
    else:
        chosen = {r.name: r for r in rules}
    for name in sorted(chosen):
        rule = chosen[name]
        for flags in variants(rule):
            sym = _Sym(rule, flags)
            parts.append(_gen_raw(rule, flags, sym))
            parts.append(_gen_normalized(rule, flags, sym))
            key = (name, tuple(sorted(flags.items())))
            table.append(f"    {key!r}: ({kernel_name(name, flags, 'raw')}, {kernel_name(name, flags, 'normalized')}),")
    parts.append("KERNELS = {\n" + "\n".join(table) + "\n}\n")
    return "\n".join(parts)


def main(argv=None) -> int:
    """Write ``_generated.py``; with ``--check`` only report whether it is up to date."""
    argv = sys.argv[1:] if argv is None else argv
    text = generate()
    current = ""
    if os.path.exists(GENERATED_PATH):
        with open(GENERATED_PATH, encoding="utf-8") as fh:
            current = fh.read()
    if "--check" in argv:
        ok = current == text
        print("up to date" if ok else f"{GENERATED_PATH} is stale; run {COMMAND}")
        return 0 if ok else 1
    with open(GENERATED_PATH, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {GENERATED_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
