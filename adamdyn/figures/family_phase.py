r"""Phase diagrams of the optimizer family on :math:`|x|^4/4` (fig19): does each rule converge linearly?

One panel per rule of :data:`adamdyn.rules.FAMILY`, over its two natural parameters ((beta1, beta2) for the
Adam-type rules and Lion, (final_lr, gamma) for AdaBound, (lr, lr_decay) for Adagrad, (decay_rate,
clip_threshold) for Adafactor). Colour: the measured *slope ratio* of each grid point, the late
:math:`\log_{10}` loss slope of a sweep of ``T`` steps divided by that of the same sweep stopped at ``T/2``
(:func:`adamdyn.sweeps.phase_diagram`, generated kernels, normalized mode): 1 where the run converges
linearly, 1/2 for a power law (loss ~ t^-a), 0 where it stalls (:func:`stalled`, the definition of
:func:`adamdyn.claims.family.flattening`). Lines: the derived boundaries (:func:`adamdyn.theory.theory_grid`,
on a finer mesh): solid, the stable linear-convergence region (Regime I); dashed, where the point exists.
"""

from __future__ import annotations

import numpy as np

from ._labels import SYMBOLS
from .style import COLORS, new_figure, styled

__all__ = ["PANELS", "LINEAR_BAND", "compute", "plot", "slope_ratio", "agreement"]

_B1 = ("beta1", 0.0, 0.95, "lin")
_B2 = ("beta2", 0.3, 0.99, "lin")
#: (rule, x axis, y axis): (name, low, high, "lin" | "log")
PANELS = (
    ("adamw", _B1, _B2), ("nadam", _B1, _B2), ("radam", _B1, _B2), ("adamax", _B1, _B2),
    ("amsgrad", _B1, _B2), ("yogi", _B1, _B2), ("lion", _B1, _B2),
    ("adabound", ("final_lr", 1e-3, 1.0, "log"), ("gamma", 1e-3, 1.0, "log")),
    ("adagrad", ("lr", 1e-3, 1.0, "log"), ("lr_decay", 0.0, 1e-2, "lin")),
    ("adafactor", ("decay_rate", -1.0, -0.3, "lin"), ("clip_threshold", 0.1, 2.0, "lin")),
)
#: the degree; every panel is at eps = 0 (the analysis form) and at the family checks' learning rate
#: (adamdyn.claims.family.LR: x0/lr is not an integer, so Lion's sign steps never land on 0 exactly)
#: per-rule fixed settings: Adafactor's relative step min(lr, 1/sqrt(t)) reaches its t -> oo form 1/sqrt(t)
#: after 1/lr^2 steps, so a cap of 0.1 lets a short run show it (the default 1e-2 would need 10^4 steps)
FIXED_RULE = {"adafactor": {"lr": 0.1}}
N = 4.0
#: a point "converges linearly" when its slope ratio lies in this band (a power law gives 1/2)
LINEAR_BAND = (0.9, 1.1)


def _axis(spec, size):
    name, lo, hi, kind = spec
    return name, (np.geomspace(lo, hi, size) if kind == "log" else np.linspace(lo, hi, size))


def slope_ratio(late_full, late_half, steps, stall_decades):
    """Late slope at ``T = steps`` over late slope at ``T/2``; 0 where the run stalls (:func:`stalled`)."""
    a, b = np.asarray(late_full, float), np.asarray(late_half, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(b != 0, a / b, np.nan)
    return np.where(stalled(a, steps, stall_decades) & np.isfinite(a), 0.0, r)


def stalled(late_slope, steps, stall_decades):
    """The loss no longer falls: late slope not negative, or under ``stall_decades`` over ``steps`` steps."""
    a = np.asarray(late_slope, float)
    return ~(a < 0) | (np.abs(a) * steps < stall_decades)


def _theory(name, axes, fixed, size):
    """Regime on a ``size`` x ``size`` mesh of the same ranges, or ``(None, why)`` where the engine has none."""
    from ..theory import TheoryUnavailable, theory_grid

    fine = {k: (np.geomspace(v[0], v[-1], size) if v[0] > 0 and v[-1] / v[0] > 50 else np.linspace(v[0], v[-1], size))
            for k, v in axes.items()}
    try:
        reg, _ = theory_grid(name, N, fine, **fixed)
    except TheoryUnavailable as exc:
        return None, exc.why
    return {"axes": fine, "regime": np.asarray(reg)}, ""


def compute(quick=False) -> dict:
    """Two sweeps (``T`` and ``T/2`` steps) per panel, the slope ratio, the derived regimes on a finer mesh."""
    from ..claims.family import LR, STALL_DECADES
    from ..rules import get_rule
    from ..sweeps import phase_diagram

    size, steps, fine = (8, 3000, 40) if quick else (14, 6000, 80)
    panels = []
    for name, sx, sy in PANELS:
        (nx, ax_x), (ny, ax_y) = _axis(sx, size), _axis(sy, size)
        axes = {nx: ax_x, ny: ax_y}
        fixed = {k: v for k, v in {"lr": LR, **FIXED_RULE.get(name, {})}.items()
                 if k in get_rule(name).param_names and k not in axes}
        full = phase_diagram(name, axes, {**fixed, "n": N}, steps=steps, mode="normalized")
        half = phase_diagram(name, axes, {**fixed, "n": N}, steps=steps // 2, mode="normalized")
        ratio = slope_ratio(full.late_slope, half.late_slope, steps, STALL_DECADES)
        ratio = np.where(full.diverged | half.diverged, np.nan, ratio)
        th, why = _theory(name, axes, fixed, fine)
        panels.append({"optimizer": name, "axes": axes, "fixed": fixed, "ratio": ratio,
                       "late_slope": full.late_slope, "final_log10_loss": full.final_log10_loss,
                       "theory": th, "theory_why": why,
                       "theory_on_grid": None if th is None else np.asarray(full.regime_theory)})
    data = {"panels": panels, "steps": steps, "size": size, "n": N}
    agree = agreement(data)
    data["caption_values"] = {"caption": _caption(data, agree), **agree}
    return data


def agreement(data) -> dict:
    """Shares of grid points where the measured ratio agrees with the engine.

    ``linear_inside``: points the engine puts in Regime I whose ratio lies in :data:`LINEAR_BAND`;
    ``flat_outside``: points of rules the engine derives without any linear point whose ratio is below it.
    """
    ins, outs = [], []
    for p in data["panels"]:
        reg = p["theory_on_grid"]
        if reg is None:
            continue
        r = p["ratio"]
        ok = np.isfinite(r)
        lin = (r >= LINEAR_BAND[0]) & (r <= LINEAR_BAND[1])
        if (reg == 1).any():
            ins.append(lin[(reg == 1) & ok])
        if (reg == 3).all():
            outs.append(~lin[ok])

    def share(xs):
        return float(np.mean(np.concatenate(xs))) if xs and sum(x.size for x in xs) else float("nan")

    return {"linear_inside": share(ins), "flat_outside": share(outs)}


def _caption(data, agree):
    from ..rules import get_rule

    none = [get_rule(p["optimizer"]).summary.split(":")[0] for p in data["panels"] if p["theory"] is None]
    return (
        f"The optimizer family on |x|^4/4 (x0 = 1, lr as in each title, eps = 0), one panel per rule over its "
        f"two natural parameters ({data['size']} x {data['size']} grid, normalized-mode sweeps of the generated "
        f"kernels). Colour: the measured slope ratio, the late log10-loss slope of a {data['steps']}-step run "
        f"divided by that of the same run stopped at {data['steps'] // 2} steps: 1 = linear convergence, 1/2 = a "
        "power law (loss ~ t^-a), 0 = stall (late slope >= 0, or under 0.1 decade over the whole run); grey: diverged. Black lines: the engine's derived regimes of the "
        "asymptotic map (t -> oo), solid around stable linear convergence (Regime I), dashed where the fixed point "
        "exists; a panel without lines has no linear-convergence point anywhere (its title says so). Where the "
        f"engine derives Regime I, {agree['linear_inside']:.0%} of the points have a ratio in "
        f"[{LINEAR_BAND[0]:g}, {LINEAR_BAND[1]:g}]; on the rules it derives without linear convergence, "
        f"{agree['flat_outside']:.0%} of the points are outside that band. The theory is of t -> oo: a schedule "
        "that has not reached its limit within the run still looks like Adam (AdaBound's bounds close like "
        "1/(gamma t), so small gamma T is still unclipped; Adafactor's relative step min(lr, 1/sqrt(t)) is "
        "constant until t = 1/lr^2, hence its lr = 0.1)."
        + (f" No theory: {', '.join(none)}." if none else ""))


def _edges(c):
    c = np.asarray(c, float)
    if c.size > 2 and c[0] > 0 and np.allclose(np.diff(np.log(c)), np.log(c[1] / c[0])):
        lc = np.log(c)
        mid = (lc[1:] + lc[:-1]) / 2
        return np.exp(np.concatenate([[2 * lc[0] - mid[0]], mid, [2 * lc[-1] - mid[-1]]])), "log"
    mid = (c[1:] + c[:-1]) / 2
    return np.concatenate([[2 * c[0] - mid[0]], mid, [2 * c[-1] - mid[-1]]]), "linear"


_NAMES = {"final_lr": r"final lr $\eta^\star$", "gamma": r"$\gamma$", "lr_decay": "lr_decay",
          "decay_rate": "decay_rate $c$", "clip_threshold": "clip_threshold $d$"}


@styled
def plot(data, ncols=4):
    """A grid of panels (one per rule), one shared colour bar for the slope ratio, derived lines on top."""
    import matplotlib as mpl
    from matplotlib.lines import Line2D

    from ..rules import get_rule

    panels = data["panels"]
    nrows = -(-len(panels) // ncols)
    fig, axes = new_figure(nrows, ncols, width=2.15 * ncols + 0.9, height=2.25 * nrows + 0.6)
    flat_axes = [a for row in np.atleast_2d(axes) for a in row]
    cmap = mpl.colormaps["RdYlBu"].with_extremes(bad=COLORS["grey"])
    norm = mpl.colors.Normalize(0.0, 1.2)
    im = None
    for k, (ax, p) in enumerate(zip(flat_axes, panels)):
        (nx, x), (ny, y) = p["axes"].items()
        ex, sx = _edges(x)
        ey, sy = _edges(y)
        im = ax.pcolormesh(ex, ey, np.ma.masked_invalid(np.clip(p["ratio"], 0, 1.2)).T, cmap=cmap, norm=norm,
                           shading="flat", rasterized=True)
        ax.set_xscale(sx)
        ax.set_yscale(sy)
        th = p["theory"]
        if th is not None:
            (fx, gx), (fy, gy) = th["axes"].items()
            X, Y = np.meshgrid(gx, gy, indexing="ij")
            reg = th["regime"]
            for mask, ls in (((reg == 1), "solid"), ((reg != 3), "dashed")):
                if 0 < mask.mean() < 1:
                    ax.contour(X, Y, mask.astype(float), levels=[0.5], colors="black", linewidths=1.1,
                               linestyles=ls)
            verdict = ("derived: no linear conv." if (reg == 3).all() else
                       "derived: linear everywhere" if (reg == 1).all() else "derived: Regime I inside solid")
        else:
            verdict = "no theory (engine)"
        fixed = ", ".join(f"{SYMBOLS.get(q, q)} {v:g}" for q, v in p["fixed"].items())
        name = get_rule(p["optimizer"]).summary.split(":")[0]
        ax.set_title(f"({chr(ord('a') + k)}) {name}" + (f", {fixed}" if fixed else "") + f"\n{verdict}",
                     fontsize=7.5)
        ax.set_xlabel(_NAMES.get(nx, SYMBOLS.get(nx, nx)), labelpad=1)
        ax.set_ylabel(_NAMES.get(ny, SYMBOLS.get(ny, ny)), labelpad=1)
        ax.tick_params(labelsize=6.5)
        ax.grid(False)
    for ax in flat_axes[len(panels):]:
        ax.set_axis_off()
    if len(flat_axes) > len(panels):
        flat_axes[-1].legend(handles=[
            Line2D([], [], color="black", lw=1.1, label="derived: stable linear\nconvergence (Regime I)"),
            Line2D([], [], color="black", lw=1.1, ls="--", label="derived: fixed point exists")],
            loc="center", frameon=False, fontsize=7)
    cb = fig.colorbar(im, ax=flat_axes, shrink=0.6, aspect=30, ticks=[0, 0.5, 1.0, 1.2])
    cb.set_label(f"slope ratio, late slope at T / at T/2 (T = {data['steps']})")
    cb.ax.set_yticklabels(["0 stall", "0.5 power law", "1 linear", r"$\geq$1.2"])
    return fig
