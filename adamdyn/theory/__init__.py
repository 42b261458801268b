r"""Symbolic engine: the normalized map of any rule on :math:`|x|^n/n`, derived from ``rule.update``.

Public API: :func:`derive` (-> :class:`Derivation`), the numeric theory every
layer uses (:mod:`adamdyn.theory.numeric`): :func:`regime`,
:func:`spectral_radius`, :func:`rate`, :func:`decoupled_rate`, :func:`fixed_point`, :func:`theory_grid`,
the lambdified per-rule :class:`Theory` (:func:`theory`, :func:`quick_theory`)
and :class:`TheoryUnavailable`, the one "no theory here" error;
:func:`acceleration_map`; :func:`eps_floor` (-> :class:`EpsFloor`), the loss level where
``eps > 0`` ends linear convergence; and the renderers of :mod:`adamdyn.theory.report`.
"""

from . import cache
from .acceleration import AccelerationMap, acceleration_map
from .derivation import Derivation, derive
from .eps_floor import EpsFloor, eps_floor
from .fixed_points import FixedPoint
from .map import NormalizedMap
from .numeric import (
    Theory,
    TheoryUnavailable,
    decoupled_rate,
    fixed_point,
    quick_theory,
    rate,
    regime,
    spectral_radius,
    theory,
    theory_grid,
)
from .stability import Condition, Stability

# the dataclasses a cached derivation holds: given to the cache here, so that it imports none of their modules
cache.register(Derivation, NormalizedMap, FixedPoint, Stability, Condition)

__all__ = ["AccelerationMap", "Derivation", "EpsFloor", "Theory", "TheoryUnavailable", "acceleration_map", "derive", "regime",
           "spectral_radius", "rate", "decoupled_rate", "fixed_point", "quick_theory", "theory", "theory_grid", "eps_floor"]
