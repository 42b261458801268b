"""Recording a rule on stand-ins: the first half of how :class:`~adamdyn.torch.optim.RuleOptimizer` runs a rule.

:func:`record` calls the rule's ``update`` once on :class:`_Lazy` stand-ins (the state, ``g``, ``x``, and -- so
that one recording serves every step -- the step ``t`` and the rule's numeric parameters). Each operation becomes
a node of a :class:`_Graph`; the nodes that depend only on ``t`` and the parameters form the scalar program each
step evaluates once in Python float64, exactly as the eager rule does. :mod:`._program` turns the tensor
operations into a program run on every chunk of the flat state.
"""

from __future__ import annotations

import operator
from types import SimpleNamespace

import torch

from ..backend import torch_backend

_B = torch_backend()

# -- recording a rule on stand-ins ------------------------------------------------------------------------------
_EAGER = {
    "add": operator.add, "sub": operator.sub, "mul": operator.mul, "div": operator.truediv, "pow": operator.pow,
    "neg": operator.neg, "abs": operator.abs, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
    "ge": operator.ge, "eq": operator.eq, "ne": operator.ne, "B.sqrt": _B.sqrt, "B.abs": _B.abs,
    "B.sign": _B.sign, "B.pow": _B.pow, "B.max": _B.max, "B.min": _B.min, "B.where": _B.where,
}


class _Lazy:
    """A value of one step of a rule, recorded instead of computed (``op == "leaf"``: an input of the step)."""

    __slots__ = ("op", "args")

    def __init__(self, op, args):
        self.op, self.args = op, args

    __hash__ = object.__hash__

    def __add__(self, other):
        return _Lazy("add", (self, other))

    def __radd__(self, other):
        return _Lazy("add", (other, self))

    def __sub__(self, other):
        return _Lazy("sub", (self, other))

    def __rsub__(self, other):
        return _Lazy("sub", (other, self))

    def __mul__(self, other):
        return _Lazy("mul", (self, other))

    def __rmul__(self, other):
        return _Lazy("mul", (other, self))

    def __truediv__(self, other):
        return _Lazy("div", (self, other))

    def __rtruediv__(self, other):
        return _Lazy("div", (other, self))

    def __pow__(self, other):
        return _Lazy("pow", (self, other))

    def __rpow__(self, other):
        return _Lazy("pow", (other, self))

    def __neg__(self):
        return _Lazy("neg", (self,))

    def __pos__(self):
        return self

    def __abs__(self):
        return _Lazy("abs", (self,))

    def __lt__(self, other):
        return _Lazy("lt", (self, other))

    def __le__(self, other):
        return _Lazy("le", (self, other))

    def __gt__(self, other):
        return _Lazy("gt", (self, other))

    def __ge__(self, other):
        return _Lazy("ge", (self, other))

    def __eq__(self, other):
        return _Lazy("eq", (self, other))

    def __ne__(self, other):
        return _Lazy("ne", (self, other))

    def __bool__(self):
        raise TypeError("a recorded value has no truth value")


def _lazy_fn(name):
    eager = _EAGER[name]

    def fn(*args):
        if any(isinstance(a, _Lazy) for a in args):
            return _Lazy(name, args)
        return eager(*args)

    return fn


def _lazy_where(cond, a, b):
    if isinstance(cond, _Lazy) or (isinstance(cond, torch.Tensor) and cond.ndim):
        return _lazy_fn("B.where")(cond, a, b)
    return a if bool(cond) else b


_LAZY_B = SimpleNamespace(name="torch", sqrt=_lazy_fn("B.sqrt"), abs=_lazy_fn("B.abs"), sign=_lazy_fn("B.sign"),
                          pow=_lazy_fn("B.pow"), select=_B.select, max=_lazy_fn("B.max"), min=_lazy_fn("B.min"),
                          where=_lazy_where)
_LAZY_B.clip = lambda a, lo, hi: _LAZY_B.min(_LAZY_B.max(a, lo), hi)


def _walk(outputs, stop, follow=None):
    """The :class:`_Lazy` nodes behind ``outputs`` in an order where each comes after its arguments (``stop``:
    ids not to enter; ``follow(node)``: the arguments to visit, default ``node.args``)."""
    order, seen = [], set(stop)
    for out in outputs:
        stack = [(out, False)]
        while stack:
            n, done = stack.pop()
            if done:
                order.append(n)
                continue
            if not isinstance(n, _Lazy) or id(n) in seen:
                continue
            seen.add(id(n))
            stack.append((n, True))
            stack.extend((a, False) for a in reversed(n.args if follow is None else follow(n)))
    return order
