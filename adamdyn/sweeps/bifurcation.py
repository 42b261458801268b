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
  An orbit that leaves to infinity (non-finite S) has no exponent: NaN.
* an optimizer name (``"adam"``): the normalized-map kernel, observable
  ``log10 lambda_t`` (effective sharpness ``lr |x_t|^{n-2} / scale_t``), swept
  over one parameter (e.g. ``beta2`` at fixed ``beta1``). Its Lyapunov exponent
  is not computed yet (NaN).
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
    blocks; ``lyap_steps = 0`` when no exponent was computed (both arrays NaN).
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

    def __post_init__(self):
        if self.lyapunov_stderr is None:
            self.lyapunov_stderr = np.full(np.shape(self.lyapunov), np.nan)

    def summary(self) -> dict:
        return {"system": self.system, "param": self.param, "values": self.values, "orbit": self.orbit,
                "lyapunov": self.lyapunov, "lyapunov_stderr": self.lyapunov_stderr, "observable": self.observable,
                "params": dict(self.params), "transient": self.transient, "keep": self.keep,
                "lyap_steps": self.lyap_steps, "lyap_blocks": self.lyap_blocks, "version": self.version}


@njit(cache=True, parallel=True)
def _acceleration(alphas, n, s0, transient, keep, lyap_steps, orbit, blocks, escaped):
    """Iterate h past ``transient``; ``orbit[i]`` = the next ``keep`` values of S; ``blocks[i, k]`` = sum of
    log|h'(S_t)| over block k of the first ``lyap_steps`` steps after the transient (block k covers steps
    ``[k L // B, (k+1) L // B)``). ``escaped[i]`` = 1 when S became non-finite inside the Lyapunov window."""
    nblocks = blocks.shape[1]
    m = int(n - 2.0)
    whole = float(m) == n - 2.0
    for i in prange(alphas.size):
        a = alphas[i]
        s = s0
        for t in range(transient):
            s = a * s * (abs(1.0 - s) ** m if whole else abs(1.0 - s) ** (n - 2.0))
        escaped[i] = 0
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
                if t < lyap_steps:
                    escaped[i] = 1
                for u in range(t + 1, keep):  # iterating a non-finite S leaves it where it is
                    orbit[i, u] = s
                break


def _check_count(name, value, lo, example):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < lo:
        raise ValueError(f"{name}={value!r} is invalid; valid range is integers >= {lo}. Fix: pass {name}={example}.")
    return int(value)


def _lyapunov(alphas, n, s0, transient, keep, lyap_steps):
    """Orbit (``keep`` values) and, if ``lyap_steps``, the exponent and its batch-means standard error."""
    nb = LYAP_BLOCKS if lyap_steps else 1
    orbit = np.empty((alphas.size, keep))
    blocks = np.empty((alphas.size, nb))
    escaped = np.empty(alphas.size, np.int8)
    _acceleration(alphas, n, s0, transient, keep, lyap_steps, orbit, blocks, escaped)
    if not lyap_steps:
        return orbit, np.full(alphas.size, np.nan), np.full(alphas.size, np.nan)
    counts = np.diff(np.arange(nb + 1) * lyap_steps // nb)
    with np.errstate(invalid="ignore"):
        lyap = blocks.sum(axis=1) / lyap_steps
        err = np.std(blocks / counts, axis=1, ddof=1) / math.sqrt(nb)
    bad = escaped.astype(bool)
    lyap[bad] = np.nan
    err[bad] = np.nan
    return orbit, lyap, err


def bifurcation(system="acceleration", *, param="alpha", values=None, n=4.0, transient=2000, keep=200,
                s0=0.1, fixed=None, lyapunov=True, lyap_steps=LYAP_STEPS) -> Bifurcation:
    """Bifurcation diagram of ``system`` (``"acceleration"`` or an optimizer name) over ``param``.

    ``keep`` values after ``transient`` steps are kept for plotting; the Lyapunov exponent (acceleration map,
    when ``lyapunov``) is averaged over its own ``lyap_steps`` steps after the transient, with a batch-means
    standard error (``lyapunov_stderr``).

    Example:
        >>> b = bifurcation("acceleration", values=[3.0, 4.5], n=4, keep=4, lyap_steps=2000)
        >>> bool(b.lyapunov[0] < 0), len(set(np.round(b.orbit[1], 6)))
        (True, 2)
    """
    vals = np.asarray(values if values is not None else np.linspace(1.0, 8.0, 200), float).ravel()
    transient = _check_count("transient", transient, 0, 2000)
    keep = _check_count("keep", keep, 1, 200)
    lyap_steps = _check_count("lyap_steps", lyap_steps, 2 * LYAP_BLOCKS, LYAP_STEPS)
    n = float(n)
    if not n >= 2.0:
        raise ValueError(f"n={n!r} is out of range; valid range is [2, inf). Fix: pass n=4.")
    t0 = time.perf_counter()
    if system == "acceleration":
        if param != "alpha":
            raise ValueError(f"the acceleration map has one parameter 'alpha', not {param!r}. Fix: param='alpha'.")
        if vals.size == 0 or not np.all(vals > 0) or not np.all(np.isfinite(vals)):
            raise ValueError(f"alpha values must be finite and > 0, got {values!r}. Fix: pass values=np.linspace(1, 8, 200).")
        if not 0.0 < s0 < 2.0:
            raise ValueError(f"s0={s0!r} is out of range; valid range is (0, 2). Fix: pass s0=0.1.")
        steps = lyap_steps if lyapunov else 0
        orbit, lyap, err = _lyapunov(vals, n, float(s0), transient, keep, steps)
        return Bifurcation(system="acceleration", param="alpha", values=vals, orbit=orbit, lyapunov=lyap,
                           lyapunov_stderr=err, observable="S", params={"n": n, "s0": float(s0)},
                           transient=transient, keep=keep, lyap_steps=steps,
                           lyap_blocks=LYAP_BLOCKS if steps else 0, elapsed_s=time.perf_counter() - t0)
    from .phase import run_points, split_params

    rule = get_rule(system)
    fixed = dict(fixed or {})
    fixed.setdefault("n", n)
    p, flags, n, grids = split_params(rule, {param: vals}, fixed)
    floats = [q.name for q in rule.params if q.kind == "float"]
    cols = np.stack([grids[param] if k == param else np.full(vals.size, getattr(p, k)) for k in floats]
                    + [np.full(vals.size, n)], axis=1)
    red = run_points(rule, flags, np.ascontiguousarray(cols), steps=int(transient) + int(keep), mode="normalized",
                     tail=int(keep))
    params = p.as_dict()
    params["n"] = n
    params.pop(param, None)
    return Bifurcation(system=rule.name, param=param, values=vals, orbit=red["tail"][:, :, 0].copy(),
                       lyapunov=np.full(vals.size, np.nan), observable="log10 lambda", params=params,
                       transient=transient, keep=keep, elapsed_s=time.perf_counter() - t0)
