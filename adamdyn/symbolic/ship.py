"""Refresh the derivations shipped with the package: ``python -m adamdyn.symbolic.ship CACHE_DIR``.

Run the test suite and ``adamdyn figures --quick`` with ``ADAMDYN_CACHE_DIR=CACHE_DIR`` set to an
empty folder first; this copies the entries that are still current (their stored key equals the key
the current code computes) into ``adamdyn/symbolic/_shipped/`` and removes stale shipped ones.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .cache import FORMAT, SHIPPED


def current_entries(folder: Path):
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("format") == FORMAT:
            yield path, data


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or not Path(argv[0], "symbolic").is_dir():
        print("usage: python -m adamdyn.symbolic.ship CACHE_DIR  (CACHE_DIR/symbolic holds the entries)")
        return 2
    source = Path(argv[0], "symbolic")
    SHIPPED.mkdir(exist_ok=True)
    for old in SHIPPED.glob("*.json"):
        old.unlink()
    count = 0
    for path, _ in current_entries(source):
        shutil.copy2(path, SHIPPED / path.name)
        count += 1
    print(f"shipped {count} entries into {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
