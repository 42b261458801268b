"""adamdyn.dynamics.maps: one step of the orbit map against Adamax and AMSGrad written out by hand (raw float64,
eps = 0, no bias correction, i.e. the t -> oo map), on trajectories that visit both branches of the rule's max,
at n = 4 and at the odd degree n = 3 (x changes sign); a hand rule without the max is told apart."""

from __future__ import annotations

import numpy as np
import pytest

from adamdyn.dynamics.maps import orbit_map


def _raw(rule, lr, b1, b2, n, steps, x=1.0, with_max=True):
    """Per step t: (x_t, the normalized coordinates after the update at x_t, the branch of the max: 0 the first
    argument of the rule's max, 1 the second)."""
    m = a = amax = 0.0
    out = []
    for t in range(steps):
        g = np.sign(x) * abs(x) ** (n - 1)
        m = b1 * m + (1 - b1) * g
        if rule == "adamax":  # u = max(beta2 u, |g|)
            br = 0 if b2 * a <= abs(g) else 1
            a = max(b2 * a, abs(g)) if with_max or t == 0 else b2 * a
            coords = [m / g, lr * abs(x) ** (n - 2) / a]
            step = m / a
        else:  # v = beta2 v + (1 - beta2) g^2, vmax = max(vmax, v)
            a = b2 * a + (1 - b2) * g * g
            br = 0 if amax >= a else 1
            amax = max(amax, a) if with_max or t == 0 else amax
            coords = [m / g, a / g**2, lr * abs(x) ** (n - 2) / np.sqrt(amax)]
            step = m / np.sqrt(amax)
        out.append((x, coords, br))
        x = x - lr * step
    return out


def _one_step_error(rule, n, lr, b1, b2, steps=300, **kw):
    """Largest relative error of one map step from every raw state (rho and the next coordinates), and the
    number of steps in each branch."""
    with np.errstate(all="ignore"):
        r = _raw(rule, lr, b1, b2, n, steps, **kw)
    om = orbit_map(rule, n)
    first = [i for i, w in enumerate(om.branches) if w.split(") = ")[1] in ("1", "v_prevmax")]
    idx = np.arange(1, steps - 1)
    k = len(r[0][1])
    X = [np.array([r[t][1][i] for t in idx]) for i in range(k)]
    logz = np.log(np.abs([r[t][0] for t in idx]) / lr)
    # the map's branch index of the step that made each state (the raw run's, translated)
    own = np.array([r[t][2] for t in idx])
    br = np.where(own == 0, first[0], 1 - first[0])
    P = {"beta1": np.full(idx.size, b1), "beta2": np.full(idx.size, b2)}
    with np.errstate(all="ignore"):
        nxt, _, rho, _ = om.advance(X, logz, P, br)
        ratio = np.array([r[t + 1][0] / r[t][0] for t in idx])
        want = np.array([[r[t + 1][1][i] for t in idx] for i in range(k)])
        err = np.maximum(np.abs(rho / ratio - 1), np.max(np.abs(np.array(nxt) / want - 1), axis=0))
    err = err[np.isfinite(err)]  # (the rule without the max overflows after a while: its finite steps count)
    return (float(np.max(err)) if err.size else np.inf), np.bincount(own, minlength=2)


@pytest.mark.parametrize("rule,n,lr,b1,b2", [("adamax", 4, 0.1, 0.9, 0.3), ("adamax", 3, 0.1, 0.9, 0.3),
                                             ("amsgrad", 4, 0.01, 0.5, 0.9)])
def test_one_step_matches_the_hand_written_rule_in_both_branches(rule, n, lr, b1, b2):
    err, counts = _one_step_error(rule, n, lr, b1, b2)
    assert np.all(counts >= 5), counts  # both branches of the max are exercised
    assert err < 1e-11, err
    # the same comparison against a rule without the max (its first branch never taken) fails
    bad, _ = _one_step_error(rule, n, lr, b1, b2, with_max=False)
    assert 1e-3 < bad < np.inf, bad


def test_adam_orbit_map_has_one_branch_and_the_hand_map():
    """Adam at n = 4 (no choices): u' = 1 - beta1 + beta1 u/rho^3, lambda' = lambda rho^2/sqrt(beta2 + (1 - beta2)
    lambda^2 rho^6 z^2), rho = 1 - lambda u, also where rho < 0."""
    om = orbit_map("adam", 4)
    assert om.branches == ("the only branch",) and om.coords == ("u", "lambda")
    u, lam, z = np.array([0.3, 2.0]), np.array([0.5, 1.4]), np.array([0.7, 0.2])
    b1, b2 = 0.8, 0.95
    (un, ln), logz, rho, _ = om.advance([u, lam], np.log(z), {"beta1": np.full(2, b1), "beta2": np.full(2, b2)})
    r = 1 - lam * u
    assert r[1] < 0
    np.testing.assert_allclose(rho, r, rtol=1e-14)
    np.testing.assert_allclose(un, 1 - b1 + b1 * u / r**3, rtol=1e-13)
    np.testing.assert_allclose(ln, lam * r**2 / np.sqrt(b2 + (1 - b2) * lam**2 * r**6 * z**2), rtol=1e-13)
    np.testing.assert_allclose(logz, np.log(np.abs(r) * z), rtol=1e-13)
