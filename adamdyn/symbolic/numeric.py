r"""Fast numpy functions of the derivation: lambdified once per rule, cached, broadcasting.

Every function takes the degree ``n`` and the rule's parameters as scalars or
numpy arrays (broadcast together) and evaluates expressions derived for
symbolic :math:`n` and symbolic parameters by :func:`~adamdyn.symbolic.derive`.
"""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp

from ..rules import get_rule
from . import cache
from .map import RHO, N

__all__ = ["regime", "spectral_radius", "rate", "fixed_point"]


def _expressions(name, flags) -> dict:
    """The expressions behind the numeric functions (from the disk cache, else from ``derive``)."""
    from .derivation import derive

    rule = get_rule(name)
    e = cache.load("numeric", rule, flags)
    if isinstance(e, dict) and {"names", "syms", "linear", "coords"} <= set(e):
        return e
    d = derive(name, None, **dict(flags))
    names = [q.name for q in rule.params if q.name in d.map.params]
    e = {"names": names, "syms": [N] + [d.map.params[q] for q in names], "linear": d.linear is not None,
         "coords": [str(c) for c in d.map.coords]}
    if d.linear is not None:
        fp, st = d.linear
        k = st.block.shape[0]
        e.update(rho=fp.rho, positive=list(fp.positive), point=[fp.point[c] for c in d.map.coords],
                 block=[[st.block[i, j] for j in range(k)] for i in range(k)])
    cache.store("numeric", rule, flags, e)
    return e


@functools.lru_cache(maxsize=64)
def _compiled(name, flags):
    e = _expressions(name, flags)
    syms = list(e["syms"])
    out = {"names": list(e["names"]), "linear": e["linear"], "coords": tuple(e["coords"])}
    if not e["linear"]:
        return out
    lam = functools.partial(sp.lambdify, syms + [RHO], modules="numpy")
    out.update(rho=sp.lambdify(syms, e["rho"], "numpy"),
               positive=[sp.lambdify(syms, q, "numpy") for q in e["positive"]],
               point=[lam(x) for x in e["point"]],
               block=[[lam(x) for x in row] for row in e["block"]])
    return out


def _inputs(optimizer, n, params):
    rule = get_rule(optimizer)
    if n is None:
        raise ValueError("n is required for numeric evaluation; valid range is real n > 2. Fix: pass n=4.")
    flags = []
    values = {}
    known = {q.name: q for q in rule.params}
    for k, v in params.items():
        if k not in known:
            raise ValueError(f"optimizer {rule.name!r} has no parameter {k!r}; valid names are "
                             f"{', '.join(known)}. Fix: use one of those names.")
        if known[k].kind == "bool":
            flags.append((k, known[k].check(v, f"optimizer {rule.name!r}")))
        elif k == "eps" and np.any(np.asarray(v) != 0):
            raise ValueError(f"eps={v!r}: the analysis needs eps = 0. Fix: omit eps.")
        else:
            values[k] = np.asarray(v, dtype=float)
    c = _compiled(rule.name, tuple(sorted(flags)))
    args = [np.asarray(n, dtype=float)]
    for name in c["names"]:
        args.append(values.get(name, np.asarray(float(known[name].default))))
    args = np.broadcast_arrays(*args)
    return c, [np.asarray(a, dtype=float) for a in args]


def _eval(f, args):
    with np.errstate(all="ignore"):
        return np.broadcast_to(np.asarray(f(*args), dtype=float), args[0].shape)


def _exists(c, args):
    if not c["linear"]:
        return np.zeros(args[0].shape, dtype=bool)
    ok = args[0] > 2
    for f in c["positive"]:
        v = _eval(f, args)
        ok &= np.isfinite(v) & (v > 0)
    return ok


def rate(optimizer="adam", n=None, **params):
    r"""Per-step contraction :math:`\rho^*` of :math:`|x|` at the linear-convergence point (NaN where none).

    The loss falls by :math:`\rho^{*n}` per step.

    Args:
        optimizer: rule name.
        n: degree (real > 2), scalar or array.
        **params: rule parameters (arrays broadcast; missing ones take defaults).

    Returns:
        float array of :math:`\rho^*`, NaN where the point does not exist.

    Example:
        >>> abs(float(rate("adam", n=4, beta1=0.9, beta2=0.999)) - 0.999 ** 0.25) < 1e-15
        True
    """
    c, args = _inputs(optimizer, n, params)
    if not c["linear"]:
        return np.full(args[0].shape, np.nan)
    r = _eval(c["rho"], args).copy()
    r[~_exists(c, args)] = np.nan
    return r


def fixed_point(optimizer="adam", n=None, **params) -> dict:
    r"""Coordinates of the linear-convergence fixed point (``{name: array}``, NaN where none).

    Example:
        >>> fp = fixed_point("adam", n=4, beta1=0.0, beta2=0.25)
        >>> round(float(fp["lambda"]), 6), float(fp["z"])
        (0.292893, 0.0)
    """
    c, args = _inputs(optimizer, n, params)
    shape = args[0].shape
    if not c["linear"]:
        return {str(k): np.full(shape, np.nan) for k in c["coords"]}
    r = _eval(c["rho"], args)
    ok = _exists(c, args)
    out = {}
    for name, f in zip(c["coords"], c["point"]):
        v = _eval(f, args + [r]).copy()
        v[~ok] = np.nan
        out[name] = v
    return out


def spectral_radius(optimizer="adam", n=None, **params):
    r"""Spectral radius of the Jacobian at the linear-convergence point (NaN where none).

    The Jacobian is block triangular: :math:`\max(\rho^*, |\mu_i|)` with :math:`\mu_i`
    the eigenvalues of the block of the reduced (z = 0) map.

    Example:
        >>> bool(spectral_radius("adam", n=4, beta1=0.9, beta2=0.999) < 1)
        True
    """
    c, args = _inputs(optimizer, n, params)
    shape = args[0].shape
    if not c["linear"]:
        return np.full(shape, np.nan)
    r = _eval(c["rho"], args)
    ok = _exists(c, args)
    k = len(c["block"])
    J = np.empty(shape + (k, k))
    for i in range(k):
        for j in range(k):
            J[..., i, j] = _eval(c["block"][i][j], args + [r])
    ok = ok & np.all(np.isfinite(J), axis=(-2, -1)) & np.isfinite(r)  # on a boundary the point can blow up
    J[~ok] = 0.0
    eig = np.abs(np.linalg.eigvals(J)) if k else np.zeros(shape + (0,))
    out = np.maximum(np.max(eig, axis=-1) if k else 0.0, r)
    out = np.where(ok, out, np.nan)
    return out


def regime(optimizer="adam", n=None, **params):
    r"""Regime 1 (stable linear convergence), 2 (fixed point exists, unstable), 3 (no fixed point).

    Regime I needs the non-trivial point to exist and the spectral radius of its
    Jacobian to be < 1 (THEORY.md §4).

    Example:
        >>> regime("adam", n=4, beta1=[0.8, 0.91, 0.99], beta2=0.9).tolist()
        [1, 2, 3]
    """
    c, args = _inputs(optimizer, n, params)
    out = np.full(args[0].shape, 3, dtype=np.int64)
    if not c["linear"]:
        return out
    sr = spectral_radius(optimizer, n, **params)
    ok = np.isfinite(sr)
    out[ok] = np.where(sr[ok] < 1.0, 1, 2)
    return out
