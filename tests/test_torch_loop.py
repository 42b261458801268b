"""The numba loop of the CPU flat path (``adamdyn.torch._loop``): a rule's recorded operations as one loop.

Reference: the rule run as written, eagerly, once per parameter tensor (no recorded program), with torch's own
CPU operations -- except the square root, which the reference takes from numpy: torch's CPU ``sqrt`` is not
correctly rounded (on this machine about 1% of float64 and float32 results differ from IEEE's in the last
bit, with every CPU capability; :func:`test_the_reference_square_root_is_the_correctly_rounded_one`), the
loop's is. Each other operation of the loop rounds as torch's does, and the parameter's step is the fused
multiply-add of torch's ``x.add_(d, alpha=-lr)`` on a CPU with FMA, so the comparison is bit for bit,
NaN, infinities and signed zeros included (but the sign of a zero that torch's maximum / minimum give at a tie:
torch's depends on the element's position, the loop's is IEEE 754-2019's); a power with a general exponent (S3's
``|g|^1.5``) is the C library's ``pow`` in the loop and torch's own vectorized one in the reference, so that rule is
compared to a few units in the last place.
"""

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

from test_torch_speed_path import (  # noqa: E402
    CASES,
    assert_close_to_eager,
    eager,
    make_params,
    set_grads,
    step_together,
)

from adamdyn.torch import _loop, _record  # noqa: E402
from adamdyn.torch import optim as O  # noqa: E402

torch.set_num_threads(1)
POWERS = {"s3"}  # a power with a general exponent: libm's pow in the loop, torch's own in the reference
MAXIMA = {"amsgrad", "adamax", "adafactor", "adabound"}  # rules that take a maximum or a minimum of tensors
FMA = torch.backends.cpu.get_cpu_capability() != "DEFAULT"  # torch's add_(alpha) is an FMA in its vector lanes


def exact_sqrt(a):
    """The correctly rounded square root (numpy's), for tensors and numbers."""
    if isinstance(a, torch.Tensor):
        return torch.from_numpy(np.asarray(np.sqrt(a.detach().cpu().numpy()))).to(a.device)
    return math.sqrt(a)


@pytest.fixture
def reference_sqrt(monkeypatch):
    monkeypatch.setattr(_record._B, "sqrt", exact_sqrt)


def loop_against_eager(case, dtype, steps=8):
    cls, kw = CASES[case]
    pa, pb = make_params("cpu", dtype), make_params("cpu", dtype)
    oa, ob = cls(pa, **kw), eager(cls(pb, **kw))
    calls = []
    original = _loop.Loop.__call__

    def counted(self, *args):
        calls.append(1)
        return original(self, *args)

    _loop.Loop.__call__ = counted
    try:
        step_together(pa, pb, oa, ob, steps)
    finally:
        _loop.Loop.__call__ = original
    assert calls, f"{case}: the loop never ran"
    return pa, pb, oa, ob


def bits(x):
    """The bit patterns of a float tensor's elements (``-0.0`` is not ``+0.0`` here)."""
    return x.detach().view({torch.float64: torch.int64, torch.float32: torch.int32}[x.dtype])


def assert_bits(pa, pb, oa, ob, where, zeros=True):
    """Parameters and state tensors equal bit for bit (NaN where the other has NaN; ``zeros=False``: +0 is -0)."""
    for k, (a, b) in enumerate(zip(pa, pb)):
        pairs = [(f"parameter {k}", a, b)] + [(f"state {name!r} of parameter {k}", x, ob.state[b][name])
                                              for name, x in oa.state[a].items() if isinstance(x, torch.Tensor)]
        for what, x, y in pairs:
            if not zeros:
                x, y = x + 0.0, y + 0.0  # -0 + 0 is +0
            same = torch.equal(x.isnan(), y.isnan()) and torch.equal(bits(x)[~x.isnan()], bits(y)[~y.isnan()])
            assert same, f"{where}, {what}: differs (max {float((x - y).abs().nan_to_num().max().detach()):.3g})"


@pytest.mark.skipif(not FMA, reason="torch's CPU kernels run without FMA here (capability DEFAULT)")
@pytest.mark.parametrize("dtype", [torch.float64, torch.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("case", sorted(set(CASES) - POWERS))
def test_loop_is_the_rule_as_written_bit_for_bit(case, dtype, reference_sqrt):
    pa, pb, oa, ob = loop_against_eager(case, dtype)
    assert_bits(pa, pb, oa, ob, case)


@pytest.mark.parametrize("case", sorted(POWERS))
def test_a_general_power_follows_the_rule_to_the_last_bits(case, reference_sqrt):
    pa, pb, _, _ = loop_against_eager(case, torch.float64)
    assert_close_to_eager(pa, pb)


@pytest.mark.skipif(not FMA, reason="torch's CPU kernels run without FMA here (capability DEFAULT)")
@pytest.mark.parametrize("case", ["yogi", "lion", "amsgrad", "adafactor", "adabound", "adamax", "radam"])
def test_nan_infinities_and_signed_zeros_as_torch(case, reference_sqrt):
    """Gradients holding NaN, +-inf, +-0 and subnormals: sign, maximum / minimum, where and the divisions give
    torch's numbers (a NaN where torch has one), bit for bit but for the sign of a zero where a rule takes a
    maximum or minimum (:func:`test_maximum_and_minimum_are_ieee_at_signed_zeros`)."""
    cls, kw = CASES[case]
    special = torch.tensor([math.nan, math.inf, -math.inf, 0.0, -0.0, 5e-324, -5e-324, 1e308, -1e-300, 3.0],
                           dtype=torch.float64)
    pa = [torch.zeros(4, 10, dtype=torch.float64).requires_grad_()]
    pb = [q.detach().clone().requires_grad_() for q in pa]
    oa, ob = cls(pa, **kw), eager(cls(pb, **kw))
    for t in range(3):
        g = special[torch.randperm(10, generator=torch.Generator().manual_seed(t))].repeat(4, 1)
        g[1] = torch.roll(g[1], 3) * 1e-3
        g[2] = special.flip(0)
        for p in (pa[0], pb[0]):
            p.grad = g.clone()
        oa.step()
        ob.step()
        assert_bits(pa, pb, oa, ob, f"{case}, step {t + 1}", zeros=case not in MAXIMA)


def test_maximum_and_minimum_are_ieee_at_signed_zeros():
    """``B.max`` / ``B.min`` in the loop: NaN where either is NaN; +0 above -0 (IEEE 754-2019), in every position
    (torch's CPU kernels give the second operand of a tie in their vector lanes and the first in the tail)."""
    from adamdyn.rules.base import Rule
    from adamdyn.rules.gd import LR

    rule = Rule(name="maxmin", summary="the max and the min of x and g", equations="", params=(LR,),
                state=("hi", "lo"), init=lambda g, p, B: (0.0 * g, 0.0 * g),
                update=lambda s, g, t, p, B: ((B.max(s[0], g), B.min(s[1], g)), 0.0 * g), degrees=lambda p: (1, 1),
                direction_degree=1)
    z, nan = [0.0, -0.0], math.nan
    pairs = [(a, b) for a in z + [nan, 1.0] for b in z + [nan, 2.0]] * 5  # 80 elements: vector lanes and a tail
    p = torch.zeros(len(pairs), dtype=torch.float64, requires_grad=True)
    opt = O.RuleOptimizer([p], rule, lr=0.1)
    p.grad = torch.tensor([a for a, _ in pairs], dtype=torch.float64)
    opt.step()  # hi = max(0*g, g), lo = min(0*g, g): the state holds the first numbers
    opt.state[p]["hi"].copy_(torch.tensor([a for a, _ in pairs], dtype=torch.float64))
    opt.state[p]["lo"].copy_(opt.state[p]["hi"])
    p.grad = torch.tensor([b for _, b in pairs], dtype=torch.float64)
    opt.step()

    def ieee(a, b, big):
        if math.isnan(a) or math.isnan(b):
            return nan
        if a != b:
            return max(a, b) if big else min(a, b)
        return a if (math.copysign(1.0, a) > 0) == big else b

    for k, (a, b) in enumerate(pairs):
        for name, big in (("hi", True), ("lo", False)):
            got, want = opt.state[p][name][k].item(), ieee(a, b, big)
            assert (math.isnan(got) and math.isnan(want)) or (got == want and math.copysign(1, got) == math.copysign(
                1, want)), f"{name}({a}, {b}) at {k}: {got}, want {want}"


def test_the_reference_square_root_is_the_correctly_rounded_one():
    """numpy's sqrt against the exact root (decimal, 50 digits): the nearer float64 at every sampled point,
    where torch's CPU sqrt is not at some (so the loop, correctly rounded, is compared with numpy's)."""
    from decimal import Decimal, getcontext

    getcontext().prec = 50
    v = np.random.default_rng(0).random(20000) * 0.01
    ours = np.sqrt(v)
    for j in range(0, 20000, 500):
        exact = Decimal(float(v[j])).sqrt()
        for other in (np.nextafter(ours[j], 0), np.nextafter(ours[j], 1)):
            assert abs(Decimal(float(ours[j])) - exact) <= abs(Decimal(float(other)) - exact)


def test_loop_square_root_is_the_correctly_rounded_one():
    """RMSProp's first step from x = 0: the loop's ``x = -lr * g / (sqrt(v) + eps)`` is the one numpy's correctly
    rounded root gives, at every point (also where torch's CPU sqrt rounds otherwise, counted in the message)."""
    g = torch.from_numpy(np.random.default_rng(1).standard_normal(4000))
    p = torch.zeros(4000, dtype=torch.float64, requires_grad=True)
    opt = O.RMSProp([p], lr=0.1)
    p.grad = g.clone()
    opt.step()
    v = opt.state[p]["v"].numpy()
    want = torch.from_numpy(-0.1 * (g.numpy() / (np.sqrt(v) + 1e-8)))  # x = 0: the FMA rounds one product
    others = int((torch.sqrt(torch.from_numpy(v)).numpy() != np.sqrt(v)).sum())
    assert torch.equal(p.detach(), want), f"torch's own sqrt differs from numpy's at {others} of 4000 points"


@pytest.mark.parametrize("broken", ["sub", "rdiv", "sign", "max", "step"])
def test_comparison_fails_when_the_loop_is_wrong(broken, monkeypatch, reference_sqrt):
    """A loop with one operation changed (subtraction swapped, a number over a tensor as one division, torch's
    sign of 0 as -1, maximum as minimum, the step without FMA) no longer gives the rule's numbers."""
    case = {"sub": "yogi", "rdiv": "adabound", "sign": "lion", "max": "amsgrad", "step": "adam"}[broken]
    if broken == "sub":
        monkeypatch.setitem(_loop._ARITH, "sub", "({1} - {0})")
    elif broken == "rdiv":
        monkeypatch.setattr(_loop, "_source", _patched(_loop._source, "((ONE / ", "(("))
    elif broken == "sign":
        monkeypatch.setattr(_loop, "_source", _patched(_loop._source, "(ONE if", "(ZERO if"))
    elif broken == "max":
        monkeypatch.setattr(_loop, "_source", _patched(_loop._source, " < R", " > R"))
    else:
        monkeypatch.setattr(_loop, "_source", _patched(_loop._source, "X[i] = fma(", "X[i] = _nofma("))
    with pytest.raises(AssertionError, match="differs"):
        pa, pb, oa, ob = loop_against_eager(case, torch.float64, steps=12)
        assert_bits(pa, pb, oa, ob, case)


def _patched(source, old, new):
    def patched(*args):
        text, numbers, taken = source(*args)
        if "_nofma" in new:  # a * b + c rounded twice, defined after the header's imports
            text = text.replace("import fma\n", "import fma\n\n\n@njit\ndef _nofma(a, b, c):\n    return a * b + c\n", 1)
        return text.replace(old, new), numbers, taken

    return patched


def test_a_program_the_loop_cannot_run_keeps_the_torch_program():
    """A boolean mask in arithmetic (``(g > 0) * beta``) is refused by the loop's generator: the program runs as
    torch operations, and the numbers are still the rule's."""
    from adamdyn.rules.base import Rule
    from adamdyn.rules.gd import LR
    from adamdyn.torch._program import _Program

    rule = Rule(name="masked", summary="a mask times a number", equations="", params=(LR,), state=("m",),
                init=lambda g, p, B: (0.0 * g,), update=lambda s, g, t, p, B: ((s[0] + (g > 0) * 0.5,), g),
                degrees=lambda p: (1,), direction_degree=1)
    pa = [torch.randn(5, dtype=torch.float64, requires_grad=True)]
    pb = [pa[0].detach().clone().requires_grad_()]
    oa, ob = O.RuleOptimizer(pa, rule, lr=0.1), eager(O.RuleOptimizer(pb, rule, lr=0.1))
    for _ in range(3):
        for p in pa + pb:
            p.grad = torch.linspace(-1, 1, 5, dtype=torch.float64)
        oa.step()
        ob.step()
    assert torch.equal(pa[0], pb[0]) and torch.equal(oa.state[pa[0]]["m"], ob.state[pb[0]]["m"])
    programs = [p for g in oa._graphs.values() for p in g.programs.values() if isinstance(p, _Program)]
    assert programs and all(v is None for p in programs for v in p.__dict__.get("loops", {}).values())


@pytest.mark.parametrize("case", ["adam", "nadam", "adafactor"])
def test_threads_change_no_number(case, monkeypatch):
    """With several torch threads a chunk's loop runs on numba's threads (``prange``): the numbers of one thread,
    bit for bit (here every chunk is threaded: ``THREADED`` lowered)."""
    cls, kw = CASES[case]
    monkeypatch.setattr(_loop, "THREADED", 1)
    threads = torch.get_num_threads()
    pa, pb = make_params("cpu"), make_params("cpu")
    oa, ob = cls(pa, **kw), cls(pb, **kw)
    try:
        for t in range(1, 6):
            for ps, opt, n in ((pa, oa, 2), (pb, ob, 1)):
                torch.set_num_threads(n)
                set_grads(ps, t)
                opt.step()
    finally:
        torch.set_num_threads(threads)
    assert_bits(pa, pb, oa, ob, case)
    loops = [L for g in oa._graphs.values() for p in g.programs.values() for L in p.__dict__.get("loops", {}).values()
             if L is not None]
    assert loops and all(L.module._loop_threads.signatures for L in loops)  # the threaded variant ran


def test_a_step_moves_autograd_version_counters_as_torch_optim():
    """The loop writes through numpy; it then moves the version counters, so a graph that saved a parameter before
    the step refuses the backward after it, as with ``torch.optim.Adam`` (not a silently stale gradient)."""
    for make in (lambda ps: O.Adam(ps, lr=0.1), lambda ps: torch.optim.Adam(ps, lr=0.1)):
        p = torch.randn(300, dtype=torch.float64, requires_grad=True)
        opt = make([p])
        p.grad = torch.ones_like(p)
        before = p._version
        y = (p * p).sum()  # saves p for its backward
        opt.step()
        assert p._version > before
        with pytest.raises(RuntimeError, match="modified by an inplace operation"):
            y.backward()


def test_optimizers_stepped_from_several_python_threads(monkeypatch):
    """Two optimizers stepped at once from two Python threads, each chunk's loop on two numba threads: the numbers
    of stepping them one after the other (threaded loops run one at a time: some numba threading layers abort on
    concurrent launches)."""
    import threading

    monkeypatch.setattr(_loop, "THREADED", 1)
    threads = torch.get_num_threads()
    runs = {}

    def train(key, parallel):
        torch.set_num_threads(2)
        ps = make_params("cpu", seed=key)
        opt = O.Yogi(ps, lr=1e-2)
        for t in range(1, 30):
            set_grads(ps, t)
            opt.step()
        runs[(key, parallel)] = [p.detach().clone() for p in ps]

    try:
        workers = [threading.Thread(target=train, args=(k, True)) for k in (1, 2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        for k in (1, 2):
            train(k, False)
    finally:
        torch.set_num_threads(threads)
    for k in (1, 2):
        assert all(torch.equal(a, b) for a, b in zip(runs[(k, True)], runs[(k, False)]))
