"""adamdyn.dynamics.basins against Adam's normalized map written out by hand (n = 4, eps = 0, z = x/lr):
u' = 1 - beta1 + beta1 u / rho^3, lambda' = lambda rho^2 / sqrt(beta2 + (1 - beta2) lambda^2 rho^6 z^2),
z' = |rho| z, rho = 1 - lambda u (from m' = beta1 m + (1 - beta1) g', c = v/g^2 = 1/(lambda z)^2)."""

from __future__ import annotations

import numpy as np
import pytest

from adamdyn.dynamics.basins import basin, basin_fractions


def _hand_map(u, lam, beta1, beta2, steps, log_z=-230.26):
    log_z = np.full(np.shape(u), log_z, dtype=float)
    with np.errstate(all="ignore"):
        for _ in range(steps):
            rho = 1 - lam * u
            z = np.exp(log_z)
            u, lam = 1 - beta1 + beta1 * u / rho**3, lam * rho**2 / np.sqrt(beta2 + (1 - beta2) * (lam * rho**3 * z) ** 2)
            log_z = log_z + np.log(np.abs(rho))
    return u, lam


def test_basin_point_and_membership_match_a_hand_written_map():
    b = basin("adam", beta1=0.5, beta2=0.9, grid=8, steps=1000)
    assert b.distinct_points == 1 and 0 < b.share <= 1
    U, L = np.meshgrid(b.u0, b.lambda0, indexing="ij")
    u, lam = _hand_map(U, L, 0.5, 0.9, 6000)
    ok = np.isfinite(u) & (np.abs(u - b.point["u"]) < 1e-6) & (np.abs(lam - b.point["lambda"]) < 1e-6 * b.point["lambda"])
    # every start the basin counts as converged ends at the same point under the hand-written map
    assert np.all(ok[b.converged])
    # the step ratio at the point is the observed rate
    assert abs((1 - b.point["u"] * b.point["lambda"]) - b.rate) < 1e-9
    # a perturbed map (beta1 2% larger) ends elsewhere: the comparison discriminates
    u2, lam2 = _hand_map(U, L, 0.51, 0.9, 6000)
    assert not np.all(np.abs(u2 - b.point["u"])[b.converged] < 1e-6)


def test_basin_fractions_point_exists_where_the_hand_map_converges():
    axes = {"beta1": np.array([0.2, 0.8]), "beta2": np.array([0.4, 0.95])}
    f = basin_fractions("adam", axes, grid=6, steps=800)
    for i, b1 in enumerate(axes["beta1"]):
        for j, b2 in enumerate(axes["beta2"]):
            u, lam = _hand_map(np.array([1.0]), np.array([0.05]), b1, b2, 3000)
            rho = 1 - u * lam
            settles = bool(np.all(np.isfinite(u) & np.isfinite(lam)) and abs(_hand_map(u, lam, b1, b2, 1)[0][0] - u[0]) < 1e-9)
            assert bool(f.has_point[i, j]) == settles, (b1, b2)
            if settles:
                assert abs(f.point_rho[i, j] - rho[0]) < 1e-6
    assert np.all((f.share >= 0) & (f.share <= 1))


def test_basin_bad_input():
    with pytest.raises(ValueError, match="grid"):
        basin("adam", grid=1)
    with pytest.raises(ValueError, match="lambda_range"):
        basin("adam", lambda_range=(-1, 2))
    with pytest.raises(ValueError, match="first moment"):
        basin("rmsprop", grid=4, steps=10)
    with pytest.raises(ValueError, match="two parameters"):
        basin_fractions("adam", {"beta1": [0.5]})
