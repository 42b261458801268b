r"""The acceleration map of GD with a growing learning rate, derived from the GD rule.

With :math:`\eta_{t+1} = \alpha\eta_t` the effective sharpness
:math:`S_t = \eta_t|x_t|^{n-2}` is the GD rule's :math:`\lambda` times
:math:`\alpha` per step, so :math:`S_{t+1} = \alpha\,\lambda'(S)` with
:math:`\lambda'` the GD normalized map (docs/THEORY.md, "The acceleration map").
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .map import LAM, RHO, N, _tidy, normalized_map

__all__ = ["AccelerationMap", "acceleration_map", "ALPHA", "S"]

ALPHA = sp.Symbol("alpha", positive=True)
S = sp.Symbol("S", positive=True)


@dataclass
class AccelerationMap:
    """``S -> h(S)``, its fixed point, multiplier there and the stability threshold on alpha."""

    n: sp.Expr
    h: sp.Expr
    fixed_point: sp.Expr
    multiplier: sp.Expr
    alpha_max: sp.Expr


def acceleration_map(n=None) -> AccelerationMap:
    r"""Derive :math:`S' = \alpha S (1-S)^{n-2}` (for :math:`0 < S < 1`), :math:`S^*`, :math:`h'(S^*)`
    and the threshold :math:`\alpha_{\max}` where :math:`h'(S^*) = -1` (flip).

    Args:
        n: degree, real > 2, or ``None`` for symbolic n.

    Returns:
        :class:`AccelerationMap`.

    Example:
        >>> acceleration_map(4).alpha_max
        4
    """
    if n is not None and not float(n) > 2:
        raise ValueError(f"n={n!r} is out of range; the acceleration map needs real n > 2. Fix: pass n=4.")
    m = normalized_map("gd", n=n)
    lam_next = dict(zip(m.coords, m.reduced))[LAM]
    h = _tidy(ALPHA * lam_next.subs(RHO, m.rho_reduced).subs(LAM, S))
    nn = m.n
    # fixed point S* != 0: h(S)/S = 1, solved through w = 1 - S (positive on 0 < S < 1)
    w = sp.Symbol("w", positive=True)
    ratio = _tidy((h / S).subs(S, 1 - w))
    roots = [r for r in sp.solve(sp.Eq(ratio, 1), w) if not r.has(sp.I)]
    s_star = _tidy(1 - roots[0])
    hp = sp.diff(h, S)
    mult = _tidy(hp.subs(ALPHA, sp.solve(sp.Eq(ratio.subs(w, 1 - S), 1), ALPHA)[0]))  # h' on the fixed-point curve
    s_flip = [r for r in sp.solve(sp.Eq(mult, -1), S) if not r.has(sp.I)][0]
    alpha_max = _tidy(sp.solve(sp.Eq(s_star, s_flip), ALPHA)[0]) if nn != N else _tidy(
        sp.solve(sp.Eq(ratio.subs(w, 1 - s_flip), 1), ALPHA)[0])
    return AccelerationMap(nn, h, s_star, _tidy(mult.subs(S, s_star)), alpha_max)
