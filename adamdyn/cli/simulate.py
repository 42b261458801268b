"""``adamdyn simulate``: one trajectory, printed as a summary or JSON, saved as .npz."""

from __future__ import annotations

import math

import numpy as np

from ..dynamics.objectives import get_objective
from ..dynamics.simulation import MODES, simulate
from ._common import add_set_option, check_out_file, dump_json, parse_sets

NAMED = ("lr", "beta1", "beta2", "beta", "eps", "p", "v0")


def add_parser(sub):
    p = sub.add_parser("simulate", help="run one optimizer on |x|^n (or another objective)")
    p.add_argument("--optimizer", default="adam")
    p.add_argument("--objective", default="power", help="power (default), mixed or saddle")
    p.add_argument("--n", type=float, default=None, help="degree of |x|^n/n (default 4)")
    for name in NAMED:
        p.add_argument(f"--{name}", type=float, default=None)
    p.add_argument("--x0", type=float, default=1.0)
    p.add_argument("--steps", type=int, default=5000)
    p.add_argument("--mode", choices=MODES, default="raw")
    p.add_argument("--every", type=int, default=1)
    p.add_argument("--lr-growth", type=float, default=1.0, help="lr_t = lr * growth^t")
    p.add_argument("--warmup", type=int, default=0, help="linear warm-up steps (0 = none)")
    add_set_option(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--out", default=None, help="save the trajectory as .npz (its folder must exist)")
    p.set_defaults(run=run)


def run(args) -> int:
    params = parse_sets(args.sets)
    for name in NAMED:
        value = getattr(args, name)
        if value is not None:
            params.setdefault(name, value)
    if args.out:
        check_out_file(args.out, "run.npz")
    r = simulate(
        args.optimizer, objective=args.objective, n=args.n, x0=args.x0, steps=args.steps,
        mode=args.mode, every=args.every, lr_growth=args.lr_growth, warmup=args.warmup, **params,
    )
    if args.out:
        r.save(args.out)
    if args.json:
        d = r.summary()
        d["step"] = r.step
        d["log10_loss"] = r.log10_loss
        print(dump_json(d))
        return 0
    s = r.summary()
    print(f"{s['optimizer']} on {s['objective']} {s['objective_params']}  mode={s['mode']}")
    print("  params: " + ", ".join(f"{k}={v}" for k, v in s["params"].items()))
    print(f"  steps run: {s['steps_run']} / {s['steps']}   stop: {s['stop_reason']}")
    print(f"  final log10 loss: {s['final_log10_loss']:.6g}   min: {s['min_log10_loss']:.6g}")
    obj = get_objective(s["objective"], **s["objective_params"])
    if obj.minimum != 0 and r.x.size:  # the saddle: f < 0 near its minimum, the loss is f - min f
        xf = np.asarray(r.x[-1], dtype=float)
        print(f"  (loss = f(x) - min f, min f = {obj.minimum * xf.size:.6g} at x = 0; final x: "
              f"{', '.join(f'{v:.6g}' for v in xf)}, f(x) = {float(np.sum(obj.value(xf))):.6g})")
    if s["diverged"]:
        print(f"  DIVERGED at step {s['divergence_step']}")
    if s["underflow_step"] is not None:
        print(f"  underflow at step {s['underflow_step']} (use --mode normalized to go below 1e-308)")
    if args.out:
        print(f"  saved {args.out}")
    if not math.isfinite(s["final_log10_loss"]):
        return 0
    return 0
