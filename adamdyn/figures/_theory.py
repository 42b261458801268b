"""Thin access to :mod:`adamdyn.theory` for the figures (no theory is re-derived here).

Every function calls the one numeric theory API (:mod:`adamdyn.theory.numeric`),
imported lazily (``import adamdyn.figures`` loads no sympy); its errors propagate
(:class:`~adamdyn.theory.TheoryUnavailable` where there is no theory).
"""

from __future__ import annotations

__all__ = ["symbolic_api", "theory_grid", "fixed_point_of"]


def symbolic_api(*names):
    """Return the named public functions of :mod:`adamdyn.theory`."""
    from .. import theory as S

    return [getattr(S, n) for n in names]


def theory_grid(optimizer, n, beta1, beta2, **fixed):
    """Theory regime (1/2/3) and spectral radius on the mesh ``beta1[i] x beta2[j]`` (arrays ``[i, j]``)."""
    (grid,) = symbolic_api("theory_grid")
    reg, rad = grid(optimizer, n, {"beta1": beta1, "beta2": beta2}, **fixed)
    return reg.astype(int), rad


def fixed_point_of(optimizer, n, **params):
    """The non-trivial fixed point as a dict (``u``, ``lambda`` ...) or ``None`` when it does not exist."""
    (fp,) = symbolic_api("fixed_point")
    return fp(optimizer, n=n, **params)
