"""adamdyn.dynamics.interval: the proven-complete fixed-point search, against maps with known roots,
exact arithmetic, Adam's symbolic points and a raw Adam step; broken arithmetic and derivatives are caught."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from adamdyn.dynamics import _intervals as iv  # the arithmetic (its rounding helpers are patched below)
from adamdyn.dynamics.fixed_points import find_fixed_points
from adamdyn.dynamics.interval import Interval, IntervalMap, interval_maps, prove_fixed_points

X, Y = sp.symbols("x y")
# G = F - y = (0.5 (x^3 - x), 0.7 (y - x^2)): fixed points (0, 0), (1, 1), (-1, 1), known by construction
THREE = [(0.0, 0.0), (1.0, 1.0), (-1.0, 1.0)]
BOX = {"x": (-3, 3), "y": (-3, 3)}


def _three_map():
    return IntervalMap.from_expressions(("x", "y"), [X + sp.Rational(1, 2) * (X**3 - X),
                                                     Y + sp.Rational(7, 10) * (Y - X**2)])


def _holds(enc, pt, coords=("x", "y")):
    return all(enc[c][0] <= v <= enc[c][1] for c, v in zip(coords, pt))


def _roots_in_enclosures(res, roots, coords=("x", "y")):
    """Each known root lies in exactly one enclosure and each enclosure holds one known root."""
    encs = [e["box"] for e in res.enclosures if e["in_box"]]
    per_root = [sum(_holds(e, r, coords) for e in encs) for r in roots]
    per_enc = [sum(_holds(e, r, coords) for r in roots) for e in encs]
    return per_root == [1] * len(roots) and per_enc == [1] * len(encs)


def test_three_known_fixed_points_proven_complete():
    res = prove_fixed_points(_three_map(), BOX)
    assert res.complete and res.unresolved == []
    assert _roots_in_enclosures(res, THREE)
    for e in res.enclosures:  # tightened to a few ulps
        assert max(e["box"][c][1] - e["box"][c][0] for c in "xy") < 1e-12


def test_wrong_derivative_is_caught(monkeypatch):
    m = _three_map()
    right = m.jacobian

    def wrong(b, env):  # the derivative with the wrong sign: Krawczyk steps away from the roots
        Jf, Jm = right(b, env)
        return [[-e for e in row] for row in Jf], Jm

    monkeypatch.setattr(m, "jacobian", wrong)
    res = prove_fixed_points(m, BOX, max_boxes=20_000)
    assert not _roots_in_enclosures(res, THREE)  # the known roots are missed ...
    assert not res.complete and "derivative is wrong" in res.reason  # ... and the mean value check says so


def _exp_map(c=3.3, w=1e-3):
    # G(x) = 1 - 2 exp(-((x - c)/w)^2): two roots c -+ w sqrt(ln 2) inside a spike of width ~w, where G is
    # flat (G = 1, G' = 0) everywhere else, so Newton from a grid of starts never reaches them
    return IntervalMap.from_expressions(("x",), [X + 1 - 2 * sp.exp(-((X - sp.Float(c)) / sp.Float(w)) ** 2)])


def test_root_newton_misses_is_caught():
    c, w = 3.3, 1e-3
    truth = [(c - w * math.sqrt(math.log(2)),), (c + w * math.sqrt(math.log(2)),)]
    newton = find_fixed_points(_exp_map(c, w), box={"x": (-10, 10)}, starts=16)
    assert newton.points == [] and not newton.complete
    res = find_fixed_points(_exp_map(c, w), box={"x": (-10, 10)}, starts=16, method="both")
    assert res.complete
    (period,) = res.proof["charts"][0]["periods"]
    assert len(period["missed_by_newton"]) == 2 and period["newton_outside_enclosures"] == []
    assert sorted(p.found_by for p in res.points) == [("interval",), ("interval",)]
    for p, r in zip(sorted(res.points, key=lambda q: q.coords["x"]), truth):
        assert p.enclosure["x"][0] <= r[0] <= p.enclosure["x"][1]
        assert abs(p.coords["x"] - r[0]) < 1e-12


def test_logistic_two_cycle_proven():
    r = sp.Rational(16, 5)  # 3.2
    m = IntervalMap.from_expressions(("x",), [r * X * (1 - X)])
    res = prove_fixed_points(m, {"x": (0.01, 1)}, period=2)
    assert res.complete
    s = math.sqrt((3.2 - 3) * (3.2 + 1))
    cyc = sorted([(4.2 - s) / 6.4, (4.2 + s) / 6.4])
    fixed = 1 - 1 / 3.2
    # the 2-block system's roots: (x*, x*) for the fixed point, and the cycle from either of its points
    pairs = sorted((e["orbit"][0]["x"], e["orbit"][1]["x"]) for e in res.enclosures)
    truth = sorted([(fixed, fixed), (cyc[0], cyc[1]), (cyc[1], cyc[0])])
    assert len(pairs) == 3
    for (a, b), (ta, tb) in zip(pairs, truth):
        assert a[0] <= ta <= a[1] and b[0] <= tb <= b[1]


def test_logistic_two_cycle_cross_checked_with_newton():
    m = IntervalMap.from_expressions(("x",), [sp.Rational(16, 5) * X * (1 - X)])
    res = find_fixed_points(m, box={"x": (0.01, 1)}, period_max=2, method="both")
    assert res.complete
    for q in res.proof["charts"][0]["periods"]:
        assert q["newton_outside_enclosures"] == [] and q["missed_by_newton"] == [] and q["proven_in_box"] == 1
    (orbit,) = [p for p in res.points if p.period == 2]
    assert "interval" in orbit.found_by and "numeric" in orbit.found_by
    s = math.sqrt((3.2 - 3) * (3.2 + 1))
    for blk in orbit.enclosure["orbit"]:  # each block holds one point of the closed-form cycle
        assert sum(blk["x"][0] <= t <= blk["x"][1] for t in ((4.2 - s) / 6.4, (4.2 + s) / 6.4)) == 1


# ---- the arithmetic against exact evaluation


def _adam_program():
    (m,) = interval_maps("adam", 4)
    m.check({"beta1": 0.9, "beta2": 0.999})
    return m


def _samples(m, rng, N, width):
    lo = np.column_stack([rng.uniform(-3, 3, N), rng.uniform(0, 3, N)])
    return lo, lo + width * rng.uniform(0, 1, (N, 2))


def _enclosure_misses(m, lo, hi, rng):
    """Points of each box where the exact value (mpmath, 50 digits) of Adam's cleared residual lies outside
    the computed enclosure."""
    opts = m.options(lo, hi, {"beta1": 0.9, "beta2": 0.999})
    bad = 0
    mpmath.mp.dps = 50
    b1, b2 = mpmath.mpf(0.9), mpmath.mpf(0.999)
    for (branch, s), possible, _sole, env in opts:
        nxt, mult = m.values(branch, env)
        for i in np.flatnonzero(possible)[:60]:
            for t in [0.0, 1.0] + list(rng.uniform(0, 1, 3)):
                u = mpmath.mpf(lo[i, 0]) + (mpmath.mpf(hi[i, 0]) - mpmath.mpf(lo[i, 0])) * mpmath.mpf(t)
                lam = mpmath.mpf(lo[i, 1]) + (mpmath.mpf(hi[i, 1]) - mpmath.mpf(lo[i, 1])) * mpmath.mpf(t)
                A = s * (1 - lam * u)
                if A <= 0:
                    continue
                exact = [A**3 * (1 - b1) + b1 * s * u, lam * A**2 / mpmath.sqrt(b2)]  # A^p F_j, p = 3 and 0
                for j, v in enumerate(exact):
                    if not (nxt[j].lo[i] <= v <= nxt[j].hi[i]):
                        bad += 1
    return bad


def test_enclosures_hold_exact_values():
    m = _adam_program()
    rng = np.random.default_rng(0)
    for width in (0.0, 1e-3, 0.5):
        assert _enclosure_misses(m, *_samples(m, rng, 200, width), rng) == 0


def test_no_outward_rounding_is_caught(monkeypatch):
    m = _adam_program()
    monkeypatch.setattr(iv, "_down", lambda x: x)
    monkeypatch.setattr(iv, "_up", lambda x: x)
    rng = np.random.default_rng(0)
    assert _enclosure_misses(m, *_samples(m, rng, 200, 0.0), rng) > 20  # round to nearest misses exact values


def test_wrong_interval_rule_is_caught(monkeypatch):
    m = _adam_program()
    rng = np.random.default_rng(1)
    boxes = _samples(m, rng, 200, 0.5)

    def mul(a, b):  # a textbook mistake, right for positive intervals only: [a.lo b.lo, a.hi b.hi]
        b = iv._as_iv(b)
        return Interval(iv._down(a.lo * b.lo), iv._up(a.hi * b.hi), a.flag | b.flag)

    monkeypatch.setattr(Interval, "__mul__", mul)
    monkeypatch.setattr(Interval, "__rmul__", mul)
    m._compiled.clear()
    assert _enclosure_misses(m, *boxes, rng) > 0


# ---- Adam at n = 4 in Regime I


B1, B2 = 0.9, 0.999


def _adam_step(u, lam, n=4, b1=B1, b2=B2, lr=1e-2, x=1e-9):
    """One raw Adam step (eps = 0, no bias correction) from normalized (u, lambda) at a tiny x_t."""
    g = x ** (n - 1)
    m, v = u * g, (lr * x ** (n - 2) / lam) ** 2
    x1 = x - lr * m / np.sqrt(v)
    g1 = np.sign(x1) * abs(x1) ** (n - 1)
    m, v = b1 * m + (1 - b1) * g1, b2 * v + (1 - b2) * g1 * g1
    return m / g1, lr * abs(x1) ** (n - 2) / np.sqrt(v), x1 / x


@pytest.fixture(scope="module")
def adam_proof():
    return find_fixed_points("adam", 4, beta1=B1, beta2=B2, box={"u": (-10, 10), "lambda": (0, 100)},
                             method="both", symbolic=True)


def test_adam_regime_one_proven_complete(adam_proof):
    from adamdyn.theory import regime

    assert int(regime("adam", n=4, beta1=B1, beta2=B2)) == 1
    res = adam_proof
    assert res.complete and res.proof["complete"]
    (period,) = res.proof["charts"][0]["periods"]
    assert period["newton_outside_enclosures"] == [] and period["missed_by_newton"] == []
    assert res.proof["symbolic_outside_enclosures"] == []
    sym = [p for p in res.points if "symbolic" in p.found_by]
    assert {p.name for p in sym} == {"trivial", "linear convergence"}
    assert all(p.enclosure is not None for p in res.points)
    # every enclosure away from lambda = 0 holds a fixed point of a raw Adam step
    for p in res.points:
        enc = p.enclosure
        if enc["lambda"][1] <= 1e-12:
            assert enc["u"][0] <= 1 <= enc["u"][1]  # the trivial point (u, lambda) = (1, 0)
            continue
        u, lam = (0.5 * (enc[c][0] + enc[c][1]) for c in ("u", "lambda"))
        u1, lam1, rho = _adam_step(u, lam)
        assert abs(u1 - u) < 1e-7 and abs(lam1 / lam - 1) < 1e-7 and abs(rho - p.rho) < 1e-9


def test_adam_wrong_point_is_not_in_an_enclosure(adam_proof):
    p = next(q for q in adam_proof.points if q.name == "linear convergence")
    u1, lam1, _ = _adam_step(p.coords["u"] * 1.001, p.coords["lambda"])
    assert abs(u1 - p.coords["u"] * 1.001) > 1e-6  # a 0.1 % shifted point is no fixed point ...
    assert not (p.enclosure["u"][0] <= p.coords["u"] * 1.001 <= p.enclosure["u"][1])  # ... nor enclosed


# ---- bad input


@pytest.mark.parametrize("kw,word", [
    ({"box": {"x": (1, 1), "y": (0, 1)}}, "box['x']"),
    ({"box": {"x": (0, 1)}}, "'y'"),
    ({"max_depth": 0}, "max_depth=0"),
    ({"max_boxes": 0}, "max_boxes=0"),
    ({"period": 5}, "period=5"),
])
def test_bad_input(kw, word):
    args = {"box": BOX, **kw}
    with pytest.raises(ValueError) as e:
        prove_fixed_points(_three_map(), **args)
    assert word in str(e.value) and "valid" in str(e.value) and "Fix:" in str(e.value)


def test_bad_method():
    with pytest.raises(ValueError, match="method='bogus'.*valid.*Fix:"):
        find_fixed_points("adam", 4, method="bogus")
