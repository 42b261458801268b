r"""Trajectory figures built only on :func:`adamdyn.simulate` (Figs. 1, 2, 8, 9).

Each figure is a ``compute_figNN(quick) -> dict`` (the runs and the settings
that made them) and a ``plot_figNN(data) -> Figure``. The data dicts hold
:class:`~adamdyn.simulation.Trajectory` objects, so the facts a figure
illustrates can be checked on exactly what it plots.
"""

from __future__ import annotations

import numpy as np

from ..simulation import simulate
from ._util import fit_slope, log10_moments, loglog_slope, peak_indices, shade_spans, spike_mask
from .style import COLORS, OPTIMIZER_COLORS, label_panels, new_figure, styled

__all__ = [
    "compute_fig01", "plot_fig01", "compute_fig02", "plot_fig02",
    "compute_fig08", "plot_fig08", "compute_fig09", "plot_fig09", "fig09_prespike_slope",
]

LOSS = r"$\log_{10} f(x_t)$"
STEP = "step $t$"
LABELS = {"gd": "GD", "momentum": "momentum", "adam": "Adam", "rmsprop": "RMSProp"}

# ---------------------------------------------------------------- Fig. 1
FIG01 = {
    "gd": {"lr": 0.1},
    "momentum": {"lr": 0.01, "beta": 0.9},
    "adam": {"lr": 0.01, "beta1": 0.9, "beta2": 0.99},
}


def compute_fig01(quick=False) -> dict:
    """GD, heavy-ball momentum and Adam on :math:`x^2/2` and :math:`|x|^4/4` from :math:`x_0 = 1`."""
    steps = 2000 if quick else 3000
    runs = {}
    for n in (2, 4):
        for opt, params in FIG01.items():
            runs[(n, opt)] = simulate(opt, n=n, x0=1.0, steps=steps, mode="normalized", **params)
    return {"runs": runs, "settings": {"steps": steps, "params": FIG01, "x0": 1.0}}


@styled
def plot_fig01(data):
    runs = data["runs"]
    fig, axes = new_figure(1, 3, width=7.6, height=2.7)
    axes = axes.ravel()
    for ax, n in zip(axes[:2], (2, 4)):
        for opt in FIG01:
            r = runs[(n, opt)]
            ax.plot(r.step, r.log10_loss, color=OPTIMIZER_COLORS[opt], label=LABELS[opt])
        if n == 2:
            r = runs[(2, "adam")]
            shade_spans(ax, spike_mask(r.log10_loss), r.step, COLORS["red"], label="Adam spikes")
        ax.set_xlabel(STEP)
        ax.set_ylabel(LOSS)
        ax.set_title(r"$f = x^2/2$" if n == 2 else r"$f = |x|^4/4$")
    axes[0].legend(loc="lower left")
    ax = axes[2]
    for opt in FIG01:
        r = runs[(4, opt)]
        s = r.step[1:]
        ax.plot(s, r.log10_loss[1:], color=OPTIMIZER_COLORS[opt], label=LABELS[opt])
    r = runs[(4, "gd")]
    t = np.array([30.0, float(r.step[-1])])
    anchor = np.interp(t[0], r.step, r.log10_loss) + 0.6
    ax.plot(t, anchor - 2.0 * np.log10(t / t[0]), "k--", lw=0.9, label=r"$\propto t^{-2}$")
    ax.set_xscale("log")
    ax.set_xlabel(STEP + " (log scale)")
    ax.set_ylabel(LOSS)
    ax.set_title(r"$f = |x|^4/4$, log-log")
    ax.legend(loc="lower left")
    label_panels(axes)
    return fig


def fig01_facts(data) -> dict:
    """Numbers behind Fig. 1: GD's power-law exponent and Adam's linear rate on |x|^4, Adam's spike on x^2."""
    runs = data["runs"]
    r_gd, r_adam, r_q = runs[(4, "gd")], runs[(4, "adam")], runs[(2, "adam")]
    T = int(r_gd.step[-1])
    i = int(np.argmin(r_q.log10_loss))
    return {
        "gd_loglog_exponent": loglog_slope(r_gd.step, r_gd.log10_loss, T // 4, T),
        "adam_late_slope": fit_slope(r_adam.step, r_adam.log10_loss, T // 2, T),
        "adam_quadratic_spike_decades": float(np.max(r_q.log10_loss[i:]) - r_q.log10_loss[i]),
    }


# ---------------------------------------------------------------- Fig. 2
FIG02 = {"lr": 0.01, "beta1": 0.9, "beta2": 0.99}


def compute_fig02(quick=False) -> dict:
    """Adam (lr 0.01, betas 0.9/0.99, x0 = 1) on x^2/2 and |x|^4/4, normalized (log-space) runs."""
    steps = 2000 if quick else 3000
    runs = {n: simulate("adam", n=n, x0=1.0, steps=steps, mode="normalized", **FIG02) for n in (2, 4)}
    return {"runs": runs, "settings": {"steps": steps, "params": FIG02, "x0": 1.0}}


@styled
def plot_fig02(data):
    runs = data["runs"]
    fig, axes = new_figure(2, 2, width=7.0, height=5.0)
    (a, b), (c, d) = axes
    colors = {2: COLORS["red"], 4: COLORS["blue"]}
    names = {2: r"$x^2/2$", 4: r"$|x|^4/4$"}
    for n, r in runs.items():
        a.plot(r.step, r.log10_loss, color=colors[n], label=names[n])
        b.plot(r.step, r.log10_lambda, color=colors[n], label=names[n])
    shade_spans(a, spike_mask(runs[2].log10_loss), runs[2].step, COLORS["red"], label="spike")
    shade_spans(b, spike_mask(runs[2].log10_loss), runs[2].step, COLORS["red"], label="spike")
    a.set_ylabel(LOSS)
    a.set_title("loss")
    b.set_ylabel(r"$\log_{10}\lambda_t$,  $\lambda_t = \eta|x_t|^{n-2}/\sqrt{v_t}$")
    b.set_title("effective curvature")
    for ax, n in ((c, 2), (d, 4)):
        mom = log10_moments(runs[n])
        ax.plot(runs[n].step, mom["g2"], color=COLORS["orange"], label=r"$g_t^2$")
        ax.plot(runs[n].step, mom["v"], color=COLORS["blue"], ls="--", label=r"$v_t$")
        ax.set_ylabel(r"$\log_{10}$ value")
        ax.set_title(r"$v_t$ and $g_t^2$ on " + names[n])
        if n == 2:
            shade_spans(ax, spike_mask(runs[2].log10_loss), runs[2].step, COLORS["red"], label="spike")
    for ax in (a, b, c, d):
        ax.set_xlabel(STEP)
        ax.legend(loc="best")
    label_panels([a, b, c, d])
    return fig


def fig02_facts(data) -> dict:
    """Spike size on x^2; late loss rise and late lambda drift on |x|^4 (0 when stable)."""
    r2, r4 = data["runs"][2], data["runs"][4]
    i = int(np.argmin(r2.log10_loss))
    half = len(r4.step) // 2
    lam = r4.log10_lambda[half:]
    return {
        "quadratic_spike_decades": float(np.max(r2.log10_loss[i:]) - r2.log10_loss[i]),
        "quartic_max_rise": float(np.max(np.diff(r4.log10_loss[half:]))),
        "quartic_lambda_range": float(np.max(lam) - np.min(lam)),
        "quadratic_lambda_growth": float(r2.log10_lambda[i] - r2.log10_lambda[0]),
    }


# ---------------------------------------------------------------- Fig. 8
FIG08 = FIG01


def compute_fig08(quick=False) -> dict:
    """GD, momentum and Adam on x^2/2 + y^4/4 from (1, 1), raw float64 runs."""
    steps = 3000
    runs = {opt: simulate(opt, objective="mixed", x0=[1.0, 1.0], steps=steps, mode="raw", **p)
            for opt, p in FIG08.items()}
    return {"runs": runs, "settings": {"steps": steps, "params": FIG08, "x0": [1.0, 1.0]}}


@styled
def plot_fig08(data):
    runs = data["runs"]
    fig, axes = new_figure(1, 3, width=7.6, height=2.7, sharex=True)
    a, b, c = axes.ravel()
    for opt, r in runs.items():
        kw = {"color": OPTIMIZER_COLORS[opt], "label": LABELS[opt]}
        a.plot(r.step, r.log10_loss, **kw)
        with np.errstate(divide="ignore"):
            b.plot(r.step, np.log10(np.abs(r.x[:, 0])), **kw)
            c.plot(r.step, np.log10(np.abs(r.x[:, 1])), **kw)
    a.set_title(r"$f = x^2/2 + y^4/4$")
    a.set_ylabel(LOSS)
    b.set_title(r"quadratic direction $x$")
    b.set_ylabel(r"$\log_{10}|x_t|$")
    c.set_title(r"degenerate direction $y$")
    c.set_ylabel(r"$\log_{10}|y_t|$")
    for ax in (a, b, c):
        ax.set_xlabel(STEP)
    a.legend(loc="lower left")
    label_panels([a, b, c])
    return fig


def fig08_facts(data) -> dict:
    runs = data["runs"]
    return {opt: {"final": r.final_log10_loss, "min": r.min_log10_loss,
                  "final_log10_abs_y": float(np.log10(abs(r.x[-1, 1])))} for opt, r in runs.items()}


# ---------------------------------------------------------------- Fig. 9
FIG09 = {"adam": {"lr": 0.01, "beta1": 0.9, "beta2": 0.999}, "rmsprop": {"lr": 0.01, "beta2": 0.999}}


def compute_fig09(quick=False) -> dict:
    """Adam and RMSProp on x^2/2 from x0 = 1 (normalized runs: the loss goes far below 1e-308)."""
    steps = {"adam": 14000, "rmsprop": 6000}
    runs = {opt: simulate(opt, n=2, x0=1.0, steps=steps[opt], mode="normalized", **p) for opt, p in FIG09.items()}
    data = {"runs": runs, "settings": {"steps": steps, "params": FIG09, "x0": 1.0}}
    pre = data["prespike"] = fig09_prespike_slope(runs["adam"])
    data["caption_values"] = {"w0": pre["window"][0], "w1": pre["window"][1], "fitted": pre["fitted"],
                              "predicted": pre["predicted"], "rel": pre["fitted"] / pre["predicted"] - 1.0,
                              "paper": pre["paper"], "rel_paper": pre["fitted"] / pre["paper"] - 1.0}
    return data


def fig09_prespike_slope(r, lo=0.1, hi=0.9) -> dict:
    r"""Fit Adam's pre-spike loss slope on :math:`x^2` through the peaks of the oscillating loss.

    The window is ``[lo, hi]`` times the step of the minimum loss (the spike
    onset). Returns the fitted slope, the slope derived by
    :func:`adamdyn.theorems.quadratic.wkb_loss_factor` for Adam's update
    (:math:`\log_{10}\beta_1 - \tfrac14\log_{10}\beta_2`: the growing step
    multiplies the momentum) and the paper's WKB slope
    (:math:`\log_{10}\beta_1 + \tfrac14\log_{10}\beta_2`, the paper's Lemma F.2), per step
    in :math:`\log_{10}` loss, and the window.
    """
    from ..theorems.quadratic import _B1, _B2, wkb_loss_factor

    b1, b2 = r.params["beta1"], r.params["beta2"]
    i = int(np.argmin(r.log10_loss))
    pk = peak_indices(r.log10_loss)
    sel = pk[(pk > lo * i) & (pk < hi * i)]
    slope, intercept = np.polyfit(r.step[sel], r.log10_loss[sel], 1)

    def per_step(model):
        return float(np.log10(float(wkb_loss_factor(model).subs({_B1: b1, _B2: b2}))))

    return {"fitted": float(slope), "intercept": float(intercept), "predicted": per_step("adam"),
            "paper": per_step("paper"), "window": (int(r.step[sel[0]]), int(r.step[sel[-1]])),
            "spike_step": int(r.step[i])}


def local_slopes(r, width=1000) -> tuple:
    """Slopes of the loss peaks in consecutive windows of ``width`` steps before the spike."""
    i = int(np.argmin(r.log10_loss))
    pk = peak_indices(r.log10_loss)
    centers, slopes = [], []
    for a in range(0, int(r.step[i]) - width + 1, width):
        sel = pk[(r.step[pk] >= a) & (r.step[pk] < a + width) & (pk < i)]
        if len(sel) >= 3:
            centers.append(a + width / 2)
            slopes.append(np.polyfit(r.step[sel], r.log10_loss[sel], 1)[0])
    return np.asarray(centers), np.asarray(slopes)


@styled
def plot_fig09(data):
    runs = data["runs"]
    pre = data["prespike"]
    fig, axes = new_figure(2, 3, width=8.2, height=5.0)
    (a, b, f), (c, d, e) = axes
    r = runs["adam"]
    a.plot(r.step, r.log10_loss, color=OPTIMIZER_COLORS["adam"], label="Adam", lw=0.9)
    w = np.array(pre["window"], dtype=float)
    a.plot(w, pre["intercept"] + 60 + pre["predicted"] * w, "k--", lw=1.0,
           label="derived slope\n" + r"$\log_{10}\beta_1 - \frac{1}{4}\log_{10}\beta_2$")
    a.set_title("Adam: loss")
    a.legend(loc="lower left")
    rr = runs["rmsprop"]
    b.plot(rr.step, rr.log10_loss, color=OPTIMIZER_COLORS["rmsprop"], label="RMSProp")
    b.set_title("RMSProp: loss")
    for ax in (a, b):
        ax.set_ylabel(LOSS)
    cs, sl = local_slopes(r)
    f.plot(cs, sl, "o", ms=4, color=OPTIMIZER_COLORS["adam"], label="fitted (1000-step windows)")
    f.axhline(pre["predicted"], color="k", ls="--", lw=1.0, label=f"derived {pre['predicted']:.5f}")
    f.axhline(pre["paper"], color=COLORS["orange"], ls="--", lw=1.0, label=f"paper's {pre['paper']:.5f}")
    f.axhline(pre["fitted"], color=COLORS["red"], ls=":", lw=1.2, label=f"fitted over window {pre['fitted']:.5f}")
    lb1 = float(np.log10(r.params["beta1"]))
    f.axhline(lb1, color=COLORS["grey"], ls="-.", lw=1.0, label=rf"$\log_{{10}}\beta_1$ alone {lb1:.5f}")
    f.set_ylabel(r"pre-spike slope of $\log_{10} f$ per step")
    f.set_title("Adam: pre-spike rate")
    lo, hi = min(sl.min() if len(sl) else 0, pre["paper"], lb1), max(sl.max() if len(sl) else 0, pre["predicted"])
    f.set_ylim(lo - 0.9 * (hi - lo), hi + 0.15 * (hi - lo))  # room below the lines for the legend
    f.legend(loc="lower center", fontsize=6.5, ncol=2)
    for ax, opt in ((c, "adam"), (d, "rmsprop")):
        mom = log10_moments(runs[opt])
        ax.plot(runs[opt].step, mom["g2"], color=COLORS["orange"], label=r"$g_t^2$")
        ax.plot(runs[opt].step, mom["v"], color=COLORS["blue"], ls="--", label=r"$v_t$")
        ax.set_ylabel(r"$\log_{10}$ value")
        ax.set_title(rf"{LABELS[opt]}: $v_t$ vs $g_t^2$")
        ax.legend(loc="lower left")
    mom = log10_moments(r)
    e.plot(r.step, mom["g"], color=COLORS["orange"], label=r"$|g_t|$")
    e.plot(r.step, mom["m"], color=COLORS["blue"], ls="--", lw=0.8, label=r"$|m_t|$")
    e.set_ylabel(r"$\log_{10}$ value")
    e.set_title(r"Adam: $m_t$ vs $g_t$")
    e.legend(loc="lower left")
    for ax in (a, b, c, d, e, f):
        ax.set_xlabel(STEP)
    label_panels([a, b, f, c, d, e])
    return fig
