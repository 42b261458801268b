"""Regime II's fixed point repels in (u, lambda): why II vs III is not observable from x0 = 1.

In Regime II (n = 4: beta2 <= beta1 < beta2**(3/4)) the non-trivial fixed point exists but BOTH
eigenvalues of the Jacobian block in the (u, lambda) directions lie outside the unit circle (a complex
pair of modulus sqrt(det J) over most of the region, a real pair both > 1 next to the Regime III border);
only z contracts. A trajectory therefore never reaches the point from generic starts, and the observed
dynamics on both sides of beta1 = beta2**(3/4) are the same (see adamdyn/sweeps/regimes.py and
tests/test_sweeps.py::test_observed_regimes_agree_with_theory_128).

Everything is checked against the package's own derivation (``derive``, ``fixed_point``, ``rate``,
``spectral_radius``, ``regime``) and against float64 iteration of THEORY.md's map [5], typed here
independently, which ``simulate(mode="normalized")`` is also checked to follow.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from adamdyn import simulate
from adamdyn.theory import derive, fixed_point, rate, regime, spectral_radius
from adamdyn.theory.map import RHO

N = 4
LR = 1e-2
EXIST = (N - 1) / (2 * N - 4)  # the fixed point exists iff beta1 < beta2**EXIST (3/4 at n = 4)
STABLE = N / (2 * N - 4)  # [8]: beta1 < beta2**STABLE (1 at n = 4); det J = beta1 / beta2**STABLE


def _between(b2, frac):
    """beta1 a fraction ``frac`` of the way from the stability border (beta2) to the existence border."""
    return b2 + frac * (b2**EXIST - b2**STABLE)


# a third and two thirds of the way across Regime II: complex pair; 99%: real pair, both > 1
REGIME_TWO = [(_between(b2, f), b2) for b2 in (0.2, 0.5, 0.8, 0.95) for f in (1 / 3, 2 / 3)]
NEAR_BORDER = [(_between(b2, 0.99), b2) for b2 in (0.5, 0.95)]
# Regime I points whose spectral radius is the (u, lambda) block's, not rho* (the z direction)
REGIME_ONE = [(0.45, 0.5), (0.3, 0.35), (0.88, 0.9)]


def _ids(points):
    return [f"b1={b1:.4f}-b2={b2:g}" for b1, b2 in points]


def _map5(u, lam, z, b1, b2, n=N):
    """THEORY.md [5], float64: one step of (u, lambda, z)."""
    rho = 1.0 - u * lam
    a = np.abs(rho)
    z1 = rho * z
    u1 = b1 * u / (np.sign(rho) * a ** (n - 1)) + (1.0 - b1)
    lam1 = lam * a ** (n - 2) / np.sqrt(b2 + (1.0 - b2) * lam**2 * a ** (2 * n - 4) * z1**2)
    return u1, lam1, z1


@pytest.fixture(scope="module")
def derived():
    """The package's Jacobian block, det, eigenvalues and map for Adam at n = 4, as numpy functions."""
    d = derive("adam", n=N)
    fp, st = d.linear
    b1, b2 = d.map.params["beta1"], d.map.params["beta2"]
    args = [b1, b2, RHO]
    return {
        "block": sp.lambdify(args, st.block, "numpy"),
        "det": sp.lambdify(args, st.det, "numpy"),
        "eig": sp.lambdify(args, list(st.eigenvalues[:2]), "numpy"),
        "map": sp.lambdify(list(d.map.coords) + [b1, b2], list(d.map.substituted()), "numpy"),
        "coords": [str(c) for c in d.map.coords],
    }


def _star(b1, b2):
    p = fixed_point("adam", n=N, beta1=b1, beta2=b2)
    assert float(p["z"]) == 0.0
    return float(p["u"]), float(p["lambda"]), float(rate("adam", n=N, beta1=b1, beta2=b2))


def _block(derived, b1, b2):
    us, ls, r = _star(b1, b2)
    return np.array(derived["block"](b1, b2, r), dtype=float), us, ls, r


def _fd_jacobian(us, ls, b1, b2, h=1e-6):
    """Central differences of [5] in (u, lambda) at (u*, lambda*, z = 0)."""
    x = np.array([us, ls])
    J = np.empty((2, 2))
    for j in range(2):
        e = np.zeros(2)
        e[j] = h * x[j]
        hi = np.array(_map5(*(x + e), 0.0, b1, b2)[:2])
        lo = np.array(_map5(*(x - e), 0.0, b1, b2)[:2])
        J[:, j] = (hi - lo) / (2 * e[j])
    return J


@pytest.mark.parametrize("b1, b2", REGIME_TWO + NEAR_BORDER, ids=_ids(REGIME_TWO + NEAR_BORDER))
def test_regime_two_block_has_both_eigenvalues_outside_unit_circle(derived, b1, b2):
    assert int(regime("adam", n=N, beta1=b1, beta2=b2)) == 2
    J, us, ls, r = _block(derived, b1, b2)
    assert r < 1  # the z direction contracts
    mu = np.linalg.eigvals(J)
    mod = np.abs(mu)
    print(f"\nbeta1={b1:.4f} beta2={b2}: mu={np.round(mu, 6)}, |mu|={np.round(mod, 6)}, rho*={r:.6f}")
    assert np.all(mod > 1), mod
    # product = the derived det = THEORY's beta1 / beta2**(n/(2n-4))
    det = float(derived["det"](b1, b2, r))
    assert np.prod(mu).real == pytest.approx(det, rel=1e-12)
    assert det == pytest.approx(b1 / b2**STABLE, rel=1e-12)
    # the derived eigenvalue expressions (complex where the pair is complex) and the spectral radius
    sym = np.array(derived["eig"](complex(b1), complex(b2), complex(r)), dtype=complex)
    np.testing.assert_allclose(np.sort_complex(sym), np.sort_complex(mu), rtol=1e-10)
    # (numeric.py evaluates the symbolic-n derivation, the block here is the n = 4 one: rounding differs,
    # most next to the existence border where u* blows up; measured 3.4e-12 at beta1 = 0.9621, beta2 = 0.95)
    assert float(spectral_radius("adam", n=N, beta1=b1, beta2=b2)) == pytest.approx(mod.max(), rel=1e-9)
    # the point is fixed by [5], and [5]'s finite-difference Jacobian has the same eigenvalues
    np.testing.assert_allclose(_map5(us, ls, 0.0, b1, b2), (us, ls, 0.0), rtol=1e-10, atol=0)  # u* ~ 300 at the border
    F = _fd_jacobian(us, ls, b1, b2)
    np.testing.assert_allclose(F, J, rtol=1e-6)
    np.testing.assert_allclose(np.sort(np.abs(np.linalg.eigvals(F))), np.sort(mod), rtol=1e-6)
    if (b1, b2) in NEAR_BORDER:  # next to the existence border: a real pair, both > 1
        assert np.all(mu.imag == 0)
    else:  # across most of Regime II: a complex pair of modulus sqrt(det J)
        assert np.all(mu.imag != 0)
        np.testing.assert_allclose(mod, np.sqrt(det), rtol=1e-12)


def test_derived_map_is_theory_map_five(derived):
    """The engine's derived map and [5] agree (rho > 0 branch), so iterating [5] iterates the package's map."""
    assert derived["coords"] == ["u", "lambda", "z"]
    rng = np.random.default_rng(0)
    b1, b2 = rng.uniform(0.05, 0.99, 50), rng.uniform(0.05, 0.99, 50)
    u, lam, z = rng.uniform(0.1, 3, 50), rng.uniform(0.01, 0.3, 50), rng.uniform(-5, 5, 50)
    lam = np.minimum(lam, 0.9 / u)  # rho = 1 - u lambda > 0
    ours = np.array(_map5(u, lam, z, b1, b2))
    theirs = np.array(derived["map"](u, lam, z, b1, b2), dtype=float)
    np.testing.assert_allclose(theirs, ours, rtol=1e-12, atol=1e-14)


def _perturbed(b1, b2, derived, stop_above, stop_below, max_steps=40000):
    """Iterate [5] from (u*, lambda*) * (1 + 1e-8), z = 0: distance d and dominant eigen-coordinate |c|.

    d = max(|ln u/u*|, |ln lambda/lambda*|); c = w . (u - u*, lambda - lambda*) with w the left eigenvector
    of the derived block for its largest-modulus eigenvalue (linearly, c_{t+1} = mu c_t exactly).
    """
    J, us, ls, r = _block(derived, b1, b2)
    ev, W = np.linalg.eig(J.T)
    k = int(np.argmax(np.abs(ev)))
    mod, w = float(np.abs(ev[k])), W[:, k]
    u, lam, z = us * (1 + 1e-8), ls * (1 + 1e-8), 0.0
    d, c = [], []
    for _ in range(max_steps):
        if not (u > 0 and lam > 0):
            d.append(np.inf)
            c.append(np.inf)
            break
        d.append(max(abs(np.log(u / us)), abs(np.log(lam / ls))))
        c.append(abs(w @ np.array([u - us, lam - ls])))
        if d[-1] > stop_above or d[-1] < stop_below:
            break
        u, lam, z = _map5(u, lam, z, b1, b2)
    return np.array(d), np.array(c), mod, r


def _slope(y, i0, i1):
    t = np.arange(i0, i1)
    return float(np.polyfit(t, np.log(y[i0:i1]), 1)[0])


@pytest.mark.parametrize("b1, b2", REGIME_TWO + NEAR_BORDER, ids=_ids(REGIME_TWO + NEAR_BORDER))
def test_regime_two_perturbation_grows_at_largest_modulus(derived, b1, b2):
    d, c, mod, _ = _perturbed(b1, b2, derived, stop_above=0.1, stop_below=0.0)
    assert d[-1] > 0.1, f"still within {d[-1]:.3g} of the fixed point after {len(d)} steps"
    # linear phase: from d > 1e-6 (the start's mix of modes has settled) to d > 1e-3 (still linear)
    i0, i1 = int(np.argmax(d > 1e-6)), int(np.argmax(d > 1e-3))
    assert i1 - i0 >= 15
    growth = np.exp(_slope(d, i0, i1))
    growth_c = np.exp(_slope(c, i0, i1))
    print(f"\nbeta1={b1:.4f} beta2={b2}: |mu|max={mod:.6f}; fitted growth of d {growth:.6f} "
          f"(exponent {np.log(growth) / np.log(mod) - 1:+.2%}), of the eigen-coordinate {growth_c:.6f} "
          f"(exponent {np.log(growth_c) / np.log(mod) - 1:+.3%}); d > 0.1 after {len(d) - 1} steps")
    assert growth > 1
    assert growth == pytest.approx(mod, rel=0.03)
    # the eigen-coordinate removes the oscillation of d (complex pair) and the second mode (real pair)
    assert np.log(growth_c) == pytest.approx(np.log(mod), rel=0.01)


@pytest.mark.parametrize("b1, b2", REGIME_ONE, ids=_ids(REGIME_ONE))
def test_regime_one_perturbation_decays_at_spectral_radius(derived, b1, b2):
    assert int(regime("adam", n=N, beta1=b1, beta2=b2)) == 1
    d, c, mod, r = _perturbed(b1, b2, derived, stop_above=1.0, stop_below=1e-13)
    sr = float(spectral_radius("adam", n=N, beta1=b1, beta2=b2))
    assert mod > r and sr == pytest.approx(mod, rel=1e-12)  # the block, not z, sets the spectral radius
    assert d[-1] < 1e-13
    i0, i1 = int(np.argmax(d < 1e-9)), len(d) - 1
    assert i1 - i0 >= 15
    decay, decay_c = np.exp(_slope(d, i0, i1)), np.exp(_slope(c, i0, i1))
    print(f"\nbeta1={b1} beta2={b2}: spectral radius {sr:.6f}; fitted decay of d {decay:.6f}, "
          f"of the eigen-coordinate {decay_c:.6f}")
    assert decay < 1
    assert decay == pytest.approx(sr, rel=0.03)
    assert np.log(decay_c) == pytest.approx(np.log(sr), rel=0.01)


def _from_x0_one(b1, b2, steps=3000):
    """The phase diagram's run (x0 = 1, lr = 1e-2, normalized mode) and its distance to the fixed point."""
    us, ls, _ = _star(b1, b2)
    tr = simulate("adam", n=N, beta1=b1, beta2=b2, lr=LR, x0=1.0, steps=steps, mode="normalized")
    u, ln_lam = tr.u, tr.log10_lambda * np.log(10.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.maximum(np.abs(np.log(u / us)), np.abs(ln_lam - np.log(ls)))
    d = np.where(u > 0, d, np.inf)  # u <= 0 (a sign flip of m against g) is far from u* > 0
    return tr, d


@pytest.mark.parametrize("b1, b2", REGIME_TWO, ids=_ids(REGIME_TWO))
def test_simulate_normalized_follows_map_five(b1, b2):
    """simulate(mode="normalized") from x0 = 1 obeys [5] step by step: (b) and (c) study one map."""
    tr, _ = _from_x0_one(b1, b2)
    u, lam = tr.u, 10.0**tr.log10_lambda
    z = tr.x_sign * 10.0**tr.log10_abs_x / LR
    assert np.all(np.isfinite(z) & (z != 0))
    u1, lam1, z1 = _map5(u[:-1], lam[:-1], z[:-1], b1, b2)
    np.testing.assert_allclose(u1, u[1:], rtol=1e-8)
    np.testing.assert_allclose(lam1, lam[1:], rtol=1e-8)
    np.testing.assert_allclose(z1, z[1:], rtol=1e-8)


@pytest.mark.parametrize("b1, b2", REGIME_TWO, ids=_ids(REGIME_TWO))
def test_orbit_from_x0_one_never_nears_regime_two_fixed_point(b1, b2):
    """Measured fact (3000 steps, the 128-grid's settings): the closest approach stays above 0.1."""
    tr, d = _from_x0_one(b1, b2)
    i = int(np.argmin(d))
    print(f"\nbeta1={b1:.4f} beta2={b2}: closest approach d={d[i]:.3f} at step {tr.step[i]}; "
          f"median d {np.median(d[np.isfinite(d)]):.2f}; u <= 0 on {np.mean(~(tr.u > 0)):.0%} of steps")
    assert tr.steps_run == 3000 and not tr.diverged
    assert d[i] > 0.1
