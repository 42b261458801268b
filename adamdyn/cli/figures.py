"""``adamdyn figures``: regenerate the paper's figures (and captions) into a folder."""

from __future__ import annotations

import os
import sys
import time

from ..figures.catalogue import FIGURES, FigureUnavailable, build, parse_ids, write_captions
from ..figures.style import FORMATS


def add_parser(sub):
    p = sub.add_parser("figures", help="regenerate the figures and their captions")
    p.add_argument("--quick", action="store_true", help="coarse grids and fewer steps (under a minute)")
    p.add_argument("--only", default=None, metavar="IDS",
                   help=f"comma-separated figure ids ({FIGURES and next(iter(FIGURES))}..{list(FIGURES)[-1]})")
    p.add_argument("--format", dest="fmt", default="png", help=f"one of {', '.join(FORMATS)} (default png)")
    p.add_argument("--out", default="figures", help="output folder, created if missing (default figures/)")
    p.add_argument("--dpi", type=int, default=None, help="raster resolution (default 200)")
    p.set_defaults(run=run)


def run(args) -> int:
    ids = parse_ids(args.only)
    if args.fmt not in FORMATS:
        raise ValueError(f"unknown format {args.fmt!r}; valid formats are {', '.join(FORMATS)}.")
    if args.dpi is not None and args.dpi < 50:
        raise ValueError(f"--dpi {args.dpi} is too low; use at least 50 (default 200).")
    os.makedirs(args.out, exist_ok=True)
    t0 = time.perf_counter()
    missing = []
    for fig_id in ids:
        try:
            _, _, _, path, secs = build(fig_id, quick=args.quick, out=args.out, fmt=args.fmt, dpi=args.dpi)
        except FigureUnavailable as exc:
            missing.append(fig_id)
            print(f"{fig_id}  SKIPPED  {exc}", file=sys.stderr, flush=True)
            continue
        except Exception as exc:  # one broken figure must not stop the others
            missing.append(fig_id)
            print(f"{fig_id}  FAILED  {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            continue
        print(f"{fig_id}  {secs:6.1f} s  {path}", flush=True)
    captions = write_captions(args.out, args.fmt)
    done = len(ids) - len(missing)
    print(f"{done}/{len(ids)} figures in {time.perf_counter() - t0:.1f} s; captions in {captions}", flush=True)
    return 1 if missing else 0
