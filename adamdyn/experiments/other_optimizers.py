r"""Phase diagrams of the other papers' optimizers on :math:`|x|^n/n` (fig16).

Panels, each at ``n = 4`` and ``n = 6`` (normalized mode, so losses far below
``1e-308`` are exact), swept by the generated kernels on a 64 x 64 grid:

* AdaMomentum (Wang et al., 2021) and AdaBelief (as compared by Abuduweili & Liu, 2025) over
  :math:`(\beta_1, \beta_2)`;
* S3 (Peng et al., 2025) over :math:`(\beta, p)`, Nesterov on and off;
* Adam over :math:`(\beta_1, \beta_2)` for several :math:`v_0` scales (in units
  of :math:`g_0^2`; ``x0 = 1`` so :math:`g_0 = 1`).

Two independent labels per cell:

* **theory** (1: stable linear convergence, 2: fixed point exists but unstable,
  3: no fixed point), from the normalized map of each rule derived once with
  every parameter symbolic (S3's order ``p`` included) and lambdified, then
  evaluated on the grid with numpy (:func:`theory_on_grid`);
* **observed** (0 diverged, 1, 2, 3), read off the run's reductions alone by
  :func:`adamdyn.sweeps.regimes.label_regimes`, which takes no theory.

:func:`agreement` compares them on the cells away from the theory's
boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._version import __version__
from ..dynamics.results import register_result
from ..theory import quick_theory

__all__ = ["PANELS", "NS", "OtherPhases", "sweep_panels", "panel_specs", "theory_on_grid",
           "interior", "disagreement", "agreement"]

#: (key, optimizer, label, axis names, fixed params, flags passed to the theory)
PANELS = (
    ("adamomentum", "adamomentum", "AdaMomentum", ("beta1", "beta2"), {}, {}),
    ("adabelief", "adabelief", "AdaBelief", ("beta1", "beta2"), {}, {}),
    ("s3_nesterov", "s3", "S3, Nesterov", ("beta", "p"), {"nesterov": True}, {"nesterov": True}),
    ("s3_plain", "s3", "S3, no Nesterov", ("beta", "p"), {"nesterov": False}, {"nesterov": False}),
    ("adam_v0_0", "adam", "Adam, $v_0 = 0$", ("beta1", "beta2"), {"v0": 0.0}, {}),
    ("adam_v0_1", "adam", "Adam, $v_0 = g_0^2$", ("beta1", "beta2"), {"v0": 1.0}, {}),
    ("adam_v0_100", "adam", "Adam, $v_0 = 100\\,g_0^2$", ("beta1", "beta2"), {"v0": 100.0}, {}),
)
NS = (4.0, 6.0)
SIZE, QUICK_SIZE = 64, 20
STEPS, QUICK_STEPS = 5000, 3000


def panel_specs():
    """``[(key, optimizer, label, axes, fixed, flags)]`` of fig16's panels."""
    return list(PANELS)


def _grid(name, size):
    if name == "p":
        return np.linspace(0.5, 4.0, size)
    return np.linspace(0.02, 0.98, size)


@register_result
@dataclass
class OtherPhases:
    """Stacked phase diagrams: arrays ``[n_index, panel, i, j]`` with ``i`` along ``axis0``.

    ``regime_theory`` and ``spectral_radius`` come from the derivation (``notes`` names the one used
    per panel, :func:`theory_on_grid`); ``regime_observed`` from the runs alone.
    """

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
    spectral_radius: np.ndarray
    version: str = __version__
    notes: list = field(default_factory=list)


def theory_on_grid(optimizer, n, axes: dict, flags=None):
    """Derived regime and spectral radius on the mesh ``axes`` (two ``{name: values}``), arrays ``[i, j]``,
    and the name of the derivation used.

    Both come from the rule's normalized map derived once and lambdified, then evaluated by numpy:
    the full derivation (degree and parameters symbolic, :mod:`adamdyn.theory`'s numeric functions)
    where it is cached or shipped, else :func:`adamdyn.theory.quick_theory` at this degree
    (parameters symbolic, S3's ``p`` included; seconds instead of the minutes a full derivation takes,
    and it also covers S3 without Nesterov, whose full derivation sympy cannot finish).
    """
    from .. import theory as symbolic
    from ..rules import get_rule
    from ..theory import cache

    rule = get_rule(optimizer)
    # every boolean parameter, defaults filled in (as the sweeps pass them): the cache key of the derivation
    flags = {q.name: bool(dict(flags or {}).get(q.name, q.default)) for q in rule.params if q.kind == "bool"}
    if cache.load("numeric", rule, tuple(sorted(flags.items()))) is not None:
        return (*symbolic.theory_grid(optimizer, n, axes, **flags), "adamdyn.theory")
    (a, va), (b, vb) = axes.items()
    A, B = np.meshgrid(np.asarray(va, float), np.asarray(vb, float), indexing="ij")
    mesh = {a: A, b: B}
    th = quick_theory(optimizer, n, **flags)
    return th.regime(**mesh), th.spectral_radius(**mesh), "adamdyn.theory.quick_theory"


def _observe(optimizer, axes: dict, fixed: dict, steps, mode="normalized"):
    """Run the grid with the sweep kernels; reductions and the theory-free observed regime, arrays ``[i, j]``."""
    from ..rules import get_rule
    from ..sweeps.phase import run_points, split_params
    from ..sweeps.regimes import label_regimes

    rule = get_rule(optimizer)
    p, flags, n, grids = split_params(rule, axes, fixed)
    (a, va), (b, vb) = grids.items()
    mesh = dict(zip((a, b), np.meshgrid(np.asarray(va, float), np.asarray(vb, float), indexing="ij")))
    shape = mesh[a].shape
    floats = [q.name for q in rule.params if q.kind == "float"]
    cols = np.stack([mesh[k].ravel() if k in mesh else np.full(mesh[a].size, float(getattr(p, k))) for k in floats]
                    + [np.full(mesh[a].size, float(n))], axis=1)
    red = run_points(rule, flags, np.ascontiguousarray(cols), steps=steps, mode=mode)
    r = {k: np.asarray(v).reshape(shape) for k, v in red.items() if k != "tail"}
    obs = label_regimes(r["min_log10_loss"], r["final_log10_loss"], r["late_slope"], r["spike_step"],
                        r["divergence_step"], r["underflow_step"], r["deep_steps"], r["steps_run"])
    return r, obs


def sweep_panels(quick: bool = False, *, size=None, steps=None, lr=1e-2) -> OtherPhases:
    """Sweep every panel at n = 4 and 6 (64 x 64 grid, 5000 steps; ``quick``: 20 x 20, 3000 steps)."""
    size = int(size or (QUICK_SIZE if quick else SIZE))
    steps = int(steps or (QUICK_STEPS if quick else STEPS))
    shape = (len(NS), len(PANELS), size, size)
    mins, fins, rad = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    reg_t, reg_o = np.zeros(shape, np.int8), np.zeros(shape, np.int8)
    a0 = np.zeros((len(PANELS), size))
    a1 = np.zeros((len(PANELS), size))
    notes = []
    for k, (key, opt, _label, ax, fixed, flags) in enumerate(PANELS):
        axes = {ax[0]: _grid(ax[0], size), ax[1]: _grid(ax[1], size)}
        a0[k], a1[k] = axes[ax[0]], axes[ax[1]]
        for i, n in enumerate(NS):
            red, reg_o[i, k] = _observe(opt, axes, dict(fixed, lr=lr, n=n), steps)
            mins[i, k], fins[i, k] = red["min_log10_loss"], red["final_log10_loss"]
            reg_t[i, k], rad[i, k], source = theory_on_grid(opt, n, axes, flags)
            notes.append(f"{key} n={n:g}: theory from {source}")
    return OtherPhases(
        panels=[{"key": p[0], "optimizer": p[1], "label": p[2], "axes": list(p[3]), "fixed": p[4]} for p in PANELS],
        ns=list(NS), steps=steps, lr=float(lr), axis0=a0, axis1=a1, min_log10_loss=mins,
        final_log10_loss=fins, regime_theory=reg_t, regime_observed=reg_o, spectral_radius=rad, notes=notes,
    )


def interior(regime, margin=2, radius=None, tie=1e-9):
    """Cells whose theory regime is the same on every cell within ``margin`` cells (a square window).

    Cells on a neutral boundary (``|spectral radius - 1| <= tie``, where rounding decides the
    regime) are excluded too when ``radius`` is given.
    """
    reg = np.asarray(regime)
    pad = np.pad(reg, margin, mode="edge")
    same = np.ones(reg.shape, dtype=bool)
    for di in range(2 * margin + 1):
        for dj in range(2 * margin + 1):
            same &= pad[di:di + reg.shape[0], dj:dj + reg.shape[1]] == reg
    if radius is not None:
        with np.errstate(invalid="ignore"):
            same &= ~(np.abs(np.asarray(radius, float) - 1.0) <= tie)
    return same


def disagreement(data: OtherPhases, i, k, margin=2, stable_only=True) -> np.ndarray:
    """Interior cells (:func:`interior`) of panel ``[i, k]`` where theory and observation differ.

    ``stable_only``: compare "stable linear convergence (regime 1) or not" (what a run's reductions
    separate reliably); otherwise compare the regime labels themselves.
    """
    t, o = np.asarray(data.regime_theory[i, k]), np.asarray(data.regime_observed[i, k])
    differ = (t == 1) != (o == 1) if stable_only else t != o
    return interior(t, margin, data.spectral_radius[i, k]) & differ


def agreement(data: OtherPhases, margin=2, stable_only=True) -> np.ndarray:
    """Share of interior cells (:func:`interior`) where theory and observation agree, array ``[n_index, panel]``.

    ``stable_only`` as in :func:`disagreement`; NaN where a panel has no interior cell.
    """
    out = np.full(data.regime_theory.shape[:2], np.nan)
    for i in range(out.shape[0]):
        for k in range(out.shape[1]):
            mask = interior(data.regime_theory[i, k], margin, data.spectral_radius[i, k])
            if mask.any():
                out[i, k] = 1.0 - disagreement(data, i, k, margin, stable_only).sum() / mask.sum()
    return out
