"""``adamdyn sweep``: a tiled, resumable phase sweep into a directory; ``--assemble`` stitches it (parsing only)."""

from __future__ import annotations

import numpy as np

from ._common import check_out_file, parse_sets
from .phase import add_sweep_options


def add_parser(sub):
    p = sub.add_parser("sweep", help="tiled, resumable phase sweep (local or dask, CPU or CUDA) into a directory")
    add_sweep_options(p)
    p.add_argument("--out", required=True, help="output folder, created if missing (with --assemble: the result .npz, whose folder must exist)")
    p.add_argument("--tile", type=int, default=64, help="tile edge in grid points (default 64)")
    p.add_argument("--resume", action="store_true",
                   help="continue the sweep in --out (without --axis: its stored parameters)")
    p.add_argument("--backend", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", default=None, metavar="ADDR", help="dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--assemble", default=None, metavar="DIR", help="stitch the finished sweep in DIR into --out")
    p.set_defaults(run=run)


def _assemble(args) -> int:
    from ..scale import TileStore

    check_out_file(args.out, "phase.npz")
    pd = TileStore(args.assemble).assemble()
    pd.save(args.out)  # an unwritable path is a ValueError naming it
    print(f"assembled {args.assemble}: {pd.optimizer} {pd.mode}, axes {' x '.join(pd.axis_names)} "
          f"{pd.min_log10_loss.shape}, {pd.updates:,} updates -> {args.out}")
    return 0


def run(args) -> int:
    from ..scale import SweepInterrupted, sweep
    from .phase import parse_axes

    if args.assemble is not None:
        return _assemble(args)
    axes = parse_axes(args.axis)
    if len(axes) != len(args.axis):
        raise ValueError("the same --axis name was given twice. Fix: give each axis once.")
    if args.resume and not axes:
        kwargs = {"axes": None}
    else:
        axes = axes or {"beta1": np.linspace(0.01, 0.999, 64), "beta2": np.linspace(0.01, 0.999, 64)}
        fixed = parse_sets(args.sets)
        if "n" not in axes:
            fixed.setdefault("n", args.n)
        kwargs = {"optimizer": args.optimizer, "axes": axes, "fixed": fixed, "steps": args.steps, "mode": args.mode,
                  "x0": args.x0, "spike_decades": args.spike_decades, "tile": args.tile, "device": args.device}
    try:
        store = sweep(out=args.out, resume=args.resume, backend=args.backend, scheduler=args.scheduler,
                      progress=True, **kwargs)
    except SweepInterrupted:
        return 130  # the resume command is already on stderr
    spec = store.spec
    print(f"{spec.optimizer} sweep, mode={spec.mode}, axes {' x '.join(spec.axis_names)} {spec.shape}, "
          f"steps={spec.steps}, {spec.ntiles} tiles of {spec.tile}, device={spec.device}: done in {store.path}")
    print(f"  assemble with: adamdyn sweep --assemble {store.path} --out result.npz")
    return 0
