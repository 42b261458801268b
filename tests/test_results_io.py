"""Every result type saves to .npz and loads back whole, without pickle; other objects are refused clearly."""

import dataclasses

import numpy as np
import pytest

from adamdyn import derive, load_npz, save_npz
from adamdyn.dynamics.atlas import Atlas, atlas
from adamdyn.dynamics.basins import Basin, BasinFractions, basin, basin_fractions
from adamdyn.dynamics.continuation import Boundary, continue_boundary
from adamdyn.dynamics.fixed_points import find_fixed_points


def _same(a, b, path=""):
    """Field by field: arrays equal (NaN where NaN, dtype kept), dicts and sequences element by element (a tuple
    inside a settings dict comes back as a list: JSON has one kind of sequence)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape, path
        np.testing.assert_array_equal(a, b, err_msg=path)
    elif isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), path
        for k in a:
            _same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, (list, tuple)):
        assert isinstance(b, (list, tuple)) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and np.isnan(a):
        assert np.isnan(b), path
    else:
        assert a == b, path


def _results():
    g = np.array([0.5, 0.9])
    yield atlas("adam", {"beta1": g, "beta2": np.array([0.3, 0.95])}, steps=300)
    yield basin("adam", beta1=0.5, beta2=0.9, grid=4, steps=300)
    yield basin_fractions("adam", {"beta1": g, "beta2": np.array([0.4, 0.95])}, grid=3, steps=300)
    yield continue_boundary("adam", 4, kind="neimark_sacker", start=(0.8, 0.8), steps=4, ds=0.02)


@pytest.mark.parametrize("result", list(_results()), ids=lambda r: type(r).__name__)
def test_dynamics_results_round_trip(result, tmp_path):
    """Atlas, Basin, BasinFractions and Boundary used to save but not load ("expected a known type")."""
    back = load_npz(result.save(tmp_path / "r.npz"), type(result))
    assert type(back) is type(result)
    for f in dataclasses.fields(result):
        _same(getattr(result, f.name), getattr(back, f.name), f.name)
        assert type(getattr(back, f.name)) is type(getattr(result, f.name)) or f.type in ("dict", "float"), f.name


def test_types_are_registered():
    from adamdyn.dynamics.results import _RESULT_TYPES
    assert {Atlas, Basin, BasinFractions, Boundary} <= set(_RESULT_TYPES.values())


@pytest.mark.parametrize("thing", [{"a": 1}, derive("adam", n=4),
                                   find_fixed_points("adam", n=4, beta1=0.9, beta2=0.999, starts=4)],
                         ids=["dict", "derivation", "fixed_points"])
def test_other_objects_are_refused_with_the_fix(thing, tmp_path):
    with pytest.raises(ValueError, match=r"save_npz saves adamdyn's result types \(.*Trajectory.*\), not a .*Fix"):
        save_npz(thing, tmp_path / "x.npz")
    assert not (tmp_path / "x.npz").exists()


@pytest.mark.parametrize("path, match", [(3, r"needs a file path, got 3.*Fix"),
                                         ("garbage", r"not an \.npz archive.*Fix")])
def test_load_names_the_problem_without_numpys_pickle_advice(path, match, tmp_path):
    if path == "garbage":
        path = tmp_path / "garbage.npz"
        path.write_bytes(b"not an archive at all")
    with pytest.raises(ValueError, match=match) as exc:
        load_npz(path)
    assert "allow_pickle" not in str(exc.value)


def test_the_json_forms_named_by_the_refusal_exist():
    import json
    d = json.loads(json.dumps(derive("adam", n=4).as_dict()))
    assert d["optimizer"] == "adam" and "u'" in d["map"]
    res = find_fixed_points("adam", n=4, beta1=0.9, beta2=0.999, starts=4)
    assert json.loads(json.dumps(res.as_dict(), default=float))["optimizer"] == "adam"


def test_a_run_keeps_its_divergence_threshold(tmp_path):
    """The threshold decides stop_reason, so the saved run carries it."""
    from adamdyn import simulate

    r = simulate("adam", steps=10, diverge_log10_loss=5.0)
    back = load_npz(r.save(tmp_path / "r.npz"))
    assert back.diverge_log10_loss == 5.0 and r.summary()["diverge_log10_loss"] == 5.0
