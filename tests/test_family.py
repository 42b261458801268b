"""The family's results: the measurements behind claims 17-19 and the table, the claims, docs/FAMILY.md, fig19.

Each measurement is checked against an independent reference (a synthetic log-loss curve with a known kink or
law, GD's gradient-flow power law, Adam's linear rate) and each check is shown to fail on a broken input.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from adamdyn import simulate
from adamdyn import theory as S
from adamdyn.claims import CLAIMS
from adamdyn.claims import family as fam

ROOT = Path(__file__).resolve().parents[1]


def _traj(step, log10_loss):
    step = np.asarray(step, float)
    return SimpleNamespace(step=step, log10_loss=np.asarray(log10_loss, float), steps_run=int(step[-1]))


# -- the measurements -----------------------------------------------------------------------------------------


def test_flattening_tells_linear_from_power_law_and_stall():
    t = np.arange(1, 16001, 4.0)
    lin = fam.flattening(_traj(t, -0.01 * t))
    law = fam.flattening(_traj(t, -2.0 * np.log10(t)))
    stall = fam.flattening(_traj(t, -8.0 + 1e-12 * np.sin(t)))
    assert not lin["flattens"] and abs(lin["ratio"] - 1) < 1e-9
    assert law["flattens"] and abs(law["ratio"] - 0.5) < 0.01 and abs(law["exponent"] + 2.0) < 1e-6
    assert stall["flattens"] and stall["stall"]


def test_flattening_on_simulated_gd_and_adam():
    """GD on |x|^4/4 follows the gradient-flow law loss ~ t^(-n/(n-2)); Adam in Regime I keeps its slope."""
    n = 4.0
    gd = fam.flattening(simulate("gd", n=n, lr=0.1, x0=1.0, steps=16000, every=4, mode="normalized"))
    assert gd["flattens"] and abs(gd["exponent"] + n / (n - 2)) < 0.02 * n / (n - 2)
    adam = fam.flattening(simulate("adam", n=n, beta1=0.5, beta2=0.9, lr=1e-2, x0=1.0, steps=4000, every=4,
                                   mode="normalized"))
    assert not adam["flattens"] and abs(adam["ratio"] - 1) < 1e-3


def test_linear_end_level_finds_a_known_kink():
    t = np.arange(0, 20001, 10.0)
    ref = _traj(t, -0.01 * t)
    kink = 5000.0  # log10 loss -50 there, then a slope 100 times smaller
    run = _traj(t, np.where(t < kink, -0.01 * t, -50 - 1e-4 * (t - kink)))
    level = fam.linear_end_level(ref, run)
    assert abs(level - (-50)) < 0.01 * 20000 * 0.01 + 1e-9  # within one window of the kink
    assert math.isnan(fam.linear_end_level(ref, _traj(t, -1e-4 * t)))  # never at half the rate
    assert math.isnan(fam.linear_end_level(_traj(t, 0 * t), run))  # the reference does not converge


def test_linear_end_level_rises_with_eps():
    """A larger eps ends Adam's linear convergence at a higher loss (measured only, no theory)."""
    kw = dict(n=4.0, beta1=0.8, beta2=0.9, lr=1e-2, x0=1.0, steps=8000, every=4, mode="normalized")
    ref = simulate("adam", **kw)
    levels = [fam.linear_end_level(ref, simulate("adam", eps=eps, **kw)) for eps in (1e-4, 1e-8)]
    assert all(math.isfinite(v) for v in levels) and levels[0] > levels[1] + 3


# -- claims 17-19 ---------------------------------------------------------------------------------------------


class _ScaledRate:
    """A theory whose rho* is off: rho*^factor (a broken rate, everything else as the engine's)."""

    def __init__(self, theory, factor):
        self._t, self._f = theory, factor

    def __getattr__(self, name):
        return getattr(self._t, name)

    def rate(self, **kw):
        return np.asarray(self._t.rate(**kw)) ** self._f


@pytest.fixture(scope="module")
def claim17():
    return CLAIMS[17](quick=True)


def test_claim17_passes(claim17):
    if claim17.passed is None:
        pytest.skip(f"claim 17 n/a: {claim17.note}")
    assert claim17.passed, claim17.observed
    assert claim17.details["cases"]


def test_claim17_fails_on_a_perturbed_rate(monkeypatch, claim17):
    if claim17.passed is None:
        pytest.skip(f"claim 17 n/a: {claim17.note}")
    real = S.quick_theory
    monkeypatch.setattr(fam.th, "quick_theory", lambda name, n, **kw: _ScaledRate(real(name, n, **kw), 1.02))
    r = CLAIMS[17](quick=True)
    assert r.passed is False
    assert max(c["rel_err"] for c in r.details["cases"]) > fam.RATE_TOL


@pytest.fixture(scope="module")
def claim18():
    return CLAIMS[18](quick=True)


def test_claim18_passes(claim18):
    if claim18.passed is None:
        pytest.skip(f"claim 18 n/a: {claim18.note}")
    assert claim18.passed, claim18.observed


def test_claim18_fails_when_the_theory_denies_linear_convergence(monkeypatch, claim17):
    """A theory that says no rule converges linearly is caught by the rules that do (their slope stays)."""
    if claim17.passed is None:
        pytest.skip("no family rule with a derived linear point yet")
    linear = {c["optimizer"] for c in claim17.details["cases"]}
    monkeypatch.setattr(fam, "FAMILY_NAMES", tuple(sorted(linear)))
    monkeypatch.setattr(fam, "derives_linear", lambda name, n=fam.N_CHECK: False)
    r = CLAIMS[18](quick=True)
    assert r.passed is False
    assert not any(c["flattens"] for c in r.details["cases"])


def test_claim19_eps_floor():
    try:
        floor = fam.eps_floor_fn()
    except S.TheoryUnavailable as exc:
        pytest.skip(f"no eps floor yet: {exc}")
    r = CLAIMS[19](quick=True)
    assert r.passed, r.observed

    def shifted(*a, **kw):  # a floor three decades too low
        out = floor(*a, **kw)
        return SimpleNamespace(log10_loss=float(out.log10_loss) - 3.0, tolerance=out.tolerance)

    import adamdyn.claims.family as mod

    orig = mod.eps_floor_fn
    try:
        mod.eps_floor_fn = lambda: shifted
        assert CLAIMS[19](quick=True).passed is False
    finally:
        mod.eps_floor_fn = orig


# -- docs/FAMILY.md and README ----------------------------------------------------------------------------------


def _tool():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "tools" / "update_readme.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_readme_family_section_is_generated_from_family_md():
    tool = _tool()
    readme = (ROOT / "README.md").read_text()
    family = (ROOT / "docs" / "FAMILY.md").read_text()
    body = tool.family_section(family)
    assert tool.replace(readme, "family", body) == readme, "stale: run `python tools/update_readme.py`"
    edited = family.replace("| AdamW |", "| AdamW (edited) |", 1)
    assert edited != family and tool.replace(readme, "family", tool.family_section(edited)) != readme


def test_family_md_derived_cells_equal_the_engine():
    """The derived columns of docs/FAMILY.md are what the engine derives now (else run update_readme --family)."""
    from adamdyn.experiments import family as table

    committed = table.table_cells((ROOT / "docs" / "FAMILY.md").read_text())
    rows = {(r[0], r[1]): r for r in committed}
    checked = 0
    for name in table.RULES:
        cells = table.derived_cells(name, timeout_s=120)
        row = rows[(table.label(name), table._setting_text(name, {}))]
        md = table.render_markdown([{"label": table.label(name), "setting": table._setting_text(name, {}), **cells,
                                     "eps_floor": row[6], "check": row[7]}])
        assert table.table_cells(md)[0] == row, f"docs/FAMILY.md is stale for {name}: run update_readme --family"
        checked += 1
    assert checked == len(table.RULES) == 11
    # a hand edit of a derived cell is caught by the same comparison
    bad = list(committed[0])
    bad[5] = bad[5] + " "
    assert bad != committed[0]


def test_family_rows_have_a_published_row_where_eps_is_set():
    from adamdyn.experiments import family as table

    assert table.published("adam") == table.TORCH_ADAM
    assert table._scale_params("adamw", table.published("adamw")) == {"eps": 1e-8}
    assert table._scale_params("lion", table.published("lion")) == {}
    assert table.label("adamw") == "AdamW" and table.label("adam") == "Adam"


# -- fig19 ------------------------------------------------------------------------------------------------------


def test_fig19_slope_ratio_and_agreement_fail_on_swapped_theory(monkeypatch):
    from adamdyn.figures import family_phase

    ratio = family_phase.slope_ratio([-0.1, -1e-9, -0.05, 1e-3], [-0.1, -2e-9, -0.1, -1e-3], 1000, 0.1)
    assert ratio.tolist() == [1.0, 0.0, 0.5, 0.0]  # linear, stall, power law, loss rising
    monkeypatch.setattr(family_phase, "PANELS", (family_phase.PANELS[1], family_phase.PANELS[4]))  # NAdam, AMSGrad
    data = family_phase.compute(quick=True)
    agree = family_phase.agreement(data)
    if all(p["theory_on_grid"] is None for p in data["panels"]):
        pytest.skip("no theory for these panels yet")
    assert agree["linear_inside"] >= 0.8 and agree["flat_outside"] >= 0.8, agree
    fig = family_phase.plot(data)
    assert len(fig.axes) >= 2
    for p in data["panels"]:  # broken theory: regimes I and III swapped
        if p["theory_on_grid"] is not None:
            reg = p["theory_on_grid"]
            p["theory_on_grid"] = np.where(reg == 1, 3, np.where(reg == 3, 1, reg))
    broken = family_phase.agreement(data)
    assert not (broken["linear_inside"] >= 0.8 and broken["flat_outside"] >= 0.8), broken
