"""Build (and optionally execute) the adamdyn notebooks from the cell lists below.

    python notebooks/_build.py                 # write every notebook, no outputs
    python notebooks/_build.py --execute       # write and execute every notebook in place
    python notebooks/_build.py --execute 03    # only the notebooks whose name starts with 03

The notebooks are generated so that they are reviewable as plain Python; the
committed ``.ipynb`` files carry their outputs so they read on a repository page.
``tests/test_notebooks.py`` re-executes them.
"""

from __future__ import annotations

import os
import sys
import time

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = {}

SETUP = """\
FULL = False  # True: full-size grids and runs (minutes instead of seconds)

import time

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

import adamdyn as ad

mpl.rcParams.update({"figure.dpi": 80, "figure.figsize": (6.4, 3.0)})
T0 = time.perf_counter()"""

FOOTER = 'print(f"notebook ran in {time.perf_counter() - T0:.1f} s (FULL = {FULL})")'


def notebook(name):
    def deco(func):
        NOTEBOOKS[name] = func
        return func

    return deco


def _cells(items):
    out = []
    for item in items:
        text = item.strip("\n")
        if text.startswith("%md\n"):
            out.append(new_markdown_cell(text[4:]))
        else:
            out.append(new_code_cell(text))
    return out


def md(text):
    return "%md\n" + text.strip("\n")


# --------------------------------------------------------------------------- 01
@notebook("01_quickstart")
def nb01():
    return [
        md(r"""
# 01 · Quickstart: Adam on $|x|^4$

adamdyn studies adaptive optimizers as dynamical systems on the degenerate objective
$$f(x) = \frac{|x|^n}{n},\qquad g(x) = \operatorname{sign}(x)\,|x|^{n-1},$$
whose Hessian $(n-1)|x|^{n-2}$ vanishes at the minimum when $n > 2$. Adam (analysis form:
$\epsilon = 0$, no bias correction) is
$$m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,\quad
x_{t+1} = x_t - \eta\, m_t/\sqrt{v_t}.$$

This notebook: (1) simulate Adam in the two modes, (2) derive its fixed points with sympy,
(3) draw one phase diagram against the theory boundary. Set `FULL = True` for full-size runs.
"""),
        SETUP,
        md(r"""
## 1. Two simulation modes

* `mode="raw"` iterates the update in float64. On $|x|^4$ Adam converges **linearly**
  (the loss falls by $\beta_2$ per step), so float64 runs out of range: the run stops when
  the loss, $g^2$ or $v$ becomes subnormal, and the step is flagged.
* `mode="normalized"` iterates the paper's normalized state map in sign/log arithmetic
  ($\log|x|$ is a running sum of $\log|\rho_t|$, $\rho_t = x_{t+1}/x_t$), so losses far
  below $10^{-308}$ are exact.
"""),
        """\
steps = 20000 if FULL else 10000
kw = dict(n=4, beta1=0.8, beta2=0.9, lr=1e-2, x0=1.0, steps=steps)
raw = ad.simulate("adam", mode="raw", **kw)
norm = ad.simulate("adam", mode="normalized", every=10, **kw)
for r in (raw, norm):
    print(f"{r.mode:>10}: {r.stop_reason:<70} steps run {r.steps_run:>6}, "
          f"final log10 loss {r.final_log10_loss:9.2f}")""",
        """\
fig, ax = plt.subplots()
ax.plot(norm.step, norm.log10_loss, label="normalized (log space)", lw=2.5, alpha=0.5)
ax.plot(raw.step, raw.log10_loss, label="raw float64", lw=1)
ax.axhline(np.log10(np.finfo(float).tiny), color="k", ls=":", lw=1, label="smallest normal float64")
ax.axvline(raw.underflow_step, color="C3", ls="--", lw=1, label=f"raw stops (step {raw.underflow_step})")
ax.set(xlabel="step $t$", ylabel=r"$\\log_{10} f(x_t)$", title=r"Adam on $|x|^4/4$, $\\beta_1=0.8$, $\\beta_2=0.9$")
ax.legend(fontsize=8)
plt.show()""",
        md(r"""
The two modes agree where both are defined; the normalized run continues on the same straight
line. Its slope is the linear rate derived below. Every result carries its settings:
"""),
        """\
norm.summary()""",
        md(r"""
## 2. Derive the fixed points

In the normalized coordinates $u_t = m_t/g_t$, $\lambda_t = \eta|x_t|^{n-2}/\sqrt{v_t}$,
$z_t = x_t/\eta$ with $\rho_t = 1 - u_t\lambda_t$, Adam is a 3-dimensional map. `ad.derive`
evaluates the rule's own `update` on sympy symbols in the frame $|g| = 1$ and returns the map,
its fixed points, Jacobians, stability conditions and the rate. Nothing is Adam-specific.
"""),
        """\
from adamdyn.symbolic.report import as_latex, as_text
from IPython.display import Math, display

d = ad.derive("adam", n=4)
print(as_text(d))""",
        """\
display(Math(as_latex(d).replace("align*", "aligned")))""",
        md(r"""
For $n = 4$: $\rho^* = \beta_2^{1/4}$ (so the loss falls by $\beta_2$ per step), the point exists iff
$\beta_1 < \beta_2^{3/4}$ and is stable iff $\beta_1 < \beta_2$ (plus a lower-left-corner condition,
notebook 03). The lambdified numeric functions evaluate the same derivation on arrays; check the
rate against the simulated slope:
"""),
        """\
b1, b2 = 0.8, 0.9
print("fixed point:", {k: float(v) for k, v in ad.fixed_point("adam", n=4, beta1=b1, beta2=b2).items()})
print("spectral radius:", float(ad.spectral_radius("adam", n=4, beta1=b1, beta2=b2)))
predicted = 4 * np.log10(float(ad.rate("adam", n=4, beta1=b1, beta2=b2)))
late = norm.step > norm.step[-1] / 2
observed = np.polyfit(norm.step[late], norm.log10_loss[late], 1)[0]
print(f"log10-loss slope per step: predicted {predicted:.6f}, simulated {observed:.6f}")""",
        md(r"""
## 3. One phase diagram

`ad.phase_diagram` runs one generated numba kernel per grid point (normalized mode by default) and
keeps reductions only: minimum / final loss, late slope, spike and divergence steps. Below: the
minimum loss over the run on a small $(\beta_1, \beta_2)$ grid, with the theory boundaries
(spectral radius $= 1$, solid; existence of the fixed point, dashed) from `ad.regime`.
The first call of `ad.regime` derives the map for symbolic $n$ (sympy, ~20 s); later calls are fast.
"""),
        """\
k, steps = (48, 20000) if FULL else (16, 3000)
g1 = np.linspace(0.02, 0.98, k)
g2 = np.linspace(0.03, 0.99, k)
pd = ad.phase_diagram("adam", {"beta1": g1, "beta2": g2}, {"lr": 1e-2, "n": 4}, steps=steps)
print(f"{pd.updates:,} updates in {pd.elapsed_s:.2f} s; theory from {pd.theory_note}")

fine = np.linspace(0.005, 0.995, 200)
B1, B2 = np.meshgrid(fine, fine, indexing="ij")
reg = ad.regime("adam", n=4, beta1=B1, beta2=B2)

fig, ax = plt.subplots(figsize=(5.2, 4.0))
m = ax.pcolormesh(g1, g2, np.maximum(pd.min_log10_loss, -300).T, shading="nearest", cmap="viridis")
fig.colorbar(m, ax=ax, label=r"min $\\log_{10}$ loss (clipped at -300)")
ax.contour(B1, B2, (reg == 1).astype(float), levels=[0.5], colors="w", linewidths=1.5)
ax.contour(B1, B2, (reg != 3).astype(float), levels=[0.5], colors="w", linewidths=1.2, linestyles="--")
ax.plot(fine ** 0.75, fine, "r:", lw=1, label=r"$\\beta_1 = \\beta_2^{3/4}$ (closed form)")
ax.set(xlabel=r"$\\beta_1$", ylabel=r"$\\beta_2$", title="Adam, $n = 4$: min loss and theory (white)")
ax.legend(loc="lower right", fontsize=8)
plt.show()""",
        md(r"""
Below the solid line (Regime I) the loss keeps falling far below $10^{-300}$; between the lines
(Regime II) it reaches a low value and then spikes; right of the dashed line (Regime III) Adam
behaves like sign descent and stalls near $\eta^4/4$. Notebook 02 compares observed and theory
regimes cell by cell.
"""),
        FOOTER,
    ]


# --------------------------------------------------------------------------- 02
@notebook("02_phase_diagrams")
def nb02():
    return [
        md(r"""
# 02 · Phase diagrams: three regimes, theory vs experiment

At the non-trivial fixed point $\rho^* = \beta_2^{1/(2n-4)}$, $u^*\lambda^* = 1-\rho^*$, and the
$(\beta_1, \beta_2)$ plane splits into three regimes (seed 003, Thm 6.1):

| regime | condition | behaviour |
|---|---|---|
| I | $\beta_1 < \beta_2^{n/(2n-4)}$ (and the corner condition [9]) | stable linear convergence, loss $\times\,\beta_2^{n/(2n-4)}$ per step |
| II | $\beta_2^{n/(2n-4)} \le \beta_1 < \beta_2^{(n-1)/(2n-4)}$ | fixed point exists but is unstable: convergence, then spikes |
| III | $\beta_1 \ge \beta_2^{(n-1)/(2n-4)}$ | no fixed point: SignGD-like oscillation near loss $\eta^n$ |
"""),
        SETUP,
        md("## 1. One run from each regime ($n = 4$, $\\beta_2 = 0.9$)"),
        """\
steps = 20000 if FULL else 6000
cases = {0.8: "I", 0.91: "II", 0.99: "III"}
print("theory regimes:", ad.regime("adam", n=4, beta1=list(cases), beta2=0.9).tolist())
runs = {b1: ad.simulate("adam", n=4, beta1=b1, beta2=0.9, lr=1e-2, steps=steps, mode="normalized", every=5)
        for b1 in cases}
fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.0))
for b1, r in runs.items():
    a.plot(r.step, r.log10_loss, label=rf"$\\beta_1={b1}$ (Regime {cases[b1]})", lw=1)
    b.plot(r.step, r.log10_lambda, lw=1)
a.set(xlabel="step", ylabel=r"$\\log_{10}$ loss", title="loss")
b.set(xlabel="step", ylabel=r"$\\log_{10}\\lambda_t$", title=r"effective curvature $\\lambda_t$")
a.legend(fontsize=8)
plt.show()""",
        md(r"""
Regime I: $\lambda_t$ settles at $\lambda^*$ and the loss falls on a straight line. Regime II: the
fixed point repels, $\lambda_t$ oscillates with growing amplitude and the loss spikes (yet still
falls on average). Regime III: $v_t$ stays coupled to $g_t^2$ and the iterate oscillates at
$|x| \sim \eta$.

## 2. Theory vs experiment on a grid

The sweep labels each cell from its reductions (`regime_observed`, rule in
`adamdyn.sweeps.regimes`) and evaluates the theory regime on the same grid (`regime_theory`).
"""),
        """\
k, steps = (48, 20000) if FULL else (20, 4000)
g1 = np.linspace(0.01, 0.97, k)
g2 = np.linspace(0.02, 0.98, k)
pd = ad.phase_diagram("adam", {"beta1": g1, "beta2": g2}, {"lr": 1e-2, "n": 4}, steps=steps)
agree = np.mean(pd.regime_observed == pd.regime_theory)
print(f"{k}x{k} grid, {steps} steps: observed regime = theory regime in {agree:.0%} of cells")
print("confusion (rows: theory I, II, III; columns: observed I, II, III):")
print(np.array([[np.sum((pd.regime_theory == i) & (pd.regime_observed == j)) for j in (1, 2, 3)]
                for i in (1, 2, 3)]))

cmap = mpl.colors.ListedColormap(["#4c72b0", "#dd8452", "#c44e52"])
fig, axes = plt.subplots(1, 3, figsize=(11, 3.2), constrained_layout=True)
for ax, Z, title in ((axes[0], pd.regime_theory, "theory regime"), (axes[1], pd.regime_observed, "observed regime")):
    ax.pcolormesh(g1, g2, Z.T, cmap=cmap, vmin=0.5, vmax=3.5, shading="nearest")
    ax.set(title=title, xlabel=r"$\\beta_1$", ylabel=r"$\\beta_2$")
m = axes[2].pcolormesh(g1, g2, np.maximum(pd.final_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=axes[2], label=r"final $\\log_{10}$ loss")
axes[2].set(title="final loss", xlabel=r"$\\beta_1$")
for ax in axes:
    ax.plot(g1, g1, "k-", lw=1)              # stability, n = 4: beta1 = beta2
    ax.plot(g1, g1 ** (4 / 3), "k--", lw=1)  # existence: beta1 = beta2^{3/4}
    ax.set_ylim(g2[0], g2[-1])
plt.show()""",
        md(r"""
Blue / orange / red: Regimes I / II / III. Disagreements sit along the boundaries and at large
$\beta_2$, where a run of a few thousand steps is too short to leave the transient
($1/(1-\beta_2)$ steps); with `FULL = True` the agreement improves.

## 3. How the picture changes with $n$

The stability boundary $\beta_1 = \beta_2^{n/(2n-4)}$ moves right as $n$ grows
($n/(2n-4) \downarrow 1/2$): the stable region grows (Remark 4.2). The numeric theory functions
broadcast over $n$ as well.
"""),
        """\
fine = np.linspace(0.0025, 0.9975, 200)
# beta2 offset by a fraction of a cell: no grid point sits exactly on beta1 = beta2
# (the existence border at n = 3, where the fixed point runs off to infinity)
B1, B2 = np.meshgrid(fine, fine + 0.0013, indexing="ij")
ns = (2.5, 3, 4, 6, 8, 16)
fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.4))
for i, n in enumerate(ns):
    reg = ad.regime("adam", n=n, beta1=B1, beta2=B2)
    a.contour(B1, B2, (reg == 1).astype(float), levels=[0.5], colors=[f"C{i}"], linewidths=1.2)
    a.plot([], [], f"C{i}", label=f"n = {n}")
    b.plot(n, np.mean(reg == 1), "o", color=f"C{i}")
a.set(xlabel=r"$\\beta_1$", ylabel=r"$\\beta_2$", title="stability boundary (Regime I is above-left)")
a.legend(fontsize=7)
b.set(xlabel="n", ylabel="fraction of the unit square", title="size of Regime I")
plt.show()""",
        """\
k6, steps6 = (32, 20000) if FULL else (14, 3000)
h = np.linspace(0.02, 0.98, k6)
pd6 = ad.phase_diagram("adam", {"beta1": h, "beta2": h + 0.01}, {"lr": 1e-2, "n": 6}, steps=steps6)
print(f"n = 6: observed = theory in {np.mean(pd6.regime_observed == pd6.regime_theory):.0%} of cells")
fig, ax = plt.subplots(figsize=(4.6, 3.6))
m = ax.pcolormesh(h, h + 0.01, np.maximum(pd6.min_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=ax, label=r"min $\\log_{10}$ loss")
ax.plot(h, h ** (8 / 6), "w-", lw=1.2, label=r"$\\beta_1 = \\beta_2^{6/8}$ (stability)")
ax.plot(h, h ** (8 / 5), "w--", lw=1.2, label=r"$\\beta_1 = \\beta_2^{5/8}$ (existence)")
ax.set(xlabel=r"$\\beta_1$", ylabel=r"$\\beta_2$", ylim=(h[0], h[-1] + 0.01), title="n = 6")
ax.legend(fontsize=7, loc="lower right")
plt.show()""",
        md(r"""
## 4. The learning rate

With $\epsilon = 0$ Adam is invariant to rescaling the gradient, and $z_t = x_t/\eta$ is the
only place $\eta$ enters the normalized map: changing $\eta$ is the same as changing $x_0$.
So the **regime boundaries do not depend on $\eta$**; what changes is the SignGD floor of
Regime III (loss $\sim \eta^n$) and how long the transient lasts.
"""),
        """\
k, steps = (32, 20000) if FULL else (12, 3000)
g = np.linspace(0.02, 0.98, k)
fig, axes = plt.subplots(1, 3, figsize=(11, 3.2), constrained_layout=True)
for ax, lr in zip(axes, (1e-1, 1e-2, 1e-3)):
    p = ad.phase_diagram("adam", {"beta1": g, "beta2": g + 0.01}, {"lr": lr, "n": 4}, steps=steps)
    m = ax.pcolormesh(g, g + 0.01, np.clip(p.final_log10_loss, -40, 2).T, shading="nearest", vmin=-40, vmax=2)
    ax.plot(g, g, "w-", lw=1)
    ax.plot(g, g ** (4 / 3), "w--", lw=1)
    ax.set(title=f"lr = {lr:g}: agree {np.mean(p.regime_observed == p.regime_theory):.0%}",
           xlabel=r"$\\beta_1$", ylim=(g[0], g[-1] + 0.01))
    iii = p.regime_theory == 3
    print(f"lr = {lr:g}: median final log10 loss in Regime III {np.median(p.final_log10_loss[iii]):6.1f}"
          f"  (log10 lr^4/4 = {np.log10(lr ** 4 / 4):6.1f})")
axes[0].set_ylabel(r"$\\beta_2$")
fig.colorbar(m, ax=axes, label=r"final $\\log_{10}$ loss (clipped to [-40, 2])")
plt.show()""",
        md(r"""
The boundaries (white: solid stability, dashed existence) are the same for every learning rate;
the Regime III plateau moves down by four decades per decade of $\eta$ ($\eta^4$ for $n = 4$).
"""),
        FOOTER,
    ]


# --------------------------------------------------------------------------- 03
@notebook("03_bifurcations_and_chaos")
def nb03():
    return [
        md(r"""
# 03 · Bifurcations and chaos

**The acceleration map.** Gradient descent with a growing learning rate $\eta_{t+1} = \alpha\eta_t$
on $|x|^n/n$ has effective sharpness $S_t = \eta_t|x_t|^{n-2}$, and
$$S_{t+1} = h(S_t) = \alpha\, S_t\, |1 - S_t|^{n-2}.$$
The iterate contracts while $0 < S_t < 2$. For $\alpha > 1$ the non-trivial fixed point is
$S^* = 1 - \alpha^{-1/(n-2)}$ with multiplier $h'(S^*) = 1 - (n-2)S^*/(1-S^*)$; it is stable iff
$\alpha < (n/(n-2))^{n-2}$ ($\alpha < 4$ for $n = 4$). RMSProp's decoupled $v_t$ is exactly such a
schedule with $\alpha = 1/\sqrt{\beta_2}$.
"""),
        SETUP,
        """\
import sympy as sp

am = ad.acceleration_map(4)
print("h(S)      =", am.h)
print("S*        =", am.fixed_point)
print("h'(S*)    =", am.multiplier)
print("alpha_max =", am.alpha_max)
am_n = ad.acceleration_map()          # symbolic n
print("alpha_max(n) =", sp.simplify(am_n.alpha_max))""",
        md(r"""
## 1. Period doubling and the Lyapunov exponent

`ad.bifurcation("acceleration", ...)` iterates $h$ past a transient and keeps the last values of
$S_t$ for each $\alpha$ (a numba kernel, parallel over $\alpha$). The largest Lyapunov exponent is
the orbit average of $\log|h'(S_t)|$: negative on periodic orbits, zero at each doubling,
positive in chaos.
"""),
        """\
k, transient, keep = (1600, 4000, 300) if FULL else (500, 1500, 120)
alphas = np.linspace(1.0, 10.0, k)
bif = ad.bifurcation("acceleration", values=alphas, n=4, transient=transient, keep=keep, s0=0.1)
fig, (a, b) = plt.subplots(2, 1, figsize=(7, 4.6), sharex=True, constrained_layout=True)
a.plot(np.repeat(alphas, keep), bif.orbit.ravel(), ",k", alpha=0.4)
a.axvline(float(am.alpha_max), color="C3", lw=1, ls="--", label=r"$\\alpha_{\\max} = 4$ (derived)")
a.axhline(2, color="C0", lw=0.8, ls=":", label="S = 2 (contraction ends)")
a.set(ylabel="$S_t$ (last values)", ylim=(0, 2.6), title="acceleration map, n = 4")
a.legend(fontsize=8, loc="upper left")
b.plot(alphas, bif.lyapunov, lw=0.8)
b.axhline(0, color="k", lw=0.6)
b.set(xlabel=r"$\\alpha$", ylabel="Lyapunov exponent", ylim=(-3, 1.5))
plt.show()""",
        md(r"""
Counting the distinct values on each kept orbit locates the cascade $1 \to 2 \to 4 \to 8$; the
first doubling is at the derived $\alpha_{\max}$. Beyond the cascade the orbit is chaotic but
stays inside $(0, 2)$ for a while, so $x_t$ **still converges**; only when the orbit leaves
$(0, 2)$ does the iterate diverge.
"""),
        """\
def period(row, tol=1e-6, pmax=64):
    row = row[np.isfinite(row)]
    for p in (1, 2, 4, 8, 16, 32, 64):
        if p < row.size and np.max(np.abs(row[p:] - row[:-p])) < tol:
            return p
    return np.inf if row.size else np.nan

periods = np.array([period(r) for r in bif.orbit])
for p in (2, 4, 8):
    print(f"first alpha with period {p}: {alphas[np.argmax(periods == p)]:.3f}")
chaos = (bif.lyapunov > 0.01)
print(f"first alpha with positive Lyapunov exponent: {alphas[np.argmax(chaos)]:.3f}")
escape = ~np.all((bif.orbit > 0) & (bif.orbit < 2), axis=1)
print(f"first alpha whose orbit leaves (0, 2): {alphas[np.argmax(escape)]:.3f}")""",
        md(r"""
## 2. The same cascade inside RMSProp

RMSProp is Adam with $\beta_1 = 0$; its $\lambda_t$ follows the acceleration map with
$\alpha = 1/\sqrt{\beta_2}$, so its fixed point is stable iff $\beta_2 > ((n-2)/n)^{2(n-2)} = 1/16$
for $n = 4$. Past the threshold $\lambda_t$ oscillates, yet the geometric mean of $|\rho_t|^{n-2}$
is still $\sqrt{\beta_2}$, so the **average rate is unchanged** while the orbit stays bounded.
"""),
        """\
steps = 4000 if FULL else 1500
fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.0))
for b2 in (0.1, 0.05, 0.03):
    r = ad.simulate("rmsprop", n=4, beta2=b2, lr=1e-2, steps=steps, mode="normalized")
    late = r.step > steps / 2
    slope = np.polyfit(r.step[late], r.log10_loss[late], 1)[0]
    print(f"beta2 = {b2:5.3f} (alpha = {b2 ** -0.5:.2f}): late slope {slope:9.5f}, "
          f"predicted log10(beta2) = {np.log10(b2):9.5f}")
    a.plot(r.step[-60:], r.log10_lambda[-60:], ".-", ms=3, lw=0.6, label=rf"$\\beta_2={b2}$")
    b.plot(r.step, r.log10_loss, lw=1)
a.set(xlabel="step", ylabel=r"$\\log_{10}\\lambda_t$", title="last 60 steps")
a.legend(fontsize=8)
b.set(xlabel="step", ylabel=r"$\\log_{10}$ loss", title="loss")
plt.show()""",
        md(r"""
## 3. Adam's lower-left corner

With momentum the flip (period-doubling) boundary becomes condition [9]:
$$n\rho^* - (n-2) + \beta_1\rho^{*-(n-1)}\big(n - (n-2)\rho^*\big) > 0,$$
which only bites for small $\beta_1$ and small $\beta_2$. `ad.derive` finds it as the
`1 + tr J + det J > 0` Jury condition:
"""),
        """\
d = ad.derive("adam", n=4)
for b in d.boundaries:
    print(f"{str(b['condition']):60s} <- {b['bifurcation']}")""",
        md(r"""
`ad.bifurcation("adam", param="beta2", ...)` runs the normalized kernel and keeps the last values
of $\log_{10}\lambda_t$. At $\beta_1 = 0$ (RMSProp) the doubling sits at $\beta_2 = 1/16$; a little
momentum moves it down. Below: the orbit and the final loss on a magnified corner phase diagram,
with the derived flip boundary.
"""),
        """\
b2s = np.linspace(0.004, 0.12, 300 if FULL else 120)
fig, axes = plt.subplots(1, 3, figsize=(11.5, 3.2), constrained_layout=True)
for ax, b1 in zip(axes[:2], (0.0, 0.03)):
    bb = ad.bifurcation("adam", param="beta2", values=b2s, fixed={"beta1": b1, "lr": 1e-2}, n=4,
                        transient=1500 if FULL else 600, keep=64 if FULL else 32)
    ax.plot(np.repeat(b2s, bb.keep), bb.orbit.ravel(), ",k")
    stable = ad.regime("adam", n=4, beta1=b1, beta2=b2s) == 1
    ax.axvline(b2s[np.argmax(stable)], color="C3", ls="--", lw=1, label="theory: stable from here")
    ax.set(xlabel=r"$\\beta_2$", ylabel=r"$\\log_{10}\\lambda_t$", title=rf"Adam, $\\beta_1 = {b1}$")
    ax.legend(fontsize=7)

kc, steps = (40, 8000) if FULL else (16, 2500)
c1, c2 = np.linspace(0.0, 0.12, kc), np.linspace(0.005, 0.15, kc)
pc = ad.phase_diagram("adam", {"beta1": c1, "beta2": c2}, {"lr": 1e-2, "n": 4}, steps=steps)
m = axes[2].pcolormesh(c1, c2, np.maximum(pc.final_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=axes[2], label=r"final $\\log_{10}$ loss")
F1, F2 = np.meshgrid(np.linspace(0, 0.12, 200), np.linspace(0.005, 0.15, 200), indexing="ij")
axes[2].contour(F1, F2, (ad.regime("adam", n=4, beta1=F1, beta2=F2) == 1).astype(float), levels=[0.5],
                colors="w", linewidths=1.5)
axes[2].set(xlabel=r"$\\beta_1$", ylabel=r"$\\beta_2$", title="corner: final loss, theory (white)")
plt.show()""",
        md(r"""
Low momentum keeps $S_t < 2$ after the fixed point loses stability (period doubling, then
chaos, while the loss still falls); high momentum does not (the loss spikes). The kernel-based
Adam bifurcation does not compute Lyapunov exponents yet (`bb.lyapunov` is NaN); the acceleration
map above does.
"""),
        FOOTER,
    ]


# --------------------------------------------------------------------------- 04
@notebook("04_verifying_theorems")
def nb04():
    return [
        md(r"""
# 04 · Verifying the theorems

Every claim of the papers is a function that **computes its prediction** (from the symbolic engine
or a sympy derivation), **measures** the same quantity by simulation, and returns a `Check`
record: predicted, observed, tolerance, passed. `ad.verify(quick=True, only=...)` runs a subset;
`adamdyn verify --quick` does the same from the command line and writes a Markdown report.
"""),
        SETUP,
        """\
from adamdyn.theorems import CLAIMS, markdown, table

for cid in sorted(CLAIMS):
    print(f"{cid:3d}  {CLAIMS[cid].__name__}")""",
        md(r"""
## 1. Run a subset

Quick mode uses short runs; `FULL = True` runs every claim in full mode (minutes). Claim 16 checks
that a non-zero $v_0$ leaves Adam's rate on $|x|^n$ unchanged; claim 15 checks S3's update bound
(seed 004, Thm 2).
"""),
        """\
only = None if FULL else [15, 16]
checks = ad.verify(quick=not FULL, only=only)
print(table(checks, width=48))""",
        md("Each record keeps its settings and the per-case details, so a failure says where it failed:"),
        """\
c = checks[0]
print(c.status, "|", c.statement)
print("predicted:", c.predicted, "| observed:", c.observed, "| tolerance:", c.tolerance)
print("settings:", c.settings)
print("details:", str(c.details)[:600])""",
        """\
from IPython.display import Markdown, display

report = markdown(checks, quick=not FULL, elapsed_s=sum(c.elapsed_s for c in checks))
display(Markdown(report.split("\\n## ")[0]))   # the summary table of the Markdown report""",
        md(r"""
## 2. Add a claim

A claim is a function `body(quick) -> dict` decorated with `@claim(id, name, source, statement)`
from `adamdyn.theorems.core`. The decorator registers it in `CLAIMS`, times it, fills in the
statement and turns a missing prediction (`TheoryUnavailable`) into an `n/a` record. This is the
record and the decorator:
"""),
        """\
import inspect

from adamdyn.theorems import Check
from adamdyn.theorems import core

print(inspect.getsource(Check).split('    @property')[0])
print(inspect.getsource(core.claim))""",
        md(r"""
The registered claims follow one pattern (here claim 16, `adamdyn/theorems/rates.py`): a
prediction from the symbolic engine, a normalized-mode simulation, a fitted slope, a relative
error against a stated tolerance.

Below, a new claim in the same pattern: **RMSProp's rate on $|x|^n$ is $\beta_2^{1/(2n-4)}$ in
$|x|$ even beyond the period-doubling threshold** (THEORY.md §3: the $\lambda$-equation forces the
geometric mean of $|\rho|^{n-2}$ to be $\sqrt{\beta_2}$ on any bounded attractor). Id 101 keeps it
clear of the package's ids; it exists only in this kernel.
"""),
        """\
from adamdyn.theorems.core import claim, fit_slope, late_window, rel_err


@claim(101, "rmsprop_rate_past_doubling", "seed 003, Sec. 3 rate [10] and Thm 5.7",
       "RMSProp: late log10-loss slope = (n/(2n-4)) log10 beta2, also where lambda_t oscillates")
def rmsprop_rate_past_doubling(quick=True):
    cases = [(0.2, 4.0), (0.04, 4.0), (0.02, 6.0)] if quick else [(b2, n) for b2 in (0.3, 0.1, 0.04, 0.02)
                                                               for n in (3.0, 4.0, 6.0)]
    steps = 1500 if quick else 6000
    rows, worst = [], 0.0
    for b2, n in cases:
        pred = n * np.log10(float(ad.rate("rmsprop", n=n, beta2=b2)))     # prediction: symbolic engine
        r = ad.simulate("rmsprop", n=n, beta2=b2, lr=1e-2, steps=steps, mode="normalized")
        w = late_window(r, 0.5)
        obs = fit_slope(r.step[w], r.log10_loss[w])                     # measurement: fitted slope
        rows.append({"beta2": b2, "n": n, "predicted": pred, "observed": obs, "rel_err": rel_err(obs, pred)})
        worst = max(worst, rows[-1]["rel_err"])
    tol = 1e-3
    return {"predicted": f"slopes {min(r['predicted'] for r in rows):.4g} .. {max(r['predicted'] for r in rows):.4g}",
            "observed": f"max rel err {worst:.1e}", "tolerance": f"rel {tol:g}", "passed": worst <= tol,
            "settings": {"optimizer": "rmsprop", "lr": 1e-2, "steps": steps, "cases (beta2, n)": cases},
            "details": {"cases": rows}}


print(table(ad.verify(quick=True, only=[101])))""",
        md(r"""
To add a claim to the package, put the function in the module of `adamdyn/theorems/` that
matches its topic (the module is imported by `adamdyn/theorems/__init__.py`, which registers it)
and pick the next free id; `tests/test_theorems.py` then runs it with the others.
"""),
        FOOTER,
    ]


# --------------------------------------------------------------------------- 05
@notebook("05_other_optimizers")
def nb05():
    return [
        md(r"""
# 05 · Other optimizers: AdaMomentum, S3, v0 initialisation, AdaBelief

The symbolic engine derives the normalized map of **any** rule from its `update`, so the
other seeds' optimizers get the same analysis as Adam:

| rule | update | source |
|---|---|---|
| AdaMomentum | $v_t = \beta_2 v_{t-1} + (1-\beta_2) m_t^2$ | seed 002 |
| S3 | $s_t = \beta s_{t-1} + (1-\beta)|g_t|^p$, step $n_t/s_t^{1/p}$ (Nesterov optional) | seed 004 |
| Adam, $v_0 > 0$ | $v_t$ gains $\beta_2^t v_0$ | seed 000 |
| AdaBelief | $s_t = \beta_2 s_{t-1} + (1-\beta_2)(g_t - m_t)^2$ | evaluated in seed 000 |

Their fixed points and stability regions on $|x|^n$ are not in any seed: this is new work.
"""),
        SETUP,
        """\
from adamdyn.symbolic.report import as_text

OPTS = {
    "AdaMomentum": ("adamomentum", {}),
    "S3 (p = 2, no Nesterov)": ("s3", {"p": 2.0, "nesterov": False}),
}
if FULL:  # ~15 s each; they come out identical to Adam's (see below)
    OPTS.update({"AdaBelief": ("adabelief", {}), "Adam": ("adam", {})})
derivations = {}
for label, (name, kw) in OPTS.items():
    t = time.perf_counter()
    derivations[label] = d = ad.derive(name, n=4, **kw)
    print(f"===== {label}  ({time.perf_counter() - t:.1f} s)")
    print("\\n".join(line for line in as_text(d).splitlines() if not line.startswith(("  eigenvalues", "boundary"))))
    print()""",
        md(r"""
**AdaMomentum** replaces $g_t^2$ by $m_t^2$ in $v_t$. At the linear-convergence point $z = 0$ the
second moment is *decoupled*: the fresh term $(1-\beta_2)m_t^2$ is negligible against the freely
decaying $\beta_2 v_{t-1}$, so what enters $v$ no longer matters. The derivation shows it: the
fixed point, the rate $\rho^* = \beta_2^{1/(2n-4)}$ and both boundaries are **exactly Adam's**
(notebook 01). The same holds for **AdaBelief** ($s_t$ tracks $(g_t - m_t)^2$; derived with
`FULL = True`). The optimizers differ in the transient and in Regimes II/III, where $v$ is coupled.
**S3** with order $p$ (one $\beta$ for both moments) has $|x|$-rate $\beta^{1/(p(n-2))}$ and, without
Nesterov, a single stability condition in $\beta$.

## v0 initialisation

A positive $v_0$ adds $\beta_2^t v_0$ to $v_t$, which decays at exactly the free-decay rate:
the asymptotic fixed point and rate are unchanged, only the transient changes.
"""),
        """\
steps = 6000 if FULL else 2500
fig, ax = plt.subplots()
for v0 in (0.0, 1e-6, 1e-2, 1.0):
    r = ad.simulate("adam", n=4, beta1=0.8, beta2=0.99, lr=1e-2, v0=v0, steps=steps, mode="normalized", every=5)
    late = r.step > steps / 2
    slope = np.polyfit(r.step[late], r.log10_loss[late], 1)[0]
    ax.plot(r.step, r.log10_loss, lw=1, label=f"v0 = {v0:g}: late slope {slope:.5f}")
ax.axline((0, 0), slope=np.log10(0.99), color="k", ls=":", lw=1, label=r"slope $\\log_{10}\\beta_2$")
ax.set(xlabel="step", ylabel=r"$\\log_{10}$ loss", title=r"Adam, $\\beta_1 = 0.8$, $\\beta_2 = 0.99$, $n = 4$")
ax.legend(fontsize=7)
plt.show()""",
        md(r"""
## Side by side: short simulations against the derived rates

Same $|x|^4/4$, same learning rate, each optimizer at one parameter point inside its derived
stable region; the predicted loss slope is $n\log_{10}\rho^*$ from `ad.rate`.
"""),
        """\
steps = 8000 if FULL else 3000
points = [
    ("Adam", "adam", {"beta1": 0.8, "beta2": 0.95}),
    ("AdaMomentum", "adamomentum", {"beta1": 0.8, "beta2": 0.95}),
    ("S3 p=2", "s3", {"beta": 0.95, "p": 2.0, "nesterov": False}),
    ("AdaBelief", "adabelief", {"beta1": 0.5, "beta2": 0.95}),
]
fig, ax = plt.subplots()
print(f"{'optimizer':12s} {'predicted slope':>16s} {'simulated':>10s}")
d_s3 = derivations["S3 (p = 2, no Nesterov)"]
rho_s3 = float(d_s3.rate.subs(d_s3.map.params["beta"], 0.95))
rho = {"adam": 0.95 ** 0.25, "adamomentum": 0.95 ** 0.25, "adabelief": 0.95 ** 0.25, "s3": rho_s3}
for label, name, kw in points:
    pred = 4 * np.log10(rho[name])
    r = ad.simulate(name, n=4, lr=1e-2, steps=steps, mode="normalized", every=5, **kw)
    late = r.step > steps / 2
    obs = np.polyfit(r.step[late], r.log10_loss[late], 1)[0]
    print(f"{label:12s} {pred:16.5f} {obs:10.5f}")
    ax.plot(r.step, r.log10_loss, lw=1, label=label)
ax.set(xlabel="step", ylabel=r"$\\log_{10}$ loss", title="four optimizers on $|x|^4/4$")
ax.legend(fontsize=8)
plt.show()""",
        md(r"""
Phase diagrams of the other rules run through the same generated kernels; here AdaMomentum.
Its theory regimes (from `ad.regime`, which derives for symbolic $n$ first) are the same as
Adam's; the observed diagram differs in Regimes II and III.
"""),
        """\
k, steps = (32, 20000) if FULL else (14, 3000)
g = np.linspace(0.02, 0.98, k)
pd = ad.phase_diagram("adamomentum", {"beta1": g, "beta2": g + 0.01}, {"lr": 1e-2, "n": 4}, steps=steps)
print(f"observed = theory in {np.mean(pd.regime_observed == pd.regime_theory):.0%} of cells ({pd.theory_note})")
fig, ax = plt.subplots(figsize=(4.8, 3.6))
m = ax.pcolormesh(g, g + 0.01, np.maximum(pd.min_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=ax, label=r"min $\\log_{10}$ loss")
ax.contour(g, g + 0.01, (pd.regime_theory == 1).T.astype(float), levels=[0.5], colors="w")
ax.contour(g, g + 0.01, (pd.regime_theory != 3).T.astype(float), levels=[0.5], colors="w", linestyles="--")
ax.set(xlabel=r"$\\beta_1$", ylabel=r"$\\beta_2$", title="AdaMomentum, n = 4")
ax.plot(g, g, "k:", lw=0.8)
plt.show()""",
        md(r"""
## Seed 000's toy (Table 5)

The saddle of seed 000's App. B.2 ($n = 7$, $b = 1$, $s = 0.5$, $x_0 = -10^{-6}$, torch-style Adam
with $\alpha = 1$): Adam with $v_0 = 0$ takes a sign-like first step and stalls at the saddle near
$-1$; warm-up, a random $v_0$ or SGD stay near the minimum. The settings the paper leaves open are
arguments of `run_toy` (see its docstring).
"""),
        """\
from IPython.display import Markdown, display
from adamdyn.experiments.seed000_toy import render_table5_markdown, run_toy

toy = run_toy(with_sensitivity=FULL)
display(Markdown(render_table5_markdown(toy).split("\\n", 2)[2]))""",
        FOOTER,
    ]


# --------------------------------------------------------------------------- 06
@notebook("06_neural_networks")
def nb06():
    return [
        md(r"""
# 06 · Neural networks: torch optimizers, Hessian spectra, degeneracy

`adamdyn.torch` builds `torch.optim.Optimizer`s from the **same rule definitions** the
analysis uses, computes Hessian spectral densities (exact for small nets, stochastic Lanczos
quadrature otherwise) and runs the experiments of seed 003 Sec. 7: the Hessian of a trained
network is highly **degenerate** (most eigenvalues near zero), the regime where $|x|^n$ with
$n > 2$ is the right model and Adam's linear rate beats GD's power law.

Needs the `nn` extra (`pip install -e '.[nn]'`). Everything here runs on the CPU in quick mode.
"""),
        SETUP,
        """\
import torch

import adamdyn.torch as adt

torch.manual_seed(0)
torch.set_num_threads(1)
print("torch", torch.__version__, "| optimizers:", ", ".join(adt.OPTIMIZERS))""",
        md(r"""
## 1. The optimizers are the rules

`adt.Adam` runs `adamdyn/rules/adam.py` with torch's defaults (bias correction, $\epsilon$ outside the
root). On the same data it follows `torch.optim.Adam` to rounding error:
"""),
        """\
X = torch.randn(256, 10, dtype=torch.float64)
y = (X[:, :3].sum(1, keepdim=True) > 0).double()

def net():
    torch.manual_seed(1)
    return torch.nn.Sequential(torch.nn.Linear(10, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1)).double()

losses = {}
for label, make in (("torch.optim.Adam", lambda p: torch.optim.Adam(p, lr=1e-2)),
                    ("adamdyn.torch.Adam", lambda p: adt.Adam(p, lr=1e-2))):
    model = net()
    opt = make(model.parameters())
    out = []
    for _ in range(200):
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(X), y)
        loss.backward()
        opt.step()
        out.append(loss.item())
    losses[label] = np.array(out)
print("max |difference| of the loss curves:", np.max(np.abs(losses["torch.optim.Adam"] - losses["adamdyn.torch.Adam"])))""",
        md(r"""
Any registered rule works the same way: `adt.RuleOptimizer(params, "s3", lr=..., beta=..., p=2)`,
or `adt.make_optimizer("adamomentum", params, lr=...)`.

## 2. Hessian spectra

`hvp_operator` gives Hessian-vector products; `full_hessian` the dense matrix (small nets);
`slq_density` the stochastic-Lanczos estimate of the spectral density, a `SpectralDensity`
(weighted `nodes`; `curve(grid)` broadens it; `degeneracy(rel_band)` is the mass within
`rel_band` times the largest $|\lambda|$ of zero).
"""),
        """\
model = net()
opt = adt.Adam(model.parameters(), lr=1e-2)
for _ in range(300):
    opt.zero_grad()
    torch.nn.functional.binary_cross_entropy_with_logits(model(X), y).backward()
    opt.step()
loss_fn = lambda: torch.nn.functional.binary_cross_entropy_with_logits(model(X), y)
params = list(model.parameters())
exact = adt.exact_density(torch.linalg.eigvalsh(adt.full_hessian(loss_fn, params)).numpy())
matvec, n = adt.hvp_operator(loss_fn, params)
slq = adt.slq_density(matvec, n, num_probes=8, num_steps=40, seed=0, like=params[0])
print(f"{n} parameters; largest |eigenvalue| {exact.scale:.3g}; mass within 1% of it around zero: "
      f"exact {exact.degeneracy(0.01):.2f}, SLQ {slq.degeneracy(0.01, scale=exact.scale):.2f}")
grid = np.linspace(-0.1, 1.1, 400) * exact.scale
fig, ax = plt.subplots()
ax.semilogy(grid, exact.curve(grid) + 1e-6, label="exact", lw=1.2)
ax.semilogy(grid, slq.curve(grid) + 1e-6, label="SLQ (8 probes x 40 steps)", lw=1, ls="--")
ax.set(xlabel="eigenvalue", ylabel="density", title="Hessian spectral density of a small MLP")
ax.legend(fontsize=8)
plt.show()""",
        md(r"""
## 3. The degeneracy experiments (quick mode)

`adt.run_experiment(name, quick=True)` runs one of the paper's experiments with every setting
recorded (`result.settings`), its numbers in `result.summary` and a figure in `result.figure`.
`mlp-activation` compares ReLU and softmax activations (seed 003 Fig. 15 a-c) with GD and Adam
tuned over a learning-rate grid, and the Hessian density at the end.
"""),
        """\
print("experiments:", ", ".join(adt.EXPERIMENTS))
res = adt.run_experiment("mlp-activation", quick=not FULL, device="cpu")
print({k: v for k, v in res.settings.items() if k in ("quick", "steps", "seeds", "device", "data")})""",
        """\
import json

print(json.dumps(res.summary, indent=1, default=str)[:1500])""",
        """\
res.figure.set_dpi(70)
res.figure""",
        md(r"""
The other experiments (`cnn-vs-transformer`, `v0-init`, `optimizers`) run the same way; with
`FULL = True` use more seeds and steps (and `device="cuda"` where there is one).
"""),
        FOOTER,
    ]


# --------------------------------------------------------------------------- 07
@notebook("07_add_your_optimizer")
def nb07():
    return [
        md(r"""
# 07 · Add your own optimizer

A rule is one small object: parameters (with ranges), state names, `init`, and
`update(state, g, t, p, B) -> (new_state, direction)` with $x_{t+1} = x_t - \eta\,\text{direction}$,
written against a backend namespace `B` (`B.sqrt`, `B.abs`, `B.sign`, `B.pow`, `B.select`) so
that sympy, numpy, the log-space numbers and torch all run it. For the normalized mode and the
symbolic engine it declares each state's **homogeneity degree** in the gradient and the
denominator (`scale`).

Our example: **Adam with a $q$-th power moment**,
$$m_t = \beta_1 m_{t-1} + (1-\beta_1)g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2)|g_t|^q,\quad
x_{t+1} = x_t - \eta\, m_t / v_t^{1/q},$$
state degrees $(1, q)$, direction degree 0 (scale-free). $q = 2$ is Adam.
"""),
        SETUP,
        """\
from adamdyn.rules import Param, Rule, register


def init(g, p, B):
    return (0.0 * g, 0.0 * g)


def scale(state, g, p, B):
    return B.pow(state[1], 1 / p.q)


def update(state, g, t, p, B):
    m, v = state
    m = p.beta1 * m + (1 - p.beta1) * g
    v = p.beta2 * v + (1 - p.beta2) * B.pow(B.abs(g), p.q)
    return (m, v), m / scale((m, v), g, p, B)


ADAMQ = register(Rule(
    name="adamq",
    summary="Adam with a q-th power second moment",
    equations=r"v_t = \\beta_2 v_{t-1} + (1-\\beta_2)|g_t|^q,\\ x_{t+1} = x_t - \\eta m_t / v_t^{1/q}",
    params=(
        Param("lr", 1e-2, "learning rate", lo=0.0, lo_open=True),
        Param("beta1", 0.9, "first-moment decay", lo=0.0, hi=1.0, hi_open=True),
        Param("beta2", 0.999, "q-th moment decay", lo=0.0, hi=1.0, hi_open=True),
        Param("q", 3.0, "power of the second moment", lo=0.0, lo_open=True),
    ),
    state=("m", "v"),
    init=init,
    update=update,
    degrees=lambda p: (1, p.q),
    direction_degree=0,
    scale=scale,
))
ADAMQ, ADAMQ.make_params(q=3)""",
        md(r"""
## 1. Simulate, both modes

Nothing else is needed for `ad.simulate`: it reads the rule from the registry.
"""),
        """\
steps = 10000 if FULL else 4000
kw = dict(n=4, beta1=0.8, beta2=0.9, lr=1e-2, q=3.0, steps=steps)
raw = ad.simulate("adamq", mode="raw", **kw)
norm = ad.simulate("adamq", mode="normalized", every=5, **kw)
for r in (raw, norm):
    print(f"{r.mode:>10}: {r.stop_reason:<68} final log10 loss {r.final_log10_loss:8.2f}")
fig, ax = plt.subplots()
ax.plot(norm.step, norm.log10_loss, lw=2.5, alpha=0.5, label="normalized")
ax.plot(raw.step, raw.log10_loss, lw=1, label="raw float64")
ax.set(xlabel="step", ylabel=r"$\\log_{10}$ loss", title="adamq (q = 3) on $|x|^4/4$")
ax.legend(fontsize=8)
plt.show()""",
        md(r"""
## 2. Derive

`ad.derive` evaluates `update` on sympy symbols in the frame $|g| = 1$; the declared degrees tell
it how each state rescales. At the fixed point $\lambda = \eta|x|^{n-2}/v^{1/q}$ is constant while
$v$ decays freely ($\propto\beta_2^t$), so we expect $\rho^* = \beta_2^{1/(q(n-2))}$:
$\beta_2^{1/6}$ for $q = 3$, $n = 4$.
"""),
        """\
import sympy as sp
from adamdyn.symbolic.report import as_text

t = time.perf_counter()
d = ad.derive("adamq", n=4, q=3)
print(f"derived in {time.perf_counter() - t:.1f} s\\n")
print(as_text(d))""",
        """\
b1s, b2s = sp.symbols("beta1 beta2", real=True)
syms = [d.map.params["beta1"], d.map.params["beta2"]]
exists = sp.lambdify(syms, sp.And(*d.exists_if), "numpy")
stable = sp.lambdify(syms, sp.And(*d.exists_if, *d.stable_if), "numpy")
rate = sp.lambdify(syms, d.rate, "numpy")
late = norm.step > steps / 2
print(f"predicted log10-loss slope {4 * np.log10(rate(0.8, 0.9)):.6f}, "
      f"simulated {np.polyfit(norm.step[late], norm.log10_loss[late], 1)[0]:.6f}")""",
        md(r"""
## 3. Phase diagram

`ad.phase_diagram` runs **generated numba kernels**. For the built-in rules they are committed in
`adamdyn/kernels/_generated.py`; a rule registered at run time gets its own, generated by the same
code generator from its `update` into the user cache folder and compiled once (numba caches them on
disk, so the next session starts fast). Nothing in the package is edited.
"""),
        """\
k, steps = (48, 8000) if FULL else (24, 3000)
g1 = np.linspace(0.05, 0.95, k)
g2 = np.linspace(0.06, 0.96, k)
t = time.perf_counter()
pd = ad.phase_diagram("adamq", {"beta1": g1, "beta2": g2}, {"lr": 1e-2, "n": 4, "q": 3.0}, steps=steps)
print(f"{k * k} points x {steps} steps in {time.perf_counter() - t:.1f} s (compilation included)")

fine = np.linspace(0.005, 0.995, 300)
F1, F2 = np.meshgrid(fine, fine, indexing="ij")
fig, ax = plt.subplots(figsize=(4.8, 3.8))
m = ax.pcolormesh(g1, g2, np.maximum(pd.final_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=ax, label=rf"$\\log_{{10}}$ loss after {steps} steps")
ax.contour(F1, F2, stable(F1, F2).astype(float), levels=[0.5], colors="w", linewidths=1.5)
ax.contour(F1, F2, exists(F1, F2).astype(float), levels=[0.5], colors="w", linestyles="--")
ax.set(xlabel=r"$\\beta_1$", ylabel=r"$\\beta_2$", title="adamq, q = 3, n = 4: derived boundaries (white)")
plt.show()""",
        md(r"""
Derived: stable iff $\beta_1 < \beta_2^{2/3}$, and the point exists iff $\beta_1 < \beta_2^{1/2}$. In general $q$ moves Adam's $\beta_2^{n/(2n-4)}$ to
$\beta_2^{2n/(q(2n-4))}$: a larger power widens the stable region.

## 4. Torch, for free

The torch optimizer reads the rule from the same registry (needs the `nn` extra):
"""),
        """\
try:
    import torch
    import adamdyn.torch as adt
except ImportError:
    print("torch not installed: skipping (pip install -e '.[nn]')")
else:
    w = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = adt.RuleOptimizer([w], "adamq", lr=1e-2, beta1=0.8, beta2=0.9, q=3.0)
    for _ in range(200):
        opt.zero_grad()
        (w.abs() ** 4 / 4).sum().backward()
        opt.step()
    ref = ad.simulate("adamq", n=4, beta1=0.8, beta2=0.9, lr=1e-2, q=3.0, steps=200, mode="raw")
    print(f"torch: x_200 = {w.item():.6e}   simulate: x_200 = {ref.x[-1, 0]:.6e}")""",
        FOOTER,
    ]


def build(names=None, execute=False, timeout=600):
    """Write the notebooks (``names``: prefixes; None = all); execute them in place when asked."""
    times = {}
    for name, func in NOTEBOOKS.items():
        if names and not any(name.startswith(n) for n in names):
            continue
        nb = new_notebook(cells=_cells(func()))
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        path = os.path.join(HERE, name + ".ipynb")
        if execute:
            from nbclient import NotebookClient

            t0 = time.perf_counter()
            NotebookClient(nb, kernel_name="python3", timeout=timeout,
                           resources={"metadata": {"path": HERE}}).execute()
            times[name] = time.perf_counter() - t0
            print(f"{name}: executed in {times[name]:.1f} s", flush=True)
        nbformat.write(nb, path)
    return times


if __name__ == "__main__":
    args = sys.argv[1:]
    execute = "--execute" in args
    build([a for a in args if not a.startswith("--")] or None, execute=execute)
