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
# # 03 · Bifurcations and chaos
#
# **The acceleration map.** Gradient descent with a growing learning rate $\eta_{t+1} = \alpha\eta_t$
# on $|x|^n/n$ has effective sharpness $S_t = \eta_t|x_t|^{n-2}$, and
# $$S_{t+1} = h(S_t) = \alpha\, S_t\, |1 - S_t|^{n-2}.$$
# The iterate contracts while $0 < S_t < 2$. For $\alpha > 1$ the non-trivial fixed point is
# $S^* = 1 - \alpha^{-1/(n-2)}$ with multiplier $h'(S^*) = 1 - (n-2)S^*/(1-S^*)$; it is stable iff
# $\alpha < (n/(n-2))^{n-2}$ ($\alpha < 4$ for $n = 4$). RMSProp's decoupled $v_t$ is exactly such a
# schedule with $\alpha = 1/\sqrt{\beta_2}$.

# %%
FULL = False  # True: full-size grids and runs (minutes instead of seconds)

import time

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

import adamdyn as ad

mpl.rcParams.update({"figure.dpi": 80, "figure.figsize": (6.4, 3.0)})
T0 = time.perf_counter()

# %%
import sympy as sp

am = ad.acceleration_map(4)
print("h(S)      =", am.h)
print("S*        =", am.fixed_point)
print("h'(S*)    =", am.multiplier)
print("alpha_max =", am.alpha_max)
am_n = ad.acceleration_map()          # symbolic n
print("alpha_max(n) =", sp.simplify(am_n.alpha_max))

# %% [markdown]
# ## 1. Period doubling and the Lyapunov exponent
#
# `ad.bifurcation("acceleration", ...)` iterates $h$ past a transient and keeps the last values of
# $S_t$ for each $\alpha$ (a numba kernel, parallel over $\alpha$). The largest Lyapunov exponent is
# the orbit average of $\log|h'(S_t)|$: negative on periodic orbits, zero at each doubling,
# positive in chaos.

# %%
k, transient, keep = (1600, 4000, 300) if FULL else (500, 1500, 120)
alphas = np.linspace(1.0, 10.0, k)
bif = ad.bifurcation("acceleration", values=alphas, n=4, transient=transient, keep=keep, s0=0.1)
fig, (a, b) = plt.subplots(2, 1, figsize=(7, 4.6), sharex=True, constrained_layout=True)
a.plot(np.repeat(alphas, keep), bif.orbit.ravel(), ",k", alpha=0.4)
a.axvline(float(am.alpha_max), color="C3", lw=1, ls="--", label=r"$\alpha_{\max} = 4$ (derived)")
a.axhline(2, color="C0", lw=0.8, ls=":", label="S = 2 (contraction ends)")
a.set(ylabel="$S_t$ (last values)", ylim=(0, 2.6), title="acceleration map, n = 4")
a.legend(fontsize=8, loc="upper left")
b.plot(alphas, bif.lyapunov, lw=0.8)
b.axhline(0, color="k", lw=0.6)
b.set(xlabel=r"$\alpha$", ylabel="Lyapunov exponent", ylim=(-3, 1.5))
plt.show()


# %% [markdown]
# Counting the distinct values on each kept orbit locates the cascade $1 \to 2 \to 4 \to 8$; the
# first doubling is at the derived $\alpha_{\max}$. Beyond the cascade the orbit is chaotic but
# stays inside $(0, 2)$ for a while, so $x_t$ **still converges**; only when the orbit leaves
# $(0, 2)$ does the iterate diverge.

# %%
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
print(f"first alpha whose orbit leaves (0, 2): {alphas[np.argmax(escape)]:.3f}")

# %% [markdown]
# ## 2. The same cascade inside RMSProp
#
# RMSProp is Adam with $\beta_1 = 0$; its $\lambda_t$ follows the acceleration map with
# $\alpha = 1/\sqrt{\beta_2}$, so its fixed point is stable iff $\beta_2 > ((n-2)/n)^{2(n-2)} = 1/16$
# for $n = 4$. Past the threshold $\lambda_t$ oscillates, yet the geometric mean of $|\rho_t|^{n-2}$
# is still $\sqrt{\beta_2}$, so the **average rate is unchanged** while the orbit stays bounded.

# %%
steps = 4000 if FULL else 1500
fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.0))
for b2 in (0.1, 0.05, 0.03):
    r = ad.simulate("rmsprop", n=4, beta2=b2, lr=1e-2, steps=steps, mode="normalized")
    late = r.step > steps / 2
    slope = np.polyfit(r.step[late], r.log10_loss[late], 1)[0]
    print(f"beta2 = {b2:5.3f} (alpha = {b2 ** -0.5:.2f}): late slope {slope:9.5f}, "
          f"predicted log10(beta2) = {np.log10(b2):9.5f}")
    a.plot(r.step[-60:], r.log10_lambda[-60:], ".-", ms=3, lw=0.6, label=rf"$\beta_2={b2}$")
    b.plot(r.step, r.log10_loss, lw=1)
a.set(xlabel="step", ylabel=r"$\log_{10}\lambda_t$", title="last 60 steps")
a.legend(fontsize=8)
b.set(xlabel="step", ylabel=r"$\log_{10}$ loss", title="loss")
plt.show()

# %% [markdown]
# ## 3. Adam's lower-left corner
#
# With momentum the flip (period-doubling) boundary becomes condition [9]:
# $$n\rho^* - (n-2) + \beta_1\rho^{*-(n-1)}\big(n - (n-2)\rho^*\big) > 0,$$
# which only bites for small $\beta_1$ and small $\beta_2$. `ad.derive` finds it as the
# `1 + tr J + det J > 0` Jury condition:

# %%
d = ad.derive("adam", n=4)
for b in d.boundaries:
    print(f"{str(b['condition']):60s} <- {b['bifurcation']}")

# %% [markdown]
# `ad.bifurcation("adam", param="beta2", ...)` runs the normalized kernel and keeps the last values
# of $\log_{10}\lambda_t$. At $\beta_1 = 0$ (RMSProp) the doubling sits at $\beta_2 = 1/16$; a little
# momentum moves it down. Below: the orbit and the final loss on a magnified corner phase diagram,
# with the derived flip boundary.

# %%
b2s = np.linspace(0.004, 0.12, 300 if FULL else 120)
fig, axes = plt.subplots(1, 3, figsize=(11.5, 3.2), constrained_layout=True)
for ax, b1 in zip(axes[:2], (0.0, 0.03)):
    bb = ad.bifurcation("adam", param="beta2", values=b2s, fixed={"beta1": b1, "lr": 1e-2}, n=4,
                        transient=1500 if FULL else 600, keep=64 if FULL else 32)
    ax.plot(np.repeat(b2s, bb.keep), bb.orbit.ravel(), ",k")
    stable = ad.regime("adam", n=4, beta1=b1, beta2=b2s) == 1
    ax.axvline(b2s[np.argmax(stable)], color="C3", ls="--", lw=1, label="theory: stable from here")
    ax.set(xlabel=r"$\beta_2$", ylabel=r"$\log_{10}\lambda_t$", title=rf"Adam, $\beta_1 = {b1}$")
    ax.legend(fontsize=7)

kc, steps = (40, 8000) if FULL else (16, 2500)
c1, c2 = np.linspace(0.0, 0.12, kc), np.linspace(0.005, 0.15, kc)
pc = ad.phase_diagram("adam", {"beta1": c1, "beta2": c2}, {"lr": 1e-2, "n": 4}, steps=steps)
m = axes[2].pcolormesh(c1, c2, np.maximum(pc.final_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=axes[2], label=r"final $\log_{10}$ loss")
F1, F2 = np.meshgrid(np.linspace(0, 0.12, 200), np.linspace(0.005, 0.15, 200), indexing="ij")
axes[2].contour(F1, F2, (ad.regime("adam", n=4, beta1=F1, beta2=F2) == 1).astype(float), levels=[0.5],
                colors="w", linewidths=1.5)
axes[2].set(xlabel=r"$\beta_1$", ylabel=r"$\beta_2$", title="corner: final loss, theory (white)")
plt.show()

# %% [markdown]
# Low momentum keeps $S_t < 2$ after the fixed point loses stability (period doubling, then
# chaos, while the loss still falls); high momentum does not (the loss spikes). The kernel-based
# Adam bifurcation does not compute Lyapunov exponents yet (`bb.lyapunov` is NaN); the acceleration
# map above does.

# %%
print(f"notebook ran in {time.perf_counter() - T0:.1f} s (FULL = {FULL})")
