"""Scale and robustness: tiled resumable sweeps, a dask backend, a CUDA sweep kernel.

* :func:`sweep` -- a phase sweep cut into tiles, each written atomically into an
  output directory with a manifest; resumable; ``backend="local" | "dask"``,
  ``device="auto" | "cpu" | "cuda"``.
* :class:`TileStore` -- open an output directory; ``assemble()`` returns the
  :class:`adamdyn.sweeps.PhaseDiagram` (bit-identical to one ``phase_diagram`` run),
  ``to_xarray()`` an ``xarray.Dataset`` (optional dependency).
* :mod:`adamdyn.scale.gpu` -- the per-point sweep kernel for CUDA, generated from the rules.
"""

from .backends import BACKENDS, SweepInterrupted, resume_command, sweep
from .tiles import SweepSpec, TileStore, make_spec

__all__ = ["sweep", "SweepInterrupted", "resume_command", "BACKENDS", "TileStore", "SweepSpec", "make_spec"]
