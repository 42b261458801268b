"""Predictions from the symbolic engine (:mod:`adamdyn.symbolic`), imported lazily.

A missing engine function raises :class:`~adamdyn.theorems.core.TheoryUnavailable`, so the
claim reports ``n/a`` rather than falling back to a typed-in constant.
"""

from __future__ import annotations

import importlib

from .core import TheoryUnavailable

__all__ = ["engine", "source"]


def engine(name=None):
    """The symbolic package, or one of its public functions; ``TheoryUnavailable`` if absent."""
    try:
        mod = importlib.import_module("adamdyn.symbolic")
    except ImportError as exc:  # pragma: no cover
        raise TheoryUnavailable(f"adamdyn.symbolic cannot be imported ({exc})") from None
    if name is None:
        return mod
    if hasattr(mod, name):
        return getattr(mod, name)
    raise TheoryUnavailable(f"adamdyn.symbolic has no {name!r} yet")


def rate(optimizer, n, **params) -> float:
    return float(engine("rate")(optimizer, n=n, **params))


def spectral_radius(optimizer, n, **params) -> float:
    return float(engine("spectral_radius")(optimizer, n=n, **params))


def regime(optimizer, n, **params):
    return engine("regime")(optimizer, n=n, **params)


def source() -> str:
    return "adamdyn.symbolic"
