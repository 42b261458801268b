"""The verify claims can fail: each passes on the package's theory and simulator (quick mode) and FAILS when
the theory it checks is wrong or the simulator it measures is broken.

Broken theory: the claim's prediction function is monkeypatched (a wrong eigenvalue formula, a shifted
boundary). Broken simulator: the Adam rule the measurements step (``adamdyn.claims._probe`` and
``adamdyn.simulate``) gets a perturbed ``beta2``.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from adamdyn.claims import CLAIMS, _probe, adam_stability, regimes
from adamdyn.rules import get_rule


def _run(cid):
    res = CLAIMS[cid](quick=True)
    return res


def _perturbed_rule(factor):
    """Adam whose update uses ``beta2 * factor``: a simulator with a wrong second-moment average."""
    rule = get_rule("adam")

    def update(state, g, t, p, B):
        q = type(p)(**{**p.as_dict(), "beta2": p.beta2 * factor})
        return rule.update(state, g, t, q, B)

    return dataclasses.replace(rule, update=update)


@pytest.fixture
def broken_probe(monkeypatch):
    """Make ``_probe.one_step`` step a rule with ``beta2`` scaled by ``factor``."""

    def apply(factor):
        bad = _perturbed_rule(factor)
        monkeypatch.setattr(_probe, "get_rule", lambda name: bad)

    return apply


# claim 1: trivial fixed point


def test_claim1_passes():
    r = _run(1)
    assert r.passed, r.observed


def test_claim1_fails_on_wrong_eigenvalue_formula(monkeypatch):
    monkeypatch.setattr(adam_stability, "trivial_eigenvalues", lambda b1, b2, n: sorted([b1, 1 / b2, 1.0]))
    r = _run(1)
    assert r.passed is False
    assert max(c["abs_err"] for c in r.details["cases"]) > 1e-3


def test_claim1_fails_on_perturbed_simulator(broken_probe):
    broken_probe(0.99)
    r = _run(1)
    assert r.passed is False


# claim 2: non-trivial fixed point (existence by a root search on the simulator's step)


def test_claim2_passes():
    r = _run(2)
    assert r.passed, r.observed
    ex = r.details["existence"]
    assert ex["mismatches"] == 0 and 0 < ex["found"] < ex["points"]


def test_claim2_fails_on_shifted_existence_boundary(monkeypatch):
    real = adam_stability.predicted_linear_point
    # the engine evaluated at beta2 * 0.95: the existence boundary moves by ~0.04 in beta1
    monkeypatch.setattr(adam_stability, "predicted_linear_point", lambda b1, b2, n: real(b1, 0.95 * b2, n))
    r = _run(2)
    assert r.passed is False
    assert r.details["existence"]["mismatches"] > 0


def test_claim2_fails_on_perturbed_simulator(broken_probe):
    broken_probe(0.99)
    r = _run(2)
    assert r.passed is False
    ex = r.details["existence"]
    assert ex["mismatches"] > 0 and ex["max_rel_dev"] > 1e-4


def test_root_search_finds_no_point_beyond_the_existence_boundary():
    """Direct check of the measurement: points on either side of beta1 = beta2^(3/4) at n = 4."""
    b2 = np.array([0.3, 0.6, 0.9, 0.95])
    edge = b2**0.75
    found_in, *_ = _probe.find_linear_point(edge - 0.01, b2, 4.0)
    found_out, *_ = _probe.find_linear_point(edge + 0.01, b2, 4.0)
    assert found_in.all() and not found_out.any()


# claim 5: stable region grows with n (theory vs simulation point by point)


def test_claim5_passes():
    r = _run(5)
    assert r.passed, r.observed
    assert r.details["converged_far_n4"] >= 5


def test_claim5_fails_on_shifted_stability_boundary(monkeypatch):
    from adamdyn import theory as symbolic

    real = symbolic.regime

    def shifted(optimizer, n, beta1, beta2):  # stable region moved down by 0.2 in beta1 (held inside [0, 1))
        return real(optimizer, n, beta1=np.minimum(np.asarray(beta1) + 0.2, 0.999), beta2=beta2)

    monkeypatch.setattr(symbolic, "regime", shifted)
    r = _run(5)
    assert r.passed is False
    assert min(r.details["agreement"].values()) < 0.95


def test_claim5_fails_on_a_wrong_existence_boundary(monkeypatch):
    """Where the theory wrongly derives no point, the simulator's step still has one: the claim must see it."""
    from adamdyn import theory as symbolic

    real_rad, real_regime = symbolic.spectral_radius, symbolic.regime

    def no_point_rad(optimizer, n, beta1, beta2):  # a theory whose existence edge is moved down to beta1 = 0.5
        rad = np.asarray(real_rad(optimizer, n, beta1=beta1, beta2=beta2), float)
        return np.where(np.asarray(beta1) > 0.5, np.nan, rad)

    def no_point_regime(optimizer, n, beta1, beta2):  # ... consistently: no point means Regime III
        reg = np.asarray(real_regime(optimizer, n, beta1=beta1, beta2=beta2))
        return np.where(np.asarray(beta1) > 0.5, 3, reg)

    monkeypatch.setattr(symbolic, "spectral_radius", no_point_rad)
    monkeypatch.setattr(symbolic, "regime", no_point_regime)
    r = _run(5)
    assert r.passed is False
    assert min(r.details["agreement"].values()) < 0.95


def test_claim5_fails_on_perturbed_simulator(monkeypatch):
    real = adam_stability.simulate
    monkeypatch.setattr(adam_stability, "simulate", lambda *a, beta2, **k: real(*a, beta2=beta2 * 0.99, **k))
    r = _run(5)
    assert r.passed is False


# claim 11b: II vs III (existence edge on the simulator's step; crossover of the sweep's deep fraction)


def _part_b():
    return next(r for r in _run(11) if r.part == "b")


def test_claim11b_passes():
    r = _part_b()
    assert r.passed, r.observed
    assert r.details["midpoint_d"] > 0.05


@pytest.mark.parametrize("shift", [-0.05, 0.2])
def test_claim11b_fails_on_shifted_boundary(monkeypatch, shift):
    real = regimes.existence_boundary
    monkeypatch.setattr(regimes, "existence_boundary", lambda n, b2: real(n, b2) + shift)
    r = _part_b()
    assert r.passed is False


def test_claim11b_fails_on_perturbed_simulator(broken_probe):
    broken_probe(0.99)
    r = _part_b()
    assert r.passed is False
    assert max(abs(a - b) for a, b in zip(r.details["edge_observed"], r.details["edge_derived"])) > 1e-3


# claim 12: coupling ratio; Regime II scored on the persistence condition, not on v's free decay


def test_claim12_passes():
    r = _run(12)
    assert r.passed, r.observed
    assert all(c["persists_ok"] for c in r.details["cases"] if c["regime"] == 2)


def test_claim12_fails_on_shifted_persistence_boundary(monkeypatch):
    real = regimes.existence_boundary
    monkeypatch.setattr(regimes, "existence_boundary", lambda n, b2: real(n, b2) + 0.02)
    r = _run(12)
    assert r.passed is False
    assert not any(c["persists_ok"] for c in r.details["cases"] if c["regime"] == 2)


def test_claim12_regime_two_fails_on_perturbed_simulator(broken_probe):
    broken_probe(0.99)  # only the Regime II measurement steps the perturbed rule
    r = _run(12)
    assert r.passed is False
    assert all(c["rel_err"] > 1e-3 for c in r.details["cases"] if c["regime"] == 2)


# claim 23: Regime III of the Nesterov numerators


def test_claim23_fails_on_a_wrong_decoupled_rate(monkeypatch):
    from adamdyn.claims import regime_three
    from adamdyn.theory import numeric

    real = numeric.Theory.decoupled_rate
    monkeypatch.setattr(numeric.Theory, "decoupled_rate", lambda self, n=None, **p: real(self, n, **p) ** 1.05)
    r = _run(23)
    assert r.passed is False
    assert min(c["rel_err"] for c in r.details["nesterov"]) > regime_three.RATE_TOL


def test_claim23_fails_on_a_simulator_without_nesterov(monkeypatch):
    """A simulator that steps the heavy-ball numerator for NAdam and S3: the runs stall, the claim fails."""
    from adamdyn.claims import regime_three

    real = regime_three.simulate

    def heavy_ball(name, **kw):
        if name == "nadam":
            name = "adam"
        elif name == "s3":
            kw["nesterov"] = False
        return real(name, **kw)

    monkeypatch.setattr(regime_three, "simulate", heavy_ball)
    r = _run(23)
    assert r.passed is False
    assert all(c["decay_fraction"] < regime_three.STALL_FRACTION for c in r.details["nesterov"])
