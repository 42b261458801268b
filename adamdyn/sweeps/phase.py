r"""Phase diagrams: any two parameters as axes, every grid point run by a generated kernel.

Each point is an independent run of the optimizer on :math:`|x|^n/n` from
``x0``; the kernel keeps reductions only (no per-step storage), in parallel
over points (``prange``), so 1 and 2 threads give bit-identical arrays.

Reductions (per point, over steps ``t = 0 .. steps_run``, loss of ``x_t``):

* ``min_log10_loss``, ``min_step`` (first step attaining it), ``final_log10_loss``;
* ``max_log10_coupling``: max over steps of log10 of the rule's first state of
  degree != 1 divided by ``|g_t|^degree`` (``v_t/g_t^2`` for Adam);
* ``spike_step``: first step where the loss exceeds ``10**spike_decades`` times
  its running minimum (-1: none);
* ``divergence_step`` (loss above ``10**diverge_log10_loss`` or a non-finite
  value), ``underflow_step`` (raw: loss, ``|g|^maxdegree`` or an updated
  state below float64's smallest normal number, as :func:`adamdyn.simulate`;
  normalized: an exact zero step), -1 when none; a flagged point stops there;
* ``late_slope``: least-squares slope of log10 loss per step over the last
  ~20% of the steps run, from samples: the log10 losses at steps ``k b`` with
  ``s0 <= k b < t_end`` plus the one at ``t_end`` (``s0 = b * (int(0.8 t_end) // b)``,
  ``b = ceil(steps / 64)``: 13-14 points), so raw kernels need no log per step;
* ``steps_run``: updates actually iterated.
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass, field

import numpy as np

from .._progress import progress_bar
from .._version import __version__
from ..dynamics.objectives import N_PARAM
from ..dynamics.results import register_result
from ..rules import get_rule
from .regimes import LABELLING, label_regimes, slope_check

__all__ = ["PhaseDiagram", "phase_diagram", "run_points", "MODES"]

MODES = ("raw", "normalized")


@register_result
@dataclass
class PhaseDiagram:
    """A swept grid: reductions, observed and theory regimes, and every parameter that made it.

    Arrays have shape ``(len(axis0),)`` or ``(len(axis0), len(axis1))``; index
    ``[i, j]`` is ``axis0[i]``, ``axis1[j]``. ``regime_observed`` comes from the
    reductions alone; ``slope_error`` / ``slope_matches_theory`` compare the
    observed late slope with ``predicted_slope`` separately.

    Per point (the module docstring defines each reduction): ``min_log10_loss`` and
    ``min_step`` (the first step that attains it), ``final_log10_loss``,
    ``max_log10_coupling``, ``late_slope``, ``spike_step``, ``divergence_step`` and
    ``underflow_step`` (``-1``: none), ``steps_run`` (updates iterated),
    ``deep_steps`` (steps spent more than ``labelling["deep_decades"]`` decades below
    the SignGD floor ``n log10(lr) - log10(n)``), ``regime_observed`` (0 diverged,
    1 / 2 / 3: Regimes I / II / III, see :data:`~adamdyn.sweeps.regimes.REGIME_NAMES`),
    ``regime_theory`` and ``spectral_radius`` (the engine's; 0 and NaN where it has no
    theory, with ``theory_note`` saying why) and ``predicted_slope``. Settings:
    ``params`` (the fixed parameters), ``x0``, ``steps``, ``spike_decades``,
    ``diverge_log10_loss``, ``labelling`` (the thresholds of
    :func:`~adamdyn.sweeps.regimes.label_regimes`), ``threads`` (kernel threads: the
    arrays do not depend on it), ``updates`` (in all) and ``elapsed_s``.
    """

    optimizer: str
    mode: str
    axis_names: list
    axis0: np.ndarray
    axis1: np.ndarray
    params: dict
    x0: float
    steps: int
    spike_decades: float
    diverge_log10_loss: float
    min_log10_loss: np.ndarray
    final_log10_loss: np.ndarray
    max_log10_coupling: np.ndarray
    late_slope: np.ndarray
    min_step: np.ndarray
    spike_step: np.ndarray
    divergence_step: np.ndarray
    underflow_step: np.ndarray
    steps_run: np.ndarray
    deep_steps: np.ndarray
    regime_observed: np.ndarray
    regime_theory: np.ndarray
    spectral_radius: np.ndarray
    predicted_slope: np.ndarray
    theory_note: str = ""
    threads: int = 1
    updates: int = 0
    elapsed_s: float = 0.0
    version: str = __version__
    labelling: dict = field(default_factory=dict)

    @property
    def axes(self) -> dict:
        out = {self.axis_names[0]: self.axis0}
        if len(self.axis_names) > 1:
            out[self.axis_names[1]] = self.axis1
        return out

    @property
    def updates_per_s(self) -> float:
        return self.updates / self.elapsed_s if self.elapsed_s > 0 else math.nan

    @property
    def slope_error(self):
        """``(late_slope - predicted_slope) / |predicted_slope|`` (NaN where theory gives no rate)."""
        return slope_check(self.late_slope, self.predicted_slope)[0]

    @property
    def slope_matches_theory(self):
        """``|slope_error| <= labelling["slope_rtol"]`` (False where theory gives no rate); not part of the labels."""
        rtol = self.labelling.get("slope_rtol", LABELLING["slope_rtol"])
        return slope_check(self.late_slope, self.predicted_slope, rtol)[1]

    @property
    def spiked(self):
        return self.spike_step >= 0

    @property
    def diverged(self):
        return self.divergence_step >= 0

    @property
    def underflowed(self):
        return self.underflow_step >= 0

    def summary(self) -> dict:
        """JSON-ready dict (arrays as nested lists ``[axis0][axis1]``)."""
        return {
            "optimizer": self.optimizer,
            "mode": self.mode,
            "axes": {k: v for k, v in self.axes.items()},
            "params": dict(self.params),
            "x0": self.x0,
            "steps": self.steps,
            "min_log10_loss": self.min_log10_loss,
            "final_log10_loss": self.final_log10_loss,
            "max_log10_coupling": self.max_log10_coupling,
            "late_slope": self.late_slope,
            "spike_step": self.spike_step,
            "divergence_step": self.divergence_step,
            "underflow_step": self.underflow_step,
            "regime_observed": self.regime_observed,
            "regime_theory": self.regime_theory,
            "predicted_slope": self.predicted_slope,
            "slope_error": self.slope_error,
            "slope_matches_theory": self.slope_matches_theory,
            "labelling": dict(self.labelling),
            "spectral_radius": self.spectral_radius,
            "theory_note": self.theory_note,
            "threads": self.threads,
            "updates": self.updates,
            "elapsed_s": self.elapsed_s,
            "version": self.version,
        }


#: largest grid one phase_diagram call accepts (results ~16 float64 per point); bigger sweeps go in tiles
MAX_POINTS = 64 * 2**20


def _check_positive(name, value, fix):
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number; valid range is finite values > 0. Fix: {fix}.") from None
    if not (np.isfinite(v) and v > 0):
        raise ValueError(f"{name}={value!r} is out of range; valid range is finite values > 0. Fix: {fix}.")
    return v


def _check_steps(steps):
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps={steps!r} is invalid; valid range is integers >= 1. Fix: pass steps=20000.")
    return int(steps)


def _check_x0(x0):
    try:
        x = float(x0)
    except (TypeError, ValueError):
        raise ValueError(f"x0={x0!r} is not a number. Fix: pass x0=1.0.") from None
    if not math.isfinite(x) or x == 0.0:
        raise ValueError(
            f"x0={x0!r} is invalid; valid values are finite and non-zero (0 is the minimum itself). "
            "Fix: pass x0=1.0."
        )
    return x


def _check_grid(name, values, rule):
    try:
        arr = np.asarray(values, dtype=float) if not isinstance(values, str) else None
    except (TypeError, ValueError):
        raise ValueError(f"axis {name!r} holds values that are not numbers ({values!r}). Fix: pass e.g. "
                         "np.linspace(0.01, 0.999, 64).") from None
    if arr is None or arr.size == 0:
        raise ValueError(f"axis {name!r} has no values ({values!r}). Fix: pass e.g. np.linspace(0.01, 0.999, 64).")
    if arr.ndim > 1:
        raise ValueError(f"axis {name!r} has shape {arr.shape}; an axis is a 1-D sequence of values (the grid is "
                         "their product). Fix: pass e.g. np.linspace(0.01, 0.999, 64).")
    arr = arr.ravel()
    q = N_PARAM if name == "n" else next(q for q in rule.params if q.name == name)
    for v in (arr.min(), arr.max(), *arr[~np.isfinite(arr)][:1]):
        q.check(float(v), f"optimizer {rule.name!r} axis")
    return arr


def split_params(rule, axes: dict, fixed: dict):
    """Validate axis names and fixed values; return (flags, fixed floats, n, axis arrays)."""
    if not isinstance(axes, dict) or not 1 <= len(axes) <= 2:
        raise ValueError(
            f"axes must be a dict of one or two parameters, got {axes!r}. "
            'Fix: pass axes={"beta1": np.linspace(0.01, 0.999, 64), "beta2": np.linspace(0.01, 0.999, 64)}.'
        )
    floats = [q.name for q in rule.params if q.kind == "float"]
    bools = [q.name for q in rule.params if q.kind == "bool"]
    valid = floats + ["n"]
    for name in axes:
        if name not in valid:
            hint = " (boolean parameters are compile-time variants; pass them in fixed)" if name in bools else ""
            raise ValueError(
                f"axis {name!r} is not a float parameter of optimizer {rule.name!r}{hint}; valid axes are "
                f"{', '.join(valid)}. Fix: use one of those names."
            )
    fixed = dict(fixed or {})
    both = sorted(set(fixed) & set(axes))
    if both:
        raise ValueError(f"parameter {both[0]!r} is both an axis and fixed. Fix: drop it from fixed.")
    n = fixed.pop("n", N_PARAM.default)
    n = N_PARAM.check(n, "objective |x|^n/n")
    p = rule.make_params(**fixed)
    flags = {k: getattr(p, k) for k in bools}
    grids = {name: _check_grid(name, v, rule) for name, v in axes.items()}
    return p, flags, n, grids


def run_points(rule, flags, columns: np.ndarray, *, x0=1.0, steps=1000, mode="raw", spike_decades=2.0,
               diverge_log10_loss=50.0, deep_decades=LABELLING["deep_decades"], progress=False, chunks=1, tail=0):
    """Run the generated kernel on the rows of ``columns`` (float params in rule order, then n).

    Returns a dict of reduction arrays (one entry per point) plus ``tail``
    (normalized mode: last ``tail`` values of ``(log10 lambda, 1 - rho)``).
    Inputs are trusted (validate with :func:`phase_diagram`).
    """
    from ..kernels import F_COLUMNS, I_COLUMNS, get_kernels

    raw, norm = get_kernels(rule, flags)
    npts = columns.shape[0]
    F = np.empty((npts, len(F_COLUMNS)))
    I = np.empty((npts, len(I_COLUMNS)), dtype=np.int64)
    T = np.zeros((npts, tail if mode == "normalized" else 0, 2))
    bounds = np.linspace(0, npts, max(1, min(chunks, npts)) + 1).astype(int)
    with progress_bar(npts, progress, desc=f"{rule.name} {mode}", unit="pt") as bar:
        for a, b in zip(bounds[:-1], bounds[1:]):
            P = np.ascontiguousarray(columns[a:b])
            if mode == "raw":
                raw(P, float(x0), int(steps), float(spike_decades), float(diverge_log10_loss), float(deep_decades), F[a:b], I[a:b])
            else:
                norm(P, float(x0), int(steps), float(spike_decades), float(diverge_log10_loss), float(deep_decades), F[a:b], I[a:b],
                     T[a:b])
            bar.update(b - a)
    out = {k: F[:, j] for j, k in enumerate(F_COLUMNS)}
    out.update({k: I[:, j] for j, k in enumerate(I_COLUMNS)})
    out["tail"] = T
    return out


def _theory(rule, p, flags, grid_params: dict, n):
    """Theory regime, spectral radius and predicted slope from :mod:`adamdyn.theory` (lazily imported).

    Regime 0 and NaN with a note only where the engine has no theory (:class:`~adamdyn.theory.TheoryUnavailable`,
    e.g. ``eps != 0``); any other error is a bug and propagates.
    """
    from .. import theory as S

    shape = np.broadcast(*grid_params.values(), n).shape
    nan = np.full(shape, np.nan)
    kwargs = dict(grid_params)
    kwargs.update(flags)
    try:
        reg = np.broadcast_to(np.asarray(S.regime(rule.name, n=n, **kwargs)), shape).astype(np.int8)
        rad = np.broadcast_to(np.asarray(S.spectral_radius(rule.name, n=n, **kwargs), float), shape).copy()
        rho = np.broadcast_to(np.asarray(S.rate(rule.name, n=n, **kwargs), float), shape)
    except S.TheoryUnavailable as exc:
        return np.zeros(shape, np.int8), nan, nan, f"theory not available for {rule.name!r}: {exc}"
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.asarray(n, float) * np.log10(rho)
    return reg.copy(), rad, np.asarray(slope, float), "adamdyn.theory"


def _theory_chunked(rule, p, flags, params: dict, n, shape, chunk=1 << 16):
    """:func:`_theory` for the points of the flat columns ``params`` ({name: values}) and ``n``,
    ``chunk`` points at a time (bounds the lambdified expressions' temporaries: a 1024^2 grid would
    otherwise hold ~150 MB of them at once); results reshaped to the grid's ``shape``."""
    size = n.size
    reg = np.zeros(size, np.int8)
    rad = np.full(size, np.nan)
    pred = np.full(size, np.nan)
    note = "adamdyn.theory"
    for a in range(0, size, chunk):
        b = min(a + chunk, size)
        r, d, s, note = _theory(rule, p, flags, {k: v[a:b] for k, v in params.items()}, n[a:b])
        if note != "adamdyn.theory":
            break
        reg[a:b], rad[a:b], pred[a:b] = r, d, s
    return reg.reshape(shape), rad.reshape(shape), pred.reshape(shape), note


def phase_diagram(optimizer="adam", axes=None, fixed=None, *, steps=20000, mode="normalized", x0=1.0,
                  spike_decades=2.0, diverge_log10_loss=50.0, progress=False, device="cpu") -> PhaseDiagram:
    r"""Sweep ``optimizer`` on :math:`|x|^n/n` over a grid of one or two parameters.

    Args:
        optimizer: rule name (``"adam"``, ``"rmsprop"``, ``"s3"``, ...) or Rule.
        axes: ``{name: values}`` for one or two axes; names are the rule's float
            parameters (``beta1``, ``beta2``, ``lr``, ``p``, ``beta``, ...) or ``n``.
        fixed: other parameters (``{"lr": 1e-2, "n": 4, "bias_correction": False}``);
            missing ones take the rule's defaults (``n`` defaults to 4).
        steps: updates per point.
        mode: ``"raw"`` float64 or ``"normalized"`` (log space, losses far below 1e-308 exact).
        x0: start point.
        spike_decades: a rise of this many decades above the running minimum is a spike.
        diverge_log10_loss: loss above ``10**diverge_log10_loss`` counts as divergence.
        progress: progress bar on stderr (only when it is a terminal; CPU only).
        device: ``"cpu"`` (the numba kernels), ``"cuda"`` (the CUDA kernels of :mod:`adamdyn.scale.gpu`, generated
            from the same rules; a ValueError without a GPU) or ``"auto"`` (CUDA when numba finds a GPU). On a
            GPU, normalized mode takes every step in sign/log form (the CPU kernel's fallback scheme), and the
            GPU's ``log``/``exp`` may differ from the CPU's in the last bit: the two devices' results agree to
            rounding, not bit for bit (``benchmarks/gpu_check.py`` measures by how much).

    Returns:
        :class:`PhaseDiagram` (reductions, ``regime_observed`` by the rule in
        :mod:`adamdyn.sweeps.regimes`, ``regime_theory``/``spectral_radius`` from
        :mod:`adamdyn.theory`).

    Example:
        Regime I (``beta1 < beta2``): exponential convergence, followed in log space
        far below float64's smallest number (1e-308), where a raw run stops:

        >>> pd = phase_diagram("adam", {"beta1": [0.5], "beta2": [0.9]}, {"lr": 1e-2}, steps=8000)
        >>> int(pd.regime_observed[0, 0]), bool(pd.min_log10_loss[0, 0] < -308), bool(pd.underflowed[0, 0])
        (1, True, False)
        >>> raw = phase_diagram("adam", {"beta1": [0.5], "beta2": [0.9]}, {"lr": 1e-2}, steps=8000, mode="raw")
        >>> bool(raw.underflowed[0, 0]), bool(raw.min_log10_loss[0, 0] > -308)
        (True, True)
    """
    import numba

    rule = get_rule(optimizer)
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; valid modes are {', '.join(MODES)}. Fix: pass mode='normalized'.")
    steps = _check_steps(steps)
    x0 = _check_x0(x0)
    spike_decades = _check_positive("spike_decades", spike_decades, "pass spike_decades=2")
    diverge_log10_loss = _check_positive("diverge_log10_loss", diverge_log10_loss, "pass diverge_log10_loss=50")
    if axes is None:
        axes = {"beta1": np.linspace(0.01, 0.999, 32), "beta2": np.linspace(0.01, 0.999, 32)}
    if isinstance(axes, dict):
        sizes = [np.size(v) for v in axes.values()]
        points = int(np.prod(sizes, dtype=float)) if sizes else 0
        if points > MAX_POINTS:
            need = points * 8 * 16 / 2**30
            raise ValueError(
                f"a grid of {' x '.join(map(str, sizes))} = {points:,} points needs about {need:,.1f} GiB for its "
                f"results; the limit for one phase_diagram call is {MAX_POINTS:,} points. Fix: split it into tiles "
                "with adamdyn.scale.sweep (or `adamdyn sweep --tile 256`).")
    if _use_cuda(device):
        from ..scale import gpu

        return grid_sweep(rule, axes, fixed, gpu.run_points_cuda, steps=steps, mode=mode, x0=x0,
                          spike_decades=spike_decades, diverge_log10_loss=diverge_log10_loss, threads=1)
    run = functools.partial(run_points, progress=progress, chunks=64 if progress else 1)
    return grid_sweep(rule, axes, fixed, run, steps=steps, mode=mode, x0=x0, spike_decades=spike_decades,
                      diverge_log10_loss=diverge_log10_loss, threads=int(numba.get_num_threads()))


def _use_cuda(device) -> bool:
    """Whether ``device`` (``"cpu"``, ``"cuda"``, ``"auto"``) runs the CUDA kernels; ValueError for a bad value
    or ``"cuda"`` without a GPU."""
    if device not in ("cpu", "cuda", "auto"):
        raise ValueError(f"device={device!r} is invalid; valid values are cpu, cuda, auto. Fix: pass device='cpu'.")
    if device == "cpu":
        return False
    from ..scale import gpu

    if gpu.cuda_available():
        return True
    if device == "cuda":
        raise ValueError("device='cuda' but numba.cuda finds no usable GPU. Fix: pass device='cpu' (or 'auto').")
    return False


def grid_sweep(rule, axes, fixed, runner, *, steps, mode, x0, spike_decades, diverge_log10_loss, threads):
    """Build the parameter columns of the grid, run them with ``runner`` and assemble the :class:`PhaseDiagram`.

    ``runner(rule, flags, columns, x0=, steps=, mode=, spike_decades=, diverge_log10_loss=)`` returns the
    reductions per point (:func:`run_points` on the CPU, :func:`adamdyn.scale.gpu.run_points_cuda` on a GPU);
    the arguments are already validated.
    """
    p, flags, n, grids = split_params(rule, axes, fixed)
    names = list(grids)
    shape = tuple(np.size(v) for v in grids.values())
    floats = [q.name for q in rule.params if q.kind == "float"]
    # one (points, parameters) array filled column by column (no mesh copies: a 1024^2 grid stays small)
    columns = np.empty((int(np.prod(shape)), len(floats) + 1))
    for k, name in enumerate(floats + ["n"]):
        if name in grids:
            axis = names.index(name)
            view = columns[:, k].reshape(shape)
            view[...] = np.asarray(grids[name], float).reshape([-1 if a == axis else 1 for a in range(len(shape))])
        else:
            columns[:, k] = n if name == "n" else getattr(p, name)
    t0 = time.perf_counter()
    red = runner(rule, flags, columns, x0=x0, steps=steps, mode=mode, spike_decades=spike_decades,
                 diverge_log10_loss=diverge_log10_loss)
    elapsed = time.perf_counter() - t0
    reg_t, rad, pred, note = _theory_chunked(rule, p, flags, {name: columns[:, k] for k, name in enumerate(floats)},
                                             columns[:, -1], shape)
    arr = {k: v.reshape(shape) for k, v in red.items() if k != "tail"}
    reg_o = label_regimes(arr["min_log10_loss"], arr["final_log10_loss"], arr["late_slope"], arr["spike_step"],
                          arr["divergence_step"], arr["underflow_step"], arr["deep_steps"], arr["steps_run"],
                          spike_decades=spike_decades)
    params = p.as_dict()
    params["n"] = n
    for name in names:
        params.pop(name, None)
    return PhaseDiagram(
        optimizer=rule.name, mode=mode, axis_names=names,
        axis0=np.asarray(grids[names[0]]), axis1=np.asarray(grids[names[1]]) if len(names) > 1 else np.zeros(0),
        params=params, x0=x0, steps=steps, spike_decades=float(spike_decades),
        diverge_log10_loss=float(diverge_log10_loss),
        regime_observed=reg_o, regime_theory=reg_t, spectral_radius=rad, predicted_slope=pred,
        theory_note=note, threads=threads, updates=int(red["steps_run"].sum()),
        elapsed_s=elapsed, labelling={**LABELLING, "spike_decades": float(spike_decades)},
        **arr,
    )
