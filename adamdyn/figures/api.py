"""Plot any result: a :class:`~adamdyn.sweeps.PhaseDiagram` or a :class:`~adamdyn.Trajectory`.

Data in, Figure out, package style applied inside a context (no global change).

>>> import adamdyn as ad
>>> fig = trajectory_figure(ad.simulate("adam", n=4, beta1=0.8, beta2=0.9, steps=200, mode="normalized"))
>>> [ax.get_ylabel() for ax in fig.axes][:1]
['$\\\\log_{10} f(x_t)$']
"""

from __future__ import annotations

import numpy as np

from ._heatmaps import heatmap, theory_lines
from ._labels import SYMBOLS
from .style import label_panels, new_figure, styled

__all__ = ["phase_diagram_figure", "trajectory_figure"]

LABELS = {
    "min_log10_loss": r"min $\log_{10} f$",
    "final_log10_loss": r"final $\log_{10} f$",
    "max_log10_coupling": r"max $\log_{10} v/g^2$",
    "late_slope": r"late slope of $\log_{10} f$ per step",
    "regime_observed": "observed regime (0 diverged, 1 I, 2 II, 3 III)",
    "regime_theory": "theory regime (1 I, 2 II, 3 III)",
    "spectral_radius": "spectral radius",
}


@styled
def phase_diagram_figure(pd, quantities=("min_log10_loss", "final_log10_loss", "regime_observed"), *,
                         theory=True, clip=-300.0):
    r"""Heatmaps of a 2-D phase diagram, one panel per quantity, theory boundaries drawn over them.

    Args:
        pd: a :class:`~adamdyn.sweeps.PhaseDiagram` with two axes.
        quantities: names of its 2-D arrays (see ``LABELS``).
        theory: draw the stability (spectral radius = 1) and existence boundaries
            of :mod:`adamdyn.theory` where the sweep carries them.
        clip: lower limit of the colour scale for log10 losses.

    Returns:
        :class:`matplotlib.figure.Figure`.
    """
    if len(getattr(pd, "axis_names", ())) != 2:
        raise ValueError(f"phase_diagram_figure needs a phase diagram over two axes, got {type(pd).__name__}"
                         f"{' with axes ' + ', '.join(pd.axis_names) if hasattr(pd, 'axis_names') else ''}. "
                         "Fix: pass ad.phase_diagram(...)'s result over two axes.")
    if isinstance(quantities, str):
        quantities = (quantities,)
    quantities = tuple(quantities)
    shape = (np.size(pd.axis0), np.size(pd.axis1))
    unknown = [q for q in quantities if np.shape(getattr(pd, str(q), None)) != shape]
    if unknown or not quantities:
        raise ValueError(f"unknown quantity {unknown[0] if unknown else '(none given)'!r}; valid names are "
                         f"{', '.join(LABELS)} (the diagram's arrays of shape {shape}). Fix: pass e.g. "
                         "quantities=('min_log10_loss', 'regime_observed').")
    if isinstance(clip, bool) or not isinstance(clip, (int, float, np.floating)) or not np.isfinite(clip):
        raise ValueError(f"clip={clip!r} is not a finite number (the lower end of the log10-loss colour scale). "
                         "Fix: pass e.g. clip=-300.")
    a0, a1 = pd.axis_names
    fig, axes = new_figure(1, len(quantities), width=4.6 * len(quantities), height=3.9, squeeze=True)
    for ax, q in zip(axes, quantities):
        Z = np.asarray(getattr(pd, q), float)
        regimes = q.startswith("regime")
        if q.endswith("log10_loss"):
            Z = np.maximum(Z, clip)
        heatmap(ax, pd.axis0, pd.axis1, Z, cmap="cividis" if regimes else "viridis", label=LABELS.get(q, q),
                vmin=0 if regimes else None, vmax=3 if regimes else None)
        ax.set_xlabel(SYMBOLS.get(a0, a0))
        ax.set_ylabel(SYMBOLS.get(a1, a1))
        if theory and np.any(pd.regime_theory):
            theory_lines(ax, *_fine_theory(pd), loc="lower right")
    label_panels(axes)
    fig.suptitle(f"{pd.optimizer}: {pd.steps} steps, {pd.mode} mode, " +
                 ", ".join(f"{k}={v:g}" for k, v in pd.params.items() if isinstance(v, float) and k not in (a0, a1)),
                 fontsize=9)
    return fig


def _fine_theory(pd, k=301):
    """Theory regimes on a fine grid spanning the sweep (smooth boundary lines); the sweep's own if that fails."""
    from .. import theory as symbolic

    a0, a1 = pd.axis_names
    g0 = np.linspace(pd.axis0.min(), pd.axis0.max(), k)
    g1 = np.linspace(pd.axis1.min(), pd.axis1.max(), k)
    X, Y = np.meshgrid(g0, g1, indexing="ij")
    params = {q: v for q, v in pd.params.items() if q not in (a0, a1) and not isinstance(v, str)}
    params.update({a0: X, a1: Y})
    n = params.pop("n", None)
    try:
        return g0, g1, symbolic.regime(pd.optimizer, n=n, **params), symbolic.spectral_radius(pd.optimizer, n=n, **params)
    except (ValueError, TypeError):
        return pd.axis0, pd.axis1, pd.regime_theory, pd.spectral_radius


@styled
def trajectory_figure(traj):
    r"""Loss, effective curvature :math:`\lambda_t` and coupling :math:`v_t/g_t^2` of one run.

    Args:
        traj: a :class:`~adamdyn.Trajectory` (raw or normalized mode).

    Returns:
        :class:`matplotlib.figure.Figure` with three panels.
    """
    from ..dynamics.simulation import Trajectory

    if not isinstance(traj, Trajectory):
        raise ValueError(f"trajectory_figure draws one run, a Trajectory, not a {type(traj).__name__}. "
                         "Fix: pass ad.simulate(...)'s result (a phase diagram: phase_diagram_figure).")
    fig, axes = new_figure(1, 3, width=11, height=3.2, squeeze=True)
    t = traj.step
    axes[0].plot(t, traj.log10_loss)
    axes[0].set_ylabel(r"$\log_{10} f(x_t)$")
    axes[1].plot(t, traj.log10_lambda)
    axes[1].set_ylabel(r"$\log_{10} \lambda_t$")
    axes[2].plot(t, traj.log10_coupling)
    axes[2].set_ylabel(r"$\log_{10} v_t/g_t^2$")
    for ax in axes:
        ax.set_xlabel("step $t$")
    label_panels(axes)
    fig.suptitle(f"{traj.optimizer} on {traj.objective} {traj.objective_params}, {traj.mode} mode", fontsize=9)
    return fig
