"""``adamdyn atlas``: per-cell labels of the normalized map's long-run behaviour (parsing and printing only)."""

from __future__ import annotations

import numpy as np

from ._common import add_set_option, dump_json, parse_sets
from .phase import parse_axes


def add_parser(sub):
    p = sub.add_parser("atlas", help="classify the normalized map's long-run behaviour over one or two parameters "
                                     "(fixed point, periodic, quasi-periodic, chaotic, spiking, divergent) with "
                                     "Lyapunov spectra; no theory")
    p.add_argument("--optimizer", default="adam")
    p.add_argument("--n", type=float, default=4.0, help="degree of |x|^n/n, real >= 2 (default 4)")
    p.add_argument("--axis", action="append", default=[], metavar="NAME=LO:HI:COUNT",
                   help="an axis (one or two); default beta1 and beta2 over 0.01:0.999:64")
    add_set_option(p)
    p.add_argument("--steps", type=int, default=4000, help="measurement window (the same number of steps is "
                                                           "iterated first as a transient)")
    p.add_argument("--mode", choices=("normalized",), default="normalized",
                   help="the atlas iterates the normalized map (the only mode)")
    p.add_argument("--x0", type=float, default=1.0)
    p.add_argument("--spike-decades", type=float, default=2.0)
    p.add_argument("--engine", choices=("auto", "numba", "numpy"), default="auto",
                   help="numba (compiled once into the cache; auto) or the numpy reference path")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..dynamics.atlas import atlas

    axes = parse_axes(args.axis) or {
        "beta1": np.linspace(0.01, 0.999, 64), "beta2": np.linspace(0.01, 0.999, 64)}
    fixed = parse_sets(args.sets)
    a = atlas(args.optimizer, axes, n=args.n, steps=args.steps, x0=args.x0, spike_decades=args.spike_decades,
              engine=args.engine, **fixed)
    if args.json:
        print(dump_json(a.summary()))
        return 0
    print(f"{a.optimizer} atlas at n = {a.n:g}, axes {' x '.join(a.axes)} {a.label.shape}, steps {a.steps} "
          f"(+{a.transient} transient), {a.elapsed_s:.2f} s ({a.settings.get('engine', '?')} engine)")
    print("  fixed: " + ", ".join(f"{k}={v}" for k, v in a.params.items()))
    print("  labels: " + ", ".join(f"{k}: {v}" for k, v in a.counts().items()))
    print(f"  sum rule: max |sum(exponents) - mean log|det J|| = {np.nanmax(a.sum_rule_gap):.2e}")
    sub = np.asarray(a.sublinear, bool) if a.sublinear is not None else np.zeros(a.label.shape, bool)
    fp = (a.label == "fixed_point") & ~sub
    if fp.any():
        print(f"  fixed_point: observed rate |x_t+1/x_t| from {np.nanmin(a.rate[fp]):.6g} to {np.nanmax(a.rate[fp]):.6g}")
    if sub.any():
        print(f"  fixed_point, sublinear (|x| ~ t^-p): {int(sub.sum())} cells, p from {np.nanmin(a.power[sub]):.3g} "
              f"to {np.nanmax(a.power[sub]):.3g}")
    ch = a.label == "chaotic"
    if ch.any():
        print(f"  chaotic: largest exponent up to {np.nanmax(a.lyapunov_spectrum[0][ch]):.4g}")
    return 0
