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
# # 05 · Other optimizers: AdaMomentum, S3, v0 initialisation, AdaBelief
#
# The symbolic engine derives the normalized map of **any** rule from its `update`, so the
# other papers' optimizers get the same analysis as Adam:
#
# | rule | update | source |
# |---|---|---|
# | AdaMomentum | $v_t = \beta_2 v_{t-1} + (1-\beta_2) m_t^2$ | Wang et al. (2021) |
# | S3 | $s_t = \beta s_{t-1} + (1-\beta)|g_t|^p$, step $n_t/s_t^{1/p}$ (Nesterov optional) | Peng et al. (2025) |
# | Adam, $v_0 > 0$ | $v_t$ gains $\beta_2^t v_0$ | Abuduweili & Liu (2025) |
# | AdaBelief | $s_t = \beta_2 s_{t-1} + (1-\beta_2)(g_t - m_t)^2$ | Zhuang et al. (2020), evaluated by Abuduweili & Liu (2025) |
#
# Their fixed points and stability regions on $|x|^n$ are not in any of these papers: this is new work (docs/REFERENCES.md lists them).

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
from adamdyn.theory.report import as_text

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
    print("\n".join(line for line in as_text(d).splitlines() if not line.startswith(("  eigenvalues", "boundary"))))
    print()

# %% [markdown]
# **AdaMomentum** replaces $g_t^2$ by $m_t^2$ in $v_t$. At the linear-convergence point $z = 0$ the
# second moment is *decoupled*: the fresh term $(1-\beta_2)m_t^2$ is negligible against the freely
# decaying $\beta_2 v_{t-1}$, so what enters $v$ no longer matters. The derivation shows it: the
# fixed point, the rate $\rho^* = \beta_2^{1/(2n-4)}$ and both boundaries are **exactly Adam's**
# (notebook 01). The same holds for **AdaBelief** ($s_t$ tracks $(g_t - m_t)^2$; derived with
# `FULL = True`). The optimizers differ in the transient and in Regimes II/III, where $v$ is coupled.
# **S3** with order $p$ (one $\beta$ for both moments) has $|x|$-rate $\beta^{1/(p(n-2))}$ and, without
# Nesterov, a single stability condition in $\beta$.
#
# ## v0 initialisation
#
# A positive $v_0$ adds $\beta_2^t v_0$ to $v_t$, which decays at exactly the free-decay rate:
# the asymptotic fixed point and rate are unchanged, only the transient changes.

# %%
steps = 6000 if FULL else 2500
fig, ax = plt.subplots()
for v0 in (0.0, 1e-6, 1e-2, 1.0):
    r = ad.simulate("adam", n=4, beta1=0.8, beta2=0.99, lr=1e-2, v0=v0, steps=steps, mode="normalized", every=5)
    late = r.step > steps / 2
    slope = np.polyfit(r.step[late], r.log10_loss[late], 1)[0]
    ax.plot(r.step, r.log10_loss, lw=1, label=f"v0 = {v0:g}: late slope {slope:.5f}")
ax.axline((0, 0), slope=np.log10(0.99), color="k", ls=":", lw=1, label=r"slope $\log_{10}\beta_2$")
ax.set(xlabel="step", ylabel=r"$\log_{10}$ loss", title=r"Adam, $\beta_1 = 0.8$, $\beta_2 = 0.99$, $n = 4$")
ax.legend(fontsize=7)
plt.show()

# %% [markdown]
# ## Side by side: short simulations against the derived rates
#
# Same $|x|^4/4$, same learning rate, each optimizer at one parameter point inside its derived
# stable region; the predicted loss slope is $n\log_{10}\rho^*$ from `ad.rate`.

# %%
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
ax.set(xlabel="step", ylabel=r"$\log_{10}$ loss", title="four optimizers on $|x|^4/4$")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Phase diagrams of the other rules run through the same generated kernels; here AdaMomentum.
# Its theory regimes (from `ad.regime`, which derives for symbolic $n$ first) are the same as
# Adam's; the observed diagram differs in Regimes II and III.

# %%
k, steps = (32, 20000) if FULL else (14, 3000)
g = np.linspace(0.02, 0.98, k)
pd = ad.phase_diagram("adamomentum", {"beta1": g, "beta2": g + 0.01}, {"lr": 1e-2, "n": 4}, steps=steps)
print(f"observed = theory in {np.mean(pd.regime_observed == pd.regime_theory):.0%} of cells ({pd.theory_note})")
fig, ax = plt.subplots(figsize=(4.8, 3.6))
m = ax.pcolormesh(g, g + 0.01, np.maximum(pd.min_log10_loss, -300).T, shading="nearest")
fig.colorbar(m, ax=ax, label=r"min $\log_{10}$ loss")
ax.contour(g, g + 0.01, (pd.regime_theory == 1).T.astype(float), levels=[0.5], colors="w")
ax.contour(g, g + 0.01, (pd.regime_theory != 3).T.astype(float), levels=[0.5], colors="w", linestyles="--")
ax.set(xlabel=r"$\beta_1$", ylabel=r"$\beta_2$", title="AdaMomentum, n = 4")
ax.plot(g, g, "k:", lw=0.8)
plt.show()

# %% [markdown]
# ## The saddle toy of Abuduweili & Liu (Table 5)
#
# The saddle of their App. B.2 ($n = 7$, $b = 1$, $s = 0.5$, $x_0 = -10^{-6}$, torch-style Adam
# with $\alpha = 1$): Adam with $v_0 = 0$ takes a sign-like first step and stalls at the saddle near
# $-1$; warm-up, a random $v_0$ or SGD stay near the minimum. The settings the paper leaves open are
# arguments of `run_toy` (see its docstring).

# %%
from IPython.display import Markdown, display

from adamdyn.experiments.seed000_toy import render_table5_markdown, run_toy

toy = run_toy(with_sensitivity=FULL)
display(Markdown(render_table5_markdown(toy).split("\n", 2)[2]))

# %%
print(f"notebook ran in {time.perf_counter() - T0:.1f} s (FULL = {FULL})")
