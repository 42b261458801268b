r"""Symbolic engine: the normalized map of any rule on :math:`|x|^n/n`, derived from ``rule.update``.

Public API: :func:`derive` (-> :class:`Derivation`), the lambdified numeric
functions :func:`regime`, :func:`spectral_radius`, :func:`rate`,
:func:`fixed_point`, and :func:`acceleration_map`.
"""

from . import cache
from .acceleration import AccelerationMap, acceleration_map
from .derivation import Derivation, derive
from .fixed_points import FixedPoint
from .map import NormalizedMap
from .numeric import fixed_point, rate, regime, spectral_radius
from .stability import Condition, Stability

# the dataclasses a cached derivation holds: given to the cache here, so that it imports none of their modules
cache.register(Derivation, NormalizedMap, FixedPoint, Stability, Condition)

__all__ = ["AccelerationMap", "Derivation", "acceleration_map", "derive", "regime", "spectral_radius", "rate",
           "fixed_point"]
