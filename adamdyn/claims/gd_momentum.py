"""Bai et al. (2026), Sec. 5: GD and heavy-ball power laws (Thm 5.1, 5.3), exponential learning rate (Lemma 5.5).

Predictions come from :mod:`adamdyn.claims.flows` (sympy ``dsolve`` and dominant
balance); measurements from :func:`adamdyn.simulate` by a least-squares fit of the
late log-loss (or log-iterate) against log-time (or time).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize

from ..dynamics.simulation import simulate
from ..references import cite
from . import flows
from .core import LN10, claim, fit_slope, rel_err

# (n, lr, x0): lr * (n-1) * x0^(n-2) < 2 keeps the discrete run in the flow's regime
POWER_CASES = ((3.0, 0.5, 1.0), (4.0, 0.5, 1.0), (6.0, 0.2, 1.0))


def _shifted_power_fit(t, y):
    """Fit ``y = a log10(t + t0) + b`` (the flow solution's form) with ``t0 >= 0``; return ``a``."""

    def resid(t0):
        X = np.vstack([np.log10(t + t0), np.ones_like(t)]).T
        coef, res, *_ = np.linalg.lstsq(X, y, rcond=None)
        return float(np.sum((X @ coef - y) ** 2)), coef[0]

    grid = np.concatenate([[0.0], np.geomspace(1e-2, t.min(), 60)])
    best = min(grid, key=lambda t0: resid(t0)[0])
    lo, hi = max(best / 1.2, 0.0), min(best * 1.2 + 1e-2, t.min())
    t0 = optimize.minimize_scalar(lambda v: resid(v)[0], bounds=(lo, hi), method="bounded").x
    return resid(t0)[1], float(t0)


def _power_law_fit(optimizer, n, lr, x0, steps, **params):
    r = simulate(optimizer, n=n, lr=lr, x0=x0, steps=steps, every=max(1, steps // 2000), **params)
    s = r.step.astype(float)
    w = (s >= steps / 10) & (s > 0)
    slope, t0 = _shifted_power_fit(s[w], r.log10_loss[w])
    return slope, t0, r


def _power_law_claim(optimizer, predict, quick, lr_scale=1.0, **params):
    steps = 20_000 if quick else 200_000
    rows, worst = [], 0.0
    for n, lr, x0 in POWER_CASES:
        lr = lr * lr_scale
        pred = float(predict(n))
        obs, t0, r = _power_law_fit(optimizer, n, lr, x0, steps, **params)
        err = rel_err(obs, pred)
        worst = max(worst, err)
        rows.append({"n": n, "lr": lr, "x0": x0, "predicted": pred, "observed": obs, "rel_err": err,
                     "fitted_t0": t0, "stop": r.stop_reason})
    tol = 0.01
    return {
        "predicted": ", ".join(f"n={c['n']:g}: {c['predicted']:.4g}" for c in rows),
        "observed": ", ".join(f"{c['observed']:.4g}" for c in rows) + f" (max rel err {worst:.2%})",
        "tolerance": f"rel {tol:.0%}",
        "passed": worst <= tol,
        "settings": {"optimizer": optimizer, "steps": steps, "fit": "log10 loss = a log10(t + t0) + b, t in [T/10, T], t0 >= 0 free",
                     "cases": [(n, lr * lr_scale, x0) for n, lr, x0 in POWER_CASES], **params},
        "details": {"cases": rows},
    }


@claim(6, "gd_power_law", f"{cite('adam-degenerate', title=False)}, Thm 5.1 / eq. [11]",
       "GD on |x|^n/n: loss ~ t^(-n/(n-2)) (exponent from the gradient-flow solution)")
def gd_power_law(quick=True):
    return _power_law_claim("gd", flows.power_law_exponent, quick)


@claim(7, "momentum_power_law", f"{cite('adam-degenerate', title=False)}, Thm 5.3 / eq. [12]",
       "heavy-ball momentum on |x|^n/n: same power law t^(-n/(n-2))")
def momentum_power_law(quick=True):
    out = _power_law_claim("momentum", flows.heavy_ball_exponent, quick, lr_scale=0.02, beta=0.9)
    out["note"] = ("prediction by dominant balance of the heavy-ball flow (inertia is lower order); "
                   "plain form m = beta m + g, effective step lr/(1-beta), so lr is GD's times (1-beta)")
    return out


EXP_CASES = ((3.0, 0.05), (4.0, 0.05), (4.0, 0.2), (6.0, 0.1))


@claim(8, "exp_lr_rate", f"{cite('adam-degenerate', title=False)}, Lemma 5.5 / eq. [16]",
       "GD with lr eta0 e^(kappa t) on |x|^n/n: |x| ~ e^(-kappa t/(n-2))")
def exp_lr_rate(quick=True):
    steps = 1500 if quick else 6000
    rows, worst = [], 0.0
    for n, kappa in EXP_CASES:
        pred = float(flows.exp_lr_log_rate(n, kappa))
        r = simulate("gd", n=n, lr=1e-3, x0=1.0, steps=steps, mode="normalized", lr_growth=math.exp(kappa))
        w = r.step >= steps // 2
        obs = fit_slope(r.step[w], r.log10_abs_x[w] * LN10)
        err = rel_err(obs, pred)
        worst = max(worst, err)
        rows.append({"n": n, "kappa": kappa, "predicted": pred, "observed": obs, "rel_err": err})
    tol = 0.001
    return {
        "predicted": ", ".join(f"n={c['n']:g},k={c['kappa']:g}: {c['predicted']:.4g}" for c in rows),
        "observed": ", ".join(f"{c['observed']:.4g}" for c in rows) + f" (max rel err {worst:.1e})",
        "tolerance": f"rel {tol:g}",
        "passed": worst <= tol,
        "settings": {"optimizer": "gd", "lr": 1e-3, "x0": 1.0, "steps": steps, "mode": "normalized",
                     "fit": "ln|x| vs t, second half", "cases": EXP_CASES},
        "details": {"cases": rows},
    }
