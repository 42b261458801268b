"""Seed 000's toy, the other seeds' optimizers in the normalized-map framework, the comparison table."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from adamdyn import load_npz  # noqa: E402
from adamdyn.experiments import seed000_toy as toy  # noqa: E402


# ---------------------------------------------------------------- seed 000 toy
@pytest.fixture(scope="module")
def toy_result():
    return toy.run_toy(quick=True)


def test_toy_adam_v0_zero_stalls_at_the_saddle(toy_result):
    fin = toy_result.final()
    # Table 5: Adam with v0 = 0 ends near -0.96 (the flat saddle at -b); reproduced to 2 digits
    assert fin["adam_v0_zero"] == pytest.approx(-0.96, abs=0.01)
    # the other three end near the minimum 0, far from either saddle
    for m in ("adam_warmup", "adam_v0_rnd", "sgd"):
        assert abs(fin[m]) < 0.05, (m, fin[m])
    assert abs(fin["sgd"]) < 1e-6 and abs(fin["adam_v0_rnd"]) < 1e-12


def test_toy_first_adam_step_is_a_sign_step(toy_result):
    # bias-corrected Adam with v0 = 0: the first step is lr |g|/(|g| + eps) against g(x0) = 2 x0 < 0
    k = toy_result.methods.index("adam_v0_zero")
    g = 2e-6
    assert toy_result.x[k, 1] == pytest.approx(-1e-6 + g / (g + 1e-8), rel=1e-12)


def test_toy_literal_reading_has_no_saddle():
    obj = toy.saddle_objective("literal")
    xs = np.linspace(-3, 3, 6001)
    g = np.array([obj.grad(np.array([v]))[0] for v in xs])
    # eq. (17) as printed: the gradient vanishes only at 0 (no stationary point at +-b)
    assert np.all(np.sign(g[xs < -1e-9]) < 0) and np.all(np.sign(g[xs > 1e-9]) > 0)
    inner = toy.saddle_objective("inner")
    assert inner.grad(np.array([-1.0]))[0] == 0.0 and inner.grad(np.array([1.0]))[0] == 0.0
    # the outer branches meet the quadratic at +-x_s with slope +-s and the same value
    c = inner.xs
    assert inner.n * abs(c - inner.b) ** (inner.n - 1) == pytest.approx(inner.s)
    assert inner.value(np.array([c + 1e-12])) == pytest.approx(inner.value(np.array([c - 1e-12])), abs=1e-9)


def test_toy_table_renders_and_roundtrips(toy_result, tmp_path):
    md = toy.render_table5_markdown(toy_result)
    assert "| seed 000 (printed) | -0.96 |" in md
    assert "| reproduced | -0.966 |" in md
    assert "## Sensitivity" in md and "| eps | 0.0 |" in md
    path = toy_result.save(tmp_path / "toy.npz")
    back = load_npz(path)
    np.testing.assert_array_equal(back.x, toy_result.x)
    assert back.settings == toy_result.settings and back.sensitivity == toy_result.sensitivity


def test_toy_sensitivity_eps_zero_escapes(toy_result):
    row = next(r for r in toy_result.sensitivity if r["setting"] == "eps")
    # eps = 0 instead of torch's 1e-8: the stall at the saddle is lost (the result is that fragile)
    assert abs(row["final"]["adam_v0_zero"]) < 0.5
    assert row["final"]["sgd"] is None


def test_fig17_plots(toy_result):
    from matplotlib.figure import Figure

    from adamdyn.plot.others import plot_fig17

    before = dict(matplotlib.rcParams)
    fig = plot_fig17(toy_result)
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    assert dict(matplotlib.rcParams) == before
    assert toy.FIG17_CAPTION
