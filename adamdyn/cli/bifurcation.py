"""``adamdyn bifurcation``: acceleration map vs alpha, or an optimizer's sharpness vs one parameter."""

from __future__ import annotations

import numpy as np

from ._common import add_set_option, check_out_file, dump_json, parse_sets
from .phase import parse_axis


def add_parser(sub):
    p = sub.add_parser("bifurcation", help="bifurcation diagram (acceleration map or optimizer normalized map)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--map", default=None, help="acceleration (the default): S' = alpha S |1-S|^(n-2)")
    g.add_argument("--optimizer", default=None,
                   help="an optimizer's normalized map instead (its log10 effective rate vs --param)")
    p.add_argument("--param", required=True, metavar="NAME=LO:HI:COUNT")
    p.add_argument("--n", type=float, default=None, help="the exponent of |x|^n (default 4)")
    add_set_option(p)
    p.add_argument("--transient", type=int, default=2000)
    p.add_argument("--keep", type=int, default=200)
    p.add_argument("--lyapunov", action="store_true",
                   help="report the largest Lyapunov exponent and its standard error (acceleration map only)")
    # the default lives in adamdyn.sweeps.bifurcation.LYAP_STEPS (not imported here: it would load numba for --help)
    p.add_argument("--lyap-steps", type=int, default=None, metavar="STEPS",
                   help="steps after the transient the exponent is averaged over, independent of --keep "
                        "(default 100000; standard error by batch means over blocks)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--out", default=None, metavar="FILE", help="save the BifurcationDiagram as .npz (its folder must exist)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..sweeps.bifurcation import bifurcation

    if args.map is not None and args.map != "acceleration":
        raise ValueError(f"unknown map {args.map!r}; valid maps: acceleration (or --optimizer NAME for an "
                         "optimizer's normalized map). Fix: pass --map acceleration.")
    if args.lyapunov and args.optimizer:
        raise ValueError(f"--lyapunov is for the acceleration map; for --optimizer {args.optimizer} no exponent is "
                         "computed here (`adamdyn atlas` gives an optimizer map's Lyapunov spectrum). Fix: drop "
                         "--lyapunov, or use --map acceleration --param alpha=1:8:400.")
    example = "alpha=1:8:400" if args.optimizer is None else "beta1=0.5:0.99:200"
    name, values = parse_axis(args.param, "--param", example)
    system = args.optimizer or args.map or "acceleration"
    if args.out:
        check_out_file(args.out, "bifurcation.npz")
    b = bifurcation(system, param=name, values=values, n=args.n, transient=args.transient, keep=args.keep,
                    fixed=parse_sets(args.sets), lyapunov=args.lyapunov,
                    **({} if args.lyap_steps is None else {"lyap_steps": args.lyap_steps}))
    if args.out:
        b.save(args.out)
    if args.json:
        print(dump_json(b.summary()))
        return 0
    print(f"{b.system}: {b.observable} vs {b.param}, {b.values.size} values, last {b.keep} of "
          f"{b.transient + b.keep} steps")
    if args.lyapunov and b.lyap_steps:
        print(f"  lyapunov: average of log|h'(S)| over {b.lyap_steps} steps after the transient "
              f"(+- standard error, batch means over {b.lyap_blocks} blocks)")
    if b.diverged.any():
        print(f"  {int(b.diverged.sum())} of {b.values.size} values diverged (no finite orbit; step given per row)")
    rows = list(zip(b.values, b.orbit, b.lyapunov, b.lyapunov_stderr, b.divergence_step))
    for v, o, ly, se, div in rows[:: max(1, b.values.size // 20)]:
        if div >= 0 and not np.isfinite(o).any():
            print(f"  {b.param}={v:.6g}  diverged at step {div}")
            continue
        print(f"  {b.param}={v:.6g}  range [{np.nanmin(o):.4g}, {np.nanmax(o):.4g}]"
              + (f"  diverged at step {div}" if div >= 0 else "")
              + (f"  lyapunov {ly:+.4f} +- {se:.4f}" if args.lyapunov else ""))
    if args.out:
        print(f"  saved {args.out}")
    return 0
