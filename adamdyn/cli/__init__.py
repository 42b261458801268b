"""Command line: parsing and printing only; the work is done by the library.

Each sub-command lives in its own module of this package, exposing
``add_parser(subparsers)`` and ``run(args) -> int``. Bad input raises
``ValueError`` in the library; :func:`main` prints its one-line message and
exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .._version import __version__
from ._common import quiet_on_closed_pipe

COMMANDS = ("simulate", "derive", "phase", "bifurcation", "bench", "figures", "verify", "nn", "sweep", "fixed-points",
            "atlas")
#: sub-commands whose module name differs from the command
MODULES = {"fixed-points": "fixed_points"}


class _Parser(argparse.ArgumentParser):
    """argparse's own errors (a value of the wrong type, a choice not offered, a missing option) as one line
    with the fix, exit status 2, like every other error of the command line."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}. Fix: see `{self.prog} --help` for the options and their "
                     "valid values.\n")


def build_parser(commands=COMMANDS) -> argparse.ArgumentParser:
    """The ``adamdyn`` parser with the subcommands ``commands`` (all by default)."""
    parser = _Parser(
        prog="adamdyn",
        description="Adaptive optimizers as dynamical systems on degenerate objectives |x|^n.",
    )
    parser.add_argument("--version", action="version", version=f"adamdyn {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in commands:
        try:
            module = importlib.import_module(f".{MODULES.get(name, name)}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{MODULES.get(name, name)}":
                continue
            raise
        module.add_parser(sub)
    return parser


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # a named command needs only its own module (the figures module alone imports matplotlib and
    # the symbolic layer); `adamdyn`, `--help`, `--version` and typos get the full parser
    parser = build_parser((argv[0],) if argv and argv[0] in COMMANDS else COMMANDS)
    args, extra = parser.parse_known_args(argv)
    if extra:  # named by the command's own parser, so the fix points to `adamdyn COMMAND --help`
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        commands.choices[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        with quiet_on_closed_pipe():  # `adamdyn ... --json | head -1` exits quietly, for every command
            return int(args.run(args) or 0)
    except ValueError as exc:
        print(f"adamdyn {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"adamdyn {args.command}: interrupted", file=sys.stderr)
        return 130
