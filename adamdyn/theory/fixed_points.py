r"""Fixed points of a :class:`~adamdyn.theory.map.NormalizedMap`, found by elimination.

Two families (docs/THEORY.md, "Fixed points"):

* **trivial**: :math:`\lambda = 0` (so :math:`\rho = 1`), the states solved from
  ``w' = w``, and :math:`z = c` free;
* **linear convergence**: :math:`z^* = 0` with constant :math:`\rho^* \in (0,1)`.
  This is the ansatz where sympy cannot solve the full system: on the invariant
  plane ``z = 0`` the reduced map's fixed-point equations, with :math:`\rho` as
  an extra unknown, are solved one unknown at a time (an equation with a single
  unknown left is solved, substituted, and so on). The factor :math:`\lambda`
  is divided out of the :math:`\lambda` equation (non-trivial point).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from .map import LAM, RHO, NormalizedMap, Z, _tidy

__all__ = ["FixedPoint", "trivial_fixed_point", "linear_fixed_point"]

C = sp.Symbol("c", real=True)


@dataclass
class FixedPoint:
    """A fixed point: coordinates, the step ratio there, and where it exists."""

    name: str
    point: dict  # coordinates; for the linear point in terms of the symbol RHO (= rho*)
    rho: sp.Expr
    positive: list = field(default_factory=list)  # expressions that must be > 0 for existence
    notes: list = field(default_factory=list)
    rho_form: dict = field(default_factory=dict)  # parameter -> expression in RHO


def trivial_fixed_point(m: NormalizedMap) -> FixedPoint | None:
    r"""The family :math:`\lambda = 0`, :math:`z = c`, states from ``w' = w`` at :math:`\rho = 1`.

    Example:
        >>> from adamdyn.theory.map import normalized_map
        >>> trivial_fixed_point(normalized_map("adam", n=4)).point
        {u: 1, lambda: 0, z: c}
    """
    if not m.lam_is_coord:
        return None
    rho0 = _tidy(m.rho.subs(LAM, 0))
    if rho0 != 1:
        return None
    point = {LAM: sp.Integer(0), Z: C}
    states = [w for w in m.coords if w not in (LAM, Z)]
    eqs = [sp.together(e.subs({RHO: 1, LAM: 0, Z: C}) - w) for w, e in zip(m.coords, m.next) if w in states]
    if states:
        sol = sp.solve(eqs, states, dict=True)
        if len(sol) != 1:
            return None
        point = {**{w: _tidy(sol[0][w]) for w in states}, **point}
    return FixedPoint("trivial", point, sp.Integer(1))


def _nontrivial_factor(expr, var):
    """Numerator of ``expr`` with every power of ``var`` (non-zero at the point) divided out."""
    num = sp.numer(sp.together(expr))
    _, factors = sp.factor_list(num) if num.is_polynomial() else (1, [(num, 1)])
    keep = [f for f, _ in factors if not (f == var or (f.is_Pow and f.base == var))]
    return sp.Mul(*keep) if keep else sp.Integer(1)


def linear_fixed_point(m: NormalizedMap) -> tuple[FixedPoint | None, list]:
    r"""The point with :math:`z^* = 0` and constant :math:`\rho^*`, or ``None`` and the reasons.

    Example:
        >>> from adamdyn.theory.map import normalized_map
        >>> fp, why = linear_fixed_point(normalized_map("rmsprop", n=4, beta2=sp.Rational(1, 4)))
        >>> fp.rho, fp.point
        (sqrt(2)/2, {lambda: 1 - rho, z: 0})
    """
    if not m.lam_is_coord:
        return None, ["lambda is not an independent coordinate (no adaptive state), so there is no "
                      "z* = 0 point with a constant step ratio"]
    if m.rho_reduced.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
        return None, [f"at z = 0 the step ratio rho = {m.rho_reduced} is unbounded"]
    unknowns = [w for w in m.coords if w != Z] + [RHO]
    eqs = []
    for w, e in zip(m.coords, m.reduced):
        if w == LAM:
            eqs.append(sp.simplify(e / LAM - 1))
        else:
            eqs.append(e - w)
    eqs.append(RHO - m.rho_reduced)
    sol = {}
    known = set()
    rho_star = None
    rho_form = {}
    pending = list(eqs)
    why = []
    while pending:
        progress = False
        for eq in list(pending):
            eq_s = _tidy(eq.subs(sol))
            left = [q for q in unknowns if eq_s.has(q) and q not in sol and q not in known]
            if not left:
                pending.remove(eq)
                if eq_s != 0:
                    why.append(f"the fixed-point equations are inconsistent ({eq_s} = 0 fails)")
                    return None, why
                progress = True
                continue
            if len(left) == 1:
                q = left[0]
                eq_f = _nontrivial_factor(eq_s, LAM) if q != LAM else eq_s
                roots = [r for r in sp.solve(eq_f, q) if not r.has(sp.I)]
                if q == RHO:
                    roots = [r for r in roots if r != 1]
                    if not roots:
                        why.append("the lambda equation forces rho* = 1 (no linear convergence: "
                                   "the step ratio tends to 1, i.e. sublinear)")
                        return None, why
                if len(roots) != 1:
                    why.append(f"the equation {eq_f} = 0 for {q} has {len(roots)} admissible roots")
                    return None, why
                if q == RHO:
                    rho_star = _tidy(roots[0])
                    known.add(RHO)
                    rho_form = _param_in_rho(eq_f, m.params)
                else:
                    sol[q] = _tidy(roots[0])
                pending.remove(eq)
                progress = True
        if not progress:
            why.append("could not eliminate the fixed-point equations one unknown at a time")
            return None, why
    if rho_star is None:
        return None, ["rho* could not be isolated from the fixed-point equations"]
    for q in unknowns:
        if q != RHO:
            sol[q] = _tidy(sol[q].subs(sol))
    sol_rho = {q: sol[q] for q in unknowns if q != RHO}
    sol[RHO] = rho_star
    if sol.get(LAM, 1) == 0:
        return None, ["the only solution has lambda* = 0 (the trivial family)"]
    point = dict(sol_rho)
    point[Z] = sp.Integer(0)
    # verify by substitution into the reduced map (symbolically, else at sampled parameters)
    at = {q: v.subs(RHO, rho_star) for q, v in point.items()}
    residuals = [e.subs(RHO, rho_star).subs(at) - at[w] for w, e in zip(m.coords, m.reduced)]
    residuals.append(m.rho_reduced.subs(at) - rho_star)
    for r in residuals:
        if _tidy(r) != 0 and not _numerically_zero(m, r):
            why.append(f"substitution check failed: residual {r}")
    positive = [rho_star, 1 - rho_star, sol[LAM].subs(RHO, rho_star)]
    return FixedPoint("linear convergence", point, rho_star, positive, why, rho_form), []


def _param_in_rho(eq, params):
    """Solve the rho* equation for one parameter, so results can be written with rho* (paper form)."""
    for sym in params.values():
        if eq.has(sym):
            roots = [r for r in sp.solve(eq, sym) if not r.has(sp.I)]
            if len(roots) == 1:
                return {sym: _tidy(roots[0])}
    return {}


def _numerically_zero(m, expr) -> bool:
    import numpy as np

    from .sampling import evaluate, sample_points

    vals = evaluate(expr, sample_points(m.rule, m.params, m.n, size=200, seed=1))
    ok = np.isfinite(vals)
    return bool(ok.any() and np.max(np.abs(vals[ok])) < 1e-9)
