r"""The fast exact scheme of the normalized kernels, derived from the rule by :mod:`.codegen`.

In the frame where :math:`|g_t| = 1` the sign/log kernel carries every state as a
``(log|w|, sign)`` pair. Most of that range is not needed: with the frame learning rate
:math:`\Lambda_t = \eta |g_t|^{d_\mathrm{dir}} / |x_t|` (``exp(lL)``), the combinations

.. math:: q_j = w_j / \Lambda_t^{k_j},\qquad k_j = d_j \text{ if state } j \text{ enters the rule's scale, else } 0,

are O(1) in all three regimes (Adam: :math:`q_m = u_t`, :math:`q_v = 1/\lambda_t^2`), and
:math:`\Lambda D` (the step relative to :math:`|x|`) does not depend on :math:`\Lambda`
once the states are written through :math:`q`. The fast step therefore works in float64
on the :math:`q_j`, with :math:`\log|x|` as the only carried logarithm: per step one
``log1p`` (for :math:`\log|\rho_t|`); the frame change
:math:`q_j \leftarrow q_j |\rho_t|^{e_j}`, :math:`e_j = -(n-1)d_j - k_j(d_\mathrm{dir}(n-1)-1)`,
and the integer powers of :math:`\Lambda` the rule's terms need are a few multiplies (an ``exp``
each for non-integer or large exponents, and per scale-carrying parameter such as ``eps``); the
coupling reduction needs a ``log`` only when bounds cannot decide it.

:class:`ScaledEmitter` prints the rule's update with every node held as a float times a
known power of :math:`\Lambda` (the power is tracked symbolically, never computed as a
number): products add powers, roots divide them, and a sum brings its terms to the
power of its state-carrying term (other terms are multiplied by
``exp((a - a*) lL)``, which underflows harmlessly to 0 when that term is negligible).
Scale-carrying parameters (``eps``, ``v0``) enter as ``exp(log p - deg log|g| - a* lL)``. The iterate of
a rule with ``needs_x`` (direction degree 0, so :math:`\Lambda_t = \eta/|x_t|`) is exactly
``sigma * lr`` at power -1. A node the scaled form does not hold (``Max``, ``Min``, a ``Piecewise``
with a state-dependent value) raises ``NotImplementedError``: that rule's normalized kernel then takes
every step in sign/log form (``fast_ok = False``).

Guard: a point whose :math:`q_j` or :math:`\Lambda D` leaves ``[SAFE_LO, SAFE_HI]``
(exact zeros allowed) takes that step in sign/log form and stays there until its
states are back in range, so every cell is exact to float64 rounding in the log.
"""

from __future__ import annotations

import re

from ._emit import FloatEmitter, split_mul
from ._slog import IPV_MAX

__all__ = ["ScaledEmitter", "scale_exponents"]


def scale_exponents(sym):
    """``k_j`` per state: its gradient degree if the rule's scale (denominator) uses it, else 0."""
    if sym.scale is None:
        return tuple(0 for _ in sym.states)
    used = sym.scale.free_symbols
    return tuple(d if n in used else 0 for n, d in zip(sym.new_syms, sym.degrees))


class ScaledEmitter:
    """Print a sympy expression as float64 source, each node ``(code, power of Lambda)``."""

    def __init__(self, sym, floats, is_float, ks, scaled, body):
        self.sp = sym.sp
        self.sym = sym
        self.floats, self.is_float = floats, is_float
        self.leaves = {s: (f"q{j}", k) for j, (s, k) in enumerate(zip(sym.states, ks))}
        self.leaves[sym.g] = ("sigma", sym.sp.Integer(0))
        if sym.dd == 0:
            # the iterate (rules with needs_x, direction degree 0): |x| = lr / Lambda, so x is sigma lr at power -1
            self.leaves[sym.x] = ("(sigma * lr)", sym.sp.Integer(-1))
        self.scaled = scaled  # Symbol -> gradient degree
        self.body = body
        self.memo, self.count = {}, 0
        self.state_syms = set(sym.states)

    def _new(self, code):
        name = f"_q{self.count}"
        self.count += 1
        self.body.append(f"{name} = {code}")
        return name

    def power(self, code, a):
        """``code * Lambda**a`` as float source (``a`` a sympy number or parameter expression)."""
        a = self.sp.simplify(a)
        if a == 0:
            return code
        key = ("pow", a)
        if key not in self.memo:
            if a.is_Integer:
                self.memo[key] = self._new(f"_lpow(lamf, lL, {int(a)})")
            else:
                self.memo[key] = self._new(f"_xp(({self.floats(a)}) * lL)")
        return self._new(f"{code} * {self.memo[key]}")

    def _rank(self, a):
        a = self.sp.sympify(a)
        return float(a.subs({s: 1.5 for s in a.free_symbols}))

    def __call__(self, expr):
        """Return ``(code, a)``: the value of ``expr`` is ``code * Lambda**a``."""
        if expr in self.memo:
            return self.memo[expr]
        out = self._emit(expr)
        self.memo[expr] = out
        return out

    def _emit(self, expr):
        sp = self.sp
        if expr in self.leaves:
            return self.leaves[expr]
        if expr in self.scaled:
            return ("LOG", expr)
        if self.is_float(expr):
            return (self.floats(expr), sp.Integer(0))
        if expr.is_Add:
            terms = [(a, self(a)) for a in expr.args]
            state = [t for a, t in terms if a.free_symbols & self.state_syms and t[0] != "LOG"]
            cand = state or [t for _, t in terms if t[0] != "LOG"] or [("", sp.Integer(0))]
            target = max((t[1] for t in cand), key=self._rank)
            codes = [self._at(t, target) for _, t in terms]
            return (self._new(" + ".join(codes)), target)
        if expr.is_Mul:
            num, den, neg = split_mul(expr, self)
            num = [self._float(t) for t in num]
            den = [self._float(t) for t in den]
            code = " * ".join(c for c, _ in num) if num else "1.0"
            if den:
                code = f"({code}) / ({' * '.join(c for c, _ in den)})"
            a = sum((t[1] for t in num), sp.Integer(0)) - sum((t[1] for t in den), sp.Integer(0))
            return (self._new(f"-({code})" if neg else code), sp.simplify(a))
        if expr.is_Pow:
            b, e = expr.base, expr.exp
            if not self.is_float(e):
                raise NotImplementedError(f"codegen: state-dependent exponent in {expr!r}")
            if e.is_Number and e < 0:
                c, a = self._float(self(b ** (-e)))
                return (self._new(f"1.0 / {c}"), -a)
            c, a = self._float(self(b))
            if e == sp.Rational(1, 2):
                return (self._new(f"math.sqrt({c})"), a / 2)
            if e == 2:
                return (self._new(f"{c} * {c}"), 2 * a)
            return (self._new(f"{c} ** {self.floats(e)}"), sp.simplify(a * e))
        if isinstance(expr, sp.Abs):
            c, a = self._float(self(expr.args[0]))
            return (self._new(f"abs({c})"), a)
        if isinstance(expr, sp.sign):
            c, _ = self._float(self(expr.args[0]))
            return (self._new(f"_fsign({c})"), sp.Integer(0))
        raise NotImplementedError(f"codegen: cannot print {expr!r} ({type(expr).__name__})")

    def _float(self, t):
        """A scale-carrying parameter alone (not inside a sum) is taken at power 0."""
        if t[0] == "LOG":
            return (self._at(t, self.sp.Integer(0)), self.sp.Integer(0))
        return t

    def _at(self, t, target):
        """Float source for node ``t`` expressed at power ``target`` of Lambda."""
        if t[0] == "LOG":
            s = t[1]
            deg = self.floats(self.scaled[s])
            return self._new(f"{s.name}_fs * _xp({s.name}_l0 - ({deg}) * lg - ({self.floats(target)}) * lL)")
        return self.power(t[0], t[1] - target)


# -- printing the fast scheme into the normalized kernel (used by codegen._gen_normalized) --------------------
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
    """Template blocks and expressions of the fast scaled-float step (:mod:`._fastnorm`), and the rows the
    frame pass computes; ``fast_ok`` False if not derivable."""
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
    blocks = dict(
        frame=frame or ["pass"],
        fpow=[f"q{j} = qn{j} * _ipv(ar, ir, ie{j}) if pw else q{j}" for j in range(ns)],
        fxpow=[f"q{j} = qn{j} * _xp(e{j} * rl)" for j in range(ns)],
        w2q_init=[f"q{j} = _w2q(w{j}, w{j}s, kq{j} * lL)" for j in range(ns)] or ["pass"],
        w2q=[f"q{j} = _w2q(w{j}, w{j}s, kq{j} * lL)" for j in range(ns)] or ["pass"],
        fbody=algebra,
        q2w=[f"w{j}, w{j}s = _q2w(q{j}, kq{j} * lL)" for j in range(ns)] or ["pass"],
        fcoupling=["cq, cl = np.nan, 0.0" if s is None else f"cq, cl = qn{s}, kq{s} * lL"],
        fback=sum(([f"w{j}, w{j}s = _q2w(qn{j}, kq{j} * lL)",
                    f"w{j} = w{j} - (n - 1.0) * ({fl(d)}) * rl"] for j, d in enumerate(sym.degrees)), [])
        or ["pass"],
    )
    exprs = dict(
        fast_ok=repr(bool(ok)),
        ipow=ipow,
        okv=okv if ok else "False",
        pneed=" or ".join(dict.fromkeys(pneed)) or "False",
        pneedv=" | ".join(["(not ipow)"] + list(dict.fromkeys(pneedv))),
        qsafev=" & ".join([f"_safev(q{j})" for j in range(ns)]) or "True",
        qsafe=qsafe,
    )
    return blocks, exprs, [ln.split(" = ", 1)[0] for ln in frame]
