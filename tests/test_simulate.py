"""Trajectories: raw vs normalized, torch reference, rates, flags, io, bad input."""

import math

import numpy as np
import pytest

import adamdyn as ad


@pytest.mark.parametrize(
    "b1, b2, n",
    [(0.9, 0.999, 4.0), (0.9, 0.99, 3.5), (0.5, 0.9, 6.0), (0.0, 0.99, 4.0), (0.3, 0.6, 8.0)],
)
def test_raw_and_normalized_agree_where_raw_is_representable(b1, b2, n):
    raw = ad.simulate("adam", n=n, beta1=b1, beta2=b2, steps=4000, mode="raw")
    nor = ad.simulate("adam", n=n, beta1=b1, beta2=b2, steps=4000, mode="normalized")
    k = raw.steps_run + 1 if raw.underflow_step < 0 else raw.underflow_step
    assert k > 100
    a, b = raw.log10_loss[1:k], nor.log10_loss[1:k]
    np.testing.assert_allclose(b, a, rtol=1e-9)
    # the normalized state agrees too (u, lambda, coupling)
    np.testing.assert_allclose(nor.log10_lambda[:k], raw.log10_lambda[:k], rtol=1e-9, atol=1e-9)


def test_normalized_goes_far_below_float64_range():
    # n = 4, beta2 = 0.9: loss falls by 0.9 per step -> ~1e-458 after 10,000 steps
    r = ad.simulate("adam", n=4, beta1=0.9, beta2=0.9, steps=10000, mode="normalized")
    raw = ad.simulate("adam", n=4, beta1=0.9, beta2=0.9, steps=10000, mode="raw")
    assert r.stop_reason == "completed" and np.all(np.isfinite(r.log10_loss))
    assert r.final_log10_loss < -450
    assert raw.underflow_step > 0 and "underflow" in raw.stop_reason


def test_oscillating_regime_agrees_early_then_rounding_grows():
    # Regime III (beta1 > beta2^(3/4) at n = 4): SignGD-like oscillation is chaotic;
    # rounding differences between the modes grow, so compare the first steps only.
    raw = ad.simulate("adam", n=4, beta1=0.99, beta2=0.9, steps=3000, mode="raw")
    nor = ad.simulate("adam", n=4, beta1=0.99, beta2=0.9, steps=3000, mode="normalized")
    rel = np.abs(nor.log10_loss - raw.log10_loss) / np.maximum(np.abs(raw.log10_loss), 1e-300)
    agree = int(np.argmax(rel > 1e-9)) if np.any(rel > 1e-9) else len(rel)
    print(f"modes agree to 1e-9 for the first {agree} of {len(rel)} steps")
    assert agree >= 200


def test_regime_two_spikes_stay_finite_in_normalized_mode():
    # near beta1 = beta2 the effective curvature lambda grows enormous during spikes
    for b1, b2 in [(0.95, 0.95), (0.9, 0.89), (0.99, 0.99), (0.999, 0.99)]:
        r = ad.simulate("adam", n=4, beta1=b1, beta2=b2, steps=20000, mode="normalized", every=7)
        assert r.diverged or np.all(np.isfinite(r.log10_loss)), (b1, b2, r.stop_reason)


def test_adam_rule_matches_torch_optim_adam():
    torch = pytest.importorskip("torch", reason="torch not installed (pip install 'adamdyn[nn]')")
    x = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([x], lr=1e-2, betas=(0.9, 0.999), eps=1e-8)
    xs = [1.0]
    for _ in range(2000):
        opt.zero_grad()
        loss = (x.abs() ** 4).sum() / 4
        loss.backward()
        opt.step()
        xs.append(float(x.detach()))
    r = ad.simulate("adam", n=4, beta1=0.9, beta2=0.999, eps=1e-8, bias_correction=True, lr=1e-2,
                    steps=2000, mode="raw")
    np.testing.assert_allclose(r.x[:, 0], np.array(xs), rtol=1e-12)


def test_late_slope_equals_theory_rate():
    # THEORY.md sec. 3 [10]: log10 loss falls by (n/(2n-4)) log10(beta2) per step
    n, b2 = 4.0, 0.999
    r = ad.simulate("adam", n=n, beta1=0.9, beta2=b2, steps=40000, mode="normalized", every=10)
    late = r.step > 30000
    slope = np.polyfit(r.step[late], r.log10_loss[late], 1)[0]
    predicted = n / (2 * n - 4) * math.log10(b2)
    assert abs(slope / predicted - 1) < 0.005, (slope, predicted)


def test_signgd_stalls_at_the_step_size():
    lr = 0.01
    r = ad.simulate("signgd", n=4, lr=lr, x0=1.00037, steps=1000, mode="raw")
    late = np.abs(r.x[500:, 0])
    assert late.max() <= lr * (1 + 1e-9) and late.max() >= lr / 2


def test_gd_follows_the_power_law():
    # THEORY.md sec. 6: loss ~ t^(-n/(n-2)) for GD on |x|^n/n
    n = 4.0
    r = ad.simulate("gd", n=n, lr=0.1, steps=20000, mode="normalized", every=10)
    late = r.step >= 2000
    slope = np.polyfit(np.log10(r.step[late]), r.log10_loss[late], 1)[0]
    assert abs(slope / (-n / (n - 2)) - 1) < 0.01, slope


def test_npz_round_trip_without_pickle(tmp_path):
    r = ad.simulate("s3", n=3.5, beta=0.9, p=1.5, steps=50, mode="raw")
    path = r.save(tmp_path / "run.npz")
    with np.load(path, allow_pickle=False) as data:
        assert "__meta__" in data.files
    back = ad.load_npz(path)
    assert back.params == r.params and back.objective_params == r.objective_params
    assert back.mode == "raw" and back.steps == 50 and back.version == ad.__version__
    np.testing.assert_array_equal(back.log10_loss, r.log10_loss)
    np.testing.assert_array_equal(back.state["m"], r.state["m"])


def test_a_result_saved_before_its_module_moved_still_loads(tmp_path):
    """Files written before the restructure name the old module (``adamdyn.simulation``); a result type is found
    by its registered name, so they load unchanged."""
    import json

    r = ad.simulate("adam", n=4, steps=30)
    path = r.save(tmp_path / "run.npz")
    with np.load(path, allow_pickle=False) as data:
        files = {k: data[k] for k in data.files}
    meta = json.loads(str(files["__meta__"]))
    assert meta["__module__"] == "adamdyn.dynamics.simulation"
    meta["__module__"] = "adamdyn" + ".simulation"
    np.savez(tmp_path / "old.npz", **{**files, "__meta__": np.array(json.dumps(meta))})
    np.testing.assert_array_equal(ad.load_npz(tmp_path / "old.npz").log10_loss, r.log10_loss)


def test_load_rejects_foreign_npz(tmp_path):
    path = tmp_path / "foreign.npz"
    np.savez(path, a=np.arange(3))
    with pytest.raises(ValueError, match="not an adamdyn result"):
        ad.load_npz(path)
    (tmp_path / "trunc.npz").write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(ValueError, match="cannot read"):
        ad.load_npz(tmp_path / "trunc.npz")


def test_divergence_is_flagged_not_nan():
    r = ad.simulate("gd", n=4, lr=10.0, x0=2.0, steps=100, mode="raw")
    assert r.diverged and r.divergence_step >= 0 and "diverged" in r.stop_reason
    assert np.all(np.isfinite(r.log10_loss[:-1]))


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"n": 1.5}, "n=1.5 is out of range; valid range is [2, inf)"),
        ({"steps": 0}, "steps=0 is invalid"),
        ({"mode": "fast"}, "unknown mode 'fast'"),
        ({"objective": "rosenbrock"}, "unknown objective 'rosenbrock'"),
        ({"x0": float("nan")}, "x0=nan must be finite"),
        ({"gamma": 2}, "unknown parameter 'gamma'"),
        ({"n": 4, "stpes": 10}, "unknown parameter 'stpes'"),  # the typo named, not n (which sorts first)
        ({"x0": 0.0, "mode": "raw"}, "(x0 = 0 is the minimum itself)"),  # it used to report an underflow at step 0
        ({"objective": "mixed", "mode": "normalized"}, "needs the one-dimensional power objective"),
    ],
)
def test_bad_simulate_input(kwargs, fragment):
    with pytest.raises(ValueError) as err:
        ad.simulate("adam", **kwargs)
    assert fragment in str(err.value)


def test_other_objectives_run():
    m = ad.simulate("adam", objective="mixed", x0=[1.0, 1.0], steps=200)
    assert m.x.shape == (201, 2)
    s = ad.simulate("adam", objective="saddle", x0=-1e-6, lr=1.0, steps=50)
    assert s.objective_params == {"n": 7.0, "b": 1.0, "s": 0.5}


@pytest.mark.parametrize("v0", [1e-6, 0.3, 5.0])
def test_v0_agrees_between_modes(v0):
    raw = ad.simulate("adam", n=4, beta1=0.9, beta2=0.99, v0=v0, steps=1500, mode="raw")
    nor = ad.simulate("adam", n=4, beta1=0.9, beta2=0.99, v0=v0, steps=1500, mode="normalized")
    np.testing.assert_allclose(nor.log10_loss[1:], raw.log10_loss[1:], rtol=1e-9)


def test_s3_with_p_one_records_coupling():
    r = ad.simulate("s3", n=4, p=1.0, steps=100, mode="normalized")
    assert np.all(np.isfinite(r.log10_coupling)) and np.all(np.isfinite(r.u))


def test_infinite_parameters_are_refused():
    with pytest.raises(ValueError, match=r"lr=inf is out of range; valid range is \(0, inf\)"):
        ad.simulate("adam", lr=float("inf"))
    with pytest.raises(ValueError, match=r"n=inf is out of range"):
        ad.simulate("adam", n=float("inf"))


def test_unwritable_output_is_a_clear_error(tmp_path):
    r = ad.simulate("adam", steps=5)
    with pytest.raises(ValueError, match="cannot write"):
        r.save("/proc/adamdyn-test.npz")
    with pytest.raises(ValueError, match="does not exist"):
        r.save(tmp_path / "missing" / "x.npz")


def test_malformed_meta_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, __meta__=np.array('{"x": 1}'))
    with pytest.raises(ValueError, match="unreadable __meta__"):
        ad.load_npz(bad)
    np.savez(bad, __meta__=np.array('{"__type__": "Trajectory", "__module__": "adamdyn.dynamics.simulation"}'))
    with pytest.raises(ValueError, match="incomplete Trajectory"):
        ad.load_npz(bad)
    np.savez(bad, __meta__=np.array("not json"))
    with pytest.raises(ValueError, match="unreadable __meta__"):
        ad.load_npz(bad)


def test_saddle_loss_is_measured_above_its_minimum():
    """The saddle toy's f is negative near its minimum d (at x = 0): log10_loss is log10(f - d), finite, where
    it used to be NaN; near x = 0 it is x^2 exactly (f - d computed as written cancels to 0 there)."""
    from adamdyn.dynamics.objectives import get_objective

    r = ad.simulate("adam", objective="saddle", steps=50)
    obj = get_objective("saddle")
    assert np.isfinite(r.log10_loss).all() and r.stop_reason == "completed"
    expected = [np.log10(obj.value(x) - obj.minimum) for x in r.x]
    np.testing.assert_allclose(r.log10_loss, expected, rtol=1e-12)
    assert obj.excess(np.array([1e-9])) == 1e-18 and obj.value(np.array([1e-9])) - obj.minimum == 0.0
    assert obj.minimum == obj.d < 0 and get_objective("power").minimum == 0.0
