"""``adamdyn verify``: check the papers' claims against simulation.

Each record says what the paper says and what adamdyn finds. Exit status: 0 when every selected
check holds (the package's understanding, corrections of the papers included, is confirmed), 1 when
a check fails, 2 on bad input (an unknown claim id, a missing output folder).
"""

from __future__ import annotations

import time

from ._common import check_out_file, dump_json


def add_parser(sub):
    p = sub.add_parser("verify", help="check each theory claim against simulation (table, JSON or Markdown)",
                       description="Check each theory claim against simulation: what the paper says, what adamdyn "
                                   "finds. Exit status 0 when every selected check holds, 1 when one fails, "
                                   "2 on bad input.")
    p.add_argument("--quick", action="store_true", help="fast settings (under 2 minutes)")
    p.add_argument("--only", default=None, metavar="IDS", help="comma-separated claim ids, e.g. 4,10 (a part such as 11a runs its claim, every part)")
    p.add_argument("--json", action="store_true", help="print a JSON list of records instead of the table")
    p.add_argument("--out", default=None, metavar="FILE", help="also write a Markdown report to FILE (its folder must exist)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..claims import markdown, parse_only, records, table, verify

    ids = parse_only(args.only)
    if args.out:
        check_out_file(args.out, "VERIFY.md")
    t0 = time.perf_counter()
    checks = verify(quick=args.quick, only=ids)
    elapsed = time.perf_counter() - t0
    if args.json:
        print(dump_json(records(checks)))
    else:
        print(table(checks))
        print(f"({'quick' if args.quick else 'full'} mode, {elapsed:.1f} s)")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(markdown(checks, quick=args.quick, elapsed_s=elapsed))
    return 1 if any(c.passed is False for c in checks) else 0
