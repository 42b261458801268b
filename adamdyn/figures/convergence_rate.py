r"""Convergence-rate check (fig14, new): fitted late loss slope versus the predicted :math:`\tfrac{n}{2n-4}\log_{10}\beta_2`.

Runs come from :func:`adamdyn.sweeps.phase_diagram` (normalized mode, axes
:math:`\beta_2` and :math:`n`); the prediction is the sweep's
``predicted_slope`` (:math:`n\log_{10}\rho^*` with :math:`\rho^*` from
:func:`adamdyn.theory.rate`). Only theory Regime I points are kept.
"""

from __future__ import annotations

import numpy as np

from ._theory import symbolic_api
from .style import label_panels, new_figure, styled

__all__ = ["SETTINGS", "compute", "plot"]

SETTINGS = {"beta1": 0.1, "lr": 1e-2, "x0": 1.0}


def compute(quick=False):
    from ..sweeps import phase_diagram

    symbolic_api("rate", "regime")
    b2 = np.array([0.3, 0.6, 0.9, 0.99] if quick else [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99])
    ns = np.array([3.0, 4.0, 8.0] if quick else [2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0])
    steps = 20000 if quick else 40000
    pd = phase_diagram("adam", {"beta2": b2, "n": ns}, {"beta1": SETTINGS["beta1"], "lr": SETTINGS["lr"]},
                       steps=steps, mode="normalized", x0=SETTINGS["x0"])
    keep = (np.asarray(pd.regime_theory) == 1) & np.isfinite(pd.predicted_slope) & np.isfinite(pd.late_slope)
    B2, N = np.meshgrid(b2, ns, indexing="ij")
    pred, fit = pd.predicted_slope[keep], pd.late_slope[keep]
    resid = fit / pred - 1.0
    return {"pd": pd, "beta2": B2[keep], "n": N[keep], "predicted": pred, "fitted": fit, "residual": resid,
            "caption_values": {"caption": (
                f"Convergence-rate check (new): Adam (beta1 {SETTINGS['beta1']:g}, lr {SETTINGS['lr']:g}, x0 = 1) on "
                f"|x|^n/n for beta2 = {', '.join(f'{v:g}' for v in b2)} and n = "
                f"{', '.join(f'{v:g}' for v in ns)}; {steps} normalized steps each; only theory Regime I "
                f"points ({int(keep.sum())} of {keep.size}). (a) Least-squares slope of log10 loss over the last "
                "20% of steps against the predicted n/(2n-4) log10 beta2 (from adamdyn.theory.rate), with the "
                f"identity line. (b) Relative residuals: largest |residual| {np.max(np.abs(resid)):.2e}.")}}


@styled
def plot(data):
    fig, axes = new_figure(1, 2, width=8.0, height=3.4)
    a, b = axes.ravel()
    sc = a.scatter(data["predicted"], data["fitted"], c=data["n"], cmap="viridis", s=22, zorder=3)
    lo = min(data["predicted"].min(), data["fitted"].min())
    a.plot([lo * 1.05, 0], [lo * 1.05, 0], "k--", lw=0.9, label="identity")
    a.set_xlabel(r"predicted slope $\frac{n}{2n-4}\log_{10}\beta_2$ (per step)")
    a.set_ylabel(r"fitted late slope of $\log_{10} f$ (per step)")
    a.legend(loc="upper left")
    a.set_title("fitted versus predicted rate")
    fig.colorbar(sc, ax=a, pad=0.02).set_label("degree $n$")
    sc2 = b.scatter(data["beta2"], 100 * data["residual"], c=data["n"], cmap="viridis", s=22, zorder=3)
    b.axhline(0, color="k", lw=0.8)
    for y in (-0.5, 0.5):
        b.axhline(y, color="0.5", ls=":", lw=0.9)
    b.set_xlabel(r"$\beta_2$")
    b.set_ylabel("relative residual (%)")
    b.set_title(r"residuals (dotted: $\pm 0.5\%$)")
    fig.colorbar(sc2, ax=b, pad=0.02).set_label("degree $n$")
    label_panels([a, b])
    return fig
