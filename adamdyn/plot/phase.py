r"""Phase-diagram figures (Figs. 3, 7, 10, 11, 12) over :func:`adamdyn.sweeps.phase_diagram`.

Sweeps run the generated kernels (Adam, :math:`|x|^n/n`, normalized log-space runs, so
losses far below 1e-308 are exact; colours are clipped at 1e-300); theory regimes and spectral radii
come from :mod:`adamdyn.symbolic` through :mod:`adamdyn.plot._theory`.
Grids put :math:`\beta_1` on x and :math:`\beta_2` on y.
"""

from __future__ import annotations

import functools

import numpy as np

from ._maps import boundary_index, empirical_line, heatmap, theory_lines
from ._theory import theory_grid
from .style import label_panels, new_figure, styled

__all__ = ["sweep", "compute_fig03", "plot_fig03", "compute_fig07", "plot_fig07", "compute_fig10", "plot_fig10", "fig10_facts",
           "compute_fig11", "plot_fig11", "compute_fig12", "plot_fig12", "boundary_offsets"]

LR = 1e-2
MINLOSS = r"min $\log_{10} f$ (clipped at $-300$)"
FINLOSS = r"final $\log_{10} f$ (clipped at $-300$)"
COUPLING = r"max $\log_{10}\, v_t/g_t^2$"
RADIUS = r"spectral radius of $J$"


def _grid(lo, hi, k):
    return np.round(np.linspace(lo, hi, k), 6)


def settings(quick):
    return {"cells": 20 if quick else 80, "steps": 2500 if quick else 8000, "lr": LR, "x0": 1.0,
            "mode": "normalized", "theory_cells": 121 if quick else 401}


@functools.lru_cache(maxsize=16)
def sweep(n, b1, b2, steps, lr=LR, mode="raw", x0=1.0):
    """Cached Adam phase diagram over ``b1 x b2`` (tuples) at degree ``n``."""
    try:
        from ..sweeps import phase_diagram
    except ImportError as exc:  # pragma: no cover
        from .catalogue import FigureUnavailable

        raise FigureUnavailable(f"adamdyn.sweeps.phase_diagram cannot be imported: {exc}") from exc
    return phase_diagram("adam", {"beta1": np.asarray(b1), "beta2": np.asarray(b2)}, {"lr": lr, "n": n},
                         steps=steps, mode=mode, x0=x0)


def _main_sweep(n, quick, lo=0.005, hi=0.995):
    """The main grid; beta2 is offset by a third of a cell so no point sits exactly on beta1 = beta2."""
    s = settings(quick)
    g1 = _grid(lo, hi, s["cells"])
    g2 = np.round(g1 + (g1[1] - g1[0]) / 3, 6)
    return sweep(float(n), tuple(g1), tuple(g2[g2 < 1]), s["steps"], s["lr"], s["mode"], s["x0"])


def _theory(n, quick, lo=0.0, hi=1.0):
    k = settings(quick)["theory_cells"]
    g = _grid(lo + 1e-4, hi - 1e-4, k)
    reg, rad = theory_grid("adam", float(n), g, g)
    return {"beta1": g, "beta2": g, "regime": reg, "radius": rad}


def _theory_on(pd):
    """Theory regime on the sweep's own grid (from the sweep if filled in, else from symbolic)."""
    reg = np.asarray(pd.regime_theory)
    if reg.size and np.all(reg > 0):
        return reg
    return theory_grid("adam", float(pd.params["n"]), pd.axis0, pd.axis1)[0]


def boundary_offsets(pd, beta2_min=0.1, beta2_max=0.9) -> np.ndarray:
    """Per beta2 row (``beta2_min <= beta2 <= beta2_max``): empirical minus theoretical stable-edge index along beta1.

    Empirical stability is the sweep's observed Regime I; theory stability is
    Regime I of :mod:`adamdyn.symbolic` on the same grid. Values are in grid cells.
    """
    obs = np.asarray(pd.regime_observed) == 1
    th = _theory_on(pd) == 1
    b2 = np.asarray(pd.axis1)
    rows = np.where((b2 >= beta2_min) & (b2 <= beta2_max))[0]
    return np.array([boundary_index(obs[:, j]) - boundary_index(th[:, j]) for j in rows])


def _caption_values(pd, extra=None):
    s = {"cells": len(pd.axis0), "steps": pd.steps, "lr": pd.params.get("lr", LR), "x0": pd.x0, "mode": pd.mode}
    s.update(extra or {})
    return s


# ---------------------------------------------------------------- Fig. 3
def compute_fig03(quick=False):
    pd = _main_sweep(4, quick)
    data = {"pd": pd, "theory": _theory(4, quick), "settings": settings(quick)}
    off = boundary_offsets(pd)
    data["caption_values"] = {"caption": (
        "Adam on |x|^4/4. (a) Theory (adamdyn.symbolic): spectral radius of the Jacobian at the non-trivial "
        "fixed point, shown where the point exists; the stable region (radius < 1, solid line) is beta1 < beta2 "
        "except a small lower-left corner cut by condition [9]; dashed: the fixed point exists (II/III border). "
        f"(b) Empirical: minimum log10 loss over {pd.steps} steps (normalized log-space runs) on a "
        f"{len(pd.axis0)} x {len(pd.axis1)} grid (lr {pd.params['lr']:g}, x0 = {pd.x0:g}); colours clipped at "
        "1e-300, far below float64 machine precision. Dotted red: edge of the observed Regime I; it lies within "
        f"{int(np.max(np.abs(off)))} grid cell(s) of the theoretical edge for 0.1 <= beta2 <= 0.9.")}
    return data


def _radius_panel(fig, ax, th, title):
    rad = np.where(th["regime"] == 3, np.nan, np.clip(th["radius"], 0, 2))
    heatmap(ax, th["beta1"], th["beta2"], rad, cmap="viridis", vmin=0, vmax=2, label=RADIUS + " (clipped at 2)",
            fig=fig)
    ax.set_facecolor("white")
    b1, b2 = np.asarray(th["beta1"]), np.asarray(th["beta2"])
    ax.text(b1[0] + 0.72 * (b1[-1] - b1[0]), b2[0] + 0.12 * (b2[-1] - b2[0]), "no fixed point\n(Regime III)",
            ha="center", va="center", fontsize=7, color="0.3")
    theory_lines(ax, th["beta1"], th["beta2"], th["regime"], th["radius"], loc="upper left")
    ax.set_title(title)


@styled
def plot_fig03(data):
    pd, th = data["pd"], data["theory"]
    fig, axes = new_figure(1, 2, width=8.0, height=3.5)
    a, b = axes.ravel()
    _radius_panel(fig, a, th, r"theory, $n = 4$")
    heatmap(b, pd.axis0, pd.axis1, np.maximum(pd.min_log10_loss, -300), label=MINLOSS, fig=fig)
    h = theory_lines(b, th["beta1"], th["beta2"], th["regime"], th["radius"], legend=False)
    h.append(empirical_line(b, pd.axis0, pd.axis1, pd.regime_observed == 1))
    b.legend(handles=h, loc="lower right")
    b.set_title(r"empirical min loss, $n = 4$")
    label_panels([a, b])
    return fig


# ---------------------------------------------------------------- Fig. 7
def compute_fig07(quick=False):
    pd = _main_sweep(4, quick)
    off = boundary_offsets(pd)
    return {"pd": pd, "theory": _theory(4, quick), "settings": settings(quick), "caption_values": {"caption": (
        f"Grid search of Adam on |x|^4/4 ({len(pd.axis0)} x {len(pd.axis1)} grid over beta1, beta2 in "
        f"[{pd.axis0[0]:g}, {pd.axis0[-1]:g}], lr {pd.params['lr']:g}, x0 = {pd.x0:g}, {pd.steps} steps, "
        "normalized log-space runs, colours clipped at 1e-300). (a) Minimum loss, (b) final loss, (c) maximum coupling ratio v_t/g_t^2 over the run. "
        "Regime I's loss keeps falling far below float64's range. Solid: theoretical stability boundary (spectral radius 1, Regime I/II); dashed: existence of the "
        "non-trivial fixed point (Regime II/III). Regime I converges and stays converged; Regime II "
        "reaches low loss, then spikes (final loss high); Regime III stays near the SignGD floor lr^4/4 with "
        "v tightly coupled to g^2 (low ratio). Dotted red: edge of the observed Regime I, within "
        f"{int(np.max(np.abs(off)))} cell(s) of theory for 0.1 <= beta2 <= 0.9.")}}


@styled
def plot_fig07(data):
    pd, th = data["pd"], data["theory"]
    fig, axes = new_figure(1, 3, width=10.0, height=3.3)
    a, b, c = axes.ravel()
    heatmap(a, pd.axis0, pd.axis1, np.maximum(pd.min_log10_loss, -300), label=MINLOSS, fig=fig)
    heatmap(b, pd.axis0, pd.axis1, np.maximum(pd.final_log10_loss, -300), label=FINLOSS, fig=fig)
    cpl = pd.max_log10_coupling
    heatmap(c, pd.axis0, pd.axis1, cpl, label=COUPLING, fig=fig, cmap="cividis")
    for ax, title in ((a, "minimum loss"), (b, "final loss"), (c, "max coupling ratio")):
        h = theory_lines(ax, th["beta1"], th["beta2"], th["regime"], th["radius"], legend=False)
        ax.set_title(title)
    h.append(empirical_line(b, pd.axis0, pd.axis1, pd.regime_observed == 1))
    b.legend(handles=h, loc="lower right", fontsize=6.5)
    label_panels([a, b, c])
    return fig


# ---------------------------------------------------------------- Fig. 10
FIG10_LR = 0.0123


def fig10_facts(pd) -> dict:
    """Numbers behind Fig. 10 (Adam on x^2/2), read off the sweep ``pd``.

    ``observed_regime_one``: cells whose run alone is labelled Regime I (sustained linear convergence);
    ``theory_regime_one``: cells where the derivation finds a stable fixed point; ``spiked_fraction``:
    share of cells whose loss spiked; ``beta2_rank_correlation``: median over beta1 rows of the rank
    correlation of the minimum log10 loss with beta2.
    """
    m = np.asarray(pd.min_log10_loss, float)

    def ranks(a):
        return np.argsort(np.argsort(a)).astype(float)

    cor = [np.corrcoef(ranks(pd.axis1), ranks(m[i]))[0, 1] for i in range(m.shape[0])]
    return {"cells": int(m.size), "observed_regime_one": int(np.sum(pd.regime_observed == 1)),
            "theory_regime_one": int(np.sum(pd.regime_theory == 1)),
            "spiked_fraction": float(np.mean(pd.spike_step >= 0)),
            "beta2_rank_correlation": float(np.nanmedian(cor)), "deepest": float(np.min(m))}


def compute_fig10(quick=False):
    s = settings(quick)
    g = tuple(_grid(0.005, 0.995, s["cells"]))
    steps = 1500 if quick else 3000
    pd = sweep(2.0, g, g, steps, FIG10_LR, "normalized", 1.0)
    f = fig10_facts(pd)
    return {"pd": pd, "settings": s, "facts": f, "caption_values": {"caption": (
        f"Quadratic case (x^2/2): minimum log10 loss of Adam on a {len(g)} x {len(g)} grid over beta1, beta2 in "
        f"[{g[0]:g}, {g[-1]:g}], lr {FIG10_LR:g}, x0 = 1 (1/lr is not an integer, so SignGD cannot land exactly "
        f"on the minimum), {steps} steps (normalized log-space runs, colours clipped at 1e-300). For n = 2 "
        "there is no non-trivial fixed point and no Regime I (the paper's App. F): the derivation finds a "
        f"stable point in {f['theory_regime_one']} of {f['cells']} cells, and {f['observed_regime_one']} runs "
        f"are labelled Regime I from their loss alone; {f['spiked_fraction']:.0%} of the runs spike within "
        "the budget, the rest stay near the sign-descent floor. The minimum reached before the spike is deepest "
        f"at large beta2 (down to 1e{f['deepest']:.0f}; median rank correlation with beta2 at fixed beta1 "
        f"{f['beta2_rank_correlation']:+.2f}).")}}


@styled
def plot_fig10(data):
    pd = data["pd"]
    fig, axes = new_figure(1, 2, width=8.0, height=3.4)
    a, b = axes.ravel()
    heatmap(a, pd.axis0, pd.axis1, np.maximum(pd.min_log10_loss, -300), label=MINLOSS, fig=fig)
    a.set_title(r"min loss on $x^2/2$")
    heatmap(b, pd.axis0, pd.axis1, np.where(pd.min_step > 0, np.log10(np.maximum(pd.min_step, 1)), np.nan),
            label=r"$\log_{10}$ step of the minimum", fig=fig, cmap="cividis")
    b.set_title("when the minimum (spike onset) is reached")
    label_panels([a, b])
    return fig


# ---------------------------------------------------------------- Fig. 11
def stable_fraction(n, k=201):
    """Fraction of the (beta1, beta2) unit square in theory Regime I at degree ``n``."""
    g = _grid(0.5 / k, 1 - 0.5 / k, k)
    reg, _ = theory_grid("adam", float(n), g, g)
    return float(np.mean(reg == 1))


def compute_fig11(quick=False):
    ns = (6, 8)
    pds = {n: _main_sweep(n, quick) for n in ns}
    ths = {n: _theory(n, quick) for n in ns}
    grid_n = np.array([2.5, 3.5, 4, 5, 6, 7, 8, 10, 12, 16, 20] if not quick else [2.5, 4, 6, 8, 12])
    frac = np.array([stable_fraction(n, 81 if quick else 201) for n in grid_n])
    offs = {n: boundary_offsets(pds[n]) for n in ns}
    pd = pds[6]
    return {"pds": pds, "theory": ths, "n_grid": grid_n, "stable_fraction": frac, "offsets": offs,
            "caption_values": {"caption": (
                "Adam on |x|^n/n for n = 6 (a, b) and n = 8 (c, d): theory spectral radius with the stability "
                "boundary beta1 = beta2^(n/(2n-4)) (solid) and the existence border beta1 = beta2^((n-1)/(2n-4)) "
                f"(dashed), and the empirical minimum log10 loss ({len(pd.axis0)} x {len(pd.axis1)} grid, lr "
                f"{pd.params['lr']:g}, x0 = 1, {pd.steps} normalized steps). (e) Fraction of the unit square that is "
                "stable (Regime I) versus n: it grows with n (Remark 4.2), since n/(2n-4) decreases towards 1/2.")}}


@styled
def plot_fig11(data):
    fig = new_figure(1, 1, width=10.0, height=5.6)[0]
    fig.clear()
    ax = fig.subplot_mosaic([["a", "b", "e"], ["c", "d", "e"]], width_ratios=[1, 1, 0.8])
    for (ka, kb), n in ((("a", "b"), 6), (("c", "d"), 8)):
        th, pd = data["theory"][n], data["pds"][n]
        _radius_panel(fig, ax[ka], th, rf"theory, $n = {n}$")
        heatmap(ax[kb], pd.axis0, pd.axis1, np.maximum(pd.min_log10_loss, -300), label=MINLOSS, fig=fig)
        h = theory_lines(ax[kb], th["beta1"], th["beta2"], th["regime"], th["radius"], legend=False)
        h.append(empirical_line(ax[kb], pd.axis0, pd.axis1, pd.regime_observed == 1))
        ax[kb].legend(handles=h, loc="lower right", fontsize=6)
        ax[kb].set_title(rf"empirical min loss, $n = {n}$")
    e = ax["e"]
    e.plot(data["n_grid"], data["stable_fraction"], "o-")
    e.set_xlabel("degree $n$")
    e.set_ylabel("stable fraction of the unit square")
    e.set_title("stable area versus $n$")
    label_panels([ax[k] for k in "abcde"])
    return fig


# ---------------------------------------------------------------- Fig. 12
ZOOM = {"beta1": (0.001, 0.1), "beta2": (0.001, 0.1)}


def compute_fig12(quick=False):
    s = settings(quick)
    pd = _main_sweep(4, quick)
    k = s["cells"]
    z1 = tuple(_grid(*ZOOM["beta1"], k))
    z2 = tuple(_grid(*ZOOM["beta2"], k))
    pz = sweep(4.0, z1, z2, s["steps"], s["lr"], s["mode"], s["x0"])
    kt = s["theory_cells"]
    t1, t2 = _grid(*ZOOM["beta1"], kt), _grid(*ZOOM["beta2"], kt)
    reg, rad = theory_grid("adam", 4.0, t1, t2)
    return {"pd": pd, "zoom": pz, "theory": _theory(4, quick),
            "theory_zoom": {"beta1": t1, "beta2": t2, "regime": reg, "radius": rad},
            "caption_values": {"caption": (
                "The lower-left corner of the n = 4 diagram. (a) Theory: spectral radius; the stable region "
                "(solid) is cut off where condition [9] fails (small beta1 and beta2 < 1/16). (b) The corner "
                f"magnified (beta1 <= {ZOOM['beta1'][1]:g}, beta2 <= {ZOOM['beta2'][1]:g}). (c, d) Final log10 "
                f"loss of Adam (lr {pd.params['lr']:g}, x0 = 1, {pd.steps} normalized steps, {k} x {k} grids), with the "
                "theory boundaries: in the main region theory and experiment agree; in the corner runs can still "
                "converge where the fixed point is locally unstable (bounded period doubling / chaos, Fig. 13).")}}


@styled
def plot_fig12(data):
    fig, axes = new_figure(2, 2, width=8.0, height=6.4)
    (a, b), (c, d) = axes
    for ax, th, title in ((a, data["theory"], "theory"), (b, data["theory_zoom"], "theory, corner magnified")):
        _radius_panel(fig, ax, th, title)
    for ax, pd, th, title in ((c, data["pd"], data["theory"], "final loss"),
                              (d, data["zoom"], data["theory_zoom"], "final loss, corner magnified")):
        heatmap(ax, pd.axis0, pd.axis1, np.maximum(pd.final_log10_loss, -300), label=FINLOSS, fig=fig)
        theory_lines(ax, th["beta1"], th["beta2"], th["regime"], th["radius"])
        ax.set_title(title)
    label_panels([a, b, c, d])
    return fig
