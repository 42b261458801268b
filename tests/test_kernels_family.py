"""The generated sweep kernels run the optimizer family (adamw ... adafactor): max/min/clip, B.where's
Piecewise, the iterate x, degree-0 states and negative-degree parameters, raw and normalized, agree with
``adamdyn.simulate`` (an independent implementation: the rule's own update on numpy floats and on
:class:`adamdyn.backend.SLog` numbers, never the generated code).

Kernels are compiled once per rule (one flag variant each: the published one), so the test stays short
on a warm numba cache.
"""

from __future__ import annotations

import dataclasses
import math
import zlib

import numpy as np
import pytest

from adamdyn import simulate
from adamdyn.backend import SLOG, SLog
from adamdyn.kernels import codegen
from adamdyn.rules import FAMILY, RULES
from adamdyn.sweeps.phase import run_points

FAMILY_RULES = [m.RULE for m in FAMILY]
STEPS = 400
#: the existing kernel tests' tolerance (tests/test_kernels.py): rounding only, relative to max(1, |value|)
ATOL = 1e-12
FLOATS = ("final_log10_loss", "min_log10_loss", "max_log10_coupling")
INTS = ("steps_run", "divergence_step", "underflow_step")

#: where random points are drawn (clipped to each parameter's own range); eps-like offsets stay at the
#: analysis form 0 (the published point has eps > 0)
RANGES = {"lr": (1e-3, 0.1, "log"), "beta1": (0.0, 0.95, "lin"), "beta2": (0.5, 0.999, "lin"),
          "eps": (0.0, 0.0, "lin"), "weight_decay": (0.0, 0.3, "lin"), "momentum_decay": (0.0, 0.01, "lin"),
          "final_lr": (0.01, 1.0, "log"), "gamma": (1e-3, 0.1, "log"), "lr_decay": (0.0, 0.1, "lin"),
          "initial_accumulator_value": (0.0, 0.1, "lin"), "v0": (0.0, 1e-3, "lin"),
          "decay_rate": (-1.0, -0.5, "lin"), "clip_threshold": (0.5, 2.0, "lin"), "eps1": (0.0, 0.0, "lin"),
          "eps2": (1e-4, 1e-2, "log"), "g_unit": (1.0, 1.0, "lin")}


def _flags(rule, params):
    p = rule.make_params(**params)
    return {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}


def _sample(rule, rng):
    """A random point of ``rule`` with its published flags."""
    out = dict(_flags(rule, rule.published))
    for q in rule.params:
        if q.kind == "float":
            lo, hi, kind = RANGES[q.name]
            lo, hi = max(lo, q.lo), min(hi, q.hi)
            out[q.name] = float(np.exp(rng.uniform(math.log(lo), math.log(hi))) if kind == "log"
                                else rng.uniform(lo, hi))
    return out


def _simulated(rule, params, n, mode, steps=STEPS, x0=1.0, bound=50.0):
    tr = simulate(rule, n=n, steps=steps, mode=mode, x0=x0, diverge_log10_loss=bound, **params)
    c = tr.log10_coupling
    return {"final_log10_loss": tr.final_log10_loss, "min_log10_loss": float(np.nanmin(tr.log10_loss)),
            "max_log10_coupling": float(np.nanmax(c)) if np.any(np.isfinite(c)) else np.nan,
            "steps_run": tr.steps_run, "divergence_step": tr.divergence_step, "underflow_step": tr.underflow_step}


def _same(a, b, tol):
    return (math.isnan(a) and math.isnan(b)) or a == b or abs(a - b) <= tol * max(1.0, abs(b))


def _robust(rule, params, n, mode, **kw):
    """simulate's reductions where rounding is not amplified (there two correct implementations of the same
    rule agree to rounding), else None. A start moved by 1e-12 (relative) must leave the flags and steps run
    alone and move the final loss by at most 1e-10 (times max(1, |value|): errors grow less than 100-fold);
    the min loss and max coupling are kept only where they pass the same test (a near-zero crossing makes the
    min loss an amplifier of rounding). Chaotic and SignGD-like points are left out: there the last bits of
    rounding decide the loss. This uses simulate only, never the kernels."""
    ref = _simulated(rule, params, n, mode, **kw)
    moved = _simulated(rule, params, n, mode, x0=1.0 + 1e-12, **kw)
    if any(ref[k] != moved[k] for k in INTS) or not _same(moved["final_log10_loss"], ref["final_log10_loss"], 1e-10):
        return None
    return {k: v for k, v in ref.items() if k in INTS or _same(moved[k], v, 1e-10)}


def _kernel(rule, points, mode, steps=STEPS, bound=50.0, tail=0, flags=None):
    """run_points on ``points`` [(params, n)] (all with the same flags)."""
    flags = _flags(rule, points[0][0]) if flags is None else flags
    floats = [q.name for q in rule.params if q.kind == "float"]
    cols = np.array([[float(getattr(rule.make_params(**params), k)) for k in floats] + [n] for params, n in points])
    return run_points(rule, flags, cols, steps=steps, mode=mode, diverge_log10_loss=bound, tail=tail)


def _disagreements(red, refs):
    """Where the kernel's reductions ``red`` differ from simulate's ``refs`` (one per point)."""
    out = []
    for i, ref in enumerate(refs):
        for k, want in ref.items():
            got = red[k][i]
            if (int(got) != want) if k in INTS else not _same(float(got), want, ATOL):
                out.append(f"point {i}: {k} kernel {got!r} simulate {want!r}")
    return out


def _points(rule, mode, count=3):
    """The published point (eps > 0 where the rule has eps) and ``count`` random robust ones (fixed seed)."""
    rng = np.random.default_rng(zlib.crc32(rule.name.encode()))
    pub = rule.published_params().as_dict()
    pts = [(pub, 4.0, _robust(rule, pub, 4.0, mode))]
    assert pts[0][2] is not None, f"{rule.name}: the published point is sensitive to rounding"
    for _ in range(12 * count):
        if len(pts) > count:
            break
        params, n = _sample(rule, rng), float(rng.choice([3.0, 4.0, 6.0]))
        ref = _robust(rule, params, n, mode)
        if ref is not None:
            pts.append((params, n, ref))
    assert len(pts) == count + 1, f"{rule.name}: too few random points away from chaos"
    for k in FLOATS:  # every reduction is compared somewhere
        assert any(k in ref for _, _, ref in pts), f"{rule.name}: {k} sensitive to rounding at every point"
    return pts


@pytest.mark.parametrize("mode", ["raw", "normalized"])
@pytest.mark.parametrize("rule", FAMILY_RULES, ids=lambda r: r.name)
def test_family_kernels_equal_simulate(rule, mode):
    """Final/min log10 loss, max coupling, steps run, divergence and underflow steps of the sweep kernel equal
    simulate's at the published point and at random points, in the same mode (normalized: the fast scaled
    step where the rule has one and the sign/log step, ``tail=1``)."""
    pts = _points(rule, mode)
    refs = [ref for _, _, ref in pts]
    red = _kernel(rule, [(params, n) for params, n, _ in pts], mode)
    assert not _disagreements(red, refs), _disagreements(red, refs)
    if mode == "normalized":
        slow = _kernel(rule, [(params, n) for params, n, _ in pts], mode, tail=1)
        assert not _disagreements(slow, refs), _disagreements(slow, refs)


# (rule, params, n, steps): stable raw points where |g|^2 or a state reaches float64's subnormals
UNDERFLOW_CASES = [
    ("adamw", {"lr": 0.01, "beta1": 0.3, "beta2": 0.3, "weight_decay": 0.01, "eps": 0.0}, 6.0, 3000),
    ("nadam", {"lr": 0.01, "beta1": 0.3, "beta2": 0.3, "eps": 0.0}, 6.0, 3000),
    ("adamax", {"lr": 0.01, "beta1": 0.3, "beta2": 0.5, "eps": 0.0}, 6.0, 3000),
]


@pytest.mark.parametrize("case", UNDERFLOW_CASES, ids=lambda c: c[0])
def test_raw_underflow_and_divergence_flags_equal_simulate(case):
    """Raw mode: a run that reaches float64's subnormals stops as underflow at simulate's step, and one whose
    loss passes the divergence bound (here 1e2, learning rate 10) stops as divergence at simulate's step."""
    name, params, n, steps = case
    rule = RULES[name]
    params = {**rule.published, **params}
    ref = _robust(rule, params, n, "raw", steps=steps)
    assert ref is not None and ref["underflow_step"] > 0 and ref["divergence_step"] == -1
    red = _kernel(rule, [(params, n)], "raw", steps=steps)
    assert not _disagreements(red, [ref]), _disagreements(red, [ref])
    hot = {**rule.published, "lr": 10.0}
    ref = _simulated(rule, hot, 4.0, "raw", bound=2.0)
    assert ref["divergence_step"] >= 0
    red = _kernel(rule, [(hot, 4.0)], "raw", bound=2.0)
    assert not _disagreements(red, [ref]), _disagreements(red, [ref])


def test_degree0_state_underflow_is_not_an_underflow():
    """NAdam's product of momenta (degree 0) falls below float64's subnormals within the run: simulate keeps
    going, and so must the raw kernel (counting it as underflow would stop the kernel there)."""
    rule = RULES["nadam"]
    params = {**rule.published, "beta1": 0.1, "beta2": 0.9}
    tr = simulate(rule, n=4.0, steps=1000, mode="raw", **params)
    assert tr.state["mu_product"][-1, 0] == 0.0 and tr.underflow_step == -1 and tr.steps_run == 1000
    ref = _robust(rule, params, 4.0, "raw", steps=1000)
    assert ref is not None
    red = _kernel(rule, [(params, 4.0)], "raw", steps=1000)
    assert not _disagreements(red, [ref]), _disagreements(red, [ref])


def _adabound_minmax():
    """AdaBound with the clip written the wrong way round: max(min(a, lower), upper)."""
    base = RULES["adabound"]

    def update(state, g, t, p, B):
        m, v = state
        m = p.beta1 * m + (1 - p.beta1) * g
        v = p.beta2 * v + (1 - p.beta2) * (g * g)
        bc = B.select(p.bias_correction, B.sqrt(1 - p.beta2**t) / (1 - p.beta1**t), 1.0)
        lower = p.final_lr * (1 - 1 / (p.gamma * t + 1)) / p.lr
        upper = p.final_lr * (1 + 1 / (p.gamma * t)) / p.lr
        return (m, v), B.max(B.min(bc / (B.sqrt(v) + p.eps), lower), upper) * m

    return dataclasses.replace(base, name="adabound_minmax", update=update)


@pytest.mark.parametrize("mode", ["raw", "normalized"])
def test_comparison_fails_for_a_rule_with_max_and_min_swapped(mode):
    """The check above is not blind to max/min: kernels of AdaBound with max and min swapped in its clip
    disagree with simulate's AdaBound at the same points."""
    rule = RULES["adabound"]
    pts = _points(rule, mode)
    red = _kernel(_adabound_minmax(), [(params, n) for params, n, _ in pts], mode)
    bad = _disagreements(red, [ref for _, _, ref in pts])
    assert {int(b.split(":")[0].split()[1]) for b in bad} == set(range(len(pts))), bad


def test_order_helpers_match_the_backends():
    """The kernels' max/min: _fmax/_fmin are np.maximum/np.minimum (NaN included); _slt/_smax/_smin order
    sign/log pairs as SLog and the SLOG backend do (zero, negatives, equal magnitudes of opposite sign).
    A helper that orders by magnitude only is caught by the same check."""
    from adamdyn.kernels._slog import _fmax, _fmin, _slt, _smax, _smin

    vals = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 1e-300, -1e-300, 1e300, np.inf, -np.inf, np.nan]
    for a in vals:
        for b in vals:
            for fn, ref in ((_fmax, np.maximum), (_fmin, np.minimum)):
                got, want = fn(a, b), float(ref(a, b))
                assert (math.isnan(got) and math.isnan(want)) or got == want, (fn, a, b, got, want)

    nums = [SLog.of(v) for v in (0.0, 1.0, -1.0, 3.0, -3.0, 1e-200, -1e-200)] + [SLog(-2000.0, 1.0), SLog(900.0, -1.0)]

    def mismatches(slt):
        out = []
        for a in nums:
            for b in nums:
                pa, pb = (a.log, a.sign), (b.log, b.sign)
                if slt(*pa, *pb) != (a < b):
                    out.append((a, b))
        return out

    assert not mismatches(_slt)
    assert mismatches(lambda al, asg, bl, bsg: al < bl)  # magnitude only: wrong
    for a in nums:
        for b in nums:
            for fn, ref in ((_smax, SLOG.max), (_smin, SLOG.min)):
                w = ref(a, b)
                assert fn(a.log, a.sign, b.log, b.sign) == (w.log, w.sign), (fn, a, b)


CUDASIM = r"""
import numpy as np
from adamdyn.rules import FAMILY
from adamdyn.scale.gpu import run_points_cuda
from adamdyn.sweeps.phase import run_points

for m in FAMILY:
    rule = m.RULE
    p = rule.published_params()
    flags = {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}
    floats = [q.name for q in rule.params if q.kind == "float"]
    cols = np.array([[getattr(p, q) for q in floats] + [n] for n in (3.0, 4.0, 6.0)])
    cols[1, floats.index("lr")] *= 50.0
    cpu = run_points(rule, flags, cols, steps=200, mode="raw")
    gpu = run_points_cuda(rule, flags, cols, steps=200, mode="raw")
    for k in cpu:
        assert np.array_equal(cpu[k], gpu[k], equal_nan=True), (rule.name, k, cpu[k], gpu[k])
print("cuda-sim ok")
"""


def test_family_cuda_kernels_equal_cpu_under_simulator(simulate):
    """Every family rule's generated CUDA kernel, run by numba's CUDA simulator, gives the CPU raw kernel's
    numbers exactly (there is no GPU here: this checks the generated text, device helpers included)."""
    assert "cuda-sim ok" in simulate(CUDASIM).stdout


@pytest.mark.parametrize("device", ["cpu", "cuda"])
def test_every_family_rule_generates(device):
    """generate() handles every family rule on both devices, and the text is Python."""
    for rule in FAMILY_RULES:
        text = codegen.generate(rule, device)
        compile(text, f"<{rule.name} {device}>", "exec")
        assert "KERNELS = {" in text


def test_state_dependent_where_compares_sign_log_pairs():
    """A condition on the state (outside B.where's contract, which the generator still prints): Adamax written
    with ``B.where(beta2 u > |g| + eps, ...)`` instead of ``B.max``; its normalized kernel compares sign/log
    pairs (``_slt``) and must agree with simulate's Adamax."""
    base = RULES["adamax"]

    def update(state, g, t, p, B):
        m, u = state
        m = p.beta1 * m + (1 - p.beta1) * g
        a, b = p.beta2 * u, B.abs(g) + p.eps
        u = B.where(a > b, a, b)
        return (m, u), B.select(p.bias_correction, m / (1 - p.beta1**t), m) / u

    rule = dataclasses.replace(base, name="adamax_where", update=update)
    assert "_slt(" in codegen.generate(rule)
    pts = _points(base, "normalized")
    for tail in (0, 1):
        red = _kernel(rule, [(params, n) for params, n, _ in pts], "normalized", tail=tail)
        assert not _disagreements(red, [ref for _, _, ref in pts]), _disagreements(red, [ref for _, _, ref in pts])
