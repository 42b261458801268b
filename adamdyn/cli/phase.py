"""``adamdyn phase``: a phase diagram over one or two parameters (parsing and printing only)."""

from __future__ import annotations

import numpy as np

from ._common import add_set_option, check_out_file, dump_json, parse_sets


def parse_axis(text: str, option: str = "--axis", example: str = "beta2=0.01:0.999:128"):
    """``NAME=LO:HI:COUNT`` -> (name, linspace) ; ``NAME=a,b,c`` -> (name, values). ``option``, ``example``: the
    command-line option the text came from and a valid value of it, for the error message."""
    if "=" not in text:
        raise ValueError(f"{option} {text!r} is not NAME=LO:HI:COUNT. Fix: write e.g. {option} {example}.")
    name, spec = (s.strip() for s in text.split("=", 1))
    try:
        if ":" in spec:
            lo, hi, count = spec.split(":")
            lo, hi, count = float(lo), float(hi), int(count)
            if count < 1 or not (np.isfinite(lo) and np.isfinite(hi)):
                raise ValueError
            return name, np.linspace(lo, hi, count)
        return name, np.array([float(v) for v in spec.split(",")])
    except ValueError:
        raise ValueError(
            f"{option} {text!r}: cannot read {spec!r}; expected LO:HI:COUNT (finite LO, HI; COUNT >= 1) or a,b,c. "
            f"Fix: write e.g. {option} {example}."
        ) from None


def parse_axes(items) -> dict:
    """The ``--axis`` options as ``{name: values}``; a parameter given twice is an error (not the last one kept)."""
    axes = {}
    for text in items:
        name, values = parse_axis(text)
        if name in axes:
            raise ValueError(f"--axis {name}=... is given twice; valid: one --axis per parameter (two axes at "
                             f"most). Fix: give {name} one --axis, e.g. --axis beta1=0.01:0.999:64 "
                             "--axis beta2=0.01:0.999:64.")
        axes[name] = values
    return axes


def add_sweep_options(p):
    """The options shared by ``phase`` and ``sweep``: optimizer, n, axes, parameters, steps, mode, x0."""
    p.add_argument("--optimizer", default="adam")
    p.add_argument("--n", type=float, default=4.0, help="degree of |x|^n/n (default 4)")
    p.add_argument("--axis", action="append", default=[], metavar="NAME=LO:HI:COUNT",
                   help="an axis (one or two); default beta1 and beta2 over 0.01:0.999:64")
    add_set_option(p)
    p.add_argument("--steps", type=int, default=20000)
    p.add_argument("--mode", choices=("raw", "normalized"), default="normalized")
    p.add_argument("--x0", type=float, default=1.0)
    p.add_argument("--spike-decades", type=float, default=2.0)


def add_parser(sub):
    p = sub.add_parser("phase", help="phase diagram of an optimizer on |x|^n over one or two parameters")
    add_sweep_options(p)
    p.add_argument("--device", choices=("cpu", "cuda", "auto"), default="cpu",
                   help="cpu (numba kernels, default), cuda (a CUDA GPU, both modes) or auto (cuda when one is found)")
    p.add_argument("--out", default=None, help="save the PhaseDiagram as .npz (its folder must exist)")
    p.add_argument("--json", action="store_true", help="print one JSON object (no progress bar)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..sweeps import REGIME_NAMES, phase_diagram

    axes = parse_axes(args.axis) or {
        "beta1": np.linspace(0.01, 0.999, 64), "beta2": np.linspace(0.01, 0.999, 64)}
    fixed = parse_sets(args.sets)
    if "n" not in axes:
        fixed.setdefault("n", args.n)
    if args.out:
        check_out_file(args.out, "phase.npz")
    pd = phase_diagram(args.optimizer, axes, fixed, steps=args.steps, mode=args.mode, x0=args.x0,
                       spike_decades=args.spike_decades, progress=not args.json, device=args.device)
    if args.out:
        pd.save(args.out)
    if args.json:
        d = pd.summary()
        print(dump_json(d))
        return 0
    shape = pd.min_log10_loss.shape
    print(f"{pd.optimizer} phase diagram, mode={pd.mode}, axes {' x '.join(pd.axis_names)} {shape}, "
          f"steps={pd.steps}")
    print("  fixed: " + ", ".join(f"{k}={v}" for k, v in pd.params.items()))
    print(f"  {pd.updates:,} updates in {pd.elapsed_s:.2f} s ({pd.updates_per_s / 1e6:.1f} M/s, "
          f"{pd.threads} threads)")
    counts = {REGIME_NAMES[int(r)]: int(np.sum(pd.regime_observed == r)) for r in np.unique(pd.regime_observed)}
    print("  observed regimes: " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    if pd.regime_theory.any():
        agree = float(np.mean(pd.regime_observed == pd.regime_theory))
        print(f"  agreement with theory: {100 * agree:.1f}%")
        obs1 = (pd.regime_observed == 1) & np.isfinite(pd.slope_error)
        if obs1.any():
            print(f"  late slope vs predicted (separate from the labels): {int(pd.slope_matches_theory[obs1].sum())} "
                  f"of {int(obs1.sum())} observed-I points within {pd.labelling['slope_rtol']:.0%}, median |error| "
                  f"{float(np.median(np.abs(pd.slope_error[obs1]))):.2%}")
    else:
        print(f"  theory: {pd.theory_note}")
    print(f"  min log10 loss: {np.nanmin(pd.min_log10_loss):.4g}   flagged diverged: {int(pd.diverged.sum())}, "
          f"underflow: {int(pd.underflowed.sum())}, spikes: {int(pd.spiked.sum())}")
    if args.out:
        print(f"  saved {args.out}")
    return 0
