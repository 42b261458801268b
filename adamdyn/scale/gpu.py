r"""The per-point sweep kernel as a CUDA kernel (numba.cuda), generated from the optimizer rules.

The rule's update is turned into source by the same machinery as the CPU
kernels, on the same path: :func:`adamdyn.kernels.codegen.generate` (``device="cuda"``) fills
the template ``CUDA_KERNEL`` of :mod:`adamdyn.kernels._templates` with the sympy expression
trees of the rule (nothing is copied by hand), and the module is written into the cache
folder and imported (:func:`adamdyn.kernels.rule_module`). The kernel runs one grid point
per thread with the CPU kernels' reductions (see :mod:`adamdyn.sweeps.phase`); the helper
functions of :mod:`adamdyn.kernels._slog` it calls are compiled as CUDA device functions from
their Python source (:mod:`adamdyn.scale._cuda_device`), so their semantics stay those of
the CPU kernels.

Scope and honesty: raw (float64) mode only -- the sign/log normalized mode
stays on the CPU (``device="auto"`` picks the CPU for it). Tested under numba's
CUDA simulator (``NUMBA_ENABLE_CUDASIM=1``: bit-identical to the CPU kernels,
underflow flags included). On hardware, CUDA's libdevice ``pow``/``log`` differ from
the CPU's libm in the last bit, and chaotic regimes amplify that, so individual
Regime II/III trajectories need not match the CPU's. A GPU sweep is therefore stamped
``device="cuda"`` in its manifest and never mixed with CPU tiles. Agreement with the
CPU and throughput on a GPU are measured by ``benchmarks/gpu_check.py``, which writes
``benchmarks/results/gpu_check.json`` (no such record is committed yet).
"""

from __future__ import annotations

import numpy as np

__all__ = ["cuda_available", "cuda_source", "run_points_cuda", "phase_diagram_cuda", "THREADS_PER_BLOCK"]

THREADS_PER_BLOCK = 128

_KERNELS: dict = {}


def cuda_available() -> bool:
    """True when numba.cuda finds a usable GPU (False under the simulator is not assumed)."""
    try:
        from numba import cuda

        return bool(cuda.is_available())
    except Exception:  # noqa: BLE001 - any driver or toolkit problem means no usable GPU
        return False


def cuda_source(rule, flags: dict) -> str:
    """Python source of the CUDA raw-mode kernel for ``rule`` with boolean ``flags`` (before ``cuda.jit``)."""
    from ..kernels import codegen as C

    return C._gen_cuda(rule, flags, C._Sym(rule, flags))


def get_cuda_kernel(rule, flags: dict):
    """Compile (once per process) and return the CUDA kernel for ``rule`` and ``flags``: its generated
    module (:func:`adamdyn.kernels.rule_module`, written into the cache and imported) holds the function."""
    from numba import cuda

    from ..kernels import rule_module
    from ..kernels.codegen import bool_params

    module = rule_module(rule, "cuda")
    key = (rule.name, tuple(sorted((k, bool(flags[k])) for k in bool_params(rule))))
    if (module.__name__, key) not in _KERNELS:
        _KERNELS[(module.__name__, key)] = cuda.jit(module.KERNELS[key])
    return _KERNELS[(module.__name__, key)]


def run_points_cuda(rule, flags, columns: np.ndarray, *, x0=1.0, steps=1000, mode="raw", spike_decades=2.0,
                    diverge_log10_loss=50.0, deep_decades=4.0):
    """CUDA counterpart of :func:`adamdyn.sweeps.phase.run_points` (raw mode; same output dict)."""
    from numba import cuda

    from ..kernels import F_COLUMNS, I_COLUMNS

    if mode != "raw":
        raise ValueError(f"mode={mode!r} is not available on CUDA (raw mode only). Fix: pass device='cpu' or "
                         "mode='raw'.")
    kern = get_cuda_kernel(rule, flags)
    npts = columns.shape[0]
    P = cuda.to_device(np.ascontiguousarray(columns, dtype=np.float64))
    F = cuda.device_array((npts, len(F_COLUMNS)), dtype=np.float64)
    I = cuda.device_array((npts, len(I_COLUMNS)), dtype=np.int64)  # noqa: E741 - the kernels' name
    blocks = (npts + THREADS_PER_BLOCK - 1) // THREADS_PER_BLOCK
    kern[blocks, THREADS_PER_BLOCK](P, float(x0), int(steps), float(spike_decades), float(diverge_log10_loss),
                                    float(deep_decades), F, I)
    Fh, Ih = F.copy_to_host(), I.copy_to_host()
    out = {k: Fh[:, j] for j, k in enumerate(F_COLUMNS)}
    out.update({k: Ih[:, j] for j, k in enumerate(I_COLUMNS)})
    out["tail"] = np.zeros((npts, 0, 2))
    return out


def phase_diagram_cuda(optimizer="adam", axes=None, fixed=None, *, steps=20000, mode="raw", x0=1.0,
                       spike_decades=2.0, diverge_log10_loss=50.0):
    """:func:`adamdyn.sweeps.phase_diagram` with the points run by the CUDA kernel (raw mode)."""
    from ..rules import get_rule
    from ..sweeps.phase import _check_positive, _check_steps, _check_x0, grid_sweep

    rule = get_rule(optimizer)
    if mode != "raw":
        raise ValueError(f"mode={mode!r} is not available on CUDA (raw mode only). Fix: pass device='cpu' or "
                         "mode='raw'.")
    steps, x0 = _check_steps(steps), _check_x0(x0, mode)
    spike_decades = _check_positive("spike_decades", spike_decades, "pass spike_decades=2")
    diverge_log10_loss = _check_positive("diverge_log10_loss", diverge_log10_loss, "pass diverge_log10_loss=50")
    return grid_sweep(rule, axes, fixed, run_points_cuda, steps=steps, mode=mode, x0=x0,
                      spike_decades=spike_decades, diverge_log10_loss=diverge_log10_loss, threads=1)
