"""Engine follow-ups: S3 with symbolic n and p, NAdam with symbolic n, transitive cache keys, RAdam at every
beta2, AdaBelief's eps in the normalized frame.

Predictions come from ``derive`` (the shipped derivations); observations from ``adamdyn.simulate``
(normalized mode, which never calls the engine). Each check is also run on a deliberately wrong input.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import sympy as sp

from adamdyn import simulate
from adamdyn.rules import get_rule
from adamdyn.theory import cache, derive
from adamdyn.theory.map import N

SEED = 20260522


def _holds(conds, syms, vals) -> np.ndarray:
    """Whether every relational in ``conds`` holds at the points ``vals`` (arrays, in the order of ``syms``)."""
    ok = np.ones(len(vals[0]), dtype=bool)
    for c in conds:
        if c is sp.true:
            continue
        f = sp.lambdify(syms, c.lhs - c.rhs, "numpy")
        with np.errstate(all="ignore"):
            v = np.broadcast_to(np.asarray(f(*vals), dtype=float), ok.shape)
        ok &= (v > 0) if isinstance(c, (sp.StrictGreaterThan, sp.GreaterThan)) else (v < 0)
    return ok


def _late(traj, window):
    """(late rate of |x| per step, whether it is steady): independent of any theory."""
    L = traj.log10_abs_x
    r1 = 10 ** ((L[-1] - L[-1 - window]) / window)
    r0 = 10 ** ((L[-1 - window] - L[-1 - 2 * window]) / window)
    return r1, bool(np.isfinite(r1) and abs(r1 / r0 - 1) < 1e-6 and r1 < 1)


def _check(rule, d, draw, flags, size, rate_factor=1.0, steps=4000, window=800):
    """At random points: (max relative rate error where the derived conditions hold, share of points where
    'conditions hold' equals 'the simulation settles at a steady rate < 1')."""
    syms = [N] + list(d.map.params.values())
    rng = np.random.default_rng(SEED)
    vals = draw(rng, size)
    names = [str(s) for s in syms[1:]]
    pred = _holds(list(d.exists_if) + list(d.stable_if), syms, [vals["n"]] + [vals[k] for k in names])
    rate = sp.lambdify(syms, d.rate, "numpy")
    errs, agree = [], 0
    for i in range(size):
        kw = {k: float(vals[k][i]) for k in vals if k != "n"}
        traj = simulate(rule, n=float(vals["n"][i]), steps=steps, mode="normalized", x0=1.0, **flags, **kw)
        obs, settled = _late(traj, window)
        agree += settled == pred[i]
        if pred[i] and settled:
            errs.append(abs(obs / (rate_factor * float(rate(vals["n"][i], *[kw[k] for k in names]))) - 1))
    return (max(errs) if errs else np.inf), agree / size, int(pred.sum())


def _s3_points(rng, size):
    return {"n": rng.uniform(2.5, 6.0, size), "p": rng.uniform(0.5, 4.0, size), "beta": rng.uniform(0.3, 0.9, size),
            "lr": np.full(size, 0.01)}


@pytest.mark.parametrize("nesterov", [True, False])
def test_s3_symbolic_n_and_p_against_simulation(nesterov):
    d = derive("s3", nesterov=nesterov)
    assert d.linear_convergence and d.n == N and set(d.map.params) == {"beta", "p"}
    err, agree, stable = _check("s3", d, _s3_points, {"nesterov": nesterov}, 24)
    print(f"\ns3 nesterov={nesterov}: rate error {err:.2e} at {stable} stable points; agreement {agree:.2f}")
    assert stable >= 4 and err <= 0.005 and agree >= 0.95
    bad, _, _ = _check("s3", d, _s3_points, {"nesterov": nesterov}, 24, rate_factor=1.01)
    assert bad > 0.005  # a 1% wrong rate is rejected


def test_s3_symbolic_p_contains_the_marginal_case():
    """With p and n symbolic and Nesterov off, the stability bound passes through p = 2 at n = 4, where the
    n = 4, p = 2 derivation finds the Jury condition 0 identically (marginal)."""
    d = derive("s3", nesterov=False)
    n, p, beta = N, d.map.params["p"], d.map.params["beta"]
    at = {n: 4, beta: sp.Rational(1, 2)}
    assert any(c.subs(at).subs(p, 2) is sp.false and c.subs(at).subs(p, sp.Rational(21, 10)) is sp.true
               for c in d.stable_if)


def _nadam_points(rng, size):
    return {"n": rng.uniform(2.5, 7.0, size), "beta1": rng.uniform(0.0, 0.9, size),
            "beta2": rng.uniform(0.3, 0.99, size), "momentum_decay": np.full(size, 5.0), "lr": np.full(size, 0.01)}


def test_nadam_symbolic_n_against_simulation():
    d = derive("nadam")  # symbolic n: shipped (the Jury block's determinant written out, not simplified by det())
    assert d.linear_convergence and d.n == N
    err, agree, stable = _check("nadam", d, _nadam_points, {}, 24)
    print(f"\nnadam, symbolic n: rate error {err:.2e} at {stable} stable points; agreement {agree:.2f}")
    assert stable >= 4 and err <= 0.005 and agree >= 0.95
    bad, _, _ = _check("nadam", d, _nadam_points, {}, 24, rate_factor=1.01)
    assert bad > 0.005


def test_rule_key_includes_imported_rule_modules(monkeypatch):
    """AdamW calls adam.py's update: editing adam.py changes AdamW's key, not S3's (which imports only gd)."""
    assert "adamdyn.rules.adam" in cache.rule_modules("adamdyn.rules.adamw")
    assert "adamdyn.rules.adam" not in cache.rule_modules("adamdyn.rules.s3")
    args = (None, ())
    before = {r: cache.cache_key("derivation", get_rule(r), args) for r in ("adamw", "nadam", "s3", "adam")}
    real = cache._module_source

    def edited(name):
        src = real(name)
        return src + "\n# edited\n" if name == "adamdyn.rules.adam" else src

    monkeypatch.setattr(cache, "_module_source", edited)
    after = {r: cache.cache_key("derivation", get_rule(r), args) for r in before}
    assert after["adamw"] != before["adamw"] and after["nadam"] != before["nadam"] and after["adam"] != before["adam"]
    assert after["s3"] == before["s3"]


@pytest.mark.parametrize("beta2", [0.0, 1 / 3, 0.5, 0.6, float(np.nextafter(0.6, 1.0)), 2 / 3])
def test_radam_runs_at_every_beta2(beta2):
    """rho_inf = 4 (beta2 = 0.6) or 2 (1/3) zeroes the rectification's denominator in the branch not taken."""
    for mode in ("raw", "normalized"):
        traj = simulate("radam", n=4, beta2=beta2, beta1=0.5, lr=0.1, steps=200, mode=mode)
        assert np.all(np.isfinite(traj.log10_abs_x))


def _radam_reference(beta1, beta2, lr, steps, n=4.0, x=1.0):
    """torch.optim.RAdam's algorithm (Liu et al., 2020, Algorithm 2), step by step on |x|^n/n."""
    m = v = 0.0
    xs = [x]
    rinf = 2 / (1 - beta2) - 1
    for t in range(1, steps + 1):
        g = np.sign(x) * abs(x) ** (n - 1)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        mhat = m / (1 - beta1**t)
        rt = rinf - 2 * t * beta2**t / (1 - beta2**t)
        if rt > 5:
            r = np.sqrt((rt - 4) * (rt - 2) * rinf / ((rinf - 4) * (rinf - 2) * rt))
            x = x - lr * mhat * r * np.sqrt(1 - beta2**t) / np.sqrt(v)
        else:
            x = x - lr * mhat
        xs.append(x)
    return np.array(xs)


def test_radam_unchanged_where_the_adaptive_branch_is_taken():
    ref = _radam_reference(0.8, 0.9, 0.05, 300)
    got = simulate("radam", n=4, beta1=0.8, beta2=0.9, lr=0.05, steps=300, mode="raw").x.ravel()
    assert np.allclose(got, ref, rtol=1e-12, atol=0)
    assert not np.allclose(got, _radam_reference(0.8, 0.9 + 1e-6, 0.05, 300), rtol=1e-12, atol=0)


@pytest.mark.parametrize("eps", [1e-8, 1e-3])
def test_adabelief_eps_raw_and_normalized_agree(eps):
    kw = dict(n=4, eps=eps, beta1=0.8, beta2=0.9, lr=1e-2, steps=1500, x0=1.0)
    raw = simulate("adabelief", mode="raw", **kw).log10_abs_x
    norm = simulate("adabelief", mode="normalized", **kw).log10_abs_x
    assert np.max(np.abs(raw - norm)) < 1e-9
    # the broken frame: the s_t term scaled with eps's degree 1 (one parameter, one degree) disagrees
    rule = get_rule("adabelief")
    broken = dataclasses.replace(rule, name="adabelief_one_degree", param_degrees=lambda p: {"eps": 1})
    bad = simulate(broken, mode="normalized", **kw).log10_abs_x
    assert np.max(np.abs(raw - bad)) > 1e-3
