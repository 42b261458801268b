"""Record what the package computes, to show a refactoring changes no number.

    python tools/behaviour_snapshot.py OUT.json            # record (a few minutes)
    python tools/behaviour_snapshot.py --compare A.json B.json

The record holds the JSON the CLI prints (``simulate``, ``phase``, ``derive``,
``bifurcation``, ``verify --quick``) with wall-clock fields removed, and a SHA-256
of every array saved by ``simulate --out`` and ``phase --out``. ``--compare`` prints
every differing entry and exits 1 if any differs. It runs the installed ``adamdyn``
command, so it works on any checkout whose CLI has these options.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

COMMANDS = {
    "simulate_adam_normalized": "simulate --optimizer adam --n 4 --beta1 0.8 --beta2 0.9 --steps 3000 "
                                "--mode normalized --json",
    "simulate_adam_raw": "simulate --optimizer adam --n 4 --beta1 0.8 --beta2 0.9 --steps 3000 --mode raw --json",
    "simulate_rmsprop": "simulate --optimizer rmsprop --n 6 --beta2 0.95 --steps 2000 --mode normalized --json",
    "simulate_s3": "simulate --optimizer s3 --n 4 --steps 2000 --mode normalized --json",
    "phase_adam": "phase --optimizer adam --n 4 --axis beta1=0.01:0.99:12 --axis beta2=0.01:0.99:12 --steps 800 --json",
    "phase_adabelief": "phase --optimizer adabelief --n 4 --axis beta1=0.05:0.95:8 --axis beta2=0.05:0.99:8 "
                       "--steps 600 --json",
    "bifurcation_acceleration": "bifurcation --map acceleration --param alpha=1:8:40 --n 4 --lyapunov --json",
    "verify_quick": "verify --quick --json",
}
DERIVE = ("gd", "momentum", "signgd", "rmsprop", "adam", "adamomentum", "s3", "adabelief")
NPZ = {
    "simulate_npz": "simulate --optimizer adam --n 4 --beta1 0.9 --beta2 0.99 --steps 2000 --mode normalized",
    "phase_npz": "phase --optimizer adam --n 4 --axis beta1=0.01:0.99:10 --axis beta2=0.01:0.99:10 --steps 500",
}
#: wall-clock or machine fields: not behaviour
VOLATILE = {"elapsed_s", "elapsed", "wall_s", "seconds", "time_s", "date", "created", "machine", "versions"}


def _strip(obj):
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    return obj


def _run(cli, args, cwd):
    out = subprocess.run([cli, *args.split()], capture_output=True, text=True, cwd=cwd)
    return out.returncode, out.stdout


def record(cli: str) -> dict:
    rec = {}
    with tempfile.TemporaryDirectory() as tmp:
        for key, args in COMMANDS.items():
            code, text = _run(cli, args, tmp)
            rec[key] = {"exit": code, "json": _strip(json.loads(text)) if text.strip() else None}
        for name in DERIVE:
            code, text = _run(cli, f"derive --optimizer {name} --format json", tmp)
            rec[f"derive_{name}"] = {"exit": code, "json": json.loads(text) if code == 0 else text}
        for key, args in NPZ.items():
            path = Path(tmp, key + ".npz")
            code, _ = _run(cli, f"{args} --out {path}", tmp)
            arrays = {}
            if code == 0:
                with np.load(path, allow_pickle=False) as z:
                    for k in sorted(z.files):
                        a = np.ascontiguousarray(z[k])
                        arrays[k] = hashlib.sha256(a.dtype.str.encode() + repr(a.shape).encode()
                                                   + a.tobytes()).hexdigest()
            rec[key] = {"exit": code, "sha256": arrays}
    return rec


def _diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                yield f"{path}/{k}: only in {'B' if k not in a else 'A'}"
            else:
                yield from _diff(a[k], b[k], f"{path}/{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from _diff(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {str(a)[:120]} != {str(b)[:120]}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", nargs="?")
    p.add_argument("--compare", nargs=2, metavar=("A", "B"))
    p.add_argument("--cli", default=str(Path(sys.executable).with_name("adamdyn")))
    args = p.parse_args(argv)
    if args.compare:
        a, b = (json.loads(Path(f).read_text()) for f in args.compare)
        diffs = list(_diff(a, b))
        print("\n".join(diffs) if diffs else f"identical: {len(a)} entries")
        return 1 if diffs else 0
    if not args.out:
        p.error("give OUT.json, or --compare A B")
    Path(args.out).write_text(json.dumps(record(args.cli), indent=1, sort_keys=True))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
