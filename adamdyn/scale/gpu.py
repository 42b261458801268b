r"""The sweep kernels as CUDA kernels (numba.cuda), generated from the optimizer rules, in both modes.

The rule's update is turned into source by the same machinery as the CPU kernels, on the same path:
:func:`adamdyn.kernels.codegen.generate` (``device="cuda"``) fills the templates ``CUDA_KERNEL`` (raw) and
``CUDA_NORMALIZED_KERNEL`` (normalized) of :mod:`adamdyn.kernels._templates` with the sympy expression trees
of the rule (nothing is copied by hand), and the module is written into the cache folder and imported
(:func:`adamdyn.kernels.rule_module`). Each kernel runs one grid point per thread with the CPU kernels'
reductions and flags (see :mod:`adamdyn.sweeps.phase`); the helper functions of :mod:`adamdyn.kernels._slog`
they call are compiled as CUDA device functions from their Python source (:mod:`adamdyn.scale._cuda_device`),
so their semantics stay those of the CPU kernels. ``phase_diagram(..., device="cuda")`` and the tiled
sweep (:func:`adamdyn.scale.sweep`, ``device="auto"`` picks CUDA for both modes when numba finds a GPU) run
them.

Schemes. Raw mode: the CPU raw kernel's float64 step. Normalized mode: every step in sign/log form
(``(log|a|, sign a)`` pairs, the arithmetic of :class:`adamdyn.backend.SLog`), printed by the same function
as the CPU normalized kernel's sign/log step (``codegen._slog_step``: its fallback, and its only scheme when a
tail is asked for). The CPU kernel's fast scaled-float lanes (:mod:`adamdyn.kernels._fastnorm`) are not
ported: they pay off by SIMD across 8 points and by avoiding ``log``/``exp`` per step on a CPU, while on a
GPU a point is a thread, and their per-point switches between schemes would split warps.

Agreement (what is tested, what is not). Under numba's CUDA simulator (``NUMBA_ENABLE_CUDASIM=1``, the
tests): raw mode equals the CPU raw kernel bit for bit (underflow flags included), and normalized mode equals
the CPU normalized kernel run in its sign/log scheme (``tail >= 1``) bit for bit, tail included. The CPU
normalized kernel's default fast scheme agrees with the sign/log one to rounding, not bit for bit (the
tests' tolerance: relative 1e-9 on the float reductions at contracting points, equal steps and flags;
chaotic points amplify rounding). On hardware, CUDA's libdevice ``pow``/``log``/``log10``/``exp``/``log1p``
differ from the CPU's libm in the last bit, and NVVM contracts multiply-adds into fused ones (numba.cuda has
no switch for that alone), so reductions are rarely bit-identical. At points that converge linearly
(Regime I) the differences stay at rounding level; Regimes II and III are chaotic and amplify the last bit
into another orbit, so there only the observed labels compare. A GPU sweep is therefore stamped
``device="cuda"`` in its manifest and never mixed with CPU tiles. ``benchmarks/gpu_check.py`` measures the
agreement per kernel and the throughput on a GPU (record ``benchmarks/results/gpu_check.json``, shown in
README's GPU paragraph); ``benchmarks/cuda_ptx_check.py`` compiles every generated kernel for sm_90 with
NVVM, without a GPU.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..sweeps.regimes import LABELLING

__all__ = ["cuda_available", "cuda_source", "run_points_cuda", "phase_diagram_cuda", "THREADS_PER_BLOCK"]

THREADS_PER_BLOCK = 128

_KERNELS: dict = {}


def cuda_available() -> bool:
    """True when numba.cuda finds a usable GPU (False under the simulator is not assumed). A warning raised
    while probing (a deprecation in the driver bindings, an error under ``-W error``) is no answer: ignored."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from numba import cuda

            return bool(cuda.is_available())
    except Exception:  # noqa: BLE001 - any driver or toolkit problem means no usable GPU
        return False


def cuda_source(rule, flags: dict, mode: str = "raw") -> str:
    """Python source of the CUDA kernel of ``mode`` (``"raw"``, ``"normalized"``) for ``rule`` with boolean
    ``flags`` (before ``cuda.jit``)."""
    from ..kernels import codegen as C

    gen = {"raw": C._gen_cuda, "normalized": C._gen_cuda_normalized}[_check_mode(mode)]
    return gen(rule, flags, C._Sym(rule, flags))


def _check_mode(mode):
    if mode not in ("raw", "normalized"):
        raise ValueError(f"unknown mode {mode!r}; valid modes are raw, normalized. Fix: pass mode='normalized'.")
    return mode


def get_cuda_kernel(rule, flags: dict, mode: str = "raw"):
    """Compile (once per process) and return the CUDA kernel of ``mode`` for ``rule`` and ``flags``: its
    generated module (:func:`adamdyn.kernels.rule_module`, written into the cache and imported) holds it."""
    from numba import cuda

    from ..kernels import rule_module
    from ..kernels.codegen import bool_params

    k = ("raw", "normalized").index(_check_mode(mode))
    module = rule_module(rule, "cuda")
    key = (rule.name, tuple(sorted((q, bool(flags[q])) for q in bool_params(rule))))
    if (module.__name__, key, mode) not in _KERNELS:
        _KERNELS[(module.__name__, key, mode)] = cuda.jit(module.KERNELS[key][k])
    return _KERNELS[(module.__name__, key, mode)]


def run_points_cuda(rule, flags, columns: np.ndarray, *, x0=1.0, steps=1000, mode="raw", spike_decades=2.0,
                    diverge_log10_loss=50.0, deep_decades=LABELLING["deep_decades"], tail=0):
    """CUDA counterpart of :func:`adamdyn.sweeps.phase.run_points` (same arguments and output dict; ``tail``:
    normalized mode's last ``tail`` values of ``(log10 lambda, 1 - rho)`` per point)."""
    from numba import cuda

    from ..kernels import F_COLUMNS, I_COLUMNS

    kern = get_cuda_kernel(rule, flags, mode)
    npts = columns.shape[0]
    P = cuda.to_device(np.ascontiguousarray(columns, dtype=np.float64))
    F = cuda.device_array((npts, len(F_COLUMNS)), dtype=np.float64)
    I = cuda.device_array((npts, len(I_COLUMNS)), dtype=np.int64)  # noqa: E741 - the kernels' name
    blocks = (npts + THREADS_PER_BLOCK - 1) // THREADS_PER_BLOCK
    args = (P, float(x0), int(steps), float(spike_decades), float(diverge_log10_loss), float(deep_decades), F, I)
    K = int(tail) if mode == "normalized" else 0
    with warnings.catch_warnings():
        # numba's hint that a small grid under-uses the GPU (a small sweep is still a valid one)
        warnings.filterwarnings("ignore", r".*Grid size .* under-utilization")
        if mode == "raw":
            kern[blocks, THREADS_PER_BLOCK](*args)
        else:
            # never a zero-size device array: the kernel writes only the first K of TAIL's rows
            T = cuda.to_device(np.zeros((npts, max(K, 1), 2)))
            kern[blocks, THREADS_PER_BLOCK](*args, T, K)
    Fh, Ih = F.copy_to_host(), I.copy_to_host()
    out = {k: Fh[:, j] for j, k in enumerate(F_COLUMNS)}
    out.update({k: Ih[:, j] for j, k in enumerate(I_COLUMNS)})
    out["tail"] = T.copy_to_host()[:, :K] if K else np.zeros((npts, 0, 2))
    return out


def phase_diagram_cuda(optimizer="adam", axes=None, fixed=None, *, steps=20000, mode="normalized", x0=1.0,
                       spike_decades=2.0, diverge_log10_loss=50.0, progress=False):
    """:func:`adamdyn.sweeps.phase_diagram` with the points run by the CUDA kernels (either mode).

    Same as ``phase_diagram(..., device="cuda")`` (``progress`` is accepted and ignored: one kernel launch).
    """
    from ..sweeps.phase import phase_diagram

    return phase_diagram(optimizer, axes, fixed, steps=steps, mode=mode, x0=x0, spike_decades=spike_decades,
                         diverge_log10_loss=diverge_log10_loss, device="cuda")
