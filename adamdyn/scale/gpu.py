r"""The per-point sweep kernel as a CUDA kernel (numba.cuda), generated from the optimizer rules.

The rule's update is turned into source by the same machinery as the CPU
kernels: :class:`adamdyn.kernels.codegen.FloatEmitter` prints the sympy
expression trees of :class:`adamdyn.kernels.codegen._Sym` (nothing is copied by
hand). The CUDA template below runs one grid point per thread with the CPU
kernels' reductions (see :mod:`adamdyn.sweeps.phase`): the helper functions
``_gpow``, ``_ax_of_loss``, ``_log10``, ``_sampled_slope`` of
:mod:`adamdyn.kernels._slog` are compiled as CUDA device functions from their
Python source, so their semantics stay those of the CPU kernels.

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

import math

import numpy as np

__all__ = ["cuda_available", "cuda_source", "run_points_cuda", "phase_diagram_cuda", "THREADS_PER_BLOCK"]

THREADS_PER_BLOCK = 128
MAX_SAMPLES = 72  # >= steps // ceil(steps / 64) + 2 for every steps >= 1

TEMPLATE = '''
def {name}(P, x0, steps, spike_log10, bound_log10, deep_log10, F, I):
    i = cuda.grid(1)
    if i >= P.shape[0]:
        return
    b = max(1, (steps + 63) // 64)
    Y = cuda.local.array({nsamp}, float64)
    for k in range({nsamp}):
        Y[k] = math.nan
{params}
{pre}
    r_min = math.inf
    r_cn = -1.0
    r_cd = 1.0
    r_spike = _ax_of_loss(spike_log10, n)
    r_bound = _ax_of_loss(bound_log10 + math.log10(n), n)
    r_tiny = _ax_of_loss(math.log10(TINY) + math.log10(n), n)
    r_deep = _ax_of_loss(n * math.log10(lr) - deep_log10, n)
    k_min = -1
    k_spike = -1
    k_div = -1
    k_und = -1
    k_deep = 0
    x = x0
    ax = abs(x)
    gabs = _gpow(ax, n)
    g = math.copysign(gabs, x)
{init}
    t = 0
    while True:
        ax = abs(x)
        gabs = _gpow(ax, n)
        g = math.copysign(gabs, x)
        if t % b == 0:
            Y[t // b] = _log10(ax * gabs / n)
        last = t == steps
        tf = float(t + 1)
{body}
{coupling}
        lower = ax < r_min
        if lower:
            r_min = ax
            k_min = t
        if (not lower) and k_spike < 0 and ax > r_min * r_spike:
            k_spike = t
        if cn * r_cd > r_cn * cd:
            r_cn = cn
            r_cd = cd
        if ax < r_deep:
            k_deep += 1
        bad = not (ax <= r_bound)
        und = (not bad) and (ax < r_tiny or uf)
        if bad:
            k_div = t
        if und:
            k_und = t
        if bad or und or last:
            break
        x = x - lr * dirn
{advance}
        t += 1
    ax = abs(x)
    fin = _log10(ax * _gpow(ax, n) / n)
    F[i, 0] = _log10(r_min * _gpow(r_min, n) / n) if k_min >= 0 else math.nan
    F[i, 1] = fin
    cr = r_cn / r_cd
    F[i, 2] = _log10(cr * cr) if r_cn >= 0.0 else math.nan
    F[i, 3] = _sampled_slope(Y, b, t, fin, LATE_FRACTION)
    I[i, 0] = k_min
    I[i, 1] = k_spike
    I[i, 2] = k_div
    I[i, 3] = k_und
    I[i, 4] = t
    I[i, 5] = k_deep
'''

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

    sym = C._Sym(rule, flags)
    dyn = set(sym.states) | set(sym.new_syms) | {sym.g}

    def hoist(e):
        return not (e.free_symbols & (dyn | {sym.t}))

    pre, body, init_lines = [], [], []
    fl = C.FloatEmitter("f", hoist, pre, body)
    fi = C.FloatEmitter("i", lambda e: True, init_lines, init_lines)
    init_codes = [fi(e) for e in sym.init]
    new_codes = [fl(e) for e in sym.new]
    dir_code = fl(sym.direction)
    coupling = [ln.replace("np.nan", "math.nan") for ln in C._coupling_ratio_raw(sym, fl) + C._underflow_raw(sym, fl)]
    ns = len(sym.states)
    return TEMPLATE.format(
        name=C.kernel_name(rule.name, flags, "cuda_raw"), nsamp=MAX_SAMPLES,
        params=C._indent(C._param_loads(sym.fparams), 1),
        pre=C._indent(pre or ["pass"], 1),
        init=C._indent(init_lines + [f"s{k} = {c}" for k, c in enumerate(init_codes)] or ["pass"], 1),
        body=C._indent(body + [f"s{k}n = {c}" for k, c in enumerate(new_codes)] + [f"dirn = {dir_code}"], 2),
        coupling=C._indent(coupling, 2),
        advance=C._indent([f"s{k} = s{k}n" for k in range(ns)] or ["pass"], 2),
    )


def _device_namespace():
    from numba import cuda, float64

    from ..kernels import _slog
    from ..reductions import SWEEP_LATE_FRACTION

    ns = {"math": math, "np": np, "cuda": cuda, "float64": float64, "TINY": _slog.TINY,
          "LATE_FRACTION": SWEEP_LATE_FRACTION}
    for name in ("_gpow", "_ax_of_loss", "_log10", "_sampled_slope", "_fsign"):
        fn = getattr(_slog, name)
        ns[name] = cuda.jit(device=True)(getattr(fn, "py_func", fn))
    return ns


def get_cuda_kernel(rule, flags: dict):
    """Compile (once per process) and return the CUDA kernel for ``rule`` and ``flags``."""
    from numba import cuda

    from ..kernels import codegen as C

    flags = {k: bool(flags[k]) for k in C.bool_params(rule)}
    key = (rule.name, tuple(sorted(flags.items())))
    if key not in _KERNELS:
        ns = _device_namespace()
        exec(compile(cuda_source(rule, flags), f"<adamdyn.scale.gpu {key}>", "exec"), ns)  # noqa: S102 - our source
        _KERNELS[key] = cuda.jit(ns[C.kernel_name(rule.name, flags, "cuda_raw")])
    return _KERNELS[key]


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
