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
