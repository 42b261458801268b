"""adamdyn.dynamics.fixed_points: known spectra and orbits, Adam's points against a raw step written here."""

import dataclasses
import time

import numpy as np
import pytest

from adamdyn.cli import main
from adamdyn.dynamics.fixed_points import ReducedMap, find_fixed_points, reduced_map

N = 4
B1, B2 = 0.9, 0.999


def test_linear_map_spectrum():
    A = np.array([[0.3, -0.8], [0.8, 0.3]])
    b = np.array([1.0, 2.0])
    fmap = ReducedMap(("a", "b"), lambda Y, p: (Y @ A.T + b, np.full(len(Y), 0.5)))
    res = find_fixed_points(fmap, box={"a": (-10, 10), "b": (-10, 10)})
    assert len(res.points) == 1
    p = res.points[0]
    np.testing.assert_allclose([p.coords["a"], p.coords["b"]], np.linalg.solve(np.eye(2) - A, b), rtol=1e-10)
    ref = np.sort_complex(np.linalg.eigvals(A))
    np.testing.assert_allclose(np.sort_complex(p.eigenvalues), ref, atol=1e-7)
    assert p.stable  # |0.3 +- 0.8i| < 1


def test_logistic_period_two():
    r = 3.2
    fmap = ReducedMap(("x",), lambda Y, p: (r * Y * (1 - Y), np.full(len(Y), 0.5)))
    res = find_fixed_points(fmap, box={"x": (1e-3, 1)}, period_max=2)
    fixed = sorted(p.coords["x"] for p in res.points if p.period == 1)
    np.testing.assert_allclose(fixed, [1 - 1 / r], rtol=1e-12)
    (orbit,) = [p for p in res.points if p.period == 2]
    pts = sorted(o["x"] for o in orbit.orbit)
    s = np.sqrt((r - 3) * (r + 1))
    np.testing.assert_allclose(pts, [(r + 1 - s) / (2 * r), (r + 1 + s) / (2 * r)], rtol=1e-10)
    # multiplier of the 2-cycle: f'(x1) f'(x2), f'(x) = r (1 - 2x)
    np.testing.assert_allclose(orbit.eigenvalues.real, [np.prod(r * (1 - 2 * np.array(pts)))], rtol=1e-7)
    assert orbit.stable and not res.points[0].stable


def _adam_step(u, lam, n=N, b1=B1, b2=B2, lr=1e-2, x=1e-9):
    """One raw Adam step (eps = 0, no bias correction) from the moments after step t with normalized
    u = m_t/g_t and lambda = lr |x_t|^(n-2)/sqrt(v_t) at a tiny x_t: the next (u, lambda) and x_{t+1}/x_t."""
    g = x ** (n - 1)
    m, v = u * g, (lr * x ** (n - 2) / lam) ** 2
    x1 = x - lr * m / np.sqrt(v)
    g1 = np.sign(x1) * abs(x1) ** (n - 1)
    m, v = b1 * m + (1 - b1) * g1, b2 * v + (1 - b2) * g1 * g1
    return m / g1, lr * abs(x1) ** (n - 2) / np.sqrt(v), x1 / x


def _is_fixed_point_of_adam(p, tol=1e-6):
    u, lam, rho = _adam_step(p.coords["u"], p.coords["lambda"])
    return abs(u - p.coords["u"]) < tol * (1 + abs(u)) and abs(lam / p.coords["lambda"] - 1) < tol \
        and abs(rho - p.rho) < tol


@pytest.fixture(scope="module")
def adam_search():
    return find_fixed_points("adam", N, beta1=B1, beta2=B2, period_max=1, symbolic=True)


def test_adam_derived_points_found(adam_search):
    res = adam_search
    assert res.missed == []
    both = [p for p in res.points if set(p.found_by) == {"numeric", "symbolic"}]
    assert {p.name for p in both} == {"trivial", "linear convergence"}
    assert res.coverage["converged_share"][1] > 0.9


def test_adam_points_are_fixed_points_of_a_raw_step(adam_search):
    live = [p for p in adam_search.points if p.coords["lambda"] > 1e-6]
    assert len(live) == 2
    for p in live:
        assert _is_fixed_point_of_adam(p)
        # eigenvalues of the raw step's map by finite differences
        h = 1e-6
        y = np.array([p.coords["u"], p.coords["lambda"]])
        J = np.empty((2, 2))
        for j in range(2):
            d = np.zeros(2)
            d[j] = h * max(1, abs(y[j]))
            J[:, j] = (np.array(_adam_step(*(y + d))[:2]) - np.array(_adam_step(*(y - d))[:2])) / (2 * d[j])
        np.testing.assert_allclose(np.sort(np.abs(np.linalg.eigvals(J))), np.sort(np.abs(p.eigenvalues)), rtol=1e-4)
    # the sign-flipping point: rho* < 0, not reported by the engine
    neg = [p for p in live if p.rho < 0]
    assert len(neg) == 1 and not neg[0].stable
    assert neg[0].coords in [q["coords"] for q in adam_search.symbolic_missed]


def test_symbolic_and_fd_jacobians_agree(adam_search):
    for p in adam_search.points:
        np.testing.assert_allclose(p.eigenvalues, p.eigenvalues_fd, rtol=1e-5, atol=1e-6)


def test_perturbed_map_is_rejected():
    base = reduced_map("adam", N)

    def wrong(Y, params):
        nxt, rho = base(Y, params)
        return nxt * np.array([1.0, 1.001]), rho  # lambda' off by 0.1 %

    fmap = dataclasses.replace(base, evaluate=wrong, jacobian=None)
    res = find_fixed_points(fmap, N, beta1=B1, beta2=B2)
    live = [p for p in res.points if p.coords["lambda"] > 1e-6]
    assert live and not any(_is_fixed_point_of_adam(p) for p in live)


def test_one_parameter_point_under_a_second():
    find_fixed_points("adam", N, beta1=0.5, beta2=0.9, symbolic=False)  # lambdified map cached
    t = time.perf_counter()
    find_fixed_points("adam", N, beta1=0.8, beta2=0.95, symbolic=False)
    assert time.perf_counter() - t < 3.0  # measured 0.2 s alone; slack for a loaded 2-core machine


@pytest.mark.parametrize("argv,word", [
    (["--set", "beta1=1.5"], "beta1=1.5"),
    (["--n", "1.5"], "n=1.5"),
    (["--period-max", "0"], "period_max=0"),
    (["--box", "mu=0:1"], "'mu'"),
    (["--box", "lambda=a:b"], "--box"),
    (["--set", "eps=1e-8"], "eps="),
    (["--method", "both", "--max-depth", "0"], "max_depth=0"),
    (["--method", "interval", "--max-boxes", "0"], "max_boxes=0"),
    (["--method", "both", "--box", "lambda=1:1"], "box['lambda']"),
])
def test_cli_bad_input(argv, word, capsys):
    assert main(["fixed-points", *argv, "--json"]) == 2
    err = capsys.readouterr().err
    assert word in err and "Fix:" in err and "Traceback" not in err


def test_cli_json(capsys):
    import json

    assert main(["fixed-points", "--optimizer", "rmsprop", "--n", "4", "--set", "beta2=0.5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"coords", "rho", "eigenvalues", "stable", "period", "found_by"} <= set(out["points"][0])
    rhos = sorted(p["rho"] for p in out["points"])
    # RMSProp: lambda' = lambda rho^2 / sqrt(beta2), rho = 1 - lambda: rho^2 = sqrt(beta2) or lambda = 0
    np.testing.assert_allclose(rhos, [-(0.5 ** 0.25), 0.5 ** 0.25, 1.0], rtol=1e-10)


def test_cli_json_interval_proof(capsys):
    import json

    assert main(["fixed-points", "--optimizer", "rmsprop", "--n", "4", "--set", "beta2=0.5", "--method", "both",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["complete"] is True and out["proof"]["complete"] is True
    (period,) = out["proof"]["charts"][0]["periods"]
    assert period["unresolved_count"] == 0 and period["newton_outside_enclosures"] == []
    # RMSProp: rho = 1 - lambda, and rho^2 = sqrt(beta2) or lambda = 0
    truth = sorted([0.0, 1 - 0.5 ** 0.25, 1 + 0.5 ** 0.25])
    encs = sorted(p["enclosure"]["lambda"] for p in out["points"])
    assert len(encs) == 3 and all(lo <= t <= hi for (lo, hi), t in zip(encs, truth))
    assert all("interval" in p["found_by"] and "numeric" in p["found_by"] for p in out["points"])
    # the default (Newton) output keeps its keys and says it proves nothing
    assert main(["fixed-points", "--optimizer", "rmsprop", "--n", "4", "--set", "beta2=0.5", "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert plain["complete"] is False and plain["proof"] is None


def test_cli_text_reports_the_coverage(capsys):
    """The text output says how much of the grid Newton covered and what the search claims (as --json does)."""
    assert main(["fixed-points", "--optimizer", "rmsprop", "--n", "4", "--set", "beta2=0.5"]) == 0
    out = capsys.readouterr().out
    assert "coverage: Newton converged from period 1:" in out and "claim: every root" in out
