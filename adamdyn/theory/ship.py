"""Refresh the derivations shipped with the package: ``python -m adamdyn.theory.ship CACHE_DIR``.

Run the test suite and ``adamdyn figures --quick`` with ``ADAMDYN_CACHE_DIR=CACHE_DIR`` set to an
empty folder first. A run reads the entries already shipped and writes to CACHE_DIR only what it had to
derive, so this adds CACHE_DIR's current entries (their stored key equals the key the current code
computes; a rule registered only by a notebook is taken as written) to ``adamdyn/theory/_shipped/``, each
replacing a shipped entry of the same kind, rule and arguments, and removes the shipped entries that are stale.

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
from .cache import FORMAT, SCHEMA, SHIPPED, entry_name, key_of

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


def is_current(data) -> bool | None:
    """Whether an entry's stored key is the key the current code computes for its kind, rule and arguments;
    ``None`` where its rule is not registered in this process (a notebook's own rule)."""
    from ..rules import RULES

    rule = RULES.get(data["rule"])
    if rule is None:
        return None
    return data.get("schema") == SCHEMA and key_of(data["kind"], rule, data["args"]) == data["key"]


def refresh(source: Path, folder: Path = SHIPPED) -> tuple[int, int, int]:
    """Add ``source``'s entries to ``folder`` and remove ``folder``'s stale ones; returns (added, kept, removed).

    An entry of ``source`` replaces a shipped one of the same kind, rule and arguments. Its rule must be current
    where it is registered; a rule that is not (a notebook's) cannot be checked here, so its entries are taken
    as the run wrote them, which is why ``source`` must start empty.
    """
    folder.mkdir(exist_ok=True)
    shipped = {(d["kind"], d["rule"], d["args"]): path for path, d in current_entries(folder)}
    added = removed = kept = 0
    for path, data in current_entries(source):
        if is_current(data) is False:
            continue
        old = shipped.pop((data["kind"], data["rule"], data["args"]), None)
        if old is not None and old.name == path.name:
            kept += 1
            continue
        if old is not None:
            old.unlink()
            removed += 1
        shutil.copy2(path, folder / path.name)
        added += 1
    for path in shipped.values():
        if is_current(json.loads(path.read_text())) is False:
            path.unlink()
            removed += 1
        else:
            kept += 1
    return added, kept, removed


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
    added, kept, removed = refresh(Path(argv[0], "symbolic"))
    print(f"shipped {added} new entries into {SHIPPED}; kept {kept} current ones, removed {removed} stale ones")
    return 0


if __name__ == "__main__":
    sys.exit(main())
