r"""Phase diagrams for :math:`n = 6` and :math:`8` and the growth of the stable region with :math:`n` (fig11).
"""

from __future__ import annotations

import numpy as np

from ._adam_sweeps import boundary_offsets, grid, main_sweep, radius_panel, theory_map
from ._heatmaps import empirical_line, heatmap, theory_lines
from ._labels import MINLOSS
from ._theory import theory_grid
from .style import label_panels, new_figure, styled

__all__ = ["compute", "plot", "stable_fraction"]


def stable_fraction(n, k=201):
    """Fraction of the (beta1, beta2) unit square in theory Regime I at degree ``n``."""
    g = grid(0.5 / k, 1 - 0.5 / k, k)
    reg, _ = theory_grid("adam", float(n), g, g)
    return float(np.mean(reg == 1))


def compute(quick=False):
    ns = (6, 8)
    pds = {n: main_sweep(n, quick) for n in ns}
    ths = {n: theory_map(n, quick) for n in ns}
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
def plot(data):
    fig = new_figure(1, 1, width=10.0, height=5.6)[0]
    fig.clear()
    ax = fig.subplot_mosaic([["a", "b", "e"], ["c", "d", "e"]], width_ratios=[1, 1, 0.8])
    for (ka, kb), n in ((("a", "b"), 6), (("c", "d"), 8)):
        th, pd = data["theory"][n], data["pds"][n]
        radius_panel(fig, ax[ka], th, rf"theory, $n = {n}$")
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
