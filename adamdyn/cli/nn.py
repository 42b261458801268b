"""``adamdyn nn NAME``: the neural-network experiments (torch), results + figure saved to --out;
``adamdyn nn list [--json]``: every experiment with the paper it reproduces and its optimizers."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os

from ..torch import FORMER_NAMES
from ._common import quiet_on_closed_pipe

EXPERIMENT_NAMES = ("mlp-activation", "cnn-vs-transformer", "v0-init", "optimizers",
                    "adamomentum-baselines", "s3-baselines", "v0-baselines")
COMPARISON_NAMES = EXPERIMENT_NAMES[4:]


def add_parser(sub):
    p = sub.add_parser(
        "nn", help="neural-network experiments with the torch optimizers (needs torch)",
        description="Run one experiment: " + ", ".join(EXPERIMENT_NAMES) + "; or 'list' them.",
    )
    p.add_argument("name", metavar="NAME", help="one of: " + ", ".join(EXPERIMENT_NAMES) + ", or list")
    p.add_argument("--json", action="store_true", help="with 'list': print JSON")
    p.add_argument("--device", default="auto", help="auto (CUDA when present), cpu or cuda[:N]")
    p.add_argument("--quick", action="store_true", help="a short run (under a minute on 2 CPU cores)")
    p.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)  # seconds-long smoke run (tests)
    p.add_argument("--seeds", type=int, default=None, help="number of seeds (0..K-1)")
    p.add_argument("--out", default=None, help="folder for NAME.json, NAME.npz, NAME.png, created if missing (default nn-results/NAME)")
    p.add_argument("--data", default="digits", help="image data: digits (default), mnist1d, mnist, cifar10")
    p.add_argument("--data-dir", default=None, help="local folder with MNIST idx files or CIFAR-10 batches")
    p.add_argument("--threads", type=int, default=1, help="CPU intra-op threads (default 1: tiny networks)")
    p.set_defaults(run=run)


def _list(as_json: bool) -> int:
    from ..torch.comparisons import experiment_list

    items = experiment_list()
    if as_json:
        print(json.dumps(items, indent=1))
        return 0
    width = max(len(it["source"] or "") for it in items)
    for it in items:
        print(f"{it['name']:22s} {it['source'] or 'several papers':{width}s}  {', '.join(it['optimizers'])}")
    return 0


def run(args) -> int:
    with quiet_on_closed_pipe():  # `adamdyn nn list --json | head -1` exits quietly
        return _run(args)


def _run(args) -> int:
    args.name = FORMER_NAMES.get(args.name, args.name)
    if args.name != "list" and args.name not in EXPERIMENT_NAMES:
        raise ValueError(
            f"unknown experiment {args.name!r}; valid names are {', '.join(EXPERIMENT_NAMES)} (or list). "
            "Fix: e.g. adamdyn nn mlp-activation --quick."
        )
    if importlib.util.find_spec("torch") is None:
        raise ValueError("adamdyn nn needs PyTorch. Fix: pip install 'adamdyn[nn]'.")
    if args.name == "list":
        return _list(args.json)
    if args.seeds is not None and args.seeds < 1:
        raise ValueError(f"--seeds {args.seeds} must be an integer >= 1. Fix: pass e.g. --seeds 2.")
    if args.threads < 1:
        raise ValueError(f"--threads {args.threads} must be >= 1.")
    from ..torch.data import DATASETS
    from ..torch.experiments import run_experiment
    from ..torch.training import resolve_device

    if args.data not in DATASETS:
        raise ValueError(f"unknown data set --data {args.data!r}; valid names are {', '.join(DATASETS)}. "
                         "Fix: e.g. --data digits.")
    if args.data in ("mnist", "cifar10") and args.data_dir is None:
        raise ValueError(f"--data {args.data} reads local files (nothing is downloaded) and needs --data-dir. "
                         f"Fix: pass --data-dir FOLDER with the {'MNIST idx files' if args.data == 'mnist' else 'CIFAR-10 batches'}, "
                         "or use --data digits or mnist1d (installed with the package).")
    if args.data_dir is not None and not os.path.isdir(args.data_dir):
        raise ValueError(f"--data-dir {args.data_dir!r} is not a folder. Fix: pass the folder that holds the data files.")

    device = resolve_device(args.device)  # ValueError for cuda without a GPU
    print(f"adamdyn nn {args.name}: running on {device}" + (" (quick)" if args.quick else ""), flush=True)
    out = args.out or os.path.join("nn-results", args.name)
    extra = {"tiny": True} if args.tiny else {}
    res = run_experiment(args.name, quick=args.quick, device=device, seeds=args.seeds, out=out,
                         threads=args.threads, data=args.data, data_dir=args.data_dir, **extra)
    if args.name in COMPARISON_NAMES:
        for c in res.summary["claims"]:
            print(f"  [{'agrees' if c['agrees'] else 'DISAGREES'}] {c['claim']}: paper {c['paper_reports']}; "
                  f"measured {c['measured']}")
    else:
        for key, value in res.summary.items():
            if isinstance(value, dict):
                parts = []
                for k, v in value.items():
                    if isinstance(v, dict) and "final_loss_mean" in v:
                        parts.append(f"{k}: lr={v['best_lr']:g} final={v['final_loss_mean']:.4g}")
                    elif isinstance(v, dict) and "degeneracy" in v:
                        parts.append(f"Hessian mass near 0={v['degeneracy']:.3f}")
                if "final_loss_mean" in value:
                    parts.append(f"final={value['final_loss_mean']:.4g}+-{value['final_loss_std']:.2g}, "
                                 f"sign-like at step 1={value['sign_frac_step1']:.3f}")
                print(f"  {key}: " + "; ".join(parts))
    print(f"  saved: {', '.join(res.files)}")
    print(f"  device {device}; time {res.summary['seconds']:.1f} s; peak memory "
          f"{res.summary['peak_memory_mb']:.0f} MiB ({res.summary['peak_memory_kind']})")
    return 0
