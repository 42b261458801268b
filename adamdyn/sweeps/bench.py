"""Throughput of the generated kernels against an in-place numpy sweep and a C reference (same work).

The work (every contender): Adam (eps = 0, no bias correction) on :math:`|x|^4/4`,
``lr = 1e-2``, ``x0 = 1``, over a ``grid x grid`` mesh of ``(beta1, beta2)`` in
``[0.01, 0.999]``, ``steps`` steps, minimum loss tracked per point. Updates/s counts
only updates actually iterated (points that stop early count the steps they ran).

* ``raw`` / ``normalized``: the generated kernels via :func:`run_points`
  (normalized: the scaled-float scheme of :mod:`adamdyn.kernels._fastnorm` with
  ``log|x|`` carried, falling back to sign/log steps out of range; never underflows),
  IEEE float64.
* ``numpy``: all points as arrays, every operation in place (preallocated buffers,
  ``out=``), no early stopping (every point runs every step).
* ``c_o3_*`` / ``c_o3nme_*`` / ``c_ofast_*``: ``benchmarks/c_reference.c`` (OpenMP, rows of
  beta2 in a vectorized inner loop) built with ``gcc -O3`` (the issue's reference; IEEE),
  ``gcc -O3 -fno-math-errno`` (still IEEE float64 results: it only drops errno setting, so
  ``sqrt`` vectorizes) and ``-Ofast`` (fast-math, not IEEE), when gcc and the source file are
  available; ``null`` otherwise. ``c_*_raw`` tracks the minimum loss only; ``c_*_raw_full``
  keeps every per-step reduction of the generated raw kernels (the same work);
  ``c_*_normalized`` is the sign/log scheme (the original kernels' work);
  ``c_*_normalized_fast`` the scaled-float scheme without guard or fallback.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import subprocess
import tempfile
import time

import numpy as np

__all__ = ["bench", "bench_columns", "c_reference", "changed_code", "code_hashes", "provenance", "write_record"]

REPO = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))

C_SOURCE = os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "c_reference.c")
C_FLAGS = {"o3": ["-O3"], "o3nme": ["-O3", "-fno-math-errno"], "ofast": ["-Ofast"]}
C_MODES = ("raw", "raw_full", "normalized", "normalized_fast")


def _numpy_sweep(b1, b2, steps, lr=1e-2):
    """Raw Adam on |x|^4/4 over all points at once, in place; returns the minimum loss per point."""
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
            np.multiply(g, x, out=g)  # g = x^3
            np.multiply(x, g, out=tmp)
            np.minimum(mn, tmp, out=mn)  # 4 * loss (scaled once at the end)
            np.multiply(m, b1, out=m)
            np.multiply(c1, g, out=tmp)
            np.add(m, tmp, out=m)
            np.multiply(v, b2, out=v)
            np.multiply(g, g, out=tmp)
            np.multiply(tmp, c2, out=tmp)
            np.add(v, tmp, out=v)
            np.sqrt(v, out=tmp)
            np.divide(m, tmp, out=tmp)
            np.multiply(tmp, lr, out=tmp)
            np.subtract(x, tmp, out=x)
    return mn * 0.25


def c_reference(grid, steps, source=C_SOURCE, repeat=1):
    """Build and run the C reference (each build ``repeat`` times, best run per sweep kept); dict of
    results, or ``None`` without gcc."""
    gcc = shutil.which("gcc")
    if gcc is None or not os.path.exists(source):
        return None
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, flags in C_FLAGS.items():
            exe = os.path.join(tmp, f"cref_{name}")
            try:
                subprocess.run([gcc, *flags, "-march=native", "-fopenmp", source, "-o", exe, "-lm"], check=True,
                               capture_output=True, timeout=120)
                runs = [json.loads(subprocess.run([exe, str(grid), str(steps)], check=True, capture_output=True,
                                                  text=True, timeout=600).stdout.strip().splitlines()[-1])
                        for _ in range(max(1, repeat))]
            except (subprocess.SubprocessError, OSError):
                return None
            for mode in C_MODES:
                out[f"c_{name}_{mode}_updates_per_s"] = max(float(r[f"{mode}_updates_per_s"]) for r in runs)
    return out


def _model_name():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cpu_target():
    """LLVM's name for this CPU (``znver3``, ``skylake-avx512``) and its vector extensions (``avx2``,
    ``avx512f``, ...): the model name of a virtual machine ("AMD EPYC") does not tell them apart, and they
    set how wide the kernels' and the C loops' vectors are."""
    try:
        import llvmlite.binding as ll

        features = ll.get_host_cpu_features()
        return ll.get_host_cpu_name(), sorted(k for k, on in features.items() if on and k.startswith("avx"))
    except Exception:  # noqa: BLE001 - provenance is best effort
        return None, None


def _git(*args):
    try:
        return subprocess.run(["git", "-C", REPO, *args], capture_output=True, text=True, timeout=30,
                              check=True).stdout
    except (subprocess.SubprocessError, OSError):
        return None


def _gcc_version():
    gcc = shutil.which("gcc")
    if gcc is None:
        return None
    try:
        return subprocess.run([gcc, "--version"], capture_output=True, text=True, timeout=30).stdout.splitlines()[0]
    except (subprocess.SubprocessError, OSError, IndexError):
        return None


# Code a benchmark's numbers depend on: modified files here are listed in the record.
TIMED_CODE = ("adamdyn/kernels/", "adamdyn/rules/", "adamdyn/sweeps/", "adamdyn/scale/", "benchmarks/")
# The code that does the timed work of `adamdyn bench` (files or folders of .py files, from the repository
# root); a record keeps a hash of each file, so a later change to any of them shows (``changed_code``).
# Every benchmark runs Adam: its rule and the modules it is built from, not the other rules.
BENCH_CODE = ("adamdyn/kernels", "adamdyn/rules/adam.py", "adamdyn/rules/base.py", "adamdyn/rules/gd.py",
              "adamdyn/rules/rmsprop.py", "adamdyn/backend.py", "adamdyn/sweeps/phase.py",
              "benchmarks/c_reference.c")


def _python_code(source: str) -> str:
    """The code of a Python source: comments and string statements (docstrings) removed, trailing
    blanks and empty lines dropped. Positions come from :mod:`ast` and :mod:`tokenize`, which agree
    across Python versions (a dump of the syntax tree does not: 3.12 added fields)."""
    import ast
    import io
    import tokenize

    lines = source.splitlines()

    def col(row, byte):  # ast columns count UTF-8 bytes
        return len(lines[row - 1].encode()[:byte].decode())

    cut = []  # (row, col, end_row, end_col), 1-based rows, character columns
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            cut.append((node.lineno, col(node.lineno, node.col_offset),
                        node.end_lineno, col(node.end_lineno, node.end_col_offset)))
    cut += [(*t.start, *t.end) for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type == tokenize.COMMENT]
    for row, c0, end_row, c1 in sorted(cut, reverse=True):  # from the end: earlier positions stay valid
        lines[row - 1:end_row] = [lines[row - 1][:c0] + lines[end_row - 1][c1:]]
    return "\n".join(ln.rstrip() for ln in lines if ln.strip())


# How a record's timed code is hashed (``meta["timed_code"]["hashing"]``): "code" hashes a Python
# file's code only (:func:`_python_code`), so an edit of a docstring or a comment does not
# mark a measurement stale; other files, and records without the key, hash the bytes.
HASHING = "code"


def code_hashes(paths=BENCH_CODE, root=REPO, hashing=HASHING) -> dict:
    """SHA-256 (16 hex) of every file under ``paths`` (folders: their ``.py`` files, recursively),
    keyed by the path from ``root``; a missing path maps to ``None``. ``hashing="code"`` hashes a
    ``.py`` file's code without comments and docstrings; ``"bytes"`` the whole file."""
    import hashlib

    if hashing not in ("code", "bytes"):
        raise ValueError(f"hashing={hashing!r} is not a hashing; use 'code' or 'bytes'")
    out = {}
    for rel in paths:
        full = os.path.join(root, rel)
        if os.path.isdir(full):
            files = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(full)
                           for f in fs if f.endswith(".py"))
        else:
            files = [rel]
        for f in files:
            try:
                with open(os.path.join(root, f), "rb") as fh:
                    data = fh.read()
            except OSError:
                out[f.replace(os.sep, "/")] = None
                continue
            if hashing == "code" and f.endswith(".py"):
                try:
                    data = _python_code(data.decode("utf-8")).encode()
                except (SyntaxError, UnicodeDecodeError, ValueError):  # not parseable: its bytes
                    pass
            out[f.replace(os.sep, "/")] = hashlib.sha256(data).hexdigest()[:16]
    return out


def changed_code(meta: dict, root=REPO) -> list:
    """Files of a record's timed code (``meta["timed_code"]``) that differ now, were added or removed
    (hashed as the record was: ``meta["timed_code"]["hashing"]``, bytes when absent)."""
    timed = meta["timed_code"]
    then = timed["files"]
    now = code_hashes(timed["paths"], root, timed.get("hashing", "bytes"))
    return sorted(f for f in set(then) | set(now) if then.get(f) != now.get(f))


def provenance(command: str, code=BENCH_CODE) -> dict:
    """Where and how a benchmark record was made: machine (CPU model, LLVM's CPU name and vector extensions,
    cores), UTC date, versions
    (python, numpy, numba, adamdyn, gcc), git commit plus the tracked files of the timed code
    (:data:`TIMED_CODE`) modified at the time, a hash of each file of the timed ``code`` (its code
    only: :data:`HASHING`), the exact ``command`` and the 1/5/15-minute load averages when it started."""
    import numba

    from .._version import __version__

    dirty = _git("status", "--porcelain", "--untracked-files=no")
    target, vector = _cpu_target()
    return {"command": command, "date_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "cpu_model": _model_name(), "cpu_target": target, "cpu_vector": vector,
            "arch": platform.machine(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "numpy": np.__version__, "numba": numba.__version__,
            "adamdyn": __version__, "gcc": _gcc_version(), "git_commit": (_git("rev-parse", "HEAD") or "").strip() or None,
            "git_modified_files": None if dirty is None else [ln[3:] for ln in dirty.splitlines()
                                                       if ln[3:].startswith(TIMED_CODE)
                                                       and not ln[3:].startswith("benchmarks/results/")],
            "timed_code": {"paths": list(code), "hashing": HASHING, "files": code_hashes(code)},
            "load_average_start": list(os.getloadavg())}


def write_record(path, result: dict, command: str, meta: dict | None = None) -> dict:
    """Write ``{"meta": provenance + load average at the end, "result": result}`` as JSON to ``path``
    (folders created); ``meta`` is :func:`provenance` taken before the run (taken now when ``None``)."""
    from ..cli._common import to_jsonable

    meta = dict(provenance(command) if meta is None else meta)
    meta["load_average_end"] = list(os.getloadavg())
    record = {"meta": meta, "result": to_jsonable(result)}
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(record, fh, indent=1, allow_nan=False)
        fh.write("\n")
    return record


def bench_columns(grid):
    """The benchmark's points as kernel columns (lr, beta1, beta2, eps, v0, n) in Adam's rule order:
    lr 1e-2, eps = v0 = 0, n = 4, beta1 x beta2 over a ``grid x grid`` mesh of [0.01, 0.999]."""
    g = np.linspace(0.01, 0.999, grid)
    B1, B2 = np.meshgrid(g, g, indexing="ij")
    z = np.zeros(B1.size)
    return np.ascontiguousarray(np.stack([np.full(B1.size, 1e-2), B1.ravel(), B2.ravel(), z, z,
                                          np.full(B1.size, 4.0)], axis=1))


def best_seconds(run, repeat):
    """``(seconds, value)`` of the shortest of ``repeat`` calls ``run(i)`` (interference on a shared machine
    only ever slows a run down); ``value`` is what that call returned."""
    best = (float("inf"), None)
    for i in range(max(1, int(repeat))):
        t0 = time.perf_counter()
        value = run(i)
        best = min(best, (time.perf_counter() - t0, value), key=lambda b: b[0])
    return best


def _best_rate(run, repeat):
    """Largest updates/s over ``repeat`` calls of ``run()``, which returns the updates it iterated."""
    seconds, updates = best_seconds(lambda i: run(), repeat)
    return float(updates / seconds)


def bench(grid=256, steps=2000, with_c=True, repeat=3) -> dict:
    """Updates per second of raw, normalized, numpy and (optionally) the C reference, in one run.

    Each contender runs ``repeat`` times and keeps its best run (the usual way to time on a
    shared machine: interference only ever slows a run down)."""
    import numba

    from ..rules import get_rule
    from .phase import run_points

    repeat = max(1, int(repeat))
    rule = get_rule("adam")
    flags = {"eps_inside": False, "bias_correction": False}
    cols = bench_columns(grid)
    out = {"grid": grid, "steps": steps, "threads": numba.get_num_threads(), "cpus": os.cpu_count(),
           "machine": f"{_model_name()} ({platform.machine()})", "repeat": repeat,
           "load_average_1min": os.getloadavg()[0]}
    for mode in ("raw", "normalized"):
        run_points(rule, flags, cols[:4], steps=10, mode=mode)  # compile or load from cache
        out[f"{mode}_updates_per_s"] = _best_rate(
            lambda mode=mode: run_points(rule, flags, cols, steps=steps, mode=mode)["steps_run"].sum(), repeat)
    b1, b2 = np.ascontiguousarray(cols[:, 1]), np.ascontiguousarray(cols[:, 2])

    def numpy_run():
        _numpy_sweep(b1, b2, steps)
        return b1.size * steps  # no early stop: every point runs every step

    out["numpy_updates_per_s"] = _best_rate(numpy_run, repeat)
    c = c_reference(grid, steps, repeat=repeat) if with_c else None
    for name in C_FLAGS:
        for mode in C_MODES:
            key = f"c_{name}_{mode}_updates_per_s"
            out[key] = None if c is None else c[key]
    out["c_compiler"] = shutil.which("gcc") if c is not None else None
    return out
