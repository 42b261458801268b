"""The GPU engine of the torch optimizers (``adamdyn.torch._graph``): a rule's recorded operations as one CUDA
kernel, captured with the step's gathers in one CUDA graph.

Without a GPU (CI): the generated kernel runs under numba's CUDA simulator (a subprocess with
``NUMBA_ENABLE_CUDASIM=1``) against the CPU loop (``adamdyn.torch._loop``, itself tested bit for bit against the
rule run eagerly in ``test_torch_loop.py``), on the programs of every optimizer setting of the speed-path suite,
float64, with NaN, infinities, signed zeros and subnormals among the gradients: bit for bit. The simulator's
``cuda.fma`` is ``a * b + c`` (two roundings); the script replaces it by the hardware's operation, one rounding
(exact rational arithmetic), so the comparison is the kernel's text, not the simulator's shortcut. A kernel with
one operation changed must fail the same comparison.

With a GPU (the tests' ``cuda`` cases, run by ``tools/gpu_session.sh``): the captured step against the torch
operations (``loop = False``) on the same device, and the graph's bookkeeping (recapture after ``p.data = ...``,
version counters).
"""

from __future__ import annotations

import os

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

from test_torch_speed_path import CASES, make_params, set_grads  # noqa: E402

from adamdyn.torch import _graph  # noqa: E402
from adamdyn.torch import optim as O  # noqa: E402

TESTS = os.path.dirname(os.path.abspath(__file__))

SIM_SCRIPT = r"""
import sys
import warnings
from fractions import Fraction

import math
import numpy as np
import torch
from numba.cuda.simulator import kernelapi

sys.path.insert(0, sys.argv[1])
from test_torch_speed_path import CASES, make_params, set_grads

from adamdyn.torch import _graph, _loop

warnings.filterwarnings("ignore", r".* encountered in scalar", RuntimeWarning)  # numpy scalars: inf - inf etc.
warnings.filterwarnings("ignore", category=DeprecationWarning)
BROKEN = sys.argv[2] == "broken"


def fma(self, a, b, c):  # the hardware's fused multiply-add: a * b + c rounded once
    if not all(math.isfinite(v) for v in (a, b, c)):
        return a * b + c
    exact = Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c))
    return type(a)(float(exact)) if exact else a * b + c  # (a zero's sign: as the two-step result's)


kernelapi.FakeCUDAModule.fma = fma
SPECIAL = [float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 5e-324, -1e-310, 1e300, -1e-300]
ran, skipped = [], []
for case, (cls, kw) in CASES.items():
    params = make_params("cpu", torch.float64)
    opt = cls(params, **kw)
    for step in range(2):
        set_grads(params, step, lone_skips=False)
        opt.step()
    group = opt.param_groups[0]
    ref = params[0]
    state = opt.state[ref]
    p_ = opt._rule_params(group)
    program, s = opt._program(p_, state["step"] + 1, ref)
    if program is None:
        skipped.append(case)
        continue
    lone = program.graph.lone_states
    pre = None
    if lone:  # NAdam's mu_product: the prelude's numbers (one parameter here), read by both from their Q
        pre = (program.prelude({k: state[opt.rule.state[k]].reshape(1) for k in lone}, s), 0)
    kern = _graph.kernel(program, s, bool(lone))
    body = _loop.loop(program, s, pre)
    assert kern is not None and body is not None, case
    gen = torch.Generator().manual_seed(7)
    g = torch.randn(ref.numel(), generator=gen, dtype=torch.float64)
    g[: len(SPECIAL)] = torch.tensor(SPECIAL, dtype=torch.float64)
    cpu = [state[name].detach().reshape(-1).clone() for name in opt.rule.state] + [g, ref.detach().reshape(-1).clone()]
    sim = [v.numpy().copy() for v in cpu]
    lr = group["lr"]
    body(cpu, s, lr, pre)
    extra = ()
    if lone:  # the kernel's own prelude (one parameter: one thread) fills Q and moves the lone states
        extra = (np.zeros((len(kern.taken), 1)), np.zeros(len(g), dtype=np.int32))
        for k in lone:
            cpu[k] = pre[0][("state", k)].clone()
    if BROKEN:  # the first subtraction made an addition; in a rule without one, the direction negated
        text = kern.source
        swapped = text.replace(" - ", " + ", 1) if " - " in text else text.replace("cuda.fma(", "cuda.fma(-", 1)
        kern.source, kern.fn = swapped, None
    fn, prelude = kern.function()
    assert (prelude is not None) == bool(lone), case
    try:
        if lone:
            prelude[1, 32](*sim, kern.values(s, lr, np.float64), *extra)
        fn[-(-len(g) // 32), 32](*sim, kern.values(s, lr, np.float64), *extra)
    except ValueError as exc:  # Python's math.sqrt of a negative number (a broken kernel)
        if not BROKEN:
            raise
        print(f"DIFFERS {case} raised {exc}")
        ran.append(case)
        continue
    for k, (a, b) in enumerate(zip(cpu, sim)):
        a = a.numpy()
        same = np.array_equal(a.view(np.int64), b.view(np.int64)) or (
            np.array_equal(np.isnan(a), np.isnan(b)) and np.array_equal(
                np.where(np.isnan(a), 0, a).view(np.int64), np.where(np.isnan(b), 0, b).view(np.int64)))
        if not same:
            print(f"DIFFERS {case} leaf {k}")
    ran.append(case)
print("RAN", " ".join(ran))
print("SKIPPED", " ".join(skipped))
"""


PATHS_SCRIPT = r"""
import math
import sys
import warnings
from fractions import Fraction

import torch
from numba.cuda.simulator import kernelapi

sys.path.insert(0, sys.argv[1])
from test_torch_speed_path import CASES, assert_same, build, set_grads, make_params

from adamdyn.torch import _graph

warnings.filterwarnings("ignore", r".* encountered in scalar", RuntimeWarning)
warnings.filterwarnings("ignore", category=DeprecationWarning)


def fma(self, a, b, c):  # the hardware's fused multiply-add: a * b + c rounded once
    if not all(math.isfinite(v) for v in (a, b, c)):
        return a * b + c
    exact = Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c))
    return type(a)(float(exact)) if exact else a * b + c


kernelapi.FakeCUDAModule.fma = fma


def run(case, flat, chunk=None):
    cls, kw = CASES[case]
    ps = make_params("cpu", torch.float64)
    opt = build(cls, kw, ps, flat, chunk)
    for t in range(1, 6):
        set_grads(ps, t)
        opt.step()
        if t == 2:  # a lone state (NAdam's mu_product) uneven across the parameters: each reads its own column
            for k, p in enumerate(ps):
                for v in opt.state[p].values():
                    if isinstance(v, torch.Tensor) and v.ndim == 0:
                        v.mul_(1 + 0.01 * k)
    return ps, opt


cases = sys.argv[2].split(",")
reference = {case: run(case, True) for case in cases}  # the CPU numba loop
# the CUDA engine's code paths on CPU tensors, each kernel run by the simulator (no graph: the flat path's chunks
# and flat=False launch the kernel eagerly)
launches = []


def launch(fn, threads, tensors):
    launches.append(threads)
    fn[max(1, -(-threads // 64)), 64](*[q.numpy() for q in tensors])


_graph.takes = lambda q: q.dtype in _graph.DTYPES and q.device.type == "cpu"
_graph._launch = launch
_graph.capture = lambda *args, **kw: None
for case in cases:
    n = len(launches)
    pa, oa = reference[case]
    pb, ob = run(case, True, 16)
    pc, oc = run(case, False)
    assert len(launches) > n, case
    assert_same(pa, pb, oa, ob, case + " flat")
    assert_same(pa, pc, oa, oc, case + " flat=False")
    print("SAME", case)
"""


def test_cuda_kernel_is_the_cpu_loop_bit_for_bit_under_the_simulator(simulate):
    out = simulate(SIM_SCRIPT, TESTS, "exact", werror=False, timeout=600).stdout
    ran = out.split("RAN", 1)[1].split("\n", 1)[0].split()
    skipped = out.split("SKIPPED", 1)[1].split("\n", 1)[0].split()
    assert "DIFFERS" not in out, out
    assert set(ran) | set(skipped) == set(CASES)
    assert not skipped and len(ran) == len(CASES)


def test_a_broken_cuda_kernel_differs_under_the_simulator(simulate):
    out = simulate(SIM_SCRIPT, TESTS, "broken", werror=False, timeout=600).stdout
    ran = out.split("RAN", 1)[1].split("\n", 1)[0].split()
    differs = {line.split()[1] for line in out.splitlines() if line.startswith("DIFFERS")}
    assert differs == set(ran), sorted(set(ran) - differs)


@pytest.mark.parametrize("cases", [["adam_l2_maximize", "nadam", "adafactor"], ["nadamw", "radam", "s3", "lion"]],
                         ids=["set1", "set2"])
def test_cuda_engine_paths_under_the_simulator(simulate, cases):
    """The CUDA engine's eager paths (the flat path's chunks of 16 elements, one kernel launch each, NAdam's lone
    numbers from the kernel's own prelude; ``flat=False``, a kernel per tensor and its prelude on its own
    number), run by the simulator on CPU tensors: bit for bit the CPU loop's numbers, in float64."""
    res = simulate(PATHS_SCRIPT, TESTS, ",".join(cases), werror=False, timeout=600)
    assert {line.split()[1] for line in res.stdout.splitlines() if line.startswith("SAME")} == set(cases)


def test_the_kernel_source_is_the_loop_body():
    """One text for both engines: the CUDA kernel's statements are the CPU loop's, but the parameter's step."""
    from adamdyn.torch import _loop

    params = make_params("cpu", torch.float64)
    opt = O.Yogi(params, lr=1e-2)
    set_grads(params, 0, lone_skips=False)
    opt.step()
    p_ = opt._rule_params(opt.param_groups[0])
    program, s = opt._program(p_, 2, params[0])
    cuda_text = _graph.source(program, s)[0]
    cpu_text = _loop._source(program, s, ())[0]
    cuda_body = {ln.strip() for ln in cuda_text.splitlines() if ln.startswith("    R") or ln.startswith("    L")}
    cpu_body = {ln.strip() for ln in cpu_text.splitlines() if ln.startswith("        R") or ln.startswith("        L")}
    assert cuda_body == cpu_body and len(cuda_body) > 8
    assert "cuda.fma(" in cuda_text and "@cuda.jit(cache=True)" in cuda_text


def test_takes_only_gpu_floats():
    assert not _graph.takes(torch.zeros(3))
    assert not _graph.takes(torch.zeros(3, dtype=torch.float16))


# -- on a GPU ----------------------------------------------------------------------------------------------------
cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
GPU_CASES = sorted(CASES)


def _captured(opt):
    return [c for b in opt.__dict__.get("_flat_state", {}).values()
            for c in b.__dict__.get("captures", {}).values() if c]


@cuda
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("case", GPU_CASES)
def test_cuda_graph_step_matches_the_torch_operations(case, dtype):
    cls, kw = CASES[case]
    pa, pb = make_params("cuda", dtype), make_params("cuda", dtype)
    oa, ob = cls(pa, **kw), cls(pb, **kw)
    ob.loop = False
    for step in range(6):
        set_grads(pa, step)
        set_grads(pb, step)
        oa.step()
        ob.step()
    assert _captured(oa) and all(c.steps for c in _captured(oa)), f"{case}: the graph never ran"
    assert not _captured(ob)
    tol = dict(rtol=1e-12, atol=1e-14) if dtype == torch.float64 else dict(rtol=2e-5, atol=1e-6)
    for a, b in zip(pa, pb):
        torch.testing.assert_close(a, b, **tol)
        for name in oa.rule.state:
            torch.testing.assert_close(oa.state[a][name], ob.state[b][name], **tol, equal_nan=True)


@cuda
def test_cuda_graph_is_captured_again_when_a_parameter_moves():
    cls, kw = CASES["adam"]
    pa, pb = make_params("cuda"), make_params("cuda")
    oa, ob = cls(pa, **kw), cls(pb, **kw)
    ob.loop = False
    for step in range(5):
        if step == 3:  # a parameter's storage replaced: the old graph would write the old storage
            for q in (pa[0], pb[0]):
                q.data = q.data.clone()
        set_grads(pa, step, lone_skips=False)
        set_grads(pb, step, lone_skips=False)
        oa.step()
        ob.step()
    for a, b in zip(pa, pb):
        torch.testing.assert_close(a, b, rtol=1e-12, atol=1e-14)


@cuda
def test_cuda_graph_step_moves_version_counters():
    params = make_params("cuda")
    opt = O.Adam(params, lr=1e-2)
    set_grads(params, 0, lone_skips=False)
    opt.step()
    assert _captured(opt)
    before = [q._version for q in params]
    set_grads(params, 1, lone_skips=False)
    opt.step()
    assert all(q._version > v for q, v in zip(params, before))


@cuda
@pytest.mark.parametrize("layout", ["moving", "strided"])
def test_cuda_graph_step_with_gradients_elsewhere(layout):
    """Gradients in new memory at every step (recorded anew, then gathered eagerly once the records are spent),
    or not contiguous (always gathered eagerly): the same numbers as the torch operations."""
    cls, kw = CASES["nadam"]
    pa, pb = make_params("cuda"), make_params("cuda")
    oa, ob = cls(pa, **kw), cls(pb, **kw)
    ob.loop = False
    keep = []
    for step in range(_graph.Capture.RECORDS + 4):
        set_grads(pa, step, lone_skips=False)
        set_grads(pb, step, lone_skips=False)
        for q in pa:
            if layout == "strided" and q.dim() == 2:
                q.grad = q.grad.t().contiguous().t()
            keep.append(q.grad)  # (kept alive: the next gradients cannot take their memory)
        oa.step()
        ob.step()
    (cap,) = _captured(oa)
    assert cap.steps == _graph.Capture.RECORDS + 4
    assert cap.records == (_graph.Capture.RECORDS if layout == "moving" else 0)
    for a, b in zip(pa, pb):
        torch.testing.assert_close(a, b, rtol=1e-12, atol=1e-14)
