"""``adamdyn bench``: kernel throughput (raw, normalized) against numpy."""

from __future__ import annotations

from ._common import dump_json


def add_parser(sub):
    p = sub.add_parser("bench", help="updates/s of the sweep kernels vs a vectorised numpy sweep")
    p.add_argument("--grid", type=int, default=64, help="grid points per axis (beta1, beta2)")
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..sweeps.bench import bench

    if args.grid < 1 or args.steps < 1:
        raise ValueError(f"--grid {args.grid} --steps {args.steps}: both must be >= 1. Fix: --grid 64 --steps 2000.")
    r = bench(args.grid, args.steps)
    if args.json:
        print(dump_json(r))
        return 0
    print(f"grid {r['grid']}x{r['grid']}, {r['steps']} steps, {r['threads']} threads, {r['machine']}")
    for k in ("raw", "normalized", "numpy"):
        print(f"  {k:>10}: {r[k + '_updates_per_s'] / 1e6:8.1f} M updates/s")
    return 0
