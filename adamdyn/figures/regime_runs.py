r"""One Adam run from each regime at :math:`n = 4` (fig06): loss, :math:`v_t` vs :math:`g_t^2`,
:math:`|m_t|` vs :math:`|g_t|` and the path in the :math:`(u, \lambda)` plane with the fixed point from
:mod:`adamdyn.theory` (via :mod:`adamdyn.figures._theory`); normalized (log-space) runs of :func:`adamdyn.simulate`.
"""

from __future__ import annotations

import numpy as np

from ..dynamics.simulation import simulate
from ._moments import log10_moments
from ._spikes import shade_spans, spike_mask
from ._theory import fixed_point_of, theory_grid
from .style import COLORS, REGIME_COLORS, label_panels, new_figure, styled

__all__ = ["POINTS", "LR", "compute", "plot"]

#: one (beta1, beta2) per regime for n = 4
POINTS = {1: (0.8, 0.9), 2: (0.91, 0.9), 3: (0.9, 0.5)}
LR = 1e-2


def compute(quick=False):
    steps = 1500 if quick else 2000
    runs, fps, theory = {}, {}, {}
    for r, (b1, b2) in POINTS.items():
        runs[r] = simulate("adam", n=4, x0=1.0, steps=steps, mode="normalized", lr=LR, beta1=b1, beta2=b2)
        fps[r] = fixed_point_of("adam", 4.0, beta1=b1, beta2=b2)
        theory[r] = int(np.asarray(theory_grid("adam", 4.0, [b1], [b2])[0]).ravel()[0])
    return {"runs": runs, "fixed_points": fps, "theory_regime": theory, "steps": steps, "caption_values": {
        "caption": (
            f"One Adam run per regime on |x|^4/4 (lr {LR:g}, x0 = 1, {steps} normalized steps): "
            f"Regime I (beta1, beta2) = {POINTS[1]}, Regime II {POINTS[2]}, Regime III {POINTS[3]}. Rows: loss "
            "(dashed: SignGD level lr^4/4; shaded: spike), v_t vs g_t^2, |m_t| vs |g_t|, and the trajectory in "
            "the (u, lambda) plane coloured by step, with the non-trivial fixed point (cross, adamdyn.theory) "
            "where it exists. I: v decouples and (u, lambda) settles on the fixed point; II: it circles the "
            "unstable point, then escapes (spike) and v re-couples; III: v stays coupled to g^2 (SignGD-like).")}}


def _fp_coords(fp):
    if fp is None:
        return None
    get = fp.get if isinstance(fp, dict) else (lambda k, d=None: getattr(fp, k, d))
    u = get("u")
    lam = get("lambda", get("lam"))
    if u is None or lam is None:
        return None
    u, lam = float(np.asarray(u).ravel()[0]), float(np.asarray(lam).ravel()[0])
    return (u, lam) if np.isfinite(u) and np.isfinite(lam) and lam > 0 else None


@styled
def plot(data):
    runs = data["runs"]
    fig, axes = new_figure(4, 3, width=7.8, height=8.8)
    floor = 4 * np.log10(LR) - np.log10(4)
    sc = None
    for col, reg in enumerate((1, 2, 3)):
        r = runs[reg]
        mom = log10_moments(r)
        b1, b2 = r.params["beta1"], r.params["beta2"]
        ax = axes[0, col]
        ax.plot(r.step, r.log10_loss, color=REGIME_COLORS[reg], lw=0.9)
        ax.axhline(floor, color="k", ls="--", lw=0.8, label=r"SignGD level $\eta^4/4$")
        shade_spans(ax, spike_mask(r.log10_loss), r.step, COLORS["red"], label="spike")
        ax.set_title(f"{'I' * reg if reg < 3 else 'III'}: " + rf"$\beta_1 = {b1:g}, \beta_2 = {b2:g}$",
                     loc="right", fontsize=8)  # short: the panel letter sits on the left of the same line
        ax.set_ylabel(r"$\log_{10} f(x_t)$")
        ax.legend(loc="lower left", fontsize=6.5)
        ax = axes[1, col]
        ax.plot(r.step, mom["g2"], color=COLORS["orange"], lw=0.9, label=r"$g_t^2$")
        ax.plot(r.step, mom["v"], color=COLORS["blue"], ls="--", lw=0.9, label=r"$v_t$")
        ax.set_ylabel(r"$\log_{10}$ value")
        ax.legend(loc="lower left", fontsize=6.5)
        ax = axes[2, col]
        ax.plot(r.step, mom["g"], color=COLORS["orange"], lw=0.9, label=r"$|g_t|$")
        ax.plot(r.step, mom["m"], color=COLORS["blue"], ls="--", lw=0.7, label=r"$|m_t|$")
        ax.set_ylabel(r"$\log_{10}$ value")
        ax.legend(loc="lower left", fontsize=6.5)
        for row in range(3):
            axes[row, col].set_xlabel("step $t$")
        ax = axes[3, col]
        u, ll = np.asarray(r.u), np.asarray(r.log10_lambda)
        ok = np.isfinite(u) & np.isfinite(ll)
        lo, hi = np.percentile(u[ok], [10, 90]) if ok.any() else (0, 1)
        ylo, yhi = np.percentile(ll[ok], [2, 98]) if ok.any() else (-3, 0)
        sc = ax.scatter(u[ok], ll[ok], c=r.step[ok], s=2, cmap="viridis", rasterized=True)
        fp = _fp_coords(data["fixed_points"].get(reg))
        if fp is not None:
            ax.plot(fp[0], np.log10(fp[1]), marker="X", ms=9, mfc="white", mec="k", ls="none",
                    label=r"fixed point $(u^*, \lambda^*)$")
            ax.legend(loc="best", fontsize=6.5)
            lo, hi = min(lo, 0.0), max(hi, 2.5 * fp[0])
            ylo, yhi = min(ylo, np.log10(fp[1]) - 1), max(np.log10(fp[1]) + 1, min(yhi, np.log10(fp[1]) + 3))
        else:
            ax.text(0.97, 0.95, "no non-trivial\nfixed point", transform=ax.transAxes, ha="right", va="top",
                    fontsize=7)
        pad = 0.08 * (hi - lo + 1e-9)
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(ylo - 0.2, yhi + 0.2)
        ax.set_xlabel(r"$u_t = m_t/g_t$")
        ax.set_ylabel(r"$\log_{10}\lambda_t$")
    if sc is not None:
        fig.colorbar(sc, ax=axes[3, :].tolist(), shrink=0.9, pad=0.01).set_label("step $t$")
    label_panels(axes.ravel())
    return fig
