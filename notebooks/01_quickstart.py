# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Quickstart: Adam on $|x|^4$
#
# adamdyn studies adaptive optimizers as dynamical systems on the degenerate objective
# $$f(x) = \frac{|x|^n}{n},\qquad g(x) = \operatorname{sign}(x)\,|x|^{n-1},$$
# whose Hessian $(n-1)|x|^{n-2}$ vanishes at the minimum when $n > 2$. Adam (analysis form:
# $\epsilon = 0$, no bias correction) is
# $$m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,\quad
# x_{t+1} = x_t - \eta\, m_t/\sqrt{v_t}.$$
#
# This notebook: (1) simulate Adam in the two modes, (2) derive its fixed points with sympy,
# (3) draw one phase diagram against the theory boundary. Set `FULL = True` for full-size runs.

# %%
FULL = False  # True: full-size grids and runs (minutes instead of seconds)

import time

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

import adamdyn as ad

mpl.rcParams.update({"figure.dpi": 80, "figure.figsize": (6.4, 3.0)})
T0 = time.perf_counter()

# %% [markdown]
# ## 1. Two simulation modes
#
# * `mode="raw"` iterates the update in float64. On $|x|^4$ Adam converges **linearly**
#   (the loss falls by $\beta_2$ per step), so float64 runs out of range: the run stops when
#   the loss, $g^2$ or $v$ becomes subnormal, and the step is flagged.
# * `mode="normalized"` iterates the paper's normalized state map in sign/log arithmetic
#   ($\log|x|$ is a running sum of $\log|\rho_t|$, $\rho_t = x_{t+1}/x_t$), so losses far
#   below $10^{-308}$ are exact.

# %%
steps = 20000 if FULL else 10000
kw = dict(n=4, beta1=0.8, beta2=0.9, lr=1e-2, x0=1.0, steps=steps)
raw = ad.simulate("adam", mode="raw", **kw)
norm = ad.simulate("adam", mode="normalized", every=10, **kw)
for r in (raw, norm):
    print(f"{r.mode:>10}: {r.stop_reason:<70} steps run {r.steps_run:>6}, "
          f"final log10 loss {r.final_log10_loss:9.2f}")

# %%
fig, ax = plt.subplots()
ax.plot(norm.step, norm.log10_loss, label="normalized (log space)", lw=2.5, alpha=0.5)
ax.plot(raw.step, raw.log10_loss, label="raw float64", lw=1)
ax.axhline(np.log10(np.finfo(float).tiny), color="k", ls=":", lw=1, label="smallest normal float64")
ax.axvline(raw.underflow_step, color="C3", ls="--", lw=1, label=f"raw stops (step {raw.underflow_step})")
ax.set(xlabel="step $t$", ylabel=r"$\log_{10} f(x_t)$", title=r"Adam on $|x|^4/4$, $\beta_1=0.8$, $\beta_2=0.9$")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# The two modes agree where both are defined; the normalized run continues on the same straight
# line. Its slope is the linear rate derived below. Every result carries its settings:

# %%
norm.summary()

# %% [markdown]
# ## 2. Derive the fixed points
#
# In the normalized coordinates $u_t = m_t/g_t$, $\lambda_t = \eta|x_t|^{n-2}/\sqrt{v_t}$,
# $z_t = x_t/\eta$ with $\rho_t = 1 - u_t\lambda_t$, Adam is a 3-dimensional map. `ad.derive`
# evaluates the rule's own `update` on sympy symbols in the frame $|g| = 1$ and returns the map,
# its fixed points, Jacobians, stability conditions and the rate. Nothing is Adam-specific.

# %%
from IPython.display import Math, display

from adamdyn.theory.report import as_latex, as_text

d = ad.derive("adam", n=4)
print(as_text(d))

# %%
display(Math(as_latex(d).replace("align*", "aligned")))

# %% [markdown]
# For $n = 4$: $\rho^* = \beta_2^{1/4}$ (so the loss falls by $\beta_2$ per step), the point exists iff
# $\beta_1 < \beta_2^{3/4}$ and is stable iff $\beta_1 < \beta_2$ (plus a lower-left-corner condition,
# notebook 03). The lambdified numeric functions evaluate the same derivation on arrays; check the
# rate against the simulated slope:

# %%
b1, b2 = 0.8, 0.9
print("fixed point:", {k: float(v) for k, v in ad.fixed_point("adam", n=4, beta1=b1, beta2=b2).items()})
print("spectral radius:", float(ad.spectral_radius("adam", n=4, beta1=b1, beta2=b2)))
predicted = 4 * np.log10(float(ad.rate("adam", n=4, beta1=b1, beta2=b2)))
late = norm.step > norm.step[-1] / 2
observed = np.polyfit(norm.step[late], norm.log10_loss[late], 1)[0]
print(f"log10-loss slope per step: predicted {predicted:.6f}, simulated {observed:.6f}")

# %% [markdown]
# ## 3. One phase diagram
#
# `ad.phase_diagram` runs one generated numba kernel per grid point (normalized mode by default) and
# keeps reductions only: minimum / final loss, late slope, spike and divergence steps. Below: the
# minimum loss over the run on a small $(\beta_1, \beta_2)$ grid, with the theory boundaries
# (spectral radius $= 1$, solid; existence of the fixed point, dashed) from `ad.regime`.
# The first call of `ad.regime` derives the map for symbolic $n$ (sympy, ~20 s); later calls are fast.

# %%
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
fig.colorbar(m, ax=ax, label=r"min $\log_{10}$ loss (clipped at -300)")
ax.contour(B1, B2, (reg == 1).astype(float), levels=[0.5], colors="w", linewidths=1.5)
ax.contour(B1, B2, (reg != 3).astype(float), levels=[0.5], colors="w", linewidths=1.2, linestyles="--")
ax.plot(fine ** 0.75, fine, "r:", lw=1, label=r"$\beta_1 = \beta_2^{3/4}$ (closed form)")
ax.set(xlabel=r"$\beta_1$", ylabel=r"$\beta_2$", title="Adam, $n = 4$: min loss and theory (white)")
ax.legend(loc="lower right", fontsize=8)
plt.show()

# %% [markdown]
# Below the solid line (Regime I) the loss keeps falling far below $10^{-300}$; between the lines
# (Regime II) it reaches a low value and then spikes; right of the dashed line (Regime III) Adam
# behaves like sign descent and stalls near $\eta^4/4$. Notebook 02 compares observed and theory
# regimes cell by cell.

# %%
print(f"notebook ran in {time.perf_counter() - T0:.1f} s (FULL = {FULL})")
