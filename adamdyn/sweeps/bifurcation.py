r"""Bifurcation diagrams: iterate past a transient, keep the last K values of an observable.

* ``"acceleration"``: the acceleration map of THEORY.md §7,
  :math:`S_{t+1} = \alpha S_t |1 - S_t|^{n-2}` (GD with :math:`\eta_{t+1} = \alpha\eta_t`
  on :math:`|x|^n/n`), swept over ``alpha``. The largest Lyapunov exponent is
  the orbit average of :math:`\log|h'(S_t)|` (1-D tangent map; the tangent is
  renormalised every step, so it is that average).
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
from ..results import register_result
from ..rules import get_rule

__all__ = ["Bifurcation", "bifurcation", "MAPS"]

MAPS = ("acceleration",)


@register_result
@dataclass
class Bifurcation:
    """Last ``keep`` values of the observable for each parameter value, plus Lyapunov exponents."""

    system: str
    param: str
    values: np.ndarray
    orbit: np.ndarray
    lyapunov: np.ndarray
    observable: str
    params: dict = field(default_factory=dict)
    transient: int = 0
    keep: int = 0
    elapsed_s: float = 0.0
    version: str = __version__

    def summary(self) -> dict:
        return {"system": self.system, "param": self.param, "values": self.values, "orbit": self.orbit,
                "lyapunov": self.lyapunov, "observable": self.observable, "params": dict(self.params),
                "transient": self.transient, "keep": self.keep, "version": self.version}


@njit(cache=True, parallel=True)
def _acceleration(alphas, n, s0, transient, keep, orbit, lyap):
    for i in prange(alphas.size):
        a = alphas[i]
        s = s0
        acc = 0.0
        for t in range(transient + keep):
            d = 1.0 - s
            ad = abs(d)
            # h'(S) = a |1-S|^(n-3) (|1-S| - (n-2) S sign(1-S))
            deriv = a * ad ** (n - 3.0) * (ad - (n - 2.0) * s * (1.0 if d > 0 else -1.0))
            s = a * s * ad ** (n - 2.0)
            if t >= transient:
                orbit[i, t - transient] = s
                acc += math.log(abs(deriv)) if deriv != 0.0 else -np.inf
        lyap[i] = acc / keep


def bifurcation(system="acceleration", *, param="alpha", values=None, n=4.0, transient=2000, keep=200,
                s0=0.1, fixed=None, lyapunov=True) -> Bifurcation:
    """Bifurcation diagram of ``system`` (``"acceleration"`` or an optimizer name) over ``param``.

    Example:
        >>> b = bifurcation("acceleration", values=[3.0, 4.5], n=4, keep=4)
        >>> bool(b.lyapunov[0] < 0), len(set(np.round(b.orbit[1], 6)))
        (True, 2)
    """
    vals = np.asarray(values if values is not None else np.linspace(1.0, 8.0, 200), float).ravel()
    for name, v, lo in (("transient", transient, 0), ("keep", keep, 1)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < lo:
            raise ValueError(f"{name}={v!r} is invalid; valid range is integers >= {lo}. Fix: pass {name}=200.")
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
        orbit = np.empty((vals.size, keep))
        lyap = np.empty(vals.size)
        _acceleration(vals, n, float(s0), int(transient), int(keep), orbit, lyap)
        return Bifurcation(system="acceleration", param="alpha", values=vals, orbit=orbit,
                           lyapunov=lyap if lyapunov else np.full(vals.size, np.nan), observable="S",
                           params={"n": n, "s0": float(s0)}, transient=int(transient), keep=int(keep),
                           elapsed_s=time.perf_counter() - t0)
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
                       transient=int(transient), keep=int(keep), elapsed_s=time.perf_counter() - t0)
