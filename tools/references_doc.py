"""Write docs/REFERENCES.md from adamdyn/references.py (the one list of source papers).

    python tools/references_doc.py           # rewrite docs/REFERENCES.md
    python tools/references_doc.py --check   # exit 1 if the committed file is stale

tests/test_references.py fails when the committed file differs from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _gendoc import ROOT, write_or_check  # noqa: E402

OUT = ROOT / "docs" / "REFERENCES.md"


def text() -> str:
    from adamdyn.references import markdown

    return markdown()


def main(argv=None) -> int:
    return write_or_check(argv, __doc__, OUT, text, "python tools/references_doc.py")


if __name__ == "__main__":
    raise SystemExit(main())
