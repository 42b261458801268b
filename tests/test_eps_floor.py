"""The eps floor: the predicted end of linear convergence against raw float64 runs and torch.optim.Adam.

The prediction (``eps_floor``) comes from the engine's fixed point (rho*, lambda*) and the rule's own
update; the observation is a run with ``eps > 0`` (adamdyn's raw float64 simulation, and independently
torch.optim.Adam in float64), reduced by ``measured_floor`` (the loss where the local slope has fallen to
half of n log10 rho*). They must agree within the stated tolerance (``EpsFloor.tolerance``, decades of loss).
"""

import dataclasses
import importlib
import json
import math

import numpy as np
import pytest

from adamdyn import simulate
from adamdyn.theory.eps_floor import eps_floor, measured_floor

EF = importlib.import_module("adamdyn.theory.eps_floor")  # the module (adamdyn.theory.eps_floor is the function)


def _steps(f, margin=3.0):
    """Steps to reach the predicted level from x0 = 1 (loss -0.6) at the linear rate, plus a margin."""
    s0 = f.n * math.log10(f.rate)
    return int((-f.log10_loss + margin) / abs(s0) * 1.3) + 200


def _measure(rule, f, **kw):
    tr = simulate(rule, n=f.n, steps=_steps(f), mode="raw", **kw)
    assert tr.stop_reason == "completed", tr.stop_reason
    return measured_floor(tr.step, tr.log10_loss, f.n, f.rate)


def _holds(predicted, measured, tolerance):
    return math.isfinite(measured) and abs(measured - predicted) <= tolerance


CASES = [  # (rule, n, eps, params): several eps, n and betas, eps added to the root and inside it
    *[("adam", n, eps, {"beta1": 0.8, "beta2": 0.9}) for n in (3, 4, 6) for eps in (1e-4, 1e-8, 1e-12)],
    *[("adam", n, 1e-8, {"beta1": 0.9, "beta2": 0.99}) for n in (3, 4, 6)],
    ("adam", 4, 1e-12, {"beta1": 0.9, "beta2": 0.99}),
    ("rmsprop", 4, 1e-8, {"beta2": 0.9}),
    ("rmsprop", 3, 1e-12, {"beta2": 0.9}),
    ("adam", 4, 1e-8, {"beta1": 0.9, "beta2": 0.99, "eps_inside": True}),
    ("adam", 3, 1e-12, {"beta1": 0.0, "beta2": 0.9, "eps_inside": True}),
    ("adabelief", 4, 1e-8, {"beta1": 0.8, "beta2": 0.9}),
    ("adamw", 4, 1e-10, {"beta1": 0.8, "beta2": 0.9, "weight_decay": 0.0}),
    ("adamax", 4, 1e-10, {"beta1": 0.5, "beta2": 0.9}),
]


@pytest.mark.parametrize("rule,n,eps,params", CASES)
def test_predicted_floor_matches_raw_runs(rule, n, eps, params):
    f = eps_floor(rule, n=n, eps=eps, lr=1e-2, **params)
    m = _measure(rule, f, lr=1e-2, eps=eps, **params)
    assert _holds(f.log10_loss, m.log10_loss, f.tolerance), (f.log10_loss, m.log10_loss, f.tolerance)


def test_eps_sets_the_level_and_zero_eps_has_none():
    """Each factor 1e4 in eps moves the floor by 4 n/(n-2) decades (eps has degree 1 here), measured too;
    the same run with eps = 0 has no end of its linear phase."""
    kw = dict(lr=1e-2, beta1=0.8, beta2=0.9)
    fs = [eps_floor("adam", n=4, eps=e, **kw) for e in (1e-4, 1e-8)]
    ms = [_measure("adam", f, eps=e, **kw) for f, e in zip(fs, (1e-4, 1e-8))]
    assert fs[0].log10_loss - fs[1].log10_loss == pytest.approx(8.0, abs=1e-9)
    assert ms[0].log10_loss - ms[1].log10_loss == pytest.approx(8.0, abs=0.1)
    tr = simulate("adam", n=4, steps=_steps(fs[1]), mode="raw", eps=0.0, **kw)
    m0 = measured_floor(tr.step, tr.log10_loss, 4, fs[1].rate)
    assert m0.linear_step >= 0 and not math.isfinite(m0.log10_loss)


def _torch_adam(n, eps, steps, lr=1e-2, betas=(0.8, 0.9)):
    torch = pytest.importorskip("torch")
    x = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([x], lr=lr, betas=betas, eps=eps)
    out = np.empty(steps + 1)
    for t in range(steps + 1):
        opt.zero_grad()
        loss = x.abs().pow(n).sum() / n
        out[t] = math.log10(loss.item())
        if t < steps:
            loss.backward()
            opt.step()
    return out


def test_torch_adam_default_eps_issue_case():
    """torch.optim.Adam (bias correction, eps = 1e-8, float64) on x^4/4, lr 1e-2, betas (0.8, 0.9): linear
    convergence ends at the predicted level, then the loss follows the predicted power law (near 1e-20 after
    ~2000 steps); with eps = 0 it keeps the linear rate rho*^n."""
    f = eps_floor("adam", n=4, eps=1e-8, lr=1e-2, beta1=0.8, beta2=0.9, bias_correction=True)
    L = _torch_adam(4, 1e-8, 2600)
    m = measured_floor(np.arange(L.size), L, 4, f.rate)
    assert _holds(f.log10_loss, m.log10_loss, f.tolerance), (f.log10_loss, m.log10_loss)
    cross = int(np.argmax(L < f.log10_loss))  # the step the run passes the predicted level
    for T in (1000, 2000):
        assert L[cross + T] == pytest.approx(float(f.log10_loss_after(T)), abs=0.1)
    L0 = _torch_adam(4, 0.0, 1200)
    late = np.polyfit(np.arange(600, 1201), L0[600:], 1)[0]
    assert late == pytest.approx(4 * math.log10(f.rate), rel=1e-6)
    assert L0[-1] < L[-1] - 30


@pytest.mark.parametrize("rule,n,eps,params", [
    ("adam", 3, 1e-8, {"beta1": 0.8, "beta2": 0.9}),
    ("adam", 6, 1e-8, {"beta1": 0.9, "beta2": 0.99}),
    ("adam", 4, 1e-8, {"beta1": 0.8, "beta2": 0.9, "eps_inside": True}),
])
def test_power_law_after_the_floor(rule, n, eps, params):
    """Below the floor the run is gradient descent with lr/S_eps: loss ~ T^(-n/(n-2)) (raw float64)."""
    f = eps_floor(rule, n=n, eps=eps, lr=1e-2, **params)
    T = 3000
    tr = simulate(rule, n=n, steps=_steps(f) + T, mode="raw", lr=1e-2, eps=eps, **params)
    L = tr.log10_loss
    cross = int(np.argmax(L < f.log10_loss))
    assert L[cross + T] == pytest.approx(float(f.log10_loss_after(T)), abs=0.1)
    slope = (L[cross + T] - L[cross + T // 2]) / math.log10(2.0)
    assert slope == pytest.approx(f.exponent, rel=0.1)


def test_denominator_eps_keeps_matches_closed_forms():
    """What eps alone keeps the denominator at, from each rule's update, against the forms written out here."""
    eps, b2 = 1e-8, 0.9  # beta1 = 0.8: Adam's default 0.9 = beta2 is the n = 4 stability boundary (Regime II)
    assert eps_floor("adam", n=4, eps=eps, beta1=0.8, beta2=b2).denominator == pytest.approx(eps, rel=1e-9)
    assert eps_floor("adam", n=4, eps=eps, beta1=0.8, beta2=b2, eps_inside=True).denominator == pytest.approx(
        math.sqrt(eps), rel=1e-9)
    # AdaBelief adds eps to s_t every step: s -> eps/(1 - beta2), then sqrt(s) + eps
    assert eps_floor("adabelief", n=4, eps=eps, beta1=0.8, beta2=b2).denominator == pytest.approx(
        math.sqrt(eps / (1 - b2)) + eps, rel=1e-9)
    f = eps_floor("adam", n=4, eps=eps, lr=3e-3)
    assert f.gd_lr == pytest.approx(3e-3 / eps, rel=1e-9)


# ---- broken predictions are rejected ---------------------------------------------------------------------

def test_broken_predictions_fail_the_check(monkeypatch):
    kw = dict(lr=1e-2, beta1=0.8, beta2=0.9)
    f = eps_floor("adam", n=4, eps=1e-8, **kw)
    m = _measure("adam", f, eps=1e-8, **kw)
    assert _holds(f.log10_loss, m.log10_loss, f.tolerance)
    # 1. the naive frame argument: eps takes over where eps/|g| = 1, i.e. |x|^(n-1) = eps (ignores v/g^2 -> oo)
    naive = 4 * math.log10(1e-8) / 3 - math.log10(4)
    assert not _holds(naive, m.log10_loss, f.tolerance)
    # 2. the prediction for another eps (100x)
    assert not _holds(eps_floor("adam", n=4, eps=1e-6, **kw).log10_loss, m.log10_loss, f.tolerance)
    # 3. a derivation that takes eps with degree 1 wherever it sits (eps inside the root keeps sqrt(eps))
    kin = dict(kw, eps_inside=True)
    good = eps_floor("adam", n=4, eps=1e-8, **kin)
    m_in = _measure("adam", good, eps=1e-8, **kin)
    assert _holds(good.log10_loss, m_in.log10_loss, good.tolerance)
    monkeypatch.setattr(EF, "_denominator", lambda rule, p, name: getattr(p, name))
    bad = eps_floor("adam", n=4, eps=1e-8, **kin)
    assert not _holds(bad.log10_loss, m_in.log10_loss, bad.tolerance)
    # 4. a fixed point with a wrong lambda* (x10)
    monkeypatch.undo()
    wrong = f.log10_loss + math.log10(10.0) * 4 / 2
    assert not _holds(wrong, m.log10_loss, f.tolerance)


# ---- the measured level, outcomes without a floor, bad input ----------------------------------------------

def test_measured_floor_on_constructed_runs():
    t = np.arange(600.0)
    s0 = -0.05
    knee = 300
    L = np.where(t < knee, s0 * t, s0 * knee + 0.2 * s0 * (t - knee))  # linear, then a fifth of the slope
    m = measured_floor(t, L, n=4, rate=10 ** (s0 / 4))
    assert m.linear_step >= 0 and abs(m.step - knee) <= m.window
    # a transient that passes through the linear slope on its way is no linear phase
    L2 = np.concatenate([np.linspace(0, -1, 4), -1 + 0.5 * s0 * np.arange(1, 40), -1 + 0.5 * s0 * 39 + s0 *
                         np.arange(1, 400)])
    m2 = measured_floor(np.arange(L2.size), L2, n=4, rate=10 ** (s0 / 4))
    assert m2.linear_step >= 40
    with pytest.raises(ValueError, match="equally spaced"):
        measured_floor([0, 1, 3], [0.0, -1.0, -2.0], 4, 0.9)
    with pytest.raises(ValueError, match=r"rate=1\.5.*\(0, 1\)"):
        measured_floor(t, L, 4, 1.5)


def test_no_linear_phase_gives_nan_with_reason():
    f = eps_floor("adam", n=4, eps=1e-8, beta1=0.99, beta2=0.9)  # regime 3: beta1 above beta2^(n/(2n-4))
    assert math.isnan(f.log10_loss) and "regime 3" in f.reason
    assert np.all(np.isnan(f.log10_loss_after([10, 100])))



def test_a_rule_without_linear_convergence_says_why_once():
    """Yogi's two branches (sign of v - g^2) fail for the same reason: the reason names it once."""
    f = eps_floor("yogi", n=4, eps=1e-3, lr=0.01, v0=1e-6)
    assert math.isnan(f.log10_loss) and "forces rho* = 1" in f.reason
    clauses = f.reason.split(": ", 1)[1].split("; ")
    assert len(clauses) == len(set(clauses)) == 1


def test_family_cells_are_clipped_at_a_word():
    from adamdyn.experiments.family import _clip
    assert _clip("short  text", 20) == "short text"
    text = "the lambda equation forces rho* = 1; the lambda equation forces rho* = 1"
    clipped = _clip(text, 50)
    assert clipped == "the lambda equation forces rho* = 1; the lambda…" and len(clipped) <= 50


@pytest.mark.parametrize("kwargs,match", [
    (dict(optimizer="adam", n=4, eps=0.0), r"eps=0\.0 is out of range; valid range is finite eps > 0.*Fix"),
    (dict(optimizer="adam", n=4, eps=-1e-8), r"eps=-1e-08 is out of range"),
    (dict(optimizer="adam", n=2, eps=1e-8), r"n=2 is out of range; valid range is real n > 2.*Fix"),
    (dict(optimizer="adam", n="four", eps=1e-8), r"n='four' is out of range"),
    (dict(optimizer="gd", n=4, eps=1e-8), r"'gd' has no scale-carrying parameter 'eps'.*Fix"),
    (dict(optimizer="adam", n=4, eps=1e-8, eps_name="v1"), r"valid names are eps, v0"),
    (dict(optimizer="adam", n=4, eps=1e-8, beta1=1.5), r"beta1=1\.5 is out of range"),
])
def test_bad_input_names_value_range_and_fix(kwargs, match):
    with pytest.raises(ValueError, match=match):
        eps_floor(**kwargs)


def test_as_dict_is_json():
    f = eps_floor("adam", n=4, eps=1e-8)
    d = json.loads(json.dumps(f.as_dict()))
    assert d["log10_loss"] == f.log10_loss and d["params"]["eps"] == 1e-8
    assert dataclasses.replace(f, n=6.0).n == 6.0
