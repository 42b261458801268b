r"""The cross-checks of :func:`adamdyn.dynamics.fixed_points.find_fixed_points`: the Newton points against the
interval proof's enclosures (periodic orbits included), and against the symbolic engine's fixed points.
"""

from __future__ import annotations

import math

import numpy as np

from ._newton import SAME, _check_box, _close, _Iterate, _point, _polish

__all__ = ["PROOF_PERIOD_MAX"]


#: the largest period the interval proof is run for (the unknowns are the orbit's points: 2 x coordinates)
PROOF_PERIOD_MAX = 2


def _prove_chart(rule, n, flags, imaps, fmap, values, box, period_max, found, max_boxes, max_depth):
    """The interval proof on one chart, compared with the Newton points ``found``; returns (record, points)."""
    from .interval import Unsupported, interval_maps, prove_fixed_points

    rec = {"coords": list(fmap.coords), "complete": False, "periods": [], "reason": ""}
    try:
        if imaps is None:
            imaps = interval_maps(rule, n, **flags)
        match = [m for m in imaps if m.coords == fmap.coords]
        if not match:
            raise Unsupported(f"no interval form of the chart {fmap.coords}")
        imap = match[0]
        imap.check(values)
    except Unsupported as e:
        rec["reason"] = f"interval proof not attempted: {e}"
        return rec, found
    complete = True
    reasons = []
    for k in range(1, period_max + 1):
        if k > PROOF_PERIOD_MAX:
            complete = False
            reasons.append(f"period {k}: not attempted (the proof covers periods <= {PROOF_PERIOD_MAX})")
            continue
        pr = prove_fixed_points(imap, box, values, period=k, max_boxes=max_boxes, max_depth=max_depth)
        d = pr.as_dict()
        d["unresolved"] = d["unresolved"][:20]  # the count is in unresolved_count
        found, cmp_ = _match(fmap, values, k, pr, found, box)
        d.update(cmp_)
        rec["periods"].append(d)
        if not pr.complete:
            complete = False
            reasons.append(f"period {k}: {pr.reason}")
        if cmp_["newton_outside_enclosures"]:
            reasons.append(f"period {k}: {len(cmp_['newton_outside_enclosures'])} Newton point(s) lie in no proven "
                           "enclosure")
            complete = False
            hull = pr.unresolved_hull
            for q in cmp_["newton_outside_enclosures"]:
                pt = next((p for p in found if p.period == k and p.coords == q["coords"]), None)
                inh = hull is not None and k == 1 and _inside([q["coords"][c] for c in fmap.coords], hull, fmap.coords)
                if pt is not None and inh and np.any(np.abs(np.asarray(pt.eigenvalues) - 1) < 1e-6):
                    q["why"] = ("lies in the unresolved region and its Jacobian has the eigenvalue 1: I - J is "
                                "singular there, a non-hyperbolic root that no Krawczyk test proves")
                    reasons.append(f"period {k}: the Newton point {q['coords']} {q['why']}")
    rec["complete"] = complete
    rec["reason"] = "; ".join(reasons)
    return rec, found


def _inside(y, enc, coords):
    """``y`` lies in the enclosure (widened by the Newton search's own tolerance ``SAME``)."""
    return all(enc[c][0] - SAME * (1 + abs(v)) <= v <= enc[c][1] + SAME * (1 + abs(v)) for c, v in zip(coords, y))


def _match(fmap, values, k, pr, found, box):
    """Mark the Newton points that lie in proven enclosures; add the proven roots Newton missed."""
    coords = fmap.coords
    encs = [e for e in pr.enclosures if e["in_box"]]
    if k > 1:
        # an enclosure whose blocks overlap may hold a fixed point (y, y): keep the proven 2-cycles only
        cyc = []
        for e in encs:
            blocks = e["orbit"]
            disjoint = any(blocks[0][c][1] < blocks[1][c][0] or blocks[1][c][1] < blocks[0][c][0] for c in coords)
            if disjoint and not any(_same_cycle(e, q, coords) for q in cyc):
                cyc.append(e)
        encs = cyc
    used = [False] * len(encs)
    outside = []
    for p in found:
        if p.period != k:
            continue
        pts = p.orbit or [p.coords]
        hit = [j for j, e in enumerate(encs)
               if any(all(_inside([q[c] for c in coords], blk, coords) for q in pts[:1]) for blk in
                      (e["orbit"] if k > 1 else [e["box"]]))]
        if hit:
            used[hit[0]] = True
            p.enclosure = encs[hit[0]]["box"] if k == 1 else {"orbit": encs[hit[0]]["orbit"]}
            if "interval" not in p.found_by:
                p.found_by = tuple(p.found_by) + ("interval",)
        else:
            outside.append({"coords": p.coords, "rho": p.rho, "period": k})
    missed = []
    for j, e in enumerate(encs):
        if used[j]:
            continue
        blk = e["box"]
        y = np.array([0.5 * (blk[c][0] + blk[c][1]) for c in coords])
        pol = _polish(_Iterate(fmap, values, k), y[None])
        y = pol[0] if len(pol) else y
        pt = _point(fmap, values, y, k)
        pt.found_by = ("interval",)
        pt.enclosure = blk if k == 1 else {"orbit": e["orbit"]}
        pt.notes.append("proven by the interval search; the Newton search did not find it")
        found.append(pt)
        missed.append({"coords": pt.coords, "rho": pt.rho, "period": k, "enclosure": pt.enclosure})
    return found, {"newton_outside_enclosures": outside, "missed_by_newton": missed,
                   "proven_in_box": len(encs)}


def _same_cycle(a, b, coords):
    """Two enclosures of the 2-block system that are the same cycle started at its other point."""
    def meet(x, y):
        return all(x[c][0] <= y[c][1] and y[c][0] <= x[c][1] for c in coords)
    return meet(a["orbit"][0], b["orbit"][1]) and meet(a["orbit"][1], b["orbit"][0])


def _compare_symbolic(res, rule, n, flags, values, fmaps, force):
    """Mark the numeric points the symbolic engine also reports; add the engine's points the search missed."""
    import sympy as sp

    from ..theory import cache
    from ..theory.derivation import derive
    from ..theory.map import RHO, Z

    nn = sp.nsimplify(n, rational=True)
    items = tuple(sorted(flags.items()))
    if force:
        d = derive(rule.name, n=n, **flags)
    else:
        d = cache.load("derivation", rule, (sp.srepr(nn), items))
        if d is None or not hasattr(d, "fixed_points"):
            res.notes.append("symbolic comparison skipped: the derivation at this n is not cached (pass "
                             "symbolic=True, or --symbolic, to derive it)")
            return
    subs = {sym: values[name] for name, sym in d.map.params.items() if name in values}
    for fp, _st in d.fixed_points:
        try:
            rho = complex(sp.N(sp.sympify(fp.rho).subs(subs)))
            at = {str(c): complex(sp.N(sp.sympify(v).subs(RHO, fp.rho).subs(subs)))
                  for c, v in fp.point.items() if c != Z}
            pos = [complex(sp.N(sp.sympify(q).subs(subs))) for q in fp.positive]
        except (TypeError, ValueError):
            continue
        charts = [f for f in fmaps if set(f.coords) == set(at)]
        if not charts:
            continue
        fmap = charts[0]
        coords = fmap.coords
        box = _check_box({c: v for c, v in res.box.items() if c in coords}, coords, fmap.nonnegative)
        if any(abs(v.imag) > 1e-12 or not math.isfinite(v.real) for v in at.values()):
            continue
        if abs(rho.imag) > 1e-12 or any(q.real <= 0 or abs(q.imag) > 1e-12 for q in pos):
            continue  # the engine's point does not exist at these parameters
        y = np.array([at[c].real for c in coords])
        if not all(box[c][0] - SAME <= at[c].real <= box[c][1] + SAME for c in coords):
            continue
        match = [p for p in res.points if p.period == 1 and set(p.coords) == set(coords)
                 and _close(np.array([p.coords[c] for c in coords]), y)]
        if match:
            match[0].found_by = tuple(match[0].found_by) + ("symbolic",)
            match[0].name = fp.name
            if abs(match[0].rho - rho.real) > 1e-8 * (1 + abs(rho.real)):
                match[0].notes.append(f"the engine's rho* = {rho.real!r} differs from the map's {match[0].rho!r}")
        else:
            pt = _point(fmap, values, y, 1)
            pt.found_by, pt.name = ("symbolic",), fp.name
            res.points.append(pt)
            res.missed.append({"name": fp.name, "coords": dict(zip(coords, y.tolist())), "rho": rho.real})
    res.symbolic_missed = [{"coords": p.coords, "rho": p.rho, "period": p.period} for p in res.points
                           if p.period == 1 and "symbolic" not in p.found_by]
    if res.symbolic_missed:
        res.notes.append(f"{len(res.symbolic_missed)} fixed point(s) found numerically that the symbolic engine does "
                         "not report (it solves for rho* > 0 only; e.g. a sign-flipping point with rho* < 0)")
