"""``adamdyn fixed-points``: every fixed point and periodic orbit of a rule's reduced normalized map."""

from __future__ import annotations

from ._common import add_set_option, dump_json, parse_sets


def add_parser(sub):
    p = sub.add_parser("fixed-points", help="find every fixed point and periodic orbit of the reduced normalized map")
    p.add_argument("--optimizer", default="adam")
    p.add_argument("--n", type=float, default=4.0, help="degree of |x|^n/n (real > 2, default 4)")
    add_set_option(p)
    p.add_argument("--period-max", type=int, default=1, help="largest period searched (1..8, default 1)")
    p.add_argument("--box", action="append", default=[], metavar="COORD=LO:HI",
                   help="search box of one coordinate, repeatable (default lambda in [0, 1e4], others [-1e3, 1e3])")
    p.add_argument("--starts", type=int, default=None, help="Newton starts per coordinate (default ~2000 in all)")
    p.add_argument("--symbolic", action="store_true",
                   help="derive the symbolic fixed points if not cached (default: compare only with cached ones)")
    p.add_argument("--method", choices=("newton", "interval", "both"), default="newton",
                   help="newton: multi-start Newton with deflation (default; 'complete' stays false); interval: "
                        "prove by interval branch and bound (Krawczyk) that every fixed point / 2-cycle in the box "
                        "is found; both: run both and cross-check")
    p.add_argument("--max-boxes", type=int, default=1_000_000, help="box budget of the interval proof")
    p.add_argument("--max-depth", type=int, default=120, help="bisections of one box in the interval proof")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def _parse_box(items) -> dict:
    out = {}
    for item in items:
        try:
            name, rng = item.split("=", 1)
            lo, hi = rng.split(":", 1)
            out[name.strip()] = (float(lo), float(hi))
        except ValueError:
            raise ValueError(f"--box {item!r} is not COORD=LO:HI with two numbers. "
                             "Fix: write e.g. --box lambda=0:100.") from None
    return out


def run(args) -> int:
    from ..dynamics.fixed_points import find_fixed_points

    res = find_fixed_points(args.optimizer, n=args.n, box=_parse_box(args.box), period_max=args.period_max,
                            starts=args.starts, symbolic=True if args.symbolic else "auto", method=args.method,
                            max_boxes=args.max_boxes, max_depth=args.max_depth, **parse_sets(args.sets))
    if args.json:
        print(dump_json(res.as_dict()))
        return 0
    print(f"{res.optimizer} at n = {res.n:g}, {res.params}: {len(res.points)} point(s) in the box "
          f"({res.coverage.get('starts', 0)} starts, {res.seconds:.2f} s)")
    for p in res.points:
        eig = ", ".join(f"{complex(z):.6g}" for z in p.eigenvalues)
        print(f"  period {p.period}: {p.coords}  rho = {p.rho:.10g}  eigenvalues [{eig}]  "
              f"{'stable' if p.stable else 'unstable'}  found by {' + '.join(p.found_by)}")
        if p.enclosure is not None and p.period == 1:
            print(f"    proven enclosure: {p.enclosure}")
    cov = res.coverage or {}
    if cov.get("converged_share"):
        share = ", ".join(f"period {k}: {v:.1%}" for k, v in cov["converged_share"].items())
        print(f"  coverage: Newton converged from {share} of the starts; deflation rounds "
              + ", ".join(f"{r}" for r in cov.get("rounds", {}).values()) + " (the last found nothing new)")
    if cov.get("claim"):
        print(f"  claim: {cov['claim']}")
    if res.proof is not None:
        print(f"  complete (interval proof): {res.complete}"
              + (f" ({res.proof['seconds']:.2f} s)" if "seconds" in res.proof else ""))
        for ch in res.proof.get("charts", []):
            for q in ch["periods"]:
                print(f"    {', '.join(ch['coords'])}, period {q['period']}: {q['boxes']} boxes, "
                      f"{q['proven_in_box']} proven root(s) in the box, {q['unresolved_count']} unresolved")
            if ch["reason"]:
                print(f"    {ch['reason']}")
        if res.proof.get("reason"):
            print(f"    {res.proof['reason']}")
    for note in res.notes:
        print(f"  note: {note}")
    return 0
