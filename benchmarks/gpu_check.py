"""Measure the CUDA sweep kernel against the CPU kernels on a machine with a GPU.

Usage (repository root, package importable): ``python benchmarks/gpu_check.py [OUT.json]``
(default ``benchmarks/results/gpu_check.json``, the record README's GPU paragraph and
docs/CAPACITY.md are generated from by ``tools/update_readme.py``; commit it). The record is
``{"meta": provenance (command, machine, date, versions, git commit, load averages), "result": ...}``,
rewritten after each part so a failed later part keeps the earlier ones.

1. Per-point agreement: every variant of adam, rmsprop, s3 and momentum on 256 random
   points (``n`` in [2, 8], betas in (0, 1)), 2,000 raw steps, CUDA vs the CPU kernel:
   fraction of points whose reductions are bit-identical, and the largest relative
   difference of each float reduction among points that ran the same number of steps.
2. Phase diagram: Adam, n = 4, 128 x 128 (beta1, beta2), 3,000 raw steps, on both
   devices: agreement of the observed regimes and of min log10 loss.
3. Throughput: the benchmark's raw Adam sweep (lr 1e-2, x0 = 1) at grid 1024 and 2048,
   2,000 steps, in updates actually iterated per second (compile excluded).
"""

import json
import os
import subprocess
import sys
import time
import traceback

import numpy as np

from adamdyn.kernels import F_COLUMNS, I_COLUMNS, codegen
from adamdyn.rules import get_rule
from adamdyn.scale.gpu import phase_diagram_cuda, run_points_cuda
from adamdyn.sweeps.bench import BENCH_CODE, bench_columns, provenance, write_record
from adamdyn.sweeps.phase import phase_diagram, run_points


def _gpu_name():
    try:
        return subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version", "--format=csv,noheader"],
                              capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return None


def per_point(steps=2000, npts=256):
    rng = np.random.default_rng(0)
    out = {}
    for name in ("adam", "rmsprop", "s3", "momentum"):
        rule = get_rule(name)
        floats = [q.name for q in rule.params if q.kind == "float"]
        for flags in codegen.variants(rule):
            p = rule.make_params(**flags)
            cols = np.stack([np.full(npts, float(getattr(p, q))) for q in floats] + [rng.uniform(2, 8, npts)], 1)
            for q in ("beta1", "beta2", "beta"):
                if q in floats:
                    cols[:, floats.index(q)] = rng.uniform(0.01, 0.999, npts)
            cols = np.ascontiguousarray(cols)
            cpu = run_points(rule, flags, cols, steps=steps, mode="raw")
            gpu = run_points_cuda(rule, flags, cols, steps=steps, mode="raw")
            same = np.ones(npts, bool)
            for k in F_COLUMNS + I_COLUMNS:
                same &= (cpu[k] == gpu[k]) | (np.isnan(cpu[k]) & np.isnan(gpu[k]))
            ran = cpu["steps_run"] == gpu["steps_run"]
            rel = {}
            for k in F_COLUMNS:
                a, b = cpu[k][ran], gpu[k][ran]
                ok = np.isfinite(a) & np.isfinite(b)
                rel[k] = float(np.max(np.abs(a[ok] - b[ok]) / np.maximum(np.abs(a[ok]), 1e-300), initial=0.0))
            key = codegen.kernel_name(name, flags, "raw")
            out[key] = {"bit_identical_fraction": float(same.mean()), "same_steps_run_fraction": float(ran.mean()),
                        "same_spike_step_fraction": float(np.mean(cpu["spike_step"] == gpu["spike_step"])),
                        "underflowed_cpu": int(np.sum(cpu["underflow_step"] >= 0)), "max_rel_diff": rel}
            print(key, json.dumps(out[key]), flush=True)
    return out


def phase(steps=3000, grid=128):
    g = np.linspace(0.01, 0.999, grid)
    res = {"grid": grid, "steps": steps}
    pds = {}
    for dev, fn in (("cpu", phase_diagram), ("cuda", phase_diagram_cuda)):
        fn("adam", {"beta1": g[:4], "beta2": g[:4]}, {"lr": 1e-2, "n": 4}, steps=10, mode="raw")  # compile
        t0 = time.perf_counter()
        pds[dev] = fn("adam", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=steps, mode="raw")
        res[f"{dev}_seconds"] = time.perf_counter() - t0
    a, b = pds["cpu"], pds["cuda"]
    res["regime_observed_agreement"] = float(np.mean(a.regime_observed == b.regime_observed))
    res["min_log10_loss_bit_identical"] = float(np.mean(a.min_log10_loss == b.min_log10_loss))
    d = np.abs(a.min_log10_loss - b.min_log10_loss)
    res["min_log10_loss_max_abs_diff"] = float(np.nanmax(d))
    res["disagreeing_regime_points"] = int(np.sum(a.regime_observed != b.regime_observed))
    print("phase", json.dumps(res), flush=True)
    return res


def throughput(steps=2000, grids=(1024, 2048)):
    rule = get_rule("adam")
    flags = {"eps_inside": False, "bias_correction": False}
    res = {}
    for grid in grids:
        cols = bench_columns(grid)
        run_points_cuda(rule, flags, cols[:256], steps=10, mode="raw")
        t0 = time.perf_counter()
        red = run_points_cuda(rule, flags, cols, steps=steps, mode="raw")
        el = time.perf_counter() - t0
        res[f"grid{grid}_updates_per_s"] = float(red["steps_run"].sum() / el)
        res[f"grid{grid}_seconds"] = el
        print("throughput", grid, json.dumps(res), flush=True)
    return res


DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", "gpu_check.json")


# --smoke: tiny sizes, to check the script and its record end to end (NUMBA_ENABLE_CUDASIM=1 works without a GPU)
SMOKE = {"per_point": {"steps": 20, "npts": 2}, "phase": {"steps": 20, "grid": 3}, "throughput": {"steps": 20, "grids": (4,)}}


def main(path=DEFAULT_OUT, smoke=False):
    command = ("python benchmarks/gpu_check.py" + (" --smoke" if smoke else "")
               + ("" if path == DEFAULT_OUT else f" {path}"))
    meta = provenance(command, BENCH_CODE + ("adamdyn/scale/gpu.py",))
    out = {"gpu": _gpu_name(), "smoke": smoke}
    print(json.dumps(meta), json.dumps(out), flush=True)
    for name, fn in (("per_point", per_point), ("phase", phase), ("throughput", throughput)):
        t0 = time.perf_counter()
        try:
            out[name] = fn(**(SMOKE[name] if smoke else {}))
        except Exception as exc:  # noqa: BLE001 - record and go on: one device run must report everything
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
            print(name, "FAILED", traceback.format_exc(), flush=True)
        out[f"{name}_seconds"] = time.perf_counter() - t0
        write_record(path, out, command, meta)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--smoke"]
    sys.exit(main(args[0] if args else DEFAULT_OUT, smoke="--smoke" in sys.argv[1:]))
