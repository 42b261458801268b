"""The helpers of :mod:`adamdyn.kernels._slog` that the CUDA kernels call, as CUDA device functions.

Compiled by ``numba.cuda`` from their Python source, so their semantics stay those of the CPU kernels (one
definition). Each is rebuilt from its code object with a namespace in which the other helpers are these
device functions too (``_smax`` calls ``_slt``): a device function never calls a CPU ``njit`` dispatcher.
The generated CUDA modules (:func:`adamdyn.kernels.codegen.generate` with ``device="cuda"``) import them.
"""

import types

from numba import cuda

from ..kernels import _slog
from ..kernels._slog import LN10, TINY

#: the device functions (the raw kernel's, then the sign/log arithmetic and reductions of the normalized one)
HELPERS = ("_ax_of_loss", "_fmax", "_fmin", "_fsign", "_gpow", "_log10", "_sampled_slope",
           "_sof", "_sadd", "_smul", "_sdiv", "_spow", "_slt", "_smax", "_smin", "_lnabs", "_cwin")

__all__ = ["LN10", "TINY", *HELPERS]

#: the globals the device functions see: _slog's own (constants, math, np), with every helper replaced.
#: Its warning registry exists from the start: numba's CUDA simulator runs each thread of a block as a Python
#: thread and reads a device function's globals at every call, and the first warning raised in one thread
#: (numpy scalar arithmetic, e.g. -inf - -inf) would add the key while another thread iterates the dict
#: ("dictionary changed size during iteration"). Compiled for a real GPU, nothing reads it.
_NAMESPACE = dict(vars(_slog))
_NAMESPACE.setdefault("__warningregistry__", {})


def _device(name):
    fn = getattr(_slog, name)
    py = getattr(fn, "py_func", fn)
    rebuilt = types.FunctionType(py.__code__, _NAMESPACE, py.__name__, py.__defaults__, py.__closure__)
    rebuilt.__doc__ = py.__doc__
    return cuda.jit(device=True)(rebuilt)


_NAMESPACE.update({name: _device(name) for name in HELPERS})
globals().update({name: _NAMESPACE[name] for name in HELPERS})
