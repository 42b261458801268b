"""The torch optimizers are the single rule definitions, step for step."""

import copy

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

from adamdyn.backend import NUMPY  # noqa: E402
from adamdyn.rules import get_rule  # noqa: E402
from adamdyn.torch import optim as O  # noqa: E402

torch.set_num_threads(1)  # small tensors: one thread is fastest, and robust on a busy machine

# (class, torch kwargs, matching rule params)
CASES = {
    "adam": (O.Adam, dict(lr=0.01, betas=(0.8, 0.99), eps=1e-8),
             dict(beta1=0.8, beta2=0.99, eps=1e-8, bias_correction=True)),
    "adam_analysis": (O.Adam, dict(lr=0.01, eps=0.0, bias_correction=False),
                      dict(eps=0.0, bias_correction=False)),
    "adamw": (O.AdamW, dict(lr=0.01, weight_decay=0.1), dict(eps=1e-8, bias_correction=True, weight_decay=0.1)),
    "amsgrad": (O.Adam, dict(lr=0.01, amsgrad=True), dict(eps=1e-8, bias_correction=True)),
    "nadam": (O.NAdam, dict(lr=0.01), dict(eps=1e-8)),
    "radam": (O.RAdam, dict(lr=0.01, betas=(0.9, 0.99)), dict(beta2=0.99, eps=1e-8)),
    "adamax": (O.Adamax, dict(lr=0.01), dict(eps=1e-8, bias_correction=True)),
    "adagrad": (O.Adagrad, dict(lr=0.05, lr_decay=0.01), dict(lr_decay=0.01, eps=1e-10)),
    "lion": (O.Lion, dict(lr=0.01, weight_decay=0.1), dict(weight_decay=0.1)),
    "yogi": (O.Yogi, dict(lr=0.01), dict(eps=1e-3, v0=1e-6, bias_correction=True)),
    "adabound": (O.AdaBound, dict(lr=0.01, final_lr=0.05), dict(final_lr=0.05, eps=1e-8, bias_correction=True)),
    "adafactor": (O.Adafactor, dict(lr=0.01, beta1=0.8, weight_decay=0.1), dict(beta1=0.8, weight_decay=0.1,
                                                                               eps1=1e-30)),
    "adamomentum": (O.AdaMomentum, dict(lr=0.01, betas=(0.9, 0.99)),
                    dict(beta1=0.9, beta2=0.99, eps=1e-16, bias_correction=True)),
    "adabelief": (O.AdaBelief, dict(lr=0.01), dict(eps=1e-16, bias_correction=True)),
    "s3": (O.S3, dict(lr=0.01, beta=0.9, p=1.5, nesterov=True, eps=1e-8),
           dict(beta=0.9, p=1.5, nesterov=True, eps=1e-8)),
    "s3_plain": (O.S3, dict(lr=0.01, beta=0.9, p=2.0, nesterov=False, eps=0.0),
                 dict(beta=0.9, p=2.0, nesterov=False, eps=0.0)),
    "rmsprop": (O.RMSProp, dict(lr=0.01, beta2=0.9), dict(beta2=0.9, eps=1e-8)),
    "momentum": (O.Momentum, dict(lr=0.01, beta=0.7), dict(beta=0.7)),
    "gd": (O.GD, dict(lr=0.05), {}),
    "signgd": (O.SignGD, dict(lr=0.01), {}),
}
RULE_OF = {"adam_analysis": "adam", "s3_plain": "s3"}


def grad_np(x, a):
    """Gradient of sum(a x^2 / 2 + x^4 / 4 + sin(x)): non-degenerate, never exactly zero here."""
    return a * x + x**3 + np.cos(x)


@pytest.mark.parametrize("case", sorted(CASES))
def test_torch_optimizer_matches_numpy_rule_step_for_step(case, torch_device):
    cls, kw, rp = CASES[case]
    rule = get_rule(RULE_OF.get(case, case))
    rng = np.random.default_rng(0)
    x0 = [rng.normal(size=(3, 4)), rng.normal(size=5)]
    curv = [rng.uniform(0.5, 2.0, size=(3, 4)), rng.uniform(0.5, 2.0, size=5)]
    # torch side: two param groups, the second with a different lr
    ps = [torch.nn.Parameter(torch.tensor(x, device=torch_device)) for x in x0]
    lr2 = kw["lr"] * 0.5
    opt = cls([{"params": [ps[0]]}, {"params": [ps[1]], "lr": lr2}], **kw)
    # numpy side: the same rule, numpy backend
    xs = [x.copy() for x in x0]
    params = [rule.make_params(lr=kw["lr"], **rp), rule.make_params(lr=lr2, **rp)]
    states = [None, None]
    for t in range(1, 101):  # S3 p=1.5 amplifies 1-ulp pow differences past 1e-12 by step 157 (CPU), 102 (CUDA)
        for k in range(2):
            g = grad_np(xs[k], curv[k])
            if states[k] is None:
                states[k] = rule.init(g, params[k], NUMPY)
            states[k], d = rule.advance(states[k], g, t, params[k], NUMPY, x=xs[k])
            xs[k] = xs[k] - params[k].lr * d
        for p, c in zip(ps, curv):
            p.grad = torch.tensor(grad_np(p.detach().cpu().numpy(), c), device=torch_device)
        opt.step()
        for p, x in zip(ps, xs):
            np.testing.assert_allclose(p.detach().cpu().numpy(), x, rtol=1e-12, atol=1e-12, err_msg=f"step {t}")
    assert all(np.all(np.isfinite(x)) for x in xs)


def small_net(seed=0, dtype=torch.float64, device="cpu"):
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(6, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)
    ).to(dtype=dtype, device=device)


def small_data(dtype=torch.float64, device="cpu"):
    g = torch.Generator().manual_seed(1)
    X = torch.randn(40, 6, generator=g, dtype=dtype)
    y = torch.randint(0, 3, (40,), generator=g)
    return X.to(device), y.to(device)


def train(net, opt, steps, X, y):
    lossf = torch.nn.CrossEntropyLoss()
    losses = []
    for _ in range(steps):
        def closure():
            opt.zero_grad()
            loss = lossf(net(X), y)
            loss.backward()
            return loss
        losses.append(float(opt.step(closure).detach()))
    return losses


def test_adam_v0_zero_equals_torch_adam_500_steps(torch_device):
    X, y = small_data(device=torch_device)
    a, b = small_net(device=torch_device), small_net(device=torch_device)
    la = train(a, O.Adam(a.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-8), 500, X, y)
    lb = train(b, torch.optim.Adam(b.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-8), 500, X, y)
    assert la[-1] < 0.5 * la[0]  # it trained
    for pa, pb in zip(a.parameters(), b.parameters()):
        np.testing.assert_allclose(pa.detach().cpu().numpy(), pb.detach().cpu().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(la, lb, rtol=1e-12)


def test_adamw_equals_torch_adamw():
    X, y = small_data()
    a, b = small_net(), small_net()
    train(a, O.AdamW(a.parameters(), lr=0.01, weight_decay=0.1), 200, X, y)
    train(b, torch.optim.AdamW(b.parameters(), lr=0.01, weight_decay=0.1), 200, X, y)
    for pa, pb in zip(a.parameters(), b.parameters()):
        np.testing.assert_allclose(pa.detach().numpy(), pb.detach().numpy(), rtol=1e-12, atol=1e-12)


def test_float32_runs_and_stays_float32():
    X, y = small_data(torch.float32)
    net = small_net(dtype=torch.float32)
    for cls in (O.Adam, O.AdaMomentum, O.AdaBelief, O.S3):
        opt = cls(net.parameters(), lr=1e-3)
        losses = train(net, opt, 20, X, y)
        assert np.isfinite(losses).all()
        for st in opt.state.values():
            for name in opt.rule.state:
                assert st[name].dtype == torch.float32


@pytest.mark.parametrize("name", ["adam", "adamomentum", "adabelief", "s3", "momentum"])
def test_state_dict_round_trip_resumes_identically(name, torch_device):
    X, y = small_data(device=torch_device)
    net = small_net(device=torch_device)
    opt = O.make_optimizer(name, net.parameters(), lr=0.01)
    train(net, opt, 30, X, y)
    saved_net = copy.deepcopy(net.state_dict())
    saved_opt = copy.deepcopy(opt.state_dict())
    train(net, opt, 30, X, y)
    ref = [p.detach().clone() for p in net.parameters()]
    net2 = small_net(seed=5, device=torch_device)
    net2.load_state_dict(saved_net)
    opt2 = O.make_optimizer(name, net2.parameters(), lr=0.5)  # lr comes back from the state dict
    opt2.load_state_dict(saved_opt)
    assert opt2.param_groups[0]["lr"] == 0.01
    train(net2, opt2, 30, X, y)
    for a, b in zip(ref, net2.parameters()):
        assert torch.equal(a, b.detach())


def test_v0_random_follows_seed_000_rule_and_seed():
    w = torch.nn.Parameter(torch.zeros(200, 300, dtype=torch.float64))
    opt = O.Adam([w], lr=0.1, v0="random", v0_sigma=2.0, v0_seed=3, bias_correction=False)
    w.grad = torch.ones_like(w)
    opt.step()
    v = opt.state[w]["v"]
    v0 = (v - (1 - 0.999) * 1.0) / 0.999
    # E[chi2_1] = 1: mean of v0 is sigma / (fan_in + fan_out)
    assert abs(v0.mean().item() / (2.0 / 500) - 1) < 0.02
    assert v0.min().item() >= 0
    w2 = torch.nn.Parameter(torch.zeros(200, 300, dtype=torch.float64))
    opt2 = O.Adam([w2], lr=0.1, v0="random", v0_sigma=2.0, v0_seed=3, bias_correction=False)
    w2.grad = torch.ones_like(w2)
    opt2.step()
    assert torch.equal(opt2.state[w2]["v"], v)
    # a non-zero v0 breaks the first sign step: not all |update| == lr
    assert (w.detach().abs() - 0.1).abs().max() > 1e-3


def test_v0_data_is_mean_square_of_batch_gradients():
    X, y = small_data()
    net = small_net()
    lossf = torch.nn.CrossEntropyLoss()
    batches = [(X[i:i + 10], y[i:i + 10]) for i in range(0, 40, 10)]
    v0 = O.data_driven_v0(net.parameters(), lambda b: lossf(net(b[0]), b[1]), batches, sigma=3.0)
    grads = []
    for xb, yb in batches:
        net.zero_grad()
        lossf(net(xb), yb).backward()
        grads.append([p.grad.clone() for p in net.parameters()])
    for k, v in enumerate(v0):
        G = torch.stack([g[k] for g in grads])
        torch.testing.assert_close(v, 3.0 * (G * G).mean(0), rtol=1e-10, atol=1e-14)
    opt = O.Adam(net.parameters(), v0="data")
    with pytest.raises(ValueError, match="set_v0"):
        train(net, opt, 1, X, y)
    opt = O.Adam(net.parameters(), v0="data")
    opt.set_v0(v0)
    assert np.isfinite(train(net, opt, 5, X, y)).all()


def test_bad_settings_raise_valueerror_with_fix():
    p = [torch.nn.Parameter(torch.zeros(2))]
    with pytest.raises(ValueError, match="beta1"):
        O.Adam(p, betas=(1.5, 0.9))
    with pytest.raises(ValueError, match="v0"):
        O.Adam(p, v0="bogus")
    with pytest.raises(ValueError, match="v0"):
        O.S3(p, v0="random")
    with pytest.raises(ValueError, match="valid names"):
        O.make_optimizer("sophia", p)
    with pytest.raises(ValueError, match="weight_decay"):
        O.Adam(p, weight_decay=-1.0)
    z = torch.nn.Parameter(torch.zeros(2, dtype=torch.complex64))
    with pytest.raises(ValueError, match="complex64.*Fix: keep the real and imaginary parts"):
        O.Adam([p[0], z])  # it used to step complex numbers other than torch.optim.Adam does
    opt = O.Adam(p)
    with pytest.raises(ValueError, match="complex64"):
        opt.add_param_group({"params": [z]})
    assert len(opt.param_groups) == 1  # the refused group is not left behind


def test_import_adamdyn_does_not_import_torch_subpackage():
    import subprocess
    import sys

    code = "import sys, adamdyn; assert 'torch' not in sys.modules and 'adamdyn.torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------------ torch's group keys: betas, momentum
def _run(make, steps=20, scheduler=None):
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 7, dtype=torch.float64))
    opt = make([w])
    sched = scheduler(opt) if scheduler else None
    for _ in range(steps):
        opt.zero_grad()
        (w ** 4 / 4).sum().backward()
        opt.step()
        if sched:
            sched.step()
    return w.detach()


@pytest.mark.parametrize("kw", [dict(lr=0.01), dict(lr=0.01, momentum=0.9), dict(lr=0.01, momentum=0.5,
                                                                                 weight_decay=0.1, maximize=False)])
def test_sgd_is_torch_sgd(kw):
    """make_optimizer("sgd", momentum=0.9) used to build plain GD and drop the momentum."""
    ours = _run(lambda p: O.make_optimizer("sgd", p, **kw))
    assert torch.equal(ours, _run(lambda p: torch.optim.SGD(p, **kw)))
    if kw.get("momentum"):
        assert not torch.equal(ours, _run(lambda p: torch.optim.SGD(p, lr=kw["lr"])))


@pytest.mark.parametrize("group", [{"betas": (0.5, 0.6)}, {"beta1": 0.5}])
def test_a_groups_betas_are_used(group):
    """A param group's torch-style betas (or beta1 alone) used to be ignored."""
    ours = _run(lambda p: O.Adam([{"params": p, **group}], lr=0.01))
    betas = group.get("betas", (group.get("beta1"), 0.999))
    ref = _run(lambda p: torch.optim.Adam([{"params": p, "betas": betas}], lr=0.01))
    assert torch.allclose(ours, ref, rtol=0, atol=1e-15)
    assert not torch.allclose(ours, _run(lambda p: torch.optim.Adam(p, lr=0.01)), rtol=0, atol=1e-6)


@pytest.mark.parametrize("ours, theirs", [(lambda p: O.Adam(p, lr=0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
                                          (lambda p: O.SGD(p, lr=0.01, momentum=0.9),
                                           lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9))])
def test_one_cycle_schedules_momentum_as_in_torch(ours, theirs):
    """OneCycleLR(cycle_momentum=True) writes betas / momentum into the groups every step; the steps follow."""
    def one_cycle(opt):
        return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.05, total_steps=20)
    a, b = _run(ours, scheduler=one_cycle), _run(theirs, scheduler=one_cycle)
    assert torch.allclose(a, b, rtol=0, atol=1e-15)
    assert not torch.allclose(a, _run(ours), rtol=0, atol=1e-6)


@pytest.mark.parametrize("make, match", [
    (lambda p: O.Momentum(p, momentum=0.5), r"unknown parameter\(s\) momentum; valid parameters are lr, beta"),
    (lambda p: O.RuleOptimizer(p, "adam", lrr=0.1), r"unknown parameter\(s\) lrr.*Fix"),
    (lambda p: O.Adam([{"params": p, "momentum": 0.9}]), r"sets momentum, which Adam does not use.*Fix"),
    (lambda p: O.SGD([{"params": p, "momentum": 0.9}]), r"sets momentum, which SGD does not use"),
    (lambda p: O.Adam([{"params": p, "betas": (1.5, 0.9)}]),
     r"betas=\(1\.5, 0\.9\) \(its beta1\) is out of range.*Fix: pass e\.g\. betas=\(0\.9, 0\.999\)"),
    (lambda p: O.Adam([{"params": p, "betas": 0.9}]), r"betas=0\.9 is not 2 numbers.*Fix"),
    (lambda p: O.SGD(p, momentum=0.9, nesterov=True), r"nesterov=True is not supported"),
    (lambda p: O.SGD(p, momentum=0.9, dampening=0.1), r"dampening=0\.1 is not supported.*Fix"),
    (lambda p: O.SGD(p, momentum=1.0), r"momentum=1\.0 is out of range; valid range is \[0, 1\)"),
])
def test_a_setting_that_would_be_ignored_is_refused(make, match):
    w = torch.nn.Parameter(torch.ones(3))
    with pytest.raises(ValueError, match=match):
        make([w])


def test_a_group_may_carry_keys_that_are_not_settings():
    """Keys that set no optimizer's numbers (a name, a scheduler's bookkeeping) pass, as in torch.optim."""
    w = torch.nn.Parameter(torch.ones(3))
    opt = O.Adam([{"params": [w], "name": "encoder", "eps": 1e-6}])
    assert opt.param_groups[0]["name"] == "encoder" and opt.param_groups[0]["betas"] == (0.9, 0.999)


# ------------------------------------------------------------------ saving, loading, copying
def _stepped(opt, params, n=3):
    for _ in range(n):
        for q in params:
            q.grad = torch.cos(q.detach() * 3.0)
        opt.step()
    return opt


def _lr_zero(sd):
    sd["param_groups"][0]["lr"] = 0.0  # an AdaBound checkpoint edited to a rate it cannot run


@pytest.mark.parametrize("saved, build, match", [
    (lambda p: torch.optim.Adam(p, amsgrad=True), lambda p: O.Adam(p), r"amsgrad=True.*Fix: build Adam with amsgrad"),
    (lambda p: torch.optim.Adam(p), lambda p: O.Adam(p, amsgrad=True), r"amsgrad=False"),
    (lambda p: torch.optim.AdamW(p, amsgrad=True), lambda p: O.AdamW(p),
     r"Fix: load it into adamdyn\.torch\.Adam\(params, amsgrad=True, decoupled_weight_decay=True, "
     r"weight_decay=0\.01\), which is torch's AdamW\(amsgrad=True\)"),
    (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), lambda p: O.SGD(p), r"momentum=0\.9.*Fix: build SGD"),
    (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True), lambda p: O.SGD(p, momentum=0.9),
     r"nesterov=True.*valid value: False"),
    (lambda p: O.SGD(p, lr=0.1, momentum=0.9), lambda p: O.Momentum(p),
     r"momentum=0\.9.*Fix: load it into adamdyn\.torch\.SGD\(params, momentum=0\.9\)"),
    # another torch.optim optimizer's state_dict, told by its group's settings (the state names may be the same)
    (lambda p: torch.optim.Adam(p), lambda p: O.Adagrad(p),
     r"saved by torch\.optim\.Adam or torch\.optim\.AdamW.*Adagrad continues torch\.optim\.Adagrad"),
    (lambda p: torch.optim.RAdam(p), lambda p: O.Adam(p), r"saved by torch\.optim\.RAdam.*adamdyn\.torch\.RAdam"),
    (lambda p: torch.optim.SGD(p, lr=0.1), lambda p: O.Adam(p), r"saved by torch\.optim\.SGD .*Fix: load it into "
                                                                r"adamdyn\.torch\.SGD"),
    (lambda p: torch.optim.Adafactor(p), lambda p: O.Adafactor(p),
     r"Adafactor continues no torch\.optim optimizer. Fix: continue it with torch\.optim\.Adafactor"),
    # a state_dict saved here names its rule
    (lambda p: O.Yogi(p), lambda p: O.AdaBound(p), r"running rule 'yogi'; AdaBound runs rule 'adabound'.*Yogi"),
    (lambda p: O.Adam(p), lambda p: O.RAdam(p), r"running rule 'adam'; RAdam runs rule 'radam'"),
    (lambda p: O.Adam(p, amsgrad=True), lambda p: O.Adam(p), r"rule 'amsgrad'.*Fix: build Adam with amsgrad=True"),
    (lambda p: O.SGD(p, lr=0.1), lambda p: O.SGD(p, momentum=0.9), r"rule 'gd'.*Fix: build SGD with momentum=0"),
    (lambda p: O.AdaBelief(p), lambda p: O.AdaMomentum(p), r"rule 'adabelief'; AdaMomentum runs rule 'adamomentum'"),
    ((lambda p: O.AdaBound(p), _lr_zero), lambda p: O.AdaBound(p), r"lr=0\.0 is out of range"),
    (lambda p: O.Momentum(p), lambda p: O.SGD(p), r"rule 'momentum'; SGD runs rule 'gd'.*Fix: build SGD with "
                                                  r"momentum=\.\.\."),  # (its group has beta, not momentum)
    (lambda p: O.Momentum(p, beta=0.9, ema=True), lambda p: O.SGD(p, momentum=0.5),
     r"sets ema=True, which SGD does not have \(it runs rule 'momentum' with ema=False"),
])
def test_a_state_dict_this_optimizer_cannot_continue_is_refused(saved, build, match):
    """Such state_dicts used to load and then fail at the next step (KeyError: 'm'), lose the momentum, or
    continue with another rule's states (Adam's m and v in RAdam, Yogi's in AdaBound)."""
    saved, edit = saved if isinstance(saved, tuple) else (saved, None)
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    sd = _stepped(saved([w]), [w]).state_dict()
    if edit:
        edit(sd)
    w2 = torch.nn.Parameter(w.detach().clone())
    opt = _stepped(build([w2]), [w2])
    before = copy.deepcopy(opt.state_dict())
    with pytest.raises(ValueError, match=match) as err:
        opt.load_state_dict(sd)
    assert "Nothing was loaded" in str(err.value)
    after = opt.state_dict()
    assert after["param_groups"] == before["param_groups"]
    assert all(torch.equal(torch.as_tensor(after["state"][0][k]), torch.as_tensor(v))
               for k, v in before["state"][0].items())
    with pytest.raises(ValueError, match="not an optimizer state_dict"):
        opt.load_state_dict([1, 2])


def test_a_state_with_other_names_is_refused():
    """A state that lacks the rule's states (here one without v) is refused, named as it was saved."""
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    sd = _stepped(torch.optim.Adam([w]), [w]).state_dict()
    del sd["state"][0]["exp_avg_sq"]
    with pytest.raises(ValueError, match=r"state of parameter 0 holds exp_avg, step; this optimizer keeps m, v "
                                         r"and an integer step.*torch\.optim\.Adam's, whose names are exp_avg"):
        O.Adam([torch.nn.Parameter(w.detach().clone())]).load_state_dict(sd)


def _continued(make, sd, n=3):
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    opt = make([w])
    opt.load_state_dict(sd)
    _stepped(opt, [w], n)
    return opt, w.detach()


def test_torchs_implementation_switches_load_and_this_optimizer_keeps_its_own():
    """capturable / differentiable / foreach / fused change no number: a checkpoint saved with them loads (they
    used to be refused), this optimizer keeps its own ``fused``, and torch's tensor lr is read as its number."""
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    sd = _stepped(torch.optim.Adam([w], lr=0.01), [w]).state_dict()
    _, want = _continued(O.Adam, copy.deepcopy(sd))
    group = sd["param_groups"][0]
    group.update(capturable=True, differentiable=True, foreach=True, fused=True, lr=torch.tensor(0.01, dtype=torch.float64))
    opt, got = _continued(O.Adam, sd)
    loaded = opt.param_groups[0]
    assert loaded["fused"] is False and loaded["lr"] == 0.01 and type(loaded["lr"]) is float
    assert not {"capturable", "differentiable", "foreach"} & set(loaded)
    assert torch.equal(got, want)


def test_an_old_sgd_state_without_a_momentum_buffer_loads():
    """torch.optim.SGD once saved ``momentum_buffer: None`` before the buffer existed: it loads as no state."""
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    ref = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    sd = ref.state_dict()
    sd["state"] = {0: {"momentum_buffer": None}}
    opt, got = _continued(lambda p: O.SGD(p, lr=0.1, momentum=0.9), sd)
    _stepped(ref, [w])
    assert torch.allclose(got, w.detach(), rtol=0, atol=1e-15)


def test_a_load_pre_hook_sees_the_state_dict_before_the_checks():
    """torch's load_state_dict pre-hooks run first (a hook that mends a checkpoint makes it load)."""
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    sd = _stepped(O.AdaBound([w]), [w]).state_dict()
    _lr_zero(sd)

    def mend(opt, state_dict):
        state_dict["param_groups"] = [dict(g, lr=1e-3) for g in state_dict["param_groups"]]

    opt = O.AdaBound([torch.nn.Parameter(w.detach().clone())])
    opt.register_load_state_dict_pre_hook(mend)
    opt.load_state_dict(sd)
    assert opt.param_groups[0]["lr"] == 1e-3 and opt.state[opt.param_groups[0]["params"][0]]["step"] == 3


@pytest.mark.parametrize("how", ["deepcopy", "pickle"])
def test_a_copied_optimizer_steps_as_the_original(how):
    """deepcopy and pickle used to drop the rule (AttributeError at the next step)."""
    import pickle

    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    opt = _stepped(O.SGD([w], lr=0.1, momentum=0.9), [w])
    twin = copy.deepcopy(opt) if how == "deepcopy" else pickle.loads(pickle.dumps(opt))
    (w2,) = twin.param_groups[0]["params"]
    assert twin.rule is opt.rule and twin.torch_keys == {"momentum": "beta"}
    _stepped(opt, [w]), _stepped(twin, [w2])
    assert torch.equal(w.detach(), w2.detach()) and twin.state[w2]["step"] == 6


def test_a_frozen_parameter_gets_no_state_until_unfrozen():
    """A parameter with requires_grad=False used to get flat state (a state_dict 30 times its size); unfrozen,
    it starts its own step count, and the run follows torch.optim.Adam's."""
    import io

    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(200, 200), torch.nn.Linear(200, 2)).double()
    net[0].requires_grad_(False)
    twin = copy.deepcopy(net)
    opt, ref = O.Adam(net.parameters(), lr=1e-2), torch.optim.Adam(twin.parameters(), lr=1e-2)
    X = torch.randn(16, 200, dtype=torch.float64)

    def run(o, model):
        for _ in range(3):
            o.zero_grad()
            model(X).square().sum().backward()
            o.step()

    run(opt, net), run(ref, twin)
    buf = io.BytesIO()
    torch.save(opt.state_dict(), buf)
    assert len(opt.state) == 2 and len(buf.getvalue()) < 20_000  # the 40,000 frozen weights hold nothing
    net[0].requires_grad_(True), twin[0].requires_grad_(True)
    run(opt, net), run(ref, twin)
    assert [opt.state[q]["step"] for q in net.parameters()] == [3, 3, 6, 6]
    assert all(torch.allclose(a, b, rtol=0, atol=1e-14) for a, b in zip(net.parameters(), twin.parameters()))


def test_lr_zero_stands_still_as_in_torch():
    """lr=0 (a warm-up's first rate) used to be refused; it leaves the parameters and moves the states."""
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    w0 = w.detach().clone()
    opt = _stepped(O.Adam([w], lr=0.0), [w])
    assert torch.equal(w.detach(), w0) and opt.state[w]["m"].abs().max() > 0
    with pytest.raises(ValueError, match=r"lr=0\.0 is out of range; valid range is \(0, inf\)"):
        O.AdaBound([w], lr=0.0)  # its bounds are final_lr / lr
    opt = O.AdaBound([w], lr=0.1)
    opt.param_groups[0]["lr"] = 0.0  # as a scheduler would
    with pytest.raises(ValueError, match=r"lr=0\.0 \(set after construction.*divides by lr.*Fix"):
        _stepped(opt, [w])


@pytest.mark.parametrize("kw, match", [
    (dict(lr="0.1"), r"lr='0\.1' is not a number.*Fix: pass a Python number, e\.g\. lr=0\.01"),
    (dict(lr=torch.tensor([0.01])), r"lr=tensor\(\[0\.0100\]\) is not a number"),
    (dict(betas=(0.9, "x")), r"betas=\(0\.9, 'x'\) \(its beta2\) is not a number.*betas=\(0\.9, 0\.999\)"),
])
def test_a_number_that_would_fail_at_the_first_step_is_refused(kw, match):
    with pytest.raises(ValueError, match=match):
        O.Adam([torch.nn.Parameter(torch.ones(3))], **kw)
    with pytest.raises(ValueError, match=r"^SGD \(rule 'gd'\): lr=-0\.1 is out of range"):
        O.SGD([torch.nn.Parameter(torch.ones(3))], lr=-0.1)


def test_a_parameter_frozen_after_it_has_state_lets_the_old_flat_state_go():
    """Its state used to stay a view of the old flat tensors, which kept them (every state of the group) alive:
    twice the memory, and a checkpoint of twice the size. Now it keeps its own copy, and they are freed."""
    import gc
    import weakref

    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(50, 50), torch.nn.Linear(50, 2)).double()
    opt = O.Adam(net.parameters(), lr=1e-2)
    X = torch.randn(8, 50, dtype=torch.float64)

    def run(n=2):
        for _ in range(n):
            opt.zero_grad()
            net(X).square().sum().backward()
            opt.step()

    run()
    (bucket,) = opt._flat_state.values()
    old = [weakref.ref(flat) for flat in bucket.flats.values()]
    kept = {k: v.clone() for k, v in opt.state[net[0].weight].items() if k != "step"}
    del bucket
    net[0].requires_grad_(False)
    run()
    gc.collect()
    assert all(ref() is None for ref in old)
    frozen = opt.state[net[0].weight]
    assert all(torch.equal(frozen[k], v) for k, v in kept.items())
    assert frozen["m"].untyped_storage().nbytes() == frozen["m"].numel() * 8


def test_a_gradient_set_by_hand_steps_on_the_flat_state():
    """A tensor that does not require a gradient but is given one (manual gradients) steps on the flat path,
    as torch.optim steps it."""
    w = torch.linspace(-1.0, 1.0, 5, dtype=torch.float64)
    ref_w = w.clone()
    opt, ref = O.Adam([w], lr=0.1), torch.optim.Adam([ref_w], lr=0.1)
    for _ in range(3):
        w.grad, ref_w.grad = torch.cos(3 * w), torch.cos(3 * ref_w)
        opt.step(), ref.step()
    assert opt.state[w]["m"]._base is opt._flat_state[(0, w.dtype, w.device)].flats["m"]
    assert torch.allclose(w, ref_w, rtol=0, atol=1e-15)


def test_sign_descent_does_not_move_where_the_gradient_is_zero():
    """sign(0) = 0: a zero gradient (a dead ReLU unit) used to give g/|g| = 0/0, a NaN parameter."""
    w = torch.nn.Parameter(torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64))
    opt = O.SignGD([w], lr=0.1)
    w.grad = torch.tensor([0.0, -5.0, 1e-300], dtype=torch.float64)
    opt.step()
    assert w.detach().tolist() == [1.0, 2.1, 2.9]


def test_a_momentum_checkpoint_continues_in_sgd_and_torch_sgd_in_gd():
    """The same rule under another class's key (Momentum's beta is SGD's momentum) loads as that key; torch's
    SGD without momentum continues in GD, as torch does."""
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    sd = _stepped(O.Momentum([w], lr=0.1, beta=0.9), [w]).state_dict()
    opt, _ = _continued(lambda p: O.SGD(p, lr=0.1, momentum=0.5), sd)
    assert opt.param_groups[0]["momentum"] == 0.9 and not {"beta", "ema"} & set(opt.param_groups[0])
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    ref = torch.optim.SGD([w], lr=0.1)
    sd = _stepped(ref, [w]).state_dict()
    w2 = torch.nn.Parameter(w.detach().clone())
    opt = O.GD([w2], lr=0.1)
    opt.load_state_dict(sd)
    _stepped(opt, [w2]), _stepped(ref, [w])
    assert torch.equal(w2.detach(), w.detach())


def test_a_pre_hook_may_give_the_state_dict_its_shape():
    """A load pre-hook that builds state and param_groups from another layout runs before any check, as in
    torch.optim."""
    w = torch.nn.Parameter(torch.linspace(-1.0, 1.0, 5, dtype=torch.float64))
    sd = _stepped(torch.optim.Adam([w]), [w]).state_dict()
    opt = O.Adam([torch.nn.Parameter(w.detach().clone())])
    opt.register_load_state_dict_pre_hook(lambda o, d: {"state": d["s"], "param_groups": d["g"]})
    opt.load_state_dict({"s": sd["state"], "g": sd["param_groups"]})
    assert opt.state[opt.param_groups[0]["params"][0]]["step"] == 3


def test_a_loaded_state_keeps_no_other_parameters_storage():
    """state_dict() gives views of the flat state; saved and loaded, each used to stay a view of the whole
    loaded storage (a parameter that stays frozen then kept every state of the checkpoint alive)."""
    import io

    net = torch.nn.Linear(30, 30).double()
    opt = O.Adam(net.parameters())
    for _ in range(2):
        opt.zero_grad()
        net(torch.ones(2, 30, dtype=torch.float64)).sum().backward()
        opt.step()
    buf = io.BytesIO()
    torch.save(opt.state_dict(), buf)
    buf.seek(0)
    sd = torch.load(buf)
    fresh = O.Adam(net.parameters())
    fresh.load_state_dict(sd)
    bias = fresh.state[net.bias]["m"]
    assert bias.untyped_storage().nbytes() == bias.numel() * 8 and torch.equal(bias, opt.state[net.bias]["m"])
