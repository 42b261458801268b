"""Claims 20-22 (adamdyn/claims/dynamics.py) can fail: each FAILS when the theory it checks is wrong, or when the
numerics it measures with are broken. (tests/test_theorems.py runs them as they are, where they pass.)"""

from __future__ import annotations

import numpy as np

from adamdyn.claims import CLAIMS
from adamdyn.claims import dynamics as dyn
from adamdyn.dynamics import atlas as atlas_mod

# the broken-theory runs of claim 20 use two rules (Adam and Adamax, a branched rule) to keep the test short
FEW = ("adam", "adamax")


def _parts(cid):
    return {r.part: r for r in CLAIMS[cid](quick=True)}


def test_search_takes_no_theory(monkeypatch):
    """The observation side of claim 20: the search runs with the engine's fixed-point solver unavailable."""
    from adamdyn.theory import derivation

    def no_engine(*a, **k):
        raise AssertionError("the numerical search called derive()")

    monkeypatch.setattr(derivation, "derive", no_engine)
    res = dyn.search_points("adam", {"beta1": 0.5, "beta2": 0.9})
    # Adam n = 4 at (0.5, 0.9): the linear point rho* = 0.9^(1/4), the trivial point rho = 1 and the sign-flipping one
    rhos = sorted(p.rho for p in res.points if p.period == 1)
    assert np.allclose(rhos, [-(0.9 ** 0.25), 0.9 ** 0.25, 1.0], rtol=1e-10, atol=0)


def test_claim20_fails_when_the_engine_point_is_moved(monkeypatch):
    real = dyn.engine_points

    def moved(name, params, n=dyn.N_DYN):
        out = real(name, params, n)
        for q in out:
            if q["name"] == "linear convergence":
                q["coords"] = {c: v * (1.01 if c == "lambda" else 1.0) for c, v in q["coords"].items()}
        return out

    monkeypatch.setattr(dyn, "FP_RULES", FEW)
    monkeypatch.setattr(dyn, "engine_points", moved)
    r = _parts(20)
    assert r["a"].passed is False
    assert sum(len(c["missed"]) for c in r["a"].details["cases"]) == len(FEW)


def test_claim20b_fails_when_the_engine_misses_the_attractor(monkeypatch):
    """An engine that does not report the stable linear point: the search finds it, stable, and part b fails."""
    real = dyn.engine_points
    monkeypatch.setattr(dyn, "FP_RULES", FEW)
    monkeypatch.setattr(dyn, "engine_points",
                        lambda name, params, n=dyn.N_DYN: [q for q in real(name, params, n)
                                                           if q["name"] != "linear convergence"])
    r = _parts(20)
    assert r["a"].passed is True  # the points it still reports are found
    assert r["b"].passed is False
    assert all(0 < e["rho"] < 1 for e in r["b"].details["extra"] if e["stable"])


def test_claim21_fails_on_a_closed_form_off_by_1e_7(monkeypatch):
    real = dyn.derived_boundaries

    def off(n):
        return {k: (t, lambda b2, f=f: f(b2) + 1e-7) for k, (t, f) in real(n).items()}

    monkeypatch.setattr(dyn, "derived_boundaries", off)
    r = CLAIMS[21](quick=True)
    assert r.passed is False
    assert all(c["max_abs_err"] > 1e-8 for c in r.details["curves"])


def test_claim22a_fails_on_the_regimes_of_the_wrong_degree(monkeypatch):
    """The engine's regime at n = 6 (boundary beta1 = beta2^(3/4)) for the n = 4 atlas: agreement < 97%."""
    real = dyn.atlas_prediction

    def wrong(B1, B2, n=dyn.N_DYN):
        reg, _ = real(B1, B2, 6.0)
        return reg, real(B1, B2, n)[1]  # the rates stay right: the agreement alone must fail

    monkeypatch.setattr(dyn, "atlas_prediction", wrong)
    r = _parts(22)
    assert r["a"].passed is False
    assert r["a"].details["agreement"] < dyn.ATLAS_AGREE
    assert r["b"].passed is True


def test_claim22a_fails_on_a_rate_off_by_1_percent(monkeypatch):
    real = dyn.atlas_prediction
    monkeypatch.setattr(dyn, "atlas_prediction", lambda B1, B2, n=dyn.N_DYN: (real(B1, B2, n)[0],
                                                                              real(B1, B2, n)[1] * 1.01))
    r = _parts(22)
    assert r["a"].passed is False
    assert r["a"].details["agreement"] >= dyn.ATLAS_AGREE  # the labels still agree; the rate does not
    assert r["a"].details["rate_rel_err"] > 5e-3


def test_claim22b_fails_without_reorthogonalisation(monkeypatch):
    """A QR step whose Q update only normalises the columns (no Gram-Schmidt): Q loses orthonormality, and the
    exponents (volumes of J Q) no longer add up to log|det J|. The atlas withholds those spectra (it gates on
    the same sum rule), so part b fails on the share of cells that keep one."""

    def normalise_only(A):
        k = len(A)
        cols = [[A[i][j] for i in range(k)] for j in range(k)]
        norms = [np.sqrt(sum(v * v for v in c)) for c in cols]
        Q = [[cols[j][i] / norms[j] for j in range(k)] for i in range(k)]
        return Q, [np.log(nm) for nm in norms]

    monkeypatch.setattr(atlas_mod, "_gram_schmidt", normalise_only)
    # the claim runs the default (numba) engine, which has its own compiled QR: take the numpy path, whose QR
    # is the one broken here
    monkeypatch.setattr(atlas_mod, "_engine", lambda engine: "numpy")
    r = _parts(22)
    assert r["b"].passed is False
    assert r["b"].details["max_gap"] > 1e-3
    assert r["b"].details["share"] < dyn.SPECTRUM_SHARE


def test_claim22c_fails_on_eigenvalues_of_the_wrong_degree(monkeypatch):
    """The engine's Jacobian at n = 4.5 for the n = 4 atlas: the exponents at the point no longer match."""
    real = dyn.jacobian_exponents
    monkeypatch.setattr(dyn, "jacobian_exponents", lambda B1, B2, n=dyn.N_DYN: real(B1, B2, 4.5))
    r = _parts(22)
    assert r["c"].passed is False and r["a"].passed is True
    assert r["c"].details["max_abs_err"] > dyn.ATLAS_SPECTRUM_TOL


def test_claim22c_fails_on_an_atlas_spectrum_off_by_one_percent(monkeypatch):
    """A QR step whose log|R_jj| are 1% too large (a broken observer): part c fails, whatever the theory."""
    real = atlas_mod._qr_step

    def scaled(*args):
        Q, logs = real(*args)
        return Q, [1.01 * v for v in logs]

    monkeypatch.setattr(atlas_mod, "_qr_step", scaled)
    monkeypatch.setattr(atlas_mod, "_engine", lambda engine: "numpy")
    r = _parts(22)
    assert r["c"].passed is False
