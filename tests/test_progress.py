"""Progress bars (tqdm): drawn on a terminal only, counting tiles (tiled sweeps) or points (sweeps)."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest

from adamdyn import _progress
from adamdyn.rules import get_rule
from adamdyn.scale import backends as B
from adamdyn.scale import sweep
from adamdyn.sweeps.phase import run_points

AXES = {"beta1": [0.5, 0.9, 0.99], "beta2": [0.9, 0.99, 0.999, 0.9999]}
FIXED = {"lr": 1e-2}


class Tty(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self):
        return True


def counts(text):
    """Every ``done/total`` pair tqdm printed, in order."""
    return [(int(a), int(b)) for a, b in re.findall(r"(\d+)/(\d+) ", text)]


def final_count(text):
    """The last ``done/total`` the bar showed (it must be complete: done == total)."""
    seen = counts(text)
    assert seen, f"no progress line in {text!r}"
    done, total = seen[-1]
    assert done == total, f"bar ended at {done}/{total}"
    return total


def run_sweep(tmp_path, monkeypatch, stream, name="s", **kw):
    monkeypatch.setattr("sys.stderr", stream)
    return sweep("adam", AXES, FIXED, out=tmp_path / name, steps=30, tile=2, device="cpu", **kw)


def test_shown_only_on_a_terminal():
    assert _progress.shown(True, Tty())
    assert not _progress.shown(True, io.StringIO())
    assert not _progress.shown(False, Tty())
    assert not _progress.shown(True, object())  # no isatty at all


def test_tiled_sweep_counts_tiles_on_a_terminal(tmp_path, monkeypatch):
    tty = Tty()
    store = run_sweep(tmp_path, monkeypatch, tty, progress=True)
    text = tty.getvalue()
    assert store.spec.ntiles == 4
    assert final_count(text) == 4
    assert [d for d, _ in counts(text)] == sorted(d for d, _ in counts(text))
    assert "tile" in text and "M updates/s" in text


def test_tiled_sweep_is_silent_off_a_terminal_or_when_off(tmp_path, monkeypatch):
    pipe = io.StringIO()
    run_sweep(tmp_path, monkeypatch, pipe, "a", progress=True)
    tty = Tty()
    run_sweep(tmp_path, monkeypatch, tty, "b", progress=False)
    assert pipe.getvalue() == "" and tty.getvalue() == ""


def test_resumed_sweep_starts_at_the_saved_tiles(tmp_path, monkeypatch):
    """A resume shows the tiles already saved: the first count is 3 of 4 after one tile is deleted."""
    store = run_sweep(tmp_path, monkeypatch, io.StringIO(), progress=False)
    next((tmp_path / "s" / "tiles").iterdir()).unlink()
    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    sweep(out=store.path, resume=True, progress=True)
    seen = counts(tty.getvalue())
    assert seen[0] == (3, 4) and seen[-1] == (4, 4)


def test_run_points_counts_points_on_a_terminal(monkeypatch):
    rule = get_rule("adam")
    floats = [q.name for q in rule.params if q.kind == "float"]
    pts = [rule.make_params(beta1=b1, beta2=b2) for b1 in (0.5, 0.9) for b2 in (0.9, 0.99, 0.999)]
    cols = np.array([[getattr(p, k) for k in floats] + [4.0] for p in pts])
    flags = {q.name: getattr(pts[0], q.name) for q in rule.params if q.kind == "bool"}
    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    run_points(rule, flags, cols, steps=20, progress=True, chunks=3)
    assert final_count(tty.getvalue()) == 6
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    run_points(rule, flags, cols, steps=20, progress=True, chunks=3)
    assert pipe.getvalue() == ""


def test_checks_fail_on_a_broken_bar(tmp_path, monkeypatch):
    """The checks above catch a bar that counts updates instead of tiles and one drawn off a terminal."""
    real = _progress.progress_bar

    def by_updates(total, enabled=True, **kw):
        bar = real(total, enabled, **kw)
        step = bar.update
        bar.update = lambda k=1: step(k * 30)
        return bar

    monkeypatch.setattr(B, "progress_bar", by_updates)
    tty = Tty()
    run_sweep(tmp_path, monkeypatch, tty, "u", progress=True)
    with pytest.raises(AssertionError):
        assert final_count(tty.getvalue()) == 4

    monkeypatch.setattr(_progress, "shown", lambda enabled, stream=None: bool(enabled))
    monkeypatch.setattr(B, "progress_bar", real)
    pipe = io.StringIO()
    run_sweep(tmp_path, monkeypatch, pipe, "v", progress=True)
    assert pipe.getvalue() != ""
