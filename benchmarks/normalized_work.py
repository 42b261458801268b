"""The normalized kernel against C loops of its own scheme: minimum only, and doing the kernel's work.

Usage (repository root, package importable, gcc with OpenMP)::

    python benchmarks/normalized_work.py                 # grids 64, 256, 1024 x 200, 2000 steps (~10 min, 2 cores)
    python benchmarks/normalized_work.py --grids 64 --steps 200 --repeat 1 --out /tmp/nw.json   # a smoke run

``adamdyn bench`` compares the normalized kernel with ``benchmarks/c_reference.c``'s ``normalized_fast``: the
same scaled-float scheme, but tracking the minimum loss only, with no range guard. The kernel also keeps every
reduction of its result columns, the guard, and the late-slope samples. ``benchmarks/c_normalized_full.c``
writes that work in C (one loop, and the kernel's two-pass layout), built with ``gcc -O3 -fno-math-errno
-march=native -fopenmp`` (IEEE float64). This script runs, per grid size and step count, the kernel
(:func:`adamdyn.sweeps.phase.run_points`, Adam without eps or bias correction, the benchmark's points) and
the three C loops on the same number of threads, each ``--repeat`` times keeping its best run, records the
updates each iterated and the points the C loops of the kernel's work stopped at the range guard (where the
kernel goes on in sign/log form, so it iterates more updates, slower ones), and writes ``{"meta": provenance, "result": ...}`` to ``--out`` (default
``benchmarks/results/normalized_work.json``). README's benchmark section is generated from it by
``tools/update_readme.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "c_normalized_full.c")
FLAGS = ["-O3", "-fno-math-errno", "-march=native", "-fopenmp"]
OUT = os.path.join(HERE, "results", "normalized_work.json")
CODE = ("adamdyn/kernels", "adamdyn/rules/adam.py", "adamdyn/rules/base.py", "adamdyn/backend.py",
        "adamdyn/sweeps/phase.py", "benchmarks/c_reference.c", "benchmarks/c_normalized_full.c",
        "benchmarks/normalized_work.py")
C_KEYS = ("fast_min_only", "full_one_loop", "full_two_pass")


def build(tmp: str, source: str = SOURCE) -> str:
    """Compile ``source`` (``c_normalized_full.c`` or a variant of it; it includes ``c_reference.c`` from this
    folder) into ``tmp``; the executable's path."""
    gcc = shutil.which("gcc")
    if gcc is None:
        raise SystemExit("normalized_work: gcc was not found on PATH. Fix: install gcc (with OpenMP), then rerun.")
    exe = os.path.join(tmp, "c_normalized_full")
    subprocess.run([gcc, *FLAGS, "-I", HERE, source, "-o", exe, "-lm"], check=True, capture_output=True, timeout=120)
    return exe


def measure(exe: str, grid: int, steps: int, repeat: int, threads: int) -> dict:
    import numpy as np

    from adamdyn.rules import get_rule
    from adamdyn.sweeps.bench import bench_columns, best_seconds
    from adamdyn.sweeps.phase import run_points

    rule, flags = get_rule("adam"), {"eps_inside": False, "bias_correction": False}
    cols = bench_columns(grid)
    run_points(rule, flags, cols[:4], steps=10, mode="normalized")  # compile or load from cache
    seconds, out = best_seconds(lambda i: run_points(rule, flags, cols, steps=steps, mode="normalized"), repeat)
    rate = float(np.sum(out["steps_run"]) / seconds)
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    c = json.loads(subprocess.run([exe, str(grid), str(steps), str(repeat)], check=True, capture_output=True,
                                  text=True, timeout=3600, env=env).stdout.strip().splitlines()[-1])
    probe = grid * grid // 2 + grid // 4  # the C loops' check point
    res = {"grid": grid, "steps": steps, "threads": threads, "repeat": repeat,
           "kernel_updates_per_s": rate, "kernel_updates": int(np.sum(out["steps_run"])),
           "kernel_min_log10_check": float(out["min_log10_loss"][probe])}
    for i, key in enumerate(C_KEYS):
        res[f"c_{key}_updates_per_s"] = float(c[f"{key}_updates_per_s"])
        res[f"c_{key}_updates"] = int(c["updates"][i])
        res[f"c_{key}_min_log10_check"] = float(c["min_log10_check"][i])
        res[f"c_{key}_guard_stops"] = int(c["guard_stops"][i])
    res["same_updates"] = len({res["kernel_updates"], *(res[f"c_{k}_updates"] for k in C_KEYS)}) == 1
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--grids", type=int, nargs="+", default=[64, 256, 1024])
    ap.add_argument("--steps", type=int, nargs="+", default=[200, 2000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args(argv)
    import numba

    from adamdyn.sweeps.bench import provenance, write_record

    command = "python benchmarks/normalized_work.py " + " ".join(sys.argv[1:] if argv is None else argv)
    meta = provenance(command.strip(), code=CODE)
    threads = numba.get_num_threads()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        exe = build(tmp)
        for grid in args.grids:
            for steps in args.steps:
                r = measure(exe, grid, steps, max(1, args.repeat), threads)
                print(f"grid {grid}, {steps} steps: kernel {r['kernel_updates_per_s'] / 1e6:.0f} M/s; C "
                      + ", ".join(f"{k} {r[f'c_{k}_updates_per_s'] / 1e6:.0f} M/s" for k in C_KEYS)
                      + f"; same updates: {r['same_updates']}", flush=True)
                runs.append(r)
    write_record(args.out, {"flags": " ".join(FLAGS), "runs": runs}, meta["command"], meta)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
