r"""Interval arithmetic for the proven fixed-point search (:mod:`adamdyn.dynamics.interval`).

:class:`Interval` holds intervals ``[lo, hi]`` as numpy float64 arrays, one per box, so that one numpy call per
expression node evaluates every box of a bisection level; every endpoint of ``+ - * /`` and ``sqrt`` (correctly
rounded in IEEE 754) is moved one ulp outwards with ``np.nextafter``, and the results of ``pow``, ``exp`` and
``log`` (libm, not correctly rounded) :data:`LIBM_ULPS` ulps. ``_Program`` compiles a list of sympy expressions
(common subexpressions once) into such an evaluation; an operation it does not cover raises
:class:`Unsupported`.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

__all__ = ["Interval", "Unsupported", "LIBM_ULPS"]


class Unsupported(ValueError):
    """The expression holds an operation the interval evaluator does not cover (the proof is not attempted)."""


# --------------------------------------------------------------------------------------------------
# outward rounding (module-level so that a test can break it on purpose)


def _down(x):
    return np.nextafter(x, -np.inf)


def _up(x):
    return np.nextafter(x, np.inf)


#: ulps added outwards to results of libm functions (pow, exp, log), which are not correctly rounded
LIBM_ULPS = 4


def _down_libm(x):
    for _ in range(LIBM_ULPS):
        x = _down(x)
    return x


def _up_libm(x):
    for _ in range(LIBM_ULPS):
        x = _up(x)
    return x


class Interval:
    """Intervals ``[lo, hi]`` as numpy float64 arrays (one per box), with outward rounding.

    ``nan`` endpoints mean the empty set (the expression is undefined on the whole box); ``flag`` marks
    boxes where an operation left its domain or smoothness on part of the box (the enclosure is valid
    for the rest; such a box is never used for a proof).
    """

    __slots__ = ("lo", "hi", "flag")

    def __init__(self, lo, hi=None, flag=None):
        self.lo = np.asarray(lo, dtype=float)
        self.hi = self.lo if hi is None else np.asarray(hi, dtype=float)
        self.flag = np.zeros(np.broadcast(self.lo, self.hi).shape, dtype=bool) if flag is None else flag

    @classmethod
    def const(cls, value):
        """A constant: a python float is exact; a sympy number is enclosed by outward rounding."""
        if isinstance(value, (float, int)) and float(value) == value:
            return cls(float(value))
        import sympy as sp

        v = sp.sympify(value)
        if v.is_Integer and abs(int(v)) < 2**53:
            return cls(float(int(v)))
        if v.is_Float:
            f = float(v)
            if sp.Float(f, v._prec) == v:
                return cls(f)
        if v.is_Rational:
            f = float(v.p) / float(v.q)
            if Fraction(f) == Fraction(int(v.p), int(v.q)):
                return cls(f)  # exactly representable (5/2): a point, so powers take the monotone path
            return cls(_down(f), _up(f))
        f = float(sp.N(v, 30))
        return cls(_down_libm(f), _up_libm(f))

    # ---- helpers
    def _new(self, lo, hi, *others, flag=None):
        fl = self.flag
        for o in others:
            fl = fl | o.flag
        if flag is not None:
            fl = fl | flag
        return Interval(lo, hi, fl)

    @property
    def empty(self):
        return np.isnan(self.lo) | np.isnan(self.hi)

    def contains_zero(self):
        return (self.lo <= 0) & (self.hi >= 0)

    def mid(self):
        lo = np.where(np.isfinite(self.lo), self.lo, np.where(np.isfinite(self.hi), self.hi - 1, 0.0))
        hi = np.where(np.isfinite(self.hi), self.hi, lo + 1)
        return 0.5 * lo + 0.5 * hi

    def __repr__(self):
        return f"Interval({self.lo!r}, {self.hi!r})"

    # ---- arithmetic
    def __neg__(self):
        return Interval(-self.hi, -self.lo, self.flag)

    def __add__(self, o):
        o = _as_iv(o)
        return self._new(_down(self.lo + o.lo), _up(self.hi + o.hi), o)

    __radd__ = __add__

    def __sub__(self, o):
        o = _as_iv(o)
        return self._new(_down(self.lo - o.hi), _up(self.hi - o.lo), o)

    def __rsub__(self, o):
        return _as_iv(o) - self

    def __mul__(self, o):
        o = _as_iv(o)
        with np.errstate(invalid="ignore"):
            p = np.stack(np.broadcast_arrays(self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi))
        bad = self.empty | o.empty
        p = np.where(np.isnan(p) & ~bad, 0.0, p)  # 0 * inf: the intervals hold finite reals only
        return self._new(_down(np.min(p, axis=0)), _up(np.max(p, axis=0)), o)

    __rmul__ = __mul__

    def recip(self):
        lo, hi = self.lo, self.hi
        with np.errstate(all="ignore"):
            rl, rh = _down(1.0 / hi), _up(1.0 / lo)
        pos, neg = lo > 0, hi < 0
        left0 = (lo == 0) & (hi > 0)
        right0 = (hi == 0) & (lo < 0)
        zero = (lo == 0) & (hi == 0)
        out_lo = np.where(pos | neg, rl, np.where(left0, rl, -np.inf))
        out_hi = np.where(pos | neg, rh, np.where(right0, _up(1.0 / np.where(right0, lo, -1.0)), np.inf))
        out_lo = np.where(zero, np.nan, out_lo)
        out_hi = np.where(zero, np.nan, out_hi)
        return Interval(out_lo, out_hi, self.flag | ~(pos | neg))

    def __truediv__(self, o):
        return self * _as_iv(o).recip()

    def __rtruediv__(self, o):
        return _as_iv(o) * self.recip()

    def abs(self):
        lo = np.where(self.lo >= 0, self.lo, np.where(self.hi <= 0, -self.hi, 0.0))
        hi = np.maximum(np.abs(self.lo), np.abs(self.hi))
        hi = np.where(self.empty, np.nan, hi)
        return Interval(lo, hi, self.flag | ((self.lo < 0) & (self.hi > 0)))

    def sign(self):
        return Interval(np.sign(self.lo), np.sign(self.hi), self.flag | ((self.lo <= 0) & (self.hi >= 0)))

    def nonneg(self):
        """The part in [0, inf) (flagged where some of the box was cut off; empty where all of it was)."""
        cut = self.lo < 0
        lo = np.where(cut, 0.0, self.lo)
        hi = np.where(self.hi < 0, np.nan, self.hi)
        return Interval(np.where(np.isnan(hi), np.nan, lo), hi, self.flag | cut)

    def sqrt(self):
        x = self.nonneg()
        return Interval(np.maximum(_down(np.sqrt(x.lo)), 0.0), _up(np.sqrt(x.hi)), x.flag)

    def exp(self):
        with np.errstate(over="ignore"):
            return Interval(np.maximum(_down_libm(np.exp(self.lo)), 0.0), _up_libm(np.exp(self.hi)), self.flag)

    def log(self):
        x = self.nonneg()
        with np.errstate(divide="ignore"):
            return Interval(_down_libm(np.log(x.lo)), _up_libm(np.log(x.hi)), x.flag | (x.lo == 0))

    def ipow(self, k: int):
        """Integer power by repeated interval multiplication (exactly rounded steps)."""
        if k == 0:
            return Interval(np.ones_like(self.lo), np.ones_like(self.hi), self.flag)
        if k < 0:
            return self.ipow(-k).recip()
        base = self.abs() if k % 2 == 0 else self
        if k % 2 == 0:
            base.flag = self.flag  # |x|^k is smooth for even k
        out, p, e = None, base, k
        while e:
            if e & 1:
                out = p if out is None else out * p
            e >>= 1
            if e:
                p = p * p
        return out

    def rpow(self, p: float):
        """``x**p`` for a real non-integer ``p`` (domain x >= 0)."""
        x = self.nonneg()
        with np.errstate(divide="ignore", over="ignore"):
            a, b = np.power(x.lo, p), np.power(x.hi, p)
        if p > 0:
            lo, hi = np.maximum(_down_libm(a), 0.0), _up_libm(b)
            flag = x.flag | ((x.lo == 0) & (p < 1))  # infinite derivative at 0
        else:
            lo, hi = np.maximum(_down_libm(b), 0.0), _up_libm(a)
            flag = x.flag | (x.lo == 0)
        return Interval(lo, hi, flag)

    def __pow__(self, e):
        e = _as_iv(e)
        if np.all(e.lo == e.hi) and np.all(e.lo == e.lo.flat[0]):
            p = float(e.lo.flat[0])
            if p == round(p) and abs(p) < 64:
                return self.ipow(int(p))
            if p == 0.5:
                return self.sqrt()
            return self.rpow(p)
        return (self.log() * e).exp()

    def maximum(self, o):
        o = _as_iv(o)
        return self._new(np.maximum(self.lo, o.lo), np.maximum(self.hi, o.hi), o,
                         flag=~((self.lo > o.hi) | (o.lo > self.hi)))

    def minimum(self, o):
        o = _as_iv(o)
        return self._new(np.minimum(self.lo, o.lo), np.minimum(self.hi, o.hi), o,
                         flag=~((self.lo > o.hi) | (o.lo > self.hi)))


def _as_iv(v):
    return v if isinstance(v, Interval) else Interval.const(v)


# --------------------------------------------------------------------------------------------------
# sympy expressions -> interval programs


class _Program:
    """Interval evaluation of a list of sympy expressions (common subexpressions computed once)."""

    def __init__(self, exprs, inputs):
        import sympy as sp

        self.inputs = tuple(inputs)
        reps, red = sp.cse([sp.sympify(e) for e in exprs], symbols=sp.numbered_symbols("_iv"))
        names = {s: str(s) for s in self.inputs}
        self.steps = []
        for sym, e in reps:
            self.steps.append((str(sym), self._tree(e, names)))
            names[sym] = str(sym)
        self.out = [self._tree(e, names) for e in red]

    def _tree(self, e, names):
        import sympy as sp

        if e in names:
            return ("var", names[e])
        if e.is_Number or e.is_NumberSymbol:
            if not e.is_real or not e.is_finite:
                raise Unsupported(f"the constant {e} is not a finite real")
            return ("const", Interval.const(e))
        if e.is_Symbol:
            raise Unsupported(f"the symbol {e} has no value (a parameter not given?)")
        args = [self._tree(a, names) for a in e.args]
        if isinstance(e, sp.Add):
            return ("add", args)
        if isinstance(e, sp.Mul):
            return ("mul", args)
        if isinstance(e, sp.Pow):
            return ("pow", args)
        for cls, op in ((sp.Abs, "abs"), (sp.sign, "sign"), (sp.exp, "exp"), (sp.log, "log")):
            if isinstance(e, cls):
                return (op, args)
        if isinstance(e, (sp.Max, sp.Min)):
            return ("max" if isinstance(e, sp.Max) else "min", args)
        raise Unsupported(f"{type(e).__name__} ({e}) has no interval evaluation here")

    def _eval(self, node, env):
        op = node[0]
        if op == "var":
            return env[node[1]]
        if op == "const":
            return node[1]
        a = [self._eval(x, env) for x in node[1]]
        if op == "add":
            out = a[0]
            for x in a[1:]:
                out = out + x
            return out
        if op == "mul":
            out = a[0]
            for x in a[1:]:
                out = out * x
            return out
        if op == "pow":
            return a[0] ** a[1]
        if op == "abs":
            return a[0].abs()
        if op == "sign":
            return a[0].sign()
        if op == "exp":
            return a[0].exp()
        if op == "log":
            return a[0].log()
        out = a[0]
        for x in a[1:]:
            out = out.maximum(x) if op == "max" else out.minimum(x)
        return out

    def __call__(self, env):
        env = dict(env)
        with np.errstate(all="ignore"):  # overflow to inf and 0 * inf are handled by the interval rules
            for name, node in self.steps:
                env[name] = self._eval(node, env)
            return [self._eval(node, env) for node in self.out]
