"""adamdyn: adaptive optimizers as dynamical systems on degenerate objectives |x|^n.

>>> import adamdyn as ad
>>> r = ad.simulate("adam", n=4, beta1=0.9, beta2=0.999, steps=1000)
>>> r.stop_reason
'completed'

Heavy layers (sympy derivations, numba sweeps, figures, torch) load on first use.
"""

import importlib

from ._version import __version__
from .backend import SLog
from .dynamics.objectives import get_objective
from .dynamics.results import load_npz, save_npz
from .dynamics.simulation import Trajectory, simulate
from .rules import RULES, Rule, get_rule, register

_LAZY = {
    "derive": "adamdyn.theory",
    "Derivation": "adamdyn.theory",
    "regime": "adamdyn.theory",
    "spectral_radius": "adamdyn.theory",
    "rate": "adamdyn.theory",
    "decoupled_rate": "adamdyn.theory",
    "fixed_point": "adamdyn.theory",
    "acceleration_map": "adamdyn.theory",
    "phase_diagram": "adamdyn.sweeps",
    "PhaseDiagram": "adamdyn.sweeps",
    "label_regimes": "adamdyn.sweeps",
    "bifurcation": "adamdyn.sweeps.bifurcation",
    "Bifurcation": "adamdyn.sweeps.bifurcation",
    "atlas": "adamdyn.dynamics.atlas",
    "Atlas": "adamdyn.dynamics.atlas",
    "find_fixed_points": "adamdyn.dynamics.fixed_points",
    "continue_boundary": "adamdyn.dynamics.continuation",
    "basin": "adamdyn.dynamics.basins",
    "basin_fractions": "adamdyn.dynamics.basins",
    "verify": "adamdyn.claims",
    "Check": "adamdyn.claims",
    "figures": "adamdyn.figures",
    "theory": "adamdyn.theory",
    "sweeps": "adamdyn.sweeps",
    "claims": "adamdyn.claims",
}

_MODULES = {"claims", "figures", "sweeps", "theory"}

__all__ = [
    "__version__",
    "RULES",
    "Rule",
    "SLog",
    "Trajectory",
    "get_objective",
    "get_rule",
    "load_npz",
    "register",
    "save_npz",
    "simulate",
    *_LAZY,
]


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'adamdyn' has no attribute {name!r}")
    mod = importlib.import_module(module)
    value = mod if name in _MODULES else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
