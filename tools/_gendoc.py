"""The write-or-check command line shared by the tools that generate a committed document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_or_check(argv, doc: str, out: Path, text, command: str) -> int:
    """Write ``text()`` to ``out``, or with ``--check`` exit 1 (naming ``command``) when ``out`` differs."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 when stale")
    args = ap.parse_args(argv)
    new = text()
    if args.check:
        stale = not out.exists() or out.read_text(encoding="utf-8") != new
        if stale:
            print(f"{out.relative_to(ROOT)} is stale; run {command}", file=sys.stderr)
        return int(stale)
    out.write_text(new, encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0
