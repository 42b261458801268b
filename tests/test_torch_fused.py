"""``fused=True``: the recorded rule as one ``torch.compile``'d kernel per parameter (``adamdyn.torch._kernel``).

Reference: the same optimizer running the rule as written, eagerly, once per parameter tensor (no recorded
program). Compiled kernels round as inductor's C++ does, so the comparison is to a few units in the last place
(float64, 12 steps), the tolerance of the eager path's own fusions. Each case compiles (seconds), so the cases
are rules whose programs differ in kind: L2 and maximize on the gradient, a lone state (NAdam's
``mu_product``), a rule that reads ``x`` (Adafactor), a power whose exponent is a parameter (S3, written into
the kernel as a number).
"""

import importlib
import shutil

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

from test_torch_speed_path import (  # noqa: E402
    CASES,
    LONE,
    ODD,
    _odd_rule,
    assert_close_to_eager,
    assert_same,
    build,
    eager,
    make_params,
    step_together,
)

from adamdyn.torch import _kernel  # noqa: E402
from adamdyn.torch import optim as O  # noqa: E402

# compile in this process: no pool of compiler subprocesses left running beside the rest of the suite
importlib.import_module("torch._inductor.config").compile_threads = 1

pytestmark = pytest.mark.skipif(shutil.which("g++") is None and shutil.which("c++") is None,
                                reason="torch.compile (inductor) needs a C++ compiler on the CPU")

FUSED = ("adam_l2_maximize", "nadam", "adafactor", "s3")


def fused_against_eager(case, steps=12, dtype=torch.float64, groups=False):
    """``fused=True`` and the rule run eagerly, stepped together. ``groups``: two param groups (the second at half
    the lr) and the lone scalar without a gradient every third step, as in the flat-path tests (each set of
    parameters that steps together is a kernel of its own, so this compiles four times); else one group."""
    cls, kw = CASES[case]
    pa, pb = make_params("cpu", dtype), make_params("cpu", dtype)
    if groups:
        oa = cls([{"params": pa[:3]}, {"params": pa[3:], "lr": kw.get("lr", 1e-2) * 0.5}], fused=True, **kw)
        ob = eager(build(cls, kw, pb, False))
        step_together(pa, pb, oa, ob, steps)
        return pa, pb, oa, ob
    oa, ob = cls(pa, fused=True, **kw), eager(cls(pb, **kw))
    step_together(pa, pb, oa, ob, steps, lone_skips=False)
    return pa, pb, oa, ob


def kernels(opt) -> int:
    """How many compiled steps (``_kernel.FusedStep``) the optimizer's recorded programs hold."""
    return sum(len(prog.__dict__.get("fused_steps", {})) for graph in opt.__dict__.get("_graphs", {}).values()
               if graph is not None for prog in graph.programs.values())


def assert_states_close(pa, pb, oa, ob, **tol):
    for a, b in zip(pa, pb):
        for name, x in oa.state[a].items():
            if isinstance(x, torch.Tensor):
                torch.testing.assert_close(x, ob.state[b][name], **tol)


@pytest.mark.parametrize("case", FUSED)
def test_fused_kernel_is_the_rule_run_eagerly_to_the_last_bits(case):
    groups = case == FUSED[0]
    pa, pb, oa, ob = fused_against_eager(case, groups=groups)
    assert_close_to_eager(pa, pb)
    assert_states_close(pa, pb, oa, ob, rtol=1e-13, atol=1e-15)
    if groups:  # a parameter without a gradient waits, then steps with its own t
        assert oa.state[pa[LONE]]["step"] == 8 and oa.state[pa[0]]["step"] == 12
    assert not torch.equal(pa[0], make_params("cpu")[0])
    # compiled: the two groups, with and without the lone scalar; one group: once (Adafactor's steps whose numbers
    # are ones, which the eager flat path skips, share the kernel)
    assert kernels(oa) >= 4 if groups else kernels(oa) == 1


def test_fused_kernel_in_float32_follows_the_rule():
    """float32: the kernel's numbers against the rule run eagerly in float32, to float32's rounding."""
    pa, pb, oa, ob = fused_against_eager("nadam", steps=8, dtype=torch.float32)
    for a, b in zip(pa, pb):
        assert a.dtype == torch.float32
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)
    assert_states_close(pa, pb, oa, ob, rtol=1e-5, atol=1e-6)
    assert kernels(oa) == 1


def test_zero_dimensional_parameters_and_lone_states_are_written():
    """A 0-d parameter (its states 0-d views of the flat state) and NAdam's one-number ``mu_product``: written
    by the kernel. Inductor drops in-place writes into 0-d views, so the kernel sees one-element views."""
    cls = O.NAdam
    def params():
        return [torch.tensor(1.5, dtype=torch.float64, requires_grad=True),
                torch.linspace(-1, 1, 5, dtype=torch.float64).requires_grad_()]

    pa, pb = params(), params()
    oa, ob = cls(pa, lr=0.1, fused=True), eager(cls(pb, lr=0.1))
    for t in range(4):
        for a, b in zip(pa, pb):
            a.grad = torch.sin(3 * a.detach()) + t
            b.grad = a.grad.clone()
        oa.step()
        ob.step()
    assert pa[0].dim() == 0
    for a, b in zip(pa, pb):
        torch.testing.assert_close(a, b, rtol=1e-13, atol=1e-15)
    assert_states_close(pa, pb, oa, ob, rtol=1e-13, atol=1e-15)


# a step that writes a tensor whose old value a new state still takes: inductor would copy the new value (an
# open torch bug, pytorch/pytorch#198131), so these take the eager flat path (no kernel) and give its numbers
UNFUSABLE = {
    "swapped_states": _odd_rule(ODD["swapped_states"]),
    "old_state_as_direction": _odd_rule(ODD["old_state_as_direction"]),
    "previous_momentum": _odd_rule(lambda s, g, t, p, B: ((0.5 * s[0] + g, s[0]), s[0] - 0.5 * s[1])),
    "last_iterate": _odd_rule(lambda s, g, t, p, B, x: ((0.5 * s[0] + g, x), s[0] + 0.1 * (x - s[1])),
                              needs_x=True),
}


@pytest.mark.parametrize("name", sorted(UNFUSABLE))
def test_steps_that_keep_an_overwritten_value_take_the_flat_path(name):
    rule = UNFUSABLE[name]
    pa, pb = make_params("cpu"), make_params("cpu")
    oa, ob = O.RuleOptimizer(pa, rule, lr=1e-2, fused=True), O.RuleOptimizer(pb, rule, lr=1e-2)
    step_together(pa, pb, oa, ob, 4, lambda t: assert_same(pa, pb, oa, ob, f"{name}, step {t}"))
    assert kernels(oa) == 0


def test_a_number_as_direction_is_scaled_by_lr():
    """A direction that is a number read by nothing else (beta2 here) takes its own slot, not lr's."""
    rule = _odd_rule(lambda s, g, t, p, B: ((0.5 * s[0] + g, s[1] * p.beta1), p.beta2))
    pa, pb = make_params("cpu"), make_params("cpu")
    oa, ob = O.RuleOptimizer(pa, rule, lr=1e-2, fused=True), eager(O.RuleOptimizer(pb, rule, lr=1e-2))
    step_together(pa, pb, oa, ob, 4)
    assert_close_to_eager(pa, pb)
    assert_states_close(pa, pb, oa, ob, rtol=1e-13, atol=1e-15)
    assert kernels(oa) >= 1


def test_comparison_fails_when_the_kernel_computes_a_wrong_operation(monkeypatch):
    """A kernel generated with a wrong operation (sqrt computed as abs) is caught by the comparison."""
    monkeypatch.setattr(_kernel, "_EAGER", {**_kernel._EAGER, "B.sqrt": torch.abs})
    with pytest.raises(AssertionError, match="not close"):
        test_fused_kernel_is_the_rule_run_eagerly_to_the_last_bits("adafactor")


def test_comparison_fails_when_a_state_is_not_written(monkeypatch):
    """A kernel that forgets to write a new state (NAdam's m stays 0) is caught by the comparison."""
    source = _kernel._source

    def forgetful(program, s):
        src, *rest = source(program, s)
        lines = src.split("\n")
        first = next(k for k, line in enumerate(lines) if line.strip().startswith("R0.copy_("))
        return ("\n".join(lines[:first] + lines[first + 1:]), *rest)

    monkeypatch.setattr(_kernel, "_source", forgetful)
    with pytest.raises(AssertionError, match="not close"):
        test_fused_kernel_is_the_rule_run_eagerly_to_the_last_bits("nadam")


def test_fused_must_be_a_flag_and_a_compiler_failure_names_the_fix(monkeypatch):
    p = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    with pytest.raises(ValueError, match=r"fused='yes'.*True or False"):
        O.Adam([p], fused="yes")
    assert O.Adam([p], fused=None).param_groups[0]["fused"] is False

    def broken(fn, **kw):
        def run(*a):
            raise RuntimeError("no C++ compiler found")
        return run

    monkeypatch.setattr(_kernel.torch, "compile", broken)
    opt = O.Yogi([p], fused=True)
    p.grad = torch.ones_like(p)
    with pytest.raises(RuntimeError, match=r"no C\+\+ compiler found.*Fix: pass fused=False"):
        opt.step()
    assert torch.equal(p, torch.zeros_like(p)) and opt.state[p]["step"] == 0  # nothing moved, no step counted
