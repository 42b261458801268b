"""Generated kernels: up to date with the rules, and equal to simulate() reductions."""

from __future__ import annotations

import numpy as np
import pytest

from adamdyn import simulate
from adamdyn.kernels import codegen, get_kernels
from adamdyn.rules import get_rule
from adamdyn.sweeps.phase import run_points


def test_generated_source_is_up_to_date():
    with open(codegen.GENERATED_PATH, encoding="utf-8") as fh:
        committed = fh.read()
    assert committed == codegen.generate(), "run `python -m adamdyn.kernels.codegen` and commit the result"


def test_generated_header_names_the_command():
    with open(codegen.GENERATED_PATH, encoding="utf-8") as fh:
        head = fh.read(400)
    assert "GENERATED FILE" in head and codegen.COMMAND in head


def test_every_rule_variant_has_kernels():
    from adamdyn.rules import RULES

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
