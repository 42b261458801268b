"""Lyapunov exponents of the acceleration map: their own converged window, a batch-means standard error
that covers an independent long run, known exponents, and checks that fail on a broken input."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from adamdyn import load_npz
from adamdyn.sweeps.bifurcation import LYAP_BLOCKS, LYAP_STEPS, Bifurcation, bifurcation


def h(alpha, n):
    """The acceleration map, written here from its definition S' = alpha S |1 - S|^(n-2)."""
    return lambda s: alpha * s * np.abs(1.0 - s) ** (n - 2.0)


def fixed_point_exponent(alpha, n, hmap=h, eps=1e-6):
    """ln|h'(S*)| at S* = 1 - alpha^(-1/(n-2)), h' by central differences of the map itself."""
    s = 1.0 - alpha ** (-1.0 / (n - 2.0))
    f = hmap(alpha, n)
    assert abs(f(s) - s) < 1e-12  # S* is a fixed point of the map we differentiate
    return math.log(abs((f(s + eps) - f(s - eps)) / (2 * eps)))


def agrees(value, stderr, reference, ref_stderr=0.0, *, z=4.0, atol=1e-7):
    """The check every test below applies: |value - reference| within z combined standard errors (+ atol)."""
    return bool(np.isfinite(value) and abs(value - reference) <= z * math.hypot(stderr, ref_stderr) + atol)


def orbit_exponent(orbit, alpha, n, deriv):
    """Independent numpy estimate: mean of log|deriv(S_t)| along a stored orbit, batch-means error."""
    logs = np.log(np.abs(deriv(orbit, alpha, n)))
    blocks = np.array([b.mean() for b in np.array_split(logs, LYAP_BLOCKS)])
    return float(logs.mean()), float(blocks.std(ddof=1) / math.sqrt(LYAP_BLOCKS))


def true_deriv(s, alpha, n):
    d = 1.0 - s
    return alpha * np.abs(d) ** (n - 3.0) * (np.abs(d) - (n - 2.0) * s * np.sign(d))


def wrong_deriv(s, alpha, n):  # the sign(1 - S) factor dropped: right for S < 1, wrong past it
    d = 1.0 - s
    return alpha * np.abs(d) ** (n - 3.0) * (np.abs(d) - (n - 2.0) * s)


@pytest.mark.parametrize("n, alphas", [(4.0, (1.5, 2.0, 3.0, 3.5)), (6.0, (1.5, 3.0, 4.5)), (4.5, (1.5, 3.0, 4.0))])
def test_exponent_below_first_doubling_is_ln_h_prime_at_the_fixed_point(n, alphas):
    b = bifurcation("acceleration", values=list(alphas), n=n, transient=2000, keep=4, lyap_steps=20_000)
    for a, ly, se in zip(alphas, b.lyapunov, b.lyapunov_stderr):
        ref = fixed_point_exponent(a, n)
        assert ref < 0 and agrees(ly, se, ref), (n, a, ly, se, ref)
        # a wrong theory (h'(S*) = 1 - (n-1) S*/(1-S*), n - 1 in place of n - 2) must fail the same check
        star = 1.0 - a ** (-1.0 / (n - 2.0))
        wrong = math.log(abs(1.0 - (n - 1.0) * star / (1.0 - star)))
        assert not agrees(ly, se, wrong), (n, a, ly, wrong)


def test_n3_alpha4_is_the_logistic_map_with_exponent_ln2():
    # n = 3, alpha = 4: S' = 4 S |1 - S| = 4 S (1 - S) on [0, 1], the logistic map at r = 4 (exponent ln 2)
    b = bifurcation("acceleration", values=[4.0], n=3, transient=1000, keep=LYAP_STEPS, lyap_steps=LYAP_STEPS)
    ly, se = b.lyapunov[0], b.lyapunov_stderr[0]
    assert 0 < se < 0.01 and agrees(ly, se, math.log(2.0)), (ly, se)
    # independent estimate along the stored orbit (numpy, true derivative; the kernel's window shifted by a step)
    good, good_se = orbit_exponent(b.orbit[0], 4.0, 3.0, true_deriv)
    assert agrees(good, good_se, ly, se), (good, ly)
    # ... and on an orbit that visits S > 1, the same estimate with a wrong derivative (sign dropped) fails
    a = 7.5  # at n = 4, alpha = 7.5 the chaotic orbit visits S > 1, where the dropped sign matters
    c = bifurcation("acceleration", values=[a], n=4, transient=1000, keep=LYAP_STEPS, lyap_steps=LYAP_STEPS)
    orbit = c.orbit[0]
    assert np.any(orbit > 1)
    good, good_se = orbit_exponent(orbit, a, 4.0, true_deriv)
    bad, bad_se = orbit_exponent(orbit, a, 4.0, wrong_deriv)
    assert agrees(good, good_se, c.lyapunov[0], c.lyapunov_stderr[0]), (good, c.lyapunov[0])
    assert not agrees(bad, bad_se, c.lyapunov[0], c.lyapunov_stderr[0]), (bad, c.lyapunov[0])


def test_exponent_does_not_depend_on_keep():
    one = bifurcation("acceleration", values=[5.5, 6.0, 7.0], n=4, keep=20, lyap_steps=20_000)
    two = bifurcation("acceleration", values=[5.5, 6.0, 7.0], n=4, keep=5000, lyap_steps=20_000)
    np.testing.assert_array_equal(one.lyapunov, two.lyapunov)
    np.testing.assert_array_equal(one.lyapunov_stderr, two.lyapunov_stderr)
    np.testing.assert_array_equal(one.orbit, two.orbit[:, :20])  # the plotted orbit is the same run


def test_standard_error_covers_an_independent_long_run_at_alpha_6():
    b = bifurcation("acceleration", values=[6.0], n=4)  # defaults: lyap_steps = LYAP_STEPS
    ref = bifurcation("acceleration", values=[6.0], n=4, s0=0.3, keep=4, lyap_steps=2_000_000)
    ly, se, r, rse = b.lyapunov[0], b.lyapunov_stderr[0], ref.lyapunov[0], ref.lyapunov_stderr[0]
    assert b.lyap_steps == LYAP_STEPS and 0 < se < 0.005 and rse < se
    assert agrees(ly, se, r, rse, z=3.0), (ly, se, r, rse)
    # what `--keep 200` used to report (the average over the 200 plotted steps), judged at the stated error: fails
    short = bifurcation("acceleration", values=[6.0], n=4, keep=4, lyap_steps=200).lyapunov[0]
    assert not agrees(short, se, r, rse, z=3.0), (short, r)
    # a perturbed simulator (alpha off by 1%) fails too
    off = bifurcation("acceleration", values=[6.06], n=4)
    assert not agrees(off.lyapunov[0], off.lyapunov_stderr[0], r, rse, z=3.0), (off.lyapunov[0], r)


def test_stated_error_matches_the_spread_over_starts():
    starts = np.linspace(0.05, 0.6, 16)
    runs = [bifurcation("acceleration", values=[6.0], n=4, keep=4, lyap_steps=20_000, s0=s) for s in starts]
    values = np.array([r.lyapunov[0] for r in runs])
    stated = np.mean([r.lyapunov_stderr[0] for r in runs])
    assert 0.5 < values.std(ddof=1) / stated < 2.0, (values.std(ddof=1), stated)


def test_escaped_orbit_and_lyapunov_off_give_nan():
    b = bifurcation("acceleration", values=[6.0, 12.0], n=4, keep=10, lyap_steps=1000)
    assert np.isfinite(b.lyapunov[0]) and np.isnan(b.lyapunov[1]) and np.isnan(b.lyapunov_stderr[1])
    assert not np.all(np.isfinite(b.orbit[1]))
    off = bifurcation("acceleration", values=[6.0], n=4, keep=10, lyapunov=False)
    assert off.lyap_steps == 0 and np.isnan(off.lyapunov).all() and np.isnan(off.lyapunov_stderr).all()


@pytest.mark.parametrize("bad", [0, 10, 63, 1.5, True, "100"])
def test_bad_lyap_steps_names_value_range_and_fix(bad):
    with pytest.raises(ValueError, match=r"lyap_steps=.*valid range is integers >= 64\. Fix: pass lyap_steps="):
        bifurcation("acceleration", values=[6.0], lyap_steps=bad)


def test_npz_and_json_carry_the_error_and_the_window(tmp_path, capsys):
    from adamdyn.cli import main

    b = bifurcation("acceleration", values=[3.0, 6.0], n=4, keep=8, lyap_steps=5000)
    back = load_npz(b.save(tmp_path / "b.npz"), Bifurcation)
    assert back.lyap_steps == 5000 and back.lyap_blocks == LYAP_BLOCKS and back.keep == 8
    np.testing.assert_array_equal(back.lyapunov_stderr, b.lyapunov_stderr)
    assert main(["bifurcation", "--param", "alpha=6:6:1", "--lyapunov", "--lyap-steps", "5000", "--keep", "8",
                 "--json", "--out", str(tmp_path / "c.npz")]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["lyap_steps"] == 5000 and d["lyap_blocks"] == LYAP_BLOCKS and len(d["lyapunov_stderr"]) == 1
    assert d["lyapunov"][0] == pytest.approx(b.lyapunov[1], abs=0) and d["lyapunov_stderr"][0] > 0
    assert load_npz(tmp_path / "c.npz", Bifurcation).lyap_steps == 5000


def test_cli_default_window_and_bad_value(capsys):
    from adamdyn.cli import main

    assert main(["bifurcation", "--param", "alpha=6:6:1", "--lyapunov"]) == 0
    out = capsys.readouterr().out
    assert f"over {LYAP_STEPS} steps" in out and "+-" in out
    reported = []
    for keep in ("20", "2000"):  # the reported exponent is the same whatever --keep
        assert main(["bifurcation", "--param", "alpha=6:6:1", "--lyapunov", "--keep", keep, "--json"]) == 0
        reported.append(json.loads(capsys.readouterr().out)["lyapunov"])
    assert reported[0] == reported[1] and np.isfinite(reported[0]).all()
    assert main(["bifurcation", "--param", "alpha=6:6:1", "--lyapunov", "--lyap-steps", "10"]) == 2
    err = capsys.readouterr().err
    assert "lyap_steps=10" in err and "valid range" in err and "Fix" in err and "Traceback" not in err
    from adamdyn.cli import build_parser

    sub = build_parser(("bifurcation",))._subparsers._group_actions[0].choices["bifurcation"]
    assert re.search(rf"default\s+{LYAP_STEPS};", sub.format_help())  # the CLI's help states the library default


def test_an_escaping_orbit_reports_its_step():
    """divergence_step is the first step whose S is not finite, counted independently here."""
    b = bifurcation("acceleration", values=[3.0, 12.0, 30.0], n=4, transient=50, keep=10, lyapunov=False)
    for alpha, step in zip(b.values, b.divergence_step):
        s, first = 0.1, -1
        for t in range(1, 61):
            with np.errstate(over="ignore", invalid="ignore"):
                d = abs(1.0 - s)
                s = alpha * s * (d * d)
            if not np.isfinite(s):
                first = t
                break
        assert step == first
    assert list(b.diverged) == [False, True, True] and b.divergence_step[0] == -1


def test_an_optimizer_run_that_diverges_is_flagged_with_a_nan_orbit(tmp_path):
    """lr = 1e300 leaves the range at step 1: its orbit used to read log10 lambda = 0 with no flag."""
    b = bifurcation("adam", param="lr", values=[1e-2, 1e300], fixed={"beta1": 0.5}, n=4, transient=200, keep=4)
    assert list(b.divergence_step) == [-1, 1] and list(b.diverged) == [False, True]
    assert np.isfinite(b.orbit[0]).all() and np.isnan(b.orbit[1]).all()
    back = load_npz(b.save(tmp_path / "b.npz"), Bifurcation)
    np.testing.assert_array_equal(back.divergence_step, b.divergence_step)
    assert b.summary()["diverged"] == 1


@pytest.mark.parametrize("kw, match", [
    (dict(n=2), r"n=2\.0 is out of range; valid range is n > 2 for the acceleration map"),
    (dict(values=[[3.0, 4.0]]), r"1-D sequence.*shape \(1, 2\).*Fix"),
    (dict(values="abc"), r"values='abc' are not numbers.*Fix"),
    (dict(values=[3.0, np.nan]), r"non-finite entries.*Fix"),
    (dict(n="four"), r"n='four' is not a number.*Fix"),
    (dict(s0="0.1"), r"s0='0\.1' is not a number"),
    (dict(fixed={"beta1": 0.5}), r"the acceleration map has no parameters to fix.*Fix"),
    (dict(system="adam", param="beta2", values=[0.9], fixed={"beta1": 0.5, "n": 6}, n=4), r"n is given twice"),
    (dict(system="adam", param="beta2", values=[0.9], s0=5.0), r"s0=5\.0 does not apply to optimizer 'adam'"),
    (dict(system="adam", param="beta2", values=[0.9], lyapunov=True), r"lyapunov=True does not apply.*atlas"),
])
def test_settings_that_would_be_dropped_or_misread_are_refused(kw, match):
    kw = {"system": "acceleration", "values": [3.0], "keep": 2, "transient": 10, **kw}
    with pytest.raises(ValueError, match=match):
        bifurcation(kw.pop("system"), **kw)
