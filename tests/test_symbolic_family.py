"""The symbolic engine on the optimizer family, checked against simulations that never call the engine.

Predictions come from ``derive`` / the numeric theory (asymptotic t -> oo map, one map per branch);
observations from ``adamdyn.simulate`` in normalized mode (log-space, no underflow). Every check is
also run on a deliberately wrong prediction, which it must reject.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from adamdyn import simulate
from adamdyn.theory import derive, quick_theory
from adamdyn.theory.map import N

RNG_SEED = 20260521
LINEAR_RULES = ("adamw", "nadam", "radam", "adamax")


def _late_rate(traj, window):
    """Observed per-step factor of |x| over the last ``window`` steps."""
    L = traj.log10_abs_x
    return 10 ** ((L[-1] - L[-1 - window]) / window)


def _settled(traj, window):
    """Independent of any theory: the normalized state (u, lambda) has settled and the rate is steady."""
    lam, u = traj.log10_lambda[-window:], traj.u[-window:]
    r1 = _late_rate(traj, window)
    L = traj.log10_abs_x
    r0 = 10 ** ((L[-1 - window] - L[-1 - 2 * window]) / window)
    steady = np.ptp(lam) < 1e-6 and (not np.all(np.isfinite(u)) or np.ptp(u) < 1e-6)
    return bool(steady and abs(r1 / r0 - 1) < 1e-6 and r1 < 1)


DEGREES = (3.0, 4.0, 5.0)  # the theory derived at each numeric degree the random points are drawn at


def _th(rule, n):
    return quick_theory(rule, float(n))


def _theory_call(method, rule, n, kw):
    """``method`` of the theory at each point's degree, as one array."""
    out = np.full(len(n), np.nan)
    for d in DEGREES:
        sel = n == d
        if sel.any():
            out[sel] = getattr(_th(rule, d), method)(**{k: v[sel] for k, v in kw.items()})
    return out


def _points(rule, size, rng):
    b1 = rng.uniform(0.0, 0.9, size)
    b2 = rng.uniform(0.7, 0.99, size)  # > 2/3: RAdam's adaptive branch
    n = rng.choice(DEGREES, size)
    kw = {"beta1": b1, "beta2": b2}
    if rule == "adamw":
        kw.update(lr=np.full(size, 0.1), weight_decay=rng.uniform(0.0, 0.3, size))
    if rule == "nadam":  # mu_t = beta1 (1 - 0.96^(t psi)/2) reaches beta1 within a few hundred steps at psi = 5
        kw.update(momentum_decay=np.full(size, 5.0))
    return n, kw


def _sim(rule, n, kw, steps):
    kw = {k: float(v) for k, v in kw.items()}
    return simulate(rule, n=float(n), steps=steps, mode="normalized", x0=1.0, **kw)


def check_rates(rule, rate_of, size=4, steps=6000, window=1000, tol=0.005):
    """Observed late rate within ``tol`` of ``rate_of(n, **kw)`` at random stable points (spectral radius < 0.97)."""
    rng = np.random.default_rng(RNG_SEED)
    n, kw = _points(rule, 400, rng)
    sr = _theory_call("spectral_radius", rule, n, kw)
    idx = np.flatnonzero(np.isfinite(sr) & (sr < 0.97))[:size]
    assert idx.size == size, f"{rule}: too few stable points"
    errs = []
    for i in idx:
        p = {k: v[i] for k, v in kw.items()}
        obs = _late_rate(_sim(rule, n[i], p, steps), window)
        pred = float(rate_of(n[i], **p))
        errs.append(abs(obs / pred - 1))
    return max(errs) <= tol, max(errs)


@pytest.mark.parametrize("rule", LINEAR_RULES)
def test_predicted_rate_matches_simulation_and_a_wrong_rate_is_rejected(rule):
    ok, err = check_rates(rule, lambda n, **p: _th(rule, n).rate(**p))
    print(f"\n{rule}: max relative rate error {err:.2e}")
    assert ok, err
    bad, _ = check_rates(rule, lambda n, **p: _th(rule, n).rate(**p) * 1.01)
    assert not bad


def _agreement(rule, regime_of, size, rng, steps=3000, window=500):
    """Share of random points (away from the boundaries) where 'regime 1' = 'the simulation settles'."""
    n, kw = _points(rule, size, rng)
    kw["beta2"] = rng.uniform(0.3, 0.99, size) if rule != "radam" else kw["beta2"]
    sr = _theory_call("spectral_radius", rule, n, kw)
    away = ~np.isfinite(sr) | (np.abs(sr - 1) > 0.01)
    hits = total = 0
    for i in np.flatnonzero(away):
        p = {k: v[i] for k, v in kw.items()}
        predicted = int(regime_of(n[i], **p)) == 1
        hits += predicted == _settled(_sim(rule, n[i], p, steps), window)
        total += 1
    return hits / total, total


@pytest.mark.parametrize("rule", ["adamax", "nadam"])
def test_existence_and_stability_agree_with_simulation(rule):
    frac, total = _agreement(rule, lambda n, **p: _th(rule, n).regime(**p), 40,
                             np.random.default_rng(RNG_SEED + 1))
    print(f"\n{rule}: regime 1 <=> settled simulation on {100 * frac:.1f}% of {total} points")
    assert frac >= 0.99
    # a theory with Adam's boundaries instead (beta2 where Adamax has beta2**2) must disagree somewhere
    if rule == "adamax":
        wrong = lambda n, **p: _th("adam", n).regime(beta1=p["beta1"], beta2=p["beta2"])  # noqa: E731
        frac_bad, _ = _agreement(rule, wrong, 40, np.random.default_rng(RNG_SEED + 1))
        assert frac_bad < 0.99


def _exponents(traj, ks):
    """Measured d log|x| / d log t over the doubling windows [2^k, 2^(k+1)]."""
    L = traj.log10_abs_x
    return np.array([(L[2 ** (k + 1)] - L[2 ** k]) / np.log10(2.0) for k in ks])


NO_LINEAR = [
    ("amsgrad", {"beta1": 0.5, "beta2": 0.9, "lr": 0.1}),
    ("adagrad", {"lr": 0.5, "lr_decay": 0.0}),
    ("adabound", {"beta1": 0.5, "gamma": 0.1, "final_lr": 0.1}),
    ("yogi", {"beta1": 0.5, "beta2": 0.9, "lr": 0.1}),
    ("radam", {"beta1": 0.5, "beta2": 0.5, "lr": 0.1}),
]


def check_power_law(traj, exponent, tol=0.02):
    """The late slope of log10 loss per step flattens (halves per doubling) and |x_t| ~ t^exponent."""
    ex = _exponents(traj, range(11, 15))
    L = traj.log10_abs_x
    slopes = np.array([(L[2 ** (k + 1)] - L[2 ** k]) / 2 ** k for k in range(11, 15)])
    flattens = np.all(np.abs(slopes[1:]) < np.abs(slopes[:-1])) and abs(slopes[-1]) < 1e-4
    return bool(flattens and abs(ex[-1] - exponent) < tol), ex


@pytest.mark.parametrize("rule,params", NO_LINEAR)
def test_no_linear_convergence_and_the_power_law(rule, params):
    structural = {k: v for k, v in params.items() if k in ("lr_decay",) or (rule == "radam" and k == "beta2")}
    d = derive(rule, n=4, **structural)
    assert not d.linear_convergence and d.linear is None and d.why_not
    assert d.late["kind"] == "power law", d.late
    predicted = float(d.late["exponent"])
    traj = simulate(rule, n=4, steps=2 ** 15, mode="normalized", x0=1.0, **params)
    ok, ex = check_power_law(traj, predicted)
    print(f"\n{rule}: predicted |x| ~ t^{predicted:g}, measured {np.round(ex, 4)}")
    assert ok
    assert not check_power_law(traj, predicted * 2 / 3)[0]  # GD on |x|^3 would give -1: a wrong law fails


def test_constant_size_steps_do_not_converge_below_the_step_size():
    d = derive("lion", n=4)
    assert not d.linear_convergence and d.late["kind"] == "constant step size"
    lr = 0.0123
    traj = simulate("lion", n=4, steps=2 ** 14, mode="normalized", x0=1.0, lr=lr)
    late = 10 ** traj.log10_abs_x[2 ** 12:]
    assert late.max() > lr / 2  # |x| keeps jumping by about lr: no convergence below the step size
    assert 10 ** traj.log10_abs_x[2 ** 13:].max() > 0.5 * late.max()  # and it does not shrink with time


def test_vanishing_and_frozen_schedules_are_named():
    ada = derive("adagrad", n=4)  # lr_decay > 0 (symbolic): the step decays as 1/t
    assert ada.map.step_decay == 1 and ada.late["kind"] == "stalls"
    assert derive("adagrad").late["kind"] == "stalls"  # symbolic n too
    assert derive("adagrad", lr_decay=0).late["exponent"] == -1 / (N - 2)  # no decay: GD's law


@pytest.mark.parametrize("n", [3.0, 6.0])
def test_adagrad_with_lr_decay_stalls(n):
    """The sum s never freezes under a 1/t step (sum g^2 diverges along (log t)^(-1/(n-2))), so the step
    is summable and x_t stops: its moves over successive doublings shrink geometrically (-> 2^(-1/2)).
    A (log t)^(-p) law would shrink them only like k/(k+1) (about 0.94 at t = 2^16)."""
    traj = simulate("adagrad", n=n, steps=2 ** 17, mode="normalized", x0=1.0, lr=0.5, lr_decay=0.5)
    L = traj.log10_abs_x
    moves = np.array([L[2 ** (k + 1)] - L[2 ** k] for k in range(12, 17)])
    ratios = moves[1:] / moves[:-1]
    assert np.all(moves < 0) and np.all(np.diff(ratios) < 0) and ratios[-1] < 0.85, ratios
    af = derive("adafactor", n=4)
    assert not af.linear_convergence and any("asymptotic map, t -> oo" in s for s in af.notes)
    assert af.late["exponent"] is None  # not derived, and not claimed
    traj = simulate("adafactor", n=4, steps=2 ** 14, mode="normalized", x0=1.0)
    L = traj.log10_abs_x
    slopes = [abs(L[2 ** (k + 1)] - L[2 ** k]) / 2 ** k for k in range(10, 13)]
    assert slopes[-1] < 1e-3 and slopes[-1] < slopes[0]  # log10 loss per step -> 0: no linear convergence


def test_branch_conditions_at_the_fixed_point():
    amax = derive("adamax", n=4)
    assert amax.linear_convergence and any("max(1, u_prev*beta2) = 1" in b["when"][0] for b in amax.branches)
    b2 = amax.map.params["beta2"]
    assert sp.simplify(amax.rate - sp.sqrt(b2)) == 0  # beta2^(1/(n-2)): u decays by beta2 per step
    ams = derive("amsgrad", n=4)
    assert not ams.linear_convergence
    assert any("violates" in b["outcome"] for b in ams.branches)  # vmax = v needs v to grow: fails at rho* < 1
    rad = derive("radam", n=4)
    assert any(str(c) == "beta2 > 2/3" for c in rad.exists_if)  # rho_inf > 5


def test_exact_reductions_and_only_derived_equivalences():
    a, w = derive("adam", n=4), derive("adamw", n=4, weight_decay=0)
    assert w.map.coords == a.map.coords and w.map.next == a.map.next and w.map.rho == a.map.rho
    assert w.rate == a.rate and w.exists_if == a.exists_if and w.stable_if == a.stable_if
    r = derive("radam", n=4)  # the adaptive branch (beta2 > 2/3) is Adam's map exactly
    assert r.map.next == a.map.next and r.map.rho == a.map.rho
    nd = derive("nadam", n=4)  # same rate as Adam, but a different map and fixed point: not 'Adam'
    assert sp.simplify(nd.rate - a.rate) == 0 and nd.map.rho != a.map.rho


def test_marginal_case_is_named_not_false():
    d = derive("s3", n=4, p=2, nesterov=False)
    assert sp.false not in d.stable_if and d.marginal and "marginal" in d.marginal[0]


def test_adamw_decay_point_and_the_observed_rates():
    """AdamW's second point (lambda* = 0, rho* = 1 - lr wd) against runs at lr 0.05, beta2 0.9, n = 4.

    Where it attracts (beta1 = 0.5, wd = 3) the run converges at 1 - lr wd = 0.85. Where its momentum
    eigenvalue beta1 (1 - lr wd)^(1-n) exceeds 1 it is a saddle: at beta1 = 0.95 the run takes the adaptive
    point's beta2^(1/4) = 0.974, slower than the decay (the old note said "the smaller of the two"); at
    beta1 = 0.9 there is no adaptive point, and the momentum's memory sets a third rate, beta1/sqrt(beta2)."""
    d = derive("adamw")
    note = next(s for s in d.notes if "second linear point" in s)
    assert "smaller of the two" not in note and "saddle" in note
    fp, st = next(pair for pair in d.fixed_points if pair[0].name.startswith("decay"))
    n, lr, b2, wd = 4.0, 0.05, 0.9, 3.0
    c = 1 - lr * wd
    syms = {s.name: s for e in st.eigenvalues for s in e.free_symbols}

    def eigs(b1):
        vals = {syms["n"]: n, syms["eta"]: lr, syms["weight_decay"]: wd, syms["beta1"]: b1, syms["beta2"]: b2}
        return [abs(float(e.subs({k: v for k, v in vals.items() if k in e.free_symbols}))) for e in st.eigenvalues]

    def observed(b1):
        r = simulate("adamw", n=n, steps=3000, mode="normalized", x0=1.0, lr=lr, beta1=b1, beta2=b2,
                     weight_decay=wd)
        late = np.asarray(r.step) >= 1500
        return 10 ** np.polyfit(np.asarray(r.step)[late], np.asarray(r.log10_abs_x)[late], 1)[0]

    assert max(eigs(0.5)) < 1 and abs(observed(0.5) - c) < 1e-6
    assert max(eigs(0.95)) > 1 and abs(observed(0.95) - b2 ** 0.25) < 1e-5  # slower than 0.85
    assert max(eigs(0.9)) > 1 and abs(observed(0.9) - 0.9 / b2 ** 0.5) < 1e-4
    from adamdyn.theory import rate, regime
    kw = dict(n=n, lr=lr, beta2=b2, weight_decay=wd)
    assert regime("adamw", beta1=0.95, **kw) == 1 and abs(float(rate("adamw", beta1=0.95, **kw)) - b2 ** 0.25) < 1e-12
    assert regime("adamw", beta1=0.9, **kw) == 3  # rate() describes the adaptive point only
