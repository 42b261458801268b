"""The one numeric theory API (adamdyn.theory.numeric): both sources agree, it fails loudly, and every layer uses it.

Each check is also run on a deliberately broken input and shown to fail.
"""

from __future__ import annotations

import numpy as np
import pytest

from adamdyn import theory as symbolic
from adamdyn.claims import _probe
from adamdyn.theory import TheoryUnavailable, numeric, quick_theory, theory

#: built-in rules and flag sets whose full derivation (symbolic n) is shipped or derives in seconds;
#: S3 without Nesterov has no full derivation (sympy does not finish), so only its quick theory exists
COMBOS = [("gd", {}), ("signgd", {}), ("momentum", {}), ("rmsprop", {}), ("adam", {}),
          ("adam", {"bias_correction": True, "eps_inside": False}), ("adamomentum", {}), ("adabelief", {}),
          ("s3", {"nesterov": True})]


def _points(name, rng, size=400):
    """Random parameters (the rule's float ones; lr log-uniform, the decays uniform in (0, 1))."""
    out = {}
    for q in theory(name).names:
        out[q] = 10 ** rng.uniform(-3, 0, size) if q == "lr" else rng.uniform(0.0, 1.0, size)
    return out


def _disagreements(a, b, params, n=None):
    """Points where two theories differ: NaN in one only, |difference| > 1e-8 (relative), or another regime."""
    bad = np.zeros(np.broadcast(*params.values()).shape if params else (), dtype=bool)
    for f in ("rate", "spectral_radius"):
        x, y = getattr(a, f)(n, **params), getattr(b, f)(**params)
        bad |= np.isfinite(x) != np.isfinite(y)
        both = np.isfinite(x) & np.isfinite(y)
        bad |= both & ~np.isclose(np.where(both, x, 0), np.where(both, y, 0), rtol=1e-8, atol=1e-12)
    for c, x in a.fixed_point(n, **params).items():
        y = b.fixed_point(**params)[c]
        bad |= np.isfinite(x) != np.isfinite(y)
    return bad | (a.regime(n, **params) != b.regime(**params))


@pytest.mark.parametrize("name,flags", COMBOS, ids=[f"{c[0]}-{len(c[1])}" for c in COMBOS])
def test_quick_and_full_theory_agree_on_random_points(name, flags):
    rng = np.random.default_rng(17)
    full = theory(name, **flags)
    for n in (3.0, 4.0, 6.0):
        structural = {"p": float(rng.choice([1.0, 2.5]))} if name == "s3" else {}
        quick = quick_theory(name, n, **flags, **structural)
        pts = _points(name, rng)
        pts.pop("p", None)
        assert full.linear == quick.linear, (name, n)
        bad = _disagreements(full, quick, {**pts, **structural} if full.linear else pts, n)
        assert not bad.any(), (name, flags, n, {k: v[bad][:3] for k, v in pts.items()})
        # the public functions are the full theory
        np.testing.assert_array_equal(symbolic.regime(name, n=n, **pts, **structural, **flags),
                                      full.regime(n, **pts, **structural))
        if full.linear:  # the comparison sees a wrong theory: a 1% slower rate is caught
            e = numeric._quick_expressions(name, n, tuple(sorted({**flags, **structural}.items())))
            e["rho"] = e["rho"] * 1.01
            wrong = numeric.Theory(name, quick.flags, n, e)
            assert _disagreements(full, wrong, {**pts, **structural}, n).any(), (name, n)


def test_undefined_in_both_the_same_way():
    rng = np.random.default_rng(3)
    b1, b2 = rng.uniform(0, 1, 200), rng.uniform(0, 1, 200)
    # n = 2: no linear-convergence point in either (NaN, regime 3)
    for th in (theory("adam"), quick_theory("adam", 2)):
        assert np.isnan(th.rate(2, beta1=b1, beta2=b2)).all() and (th.regime(2, beta1=b1, beta2=b2) == 3).all()
    # eps != 0: no theory at all, the same exception from every entry point
    for call in (lambda: symbolic.rate("adam", n=4, eps=1e-8), lambda: quick_theory("adam", 4, eps=1e-8),
                 lambda: theory("adam").regime(4, eps=1e-8), lambda: symbolic.theory_grid("adam", 4, {"beta1": b1},
                                                                                          eps=1e-8)):
        with pytest.raises(TheoryUnavailable, match=r"eps=1e-08.*Fix: omit eps"):
            call()
    # beyond the existence boundary (Adam, beta1 > beta2^((n-1)/(2n-4))): NaN in both, regime 3
    n, b2 = 4.0, 0.5
    b1 = np.array([b2 ** 0.75 + 0.01, 0.99])
    for th in (theory("adam"), quick_theory("adam", n)):
        assert np.isnan(th.spectral_radius(n, beta1=b1, beta2=b2)).all()
        assert (th.regime(n, beta1=b1, beta2=b2) == 3).all()


def test_wrong_inputs_are_errors_not_missing_theory():
    with pytest.raises(ValueError, match="no parameter 'beta3'") as exc:
        symbolic.rate("adam", n=4, beta3=0.5)
    assert not isinstance(exc.value, TheoryUnavailable)
    with pytest.raises(ValueError, match="n is required"):
        symbolic.regime("adam", beta1=0.5)
    with pytest.raises(ValueError, match="derived at n = 4 only"):
        quick_theory("adam", 4).rate(6, beta1=0.5, beta2=0.9)
    with pytest.raises(ValueError, match="derived at p = 2.0 only"):
        quick_theory("s3", 4, p=2.0).rate(beta=0.5, p=3.0)


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(beta1=1.5), "beta1=1.5 is out of range; valid range is [0, 1)"),
    (dict(beta1=[0.5, -0.5]), "beta1=-0.5 is out of range"),
    (dict(lr=-1), "lr=-1.0 is out of range; valid range is (0, inf)"),
    (dict(n=0), "n=0.0 is out of range; valid range is real n >= 2"),
    (dict(n=float("nan")), "n=nan is out of range"),
    (dict(beta1="x"), "beta1='x' is not a number"),
    (dict(beta1=[0.1, 0.2], beta2=[0.1, 0.2, 0.3]), "do not broadcast together (beta1 (2,), beta2 (3,))"),
])
def test_out_of_range_values_are_named_with_their_range(kwargs, fragment):
    """regime, rate, spectral_radius and fixed_point check every element: a beta of 1.5 is an error naming it
    and its range, not a regime (it used to give 2)."""
    kw = {"n": 4, "beta1": 0.5, "beta2": 0.9, **kwargs}
    for fn in (symbolic.regime, symbolic.rate, symbolic.spectral_radius, symbolic.fixed_point):
        with pytest.raises(ValueError) as exc:
            fn("adam", **kw)
        assert fragment in str(exc.value) and "Fix:" in str(exc.value)
    assert symbolic.regime("adam", n=2, beta1=0.5, beta2=0.9) == 3  # n = 2 is valid: no linear point there


# ------------------------------------------------------------------ the point where the two used to disagree

def _probe_agrees(th, n, b1, b2):
    """Does ``th`` say a linear point exists where the simulator's own step has one (and with its rate)?"""
    found, _, _, rho = _probe.find_linear_point(b1, b2, np.full(b1.shape, n))
    r = th.rate(n, beta1=b1, beta2=b2)
    exists = np.isfinite(r)
    ok = exists == found
    ok &= ~found | np.isclose(r, rho, rtol=1e-6)
    return ok


def test_existence_boundary_point_checked_by_the_simulator(monkeypatch):
    """Adam at n = 3, beta1 = beta2: on the existence boundary. The full derivation's lambda* evaluates to
    1e-16 (rounding noise) there, which used to count as "exists" (rate 0.1, spectral radius 6.93, regime
    2) while the quick theory (exact 0) said no point. The simulator's step, searched by damped Newton
    (adamdyn.claims._probe), has no linear point there, and has one just inside with the derived rate."""
    n = 3.0
    b2 = np.array([0.01, 0.04, 0.01, 0.04, 0.3])
    b1 = np.array([0.01, 0.04, 0.009, 0.039, 0.299])  # two on the boundary, three just inside
    for th in (theory("adam"), quick_theory("adam", n)):
        assert _probe_agrees(th, n, b1, b2).all()
        assert (th.regime(n, beta1=b1[:2], beta2=b2[:2]) == 3).all()
    # the check fails on the old rule (any positive float counts): the boundary points read as existing
    monkeypatch.setattr(numeric, "EXISTS_TOL", 0.0)
    assert not _probe_agrees(theory("adam"), n, b1, b2)[:2].any()
    assert np.isfinite(float(theory("adam").spectral_radius(n, beta1=0.01, beta2=0.01)))  # a radius, no point


def test_stability_boundary_is_regime_two_in_both(monkeypatch):
    """Adam at n = 4, beta1 = beta2: det J = 1 exactly (a Neimark-Sacker boundary). The float spectral
    radius is 1 +- 1e-15 there, and the regime used to follow the sign of that rounding error (0.8 -> 2,
    0.95 -> 1). The boundary is Regime II (the strict inequality beta1 < beta2 fails); just inside it is I."""
    b = np.array([0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
    for th in (theory("adam"), quick_theory("adam", 4)):
        assert (th.regime(4, beta1=b, beta2=b) == 2).all()
        assert np.allclose(th.spectral_radius(4, beta1=b, beta2=b), 1.0, rtol=0, atol=1e-12)
        assert (th.regime(4, beta1=b - 1e-6, beta2=b) == 1).all()
    # the old rule (sr < 1 exactly) splits the boundary by rounding
    monkeypatch.setattr(numeric, "MARGINAL_TOL", 0.0)
    assert set(theory("adam").regime(4, beta1=b, beta2=b).tolist()) == {1, 2}


def test_s3_degenerate_line_has_no_point_in_either():
    """S3 (Nesterov) with p = (n-1)/(n-2): lambda* = 0 identically (p = 1.5 is on fig16's n = 4 grid)."""
    beta = np.random.default_rng(5).uniform(0.01, 0.99, 300)
    for th, kw in ((theory("s3", nesterov=True), {"p": 1.5}), (quick_theory("s3", 4, p=1.5, nesterov=True), {})):
        assert np.isnan(th.rate(4, beta=beta, **kw)).all()


# ------------------------------------------------------------------ the layers fail loudly

def _small_sweep(**fixed):
    from adamdyn.sweeps import phase_diagram

    return phase_diagram("adam", {"beta1": [0.3, 0.95], "beta2": [0.9]}, {"lr": 1e-2, **fixed}, steps=200)


def test_phase_diagram_raises_on_a_bug_in_the_theory(monkeypatch):
    def broken(*a, **k):
        raise TypeError("a bug in the theory")

    monkeypatch.setattr(symbolic, "regime", broken)
    with pytest.raises(TypeError, match="a bug in the theory"):
        _small_sweep()


def test_phase_diagram_reports_missing_theory_only_via_theory_unavailable(monkeypatch):
    good = _small_sweep()
    assert good.theory_note == "adamdyn.theory" and good.regime_theory.tolist() == [[1], [3]]
    pd = _small_sweep(eps=1e-8)  # the engine has no theory with eps != 0
    assert (pd.regime_theory == 0).all() and np.isnan(pd.spectral_radius).all()
    assert "theory not available" in pd.theory_note and "eps" in pd.theory_note

    def missing(*a, **k):
        raise TheoryUnavailable("no theory for 'adam'", "a test", "none")

    monkeypatch.setattr(symbolic, "regime", missing)
    assert (_small_sweep().regime_theory == 0).all()


def test_claim_is_na_only_on_theory_unavailable():
    from adamdyn.claims import core

    def body(exc):
        def f(quick):
            raise exc
        return f

    try:
        na = core.claim(9001, "t", "test", "s")(body(TheoryUnavailable("no theory", "a test", "none")))()
        assert na.passed is None and na.status == "n/a"
        with pytest.raises(KeyError):
            core.claim(9002, "t", "test", "s")(body(KeyError("bug")))()
    finally:
        core.CLAIMS.pop(9001, None)
        core.CLAIMS.pop(9002, None)


def test_figures_grid_is_the_api_grid():
    from adamdyn.figures._theory import theory_grid as plot_grid

    g1, g2 = np.linspace(0.05, 0.95, 7), np.linspace(0.1, 0.99, 5)
    reg, rad = plot_grid("adam", 4, g1, g2)
    B1, B2 = np.meshgrid(g1, g2, indexing="ij")
    np.testing.assert_array_equal(reg, symbolic.regime("adam", n=4, beta1=B1, beta2=B2))
    np.testing.assert_array_equal(rad, symbolic.spectral_radius("adam", n=4, beta1=B1, beta2=B2))


def test_decoupled_rate_is_the_rate_where_the_point_exists_and_defined_beyond():
    rng = np.random.default_rng(11)
    b1, b2 = rng.uniform(0.01, 0.99, 200), rng.uniform(0.01, 0.99, 200)
    th = theory("adam")
    r, d = th.rate(4, beta1=b1, beta2=b2), th.decoupled_rate(4, beta1=b1, beta2=b2)
    ok = np.isfinite(r)
    assert ok.any() and (~ok).any()
    assert np.array_equal(r[ok], d[ok])  # one expression: equal where the point exists
    assert np.allclose(d, b2 ** 0.25, rtol=1e-15, atol=0)  # and the lambda equation's value beyond it
    assert np.isnan(symbolic.decoupled_rate("gd", n=4)).all()  # no lambda equation: no rate
    assert np.isnan(th.decoupled_rate(2.0, beta1=0.5, beta2=0.9))  # n = 2: rho = beta2^(1/0) is not < 1
