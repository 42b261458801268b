"""adamdyn.dynamics.reductions: one late window and one fitted slope, the sweep kernels' ``late_slope`` included."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from adamdyn import simulate
from adamdyn.dynamics.reductions import RATE_LATE_FRACTION, SWEEP_LATE_FRACTION, fit_slope, late_slope, late_window
from adamdyn.kernels import _slog, codegen, rule_module
from adamdyn.rules import get_rule
from adamdyn.sweeps import regimes
from adamdyn.sweeps.phase import run_points

RTOL = 1e-9


def traj(step, y, steps_run=None):
    step = np.asarray(step)
    return SimpleNamespace(step=step, log10_loss=np.asarray(y, float),
                           steps_run=int(step[-1]) if steps_run is None else steps_run)


def close(a, b, rtol=RTOL):
    return abs(a - b) <= rtol * abs(b)


# ------------------------------------------------------------------ the window and the fit

def test_fit_slope_is_least_squares_on_finite_points():
    rng = np.random.default_rng(0)
    x = np.arange(50.0)
    y = 3.0 - 0.25 * x + rng.normal(0, 1e-3, x.size)
    y_nan = y.copy()
    y_nan[[3, 17]] = [np.nan, -np.inf]
    ok = np.isfinite(y_nan)
    assert fit_slope(x, y_nan) == pytest.approx(np.polyfit(x[ok], y[ok], 1)[0], rel=1e-12)
    assert np.isnan(fit_slope([1.0], [2.0])) and np.isnan(fit_slope([1.0, 2.0], [np.nan, 1.0]))


def test_window_starts_at_the_last_step_at_or_before_the_start():
    """Steps recorded every 10, T = 1234: (1 - 0.2) T = 987.2, so the window is 980, 990, ..., 1230, 1234."""
    step = np.r_[np.arange(0, 1234, 10), 1234]
    w = late_window(traj(step, np.zeros(step.size)), 0.2)
    assert step[w][0] == 980 and step[w][-1] == 1234 and w.sum() == 27
    w = late_window(traj(np.arange(1001), np.zeros(1001)), 0.2)  # on a recorded step: [800, 1000]
    assert np.arange(1001)[w][0] == 800 and w.sum() == 201


def test_late_slope_sees_only_its_window():
    """Loss falling 1 decade/step, then 3 after step 700 of 1000: the last fifth sees -3, the second half a mix."""
    t = np.arange(1001)
    y = np.where(t < 700, -1.0 * t, -700.0 - 3.0 * (t - 700))
    assert late_slope(traj(t, y), SWEEP_LATE_FRACTION) == pytest.approx(-3.0, rel=1e-12)
    half = late_slope(traj(t, y), RATE_LATE_FRACTION)
    assert -3.0 < half < -1.0
    with pytest.raises(AssertionError):  # a window reaching back before the break is caught
        assert late_slope(traj(t, y), 0.35) == pytest.approx(-3.0, rel=1e-9)


@pytest.mark.parametrize("frac", [0.0, -0.1, 1.5, float("nan"), "a", None])
def test_bad_fraction_is_refused(frac):
    with pytest.raises(ValueError, match=r"frac=.*outside \(0, 1\].*Fix: pass"):
        late_window(traj(np.arange(10), np.zeros(10)), frac)


# ------------------------------------------------------------------ the kernels use the same window

def test_one_window_constant():
    assert regimes.LATE_FRACTION is SWEEP_LATE_FRACTION
    assert rule_module(get_rule("adam")).LATE_FRACTION == SWEEP_LATE_FRACTION


def test_generated_kernels_change_with_the_constant(monkeypatch):
    """The kernels carry the constant in their text: a changed window means a new module file (named by the hash
    of the text), so neither the old module nor numba's cache of it is used."""
    current = codegen.generate(get_rule("adam"))
    monkeypatch.setattr(codegen, "SWEEP_LATE_FRACTION", 0.25)
    text = codegen.generate(get_rule("adam"))
    assert text != current and "LATE_FRACTION = 0.25\n" in text


@pytest.mark.parametrize("frac", [SWEEP_LATE_FRACTION, RATE_LATE_FRACTION, 0.37, 1.0])
@pytest.mark.parametrize("t_end", [1234, 1280, 999, 7])
def test_kernel_estimator_is_late_slope_on_its_samples(frac, t_end):
    """The kernels' ``_sampled_slope`` on samples every ``b`` steps equals :func:`late_slope` on the same points."""
    rng = np.random.default_rng(t_end)
    b = max(1, -(-t_end // 64))
    Y = np.full(t_end // b + 2, np.nan)
    Y[: (t_end - 1) // b + 1] = rng.normal(size=(t_end - 1) // b + 1).cumsum()
    y_end = -5.0
    step = np.r_[np.arange(0, t_end, b), t_end]
    tr = traj(step, np.r_[Y[: step.size - 1], y_end])
    got = _slog._sampled_slope(Y, b, t_end, y_end, frac, False)
    assert close(got, late_slope(tr, frac), 1e-11)
    if frac < 1.0:  # a different window gives a different number
        assert not close(got, late_slope(tr, frac + 0.1), 1e-6)


# (optimizer, params, n, steps): stable points; 1234 and 777 steps put (1 - 0.2) T between two samples,
# and the slow Adam point is still bending there, so a window one sample short changes its slope by ~3e-3
CASES = [
    ("adam", {"beta1": 0.9, "beta2": 0.999}, 4.0, 1234),
    ("adam", {"beta1": 0.5, "beta2": 0.9}, 6.0, 2550),
    ("s3", {"beta": 0.7, "p": 2.0}, 4.0, 777),
]


def kernel_and_simulated(case, mode, **perturb):
    name, params, n, steps = case
    rule = get_rule(name)
    p = rule.make_params(**params)
    flags = {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}
    cols = np.array([[getattr(p, q.name) for q in rule.params if q.kind == "float"] + [n]])
    kernel = run_points(rule, flags, cols, steps=steps, mode=mode)["late_slope"][0]
    b = -(-steps // 64)  # the kernels' sample spacing
    tr = simulate(name, n=n, steps=steps, every=b, mode=mode, **(params | perturb))
    return kernel, tr


@pytest.mark.parametrize("mode", ["raw", "normalized"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[3]}")
def test_kernel_late_slope_equals_reductions(case, mode):
    kernel, tr = kernel_and_simulated(case, mode)
    assert tr.steps_run == case[3]
    assert close(kernel, late_slope(tr, SWEEP_LATE_FRACTION)), (kernel, late_slope(tr, SWEEP_LATE_FRACTION))


def test_kernel_check_fails_on_a_wrong_window_or_simulator():
    """The same comparison fails with the window starting one sample later (the first step at or after
    0.8 T), with a wider window, and against a perturbed run (beta2 0.999 -> 0.9991)."""
    case = CASES[0]
    kernel, tr = kernel_and_simulated(case, "raw")
    step = tr.step.astype(float)
    later = step >= (1 - SWEEP_LATE_FRACTION) * tr.steps_run
    assert not close(kernel, fit_slope(step[later], tr.log10_loss[later]))
    assert not close(kernel, late_slope(tr, 0.25))
    _, off = kernel_and_simulated(case, "raw", beta2=0.9991)
    assert not close(kernel, late_slope(off, SWEEP_LATE_FRACTION))
