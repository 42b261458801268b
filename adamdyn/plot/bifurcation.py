r"""Bifurcation figures (Figs. 4, 13) over :mod:`adamdyn.sweeps.bifurcation` and the sweep kernels.

Fig. 4: the acceleration map :math:`S_{t+1} = \alpha S_t|1-S_t|^{n-2}` for n = 4,
its limit set and Lyapunov exponent. Fig. 13: Adam in the lower-left corner,
three runs at fixed low :math:`\beta_1` and the limit set of the step
multiplier :math:`S_t = u_t\lambda_t = 1 - x_{t+1}/x_t` (contractive while
:math:`0 < S_t < 2`) against :math:`\beta_2` for low and high momentum.
"""

from __future__ import annotations

import numpy as np

from ..simulation import simulate
from .style import COLORS, label_panels, new_figure, styled

__all__ = ["compute_fig04", "plot_fig04", "first_period_doubling", "compute_fig13", "plot_fig13"]


def first_period_doubling(values, orbit, spread=1e-3, start=1.05) -> float:
    """First parameter value (> ``start``) whose kept orbit is not a single point (spread > ``spread``)."""
    v = np.asarray(values)
    with np.errstate(invalid="ignore"):
        wide = (np.ptp(orbit, axis=1) > spread) & (v > start)
    return float(v[np.argmax(wide)]) if wide.any() else float("nan")


def _escape(values, orbit, start=1.05):
    v = np.asarray(values)
    with np.errstate(invalid="ignore"):
        bad = ~np.all(np.isfinite(orbit) & (orbit > 0) & (orbit < 2), axis=1) & (v > start)
    return float(v[np.argmax(bad)]) if bad.any() else float("nan")


def compute_fig04(quick=False):
    from ..sweeps.bifurcation import bifurcation

    n = 4.0
    k, transient, keep = (400, 1500, 120) if quick else (1600, 4000, 300)
    alphas = np.linspace(1.0, 10.0, k)
    b = bifurcation("acceleration", values=alphas, n=n, transient=transient, keep=keep, s0=0.1)
    pd1 = first_period_doubling(alphas, b.orbit)
    esc = _escape(alphas, b.orbit)
    thr = (n / (n - 2)) ** (n - 2)
    with np.errstate(invalid="ignore"):
        se = float(np.nanmax(b.lyapunov_stderr[np.isfinite(b.lyapunov)]))
    return {"bif": b, "n": n, "threshold": thr, "first_doubling": pd1, "escape": esc, "caption_values": {
        "caption": (
            f"Acceleration map S_(t+1) = alpha S_t |1 - S_t|^(n-2) for n = 4 (GD with lr_(t+1) = alpha lr_t on "
            f"|x|^4/4, S = lr |x|^2). (a) Limit set: the last {keep} of {transient + keep} iterates from S_0 = 0.1 "
            f"for {k} values of alpha in [1, 10]. The fixed point S* = 1 - alpha^(-1/2) loses stability at the "
            f"threshold alpha = (n/(n-2))^(n-2) = {thr:g} (dashed; first period doubling observed at alpha = "
            f"{pd1:.3f}), then period doubling leads to chaos while S stays in (0, 2) so x still converges; from "
            f"alpha ~ {esc:.2f} the orbit leaves (0, 2) and x diverges. (b) Lyapunov exponent (average of "
            f"log|h'(S)| over its own window of {b.lyap_steps} steps after the transient, batch-means standard "
            f"error at most {se:.1g}): negative on periodic windows, positive in chaos; none once the orbit "
            "escapes.")}}


@styled
def plot_fig04(data):
    b = data["bif"]
    fig, axes = new_figure(2, 1, width=6.4, height=5.4, sharex=True, gridspec_kw={"height_ratios": [2, 1]})
    a, c = axes.ravel()
    A = np.repeat(b.values, b.orbit.shape[1])
    S = b.orbit.ravel()
    ok = np.isfinite(S) & (S > -0.5) & (S < 2.5)
    a.plot(A[ok], S[ok], ",", color="k", alpha=0.6, rasterized=True)
    for ax in (a, c):
        ax.axvline(data["threshold"], color=COLORS["red"], ls="--", lw=1.0,
                   label=r"$\alpha = (n/(n-2))^{{n-2}} = {:g}$".format(data["threshold"]))
    a.axhline(2.0, color="0.4", ls=":", lw=0.9, label=r"contractive limit $S = 2$")
    a.set_ylim(-0.05, 2.3)
    a.set_ylabel(r"limit set of $S_t = \eta_t |x_t|^{n-2}$")
    a.set_title(r"acceleration map, $n = 4$")
    a.legend(loc="upper left")
    ly = np.asarray(b.lyapunov)
    c.plot(b.values, np.where(np.isfinite(ly), ly, np.nan), color=COLORS["blue"], lw=0.8)
    c.axhline(0, color="k", lw=0.7)
    c.set_ylim(max(-3.0, np.nanmin(ly) - 0.1) if np.isfinite(ly).any() else -3, 1.5)
    c.set_xlabel(r"learning-rate growth factor $\alpha$")
    c.set_ylabel("Lyapunov exponent")
    label_panels([a, c])
    return fig


# ---------------------------------------------------------------- Fig. 13
FIG13 = {"lr": 1e-2, "low_beta1": 0.0, "high_beta1": 0.5, "runs_beta2": (0.2, 0.045, 0.005)}


def _sharpness_tail(beta1, beta2s, steps, keep):
    """Last ``keep`` values of S = 1 - rho for Adam at (beta1, beta2) over ``beta2s`` (sweep kernels)."""
    from ..rules import get_rule
    from ..sweeps.phase import run_points, split_params

    rule = get_rule("adam")
    vals = np.asarray(beta2s, float)
    p, flags, n, grids = split_params(rule, {"beta2": vals}, {"beta1": beta1, "lr": FIG13["lr"], "n": 4.0})
    floats = [q.name for q in rule.params if q.kind == "float"]
    cols = np.stack([grids["beta2"] if k == "beta2" else np.full(vals.size, getattr(p, k)) for k in floats]
                    + [np.full(vals.size, n)], axis=1)
    red = run_points(rule, flags, np.ascontiguousarray(cols), steps=steps, mode="normalized", tail=keep)
    return red["tail"][:, :, 1]


def compute_fig13(quick=False):
    steps = 1500 if quick else 3000
    runs = {b2: simulate("adam", n=4, x0=1.0, steps=steps, mode="normalized", lr=FIG13["lr"],
                         beta1=FIG13["low_beta1"], beta2=b2) for b2 in FIG13["runs_beta2"]}
    k = 150 if quick else 600
    keep = 100 if quick else 200
    low = np.linspace(0.002, 0.15, k)
    high = np.linspace(0.3, 0.7, k)
    tails = {"low": (low, _sharpness_tail(FIG13["low_beta1"], low, steps, keep)),
             "high": (high, _sharpness_tail(FIG13["high_beta1"], high, steps, keep))}
    return {"runs": runs, "tails": tails, "steps": steps, "caption_values": {"caption": (
        f"Adam on |x|^4/4 in the lower-left corner (lr {FIG13['lr']:g}, x0 = 1, {steps} normalized steps). "
        f"(a-c) beta1 = {FIG13['low_beta1']:g} and beta2 = {', '.join(f'{v:g}' for v in FIG13['runs_beta2'])}: "
        "stable linear convergence; past the [9] threshold, period doubling with a sawtooth loss that still "
        "converges; further down, instability. (d, e) Limit sets (last "
        f"{keep} steps) of the step multiplier S_t = u_t lambda_t = 1 - x_(t+1)/x_t against beta2 for low "
        f"(beta1 = {FIG13['low_beta1']:g}) and high (beta1 = {FIG13['high_beta1']:g}) momentum: with low momentum "
        "S stays in (0, 2) through period doubling and chaos, so the loss keeps falling; with high momentum S "
        "leaves (0, 2) as soon as the fixed point loses stability (beta2 < beta1).")}}


@styled
def plot_fig13(data):
    fig = new_figure(1, 1, width=8.6, height=5.6)[0]
    fig.clear()
    ax = fig.subplot_mosaic([["a", "b", "c"], ["d", "d", "e"]])
    for key, (b2, r) in zip("abc", data["runs"].items()):
        ax[key].plot(r.step, r.log10_loss, color=COLORS["blue"], lw=0.7)
        ax[key].set_title(rf"$\beta_1 = {FIG13['low_beta1']:g}$, $\beta_2 = {b2:g}$", loc="right", fontsize=8)
        ax[key].set_xlabel("step $t$")
        ax[key].set_ylabel(r"$\log_{10} f(x_t)$")
    for key, which in (("d", "low"), ("e", "high")):
        b2, S = data["tails"][which]
        B = np.repeat(b2, S.shape[1])
        s = S.ravel()
        ok = np.isfinite(s)
        ax[key].plot(B[ok], np.clip(s[ok], -1, 3), ",", color="k", alpha=0.6, rasterized=True)
        ax[key].axhline(2.0, color=COLORS["red"], ls="--", lw=0.9, label="$S = 2$")
        ax[key].axhline(0.0, color="0.4", ls=":", lw=0.9)
        ax[key].set_ylim(-1.05, 3.05)
        ax[key].set_xlabel(r"$\beta_2$")
        ax[key].set_ylabel(r"limit set of $S_t = u_t\lambda_t$ (clipped)")
        b1 = FIG13["low_beta1" if which == "low" else "high_beta1"]
        ax[key].set_title(rf"{which} momentum, $\beta_1 = {b1:g}$", loc="right", fontsize=8)
        ax[key].legend(loc="upper right")
    label_panels([ax[k] for k in "abcde"])
    return fig
