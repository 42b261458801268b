"""The persistent derivation cache: fresh processes reuse it, corrupt files are tolerated, keys invalidate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
import sympy as sp

from adamdyn.rules import get_rule
from adamdyn.theory import cache, derivation, derive

SCRIPT = """
import sys, time
t0 = time.perf_counter()
import pathlib
import adamdyn.theory.cache as C
import adamdyn.theory.derivation as D
C.SHIPPED = pathlib.Path(sys.argv[2])  # the user cache alone (no shipped fallback)
if sys.argv[1] == "forbid":
    def boom(*a, **k):
        raise AssertionError("re-derived although the cache holds the result")
    D._build = boom
d = D.derive("rmsprop", n=4)
print(repr(str(d.rate)), repr([str(c) for c in d.stable_if]), time.perf_counter() - t0)
"""


def _run(env, mode):
    t0 = time.perf_counter()
    no_shipped = env["ADAMDYN_CACHE_DIR"] + "/no-shipped"
    out = subprocess.run([sys.executable, "-c", SCRIPT, mode, no_shipped], env=env, capture_output=True, text=True,
                         check=True)
    return out.stdout.strip(), time.perf_counter() - t0


@pytest.fixture
def cache_env(tmp_path, monkeypatch):
    monkeypatch.setenv("ADAMDYN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "SHIPPED", tmp_path / "no-shipped")  # the user cache alone
    derivation._cached.cache_clear()
    yield tmp_path
    derivation._cached.cache_clear()


def test_fresh_process_reuses_the_cache(cache_env):
    env = dict(os.environ, ADAMDYN_CACHE_DIR=str(cache_env))
    cold, t_cold = _run(env, "derive")
    files = list((cache_env / "symbolic").glob("derivation-rmsprop-*.json"))
    assert len(files) == 1
    warm, t_warm = _run(env, "forbid")  # _build raises: the result must come from the file
    assert warm.rsplit(" ", 1)[0] == cold.rsplit(" ", 1)[0]
    print(f"\nfresh process derive('rmsprop', n=4): cold {t_cold:.2f} s, from cache {t_warm:.2f} s")


def test_disabled_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ADAMDYN_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.store("derivation", get_rule("rmsprop"), ("x",), {"a": 1}) is None
    assert cache.load("derivation", get_rule("rmsprop"), ("x",)) is None


def test_cache_location_respects_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("ADAMDYN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "adamdyn" / "symbolic"


def test_corrupt_and_foreign_files_are_ignored_and_rewritten(cache_env):
    want = derive("rmsprop", n=4)
    (path,) = (cache_env / "symbolic").glob("derivation-rmsprop-*.json")
    good = path.read_text()
    bad_contents = ["{not json", "", json.dumps({"format": cache.FORMAT, "schema": cache.SCHEMA, "key": "0" * 64,
                                                  "payload": {"$s": "Integer(7)"}}),
                    good.replace("Pow", "__import__"), good[: len(good) // 2]]
    for bad in bad_contents:
        path.write_text(bad)
        derivation._cached.cache_clear()
        got = derive("rmsprop", n=4)
        assert got.rate == want.rate and got.stable_if == want.stable_if and got.map.next == want.map.next
        assert json.loads(path.read_text())["key"] == json.loads(good)["key"]  # rewritten


def test_a_changed_rule_changes_the_key(cache_env, monkeypatch):
    rule = get_rule("rmsprop")
    args = (sp.srepr(sp.Integer(4)), ())
    k0 = cache.cache_key("derivation", rule, args)
    assert k0 != cache.cache_key("derivation", rule, (sp.srepr(sp.Integer(6)), ()))
    assert k0 != cache.cache_key("numeric", rule, args)
    cache.store("derivation", rule, args, {"marker": sp.Integer(1)})
    assert cache.load("derivation", rule, args) == {"marker": sp.Integer(1)}
    monkeypatch.setattr(cache, "rule_source", lambda r: "def update(): pass  # edited")
    assert cache.cache_key("derivation", rule, args) != k0
    assert cache.load("derivation", rule, args) is None  # the old entry is not used for the new source


def test_srepr_parser_builds_only_sympy_objects():
    x = sp.Symbol("x", positive=True)
    for e in (sp.sqrt(x) / (1 - x) ** sp.Rational(3, 4), sp.StrictLessThan(x, 2), sp.true, sp.oo, sp.Float(0.25),
              sp.Piecewise((x, x < 1), (1, True)), sp.sign(x - 3), -sp.oo, sp.Max(-sp.oo, x)):
        assert cache.parse_srepr(sp.srepr(e)) == e
    for evil in ("__import__('os').system('true')", "Symbol.__init__", "sympify('x')", "lambdify(1, 2)"):
        with pytest.raises((KeyError, ValueError)):
            cache.parse_srepr(evil)


def test_shipped_entries_are_current(tmp_path):
    """The derivations shipped with the package match the current code (refresh: adamdyn.theory.ship)."""
    script = """
import adamdyn.theory.derivation as D
def boom(*a, **k):
    raise AssertionError("the shipped cache is stale: run python -m adamdyn.theory.ship")
D._build = boom
from adamdyn.theory import derive, regime
derive("adam")
print(int(regime("adam", n=4, beta1=0.8, beta2=0.9)))
"""
    env = dict(os.environ, ADAMDYN_CACHE_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "1"
    assert sorted(cache.SHIPPED.glob("*.json")), "no shipped entries"


def test_key_ignores_interpreter_and_sympy_versions(monkeypatch):
    """The key names what changes the mathematics, so shipped entries load on every supported Python and sympy."""
    rule = get_rule("adam")
    args = (None, ())
    before = cache.cache_key("derivation", rule, args)
    monkeypatch.setattr(sys, "version", "3.99.1 (main, Jan 1 2030) [GCC 99]")
    monkeypatch.setattr(sp, "__version__", "9.9.9")
    assert cache.cache_key("derivation", rule, args) == before
    # ... while a change of the arguments (the mathematics) still changes it
    assert cache.cache_key("derivation", rule, ("Integer(4)", ())) != before


def test_json_report_of_a_loaded_derivation_keeps_its_conditions():
    """A derivation read back from the cache holds copies; its JSON must still mark the linear point."""
    from adamdyn.theory.report import as_dict

    d = derive("adam")
    copy = cache.decode(cache.encode(d))  # what a fresh process loads: equal objects, not the same ones
    assert copy.linear[0] is not d.linear[0]
    for der in (d, copy):
        linear = [fp for fp in as_dict(der)["fixed_points"] if fp["name"] == der.linear[0].name]
        assert len(linear) == 1
        assert linear[0]["exists_if"] == [str(c) for c in d.exists_if]
        assert linear[0]["stable_if"] == [str(c) for c in d.stable_if]
        assert linear[0]["exists_if"] != ["True"] and linear[0]["stable_if"] != ["False"]


def test_every_shipped_entry_decodes():
    """A shipped entry that cannot be read back is silently re-derived in every process (signgd's -oo once was)."""
    entries = sorted(cache.SHIPPED.glob("*.json"))
    assert entries
    for path in entries:
        data = json.loads(path.read_text())
        assert cache._read(path, data["key"]) is not None, path.name
