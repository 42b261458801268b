"""Write docs/REFERENCES.md from adamdyn/references.py (the one list of source papers).

    python tools/references_doc.py           # rewrite docs/REFERENCES.md
    python tools/references_doc.py --check   # exit 1 if the committed file is stale

tests/test_references.py fails when the committed file differs from what this writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "REFERENCES.md"


def text() -> str:
    from adamdyn.references import markdown

    return markdown()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 when stale")
    args = ap.parse_args(argv)
    new = text()
    if args.check:
        stale = not OUT.exists() or OUT.read_text(encoding="utf-8") != new
        if stale:
            print(f"{OUT.relative_to(ROOT)} is stale; run python tools/references_doc.py", file=sys.stderr)
        return int(stale)
    OUT.write_text(new, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
