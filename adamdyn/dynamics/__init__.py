"""Dynamics beyond the closed forms: every fixed point and orbit, attractors, basins and boundaries,
computed numerically on the normalized map of any rule.

Modules: :mod:`.maps` (the rule's normalized map, built once for all of them: the reduced map at z = 0 as
sympy expressions and as numpy functions, and the orbit map with log z), :mod:`.fixed_points` (search in a box,
periodic orbits), :mod:`.interval` (the proven-complete interval search), :mod:`.continuation` (fold, flip and
Neimark-Sacker boundaries in a plane of two parameters), :mod:`.atlas` (per-cell classification of the long-run
behaviour), :mod:`.lyapunov` (Lyapunov spectra of any map) and :mod:`.basins`. Modules whose names start with
``_`` are their parts. Names are imported
lazily from their modules; the atlas function is ``adamdyn.dynamics.atlas.atlas`` (here the name
``atlas`` is its module, so the two never shadow each other).
"""

from __future__ import annotations

import importlib

_WHERE = {
    "maps": ("reduced_map", "reduced_maps", "reduced_expressions", "orbit_map", "ReducedMap", "ChartExpressions",
             "OrbitMap"),
    "fixed_points": ("find_fixed_points", "FixedPointSearch"),
    "continuation": ("continue_boundary",),
    "atlas": ("Atlas",),
    "lyapunov": ("lyapunov_spectrum", "Spectrum"),
    "interval": ("interval_maps", "prove_fixed_points", "IntervalMap", "IntervalProof"),
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
