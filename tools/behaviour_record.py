"""Record, and compare against a record, the numbers a restructure must leave unchanged bit for bit.

    python tools/behaviour_record.py --write  benchmarks/results/behaviour_before.json
    python tools/behaviour_record.py --check  benchmarks/results/behaviour_before.json --out FILE

A record holds, for each item, the SHA-256 of its canonical form (floats by ``repr``, arrays by their
float64 bytes and shape) with volatile fields dropped (timings, dates, versions, paths) and module names read under their current names:

- the JSON printed by ``adamdyn simulate``, ``phase``, ``bifurcation`` and ``derive`` for a fixed set of
  commands (raw and normalized modes, several rules, symbolic and numeric n);
- every array and the metadata of the .npz files ``simulate --out`` and ``phase --out`` save;
- every record of ``adamdyn verify --quick --json`` (predicted, observed, tolerance, verdict);
- the data of every figure's ``compute(quick=True)`` except those named in ``--skip-figures``.

``--check`` recomputes every item and writes which are equal and which differ; the exit status is 1 when
one differs. Used to show that moving code (issue 17's restructure) changed no number.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

import numpy as np

# this checkout's adamdyn, not an installed one (the CLI items run `python -m adamdyn` from this folder too)
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, ROOT)

COMMANDS = {
    "simulate adam raw": "simulate --optimizer adam --n 4 --lr 0.01 --beta1 0.9 --beta2 0.999 --steps 400 --json",
    "simulate adam normalized": "simulate --optimizer adam --n 4 --steps 3000 --mode normalized --json",
    "simulate rmsprop n=3": "simulate --optimizer rmsprop --n 3 --steps 500 --json",
    "simulate s3": "simulate --optimizer s3 --n 6 --steps 500 --mode normalized --json",
    "simulate nadam": "simulate --optimizer nadam --n 4 --steps 500 --json",
    "simulate adafactor": "simulate --optimizer adafactor --n 4 --steps 300 --json",
    "phase adam normalized": "phase --optimizer adam --n 4 --axis beta1=0.01:0.99:24 --axis beta2=0.01:0.999:24 --steps 600 --json",
    "phase adam raw": "phase --optimizer adam --n 4 --axis beta1=0.01:0.99:24 --axis beta2=0.01:0.999:24 --steps 300 --mode raw --json",
    "phase yogi": "phase --optimizer yogi --n 4 --axis beta1=0.1:0.9:8 --axis beta2=0.5:0.999:8 --steps 300 --json",
    "bifurcation acceleration": "bifurcation --map acceleration --param alpha=2:5:64 --n 4 --keep 32 --json",
    "bifurcation adam": "bifurcation --optimizer adam --param beta1=0.5:0.99:16 --n 4 --keep 16 --json",
    "derive adam": "derive --optimizer adam --n 4 --format json",
    "derive rmsprop symbolic n": "derive --optimizer rmsprop --format json",
    "derive radam": "derive --optimizer radam --n 4 --format json",
    "simulate adam raw 0.8/0.9": "simulate --optimizer adam --n 4 --beta1 0.8 --beta2 0.9 --steps 3000 --mode raw --json",
    "phase adabelief": "phase --optimizer adabelief --n 4 --axis beta1=0.05:0.95:8 --axis beta2=0.05:0.99:8 "
                       "--steps 600 --json",
    "bifurcation acceleration lyapunov": "bifurcation --map acceleration --param alpha=1:8:40 --n 4 --lyapunov --json",
    **{f"derive {name} symbolic n": f"derive --optimizer {name} --format json"
       for name in ("gd", "momentum", "signgd", "adam", "adamomentum", "s3", "adabelief")},
}
#: commands whose saved .npz result is recorded (every array, by its bytes, and the metadata)
NPZ = {
    "simulate npz": "simulate --optimizer adam --n 4 --beta1 0.9 --beta2 0.99 --steps 2000 --mode normalized",
    "phase npz": "phase --optimizer adam --n 4 --axis beta1=0.01:0.99:10 --axis beta2=0.01:0.99:10 --steps 500",
}

VOLATILE = ("time", "seconds", "elapsed", "date", "version", "machine", "python", "host", "path", "cache",
            "command", "wall", "compile")


# module names inside values (a theory note naming its module, a caption): compared under their names after the
# restructure of issue 17, so that renaming a module is not counted as a changed number
RENAMED = [(re.compile(r"adamdyn([./])" + old + r"\b"), lambda m, new=new: "adamdyn" + m[1] + new.replace(".", m[1]))
           for old, new in (
    ("symbolic", "theory"), ("theorems", "claims"), ("plot", "figures"), ("simulation", "dynamics.simulation"),
    ("objectives", "dynamics.objectives"), ("results", "dynamics.results"), ("reductions", "dynamics.reductions"))]


def _current_names(text):
    for pattern, replacement in RENAMED:
        text = pattern.sub(replacement, text)
    return text


def _volatile(key):
    key = str(key).lower()
    return any(word in key for word in VOLATILE)


def canonical(obj):
    """A JSON-able canonical form: floats by repr, arrays by shape and float64 bytes' hash."""
    if isinstance(obj, dict):
        return {str(k): canonical(v) for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))
                if not _volatile(k)}
    if isinstance(obj, (list, tuple)):
        return [canonical(v) for v in obj]
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fciub":
            arr = np.ascontiguousarray(obj.astype(np.complex128 if obj.dtype.kind == "c" else np.float64))
            return {"shape": list(obj.shape), "sha256": hashlib.sha256(arr.tobytes()).hexdigest()}
        return [canonical(v) for v in obj.tolist()]
    if isinstance(obj, (np.floating, float)):
        value = float(obj)
        return repr(value) if math.isfinite(value) else str(value)
    if isinstance(obj, (np.integer, np.bool_)):
        return obj.item()
    if isinstance(obj, str):
        return _current_names(obj)
    if obj is None or isinstance(obj, (bool, int)):
        return obj
    if hasattr(obj, "__dataclass_fields__"):
        return canonical({k: getattr(obj, k) for k in obj.__dataclass_fields__})
    return repr(obj)


def digest(obj):
    text = json.dumps(canonical(obj), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _cli(args, parse=True):
    out = subprocess.run([sys.executable, "-m", "adamdyn", *args.split()], capture_output=True, text=True,
                         check=False, cwd=ROOT)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"adamdyn {args} failed ({out.returncode}): {out.stderr[-2000:]}")
    return json.loads(out.stdout) if parse else None


def record(skip_figures=()):
    items = {}
    for name, args in COMMANDS.items():
        items[name] = digest(_cli(args))
        print(f"  {name}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in NPZ.items():
            path = os.path.join(tmp, "result.npz")
            _cli(f"{args} --out {path}", parse=False)
            with np.load(path, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
            meta = json.loads(str(arrays.pop("__meta__")))
            items[name] = digest({"meta": meta, "arrays": arrays})
            print(f"  {name}", file=sys.stderr)
    for rec in _cli("verify --quick --json"):
        items[f"verify {rec.get('id', rec.get('claim'))}"] = digest(rec)
    print("  verify", file=sys.stderr)
    import matplotlib

    matplotlib.use("Agg")
    try:
        from adamdyn.figures.catalogue import FIGURES, get_spec
    except ImportError:  # a tree from before the restructure (issue 17)
        from adamdyn.plot.catalogue import FIGURES, get_spec

    for spec in map(get_spec, FIGURES):
        if spec.id in skip_figures:
            continue
        try:
            data = spec.compute(quick=True)
        except Exception as exc:  # noqa: BLE001 - recorded, so a figure that stops working shows up
            data = {"error": type(exc).__name__}
        items[f"figure {spec.id}"] = digest(data)
        print(f"  figure {spec.id}", file=sys.stderr)
    return items


def _head():
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False,
                          cwd=ROOT).stdout.strip()
    return {"commit": head, "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": platform.platform(), "python": platform.python_version(),
            "command": "python " + " ".join(sys.argv)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", metavar="FILE")
    group.add_argument("--check", metavar="FILE")
    parser.add_argument("--out", metavar="FILE", help="with --check: write the comparison here")
    parser.add_argument("--skip-figures", default="", help="comma-separated figure ids to leave out")
    args = parser.parse_args(argv)
    skip = tuple(s for s in args.skip_figures.split(",") if s)
    started = time.perf_counter()
    if args.write:
        items = record(skip)
        with open(args.write, "w") as fh:
            json.dump({**_head(), "skip_figures": list(skip), "items": items,
                       "seconds": round(time.perf_counter() - started, 1)}, fh, indent=1)
        print(f"recorded {len(items)} items in {args.write}")
        return 0
    with open(args.check) as fh:
        before = json.load(fh)
    items = record(tuple(before.get("skip_figures", ())) + skip)
    same = sorted(k for k in items if before["items"].get(k) == items[k])
    differ = sorted(k for k in items if k in before["items"] and before["items"][k] != items[k])
    missing = sorted(set(before["items"]) - set(items))
    new = sorted(set(items) - set(before["items"]))
    result = {**_head(), "record": args.check, "record_commit": before["commit"], "equal": len(same),
              "differ": differ, "missing": missing, "new": new, "seconds": round(time.perf_counter() - started, 1)}
    print(json.dumps(result, indent=1))
    if args.out:
        with open(args.out, "w") as fh:
            json.dump(result, fh, indent=1)
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
