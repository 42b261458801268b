"""The figure catalogue: figure id -> (compute function, plot function, caption).

Functions are named as ``"module:function"`` inside :mod:`adamdyn.plot` and
imported only when a figure is built, so a figure whose data layer is missing
fails alone with :class:`FigureUnavailable` instead of breaking the others.

>>> from adamdyn.plot.catalogue import FIGURES, get_spec
>>> get_spec("fig01").title
'GD, momentum and Adam on x^2 vs |x|^4'
"""

from __future__ import annotations

import importlib
import os
import time
from dataclasses import dataclass

from ..references import cite
from .style import FORMATS, save_figure

__all__ = ["FigureSpec", "FIGURES", "FigureUnavailable", "get_spec", "parse_ids", "build", "write_captions"]


class FigureUnavailable(RuntimeError):
    """A figure cannot be built because a library layer it needs is missing."""


@dataclass(frozen=True)
class FigureSpec:
    """One catalogue entry. ``caption`` may hold ``{name}`` fields filled from ``data['caption_values']``."""

    id: str
    title: str
    compute: str
    plot: str
    caption: str

    def _resolve(self, ref):
        mod, func = ref.split(":")
        try:
            module = importlib.import_module(f".{mod}", __package__)
            return getattr(module, func)
        except (ImportError, AttributeError) as exc:
            raise FigureUnavailable(f"{self.id} needs {mod}.{func}, which cannot be loaded: {exc}") from exc

    def compute_data(self, quick=False):
        return self._resolve(self.compute)(quick=quick)

    def plot_data(self, data):
        return self._resolve(self.plot)(data)

    def caption_for(self, data) -> str:
        return self.caption.format_map(dict(data.get("caption_values", {}))) if "{" in self.caption else self.caption


_SPECS = [
    FigureSpec(
        "fig01", "GD, momentum and Adam on x^2 vs |x|^4", "trajectories:compute_fig01", "trajectories:plot_fig01",
        "GD (lr 0.1), heavy-ball momentum (m = 0.9 m + g, lr 0.01) and Adam (lr 0.01, beta1 0.9, beta2 0.99, "
        "no bias correction, eps 0) from x0 = 1. (a) On the strongly convex x^2/2 all three converge linearly, "
        "but Adam's loss spikes (shaded) once its effective curvature exceeds the stability threshold. "
        "(b) On the degenerate |x|^4/4, GD and momentum slow to a power law while Adam converges linearly "
        "(loss falls by beta2 per step). (c) The same on log-log axes: GD and momentum follow t^-2.",
    ),
    FigureSpec(
        "fig02", "Adam's loss, curvature, v and g^2 on x^2 vs |x|^4", "trajectories:compute_fig02",
        "trajectories:plot_fig02",
        "Adam (lr 0.01, beta1 0.9, beta2 0.99, x0 = 1). (a) Loss on x^2/2 (spike shaded) and on |x|^4/4 "
        "(stable linear convergence). (b) Effective curvature lambda_t = eta |x_t|^(n-2)/sqrt(v_t): it grows "
        "without bound on x^2 (triggering the spike) and settles to a constant on |x|^4. (c, d) The second "
        "moment v_t decouples from g_t^2 and decays freely at beta2 per step in both cases.",
    ),
    FigureSpec(
        "fig03", "Theoretical stability region and empirical phase diagram, n = 4", "phase:compute_fig03",
        "phase:plot_fig03", "{caption}",
    ),
    FigureSpec(
        "fig04", "Acceleration-map bifurcation diagram and Lyapunov exponent, n = 4", "bifurcation:compute_fig04",
        "bifurcation:plot_fig04", "{caption}",
    ),
    FigureSpec(
        "fig05", "The three regimes in the (beta1, beta2) plane", "regimes:compute_fig05", "regimes:plot_fig05",
        "{caption}",
    ),
    FigureSpec(
        "fig06", "One run from each regime, n = 4", "regimes:compute_fig06", "regimes:plot_fig06", "{caption}",
    ),
    FigureSpec(
        "fig07", "Grid search: min loss, final loss, max coupling ratio, n = 4", "phase:compute_fig07",
        "phase:plot_fig07", "{caption}",
    ),
    FigureSpec(
        "fig08", "Mixed curvature x^2/2 + y^4/4", "trajectories:compute_fig08", "trajectories:plot_fig08",
        "GD (lr 0.1), heavy-ball momentum (beta 0.9, lr 0.01) and Adam (lr 0.01, beta1 0.9, beta2 0.99) on "
        "f = x^2/2 + y^4/4 from (1, 1), raw float64. (a) Total loss: GD and momentum are bottlenecked by the "
        "degenerate direction y (power law); Adam keeps converging linearly in y (c) while the quadratic "
        "direction x (b) produces loss spikes.",
    ),
    FigureSpec(
        "fig09", "Quadratic case: Adam and RMSProp", "trajectories:compute_fig09", "trajectories:plot_fig09",
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
        "fig10", "Quadratic-case phase diagram of min loss", "phase:compute_fig10", "phase:plot_fig10", "{caption}",
    ),
    FigureSpec(
        "fig11", "Phase diagrams for n = 6 and 8; growth of the stable region with n", "phase:compute_fig11",
        "phase:plot_fig11", "{caption}",
    ),
    FigureSpec(
        "fig12", "The lower-left corner: condition [9]", "phase:compute_fig12", "phase:plot_fig12", "{caption}",
    ),
    FigureSpec(
        "fig13", "Low-momentum transitions and effective-sharpness bifurcations", "bifurcation:compute_fig13",
        "bifurcation:plot_fig13", "{caption}",
    ),
    FigureSpec(
        "fig14", "Convergence-rate check over (beta2, n)", "rates:compute_fig14", "rates:plot_fig14", "{caption}",
    ),
    FigureSpec(
        "fig15", "Neural networks: ReLU vs softmax MLP, GD vs Adam, Hessian spectra", "extra:compute_fig15",
        "extra:plot_fig15", "{caption}",
    ),
    FigureSpec(
        "fig16", "Other optimizers' phase diagrams (AdaMomentum, AdaBelief, S3, Adam with v0)",
        "extra:compute_fig16", "extra:plot_fig16", "{caption}",
    ),
    FigureSpec(
        "fig17", f"The saddle toy of {cite('initial-steps', title=False)} (Table 5 not reproduced as printed)", "extra:compute_fig17", "extra:plot_fig17", "{caption}",
    ),
    FigureSpec(
        "fig18", "Neural networks: CNN vs Transformer, GD vs Adam, Hessian spectra", "extra:compute_fig18",
        "extra:plot_fig18", "{caption}",
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
