"""The symbolic engine against THEORY.md (the oracle, typed here independently)."""

from __future__ import annotations

import io
import json
import time
from contextlib import redirect_stdout

import numpy as np
import pytest
import sympy as sp

from adamdyn.cli import main
from adamdyn.theory import acceleration_map, derive, fixed_point, rate, regime, spectral_radius
from adamdyn.theory.map import LAM, RHO, Z

B1, B2, n, u = sp.symbols("beta1 beta2 n u", positive=True)
U = sp.Symbol("u", real=True)


@pytest.fixture(scope="module")
def adam():
    t0 = time.perf_counter()
    d = derive("adam")
    print(f"\nderive('adam') for symbolic n took {time.perf_counter() - t0:.2f} s")
    return d


def _rng():
    return np.random.default_rng(20240601)


def _sample(size, rng):
    b1 = rng.uniform(0.0, 0.999, size)
    b2 = rng.uniform(0.001, 0.999, size)
    nn = rng.uniform(2.05, 12.0, size)
    return b1, b2, nn


def theory_map(uu, lam, z, b1, b2, nn):
    rho = 1 - uu * lam
    zn = rho * z
    un = b1 * uu / (np.sign(rho) * np.abs(rho) ** (nn - 1)) + (1 - b1)
    ln = lam * np.abs(rho) ** (nn - 2) / np.sqrt(b2 + (1 - b2) * lam**2 * np.abs(rho) ** (2 * nn - 4) * zn**2)
    return un, ln, zn


def theory_point(b1, b2, nn):
    rho = b2 ** (1 / (2 * nn - 4))
    us = (1 - b1) / (1 - b1 * b2 ** (-(nn - 1) / (2 * nn - 4)))
    return rho, us, (1 - rho) / us


def _f(d, expr):
    syms = [sp.Symbol("n", positive=True), d.map.params["beta1"], d.map.params["beta2"], U, LAM, Z, RHO]
    return sp.lambdify(syms, expr, "numpy")


def test_adam_map_equals_theory(adam):
    rng = _rng()
    b1, b2, nn = _sample(500, rng)
    uu = rng.uniform(-2, 3, 500)
    lam = rng.uniform(0.01, 2, 500)
    lam = np.where(uu * lam >= 0.95, 0.9 / np.abs(uu), lam)  # rho > 0 branch
    z = rng.uniform(0, 5, 500)
    m = adam.map
    assert [str(c) for c in m.coords] == ["u", "lambda", "z"]
    rho = _f(adam, m.rho)(nn, b1, b2, uu, lam, z, 0.0)
    got = [_f(adam, e)(nn, b1, b2, uu, lam, z, rho) for e in m.next]
    want = theory_map(uu, lam, z, b1, b2, nn)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)


def test_adam_fixed_point_and_block(adam):
    rng = _rng()
    b1, b2, nn = _sample(500, rng)
    fp, st = adam.linear
    rho_t, u_t, l_t = theory_point(b1, b2, nn)
    rho = _f(adam, fp.rho)(nn, b1, b2, 0, 0, 0, 0)
    np.testing.assert_allclose(rho, rho_t, rtol=1e-12)
    np.testing.assert_allclose(_f(adam, fp.point[U])(nn, b1, b2, 0, 0, 0, rho), u_t, rtol=1e-9)
    np.testing.assert_allclose(_f(adam, fp.point[LAM])(nn, b1, b2, 0, 0, 0, rho), l_t, rtol=1e-9, atol=1e-12)
    k = b1 / rho_t ** (nn - 1)
    det_t = b1 / b2 ** (nn / (2 * nn - 4))
    tr_t = k * ((nn - 1) / rho_t - (nn - 2)) + (nn - 1) - (nn - 2) / rho_t
    np.testing.assert_allclose(_f(adam, st.det)(nn, b1, b2, 0, 0, 0, rho), det_t, rtol=1e-12)
    np.testing.assert_allclose(_f(adam, st.trace)(nn, b1, b2, 0, 0, 0, rho), tr_t, rtol=1e-10)
    # [9] = rho* (1 + tr + det)
    c9 = {c.name: c for c in st.conditions}["1 + tr + det"]
    t9 = nn * rho_t - (nn - 2) + b1 * rho_t ** (-(nn - 1)) * (nn - (nn - 2) * rho_t)
    np.testing.assert_allclose(rho * _f(adam, c9.expr)(nn, b1, b2, 0, 0, 0, rho), t9, rtol=1e-10, atol=1e-12)
    # [8]: the det condition reduces to beta1 < beta2^(n/(2n-4)); existence to beta1 < beta2^((n-1)/(2n-4))
    c8 = sp.sympify(adam.stable_if[0])
    assert c8.lhs == adam.map.params["beta1"] and isinstance(c8, sp.StrictLessThan)
    np.testing.assert_allclose(_f(adam, c8.rhs)(nn, b1, b2, 0, 0, 0, 0), b2 ** (nn / (2 * nn - 4)), rtol=1e-12)
    ex = adam.exists_if[0]
    np.testing.assert_allclose(_f(adam, ex.rhs)(nn, b1, b2, 0, 0, 0, 0), b2 ** ((nn - 1) / (2 * nn - 4)),
                               rtol=1e-12)
    assert sp.simplify(adam.loss_rate - sp.powdenest(fp.rho**adam.n, force=True)) == 0


def test_jacobian_matches_finite_differences(adam):
    rng = _rng()
    b1, b2, nn = _sample(2000, rng)
    ok = b1 < b2 ** ((nn - 1) / (2 * nn - 4)) * 0.95
    b1, b2, nn = b1[ok][:200], b2[ok][:200], nn[ok][:200]
    fp, st = adam.linear
    rho = b2 ** (1 / (2 * nn - 4))
    x0 = [_f(adam, fp.point[c])(nn, b1, b2, 0, 0, 0, rho) * np.ones_like(nn) for c in adam.map.coords]
    J = np.array([[_f(adam, e)(nn, b1, b2, 0, 0, 0, rho) * np.ones_like(nn) for e in row]
                  for row in st.jacobian.tolist()])
    h = 1e-6
    for j in range(3):
        xp = [x.copy() for x in x0]
        xm = [x.copy() for x in x0]
        step = h * np.maximum(1.0, np.abs(x0[j]))
        xp[j] = xp[j] + step
        xm[j] = xm[j] - step
        fp_ = theory_map(*xp, b1, b2, nn)
        fm_ = theory_map(*xm, b1, b2, nn)
        for i in range(3):
            fd = (fp_[i] - fm_[i]) / (2 * step)
            np.testing.assert_allclose(J[i, j], fd, rtol=1e-6, atol=1e-6 * np.maximum(1, np.abs(fd)).max())


def test_stability_region_matches_numerical_eigenvalues():
    rng = _rng()
    b1, b2, nn = _sample(6000, rng)
    reg = regime("adam", n=nn, beta1=b1, beta2=b2)
    sr = spectral_radius("adam", n=nn, beta1=b1, beta2=b2)
    exists = b1 < b2 ** ((nn - 1) / (2 * nn - 4))
    assert np.array_equal(reg != 3, exists)
    rho, us, ls = theory_point(b1[exists], b2[exists], nn[exists])
    x0 = [us, ls, np.zeros_like(us)]
    args = (b1[exists], b2[exists], nn[exists])
    J = np.empty((exists.sum(), 3, 3))
    for j in range(3):
        step = 1e-7 * np.maximum(1.0, np.abs(x0[j]))
        xp = [x.copy() for x in x0]
        xm = [x.copy() for x in x0]
        xp[j] += step
        xm[j] -= step
        fpp, fmm = theory_map(*xp, *args), theory_map(*xm, *args)
        for i in range(3):
            J[:, i, j] = (fpp[i] - fmm[i]) / (2 * step)
    num_sr = np.abs(np.linalg.eigvals(J)).max(axis=1)
    stable_num = num_sr < 1
    agree = stable_num == (reg[exists] == 1)
    frac = (agree.sum() + (~exists).sum()) / len(b1)
    print(f"\nstability agreement {100 * frac:.3f}% on {len(b1)} points")
    assert frac >= 0.999
    assert np.all(np.abs(sr[exists][~agree] - 1) < 1e-6)


def test_rates_and_rmsprop_is_adam_at_beta1_zero():
    rng = _rng()
    _, b2, nn = _sample(300, rng)
    z = np.zeros_like(b2)
    np.testing.assert_allclose(rate("rmsprop", n=nn, beta2=b2), rate("adam", n=nn, beta1=z, beta2=b2), rtol=1e-13)
    np.testing.assert_allclose(spectral_radius("rmsprop", n=nn, beta2=b2),
                               spectral_radius("adam", n=nn, beta1=z, beta2=b2), rtol=1e-12)
    np.testing.assert_allclose(fixed_point("rmsprop", n=nn, beta2=b2)["lambda"],
                               fixed_point("adam", n=nn, beta1=z, beta2=b2)["lambda"], rtol=1e-12)
    np.testing.assert_allclose(rate("adam", n=nn, beta1=z, beta2=b2), b2 ** (1 / (2 * nn - 4)), rtol=1e-13)
    a0, r = derive("adam", n=4, beta1=0), derive("rmsprop", n=4)
    assert a0.map.coords == r.map.coords and a0.map.next == r.map.next and a0.rate == r.rate


def test_no_linear_point_for_signgd_gd_and_n2():
    for name in ("signgd", "gd"):
        d = derive(name)
        assert d.linear is None and d.notes
        assert np.all(regime(name, n=4.0) == 3) and np.isnan(rate(name, n=4.0))
    d2 = derive("adam", n=2)
    assert d2.linear is None and any("n = 2" in s for s in d2.notes)
    lam_next = dict(zip(d2.map.coords, d2.map.reduced))[LAM]
    assert sp.simplify(lam_next - LAM / sp.sqrt(d2.map.params["beta2"])) == 0


def test_acceleration_threshold_and_link_to_condition_9():
    a = acceleration_map()
    m = sp.Symbol("m", positive=True)  # n = m + 2 > 2
    assert sp.simplify((a.alpha_max - (n / (n - 2)) ** (n - 2)).subs(n, m + 2)) == 0
    assert sp.simplify(a.fixed_point - (1 - sp.Symbol("alpha", positive=True) ** (-1 / (n - 2)))) == 0
    # [9] at beta1 = 0 with alpha = 1/sqrt(beta2): RMSProp's flip boundary is beta2 = ((n-2)/n)^(2n-4)
    rng = _rng()
    nn = rng.uniform(2.2, 12, 200)
    b2c = ((nn - 2) / nn) ** (2 * nn - 4)
    assert np.all(regime("rmsprop", n=nn, beta2=b2c * 1.001) == 1)
    assert np.all(regime("rmsprop", n=nn, beta2=b2c * 0.999) == 2)


def test_cli_json_round_trips():
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["derive", "--optimizer", "adam", "--format", "json"]) == 0
    d = json.loads(buf.getvalue())
    assert {"optimizer", "n", "map", "fixed_points", "boundaries"} <= set(d)
    for fp in d["fixed_points"]:
        for key in ("point", "exists_if", "jacobian", "eigenvalues", "stable_if", "rate"):
            assert key in fp
        for e in list(fp["point"].values()) + fp["eigenvalues"] + sum(fp["jacobian"], []):
            sp.sympify(e)
    for b in d["boundaries"]:
        sp.sympify(b["condition"])
    rate_expr = sp.sympify(d["fixed_points"][-1]["rate"])
    assert sp.simplify(rate_expr - sp.Symbol("beta2") ** (1 / (2 * (sp.Symbol("n") - 2)))) == 0


def test_bad_input_messages():
    with pytest.raises(ValueError, match="n=1"):
        derive("adam", n=1)
    with pytest.raises(ValueError, match="valid names"):
        derive("nosuch")
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["derive", "--optimizer", "adam", "--set", "eps=1e-8"]) == 2


def test_printed_conditions_are_tidy_and_paper_form_of_9_is_equivalent(adam):
    from adamdyn.theory.report import as_text

    b2s = adam.map.params["beta2"]
    assert sp.simplify(adam.exists_if[0].rhs / b2s ** ((n - 1) / (2 * (n - 2))) - 1) == 0
    assert str(adam.exists_if[0]) == "beta1 < beta2**((n - 1)/(2*(n - 2)))"  # not (b2**.. - b2**..)/(..)
    assert str(derive("adam", n=4).exists_if[0]) == "beta1 < beta2**(3/4)"
    # [9] with rho = rho*: n rho - (n-2) + beta1 rho^-(n-1) (n - (n-2) rho) > 0, up to a positive factor
    c9 = adam.stable_if_rho[1]
    rng = _rng()
    b1, b2, nn = _sample(4000, rng)
    rho = b2 ** (1 / (2 * nn - 4))
    got = _f(adam, c9.lhs)(nn, b1, b2, 0, 0, 0, rho)
    paper = nn * rho - (nn - 2) + b1 * rho ** (-(nn - 1)) * (nn - (nn - 2) * rho)
    np.testing.assert_allclose(got, paper, rtol=1e-10, atol=1e-12)
    explicit = _f(adam, adam.stable_if[1].rhs)(nn, b1, b2, 0, 0, 0, rho)
    assert np.array_equal((got > 0)[np.abs(paper) > 1e-9], (b1 > explicit)[np.abs(paper) > 1e-9])
    text = as_text(adam)
    assert "Neimark-Sacker" in text and "mixed" not in text


def test_spectral_radius_on_an_existence_boundary_is_nan_not_an_error():
    from adamdyn.theory import regime, spectral_radius

    # at n = 3 the existence border is beta1 = beta2: the fixed point runs off to infinity there
    assert np.isnan(spectral_radius("adam", n=3, beta1=0.1875, beta2=0.1875))
    assert int(regime("adam", n=3, beta1=0.1875, beta2=0.1875)) == 3


def test_derivation_prints_readably():
    from adamdyn.theory import derive

    d = derive("adam", n=4)
    assert str(d).startswith("adam on |x|^n/n, n = 4") and "fixed point" in str(d)
    assert "\\" in d._repr_latex_()
