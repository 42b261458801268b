"""Refresh the derivations shipped with the package: ``python -m adamdyn.theory.ship CACHE_DIR``.

Run the test suite and ``adamdyn figures --quick`` with ``ADAMDYN_CACHE_DIR=CACHE_DIR`` set to an
empty folder first; this copies the entries that are still current (their stored key equals the key
the current code computes) into ``adamdyn/theory/_shipped/`` and removes stale shipped ones.

``python -m adamdyn.theory.ship --rekey`` instead gives every shipped entry the key the current code
computes from its stored kind, rule and arguments, and renames its file; the payload is unchanged. Use it
only after a change that leaves the mathematics as it was (docstrings, comments, refactoring of the rule
or engine modules): the key cannot tell such a change from one that alters a derivation.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .. import _cache
from .cache import FORMAT, SHIPPED, entry_name, key_of

USAGE = ("usage: python -m adamdyn.theory.ship CACHE_DIR  (CACHE_DIR/symbolic holds the entries)\n"
         "       python -m adamdyn.theory.ship --rekey     (re-key the shipped entries; payloads unchanged)")


def current_entries(folder: Path):
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("format") == FORMAT:
            yield path, data


def rekey(folder: Path = SHIPPED) -> tuple[int, int, list[str]]:
    """Give each entry in ``folder`` the key of the current code; returns (re-keyed, already current, the
    files left alone because their rule is not registered)."""
    from ..rules import RULES

    moved = same = 0
    orphans = []
    for path, data in current_entries(folder):
        rule = RULES.get(data["rule"])
        if rule is None:
            orphans.append(path.name)
            continue
        key = key_of(data["kind"], rule, data["args"])
        name = entry_name(data["kind"], rule, key)
        if key == data["key"] and path.name == name:
            same += 1
            continue
        _cache.atomic_write(folder / name, json.dumps({**data, "key": key}))
        if path.name != name:
            path.unlink()
        moved += 1
    return moved, same, orphans


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--rekey"]:
        moved, same, orphans = rekey()
        print(f"re-keyed {moved} shipped entries ({same} already current) in {SHIPPED}")
        if orphans:
            print(f"left alone (no such rule registered): {', '.join(orphans)}")
        return 0
    if len(argv) != 1 or not Path(argv[0], "symbolic").is_dir():
        print(USAGE, file=sys.stderr)
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
