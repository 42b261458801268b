"""The single rule definitions: special cases, validation, backends agree."""

import math

import numpy as np
import pytest

import adamdyn as ad
from adamdyn.backend import NUMPY, SLOG, SLog
from adamdyn.rules import RULES, get_rule


def run_raw(name, steps=300, n=4.0, x0=1.0, **params):
    return ad.simulate(name, n=n, x0=x0, steps=steps, mode="raw", **params)


@pytest.mark.parametrize("b2", [0.0, 0.5, 0.9, 0.999])
def test_adam_beta1_zero_is_rmsprop_exactly(b2):
    a = run_raw("adam", beta1=0.0, beta2=b2)
    r = run_raw("rmsprop", beta2=b2)
    assert np.array_equal(a.x, r.x)
    assert np.array_equal(a.log10_loss, r.log10_loss)


@pytest.mark.parametrize("lr", [0.01, 0.0123, 0.3])
def test_adam_betas_zero_is_signgd_exactly(lr):
    a = run_raw("adam", beta1=0.0, beta2=0.0, lr=lr, steps=500, x0=0.937)
    s = run_raw("signgd", lr=lr, steps=500, x0=0.937)
    assert np.array_equal(a.x, s.x)


def test_momentum_ema_and_plain_differ_by_lr_scale():
    # plain m = sum beta^k g, EMA = (1-beta) * plain: same path with lr scaled by (1-beta)
    beta = 0.8
    plain = run_raw("momentum", beta=beta, ema=False, lr=0.01 * (1 - beta))
    ema = run_raw("momentum", beta=beta, ema=True, lr=0.01)
    np.testing.assert_allclose(plain.x, ema.x, rtol=1e-12)


def test_s3_p2_without_nesterov_is_adam_with_equal_betas():
    s3 = run_raw("s3", beta=0.9, p=2.0, nesterov=False)
    adam = run_raw("adam", beta1=0.9, beta2=0.9)
    np.testing.assert_allclose(s3.x, adam.x, rtol=1e-12)


@pytest.mark.parametrize("name", sorted(RULES))
def test_numpy_and_slog_backends_agree_on_random_states(name):
    rule = get_rule(name)
    rng = np.random.default_rng(0)
    p = rule.make_params()
    for _ in range(50):
        g = float(rng.normal())
        state = tuple(float(rng.normal()) if d == 1 else float(rng.uniform(0.1, 2)) for d in rule.degrees(p))
        t = int(rng.integers(1, 50))
        x = float(rng.normal())
        s_np, d_np = rule.advance(state, g, t, p, NUMPY, x=x)
        s_sl, d_sl = rule.advance(tuple(SLog.of(s) for s in state), SLog.of(g), t, p, SLOG, x=SLog.of(x))
        assert math.isclose(float(d_sl), float(d_np), rel_tol=1e-12)
        for a, b in zip(s_np, s_sl):
            assert math.isclose(float(b), float(a), rel_tol=1e-12, abs_tol=1e-300)


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_documents_equations_and_reference(name):
    rule = get_rule(name)
    assert rule.equations and rule.summary and rule.reference
    assert len(rule.degrees(rule.make_params())) == len(rule.state)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"beta1": 1.0}, "beta1=1.0 is out of range; valid range is [0, 1)"),
        ({"beta2": -0.1}, "beta2=-0.1 is out of range"),
        ({"lr": 0.0}, "lr=0.0 is out of range; valid range is (0, inf)"),
        ({"beta1": float("nan")}, "beta1=nan is out of range"),
        ({"beta1": "abc"}, "is not a number"),
        ({"bias_correction": "maybe"}, "is not a boolean"),
        ({"gamma": 1.0}, "has no parameter 'gamma'"),
    ],
)
def test_bad_parameters_name_value_range_and_fix(kwargs, fragment):
    with pytest.raises(ValueError) as err:
        get_rule("adam").make_params(**kwargs)
    assert fragment in str(err.value)
    assert "Fix:" in str(err.value)


def test_unknown_optimizer_lists_valid_names():
    with pytest.raises(ValueError, match="valid names are gd, momentum"):
        get_rule("adamw2")


def test_s3_rejects_non_positive_p():
    with pytest.raises(ValueError, match=r"p=0.0 is out of range; valid range is \(0, inf\)"):
        get_rule("s3").make_params(p=0.0)


def test_a_rule_pickles_as_the_registered_rule_it_was_made_from():
    """Registered rules hold lambdas, which pickle cannot store: a rule made with dataclasses.replace used to
    fail to pickle (so did an optimizer running it). It pickles as its registered base plus what differs."""
    import dataclasses
    import pickle

    assert pickle.loads(pickle.dumps(get_rule("lion"))) is get_rule("lion")
    custom = dataclasses.replace(get_rule("adam"), name="adam_custom", summary="Adam, renamed.")
    back = pickle.loads(pickle.dumps(custom))
    assert (back.name, back.summary, back.update, back.params) == ("adam_custom", "Adam, renamed.",
                                                                  custom.update, custom.params)
    p = custom.make_params(lr=0.1)
    state = custom.init(np.array([0.5]), p, NUMPY)
    assert back.advance(state, np.array([0.5]), 1, p, NUMPY)[1] == custom.advance(state, np.array([0.5]), 1, p,
                                                                                NUMPY)[1]
