"""The public plot helpers: a PhaseDiagram and a Trajectory, data in, Figure out."""

import matplotlib as mpl
import numpy as np
import pytest

import adamdyn as ad


def test_phase_diagram_figure_draws_theory_over_each_heatmap(tmp_path):
    g = np.linspace(0.1, 0.95, 8)
    pd = ad.phase_diagram("adam", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=300)
    before = dict(mpl.rcParams)
    fig = ad.figures.phase_diagram_figure(pd, ("min_log10_loss", "regime_observed"))
    assert dict(mpl.rcParams) == before
    heat = [ax for ax in fig.axes if ax.get_xlabel() == r"$\beta_1$"]
    assert len(heat) == 2
    for ax in heat:
        assert ax.get_legend() is not None and len(ax.get_legend().get_texts()) == 2
    path = ad.figures.save_figure(fig, tmp_path / "pd.png")
    assert (tmp_path / "pd.png").stat().st_size > 1000 and str(path).endswith("pd.png")


def test_phase_diagram_figure_bad_quantity():
    g = np.linspace(0.1, 0.9, 3)
    pd = ad.phase_diagram("adam", {"beta1": g, "beta2": g}, {"lr": 1e-2, "n": 4}, steps=50)
    with pytest.raises(ValueError, match="unknown quantity 'loss'"):
        ad.figures.phase_diagram_figure(pd, ("loss",))
