"""Measure the CUDA sweep kernels (raw and normalized) against the CPU kernels on a machine with a GPU.

Usage (repository root, package importable)::

    python benchmarks/gpu_check.py --quick        # ~3-5 min on an H200 host with a cold numba cache
    python benchmarks/gpu_check.py                # every flag variant, bigger grids
    NUMBA_ENABLE_CUDASIM=1 python benchmarks/gpu_check.py --smoke /tmp/gpu_smoke.json   # no GPU: tiny sizes

The default output is ``benchmarks/results/gpu_check.json``, the record README's GPU paragraph and
docs/CAPACITY.md are generated from by ``tools/update_readme.py`` (commit it from a GPU run only; a
``--smoke`` record says so and is no measurement). The record is ``{"meta": provenance (command, machine,
date, versions, git commit, load averages), "result": ...}``, rewritten after each part, so a part that fails
or is cut by the time budget (``--budget`` seconds, default 240 with ``--quick``) keeps the earlier ones;
every part prints one progress line.

Seen on an H200 image (numba 0.68.0 with the numba-cuda package, numpy 2.5.2): numba-cuda's array support
imports ``numpy.row_stack``, which numpy 2.5 removed, so every kernel launch fails with AttributeError there.
Until numba-cuda is fixed, run with a ``sitecustomize.py`` on ``PYTHONPATH`` that sets
``numpy.row_stack = numpy.vstack`` where it is missing (the same function).

Parts (``result`` keys):

* ``compile``: seconds to compile and first launch each CUDA kernel of Adam (raw, normalized), and to load
  (or compile) the CPU ones.
* ``throughput`` / ``throughput_normalized``: the benchmark's Adam sweep (lr 1e-2, x0 = 1,
  :func:`adamdyn.sweeps.bench.bench_columns`) at grid 1024, 2048 and 4096, 2,000 steps, updates actually
  iterated per second (compile excluded, best of 2); ``cpu_reference``: the CPU kernels on this host at
  grid 256 (all threads and 2 threads, the 2-core figure of issue 19's goal) and the GPU/CPU ratios.
* ``per_point`` (raw; every variant of ``PER_POINT_RULES``, ``--quick``: their default flags): 256 random
  points (betas in (0, 1); ``real_n``: n uniform in [2, 8], where the step takes ``pow``; ``integer_n``: n
  in 2..8, where it takes ``+ - * / sqrt`` only), 2,000 steps, CUDA vs the CPU raw kernel. Each: the
  fraction of bit-identical points, of equal steps run and flags, and the largest relative difference of
  each float reduction among points that ran the same steps, over all points and over the CPU's Regime I
  points (labelled from its own reductions: Regimes II and III are chaotic and amplify any last-bit
  difference).
* ``per_point_normalized`` (adam's four variants, radam, adabound at its published flags; ``--quick``: adam's
  analysis form and radam): the same points, CUDA vs the CPU normalized kernel in its sign/log scheme
  (``vs_sign_log``: the same operations, so any difference is libdevice vs libm rounding or NVVM's
  contraction of multiply-adds) and in its default fast scheme (``vs_fast``).
* ``phase`` / ``phase_normalized``: Adam, n = 4, 128 x 128 (beta1, beta2), 3,000 steps, on both devices:
  agreement of the observed regimes and of min log10 loss.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import traceback

import numpy as np

from adamdyn.kernels import F_COLUMNS, I_COLUMNS, codegen, get_kernels
from adamdyn.rules import get_rule
from adamdyn.scale.gpu import get_cuda_kernel, run_points_cuda
from adamdyn.sweeps.bench import BENCH_CODE, bench_columns, provenance, write_record
from adamdyn.sweeps.phase import phase_diagram, run_points
from adamdyn.sweeps.regimes import label_regimes

DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", "gpu_check.json")
CODE = BENCH_CODE + ("adamdyn/scale/gpu.py", "adamdyn/scale/_cuda_device.py")
ADAM_FLAGS = {"eps_inside": False, "bias_correction": False}


def _gpu_name():
    try:
        return subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version", "--format=csv,noheader"],
                              capture_output=True, text=True, timeout=30).stdout.strip() or None
    except OSError:
        return None


def _flags_of(rule, published=False):
    p = rule.published_params() if published else rule.make_params()
    return {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}


def _random_columns(rule, flags, npts, seed=0, integer_n=False):
    """``npts`` random points of ``rule`` (defaults, betas in (0.01, 0.999)) as kernel columns: ``n`` uniform
    in [2, 8], or (``integer_n``) drawn from 2..8, where the step takes ``|x|^(n-1)`` by products, not ``pow``."""
    rng = np.random.default_rng(seed)
    floats = [q.name for q in rule.params if q.kind == "float"]
    p = rule.make_params(**flags)
    n = rng.integers(2, 9, npts).astype(float) if integer_n else rng.uniform(2, 8, npts)
    cols = np.stack([np.full(npts, float(getattr(p, q))) for q in floats] + [n], 1)
    for q in ("beta1", "beta2", "beta"):
        if q in floats:
            cols[:, floats.index(q)] = rng.uniform(0.01, 0.999, npts)
    return np.ascontiguousarray(cols), floats


def _regime_one(red):
    """Where the CPU run is in Regime I (sustained linear convergence, labelled from its reductions): the
    points that contract, where rounding is not amplified (Regimes II and III are chaotic)."""
    return label_regimes(red["min_log10_loss"], red["final_log10_loss"], red["late_slope"], red["spike_step"],
                         red["divergence_step"], red["underflow_step"], red["deep_steps"], red["steps_run"]) == 1


def _compare(a, b, subset=None):
    """Agreement of two reduction dicts (per point), optionally on a boolean ``subset`` of the points."""
    sel = np.ones(len(a["steps_run"]), bool) if subset is None else subset
    same = np.ones(sel.sum(), bool)
    for k in F_COLUMNS:
        same &= (a[k][sel] == b[k][sel]) | (np.isnan(a[k][sel]) & np.isnan(b[k][sel]))
    for k in I_COLUMNS:
        same &= a[k][sel] == b[k][sel]
    ran = a["steps_run"][sel] == b["steps_run"][sel]
    flags = ran.copy()
    for k in ("divergence_step", "underflow_step", "spike_step"):
        flags &= a[k][sel] == b[k][sel]
    rel = {}
    for k in F_COLUMNS:
        x, y = a[k][sel][ran], b[k][sel][ran]
        ok = np.isfinite(x) & np.isfinite(y)
        rel[k] = float(np.max(np.abs(x[ok] - y[ok]) / np.maximum(np.abs(x[ok]), 1e-300), initial=0.0))
    return {"points": int(sel.sum()), "bit_identical_fraction": float(same.mean()) if same.size else None,
            "same_steps_run_fraction": float(ran.mean()) if ran.size else None,
            "same_flags_fraction": float(flags.mean()) if flags.size else None, "max_rel_diff": rel}


def _agreement(cpu, gpu):
    """All points, and the CPU's Regime I points."""
    return {"all": _compare(cpu, gpu), "regime_I": _compare(cpu, gpu, _regime_one(cpu))}


def compile_times(steps=1):
    rule = get_rule("adam")
    cols = bench_columns(2)[:1]
    out = {}
    for mode in ("raw", "normalized"):
        t0 = time.perf_counter()
        get_cuda_kernel(rule, ADAM_FLAGS, mode)
        run_points_cuda(rule, ADAM_FLAGS, cols, steps=steps, mode=mode)
        out[f"cuda_{mode}_seconds"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        get_kernels(rule, ADAM_FLAGS)
        run_points(rule, ADAM_FLAGS, cols, steps=steps, mode=mode)
        out[f"cpu_{mode}_seconds"] = time.perf_counter() - t0
    return out


PER_POINT_RULES = ("gd", "momentum", "adam", "rmsprop", "adabelief", "s3")


def per_point(steps=2000, npts=256, quick=False, rules=PER_POINT_RULES):
    """Raw mode, CUDA against the CPU raw kernel, on random points with real ``n`` (the step takes ``pow``)
    and with integer ``n`` (``+ - * / sqrt`` only)."""
    out = {}
    for name in rules:
        rule = get_rule(name)
        for flags in ([_flags_of(rule)] if quick else codegen.variants(rule)):
            key = codegen.kernel_name(name, flags, "raw")
            out[key] = {}
            for points in ("real_n", "integer_n"):
                cols, _ = _random_columns(rule, flags, npts, integer_n=points == "integer_n")
                cpu = run_points(rule, flags, cols, steps=steps, mode="raw")
                gpu = run_points_cuda(rule, flags, cols, steps=steps, mode="raw")
                out[key][points] = dict(_agreement(cpu, gpu),
                                        underflowed_cpu=int(np.sum(cpu["underflow_step"] >= 0)),
                                        regime_I_cpu=int(_regime_one(cpu).sum()))
            print(" ", key, json.dumps({p: v["regime_I"]["max_rel_diff"] for p, v in out[key].items()}), flush=True)
    return out


def per_point_normalized(steps=2000, npts=256, quick=False):
    """Normalized mode: CUDA against the CPU normalized kernel in its sign/log scheme (the same operations:
    any difference is libdevice vs libm rounding or NVVM's contraction of multiply-adds) and in its default
    fast scheme."""
    cases = [("adam", ADAM_FLAGS), ("radam", {})]
    if not quick:
        cases = [("adam", f) for f in codegen.variants(get_rule("adam"))] + [
            ("radam", {}), ("adabound", _flags_of(get_rule("adabound"), published=True))]
    out = {}
    for name, flags in cases:
        rule = get_rule(name)
        cols, _ = _random_columns(rule, flags, npts)
        gpu = run_points_cuda(rule, flags, cols, steps=steps, mode="normalized")
        cpu_slog = run_points(rule, flags, cols, steps=steps, mode="normalized", tail=1)
        cpu_fast = run_points(rule, flags, cols, steps=steps, mode="normalized", tail=0)
        key = codegen.kernel_name(name, flags, "normalized")
        out[key] = {"regime_I_cpu": int(_regime_one(cpu_slog).sum()),
                    "vs_sign_log": _agreement(cpu_slog, gpu), "vs_fast": _agreement(cpu_fast, gpu)}
        print(" ", key, json.dumps({k: out[key][k]["regime_I"]["max_rel_diff"] for k in ("vs_sign_log", "vs_fast")}),
              flush=True)
    return out


def phase(steps=3000, grid=128, mode="raw"):
    g = np.linspace(0.01, 0.999, grid)
    res = {"grid": grid, "steps": steps, "mode": mode}
    pds = {}
    for dev in ("cpu", "cuda"):
        phase_diagram("adam", {"beta1": g[:2], "beta2": g[:2]}, {"lr": 1e-2, "n": 4}, steps=10, mode=mode,
                      device=dev)  # compile
        t0 = time.perf_counter()
        pds[dev] = phase_diagram("adam", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=steps, mode=mode,
                                 device=dev)
        res[f"{dev}_seconds"] = time.perf_counter() - t0
    a, b = pds["cpu"], pds["cuda"]
    res["regime_observed_agreement"] = float(np.mean(a.regime_observed == b.regime_observed))
    res["min_log10_loss_bit_identical"] = float(np.mean(a.min_log10_loss == b.min_log10_loss))
    d = np.abs(a.min_log10_loss - b.min_log10_loss)
    res["min_log10_loss_max_abs_diff"] = float(np.nanmax(d)) if np.any(np.isfinite(d)) else None
    res["disagreeing_regime_points"] = int(np.sum(a.regime_observed != b.regime_observed))
    return res


def _best(fn, repeat=2):
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        red = fn()
        el = time.perf_counter() - t0
        best = (el, red) if best is None or el < best[0] else best
    return best


def throughput(steps=2000, grids=(1024, 2048, 4096), mode="raw"):
    rule = get_rule("adam")
    run_points_cuda(rule, ADAM_FLAGS, bench_columns(4), steps=10, mode=mode)  # compile
    res = {}
    for grid in grids:
        cols = bench_columns(grid)
        el, red = _best(lambda c=cols: run_points_cuda(rule, ADAM_FLAGS, c, steps=steps, mode=mode))
        res[f"grid{grid}_updates_per_s"] = float(red["steps_run"].sum() / el)
        res[f"grid{grid}_seconds"] = el
        print(" ", mode, "grid", grid, f"{res[f'grid{grid}_updates_per_s']:.3g} updates/s", flush=True)
    return res


def cpu_reference(steps=2000, grid=256, gpu=None):
    """The CPU kernels on this host (all threads, then 2), and the GPU/CPU ratios at the largest GPU grid."""
    import numba

    rule = get_rule("adam")
    cols = bench_columns(grid)
    res = {"grid": grid, "steps": steps, "threads_all": numba.get_num_threads()}
    before = numba.get_num_threads()
    try:
        for label, threads in (("all", before), ("2", min(2, before))):
            numba.set_num_threads(threads)
            for mode in ("raw", "normalized"):
                run_points(rule, ADAM_FLAGS, cols[:64], steps=10, mode=mode)  # compile
                el, red = _best(lambda m=mode: run_points(rule, ADAM_FLAGS, cols, steps=steps, mode=m))
                res[f"{mode}_threads_{label}_updates_per_s"] = float(red["steps_run"].sum() / el)
    finally:
        numba.set_num_threads(before)
    for mode, tp in (gpu or {}).items():
        rates = [v for k, v in tp.items() if k.endswith("_updates_per_s")]
        if rates:
            res[f"{mode}_gpu_over_cpu_2_threads"] = max(rates) / res[f"{mode}_threads_2_updates_per_s"]
            res[f"{mode}_gpu_over_cpu_all_threads"] = max(rates) / res[f"{mode}_threads_all_updates_per_s"]
    print(" ", json.dumps(res), flush=True)
    return res


SIZES = {
    "full": {"per_point": {}, "per_point_normalized": {}, "phase": {}, "throughput": {}, "cpu_reference": {}},
    "quick": {"per_point": {"quick": True}, "per_point_normalized": {"quick": True}, "phase": {},
              "throughput": {}, "cpu_reference": {}},
    # tiny sizes, to check the script and its record end to end (NUMBA_ENABLE_CUDASIM=1 works without a GPU)
    "smoke": {"per_point": {"steps": 20, "npts": 2, "quick": True, "rules": ("adam", "momentum")},
              "per_point_normalized": {"steps": 20, "npts": 3, "quick": True},
              "phase": {"steps": 20, "grid": 3}, "throughput": {"steps": 20, "grids": (4,)},
              "cpu_reference": {"steps": 20, "grid": 8}},
}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=DEFAULT_OUT)
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="default flags only (fits ~5 min on an H200 host)")
    size.add_argument("--smoke", action="store_true", help="tiny sizes (the CUDA simulator): not a measurement")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds after which the remaining parts are skipped (default: 240 with --quick, none)")
    args = ap.parse_args(sys.argv[1:] if argv is None else argv)
    kind = "smoke" if args.smoke else "quick" if args.quick else "full"
    budget = args.budget if args.budget is not None else (240.0 if args.quick else float("inf"))
    command = ("python benchmarks/gpu_check.py" + ("" if kind == "full" else f" --{kind}")
               + ("" if args.budget is None else f" --budget {args.budget:g}")
               + ("" if args.out == DEFAULT_OUT else f" {args.out}"))
    meta = provenance(command, CODE)
    simulator = os.environ.get("NUMBA_ENABLE_CUDASIM", "0") not in ("", "0")
    out = {"gpu": None if simulator else _gpu_name(), "smoke": kind == "smoke", "quick": kind == "quick",
           "cuda_simulator": simulator}
    print(json.dumps(out), flush=True)
    sz = SIZES[kind]
    parts = [
        ("compile", compile_times, {}),
        ("throughput", throughput, dict(sz["throughput"], mode="raw")),
        ("throughput_normalized", throughput, dict(sz["throughput"], mode="normalized")),
        ("cpu_reference", cpu_reference, sz["cpu_reference"]),
        ("phase", phase, dict(sz["phase"], mode="raw")),
        ("phase_normalized", phase, dict(sz["phase"], mode="normalized")),
        ("per_point", per_point, sz["per_point"]),
        ("per_point_normalized", per_point_normalized, sz["per_point_normalized"]),
    ]
    t_start = time.perf_counter()
    for name, fn, kw in parts:
        if time.perf_counter() - t_start > budget:
            out[name] = {"skipped": f"time budget of {budget:g} s spent"}
            print(name, "skipped (budget)", flush=True)
            continue
        if name == "cpu_reference":
            kw = dict(kw, gpu={m: out.get(k, {}) for m, k in (("raw", "throughput"),
                                                                ("normalized", "throughput_normalized"))})
        print(f"[{time.perf_counter() - t_start:6.1f} s] {name} ...", flush=True)
        t0 = time.perf_counter()
        try:
            out[name] = fn(**kw)
        except Exception as exc:  # noqa: BLE001 - record and go on: one device run must report everything
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
            print(name, "FAILED", traceback.format_exc(), flush=True)
        out[f"{name}_seconds"] = time.perf_counter() - t0
        if name in ("compile", "phase", "phase_normalized"):
            print(" ", json.dumps(out[name]), flush=True)
        write_record(args.out, out, command, meta)
    print(f"[{time.perf_counter() - t_start:6.1f} s] done: {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
