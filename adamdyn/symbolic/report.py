"""Render a :class:`~adamdyn.symbolic.Derivation` as a dict (JSON), text or LaTeX."""

from __future__ import annotations

import sympy as sp

from .map import RHO

__all__ = ["as_dict", "as_text", "as_latex"]


def _s(e):
    return str(e)


def _is_linear(d, fp) -> bool:
    """Whether ``fp`` is ``d``'s linear-convergence point (by value: a loaded derivation holds copies)."""
    return d.linear is not None and fp == d.linear[0]


def as_dict(d) -> dict:
    """JSON-ready dict; every expression is a ``str`` that :func:`sympy.sympify` reads back.

    Example:
        >>> from adamdyn.symbolic import derive
        >>> as_dict(derive("rmsprop", n=4))["fixed_points"][-1]["rate"]
        'beta2**(1/4)'
    """
    m = d.map
    fps = []
    for fp, st in d.fixed_points:
        explicit = {str(k): _s(sp.sympify(v).subs(RHO, fp.rho)) for k, v in fp.point.items()}
        linear = _is_linear(d, fp)
        fps.append({
            "name": fp.name,
            "point": explicit,
            "exists_if": [_s(c) for c in d.exists_if] if linear else ["True"],
            "jacobian": [[_s(sp.sympify(x).subs(RHO, fp.rho)) for x in row] for row in st.jacobian.tolist()],
            "eigenvalues": [_s(sp.sympify(e).subs(RHO, fp.rho)) for e in st.eigenvalues],
            "det": _s(st.det.subs(RHO, fp.rho)) if st.det is not None else None,
            "trace": _s(st.trace.subs(RHO, fp.rho)) if st.trace is not None else None,
            "stable_if": [_s(c) for c in d.stable_if] if linear else ["False"],
            "rate": _s(fp.rho),
        })
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
    """A readable multi-line summary."""
    m = d.map
    lines = [f"{d.optimizer} on |x|^n/n, n = {d.n}  (x > 0, rho = x_(t+1)/x_t > 0)", "normalized map:"]
    lines += [f"  {c}' = {e}" for c, e in zip(m.coords, m.next)]
    lines.append(f"  rho = {m.rho}")
    for fp, st in d.fixed_points:
        lines.append(f"fixed point ({fp.name}): " + ", ".join(
            f"{k} = {sp.sympify(v).subs(RHO, fp.rho)}" for k, v in fp.point.items()))
        lines.append("  eigenvalues: " + ", ".join(str(sp.sympify(e).subs(RHO, fp.rho)) for e in st.eigenvalues))
        if st.det is not None and _is_linear(d, fp):
            lines.append(f"  det J = {st.det}   tr J = {st.trace}   (rho = rho* = {fp.rho})")
    if d.linear is not None:
        lines.append(f"rate: |x| x {d.rate} per step, loss x {d.loss_rate} per step")
        lines += [f"exists if: {c}" for c in d.exists_if]
        rho_forms = list(getattr(d, "stable_if_rho", []))
        for i, c in enumerate(d.stable_if):
            alt = f"   <=>   {rho_forms[i]}  (rho = rho*)" if i < len(rho_forms) else ""
            lines.append(f"stable if: {c}{alt}")
        lines += [f"boundary {b['condition']}: {b['bifurcation']}" for b in d.boundaries]
    else:
        lines.append("no linear-convergence fixed point")
    lines += [f"note: {x}" for x in d.notes]
    return "\n".join(lines)


def as_latex(d) -> str:
    """LaTeX ``align*`` block for a paper."""
    m = d.map
    L = sp.latex
    rows = [f"{L(c)}_{{t+1}} &= {L(e)}" for c, e in zip(m.coords, m.next)]
    rows.append(rf"\rho &= {L(m.rho)}")
    if d.linear is not None:
        fp, st = d.linear
        rows += [rf"{L(k)}^* &= {L(sp.sympify(v).subs(RHO, fp.rho))}" for k, v in fp.point.items()]
        rows.append(rf"\rho^* &= {L(fp.rho)}")
        if st.det is not None:
            rows.append(rf"\det J &= {L(st.det)},\quad \operatorname{{tr}} J = {L(st.trace)}")
        rows += [rf"&\text{{exists if }} {L(c)}" for c in d.exists_if]
        rows += [rf"&\text{{stable if }} {L(c)}" for c in d.stable_if]
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"
