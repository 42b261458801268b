r"""The quadratic case (fig09): Adam and RMSProp on :math:`x^2/2`, Adam's pre-spike rate against the derived one.

:func:`prespike_slope` fits the rate through the peaks of the oscillating loss; :func:`local_slopes`
repeats the fit over consecutive windows.
"""

from __future__ import annotations

import numpy as np

from ..dynamics.simulation import simulate
from ._labels import LOSS, OPTIMIZER_LABELS, STEP
from ._moments import log10_moments
from ._slopes import peak_indices
from .style import COLORS, OPTIMIZER_COLORS, label_panels, new_figure, styled

__all__ = ["PARAMS", "compute", "plot", "prespike_slope", "local_slopes"]

PARAMS = {"adam": {"lr": 0.01, "beta1": 0.9, "beta2": 0.999}, "rmsprop": {"lr": 0.01, "beta2": 0.999}}


def compute(quick=False) -> dict:
    """Adam and RMSProp on x^2/2 from x0 = 1 (normalized runs: the loss goes far below 1e-308)."""
    steps = {"adam": 14000, "rmsprop": 6000}
    runs = {opt: simulate(opt, n=2, x0=1.0, steps=steps[opt], mode="normalized", **p) for opt, p in PARAMS.items()}
    data = {"runs": runs, "settings": {"steps": steps, "params": PARAMS, "x0": 1.0}}
    pre = data["prespike"] = prespike_slope(runs["adam"])
    data["caption_values"] = {"w0": pre["window"][0], "w1": pre["window"][1], "fitted": pre["fitted"],
                              "predicted": pre["predicted"], "rel": pre["fitted"] / pre["predicted"] - 1.0,
                              "paper": pre["paper"], "rel_paper": pre["fitted"] / pre["paper"] - 1.0}
    return data


def prespike_slope(r, lo=0.1, hi=0.9) -> dict:
    r"""Fit Adam's pre-spike loss slope on :math:`x^2` through the peaks of the oscillating loss.

    The window is ``[lo, hi]`` times the step of the minimum loss (the spike
    onset). Returns the fitted slope, the slope derived by
    :func:`adamdyn.claims.quadratic.wkb_loss_factor` for Adam's update
    (:math:`\log_{10}\beta_1 - \tfrac14\log_{10}\beta_2`: the growing step
    multiplies the momentum) and the paper's WKB slope
    (:math:`\log_{10}\beta_1 + \tfrac14\log_{10}\beta_2`, the paper's Lemma F.2), per step
    in :math:`\log_{10}` loss, and the window.
    """
    from ..claims.quadratic import _B1, _B2, wkb_loss_factor

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
def plot(data):
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
        ax.set_title(rf"{OPTIMIZER_LABELS[opt]}: $v_t$ vs $g_t^2$")
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
