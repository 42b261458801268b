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
# # 02 · Phase diagrams: three regimes, theory vs experiment
#
# At the non-trivial fixed point $\rho^* = \beta_2^{1/(2n-4)}$, $u^*\lambda^* = 1-\rho^*$, and the
# $(\beta_1, \beta_2)$ plane splits into three regimes (Bai et al., 2026, Thm 6.1):
#
# | regime | condition | behaviour |
# |---|---|---|
# | I | $\beta_1 < \beta_2^{n/(2n-4)}$ (and the corner condition [9]) | stable linear convergence, loss $\times\,\beta_2^{n/(2n-4)}$ per step |
# | II | $\beta_2^{n/(2n-4)} \le \beta_1 < \beta_2^{(n-1)/(2n-4)}$ | fixed point exists but is unstable: convergence, then spikes |
# | III | $\beta_1 \ge \beta_2^{(n-1)/(2n-4)}$ | no fixed point: SignGD-like oscillation near loss $\eta^n$ |

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
# ## 1. One run from each regime ($n = 4$, $\beta_2 = 0.9$)

# %%
steps = 20000 if FULL else 6000
cases = {0.8: "I", 0.91: "II", 0.99: "III"}
print("theory regimes:", ad.regime("adam", n=4, beta1=list(cases), beta2=0.9).tolist())
runs = {b1: ad.simulate("adam", n=4, beta1=b1, beta2=0.9, lr=1e-2, steps=steps, mode="normalized", every=5)
        for b1 in cases}
fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.0))
for b1, r in runs.items():
    a.plot(r.step, r.log10_loss, label=rf"$\beta_1={b1}$ (Regime {cases[b1]})", lw=1)
    b.plot(r.step, r.log10_lambda, lw=1)
a.set(xlabel="step", ylabel=r"$\log_{10}$ loss", title="loss")
b.set(xlabel="step", ylabel=r"$\log_{10}\lambda_t$", title=r"effective curvature $\lambda_t$")
a.legend(fontsize=8)
plt.show()

# %% [markdown]
# Regime I: $\lambda_t$ settles at $\lambda^*$ and the loss falls on a straight line. Regime II: the
# fixed point repels, $\lambda_t$ oscillates with growing amplitude and the loss spikes (yet still
# falls on average). Regime III: $v_t$ stays coupled to $g_t^2$ and the iterate oscillates at
# $|x| \sim \eta$.
#
# ## 2. Theory vs experiment on a grid
#
# The sweep labels each cell from its reductions (`regime_observed`, rule in
# `adamdyn.sweeps.regimes`) and evaluates the theory regime on the same grid (`regime_theory`).

# %%
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
    ax.set(title=title, xlabel=r"$\beta_1$", ylabel=r"$\beta_2$")
m = axes[2].pcolormesh(g1, g2, np.maximum(pd.final_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=axes[2], label=r"final $\log_{10}$ loss")
axes[2].set(title="final loss", xlabel=r"$\beta_1$")
for ax in axes:
    ax.plot(g1, g1, "k-", lw=1)              # stability, n = 4: beta1 = beta2
    ax.plot(g1, g1 ** (4 / 3), "k--", lw=1)  # existence: beta1 = beta2^{3/4}
    ax.set_ylim(g2[0], g2[-1])
plt.show()

# %% [markdown]
# Blue / orange / red: Regimes I / II / III. Disagreements sit along the boundaries and at large
# $\beta_2$, where a run of a few thousand steps is too short to leave the transient
# ($1/(1-\beta_2)$ steps); with `FULL = True` the agreement improves.
#
# ## 3. How the picture changes with $n$
#
# The stability boundary $\beta_1 = \beta_2^{n/(2n-4)}$ moves right as $n$ grows
# ($n/(2n-4) \downarrow 1/2$): the stable region grows (Remark 4.2). The numeric theory functions
# broadcast over $n$ as well.

# %%
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
a.set(xlabel=r"$\beta_1$", ylabel=r"$\beta_2$", title="stability boundary (Regime I is above-left)")
a.legend(fontsize=7)
b.set(xlabel="n", ylabel="fraction of the unit square", title="size of Regime I")
plt.show()

# %%
k6, steps6 = (32, 20000) if FULL else (14, 3000)
h = np.linspace(0.02, 0.98, k6)
pd6 = ad.phase_diagram("adam", {"beta1": h, "beta2": h + 0.01}, {"lr": 1e-2, "n": 6}, steps=steps6)
print(f"n = 6: observed = theory in {np.mean(pd6.regime_observed == pd6.regime_theory):.0%} of cells")
fig, ax = plt.subplots(figsize=(4.6, 3.6))
m = ax.pcolormesh(h, h + 0.01, np.maximum(pd6.min_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=ax, label=r"min $\log_{10}$ loss")
ax.plot(h, h ** (8 / 6), "w-", lw=1.2, label=r"$\beta_1 = \beta_2^{6/8}$ (stability)")
ax.plot(h, h ** (8 / 5), "w--", lw=1.2, label=r"$\beta_1 = \beta_2^{5/8}$ (existence)")
ax.set(xlabel=r"$\beta_1$", ylabel=r"$\beta_2$", ylim=(h[0], h[-1] + 0.01), title="n = 6")
ax.legend(fontsize=7, loc="lower right")
plt.show()

# %% [markdown]
# ## 4. The learning rate
#
# With $\epsilon = 0$ Adam is invariant to rescaling the gradient, and $z_t = x_t/\eta$ is the
# only place $\eta$ enters the normalized map: changing $\eta$ is the same as changing $x_0$.
# So the **regime boundaries do not depend on $\eta$**; what changes is the SignGD floor of
# Regime III (loss $\sim \eta^n$) and how long the transient lasts.

# %%
k, steps = (32, 20000) if FULL else (12, 3000)
g = np.linspace(0.02, 0.98, k)
fig, axes = plt.subplots(1, 3, figsize=(11, 3.2), constrained_layout=True)
for ax, lr in zip(axes, (1e-1, 1e-2, 1e-3)):
    p = ad.phase_diagram("adam", {"beta1": g, "beta2": g + 0.01}, {"lr": lr, "n": 4}, steps=steps)
    m = ax.pcolormesh(g, g + 0.01, np.clip(p.final_log10_loss, -40, 2).T, shading="nearest", vmin=-40, vmax=2)
    ax.plot(g, g, "w-", lw=1)
    ax.plot(g, g ** (4 / 3), "w--", lw=1)
    ax.set(title=f"lr = {lr:g}: agree {np.mean(p.regime_observed == p.regime_theory):.0%}",
           xlabel=r"$\beta_1$", ylim=(g[0], g[-1] + 0.01))
    iii = p.regime_theory == 3
    print(f"lr = {lr:g}: median final log10 loss in Regime III {np.median(p.final_log10_loss[iii]):6.1f}"
          f"  (log10 lr^4/4 = {np.log10(lr ** 4 / 4):6.1f})")
axes[0].set_ylabel(r"$\beta_2$")
fig.colorbar(m, ax=axes, label=r"final $\log_{10}$ loss (clipped to [-40, 2])")
plt.show()

# %% [markdown]
# The boundaries (white: solid stability, dashed existence) are the same for every learning rate;
# the Regime III plateau moves down by four decades per decade of $\eta$ ($\eta^4$ for $n = 4$).

# %%
print(f"notebook ran in {time.perf_counter() - T0:.1f} s (FULL = {FULL})")
