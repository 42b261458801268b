r"""The saddle toy of Abuduweili & Liu (2025), App. B.2 (fig17): the objective, the loss above the minimum
and the iterate of Adam with :math:`v_0 = 0`, with a warm-up, with a random :math:`v_0`, and of SGD.

The runs and the verdict on their Table 5 come from :mod:`adamdyn.experiments.seed000_toy`; the caption
states what the runs show (Table 5 is not reproduced as printed).
"""

from __future__ import annotations

import numpy as np

from ..experiments.seed000_toy import (
    DEFAULTS,
    METHOD_LABELS,
    METHODS,
    Seed000Toy,
    points_text,
    run_toy,
    saddle_objective,
    table5_matches,
)
from ..references import cite
from .style import COLORS, label_panels, new_figure, style

__all__ = ["TOY_COLORS", "CAPTION", "caption", "compute", "plot"]

TOY_COLORS = {
    "adam_v0_zero": COLORS["red"], "adam_warmup": COLORS["orange"],
    "adam_v0_rnd": COLORS["blue"], "sgd": COLORS["grey"],
}

CAPTION = (
    f"The saddle toy of {cite('initial-steps', title=False)} (App. B.2), with the switch moved inside (-b, b): eq. 17 as printed puts it at "
    "x_s = {xs_literal:.3f}, where f has no saddle ({literal_points}), so Table 5 is not reproduced as "
    "printed. Moved inside (x_s = {xs_inner:.3f}), f has {inner_points}. (a) The objective, (b) the loss "
    "above the global minimum and (c) the iterate over steps for Adam with v0 = 0, Adam with a linear "
    "warm-up, Adam with a random v0 and SGD, from x0 = -1e-6 (torch's Adam: bias correction, eps = 1e-8). "
    "Adam with v0 = 0 takes a sign step of size lr = 1 to the flat saddle at +1, overshoots and stalls "
    "near the saddle at -1 (x = {x_v0_zero:.3f}; Table 5 prints -0.96): {matches} of 4 columns of Table 5 "
    "match. The other three end near the minimum x = 0 (|x| <= {others:.1e}), as the paper says, but not at "
    "its printed values (0.01, 1e-7, 9e-7)."
)


def caption(res: Seed000Toy) -> str:
    """:data:`CAPTION` filled from ``res``, a :class:`~adamdyn.experiments.seed000_toy.Seed000Toy` (``inner`` reading)."""
    s = res.settings
    fin = res.final()
    return CAPTION.format(
        xs_literal=saddle_objective("literal", s["n"], s["b"], s["s"]).xs,
        xs_inner=saddle_objective("inner", s["n"], s["b"], s["s"]).xs,
        literal_points=points_text(res.stationary["literal"]), inner_points=points_text(res.stationary["inner"]),
        x_v0_zero=fin["adam_v0_zero"], matches=sum(table5_matches(res.by_reading["inner"])),
        others=max(abs(fin[m]) for m in METHODS if m != "adam_v0_zero"),
    )


def compute(quick=False) -> dict:
    """The four runs without sensitivity rows (``quick`` shortens them to 500 steps) and the caption."""
    res = run_toy(with_sensitivity=False, steps=500 if quick else DEFAULTS["steps"])
    return {"result": res, "caption_values": {"caption": caption(res)}}


def plot(data):
    """The objective, the loss above the minimum and the iterate, per method.

    ``data["result"]`` is a :class:`adamdyn.experiments.seed000_toy.Seed000Toy`.
    """
    res = data["result"]
    s = res.settings
    obj = saddle_objective(s["reading"], s["n"], s["b"], s["s"])
    with style():
        fig, axes = new_figure(1, 3, width=7.5, height=2.6)
        ax0, ax1, ax2 = axes[0]
        grid = np.linspace(-1.6, 1.6, 801)
        ax0.plot(grid, [obj.value(np.array([v])) for v in grid], color=COLORS["black"])
        ax0.axvline(-s["b"], color=COLORS["grey"], ls=":", lw=0.8)
        ax0.axvline(s["b"], color=COLORS["grey"], ls=":", lw=0.8)
        ax0.set_xlabel("x")
        ax0.set_ylabel("f(x)")
        for k, m in enumerate(res.methods):
            c = TOY_COLORS.get(m)
            gap = np.asarray(res.loss_gap[k], dtype=float)
            ax1.semilogy(res.step, np.where(gap > 0, gap, np.nan), color=c, label=METHOD_LABELS[m])
            ax2.plot(res.step, res.x[k], color=c, label=METHOD_LABELS[m])
            ax0.plot([res.x[k][-1]], [obj.value(np.array([res.x[k][-1]]))], "o", ms=4, color=c)
        ax1.set_xlabel("step")
        ax1.set_ylabel("f(x) - f(0)")
        ax2.set_xlabel("step")
        ax2.set_ylabel("x")
        ax2.set_yscale("symlog", linthresh=1e-8)
        ax2.set_yticks([-1, -1e-4, -1e-8, 0, 1e-8, 1e-4, 1])
        ax1.legend(loc="lower left", fontsize=6.5)
        label_panels(axes[0])
    return fig
