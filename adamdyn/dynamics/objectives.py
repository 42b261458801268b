r"""Objectives: the degenerate power :math:`|x|^n/n`, mixed curvature, the saddle of Abuduweili & Liu (2025).

Each objective gives ``value(x)`` and ``grad(x)`` on float64 numpy arrays
(``x`` of shape ``(dim,)``). Build one with :func:`get_objective`:

>>> f = get_objective("power", n=4)
>>> float(f.value(np.array([2.0]))), float(f.grad(np.array([2.0]))[0])
(4.0, 8.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..rules.base import Param

__all__ = ["Objective", "Power", "Mixed", "Saddle", "get_objective", "OBJECTIVES"]

N_PARAM = Param("n", 4.0, "degree of the power objective", lo=2.0, example="4")


@dataclass(frozen=True)
class Objective:
    """Base: ``value(x)``, ``grad(x)``, ``excess(x)`` and the parameters that define it."""

    name: str = field(init=False, default="")

    def params(self) -> dict:
        raise NotImplementedError

    def value(self, x):
        raise NotImplementedError

    @property
    def minimum(self) -> float:
        """The smallest value of ``f`` (per coordinate); 0 unless the objective says otherwise."""
        return 0.0

    def excess(self, x):
        """``f(x) - min f``, the loss above the minimum (what a run's ``log10_loss`` records), computed without
        cancellation; ``f`` itself where the minimum is 0."""
        return self.value(x)

    def grad(self, x):
        raise NotImplementedError


@dataclass(frozen=True)
class Power(Objective):
    r""":math:`f(x) = \sum_i |x_i|^n / n`, real :math:`n \ge 2` (Bai et al., 2026, eq. [1]).

    Gradient :math:`\mathrm{sign}(x)|x|^{n-1}`, Hessian :math:`(n-1)|x|^{n-2}`,
    which vanishes at the minimum when :math:`n > 2`.
    """

    n: float = 4.0
    name: str = field(init=False, default="power")

    def params(self):
        return {"n": self.n}

    def value(self, x):
        return np.sum(np.abs(x) ** self.n) / self.n

    def grad(self, x):
        return np.sign(x) * np.abs(x) ** (self.n - 1)


@dataclass(frozen=True)
class Mixed(Objective):
    r"""Mixed curvature :math:`f(x) = \sum_i w_i |x_i|^{n_i}/n_i` (Bai et al., 2026, Fig. 8).

    The default is :math:`x^2/2 + y^4/4`: a strongly convex direction and a
    degenerate one.
    """

    ns: tuple = (2.0, 4.0)
    weights: tuple = (1.0, 1.0)
    name: str = field(init=False, default="mixed")

    def params(self):
        return {"ns": list(self.ns), "weights": list(self.weights)}

    def value(self, x):
        ns = np.asarray(self.ns)
        return float(np.sum(np.asarray(self.weights) * np.abs(x) ** ns / ns))

    def grad(self, x):
        ns = np.asarray(self.ns)
        return np.asarray(self.weights) * np.sign(x) * np.abs(x) ** (ns - 1)


@dataclass(frozen=True)
class Saddle(Objective):
    r"""The saddle toy of Abuduweili & Liu (2025), eqs. (16)-(17) there:

    .. math::
        f(x) = (x-b)^n \ (x \ge x_s),\quad -(x+b)^n \ (x \le -x_s),\quad x^2 + d \ \text{otherwise},

    with :math:`x_s = (s/n)^{1/(n-1)} + b` and :math:`d = (x_s-b)^n - x_s^2`.
    That paper uses ``n = 7, b = 1, s = 0.5``.
    """

    n: float = 7.0
    b: float = 1.0
    s: float = 0.5
    name: str = field(init=False, default="saddle")

    @property
    def xs(self):
        return (self.s / self.n) ** (1.0 / (self.n - 1.0)) + self.b

    @property
    def d(self):
        return (self.xs - self.b) ** self.n - self.xs**2

    def params(self):
        return {"n": self.n, "b": self.b, "s": self.s}

    def value(self, x):
        x = np.asarray(x, dtype=float)
        xs, b, n = self.xs, self.b, self.n
        right = np.sign(x - b) * np.abs(x - b) ** n
        left = -np.sign(x + b) * np.abs(x + b) ** n
        out = np.where(x >= xs, right, np.where(x <= -xs, left, x * x + self.d))
        return float(np.sum(out))

    @property
    def minimum(self) -> float:
        return self.d

    def excess(self, x):
        """``f(x) - d`` per coordinate: the minimum is ``d`` at x = 0, where the middle branch ``x^2 + d`` gives
        ``x^2`` exactly."""
        x = np.asarray(x, dtype=float)
        xs, b, n = self.xs, self.b, self.n
        right = np.sign(x - b) * np.abs(x - b) ** n - self.d
        left = -np.sign(x + b) * np.abs(x + b) ** n - self.d
        return float(np.sum(np.where(x >= xs, right, np.where(x <= -xs, left, x * x))))

    def grad(self, x):
        x = np.asarray(x, dtype=float)
        xs, b, n = self.xs, self.b, self.n
        right = n * np.abs(x - b) ** (n - 1)
        left = -n * np.abs(x + b) ** (n - 1)
        return np.where(x >= xs, right, np.where(x <= -xs, left, 2.0 * x))


OBJECTIVES = {
    "power": (Power, (N_PARAM,)),
    "mixed": (Mixed, ()),
    "saddle": (
        Saddle,
        (
            Param("n", 7.0, "degree of the outer branches", lo=2.0, example="7"),
            Param("b", 1.0, "bias of the outer branches", lo=0.0, example="1"),
            Param("s", 0.5, "slope at the switch point", lo=0.0, lo_open=True, example="0.5"),
        ),
    ),
}


def get_objective(name="power", **params) -> Objective:
    """Build objective ``name`` (``power``, ``mixed``, ``saddle``) with validated parameters."""
    if isinstance(name, Objective):
        return name
    try:
        cls, specs = OBJECTIVES[str(name).lower()]
    except KeyError:
        raise ValueError(
            f"unknown objective {name!r}; valid names are {', '.join(OBJECTIVES)}. "
            "Fix: pick one of those."
        ) from None
    if cls is Mixed:
        ns = tuple(float(v) for v in params.pop("ns", (2.0, 4.0)))
        weights = tuple(float(v) for v in params.pop("weights", (1.0,) * len(ns)))
        if params:
            raise ValueError(f"objective 'mixed' has no parameter {sorted(params)[0]!r}; valid: ns, weights")
        if len(ns) != len(weights) or not ns:
            raise ValueError(
                f"objective 'mixed': ns={list(ns)} and weights={list(weights)} must be non-empty and of "
                "equal length. Fix: give one weight per exponent."
            )
        for v in ns:
            N_PARAM.check(v, "objective 'mixed'")
        if not all(math.isfinite(w) and w > 0 for w in weights):
            raise ValueError(f"objective 'mixed': weights={list(weights)} must be positive and finite.")
        return Mixed(ns=ns, weights=weights)
    known = {q.name: q for q in specs}
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise ValueError(
            f"objective {name!r} has no parameter {unknown[0]!r}; valid names are "
            f"{', '.join(known) or 'none'}. Fix: use one of those."
        )
    vals = {k: q.check(params.get(k, q.default), f"objective {name!r}") for k, q in known.items()}
    return cls(**vals)
