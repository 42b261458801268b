"""The published performance numbers, generated from the committed records in benchmarks/results/.

Every speed, ratio, time and size that README's ``bench`` and ``gpu`` sections and
docs/CAPACITY.md's sections print comes from a JSON record written by a benchmark
(``adamdyn bench --out``, ``benchmarks/capacity.py``, ``benchmarks/gpu_check.py``), each with its
provenance (``meta``: command, machine, date, versions, git commit, load averages).
``tools/update_readme.py`` writes these bodies between the documents' ``<!-- NAME -->`` markers;
``tests/test_bench_records.py`` checks the committed documents equal them.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BENCH_RECORDS = ("bench_grid256_steps2000.json", "bench_grid256_steps200.json")  # first: the headline run
# the same benchmark at other grid sizes (the table of ratios across sizes; a missing record is left out)
GRID_RECORDS = tuple(f"bench_grid{g}_steps{s}.json" for g in (64, 256, 1024) for s in (200, 2000))
GPU_RECORD = "gpu_check.json"
CAPACITY_RECORD = "capacity.json"
NORMALIZED_WORK_RECORD = "normalized_work.json"
TORCH_STEP_RECORD = "torch_step.json"
TORCH_STEP_CUDA_RECORD = "torch_step_cuda.json"
TORCH_REFERENCE = "torch.optim.Adam(foreach=True)"
TORCH_FUSED_REFERENCE = "torch.optim.Adam(fused=True)"
TORCH_GOAL = 1.2  # the goal: every rule within this factor of torch.optim.Adam(foreach=True)

# Assumptions of the estimate table (not measurements; printed with the table).
BIG_GRID, BIG_STEPS = 4096, 10**5
CORES, CORE_SCALING = 16, 0.9
MACHINES, DASK_EFFICIENCY = 16, 0.95

# Contenders of the benchmark table: label, raw key, normalized key (keys of `adamdyn bench`'s result).
CONTENDERS = (
    ("adamdyn kernels (IEEE float64, every reduction)", "raw", "normalized"),
    ("in-place numpy sweep (minimum only)", "numpy", None),
    ("C, gcc -O3 (minimum only; normalized: sign/log map)", "c_o3_raw", "c_o3_normalized"),
    ("C, gcc -O3 -fno-math-errno (minimum only; sign/log)", "c_o3nme_raw", "c_o3nme_normalized"),
    ("C, gcc -O3 -fno-math-errno, every reduction of the kernels", "c_o3nme_raw_full", None),
    ("C, gcc -O3, the kernels' fast normalized scheme (minimum only, no guard or fallback)", None,
     "c_o3_normalized_fast"),
    ("C, gcc -O3 -fno-math-errno, the same fast normalized scheme", None, "c_o3nme_normalized_fast"),
    ("C, gcc -Ofast (non-IEEE; minimum only; sign/log)", "c_ofast_raw", "c_ofast_normalized"),
)


def load(name: str, results: Path = RESULTS):
    """``(meta, result, path)`` of the record ``results/name``, or ``None`` when there is no such file."""
    path = Path(results) / name
    if not path.exists():
        return None
    rec = json.loads(path.read_text())
    return rec["meta"], rec["result"], path


def _rel(path: Path) -> str:
    """Where a record is committed (the same link whichever folder it was read from)."""
    return (RESULTS / path.name).relative_to(ROOT).as_posix()


def rate(v, unit=1e6, suffix="M") -> str:
    return "not run" if v is None else f"{v / unit:,.0f} {suffix}"


def ratio(a, b) -> str:
    return "not run" if a is None or b is None else f"{a / b:.2f}x"


def provenance_line(meta: dict, path: Path) -> str:
    """One line naming the command, machine, date, versions and commit of a record, linking the record."""
    mod = meta.get("git_modified_files") or []
    commit = (meta.get("git_commit") or "unknown")[:10] + (f" with {', '.join(mod)} modified" if mod else "")
    cpu = ", ".join([meta["arch"], *([meta["cpu_target"]] if meta.get("cpu_target") else []),
                     *([" ".join(meta["cpu_vector"]).upper()] if meta.get("cpu_vector") else []), f"{meta['cpus']} cores"])
    return (f"`{meta['command']}` on {meta['cpu_model']} ({cpu}), "
            f"{meta['date_utc']}, git {commit}; Python {meta['python']}, numpy {meta['numpy']}, numba "
            f"{meta['numba']}, adamdyn {meta['adamdyn']}, {meta.get('gcc') or 'no gcc'}. "
            f"Record: [{_rel(path)}]({_rel(path)}).{code_note(meta)}")


def code_note(meta: dict) -> str:
    """Empty when the record's timed code is unchanged now; otherwise a plain warning naming the changes."""
    from adamdyn.sweeps.bench import changed_code

    if "timed_code" not in meta:
        return " The timed code was not recorded: treat these numbers as from an unknown version."
    changed = changed_code(meta, ROOT)
    if not changed:
        return ""
    shown = ", ".join(changed[:4]) + (f" and {len(changed) - 4} more" if len(changed) > 4 else "")
    return (f" **Measured before a change to the timed code** ({shown} changed since); rerun "
            f"`{meta['command']}` to refresh.")


def load_note(meta: dict) -> str:
    """The 1-minute load averages of a record, and a plain warning when other jobs loaded the machine.

    Other jobs: a load above 1 at the start, or at the end a load above 1 beyond the benchmark's own
    threads (it runs one per core, ``meta["cpus"]``, and they alone raise the end load towards that count).
    """
    s, e = meta["load_average_start"][0], meta["load_average_end"][0]
    note = f"1-minute load average {s:.2f} at the start, {e:.2f} at the end"
    if s > 1 or e > int(meta.get("cpus", 1)) + 1:
        return (note + ": **measured under load** (other jobs shared the cores), so these rates are lower than "
                "the same machine gives idle.")
    return note + "."


def bench_section(results: Path = RESULTS) -> str:
    """README's ``bench`` section: one table of every committed ``adamdyn bench`` record, and the ratios
    of the headline record."""
    recs = [r for r in (load(n, results) for n in BENCH_RECORDS) if r is not None]
    if not recs:
        return "No committed benchmark record: run `adamdyn bench --out benchmarks/results/NAME.json`."
    head = ["sweep"] + [f"{kind}, {res['steps']} steps" for _, res, _ in recs for kind in ("raw", "normalized")]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, raw, norm in CONTENDERS:
        cells = [label]
        for _, res, _ in recs:
            cells += ["" if k is None else rate(res[f"{k}_updates_per_s"]) for k in (raw, norm)]
        rows.append("| " + " | ".join(cells) + " |")
    lines = []
    for meta, res, path in recs:
        lines.append(f"- {res['steps']} steps, grid {res['grid']}^2, {res['threads']} threads, best of "
                     f"{res['repeat']} runs per contender: {provenance_line(meta, path)} {load_note(meta)}")
    _, b, _ = recs[0]

    def x(num, den):
        return ratio(b[f"{num}_updates_per_s"], b[f"{den}_updates_per_s"])

    prose = (f"Ratios of the {b['steps']}-step run. Raw kernels: {x('raw', 'numpy')} the numpy sweep, "
             f"{x('raw', 'c_o3_raw')} C -O3, {x('raw', 'c_o3nme_raw')} C -O3 -fno-math-errno (minimum only), "
             f"{x('raw', 'c_o3nme_raw_full')} the same C keeping every reduction, {x('raw', 'c_ofast_raw')} "
             f"-Ofast. Normalized kernels: {x('normalized', 'c_o3_normalized')} the C -O3 sign/log map, "
             f"{x('normalized', 'c_o3_normalized_fast')} a C -O3 loop of their own scheme "
             f"({x('normalized', 'c_o3nme_normalized_fast')} with -fno-math-errno), "
             f"{x('normalized', 'c_ofast_normalized')} -Ofast sign/log.")
    work = normalized_work_table(results)
    return "\n".join(rows + [""] + lines + ["", prose, "", grid_table(results)] + (["", work] if work else []))


def grid_table(results: Path = RESULTS) -> str:
    """The ratios the performance goals name, for every committed grid size and step count (each row one
    ``adamdyn bench`` record, its contenders measured in the same run)."""
    recs = [r for r in (load(n, results) for n in GRID_RECORDS) if r is not None]
    head = ("grid, steps", "raw", "raw / numpy", "raw / C min-only (-O3 -fno-math-errno)",
            "raw / C -Ofast every reduction", "normalized", "normalized / C own scheme (-O3 -fno-math-errno)",
            "record")
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for meta, res, path in recs:
        def x(num, den, res=res):
            return ratio(res[f"{num}_updates_per_s"], res.get(f"{den}_updates_per_s"))

        rows.append(f"| {res['grid']}^2, {res['steps']} | {rate(res['raw_updates_per_s'])} | {x('raw', 'numpy')} | "
                    f"{x('raw', 'c_o3nme_raw')} | {x('raw', 'c_ofast_raw_full')} | "
                    f"{rate(res['normalized_updates_per_s'])} | {x('normalized', 'c_o3nme_normalized_fast')} | "
                    f"[{path.name}]({_rel(path)}), load {meta['load_average_start'][0]:.2f}"
                    f"{'; **timed code changed since**' if code_note(meta) else ''} |")
    return "\n".join(["Across grid sizes (best of each record's runs; load: the 1-minute load average at its "
                      "start):", "", *rows])


def normalized_work_table(results: Path = RESULTS) -> str:
    """The normalized kernel against C loops of its own scheme, minimum only and doing the kernel's work
    (``benchmarks/normalized_work.py``'s record), or nothing when there is no record."""
    rec = load(NORMALIZED_WORK_RECORD, results)
    if rec is None:
        return ""
    meta, res, path = rec
    head = ("grid, steps", "kernel", "C min only", "C, the kernel's work: one loop", "C, the kernel's work: two "
            "passes", "kernel / C min only", "kernel / C one loop", "kernel / C two passes",
            "points the C loops of the kernel's work stopped at the range guard")
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in res["runs"]:
        c = [r[f"c_{k}_updates_per_s"] for k in ("fast_min_only", "full_one_loop", "full_two_pass")]
        k = r["kernel_updates_per_s"]
        rows.append(f"| {r['grid']}^2, {r['steps']} | {rate(k)} | " + " | ".join(rate(v) for v in c) + " | "
                    + " | ".join(ratio(k, v) for v in c) + f" | {r['c_full_one_loop_guard_stops']:,} of {r['grid'] ** 2:,} |")
    r0 = res["runs"][0]
    intro = (f"The normalized kernel against C loops of its own scheme ({res['flags']}, {r0['threads']} threads, "
             f"best of {r0['repeat']} runs each): the minimum-only loop above, and "
             "`benchmarks/c_normalized_full.c`, the same scheme doing the kernel's work each step (range guard, "
             "every reduction of the result columns, late-slope samples), written as one loop and in the "
             "kernel's two-pass layout. A point whose scaled floats leave the guard's range stops there; the "
             "kernel goes on with it in sign/log form, so where there are such points the kernel iterates more "
             "updates than the C loops, slower ones, and its rate is a lower bound:")
    return "\n".join([intro, "", *rows, "", f"{provenance_line(meta, path)} {load_note(meta)}"])


def gpu_section(results: Path = RESULTS) -> str:
    """README's ``gpu`` paragraph: the committed ``benchmarks/gpu_check.py`` record, or a plain statement
    that none exists."""
    rec = load(GPU_RECORD, results)
    if rec is None:
        return ("No committed GPU measurement exists yet: no GPU has been lent to this project's sessions (GPU "
                "figures published before had no record and predate the current kernels, so they were removed). "
                "Both modes have CUDA kernels, generated from the same rules as the CPU ones and tested under "
                "numba's CUDA simulator, where they agree with the CPU kernels bit for bit; every kernel compiles to "
                "PTX (`python benchmarks/cuda_ptx_check.py`, no GPU needed). On a machine with CUDA, "
                f"`python benchmarks/gpu_check.py --quick` writes `benchmarks/results/{GPU_RECORD}` (throughput of "
                "the raw and normalized CUDA kernels on this benchmark's Adam sweep, their ratio to the CPU kernels "
                "on the same host, and CUDA vs CPU agreement per point and on phase diagrams); "
                "`python tools/update_readme.py` then fills this paragraph.")
    meta, res, path = rec
    parts = [f"GPU ({res.get('gpu') or 'unknown GPU'}): {provenance_line(meta, path)}"]
    if res.get("smoke"):
        return parts[0] + " This record is a `--smoke` run (tiny sizes, possibly the CUDA simulator): not a measurement."
    cpu = res.get("cpu_reference", {})
    for mode, key in (("raw", "throughput"), ("normalized", "throughput_normalized")):
        tp = res.get(key, {})
        grids = sorted(int(k[4:-len("_updates_per_s")]) for k in tp if k.endswith("_updates_per_s"))
        if "error" in tp:
            parts.append(f"{mode.capitalize()} throughput failed: {tp['error']}.")
        elif grids:
            vs = cpu.get(f"{mode}_gpu_over_cpu_2_threads")
            parts.append(f"{mode.capitalize()} CUDA kernel (`adamdyn sweep --device cuda`) on this benchmark's Adam "
                         "sweep: " + ", ".join(f"grid {g}: {rate(tp[f'grid{g}_updates_per_s'], 1e9, 'G')} updates/s"
                                               for g in grids)
                         + (f" ({vs:.0f}x the same host's CPU kernels on 2 threads)" if vs else "") + ".")
    for mode, key in (("raw", "phase"), ("normalized", "phase_normalized")):
        ph = res.get(key, {})
        if "error" in ph:
            parts.append(f"The {mode} phase-diagram comparison failed: {ph['error']}.")
        elif ph:
            parts.append(f"In {mode} mode CUDA and CPU agree on {ph['regime_observed_agreement']:.1%} of the observed "
                         f"regime labels of a {ph['grid']} x {ph['grid']} x {ph['steps']}-step Adam phase diagram "
                         f"({ph['disagreeing_regime_points']} points differ; over all points, chaotic ones included, "
                         f"the largest |difference| of min log10 loss is {float(ph['min_log10_loss_max_abs_diff']):.1e}"
                         f"{' (a point reached an exact zero loss on one device only)' if not math.isfinite(float(ph['min_log10_loss_max_abs_diff'])) else ''}).")
    if "contraction" in res:
        parts.append("This record's kernels were launched inside a multiply-add contraction switch since removed "
                     "(`fma=0` for NVVM): with and without it every per-point reduction was the same, so it "
                     "changed nothing measured here.")
    pp = res.get("per_point", {})
    if "error" in pp:
        parts.append(f"Per-point comparison failed: {pp['error']}.")
    elif pp:
        parts.append(_per_point_table(pp, res.get("per_point_normalized", {})))
    return " ".join(parts)


def _default_kernel(entry: dict) -> dict:
    """A per-point entry of the default kernel (records made while a contraction switch existed nest it
    under ``no_contract``)."""
    return entry.get("no_contract", entry)


def _per_point_table(pp: dict, pn: dict) -> str:
    """CUDA vs CPU per point: at the CPU's Regime I points (rounding not amplified) and over all points."""
    def fmt(x):
        return "-" if x is None else f"{x:.0e}" if x else "0"

    rows = ["| kernel | n | CPU Regime I points | same steps run there | max rel. diff there: min / final log10 loss, "
            "late slope | bit-identical, all points |", "|---|---|---|---|---|---|"]
    for key, by_n in pp.items():
        for points, entry in by_n.items():
            if not isinstance(entry, dict) or "regime_I_cpu" not in entry:
                continue
            d = _default_kernel(entry)
            one, every = d["regime_I"], d["all"]
            rel = one["max_rel_diff"]
            same = one["same_steps_run_fraction"]
            rows.append(f"| `{key}` | {points.replace('_n', '')} | {entry['regime_I_cpu']} of {every['points']} | "
                        f"{'-' if same is None else f'{same:.1%}'} | {fmt(rel['min_log10_loss'])} / "
                        f"{fmt(rel['final_log10_loss'])} / {fmt(rel['late_slope'])} | "
                        f"{every['bit_identical_fraction']:.1%} |")
    for key, entry in (pn if "error" not in pn else {}).items():
        d = entry.get("vs_sign_log") or entry.get("no_contract_vs_sign_log")
        if d is None or "regime_I" not in d:
            continue
        one, every, rel = d["regime_I"], d["all"], d["regime_I"]["max_rel_diff"]
        rows.append(f"| `{key}` (vs the CPU's sign/log scheme) | real | {entry['regime_I_cpu']} of {every['points']} | "
                    f"{one['same_steps_run_fraction']:.1%} | {fmt(rel['min_log10_loss'])} / "
                    f"{fmt(rel['final_log10_loss'])} / {fmt(rel['late_slope'])} | {every['bit_identical_fraction']:.1%} |")
    return ("Per point (256 random points per kernel, betas in (0.01, 0.999), 2,000 steps; n real in [2, 8] or an "
            "integer 2..8, where the raw step takes no `pow`), CUDA against the CPU kernel. Regime I points are "
            "those the CPU run labels Regime I from its own reductions; Regimes II and III are chaotic, so a "
            "last-bit difference (libdevice's `pow`, `log10`, `exp` against the CPU's libm, and NVVM's fused "
            "multiply-adds) grows into another orbit there, and only labels and rates compare:\n\n"
            + "\n".join(rows) + "\n")


def capacity_measured(results: Path = RESULTS) -> str:
    """docs/CAPACITY.md's ``measured`` section from ``capacity.json``."""
    rec = load(CAPACITY_RECORD, results)
    if rec is None:
        return f"Not measured: no `benchmarks/results/{CAPACITY_RECORD}` (run `python benchmarks/capacity.py`)."
    meta, res, path = rec
    rows = ["| what | value |", "|---|---|"]
    th = res["threads"]
    if "error" in th:
        rows.append(f"| kernel rates | failed: {th['error']} |")
    else:
        one, allt = th["threads1"], th[f"threads{th['max_threads']}"]
        for mode in ("raw", "normalized"):
            k = f"{mode}_updates_per_s"
            rows.append(f"| {mode} kernel, grid {th['grid']}^2 x {th['steps']} steps | 1 thread: {rate(one[k])} "
                        f"updates/s; {th['max_threads']} threads: {rate(allt[k])} ({ratio(allt[k], one[k])}) |")
    tl = res["tiling"]
    if "error" in tl:
        rows.append(f"| tiling | failed: {tl['error']} |")
    else:
        over = "; ".join(f"tile {t} ({v['ntiles']} tile{'s' if v['ntiles'] > 1 else ''}): "
                         f"{v['seconds'] - tl['untiled_s']:+.2f} s" for t, v in tl["tiles"].items())
        rows.append(f"| tiling overhead, {tl['grid']}^2 grid, {tl['steps']} steps, {tl['mode']}, "
                    f"{tl['untiled_s']:.2f} s untiled (best of {tl.get('repeat', 1)} each) | {over} |")
        small = min(tl["tiles"], key=int)
        v = tl["tiles"][small]
        rows.append(f"| per-tile fixed cost (tile {small}: overhead / tiles) | "
                    f"{(v['seconds'] - tl['untiled_s']) / v['ntiles'] * 1e3:.0f} ms |")
        rows.append("| tile file size (npz) | " + "; ".join(
            f"tile {t}: {w['bytes'] / w['files'] / 1e3:,.1f} KB per file" for t, w in tl["tiles"].items()) + " |")
    dk = res["dask"]
    if "error" in dk:
        rows.append(f"| dask vs local | not measured: {dk['error']} |")
    else:
        rows.append(f"| dask vs local, {dk['grid']}^2 x {dk['steps']} steps, tile {dk['tile']}, best of "
                    f"{dk.get('repeat', 1)}, warm "
                    f"`LocalCluster({dk['workers']} workers x {dk['threads_per_worker']} thread)` | "
                    f"{dk['dask_s']:.2f} s vs {dk['local_s']:.2f} s: **{dk['local_s'] / dk['dask_s']:.0%}** of "
                    "local throughput |")
        rows.append(f"| dask start-up (cluster, then a first tiny sweep: imports, caches) | "
                    f"{dk['cluster_start_s']:.1f} s + {dk['warmup_s']:.1f} s |")
    return "\n".join([provenance_line(meta, path) + " " + load_note(meta), ""] + rows)


def capacity_estimates(results: Path = RESULTS) -> str:
    """docs/CAPACITY.md's ``estimates`` section: a large sweep's time from the measured 1-thread rates."""
    rec = load(CAPACITY_RECORD, results)
    updates = BIG_GRID**2 * BIG_STEPS
    head = (f"A {BIG_GRID} x {BIG_GRID} grid x {BIG_STEPS:,} steps = {updates:.2e} updates (fewer when points "
            f"stop early). Rates: the 1-thread rates of the table above (same record, same load). Assumed, not "
            f"measured: {CORES} cores scale at {CORE_SCALING:.0%} of {CORES} x one core; {MACHINES} machines on dask "
            f"at {DASK_EFFICIENCY:.0%}.")
    if rec is None or "error" in rec[1]["threads"]:
        return head + "\n\nNo estimate: the 1-thread rates are not measured (`python benchmarks/capacity.py`)."
    one = rec[1]["threads"]["threads1"]
    rows = ["| setup | rate | estimate |", "|---|---|---|"]

    def dur(sec):
        return f"{sec / 3600:.1f} h" if sec >= 3600 else f"{sec / 60:.1f} min" if sec >= 60 else f"{sec:.0f} s"

    for mode in ("normalized", "raw"):
        r1 = one[f"{mode}_updates_per_s"]
        node = r1 * CORES * CORE_SCALING
        rows.append(f"| 1 machine, {CORES} cores, {mode} | {rate(r1)}/s per core (measured, 1 thread) x {CORES} x "
                    f"{CORE_SCALING} = {rate(node)}/s | **{dur(updates / node)}** |")
        rows.append(f"| {MACHINES} such machines on dask, {mode} | x {MACHINES} x {DASK_EFFICIENCY} | "
                    f"**{dur(updates / (node * MACHINES * DASK_EFFICIENCY))}** + start-up |")
    gpu = load(GPU_RECORD, results)
    tp = {} if gpu is None or gpu[1].get("smoke") else gpu[1].get("throughput", {})
    grids = sorted(int(k[4:-len("_updates_per_s")]) for k in tp if k.endswith("_updates_per_s"))
    rows.append("| one GPU, raw, CUDA kernel | " + (
        "not measured: no committed GPU record | not estimated |" if not grids else
        f"{rate(tp[f'grid{grids[-1]}_updates_per_s'], 1e9, 'G')}/s (measured, grid {grids[-1]}, {gpu[1].get('gpu')}) "
        f"| **{dur(updates / tp[f'grid{grids[-1]}_updates_per_s'])}** + transfers |"))
    return "\n".join([head, ""] + rows)


def capacity_tiles(results: Path = RESULTS) -> str:
    """docs/CAPACITY.md's ``tiles`` section: file counts and sizes of a large sweep from the measured tile
    files, and the store's limits from the code."""
    from adamdyn.scale.tiles import MAX_AXIS, MAX_TILES

    pts = BIG_GRID**2
    lines = [f"* At most {MAX_AXIS:,} values per axis and {MAX_TILES:,} tiles per store are accepted (clear "
             "ValueError beyond, with the fix)."]
    rec = load(CAPACITY_RECORD, results)
    tl = None if rec is None else rec[1]["tiling"]
    if tl is None or "error" in tl or str(max(map(int, tl["tiles"]))) not in tl["tiles"]:
        return "\n".join(lines + ["* Tile sizes not measured (`python benchmarks/capacity.py`)."])
    big = max(tl["tiles"], key=int)
    v = tl["tiles"][big]
    per_point = v["bytes"] / (tl["grid"] ** 2)
    n = (BIG_GRID // int(big)) ** 2
    lines.insert(0, f"* {BIG_GRID}^2 grid, tile {big}: {n:,} tile files of {v['bytes'] / v['files'] / 1e3:,.0f} KB "
                    f"(measured), {n * v['bytes'] / v['files'] / 1e9:.1f} GB on disk.")
    lines.append(f"* Assembling {pts:,} points at {per_point:.0f} bytes per point (the measured tile-{big} files, "
                 f"uncompressed npz) needs about {pts * per_point / 1e9:.1f} GB; `assemble()` refuses (ValueError "
                 "with the size) above half the available memory: then read tiles with `TileStore.iter_tiles()`.")
    return "\n".join(lines)


def torch_step_section(results: Path = RESULTS, record: str = None) -> str:
    """README's ``torch_step`` section: ms per ``step()`` of the torch optimizers (flat path, per-tensor path,
    ``fused=True``, ``torch.optim``'s twin) from ``benchmarks/torch_step.py``'s record (``record``: the CPU's,
    or the GPU's ``torch_step_cuda.json``), and the ratios to torch's Adam."""
    record = record or TORCH_STEP_RECORD
    rec = load(record, results)
    if rec is None:
        cmd = "python benchmarks/torch_step.py" + (" --device cuda" if record == TORCH_STEP_CUDA_RECORD else "")
        return (f"No committed record: run `{cmd}` (writes `benchmarks/results/{record}`), then "
                "`python tools/update_readme.py`.")
    meta, res, path = rec
    dtypes = list(res["dtypes"])

    def ratio(dt, label, ref=TORCH_REFERENCE):
        """The ratio of ``label``'s time to ``ref``'s: to torch's Adam, the median over the rounds of the paired
        ratio (each step over the reference's step just before it) where the record has it; else the median over
        the rounds of ``label``'s time over ``ref``'s in the same round (a round that ran fast or slow as a
        whole, or the reference's one lucky round, moves no ratio)."""
        d = res["dtypes"][dt]
        if ref == TORCH_REFERENCE and d[label].get("ratio_runs"):
            return statistics.median(d[label]["ratio_runs"])
        a, b = d[label].get("ms_runs"), d[ref].get("ms_runs")
        if a and b and len(a) == len(b):
            return statistics.median(x / y for x, y in zip(a, b))
        return d[label]["ms"] / d[ref]["ms"]

    def cell(dt, label):
        return f"{res['dtypes'][dt][label]['ms']:.2f} ms ({ratio(dt, label):.2f}x)"

    fused_run = "fused" in res.get("kinds", ["fused"])  # (a record made with --kinds may leave fused=True out)
    # loop=False: the CPU's torch operations (records from before the loop have no such contender)
    ops_run = "ops" in res.get("kinds", [])
    cols = ("flat path", *(("loop=False",) if ops_run else ()), "flat=False",
            *(("fused=True",) if fused_run else ()), "torch.optim twin")

    def row(first, by_col):
        return "| " + " | ".join([first] + [by_col(dt).get(col, "") for dt in dtypes for col in cols]) + " |"

    head = ["optimizer"] + [f"{dt}: {col}" for dt in dtypes for col in cols]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
            row(f"`{TORCH_REFERENCE}`", lambda dt: {"flat path": cell(dt, TORCH_REFERENCE)})]
    if TORCH_FUSED_REFERENCE in res["dtypes"][dtypes[0]]:  # torch's own one-kernel Adam
        col = "fused=True" if fused_run else "torch.optim twin"
        rows.append(row(f"`{TORCH_FUSED_REFERENCE}`", lambda dt: {col: cell(dt, TORCH_FUSED_REFERENCE)}))
    labels = [k for k, v in res["dtypes"][dtypes[0]].items() if v["kind"] == "flat"]
    twins = {k: v.get("twin") for k, v in res["dtypes"][dtypes[0]].items() if v["kind"] == "flat"}
    for label in labels:
        def cells(dt, label=label):
            d = res["dtypes"][dt]
            twin, fused = twins[label], f"{label}, fused=True"
            other = " (another rule, see below)" if d[label].get("twin_is_another_rule") else ""
            ops = f"{label}, loop=False"
            return {"flat path": cell(dt, label), "flat=False": cell(dt, f"{label}, flat=False"),
                    "loop=False": cell(dt, ops) if ops in d else "",
                    "fused=True": cell(dt, fused) if fused in d else "",
                    "torch.optim twin": "" if twin is None else
                    f"`{twin}`{other}: {d[twin]['ms']:.2f} ms; flat path {ratio(dt, label, twin):.2f}x"}
        rows.append(row(f"`{label}`", cells))
    first = res["dtypes"][dtypes[0]]
    others = [(k, first[k]["twin"], first[k]["twin_is_another_rule"]) for k in labels
              if first[k].get("twin_is_another_rule")]
    layers = "-".join(str(n) for n in res["layers"])
    shapes = ", ".join("x".join(str(n) for n in s) for s in res["shapes"])
    setup = (f"One `step()` on the parameters of a {layers} MLP ({res['parameters']:,} parameters: {shapes}), "
             f"fixed random gradients, "
             + (f"{res['gpu']} (each step timed until its last kernel has finished), " if res.get("gpu") else
                f"{res['device']}, {res['threads']} thread{'s' if res['threads'] > 1 else ''}, ") +
             f"torch {res['torch']}; median of {res['steps']} steps after {res['warmup']} untimed, best of "
             f"{res['repeat']} rounds; flat chunks of "
             + ("a whole group (a GPU's default)" if res.get("gpu") else f"{res['flat_chunk_bytes']:,} bytes")
             + ". In brackets: the ratio to "
             f"`{TORCH_REFERENCE}`, " + (
                 "whose steps alternate with each contender's on a copy of the parameters: the median over the "
                 "rounds of the median over the steps of each step's time over the reference step just before it "
                 "(a slow spell of the shared machine falls on both alike; the reference's own row pairs it with a "
                 "second copy of itself, so its ratio is the pairing's bias). Every step thus starts with caches "
                 "holding the other optimizer's tensors, as a step in training starts after a backward pass. The "
                 "ratio to a twin is the median over the rounds of the ratio of the two times measured in the same "
                 "round. "
                 if res.get("paired") else
                 "the median over the rounds of the ratio of the two times measured in the same round "
                 "(so is every ratio below: a round that ran fast or slow as a whole moves none). ") +
             (("The flat path runs each group's step as one CUDA graph around one generated kernel "
               "(`adamdyn.torch._graph`; `flat=False` launches the same kernel once per tensor, outside a graph); "
               "`loop=False` runs the same program as torch operations, one launch per operation of the rule. "
               if res.get("device") == "cuda" else
               "The flat path runs each chunk as one numba loop over its elements (`adamdyn.torch._loop`); "
               "`loop=False` runs the same program as torch operations, one per operation of the rule (the "
               "flat path before the loop). ") if ops_run else "") +
             "`flat=False` is the rule once per parameter tensor, the path every step took "
             "before the flat path. " + (
                 "`fused=True` is the same recorded rule as one `torch.compile`d kernel per "
                 "parameter (compiled during the untimed steps)." if "fused" in res.get("kinds", ["fused"]) else
                 "`fused=True` was not run for this record (`--kinds "
                 + " ".join(res["kinds"]) + "`)."))
    for label, twin, why in others:
        own = "; ".join(f"{dt} {ratio(dt, twin):.2f}x" for dt in dtypes)
        setup += (f" `{twin}` is timed beside `{label}` for scale, not as its twin: {why}. It takes this time "
                  f"of `{TORCH_REFERENCE}`: {own}.")
    summary = []

    def span(name, ratios):
        within = [k.removeprefix("adamdyn.torch.") for k, r in ratios.items() if r <= TORCH_GOAL]
        over = [f"{k.removeprefix('adamdyn.torch.')} {r:.2f}x" for k, r in ratios.items() if r > TORCH_GOAL]
        return (f"{name} takes {min(ratios.values()):.2f}x to {max(ratios.values()):.2f}x the time of "
                f"`{TORCH_REFERENCE}`; within {TORCH_GOAL}x: {', '.join(within) or 'none'}; "
                f"above: {', '.join(over) or 'none'}")

    for dt in dtypes:
        d = res["dtypes"][dt]
        parts = [span("the flat path", {k: ratio(dt, k) for k in labels})]
        ops = {k: ratio(dt, k + ", loop=False") for k in labels if k + ", loop=False" in d}
        if ops:
            parts.append(span("loop=False", ops))
        per_tensor = [ratio(dt, k + ", flat=False") for k in labels]
        parts.append(f"flat=False: {min(per_tensor):.2f}x to {max(per_tensor):.2f}x")
        fused = {k: ratio(dt, k + ", fused=True") for k in labels if k + ", fused=True" in d}
        if fused:
            parts.append(span("fused=True", fused))
        summary.append(f"{dt}: " + ". ".join(parts) + ".")
    return "\n".join(rows + ["", setup, "", *[f"- {x}" for x in summary], "",
                             f"{provenance_line(meta, path)} {load_note(meta)}"])


def readme_sections(results: Path = RESULTS) -> dict:
    return {"bench": bench_section(results), "gpu": gpu_section(results), "torch_step": torch_step_section(results),
            "torch_step_cuda": torch_step_section(results, TORCH_STEP_CUDA_RECORD)}


def capacity_sections(results: Path = RESULTS) -> dict:
    return {"measured": capacity_measured(results), "estimates": capacity_estimates(results),
            "tiles": capacity_tiles(results)}


def section_body(text: str, name: str) -> str:
    """What lies between ``<!-- name -->`` and ``<!-- /name -->`` in ``text`` (ValueError when absent)."""
    m = re.search(rf"<!-- {name} -->\n(.*?)\n<!-- /{name} -->", text, flags=re.S)
    if m is None:
        raise ValueError(f"no <!-- {name} --> ... <!-- /{name} --> section")
    return m.group(1)


# A measurement typed by hand: a rate, a ratio, a percentage, a duration, a size or a 39e9-style count.
MEASUREMENT = re.compile(r"\d[\d.,]*(?:x\b|e\d+\b|\s*(?:[MG]\s*(?:updates)?/s|updates/s|%|(?:ms|s|min|h|KB|MB|GB)\b))")


def typed_measurements(text: str, names) -> list:
    """Measurement-like numbers in ``text`` outside its generated sections ``names``."""
    for name in names:
        text = re.sub(rf"<!-- {name} -->.*?<!-- /{name} -->", "", text, flags=re.S)
    return [m.group(0) for m in MEASUREMENT.finditer(text)]


def stale(text: str, sections: dict) -> list:
    """Names of the generated ``sections`` (name -> body) whose text in the document ``text`` differs."""
    return [name for name, body in sections.items() if section_body(text, name) != body]
