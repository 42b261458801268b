r"""The saddle toy of Abuduweili & Liu (2025) (their App. B.2, eqs. 16-17, Table 5): not reproduced as printed.

Eq. (17) as printed has no saddle (:func:`stationary_points` finds only the
minimum at 0), so none of Table 5's columns comes out as printed. With the
switch moved inside :math:`(-b, b)` the saddles at :math:`\pm b` exist and one
column of four (Adam with :math:`v_0 = 0`, stalled near -0.96) matches
(:func:`table5_matches`); the other three end near the minimum 0 as the paper
says, but not at its printed values. :func:`write_table5` writes this evidence.

Four methods start at :math:`x_0 = -10^{-6}` on the saddle objective with
``n = 7, b = 1, s = 0.5``: Adam with :math:`v_0 = 0`, Adam with a linear
learning-rate warm-up, Adam with a random :math:`v_{0,\mathrm{rnd}}` and SGD.
Their Table 5 reports the final iterates ``-0.96, 0.01, 1e-7, 9e-7``.

Settings the paper leaves open, and the choices made here (all are
arguments of :func:`run_toy`; :func:`sensitivity` varies each one):

* **the switch point.** Eq. (17) as printed, :math:`x_s = (s/n)^{1/(n-1)} + b`,
  puts the switch outside :math:`\pm b`; the objective is then a single well
  with no stationary point but 0 and no saddle (``reading="literal"``, which is
  :class:`adamdyn.dynamics.objectives.Saddle`). The saddle the paper describes (a flat
  inflection point at :math:`\pm b` where Adam stalls near :math:`-1`) exists
  only with :math:`x_s = b - (s/n)^{1/(n-1)}` (``reading="inner"``, the
  default here): the outer branches :math:`\pm(x \mp b)^n` then meet the
  quadratic inside :math:`(-b, b)` with slope :math:`\pm s`, and the value of
  :math:`d` follows from eq. (17) unchanged.
* **Adam's form.** ``torch.optim.Adam``: bias correction on, ``eps = 1e-8``
  outside the root, float64 here (torch float32 gives the same first three
  digits for :math:`v_0 = 0`).
* **steps** 1000; **warm-up** linear over the first 100 steps
  (``lr * min(1, (t+1)/100)``); **random v0**
  :math:`v_0 = \sigma/(\mathrm{fan_{in}} + \mathrm{fan_{out}})\,\chi^2_1` with
  :math:`\sigma = 100` (the paper's setting for its experiments, App. B.1),
  ``fan_in = fan_out = 1`` for a scalar, one draw from
  ``numpy.random.default_rng(0)``; **SGD** learning rate ``1e-3``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._version import __version__
from ..dynamics.objectives import Saddle
from ..dynamics.results import register_result
from ..dynamics.simulation import simulate
from ..references import cite

__all__ = [
    "METHODS", "METHOD_LABELS", "PAPER_TABLE5", "DEFAULTS", "InnerSaddle", "saddle_objective",
    "Seed000Toy", "run_toy", "sensitivity", "render_table5_markdown", "points_text",
    "write_table5", "random_v0", "loss_gap", "stationary_points", "table5_matches", "MATCH_RTOL",
    "verdict",
]

METHODS = ("adam_v0_zero", "adam_warmup", "adam_v0_rnd", "sgd")
METHOD_LABELS = {
    "adam_v0_zero": "Adam ($v_{0,0}$)",
    "adam_warmup": "Adam (warmup)",
    "adam_v0_rnd": "Adam ($v_{0,rnd}$)",
    "sgd": "SGD",
}
#: Abuduweili & Liu (2025), Table 5: final iterates as printed.
PAPER_TABLE5 = {"adam_v0_zero": -0.96, "adam_warmup": 0.01, "adam_v0_rnd": 1e-7, "sgd": 9e-7}

#: a reproduced final iterate "matches" a printed one when it has the same sign and lies within this
#: fraction of the printed value
MATCH_RTOL = 0.05

DEFAULTS = {
    "steps": 1000, "lr": 1.0, "beta1": 0.9, "beta2": 0.999, "bias_correction": True, "eps": 1e-8,
    "warmup": 100, "sigma": 100.0, "seed": 0, "sgd_lr": 1e-3, "reading": "inner",
    "n": 7.0, "b": 1.0, "s": 0.5, "x0": -1e-6,
}
READINGS = ("inner", "literal")


class InnerSaddle(Saddle):
    r"""Eq. (16) with the switch inside :math:`(-b, b)`: :math:`x_s = b - (s/n)^{1/(n-1)}`.

    Same branches and the same :math:`d = (x_s-b)^n - x_s^2` as eq. (17); the
    outer branches are flat (:math:`g = 0`) at :math:`x = \pm b`, the saddle.
    The global minimum is :math:`x = 0` with :math:`f = d`.
    """

    @property
    def xs(self):
        return self.b - (self.s / self.n) ** (1.0 / (self.n - 1.0))

    def params(self):
        return {"n": self.n, "b": self.b, "s": self.s, "reading": "inner"}


def saddle_objective(reading="inner", n=7.0, b=1.0, s=0.5):
    """The saddle of eq. (16) under ``reading`` ``"inner"`` (default) or ``"literal"`` (eq. 17 as printed)."""
    if reading not in READINGS:
        raise ValueError(f"reading={reading!r} is not one of {', '.join(READINGS)}. Fix: pass reading='inner'.")
    return InnerSaddle(n=n, b=b, s=s) if reading == "inner" else Saddle(n=n, b=b, s=s)


@register_result
@dataclass
class Seed000Toy:
    """Trajectories of the four methods, final iterates, the paper's values and the settings.

    ``x[k, t]`` and ``loss_gap[k, t]`` (:math:`f(x_t) - f(0)`) are the iterate
    and the loss above the global minimum of method ``methods[k]`` at step ``t``;
    ``sensitivity`` holds one row per varied setting (see :func:`sensitivity`);
    ``by_reading`` the final iterates (in :data:`METHODS` order) under both readings of eq. (17) and
    ``stationary`` their stationary points (:func:`stationary_points`).
    """

    methods: list
    settings: dict
    v0: float
    step: np.ndarray
    x: np.ndarray
    loss_gap: np.ndarray
    final_x: np.ndarray
    paper_x: np.ndarray
    sensitivity: list = field(default_factory=list)
    by_reading: dict = field(default_factory=dict)
    stationary: dict = field(default_factory=dict)
    version: str = __version__

    def final(self) -> dict:
        return {m: float(v) for m, v in zip(self.methods, self.final_x)}


def _settings(**over):
    unknown = sorted(set(over) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown toy setting {unknown[0]!r}; valid names are {', '.join(DEFAULTS)}.")
    s = dict(DEFAULTS)
    s.update(over)
    return s


def loss_gap(obj, x) -> np.ndarray:
    """:math:`f(x) - f(0)` without cancellation: :math:`x^2` on the quadratic piece (:math:`|x| < x_s`)."""
    x = np.asarray(x, dtype=float)
    full = np.array([obj.value(np.array([v])) for v in x]) - obj.d
    return np.where(np.abs(x) < obj.xs, x * x, full)


def stationary_points(obj, lo=-3.0, hi=3.0, num=600001, probe=1e-3) -> list:
    """Stationary points of the 1-D objective ``obj`` on ``[lo, hi]``, found from its gradient on a grid.

    A point is where the gradient changes sign between grid neighbours or touches zero (a local
    minimum of ``|f'|`` below ``1e-12`` times its largest value); points closer than ``probe`` are
    merged. Each is classified from the sign of ``f'`` at ``x -+ probe``: ``"minimum"`` (- then +),
    ``"maximum"`` (+ then -) or ``"saddle"`` (the same sign on both sides: a flat inflection).
    Returns ``[(x, kind)]`` in increasing ``x``.
    """
    x = np.linspace(lo, hi, int(num))
    g = np.asarray(obj.grad(x), dtype=float)
    a = np.abs(g)
    cross = np.flatnonzero(g[:-1] * g[1:] < 0)
    touch = np.flatnonzero((a[1:-1] <= a[:-2]) & (a[1:-1] <= a[2:]) & (a[1:-1] <= 1e-12 * a.max())) + 1
    found = []
    for i in sorted(set(cross.tolist()) | set(touch.tolist())):
        xi = float(x[i]) if a[i] <= a[min(i + 1, x.size - 1)] else float(x[i + 1])
        if found and xi - found[-1] < probe:
            continue
        found.append(xi)
    out = []
    for xi in found:
        left, right = np.sign(obj.grad(np.array([xi - probe, xi + probe])))
        kind = "minimum" if (left, right) == (-1, 1) else "maximum" if (left, right) == (1, -1) else "saddle"
        out.append((xi, kind))
    return out


def table5_matches(final_x, rtol=MATCH_RTOL) -> list:
    """Per method of :data:`METHODS`: does ``final_x`` match Table 5 as printed (same sign, within ``rtol``)?"""
    out = []
    for m, v in zip(METHODS, np.asarray(final_x, dtype=float)):
        printed = PAPER_TABLE5[m]
        out.append(bool(np.sign(v) == np.sign(printed) and abs(v - printed) <= rtol * abs(printed)))
    return out


def random_v0(sigma, seed, fan_in=1, fan_out=1) -> float:
    r"""One draw of eq. (8) of Abuduweili & Liu (2025): :math:`\sigma/(\mathrm{fan_{in}}+\mathrm{fan_{out}})\,\chi^2_1`."""
    return float(sigma / (fan_in + fan_out) * np.random.default_rng(seed).chisquare(1))


def _run_method(method, s):
    obj = saddle_objective(s["reading"], s["n"], s["b"], s["s"])
    if method == "sgd":
        return obj, simulate("gd", objective=obj, x0=s["x0"], steps=s["steps"], lr=s["sgd_lr"])
    kw = dict(objective=obj, x0=s["x0"], steps=s["steps"], lr=s["lr"], beta1=s["beta1"], beta2=s["beta2"],
              bias_correction=s["bias_correction"], eps=s["eps"])
    if method == "adam_warmup":
        kw["warmup"] = s["warmup"]
    elif method == "adam_v0_rnd":
        kw["v0"] = random_v0(s["sigma"], s["seed"])
    return obj, simulate("adam", **kw)


def _finals(s, methods=METHODS):
    return {m: float(_run_method(m, s)[1].x[-1, 0]) for m in methods}


#: settings each method depends on (a change elsewhere leaves its final iterate unchanged)
_DEPENDS = {
    "adam_v0_zero": {"steps", "lr", "beta1", "beta2", "bias_correction", "eps", "reading"},
    "adam_warmup": {"steps", "lr", "beta1", "beta2", "bias_correction", "eps", "reading", "warmup"},
    "adam_v0_rnd": {"steps", "lr", "beta1", "beta2", "bias_correction", "eps", "reading", "sigma", "seed"},
    "sgd": {"steps", "sgd_lr", "reading"},
}

#: the one-at-a-time variations of :func:`sensitivity` (full and quick)
VARIATIONS = (
    ("steps", (500, 2000, 3000)),
    ("bias_correction", (False,)),
    ("eps", (0.0,)),
    ("reading", ("literal",)),
    ("warmup", (10, 50, 200, 500, 1000)),
    ("sigma", (1e-8, 1e-4, 1e-2, 1.0)),
    ("seed", (1, 2)),
    ("sgd_lr", (1e-4, 1e-2, 1e-1)),
)
QUICK_VARIATIONS = (("steps", (500,)), ("eps", (0.0,)), ("warmup", (10,)), ("sigma", (1e-4,)), ("sgd_lr", (1e-4,)))


def sensitivity(base: dict | None = None, variations=VARIATIONS) -> list:
    """Final iterates when one setting at a time departs from ``base``.

    Returns rows ``{"setting", "value", "final": {method: x_final}}``; only the
    methods that depend on the setting are rerun, the others are ``None``.
    """
    s0 = _settings(**(base or {}))
    rows = []
    for name, values in variations:
        for value in values:
            s = dict(s0, **{name: value})
            methods = [m for m in METHODS if name in _DEPENDS[m]]
            got = _finals(s, methods)
            rows.append({"setting": name, "value": value, "final": {m: got.get(m) for m in METHODS}})
    return rows


def run_toy(*, with_sensitivity=True, quick=False, **settings) -> Seed000Toy:
    """Run the four methods of Table 5 under ``settings`` (defaults: :data:`DEFAULTS`).

    Args:
        with_sensitivity: also run the one-at-a-time variations (:func:`sensitivity`).
        quick: use the short list of variations (for tests and quick figures).
        **settings: any key of :data:`DEFAULTS`.
    """
    s = _settings(**settings)
    xs, gaps = [], []
    for m in METHODS:
        obj, r = _run_method(m, s)
        x = r.x[:, 0]
        if len(x) != s["steps"] + 1:
            raise RuntimeError(f"{m}: run stopped early at step {r.steps_run} ({r.stop_reason})")
        xs.append(x)
        gaps.append(loss_gap(obj, x))
    rows = sensitivity(s, QUICK_VARIATIONS if quick else VARIATIONS) if with_sensitivity else []
    by_reading = {r: [float(x[-1]) for x in xs] if r == s["reading"] else list(_finals(dict(s, reading=r)).values())
                  for r in READINGS}
    stationary = {r: [[float(x), k] for x, k in stationary_points(saddle_objective(r, s["n"], s["b"], s["s"]))]
                  for r in READINGS}
    return Seed000Toy(
        methods=list(METHODS),
        settings=s,
        v0=random_v0(s["sigma"], s["seed"]),
        step=np.arange(s["steps"] + 1),
        x=np.asarray(xs),
        loss_gap=np.asarray(gaps),
        final_x=np.array([x[-1] for x in xs]),
        paper_x=np.array([PAPER_TABLE5[m] for m in METHODS]),
        sensitivity=rows,
        by_reading=by_reading,
        stationary=stationary,
    )


def _fmt(v):
    if v is None:
        return "·"
    if v == 0 or (abs(v) >= 1e-3 and abs(v) < 1e3):
        return f"{v:.3g}"
    return f"{v:.1e}"


def _describe(s):
    return (f"saddle reading `{s['reading']}` (n = {s['n']:g}, b = {s['b']:g}, s = {s['s']:g}), "
            f"x0 = {s['x0']:g}, {s['steps']} steps, Adam lr = {s['lr']:g}, betas = ({s['beta1']:g}, "
            f"{s['beta2']:g}), bias correction {'on' if s['bias_correction'] else 'off'}, eps = {s['eps']:g} "
            f"(outside the root), linear warm-up over {s['warmup']} steps, random v0 = sigma/2 chi^2_1 with "
            f"sigma = {s['sigma']:g} (seed {s['seed']}), SGD lr = {s['sgd_lr']:g}")


_READING_TEXT = {"literal": "eq. 17 as printed", "inner": "switch inside (-b, b)"}


def points_text(points) -> str:
    return ", ".join(f"x = {x + 0.0:+.3f} ({kind})" for x, kind in points) or "none"


def _has_saddle(points) -> bool:
    return any(kind == "saddle" for _, kind in points)


def verdict(res: Seed000Toy) -> str:
    """The computed verdict on Table 5: stationary points and matching columns under both readings."""
    s = res.settings
    parts = []
    for r in ("literal", "inner"):
        obj = saddle_objective(r, s["n"], s["b"], s["s"])
        pts = res.stationary[r]
        ok = table5_matches(res.by_reading[r])
        names = [METHOD_LABELS[m] for m, k in zip(METHODS, ok) if k]
        parts.append(
            f"With {_READING_TEXT[r]} (x_s = {obj.xs:.4g}), f has {len(pts)} stationary point(s) on [-3, 3]: "
            f"{points_text(pts)}; {'a saddle exists' if _has_saddle(pts) else 'there is no saddle'}. "
            f"{sum(ok)} of {len(ok)} columns of Table 5 match" + (f" ({', '.join(names)})." if names else "."))
    lit = res.stationary["literal"]
    head = ("**Table 5 is not reproduced as printed.** " if not _has_saddle(lit) or not all(
        table5_matches(res.by_reading["literal"])) else "")
    return head + " ".join(parts)


def render_table5_markdown(res: Seed000Toy) -> str:
    """Markdown: Table 5 as printed vs both readings of eq. (17), the evidence, the settings, the sensitivity."""
    s = res.settings
    head = "| | " + " | ".join(METHOD_LABELS[m] for m in res.methods) + " |"
    sep = "|---" * (len(res.methods) + 1) + "|"
    match = {r: table5_matches(res.by_reading[r]) for r in READINGS}
    lines = [
        f"# {cite('initial-steps')}, Table 5 (saddle toy, App. B.2): not reproduced as printed",
        "",
        "Generated by `adamdyn.experiments.seed000_toy.render_table5_markdown`; do not edit by hand.",
        "",
        verdict(res),
        "",
        f"Final iterate x after the run. A column matches when the run ends on the printed value's side of 0 "
        f"within {MATCH_RTOL:.0%} of it (in brackets: (x - printed)/|printed|); stationary points are where f' (computed on a grid of step 1e-5) "
        "changes sign or touches 0, classified by the sign of f' 0.001 to each side.",
        "",
        head, sep,
        f"| {cite('initial-steps', title=False)} (printed) | " + " | ".join(_fmt(v) for v in res.paper_x) + " |",
    ]
    for r in ("literal", "inner"):
        lines.append(f"| {_READING_TEXT[r]} | " + " | ".join(_fmt(v) for v in res.by_reading[r]) + " |")
    for r in ("literal", "inner"):
        rel = (np.asarray(res.by_reading[r]) - res.paper_x) / np.abs(res.paper_x)
        lines.append(f"| matches? ({_READING_TEXT[r]}) | "
                     + " | ".join(f"{'yes' if k else 'no'} ({d:+.1%})" for k, d in zip(match[r], rel)) + " |")
    lines += [
        "",
        f"Settings: {_describe(s)}; the random draw gives v0 = {res.v0:.4g}. The figure (fig17) and the "
        f"sensitivity table below use the `{s['reading']}` reading.",
        "",
    ]
    if res.sensitivity:
        lines += [
            "## Sensitivity (one setting changed at a time; · = method does not depend on it)",
            "",
            "| setting | value | " + " | ".join(METHOD_LABELS[m] for m in res.methods) + " |",
            "|---|---" + "|---" * len(res.methods) + "|",
            "| (defaults above) | | " + " | ".join(_fmt(v) for v in res.final_x) + " |",
        ]
        for row in res.sensitivity:
            lines.append(f"| {row['setting']} | {row['value']} | "
                         + " | ".join(_fmt(row["final"][m]) for m in res.methods) + " |")
        lines.append("")
    return "\n".join(lines)


def write_table5(path="docs/seed000_table5.md", **settings) -> str:
    """Run the toy with its sensitivity table and write :func:`render_table5_markdown` to ``path``."""
    import os

    text = render_table5_markdown(run_toy(**settings))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path
