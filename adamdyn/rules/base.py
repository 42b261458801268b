"""What an optimizer rule is: parameters, explicit state, init and update.

A rule is one small module that builds a :class:`Rule`. The update is written
once against a backend namespace ``B`` (see :mod:`adamdyn.backend`) and is
used unchanged by every backend: sympy, numpy, extended-range numbers, numba
(through generated code) and torch.

Conventions shared by every rule (the indexing of Bai et al. (2026), eq. [2]):

* ``update(state, g, t, p, B) -> (new_state, direction)``: ``state`` holds the
  moments *before* gradient ``g = g_t`` at step ``t = 1, 2, ...`` is folded in;
  ``new_state`` holds them after (``m_t``, ``v_t``); the iterate moves by
  ``x_{t+1} = x_t - p.lr * direction``.
* ``degrees(p)`` gives, for every state variable, its homogeneity degree in the
  gradient (``m``: 1, ``v``: 2, S3's ``s``: ``p``); ``direction_degree`` is
  the degree of ``direction`` (0 for scale-free adaptive methods with
  ``eps = 0``, 1 for GD and momentum). ``param_degrees(p)`` gives the degree of
  scale-carrying parameters such as ``eps``. These let the normalized mode and
  the symbolic engine move to the frame where ``|g| = 1``.
* ``scale(state, g, p, B)`` is the denominator of the update (``sqrt(v_t)``
  for Adam, ``|g_t|`` for SignGD, ``1`` when absent); on ``|x|^n`` the
  effective curvature is ``lambda_t = lr |x_t|^(n-2) / scale`` (docs/THEORY.md,
  "The normalized state map").
* A rule that moves with the iterate itself (decoupled weight decay, Adafactor's
  parameter scale) sets ``needs_x``: its ``update`` then takes ``x = x_t`` (in
  real units, never normalized) as a sixth argument, and callers go through
  :meth:`Rule.advance`. Such a rule has ``direction_degree`` 0, so its ``x``
  terms keep their meaning in the frame where ``|g| = 1``.
* ``published`` holds the defaults of the paper or of the reference
  implementation where the rule's own defaults are the analysis form (``eps = 0``).
* A rule module keeps its equations once, in ``EQUATIONS``: they are ``Rule.equations``
  and :func:`with_equations` appends them to the module docstring.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

__all__ = ["Param", "Rule", "Params", "with_equations"]


@dataclass(frozen=True)
class Param:
    """One optimizer parameter with its default and valid range.

    ``kind`` is ``"float"`` or ``"bool"``. For floats, ``lo``/``hi`` bound the
    value, ``lo_open``/``hi_open`` say whether the bound itself is excluded.
    """

    name: str
    default: float | bool
    doc: str
    kind: str = "float"
    lo: float = -math.inf
    hi: float = math.inf
    lo_open: bool = False
    hi_open: bool = False
    example: str = ""

    def range_text(self) -> str:
        if self.kind == "bool":
            return "true or false"
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        lo = "-inf" if self.lo == -math.inf else f"{self.lo:g}"
        hi = "inf" if self.hi == math.inf else f"{self.hi:g}"
        if self.hi == math.inf:
            right = ")"
        if self.lo == -math.inf:
            left = "("
        return f"{left}{lo}, {hi}{right}"

    def check(self, value, owner: str):
        """Return ``value`` converted to the parameter's kind, or raise ``ValueError``."""
        fix = f"pass e.g. {self.name}={self.example or self.default}"
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "yes", "no"):
                return value.lower() in ("true", "1", "yes")
            if isinstance(value, (int, float)) and value in (0, 1):
                return bool(value)
            raise ValueError(
                f"{owner}: {self.name}={value!r} is not a boolean; valid values are "
                f"true or false. Fix: {fix}."
            )
        try:
            if isinstance(value, bool):
                raise TypeError
            x = float(value)
        except (TypeError, ValueError):
            raise ValueError(
                f"{owner}: {self.name}={value!r} is not a number; valid range is "
                f"{self.range_text()}. Fix: {fix}."
            ) from None
        ok = math.isfinite(x)
        if ok:
            ok = (x > self.lo if self.lo_open else x >= self.lo) and (
                x < self.hi if self.hi_open else x <= self.hi
            )
        if not ok:
            raise ValueError(
                f"{owner}: {self.name}={value!r} is out of range; valid range is "
                f"{self.range_text()}. Fix: {fix}."
            )
        return x


class Params(SimpleNamespace):
    """Validated parameter values of one optimizer, as attributes (``p.beta1``)."""

    def as_dict(self) -> dict:
        return dict(vars(self))


def with_equations(doc: str | None, equations: str) -> str | None:
    """``doc`` followed by ``equations`` (one per line) as a ``.. math::`` block, one equation per
    paragraph; ``None`` (docstrings stripped by ``python -OO``) stays ``None``."""
    if doc is None:
        return None
    body = "\n\n".join("    " + line.strip() for line in equations.strip().splitlines())
    return doc.rstrip() + "\n\n.. math::\n\n" + body + "\n"


def _zero_degrees(p):
    return {}


@dataclass(frozen=True)
class Rule:
    """An optimizer defined once: parameters, state names and the update."""

    name: str
    summary: str
    equations: str
    params: tuple[Param, ...]
    state: tuple[str, ...]
    init: Callable
    update: Callable
    degrees: Callable
    direction_degree: int
    scale: Callable | None = None
    param_degrees: Callable = _zero_degrees
    reference: str = ""
    aliases: dict = field(default_factory=dict)
    needs_x: bool = False
    published: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.needs_x and self.direction_degree != 0:
            raise ValueError(f"rule {self.name!r}: needs_x is only defined for direction_degree 0 "
                             f"(got {self.direction_degree}). Fix: write the x terms into a scale-free rule.")
        unknown = sorted(set(self.published) - {q.name for q in self.params})
        if unknown:
            raise ValueError(f"rule {self.name!r}: published default for unknown parameter {unknown[0]!r}. "
                             "Fix: name one of the rule's parameters.")

    def advance(self, state, g, t, p, B, x=None):
        """One ``update`` (``(new_state, direction)``), passing the iterate ``x`` when the rule uses it."""
        if not self.needs_x:
            return self.update(state, g, t, p, B)
        if x is None:
            raise ValueError(f"rule {self.name!r} needs the iterate x (decoupled weight decay or parameter "
                             "scale). Fix: pass x=x_t to Rule.advance.")
        return self.update(state, g, t, p, B, x)

    def published_params(self, **values) -> Params:
        """:meth:`make_params` at the published defaults (``eps`` as the paper or torch sets it)."""
        return self.make_params(**{**self.published, **values})

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(q.name for q in self.params)

    def defaults(self) -> dict:
        return {q.name: q.default for q in self.params}

    def make_params(self, **values) -> Params:
        """Validate ``values`` (missing ones take defaults) into a :class:`Params`."""
        known = {q.name: q for q in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(
                f"optimizer {self.name!r} has no parameter {unknown[0]!r}; valid names are "
                f"{', '.join(known)}. Fix: use one of those names."
            )
        out = {}
        for name, q in known.items():
            out[name] = q.check(values.get(name, q.default), f"optimizer {self.name!r}")
        return Params(**out)

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"
