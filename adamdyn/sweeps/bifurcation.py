r"""Bifurcation diagrams: iterate past a transient, keep the last K values of an observable.

* ``"acceleration"``: the acceleration map
  :math:`S_{t+1} = \alpha S_t |1 - S_t|^{n-2}` (GD with :math:`\eta_{t+1} = \alpha\eta_t`
  on :math:`|x|^n/n`), swept over ``alpha``. The largest Lyapunov exponent is
  the orbit average of :math:`\log|h'(S_t)|` (1-D tangent map) over its own
  window of ``lyap_steps`` steps after the transient, independent of the
  ``keep`` values plotted: 200 steps are far from converged in chaos (at
  alpha = 6, n = 4, 200 steps give 0.431, 10^5 steps 0.354). Its standard
  error is by batch means: the window is cut into ``LYAP_BLOCKS`` consecutive
  blocks and the error is the standard deviation of the block means over
  :math:`\sqrt{\text{blocks}}` (blocks of ~3000 steps are much longer than the
  map's correlation time in chaos; on periodic orbits the error is ~0).
  An orbit that leaves to infinity (non-finite S) has no exponent: NaN, and its
  ``divergence_step`` says when it left.
* an optimizer name (``"adam"``): the normalized-map kernel, observable
  ``log10 lambda_t`` (effective sharpness ``lr |x_t|^{n-2} / scale_t``), swept
  over one parameter (e.g. ``beta2`` at fixed ``beta1``). No Lyapunov exponent
  is computed here (:func:`adamdyn.dynamics.atlas.atlas` gives the spectrum). A
  run whose loss diverges has ``divergence_step >= 0`` and a NaN orbit.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from numba import njit, prange

from .._version import __version__
from ..dynamics.results import register_result
from ..rules import get_rule

__all__ = ["Bifurcation", "bifurcation", "MAPS", "LYAP_BLOCKS", "LYAP_STEPS"]

MAPS = ("acceleration",)
#: default length of the Lyapunov window (steps after the transient) and its number of batch-means blocks
LYAP_STEPS = 100_000
LYAP_BLOCKS = 32


@register_result
@dataclass
class Bifurcation:
    """Last ``keep`` values of the observable for each parameter value, plus Lyapunov exponents.

    ``lyapunov`` is the average over ``lyap_steps`` steps after the transient (its own window, not the
    ``keep`` plotted values) and ``lyapunov_stderr`` its batch-means standard error over ``lyap_blocks``
    blocks; ``lyap_steps = 0`` when no exponent was computed (both arrays NaN). ``divergence_step`` is, per
    value, the step at which the run left the finite range (acceleration map: S not finite; optimizer: the
    loss above 1e50), ``-1`` where it did not; :attr:`diverged` is ``divergence_step >= 0``.
    """

    system: str
    param: str
    values: np.ndarray
    orbit: np.ndarray
    lyapunov: np.ndarray
    observable: str
    lyapunov_stderr: np.ndarray = None
    params: dict = field(default_factory=dict)
    transient: int = 0
    keep: int = 0
    lyap_steps: int = 0
    lyap_blocks: int = 0
    elapsed_s: float = 0.0
    version: str = __version__
    divergence_step: np.ndarray = None

    def __post_init__(self):
        if self.lyapunov_stderr is None:
            self.lyapunov_stderr = np.full(np.shape(self.lyapunov), np.nan)
        if self.divergence_step is None:
            self.divergence_step = np.full(np.shape(self.values), -1, dtype=np.int64)

    @property
    def diverged(self) -> np.ndarray:
        """Per value: whether the run left the finite range (see ``divergence_step``)."""
        return np.asarray(self.divergence_step) >= 0

    def summary(self) -> dict:
        return {"system": self.system, "param": self.param, "values": self.values, "orbit": self.orbit,
                "lyapunov": self.lyapunov, "lyapunov_stderr": self.lyapunov_stderr, "observable": self.observable,
                "params": dict(self.params), "transient": self.transient, "keep": self.keep,
                "lyap_steps": self.lyap_steps, "lyap_blocks": self.lyap_blocks,
                "divergence_step": self.divergence_step, "diverged": int(self.diverged.sum()), "version": self.version}


@njit(cache=True, parallel=True)
def _acceleration(alphas, n, s0, transient, keep, lyap_steps, orbit, blocks, escaped):
    """Iterate h past ``transient``; ``orbit[i]`` = the next ``keep`` values of S; ``blocks[i, k]`` = sum of
    log|h'(S_t)| over block k of the first ``lyap_steps`` steps after the transient (block k covers steps
    ``[k L // B, (k+1) L // B)``). ``escaped[i]`` = the step (counted from the start, 1 = the first) at which S
    first became non-finite, -1 if it stayed finite."""
    nblocks = blocks.shape[1]
    m = int(n - 2.0)
    whole = float(m) == n - 2.0
    for i in prange(alphas.size):
        a = alphas[i]
        s = s0
        escaped[i] = -1
        for t in range(transient):
            s = a * s * (abs(1.0 - s) ** m if whole else abs(1.0 - s) ** (n - 2.0))
            if escaped[i] < 0 and not math.isfinite(s):
                escaped[i] = t + 1
        for k in range(nblocks):
            blocks[i, k] = 0.0
        for t in range(max(keep, lyap_steps)):
            d = 1.0 - s
            ad = abs(d)
            q = ad ** m if whole else ad ** (n - 2.0)  # integer powers multiply (3x faster than pow)
            if t < lyap_steps:
                # h'(S) = a |1-S|^(n-3) (|1-S| - (n-2) S sign(1-S))
                p = q / ad if ad > 0.0 else ad ** (n - 3.0)
                deriv = a * p * (ad - (n - 2.0) * s * (1.0 if d > 0 else -1.0))
                blocks[i, t * nblocks // lyap_steps] += math.log(abs(deriv)) if deriv != 0.0 else -np.inf
            s = a * s * q
            if t < keep:
                orbit[i, t] = s
            if not math.isfinite(s):
                if escaped[i] < 0:
                    escaped[i] = transient + t + 1
                for u in range(t + 1, keep):  # iterating a non-finite S leaves it where it is
                    orbit[i, u] = s
                break


def _check_count(name, value, lo, example):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < lo:
        raise ValueError(f"{name}={value!r} is invalid; valid range is integers >= {lo}. Fix: pass {name}={example}.")
    return int(value)


def _lyapunov(alphas, n, s0, transient, keep, lyap_steps):
    """Orbit (``keep`` values), the escape step (-1: none) and, if ``lyap_steps``, the exponent and its
    batch-means standard error."""
    nb = LYAP_BLOCKS if lyap_steps else 1
    orbit = np.empty((alphas.size, keep))
    blocks = np.empty((alphas.size, nb))
    escaped = np.empty(alphas.size, np.int64)
    _acceleration(alphas, n, s0, transient, keep, lyap_steps, orbit, blocks, escaped)
    if not lyap_steps:
        return orbit, escaped, np.full(alphas.size, np.nan), np.full(alphas.size, np.nan)
    counts = np.diff(np.arange(nb + 1) * lyap_steps // nb)
    with np.errstate(invalid="ignore"):
        lyap = blocks.sum(axis=1) / lyap_steps
        err = np.std(blocks / counts, axis=1, ddof=1) / math.sqrt(nb)
    bad = (escaped >= 0) & (escaped <= transient + lyap_steps)  # left inside the exponent's window
    lyap[bad] = np.nan
    err[bad] = np.nan
    return orbit, escaped, lyap, err


def _real(name, value, example):
    """``value`` as a float, or a ``ValueError`` naming it (a string, an array, None)."""
    if isinstance(value, (bool, str, bytes)) or np.ndim(value) != 0:
        raise ValueError(f"{name}={value!r} is not a number. Fix: pass e.g. {name}={example}.")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number. Fix: pass e.g. {name}={example}.") from None


def bifurcation(system="acceleration", *, param="alpha", values=None, n=None, transient=2000, keep=200,
                s0=None, fixed=None, lyapunov=None, lyap_steps=LYAP_STEPS) -> Bifurcation:
    """Bifurcation diagram of ``system`` (``"acceleration"`` or an optimizer name) over ``param``.

    ``keep`` values after ``transient`` steps are kept for plotting. The acceleration map starts at ``s0``
    (default 0.1, in (0, 2)) and needs ``n > 2``; its Lyapunov exponent (``lyapunov``, default on) is averaged
    over its own ``lyap_steps`` steps after the transient, with a batch-means standard error
    (``lyapunov_stderr``). An optimizer's map runs from x0 = 1 at the parameters ``fixed`` (its ``n``: the
    argument ``n``, default 4, or ``fixed["n"]``, not both); ``s0`` and ``lyapunov`` belong to the
    acceleration map and are refused for it. ``values``: a 1-D sequence of finite numbers.

    Example:
        >>> b = bifurcation("acceleration", values=[3.0, 4.5], n=4, keep=4, lyap_steps=2000)
        >>> bool(b.lyapunov[0] < 0), len(set(np.round(b.orbit[1], 6)))
        (True, 2)
    """
    if values is None:
        values = np.linspace(1.0, 8.0, 200)
    try:
        vals = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"values={values!r} are not numbers. Fix: pass e.g. values=np.linspace(1, 8, 200).") from None
    if vals.ndim != 1 or vals.size == 0 or not np.all(np.isfinite(vals)):
        raise ValueError(f"values must be a non-empty 1-D sequence of finite numbers, got shape {vals.shape}"
                         f"{'' if np.all(np.isfinite(vals)) else ' with non-finite entries'}. "
                         "Fix: pass e.g. values=np.linspace(1, 8, 200).")
    transient = _check_count("transient", transient, 0, 2000)
    keep = _check_count("keep", keep, 1, 200)
    lyap_steps = _check_count("lyap_steps", lyap_steps, 2 * LYAP_BLOCKS, LYAP_STEPS)
    fixed = dict(fixed or {})
    t0 = time.perf_counter()
    if system == "acceleration":
        if param != "alpha":
            raise ValueError(f"the acceleration map has one parameter 'alpha', not {param!r}. Fix: param='alpha'.")
        if fixed:
            raise ValueError(f"the acceleration map has no parameters to fix (got fixed={fixed!r}); its only "
                             "settings are n and s0. Fix: drop fixed, or pass an optimizer name as the system.")
        n = 4.0 if n is None else _real("n", n, 4)
        if not n > 2.0:
            raise ValueError(f"n={n!r} is out of range; valid range is n > 2 for the acceleration map "
                             "(at n = 2 it is the linear map S' = alpha S). Fix: pass n=4.")
        if not np.all(vals > 0):
            raise ValueError(f"alpha values must be > 0, got min {vals.min()!r}. Fix: pass values=np.linspace(1, 8, 200).")
        s0 = 0.1 if s0 is None else _real("s0", s0, 0.1)
        if not 0.0 < s0 < 2.0:
            raise ValueError(f"s0={s0!r} is out of range; valid range is (0, 2). Fix: pass s0=0.1.")
        steps = lyap_steps if (lyapunov is None or lyapunov) else 0
        orbit, escaped, lyap, err = _lyapunov(vals, n, s0, transient, keep, steps)
        return Bifurcation(system="acceleration", param="alpha", values=vals, orbit=orbit, lyapunov=lyap,
                           lyapunov_stderr=err, observable="S", params={"n": n, "s0": s0},
                           transient=transient, keep=keep, lyap_steps=steps,
                           lyap_blocks=LYAP_BLOCKS if steps else 0, elapsed_s=time.perf_counter() - t0,
                           divergence_step=escaped)
    from .phase import run_points, split_params

    rule = get_rule(system)
    for name, value, why in (("s0", s0, "it is the acceleration map's start"),
                             ("lyapunov", lyapunov, "no exponent is computed for an optimizer's map here; "
                                                    "adamdyn.dynamics.atlas.atlas gives its Lyapunov spectrum")):
        if value is not None and value is not False:
            raise ValueError(f"{name}={value!r} does not apply to optimizer {rule.name!r} ({why}). Fix: drop {name}.")
    if n is not None and "n" in fixed and _real("n", n, 4) != _real("fixed['n']", fixed["n"], 4):
        raise ValueError(f"n is given twice: n={n!r} and fixed['n']={fixed['n']!r}. Fix: pass it once.")
    fixed.setdefault("n", 4.0 if n is None else n)
    p, flags, n, grids = split_params(rule, {param: vals}, fixed)
    floats = [q.name for q in rule.params if q.kind == "float"]
    cols = np.stack([grids[param] if k == param else np.full(vals.size, getattr(p, k)) for k in floats]
                    + [np.full(vals.size, n)], axis=1)
    steps = int(transient) + int(keep)
    red = run_points(rule, flags, np.ascontiguousarray(cols), steps=steps, mode="normalized", tail=int(keep))
    orbit = red["tail"][:, :, 0].copy()
    stopped = red["steps_run"] < steps  # a run that diverged left its tail unwritten
    orbit[stopped] = np.nan
    params = p.as_dict()
    params["n"] = n
    params.pop(param, None)
    return Bifurcation(system=rule.name, param=param, values=vals, orbit=orbit,
                       lyapunov=np.full(vals.size, np.nan), observable="log10 lambda", params=params,
                       transient=transient, keep=keep, elapsed_s=time.perf_counter() - t0,
                       divergence_step=np.asarray(red["divergence_step"], dtype=np.int64).copy())
