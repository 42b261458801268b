"""Phase sweeps: determinism, cache reuse, .npz round trip, bad input, regimes vs theory."""

from __future__ import annotations

import subprocess
import sys

import numba
import numpy as np
import pytest

import adamdyn.sweeps  # noqa: F401  (registers PhaseDiagram for load_npz)
from adamdyn import load_npz
from adamdyn.sweeps import PhaseDiagram, phase_diagram

GRID = np.linspace(0.01, 0.999, 12)


@pytest.mark.parametrize("mode", ["raw", "normalized"])
def test_thread_determinism(mode):
    axes = {"beta1": GRID, "beta2": GRID}
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = phase_diagram("adam", axes, {"lr": 1e-2}, steps=1500, mode=mode)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = phase_diagram("adam", axes, {"lr": 1e-2}, steps=1500, mode=mode)
    finally:
        numba.set_num_threads(before)
    for name in ("min_log10_loss", "final_log10_loss", "max_log10_coupling", "late_slope", "spike_step",
                 "steps_run", "deep_steps"):
        np.testing.assert_array_equal(getattr(one, name), getattr(two, name), err_msg=name)


def test_every_cell_finite_or_flagged_near_beta1_eq_beta2():
    b2 = np.linspace(0.5, 0.99, 16)
    pd = phase_diagram("adam", {"beta1": b2 + 1e-3, "beta2": b2}, {"lr": 1e-2}, steps=4000)
    ok = np.isfinite(pd.final_log10_loss) | pd.diverged | pd.underflowed
    assert ok.all()
    assert np.nanmin(pd.min_log10_loss) < -308  # far below float64's range, exact in log space


def test_npz_round_trip_keeps_every_parameter(tmp_path):
    pd = phase_diagram("adam", {"beta2": [0.5, 0.9], "n": [4.0, 6.0]},
                       {"beta1": 0.3, "lr": 2e-2, "bias_correction": True}, steps=500, mode="raw")
    path = pd.save(tmp_path / "phase.npz")
    back = load_npz(path, PhaseDiagram)
    assert back.params == pd.params and back.params["bias_correction"] is True and back.params["lr"] == 2e-2
    assert back.axis_names == ["beta2", "n"] and back.version == pd.version and back.threads == pd.threads
    for name in ("axis0", "axis1", "min_log10_loss", "regime_observed", "spike_step", "spectral_radius"):
        np.testing.assert_array_equal(getattr(back, name), getattr(pd, name))


@pytest.mark.parametrize(
    "kwargs, text",
    [
        (dict(axes={"beta1": [1.5]}), "out of range"),
        (dict(axes={"gamma": [0.1]}), "valid axes are"),
        (dict(axes={"bias_correction": [0, 1]}), "compile-time"),
        (dict(axes={"beta1": [0.1]}, steps=0), "steps=0"),
        (dict(axes={"beta1": [0.1]}, mode="fast"), "valid modes"),
        (dict(axes={"beta1": [0.1]}, x0=0.0), "x0=0.0"),
        (dict(axes={"beta1": [0.1]}, x0=0.0, mode="raw"), "x0=0.0"),  # raw too: 0 is the minimum itself
        (dict(axes={"beta1": [0.1]}, fixed={"beta1": 0.2}), "both an axis and fixed"),
        (dict(axes={"n": [1.0]}), "out of range"),
        (dict(axes={"a": [1], "b": [2], "c": [3]}), "one or two"),
    ],
)
def test_bad_input_names_value_range_and_fix(kwargs, text):
    with pytest.raises(ValueError, match=text) as info:
        phase_diagram("adam", **kwargs)
    assert "Fix" in str(info.value) or "valid" in str(info.value)


def test_cache_reuse_in_fresh_process():
    code = (
        "import numpy as np; from adamdyn.sweeps import phase_diagram;"
        "from adamdyn.kernels import get_kernels; from adamdyn.rules import get_rule;"
        "k = get_kernels(get_rule('adam'), {'eps_inside': False, 'bias_correction': False})[1];"
        "phase_diagram('adam', {'beta1': [0.5]}, steps=10);"
        "print(len(k.stats.cache_hits), len(k.stats.cache_misses))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    assert int(out[0]) >= 1 and int(out[1]) == 0, out


def _theory_n4(B1, B2):
    """THEORY.md §4 at n = 4 (the oracle for the symbolic engine's labels outside the lower-left corner)."""
    return np.where(B1 < B2, 1, np.where(B1 < B2 ** 0.75, 2, 3))


def test_observed_regimes_agree_with_theory_128():
    g = np.linspace(0.01, 0.999, 128)
    pd = phase_diagram("adam", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=3000)
    B1, B2 = np.meshgrid(g, g, indexing="ij")
    theory = pd.regime_theory
    assert theory.any(), pd.theory_note
    far = np.minimum(np.abs(B1 - B2), np.abs(B1 - B2 ** 0.75)) > 0.01
    corner = B2 < 1 / 16
    # points exactly on beta1 = beta2 sit on the boundary, where rounding decides; compare off it
    assert np.array_equal(theory[far & ~corner], _theory_n4(B1, B2)[far & ~corner])
    main = far & ~corner
    obs = pd.regime_observed
    agree = float(np.mean(obs[main] == theory[main]))
    stable = float(np.mean((obs[main] == 1) == (theory[main] == 1)))
    non_i = main & (theory != 1) & (obs != 1) & (obs != 0)
    two_three = float(np.mean(obs[non_i] == theory[non_i]))
    agree_corner = float(np.mean(obs[far & corner] == theory[far & corner]))
    print(f"all labels {100 * agree:.1f}%; stable (I) vs not {100 * stable:.1f}%; II vs III {100 * two_three:.1f}%; "
          f"lower-left corner {100 * agree_corner:.1f}%")
    bad = main & ((obs == 1) != (theory == 1))
    if bad.any():
        print(f"stability disagreements: beta1 in [{B1[bad].min():.3f}, {B1[bad].max():.3f}], "
              f"beta2 in [{B2[bad].min():.3f}, {B2[bad].max():.3f}]")
    # Thm 4.1's stability boundary is observed to the issue's 97% bar (measured 98.3%; the misses are slow
    # beta2 >= 0.99 points whose 3000 steps cover too few decades).
    assert stable >= 0.97
    # The II/III split is NOT observed to that bar (measured 72.7% of non-I points, 85.7% of all labels), and from
    # x0 = 1 it cannot be: in Regime II both eigenvalues of the fixed point's Jacobian in (u, lambda) have modulus
    # > 1 (only z contracts), so the point repels and the orbit never comes near it (closest approach
    # max(|ln u/u*|, |ln lambda/lambda*|) never below 0.1 over 3000 steps on the 821 far-from-boundary Regime II
    # points of this grid; tests/test_regime_two_repeller.py derives and checks this). Both regimes start with a
    # descent below the SignGD floor and then show the same floor-bound sawtooth of short linear phases and
    # spikes; Regime III's first spike comes earlier (median step 84 vs 108) but the distributions of every
    # reduction overlap. A first-zero-crossing rule with threshold c * x0 / lr steps was measured and rejected as
    # a knife edge: 95.9% at c = 1, 73.5% at c = 0.9, 89.1% at c = 1.1. The floors below record the measured
    # state, not the target.
    assert two_three >= 0.70
    assert agree >= 0.84


def test_observed_labels_ignore_a_broken_theory_and_the_slope_check_flags_it(monkeypatch):
    """Labels come from the trajectory alone: a wrong predicted rate leaves them unchanged, while the separate
    slope check (slope_error / slope_matches_theory) catches it; a perturbed observed slope is caught too."""
    import adamdyn.theory as S
    from adamdyn.sweeps.regimes import slope_check

    axes, fixed = {"beta1": GRID, "beta2": GRID}, {"lr": 1e-2, "n": 4}
    good = phase_diagram("adam", axes, fixed, steps=3000)
    obs1 = good.regime_observed == 1
    assert obs1.sum() >= 40 and good.slope_matches_theory[obs1].all(), np.nanmax(np.abs(good.slope_error[obs1]))
    true_rate = S.rate
    monkeypatch.setattr(S, "rate", lambda *a, **k: np.asarray(true_rate(*a, **k), float) ** 1.3)  # wrong rho*
    bad = phase_diagram("adam", axes, fixed, steps=3000)
    np.testing.assert_array_equal(bad.regime_observed, good.regime_observed)
    np.testing.assert_array_equal(bad.late_slope, good.late_slope)
    assert not bad.slope_matches_theory[obs1].any()
    # predicted slope 1.3x the observed one (both < 0): error (s - 1.3 s) / |1.3 s| = 0.3 / 1.3
    np.testing.assert_allclose(bad.slope_error[obs1], 0.3 / 1.3, atol=0.02)
    # a broken simulator (late slope off by 20%) fails the same check against the true theory
    _, ok = slope_check(good.late_slope * 1.2, good.predicted_slope, good.labelling["slope_rtol"])
    assert not ok[obs1].any()
    d = good.summary()
    np.testing.assert_array_equal(d["slope_matches_theory"], good.slope_matches_theory)
    assert "slope_rtol" in d["labelling"] and "fall_decades" in d["labelling"]


def test_label_rule_reads_the_reductions_only():
    from adamdyn.sweeps import label_regimes

    #            min    final  slope   spike div  under deep  run
    cells = [(-300.0, -300.0, -0.10, -1, -1, -1, 2000, 3000),  # deep, falls 60 decades late, no spike -> I
             (-300.0, -300.0, -0.001, -1, -1, -1, 2000, 3000),  # deep but the late window falls 0.6 decade -> II
             (-300.0, -250.0, -0.10, 900, -1, -1, 2000, 3000),  # spike -> II
             (-20.0, -9.0, 0.0, 50, -1, -1, 100, 3000),  # never deep -> III
             (10.0, 60.0, 0.5, -1, 40, -1, 0, 40)]  # diverged -> 0
    cols = [np.array(c) for c in zip(*cells)]
    np.testing.assert_array_equal(label_regimes(*cols), [1, 2, 2, 3, 0])


def test_acceleration_map_lyapunov_and_first_period_doubling():
    from adamdyn.sweeps.bifurcation import bifurcation

    low = bifurcation("acceleration", values=np.linspace(1.5, 3.9, 25), n=4, transient=3000, keep=100)
    assert np.all(low.lyapunov < 0)
    above = bifurcation("acceleration", values=[4.1, 4.2], n=4, transient=5000, keep=64)
    for orbit in above.orbit:
        assert len(set(np.round(orbit, 8))) == 2 and np.allclose(orbit[:-2], orbit[2:], atol=1e-10)
    a = np.linspace(3.8, 4.2, 801)
    scan = bifurcation("acceleration", values=a, n=4, transient=5000, keep=16)
    period2 = np.array([np.ptp(o) > 1e-6 for o in scan.orbit])
    first = a[np.argmax(period2)]
    assert abs(first - 4.0) <= 0.04, first


def test_bifurcation_npz_and_optimizer(tmp_path):
    from adamdyn.sweeps.bifurcation import Bifurcation, bifurcation

    b = bifurcation("adam", param="beta2", values=[0.3, 0.5], fixed={"beta1": 0.1}, transient=500, keep=8)
    assert b.orbit.shape == (2, 8) and np.all(np.isfinite(b.orbit))
    back = load_npz(b.save(tmp_path / "b.npz"), Bifurcation)
    np.testing.assert_array_equal(back.orbit, b.orbit)
    with pytest.raises(ValueError, match="Fix"):
        bifurcation("acceleration", param="beta", values=[1.0])


def test_bench_json_has_the_issue_keys_and_counts_only_iterated_updates(capsys):
    """`adamdyn bench --json` reports the issue's keys (C references included when gcc exists)."""
    import json
    import shutil

    from adamdyn.cli import main

    assert main(["bench", "--grid", "8", "--steps", "40", "--repeat", "2", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    for key in ("raw_updates_per_s", "normalized_updates_per_s", "numpy_updates_per_s", "threads", "grid", "steps",
                "machine"):
        assert key in r, key
    assert r["grid"] == 8 and r["steps"] == 40 and r["repeat"] == 2
    assert r["raw_updates_per_s"] > 0 and r["normalized_updates_per_s"] > 0 and r["numpy_updates_per_s"] > 0
    c_keys = [k for k in r if k.startswith("c_") and k.endswith("_updates_per_s")]
    assert len(c_keys) == 12  # 3 builds x 4 sweeps
    if shutil.which("gcc"):
        assert all(r[k] > 0 for k in c_keys), {k: r[k] for k in c_keys}
    assert main(["bench", "--repeat", "0"]) == 2
    assert "--repeat 0" in capsys.readouterr().err
