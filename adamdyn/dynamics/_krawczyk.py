r"""The branch and bound of :func:`adamdyn.dynamics.interval.prove_fixed_points`: forward contraction, exclusion,
the Krawczyk test, bisection by the largest smear, and the checks on the proven boxes (see that module).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ._intervals import Interval, _down, _up

__all__ = ["IntervalProof", "SPLIT", "PAD"]


@dataclass
class IntervalProof:
    """The result of :func:`~adamdyn.dynamics.interval.prove_fixed_points`.

    ``complete``: True iff every box was either excluded or holds one proven root (then ``enclosures``
    are all the roots in ``box``); ``enclosures``: per root a dict with ``box`` (``{coord: [lo, hi]}``
    for period 1; ``orbit``, one such box per point, for period k) and ``in_box`` (False where the
    enclosure only touches the requested box); ``unresolved``: the boxes left when the budget ran out;
    ``boxes``: boxes evaluated; ``excluded``: boxes dropped; ``depth``: the deepest bisection level;
    ``unresolved_hull``: the smallest box holding every unresolved box (where an unproven root may be: e.g.
    a root where :math:`I - J` is singular, such as a marginal eigenvalue 1, which no Krawczyk test proves).
    """

    coords: tuple
    period: int
    box: dict
    search_box: dict
    complete: bool
    enclosures: list
    unresolved: list
    boxes: int
    excluded: int
    depth: int
    seconds: float
    reason: str = ""
    unresolved_hull: object = None

    def as_dict(self) -> dict:
        return {"method": "interval branch and bound with the Krawczyk test", "period": self.period,
                "complete": self.complete, "enclosures": self.enclosures, "unresolved": self.unresolved,
                "unresolved_count": len(self.unresolved), "boxes": self.boxes, "excluded": self.excluded,
                "depth": self.depth, "seconds": self.seconds, "search_box": self.search_box,
                "reason": self.reason, "unresolved_hull": self.unresolved_hull}



#: where a box is cut along its side (off the middle, so that a root at a round value such as 0 in a symmetric
#: box does not fall on a cut, where neither half can prove it)
SPLIT = 0.4951718750

#: relative padding of the search box, so a root on a face of the requested box is interior
PAD = 2.0**-40

def _prove(imap, ibox, params, period, max_depth, max_boxes, tighten, t0):
    d, k = len(imap.coords), period
    lo0 = np.array([ibox[c][0] for c in imap.coords])
    hi0 = np.array([ibox[c][1] for c in imap.coords])
    pad = PAD * (hi0 - lo0)
    slo, shi = _down(lo0 - pad), _up(hi0 + pad)
    scale = np.tile(shi - slo, k)
    lo = np.tile(slo, k)[None]
    hi = np.tile(shi, k)[None]
    depth = np.zeros(1, dtype=int)
    proven, unresolved = [], []
    nboxes = excluded = maxdepth = 0
    while len(lo):
        nboxes += len(lo)
        maxdepth = max(maxdepth, int(depth.max()))
        status, klo, khi = _classify(imap, params, lo, hi, k)
        # status: 0 excluded, 1 proven unique root in [klo, khi], 2 undecided (then [klo, khi] is bisected)
        excluded += int(np.sum(status == 0))
        for i in np.flatnonzero(status == 1):
            proven.append((klo[i].copy(), khi[i].copy()))
        und = status == 2
        lo, hi, depth = klo[und], khi[und], depth[und]
        if not len(lo):
            break
        over = depth >= max_depth
        if nboxes + 2 * len(lo) > max_boxes:
            over[:] = True
        for i in np.flatnonzero(over):
            unresolved.append((lo[i].copy(), hi[i].copy()))
        lo, hi, depth = lo[~over], hi[~over], depth[~over]
        if not len(lo):
            break
        j = _split_dims(imap, params, lo, hi, k, scale)
        r = np.arange(len(lo))
        midv = lo[r, j] + SPLIT * (hi[r, j] - lo[r, j])
        lo2, hi2 = lo.copy(), hi.copy()
        hi[r, j] = midv
        lo2[r, j] = midv
        lo = np.concatenate([lo, lo2])
        hi = np.concatenate([hi, hi2])
        depth = np.concatenate([depth, depth]) + 1
    enclosures = []
    contradictions = 0
    for plo, phi in proven:
        if not _mean_value_ok(imap, params, plo, phi, k):
            contradictions += 1
        if tighten:
            plo, phi = _tighten(imap, params, plo, phi, k)
        blocks = [{c: [float(plo[i * d + j]), float(phi[i * d + j])] for j, c in enumerate(imap.coords)}
                  for i in range(k)]
        inside = all(phi[i * d + j] >= lo0[j] and plo[i * d + j] <= hi0[j] for i in range(k) for j in range(d))
        strictly = all(plo[i * d + j] >= lo0[j] and phi[i * d + j] <= hi0[j] for i in range(k) for j in range(d))
        enc = {"box": blocks[0], "in_box": bool(inside), "on_face": bool(inside and not strictly)}
        if k > 1:
            enc["orbit"] = blocks
        enclosures.append(enc)
    enclosures.sort(key=lambda e: [e["box"][c][0] for c in imap.coords])
    unres = [[{c: [float(a[i * d + j]), float(b[i * d + j])] for j, c in enumerate(imap.coords)} for i in range(k)]
             for a, b in unresolved]
    hull = None
    if unresolved:
        ul = np.min([a for a, _ in unresolved], axis=0)
        uh = np.max([b for _, b in unresolved], axis=0)
        hull = [{c: [float(ul[i * d + j]), float(uh[i * d + j])] for j, c in enumerate(imap.coords)}
                for i in range(k)]
        hull = hull if k > 1 else hull[0]
    complete = not unresolved and not contradictions
    reason = "" if not unresolved else (f"{len(unresolved)} box(es) unresolved within max_depth={max_depth} and "
                                        f"max_boxes={max_boxes}")
    if contradictions:
        reason = "; ".join(x for x in (reason, (
            f"the interval Jacobian contradicts the map on {contradictions} proven box(es) (G(b) - G(a) is not in "
            "J(X)(b - a)): the derivative is wrong, nothing is proven")) if x)
    return IntervalProof(imap.coords, k, {c: list(ibox[c]) for c in imap.coords},
                         {c: [float(slo[j]), float(shi[j])] for j, c in enumerate(imap.coords)}, complete,
                         enclosures, [u if k > 1 else u[0] for u in unres], nboxes, excluded, maxdepth,
                         time.perf_counter() - t0, reason, hull)


def _split_dims(imap, params, lo, hi, k, scale):
    r"""The side of each box to bisect: the largest smear :math:`\sum_i |J_{ij}(X)|\,w_j` (Kearfott's rule:
    the side that contributes most to the overestimation of G), or the widest side relative to the search
    box where the Jacobian is unbounded."""
    N, D = lo.shape
    d = D // k
    w = hi - lo
    smear = np.zeros((N, D))
    finite = np.ones(N, dtype=bool)
    def add(col, e, possible):
        nonlocal finite
        mag = np.where(possible, np.maximum(np.abs(e.lo), np.abs(e.hi)), 0.0)
        finite &= np.isfinite(mag) | ~possible
        smear[:, col] += np.where(np.isfinite(mag), mag, 0.0) * w[:, col]

    for i, opts in enumerate(_block_options(imap, params, lo, hi, k, d)):
        i2 = (i + 1) % k
        for key, possible, _sole, env in opts:
            Jf, Jm = imap.jacobian(key[0], env)
            _, mult = imap.values(key[0], env)
            for r in range(d):
                ynext = Interval(lo[:, i2 * d + r], hi[:, i2 * d + r])
                for c in range(d):
                    add(i * d + c, Jf[r][c] - Jm[r][c] * ynext, possible)  # d/dy_i of A^p (F - y_{i+1})
                add(i2 * d + r, mult[r], possible)  # d/dy_{i+1}: -A^p
    rel = w / scale
    j = np.where(finite & np.all(np.isfinite(smear), axis=1), np.argmax(smear, axis=1), np.argmax(rel, axis=1))
    # never let a side shrink below 1e-12 of the search box while another is far wider
    tiny = rel[np.arange(N), j] < 1e-12 * rel.max(axis=1)
    return np.where(tiny, np.argmax(rel, axis=1), j)


def _block_options(imap, params, lo, hi, k, d):
    """Per block i of the orbit: the options ``((branch, sign), possible, sole, env)`` on its coordinates."""
    return [imap.options(lo[:, i * d:(i + 1) * d], hi[:, i * d:(i + 1) * d], params) for i in range(k)]


def _residual(imap, b, env, lo, hi, i, k, d):
    """``A^p (F(y_i) - y_{i+1})`` per component for branch ``b`` (intervals)."""
    nxt, mult = imap.values(b, env)
    i2 = (i + 1) % k
    return [nxt[j] - mult[j] * Interval(lo[:, i2 * d + j], hi[:, i2 * d + j]) for j in range(d)]


def _contract(imap, params, lo, hi, k):
    r"""Forward contraction: a root has :math:`y_{i+1} = F(y_i) \in F(X_i)`, so :math:`X_{i+1}` shrinks to its
    meet with the hull of :math:`F(X_i)` over the options (branch, sign) possible on :math:`X_i`. Returns the
    shrunk boxes and the boxes found empty (no root)."""
    N, D = lo.shape
    d = D // k
    lo, hi = lo.copy(), hi.copy()
    for i in range(k):
        i2 = (i + 1) % k
        hlo = np.full((N, d), np.inf)
        hhi = np.full((N, d), -np.inf)
        for key, possible, _sole, env in imap.options(lo[:, i * d:(i + 1) * d], hi[:, i * d:(i + 1) * d], params):
            img = imap.image(key[0], env)
            for j in range(d):
                ok = possible & ~img[j].empty
                hlo[:, j] = np.where(ok, np.minimum(hlo[:, j], img[j].lo), hlo[:, j])
                hhi[:, j] = np.where(ok, np.maximum(hhi[:, j], img[j].hi), hhi[:, j])
        lo[:, i2 * d:(i2 + 1) * d] = np.maximum(lo[:, i2 * d:(i2 + 1) * d], hlo)
        hi[:, i2 * d:(i2 + 1) * d] = np.minimum(hi[:, i2 * d:(i2 + 1) * d], hhi)
    return lo, hi, np.any(lo > hi, axis=1)


def _classify(imap, params, lo, hi, k):
    """Per box: 0 no root, 1 one proven root, 2 undecided; and the box shrunk by the contraction and by
    X cap K(X) (the box a root was proven in, or the box to bisect)."""
    N, D = lo.shape
    d = D // k
    status = np.full(N, 2)
    lo, hi, gone = _contract(imap, params, lo, hi, k)
    lo = np.where(gone[:, None], np.minimum(lo, hi), lo)
    hi = np.where(gone[:, None], np.maximum(lo, hi), hi)
    klo, khi = lo.copy(), hi.copy()
    opts = _block_options(imap, params, lo, hi, k, d)
    excl = gone.copy()
    for i in range(k):
        all_out = np.ones(N, dtype=bool)
        for key, possible, _sole, env in opts[i]:
            G = _residual(imap, key[0], env, lo, hi, i, k, d)
            out = np.any([g.empty | ~g.contains_zero() for g in G], axis=0)
            all_out &= out | ~possible
        excl |= all_out
    status[excl] = 0
    # the Krawczyk test where every block has one option (branch, sign of rho) holding on all of the box
    chosen = [dict() for _ in range(N)]
    for i in range(k):
        for key, _possible, sole, _env in opts[i]:
            for t in np.flatnonzero(sole & ~excl):
                chosen[t][i] = key
    groups = {}
    for t in range(N):
        if not excl[t] and len(chosen[t]) == k:
            groups.setdefault(tuple(chosen[t][i] for i in range(k)), []).append(t)
    for keys, sel in groups.items():
        sel = np.array(sel)
        st, a, b, ok = _krawczyk(imap, params, lo[sel], hi[sel], k, d, keys)
        status[sel] = st
        # X cap K(X), widened by a tenth of K's width (and 1e-300): a root pinned to a round value (0) stays
        # strictly inside the next box instead of on its face (epsilon-inflation); still a subset of X
        delta = 0.1 * (b - a) + 1e-300
        klo[sel] = np.where(ok[:, None], np.maximum(lo[sel], a - delta), lo[sel])
        khi[sel] = np.where(ok[:, None], np.minimum(hi[sel], b + delta), hi[sel])
    return status, klo, khi


def _system(imap, params, lo, hi, k, d, keys, jac=True):
    """G (list of k*d Intervals) and, if ``jac``, the interval Jacobian (k*d x k*d) on boxes [lo, hi], with
    the option ``keys[i]`` (branch, sign of rho) in block i."""
    N = lo.shape[0]
    D = k * d
    G, J = [], [[Interval(np.zeros(N)) for _ in range(D)] for _ in range(D)]
    bad = np.zeros(N, dtype=bool)
    for i in range(k):
        opts = imap.options(lo[:, i * d:(i + 1) * d], hi[:, i * d:(i + 1) * d], params)
        match = [o for o in opts if o[0] == keys[i]]
        if not match:
            return None, None, np.ones(N, dtype=bool)
        _key, _possible, sole, env = match[0]
        bad |= ~sole
        G.extend(_residual(imap, keys[i][0], env, lo, hi, i, k, d))
        if jac:
            Jf, Jm = imap.jacobian(keys[i][0], env)
            _, mult = imap.values(keys[i][0], env)
            i2 = (i + 1) % k
            for r in range(d):
                ynext = Interval(lo[:, i2 * d + r], hi[:, i2 * d + r])
                for c in range(d):
                    J[i * d + r][i * d + c] = Jf[r][c] - Jm[r][c] * ynext
                J[i * d + r][i2 * d + r] = J[i * d + r][i2 * d + r] - mult[r]
    return G, J, bad


def _krawczyk(imap, params, lo, hi, k, d, keys):
    """Status (0 no root, 1 unique root, 2 undecided), K(X) bounds and whether K could be formed."""
    N, D = lo.shape
    m = 0.5 * lo + 0.5 * hi
    status = np.full(N, 2)
    Gm, _, bad_m = _system(imap, params, m, m, k, d, keys, jac=False)
    _, J, bad = _system(imap, params, lo, hi, k, d, keys)
    if Gm is None or J is None:
        return status, lo, hi, np.zeros(N, dtype=bool)
    flag = bad | bad_m
    for g in Gm:
        flag |= g.flag | g.empty | ~np.isfinite(g.lo) | ~np.isfinite(g.hi)
    Jmid = np.empty((N, D, D))
    for r in range(D):
        for c in range(D):
            e = J[r][c]
            flag |= e.flag | e.empty | ~np.isfinite(e.lo) | ~np.isfinite(e.hi)
            Jmid[:, r, c] = np.where(np.isfinite(e.lo) & np.isfinite(e.hi), 0.5 * e.lo + 0.5 * e.hi, 0.0)
    Jmid[flag] = np.eye(D)
    with np.errstate(all="ignore"):
        try:
            C = np.linalg.inv(Jmid)
        except np.linalg.LinAlgError:
            C = np.stack([_inv1(a) for a in Jmid])
    flag |= ~np.all(np.isfinite(C), axis=(1, 2))
    C = np.where(flag[:, None, None], 0.0, C)
    Xm = [Interval(lo[:, c], hi[:, c]) - Interval(m[:, c]) for c in range(D)]
    K = []
    for r in range(D):
        acc = Interval(m[:, r])
        for c in range(D):
            acc = acc - Interval(C[:, r, c]) * Gm[c]
        for c in range(D):
            M = Interval(np.full(N, 1.0 if r == c else 0.0))
            for q in range(D):
                M = M - Interval(C[:, r, q]) * J[q][c]
            acc = acc + M * Xm[c]
        K.append(acc)
    klo = np.stack([x.lo for x in K], axis=1)
    khi = np.stack([x.hi for x in K], axis=1)
    ok = ~flag & np.all(np.isfinite(klo) & np.isfinite(khi), axis=1)
    status[ok & np.all((klo > lo) & (khi < hi), axis=1)] = 1
    status[ok & np.any((klo > hi) | (khi < lo), axis=1)] = 0
    return status, klo, khi, ok


def _mean_value_ok(imap, params, lo, hi, k):
    r"""A necessary condition on the interval Jacobian, checked on a proven box X: by the mean value theorem
    :math:`G(b) - G(a) \in J(X)(b - a)` for corners ``a``, ``b`` of X (the diagonal, and the diagonal with
    the first side reversed). A wrong derivative fails it on all but special boxes."""
    d = len(imap.coords)
    lo, hi = lo[None], hi[None]
    opts = _block_options(imap, params, lo, hi, k, d)
    keys = []
    for i in range(k):
        sole = [o[0] for o in opts[i] if o[2].all()]
        if len(sole) != 1:
            return True
        keys.append(sole[0])
    _, J, _ = _system(imap, params, lo, hi, k, d, keys)
    a2, b2 = lo.copy(), hi.copy()
    a2[0, 0], b2[0, 0] = hi[0, 0], lo[0, 0]
    for a, b in ((lo, hi), (a2, b2)):
        Ga, _, _ = _system(imap, params, a, a, k, d, keys, jac=False)
        Gb, _, _ = _system(imap, params, b, b, k, d, keys, jac=False)
        for r in range(len(Ga)):
            diff = Gb[r] - Ga[r]
            acc = Interval(np.zeros(1))
            for c in range(len(Ga)):
                acc = acc + J[r][c] * Interval(_down(b[:, c] - a[:, c]), _up(b[:, c] - a[:, c]))
            if np.any((diff.hi < acc.lo) | (diff.lo > acc.hi)):
                return False
    return True


def _inv1(a):
    try:
        return np.linalg.inv(a)
    except np.linalg.LinAlgError:
        return np.full_like(a, np.nan)


def _tighten(imap, params, lo, hi, k, rounds=40):
    """Shrink a proven enclosure: X <- K(X) cap X (each step keeps the one root)."""
    d = len(imap.coords)
    lo, hi = lo[None].copy(), hi[None].copy()
    opts = _block_options(imap, params, lo, hi, k, d)
    keys = []
    for i in range(k):
        sole = [o[0] for o in opts[i] if o[2].all()]
        if len(sole) != 1:
            return lo[0], hi[0]
        keys.append(sole[0])
    for _ in range(rounds):
        _st, a, b, ok = _krawczyk(imap, params, lo, hi, k, d, keys)
        if not ok[0]:
            break
        nlo, nhi = np.maximum(lo, a), np.minimum(hi, b)
        if np.any(nlo > nhi) or (np.all(nlo == lo) and np.all(nhi == hi)):
            break
        lo, hi = nlo, nhi
    return lo[0], hi[0]
