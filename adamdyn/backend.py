"""The tiny namespace every optimizer rule is written against.

A rule (see :mod:`adamdyn.rules`) uses Python's arithmetic operators on its
inputs plus the functions of a backend ``B``: ``B.sqrt``, ``B.abs``,
``B.sign``, ``B.pow``, ``B.select``, the elementwise ``B.max``, ``B.min`` and
``B.clip`` and the branch ``B.where``. The same rule text then runs on

* :data:`NUMPY`  -- float64 scalars or arrays (reference trajectories),
* :data:`SYMPY`  -- symbols (derivations in :mod:`adamdyn.theory`),
* :data:`SLOG`   -- :class:`SLog` extended-range numbers (normalized mode),
* :func:`torch_backend` -- tensors (the torch optimizers).

``B.select(flag, a, b)`` picks ``a`` when the *configuration* flag is true.
Flags are Python booleans fixed before a rule is run (bias correction on or
off, Nesterov step on or off), never data-dependent branches, so every backend
can evaluate them eagerly.

Data-dependent choices are ``B.max(a, b)``, ``B.min(a, b)``, ``B.clip(a, lo, hi)``
(``min(max(a, lo), hi)``) and ``B.sign``; ``B.where(cond, a, b)`` picks by a
condition on the step ``t`` and the parameters (RAdam's warm-up test ``rho_t > 5``):
a Python boolean on numbers, a ``Piecewise`` on sympy symbols. Every backend runs
all of them, elementwise on arrays and tensors.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np

__all__ = ["NUMPY", "SYMPY", "SLOG", "SLog", "torch_backend"]


def _select(flag, a, b):
    return a if flag else b


def _clip_with(bmax, bmin):
    def clip(a, lo, hi):
        """``min(max(a, lo), hi)``: ``a`` held in ``[lo, hi]``."""
        return bmin(bmax(a, lo), hi)

    return clip


def _np_where(cond, a, b):
    if np.ndim(cond):
        return np.where(cond, a, b)
    return a if cond else b


NUMPY = SimpleNamespace(
    name="numpy",
    sqrt=np.sqrt,
    abs=np.abs,
    sign=np.sign,
    pow=np.power,
    select=_select,
    max=np.maximum,
    min=np.minimum,
    clip=_clip_with(np.maximum, np.minimum),
    where=_np_where,
)


def _sympy_namespace():
    import sympy as sp

    def where(cond, a, b):
        cond = sp.sympify(cond)
        if cond in (sp.true, sp.false):
            return a if cond == sp.true else b
        return sp.Piecewise((a, cond), (b, True))

    return SimpleNamespace(
        name="sympy",
        sqrt=sp.sqrt,
        abs=sp.Abs,
        sign=sp.sign,
        pow=lambda a, b: a**b,
        select=_select,
        max=sp.Max,
        min=sp.Min,
        clip=_clip_with(sp.Max, sp.Min),
        where=where,
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

    def tensor_pair(a, b):
        ref = a if isinstance(a, torch.Tensor) else b
        if not isinstance(ref, torch.Tensor):
            return torch.as_tensor(a, dtype=torch.float64), torch.as_tensor(b, dtype=torch.float64)
        return torch.as_tensor(a, dtype=ref.dtype, device=ref.device), torch.as_tensor(b, dtype=ref.dtype,
                                                                                      device=ref.device)

    def tmax(a, b):
        return torch.maximum(*tensor_pair(a, b))

    def tmin(a, b):
        return torch.minimum(*tensor_pair(a, b))

    def where(cond, a, b):
        if isinstance(cond, torch.Tensor) and cond.ndim:
            return torch.where(cond, *tensor_pair(a, b))
        return a if bool(cond) else b

    def lift(tensor_fn, number_fn):
        """``tensor_fn`` on tensors, ``number_fn`` on Python numbers (a step-dependent constant such as
        RAdam's ``sqrt(1 - beta2**t)``, where torch's functions want tensors)."""

        def fn(*args):
            if any(isinstance(a, torch.Tensor) for a in args):
                return tensor_fn(*args)
            return number_fn(*args)

        return fn

    return SimpleNamespace(
        name="torch",
        sqrt=lift(torch.sqrt, math.sqrt),
        abs=lift(torch.abs, abs),
        sign=lift(torch.sign, lambda a: float((a > 0) - (a < 0))),
        pow=lift(torch.pow, lambda a, b: a**b),
        select=_select,
        max=tmax,
        min=tmin,
        clip=_clip_with(tmax, tmin),
        where=where,
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

    # order (data-dependent choices: max, min, clip) ----------------------
    def _key(self):
        """A number ordered as the value: sign 0 below every positive, above every negative."""
        return (self.sign, self.sign * self.log) if self.sign else (0.0, 0.0)

    def __lt__(self, other):
        return self._key() < SLog.of(other)._key()

    def __gt__(self, other):
        return SLog.of(other) < self

    def __le__(self, other):
        return not self > other

    def __ge__(self, other):
        return not self < other


def _slog_sqrt(a):
    a = SLog.of(a)
    if a.sign < 0:
        raise ValueError("SLog: square root of a negative number")
    return SLog(0.5 * a.log, a.sign)


def _slog_max(a, b):
    a, b = SLog.of(a), SLog.of(b)
    return b if b > a else a


def _slog_min(a, b):
    a, b = SLog.of(a), SLog.of(b)
    return b if b < a else a


SLOG = SimpleNamespace(
    name="slog",
    sqrt=_slog_sqrt,
    abs=lambda a: abs(SLog.of(a)),
    sign=lambda a: SLog.of(a).sign,
    pow=lambda a, b: SLog.of(a) ** b,
    select=_select,
    max=_slog_max,
    min=_slog_min,
    clip=_clip_with(_slog_max, _slog_min),
    where=lambda cond, a, b: a if cond else b,
)
