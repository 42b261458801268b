"""Compile every generated CUDA kernel (raw and normalized, every rule and flag variant) to PTX, without a GPU.

numba's CUDA simulator (the tests) runs the kernels as Python, so it never types or lowers them for the real
target: a construct numba.cuda cannot compile passes there. This script does what a GPU machine's first launch
does up to the PTX: numba's CUDA typing and lowering, then NVVM with libdevice, for compute capability 9.0
(H100/H200). It needs NVVM only, e.g. from the ``nvidia-cuda-nvcc-cu12`` wheel, unpacked anywhere::

    python -m pip download --no-deps -d /tmp/whl nvidia-cuda-nvcc-cu12 && unzip -q -d /tmp/nvcc /tmp/whl/*.whl
    CUDA_HOME=/tmp/nvcc/nvidia/cuda_nvcc python benchmarks/cuda_ptx_check.py [RULE ...]

It prints one line per kernel (seconds to PTX, size) and exits 1 if any fails. numba compiles device functions
for the current device's compute capability; with no device, that lookup is answered with 9.0 here (the
kernels themselves get ``cc=(9, 0)`` from :func:`numba.cuda.compile_ptx`).
"""

import sys
import time

import numba.cuda.dispatcher as _dispatcher
from numba import cuda, types

from adamdyn.kernels import rule_module
from adamdyn.rules import RULES

CC = (9, 0)


class _NoDevice:
    compute_capability = CC


_dispatcher.get_current_device = lambda: _NoDevice()

F64, I64 = types.float64, types.int64
A2, A2I, A3 = types.Array(F64, 2, "C"), types.Array(I64, 2, "C"), types.Array(F64, 3, "C")
RAW = (A2, F64, I64, F64, F64, F64, A2, A2I)
NORMALIZED = RAW + (A3, I64)


def main(names):
    unknown = [n for n in names if n not in RULES]
    if unknown:
        print(f"unknown rule {unknown[0]!r}; valid rules: {', '.join(sorted(RULES))}", file=sys.stderr)
        return 2
    fails, total, t_all = [], 0, time.perf_counter()
    for name in names or sorted(RULES):
        module = rule_module(RULES[name], "cuda")
        for key, kernels in module.KERNELS.items():
            for mode, fn, sig in zip(("raw", "normalized"), kernels, (RAW, NORMALIZED)):
                total += 1
                t0 = time.perf_counter()
                try:
                    ptx, _ = cuda.compile_ptx(fn, sig, cc=CC)
                    print(f"{name} {dict(key[1])} {mode}: ok, {time.perf_counter() - t0:.1f} s, {len(ptx)} chars",
                          flush=True)
                except Exception as exc:  # noqa: BLE001 - report every kernel
                    fails.append(f"{name} {dict(key[1])} {mode}")
                    print(f"{name} {dict(key[1])} {mode}: FAILED {type(exc).__name__}: {str(exc)[:1500]}",
                          flush=True)
    print(f"{total - len(fails)} of {total} kernels compiled to PTX for sm_{CC[0]}{CC[1]} in "
          f"{time.perf_counter() - t_all:.0f} s" + (f"; failed: {fails}" if fails else ""))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
