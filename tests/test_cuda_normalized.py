"""The CUDA normalized-mode kernel (sign/log, one point per thread) under numba's CUDA simulator, and the
``device=`` routing of ``phase_diagram`` and the tiled sweep.

Reference: the CPU normalized kernel run in its sign/log scheme (``tail >= 1``), whose agreement with
:func:`adamdyn.simulate` (an independent implementation) is tested in ``tests/test_kernels_family.py`` and
with the CPU fast scheme in ``tests/test_kernels.py``. Same-step sign/log arithmetic on both sides, so the
comparison is bit for bit, tail included. The simulator runs Python, hence tiny grids (16 points, 200 steps).
"""

from __future__ import annotations

import numpy as np
import pytest

SIM_SCRIPT = r"""
import sys
import warnings
import numpy as np
from adamdyn import kernels
from adamdyn.kernels import codegen
from adamdyn.rules import get_rule
from adamdyn.scale import _cuda_device, gpu
from adamdyn.sweeps.phase import run_points

STEPS = int(sys.argv[1])
# the simulator computes with numpy scalars, which warn where float64 arithmetic in a kernel is silent
# (-inf - -inf in the late slope of a point that stopped at an exact zero step): only those are let through
warnings.filterwarnings("ignore", r".* encountered in scalar", RuntimeWarning)


def columns(rule, points):
    floats = [q.name for q in rule.params if q.kind == "float"]
    return np.array([[float(getattr(rule.make_params(**{k: v for k, v in pt.items() if k != "n"}), q))
                      for q in floats] + [pt.get("n", 4.0)] for pt in points])


def both(rule, flags, cols, **kw):
    cpu = run_points(rule, flags, cols, steps=STEPS, mode="normalized", **kw)
    cud = gpu.run_points_cuda(rule, flags, cols, steps=STEPS, mode="normalized", **kw)
    return cpu, cud


def differing(a, b):
    return [k for k in a if a[k].shape != b[k].shape or not np.array_equal(a[k], b[k], equal_nan=True)]


# the device helpers share one globals dict, which every simulated thread reads at each call: it must never
# change size during a run (a warning in one thread once added its registry there while another iterated it)
shared_keys = set(_cuda_device._NAMESPACE)

grid = [{"beta1": b1, "beta2": b2, "lr": 1e-2} for b1 in (0.1, 0.5, 0.8, 0.95) for b2 in (0.3, 0.9, 0.99, 0.999)]

# Adam (analysis flags), x0 = 0.5: a beta grid, eps and v0 > 0 (scale-carrying), a divergent point
# (lr = 50 against a bound of 1e5) and an exact zero step (SignGD-like, lr = x0)
adam = get_rule("adam")
aflags = {"eps_inside": False, "bias_correction": False}
pts = list(grid)
pts[1] = dict(pts[1], eps=1e-3, v0=1e-4)
pts[6] = dict(pts[6], eps=1e-8)
pts[14] = {"beta1": 0.5, "beta2": 0.9, "lr": 50.0}
pts[15] = {"beta1": 0.0, "beta2": 0.0, "lr": 0.5}
cols = columns(adam, pts)
kw = dict(x0=0.5, diverge_log10_loss=5.0, tail=3)
cpu, cud = both(adam, aflags, cols, **kw)
assert not differing(cpu, cud), [(k, cpu[k], cud[k]) for k in differing(cpu, cud)]
assert cud["tail"].shape == (16, 3, 2) and np.isfinite(cud["tail"][:14]).all()
exercised = {"divergence": cpu["divergence_step"][14] >= 0, "exact zero step": cpu["underflow_step"][15] >= 0,
             "spike": (cpu["spike_step"] >= 0).any(), "full run": (cpu["steps_run"] == STEPS).any()}
assert all(exercised.values()), exercised
print("adam ok")

# branch rules: RAdam (B.where on the step: rectified or not, by beta2), AdaBound (B.clip, bias correction)
for name in ("radam", "adabound"):
    rule = get_rule(name)
    p = rule.published_params()
    flags = {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}
    cpu_r, cud_r = both(rule, flags, columns(rule, grid), tail=1)
    assert not differing(cpu_r, cud_r), (name, differing(cpu_r, cud_r))
    print(name, "ok")

# a deliberately broken generated expression (1 - beta1 off by one ulp in the CUDA kernel only) is caught
real = codegen.generate


def broken(rule, device="cpu"):
    text = real(rule, device)
    if device != "cuda":
        return text
    head, sep, tail = text.partition("def cuda_normalized_adam_00(")  # eps_inside, bias_correction off
    assert tail.count("_sof(_f1)") >= 1, "the expression to break is not in the generated kernel"
    return head + sep + tail.replace("_sof(_f1)", "_sof(_f1 * (1.0 + 2.0 ** -52))", 1)


codegen.generate = broken
kernels._MODULES.pop((id(adam), "cuda"))
gpu._KERNELS.clear()
bad = gpu.run_points_cuda(adam, aflags, cols, steps=STEPS, mode="normalized", **kw)
assert differing(cpu, bad), "a broken CUDA kernel went unnoticed"
print("broken caught:", differing(cpu, bad))
assert set(_cuda_device._NAMESPACE) == shared_keys, set(_cuda_device._NAMESPACE) ^ shared_keys
print("cuda-sim normalized ok")
"""


def test_cuda_normalized_kernel_matches_cpu_under_simulator(simulate):
    """The generated CUDA normalized kernel (numba's CUDA simulator) gives the CPU normalized kernel's
    sign/log numbers bit for bit (every reduction, flag and tail value) for Adam (eps, v0, divergence, an
    exact zero step, spikes), RAdam and AdaBound; a one-ulp change of one generated expression is caught."""
    assert "cuda-sim normalized ok" in simulate(SIM_SCRIPT, "200").stdout


AXES = {"beta1": np.linspace(0.1, 0.9, 3), "beta2": np.linspace(0.5, 0.999, 4)}


def _fake_gpu(monkeypatch):
    """numba finds a GPU, and the CUDA runner is the CPU kernel in its sign/log scheme (what the CUDA normalized
    kernel computes); records the modes it was called with."""
    from adamdyn.scale import gpu
    from adamdyn.sweeps.phase import run_points

    calls = []

    def runner(rule, flags, columns, **kw):
        calls.append(kw["mode"])
        return run_points(rule, flags, columns, tail=1 if kw["mode"] == "normalized" else 0, **kw)

    monkeypatch.setattr(gpu, "cuda_available", lambda: True)
    monkeypatch.setattr(gpu, "run_points_cuda", runner)
    return calls


def test_phase_diagram_device_routing(monkeypatch):
    from adamdyn.scale import gpu
    from adamdyn.sweeps import phase_diagram

    kw = dict(fixed={"lr": 1e-2}, steps=300)
    with pytest.raises(ValueError, match="device='gpu' is invalid; valid values are cpu, cuda, auto"):
        phase_diagram("adam", AXES, device="gpu", **kw)
    monkeypatch.setattr(gpu, "cuda_available", lambda: False)
    with pytest.raises(ValueError, match="finds no usable GPU. Fix: pass device='cpu'"):
        phase_diagram("adam", AXES, device="cuda", **kw)
    cpu = phase_diagram("adam", AXES, device="auto", **kw)  # no GPU: the CPU
    calls = _fake_gpu(monkeypatch)
    assert cpu.threads >= 1 and not calls
    for device in ("cuda", "auto"):
        pd = phase_diagram("adam", AXES, mode="normalized", device=device, **kw)
        assert pd.mode == "normalized" and pd.threads == 1
        np.testing.assert_allclose(pd.final_log10_loss, cpu.final_log10_loss, rtol=1e-9)
    assert calls == ["normalized", "normalized"]
    phase_diagram("adam", AXES, mode="raw", device="cuda", **kw)
    assert calls[-1] == "raw"


def test_tiled_normalized_sweep_goes_to_cuda(tmp_path, monkeypatch):
    """``device="auto"`` picks CUDA for normalized tiles too, and a normalized CUDA sweep is not mixed with CPU."""
    from adamdyn.scale import sweep

    calls = _fake_gpu(monkeypatch)
    store = sweep("adam", AXES, {"lr": 1e-2}, out=tmp_path / "g", steps=300, mode="normalized", tile=2,
                  device="auto", progress=False)
    assert store.spec.device == "cuda" and set(calls) == {"normalized"} and len(calls) == store.spec.ntiles
    assert store.assemble().mode == "normalized"
    with pytest.raises(ValueError, match="refusing to mix.*device"):
        sweep("adam", AXES, {"lr": 1e-2}, out=tmp_path / "g", steps=300, mode="normalized", tile=2, device="cpu",
              resume=True, progress=False)


def _cpu_calls(py_func):
    """The global names ``py_func`` reads that are CPU ``njit`` dispatchers."""
    from numba.core.registry import CPUDispatcher

    return [r for r in py_func.__code__.co_names if isinstance(py_func.__globals__.get(r), CPUDispatcher)]


def test_device_helpers_call_only_device_functions():
    """Every CUDA device helper's calls to other ``_slog`` helpers resolve to device functions, never to the
    CPU ``njit`` dispatchers (the simulator would run those, a GPU cannot): ``_smax`` calls ``_slt``."""
    from adamdyn.kernels import _slog
    from adamdyn.scale import _cuda_device as D

    called = 0
    for name in D.HELPERS:
        fn = getattr(D, name).py_func
        assert not _cpu_calls(fn), (name, _cpu_calls(fn))
        for ref in set(fn.__code__.co_names) & set(D.HELPERS):
            called += 1
            assert fn.__globals__[ref] is getattr(D, ref), (name, ref)
    assert called >= 2  # _smax and _smin call _slt
    # the check catches a helper compiled from its source with _slog's own globals
    assert _cpu_calls(_slog._smax.py_func) == ["_slt"]
