"""Generated kernels: generated deterministically into the cache, valid Python, equal to simulate() reductions."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from adamdyn import simulate
from adamdyn.kernels import codegen, get_kernels
from adamdyn.rules import RULES, get_rule
from adamdyn.sweeps.phase import phase_diagram, run_points

# ------------------------------------------------------------ generation: deterministic, cached, valid Python

DIGESTS = r"""
import hashlib, sys
from adamdyn.kernels import codegen
from adamdyn.rules import RULES
exec(sys.argv[1])  # a perturbation of the generator, or nothing
for name in sys.argv[2:] or sorted(RULES):
    for device in codegen.DEVICES:
        print(name, device, hashlib.sha256(codegen.generate(RULES[name], device).encode()).hexdigest())
"""


def _digests(seed, perturb="", rules=()):
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    res = subprocess.run([sys.executable, "-c", DIGESTS, perturb, *rules], env=env, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


def _generator_is_deterministic(perturb="", rules=()):
    """Two processes with different string hashing generate the same text (so they share one cached file)."""
    a, b = _digests(1, perturb, rules), _digests(2, perturb, rules)
    return a == b and len(a.splitlines()) == len(codegen.DEVICES) * len(rules or RULES)


def test_generator_is_deterministic():
    assert _generator_is_deterministic()
    # the check catches a generator whose text depends on the process (here: on string hashing)
    assert not _generator_is_deterministic(
        "g = codegen.generate; codegen.generate = lambda r, d='cpu': g(r, d) + f'# {hash(\"x\")}\\n'", ["gd"])


@pytest.mark.parametrize("device", ["cpu", "cuda"])
def test_generated_text_compiles(device):
    for rule in RULES.values():
        text = codegen.generate(rule, device)
        compile(text, f"<{rule.name} {device}>", "exec")
        assert "BLOCK(" not in text and "EXPR(" not in text and "ROW(" not in text and "#LOAD" not in text
        assert text.count("\ndef ") == len(codegen.variants(rule)) * (3 if device == "cpu" else 2)


def test_fill_refuses_a_missing_or_unused_placeholder():
    raw = dict(exprs=dict(nrow="1", nw="20"), rename={"RAW_KERNEL": "k"}, doc=dict(rule="r", flags={}))
    blocks = {b: ["pass"] for b in ("params", "pre", "hstore", "init", "hload", "sload", "body", "coupling", "sstore")}
    compile(codegen.fill(("RAW_KERNEL",), blocks, **raw), "<filled>", "exec")
    with pytest.raises(KeyError, match="sstore"):
        codegen.fill(("RAW_KERNEL",), {k: v for k, v in blocks.items() if k != "sstore"}, **raw)
    with pytest.raises(AssertionError, match="unused"):
        codegen.fill(("RAW_KERNEL",), {**blocks, "extra": ["pass"]}, **raw)


def test_templates_are_plain_linted_python():
    """The templates are code the linter sees: no blanket noqa, and each one is a function of the module."""
    import ast

    text = codegen.TEMPLATES.read_text(encoding="utf-8")
    assert "noqa" not in text
    names = {n.name for n in ast.parse(text).body if isinstance(n, ast.FunctionDef)}
    assert {"RAW_KERNEL", "_NORMALIZED_KERNEL_block", "NORMALIZED_KERNEL", "CUDA_KERNEL"} <= names


def test_module_file_is_written_once_and_reused(tmp_path, monkeypatch):
    """A rule's module lands in <cache>/kernels under the hash of its text; a later use reads that file
    (not rewritten), one whose text was damaged is rewritten, and a changed generator makes a new file."""
    from adamdyn import _cache

    monkeypatch.setenv("ADAMDYN_CACHE_DIR", str(tmp_path))
    rule = get_rule("gd")
    text = codegen.generate(rule)
    path = _cache.generated_path("kernels", codegen.module_stem(rule), text)
    assert path.parent == tmp_path / "kernels" and path.read_text() == text
    stamp = path.stat().st_mtime_ns
    os.utime(path, ns=(stamp - 10**9, stamp - 10**9))  # an older file: a rewrite would give a new time
    assert _cache.generated_path("kernels", codegen.module_stem(rule), text) == path
    assert path.stat().st_mtime_ns == stamp - 10**9
    path.write_text(text[:-40])
    assert _cache.generated_path("kernels", codegen.module_stem(rule), text) == path and path.read_text() == text
    other = _cache.generated_path("kernels", codegen.module_stem(rule), text + "# changed\n")
    assert other != path and len(list(path.parent.glob("*.py"))) == 2


def test_changed_helpers_give_a_new_module(tmp_path, monkeypatch):
    """numba compiles _slog's helpers into the kernels without tracking them in its cache: a changed
    helper source must change the module's text (so its file name, so numba compiles afresh)."""
    from adamdyn.kernels import _slog

    rule = get_rule("gd")
    before = codegen.generate(rule)
    copy = tmp_path / "_slog.py"
    copy.write_text(pathlib.Path(_slog.__file__).read_text() + "\n# changed\n")
    monkeypatch.setattr(_slog, "__file__", str(copy))
    assert codegen.generate(rule) != before


def test_codegen_command_writes_into_the_cache_and_refuses_an_unknown_rule(tmp_path):
    env = dict(os.environ, ADAMDYN_CACHE_DIR=str(tmp_path))
    cmd = [sys.executable, "-m", "adamdyn.kernels.codegen"]
    ok = subprocess.run(cmd + ["gd", "--device", "cuda"], env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr[-2000:]
    path = pathlib.Path(ok.stdout.strip())
    assert path.parent == tmp_path / "kernels" and path.read_text() == codegen.generate(get_rule("gd"), "cuda")
    bad = subprocess.run(cmd + ["adamm"], env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "'adamm'" in bad.stderr and "adam" in bad.stderr and "Fix" in bad.stderr


def test_every_rule_variant_has_kernels():
    for rule in RULES.values():
        for flags in codegen.variants(rule):
            raw, norm = get_kernels(rule, flags)
            assert raw.__name__.startswith("raw_") and norm.__name__.startswith("normalized_")


def _reference(tr, steps):
    y, t = tr.log10_loss, tr.step
    te = int(t[-1])
    b = max(1, -(-steps // 64))
    s0 = (int(0.8 * te) // b) * b
    # the kernels' late-slope estimator: samples every b steps in [s0, te) plus the last step
    m = ((t >= s0) & (t % b == 0) & (t < te)) | (t == te)
    slope = np.polyfit(t[m].astype(float) - s0, y[m], 1)[0]
    ymin = np.nanmin(y)
    run_min = np.minimum.accumulate(y)
    spikes = np.nonzero(y > run_min + 2.0)[0]
    return {
        "min_log10_loss": ymin,
        "final_log10_loss": y[-1],
        "max_log10_coupling": np.nanmax(tr.log10_coupling) if np.any(np.isfinite(tr.log10_coupling)) else np.nan,
        "late_slope": slope,
        "min_step": int(np.nanargmin(y)),
        "spike_step": int(t[spikes[0]]) if spikes.size else -1,
        "steps_run": tr.steps_run,
    }


# (optimizer, params, n, steps): points away from chaos, so raw float64 rounding does not grow
CASES = [
    ("adam", {"beta1": 0.9, "beta2": 0.999}, 4.0, 3000),
    ("adam", {"beta1": 0.5, "beta2": 0.9}, 4.0, 2000),
    ("adam", {"beta1": 0.9, "beta2": 0.95, "bias_correction": True}, 4.0, 2000),
    ("adam", {"beta1": 0.3, "beta2": 0.8}, 6.0, 1500),
    ("s3", {"beta": 0.9, "p": 2.0}, 4.0, 1500),
]


@pytest.mark.parametrize("mode", ["raw", "normalized"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{c[2]}")
def test_reductions_equal_simulate(case, mode):
    name, params, n, steps = case
    rule = get_rule(name)
    p = rule.make_params(**params)
    flags = {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}
    cols = np.array([[getattr(p, q.name) for q in rule.params if q.kind == "float"] + [n]])
    red = run_points(rule, flags, cols, steps=steps, mode=mode)
    tr = simulate(name, n=n, steps=steps, mode=mode, **params)
    ref = _reference(tr, steps)
    for key, want in ref.items():
        got = red[key][0]
        if isinstance(want, int):
            assert got == want, (key, got, want)
        else:
            np.testing.assert_allclose(got, want, rtol=0, atol=1e-12 * max(1.0, abs(want)), err_msg=key)


def test_raw_flags_gradient_power_underflow_like_simulate():
    """n = 6: |g|^2 = |x|^10 underflows long before the loss; stable points stop as underflow, not divergence."""
    rule = get_rule("adam")
    flags = {"eps_inside": False, "bias_correction": False}
    pts = [(0.01, 0.01), (0.4338571428571429, 0.4338571428571429), (0.2925714285714286, 0.7164285714285714)]
    cols = np.array([[1e-2, b1, b2, 0.0, 0.0, 6.0] for b1, b2 in pts])
    red = run_points(rule, flags, cols, steps=3000, mode="raw")
    for k, (b1, b2) in enumerate(pts):
        tr = simulate("adam", n=6.0, beta1=b1, beta2=b2, steps=3000, mode="raw")
        assert tr.underflow_step > 0 and not tr.diverged, tr.stop_reason
        assert red["divergence_step"][k] == -1
        assert red["underflow_step"][k] == tr.underflow_step
        assert red["steps_run"][k] == tr.steps_run
        np.testing.assert_allclose(red["min_log10_loss"][k], tr.min_log10_loss, rtol=1e-12)


# (rule, params): stable points of every rule. Not Regime III / SignGD-like points: there the
# minimum loss is the closest approach of an oscillation to 0, set by the last bits of rounding.
FAST_CASES = [
    ("adam", {"beta1": 0.5, "beta2": 0.9}), ("adam", {"beta1": 0.3, "beta2": 0.99}),
    ("adam", {"beta1": 0.8, "beta2": 0.95, "eps": 1e-8, "bias_correction": True}),
    ("adam", {"beta1": 0.8, "beta2": 0.95, "eps": 1e-8, "eps_inside": True, "v0": 1e-6}),
    ("rmsprop", {"beta2": 0.9}), ("adabelief", {"beta1": 0.5, "beta2": 0.9}),
    ("adamomentum", {"beta1": 0.5, "beta2": 0.9, "bias_correction": True}),
    ("gd", {"lr": 0.1}), ("momentum", {"beta": 0.5, "lr": 0.05}), ("momentum", {"beta": 0.5, "ema": True}),
    ("signgd", {"lr": 0.03}), ("s3", {"beta": 0.9, "p": 2.0}),
    ("s3", {"beta": 0.5, "p": 1.5, "nesterov": False}, (6.0,)),  # non-integer powers (spiky at n = 4)
]


@pytest.mark.parametrize("case", FAST_CASES, ids=lambda c: c[0])
def test_fast_normalized_step_equals_sign_log_step(case):
    """The fast scaled-float scheme (TAIL empty) and the sign/log scheme (TAIL requested) agree."""
    name, params, ns = (*case, (4.0, 6.0))[:3]
    rule = get_rule(name)
    p = rule.make_params(**params)
    flags = {q.name: getattr(p, q.name) for q in rule.params if q.kind == "bool"}
    cols = np.array([[getattr(p, q.name) for q in rule.params if q.kind == "float"] + [n] for n in ns])
    fast = run_points(rule, flags, cols, steps=3000, mode="normalized")
    slow = run_points(rule, flags, cols, steps=3000, mode="normalized", tail=1)
    for key in ("min_log10_loss", "final_log10_loss", "max_log10_coupling", "late_slope"):
        np.testing.assert_allclose(fast[key], slow[key], rtol=1e-9, atol=1e-12, err_msg=key)
    for key in ("steps_run", "divergence_step", "underflow_step"):
        np.testing.assert_array_equal(fast[key], slow[key], err_msg=key)


def test_user_registered_rule_gets_generated_kernels(tmp_path, monkeypatch):
    """A rule registered at run time is swept by kernels generated for it (here: a copy of Adam)."""
    from adamdyn.rules import RULES, Rule, register
    from adamdyn.rules.adam import BETA1
    from adamdyn.rules.gd import LR
    from adamdyn.rules.rmsprop import BETA2

    def init(g, p, B):
        return (0.0 * g, 0.0 * g)

    def update(state, g, t, p, B):
        m, v = state
        m = p.beta1 * m + (1 - p.beta1) * g
        v = p.beta2 * v + (1 - p.beta2) * (g * g)
        return (m, v), m / B.sqrt(v)

    monkeypatch.setenv("ADAMDYN_CACHE_DIR", str(tmp_path))
    rule = Rule(name="adamcopy", summary="Adam, re-typed", equations="", params=(LR, BETA1, BETA2),
                state=("m", "v"), init=init, update=update, degrees=lambda p: (1, 2), direction_degree=0,
                scale=lambda s, g, p, B: B.sqrt(s[1]), reference="test")
    register(rule)
    try:
        g = np.linspace(0.1, 0.95, 4)
        for mode in ("raw", "normalized"):
            a = phase_diagram("adamcopy", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=300, mode=mode)
            b = phase_diagram("adam", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=300, mode=mode)
            np.testing.assert_array_equal(a.min_log10_loss, b.min_log10_loss)
        assert list((tmp_path / "kernels").glob("adamdyn_cpu_kernels_adamcopy_*.py"))
    finally:
        RULES.pop("adamcopy", None)


def test_normalized_point_does_not_depend_on_its_lane_neighbours():
    """The normalized kernels step blocks of NLANE points together, and a block skips its frame pass
    when no point needs it: every point must still get exactly the numbers it gets alone (mixed n,
    eps = 0 and eps > 0, all three regimes, more points than one block)."""
    from adamdyn.kernels._slog import NLANE
    from adamdyn.sweeps.bench import bench_columns

    rule = get_rule("adam")
    flags = {"eps_inside": False, "bias_correction": False}
    rows = []
    for k, (b1, b2) in enumerate([(0.5, 0.9), (0.9, 0.999), (0.2, 0.3), (0.95, 0.5), (0.7, 0.99), (0.1, 0.9)]):
        for eps, n in ((0.0, 4.0), (1e-8 if k % 2 else 0.0, (3.0, 4.5, 6.0)[k % 3])):
            rows.append([1e-2, b1, b2, eps, 0.0, n])
    # first, rows 40-55 of the 48 x 48 benchmark grid: row 49 (beta1 = beta2 = 0.031) falls back from the fast
    # step to sign/log form; with lanes of 8 it shares a block with rows 48-55, where a fallback that read log
    # Lambda left over from another point (fixed in 6c34534) got 858 deep steps instead of 1155
    cols = np.concatenate([bench_columns(48)[40:56], np.array(rows)])
    assert len(cols) > NLANE
    together = run_points(rule, flags, cols, steps=2000, mode="normalized")
    for i in range(len(cols)):
        alone = run_points(rule, flags, cols[i:i + 1], steps=2000, mode="normalized")
        for key, v in alone.items():
            if key != "tail":
                np.testing.assert_array_equal(together[key][i], v[0], err_msg=f"{key} of point {i} ({cols[i]})")
