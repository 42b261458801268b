"""The optimizer family's rules and the backend vocabulary they need (max, min, clip, where, the iterate x)."""

import math

import numpy as np
import pytest
import sympy as sp

import adamdyn as ad
from adamdyn.backend import NUMPY, SLOG, SYMPY, SLog
from adamdyn.rules import FAMILY, get_rule
from adamdyn.rules.base import Param, Rule

FAMILY_NAMES = [m.RULE.name for m in FAMILY]


def _values(rng, k=40):
    v = rng.normal(size=k) * 10.0 ** rng.integers(-5, 5, size=k)
    v[:4] = [0.0, -0.0, 1.0, -1.0]
    return v


@pytest.mark.parametrize("op", ["max", "min"])
def test_max_min_agree_exactly_in_every_backend(op):
    rng = np.random.default_rng(1)
    a, b = _values(rng), _values(rng)[::-1].copy()
    ref = np.maximum if op == "max" else np.minimum
    want = ref(a, b)
    assert np.array_equal(getattr(NUMPY, op)(a, b), want)
    for x, y, w in zip(a, b, want):
        got, ref_slog = getattr(SLOG, op)(SLog.of(x), SLog.of(y)), SLog.of(w)
        assert (got.log, got.sign) == (ref_slog.log, ref_slog.sign)  # the very value chosen, no round trip
        assert float(getattr(SYMPY, op)(sp.Float(x), sp.Float(y))) == w
    torch = pytest.importorskip("torch")
    from adamdyn.backend import torch_backend

    T = torch_backend()
    got = getattr(T, op)(torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64))
    assert np.array_equal(got.numpy(), want)
    # a python number on one side (a clip's bound, Adafactor's max(1, |u|))
    assert np.array_equal(getattr(T, op)(torch.tensor(a, dtype=torch.float64), 0.5).numpy(), ref(a, 0.5))


def test_clip_holds_values_in_bounds_in_every_backend():
    rng = np.random.default_rng(2)
    a = _values(rng)
    lo, hi = -1e-2, 3e-1
    want = np.clip(a, lo, hi)
    assert np.array_equal(NUMPY.clip(a, lo, hi), want)
    got = [SLOG.clip(SLog.of(x), lo, hi) for x in a]
    assert [(s.log, s.sign) for s in got] == [(SLog.of(w).log, SLog.of(w).sign) for w in want]
    s = sp.Symbol("s", real=True)
    f = sp.lambdify(s, SYMPY.clip(s, lo, hi), "math")
    assert [f(float(x)) for x in a] == list(want)


def test_slog_order_matches_float_order_including_signs_and_zero():
    rng = np.random.default_rng(3)
    vals = _values(rng, 60)
    for x in vals:
        for y in vals[:15]:
            assert (SLog.of(x) < SLog.of(y)) == (x < y), (x, y)
            assert (SLog.of(x) >= SLog.of(y)) == (x >= y), (x, y)
    # beyond float64's range the order still holds
    assert SLog(-1000.0, 1.0) < SLog(-999.0, 1.0) and SLog(-999.0, -1.0) < SLog(-1000.0, -1.0)


def test_where_is_a_piecewise_in_sympy_and_a_choice_on_numbers():
    t = sp.Symbol("t", positive=True)
    e = SYMPY.where(t > 5, t, -t)
    assert isinstance(e, sp.Piecewise)
    assert e.subs(t, 7) == 7 and e.subs(t, 3) == -3
    assert NUMPY.where(True, 1.0, 2.0) == 1.0 and SLOG.where(False, 1.0, 2.0) == 2.0
    assert np.array_equal(NUMPY.where(np.array([True, False]), 1.0, 2.0), [1.0, 2.0])


@pytest.mark.parametrize("mode", ["raw", "normalized"])
def test_adamw_without_decay_is_adam_bit_for_bit(mode):
    kw = dict(n=4, x0=0.83, steps=600, mode=mode, lr=0.02, beta1=0.8, beta2=0.95)
    a = ad.simulate("adam", **kw)
    w = ad.simulate("adamw", weight_decay=0.0, **kw)
    assert np.array_equal(a.log10_loss, w.log10_loss)
    if mode == "raw":
        assert np.array_equal(a.x, w.x)


def test_adamw_decay_is_decoupled_as_loshchilov_and_hutter_write_it():
    # an independent step-by-step AdamW, in torch.optim.AdamW's order: shrink, then the Adam step
    lr, b1, b2, eps, wd, n = 0.01, 0.9, 0.99, 1e-8, 0.1, 4
    x, m, v, xs = 0.9, 0.0, 0.0, []
    for t in range(1, 301):
        g = x ** (n - 1)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        x = x * (1 - lr * wd) - lr * (m / (1 - b1**t)) / (math.sqrt(v / (1 - b2**t)) + eps)
        xs.append(x)
    common = dict(n=n, x0=0.9, steps=300, mode="raw", lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=True)
    tr = ad.simulate("adamw", weight_decay=wd, **common)
    np.testing.assert_allclose(tr.x[1:, 0], xs, rtol=1e-12)
    # the same comparison rejects Adam without the decay
    bad = ad.simulate("adam", **common)
    assert not np.allclose(bad.x[1:, 0], xs, rtol=1e-6)


PARAMS = {
    "adamw": dict(lr=0.02, beta1=0.8, beta2=0.95, weight_decay=0.05),
    "nadam": dict(lr=0.02, beta1=0.8, beta2=0.95),
    "radam": dict(lr=0.02, beta1=0.8, beta2=0.95),
    "adamax": dict(lr=0.02, beta1=0.8, beta2=0.95),
    "amsgrad": dict(lr=0.02, beta1=0.8, beta2=0.95),
    "adagrad": dict(lr=0.1),
    "adabound": dict(lr=0.02, beta1=0.8, beta2=0.95, final_lr=0.05, gamma=0.01),
    "yogi": dict(lr=0.02, beta1=0.8, beta2=0.95),
    "lion": dict(lr=1e-3, beta1=0.9, beta2=0.99),
    "adafactor": dict(),
}


def test_every_family_rule_has_test_parameters():
    assert sorted(PARAMS) == sorted(FAMILY_NAMES)


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_raw_and_normalized_modes_agree_for_the_family(name):
    kw = dict(n=4, x0=0.7312, steps=1500, **PARAMS[name])
    raw = ad.simulate(name, mode="raw", **kw)
    nrm = ad.simulate(name, mode="normalized", **kw)
    assert raw.stop_reason == nrm.stop_reason == "completed"
    k = min(len(raw.log10_loss), len(nrm.log10_loss))
    np.testing.assert_allclose(nrm.log10_loss[:k], raw.log10_loss[:k], rtol=1e-9, atol=1e-9)


def test_normalized_mode_follows_nadam_far_below_float64():
    tr = ad.simulate("nadam", n=4, x0=0.7312, steps=20000, mode="normalized", lr=0.02, beta1=0.8, beta2=0.95)
    assert tr.stop_reason == "completed" and tr.final_log10_loss < -400


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_every_new_parameter_rejects_bad_values_with_range_and_fix(name):
    rule = get_rule(name)
    for q in rule.params:
        if q.kind == "bool":
            bad = "maybe"
        elif q.lo > -math.inf:
            bad = q.lo - 1.0
        else:
            bad = q.hi + 1.0
        with pytest.raises(ValueError) as err:
            rule.make_params(**{q.name: bad})
        msg = str(err.value)
        assert q.name in msg and repr(bad) in msg and "Fix" in msg
        assert q.range_text() in msg


def test_published_defaults_are_valid_parameters():
    for m in FAMILY:
        p = m.RULE.published_params()
        assert all(getattr(p, k) == v for k, v in m.RULE.published.items())


def test_a_rule_that_moves_with_x_must_get_it():
    rule = get_rule("lion")
    with pytest.raises(ValueError, match="needs the iterate x"):
        rule.advance((0.0,), 1.0, 1, rule.make_params(), NUMPY)
    with pytest.raises(ValueError, match="direction_degree 0"):
        Rule(name="bad", summary="", equations="", params=(Param("lr", 1.0, ""),), state=(), init=None,
             update=None, degrees=lambda p: (), direction_degree=1, needs_x=True)


def test_recorded_lambda_uses_the_denominator_with_eps_inside_the_root():
    n, lr, eps = 4, 0.01, 1e-3
    tr = ad.simulate("adam", n=n, x0=0.9, steps=50, mode="raw", lr=lr, eps=eps, eps_inside=True)
    x, v = tr.x[:, 0], tr.state["v"][:, 0]
    want = np.log10(lr * np.abs(x) ** (n - 2) / np.sqrt(v + eps))
    np.testing.assert_allclose(tr.log10_lambda, want, rtol=1e-12)
    assert not np.allclose(tr.log10_lambda, np.log10(lr * np.abs(x) ** (n - 2) / (np.sqrt(v) + eps)), rtol=1e-3)


def test_readme_lists_every_rule_as_the_rule_modules_describe_it():
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "tools"))
    import update_readme

    text = (root / "README.md").read_text()
    body = text.split("<!-- rules -->\n", 1)[1].split("\n<!-- /rules -->", 1)[0]
    assert body == update_readme.rules_section(), "README rules table stale: run python tools/update_readme.py"
    assert all(f"| `{m.RULE.name}` |" in body for m in FAMILY)
