"""Hostile input: every public entry point gives a clear ValueError / exit 2 or a correct result.

Property-based (hypothesis, few examples, tiny grids and step counts). Bugs in
other modules that these tests find are marked ``xfail(strict=True)`` with the
reason, so they turn into failures once fixed (and the mark must go).
"""

from __future__ import annotations

import json
import math
import os
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from adamdyn import load_npz, simulate
from adamdyn.cli import main
from adamdyn.scale import TileStore, make_spec, sweep
from adamdyn.sweeps import phase_diagram

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HOSTILE_FLOATS = st.one_of(st.sampled_from([math.nan, math.inf, -math.inf, -1.0, 0.0, 1e308, -1e308, 5e-324]),
                           st.floats(allow_nan=True, allow_infinity=True))
HOSTILE = st.one_of(HOSTILE_FLOATS, st.text(max_size=5), st.none(), st.booleans(), st.lists(st.floats(), max_size=2),
                    st.integers(min_value=-10**20, max_value=10**20))
AX = {"beta1": [0.5, 0.9], "beta2": [0.99]}


def check_result_sane(pd):
    """Every point is finite or flagged (diverged/underflowed); no silent NaN."""
    ok = np.isfinite(pd.final_log10_loss) | (pd.divergence_step >= 0) | (pd.underflow_step >= 0)
    assert ok.all()
    assert (pd.steps_run <= pd.steps).all() and (pd.steps_run >= 0).all()


# ----------------------------------------------------------------------------------------------- simulate
@SETTINGS
@given(lr=HOSTILE, beta1=HOSTILE, x0=HOSTILE, steps=HOSTILE)
@example(lr=1.0, beta1=0.0, x0=1e308, steps=20)  # the first gradient overflows (once an uncaught RuntimeWarning)
def test_simulate_hostile_values(lr, beta1, x0, steps):
    try:
        tr = simulate("adam", lr=lr, beta1=beta1, x0=x0, steps=steps if not isinstance(steps, int) else 20)
    except ValueError as exc:
        assert str(exc)
        return
    assert np.all(np.isfinite(tr.log10_loss)) or tr.diverged or tr.underflow_step >= 0


# ------------------------------------------------------------------------------------------ phase_diagram
@SETTINGS
@given(b1=st.lists(HOSTILE_FLOATS, min_size=0, max_size=3), x0=HOSTILE, steps=HOSTILE)
def test_phase_diagram_hostile_values(b1, x0, steps):
    try:
        pd = phase_diagram("adam", {"beta1": b1, "beta2": [0.99]}, {"lr": 1e-2}, x0=x0,
                           steps=30 if isinstance(steps, int) and steps > 50 else steps)
    except ValueError as exc:
        assert str(exc)
        return
    check_result_sane(pd)


@pytest.mark.parametrize("kw", [{"spike_decades": math.nan}, {"spike_decades": -1.0},
                                {"diverge_log10_loss": math.nan}])
def test_phase_diagram_thresholds_validated(kw):
    with pytest.raises(ValueError):
        phase_diagram("adam", AX, {"lr": 1e-2}, steps=30, **kw)


def test_phase_diagram_huge_grid_refused_up_front():
    grid = np.linspace(0.01, 0.99, 10**6)
    with pytest.raises(ValueError, match="tile"):
        phase_diagram("adam", {"beta1": grid, "beta2": grid}, {"lr": 1e-2}, steps=10)


# ------------------------------------------------------------------------------------------ sweep API
@SETTINGS
@given(tile=HOSTILE, steps=HOSTILE, spike=HOSTILE, b2=st.lists(HOSTILE_FLOATS, max_size=3))
def test_make_spec_hostile_values(tile, steps, spike, b2):
    try:
        spec = make_spec("adam", {"beta1": [0.5], "beta2": b2}, {"lr": 1e-2}, steps=steps, tile=tile,
                         spike_decades=spike)
    except ValueError as exc:
        assert str(exc)
        return
    assert spec.tile >= 1 and spec.steps >= 1 and math.isfinite(spec.spike_decades)
    assert all(math.isfinite(v) for v in spec.axes[1])


def test_sweep_refuses_huge_grids_and_tiles():
    big = np.linspace(0.01, 0.99, 100_000)
    with pytest.raises(ValueError, match=r"tiles; at most .* Fix: pass a larger tile"):
        make_spec("adam", {"beta1": big, "beta2": big}, {"lr": 1e-2}, tile=8)
    with pytest.raises(ValueError, match=r"one tile of .* needs .* GiB.*Fix: pass a smaller tile"):
        make_spec("adam", {"beta1": big, "beta2": big}, {"lr": 1e-2}, tile=100_000)


def test_assemble_refuses_too_big(tmp_path):
    store = sweep("adam", AX, {"lr": 1e-2}, out=tmp_path / "s", steps=30, device="cpu", progress=False)
    with pytest.raises(ValueError, match=r"needs .* GiB .*Fix: read it tile by tile"):
        store.assemble(max_bytes=10)


@pytest.mark.parametrize("out", ["/proc/adamdyn-sweep", "/dev/null"])
def test_sweep_unwritable_output(out):
    with pytest.raises(ValueError, match="Fix: choose"):
        sweep("adam", AX, {"lr": 1e-2}, out=out, steps=30, device="cpu", progress=False)


def test_sweep_wrong_types():
    for kwargs in ({"backend": "spark"}, {"device": "tpu"}, {"scheduler": "tcp://x:1"}, {"out": 3}):
        args = {"out": "unused-dir", "steps": 30, "progress": False, **kwargs}
        with pytest.raises(ValueError, match="Fix"):
            sweep("adam", AX, {"lr": 1e-2}, **args)
    assert not os.path.exists("unused-dir")


def test_truncated_and_foreign_tiles(tmp_path):
    store = sweep("adam", AX, {"lr": 1e-2}, out=tmp_path / "s", steps=30, tile=1, device="cpu", progress=False)
    path = store.tile_path((1, 0))
    with open(path, "rb") as fh:
        data = fh.read()
    with open(path, "wb") as fh:
        fh.write(data[: len(data) // 2])
    with pytest.raises(ValueError, match="unreadable.*Fix: delete it"):
        TileStore(store.path).assemble()
    np.savez(path, min_log10_loss=np.zeros((1, 1)))
    with pytest.raises(ValueError, match="not an adamdyn tile"):
        TileStore(store.path).assemble()
    os.remove(path)  # deleting a bad tile and resuming recomputes it
    sweep(out=store.path, resume=True, progress=False)
    check_result_sane(TileStore(store.path).assemble())


# ------------------------------------------------------------------------------------------ .npz results
@pytest.mark.parametrize("payload", [b"", b"PK\x03\x04junk", b"not a zip at all"])
def test_load_npz_truncated(tmp_path, payload):
    path = tmp_path / "r.npz"
    path.write_bytes(payload)
    with pytest.raises(ValueError, match="cannot read"):
        load_npz(path)


@pytest.mark.parametrize("meta", ['{"x": 1}', '{"__type__": "PhaseDiagram", "__module__": "adamdyn.sweeps.phase"}'])
def test_load_npz_foreign_meta(tmp_path, meta):
    path = tmp_path / "r.npz"
    np.savez(path, __meta__=np.array(meta))
    with pytest.raises(ValueError):
        load_npz(path)


# ------------------------------------------------------------------------------------------ CLI
def run_cli(argv):
    try:
        return main(argv)
    except SystemExit as exc:  # argparse rejects malformed options with exit status 2
        return exc.code


TOKENS = st.sampled_from(["nan", "inf", "-inf", "-1", "0", "1e308", "abc", "", "0.5", "3", "1e-300", "-0"])


@SETTINGS
@given(b1=TOKENS, b2=TOKENS, count=TOKENS, steps=TOKENS, tile=TOKENS)
def test_cli_sweep_hostile(tmp_path_factory, capsys, b1, b2, count, steps, tile):
    out = tmp_path_factory.mktemp("cli") / "s"
    argv = ["sweep", "--axis", f"beta1={b1}:{b2}:{count}", "--axis", "beta2=0.9,0.99", "--steps",
            steps if steps not in ("3", "1e308") else "20", "--tile", tile, "--out", str(out), "--device", "cpu"]
    try:
        if count.lstrip("-").isdigit() and int(count) > 3:
            argv[3] = f"beta1={b1}:{b2}:3"
    except ValueError:
        pass
    code = run_cli(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code in (0, 2), (argv, code, err)
    if code == 0:
        check_result_sane(TileStore(out).assemble())
    else:
        assert not (out / "tiles").exists() or not os.listdir(out / "tiles")


def test_cli_sweep_errors_exit_2(tmp_path, capsys):
    good = ["--axis", "beta1=0.5,0.9", "--steps", "30", "--device", "cpu"]
    assert run_cli(["sweep", *good, "--out", str(tmp_path / "a")]) == 0
    cases = [
        ["sweep", *good, "--out", str(tmp_path / "a")],  # exists without --resume
        ["sweep", *good, "--steps", "31", "--out", str(tmp_path / "a"), "--resume"],  # other parameters
        ["sweep", "--resume", "--out", str(tmp_path / "nothing")],
        ["sweep", "--assemble", str(tmp_path / "nothing"), "--out", str(tmp_path / "r.npz")],
        ["sweep", "--assemble", str(tmp_path / "a"), "--out", "/proc/r.npz"],
        ["sweep", *good, "--out", "/proc/adamdyn"],
        ["sweep", *good, "--axis", "beta1=0.1,0.2", "--out", str(tmp_path / "b")],
        ["sweep", *good, "--backend", "dask", "--scheduler", "tcp://127.0.0.1:1", "--out", str(tmp_path / "c"),
         "--tile", "0"],
        ["sweep", *good, "--device", "cuda", "--mode", "raw", "--out", str(tmp_path / "d")],
    ]
    for argv in cases:
        assert run_cli(argv) == 2, argv
        assert "Traceback" not in capsys.readouterr().err
    manifest = tmp_path / "a" / "manifest.json"
    spec = json.loads(manifest.read_text())
    spec["spec"]["params"]["lr"] = 0.5
    manifest.write_text(json.dumps(spec))
    assert run_cli(["sweep", "--resume", "--out", str(tmp_path / "a")]) == 2
    assert run_cli(["sweep", "--assemble", str(tmp_path / "a"), "--out", str(tmp_path / "r.npz")]) == 2
    assert "changed after the sweep started" in capsys.readouterr().err
    assert not (tmp_path / "r.npz").exists()


@pytest.mark.parametrize("argv", [
    ["phase", "--steps", "10", "--axis", "beta1=0.1:0.9:3", "--out", "/proc/x.npz"],
    ["simulate", "--steps", "10", "--out", "/proc/x.npz"],
])
def test_cli_unwritable_out_other_commands(argv):
    assert main(argv) == 2


def test_zip_of_tiles_is_not_partial(tmp_path):
    """Tiles on disk are complete zip files (atomic writes): every one opens and lists all fields."""
    store = sweep("adam", AX, {"lr": 1e-2}, out=tmp_path / "z", steps=30, tile=1, device="cpu", progress=False)
    for name in os.listdir(os.path.join(store.path, "tiles")):
        with zipfile.ZipFile(os.path.join(store.path, "tiles", name)) as zf:
            assert zf.testzip() is None and "__key__.npy" in zf.namelist()


@pytest.mark.parametrize("mode", ["raw", "normalized"])
def test_sweep_refuses_the_minimum_as_start_in_both_modes(mode):
    """x0 = 0 is the minimum itself: ``adamdyn sweep`` in raw mode used to run it (an underflow at step 0 at every
    point) where phase_diagram and simulate refuse it; sweep now shares simulate's check and message."""
    for x0 in (0.0, math.inf, "one"):
        with pytest.raises(ValueError, match=r"x0=.* valid is a finite non-zero number.*Fix: pass x0=1.0"):
            make_spec("adam", {"beta1": [0.5], "beta2": [0.9]}, {"lr": 1e-2}, mode=mode, x0=x0)
        with pytest.raises(ValueError, match=r"x0=.*(not a number|finite and non-zero).*Fix: pass x0=1.0"):
            phase_diagram("adam", {"beta1": [0.5], "beta2": [0.9]}, {"lr": 1e-2}, steps=10, mode=mode, x0=x0)
