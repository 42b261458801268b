"""The flat path records a rule once (``t`` and the numeric parameters as stand-ins) and evaluates its scalar
program per step: the numbers are bit for bit those of recording the rule anew at every step with ``t`` a
number (``record_once = False``, the path before the cache), and those of the rule run per tensor.
"""

import dataclasses

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

from adamdyn.rules import get_rule  # noqa: E402
from adamdyn.torch import _program as P  # noqa: E402
from adamdyn.torch import optim as O  # noqa: E402

torch.set_num_threads(1)

pytestmark = pytest.mark.usefixtures("torch_program")  # the torch-operation engine (tests/conftest.py)


SHAPES = [(40, 7), (40,), (3, 40), (3,)]
STEPS = 20

# every rule whose step depends on t through scalar expressions, with settings that make that dependence bite
CASES = {
    "adam": (O.Adam, dict(lr=1e-2, weight_decay=0.01)),
    # rho_t > 5 from t = 6 on with beta2 = 0.999: both branches within 20 steps
    "radam": (O.RAdam, dict(lr=1e-2)),
    "nadam": (O.NAdam, dict(lr=1e-2, momentum_decay=0.05)),
    # final_lr / lr = 10 with gamma = 0.1: the bounds bind and move with t
    "adabound": (O.AdaBound, dict(lr=1e-2, final_lr=0.1, gamma=0.1)),
    "s3": (O.S3, dict(lr=1e-2, p=1.5)),
    "adafactor": (O.Adafactor, dict(beta1=0.9, weight_decay=0.01)),
    "adagrad": (O.Adagrad, dict(lr=1e-2, lr_decay=0.1)),
}


def make_params(dtype=torch.float64, seed=0):
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(s, generator=gen, dtype=torch.float64).to(dtype).requires_grad_() for s in SHAPES]


def set_grads(params, step):
    gen = torch.Generator().manual_seed(100 + step)
    for p in params:
        p.grad = torch.sin(3 * p.detach()) + 0.2 * torch.randn(p.shape, generator=gen, dtype=torch.float64).to(p.dtype)


def run(cls, kw, record_once, dtype=torch.float64, steps=STEPS, chunk=64, rule=None, lrs=None):
    params = make_params(dtype)
    opt = cls(params, **kw) if rule is None else O.RuleOptimizer(params, rule, **kw)
    opt.flat_chunk, opt.record_once = chunk, record_once
    out = []
    for t in range(1, steps + 1):
        if lrs is not None:
            opt.param_groups[0]["lr"] = lrs(t)
        set_grads(params, t)
        opt.step()
        out.append(torch.cat([p.detach().reshape(-1) for p in params]).clone())
    return out, opt


def first_difference(a, b):
    return next((t for t, (x, y) in enumerate(zip(a, b), start=1) if not torch.equal(x, y)), None)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_recorded_once_is_recorded_every_step_bit_for_bit(case, dtype, engine):
    cls, kw = CASES[case]
    once, opt = run(cls, kw, True, dtype)
    every, _ = run(cls, kw, False, dtype)
    assert first_difference(once, every) is None
    assert len(opt._graphs) == 1  # one recording for all 20 steps
    assert not torch.equal(once[0], once[-1])


def test_radam_switches_branch_inside_the_cache(engine):
    """RAdam's ``B.where(rho_t > 5, ...)`` on the stand-in t: one tensor program per branch, both used."""
    _, opt = run(O.RAdam, {"lr": 1e-2}, True, steps=8)
    (graph,) = opt._graphs.values()
    assert len(graph.branches) == 1
    assert {key[0] for key in graph.programs} == {(False,), (True,)}


def test_a_learning_rate_schedule_reuses_the_recording(engine):
    """lr is a stand-in too (it enters Adafactor's and AdaBound's scalar program): a schedule that changes it
    every step records once and gives the numbers of recording every step."""
    for case in ("adafactor", "adabound"):
        cls, kw = CASES[case]
        kw = dict(kw, lr=1e-2) if case == "adafactor" else kw  # relative step: min(1, 1/(lr sqrt t))
        once, opt = run(cls, kw, True, lrs=lambda t: 1e-2 / t)
        every, _ = run(cls, kw, False, lrs=lambda t: 1e-2 / t)
        assert first_difference(once, every) is None, case
        assert len(opt._graphs) == 1, case


def test_a_rule_that_branches_on_t_in_python_is_recorded_every_step():
    """``if t < 3`` has no answer on a stand-in t: the rule is recorded per step and stays exact."""
    base = get_rule("adam")

    def update(state, g, t, p, B):
        (m, v), d = base.update(state, g, t, p, B)
        return (m, v), (d * 2 if t < 3 else d)

    rule = dataclasses.replace(base, name="warm", update=update)
    kw = dict(lr=1e-2, bias_correction=True, eps=1e-8)
    once, opt = run(None, kw, True, rule=rule, steps=5)
    per_tensor = []
    params = make_params()
    ref = O.RuleOptimizer(params, rule, **kw)
    ref.flat = False
    for t in range(1, 6):
        set_grads(params, t)
        ref.step()
        per_tensor.append(torch.cat([p.detach().reshape(-1) for p in params]))
    assert opt._graphs and all(g is None for g in opt._graphs.values())  # no recording with a stand-in t
    assert first_difference(once, per_tensor) is None


# -- the comparison catches a stale recording -------------------------------------------------------------------
@pytest.mark.parametrize("case", ["adam", "radam", "adafactor"])
def test_comparison_fails_when_t_is_frozen_in_the_cache(case, monkeypatch):
    """A cache that kept step 1's scalars (t frozen) is not the per-step recording."""
    cls, kw = CASES[case]
    every, _ = run(cls, kw, False, steps=8)
    scalars = P._Graph.scalars
    monkeypatch.setattr(P._Graph, "scalars", lambda self, t, p_: scalars(self, 1, p_))
    once, _ = run(cls, kw, True, steps=8)
    assert first_difference(once, every) == 2


def test_comparison_fails_when_the_parameters_are_frozen_in_the_cache(monkeypatch):
    """A cache that kept the first lr (a schedule ignored) is caught too."""
    cls, kw = CASES["adabound"]
    every, _ = run(cls, kw, False, steps=6, lrs=lambda t: 1e-2 / t)
    scalars = P._Graph.scalars
    first = {}

    def frozen(self, t, p_):
        first.setdefault(id(self), p_)
        return scalars(self, t, first[id(self)])

    monkeypatch.setattr(P._Graph, "scalars", frozen)
    once, _ = run(cls, kw, True, steps=6, lrs=lambda t: 1e-2 / t)
    assert first_difference(once, every) == 2


def test_a_repeated_operation_runs_once():
    """S3 takes |g|^p in its state and again in its Nesterov denominator: the program computes it once (and
    stays the rule run eagerly bit for bit with fusion off, see test_torch_speed_path)."""
    _, opt = run(O.S3, dict(CASES["s3"][1]), True, steps=2)
    (graph,) = opt._graphs.values()
    (program,) = graph.programs.values()
    recorded = sum(n.op in ("pow", "B.pow") for n in program.order)
    run_ = sum(op in ("pow", "B.pow") for _, (op, _) in program.nodes)
    assert (recorded, run_) == (3, 2)  # |g|^p twice and the p-th root, as the rule writes them; |g|^p once


# -- operations that return an operand unchanged are skipped ----------------------------------------------------
SPECIAL = [-0.0, 0.0, 1.5, -2.0, 5e-324, -5e-324, 1e308, -1e308, float("inf"), -float("inf"), float("nan")]
OPS = {"mul": lambda a, b: a * b, "div": lambda a, b: a / b, "sub": lambda a, b: a - b, "add": lambda a, b: a + b}
NUMBERS = {"1": 1.0, "+0": 0.0, "-0": -0.0}


def bits(t):
    return t.view(torch.int64) if t.dtype == torch.float64 else t.view(torch.int32)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["float64", "float32"])
def test_each_skipped_operation_returns_its_operand_bit_for_bit(dtype):
    """torch's own ``X * 1``, ``X / 1``, ``X - (+0)``, ``X + (-0)`` on signed zeros, subnormals, infinities and NaN
    give X's bits; ``X + (+0)`` turns ``-0`` into ``+0`` (so it is skipped only onto a square, never ``-0``)."""
    x = torch.tensor(SPECIAL, dtype=dtype)
    for op, forms in P._KEEPS_OPERAND.items():
        for i, tag, guarded in forms:
            c = NUMBERS[tag]
            out = OPS[op](x, c) if i == 0 else OPS[op](c, x)
            if guarded:
                assert not torch.equal(bits(out), bits(x)), (op, tag)  # the guard is needed
                sq = x * x
                out = OPS[op](sq, c) if i == 0 else OPS[op](c, sq)
                assert torch.equal(bits(out), bits(sq)), (op, tag)
            else:
                assert torch.equal(bits(out), bits(x)), (op, i, tag)


def kept_ops(opt):
    return {key[2]: len(prog.nodes) for g in opt._graphs.values() for key, prog in g.programs.items()}


@pytest.mark.parametrize("fuse", [True, False], ids=["fused", "unfused"])
@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["float64", "float32"])
def test_adafactor_skips_its_identities_bit_for_bit(dtype, fuse, monkeypatch):
    """Adafactor at clip_threshold 1 divides by 1 and at beta1 = 0 multiplies by 1 - beta1 = 1 at every step; its
    relative rate min(1, 1/(lr sqrt t)) is 1 until t = 1/lr^2 (here lr = 0.5: steps 1-4), and at step 1 its
    1 - beta2_t = 1 - (1 - 1^c) is 1 too: the program skips four operations at step 1, three at steps 2-4 and two
    from step 5 on. The numbers are those of every
    operation run, bit for bit. Unfused, eps1 = 0 adds +0 onto g*g, skipped too (fused, that skip lets v's update
    fuse otherwise: see the next test)."""
    monkeypatch.setattr(P, "FUSE", fuse)
    kw = dict(lr=0.5) if fuse else dict(lr=0.5, eps=(0.0, 1e-3))
    skipping, opt = run(O.Adafactor, kw, True, dtype, steps=8)
    monkeypatch.setattr(P, "_KEEPS_OPERAND", {})
    every, full = run(O.Adafactor, kw, True, dtype, steps=8)
    assert first_difference(skipping, every) is None
    (n_full,) = set(kept_ops(full).values())
    k = 2 if fuse else 3  # skipped from step 5 on
    assert sorted(kept_ops(opt).values()) == [n_full - k - 2, n_full - k - 1, n_full - k]


def test_a_skipped_addition_can_change_the_fusion_not_the_rule(monkeypatch):
    """Fused, ``v = b2 v + (1 - b2)(g*g + 0)`` is a lerp onto ``g*g + 0`` with the addition kept and an addcmul of
    ``g, g`` with it skipped: each rounds once less than the rule as written, in its own way, and both follow the
    rule run eagerly to the last bits."""
    def sources(opt):
        return " ".join(c.source for g in opt._graphs.values() for prog in g.programs.values()
                        for c in prog.compiled.values())

    kw = dict(lr=0.5, eps=(0.0, 1e-3))
    skipping, opt = run(O.Adafactor, kw, True, steps=8)
    assert "lerp" not in sources(opt)
    with monkeypatch.context() as m:
        m.setattr(P, "_KEEPS_OPERAND", {})
        kept, opt = run(O.Adafactor, kw, True, steps=8)
        assert "lerp" in sources(opt)
    monkeypatch.setattr(P, "FUSE", False)
    eager, _ = run(O.Adafactor, kw, True, steps=8)
    for a, b in zip(skipping, eager):
        torch.testing.assert_close(a, b, rtol=1e-13, atol=1e-15)
    assert first_difference(skipping, kept) is not None


def test_a_sum_onto_what_may_be_minus_zero_is_not_skipped(monkeypatch):
    """``g + eps`` at eps = 0 with ``g = -0`` gives ``+0``: the program keeps the addition, so the state's sign
    bits are the rule's as written; with the guard dropped (the addition skipped) they are not."""
    base = get_rule("adam")

    def update(state, g, t, p, B):
        m, v = state
        m = g + p.eps
        return (m, v), m

    rule = dataclasses.replace(base, name="plus_eps", update=update)

    def state_m(flat):
        params = make_params()
        opt = O.RuleOptimizer(params, rule, lr=1e-2, eps=0.0)
        opt.flat = flat
        if not flat:
            opt._program = lambda p_, t, ref: (None, None)  # the rule run as written, eagerly
        for p in params:
            p.grad = torch.where(torch.arange(p.numel()).reshape(p.shape) % 2 == 0, -0.0, 1.0).to(p.dtype)
        opt.step()
        return torch.cat([torch.signbit(opt.state[p]["m"]).reshape(-1) for p in params])

    eager = state_m(False)
    assert not eager.any()  # -0 + 0 is +0
    assert torch.equal(state_m(True), eager)
    unguarded = dict(P._KEEPS_OPERAND, add=tuple((i, tag, False) for i, tag, _ in P._KEEPS_OPERAND["add"]))
    monkeypatch.setattr(P, "_KEEPS_OPERAND", unguarded)
    assert not torch.equal(state_m(True), eager)


# ---------------------------------------------------------------------- B.min(B.max(X, a), b) as one clamp
@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["float64", "float32"])
def test_clamp_is_min_of_max_bit_for_bit_unless_a_bound_is_zero(dtype):
    """torch.clamp(X, a, b) gives minimum(maximum(X, a), b)'s bits for every X (signed zeros, subnormals,
    infinities, NaN; long enough for the vector loops) and non-zero bounds, a > b included; a zero bound can flip
    the sign of a zero result, so the fusion needs its guard."""
    order = torch.randperm(len(SPECIAL) * 50, generator=torch.Generator().manual_seed(0))
    x = torch.tensor(SPECIAL * 50, dtype=dtype)[order]
    bounds = [1.5, -2.0, 2.0 ** -24, -(2.0 ** -24), 1e-3, 65504.0, float("inf"), -float("inf")]
    assert all(map(P.clampable, bounds))
    assert not any(P.clampable(v) for v in (0.0, -0.0, 5e-324, 1e-8, 1e5, 1e308, float("nan")))
    for a in bounds:
        for b in bounds:
            ref = torch.minimum(torch.maximum(x, torch.tensor(a, dtype=dtype)), torch.tensor(b, dtype=dtype))
            got = torch.clamp(x, min=a, max=b)
            assert torch.equal(bits(got)[~ref.isnan()], bits(ref)[~ref.isnan()]) and torch.equal(
                got.isnan(), ref.isnan()), (a, b)
    def differs(a, b):
        ref = torch.minimum(torch.maximum(x, torch.tensor(a, dtype=dtype)), torch.tensor(b, dtype=dtype))
        return not torch.equal(bits(torch.clamp(x, min=a, max=b)), bits(ref))

    assert any(differs(a, b) for a in (0.0, -0.0, 1.0) for b in (0.0, -0.0, 1.0) if 0.0 in (a, b))


def sources(opt):
    return " ".join(c.source for g in opt._graphs.values() for prog in g.programs.values()
                    for c in prog.compiled.values())


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["float64", "float32"])
def test_adabound_clamps_its_rate_in_one_pass_bit_for_bit(dtype, monkeypatch):
    """AdaBound's rate clipped into its bounds runs as one clamp_; the numbers are those of maximum then minimum."""
    from adamdyn.torch import _fuse

    kw = CASES["adabound"][1]
    clamped, opt = run(O.AdaBound, kw, True, dtype)
    assert "clamp_(" in sources(opt) and "(*C" not in sources(opt)  # (*C: maximum / minimum of a number pair
    monkeypatch.setattr(_fuse, "_clamp", lambda *a: None)
    two, opt = run(O.AdaBound, kw, True, dtype)
    assert "clamp_(" not in sources(opt) and sources(opt).count("(*C") == 2
    assert first_difference(clamped, two) is None


def test_a_zero_bound_keeps_maximum_and_minimum(monkeypatch):
    """``B.min(B.max(g, eps), lr)`` at eps = 0 with ``g = -0``: the vectorised maximum(-0, +0) is +0 where clamp
    keeps -0, so at a zero bound the program keeps both operations (the state's sign bits are those of maximum
    then minimum); with the guard dropped (a zero counted as a bound) they are not."""
    from adamdyn.torch import _fuse

    base = get_rule("adam")

    def update(state, g, t, p, B):
        m, v = state
        m = B.min(B.max(g, p.eps), p.lr)
        return (m, v + g * g), m  # (v reads g: no state here is a lone number)

    rule = dataclasses.replace(base, name="clip_eps", update=update)

    def state_m():
        param = torch.zeros(256, dtype=torch.float64, requires_grad=True)
        opt = O.RuleOptimizer([param], rule, lr=1e-2, eps=0.0)
        param.grad = torch.where(torch.arange(256) % 2 == 0, -0.0, 1.0).to(torch.float64)
        opt.step()
        return torch.signbit(opt.state[param]["m"]), sources(opt)

    signs, src = state_m()
    assert not signs.any() and "min=" not in src and src.count("(*C") == 2  # min=: a clamp
    real = _fuse._nonzero_number
    monkeypatch.setattr(_fuse, "_nonzero_number", lambda program, ref, s: real(program, ref, s) or ref[0] == "s"
                        and isinstance(s[ref[1]], float))
    signs, src = state_m()
    assert "min=" in src and signs.any()
