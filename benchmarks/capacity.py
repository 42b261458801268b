"""Measure what docs/CAPACITY.md reports and write it, with provenance, as one JSON record.

Usage (repository root, package importable)::

    python benchmarks/capacity.py [OUT.json]     # default benchmarks/results/capacity.json

1. ``threads``: the benchmark's raw and normalized kernels (``adamdyn bench``'s work, grid 256,
   2,000 steps, best of 3) with 1 numba thread and with every core.
2. ``tiling``: a 64 x 64 normalized Adam phase diagram (n = 4, lr 1e-2), 5,000 steps, untiled
   (``phase_diagram``) and tiled (``adamdyn.scale.sweep``, local backend) with tiles 64, 32, 16, 8:
   wall seconds (best of 3) and the bytes of the tile files written.
3. ``dask``: the same grid, 8,000 steps, tile 16, local backend vs a warm ``LocalCluster`` (one
   single-threaded worker process per core; warmed by a small sweep first), best of 3 each; the
   error instead when dask.distributed is missing or fails.

Then ``python tools/update_readme.py`` fills docs/CAPACITY.md's tables from the record.
"""

import json
import os
import sys
import tempfile
import time
import traceback

import numpy as np

from adamdyn.scale import sweep
from adamdyn.sweeps import phase_diagram
from adamdyn.sweeps.bench import BENCH_CODE, bench, best_seconds, provenance, write_record

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "results", "capacity.json")
FIXED = {"lr": 1e-2, "n": 4}


def _axes(grid):
    g = np.linspace(0.01, 0.999, grid)
    return {"beta1": g, "beta2": g}


def threads(grid=256, steps=2000, repeat=3):
    import numba

    out = {"grid": grid, "steps": steps, "repeat": repeat}
    every = numba.config.NUMBA_NUM_THREADS
    try:
        for t in sorted({1, every}):
            numba.set_num_threads(t)
            r = bench(grid, steps, with_c=False, repeat=repeat)
            out[f"threads{t}"] = {"raw_updates_per_s": r["raw_updates_per_s"],
                                  "normalized_updates_per_s": r["normalized_updates_per_s"]}
    finally:
        numba.set_num_threads(every)
    out["max_threads"] = every
    return out


def _tile_bytes(path):
    tiles = os.path.join(path, "tiles")
    sizes = [e.stat().st_size for e in os.scandir(tiles) if e.is_file()]
    return len(sizes), int(sum(sizes))


def _best_seconds(run, repeat):
    """Shortest wall time of ``repeat`` calls of ``run(i)`` (:func:`adamdyn.sweeps.bench.best_seconds`)."""
    return best_seconds(run, repeat)[0]


def tiling(grid=64, steps=5000, tiles=(64, 32, 16, 8), repeat=3):
    axes = _axes(grid)
    phase_diagram("adam", _axes(4), FIXED, steps=10)  # compile / load caches, derive theory
    untiled = _best_seconds(lambda i: phase_diagram("adam", axes, FIXED, steps=steps), repeat)
    out = {"grid": grid, "steps": steps, "mode": "normalized", "repeat": repeat, "untiled_s": untiled, "tiles": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for tile in tiles:
            el = _best_seconds(lambda i, tile=tile: sweep("adam", axes, FIXED, out=os.path.join(tmp, f"t{tile}_{i}"),
                                                          steps=steps, tile=tile, progress=False, device="cpu"),
                               repeat)
            nfiles, nbytes = _tile_bytes(os.path.join(tmp, f"t{tile}_0"))
            out["tiles"][str(tile)] = {"seconds": el, "ntiles": (-(-grid // tile)) ** 2, "files": nfiles,
                                       "bytes": nbytes}
    return out


def dask(grid=64, steps=8000, tile=16, repeat=3):
    from dask.distributed import Client, LocalCluster

    axes = _axes(grid)
    out = {"grid": grid, "steps": steps, "tile": tile, "workers": os.cpu_count(), "threads_per_worker": 1,
           "repeat": repeat}
    with tempfile.TemporaryDirectory() as tmp:
        sweep("adam", _axes(8), FIXED, out=os.path.join(tmp, "warm_local"), steps=10, tile=4, progress=False,
              device="cpu")
        out["local_s"] = _best_seconds(lambda i: sweep("adam", axes, FIXED, out=os.path.join(tmp, f"local{i}"),
                                                       steps=steps, tile=tile, progress=False, device="cpu"), repeat)
        t0 = time.perf_counter()
        with LocalCluster(n_workers=os.cpu_count(), threads_per_worker=1, processes=True, dashboard_address=None,
                          env={"NUMBA_NUM_THREADS": "1"}) as cluster, Client(cluster):
            out["cluster_start_s"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            sweep("adam", _axes(8), FIXED, out=os.path.join(tmp, "warm_dask"), steps=10, tile=4, progress=False,
                  backend="dask", scheduler=cluster.scheduler_address, device="cpu")
            out["warmup_s"] = time.perf_counter() - t0
            out["dask_s"] = _best_seconds(lambda i: sweep("adam", axes, FIXED, out=os.path.join(tmp, f"dask{i}"),
                                                          steps=steps, tile=tile, progress=False, backend="dask",
                                                          scheduler=cluster.scheduler_address, device="cpu"),
                                         repeat)
    return out


def main(path=DEFAULT_OUT):
    command = "python benchmarks/capacity.py" + ("" if path == DEFAULT_OUT else f" {path}")
    meta = provenance(command, BENCH_CODE + ("adamdyn/scale",))
    result = {}
    for name, fn in (("threads", threads), ("tiling", tiling), ("dask", dask)):
        t0 = time.perf_counter()
        try:
            result[name] = fn()
        except Exception as exc:  # noqa: BLE001 - record the failure; the other measurements still count
            result[name] = {"error": f"{type(exc).__name__}: {exc}"}
            traceback.print_exc()
        print(name, f"{time.perf_counter() - t0:.1f} s", json.dumps(result[name]), flush=True)
    write_record(path, result, command, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT))
