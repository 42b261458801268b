r"""Bai et al. (2026), App. F: the quadratic case :math:`n = 2` (no Regime I; linear convergence, then spikes).

* no non-trivial fixed point: :func:`adamdyn.theory.derive` at ``n = 2``;
* Adam's pre-spike rate (Lemma F.2): the envelope of the damped oscillation, by WKB, derived here
  with sympy from two continuum models. The paper's model :math:`\ddot x + \gamma\dot x +
  \omega(t)^2 x = 0` (friction fixed) gives the loss factor :math:`\beta_1\beta_2^{1/4}` per step.
  Adam's update :math:`\dot x = -h(t) m`, :math:`\dot m = \gamma(x - m)` with the step
  :math:`h \propto e^{\kappa t}` *outside* the momentum gives
  :math:`\ddot x + (\gamma - \kappa)\dot x + \gamma h x = 0`: the growing step anti-damps, and the
  factor is :math:`\beta_1\beta_2^{-1/4}` (:math:`\gamma = -\ln\beta_1`, :math:`\kappa = -\tfrac12\ln\beta_2`);
* RMSProp (:math:`\beta_1 = 0`) before its spike: :math:`x_{t+1} = (1 - h_t)x_t` with :math:`h_t`
  growing, so the log-loss slope steepens;
* Lemma F.1: GD with :math:`\eta_t = \eta_0 e^{\kappa t}` on :math:`x^2/2` against the flow solution of
  :func:`adamdyn.claims.flows.flow_solution`.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import sympy as sp

from .. import theory as th
from ..dynamics.simulation import simulate
from ..references import cite
from . import flows
from .core import LN10, claim, fit_slope, fit_slope_se, rel_err

__all__ = ["wkb_loss_factor"]

_t = sp.Symbol("t", real=True)
_G, _K, _H0 = sp.symbols("gamma kappa h0", positive=True)
_B1, _B2 = sp.symbols("beta1 beta2", positive=True)


def _envelope_rate(damping, omega2) -> sp.Expr:
    """WKB: d/dt ln(amplitude) of x'' + damping x' + omega2(t) x = 0 is -damping/2 - (d/dt ln omega2)/4."""
    return sp.simplify(-damping / 2 - sp.diff(sp.log(omega2), _t) / 4)


@functools.cache
def wkb_loss_factor(model: str) -> sp.Expr:
    """Per-step loss factor in (beta1, beta2): ``"paper"`` (friction gamma) or ``"adam"`` (derived from the update)."""
    h = _H0 * sp.exp(_K * _t)
    if model == "paper":
        damping, omega2 = _G, _G * h
    elif model == "adam":
        x, m = sp.Function("x")(_t), sp.Function("m")(_t)
        mdot = _G * (x - m)
        # x' = -h m  =>  x'' = -h' m - h m', then m = -x'/h
        xdd = sp.expand((-sp.diff(h, _t) * m - h * mdot).subs(m, -sp.Derivative(x, _t) / h))
        xd = sp.Derivative(x, _t)
        damping = sp.simplify(-xdd.coeff(xd))
        omega2 = sp.simplify(-(xdd - xdd.coeff(xd) * xd).coeff(x))
    else:  # pragma: no cover
        raise ValueError(f"model={model!r}; valid models are 'paper', 'adam'")
    rate = _envelope_rate(damping, omega2)  # d/dt ln|x|
    return sp.simplify(sp.exp(2 * rate).subs({_G: -sp.log(_B1), _K: -sp.log(_B2) / 2}))


def _peaks(log10_abs_x):
    y = log10_abs_x
    return np.flatnonzero((y[1:-1] >= y[:-2]) & (y[1:-1] >= y[2:])) + 1


ADAM_CASES = ((0.9, 0.999), (0.8, 0.99), (0.9, 0.99), (0.95, 0.999))


WINDOW_LO = (5, 10, 20)  # the window starts at h_t = lo * h_crit (well past critical damping) ...
WINDOW_THETA = (0.4, 0.5, 0.6)  # ... and ends where the oscillation phase per step reaches theta (rad)
MAIN_WINDOW = (10, 0.5)


def _adam_prespike(b1, b2, lr=1e-3):
    """Fit log10 loss at the peaks of |x| where the continuum (WKB) picture holds, before the spike.

    The slope's uncertainty ``sigma`` is the largest of three estimates from the fit itself: the standard
    error from the residuals, the spread of slopes over the admissible windows (``WINDOW_LO`` x
    ``WINDOW_THETA``, those with >= 8 peaks: the largest deviation from the main window's slope, in
    quadrature with its standard error) and the standard error of the mean of four consecutive sub-window
    slopes. The residuals of a deterministic trajectory are not noise, so the first alone misses the
    systematic dependence on the window that the other two see.
    """
    b = b1 / math.sqrt(b2)  # the discrete recurrence x_{t+1} = (1 + b - h(1-b1)) x_t - b x_{t-1} (decoupled v)
    h_crit = (1 + b - 2 * math.sqrt(b)) / (1 - b1)  # critical damping
    h_spike = (1 + b + 2 * math.sqrt(b)) / (1 - b1)  # a root crosses -1: the spike
    steps = int(2.5 * math.log(h_spike / (lr / math.sqrt(1 - b2))) / (-0.5 * math.log(b2))) + 500
    r = simulate("adam", n=2, beta1=b1, beta2=b2, lr=lr, x0=1.0, steps=steps, mode="normalized")
    h = 10.0 ** r.log10_lambda  # lr / sqrt(v_t) at n = 2
    pk = _peaks(r.log10_abs_x)
    rise = np.flatnonzero(r.log10_loss[pk] > np.minimum.accumulate(r.log10_loss[pk]) + 2)
    spike = int(r.step[pk[rise[0]]]) if rise.size else -1
    pre = pk[r.step[pk] < spike] if spike >= 0 else pk

    def window(lo, theta):
        h_theta = (1 + b - 2 * math.sqrt(b) * math.cos(theta)) / (1 - b1)  # oscillation phase theta per step
        return pre[(h[pre] >= lo * h_crit) & (h[pre] <= h_theta)]

    win = window(*MAIN_WINDOW)
    slope, se = fit_slope_se(r.step[win], r.log10_loss[win]) if win.size >= 8 else (math.nan, math.nan)
    variants = {f"{lo}h_crit..{th}rad": fit_slope(r.step[w], r.log10_loss[w])
                for lo in WINDOW_LO for th in WINDOW_THETA if (w := window(lo, th)).size >= 8}
    subs = [fit_slope(r.step[w], r.log10_loss[w]) for w in np.array_split(win, 4)] if win.size >= 12 else []
    sigma_window = math.hypot(max(abs(v - slope) for v in variants.values()), se) if variants else math.nan
    sigma_sub = float(np.std(subs, ddof=1) / 2) if subs else math.nan
    sigma = max(se, sigma_window, sigma_sub)  # nan if any is nan
    return {"slope": slope, "sigma": sigma, "se_residuals": se, "sigma_window_choice": sigma_window,
            "sigma_sub_windows": sigma_sub, "window_slopes": variants, "sub_window_slopes": subs,
            "spike_step": spike, "window": [int(r.step[win[0]]), int(r.step[win[-1]])] if win.size else [],
            "peaks_in_window": int(win.size),
            "min_log10_c_in_window": float(r.log10_coupling[win].min()) if win.size else math.nan,
            "h_window": [MAIN_WINDOW[0] * h_crit, float(h[win[-1]]) if win.size else math.nan],
            "h_spike": h_spike, "steps": steps}


def _rmsprop_prespike(b2, lr=1e-3):
    # a coupled (SignGD-like) phase of ~x0/lr steps comes first when beta2 is small
    r = simulate("rmsprop", n=2, beta2=b2, lr=lr, x0=1.0, steps=int(1 / lr + 3 * math.log(1e3) / -math.log(b2)) + 500,
                 mode="normalized")
    h = 10.0 ** r.log10_lambda
    L = r.log10_loss
    e = int(np.argmax(h > 0.5))  # before |1 - h| stops shrinking (h -> 1) and the spike (h > 2)
    a = int(np.argmin(h[:e]))  # h_t = lr/sqrt(v_t) grows from here on (v no longer accumulating)
    seg = np.array_split(np.arange(a, e), 8)
    slopes = [fit_slope(r.step[s], L[s]) for s in seg]
    spike = np.flatnonzero(L > np.minimum.accumulate(L) + 2)
    return {"segment_slopes": slopes, "window": [a, e], "log10_c_at_window": [float(r.log10_coupling[a]),
                                                                                float(r.log10_coupling[e])],
            "steepening": bool(e - a >= 16 and np.all(np.diff(slopes) < 0)),
            "steepening_factor": slopes[-1] / slopes[0], "spike_step": int(spike[0]) if spike.size else -1}


K_SIGMA = 3.0  # a factor is consistent with a fitted slope within K_SIGMA fit uncertainties


def adam_prespike_record(cases) -> dict:
    """Claim 13b: the fitted pre-spike slopes against the paper's and the derived loss factor, in fit sigmas."""
    paper = sp.lambdify((_B1, _B2), wkb_loss_factor("paper"))
    adam = sp.lambdify((_B1, _B2), wkb_loss_factor("adam"))
    rows = []
    for b1, b2 in cases:
        m = _adam_prespike(b1, b2)
        p_paper, p_adam = math.log10(paper(b1, b2)), math.log10(adam(b1, b2))
        m.update(beta1=b1, beta2=b2, paper=p_paper, derived=p_adam, rel_err_paper=rel_err(m["slope"], p_paper),
                 rel_err_derived=rel_err(m["slope"], p_adam), sigmas_paper=abs(m["slope"] - p_paper) / m["sigma"],
                 sigmas_derived=abs(m["slope"] - p_adam) / m["sigma"])
        rows.append(m)
    z_d, z_p = [r["sigmas_derived"] for r in rows], [r["sigmas_paper"] for r in rows]
    holds = all(zd <= K_SIGMA for zd in z_d) and all(zp > K_SIGMA for zp in z_p)  # nan compares False: fails
    f_paper, f_adam = wkb_loss_factor("paper"), wkb_loss_factor("adam")
    return {
        "predicted": f"derived loss factor {f_adam}: slopes " + ", ".join(f"{r['derived']:.5f}" for r in rows)
                     + f"; paper's {f_paper}: " + ", ".join(f"{r['paper']:.5f}" for r in rows),
        "observed": "fitted " + ", ".join(f"{r['slope']:.5f} +- {r['sigma']:.1e}" for r in rows)
                    + "; off the derived by " + ", ".join(f"{z:.2f}" for z in z_d) + " sigma ("
                    + ", ".join(f"{r['rel_err_derived']:.3%}" for r in rows) + "), off the paper's by "
                    + ", ".join(f"{z:.1f}" for z in z_p) + " sigma ("
                    + ", ".join(f"{r['rel_err_paper']:.2%}" for r in rows) + ")",
        "tolerance": (f"{K_SIGMA:g} sigma, sigma = the fit's own uncertainty (largest of: residual standard error; "
                      "spread over the admissible windows; scatter of four sub-window slopes)"),
        "passed": holds,
        "corrects_paper": True,
        "paper_says": ("Lemma F.2: before its spike Adam's loss on x^2/2 falls by beta1 beta2^(1/4) per step (|x| by "
                       "sqrt(beta1) beta2^(1/8); WKB envelope e^(-(gamma/2 + kappa/4) t))"),
        "adamdyn_finds": (f"the loss falls by {f_adam} per step (|x| by sqrt(beta1) beta2^(-1/8)): every fitted slope "
                          f"is within {max(z_d):.2f} sigma of it and at least {min(z_p):.1f} sigma from the paper's "
                          f"{f_paper} (rel gaps {max(r['rel_err_derived'] for r in rows):.3%} vs "
                          f"{min(r['rel_err_paper'] for r in rows):.2%}..{max(r['rel_err_paper'] for r in rows):.2%})."
                          if holds else
                          f"not confirmed: fitted slopes are {', '.join(f'{z:.2f}' for z in z_d)} sigma from {f_adam} "
                          f"and {', '.join(f'{z:.1f}' for z in z_p)} sigma from the paper's {f_paper}"),
        "settings": {"optimizer": "adam", "lr": 1e-3, "x0": 1.0, "mode": "normalized", "cases": tuple(cases),
                     "fit": (f"log10 loss at the peaks of |x| where {MAIN_WINDOW[0]} h_crit <= h_t = lr/sqrt(v_t) <= "
                             f"h(phase {MAIN_WINDOW[1]} rad per step), before the first 2-decade rise of the peaks"),
                     "windows for sigma": f"lo in {WINDOW_LO} x phase in {WINDOW_THETA} rad (>= 8 peaks); 4 sub-windows",
                     "theory": "WKB of x'' + c1 x' + c0(t) x = 0, sympy (paper: c1 = gamma; Adam: derived from "
                               "x' = -h m, m' = gamma (x - m))"},
        "note": ("Lemma F.2's model keeps the friction gamma fixed while the step grows, but Adam's growing step "
                 "1/sqrt(v) multiplies the momentum, so x'' + (gamma - kappa) x' + gamma h x = 0: the growth anti-damps "
                 "by kappa, which flips the sign of the kappa/4 term (envelope e^(-(gamma/2 - kappa/4) t)). The window "
                 "is the continuum one: v decoupled (c >> 1), the oscillation slow and well past critical damping; "
                 "near critical damping or near the spike the discrete WKB factor 1/sqrt(sin theta_t) bends the slope. "
                 "The residual standard error alone is 10-100x smaller than the window dependence (a deterministic "
                 "trajectory's residuals are not noise), so sigma takes the largest of the three estimates: the most "
                 "cautious choice for rejecting the paper. At (0.8, 0.99) the window holds about 20 peaks, sigma is "
                 "largest there and the paper's factor is closest to the tolerance."),
        "details": {"cases": rows},
    }


@claim(13, "quadratic_case", f"{cite('adam-degenerate', title=False)}, App. F (Lemmas F.1, F.2; [80])",
       "n = 2: no non-trivial fixed point; Adam's loss falls by beta1 beta2^(1/4) per step before its spike; "
       "RMSProp is superlinear before its spike; GD with an exponential lr is double exponential",
       parts={"a": ("quadratic_no_fixed_point", "n = 2: Adam's normalized map has no non-trivial fixed point (derive)"),
              "b": ("quadratic_adam_prespike_rate", "Adam on x^2/2: before its spike the loss falls by beta1 beta2^(1/4) "
                    "per step (Lemma F.2 envelope e^(-(gamma/2 + kappa/4) t))"),
              "c": ("quadratic_rmsprop_superlinear", "RMSProp on x^2/2: superlinear before its spike (the slope of log10 "
                    "loss steepens)"),
              "d": ("quadratic_exp_lr_double_exponential", "Lemma F.1: GD with lr eta0 e^(kappa t) on x^2/2 follows "
                    "x(t) = x0 exp(-(eta0/kappa)(e^(kappa t) - 1)) where the step is small")})
def quadratic_case(quick=True):
    # (a) the engine's derivation at n = 2
    d = th.derive("adam", n=2)
    names = [fp.name for fp, _ in d.fixed_points]
    nontrivial = [nm for nm in names if nm != "trivial"]
    part_a = {
        "predicted": "only the trivial fixed point; lambda grows without bound",
        "observed": f"fixed points {names}; linear point {d.linear}; engine notes: {'; '.join(d.notes)}",
        "tolerance": "exact",
        "passed": not nontrivial and d.linear is None,
        "settings": {"theory": "adamdyn.theory.derive('adam', n=2)"},
        "note": "at z = 0 the lambda equation is lambda' = lambda/sqrt(beta2): no solution with rho* < 1",
    }
    # (b) Adam's pre-spike rate
    part_b = adam_prespike_record(ADAM_CASES[:2] if quick else ADAM_CASES)
    # (c) RMSProp
    rr = [dict(_rmsprop_prespike(b2), beta2=b2) for b2 in ((0.99, 0.999) if quick else (0.9, 0.99, 0.999))]
    part_c = {
        "predicted": "segment slopes of log10 loss strictly decreasing before the spike",
        "observed": "; ".join(f"beta2={r['beta2']}: slopes {r['segment_slopes'][0]:.3g} -> {r['segment_slopes'][-1]:.3g} "
                              f"(x{r['steepening_factor']:.1f}), monotone {r['steepening']}" for r in rr),
        "tolerance": "strictly monotone over 8 segments",
        "passed": all(r["steepening"] and r["steepening_factor"] > 2 for r in rr),
        "settings": {"optimizer": "rmsprop", "lr": 1e-3, "x0": 1.0, "mode": "normalized",
                     "window": "from the minimum of h_t = lr/sqrt(v_t) to the first step with h_t > 0.5 (>= 16 steps)"},
        "note": ("x_{t+1} = (1 - h_t) x_t with h_t = lr/sqrt(v_t): in the coupled phase (c ~ 1) h_t ~ lr/|x_t| grows as "
                 "|x| shrinks, and once v decouples it grows as beta2^(-t/2) (GD with an exponential lr, part d), so "
                 "log10 loss falls ever faster until h_t nears 1; the window runs from the minimum of h_t to h_t = 0.5 "
                 "(c at both ends in details). A first version started the window at c > 10 and found an empty "
                 "window at beta2 = 0.9 (no decoupling before h_t = 0.5 within its step budget): a measurement bug, "
                 "fixed, not a failure of the claim."),
        "details": {"cases": rr},
    }
    # (d) Lemma F.1
    x_flow = flows.flow_solution(2, exponential=True)
    frows, worst, rate_err = [], 0.0, 0.0
    for eta0, kappa in ((1e-4, 1e-3), (1e-3, 1e-2)) + (() if quick else ((1e-5, 1e-3),)):
        T = int(math.log(0.01 / eta0) / kappa)  # until the step eta_t reaches 0.01
        r = simulate("gd", n=2, lr=eta0, x0=1.0, lr_growth=math.exp(kappa), steps=T, mode="normalized")
        f = sp.lambdify(flows.t, sp.log(x_flow).subs({flows.ETA: eta0, flows.KAPPA: kappa, flows.X0: 1}), "numpy")
        pred = -f(r.step.astype(float))
        obs = -r.log10_abs_x * LN10
        ok = pred > 1e-3
        err = float(np.max(np.abs(obs[ok] / pred[ok] - 1)))
        w = r.step >= T // 2
        rate, flow_rate = fit_slope(r.step[w], np.log(obs[w])), fit_slope(r.step[w], np.log(pred[w]))
        worst, rate_err = max(worst, err), max(rate_err, rel_err(rate, flow_rate))
        frows.append({"eta0": eta0, "kappa": kappa, "steps": T, "max_rel_err_ln_x": err, "final_-ln_x": float(obs[-1]),
                      "loglog_slope_second_half": rate, "flow_loglog_slope": flow_rate,
                      "asymptotic_rate": float(flows.double_exponential_rate(kappa))})
    part_d = {
        "predicted": "-ln(x/x0) = (eta0/kappa)(e^(kappa t) - 1) (sympy dsolve), whose ln grows at rate -> kappa",
        "observed": f"max rel err of -ln x {worst:.2e}; slope of ln(-ln x) (second half) vs the flow's: rel err "
                    f"{rate_err:.1e}; -ln x reaches "
                    + ", ".join(f"{r['final_-ln_x']:.3g}" for r in frows),
        "tolerance": "rel 1% while eta_t <= 0.01 (-ln x > 1e-3)",
        "passed": worst <= 0.01 and rate_err <= 0.01,
        "settings": {"optimizer": "gd", "x0": 1.0, "mode": "normalized", "cases (eta0, kappa)": [(r["eta0"], r["kappa"]) for r in frows],
                     "steps": "until eta_t = 0.01", "theory": "adamdyn.claims.flows.flow_solution(2, exponential=True)"},
        "note": ("the discrete sum differs from the flow by O(kappa/2 + eta_t/2) relatively; the asymptotic rate kappa "
                 "of ln(-ln x) (flows.double_exponential_rate) needs kappa t >> 1, beyond the small-step window, so "
                 "the slope is compared with the flow's over the same steps (asymptotic value in details)"),
        "details": {"cases": frows},
    }
    return {"a": part_a, "b": part_b, "c": part_c, "d": part_d}
