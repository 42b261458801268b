"""``adamdyn derive``: the symbolic analysis of one optimizer, as text, LaTeX or JSON."""

from __future__ import annotations

from ._common import add_set_option, dump_json, parse_sets


def add_parser(sub):
    p = sub.add_parser("derive", help="derive the normalized map, fixed points and stability symbolically")
    p.add_argument("--optimizer", default="adam")
    p.add_argument("--n", type=float, default=None, help="degree of |x|^n/n (default: symbolic n)")
    add_set_option(p)
    p.add_argument("--format", choices=("text", "latex", "json"), default="text")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..theory import derive
    from ..theory.report import as_dict, as_latex, as_text

    d = derive(args.optimizer, n=args.n, **parse_sets(args.sets))
    if args.format == "json":
        print(dump_json(as_dict(d)))
    elif args.format == "latex":
        print(as_latex(d))
    else:
        print(as_text(d))
    return 0
