r"""The family table (docs/FAMILY.md, README): each rule's derived linear convergence and its check by simulation.

One row per rule of :data:`adamdyn.rules.FAMILY`, and Adam as the reference, in two settings: the analysis
form (the rule's defaults, ``eps = 0``) and the published defaults (``Rule.published``: the paper's or torch's
``eps``, learning rate, betas). Every cell is generated:

* "linear convergence", "exists iff", "stable iff", "rate": :func:`adamdyn.theory.derive` of the rule (the
  asymptotic map, t -> oo), in its own words where it finds no linear-convergence point;
* "eps floor": :func:`adamdyn.theory.eps_floor.eps_floor` at the published parameters (n = 4);
* "checked by simulation": normalized-mode runs of :func:`adamdyn.simulate` (:mod:`adamdyn.claims.family`
  measures them without the theory): the late slope against the derived rate where the engine derives
  linear convergence, the slope over doubling windows where it does not, and with ``eps > 0`` the loss
  where the run leaves the rate that the same run at ``eps = 0`` keeps.
"""

from __future__ import annotations

import math

import sympy as sp

from ..claims import family as fam
from ..rules import FAMILY, get_rule
from ..rules import adam as _adam
from .comparison import _latex, _time_limit, _Timeout

__all__ = ["RULES", "TORCH_ADAM", "label", "published", "derived_cells", "eps_floor_cell", "check_cell",
           "family_rows", "render_markdown", "write_family_table", "HEADER"]

#: Adam (the reference) and the family, in table order
RULES = (_adam.RULE.name,) + tuple(m.RULE.name for m in FAMILY)
#: Adam's published setting (torch.optim.Adam's defaults): the Adam rule's own defaults are the analysis form
TORCH_ADAM = {"lr": 1e-3, "eps": 1e-8, "bias_correction": True}

HEADER = ("| optimizer | setting | linear convergence on \\|x\\|^n? | exists iff | stable iff | rate per step in loss "
          "| eps floor (log10 loss, n = 4) | checked by simulation |")



def _clip(text, width) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters (an ellipsis marks a cut)."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(";,:") + "…"

def label(name) -> str:
    """The rule's display name, from its summary (``"AdamW: Adam with ..."`` -> ``"AdamW"``)."""
    return get_rule(name).summary.split(":")[0].split(" (")[0].strip()


def published(name) -> dict:
    """The published setting of ``name`` (:attr:`Rule.published`; :data:`TORCH_ADAM` for Adam)."""
    rule = get_rule(name)
    return dict(rule.published) if rule.published else (dict(TORCH_ADAM) if rule.name == "adam" else {})


def _scale_params(name, values) -> dict:
    """The scale-carrying parameters (``param_degrees``) set to non-zero values in ``values``."""
    rule = get_rule(name)
    p = rule.make_params(**values)
    return {k: values[k] for k in rule.param_degrees(p) if values.get(k, 0) not in (0, 0.0, None)}


def zero_defaults(name) -> dict:
    """The rule's numeric parameters that are 0 by default (Adagrad's ``lr_decay``, Adafactor's ``beta1``
    ...), other than the offsets and initial values the analysis sets to 0 anyway. A symbol for one of them
    is taken positive, which can change the asymptotic map (a decaying step, a momentum that is not there),
    so the analysis row is derived at their defaults: the setting that the check column simulates."""
    from ..theory.map import _ANALYSIS_ZERO

    return {q.name: 0 for q in get_rule(name).params
            if q.kind != "bool" and q.default == 0 and q.name not in _ANALYSIS_ZERO}


def _derivation(name, timeout_s):
    """``(Derivation or None, what went wrong)``: symbolic n, else n = 4 (as the optimizer table does)."""
    from ..theory import TheoryUnavailable, derive

    zeros = zero_defaults(name)
    try:
        with _time_limit(timeout_s):
            return derive(name, **zeros), ""
    except _Timeout:
        failed = f"the engine did not finish within {timeout_s:g} s for general n"
    except (NotImplementedError, ValueError) as exc:  # TheoryUnavailable is a ValueError
        why = exc.why if isinstance(exc, TheoryUnavailable) else f"{type(exc).__name__}: {exc}"
        failed = f"the engine cannot derive it for general n ({_clip(str(why), 160)})"
    try:
        with _time_limit(timeout_s):
            return derive(name, 4, **zeros), failed + "; shown for n = 4"
    except _Timeout:
        return None, failed + f"; nor for n = 4 within {timeout_s:g} s"
    except (NotImplementedError, ValueError) as exc:
        return None, failed + f"; nor for n = 4 ({_clip(str(exc), 160)})"


def _power_law(d):
    """The derived power law of a rule without linear convergence, as text ('' when the engine gives none)."""
    law = getattr(d, "power_law", None)
    if law is None or law is sp.nan:
        return ""
    return law if isinstance(law, str) else _latex(law)


def _why_not_text(why_not) -> str:
    """The reasons of every branch, once: ``on every branch: ...`` where they are the same."""
    prefix, lead = "on the branch ", "no linear convergence: "
    reasons = []
    for text in why_not:
        if text.startswith(prefix):
            text = text.split(": ", 1)[1]
        reasons.append(text[len(lead):] if text.startswith(lead) else text)
    if len(reasons) > 1 and len(set(reasons)) == 1:
        return f"on every branch ({len(reasons)}): {reasons[0]}"
    if len(why_not) == 1:
        return reasons[0]
    return "; ".join(dict.fromkeys(why_not)) or "no linear-convergence point"


def derived_cells(name, timeout_s=180.0) -> dict:
    """``{"linear", "exists", "stable", "rate"}`` at eps = 0, from :func:`adamdyn.theory.derive` only."""
    d, failed = _derivation(name, timeout_s)
    if d is None:
        return {"linear": f"not derived: {failed}", "exists": "-", "stable": "-", "rate": "-"}
    note = f" ({failed})" if failed else ""
    if d.linear is None:
        law = _power_law(d)
        why = _why_not_text(d.why_not)
        return {"linear": f"no: {why}" + (f"; power law {law}" if law else "") + note, "exists": "n/a",
                "stable": "n/a", "rate": "not linear"}
    stable = " and ".join(_latex(c) for c in d.stable_if)
    if not stable:
        unreduced = [n for n in d.notes if "not reduced" in n]
        stable = (f"spectral radius < 1 (numeric; {unreduced[0]})" if unreduced
                  else "always (where the point exists)")
    return {"linear": "yes, where the point exists and is stable" + note,
            "exists": " and ".join(_latex(c) for c in d.exists_if) or "always",
            "stable": stable, "rate": _latex(d.loss_rate)}


def eps_floor_cell(name, values, n=4.0) -> str:
    """The predicted end of linear convergence at ``values`` (:func:`adamdyn.theory.eps_floor.eps_floor`)."""
    from ..theory import TheoryUnavailable

    eps = {k: v for k, v in _scale_params(name, values).items() if k.startswith("eps")}
    if not eps:
        return "none (eps = 0)" if any(q.startswith("eps") for q in get_rule(name).param_names) else "none (no eps)"
    eps_name, value = next(iter(eps.items()))
    try:
        floor = fam.eps_floor_fn()
        ef = floor(name, n, value, eps_name=eps_name, **{k: v for k, v in values.items() if k != eps_name})
    except TheoryUnavailable as exc:
        return f"not derived ({_clip(exc.why, 120)})"
    if not math.isfinite(ef.log10_loss):
        return f"none: {_clip(ef.reason, 160)}"
    return (f"{ef.log10_loss:.1f} (+-{ef.tolerance:g}), then gradient descent at lr/S_eps = {ef.gd_lr:.3g}: "
            f"loss ~ t^({ef.exponent:g})")


def check_cell(name, linear: bool, values=None, quick=False) -> tuple:
    """``(text, rows)``: the simulation check of one row (``values``: the published setting, else eps = 0)."""
    from ..theory import TheoryUnavailable

    if values is None:
        prefix = ""
        if linear:
            try:
                rows = fam.rate_record(name, quick)
            except TheoryUnavailable as exc:
                prefix = f"no numeric rate from the engine ({_clip(exc.why, 100)}); "
            else:
                if not rows:
                    return "no Regime I point among the candidates", rows
                worst = max(r["rel_err"] for r in rows)
                return f"rate within {100 * worst:.3f}% ({len(rows)} points, n = 4)", rows
        rows = fam.flat_record(name, quick)
        ratios = ", ".join("stalls" if r["stall"] else f"{r['ratio']:.2f}" for r in rows)
        verdict = "flattens" if all(r["flattens"] for r in rows) else "does NOT flatten"
        exps = ", ".join(f"{r['exponent']:.2f}" for r in rows if r["flattens"] and not r["stall"])
        law = f"; loss ~ t^a with a = {exps} over [T/4, T]" if exps else ""
        return f"{prefix}late slope {verdict} (slope ratio per doubling {ratios}{law})", rows
    steps = 60000 if quick else 200000
    pt = dict(values)
    zero = {**pt, **{k: 0.0 for k in _scale_params(name, values) if k.startswith("eps")}}
    ref, run = (fam.simulate(name, n=fam.N_CHECK, x0=fam.X0, steps=steps, every=max(1, steps // 4000),
                             mode="normalized", **q) for q in (zero, pt))
    level = fam.linear_end_level(ref, run) if linear else math.nan
    row = {"optimizer": name, "point": pt, "steps": steps, "level": level, "final": run.final_log10_loss,
           "final_eps0": ref.final_log10_loss, "flattening": fam.flattening(run)}
    if not math.isfinite(level):
        return (f"no linear phase to end: final log10 loss {run.final_log10_loss:.1f} after {steps} steps "
                f"(eps = 0: {ref.final_log10_loss:.1f})", [row])
    return (f"linear convergence ends at log10 loss {level:.1f} (final {run.final_log10_loss:.1f} after {steps} "
            f"steps; eps = 0: {ref.final_log10_loss:.1f})", [row])


def _setting_text(name, values) -> str:
    if not values:
        return "eps = 0 (analysis)" + "".join(f", {k} = 0" for k in zero_defaults(name))
    return "published: " + ", ".join(f"{k} = {v:g}" if not isinstance(v, bool) else f"{k} = {v}"
                                     for k, v in values.items())


def family_rows(rules=RULES, quick=False, timeout_s=180.0) -> list:
    """Two rows per rule (eps = 0, then published where that sets a scale-carrying parameter such as eps)."""
    out = []
    for name in rules:
        cells = derived_cells(name, timeout_s)
        linear = cells["linear"].startswith("yes")
        text, rows = check_cell(name, linear, quick=quick)
        out.append({"optimizer": name, "label": label(name), "setting": _setting_text(name, {}), **cells,
                    "eps_floor": eps_floor_cell(name, {}), "check": text, "details": rows})
        pub = published(name)
        if _scale_params(name, pub):
            text, rows = check_cell(name, linear, pub, quick=quick)
            same = "as at eps = 0, above the floor" if linear else "n/a"
            out.append({"optimizer": name, "label": label(name), "setting": _setting_text(name, pub),
                        "linear": ("until the eps floor" if linear else "no (as at eps = 0)"),
                        "exists": same, "stable": same, "rate": same if linear else "not linear",
                        "eps_floor": eps_floor_cell(name, pub), "check": text, "details": rows})
    return out


def render_markdown(rows) -> str:
    """docs/FAMILY.md: the table of :func:`family_rows` with how it was made."""
    lines = [
        "# The optimizer family on |x|^n/n (generated)",
        "",
        "Generated by `adamdyn.experiments.family.write_family_table` (`python tools/update_readme.py --family`); "
        "do not edit by hand. The first four result columns come from `adamdyn.theory.derive` of each rule's "
        "asymptotic map (t -> oo) at eps = 0; the eps floor from `adamdyn.theory.eps_floor` at the published "
        "parameters; the check column from normalized-mode runs of `adamdyn.simulate` on |x|^4/4 from x0 = "
        f"{fam.X0:g} (lr {fam.LR:g} unless the setting says otherwise), measured without the theory: where the "
        "engine derives linear convergence, the late log10-loss slope against n log10 rho* at the candidate "
        "points it puts in Regime I; where it does not, the slopes over [T/4, T/2] and [T/2, T] (linear: ratio "
        f"1, a power law loss ~ t^a: ratio 1/2; 'flattens' means ratio <= {fam.FLAT_RATIO}); with eps > 0, the "
        "log10 loss of the last window whose slope is at least half the late slope of the same run at eps = 0.",
        "",
        HEADER,
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [r["label"], r["setting"], r["linear"], r["exists"], r["stable"], r["rate"], r["eps_floor"],
                 r["check"]]
        lines.append("| " + " | ".join(" ".join(str(c).split()).replace("|", "\\|") for c in cells) + " |")
    lines.append("")
    return "\n".join(lines)


def write_family_table(path="docs/FAMILY.md", rules=RULES, quick=False, timeout_s=180.0) -> str:
    """Derive, simulate and write docs/FAMILY.md."""
    import os

    text = render_markdown(family_rows(rules, quick=quick, timeout_s=timeout_s))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def table_cells(md: str) -> list:
    """The rows of a FAMILY.md table as lists of cell strings (for the staleness check)."""
    out = []
    for ln in md.splitlines():
        if ln.startswith("| ") and not ln.startswith(HEADER[:12]):
            out.append([c.strip() for c in _split_row(ln)])
    return out


def _split_row(ln):
    cells, cur, i = [], "", 1
    while i < len(ln):
        ch = ln[i]
        if ch == "\\" and i + 1 < len(ln) and ln[i + 1] == "|":
            cur += "\\|"
            i += 2
            continue
        if ch == "|":
            cells.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    return cells

