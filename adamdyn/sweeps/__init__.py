"""Sweeps: phase diagrams and bifurcation diagrams over the generated kernels.

Parallel over grid points, reductions only (no per-step storage).
"""

from .phase import PhaseDiagram, phase_diagram
from .regimes import REGIME_NAMES, label_regimes

__all__ = ["PhaseDiagram", "phase_diagram", "label_regimes", "REGIME_NAMES"]
