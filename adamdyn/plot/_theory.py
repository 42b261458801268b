"""Thin access to :mod:`adamdyn.symbolic` for the figures (no theory is re-derived here).

Every function raises :class:`~adamdyn.plot.catalogue.FigureUnavailable`
with the missing name when the symbolic layer does not provide it yet.
"""

from __future__ import annotations

import numpy as np

__all__ = ["symbolic_api", "theory_grid", "fixed_point_of"]


def symbolic_api(*names):
    """Return the named functions of :mod:`adamdyn.symbolic` (FigureUnavailable if one is missing)."""
    from .catalogue import FigureUnavailable

    try:
        from .. import symbolic as S
    except ImportError as exc:  # pragma: no cover - depends on the other layer
        raise FigureUnavailable(f"adamdyn.symbolic cannot be imported: {exc}") from exc
    missing = [n for n in names if not callable(getattr(S, n, None))]
    if missing:
        raise FigureUnavailable(f"adamdyn.symbolic does not provide {', '.join(missing)} yet")
    return [getattr(S, n) for n in names]


def theory_grid(optimizer, n, beta1, beta2, **fixed):
    """Theory regime (1/2/3) and spectral radius on the mesh ``beta1[i] x beta2[j]`` (arrays ``[i, j]``)."""
    regime, radius = symbolic_api("regime", "spectral_radius")
    B1, B2 = np.meshgrid(np.asarray(beta1, float), np.asarray(beta2, float), indexing="ij")
    kw = dict(fixed)
    reg = np.broadcast_to(np.asarray(regime(optimizer, n=n, beta1=B1, beta2=B2, **kw)), B1.shape).astype(int)
    rad = np.broadcast_to(np.asarray(radius(optimizer, n=n, beta1=B1, beta2=B2, **kw), float), B1.shape)
    return reg, rad


def fixed_point_of(optimizer, n, **params):
    """The non-trivial fixed point as a dict (``u``, ``lambda`` ...) or ``None`` when it does not exist."""
    (fp,) = symbolic_api("fixed_point")
    return fp(optimizer, n=n, **params)
