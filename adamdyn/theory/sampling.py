"""Random parameter points used to decide signs of factors (seeded, reproducible)."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from ..rules import get_rule
from .map import N

__all__ = ["sample_points", "evaluate"]


def sample_points(rule, params: dict, n, size=4000, seed=0) -> dict:
    """Draw ``size`` points over the valid range of every symbolic parameter (and n in (2, 12]).

    Returns ``{symbol: array}``. Open-ended ranges are sampled log-uniformly in [1/4, 4].
    """
    rule = get_rule(rule)
    rng = np.random.default_rng(seed)
    out = {}
    by_name = {q.name: q for q in rule.params}
    for name, sym in params.items():
        q = by_name[name]
        if math.isfinite(q.lo) and math.isfinite(q.hi):
            out[sym] = rng.uniform(q.lo + 1e-3, q.hi - 1e-3, size)
        else:
            out[sym] = np.exp(rng.uniform(math.log(0.25), math.log(4.0), size))
    if isinstance(n, sp.Symbol):
        out[N] = rng.uniform(2.05, 12.0, size)
    return out


def evaluate(expr, points: dict) -> np.ndarray:
    """Evaluate ``expr`` (sympy) at the sampled ``points`` with numpy; complex parts -> NaN."""
    syms = sorted(points, key=str)
    size = len(next(iter(points.values()))) if points else 1
    if sp.sympify(expr).has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return np.full(size, np.nan)  # undefined (e.g. a division by zero at this parameter value)
    f = sp.lambdify(syms, expr, "numpy")
    with np.errstate(all="ignore"):
        val = np.asarray(f(*[points[s] for s in syms]), dtype=complex)
    val = np.broadcast_to(val, (size,)).copy()
    bad = np.abs(val.imag) > 1e-9 * np.maximum(1.0, np.abs(val.real))
    res = val.real
    res[bad] = np.nan
    return res
