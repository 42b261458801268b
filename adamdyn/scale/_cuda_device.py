"""The helpers of :mod:`adamdyn.kernels._slog` that the CUDA kernels call, as CUDA device functions.

Compiled by ``numba.cuda`` from their Python source, so their semantics stay those of the CPU kernels.
The generated CUDA modules (:func:`adamdyn.kernels.codegen.generate` with ``device="cuda"``) import them.
"""

from numba import cuda

from ..kernels import _slog
from ..kernels._slog import TINY

__all__ = ["TINY", "_ax_of_loss", "_fmax", "_fmin", "_fsign", "_gpow", "_log10", "_sampled_slope"]


def _device(fn):
    return cuda.jit(device=True)(getattr(fn, "py_func", fn))


_gpow = _device(_slog._gpow)
_ax_of_loss = _device(_slog._ax_of_loss)
_log10 = _device(_slog._log10)
_sampled_slope = _device(_slog._sampled_slope)
_fsign = _device(_slog._fsign)
_fmax = _device(_slog._fmax)
_fmin = _device(_slog._fmin)
