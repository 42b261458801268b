r"""Adam in the lower-left corner (fig13): three runs at fixed low :math:`\beta_1` and the limit set of the
step multiplier :math:`S_t = u_t\lambda_t = 1 - x_{t+1}/x_t` (contractive while :math:`0 < S_t < 2`)
against :math:`\beta_2` for low and high momentum, from the sweep kernels.
"""

from __future__ import annotations

import numpy as np

from ..dynamics.simulation import simulate
from .style import COLORS, label_panels, new_figure, styled

__all__ = ["SETTINGS", "compute", "plot"]

SETTINGS = {"lr": 1e-2, "low_beta1": 0.0, "high_beta1": 0.5, "runs_beta2": (0.2, 0.045, 0.005)}


def _sharpness_tail(beta1, beta2s, steps, keep):
    """Last ``keep`` values of S = 1 - rho for Adam at (beta1, beta2) over ``beta2s`` (sweep kernels)."""
    from ..rules import get_rule
    from ..sweeps.phase import run_points, split_params

    rule = get_rule("adam")
    vals = np.asarray(beta2s, float)
    p, flags, n, grids = split_params(rule, {"beta2": vals}, {"beta1": beta1, "lr": SETTINGS["lr"], "n": 4.0})
    floats = [q.name for q in rule.params if q.kind == "float"]
    cols = np.stack([grids["beta2"] if k == "beta2" else np.full(vals.size, getattr(p, k)) for k in floats]
                    + [np.full(vals.size, n)], axis=1)
    red = run_points(rule, flags, np.ascontiguousarray(cols), steps=steps, mode="normalized", tail=keep)
    return red["tail"][:, :, 1]


def compute(quick=False):
    steps = 1500 if quick else 3000
    runs = {b2: simulate("adam", n=4, x0=1.0, steps=steps, mode="normalized", lr=SETTINGS["lr"],
                         beta1=SETTINGS["low_beta1"], beta2=b2) for b2 in SETTINGS["runs_beta2"]}
    k = 150 if quick else 600
    keep = 100 if quick else 200
    low = np.linspace(0.002, 0.15, k)
    high = np.linspace(0.3, 0.7, k)
    tails = {"low": (low, _sharpness_tail(SETTINGS["low_beta1"], low, steps, keep)),
             "high": (high, _sharpness_tail(SETTINGS["high_beta1"], high, steps, keep))}
    return {"runs": runs, "tails": tails, "steps": steps, "caption_values": {"caption": (
        f"Adam on |x|^4/4 in the lower-left corner (lr {SETTINGS['lr']:g}, x0 = 1, {steps} normalized steps). "
        f"(a-c) beta1 = {SETTINGS['low_beta1']:g} and beta2 = {', '.join(f'{v:g}' for v in SETTINGS['runs_beta2'])}: "
        "stable linear convergence; past the [9] threshold, period doubling with a sawtooth loss that still "
        "converges; further down, instability. (d, e) Limit sets (last "
        f"{keep} steps) of the step multiplier S_t = u_t lambda_t = 1 - x_(t+1)/x_t against beta2 for low "
        f"(beta1 = {SETTINGS['low_beta1']:g}) and high (beta1 = {SETTINGS['high_beta1']:g}) momentum: with low momentum "
        "S stays in (0, 2) through period doubling and chaos, so the loss keeps falling; with high momentum S "
        "leaves (0, 2) as soon as the fixed point loses stability (beta2 < beta1).")}}


@styled
def plot(data):
    fig = new_figure(1, 1, width=8.6, height=5.6)[0]
    fig.clear()
    ax = fig.subplot_mosaic([["a", "b", "c"], ["d", "d", "e"]])
    for key, (b2, r) in zip("abc", data["runs"].items()):
        ax[key].plot(r.step, r.log10_loss, color=COLORS["blue"], lw=0.7)
        ax[key].set_title(rf"$\beta_1 = {SETTINGS['low_beta1']:g}$, $\beta_2 = {b2:g}$", loc="right", fontsize=8)
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
        b1 = SETTINGS["low_beta1" if which == "low" else "high_beta1"]
        ax[key].set_title(rf"{which} momentum, $\beta_1 = {b1:g}$", loc="right", fontsize=8)
        ax[key].legend(loc="upper right")
    label_panels([ax[k] for k in "abcde"])
    return fig
