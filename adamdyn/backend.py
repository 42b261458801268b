"""The tiny namespace every optimizer rule is written against.

A rule (see :mod:`adamdyn.rules`) uses Python's arithmetic operators on its
inputs plus the functions of a backend ``B``: ``B.sqrt``, ``B.abs``,
``B.sign``, ``B.pow`` and ``B.select``. The same rule text then runs on

* :data:`NUMPY`  -- float64 scalars or arrays (reference trajectories),
* :data:`SYMPY`  -- symbols (derivations in :mod:`adamdyn.symbolic`),
* :data:`SLOG`   -- :class:`SLog` extended-range numbers (normalized mode),
* :func:`torch_backend` -- tensors (the torch optimizers).

``B.select(flag, a, b)`` picks ``a`` when the *configuration* flag is true.
Flags are Python booleans fixed before a rule is run (bias correction on or
off, Nesterov step on or off), never data-dependent branches, so every backend
can evaluate them eagerly.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np

__all__ = ["NUMPY", "SYMPY", "SLOG", "SLog", "torch_backend"]


def _select(flag, a, b):
    return a if flag else b


NUMPY = SimpleNamespace(
    name="numpy",
    sqrt=np.sqrt,
    abs=np.abs,
    sign=np.sign,
    pow=np.power,
    select=_select,
)


def _sympy_namespace():
    import sympy as sp

    return SimpleNamespace(
        name="sympy",
        sqrt=sp.sqrt,
        abs=sp.Abs,
        sign=sp.sign,
        pow=lambda a, b: a**b,
        select=_select,
    )


class _LazySympy(SimpleNamespace):
    """Import sympy on first use so ``import adamdyn`` stays fast."""

    def __getattr__(self, item):
        ns = _sympy_namespace()
        self.__dict__.update(vars(ns))
        return getattr(ns, item)


SYMPY = _LazySympy()


def torch_backend():
    """Return the torch backend (imports torch lazily)."""
    import torch

    return SimpleNamespace(
        name="torch",
        sqrt=torch.sqrt,
        abs=torch.abs,
        sign=torch.sign,
        pow=torch.pow,
        select=_select,
    )


class SLog:
    """A real number stored as ``sign * exp(log)``: float64 precision, unbounded range.

    ``SLog`` never overflows or underflows: ``1e-400`` is ``SLog(-921.03, 1)``.
    Relative precision is about ``1e-16 * max(1, |log|)``. Used by the normalized
    mode of :func:`adamdyn.simulate`, where the rule runs in the frame where the
    gradient has unit size and every state variable is far outside float64's
    range after many steps.
    """

    __slots__ = ("log", "sign")

    def __init__(self, log: float, sign: float):
        self.log = float(log) if sign else -math.inf
        self.sign = float(sign)

    @staticmethod
    def of(value) -> SLog:
        if isinstance(value, SLog):
            return value
        value = float(value)
        if value == 0.0:
            return SLog(-math.inf, 0.0)
        if not math.isfinite(value):
            raise ValueError(f"SLog cannot hold the non-finite value {value!r}")
        return SLog(math.log(abs(value)), math.copysign(1.0, value))

    def __float__(self) -> float:
        if self.sign == 0.0:
            return 0.0
        try:
            return self.sign * math.exp(self.log)
        except OverflowError:
            return self.sign * math.inf

    def __repr__(self) -> str:
        return f"SLog(log={self.log!r}, sign={self.sign:+.0f})"

    # arithmetic -------------------------------------------------------
    def __mul__(self, other):
        o = SLog.of(other)
        s = self.sign * o.sign
        return SLog(self.log + o.log if s else -math.inf, s)

    __rmul__ = __mul__

    def __truediv__(self, other):
        o = SLog.of(other)
        if o.sign == 0.0:
            raise ZeroDivisionError("SLog division by zero")
        s = self.sign * o.sign
        return SLog(self.log - o.log if s else -math.inf, s)

    def __rtruediv__(self, other):
        return SLog.of(other) / self

    def __neg__(self):
        return SLog(self.log, -self.sign)

    def __pos__(self):
        return self

    def __add__(self, other):
        o = SLog.of(other)
        if o.sign == 0.0:
            return self
        if self.sign == 0.0:
            return o
        a, b = (self, o) if self.log >= o.log else (o, self)
        d = b.log - a.log  # <= 0
        if a.sign == b.sign:
            return SLog(a.log + math.log1p(math.exp(d)), a.sign)
        if d == 0.0:
            return SLog(-math.inf, 0.0)
        return SLog(a.log + math.log(-math.expm1(d)), a.sign)

    __radd__ = __add__

    def __sub__(self, other):
        return self + (-SLog.of(other))

    def __rsub__(self, other):
        return SLog.of(other) + (-self)

    def __pow__(self, e):
        e = float(e)
        if self.sign == 0.0:
            if e > 0:
                return self
            raise ZeroDivisionError("SLog: 0 to a non-positive power")
        if self.sign < 0:
            if not float(e).is_integer():
                raise ValueError("SLog: negative number to a non-integer power")
            s = -1.0 if int(e) % 2 else 1.0
        else:
            s = 1.0
        return SLog(self.log * e, s)

    def __abs__(self):
        return SLog(self.log, abs(self.sign))


def _slog_sqrt(a):
    a = SLog.of(a)
    if a.sign < 0:
        raise ValueError("SLog: square root of a negative number")
    return SLog(0.5 * a.log, a.sign)


SLOG = SimpleNamespace(
    name="slog",
    sqrt=_slog_sqrt,
    abs=lambda a: abs(SLog.of(a)),
    sign=lambda a: SLog.of(a).sign,
    pow=lambda a, b: SLog.of(a) ** b,
    select=_select,
)
