"""Figures of the neural-network experiments (:mod:`adamdyn.torch.experiments`): result data in, Figure out.

Loss curves of tuned runs and Hessian spectral densities; :func:`nn_facts` reads the numbers the
catalogue's neural-network figures state. No pyplot state and no rcParams changes: every function
builds a :class:`matplotlib.figure.Figure` directly (``Figure.savefig`` renders with Agg), so they run
headless. Importing this module does not import torch.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ._unavailable import FigureUnavailable

__all__ = ["plot_mlp_activation", "plot_cnn_vs_transformer", "plot_v0_init", "plot_optimizers",
           "plot_density", "stored_density", "nn_facts", "nn_caption", "torch_experiments"]

COLORS = {"gd": "tab:blue", "adam": "tab:red", "adamomentum": "tab:green", "s3": "tab:purple",
          "adabelief": "tab:orange"}


def _curve_panel(ax, arrays, summary, key, opts, title):
    for opt in opts:
        curves = arrays[f"{key}/{opt}/curves"]
        best = list(arrays[f"{key}/{opt}/lrs"]).index(summary[key][opt]["best_lr"])
        steps = arrays[f"{key}/{opt}/steps"]
        c = curves[best]
        mean = np.nanmean(c, axis=0)
        ax.plot(steps, mean, color=COLORS.get(opt), label=f"{opt} (lr={summary[key][opt]['best_lr']:g})")
        if c.shape[0] > 1:
            ax.fill_between(steps, np.nanmin(c, axis=0), np.nanmax(c, axis=0), color=COLORS.get(opt), alpha=0.2)
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("training loss")
    ax.set_title(title)
    ax.legend(fontsize=8)


def plot_density(ax, density, label, color=None, normalise=True, max_points=20000, cdf_ax=None):
    """Draw a :class:`adamdyn.torch.spectra.SpectralDensity` on ``ax`` (eigenvalues over max |lambda| when
    ``normalise``).

    The bulk is broadened by the density's own width (tied to the Lanczos steps: ``density.sigma()``) on a
    grid fine enough to resolve it (spacing ``sigma / 3``, at most ``max_points``); the curve is drawn only
    where it reaches one eigenvalue's peak, ``1 / (n sigma sqrt(2 pi))``, below which the estimate resolves
    less than one eigenvalue (that level is the dotted line). The deflated outliers are exact eigenvalues of
    mass ``1/n`` each: ticks at the top, not bumps. ``cdf_ax`` (e.g. ``ax.twinx()``) gets the cumulative
    distribution, dashed.
    """
    d = density
    scale = d.scale if normalise and d.scale > 0 else 1.0
    sigma = d.sigma()
    nodes, _ = d.bulk
    lo, hi = (nodes.min(), nodes.max()) if nodes.size else (-sigma, sigma)
    count = int(min(max_points, max(200, np.ceil((hi - lo + 10 * sigma) / (sigma / 3)))))
    grid = np.linspace(lo - 5 * sigma, hi + 5 * sigma, count)
    dens = d.curve(grid, outliers=False) * scale
    floor = scale / (d.n * sigma * np.sqrt(2 * np.pi))
    ax.semilogy(grid / scale, np.where(dens >= floor, dens, np.nan), color=color, label=label)
    ax.axhline(floor, color=color, ls=":", lw=0.8)
    if d.num_outliers:
        ax.plot(d.outliers / scale, np.full(d.num_outliers, 0.96), ls="none", marker="|", ms=12, mew=1.5,
                color=color, transform=ax.get_xaxis_transform(),
                label=f"{d.num_outliers} deflated outliers (mass 1/n each)")
    if cdf_ax is not None:
        xs = np.sort(np.concatenate([grid, d.outliers, np.nextafter(d.outliers, -np.inf),
                                     [max(grid[-1], d.nodes.max()) + 0.05 * scale]]))
        cdf_ax.plot(xs / scale, d.cdf(xs), color=color, ls="--", lw=0.8)
        cdf_ax.set_ylim(0, 1.02)
        cdf_ax.set_ylabel("cumulative distribution (dashed)")
    ax.set_xlabel("eigenvalue / max |eigenvalue|" if normalise else "eigenvalue")
    ax.set_ylabel("spectral density of the bulk")


def stored_density(result, key):
    """The :class:`~adamdyn.torch.spectra.SpectralDensity` an experiment stored for ``key``: the first
    ``settings["slq"]["deflate"]`` nodes are the deflated outliers, and the width is recomputed from the bulk's
    Ritz range and the Lanczos steps (:func:`adamdyn.torch.spectra.lanczos_broadening`)."""
    from ..torch.spectra import SpectralDensity, lanczos_broadening

    n = int(result.summary[key]["hessian"]["n_params"])
    slq = result.settings.get("slq", {})
    k = int(slq.get("deflate", 0))
    d = SpectralDensity(np.asarray(result.arrays[f"{key}/density_nodes"], float),
                        np.asarray(result.arrays[f"{key}/density_weights"], float), n, num_outliers=k)
    nodes, _ = d.bulk
    steps = min(int(slq.get("num_steps", 40)), n - k)
    if nodes.size and steps >= 2 and nodes.max() > nodes.min():
        d.broadening = lanczos_broadening(nodes.min(), nodes.max(), steps)
    return d


#: the band |lambda| < NEAR_ZERO * max|lambda| whose spectral mass the figures call "mass near 0" (see nn_facts)
NEAR_ZERO = 0.01


def _density_panel(ax, result, keys, labels, title):
    """Two densities on a symmetric-log eigenvalue axis: linear inside the near-zero band (where the bulk's
    spike is resolved at its own width), logarithmic outside it (outliers and tails, either sign). The legend
    sits below the panel, off the data."""
    colors = ("tab:blue", "tab:red")
    cdf_ax = ax.twinx()
    lo = 0.0
    ax.axvspan(-NEAR_ZERO, NEAR_ZERO, color="0.9", lw=0, zorder=0,
               label=f"|eigenvalue| < {NEAR_ZERO:g} max (the 'mass near 0')")
    for key, label, color in zip(keys, labels, colors):
        deg = result.summary[key]["hessian"]["degeneracy"]
        d = stored_density(result, key)
        plot_density(ax, d, f"{label} (mass near 0: {deg:.2f})", color, cdf_ax=cdf_ax)
        lo = min(lo, (d.nodes.min() - 5 * d.sigma()) / d.scale)
    ax.plot([], [], color="gray", ls=":", lw=0.8, label="one eigenvalue per width")
    ax.set_xscale("symlog", linthresh=NEAR_ZERO, linscale=1.0)
    ax.set_xlim(min(lo, -NEAR_ZERO) * 1.5, 1.5)
    ax.set_xlabel("eigenvalue / max |eigenvalue| (symlog: linear in the band)")
    ax.set_title(title)
    ax.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)


def _gd_adam_figure(result, keys, titles, labels, density_title) -> Figure:
    """Loss curves of tuned GD and Adam on two tasks, then the two Hessian densities (Fig. 15's layout)."""
    fig = Figure(figsize=(13, 4.4), layout="constrained")
    axes = fig.subplots(1, 3)
    a, s = result.arrays, result.summary
    for ax, key, title in zip(axes, keys, titles):
        _curve_panel(ax, a, s, key, ("gd", "adam"), title)
    _density_panel(axes[2], result, keys, labels, density_title)
    return fig


def plot_mlp_activation(result) -> Figure:
    """Fig. 15 a-c of Bai et al. (2026) from :func:`adamdyn.torch.experiments.run_mlp_activation`'s result."""
    return _gd_adam_figure(result, ("relu", "softmax"), ("(a) MLP, ReLU", "(b) MLP, softmax"), ("ReLU", "softmax"),
                           "(c) Hessian density (Adam, end)")


def plot_cnn_vs_transformer(result) -> Figure:
    """Fig. 15 d-f of Bai et al. (2026) from :func:`run_cnn_vs_transformer`'s result."""
    return _gd_adam_figure(result, ("cnn", "gpt"), ("(d) CNN on 8x8 digits", "(e) GPT on text"),
                           ("CNN", "Transformer"), "(f) Hessian density (Adam, end)")


def plot_v0_init(result) -> Figure:
    """Early sign-like steps, loss curves and final loss of :func:`run_v0_init`'s result."""
    fig = Figure(figsize=(13, 3.8), layout="constrained")
    ax1, ax2, ax3 = fig.subplots(1, 3)
    a, s = result.arrays, result.summary
    colors = {"zero": "tab:red", "random": "tab:green", "data": "tab:blue"}
    keys = [k for k in s if "/" in k]
    for k, key in enumerate(keys):
        v0, warm = key.split("/")
        style = "--" if warm == "warmup" else "-"
        frac = a[f"{key}/sign_frac"].mean(axis=0)
        ax1.plot(np.arange(1, len(frac) + 1), frac, style, color=colors[v0], label=f"v0 {v0}, {warm}")
        ax2.plot(a[f"{key}/steps"], np.nanmean(a[f"{key}/curves"], axis=0), style, color=colors[v0])
        fin = a[f"{key}/final"]
        ax3.errorbar([k], [fin.mean()], yerr=[fin.std()], fmt="o", color=colors[v0],
                     mfc="white" if warm == "warmup" else colors[v0])
    ax1.set_xlabel("step")
    ax1.set_ylabel("fraction of sign-like updates")
    ax1.set_title("early steps: |dx| close to lr")
    ax1.legend(fontsize=7)
    ax2.set_yscale("log")
    ax2.set_xlabel("step")
    ax2.set_ylabel("loss")
    ax2.set_title("loss (mean over seeds)")
    ax3.set_xticks(range(len(keys)), [k.replace("/", "\n") for k in keys], fontsize=7)
    ax3.set_ylabel("final loss (mean, std over seeds)")
    ax3.set_title("final loss")
    return fig


def plot_optimizers(result) -> Figure:
    """Mean loss curve and min-max band over seeds per optimizer and task, from :func:`run_optimizers`."""
    tasks = result.settings["tasks"]
    opts = list(result.settings["optimizers"])
    fig = Figure(figsize=(4.3 * len(tasks), 3.8), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(tasks)))
    for ax, task in zip(axes, tasks):
        _curve_panel(ax, result.arrays, result.summary, task, opts, task)
    return fig


def torch_experiments():
    """:mod:`adamdyn.torch.experiments`, or :class:`FigureUnavailable` when torch is missing."""
    try:
        from ..torch import experiments
    except ImportError as exc:  # torch missing
        raise FigureUnavailable(f"needs torch (pip install 'torch==2.13.0' -e '.[nn]'): {exc}") from exc
    return experiments


def nn_facts(result, rel_band=0.01) -> dict:
    """Per network of a GD-vs-Adam experiment: tuned final losses, their ratio and the Hessian degeneracy.

    ``{task: {"gd": loss, "adam": loss, "gd_over_adam": ratio, "degeneracy": mass}}``; the degeneracy
    is recomputed from the stored spectral density (nodes, weights): the mass within ``rel_band`` of
    the largest ``|lambda|`` from zero.
    """
    from ..torch.spectra import SpectralDensity

    out = {}
    for key, s in result.summary.items():
        if not (isinstance(s, dict) and {"gd", "adam"} <= set(s)):
            continue
        d = SpectralDensity(np.asarray(result.arrays[f"{key}/density_nodes"], float),
                            np.asarray(result.arrays[f"{key}/density_weights"], float), int(s["hessian"]["n_params"]))
        gd, adam = float(s["gd"]["final_loss_mean"]), float(s["adam"]["final_loss_mean"])
        out[key] = {"gd": gd, "adam": adam, "gd_over_adam": gd / adam, "degeneracy": d.degeneracy(rel_band)}
    return out


def run_for_figure(experiment, head, names, quick):
    """Run ``experiment`` (one of ``adamdyn nn``'s) at the figures' settings and caption it: quick settings of the
    CLI (``tiny`` for a preview), one intra-op CPU thread (the networks are tiny; with the default count, cores
    shared with other processes made fig15 ~13x slower). ``names`` maps the experiment's two keys to labels."""
    res = torch_experiments().run_experiment(experiment, quick=True, tiny=quick, device="auto")
    return {"result": res, "caption_values": {"caption": nn_caption(head, res, tuple(names), names)}}


def nn_caption(head, result, pair, names):
    """``head`` plus the measured numbers, and whether the paper's ordering of ``pair`` shows in this run."""
    f = nn_facts(result)
    a, b = pair
    rows = "; ".join(f"{names[k]}: GD {v['gd']:.3g} vs Adam {v['adam']:.3g} (x{v['gd_over_adam']:.1f}), "
                     f"{v['degeneracy']:.1%} of the spectral mass within 1% of max|lambda| of 0"
                     for k, v in f.items())
    more_degenerate = f[b]["degeneracy"] > f[a]["degeneracy"]
    larger_gap = f[b]["gd_over_adam"] > f[a]["gd_over_adam"]
    return (f"{head} Tuned final training loss and Hessian degeneracy in this run: {rows}. Adam ends below GD on "
            f"every network. The paper's ordering ({names[b]} more degenerate than {names[a]}, with a larger "
            f"Adam advantage) {'holds' if more_degenerate and larger_gap else 'does not hold'} here "
            f"(degeneracy {'higher' if more_degenerate else 'not higher'}, Adam's advantage "
            f"{'larger' if larger_gap else 'not larger'}); at this scale it changes with the budget.")
