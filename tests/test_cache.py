"""adamdyn's cache folder (adamdyn._cache): location, atomic writes, generated modules; the symbolic cache on it."""

from __future__ import annotations

import ast
import inspect
import os
import pathlib
import subprocess
import sys
import tempfile

import pytest

from adamdyn import _cache
from adamdyn.theory import cache as symbolic_cache


def test_disabled_cache_writes_to_a_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ADAMDYN_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = _cache.generated_path("kernels", "adamdyn_test", "X = 1\n")
    assert _cache.root() is None and path.read_text() == "X = 1\n"
    assert tmp_path not in path.parents and pathlib.Path(tempfile.gettempdir()) in path.parents
    assert _cache.import_generated("kernels", "adamdyn_test", "X = 1\n").X == 1


def _fixed_name_write(path, text):
    """How a non-atomic writer would do it: one temporary name shared by every writer."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


@pytest.mark.parametrize("writer", ["atomic_write", "fixed_name"])
def test_a_writer_interleaved_with_another_leaves_the_whole_file(tmp_path, monkeypatch, writer):
    """Process B writes the same file between A's write and A's rename (the race of two first uses):
    with unique temporary names both succeed and the file is whole; a shared temporary name breaks."""
    write = _cache.atomic_write if writer == "atomic_write" else _fixed_name_write
    path, text = tmp_path / "m.py", "X = 1\n" * 1000
    real_replace, calls = os.replace, []

    def replace(src, dst):
        calls.append(src)
        if len(calls) == 1:  # A is about to rename: B runs its whole write now
            write(path, text)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    if writer == "atomic_write":
        write(path, text)
        assert path.read_text() == text and sorted(p.name for p in tmp_path.iterdir()) == ["m.py"]
    else:
        with pytest.raises(FileNotFoundError):
            write(path, text)


CONCURRENT = r"""
import sys
from adamdyn import _cache
text = "from numba import njit\n\n\n@njit(cache=True)\ndef f(x):\n    return 2.0 * x + 1.0\n"
m = _cache.import_generated("kernels", "adamdyn_test_concurrent", text)
print(m.f(float(sys.argv[1])), len(m.f.stats.cache_hits), len(m.f.stats.cache_misses))
"""


def test_two_first_uses_at_once_then_a_numba_cache_hit(tmp_path):
    """Two processes writing and compiling the same generated module into a fresh cache at once both
    succeed; a third process finds the file and numba's cache beside it (no compilation)."""
    env = dict(os.environ, ADAMDYN_CACHE_DIR=str(tmp_path))
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, "3"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    assert [o[0].split()[0] for o in outs] == ["7.0", "7.0"]
    assert len(list((tmp_path / "kernels").glob("adamdyn_test_concurrent_*.py"))) == 1
    third = subprocess.run([sys.executable, "-c", CONCURRENT, "5"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert third.stdout.split() == ["11.0", "1", "0"], third.stdout + third.stderr[-2000:]


def test_both_caches_use_one_folder_rule(tmp_path, monkeypatch):
    monkeypatch.setenv("ADAMDYN_CACHE_DIR", str(tmp_path))
    assert symbolic_cache.cache_dir() == _cache.folder("symbolic") == tmp_path / "symbolic"
    assert _cache.folder("kernels") == tmp_path / "kernels"


# ------------------------------------------------------------------ no import cycle with the derivation

ENGINE_DATACLASS_MODULES = {"derivation", "map", "fixed_points", "stability"}


def imports_dataclass_modules(source: str) -> list[str]:
    """The modules of the symbolic dataclasses that ``source`` (a module of adamdyn.theory) imports, anywhere."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            package = (node.level == 1 and not mod) or (node.level == 0 and mod == "adamdyn.theory")
            names = [a.name for a in node.names] if package else [mod.rsplit(".", 1)[-1]]
            if node.level == 1 or mod.startswith("adamdyn.theory"):
                found += [n for n in names if n in ENGINE_DATACLASS_MODULES]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.rsplit(".", 1)[-1] in ENGINE_DATACLASS_MODULES]
    return found


def test_symbolic_cache_imports_none_of_the_modules_it_stores():
    assert imports_dataclass_modules(inspect.getsource(symbolic_cache)) == []
    # the check sees the lazy import the cache used to do (derivation imports the cache: a cycle)
    lazy = "def _dataclasses():\n    from .derivation import Derivation\n    from .map import NormalizedMap\n"
    assert imports_dataclass_modules(lazy) == ["derivation", "map"]
    assert imports_dataclass_modules("from adamdyn.theory import stability\n") == ["stability"]


def test_decoding_knows_only_the_registered_dataclasses(monkeypatch):
    from adamdyn.theory import Derivation

    assert symbolic_cache.DATACLASSES["Derivation"] is Derivation
    entry = {"$c": "Condition", "f": {}}
    monkeypatch.delitem(symbolic_cache.DATACLASSES, "Condition")
    with pytest.raises(KeyError):
        symbolic_cache.decode(entry)
    with pytest.raises(TypeError, match="not a dataclass"):
        symbolic_cache.register(int)


@pytest.mark.parametrize("locked", [True, False])
def test_threads_importing_one_module_get_it_whole(tmp_path, monkeypatch, locked):
    """A thread asking for a generated module while another thread is executing it waits for the whole
    module; without the lock it would get the half-built one (shown by replacing the lock)."""
    import contextlib
    import threading

    monkeypatch.setenv("ADAMDYN_CACHE_DIR", str(tmp_path))
    if not locked:
        monkeypatch.setattr(_cache, "_IMPORT_LOCK", contextlib.nullcontext())
    text = f"import time\ntime.sleep(0.5)\nX = {int(locked)} + 1\n"
    stem = f"adamdyn_test_threads_{tmp_path.name}"
    got = []

    def use():
        got.append(getattr(_cache.import_generated("kernels", stem, text), "X", None))

    first = threading.Thread(target=use)
    first.start()
    for _ in range(500):  # until the first thread has registered the module (at most 5 s)
        if any(name.startswith(stem) for name in sys.modules):
            break
        threading.Event().wait(0.01)
    use()
    first.join()
    assert (got == [int(locked) + 1] * 2) == locked, got


def test_rekey_renames_shipped_entries_to_the_current_key_and_keeps_their_payload(tmp_path, monkeypatch):
    """After a change that leaves the mathematics alone (here: one more comment in every rule's source),
    the stored keys are stale; ``ship --rekey`` gives each entry the current key and file name."""
    import json
    import shutil

    from adamdyn.rules import get_rule
    from adamdyn.theory import ship

    for path in sorted(symbolic_cache.SHIPPED.glob("numeric-*.json"))[:3]:  # adabelief, adam, adam
        shutil.copy2(path, tmp_path / path.name)
    before = {p.name: json.loads(p.read_text()) for p in tmp_path.glob("*.json")}
    assert len(before) == 3
    source = symbolic_cache.rule_source
    monkeypatch.setattr(symbolic_cache, "rule_source", lambda rule: source(rule) + "\n# a comment\n")

    def loadable():
        return [symbolic_cache._read(p, symbolic_cache.key_of(d["kind"], get_rule(d["rule"]), d["args"])) is not None
                for p, d in ship.current_entries(tmp_path)]

    assert loadable() == [False] * 3  # stale under the changed source
    assert ship.rekey(tmp_path) == (3, 0, [])
    assert loadable() == [True] * 3
    after = {p.name: json.loads(p.read_text()) for p in tmp_path.glob("*.json")}
    assert not set(after) & set(before)
    assert sorted(json.dumps(d["payload"]) for d in after.values()) == sorted(
        json.dumps(d["payload"]) for d in before.values())
    assert ship.rekey(tmp_path) == (0, 3, [])


def test_ship_refresh_adds_a_runs_entries_keeps_current_ones_and_drops_stale_ones(tmp_path):
    """``python -m adamdyn.theory.ship CACHE_DIR`` after a run with an empty cache: the run wrote only what the
    shipped entries lacked, so those are added and the rest kept (it used to delete every shipped entry first,
    shipping just the run's misses); a stale entry of a registered rule goes, and a notebook rule's entry is
    replaced by the run's one for the same arguments."""
    import json
    import shutil

    from adamdyn.theory import ship

    shipped, run = tmp_path / "shipped", tmp_path / "run"
    shipped.mkdir()
    run.mkdir()
    a, b, c = sorted(symbolic_cache.SHIPPED.glob("numeric-*.json"))[:3]
    for path in (a, b):
        shutil.copy2(path, shipped / path.name)
    shutil.copy2(c, run / c.name)  # what the run had to derive
    stale = json.loads(b.read_text())
    stale["args"] = "(('zeta', 1.0),)"  # its key is b's: stale for these arguments
    (shipped / ("numeric-x-" + "0" * 40 + ".json")).write_text(json.dumps(stale))
    mine = {"format": symbolic_cache.FORMAT, "schema": symbolic_cache.SCHEMA, "kind": "numeric", "rule": "mine",
            "args": "()", "payload": None}
    (shipped / "numeric-mine-old.json").write_text(json.dumps({**mine, "key": "1" * 64}))
    (run / "numeric-mine-new.json").write_text(json.dumps({**mine, "key": "2" * 64}))
    assert ship.refresh(run, shipped) == (2, 2, 2)
    assert sorted(p.name for p in shipped.glob("*.json")) == sorted([a.name, b.name, c.name, "numeric-mine-new.json"])
    assert ship.refresh(run, shipped) == (0, 4, 0)
