r"""Jacobians, eigenvalues and Jury stability conditions at a fixed point.

For the linear-convergence point the plane :math:`z = 0` is invariant and
:math:`z' = \rho z`, so the Jacobian is block triangular: the eigenvalue
:math:`\rho^*` for :math:`z` and the eigenvalues of the block of the reduced
map in the other coordinates. For a 2x2 block the Jury conditions

.. math:: 1 - \det J > 0,\quad 1 + \det J > 0,\quad
          1 - \operatorname{tr}J + \det J > 0,\quad 1 + \operatorname{tr}J + \det J > 0

are necessary and sufficient for spectral radius < 1; a boundary where
:math:`1+\operatorname{tr}+\det = 0` is crossed by the eigenvalue -1 (flip),
:math:`1-\operatorname{tr}+\det = 0` by +1 (fold), :math:`\det = 1` with
:math:`|\operatorname{tr}| < 2` by a complex pair (Neimark-Sacker).

Conditions are *reduced* mechanically: every factor of a condition whose sign
is constant on a seeded sample of the region where the point exists is dropped;
a remaining factor linear in a parameter is solved for that parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .fixed_points import FixedPoint
from .map import RHO, NormalizedMap, Z, _tidy
from .sampling import evaluate, sample_points

__all__ = ["Condition", "Stability", "jacobian", "analyse"]


@dataclass
class Condition:
    """``expr > 0``, its reduced form, and what crosses the unit circle at its boundary."""

    name: str
    expr: sp.Expr
    reduced: sp.Basic
    implied_by_existence: bool
    bifurcation: str


@dataclass
class Stability:
    """Jacobian and stability data of one fixed point."""

    coords: tuple
    jacobian: sp.Matrix
    block: sp.Matrix
    eigenvalues: list
    det: sp.Expr | None
    trace: sp.Expr | None
    conditions: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def jacobian(m: NormalizedMap, point: dict, reduced: bool) -> sp.Matrix:
    r"""Jacobian of the map (``rho`` substituted) with respect to ``m.coords``, at ``point``.

    With ``reduced=True`` the non-z block comes from the z = 0 map and the z row is
    :math:`(0, \dots, 0, \rho^*)`; the z column is the limit z -> 0 of the full derivatives.

    Example:
        >>> from adamdyn.theory.map import LAM, normalized_map
        >>> m = normalized_map("rmsprop", n=4, beta2=sp.Rational(1, 4))
        >>> jacobian(m, {LAM: 0, Z: 1}, reduced=False)  # the trivial point
        Matrix([
        [ 2, 0],
        [-1, 1]])
    """
    coords = list(m.coords)
    full = [e.subs(RHO, m.rho) for e in m.next]
    if not reduced:
        J = sp.Matrix(full).jacobian(coords).subs(point)
        return J.applyfunc(_tidy)
    inner = coords[:-1]
    # chain rule with rho held as the symbol RHO (= rho* at the point): E_x + E_rho rho_x
    red = sp.Matrix(m.reduced)
    block = red.jacobian(inner) + red.diff(RHO) * sp.Matrix([m.rho_reduced]).jacobian(inner)
    block = block.subs(point).applyfunc(_tidy) if inner else sp.zeros(0, 0)
    rho_star = RHO
    J = sp.zeros(len(coords), len(coords))
    J[: len(inner), : len(inner)] = block
    J[len(inner), len(inner)] = rho_star
    for i, e in enumerate(m.next[:-1]):
        d = (sp.diff(e, Z) + sp.diff(e, RHO) * sp.diff(m.rho, Z)).subs({k: v for k, v in point.items() if k != Z})
        J[i, len(inner)] = _tidy(d.subs(Z, 0))
    return J


def _reduce(expr, m, exists_mask_points, name, params, rho_params=frozenset()):
    """Drop factors of constant sign on the sample; solve a remaining factor for one parameter.

    A root for a parameter in ``rho_params`` (those rho* depends on) that still holds :data:`RHO` is not a
    bound: it was solved with rho* held fixed, so it is implicit (S3's ``p < f(p)`` through rho*, complex on
    part of the range) and the factor is kept as ``core > 0``.
    """
    pts, mask = exists_mask_points
    num, den = sp.fraction(sp.together(_tidy(expr)))
    sign = 1
    keep = []
    for part, power in [(num, 1), (den, -1)]:
        factors = sp.Mul.make_args(sp.factor_terms(part))
        for f in factors:
            if f.is_number:
                sign *= 1 if f > 0 else -1
                continue
            vals = evaluate(f, pts)[mask]
            vals = vals[np.isfinite(vals)]
            if vals.size and np.all(vals > 0):
                continue
            if vals.size and np.all(vals < 0):
                sign = -sign
                continue
            keep.append(f)
    if not keep:  # constant sign: always true (implied) or never (e.g. det J = 1 identically)
        return (sp.true, True) if sign > 0 and num != 0 else (sp.false, False)
    core = sp.Mul(*keep) * sign
    for pname, sym in params.items():
        if len(keep) == 1 and core.has(sym):
            try:
                roots = [r for r in sp.solve(core, sym) if not r.has(sp.I)]
            except (NotImplementedError, TypeError, RecursionError):  # several powers of beta with symbolic
                # exponents (sympy gives up, cannot decide an exponent's sign, or recurses without end when the
                # parameter sits in several exponents: S3 with p and n symbolic): keep "core > 0"
                roots = []
            if len(roots) == 1 and not (sym in rho_params and roots[0].has(RHO)):
                bound = _tidy(roots[0])
                vals = evaluate(core, pts)[mask]
                pv = pts[sym][mask]
                bv = evaluate(bound, pts)[mask]
                ok = np.isfinite(vals) & np.isfinite(bv) & (np.abs(vals) > 1e-9)
                below = (pv[ok] < bv[ok]) == (vals[ok] > 0)
                if ok.any() and below.all():
                    return sp.StrictLessThan(sym, bound), False
                if ok.any() and (~below).all():
                    return sp.StrictGreaterThan(sym, bound), False
    return sp.StrictGreaterThan(_tidy(core), 0), False


def analyse(m: NormalizedMap, fp: FixedPoint, reduced: bool) -> Stability:
    r"""Jacobian, eigenvalues, det, trace and reduced Jury conditions at ``fp``.

    Example:
        >>> from adamdyn.theory.map import LAM, normalized_map
        >>> from adamdyn.theory.fixed_points import linear_fixed_point
        >>> m = normalized_map("rmsprop", n=4)
        >>> fp, _ = linear_fixed_point(m)
        >>> [str(c.reduced) for c in analyse(m, fp, reduced=True).conditions]
        ['True', '2*rho - 1 > 0']
    """
    J = jacobian(m, fp.point, reduced)
    if reduced and fp.rho_form:
        J = J.subs(fp.rho_form).applyfunc(_tidy)
    k = len(m.coords) - 1
    block = J[:k, :k]
    notes = []
    det = trace = None
    # a coordinate whose row or column is zero off the diagonal decouples (block triangular): its
    # eigenvalue is the diagonal entry (NAdam's momentum product, beta1), and the rest keeps the Jury test
    decoupled = []
    keep = list(range(k))
    while len(keep) > 2:
        for i in keep:
            others = [j for j in keep if j != i]
            if all(block[i, j] == 0 for j in others) or all(block[j, i] == 0 for j in others):
                decoupled.append(block[i, i])
                keep.remove(i)
                break
        else:
            break
    jblock = block
    if decoupled:
        jblock = block.extract(keep, keep)
        k = len(keep)
    if k == 0:
        eig = []
    elif k == 1:
        eig = [jblock[0, 0]]
        det = trace = jblock[0, 0]
    elif k == 2:
        if decoupled:
            # a block left after splitting off decoupled coordinates (NAdam's momentum product): det written out
            # and tidied once. Matrix.det() first expands and cancels it as a rational function in every distinct
            # power (dotprodsimp), which for NAdam at symbolic n does not finish in 10 minutes (written out: 2 s).
            # Elsewhere Matrix.det() stays: tidying S3's written-out det (Nesterov, symbolic n and p) takes > 8 min.
            det = _tidy(jblock[0, 0] * jblock[1, 1] - jblock[0, 1] * jblock[1, 0])
        else:
            det = _tidy(jblock.det())
        trace = _tidy(jblock.trace())
        disc = sp.sqrt(trace**2 - 4 * det)
        triangular = jblock[0, 1] == 0 or jblock[1, 0] == 0
        eig = [jblock[0, 0] if triangular else (trace - disc) / 2,
               jblock[1, 1] if triangular else (trace + disc) / 2]
    else:  # pragma: no cover - no rule has three coupled adaptive states yet
        eig = list(jblock.eigenvals())
        notes.append("block larger than 2x2: Jury conditions not reduced")
    eig = decoupled + eig
    eig.append(J[-1, -1])
    if not reduced:
        return Stability(m.coords, J, block, [_tidy(e) for e in eig], det, trace, [], notes)
    pts = sample_points(m.rule, m.params, m.n, size=4000, seed=0)
    pts[RHO] = evaluate(fp.rho, pts)
    exists = np.ones(len(next(iter(pts.values()))) if pts else 1, dtype=bool)
    for q in fp.positive:
        vals = evaluate(q, pts)
        exists &= np.isfinite(vals) & (vals > 0)
    conds = []
    if k == 1:
        raw = [("1 - J", 1 - det, "+1: fold (saddle-node / transcritical)"),
               ("1 + J", 1 + det, "-1: flip (period doubling)")]
    elif k == 2:
        raw = [("1 - det", 1 - det, "complex pair on |mu| = 1: Neimark-Sacker"),
               ("1 + det", 1 + det, "det = -1: real pair with product -1"),
               ("1 - tr + det", 1 - trace + det, "+1: fold (saddle-node / transcritical)"),
               ("1 + tr + det", 1 + trace + det, "-1: flip (period doubling)")]
    else:  # pragma: no cover
        raw = []
    for i, mu in enumerate(decoupled):
        raw += [(f"1 - mu{i}", 1 - mu, "+1: fold of a decoupled coordinate"),
                (f"1 + mu{i}", 1 + mu, "-1: flip of a decoupled coordinate")]
    for name, expr, bif in raw:
        red, implied = _reduce(expr, m, (pts, exists), name, m.params, fp.rho.free_symbols)
        if name == "1 - det" and not implied:
            bif = _classify_det_one(red, trace, det, fp, m, pts, exists)
        conds.append(Condition(name, _tidy(expr), red, implied, bif))
    # eigenvalues are left as built from the tidied trace and det (simplifying the root is slow, no gain)
    return Stability(m.coords, J, block, eig, det, trace, conds, notes)


def _classify_det_one(red, trace, det, fp, m, pts, mask):
    r"""What crosses the unit circle where :math:`\det J = 1`: the sign of :math:`\operatorname{tr}^2 - 4\det` there.

    When the det condition reduced to ``param < bound`` the boundary surface is ``param = bound``:
    the discriminant is evaluated on it, at the sampled values of the other parameters where the
    fixed point exists and ``bound`` is in the parameter's range. Negative everywhere: a complex pair
    on :math:`|\mu| = 1` (Neimark-Sacker). Otherwise (no solved bound) the sampled points nearest
    det = 1 are used.
    """
    from ..rules import get_rule

    disc = trace**2 - 4 * det
    where = "near det J = 1 (sampled)"
    if isinstance(red, (sp.StrictLessThan, sp.StrictGreaterThan)) and red.lhs in pts:
        sym, bound = red.lhs, red.rhs
        q = {p.name: p for p in get_rule(m.rule).params}[str(sym)]
        on = dict(pts)
        on[sym] = evaluate(bound, pts)
        if fp.rho.has(sym):
            on[RHO] = evaluate(fp.rho, on)
        ok = np.isfinite(on[sym]) & (on[sym] > q.lo) & (on[sym] < q.hi)
        for e in fp.positive:
            v = evaluate(e, on)
            ok &= np.isfinite(v) & (v > 0)
        d = evaluate(disc, on)[ok]
        t = evaluate(trace, on)[ok]
        keep = np.isfinite(d) & np.isfinite(t)
        d, t = d[keep], t[keep]
        where = f"on det J = 1 ({sym} = {bound.subs(RHO, fp.rho)}) where the fixed point exists"
        if d.size and np.any(d < 0) and np.any(d >= 0):
            # at det = 1 the other two Jury conditions read 2 - tr > 0 and 2 + tr > 0: where they hold
            # (the part of det = 1 that bounds the stable region) tr^2 - 4 < 0, so the pair is complex
            share = float(np.mean(d < 0))
            return (f"complex pair on |mu| = 1: Neimark-Sacker (tr^2 - 4 det < 0 on det J = 1 wherever the other "
                    f"Jury conditions hold; {100 * share:.0f}% of sampled det = 1 points inside the existence "
                    f"region, the rest have |tr| >= 2 and are already unstable by the flip/fold condition)")
    else:
        dv = evaluate(det, pts)[mask]
        near = np.isfinite(dv) & (dv > 0.95) & (dv <= 1)
        d = evaluate(disc, pts)[mask][near]
        d = d[np.isfinite(d)]
    if d.size and np.all(d < 0):
        return f"complex pair on |mu| = 1: Neimark-Sacker (tr^2 - 4 det < 0 {where})"
    if d.size and np.all(d > 0):
        return f"det = 1 with a real pair (tr^2 - 4 det > 0 {where}): not Neimark-Sacker"
    if d.size:
        return f"det = 1: complex pair (Neimark-Sacker) where tr^2 < 4 det, real pair elsewhere ({where})"
    return "det = 1: no sampled point of the boundary inside the existence region"
