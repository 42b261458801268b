"""adamdyn: adaptive optimizers as dynamical systems on degenerate objectives |x|^n."""

from ._version import __version__
from .backend import SLog
from .objectives import get_objective
from .results import load_npz, save_npz
from .rules import RULES, Rule, get_rule, register
from .simulation import Trajectory, simulate

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
]
