"""adamdyn.dynamics.atlas: Lyapunov spectra against maps with known answers, the rule's Jacobian against finite
differences, the atlas's labels and rates against independent simulations, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest

from adamdyn.dynamics.atlas import atlas, lyapunov_spectrum
from adamdyn.dynamics.maps import orbit_map

# --------------------------------------------------------------------------- known maps


def _logistic(r):
    return (lambda x: [r * x[0] * (1 - x[0])]), (lambda x: [[r - 2 * r * x[0]]])


def test_logistic_r4_exponent_is_ln2():
    step, jac = _logistic(4.0)
    x0 = [np.linspace(0.11, 0.89, 16)]
    s = lyapunov_spectrum(step, jac, x0, steps=8000, transient=100, blocks=16)
    est = float(np.mean(s.exponents[0]))
    err = float(np.sqrt(np.sum(s.stderr[0] ** 2))) / s.stderr[0].size
    assert abs(est - math.log(2)) < 5 * err + 2e-3, (est, err)
    assert err < 0.01
    # a wrong Jacobian (factor 1.5) is off by log 1.5
    s_bad = lyapunov_spectrum(step, lambda x: [[1.5 * (4 - 8 * x[0])]], x0, steps=8000, transient=100, blocks=16)
    assert abs(float(np.mean(s_bad.exponents[0])) - math.log(2)) > 0.3


def _accel(alpha, n=4):
    # S' = alpha S |1 - S|^(n-2) (adamdyn.sweeps.bifurcation), written out here
    def step(x):
        return [alpha * x[0] * np.abs(1 - x[0]) ** (n - 2)]

    def jac(x):
        s = x[0]
        return [[alpha * np.abs(1 - s) ** (n - 2) - alpha * (n - 2) * s * np.abs(1 - s) ** (n - 3) * np.sign(1 - s)]]

    return step, jac


def _two_cycle(alpha):
    """The 2-cycle of S' = alpha S (1 - S)^2 from the roots of h(h(S)) - S (numpy polynomial algebra)."""
    h = np.polynomial.Polynomial([0, alpha, -2 * alpha, alpha])
    roots = (h(h) - np.polynomial.Polynomial([0, 1])).roots()
    real = np.sort(roots[np.abs(roots.imag) < 1e-9].real)
    fixed = (h - np.polynomial.Polynomial([0, 1])).roots()
    cyc = [r for r in real if np.min(np.abs(r - fixed.real)) > 1e-6 and 0 < r < 1]
    return np.array(cyc)


@pytest.mark.parametrize("alpha", [3.0, 3.8, 4.1, 4.3])
def test_acceleration_map_period_doubling_at_4(alpha):
    step, jac = _accel(alpha)
    x = [np.array([0.3])]
    for _ in range(4000):
        x = step(x)
    orbit = []
    for _ in range(4):
        orbit.append(float(x[0][0]))
        x = step(x)
    period = 1 if abs(orbit[1] - orbit[0]) < 1e-9 else (2 if abs(orbit[2] - orbit[0]) < 1e-9 else 0)
    assert period == (1 if alpha < 4 else 2)
    s = lyapunov_spectrum(step, jac, [0.3], steps=4000, transient=4000, blocks=8)
    dh = np.polynomial.Polynomial([alpha, -4 * alpha, 3 * alpha])  # h'(S) for h = alpha S (1-S)^2
    if alpha < 4:
        # the fixed point S* = 1 - 1/sqrt(alpha), found here as a root of h(S) = S
        fixed = (np.polynomial.Polynomial([0, alpha, -2 * alpha, alpha]) - np.polynomial.Polynomial([0, 1])).roots()
        sstar = [r.real for r in fixed if 0 < r.real < 1 and abs(r.imag) < 1e-12 and r.real > 1e-9]
        expected = math.log(abs(dh(sstar[0])))
    else:
        a, b = _two_cycle(alpha)[:2]
        expected = 0.5 * math.log(abs(dh(a) * dh(b)))
    assert expected < 0
    assert abs(float(s.exponents[0, 0]) - expected) < 1e-6


def test_acceleration_map_chaos_positive_exponent():
    step, jac = _accel(6.0)
    s = lyapunov_spectrum(step, jac, [np.linspace(0.2, 0.4, 8)], steps=20000, transient=1000, blocks=16)
    # the bifurcation module's own estimate at alpha = 6, n = 4 (10^5 steps) is 0.354; here an independent
    # two-orbit estimate (no Jacobian): separation growth of nearby orbits, renormalised every step
    x = np.linspace(0.2, 0.4, 8)
    for _ in range(1000):
        x = step([x])[0]
    d = 1e-9
    y = x + d
    total = np.zeros_like(x)
    for _ in range(20000):
        x, y = step([x])[0], step([y])[0]
        sep = np.abs(y - x)
        total += np.log(sep / d)
        y = x + d * np.sign(y - x)
    two_orbit = float(np.mean(total / 20000))
    est = float(np.mean(s.exponents[0]))
    assert est > 0.2
    assert abs(est - two_orbit) < 0.02


def test_linear_map_spectrum():
    rng = np.random.default_rng(0)
    A = np.array([[2.0, 0.7, -0.3], [0.0, 0.5, 0.4], [0.0, 0.0, -0.1]])
    P = rng.normal(size=(3, 3))
    M = P @ A @ np.linalg.inv(P)  # eigenvalues 2, 0.5, -0.1 in a non-orthogonal basis

    def step(x):
        return [sum(M[i, j] * x[j] for j in range(3)) * 0 for i in range(3)]  # the orbit does not matter

    s = lyapunov_spectrum(step, lambda x: [[M[i, j] for j in range(3)] for i in range(3)], [0.0, 0.0, 0.0],
                          steps=400, transient=0, blocks=4)
    expected = np.sort(np.log(np.abs(np.linalg.eigvals(M))))[::-1]
    assert np.allclose(s.exponents[:, 0], expected, atol=0.02)
    assert np.allclose(s.exponents.sum(axis=0), math.log(abs(np.linalg.det(M))), atol=1e-10)
    # a rotation-scaling block: both exponents log 0.9
    R = 0.9 * np.array([[math.cos(1.0), -math.sin(1.0)], [math.sin(1.0), math.cos(1.0)]])
    s2 = lyapunov_spectrum(lambda x: x, lambda x: R.tolist(), [0.0, 0.0], steps=200, transient=0, blocks=4)
    assert np.allclose(s2.exponents[:, 0], math.log(0.9), atol=1e-10)


# --------------------------------------------------------------------------- the rule's map


def _fd_jacobian(rm, X, S, P, h=1e-6):
    k = len(X)
    J = np.zeros((k, k, X[0].size))
    for j in range(k):
        Xp = [v.copy() for v in X]
        Xm = [v.copy() for v in X]
        Xp[j] = Xp[j] + h * np.maximum(np.abs(X[j]), 1e-3)
        Xm[j] = Xm[j] - h * np.maximum(np.abs(X[j]), 1e-3)
        fp, _, _ = rm.step(Xp, S, P)
        fm, _, _ = rm.step(Xm, S, P)
        for i in range(k):
            J[i, j] = (fp[i] - fm[i]) / (Xp[j] - Xm[j])
    return J


@pytest.mark.parametrize("rule", ["adam", "nadam"])
def test_jacobian_matches_finite_differences(rule):
    rm = orbit_map(rule, 4)
    rng = np.random.default_rng(1)
    m = 20
    X = []
    for c in rm.coords:
        X.append(rng.uniform(0.05, 0.5, m) if c == "lambda" else rng.uniform(0.2, 1.5, m))
    S = rng.uniform(-3, 1, m)
    P = {k: rng.uniform(0.1, 0.95, m) for k in rm.params}
    J = np.array([[np.asarray(e) for e in row] for row in rm.jacobian(X, S, P)])
    fd = _fd_jacobian(rm, X, S, P)
    assert np.allclose(J, fd, rtol=1e-5, atol=1e-7)
    # a broken Jacobian (one entry perturbed by 1%) fails the same check
    J_bad = J.copy()
    J_bad[0, 1] *= 1.01
    assert not np.allclose(J_bad, fd, rtol=1e-5, atol=1e-7)


def test_adam_atlas_fixed_point_rate_and_spectrum():
    """Linear convergence cells: the observed rate against a normalized simulation, the spectrum against the
    eigenvalues of a finite-difference Jacobian at the end point, the sum rule."""
    from adamdyn import simulate

    a = atlas("adam", {"beta1": [0.5, 0.9], "beta2": [0.3, 0.95]}, steps=1500)
    lab = a.label
    assert lab[0, 1] == "fixed_point" and lab[1, 1] == "fixed_point"
    assert lab[1, 0] in ("spiking", "chaotic", "periodic", "quasi_periodic")
    assert np.nanmax(a.sum_rule_gap) < 1e-10
    tr = simulate("adam", n=4, beta1=0.5, beta2=0.95, steps=1500, mode="normalized")
    # late slope of log|x| per step from the simulation, without the atlas
    la = np.asarray(tr.log10_abs_x)
    observed = 10 ** ((la[-1] - la[-501]) / 500)
    assert abs(a.rate[0, 1] - observed) < 1e-6 * observed
    # spectrum at the end point = log|eigenvalues| of the map's Jacobian there (finite differences)
    rm = orbit_map("adam", 4)
    X = [np.array([a.final_state[i, 0, 1]]) for i in range(2)]
    P = {"beta1": np.array([0.5]), "beta2": np.array([0.95])}
    eig = np.log(np.abs(np.linalg.eigvals(_fd_jacobian(rm, X, np.array([-300.0]), P)[:, :, 0])))
    # the whole map's spectrum: the reduced map's plus the z direction's, the log of the observed rate
    expected = np.sort(np.append(eig, np.log(observed)))[::-1]
    assert a.lyapunov_spectrum.shape[0] == 3
    assert np.allclose(np.sort(a.lyapunov_spectrum[:, 0, 1])[::-1], expected, atol=5e-3)


def _raw_adam_cycle_exponents(b1, b2, n, period, lr=1e-2, settle=20000, h=1e-7):
    """Per-step Lyapunov exponents of a cycle of raw Adam (x, m, v; eps = 0, no bias correction) on |x|^n/n,
    written here without adamdyn: iterate onto the cycle, then the eigenvalues of the product of central
    finite-difference Jacobians over one period, as log|mu| / period."""
    def step(s):
        x, m, v = s
        g = np.sign(x) * abs(x) ** (n - 1)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        return np.array([x - lr * m / np.sqrt(v), m, v])

    s = np.array([1.0, 0.0, 0.0])
    s = step(s)
    for _ in range(settle):
        s = step(s)
    M = np.eye(3)
    for _ in range(period):
        J = np.empty((3, 3))
        for j in range(3):
            d = h * max(abs(s[j]), 1e-12)
            e = np.zeros(3)
            e[j] = d
            J[:, j] = (step(s + e) - step(s - e)) / (2 * d)
        M = J @ M
        s = step(s)
    return np.sort(np.log(np.abs(np.linalg.eigvals(M))) / period)[::-1]


@pytest.mark.parametrize("engine", ["numba", "numpy"])
def test_cycles_at_a_finite_loss_get_their_own_spectrum(engine):
    """A stable 2-cycle of Adam at a finite loss: the spectrum is the orbit's (against raw Adam's cycle written in
    the test), all exponents negative; a stable 3-cycle too. The reduced map's spectrum alone, which the atlas
    reported before, gave them +0.55 and +0.37."""
    a = atlas("adam", {"beta1": [0.208]}, beta2=0.01, n=4, steps=1500, engine=engine)
    assert a.label[0] == "periodic" and a.period[0] == 2
    ref = _raw_adam_cycle_exponents(0.208, 0.01, 4, 2)
    got = a.lyapunov_spectrum[:, 0]
    assert np.all(ref < 0) and np.allclose(got, ref, atol=5e-3), (got, ref)
    # (raw Adam from x0 = 1 lands on another attractor here: the cycle's exponents, -0.137, -0.136, -1.53, were
    # checked by an independent mpmath finite-difference Jacobian from the atlas's start, outside the suite)
    a = atlas("adam", {"beta1": [0.5679]}, beta2=0.2889, n=4, steps=1500, engine=engine)
    assert a.label[0] == "periodic" and a.period[0] == 3 and np.all(a.lyapunov_spectrum[:, 0] < -0.1)


def test_atlas_summary_keys_and_bad_input():
    a = atlas("adam", {"beta2": [0.5, 0.99]}, beta1=0.9, steps=300)
    d = a.summary()
    for key in ("axes", "label", "lyapunov_spectrum", "rate", "period"):
        assert key in d
    with pytest.raises(ValueError, match="n=1.5"):
        atlas("adam", {"beta2": [0.5]}, n=1.5, steps=100)
    with pytest.raises(ValueError, match="not a parameter"):
        atlas("adam", {"gamma": [0.5]}, steps=100)
    with pytest.raises(ValueError, match="eps"):
        atlas("adam", {"beta2": [0.5]}, eps=1e-8, steps=100)
    with pytest.raises(ValueError, match="blocks"):
        atlas("adam", {"beta2": [0.5]}, steps=10, blocks=16)
    with pytest.raises(ValueError, match="beta2"):
        atlas("adam", {"beta2": [1.5]}, steps=100)


def _adamax_check(a, theory, B1, B2, margin=0.06):
    """(agreement of "fixed_point with rate < 1" with Regime I, max rate rel error) on cells whose predicted
    regime is the same at every parameter point within ``margin`` (away from the boundaries)."""
    reg = np.asarray(theory.regime(beta1=B1, beta2=B2))
    away = np.ones(B1.shape, dtype=bool)
    for d1 in (-margin, 0, margin):
        for d2 in (-margin, 0, margin):
            b1, b2 = np.clip(B1 + d1, 1e-3, 0.999), np.clip(B2 + d2, 1e-3, 0.999)
            away &= np.asarray(theory.regime(beta1=b1, beta2=b2)) == reg
    obs = (a.label == "fixed_point") & (a.rate < 1 - 1e-6)
    pred = reg == 1
    both = away & obs & pred
    rho = np.asarray(theory.rate(beta1=B1, beta2=B2), dtype=float)
    return float(np.mean((obs == pred)[away])), float(np.max(np.abs(a.rate[both] / rho[both] - 1))), away, pred


def test_adamax_atlas_agrees_with_regime_one_away_from_boundaries():
    """Adamax (a max in its update: each cell takes the branch that holds on its state): its theory-free labels
    are fixed_point exactly where quick_theory says Regime I, away from the boundaries, with rate rho*; the rates
    of another rule's theory (Adam) are told apart."""
    from adamdyn.theory.numeric import quick_theory

    g1, g2 = np.linspace(0.05, 0.95, 8), np.linspace(0.05, 0.99, 8)
    a = atlas("adamax", {"beta1": g1, "beta2": g2}, n=4, steps=1000)
    B1, B2 = np.meshgrid(g1, g2, indexing="ij")
    agree, rate_err, away, pred = _adamax_check(a, quick_theory("adamax", 4), B1, B2)
    assert away.sum() >= 30 and (away & pred).sum() >= 10 and (away & ~pred).sum() >= 10
    assert agree == 1.0 and rate_err < 1e-6, (agree, rate_err)
    _, wrong_err, _, _ = _adamax_check(a, quick_theory("adam", 4), B1, B2)
    assert wrong_err > 1e-3


# --------------------------------------------------------------------------- the numba path


def _generated_fd(mod, x, z, p, br, h=1e-6):
    """Central differences of the generated map_step's whole map (x, z) -> (next state, |rho| z): the kernel's
    own map, no Jacobian code."""
    k = x.size
    J = np.zeros((k + 1, k + 1))
    for j in range(k + 1):
        step = h * max(abs(x[j]) if j < k else z, 1e-3)
        out = []
        for sgn in (1.0, -1.0):
            xx, zz = x.copy(), z
            if j < k:
                xx[j] += sgn * step
            else:
                zz += sgn * step
            nxt = np.empty(k)
            e = np.zeros((k + 1, k + 1))
            rho, _ = mod.map_step(xx, zz, p, br, nxt, e.copy(), False, e, np.zeros(k + 1), np.zeros(k + 1))
            out.append(np.append(nxt, abs(rho) * zz))
        J[:, j] = (out[0] - out[1]) / (2 * step)
    return J


@pytest.mark.parametrize("rule", ["adam", "adamax"])
def test_generated_map_step_matches_the_numpy_map_and_finite_differences(rule):
    """The printed map (numba kernel's map_step) against the lambdified numpy map (next state, rho, branch) and
    its printed Jacobian against finite differences of its own next state; a kernel printed with a 1% wrong
    Jacobian entry fails the same check."""
    from adamdyn.dynamics._atlas_kernel import kernel

    rm = orbit_map(rule, 4)
    mod, bad = kernel(rm), kernel(rm, wrong_jacobian=0.01)
    rng = np.random.default_rng(3)
    k = len(rm.coords) + 1  # the whole map's tangent space: the coordinates and z
    worst, worst_bad, worst_parts_bad, branches = 0.0, 0.0, 0.0, set()
    for _ in range(24):
        x = np.array([rng.uniform(0.05, 0.5) if c == "lambda" else rng.uniform(0.2, 1.5) for c in rm.coords])
        z = float(np.exp(rng.uniform(-3, 0)))
        p = rng.uniform(0.1, 0.95, len(rm.params))
        br = int(rng.integers(len(rm.branches)))
        nxt, J, E, ab = np.empty(k - 1), np.zeros((k, k)), np.zeros((k, k)), np.zeros((2, k))
        rho, new = mod.map_step(x, z, p, br, nxt, J, True, E, ab[0], ab[1])
        args = ([np.array([v]) for v in x], np.array([np.log(z)]), {q: np.array([v]) for q, v in zip(rm.params, p)},
                np.array([br]))
        ref, _, rho_ref, new_ref = rm.advance(*args)
        # the parts J = E + a b^T: they add up to J, and equal the numpy path's parts (OrbitMap.jacobian_parts)
        assert np.allclose(E + np.outer(ab[0], ab[1]), J, rtol=1e-13, atol=1e-15)
        Ep, ap, bp = rm.jacobian_parts(*args, with_z=True)
        assert np.allclose(E, np.array(Ep, dtype=float)[:, :, 0], rtol=1e-12, atol=1e-15)
        assert np.allclose(ab, [np.array(ap, dtype=float)[:, 0], np.array(bp, dtype=float)[:, 0]], rtol=1e-12,
                           atol=1e-15)
        assert new == int(new_ref[0]) and abs(rho - float(rho_ref[0])) <= 1e-13 * max(1.0, abs(rho))
        assert np.allclose(nxt, [float(v[0]) for v in ref], rtol=1e-13, atol=1e-15)
        branches.add(new)
        fd = _generated_fd(mod, x, z, p, br)
        if not np.all(np.isfinite(fd)):
            continue
        scale = np.maximum(np.abs(fd), 1e-6)
        worst = max(worst, float(np.max(np.abs(J - fd) / scale)))
        Jb, Eb, abb = np.zeros((k, k)), np.zeros((k, k)), np.zeros((2, k))
        bad.map_step(x, z, p, br, np.empty(k - 1), Jb, True, Eb, abb[0], abb[1])
        worst_bad = max(worst_bad, float(np.max(np.abs(Jb - fd) / scale)))
        worst_parts_bad = max(worst_parts_bad, float(np.max(np.abs(Eb + np.outer(abb[0], abb[1]) - fd) / scale)))
    assert len(branches) == len(rm.branches)  # every branch of the rule was exercised
    assert worst < 1e-5, worst
    assert worst_bad > 1e-3 and worst_parts_bad > 1e-3, (worst_bad, worst_parts_bad)


@pytest.mark.parametrize("rule", ["adam", "adamax"])
def test_numba_atlas_agrees_with_the_numpy_reference(rule):
    """8 x 8 atlas by the generated kernel and by the lambdified numpy map: the same labels on every cell whose
    orbit converges or repeats, exponents equal to 1e-11 there, the sum rule in both. (On orbits with a
    positive exponent -- chaotic or spiking -- the two part after ~36/lambda steps, so only labels are compared.)"""
    g1, g2 = np.linspace(0.05, 0.95, 8), np.linspace(0.05, 0.99, 8)
    a = atlas(rule, {"beta1": g1, "beta2": g2}, n=4, steps=600, engine="numba")
    b = atlas(rule, {"beta1": g1, "beta2": g2}, n=4, steps=600, engine="numpy")
    assert a.settings["engine"] == "numba" and b.settings["engine"] == "numpy"
    # (a spiking orbit parts between the engines: one may then take a step through the singular branch of a
    # max -- Adamax's u = |g| -- inside the window and the other not, so spiking cells are never "calm")
    calm = np.isin(b.label, ["fixed_point", "quasi_periodic", "unresolved"]) & (a.spikes == 0) & (b.spikes == 0)
    assert calm.sum() >= 16
    assert np.array_equal(a.label[calm], b.label[calm])
    assert np.mean(a.label == b.label) >= 0.9
    both = calm & np.all(np.isfinite(b.lyapunov_spectrum), axis=0)
    assert np.max(np.abs(a.lyapunov_spectrum - b.lyapunov_spectrum)[:, both]) < 1e-11
    fp = (b.label == "fixed_point") & ~b.sublinear
    assert np.max(np.abs(a.rate[fp] / b.rate[fp] - 1)) < 1e-11
    assert np.nanmax(a.sum_rule_gap) < 1e-9 and np.nanmax(b.sum_rule_gap) < 1e-9


def _yogi_power(beta1, beta2, lr=0.01, n=4, t1=4000, t2=16000):
    """|x| ~ t^-p from a raw float64 Yogi run written out here (eps = 0, no bias correction): p between t1 and t2."""
    x, m, v = 1.0, 0.0, 0.0
    at = {}
    for t in range(1, t2 + 1):
        g = np.sign(x) * abs(x) ** (n - 1)
        m = beta1 * m + (1 - beta1) * g
        v = v - (1 - beta2) * np.sign(v - g * g) * g * g
        x = x - lr * m / np.sqrt(v)
        if t in (t1, t2):
            at[t] = abs(x)
    return -math.log(at[t2] / at[t1]) / math.log(t2 / t1)


def test_yogi_power_law_orbits_are_fixed_points_with_the_simulated_power():
    """Yogi's normalized orbits creep to a point with |rho| -> 1 (sublinear convergence): labelled fixed_point
    with sublinear=True and a power p equal to the one of a raw simulation (|x| ~ t^-p); Adam's linear
    convergence is not taken for a power law."""
    g1, g2 = np.array([0.3, 0.6]), np.array([0.9, 0.99])
    a = atlas("yogi", {"beta1": g1, "beta2": g2}, n=4, steps=2000, engine="numpy")
    assert np.all(a.label == "fixed_point") and np.all(a.sublinear), (a.label, a.sublinear)
    for i, b1 in enumerate(g1):
        for j, b2 in enumerate(g2):
            sim = _yogi_power(b1, b2)
            assert abs(a.power[i, j] - sim) < 0.05, (b1, b2, a.power[i, j], sim)
    # the observed power is not a constant: a wrong reference (p = 1) is told apart
    assert np.all(np.abs(a.power - 1.0) > 0.3)
    b = atlas("adam", {"beta1": g1, "beta2": g2}, n=4, steps=2000, engine="numpy")
    lin = b.label == "fixed_point"
    assert lin.sum() >= 2 and not np.any(b.sublinear[lin]) and np.all(np.isnan(b.power[lin]))


def test_qr_step_is_exact_where_the_rank_one_part_dwarfs_the_jacobian():
    """A step that lands almost on the minimum (rho ~ 1e-15, the parts of Adam's Jacobian at such a step of the
    256 x 256 atlas): J = E + a b^T has entries ~1e59 and a determinant ~1e-90 of their squares. The QR step on
    the parts gives log|R_11| + log|R_22| and log|det J| equal to exact rational arithmetic on the same float
    numbers to 1e-12; Gram-Schmidt on the summed float J (the old step) is off by more than 1e-2."""
    from fractions import Fraction as F

    from adamdyn.dynamics.lyapunov import _log_det, _qr_step

    E = [[-3.7164e44, 0.0], [0.0, 1.9234e-30]]
    a, b = [1.0398e59, 2.2846e-14], [8.0014, 0.12511]
    c, s = math.cos(0.3), math.sin(0.3)
    Q = [[c, -s], [s, c]]
    col = lambda v: [np.array([x]) for x in v]  # noqa: E731
    Qn, logs = _qr_step([col(r) for r in E], col(a), col(b), [col(r) for r in Q])
    J = [[F(E[i][j]) + F(a[i]) * F(b[j]) for j in range(2)] for i in range(2)]
    detJ = J[0][0] * J[1][1] - J[0][1] * J[1][0]
    detQ = F(c) * F(c) + F(s) * F(s)
    M0 = [J[i][0] * F(c) + J[i][1] * F(s) for i in range(2)]
    exact_r11 = 0.5 * math.log(float(M0[0] ** 2 + M0[1] ** 2))
    exact = math.log(abs(float(detJ * detQ)))
    assert abs(float(logs[0][0]) - exact_r11) < 1e-12
    assert abs(float(logs[0][0] + logs[1][0]) - exact) < 1e-12
    assert abs(float(_log_det([col(r) for r in E], col(a), col(b))[0]) - math.log(abs(float(detJ)))) < 1e-12
    Qm = np.array([[float(Qn[i][j][0]) for j in range(2)] for i in range(2)])
    assert np.allclose(Qm.T @ Qm, np.eye(2), atol=1e-15)
    # the old step: Gram-Schmidt on the float sum J (no parts) loses log|R_22| entirely
    Jf = [[col([E[i][j] + a[i] * b[j]])[0] for j in range(2)] for i in range(2)]
    zero = [np.zeros(1)] * 2
    _, logs_old = _qr_step(Jf, zero, zero, [col(r) for r in Q])
    assert abs(float(logs_old[0][0] + logs_old[1][0]) - exact) > 1e-2


def test_a_state_standing_still_at_a_finite_loss_is_a_two_cycle_and_a_slow_focus_is_a_fixed_point():
    """beta1 = beta2 = 0.01 (almost sign descent): the normalized state stops while x flips sign at |x| ~ lr/2
    for ever (rate 1): a 2-cycle of the iterate, not a convergence (it was labelled fixed_point). A focus still
    spiralling in (modulus 0.995) at an amplitude near tol: a fixed point (it was periodic with period 14 or 15)."""
    for engine in ("numba", "numpy"):
        a = atlas("adam", {"beta1": [0.01]}, beta2=0.01, n=4, steps=1500, engine=engine)
        assert a.label[0] == "periodic" and a.period[0] == 2 and a.rate[0] == pytest.approx(1.0, abs=1e-12)
        a = atlas("adam", {"beta1": [0.4157]}, beta2=0.3143, n=6, steps=1500, engine=engine)
        assert a.label[0] == "fixed_point" and a.period[0] == 1
        assert a.rate[0] == pytest.approx(0.3143 ** (1 / 8), rel=1e-6)  # rho* = beta2^(1/(2(n-2))), spiralling in


def test_continue_boundary_refuses_a_start_whose_boundary_lies_outside_the_region():
    """Newton from the start lands outside [0, 1) or on the trivial point rho* = 1: refused, not returned."""
    import adamdyn as ad

    with pytest.raises(ValueError, match=r"beta1=-1, beta2=0.5, rho\*=1\)"):
        ad.continue_boundary("adam", 6, kind="flip", start=(0.2, 0.5), steps=30, ds=0.02)
    with pytest.raises(ValueError, match=r"beta1=-0.511"):
        ad.continue_boundary("adam", 2.5, kind="flip", start=(0.2, 0.8))
    with pytest.raises(ValueError, match="steps=True"):
        ad.continue_boundary("adam", 6, start=(0.6, 0.5), steps=True)
    b = ad.continue_boundary("adam", 6, kind="neimark_sacker", start=(0.6, 0.5), steps=10)
    assert np.all((b.values > 0) & (b.values < 1)) and np.all((b.rho > 0) & (b.rho < 1))


def test_atlas_and_basin_refuse_thresholds_and_counts_that_would_silently_change_the_labels():
    """A NaN divergence bound switched divergence off, spike_decades <= 0 called every cell spiking, basin(steps=0)
    gave NaN cells: each is refused with the value, the range and the fix. A negative x0 is the positive start
    mirrored (the rule is symmetric under x -> -x)."""
    from adamdyn.dynamics.basins import basin

    for kw, match in (({"diverge_log10_loss": float("nan")}, "diverge_log10_loss=nan is out of range"),
                      ({"spike_decades": -1.0}, "spike_decades=-1.0 is out of range"),
                      ({"spike_decades": 0}, "spike_decades=0 is out of range"),
                      ({"x0": 0.0}, "x0=0.0 is out of range")):
        with pytest.raises(ValueError, match=match):
            atlas("adam", {"beta1": [0.5]}, beta2=0.9, steps=100, **kw)
    with pytest.raises(ValueError, match="steps=0 must be an integer >= 1"):
        basin("adam", beta1=0.5, beta2=0.9, grid=4, steps=0)
    a = atlas("adam", {"beta1": [0.5, 0.95]}, beta2=0.9, steps=300, x0=-2.0)
    b = atlas("adam", {"beta1": [0.5, 0.95]}, beta2=0.9, steps=300, x0=2.0)
    assert np.array_equal(a.label, b.label) and np.array_equal(a.rate, b.rate)
