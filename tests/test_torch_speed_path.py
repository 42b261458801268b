"""The flat path of the torch optimizers (the rule once per chunk of many parameters) is the per-tensor path.

Reference: the same optimizer with ``flat=False``, which runs the rule once per parameter tensor, eagerly,
as written. Every comparison is bit for bit (``torch.equal``) on parameters and every state tensor; chunks
are set small so that large parameters are cut into slices and small ones gathered into packs.
"""

import copy
import dataclasses
import importlib.util
import json
import math
import re
import shutil
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

from adamdyn.rules import get_rule  # noqa: E402
from adamdyn.torch import _flat  # noqa: E402
from adamdyn.torch import _program as P  # noqa: E402
from adamdyn.torch import optim as O  # noqa: E402

torch.set_num_threads(1)

pytestmark = pytest.mark.usefixtures("torch_program")  # the torch-operation engine (tests/conftest.py)
ROOT = Path(__file__).resolve().parents[1]
SHAPES = [(12, 5), (12,), (7, 12), (7,), (1,), (3, 7), (3,)]  # an MLP 5-12-7-3 plus a lone scalar in the middle
LONE = 4  # the scalar: no gradient on every third step (torch.optim skips it; its own t lags behind)

# name -> (class, kwargs): every optimizer, with maximize, L2 and decoupled decay, own decay, x-dependent rules
CASES = {
    "adam": (O.Adam, dict(lr=1e-2)),
    "adam_l2_maximize": (O.Adam, dict(lr=1e-2, weight_decay=0.1, maximize=True)),
    "adam_decoupled": (O.Adam, dict(lr=1e-2, weight_decay=0.1, decoupled_weight_decay=True)),
    "adam_random_v0": (O.Adam, dict(lr=1e-2, v0="random", v0_seed=3, eps_inside=True)),
    "amsgrad": (O.Adam, dict(lr=1e-2, amsgrad=True)),
    "adamw": (O.AdamW, dict(lr=1e-2, weight_decay=0.1)),
    "nadam": (O.NAdam, dict(lr=1e-2, weight_decay=0.01)),
    "nadamw": (O.NAdam, dict(lr=1e-2, weight_decay=0.1, decoupled_weight_decay=True)),
    "radam": (O.RAdam, dict(lr=1e-2)),
    "adamax": (O.Adamax, dict(lr=1e-2, maximize=True)),
    "adagrad": (O.Adagrad, dict(lr=1e-2, lr_decay=1e-2, initial_accumulator_value=0.1)),
    "lion": (O.Lion, dict(lr=1e-3, weight_decay=0.1)),
    "lion_l2": (O.Lion, dict(lr=1e-3, weight_decay=0.1, weight_decouple=False)),
    "yogi": (O.Yogi, dict(lr=1e-2)),
    "adabound": (O.AdaBound, dict(lr=1e-2, final_lr=0.05)),
    "adafactor": (O.Adafactor, dict(beta1=0.9, weight_decay=0.01, clip_threshold=0.5)),
    "adafactor_fixed": (O.Adafactor, dict(lr=1e-2, relative_step=False, scale_parameter=False)),
    # clip_threshold 1, beta1 0, rate 1, eps1 0: operations that return their operand, skipped by the program
    "adafactor_identities": (O.Adafactor, dict(eps=(0.0, 1e-3))),
    "adabelief": (O.AdaBelief, dict(lr=1e-2, weight_decay=0.01)),
    "adamomentum": (O.AdaMomentum, dict(lr=1e-2)),
    "s3": (O.S3, dict(lr=1e-2, p=1.5)),
    "rmsprop": (O.RMSProp, dict(lr=1e-2)),
    "momentum": (O.Momentum, dict(lr=1e-2)),
    "gd": (O.GD, dict(lr=1e-2, weight_decay=0.1)),
    "signgd": (O.SignGD, dict(lr=1e-2)),
}


def make_params(device, dtype=torch.float64, seed=0):
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(s, generator=gen, dtype=torch.float64).to(dtype=dtype, device=device).requires_grad_()
            for s in SHAPES]


def set_grads(params, step, lone_skips=True):
    """Gradients that depend on the parameters (so a wrong step changes later ones) plus seeded noise."""
    gen = torch.Generator().manual_seed(1000 + step)
    for i, p in enumerate(params):
        noise = torch.randn(p.shape, generator=gen, dtype=torch.float64).to(dtype=p.dtype, device=p.device)
        p.grad = torch.sin(3 * p.detach()) + 0.3 * p.detach() ** 3 + 0.2 * noise
    if lone_skips and step % 3 == 0:
        params[LONE].grad = None


def groups(params, kw):
    """Two param groups with different settings: the second half of the parameters at another lr."""
    lr = kw.get("lr", 1e-2)
    return [{"params": params[:3]}, {"params": params[3:], "lr": lr * 0.5}]


def build(cls, kw, params, flat, chunk=None):
    opt = cls(groups(params, kw), **kw)
    opt.flat, opt.flat_chunk = flat, chunk
    return opt


def assert_same(pa, pb, oa, ob, where):
    for k, (a, b) in enumerate(zip(pa, pb)):
        assert torch.equal(a, b), f"{where}: parameter {k} differs (max {float((a - b).abs().max().detach()):.3g})"
        sa, sb = oa.state.get(a, {}), ob.state.get(b, {})
        assert sa.keys() == sb.keys(), f"{where}: parameter {k} state keys {set(sa)} != {set(sb)}"
        for name in sa:
            x, y = sa[name], sb[name]
            if isinstance(x, torch.Tensor):
                assert x.dtype == y.dtype and x.shape == y.shape, (where, k, name)
                assert torch.equal(x, y), f"{where}: state {name!r} of parameter {k} differs"
            else:
                assert x == y, f"{where}: {name!r} of parameter {k}: {x} != {y}"


def eager(opt):
    """``opt`` running the rule as written, once per parameter tensor (no recorded program)."""
    opt.flat = False
    opt._program = lambda p_, t, ref: (None, None)
    return opt


def step_together(pa, pb, oa, ob, steps, check=None, lone_skips=True):
    """Steps ``1..steps`` of ``oa`` on ``pa`` and ``ob`` on ``pb`` with the same gradients (:func:`set_grads`);
    ``check(t)`` after each."""
    for t in range(1, steps + 1):
        set_grads(pa, t, lone_skips)
        set_grads(pb, t, lone_skips)
        oa.step()
        ob.step()
        if check is not None:
            check(t)


def assert_close_to_eager(pa, pb):
    """Parameters within a few units in the last place of the rule run eagerly (the fusions round once less)."""
    for a, b in zip(pa, pb):
        torch.testing.assert_close(a, b, rtol=1e-13, atol=1e-15)


def run_pair(cls, kw, device, steps=12, chunk=16, reference=None):
    """The flat path against ``flat=False`` (the recorded program per tensor), or the rule run eagerly."""
    pa, pb = make_params(device), make_params(device)
    oa, ob = build(cls, kw, pa, True, chunk), build(cls, kw, pb, False)
    if reference == "eager":
        eager(ob)
    step_together(pa, pb, oa, ob, steps, lambda t: assert_same(pa, pb, oa, ob, f"step {t}"))
    return pa, pb, oa, ob


@pytest.mark.parametrize("case", sorted(CASES))
def test_flat_path_is_the_per_tensor_path_bit_for_bit(case, torch_device, engine):
    cls, kw = CASES[case]
    pa, pb, oa, ob = run_pair(cls, kw, torch_device)
    assert oa.state[pa[LONE]]["step"] == 8 and oa.state[pa[0]]["step"] == 12  # the lone scalar skipped 4 steps
    assert not torch.equal(pa[0], make_params(torch_device)[0])  # it moved


@pytest.mark.parametrize("cls", [O.Adafactor, O.NAdam], ids=lambda c: c.__name__)
@pytest.mark.parametrize("chunk", [None, 1, 7, 10**9, math.inf])
def test_any_chunk_size_gives_the_same_numbers(chunk, cls, torch_device, engine):
    """One element per chunk, slices that end inside a parameter, the default, one chunk for everything
    (``math.inf``: the default on a GPU, where NAdam's lone state ``mu_product`` once made the plan fail)."""
    pa, pb = make_params(torch_device), make_params(torch_device)
    kw = dict(lr=1e-2, weight_decay=0.1, beta1=0.9) if cls is O.Adafactor else dict(lr=1e-2, weight_decay=0.1)
    oa, ob = build(cls, kw, pa, True, chunk), build(cls, kw, pb, False)
    for t in range(1, 6):
        set_grads(pa, t)
        set_grads(pb, t)
        oa.step()
        ob.step()
    assert_same(pa, pb, oa, ob, f"chunk {chunk}")


@pytest.mark.parametrize("change", ["dtype", "setting", "state"])
def test_a_change_between_steps_leaves_the_steady_path(change, torch_device, engine):
    """After steps that took the flat path's steady route (every parameter with its gradient, stepping together),
    a change the route must notice: ``model.double()`` (every parameter's ``.data`` and ``.grad`` now float64:
    new flat state, the old states promoted by the rule run as written), a group setting, a state replaced by
    hand. The numbers stay those of ``flat=False`` bit for bit."""
    pa, pb = make_params(torch_device, torch.float32), make_params(torch_device, torch.float32)
    oa, ob = build(O.NAdam, dict(lr=1e-2), pa, True), build(O.NAdam, dict(lr=1e-2), pb, False)
    for t in range(1, 8):
        for ps, opt in ((pa, oa), (pb, ob)):
            if t == 4 and change == "dtype":
                for q in ps:
                    q.data = q.data.double()
            if t == 4 and change == "setting":
                for g in opt.param_groups:
                    g["betas"] = (0.8, 0.99)
            if t == 4 and change == "state":
                opt.state[ps[0]]["m"] = torch.full_like(ps[0], 0.5)
            set_grads(ps, t, lone_skips=False)
        oa.step()
        ob.step()
        if t == 3:
            assert oa.__dict__.get("_fast"), "the steady route was never taken"
        assert_same(pa, pb, oa, ob, f"{change}, step {t}")


def test_float32_and_mixed_dtypes_in_one_group(torch_device, engine):
    """float32 and float64 parameters in the same group: one flat state per dtype, each exact."""
    def params():
        ps = make_params(torch_device)
        return [p.detach().float().requires_grad_() if k % 2 else p for k, p in enumerate(ps)]

    pa, pb = params(), params()
    oa, ob = build(O.NAdam, dict(lr=1e-2), pa, True, 16), build(O.NAdam, dict(lr=1e-2), pb, False)
    for t in range(1, 8):
        set_grads(pa, t)
        set_grads(pb, t)
        oa.step()
        ob.step()
        assert_same(pa, pb, oa, ob, f"step {t}")
    assert {v.dtype for st in oa.state.values() for v in st.values() if isinstance(v, torch.Tensor)} == {
        torch.float32, torch.float64}


@pytest.mark.parametrize("cls, kw", [(O.Adam, dict(lr=1e-2)), (O.S3, dict(lr=1e-2, p=1.5))], ids=["adam", "s3"])
def test_non_contiguous_parameter_and_gradient(cls, kw, torch_device, engine):
    """A transposed (non-contiguous) weight and gradient: gathered, then moved through its own strides (S3
    takes powers: there every parameter is a segment of its own, or steps on its own)."""
    def params():
        ps = make_params(torch_device)
        ps[2] = ps[2].detach().t().contiguous().t().requires_grad_()  # (7, 12), column-major
        return ps

    pa, pb = params(), params()
    assert not pa[2].is_contiguous()
    oa, ob = build(cls, kw, pa, True, 16), build(cls, kw, pb, False)
    for t in range(1, 6):
        set_grads(pa, t)
        set_grads(pb, t)
        for ps in (pa, pb):  # a gradient with stride 2
            ps[3].grad = torch.stack([ps[3].grad, ps[3].grad], 1)[:, 0]
        assert not pa[3].grad.is_contiguous()
        oa.step()
        ob.step()
        assert_same(pa, pb, oa, ob, f"step {t}")


@pytest.mark.parametrize("target", ["flat", "per_tensor"])
def test_state_dict_round_trip_resumes_bit_for_bit(target, torch_device, engine):
    """Save a flat optimizer's state at step 6, load it into a new one (flat or not), go on: the numbers are
    those of the per-tensor optimizer run straight through."""
    cls, kw = CASES["adam_l2_maximize"]
    pa, pb, oa, ob = run_pair(cls, kw, torch_device, steps=6)
    saved = copy.deepcopy(oa.state_dict())
    pc = [p.detach().clone().requires_grad_() for p in pa]
    oc = build(cls, dict(kw, lr=0.5), pc, target == "flat", 16)  # lr comes back from the state dict
    oc.load_state_dict(saved)
    for t in range(7, 13):
        set_grads(pb, t)
        set_grads(pc, t)
        ob.step()
        oc.step()
        assert_same(pc, pb, oc, ob, f"step {t}")
    oc.state[pc[0]]["m"].zero_()  # the loaded state is what steps: changing it changes the next step
    set_grads(pb, 13)
    set_grads(pc, 13)
    ob.step()
    oc.step()
    assert not torch.equal(pc[0], pb[0])


def test_state_tensors_are_views_of_one_flat_tensor():
    """What makes the flat path flat: each state variable of a group is one tensor, parameters see views."""
    pa = make_params("cpu")
    opt = O.Adam(pa, lr=1e-2)
    set_grads(pa, 1, lone_skips=False)
    opt.step()
    bases = {opt.state[p]["v"]._base.data_ptr() for p in pa}
    assert len(bases) == 1
    assert sum(opt.state[p]["v"].numel() for p in pa) == sum(p.numel() for p in pa)


def test_nadam_mu_product_is_one_number_per_parameter_as_in_torch_optim():
    """NAdam's ``mu_product`` reads nothing but itself and ``t``: each parameter keeps it as a 0-d tensor (as
    ``torch.optim.NAdam`` does), and a parameter cut into several chunks advances it once per step."""
    pa = make_params("cpu")
    pt = [p.detach().clone().requires_grad_() for p in pa]
    opt = build(O.NAdam, dict(lr=1e-2), pa, True, chunk=16)
    ref = torch.optim.NAdam(groups(pt, dict(lr=1e-2)), lr=1e-2)
    step_together(pa, pt, opt, ref, 7)
    for a, b in zip(pa, pt):
        mine, theirs = opt.state[a]["mu_product"], ref.state[b]["mu_product"]
        assert mine.shape == () and mine.dtype == a.dtype
        assert float(mine) == pytest.approx(float(theirs), rel=1e-6)  # torch keeps it in float32
        torch.testing.assert_close(a, b, rtol=1e-6, atol=1e-9)
    assert float(opt.state[pa[0]]["mu_product"]) != float(opt.state[pa[LONE]]["mu_product"])  # its own t


def test_a_lone_state_that_starts_uneven_stays_a_tensor_and_steps_as_written(engine):
    """A NaN gradient at the first step makes NAdam's initial ``mu_product`` (``1 + 0*g``) uneven: that
    parameter keeps the full tensor and steps as the rule is written, on both paths alike."""
    pa, pb = make_params("cpu"), make_params("cpu")
    oa, ob = build(O.NAdam, dict(lr=1e-2), pa, True, 16), build(O.NAdam, dict(lr=1e-2), pb, False)
    for t in range(1, 5):
        set_grads(pa, t)
        set_grads(pb, t)
        if t == 1:
            pa[0].grad[0, 0] = pb[0].grad[0, 0] = float("nan")
        oa.step()
        ob.step()
        for a, b in zip(pa, pb):  # bit for bit, NaN where NaN
            torch.testing.assert_close(a, b, rtol=0, atol=0, equal_nan=True)
            for name in ("m", "v", "mu_product"):
                torch.testing.assert_close(oa.state[a][name], ob.state[b][name], rtol=0, atol=0, equal_nan=True)
    assert oa.state[pa[0]]["mu_product"].shape == pa[0].shape
    assert torch.isnan(oa.state[pa[0]]["mu_product"][0, 0]) and oa.state[pa[2]]["mu_product"].shape == ()


def test_the_rule_is_recorded_once_not_once_per_step_or_tensor():
    calls = []
    rule = get_rule("adam")

    def update(state, g, t, p, B):
        calls.append(t)
        return rule.update(state, g, t, p, B)

    counted = dataclasses.replace(rule, update=update)
    pa = make_params("cpu")
    opt = O.RuleOptimizer(pa, counted, lr=1e-2)
    for t in range(1, 4):
        set_grads(pa, t, lone_skips=False)
        opt.step()
    assert len(calls) == 1 and isinstance(calls[0], P._Lazy)  # recorded once, with a stand-in t
    opt.record_once = False
    for t in range(4, 6):
        set_grads(pa, t, lone_skips=False)
        opt.step()
    assert calls[1:] == [4, 5]  # recorded at every step, t a number
    opt.flat = False
    set_grads(pa, 6, lone_skips=False)
    opt.step()
    assert calls[3:] == [6] * len(pa)


@pytest.mark.parametrize("cls", [O.Adam, O.NAdam])
def test_each_program_is_planned_once_then_replayed(cls, monkeypatch):
    """A program plans and compiles its chunk function once (per kind of call), then every chunk of every step
    replays it: planning again per chunk would give the same numbers at many times the cost."""
    calls = []
    record = P._Program._record

    def counted(self, *args):
        calls.append(args[-1] is not None)
        return record(self, *args)

    monkeypatch.setattr(P._Program, "_record", counted)
    pa = make_params("cpu")
    opt = build(cls, dict(lr=1e-2), pa, True, chunk=16)
    for t in range(1, 5):
        set_grads(pa, t, lone_skips=False)
        opt.step()
    assert 1 <= len(calls) <= 2  # the chunk function, and for NAdam the one that reads the prelude
    assert any(calls) == (cls is O.NAdam)


def test_nadam_prelude_advances_mu_product_once_per_step_for_every_chunk():
    """NAdam's numbers made from ``mu_product`` alone are computed once per step on a vector of every
    parameter's number (the prelude), and the chunks read them; the result is the per-tensor path's, bit for bit
    (test_flat_path_is_the_per_tensor_path_bit_for_bit), and the chunk function computes none of them."""
    pa = make_params("cpu")
    opt = build(O.NAdam, dict(lr=1e-2), pa, True, chunk=16)
    set_grads(pa, 1, lone_skips=False)
    opt.step()
    (graph,) = opt._graphs.values()
    (program,) = graph.programs.values()
    source = program.compiled[(True, True)].source
    lone = [k for k, name in enumerate(opt.rule.state) if name == "mu_product"]
    assert list(graph.lone_states) == lone and "P[" in source
    assert not re.search(rf"\bR{lone[0]}\b", source.split(":", 1)[1])  # the chunk never reads mu_product itself


def _odd_rule(update, state=("m", "v"), needs_x=False):
    """A rule outside the vocabulary's usual shape (tensor methods, swapped states, an old state as direction)."""
    base = get_rule("adam")
    return dataclasses.replace(base, name="odd", update=update, state=state, needs_x=needs_x,
                               init=lambda g, p, B: tuple(0.0 * g + k + 1 for k in range(len(state))))


ODD = {
    "tensor_method": lambda s, g, t, p, B: ((0.9 * s[0] + g, (s[1] + g * g).sqrt()), s[0].clamp(-1, 1)),
    "swapped_states": lambda s, g, t, p, B: ((s[1], s[0] + g), s[0] - s[1]),
    "old_state_as_direction": lambda s, g, t, p, B: ((0.5 * s[0] + g, s[1]), s[0]),
    "direction_is_the_new_state": lambda s, g, t, p, B: ((0.5 * s[0] + g, 0.5 * s[1]), 0.5 * s[0] + g),
    "constant_direction": lambda s, g, t, p, B: ((s[0] + g, s[1] * 1.0), 0.25),
    "state_written_twice": lambda s, g, t, p, B: ((s[0] * 0.5 + g,) * 2, B.sqrt(B.abs(s[1])) - s[0] * g),
    # the direction N / D is read again by a state: the step cannot take the place of the division
    "state_reads_the_direction": lambda s, g, t, p, B: (
        (0.5 * s[0] + g, (s[0] + g) / (B.abs(s[1]) + 1.0) * 0.5), (s[0] + g) / (B.abs(s[1]) + 1.0)),
}
# rules that read the iterate x (a decay term c*x in the direction, and x inside the rest of it)
ODD_X = {
    "decay_of_x_over_d": lambda s, g, t, p, B, x: ((0.5 * s[0] + g, s[1] + g * g), x / (B.sqrt(s[1]) + 1.0)
                                                   + 0.1 * x),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_rules_that_alias_or_step_outside_the_vocabulary_stay_exact(name, engine):
    """Aliasing and a rule that calls tensor methods (it then runs eagerly per chunk) give the same numbers."""
    rule = _odd_rule(ODD[name])
    pa, pb = make_params("cpu"), make_params("cpu")
    oa, ob = O.RuleOptimizer(pa, rule, lr=1e-2), O.RuleOptimizer(pb, rule, lr=1e-2)
    oa.flat_chunk, ob.flat = 16, False
    step_together(pa, pb, oa, ob, 4, lambda t: assert_same(pa, pb, oa, ob, f"{name}, step {t}"))


@pytest.mark.parametrize("name", sorted(ODD) + sorted(ODD_X))
def test_rules_that_alias_or_step_outside_the_vocabulary_follow_the_rule_as_written(name):
    """The same rules, fused, against the rule run eagerly: the fusions (the step among them) keep every value
    another operation still reads, and x is shrunk only after its last reader."""
    rule = _odd_rule(ODD[name]) if name in ODD else _odd_rule(ODD_X[name], needs_x=True)
    pa, pb = make_params("cpu"), make_params("cpu")
    oa, ob = O.RuleOptimizer(pa, rule, lr=1e-2), eager(O.RuleOptimizer(pb, rule, lr=1e-2))
    oa.flat_chunk = 16
    step_together(pa, pb, oa, ob, 4)
    assert_close_to_eager(pa, pb)


# -- the comparison catches a wrong flat path ------------------------------------------------------------------
def test_comparison_fails_when_a_chunk_is_skipped(monkeypatch):
    plan = _flat._FlatState.plan

    def drops_last(self, positions, viewable, chunk, cut=True):
        return plan(self, positions, viewable, chunk, cut)[:-1]

    monkeypatch.setattr(_flat._FlatState, "plan", drops_last)
    with pytest.raises(AssertionError, match="differs"):
        run_pair(*CASES["adam"], "cpu", steps=2)


def test_comparison_fails_when_steps_share_one_t(monkeypatch):
    """Stepping the lagging parameter with the others' t (not its own) is caught."""
    step = O.RuleOptimizer._step_group_flat

    def one_t(self, gi, group):
        ts = [self.state[p]["step"] for p in group["params"] if "step" in self.state[p]]
        for p in group["params"]:
            if "step" in self.state[p]:
                self.state[p]["step"] = max(ts)
        return step(self, gi, group)

    monkeypatch.setattr(O.RuleOptimizer, "_step_group_flat", one_t)
    with pytest.raises(AssertionError, match="differs|!="):
        run_pair(*CASES["adam"], "cpu", steps=6)


@pytest.mark.parametrize("case", sorted(CASES))
def test_unfused_program_is_the_rule_run_eagerly_bit_for_bit(case, monkeypatch):
    """Without fusion every recorded operation is the one the rule names: the flat path is the rule run as
    written, per tensor, bit for bit."""
    monkeypatch.setattr(P, "FUSE", False)
    run_pair(*CASES[case], "cpu", reference="eager")


@pytest.mark.parametrize("case", sorted(CASES))
def test_fused_program_is_the_rule_run_eagerly_to_the_last_bits(case):
    """With fusion (``torch.add(a*X, Y, alpha=b)``, ``torch.addcmul``: one rounding fewer) the flat path
    follows the rule run as written to a few units in the last place over 12 steps."""
    cls, kw = CASES[case]
    pa, pb = make_params("cpu"), make_params("cpu")
    oa, ob = build(cls, kw, pa, True, 16), eager(build(cls, kw, pb, False))
    step_together(pa, pb, oa, ob, 12)
    assert_close_to_eager(pa, pb)


def test_comparison_fails_when_an_in_place_write_is_wrong(monkeypatch):
    """A recorded operation written into a buffer with another operation (sub for add) is caught."""
    monkeypatch.setattr(P, "FUSE", False)
    monkeypatch.setitem(P._INTO_BINARY, "add", (torch.sub, "sub_", False))
    with pytest.raises(AssertionError, match="differs"):
        run_pair(*CASES["adam"], "cpu", steps=2, reference="eager")


# each fusion broken in turn, with a rule whose program uses it: a*X + b*Y as a*X - b*Y (momentum), the square
# divided instead of multiplied (adam's v), lerp(X, Y, w) as X + w*Y (adam's m), x.addcdiv_ as x.addcmul_ (adam's step),
# the decoupled shrink x *= 1 - lr*c as x += 1 - lr*c (adamw), the bias correction's fold -lr/c as -lr*c (adagrad)
BROKEN = {
    "axpy": ("momentum", "_FUSED", "axpy", (torch.sub, "sub_", "alpha")),
    "axpyy": ("adam", "_FUSED", "axpyy", (torch.addcdiv, "addcdiv_", "value")),
    "lerp": ("adam", "_FUSED", "lerp", (torch.add, "add_", "alpha")),
    "step": ("adam", "_STEP", "x_addcdiv", ("addcmul_", "value")),
    "shrink": ("adamw", "_STEP", "x_shrink", ("add_", None)),
}


@pytest.mark.parametrize("fusion", sorted(BROKEN))
def test_comparison_fails_when_a_fused_operation_is_wrong(fusion, monkeypatch):
    """A fused operation computed wrongly is caught by the tolerance against the eager rule."""
    case, table, op, wrong = BROKEN[fusion]
    monkeypatch.setitem(getattr(P, table), op, wrong)
    with pytest.raises(AssertionError, match="not close"):
        test_fused_program_is_the_rule_run_eagerly_to_the_last_bits(case)


def test_adagrad_step_folds_its_number_into_the_coefficient(monkeypatch):
    """Adagrad's direction ``(g / D) / c`` becomes ``x.addcdiv_(g, D, value=-lr / c)``: with the number on the
    wrong side (``-lr * c``) the comparison with the eager rule fails."""
    from adamdyn.torch import _fuse

    real = _fuse.with_step

    def wrong_side(program, nodes, s, fuse_step=True):
        out = real(program, nodes, s, fuse_step)
        return [(r, (op, (*args[:-1], ("u", ("mul", args[-1][1][1])))))
                if op == "x_addcdiv" and args[-1][1][0] == "div" else (r, (op, args)) for r, (op, args) in out]

    test_fused_program_is_the_rule_run_eagerly_to_the_last_bits("adagrad")
    monkeypatch.setattr(P, "with_step", wrong_side)
    with pytest.raises(AssertionError, match="not close"):
        test_fused_program_is_the_rule_run_eagerly_to_the_last_bits("adagrad")


def test_powers_run_on_whole_parameters(monkeypatch):
    """torch's CPU pow differs in the last bit between vector lanes and the scalar tail: S3 (a power of |g|)
    cut into chunks like the other rules is not the per-tensor path, which is why it is not cut."""
    x = torch.rand(1000, dtype=torch.float64, generator=torch.Generator().manual_seed(0)) + 0.5
    whole = torch.pow(x, 1.5)
    assert any(not torch.equal(whole, torch.cat([torch.pow(x[:k], 1.5), torch.pow(x[k:], 1.5)]))
               for k in range(1, 17))  # the reason: the same numbers, cut elsewhere, give other last bits
    run_pair(*CASES["s3"], "cpu", steps=2)  # whole parameters: exact
    init = P._Program.__init__

    def chunked(self, *a):
        init(self, *a)
        self.position_dependent = False

    monkeypatch.setattr(P._Program, "__init__", chunked)
    with pytest.raises(AssertionError, match="differs"):
        run_pair(*CASES["s3"], "cpu", steps=2)


# -- the benchmark and its README section -----------------------------------------------------------------------
def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, mod)
    spec.loader.exec_module(mod)
    return mod


def test_benchmark_times_every_contender_and_the_section_reads_its_record(tmp_path):
    bench = _load("torch_step_bench", ROOT / "benchmarks" / "torch_step.py")
    bd = _load("bench_docs_for_torch_step", ROOT / "tools" / "bench_docs.py")
    # every contender but the fused ones, which compile a kernel each (seconds): one of those
    only = {k for k, v in bench.makers().items() if v[0] != "fused"} | {"adamdyn.torch.Adafactor, fused=True"}
    result = bench.run(dtypes=("float64",), steps=1, warmup=1, repeat=1, layers=(6, 5, 3), only=only,
                       log=lambda s: None)
    ms = result["dtypes"]["float64"]
    assert set(ms) == only and all(v["ms"] > 0 for v in ms.values())
    assert {v["kind"] for v in ms.values()} == {"flat", "ops", "per_tensor", "fused", "torch"}
    assert result["parameters"] == 6 * 5 + 5 + 5 * 3 + 3
    for p in bd.RESULTS.glob("*.json"):
        shutil.copy(p, tmp_path / p.name)
    rec = json.loads((bd.RESULTS / bd.TORCH_STEP_RECORD).read_text())
    rec["result"] = json.loads(json.dumps(result))
    (tmp_path / bd.TORCH_STEP_RECORD).write_text(json.dumps(rec))
    text = bd.torch_step_section(tmp_path)
    assert all(len(v["ratio_runs"]) == 1 and v["ratio_runs"][0] > 0 for k, v in ms.items() if k != bench.REFERENCE)
    adam = ms["adamdyn.torch.Adam"]["ratio_runs"][0]  # paired with the reference's steps (one round)
    assert f"{adam:.2f}x" in text and "6-5-3" in text and "loop=False" in text
    committed = bd.section_body((ROOT / "README.md").read_text(), "torch_step")
    assert committed == bd.torch_step_section() != text  # the README holds the committed record's section


def test_a_lucky_round_of_the_reference_moves_no_ratio(tmp_path):
    """The section's ratios are medians of same-round ratios: one round in which torch's Adam ran twice as fast
    (its best time then) leaves every ratio as it was; a ratio of the best times would double them all."""
    bd = _load("bench_docs_for_torch_step", ROOT / "tools" / "bench_docs.py")
    for p in bd.RESULTS.glob("*.json"):
        shutil.copy(p, tmp_path / p.name)
    rec = json.loads((tmp_path / bd.TORCH_STEP_RECORD).read_text())
    d = rec["result"]["dtypes"]["float32"]
    for v in d.values():
        v["ms_runs"] = [v["ms"]] * 3
        v.pop("ratio_runs", None)  # a record before paired timing
    ref, adam = d[bd.TORCH_REFERENCE]["ms"], d["adamdyn.torch.Adam"]["ms"]
    d[bd.TORCH_REFERENCE].update(ms=ref / 2, ms_runs=[ref, ref, ref / 2])
    (tmp_path / bd.TORCH_STEP_RECORD).write_text(json.dumps(rec))
    row = next(r for r in bd.torch_step_section(tmp_path).splitlines() if r.startswith("| `adamdyn.torch.Adam` |"))
    assert row.split(" | ")[1] == f"{adam:.2f} ms ({adam / ref:.2f}x)"


def test_paired_ratios_come_from_the_steps_not_the_best_times(tmp_path):
    """With paired timing the ratio to torch's Adam is the median of the rounds' paired ratios: best times that
    say otherwise (here the reference's twice as fast) move no ratio; a ratio of best times would double it."""
    bd = _load("bench_docs_for_torch_step", ROOT / "tools" / "bench_docs.py")
    bench = _load("torch_step_bench", ROOT / "benchmarks" / "torch_step.py")
    for p in bd.RESULTS.glob("*.json"):
        shutil.copy(p, tmp_path / p.name)
    rec = json.loads((tmp_path / bd.TORCH_STEP_RECORD).read_text())
    rec["result"]["paired"] = True
    d = rec["result"]["dtypes"]["float32"]
    d[bd.TORCH_REFERENCE]["ms"] /= 2
    d[bd.TORCH_REFERENCE]["ms_runs"] = [x / 2 for x in d[bd.TORCH_REFERENCE]["ms_runs"]]
    d["adamdyn.torch.Adam"]["ratio_runs"] = [1.3, 0.9, 1.1]
    (tmp_path / bd.TORCH_STEP_RECORD).write_text(json.dumps(rec))
    text = bd.torch_step_section(tmp_path)
    row = next(r for r in text.splitlines() if r.startswith("| `adamdyn.torch.Adam` |"))
    assert row.split(" | ")[1].endswith("(1.10x)")
    assert "just before it" in text
    # the paired timer itself: a contender that sleeps 2 ms more than the reference per step
    import time as _time

    class Sleeper:
        def __init__(self, sec):
            self.sec = sec

        def step(self):
            _time.sleep(self.sec)

    sec, ratio = bench.time_paired(Sleeper(0.002), Sleeper(0.004), warmup=1, steps=5)
    assert sec >= 0.004 and 1.5 < ratio < 2.5


def test_a_changed_torch_step_record_makes_the_section_stale(tmp_path):
    bd = _load("bench_docs_for_torch_step", ROOT / "tools" / "bench_docs.py")
    readme = (ROOT / "README.md").read_text()
    for p in bd.RESULTS.glob("*.json"):
        shutil.copy(p, tmp_path / p.name)
    assert bd.stale(readme, {"torch_step": bd.torch_step_section(tmp_path)}) == []  # control: a faithful copy
    assert "torch_step" in bd.readme_sections()  # update_readme.py fills it
    rec = json.loads((tmp_path / bd.TORCH_STEP_RECORD).read_text())
    rec["result"]["dtypes"]["float32"]["adamdyn.torch.Adam"]["ms"] *= 1.1
    (tmp_path / bd.TORCH_STEP_RECORD).write_text(json.dumps(rec))
    assert bd.stale(readme, {"torch_step": bd.torch_step_section(tmp_path)}) == ["torch_step"]
    start = readme.index("\n## Torch optimizer speed\n")
    part = readme[start:readme.index("\n## ", start + 5)]
    assert bd.typed_measurements(part, ["torch_step", "torch_step_cuda"]) == []
