"""``adamdyn bench``: kernel throughput (raw, normalized) against numpy."""

from __future__ import annotations

from ._common import check_out_file, dump_json


def add_parser(sub):
    p = sub.add_parser("bench", help="updates/s of the sweep kernels vs an in-place numpy sweep and the C reference")
    p.add_argument("--grid", type=int, default=256, help="grid points per axis (beta1, beta2)")
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--no-c", action="store_true", help="skip building and running benchmarks/c_reference.c")
    p.add_argument("--repeat", type=int, default=3, help="runs per contender; the best is kept (default 3)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--out", default=None, metavar="PATH",
                   help="also write the result with its provenance (machine, date, versions, git commit, this "
                        "command, load averages) to PATH, e.g. benchmarks/results/bench_grid256_steps2000.json")
    p.set_defaults(run=run)


def run(args) -> int:
    import shlex

    from ..sweeps.bench import C_FLAGS, C_MODES, bench, provenance, write_record

    if args.grid < 1 or args.steps < 1 or args.repeat < 1:
        raise ValueError(f"--grid {args.grid} --steps {args.steps} --repeat {args.repeat}: all must be >= 1. "
                         "Fix: --grid 256 --steps 2000 --repeat 3.")
    if args.out is not None and not args.out.endswith(".json"):
        raise ValueError(f"--out {args.out!r}: the record is JSON, so the name must end in .json. "
                         "Fix: --out benchmarks/results/bench.json.")
    if args.out is not None:
        check_out_file(args.out, "benchmarks/results/bench.json")
    command = (f"adamdyn bench --grid {args.grid} --steps {args.steps} --repeat {args.repeat}"
               + (" --no-c" if args.no_c else "") + (f" --out {shlex.quote(args.out)}" if args.out else ""))
    meta = provenance(command) if args.out else None
    r = bench(args.grid, args.steps, with_c=not args.no_c, repeat=args.repeat)
    if args.out:
        write_record(args.out, r, command, meta)
    if args.json:
        print(dump_json(r))
        return 0
    print(f"grid {r['grid']}x{r['grid']}, {r['steps']} steps, {r['threads']} threads, {r['machine']}")
    print(f"  load average (1 min) at start: {r['load_average_1min']:.2f}; best of {r['repeat']} runs each")
    keys = ["raw", "normalized", "numpy"] + [f"c_{b}_{m}" for b in C_FLAGS for m in C_MODES]
    for k in keys:
        v = r[k + "_updates_per_s"]
        missing = "skipped (--no-c)" if args.no_c else "n/a (no C compiler)"
        print(f"  {k:>26}: " + (missing if v is None else f"{v / 1e6:8.1f} M updates/s"))
    return 0
