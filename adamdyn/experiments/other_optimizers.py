r"""Phase diagrams of the other seeds' optimizers on :math:`|x|^n/n` (fig16).

Panels, each at ``n = 4`` and ``n = 6`` (normalized mode, so losses far below
``1e-308`` are exact), swept by :func:`adamdyn.sweeps.phase_diagram`:

* AdaMomentum (seed 002) and AdaBelief (seed 000's comparison) over
  :math:`(\beta_1, \beta_2)`;
* S3 (seed 004) over :math:`(\beta, p)`, Nesterov on and off;
* Adam over :math:`(\beta_1, \beta_2)` for several :math:`v_0` scales (in units
  of :math:`g_0^2`; ``x0 = 1`` so :math:`g_0 = 1`).

The theory regimes (1: stable linear convergence, 2: fixed point exists but
unstable, 3: no fixed point) come from the derivation
(:func:`adamdyn.experiments.theory.quick_theory`, the same numbers as
:mod:`adamdyn.symbolic`'s numeric functions) and are drawn as contours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._version import __version__
from ..results import register_result
from .theory import quick_theory

__all__ = ["PANELS", "OtherPhases", "compute_fig16", "FIG16_CAPTION", "panel_specs"]

#: (key, optimizer, label, axis names, fixed params, flags passed to the theory)
PANELS = (
    ("adamomentum", "adamomentum", "AdaMomentum", ("beta1", "beta2"), {}, {}),
    ("adabelief", "adabelief", "AdaBelief", ("beta1", "beta2"), {}, {}),
    ("s3_nesterov", "s3", "S3, Nesterov", ("beta", "p"), {"nesterov": True}, {"nesterov": True}),
    ("s3_plain", "s3", "S3, no Nesterov", ("beta", "p"), {"nesterov": False}, {"nesterov": False}),
    ("adam_v0_0", "adam", "Adam, v0 = 0", ("beta1", "beta2"), {"v0": 0.0}, {}),
    ("adam_v0_1", "adam", "Adam, v0 = g0^2", ("beta1", "beta2"), {"v0": 1.0}, {}),
    ("adam_v0_100", "adam", "Adam, v0 = 100 g0^2", ("beta1", "beta2"), {"v0": 100.0}, {}),
)
NS = (4.0, 6.0)


def panel_specs():
    """``[(key, optimizer, label, axes, fixed, flags)]`` of fig16's columns."""
    return list(PANELS)


def _grid(name, size):
    if name == "p":
        return np.linspace(0.5, 4.0, size)
    return np.linspace(0.02, 0.98, size)


@register_result
@dataclass
class OtherPhases:
    """Stacked phase diagrams: arrays ``[n_index, panel, i, j]`` with ``i`` along ``axis0``."""

    panels: list
    ns: list
    steps: int
    lr: float
    axis0: np.ndarray
    axis1: np.ndarray
    min_log10_loss: np.ndarray
    final_log10_loss: np.ndarray
    regime_theory: np.ndarray
    regime_observed: np.ndarray
    theory_source: str = "adamdyn.experiments.theory.quick_theory"
    version: str = __version__
    notes: list = field(default_factory=list)


def _theory_regime(opt, n, axes, mesh, flags, pvalue=None):
    """Derived regime on the mesh; for S3 the theory is derived per value of ``p`` (a structural exponent)."""
    names = list(axes)
    if opt == "s3":
        out = np.empty(mesh[0].shape, dtype=np.int64)
        for j, p in enumerate(mesh[1][0]):
            th = quick_theory("s3", n, p=float(p), **flags)
            out[:, j] = th.regime(beta=mesh[0][:, j])
        return out
    th = quick_theory(opt, n, **flags)
    return th.regime(**{names[0]: mesh[0], names[1]: mesh[1]})


def compute_fig16(quick: bool = False, *, size=None, steps=None, lr=1e-2) -> OtherPhases:
    """Sweep every panel at n = 4 and 6 (8x8 grid; ``quick``: 3000 steps, else 10000)."""
    from ..sweeps import phase_diagram

    size = size or 8  # the S3 panels derive the theory per p value; other p grids make sympy very slow
    steps = steps or (3000 if quick else 10000)
    shape = (len(NS), len(PANELS), size, size)
    mins, fins = np.full(shape, np.nan), np.full(shape, np.nan)
    reg_t, reg_o = np.zeros(shape, np.int8), np.zeros(shape, np.int8)
    a0 = np.zeros((len(PANELS), size))
    a1 = np.zeros((len(PANELS), size))
    notes = []
    for k, (key, opt, label, ax, fixed, flags) in enumerate(PANELS):
        axes = {ax[0]: _grid(ax[0], size), ax[1]: _grid(ax[1], size)}
        a0[k], a1[k] = axes[ax[0]], axes[ax[1]]
        mesh = np.meshgrid(axes[ax[0]], axes[ax[1]], indexing="ij")
        for i, n in enumerate(NS):
            pd = phase_diagram(opt, axes, dict(fixed, lr=lr, n=n), steps=steps, mode="normalized")
            mins[i, k], fins[i, k] = pd.min_log10_loss, pd.final_log10_loss
            reg_o[i, k] = pd.regime_observed
            if opt == "s3" and ax[1] == "p":
                # p is an exponent of the rule: the theory is derived at each p separately
                reg_t[i, k] = _theory_regime(opt, n, axes, mesh, flags)
            else:
                reg_t[i, k] = _theory_regime(opt, n, axes, mesh, flags)
            if pd.theory_note and pd.theory_note != "adamdyn.symbolic":
                notes.append(f"{key} n={n:g}: sweeps theory note: {pd.theory_note}")
    return OtherPhases(
        panels=[{"key": p[0], "optimizer": p[1], "label": p[2], "axes": list(p[3]), "fixed": p[4]} for p in PANELS],
        ns=list(NS), steps=int(steps), lr=float(lr), axis0=a0, axis1=a1, min_log10_loss=mins,
        final_log10_loss=fins, regime_theory=reg_t, regime_observed=reg_o, notes=notes,
    )


FIG16_CAPTION = (
    "Phase diagrams of the other seeds' optimizers on |x|^n/n (rows: n = 4 and n = 6; normalized-mode runs "
    "from x0 = 1 with lr = 1e-2): final log10 loss over (beta1, beta2) for AdaMomentum, AdaBelief and Adam with "
    "v0 = 0, g0^2 and 100 g0^2, and over (beta, p) for S3 with and without Nesterov. White lines: derived "
    "boundaries of the regimes (stable linear convergence | fixed point exists but unstable | no fixed point) "
    "from the normalized map of each rule. v0 leaves the map and its boundaries unchanged."
)
