"""Dynamics beyond the closed forms: every fixed point and orbit, attractors, basins and boundaries,
computed numerically on the normalized map of any rule.

Modules: :mod:`.maps` (the rule's normalized map as numpy functions, built once for all of them: the
reduced map at z = 0 and the orbit map with log z), :mod:`.fixed_points` (complete search in a box, periodic orbits), :mod:`.continuation`
(fold, flip and Neimark-Sacker boundaries in a plane of two parameters), :mod:`.atlas` (per-cell
classification of the long-run behaviour, Lyapunov spectra) and :mod:`.basins`. Names are imported
lazily from their modules; the atlas function is ``adamdyn.dynamics.atlas.atlas`` (here the name
``atlas`` is its module, so the two never shadow each other).
"""

from __future__ import annotations

import importlib

_WHERE = {
    "maps": ("reduced_map", "reduced_maps", "orbit_map", "ReducedMap", "OrbitMap"),
    "fixed_points": ("find_fixed_points", "FixedPointSearch"),
    "continuation": ("continue_boundary",),
    "atlas": ("Atlas", "lyapunov_spectrum"),
    "basins": ("basin", "basin_fractions"),
}
_NAME_TO_MODULE = {name: mod for mod, names in _WHERE.items() for name in names}

__all__ = sorted(_NAME_TO_MODULE)


def __getattr__(name):
    try:
        module = _NAME_TO_MODULE[name]
    except KeyError:
        raise AttributeError(f"module 'adamdyn.dynamics' has no attribute {name!r}") from None
    return getattr(importlib.import_module(f".{module}", __name__), name)
