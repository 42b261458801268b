r"""Render a :class:`~adamdyn.theory.Derivation` as a dict (JSON), text or LaTeX.

The linear-convergence point is written the way Bai et al. (2026) write it: the
rate :math:`\rho^*` is given once, and every other derived expression (the
point, the eigenvalues, det and trace of the Jacobian block, the existence and
stability bounds, the loss rate) in terms of it, e.g. for Adam
:math:`u^* = (1-\beta_1)/(1-\beta_1\rho^{*\,1-n})` and
:math:`\beta_1 < \rho^{*\,n}`; where the explicit form (with :math:`\rho^*`
substituted) is shorter it is kept. A form in :math:`\rho^*` is built from the
engine's own expressions (which hold :math:`\rho^*` as a symbol) and from the
parameter the :math:`\rho^*` equation solves for (``FixedPoint.rho_form``, e.g.
:math:`\beta_2 = \rho^{*\,2n-4}`); it is used only after it has been checked
numerically equal to the explicit form on seeded samples of the parameters
(:func:`adamdyn.theory.sampling.sample_points`), otherwise the explicit form is
printed.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from .map import RHO
from .sampling import evaluate, sample_points

__all__ = ["as_dict", "as_text", "as_latex", "in_rho_star", "RHO_STAR"]

#: the symbol of the rate in :func:`as_dict`'s ``in_rho_star`` strings (``sympify`` reads it back)
RHO_STAR = sp.Symbol("rho_star", positive=True)
_TEXT = sp.Symbol("rhoSTAR", positive=True)  # printed as rho* once ** is ^; sorts where rho would
_LATEX = sp.Symbol("rho^*", positive=True)

#: relative and absolute tolerance of the numerical equality check of a rewritten form
RTOL, ATOL = 1e-9, 1e-12


def _s(e):
    return str(e)


def _is_linear(d, fp) -> bool:
    """Whether ``fp`` is ``d``'s linear-convergence point (by value: a loaded derivation holds copies)."""
    return d.linear is not None and fp == d.linear[0]


def _short(e):
    return sp.count_ops(e) + len(str(e)) / 1000


def _exponents(e):
    """Simplify the (small) exponent of every power with a symbolic exponent."""
    return e.replace(lambda x: x.is_Pow and not x.exp.is_Number,
                     lambda x: sp.Pow(x.base, sp.factor(sp.simplify(x.exp))))


def _powers(e):
    return _exponents(sp.powsimp(sp.powdenest(sp.sympify(e), force=True), force=True))


def _cancel_rho(e):
    """``e = rho^k a / b`` as ``a / (b rho^-k)``: the paper's way of writing u* (a candidate form only)."""
    num, den = sp.fraction(sp.together(e))
    k = num.as_powers_dict().get(RHO, 0) if isinstance(num, sp.Mul) else 0
    if k == 0:
        return e
    return sp.Mul(sp.expand(num * RHO ** -k), sp.Pow(sp.expand(den * RHO ** -k), -1))


class _Checker:
    """Numerical equality of a form in rho* with the explicit form, on seeded samples of the parameters."""

    def __init__(self, d, seed=7, size=200):
        self.rho = d.linear[0].rho
        self.points = sample_points(d.optimizer, d.map.params, d.n, size=size, seed=seed)

    def equal(self, in_rho, explicit) -> bool:
        ref = evaluate(explicit, self.points)
        val = evaluate(sp.sympify(in_rho).subs(RHO, self.rho), self.points)
        ok = np.isfinite(ref)
        if not ok.any():
            return False  # nothing to compare against: keep the explicit form
        return bool(np.all(np.isfinite(val[ok])) and np.allclose(val[ok], ref[ok], rtol=RTOL, atol=ATOL))


def _rewrite(expr, fp, check):
    """``(form, explicit)``: ``expr`` (RHO = rho*) as the shorter of its checked form in RHO and the explicit one."""
    expr = sp.sympify(expr)
    explicit = expr.subs(RHO, fp.rho)  # the explicit form as the engine prints it (no further simplification)
    cands = [expr]
    if fp.rho_form:
        cands += [expr.subs(fp.rho_form), explicit.subs(fp.rho_form)]
    forms = []
    for c in cands:
        for f in (c, _powers(c), _cancel_rho(c)):
            if f not in forms:
                forms.append(f)
    best = explicit
    for f in sorted(forms, key=_short):
        if _short(f) > _short(best):
            break
        if f.has(RHO) and check.equal(f, explicit):
            best = f
            break
    return best, explicit


def _rewrite_condition(cond, fp, check):
    """A bound ``symbol < rhs`` with ``rhs`` (or ``expr > 0`` with ``expr``) rewritten by :func:`_rewrite`;
    other conditions unchanged."""
    if not isinstance(cond, sp.Rel):
        return cond
    if isinstance(cond.lhs, sp.Symbol):
        return cond.func(cond.lhs, _rewrite(cond.rhs, fp, check)[0])
    if cond.rhs == 0:
        return cond.func(_rewrite(cond.lhs, fp, check)[0], 0)
    return cond


def in_rho_star(d) -> dict | None:
    r"""The linear-convergence point of ``d`` written with :math:`\rho^*` (the symbol ``RHO``), or ``None``.

    Returns ``{"rho": rho* explicit, "point": {coord: form}, "eigenvalues": [...], "det", "trace",
    "loss_rate", "exists_if": [...], "stable_if": [...], "stable_if_rho": [...]}``: every form is the
    shorter of the explicit expression and a form in ``RHO`` checked numerically equal to it.

    Example:
        >>> from adamdyn.theory import derive
        >>> f = in_rho_star(derive("adam", n=4))
        >>> f["rho"], f["exists_if"][0]
        (beta2**(1/4), beta1 < rho**3)
    """
    if d.linear is None:
        return None
    fp, st = d.linear
    check = _Checker(d)
    out = {"rho": fp.rho,
           "point": {k: _rewrite(v, fp, check)[0] for k, v in fp.point.items()},
           "eigenvalues": [_rewrite(e, fp, check)[0] for e in st.eigenvalues],
           "det": _rewrite(st.det, fp, check)[0] if st.det is not None else None,
           "trace": _rewrite(st.trace, fp, check)[0] if st.trace is not None else None,
           "loss_rate": _rewrite(RHO ** d.map.n, fp, check)[0],
           "exists_if": [_rewrite_condition(c, fp, check) for c in d.exists_if],
           "stable_if": [_rewrite_condition(c, fp, check) for c in d.stable_if],
           "stable_if_rho": list(getattr(d, "stable_if_rho", []))}
    return out


def _named(e, sym):
    """``e`` with RHO shown as ``sym`` (``rho*`` in text, ``rho^*`` in LaTeX, ``rho_star`` in JSON)."""
    return sp.sympify(e).subs(RHO, sym) if isinstance(e, (sp.Basic, int, float)) else e


def _txt(e, star=True) -> str:
    """Text form: ^ for powers (``sympify`` reads it as a power) and, with ``star``, rho* for RHO."""
    text = str(_named(e, _TEXT) if star else e).replace("**", "^")
    # rho* times something reads as (rho*)*x, never as the power rho**x
    return text.replace(_TEXT.name + "*", "(rho*)*").replace(_TEXT.name, "rho*")


def as_dict(d) -> dict:
    """JSON-ready dict; every expression is a ``str`` that :func:`sympy.sympify` reads back.

    The keys of every fixed point hold the explicit forms; the linear-convergence point also has
    ``in_rho_star``: ``rho_star`` (its explicit value) and the point, eigenvalues, det, trace,
    loss rate and bounds written with the symbol ``rho_star`` (:data:`RHO_STAR`) where shorter
    (checked numerically equal to the explicit forms).

    Example:
        >>> from adamdyn.theory import derive
        >>> lin = as_dict(derive("rmsprop", n=4))["fixed_points"][-1]
        >>> lin["rate"], lin["in_rho_star"]["point"]["lambda"]
        ('beta2**(1/4)', '1 - rho_star')
    """
    m = d.map
    forms = in_rho_star(d)
    fps = []
    for fp, st in d.fixed_points:
        explicit = {str(k): _s(sp.sympify(v).subs(RHO, fp.rho)) for k, v in fp.point.items()}
        linear = _is_linear(d, fp)
        entry = {
            "name": fp.name,
            "point": explicit,
            "exists_if": [_s(c) for c in d.exists_if] if linear else ["True"],
            "jacobian": [[_s(sp.sympify(x).subs(RHO, fp.rho)) for x in row] for row in st.jacobian.tolist()],
            "eigenvalues": [_s(sp.sympify(e).subs(RHO, fp.rho)) for e in st.eigenvalues],
            "det": _s(st.det.subs(RHO, fp.rho)) if st.det is not None else None,
            "trace": _s(st.trace.subs(RHO, fp.rho)) if st.trace is not None else None,
            "stable_if": [_s(c) for c in d.stable_if] if linear else ["False"],
            "rate": _s(fp.rho),
        }
        if linear and forms is not None:
            entry["in_rho_star"] = {
                "rho_star": _s(forms["rho"]),
                "point": {str(k): _s(_named(v, RHO_STAR)) for k, v in forms["point"].items()},
                "eigenvalues": [_s(_named(e, RHO_STAR)) for e in forms["eigenvalues"]],
                "det": _s(_named(forms["det"], RHO_STAR)) if forms["det"] is not None else None,
                "trace": _s(_named(forms["trace"], RHO_STAR)) if forms["trace"] is not None else None,
                "loss_rate": _s(_named(forms["loss_rate"], RHO_STAR)),
                "exists_if": [_s(_named(c, RHO_STAR)) for c in forms["exists_if"]],
                "stable_if": [_s(_named(c, RHO_STAR)) for c in forms["stable_if"]],
            }
        fps.append(entry)
    return {
        "optimizer": d.optimizer,
        "n": _s(d.n),
        "params": {k: v for k, v in d.params.items()},
        "coords": [str(c) for c in m.coords],
        "map": {str(c) + "'": _s(e) for c, e in zip(m.coords, m.next)},
        "rho": _s(m.rho),
        "fixed_points": fps,
        "rate": _s(d.rate),
        "loss_rate": _s(d.loss_rate),
        "boundaries": [{"condition": _s(b["condition"]), "bifurcation": b["bifurcation"]} for b in d.boundaries],
        "notes": list(d.notes),
    }


def as_text(d) -> str:
    """A readable multi-line summary: the map, the fixed points (the linear one written with rho*), the bounds."""
    m = d.map
    lines = [f"{d.optimizer} on |x|^n/n, n = {d.n}  (x > 0, rho = x_(t+1)/x_t > 0)", "normalized map:"]
    lines += [f"  {c}' = {_txt(e, star=False)}" for c, e in zip(m.coords, m.next)]
    lines.append(f"  rho = {_txt(m.rho, star=False)}")
    forms = in_rho_star(d)
    rewritten = {}
    for fp, st in d.fixed_points:
        if _is_linear(d, fp) and forms is not None:
            lines.append(f"fixed point ({fp.name}), with rho* = {_txt(fp.rho)}:")
            lines.append("  " + ", ".join(f"{k}* = {_txt(v)}" for k, v in forms["point"].items()))
            lines.append("  eigenvalues: " + ", ".join(_txt(e) for e in forms["eigenvalues"]))
            if forms["det"] is not None:
                lines.append(f"  det J = {_txt(forms['det'])}   tr J = {_txt(forms['trace'])}")
            continue
        lines.append(f"fixed point ({fp.name}): " + ", ".join(
            f"{k} = {_txt(sp.sympify(v).subs(RHO, fp.rho))}" for k, v in fp.point.items()))
        lines.append("  eigenvalues: " + ", ".join(_txt(sp.sympify(e).subs(RHO, fp.rho)) for e in st.eigenvalues))
    if forms is not None:
        lines.append(f"rate: |x| x rho* per step, loss x {_txt(forms['loss_rate'])} per step")
        rewritten = dict(zip(map(str, d.exists_if + d.stable_if), forms["exists_if"] + forms["stable_if"]))
        lines += [f"exists if: {_txt(c)}" for c in forms["exists_if"]]
        rho_forms = forms["stable_if_rho"]
        for i, c in enumerate(forms["stable_if"]):
            alt = f"   <=>   {_txt(rho_forms[i])}" if i < len(rho_forms) and rho_forms[i] != c else ""
            lines.append(f"stable if: {_txt(c)}{alt}")
        lines += [f"boundary {_txt(rewritten.get(str(b['condition']), b['condition']))}: {b['bifurcation']}"
                  for b in d.boundaries]
    else:
        lines.append("no linear-convergence fixed point")
    lines += [f"note: {x}" for x in d.notes]
    return "\n".join(lines)


def as_latex(d) -> str:
    r"""LaTeX ``align*`` block for a paper: the map, then :math:`\rho^*` once and the point written with it."""
    m = d.map
    L = sp.latex

    def tex(e):
        return L(_named(e, _LATEX))

    rows = [f"{L(c)}_{{t+1}} &= {L(e)}" for c, e in zip(m.coords, m.next)]
    rows.append(rf"\rho &= {L(m.rho)}")
    forms = in_rho_star(d)
    if forms is not None:
        rows.append(rf"\rho^* &= {L(forms['rho'])}")
        rows += [rf"{L(k)}^* &= {tex(v)}" for k, v in forms["point"].items()]
        if forms["det"] is not None:
            rows.append(rf"\det J &= {tex(forms['det'])},\quad \operatorname{{tr}} J = {tex(forms['trace'])}")
        rows += [rf"&\text{{exists if }} {tex(c)}" for c in forms["exists_if"]]
        rows += [rf"&\text{{stable if }} {tex(c)}" for c in forms["stable_if"]]
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"
