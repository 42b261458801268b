r"""The three regimes (Figs. 5, 6): theory map in the :math:`(\beta_1, \beta_2)` plane and one run from each.

Regimes and fixed points come from :mod:`adamdyn.symbolic` (via
:mod:`adamdyn.plot._theory`); runs from :func:`adamdyn.simulate` in
normalized (log-space) mode.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from ..simulation import simulate
from ._maps import B1, B2, edges, theory_lines
from ._theory import fixed_point_of, theory_grid
from ._util import log10_moments, shade_spans, spike_mask
from .style import COLORS, REGIME_COLORS, label_panels, new_figure, styled

__all__ = ["compute_fig05", "plot_fig05", "compute_fig06", "plot_fig06", "FIG06"]

NAMES = {1: "I: stable linear convergence", 2: "II: linear, then spikes", 3: "III: SignGD-like oscillation"}
#: one (beta1, beta2) per regime for n = 4 (Fig. 6)
FIG06 = {1: (0.8, 0.9), 2: (0.91, 0.9), 3: (0.9, 0.5)}
FIG06_LR = 1e-2


def compute_fig05(quick=False):
    k = 161 if quick else 501
    g = np.round(np.linspace(0.5 / k, 1 - 0.5 / k, k), 6)
    maps = {n: theory_grid("adam", float(n), g, g) for n in (4, 6, 8, 16)}
    return {"beta1": g, "beta2": g, "maps": maps, "points": FIG06, "caption_values": {"caption": (
        "Theory regimes of Adam on |x|^4/4 in the (beta1, beta2) plane (adamdyn.symbolic, "
        f"{k} x {k} grid). (a) Regime I (stable non-trivial fixed point: beta1 < beta2 and condition [9]), "
        "Regime II (fixed point exists but is unstable: beta2 <= beta1 < beta2^(3/4), or [9] fails in the "
        "lower-left corner) and Regime III (no non-trivial fixed point: beta1 >= beta2^(3/4)); markers: the "
        "runs of Fig. 6. (b) The stability boundary (solid) and existence boundary (dashed) for n = 4, 6, 8, 16: "
        "both move right as n grows, so the stable region grows with n.")}}


@styled
def plot_fig05(data):
    fig, axes = new_figure(1, 2, width=8.4, height=3.7)
    a, b = axes.ravel()
    g1, g2 = data["beta1"], data["beta2"]
    reg, rad = data["maps"][4]
    cmap = ListedColormap([REGIME_COLORS[i] for i in (1, 2, 3)])
    a.pcolormesh(edges(g1), edges(g2), np.asarray(reg, float).T, cmap=cmap,
                 norm=BoundaryNorm([0.5, 1.5, 2.5, 3.5], 3), alpha=0.55, rasterized=True)
    handles = theory_lines(a, g1, g2, reg, rad, legend=False)
    handles = [Patch(color=REGIME_COLORS[i], alpha=0.55, label=NAMES[i]) for i in (1, 2, 3)] + handles
    for r, (p1, p2) in data["points"].items():
        a.plot(p1, p2, marker="o", ms=6, mec="white", mfc="black", ls="none")
        a.annotate(f"Fig. 6 ({'I' * r if r < 3 else 'III'})", (p1, p2), textcoords="offset points",
                   xytext=(-6, 6), ha="right", fontsize=7)
    a.legend(handles=handles, loc="upper left", fontsize=6.5)
    a.set_title(r"regimes, $n = 4$")
    styles = {4: "-", 6: "--", 8: "-.", 16: ":"}
    for n, (rg, _) in data["maps"].items():
        X, Y = np.meshgrid(g1, g2, indexing="ij")
        b.contour(X, Y, (rg == 1).astype(float), levels=[0.5], colors=[REGIME_COLORS[1]], linestyles=styles[n])
        b.contour(X, Y, (rg != 3).astype(float), levels=[0.5], colors=[REGIME_COLORS[3]], linestyles=styles[n])
    from matplotlib.lines import Line2D
    hb = [Line2D([], [], color="k", ls=styles[n], label=f"$n = {n}$") for n in data["maps"]]
    hb += [Line2D([], [], color=REGIME_COLORS[1], label="stability (I/II)"),
           Line2D([], [], color=REGIME_COLORS[3], label="existence (II/III)")]
    b.legend(handles=hb, loc="upper left", fontsize=7)
    b.set_title("boundaries move right as $n$ grows")
    for ax in (a, b):
        ax.set_xlabel(B1)
        ax.set_ylabel(B2)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.grid(False)
    label_panels([a, b])
    return fig


# ---------------------------------------------------------------- Fig. 6
def compute_fig06(quick=False):
    steps = 1500 if quick else 2000
    runs, fps, theory = {}, {}, {}
    for r, (b1, b2) in FIG06.items():
        runs[r] = simulate("adam", n=4, x0=1.0, steps=steps, mode="normalized", lr=FIG06_LR, beta1=b1, beta2=b2)
        fps[r] = fixed_point_of("adam", 4.0, beta1=b1, beta2=b2)
        theory[r] = int(np.asarray(theory_grid("adam", 4.0, [b1], [b2])[0]).ravel()[0])
    return {"runs": runs, "fixed_points": fps, "theory_regime": theory, "steps": steps, "caption_values": {
        "caption": (
            f"One Adam run per regime on |x|^4/4 (lr {FIG06_LR:g}, x0 = 1, {steps} normalized steps): "
            f"Regime I (beta1, beta2) = {FIG06[1]}, Regime II {FIG06[2]}, Regime III {FIG06[3]}. Rows: loss "
            "(dashed: SignGD level lr^4/4; shaded: spike), v_t vs g_t^2, |m_t| vs |g_t|, and the trajectory in "
            "the (u, lambda) plane coloured by step, with the non-trivial fixed point (cross, adamdyn.symbolic) "
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
def plot_fig06(data):
    runs = data["runs"]
    fig, axes = new_figure(4, 3, width=7.8, height=8.8)
    floor = 4 * np.log10(FIG06_LR) - np.log10(4)
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
