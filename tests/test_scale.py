"""Tiled resumable sweeps, dask backend, CUDA kernel (simulator): each equals phase_diagram bit for bit."""

from __future__ import annotations

import json
import os
import warnings

import numpy as np
import pytest

from adamdyn.scale import SweepInterrupted, TileStore, gpu, make_spec, sweep
from adamdyn.scale import backends as B
from adamdyn.scale.tiles import ARRAY_FIELDS
from adamdyn.sweeps import phase_diagram

AXES = {"beta1": np.linspace(0.01, 0.999, 11), "beta2": np.linspace(0.01, 0.999, 7)}
FIXED = {"lr": 1e-2}
STEPS = 600


def assert_bit_equal(a, b):
    for k in ARRAY_FIELDS + ("axis0", "axis1"):
        x, y = getattr(a, k), getattr(b, k)
        assert x.dtype == y.dtype and x.shape == y.shape, k
        assert x.tobytes() == y.tobytes(), k
    assert a.params == b.params and a.updates == b.updates and a.axis_names == b.axis_names
    assert (a.optimizer, a.mode, a.steps, a.x0, a.theory_note) == (b.optimizer, b.mode, b.steps, b.x0, b.theory_note)


@pytest.fixture(scope="module")
def reference():
    return {mode: phase_diagram("adam", AXES, FIXED, steps=STEPS, mode=mode) for mode in ("raw", "normalized")}


@pytest.mark.parametrize("mode", ["raw", "normalized"])
@pytest.mark.parametrize("tile", [2, 64])
def test_tiled_equals_phase_diagram(tmp_path, reference, mode, tile):
    store = sweep("adam", AXES, FIXED, out=tmp_path / "s", steps=STEPS, mode=mode, tile=tile, device="cpu",
                  progress=False)
    assert_bit_equal(store.assemble(), reference[mode])
    names = os.listdir(tmp_path / "s" / "tiles")
    assert len(names) == store.spec.ntiles and not [n for n in names if n.startswith(".tmp")]


def test_one_axis_and_n_axis(tmp_path):
    ref = phase_diagram("adam", {"n": [2.0, 3.0, 4.0, 6.0, 2.5]}, FIXED | {"beta1": 0.5}, steps=STEPS)
    store = sweep("adam", {"n": [2.0, 3.0, 4.0, 6.0, 2.5]}, FIXED | {"beta1": 0.5}, out=tmp_path / "n", steps=STEPS,
                  tile=2, device="cpu", progress=False)
    assert store.spec.ntiles == 3
    assert_bit_equal(store.assemble(), ref)


def test_kill_and_resume(tmp_path, reference, monkeypatch, capsys):
    """Interrupt after 3 tiles: those stay, the resume command is printed, resuming gives the same result."""
    real, calls = B.run_tile, []

    def flaky(spec_json, index, threads=None):
        if len(calls) == 3:
            raise KeyboardInterrupt
        calls.append(index)
        return real(spec_json, index, threads)

    monkeypatch.setattr(B, "run_tile", flaky)
    out = tmp_path / "k"
    with pytest.raises(SweepInterrupted) as info:
        sweep("adam", AXES, FIXED, out=out, steps=STEPS, tile=3, device="cpu", progress=False)
    err = capsys.readouterr().err
    assert info.value.done == 3 and f"adamdyn sweep --resume --out {out}" in err
    assert TileStore(out).progress() == (3, 12)
    with pytest.raises(ValueError, match="incomplete"):
        TileStore(out).assemble()
    monkeypatch.setattr(B, "run_tile", real)
    seen = []
    monkeypatch.setattr(B, "run_tile", lambda s, ix, threads=None: seen.append(ix) or real(s, ix, threads))
    store = sweep(out=out, resume=True, progress=False)  # parameters from the manifest
    assert len(seen) == 9 and not set(seen) & set(calls)
    assert_bit_equal(store.assemble(), reference["normalized"])


def test_resume_refuses_other_parameters(tmp_path):
    out = tmp_path / "r"
    sweep("adam", AXES, FIXED, out=out, steps=STEPS, tile=4, device="cpu", progress=False)
    with pytest.raises(ValueError, match="already holds a sweep"):
        sweep("adam", AXES, FIXED, out=out, steps=STEPS, tile=4, device="cpu", progress=False)
    with pytest.raises(ValueError, match=r"refusing to mix.*steps: stored 600, requested 601"):
        sweep("adam", AXES, FIXED, out=out, steps=STEPS + 1, tile=4, device="cpu", resume=True, progress=False)
    with pytest.raises(ValueError, match="refusing to mix.*lr"):
        sweep("adam", AXES, {"lr": 2e-2}, out=out, steps=STEPS, tile=4, device="cpu", resume=True, progress=False)
    # the same parameters written differently (defaults spelled out) are the same sweep
    same = sweep("adam", AXES, {"lr": 1e-2, "n": 4}, out=out, steps=STEPS, tile=4, device="cpu", resume=True,
                 progress=False)
    assert same.progress() == (6, 6)


def test_hand_edited_manifest_and_foreign_tile(tmp_path):
    out = tmp_path / "m"
    sweep("adam", AXES, FIXED, out=out, steps=STEPS, tile=4, device="cpu", progress=False)
    other = sweep("adam", AXES, {"lr": 2e-2}, out=tmp_path / "o", steps=STEPS, tile=4, device="cpu", progress=False)
    mpath = out / "manifest.json"
    original = mpath.read_text()
    manifest = json.loads(original)
    manifest["spec"]["steps"] = 5000
    mpath.write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match="changed after the sweep started"):
        TileStore(out)
    mpath.write_text(original[: len(original) // 2])
    with pytest.raises(ValueError, match="cannot read"):
        TileStore(out)
    mpath.write_text(original)
    os.replace(other.tile_path((1, 0)), out / "tiles" / "t00001_00000.npz")
    with pytest.raises(ValueError, match="other parameters.*refusing to mix"):
        TileStore(out).assemble()


def test_spec_key_is_stable_and_json_round_trips():
    a = make_spec("adam", AXES, FIXED, steps=STEPS)
    b = make_spec("adam", {k: list(v) for k, v in AXES.items()}, {"lr": 0.01, "n": 4}, steps=STEPS)
    c = make_spec("adam", AXES, {"lr": 0.011}, steps=STEPS)
    assert a.key == b.key != c.key
    from adamdyn.scale.tiles import spec_from_json

    assert spec_from_json(json.loads(json.dumps(a.to_json()))).key == a.key


def test_to_xarray_needs_xarray_or_works(tmp_path):
    store = sweep("adam", AXES, FIXED, out=tmp_path / "x", steps=STEPS, tile=8, device="cpu", progress=False)
    try:
        import xarray  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pip install xarray"):
            store.to_xarray()
    else:
        ds = store.to_xarray()
        np.testing.assert_array_equal(ds["min_log10_loss"].values, store.assemble().min_log10_loss)


def test_dask_backend_equals_local(tmp_path, reference):
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        # distributed may warn about ports/sizing while starting an in-process cluster; only its own warnings
        warnings.filterwarnings("ignore", category=UserWarning, module=r"distributed\..*")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(distributed|tornado)\..*")
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                      dashboard_address=None) as cluster:
            store = sweep("adam", AXES, FIXED, out=tmp_path / "d", steps=STEPS, tile=3, backend="dask",
                          scheduler=cluster.scheduler_address, device="cpu", progress=False)
    assert_bit_equal(store.assemble(), reference["normalized"])


def test_dask_bad_scheduler_is_value_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(B, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(ValueError, match="cannot reach the dask scheduler"):
        sweep("adam", AXES, FIXED, out=tmp_path / "b", steps=STEPS, backend="dask", scheduler="tcp://127.0.0.1:1",
              device="cpu", progress=False)


CUDASIM_SCRIPT = r"""
import sys
import numpy as np
from adamdyn.kernels import codegen
from adamdyn.rules import get_rule
from adamdyn.scale.gpu import run_points_cuda
from adamdyn.sweeps.phase import run_points

STEPS = int(sys.argv[1])
underflows = 0
for name in ("adam", "rmsprop", "s3", "momentum"):
    rule = get_rule(name)
    floats = [q.name for q in rule.params if q.kind == "float"]
    for flags in codegen.variants(rule):
        p = rule.make_params(**flags)
        cols = np.stack([np.full(6, float(getattr(p, q))) for q in floats] + [np.array([4, 4, 2, 3, 2.5, 6.0])], 1)
        if "beta1" in floats:
            cols[:, floats.index("beta1")] = np.linspace(0.1, 0.95, 6)
        cpu = run_points(rule, flags, cols, steps=STEPS, mode="raw")
        gpu = run_points_cuda(rule, flags, cols, steps=STEPS, mode="raw")
        for k in cpu:
            assert np.array_equal(cpu[k], gpu[k], equal_nan=True), (name, flags, k, cpu[k], gpu[k])
        underflows += int(np.sum(cpu["underflow_step"] >= 0))
assert underflows > 0, "no point reached float64's underflow: the flag is not exercised"
print("cuda-sim ok")
"""


def test_cuda_kernel_matches_cpu_under_simulator(simulate):
    """The generated CUDA kernel, run by numba's CUDA simulator, gives the CPU kernel's numbers exactly."""
    assert "cuda-sim ok" in simulate(CUDASIM_SCRIPT, "2000").stdout


@pytest.mark.skipif(not gpu.cuda_available(), reason="needs a CUDA GPU (numba.cuda finds none)")
@pytest.mark.parametrize("mode", ["raw", "normalized"])
def test_cuda_phase_diagram_on_a_gpu_agrees_with_cpu(mode):
    """On hardware, CUDA's libdevice pow/log differ from the CPU's libm in the last bit, and chaotic
    regimes amplify that, so min log10 loss is compared below the diagonal only (to rounding; normalized: the
    CPU's fast scheme against the GPU's sign/log one, which agree to 1e-9 relative on the CPU,
    tests/test_kernels.py). benchmarks/gpu_check.py's record measures the agreement per kernel on a GPU."""
    g = np.linspace(0.01, 0.999, 64)
    kw = dict(axes={"beta1": g, "beta2": g}, fixed={"lr": 1e-2, "n": 4}, steps=2000, mode=mode)
    cpu = phase_diagram("adam", **kw)
    cud = phase_diagram("adam", device="cuda", **kw)
    agree = float(np.mean(cpu.regime_observed == cud.regime_observed))
    B1, B2 = np.meshgrid(g, g, indexing="ij")
    # below the diagonal: mostly Regime I (116 of these 1,830 points are labelled otherwise on the CPU; on the CPU,
    # lr * (1 + 1e-15) moves the min log10 loss of all 1,830 by at most 4e-12 relative)
    inside = B1 < B2 - 0.05
    same = cpu.steps_run == cud.steps_run
    rel = np.abs(cpu.min_log10_loss - cud.min_log10_loss) / np.abs(cpu.min_log10_loss)
    print(f"{mode}: labels agree {100 * agree:.2f}%; Regime I: same steps run {100 * np.mean(same[inside]):.1f}%, "
          f"max rel diff of min log10 loss {np.max(rel[inside & same]):.2e}")
    assert agree >= 0.99
    assert np.mean(same[inside]) >= 0.99
    assert np.max(rel[inside & same]) <= 1e-9


def test_cuda_device_plumbing(tmp_path, monkeypatch):
    """device='cuda' tiles go through phase_diagram_cuda (kernel swapped for the CPU one: no GPU in CI)."""
    from adamdyn.sweeps.phase import run_points

    monkeypatch.setattr(gpu, "cuda_available", lambda: True)
    monkeypatch.setattr(gpu, "run_points_cuda", lambda *a, **k: run_points(*a, **k))
    ref = phase_diagram("adam", AXES, FIXED, steps=STEPS, mode="raw")
    store = sweep("adam", AXES, FIXED, out=tmp_path / "g", steps=STEPS, mode="raw", tile=4, device="auto",
                  progress=False)
    assert store.spec.device == "cuda"
    assert_bit_equal(store.assemble(), ref)
    with pytest.raises(ValueError, match="refusing to mix.*device"):
        sweep("adam", AXES, FIXED, out=tmp_path / "g", steps=STEPS, mode="raw", tile=4, device="cpu", resume=True,
              progress=False)
    monkeypatch.setattr(gpu, "cuda_available", lambda: False)
    with pytest.raises(ValueError, match="device='cuda' but numba.cuda finds no usable GPU"):
        sweep("adam", AXES, FIXED, out=tmp_path / "h", steps=STEPS, device="cuda", progress=False)
