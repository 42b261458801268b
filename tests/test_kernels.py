"""Generated kernels: up to date with the rules, and equal to simulate() reductions."""

from __future__ import annotations

import numpy as np
import pytest

from adamdyn import simulate
from adamdyn.kernels import codegen, get_kernels
from adamdyn.rules import get_rule
from adamdyn.sweeps.phase import phase_diagram, run_points


def test_generated_source_is_up_to_date():
    with open(codegen.GENERATED_PATH, encoding="utf-8") as fh:
        committed = fh.read()
    assert committed == codegen.generate(), "run `python -m adamdyn.kernels.codegen` and commit the result"


def test_generated_header_names_the_command():
    with open(codegen.GENERATED_PATH, encoding="utf-8") as fh:
        head = fh.read(400)
    assert "GENERATED FILE" in head and codegen.COMMAND in head


def test_every_rule_variant_has_kernels():
    from adamdyn.rules import RULES

    for rule in RULES.values():
        for flags in codegen.variants(rule):
            raw, norm = get_kernels(rule, flags)
            assert raw.__name__.startswith("raw_") and norm.__name__.startswith("normalized_")


def _reference(tr, steps):
    y, t = tr.log10_loss, tr.step
    te = int(t[-1])
    b = max(1, -(-steps // 64))
    s0 = (int(0.8 * te) // b) * b
    # the kernels' late-slope estimator: samples every b steps in [s0, te) plus the last step
    m = ((t >= s0) & (t % b == 0) & (t < te)) | (t == te)
    slope = np.polyfit(t[m].astype(float) - s0, y[m], 1)[0]
    ymin = np.nanmin(y)
    run_min = np.minimum.accumulate(y)
    spikes = np.nonzero(y > run_min + 2.0)[0]
    return {
        "min_log10_loss": ymin,
        "final_log10_loss": y[-1],
        "max_log10_coupling": np.nanmax(tr.log10_coupling) if np.any(np.isfinite(tr.log10_coupling)) else np.nan,
        "late_slope": slope,
        "min_step": int(np.nanargmin(y)),
        "spike_step": int(t[spikes[0]]) if spikes.size else -1,
        "steps_run": tr.steps_run,
    }


# (optimizer, params, n, steps): points away from chaos, so raw float64 rounding does not grow
CASES = [
    ("adam", {"beta1": 0.9, "beta2": 0.999}, 4.0, 3000),
    ("adam", {"beta1": 0.5, "beta2": 0.9}, 4.0, 2000),
    ("adam", {"beta1": 0.9, "beta2": 0.95, "bias_correction": True}, 4.0, 2000),
    ("adam", {"beta1": 0.3, "beta2": 0.8}, 6.0, 1500),
    ("s3", {"beta": 0.9, "p": 2.0}, 4.0, 1500),
]


@pytest.mark.parametrize("mode", ["raw", "normalized"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[2]}")
def test_reductions_equal_simulate(case, mode):
    name, params, n, steps = case
    rule = get_rule(name)
    p = rule.make_params(**params)
    flags = {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}
    cols = np.array([[getattr(p, q.name) for q in rule.params if q.kind == "float"] + [n]])
    red = run_points(rule, flags, cols, steps=steps, mode=mode)
    tr = simulate(name, n=n, steps=steps, mode=mode, **params)
    ref = _reference(tr, steps)
    for key, want in ref.items():
        got = red[key][0]
        if isinstance(want, int):
            assert got == want, (key, got, want)
        else:
            np.testing.assert_allclose(got, want, rtol=0, atol=1e-12 * max(1.0, abs(want)), err_msg=key)


def test_raw_flags_gradient_power_underflow_like_simulate():
    """n = 6: |g|^2 = |x|^10 underflows long before the loss; stable points stop as underflow, not divergence."""
    rule = get_rule("adam")
    flags = {"eps_inside": False, "bias_correction": False}
    pts = [(0.01, 0.01), (0.4338571428571429, 0.4338571428571429), (0.2925714285714286, 0.7164285714285714)]
    cols = np.array([[1e-2, b1, b2, 0.0, 0.0, 6.0] for b1, b2 in pts])
    red = run_points(rule, flags, cols, steps=3000, mode="raw")
    for k, (b1, b2) in enumerate(pts):
        tr = simulate("adam", n=6.0, beta1=b1, beta2=b2, steps=3000, mode="raw")
        assert tr.underflow_step > 0 and not tr.diverged, tr.stop_reason
        assert red["divergence_step"][k] == -1
        assert red["underflow_step"][k] == tr.underflow_step
        assert red["steps_run"][k] == tr.steps_run
        np.testing.assert_allclose(red["min_log10_loss"][k], tr.min_log10_loss, rtol=1e-12)


# (rule, params): stable points of every rule. Not Regime III / SignGD-like points: there the
# minimum loss is the closest approach of an oscillation to 0, set by the last bits of rounding.
FAST_CASES = [
    ("adam", {"beta1": 0.5, "beta2": 0.9}), ("adam", {"beta1": 0.3, "beta2": 0.99}),
    ("adam", {"beta1": 0.8, "beta2": 0.95, "eps": 1e-8, "bias_correction": True}),
    ("adam", {"beta1": 0.8, "beta2": 0.95, "eps": 1e-8, "eps_inside": True, "v0": 1e-6}),
    ("rmsprop", {"beta2": 0.9}), ("adabelief", {"beta1": 0.5, "beta2": 0.9}),
    ("adamomentum", {"beta1": 0.5, "beta2": 0.9, "bias_correction": True}),
    ("gd", {"lr": 0.1}), ("momentum", {"beta": 0.5, "lr": 0.05}), ("momentum", {"beta": 0.5, "ema": True}),
    ("signgd", {"lr": 0.03}), ("s3", {"beta": 0.9, "p": 2.0}),
    ("s3", {"beta": 0.5, "p": 1.5, "nesterov": False}, (6.0,)),  # non-integer powers (spiky at n = 4)
]


@pytest.mark.parametrize("case", FAST_CASES, ids=lambda c: c[0])
def test_fast_normalized_step_equals_sign_log_step(case):
    """The fast scaled-float scheme (TAIL empty) and the sign/log scheme (TAIL requested) agree."""
    name, params, ns = (*case, (4.0, 6.0))[:3]
    rule = get_rule(name)
    p = rule.make_params(**params)
    flags = {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}
    cols = np.array([[getattr(p, q.name) for q in rule.params if q.kind == "float"] + [n] for n in ns])
    fast = run_points(rule, flags, cols, steps=3000, mode="normalized")
    slow = run_points(rule, flags, cols, steps=3000, mode="normalized", tail=1)
    for key in ("min_log10_loss", "final_log10_loss", "max_log10_coupling", "late_slope"):
        np.testing.assert_allclose(fast[key], slow[key], rtol=1e-9, atol=1e-12, err_msg=key)
    for key in ("steps_run", "divergence_step", "underflow_step"):
        np.testing.assert_array_equal(fast[key], slow[key], err_msg=key)


def test_user_registered_rule_gets_generated_kernels(tmp_path, monkeypatch):
    """A rule registered at run time is swept by kernels generated for it (here: a copy of Adam)."""
    from adamdyn.rules import RULES, Rule, register
    from adamdyn.rules.adam import BETA1
    from adamdyn.rules.gd import LR
    from adamdyn.rules.rmsprop import BETA2

    def init(g, p, B):
        return (0.0 * g, 0.0 * g)

    def update(state, g, t, p, B):
        m, v = state
        m = p.beta1 * m + (1 - p.beta1) * g
        v = p.beta2 * v + (1 - p.beta2) * (g * g)
        return (m, v), m / B.sqrt(v)

    monkeypatch.setenv("ADAMDYN_CACHE_DIR", str(tmp_path))
    rule = Rule(name="adamcopy", summary="Adam, re-typed", equations="", params=(LR, BETA1, BETA2),
                state=("m", "v"), init=init, update=update, degrees=lambda p: (1, 2), direction_degree=0,
                scale=lambda s, g, p, B: B.sqrt(s[1]), reference="test")
    register(rule)
    try:
        g = np.linspace(0.1, 0.95, 4)
        for mode in ("raw", "normalized"):
            a = phase_diagram("adamcopy", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=300, mode=mode)
            b = phase_diagram("adam", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=300, mode=mode)
            np.testing.assert_array_equal(a.min_log10_loss, b.min_log10_loss)
        assert list((tmp_path / "kernels").glob("adamdyn_user_kernels_adamcopy_*.py"))
    finally:
        RULES.pop("adamcopy", None)


def test_normalized_point_does_not_depend_on_its_lane_neighbours():
    """The normalized kernels step blocks of NLANE points together, and a block skips its frame pass
    when no point needs it: every point must still get exactly the numbers it gets alone (mixed n,
    eps = 0 and eps > 0, all three regimes, more points than one block)."""
    from adamdyn.kernels._slog import NLANE
    from adamdyn.sweeps.bench import bench_columns

    rule = get_rule("adam")
    flags = {"eps_inside": False, "bias_correction": False}
    rows = []
    for k, (b1, b2) in enumerate([(0.5, 0.9), (0.9, 0.999), (0.2, 0.3), (0.95, 0.5), (0.7, 0.99), (0.1, 0.9)]):
        for eps, n in ((0.0, 4.0), (1e-8 if k % 2 else 0.0, (3.0, 4.5, 6.0)[k % 3])):
            rows.append([1e-2, b1, b2, eps, 0.0, n])
    # first, rows 40-55 of the 48 x 48 benchmark grid: row 49 (beta1 = beta2 = 0.031) falls back from the fast
    # step to sign/log form; with lanes of 8 it shares a block with rows 48-55, where a fallback that read log
    # Lambda left over from another point (fixed in 6c34534) got 858 deep steps instead of 1155
    cols = np.concatenate([bench_columns(48)[40:56], np.array(rows)])
    assert len(cols) > NLANE
    together = run_points(rule, flags, cols, steps=2000, mode="normalized")
    for i in range(len(cols)):
        alone = run_points(rule, flags, cols[i:i + 1], steps=2000, mode="normalized")
        for key, v in alone.items():
            if key != "tail":
                np.testing.assert_array_equal(together[key][i], v[0], err_msg=f"{key} of point {i} ({cols[i]})")
