"""The two printers of the kernel generator: sympy expression trees to numba source.

:class:`FloatEmitter` prints plain float64 source (raw mode); :class:`SLogEmitter` prints sign/log arithmetic on
``(log|a|, sign a)`` pairs (normalized mode), the same arithmetic as :class:`adamdyn.backend.SLog`. Both memoise
every node, so a shared sub-expression is computed once. :class:`_Sym` holds one rule variant's symbolic update.
Used by :mod:`adamdyn.kernels.codegen`.
"""

from __future__ import annotations

from ..backend import SYMPY
from ..rules.base import Params


def split_mul(expr, emit):
    """Print the factors of a sympy ``Mul`` with ``emit``, in argument order: ``(numerator factors,
    denominator factors (negative powers, printed as positive ones), negated)``. Shared by the
    float, sign/log and scaled printers."""
    num, den, neg = [], [], False
    for a in expr.args:
        if a == -1:
            neg = not neg
        elif a.is_Pow and a.exp.is_Number and a.exp < 0:
            den.append(emit(a.base ** (-a.exp)))
        else:
            num.append(emit(a))
    return num, den, neg


def float_params(rule):
    return [q.name for q in rule.params if q.kind == "float"]


def bool_params(rule):
    return [q.name for q in rule.params if q.kind == "bool"]



def _sympy():
    import sympy

    return sympy



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
        # the iterate, in real units (raw: the lane's x; normalized: the pair (L, sigma) = (log|x|, sign x))
        self.x = sp.Symbol("x", real=True)
        self.init = tuple(sp.sympify(e) for e in rule.init(self.g, self.p, SYMPY))
        new, direction = rule.advance(self.states, self.g, self.t, self.p, SYMPY, x=self.x)
        self.new = tuple(sp.sympify(e) for e in new)
        self.direction = sp.sympify(direction)
        self.degrees = tuple(sp.sympify(d) for d in rule.degrees(self.p))
        self.pdeg = {k: sp.sympify(v) for k, v in rule.param_degrees(self.p).items()}
        self.dd = rule.direction_degree
        self.new_syms = tuple(sp.Symbol(f"n{i}", real=True) for i in range(len(rule.state)))
        self.scale = sp.sympify(rule.scale(self.new_syms, self.g, self.p, SYMPY)) if rule.scale else None
        # the coupling state, as adamdyn.dynamics.simulation._state_roles: the last state other than the first moment
        # (the first of degree 1) whose degree is not 0 (v; AMSGrad's vmax; never NAdam's product of momenta)
        first = next((i for i, d in enumerate(self.degrees) if d == 1), None)
        second = [i for i, d in enumerate(self.degrees) if i != first and d != 0]
        self.second = second[-1] if second else None
        #: the symbols that change every step (the time loop's data)
        self.dynamic = set(self.states) | set(self.new_syms) | {self.g, self.x}


class FloatEmitter:
    """Print a sympy expression as float64 numba source, one temporary per node."""

    def __init__(self, prefix, hoistable, pre, body):
        self.prefix, self.hoistable = prefix, hoistable
        self.pre, self.body = pre, body
        self.memo, self.count = {}, 0

    def _new(self, expr, code, place=None):
        """A temporary holding ``code`` (the value of ``expr``), hoisted where ``place`` (default ``expr``) is."""
        name = f"_{self.prefix}{self.count}"
        self.count += 1
        (self.pre if self.hoistable(expr if place is None else place) else self.body).append(f"{name} = {code}")
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
        if isinstance(expr, (sp.Max, sp.Min)):
            # np.maximum / np.minimum (the numpy backend's B.max, B.min), folded over the arguments
            fn = "_fmax" if isinstance(expr, sp.Max) else "_fmin"
            acc = self(expr.args[0])
            for a in expr.args[1:]:
                acc = self._new(sp.Symbol(f"__{self.prefix}{self.count}"), f"{fn}({acc}, {self(a)})", expr)
            self.memo[expr] = acc
            return acc
        if isinstance(expr, sp.Piecewise):
            return self._new(expr, _piecewise(expr, self, self.condition))
        raise NotImplementedError(f"codegen: cannot print {expr!r} ({type(expr).__name__})")

    def condition(self, cond):
        """Inline float64 source of a condition (relational, And/Or/Not, true/false); never a temporary, so
        no boolean is ever stored with the hoisted float constants."""
        return _condition(cond, _float_compare(self))


def _float_compare(emit):
    return lambda lhs, rhs, op: f"({emit(lhs)} {op} {emit(rhs)})"


_RELATIONS = ("<", "<=", ">", ">=", "==", "!=")


def _condition(cond, compare):
    """Inline source of the condition ``cond``; ``compare(lhs, rhs, op)`` prints one comparison."""
    sp = _sympy()
    if cond is sp.true or cond is sp.false:
        return repr(bool(cond))
    if cond.is_Relational and cond.rel_op in _RELATIONS:
        return compare(cond.lhs, cond.rhs, cond.rel_op)
    if isinstance(cond, (sp.And, sp.Or)):
        op = " and " if isinstance(cond, sp.And) else " or "
        return "(" + op.join(_condition(c, compare) for c in cond.args) + ")"
    if isinstance(cond, sp.Not):
        return f"(not {_condition(cond.args[0], compare)})"
    raise NotImplementedError(f"codegen: cannot print the condition {cond!r} ({type(cond).__name__})")


def _piecewise(expr, emit, condition):
    """``(a if c else (b if d else ...))`` for a sympy ``Piecewise`` (from ``B.where``); ``emit`` prints
    the values (their sources joined by ``", "`` for sign/log pairs), ``condition`` the conditions."""
    sp = _sympy()
    pieces = list(expr.args)
    if pieces[-1].cond is not sp.true:
        raise NotImplementedError(f"codegen: Piecewise without a default value: {expr!r}")

    def value(e):
        v = emit(e)
        return v if isinstance(v, str) else "(" + ", ".join(v) + ")"

    code = value(pieces[-1].expr)
    for piece in reversed(pieces[:-1]):
        code = f"({value(piece.expr)} if {condition(piece.cond)} else {code})"
    return code


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
        if isinstance(expr, (sp.Max, sp.Min)):
            # the SLog backend's B.max / B.min (the order of SLog.__lt__), folded over the arguments
            fn = "_smax" if isinstance(expr, sp.Max) else "_smin"
            acc = self(expr.args[0])
            for a in expr.args[1:]:
                b = self(a)
                acc = self._new(sp.Symbol(f"__tmp{self.count}"), f"{fn}({acc[0]}, {acc[1]}, {b[0]}, {b[1]})")
            self.memo[expr] = acc
            return acc
        if isinstance(expr, sp.Piecewise):
            # B.where: conditions on the step and float parameters stay float64
            return self._new(expr, _piecewise(expr, self, self.condition))
        raise NotImplementedError(f"codegen: cannot print {expr!r} ({type(expr).__name__})")

    def condition(self, cond):
        """Inline source of a condition: float64 where it involves no state (B.where's conditions on the step
        and the parameters), else comparisons of sign/log pairs in SLog's order (:func:`._slog._slt`)."""
        if self.is_float(cond):
            return _condition(cond, _float_compare(self.floats))
        return _condition(cond, self._compare)

    def _compare(self, lhs, rhs, op):
        a, b = self(lhs), self(rhs)
        lt = {"<": (a, b, ""), ">": (b, a, ""), "<=": (b, a, "not "), ">=": (a, b, "not ")}
        if op not in lt:
            raise NotImplementedError(f"codegen: SLog numbers have no {op!r} (compare with <, <=, >, >=)")
        u, v, neg = lt[op]
        return f"({neg}_slt({u[0]}, {u[1]}, {v[0]}, {v[1]}))"

