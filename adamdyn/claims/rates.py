r"""Linear-convergence rates on :math:`|x|^n`: Adam's rate [10] and the v0 invariance (Abuduweili & Liu, 2025).

Prediction: the step factor :math:`\rho^*` of :math:`|x|` at the non-trivial fixed
point, from the symbolic engine; the loss then falls by :math:`\rho^{*n}` per step.
Measurement: the least-squares slope of the late :math:`\log_{10}` loss of a
normalized-mode run (log space, so the loss can go far below 1e-308).
"""

from __future__ import annotations

import numpy as np

from .. import theory as th
from ..dynamics.reductions import RATE_LATE_FRACTION, late_slope
from ..dynamics.simulation import simulate
from ..references import cite
from .core import claim, rel_err


def _steps_for(beta2, quick):
    base = 40.0 / (1.0 - beta2)
    return int(min(max(base, 2000), 20_000 if quick else 60_000))


ADAM_RATE_CASES_QUICK = tuple((0.5, b2, n) for b2 in (0.9, 0.99, 0.999) for n in (3.0, 4.0, 8.0))
ADAM_RATE_CASES_FULL = tuple((b1, b2, n) for b2 in (0.8, 0.9, 0.99, 0.999) for n in (2.5, 3.0, 4.0, 6.0, 8.0, 10.0)
                             for b1 in (0.0, 0.5))


@claim(4, "adam_rate", f"{cite('adam-degenerate', title=False)}, Thm 4.1 rate [10]",
       "Adam inside the stable region: late log10-loss slope = n log10(rho*) = (n/(2n-4)) log10 beta2")
def adam_rate(quick=True):
    cases = ADAM_RATE_CASES_QUICK if quick else ADAM_RATE_CASES_FULL
    rows, worst = [], 0.0
    for b1, b2, n in cases:
        rho = float(th.rate("adam", n=n, beta1=b1, beta2=b2))
        radius = float(th.spectral_radius("adam", n=n, beta1=b1, beta2=b2))
        pred = n * np.log10(rho)
        steps = _steps_for(b2, quick)
        r = simulate("adam", n=n, beta1=b1, beta2=b2, lr=1e-2, x0=1.0, steps=steps, mode="normalized",
                     every=max(1, steps // 4000))
        obs = late_slope(r, RATE_LATE_FRACTION)
        err = rel_err(obs, pred)
        rows.append({"beta1": b1, "beta2": b2, "n": n, "spectral_radius": radius, "predicted": pred,
                     "observed": obs, "rel_err": err, "steps": steps})
        if radius < 1:
            worst = max(worst, err)
    tol = 0.005
    stable = [c for c in rows if c["spectral_radius"] < 1]
    return {
        "predicted": f"{len(stable)} stable cases, slopes {min(c['predicted'] for c in stable):.4g} .. "
                     f"{max(c['predicted'] for c in stable):.4g}",
        "observed": f"max rel err {worst:.2e}",
        "tolerance": f"rel {tol:.1%}",
        "passed": bool(stable) and worst <= tol,
        "settings": {"optimizer": "adam", "lr": 1e-2, "x0": 1.0, "mode": "normalized",
                     "steps": f"40/(1-beta2) clipped to [2000, {20_000 if quick else 60_000}]",
                     "fit": "second half", "cases (beta1, beta2, n)": cases, "theory": th.__name__},
        "note": "cases with spectral radius >= 1 are listed in details but not scored",
        "details": {"cases": rows},
    }


V0_VALUES = (0.0, 1e-8, 1e-3, 1.0, 100.0)


@claim(16, "v0_rate",
       f"{cite('initial-steps', title=False)} (v0 initialisation) on the |x|^n of {cite('adam-degenerate', title=False)}",
       "a non-zero v0 leaves Adam's asymptotic rate on |x|^n unchanged (it changes the transient only)")
def v0_rate(quick=True):
    cases = ((0.9, 0.99, 4.0), (0.5, 0.9, 6.0)) if quick else ((0.9, 0.99, 4.0), (0.5, 0.9, 6.0), (0.8, 0.999, 3.0))
    rows, worst, transient = [], 0.0, 0.0
    for b1, b2, n in cases:
        pred = n * np.log10(float(th.rate("adam", n=n, beta1=b1, beta2=b2)))
        steps = _steps_for(b2, quick)
        early = []
        for v0 in V0_VALUES:
            r = simulate("adam", n=n, beta1=b1, beta2=b2, lr=1e-2, v0=v0, x0=1.0, steps=steps, mode="normalized",
                         every=max(1, steps // 4000))
            obs = late_slope(r, RATE_LATE_FRACTION)
            err = rel_err(obs, pred)
            worst = max(worst, err)
            k = np.searchsorted(r.step, steps // 10)
            early.append(float(r.log10_loss[min(k, len(r.step) - 1)]))
            rows.append({"beta1": b1, "beta2": b2, "n": n, "v0": v0, "predicted": pred, "observed": obs,
                         "rel_err": err, "log10_loss_at_T/10": early[-1]})
        transient = max(transient, max(early) - min(early))
    tol = 0.005
    return {
        "predicted": "slope n log10(rho*) for every v0 (" + ", ".join(
            f"{c[2]:g}/{c[0]}/{c[1]}: {n * np.log10(float(th.rate('adam', n=c[2], beta1=c[0], beta2=c[1]))):.4g}"
            for c, n in zip(cases, [c[2] for c in cases])) + ")",
        "observed": f"max rel err over v0 {worst:.2e}; transient spread at T/10: {transient:.1f} decades",
        "tolerance": f"rel {tol:.1%}",
        "passed": worst <= tol,
        "settings": {"optimizer": "adam", "lr": 1e-2, "x0": 1.0, "mode": "normalized", "v0": V0_VALUES,
                     "cases (beta1, beta2, n)": cases, "theory": th.__name__},
        "note": "the transient spread is reported, not scored (v0 is expected to change it)",
        "details": {"cases": rows},
    }
