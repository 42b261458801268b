r"""The acceleration map :math:`S_{t+1} = \alpha S_t|1-S_t|^{n-2}` at :math:`n = 4` (fig04): its limit set
against :math:`\alpha` (period doubling, chaos, escape) and its Lyapunov exponent, from
:mod:`adamdyn.sweeps.bifurcation`.
"""

from __future__ import annotations

import numpy as np

from .style import COLORS, label_panels, new_figure, styled

__all__ = ["compute", "plot", "first_period_doubling"]


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


def compute(quick=False):
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
def plot(data):
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
