"""Throughput of the generated kernels against a plain vectorised numpy sweep (same work)."""

from __future__ import annotations

import os
import platform
import time

import numpy as np

__all__ = ["bench"]


def _numpy_sweep(b1, b2, steps, lr=1e-2):
    """Raw Adam on |x|^4/4, in-place numpy over all points; min loss tracked (the same work)."""
    x = np.ones_like(b1)
    m = np.zeros_like(b1)
    v = np.zeros_like(b1)
    g = np.empty_like(b1)
    tmp = np.empty_like(b1)
    mn = np.full_like(b1, np.inf)
    c1, c2 = 1.0 - b1, 1.0 - b2
    with np.errstate(all="ignore"):
        for _ in range(steps):
            np.multiply(x, x, out=g)
            np.multiply(g, x, out=g)
            np.multiply(x, g, out=tmp)
            np.minimum(mn, tmp, out=mn)
            m *= b1
            m += c1 * g
            v *= b2
            np.multiply(g, g, out=tmp)
            tmp *= c2
            v += tmp
            np.sqrt(v, out=tmp)
            np.divide(m, tmp, out=tmp)
            tmp *= lr
            x -= tmp
    return mn


def bench(grid=64, steps=2000) -> dict:
    """Updates per second: raw and normalized kernels (Adam, |x|^4/4, lr 1e-2, x0 = 1), and numpy."""
    import numba

    from ..rules import get_rule
    from .phase import run_points

    rule = get_rule("adam")
    flags = {"eps_inside": False, "bias_correction": False}
    g = np.linspace(0.01, 0.999, grid)
    B1, B2 = np.meshgrid(g, g, indexing="ij")
    z = np.zeros(B1.size)
    cols = np.ascontiguousarray(np.stack([np.full(B1.size, 1e-2), B1.ravel(), B2.ravel(), z, z,
                                          np.full(B1.size, 4.0)], axis=1))
    out = {"grid": grid, "steps": steps, "threads": numba.get_num_threads(),
           "machine": f"{platform.machine()} {os.cpu_count()} cpus {platform.processor() or ''}".strip()}
    for mode in ("raw", "normalized"):
        run_points(rule, flags, cols[:4], steps=10, mode=mode)  # compile or load from cache
        t0 = time.perf_counter()
        red = run_points(rule, flags, cols, steps=steps, mode=mode)
        el = time.perf_counter() - t0
        out[f"{mode}_updates_per_s"] = float(red["steps_run"].sum() / el)
    t0 = time.perf_counter()
    _numpy_sweep(B1.ravel(), B2.ravel(), steps)
    out["numpy_updates_per_s"] = float(B1.size * steps / (time.perf_counter() - t0))
    return out
