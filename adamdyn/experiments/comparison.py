r"""Optimizer comparison table, generated from the derivations and checked by simulation.

One row per optimizer (variant): when the non-trivial (linear-convergence)
fixed point exists, when it is stable, the loss rate per step, and the largest
relative error between the derived loss slope :math:`n\log_{10}\rho^*` and the
late slope of simulated runs (normalized mode) at a few points in the stable
region. Every cell comes from :func:`adamdyn.theory.derive` (conditions,
rate, notes) or from :func:`adamdyn.theory.quick_theory` (numbers);
nothing is typed in. Where the derivation finds no linear-convergence point,
the row says why, in the engine's words.
"""

from __future__ import annotations

import contextlib
import signal
import threading

import numpy as np
import sympy as sp

from ..dynamics.reductions import SWEEP_LATE_FRACTION, late_slope
from ..dynamics.simulation import simulate
from ..theory import quick_theory

__all__ = ["ROWS", "CHECK_POINTS", "slope_errors", "comparison_rows", "render_markdown",
           "write_optimizer_table"]

#: (label, optimizer, structural params / flags for the derivation, extra simulation params)
ROWS = (
    ("GD", "gd", {}, {}),
    ("Momentum (heavy ball)", "momentum", {}, {}),
    ("SignGD", "signgd", {}, {}),
    ("RMSProp", "rmsprop", {}, {}),
    ("Adam", "adam", {}, {}),
    ("AdaMomentum", "adamomentum", {}, {}),
    ("S3 (p = 2, Nesterov off)", "s3", {"p": 2.0, "nesterov": False}, {}),
    ("S3 (p = 2, Nesterov on)", "s3", {"p": 2.0, "nesterov": True}, {}),
    ("S3 (p = 3, Nesterov on)", "s3", {"p": 3.0, "nesterov": True}, {}),
    ("S3 (p = 1, Nesterov on)", "s3", {"p": 1.0, "nesterov": True}, {}),
    ("Adam, v0 = g0^2", "adam", {}, {"v0": 1.0}),
    ("AdaBelief", "adabelief", {}, {}),
)

#: simulation points (n = 4) in the derived stable region, per optimizer
CHECK_POINTS = {
    "gd": [{}], "momentum": [{"beta": 0.5}], "signgd": [{}],
    "rmsprop": [{"beta2": 0.5}, {"beta2": 0.9}],
    "adam": [{"beta1": 0.3, "beta2": 0.9}, {"beta1": 0.5, "beta2": 0.8}],
    "adamomentum": [{"beta1": 0.3, "beta2": 0.9}, {"beta1": 0.5, "beta2": 0.8}],
    "adabelief": [{"beta1": 0.3, "beta2": 0.9}, {"beta1": 0.5, "beta2": 0.8}],
    "s3": [{"beta": 0.5}, {"beta": 0.8}],
}


class _Timeout(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds):
    """Raise :class:`_Timeout` after ``seconds`` (SIGALRM; main thread on Unix only, else no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def handler(signum, frame):
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def slope_errors(optimizer, flags=None, extra=None, points=None, n=4.0, steps=4000, lr=1e-2):
    """``[(params, predicted slope, simulated slope)]`` at ``points`` (default :data:`CHECK_POINTS`)."""
    flags, extra = dict(flags or {}), dict(extra or {})
    th = quick_theory(optimizer, n, **flags)
    out = []
    for pt in points if points is not None else CHECK_POINTS[optimizer]:
        r = simulate(optimizer, n=n, x0=1.0, steps=steps, every=10, mode="normalized", lr=lr, **flags, **extra,
                     **pt)
        pred = float(n * np.log10(th.rate(**pt))) if th.linear else float("nan")
        out.append((pt, pred, late_slope(r, SWEEP_LATE_FRACTION)))
    return out


def _decoupled_check(th, errs, n=4.0, tol=0.02) -> str:
    """Where no check point has a stable fixed point: the late slope at the Regime III points against the
    decoupled rate (a Nesterov numerator converges linearly there without a fixed point); '' if none."""
    rel = []
    for pt, _, sim in errs:
        if int(th.regime(n, **pt)) == 3:
            pred = n * np.log10(float(th.decoupled_rate(n, **pt)))
            if np.isfinite(pred):
                rel.append(abs(sim - pred) / abs(pred))
    if not rel:
        return ""
    verdict = "converges linearly anyway, at" if max(rel) <= tol else "does NOT converge at"
    return (f"no stable point; in Regime III it {verdict} the decoupled rate (no fixed point; slope within "
            f"{100 * max(rel):.2f}%, {len(rel)} points, n = 4)")


def _latex(e):
    return "$" + sp.latex(e) + "$"


def _cond_text(conds):
    if not conds:
        return "always (where the point exists)"
    if any(c is sp.false for c in conds):
        return "never: a stability condition is false identically (unstable wherever the point exists)"
    return " and ".join(_latex(c) for c in conds)


def comparison_rows(rows=ROWS, steps=4000, with_derivation=True, timeout_s=180.0) -> list:
    """One dict per row: label, exists, stable, loss rate, max slope error (all generated)."""
    from ..theory import derive

    out = []
    for label, opt, flags, extra in rows:
        th = quick_theory(opt, 4.0, **flags)
        d, failed = None, ""
        if with_derivation:
            try:
                with _time_limit(timeout_s):
                    d = derive(opt, None, **flags)
            except _Timeout:
                failed = f"symbolic engine did not finish within {timeout_s:g} s for general n"
            except (NotImplementedError, ValueError) as exc:  # symbolic n too hard: say so, try n = 4
                failed = f"symbolic engine cannot derive it for general n ({type(exc).__name__}: {str(exc)[:80]})"
                try:
                    with _time_limit(timeout_s):
                        d = derive(opt, 4, **flags)
                    failed += "; shown for n = 4"
                except _Timeout:
                    failed += f"; nor for n = 4 within {timeout_s:g} s"
                except (NotImplementedError, ValueError) as exc2:
                    failed += f"; nor for n = 4 ({type(exc2).__name__})"
        errs = slope_errors(opt, flags, extra, steps=steps)
        if th.linear and d is not None and d.linear is not None:
            exists = " and ".join(_latex(c) for c in d.exists_if) or "always"
            stable = _cond_text(d.stable_if)
            if getattr(d, "marginal", None):
                stable += "; " + "; ".join(d.marginal)
            rate = _latex(d.loss_rate)
            if failed:
                exists = f"{exists} ({failed})"
            rel = [abs(sim - pred) / abs(pred) for _, pred, sim in errs if np.isfinite(pred)]
            check = (f"{100 * max(rel):.3f}% ({len(rel)} points, n = 4)" if rel
                     else _decoupled_check(th, errs) or "no stable point checked")
        elif th.linear:  # derive() did not finish or failed; the quick elimination at n = 4 did
            pt = th.point_expr
            exists = (f"{failed}; at n = 4 the quick elimination gives the point "
                      + ", ".join(f"{_latex(k)} = {_latex(v)}" for k, v in pt.items())
                      + " (exists where u*, lambda* > 0; checked numerically)")
            stable = "not derived symbolically (numeric spectral radius only)"
            rate = f"{_latex(sp.nsimplify(th.rho_expr ** 4))} (n = 4)"
            rel = [abs(sim - pred) / abs(pred) for _, pred, sim in errs if np.isfinite(pred)]
            check = f"{100 * max(rel):.3f}% ({len(rel)} points, n = 4)" if rel else "no stable point checked"
        else:
            reasons = (list(getattr(d, "why_not", None) or []) if d is not None else []) or (
                (d.notes if d is not None else th.why) or th.why)
            why = "; ".join(reasons) + (f" [{failed}]" if failed else "")
            late = (getattr(d, "late", None) or {}) if d is not None else {}
            if late.get("text") and late["text"] not in why:
                why += f"; late: {late['text']}"
            if th.linear:  # the quick elimination found a point that derive() could not report
                why = (f"{failed}; the quick elimination finds rho* = {_latex(th.rho_expr)} at n = 4"
                       if failed else why)
            exists = f"no linear-convergence point: {why}"
            stable = "n/a"
            rate = "not linear (no rho* < 1 derived)"
            sl = [sim for _, _, sim in errs]
            check = f"late slope {max(sl, key=abs):.2e} decades/step (sublinear or stalled)"
        out.append({"label": label, "optimizer": opt, "flags": flags, "extra": extra, "exists": exists,
                    "stable": stable, "rate": rate, "check": check, "errors": errs})
    return out


def render_markdown(rows) -> str:
    """Markdown table of :func:`comparison_rows`."""
    lines = [
        "# Optimizer comparison on |x|^n/n (generated)",
        "",
        "Generated by `adamdyn.experiments.comparison.write_optimizer_table` from `adamdyn.theory.derive` "
        "(conditions, rates) and normalized-mode simulations (check column); do not edit by hand. "
        "rho* is the per-step contraction of |x| at the non-trivial fixed point; the loss falls by rho*^n per "
        "step. Stability conditions are those not already implied by existence. The check compares the "
        "derived log10-loss slope n log10 rho* with the fitted late slope of runs from x0 = 1, lr = 1e-2.",
        "",
        "| optimizer | non-trivial fixed point exists iff | stable iff | rate per step in loss | "
        "checked by simulation (max slope error) |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [r["label"], r["exists"], r["stable"], r["rate"], r["check"]]
        lines.append("| " + " | ".join(" ".join(str(c).split()).replace("|", "\\|") for c in cells) + " |")
    lines.append("")
    return "\n".join(lines)


def write_optimizer_table(path="docs/optimizer_table.md", rows=ROWS, timeout_s=180.0) -> str:
    """Derive, simulate and write the table to ``path`` (each derivation limited to ``timeout_s``)."""
    import os

    text = render_markdown(comparison_rows(rows, timeout_s=timeout_s))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path
