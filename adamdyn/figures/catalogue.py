"""The figure catalogue: figure id -> (compute function, plot function, caption).

Each figure is a module named after what it shows, holding ``compute(quick=False) -> dict`` (the data,
with ``caption_values`` where the caption states measured numbers) and ``plot(data) -> Figure``; the
catalogue lists those function objects. The ids ``fig01`` .. ``fig20`` label the paper's figures and the
files written; they are not module or function names. A figure whose data layer is missing (torch, a
symbolic function) raises :class:`FigureUnavailable` from its ``compute`` and fails alone.

To add a figure: write ``adamdyn/figures/<what_it_shows>.py`` with ``compute`` and ``plot`` (plot functions
take data and return a :class:`~matplotlib.figure.Figure`, drawn inside :func:`~adamdyn.figures.style.style`),
import the module here and append a :class:`FigureSpec` to ``_SPECS``.

>>> from adamdyn.figures.catalogue import FIGURES, get_spec
>>> get_spec("fig01").title
'GD, momentum and Adam on x^2 vs |x|^4'
>>> get_spec("fig01").compute.__module__
'adamdyn.figures.convex_vs_degenerate'
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..references import cite
from . import (
    acceleration_bifurcation,
    adam_curvature,
    atlas_map,
    cnn_vs_transformer,
    convergence_rate,
    convex_vs_degenerate,
    family_phase,
    grid_search,
    low_momentum_bifurcation,
    lower_left_corner,
    mixed_curvature,
    mlp_activation,
    other_optimizers,
    quadratic_case,
    quadratic_phase_diagram,
    regime_map,
    regime_runs,
    saddle_toy,
    stability_region,
    stable_region_growth,
)
from ._unavailable import FigureUnavailable
from .style import FORMATS, save_figure

__all__ = ["FigureSpec", "FIGURES", "FigureUnavailable", "get_spec", "parse_ids", "build", "write_captions"]


@dataclass(frozen=True)
class FigureSpec:
    """One catalogue entry. ``caption`` may hold ``{name}`` fields filled from ``data['caption_values']``.

    ``compute(quick=False) -> dict`` makes the data, ``plot(data) -> Figure`` draws it.
    """

    id: str
    title: str
    compute: Callable
    plot: Callable
    caption: str

    def __post_init__(self):
        for role in ("compute", "plot"):
            value = getattr(self, role)
            if not callable(value):
                raise TypeError(f"figure {self.id}: {role}={value!r} is not a function. "
                                f"Fix: pass the function object (e.g. module.{role}), not its name.")

    def compute_data(self, quick=False):
        return self.compute(quick=quick)

    def plot_data(self, data):
        return self.plot(data)

    def caption_for(self, data) -> str:
        return self.caption.format_map(dict(data.get("caption_values", {}))) if "{" in self.caption else self.caption


_SPECS = [
    FigureSpec(
        "fig01", "GD, momentum and Adam on x^2 vs |x|^4", convex_vs_degenerate.compute, convex_vs_degenerate.plot,
        "GD (lr 0.1), heavy-ball momentum (m = 0.9 m + g, lr 0.01) and Adam (lr 0.01, beta1 0.9, beta2 0.99, "
        "no bias correction, eps 0) from x0 = 1. (a) On the strongly convex x^2/2 all three converge linearly, "
        "but Adam's loss spikes (shaded) once its effective curvature exceeds the stability threshold. "
        "(b) On the degenerate |x|^4/4, GD and momentum slow to a power law while Adam converges linearly "
        "(loss falls by beta2 per step). (c) The same on log-log axes: GD and momentum follow t^-2.",
    ),
    FigureSpec(
        "fig02", "Adam's loss, curvature, v and g^2 on x^2 vs |x|^4", adam_curvature.compute,
        adam_curvature.plot,
        "Adam (lr 0.01, beta1 0.9, beta2 0.99, x0 = 1). (a) Loss on x^2/2 (spike shaded) and on |x|^4/4 "
        "(stable linear convergence). (b) Effective curvature lambda_t = eta |x_t|^(n-2)/sqrt(v_t): it grows "
        "without bound on x^2 (triggering the spike) and settles to a constant on |x|^4. (c, d) The second "
        "moment v_t decouples from g_t^2 and decays freely at beta2 per step in both cases.",
    ),
    FigureSpec(
        "fig03", "Theoretical stability region and empirical phase diagram, n = 4", stability_region.compute,
        stability_region.plot, "{caption}",
    ),
    FigureSpec(
        "fig04", "Acceleration-map bifurcation diagram and Lyapunov exponent, n = 4", acceleration_bifurcation.compute,
        acceleration_bifurcation.plot, "{caption}",
    ),
    FigureSpec(
        "fig05", "The three regimes in the (beta1, beta2) plane", regime_map.compute, regime_map.plot,
        "{caption}",
    ),
    FigureSpec(
        "fig06", "One run from each regime, n = 4", regime_runs.compute, regime_runs.plot, "{caption}",
    ),
    FigureSpec(
        "fig07", "Grid search: min loss, final loss, max coupling ratio, n = 4", grid_search.compute,
        grid_search.plot, "{caption}",
    ),
    FigureSpec(
        "fig08", "Mixed curvature x^2/2 + y^4/4", mixed_curvature.compute, mixed_curvature.plot,
        "GD (lr 0.1), heavy-ball momentum (beta 0.9, lr 0.01) and Adam (lr 0.01, beta1 0.9, beta2 0.99) on "
        "f = x^2/2 + y^4/4 from (1, 1), raw float64. (a) Total loss: GD and momentum are bottlenecked by the "
        "degenerate direction y (power law); Adam keeps converging linearly in y (c) while the quadratic "
        "direction x (b) produces loss spikes.",
    ),
    FigureSpec(
        "fig09", "Quadratic case: Adam and RMSProp", quadratic_case.compute, quadratic_case.plot,
        "Adam (lr 0.01, beta1 0.9, beta2 0.999) and RMSProp (lr 0.01, beta2 0.999) on x^2/2 from x0 = 1, "
        "normalized log-space runs (losses below 1e-308 are exact). (a) Adam converges linearly before its "
        "spike; (b) RMSProp converges superlinearly, then spikes. (c) Adam's pre-spike slope, fitted through "
        "the loss peaks over steps {w0}-{w1}: {fitted:.5f} per step in log10 loss vs the derived "
        "log10(beta1) - log10(beta2)/4 = {predicted:.5f} ({rel:+.2%}; verify claim 13b: Adam's growing step "
        "multiplies the momentum) and the paper's log10(beta1) + log10(beta2)/4 = {paper:.5f} ({rel_paper:+.2%}). "
        "(d, e) v_t decouples from g_t^2; "
        "(f) m_t stays coupled to g_t.",
    ),
    FigureSpec(
        "fig10", "Quadratic-case phase diagram of min loss", quadratic_phase_diagram.compute, quadratic_phase_diagram.plot, "{caption}",
    ),
    FigureSpec(
        "fig11", "Phase diagrams for n = 6 and 8; growth of the stable region with n", stable_region_growth.compute,
        stable_region_growth.plot, "{caption}",
    ),
    FigureSpec(
        "fig12", "The lower-left corner: condition [9]", lower_left_corner.compute, lower_left_corner.plot, "{caption}",
    ),
    FigureSpec(
        "fig13", "Low-momentum transitions and effective-sharpness bifurcations", low_momentum_bifurcation.compute,
        low_momentum_bifurcation.plot, "{caption}",
    ),
    FigureSpec(
        "fig14", "Convergence-rate check over (beta2, n)", convergence_rate.compute, convergence_rate.plot, "{caption}",
    ),
    FigureSpec(
        "fig15", "Neural networks: ReLU vs softmax MLP, GD vs Adam, Hessian spectra", mlp_activation.compute,
        mlp_activation.plot, "{caption}",
    ),
    FigureSpec(
        "fig16", "Other optimizers' phase diagrams (AdaMomentum, AdaBelief, S3, Adam with v0)",
        other_optimizers.compute, other_optimizers.plot, "{caption}",
    ),
    FigureSpec(
        "fig17", f"The saddle toy of {cite('initial-steps', title=False)} (Table 5 not reproduced as printed)", saddle_toy.compute, saddle_toy.plot, "{caption}",
    ),
    FigureSpec(
        "fig18", "Neural networks: CNN vs Transformer, GD vs Adam, Hessian spectra", cnn_vs_transformer.compute,
        cnn_vs_transformer.plot, "{caption}",
    ),
    FigureSpec(
        "fig19", "The optimizer family: where each rule converges linearly (measured slope ratio, derived regimes)",
        family_phase.compute, family_phase.plot, "{caption}",
    ),
    FigureSpec(
        "fig20", "Adam's atlas at n = 4 (labels and Lyapunov exponents without theory) and its basins",
        atlas_map.compute, atlas_map.plot, "{caption}",
    ),
]

FIGURES: dict[str, FigureSpec] = {s.id: s for s in _SPECS}


def get_spec(fig_id) -> FigureSpec:
    try:
        return FIGURES[str(fig_id).strip().lower()]
    except KeyError:
        raise ValueError(f"unknown figure {fig_id!r}; valid names are {', '.join(FIGURES)}. "
                         "Fix: pass one of those (comma-separated for several).") from None


def parse_ids(only) -> list:
    """``None`` -> every id; ``"fig03,fig07"`` or a list -> those ids, validated, in catalogue order."""
    if only is None:
        return list(FIGURES)
    items = only.split(",") if isinstance(only, str) else list(only)
    ids = [get_spec(i).id for i in items if str(i).strip()]
    if not ids:
        raise ValueError(f"no figure named in {only!r}; valid names are {', '.join(FIGURES)}.")
    return [i for i in FIGURES if i in ids]


def build(fig_id, *, quick=False, out=None, fmt="png", dpi=None):
    """Compute, plot and (when ``out`` is given) save one figure with its caption.

    Returns ``(figure, caption, data, path_or_None, seconds)``.
    """
    spec = get_spec(fig_id)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; valid formats are {', '.join(FORMATS)}. Fix: pass fmt='png'.")
    t0 = time.perf_counter()
    data = spec.compute_data(quick=quick)
    fig = spec.plot_data(data)
    caption = spec.caption_for(data)
    path = None
    if out is not None:
        path = save_figure(fig, os.path.join(os.fspath(out), f"{spec.id}.{fmt}"), caption=caption, dpi=dpi)
    return fig, caption, data, path, time.perf_counter() - t0


def write_captions(out, fmt="png") -> str:
    """Collect every ``figNN.txt`` in ``out`` into ``CAPTIONS.md`` (a gallery for the README)."""
    out = os.fspath(out)
    lines = ["# Figures", "", "Regenerate with `adamdyn figures` (add `--quick` for a fast preview).", ""]
    for spec in FIGURES.values():
        txt = os.path.join(out, f"{spec.id}.txt")
        if not os.path.exists(txt):
            continue
        with open(txt, encoding="utf-8") as fh:
            caption = fh.read().strip()
        image = next((f"{spec.id}.{e}" for e in (fmt, *FORMATS) if os.path.exists(os.path.join(out, f"{spec.id}.{e}"))),
                     f"{spec.id}.{fmt}")
        lines += [f"## {spec.id}: {spec.title}", "", f"![{spec.id}]({image})", "", caption, ""]
    path = os.path.join(out, "CAPTIONS.md")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return path
