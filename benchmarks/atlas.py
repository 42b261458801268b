"""Measure the atlas's speed (numba kernel vs numpy reference vs the sweep kernels) and write one JSON record.

Usage (repository root, package importable)::

    python benchmarks/atlas.py [--grid 256] [--steps 2000] [--repeat 3] [OUT.json]
    # default OUT benchmarks/results/atlas.json

The work: Adam's atlas at n = 4 over ``grid x grid`` cells of (beta1, beta2) in [0.01, 0.999] (``adamdyn
atlas``'s default plane), ``steps`` steps of the window after as many transient steps, defaults otherwise.
Updates/s counts cell-steps iterated (transient + window) per wall second; a window step also carries the
Jacobian, the QR update and the label statistics.

1. ``compile``: in a fresh process with an empty cache folder (``ADAMDYN_CACHE_DIR``), the derivation of
   the map, the generation and import of the kernel module and numba's first compile, each timed; then a
   second fresh process with that cache (numba's cache reused: load only).
2. ``numba``: the warm kernel (best of ``repeat``), with every numba thread.
3. ``numpy``: the numpy reference path (one run; it is the slow one).
4. ``agreement``: labels equal on what share of cells, largest exponent difference by label.
5. ``sweep_kernels``: ``adamdyn bench``'s normalized and raw rates measured now (same load), and the committed
   record ``benchmarks/results/bench_grid256_steps2000.json``'s normalized rate; ratios to the atlas.

Each measurement carries the 1-minute load average when it started (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from adamdyn.sweeps.bench import best_seconds, provenance, write_record

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "results", "atlas.json")
COMMITTED_BENCH = os.path.join(HERE, "results", "bench_grid256_steps2000.json")
ATLAS_CODE = ("adamdyn/dynamics/atlas.py", "adamdyn/dynamics/maps.py", "adamdyn/dynamics/_atlas_kernel.py",
              "adamdyn/rules/adam.py", "adamdyn/rules/base.py", "adamdyn/backend.py", "adamdyn/_cache.py")

_COLD = r"""
import json, sys, time
t0 = time.perf_counter()
from adamdyn.dynamics.maps import orbit_map
from adamdyn.dynamics._atlas_kernel import kernel
import numpy as np
t1 = time.perf_counter()
rm = orbit_map("adam", 4)
t2 = time.perf_counter()
mod = kernel(rm)
t3 = time.perf_counter()
mod.drive(np.ones((1, 2)), np.zeros(1), np.array([[0.9, 0.999]]), 4, 1, 2, 2.0, 50.0, 2, 4.0, 0.0)
t4 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "derive_s": t2 - t1, "generate_import_s": t3 - t2, "first_call_s": t4 - t3}))
"""


def _load():
    return os.getloadavg()[0]


def compile_times():
    """Cold (empty cache) and cached (numba's cache on disk) first-call times, each in a fresh process."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ADAMDYN_CACHE_DIR": tmp}
        for name in ("cold", "cached"):
            load = _load()
            r = subprocess.run([sys.executable, "-c", _COLD], env=env, capture_output=True, text=True, check=True,
                               timeout=900)
            out[name] = {**json.loads(r.stdout.strip().splitlines()[-1]), "load_1min": load}
    return out


def _axes(grid):
    g = np.linspace(0.01, 0.999, grid)
    return {"beta1": g, "beta2": g}


def main(argv=None):
    from adamdyn.dynamics.atlas import atlas

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--grid", type=int, default=256)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-numpy", action="store_true", help="skip the (slow) numpy reference run")
    ap.add_argument("out", nargs="?", default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    command = "python benchmarks/atlas.py" + "".join(
        f" --{k} {getattr(args, k)}" for k in ("grid", "steps", "repeat")) + (
        " --skip-numpy" if args.skip_numpy else "") + ("" if args.out == DEFAULT_OUT else f" {args.out}")
    meta = provenance(command, ATLAS_CODE)
    import numba

    grid, steps = args.grid, args.steps
    updates = grid * grid * 2 * steps
    result = {"grid": grid, "steps": steps, "transient": steps, "updates": updates, "rule": "adam", "n": 4,
              "numba_threads": numba.get_num_threads(), "cpus": os.cpu_count()}
    t0 = time.perf_counter()
    result["compile"] = compile_times()
    print("compile", f"{time.perf_counter() - t0:.1f} s", json.dumps(result["compile"]), flush=True)

    axes = _axes(grid)
    atlas("adam", _axes(2), steps=40, engine="numba")  # warm: derivation and kernel loaded in this process
    load = _load()
    sec, a_nb = best_seconds(lambda i: atlas("adam", axes, steps=steps, engine="numba"), args.repeat)
    result["numba"] = {"seconds": sec, "updates_per_s": updates / sec, "load_1min": load, "repeat": args.repeat,
                       "counts": a_nb.counts()}
    print("numba", json.dumps(result["numba"]), flush=True)
    if not args.skip_numpy:
        load = _load()
        sec, a_np = best_seconds(lambda i: atlas("adam", axes, steps=steps, engine="numpy"), 1)
        result["numpy"] = {"seconds": sec, "updates_per_s": updates / sec, "load_1min": load, "repeat": 1,
                           "counts": a_np.counts()}
        result["numba_over_numpy"] = result["numba"]["updates_per_s"] / result["numpy"]["updates_per_s"]
        same = a_nb.label == a_np.label
        diff = np.abs(a_nb.lyapunov_spectrum - a_np.lyapunov_spectrum)
        by = {}
        for lab in sorted(set(a_np.label.ravel())):
            m = (a_np.label == lab) & same
            d = diff[:, m]
            by[lab] = float(np.nanmax(d)) if np.isfinite(d).any() else None
        result["agreement"] = {"labels_equal_share": float(same.mean()), "labels_differ": int((~same).sum()),
                               "max_exponent_diff_by_label": by,
                               "differing": [{"beta1": float(axes["beta1"][i]), "beta2": float(axes["beta2"][j]),
                                              "numba": str(a_nb.label[i, j]), "numpy": str(a_np.label[i, j])}
                                             for i, j in zip(*np.nonzero(~same))][:20],
                               "worst_sum_rule_gap": {"numba": float(np.nanmax(a_nb.sum_rule_gap)),
                                                      "numpy": float(np.nanmax(a_np.sum_rule_gap))}}
        print("numpy", json.dumps(result["numpy"]), json.dumps(result["agreement"]), flush=True)
    from adamdyn.sweeps.bench import bench

    load = _load()
    b = bench(256, 2000, with_c=False, repeat=args.repeat)
    with open(COMMITTED_BENCH, encoding="utf-8") as fh:
        committed = json.load(fh)
    ref = committed["result"]["normalized_updates_per_s"]
    result["sweep_kernels"] = {"now": {"normalized_updates_per_s": b["normalized_updates_per_s"],
                                       "raw_updates_per_s": b["raw_updates_per_s"], "load_1min": load},
                               "committed": {"normalized_updates_per_s": ref,
                                             "load_1min": committed["meta"]["load_average_start"][0],
                                             "date_utc": committed["meta"]["date_utc"],
                                             "command": committed["meta"]["command"]},
                               "atlas_over_normalized_now": result["numba"]["updates_per_s"]
                               / b["normalized_updates_per_s"],
                               "atlas_over_normalized_committed": result["numba"]["updates_per_s"] / ref}
    print("sweep", json.dumps(result["sweep_kernels"]), flush=True)
    write_record(args.out, result, command, meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
