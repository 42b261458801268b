"""The derivation report: the linear point written with rho* (given once), checked against independent forms."""

import json

import numpy as np
import pytest
import sympy as sp

from adamdyn import simulate
from adamdyn.theory import cache, derive
from adamdyn.theory import report as R
from adamdyn.theory.map import RHO

B1, B2, N, RS = sp.symbols("beta1 beta2 n rho_star", positive=True)


@pytest.fixture(scope="module")
def adam():
    return derive("adam")


def _linear(d):
    return R.as_dict(d)["fixed_points"][-1]


def _sample(size=500, seed=11):
    rng = np.random.default_rng(seed)
    return rng.uniform(0.01, 0.99, size), rng.uniform(0.01, 0.99, size), rng.uniform(2.1, 10.0, size)


def _num(text, b1, b2, n, rho):
    e = sp.sympify(text, locals={"rho_star": RS, "beta1": B1, "beta2": B2, "n": N})
    with np.errstate(all="ignore"):
        return np.broadcast_to(sp.lambdify((B1, B2, N, RS), e, "numpy")(b1, b2, n, rho), b1.shape).astype(float)


def test_adam_point_in_rho_star_equals_the_papers_forms(adam):
    """The JSON forms in rho_star against the forms of THEORY.md written out here (u*, the existence and the
    Neimark-Sacker bound), and the rate given once in the text."""
    lin = _linear(adam)
    forms = lin["in_rho_star"]
    b1, b2, n = _sample()
    rho = b2 ** (1 / (2 * n - 4))
    np.testing.assert_allclose(_num(forms["rho_star"], b1, b2, n, rho), rho, rtol=1e-12)
    np.testing.assert_allclose(_num(forms["point"]["u"], b1, b2, n, rho), (1 - b1) / (1 - b1 * rho ** (1 - n)),
                               rtol=1e-9)
    np.testing.assert_allclose(_num(forms["loss_rate"], b1, b2, n, rho), rho**n, rtol=1e-12)
    assert forms["exists_if"] == ["beta1 < rho_star**(n - 1)"]
    assert forms["stable_if"][0] == "beta1 < rho_star**n"
    text = R.as_text(adam)
    assert text.count("beta2^(1/(2*(n - 2)))") == 1  # rho* given once; everything else written with it
    assert "u* = (beta1 - 1)/(beta1*rho*^(1 - n) - 1)" in text and "exists if: beta1 < rho*^(n - 1)" in text
    latex = R.as_latex(adam)
    assert latex.count(r"\rho^* &=") == 1 and r"\beta_{1} < \left(\rho^{*}\right)^{n - 1}" in latex


@pytest.mark.parametrize("args", [dict(optimizer="adam"), dict(optimizer="adam", n=4),
                                  dict(optimizer="adam", n=3), dict(optimizer="rmsprop", n=4)])
def test_every_rewritten_form_equals_the_explicit_one(args):
    """Every form in rho_star, with rho_star = the explicit rate, against the explicit strings of the same dict
    (other samples than the module's own check); the shorter form is the one printed."""
    d = derive(**args)
    lin = _linear(d)
    forms = lin["in_rho_star"]
    b1, b2, n = _sample(seed=23)
    if args.get("n") is not None:
        n = np.full_like(b1, float(args["n"]))
    rho = _num(forms["rho_star"], b1, b2, n, 0.0)
    pairs = [(forms["point"][k], lin["point"][k]) for k in lin["point"]]
    pairs += list(zip(forms["eigenvalues"], lin["eigenvalues"])) + [(forms["det"], lin["det"]),
                                                                   (forms["trace"], lin["trace"])]
    for new, old in pairs:
        ref = _num(old, b1, b2, n, rho)
        ok = np.isfinite(ref)
        np.testing.assert_allclose(_num(new, b1, b2, n, rho)[ok], ref[ok], rtol=1e-8, atol=1e-12)
    for new, old in zip(forms["exists_if"] + forms["stable_if"], lin["exists_if"] + lin["stable_if"]):
        a = sp.sympify(new, locals={"rho_star": RS})
        b = sp.sympify(old)
        np.testing.assert_allclose(_num(str(a.rhs), b1, b2, n, rho), _num(str(b.rhs), b1, b2, n, rho),
                                   rtol=1e-9, atol=1e-12)
    json.dumps(R.as_dict(d))
    f = R.in_rho_star(d)
    fp = d.linear[0]
    for key in ("det", "trace", "loss_rate"):
        expr = {"det": d.linear[1].det, "trace": d.linear[1].trace, "loss_rate": RHO ** d.map.n}[key]
        assert R._short(f[key]) <= R._short(sp.sympify(expr).subs(RHO, fp.rho))


def test_fixed_point_in_rho_star_matches_a_normalized_run():
    """u* and lambda* in rho* against the state a normalized simulation settles to (Adam, n = 4)."""
    d = derive("adam", n=4)
    forms = _linear(d)["in_rho_star"]
    b1, b2 = 0.8, 0.9
    rho = b2 ** 0.25
    r = simulate("adam", n=4, beta1=b1, beta2=b2, steps=3000, mode="normalized")
    one = np.ones(1)
    assert r.u[-1] == pytest.approx(float(_num(forms["point"]["u"], b1 * one, b2 * one, 4 * one, rho)[0]), rel=1e-6)
    lam = float(_num(forms["point"]["lambda"], b1 * one, b2 * one, 4 * one, rho)[0])
    assert 10 ** r.log10_lambda[-1] == pytest.approx(lam, rel=1e-6)


def test_a_wrong_rewrite_is_rejected_and_the_explicit_form_printed(adam):
    """A rho* form from a wrong rho equation (beta2 = rho^(2n-3)) fails the numerical check, so the report
    falls back to the explicit bound; without the check it would print the wrong one."""
    broken = cache.decode(cache.encode(adam))
    fp = broken.linear[0]
    wrong_form = {adam.map.params["beta2"]: RHO ** (2 * adam.map.n - 3)}
    for q, _ in broken.fixed_points:  # the list holds its own copy of the linear point
        if q == fp:
            q.rho_form = wrong_form
    fp.rho_form = wrong_form
    cond = adam.exists_if[0]
    wrong = sp.powsimp(sp.powdenest(cond.rhs.subs(fp.rho_form), force=True), force=True)
    check = R._Checker(broken)
    assert not check.equal(wrong, cond.rhs)
    assert check.equal(RHO ** (adam.map.n - 1), cond.rhs)  # the right form passes the same check
    forms = R.in_rho_star(broken)
    assert forms["exists_if"][0] == cond  # explicit, not the wrong rho form
    assert R.as_dict(broken)["fixed_points"][-1]["in_rho_star"]["exists_if"] == [str(cond)]


def test_no_linear_point_and_compatible_keys():
    d = derive("gd")
    assert "no linear-convergence fixed point" in R.as_text(d)
    out = R.as_dict(d)
    assert all("in_rho_star" not in fp for fp in out["fixed_points"])
    json.dumps(out)
    a = R.as_dict(derive("adam", n=4))
    assert a["fixed_points"][-1]["exists_if"] == [str(c) for c in derive("adam", n=4).exists_if]
