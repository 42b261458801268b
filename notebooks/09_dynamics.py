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
# # 09 · Beyond the closed forms: fixed points, boundaries, the atlas and basins of Adam at $n = 4$
#
# The symbolic engine (`adamdyn.theory.derive`) solves Adam's normalized map on $|x|^n/n$ for the fixed points
# with a *positive* step ratio $\rho^* = x_{t+1}/x_t$ and gives the regimes in closed form. `adamdyn.dynamics`
# computes the same objects numerically, for any rule, without the theory:
#
# 1. **fixed points**: every fixed point (and periodic orbit) of the reduced map in a box, by Newton from a grid of
#    starts with deflation, including the points with $\rho^* < 0$ (the iterate changes sign every step);
# 2. **continuation**: the flip and Neimark-Sacker boundaries, followed in the $(\beta_1, \beta_2)$ plane;
# 3. **the atlas**: a label per cell from the orbit alone (fixed point, period, spikes, chaos, ...) and the
#    Lyapunov spectrum;
# 4. **basins**: which starts $(u_0, \lambda_0)$ end at the attracting point.
#
# Then we ask what the atlas measures in Regimes II and III. Claims 20-22 of `adamdyn verify` check the numbers
# against the engine.

# %%
FULL = False  # True: finer grids and longer windows (a minute instead of seconds)

import time

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

import adamdyn as ad
from adamdyn.claims.dynamics import derived_boundaries
from adamdyn.dynamics.atlas import LABELS, atlas  # the module path: adamdyn.dynamics.atlas is also a module
from adamdyn.dynamics.basins import basin, basin_fractions
from adamdyn.dynamics.continuation import continue_boundary
from adamdyn.dynamics.fixed_points import find_fixed_points

mpl.rcParams.update({"figure.dpi": 80, "figure.figsize": (6.4, 3.2)})
T0 = time.perf_counter()
N = 4

# %% [markdown]
# ## 1. Every fixed point, including $\rho^* < 0$
#
# The reduced map has coordinates $u = m/g$ and $\lambda = \eta|x|^{n-2}/\sqrt{v}$ (the $z \to 0$ limit of the
# normalized map). `find_fixed_points` runs Newton on $F(y) - y$ from about 2000 starts over the box, deflates the
# roots it has, and repeats until a round finds nothing new; `symbolic=True` marks the points the engine also
# reports.

# %%
res = find_fixed_points("adam", n=N, beta1=0.5, beta2=0.9, period_max=2, symbolic=True)
print(f"{res.coverage['starts']} starts, Newton converged from {res.coverage['converged_share'][1]:.1%} of them, "
      f"{res.seconds:.2f} s")
for p in res.points:
    mu = ", ".join(f"{abs(m):.4f}" for m in p.eigenvalues)
    at = ", ".join(f"{k}={v:.5g}" for k, v in p.coords.items())
    print(f"period {p.period}  rho={p.rho:+.6f}  {at:32s} |mu| = {mu:18s} stable={p.stable!s:5s} "
          f"found by {'+'.join(p.found_by)} {p.name}")

# %% [markdown]
# Besides the engine's two points (the trivial $\lambda = 0$, $\rho = 1$, and linear convergence at
# $\rho^* = \beta_2^{1/4}$), the search finds a **sign-flipping point** with $\rho^* = -\beta_2^{1/4}$, and two
# orbits of period 2 (per-step factor $\beta_2^{1/4}$ as well). Are the extra points ever attracting? Scan a grid of
# $(\beta_1, \beta_2)$ and record the largest $|\mu|$ at the sign-flipping point:

# %%
k = 9 if FULL else 5
B1s, B2s = np.linspace(0.05, 0.95, k), np.linspace(0.3, 0.99, k)
flip = np.full((k, k), np.nan)
ratio = np.full((k, k), np.nan)
for i, b1 in enumerate(B1s):
    for j, b2 in enumerate(B2s):
        r = find_fixed_points("adam", n=N, symbolic=False, starts=10, beta1=b1, beta2=b2)
        (pt,) = [p for p in r.points if p.period == 1 and p.rho < 0]
        flip[i, j] = np.abs(pt.eigenvalues).max()
        ratio[i, j] = pt.rho / b2 ** (1 / (2 * N - 4))
print(f"sign-flipping point at every one of {k * k} points; rho / beta2^(1/(2n-4)) in "
      f"[{ratio.min():.12f}, {ratio.max():.12f}]")
print(f"its spectral radius: min {flip.min():.3f}, max {flip.max():.3f} -> always unstable on this grid")

# %% [markdown]
# So the point exists everywhere, at exactly $\rho^* = -\beta_2^{1/(2n-4)}$ (the $\lambda$ equation fixes
# $|\rho^*|$; the $u$ equation then always has a positive solution), and it repels strongly (spectral radius above 5):
# an orbit never settles on it, so the engine's restriction to $\rho^* > 0$ misses no attractor. Claim 20 checks
# this for Adam, RMSProp, Adamax, NAdam, RAdam and AdamW at random parameters.
#
# ## 2. Continuing the stability boundaries
#
# `continue_boundary` follows the curve where an eigenvalue of the reduced map's Jacobian crosses $-1$ (flip) or a
# complex pair crosses the unit circle (Neimark-Sacker), by pseudo-arclength continuation of the fixed-point
# equations plus a test function. Nothing of the closed form goes in; we overlay the engine's closed forms.

# %%
steps = 80 if FULL else 30
ns = continue_boundary("adam", N, kind="neimark_sacker", start=(0.8, 0.8), steps=steps, ds=0.02)
fl = continue_boundary("adam", N, kind="flip", start=(0.005, 0.01), steps=steps, ds=0.005)
fig, axs = plt.subplots(1, 2)
for ax, b, kind in ((axs[0], ns, "neimark_sacker"), (axs[1], fl, "flip")):
    text, f = derived_boundaries(N)[kind]
    b1, b2 = b.values.T
    g = np.linspace(b2.min(), b2.max(), 200)
    ax.plot(g, f(g), "k-", lw=3, alpha=0.3, label="engine: " + text)
    ax.plot(b2, b1, "r.", ms=3, label="continued")
    ax.set(xlabel=r"$\beta_2$", ylabel=r"$\beta_1$", title=kind)
    ax.legend(fontsize=6)
    print(f"{kind}: {len(b1)} points, max |beta1 - closed form| = {np.max(np.abs(b1 - f(b2))):.1e}")
fig.tight_layout()

# %% [markdown]
# ## 3. The atlas
#
# `atlas` iterates the normalized map for every cell (all at once, numpy float64) from the first step's state and
# labels the window after a transient from what the orbit does. Below, with the engine's boundaries drawn on top:
# Neimark-Sacker $\beta_1 = \beta_2$ (Regime I below it) and existence $\beta_1 = \beta_2^{3/4}$ (Regime II between
# the two, III above).

# %%
g = np.linspace(0.01, 0.99, 96 if FULL else 48)
a = atlas("adam", {"beta1": g, "beta2": g}, n=N, steps=4000 if FULL else 2000)
print(f"{a.label.size} cells, {a.elapsed_s:.1f} s:", a.counts())
names = [lab for lab in LABELS if lab in a.counts()]
codes = np.vectorize(names.index)(a.label)
fig, axs = plt.subplots(1, 2, figsize=(9, 3.6))
im = axs[0].pcolormesh(g, g, codes, cmap=mpl.colormaps["tab10"].resampled(len(names)), shading="nearest")
cb = fig.colorbar(im, ax=axs[0], ticks=range(len(names)))
cb.ax.set_yticklabels(names, fontsize=7)
lam1 = a.lyapunov_spectrum[0]
im = axs[1].pcolormesh(g, g, lam1, cmap="RdBu_r", vmin=-1, vmax=1, shading="nearest")
fig.colorbar(im, ax=axs[1], label="largest Lyapunov exponent")
for ax in axs:
    ax.plot(g, g, "k--", lw=1)
    ax.plot(g, g ** 0.75, "k:", lw=1)
    ax.set(xlabel=r"$\beta_2$", ylabel=r"$\beta_1$")
fig.tight_layout()
gap = a.sum_rule_gap
worst = np.unravel_index(np.nanargmax(gap), gap.shape)
print(f"sum rule |sum of exponents - mean log|det J||: median {np.nanmedian(gap):.1e}, 99th percentile "
      f"{np.nanpercentile(gap, 99):.1e}, max {gap[worst]:.1e} at beta1 = {g[worst[0]]:.3f}, beta2 = {g[worst[1]]:.3f}")

# %% [markdown]
# Below the Neimark-Sacker line the orbits settle on the linear-convergence point (largest exponent negative;
# the observed rate is $\beta_2^{1/4}$). A thin band of `quasi_periodic` cells lines the boundary on the stable side:
# there the complex pair has $|\mu|$ just below 1 and the spiral has not closed in the window. Claim 22 counts the
# agreement away from the boundaries.
#
# ## 4. What the atlas says about Regimes II and III
#
# Per regime of the engine (only the engine's regime is theory here; everything measured is from the orbits):

# %%
reg, _ = ad.theory.theory_grid("adam", N, {"beta1": g, "beta2": g})
for r in (1, 2, 3):
    m = reg == r
    labs, cnt = np.unique(a.label[m], return_counts=True)
    sp = m & (a.label == "spiking")
    print(f"Regime {'I' * r}: {m.sum()} cells", {str(k_): int(v) for k_, v in zip(labs, cnt)})
    print(f"    largest exponent median {np.nanmedian(lam1[m]):+.3f} (10-90%: "
          f"{np.nanpercentile(lam1[m], 10):+.3f} .. {np.nanpercentile(lam1[m], 90):+.3f}), "
          f"rate |x_t+1/x_t| median {np.nanmedian(a.rate[m]):.5f}"
          + (f", spiking cells: {np.median(a.spikes[sp]):.0f} spikes per {a.steps} steps, "
             f"median interval {np.nanmedian(a.spike_interval[sp]):.1f} steps" if sp.any() else ""))

# %% [markdown]
# In Regimes II and III almost every cell is `spiking`: the loss rises by more than 2 decades again and again, a
# few steps apart, while $|x|$ neither converges nor grows over the window (rate $\approx 1$). The two regimes look
# the same in these statistics. A cut at $\beta_2 = 0.5$ across both (Regime II for $0.5 < \beta_1 < 0.5^{3/4}
# \approx 0.595$) shows whether anything changes at the existence boundary:

# %%
b1 = np.linspace(0.3, 0.99, 400 if FULL else 140)
cut = atlas("adam", {"beta1": b1}, beta2=0.5, n=N, steps=4000 if FULL else 2000)
fig, axs = plt.subplots(1, 3, figsize=(10, 3))
axs[0].plot(b1, cut.lyapunov_spectrum[0], ".", ms=3)
axs[0].set(ylabel="largest exponent")
axs[1].plot(b1, cut.spike_interval, ".", ms=3)
axs[1].set(ylabel="steps between spikes", yscale="log")
axs[2].plot(b1, np.log10(cut.rate), ".", ms=3)
axs[2].set(ylabel=r"$\log_{10}$ rate")
for ax in axs:
    ax.axvline(0.5, color="k", ls="--", lw=1)
    ax.axvline(0.5 ** 0.75, color="k", ls=":", lw=1)
    ax.set(xlabel=r"$\beta_1$ ($\beta_2 = 0.5$)")
fig.tight_layout()
two = (b1 > 0.52) & (b1 < 0.58)
three = (b1 > 0.61) & (b1 < 0.7)
for name, m in (("II (0.52-0.58)", two), ("III (0.61-0.70)", three)):
    print(f"Regime {name}: largest exponent {np.nanmean(cut.lyapunov_spectrum[0][m]):+.3f} "
          f"+- {np.nanstd(cut.lyapunov_spectrum[0][m]):.3f}, spike interval "
          f"{np.nanmean(cut.spike_interval[m]):.2f} +- {np.nanstd(cut.spike_interval[m]):.2f}")

# %% [markdown]
# The rate jumps at the Neimark-Sacker line (dashed), where linear convergence ends. At the existence boundary
# (dotted) nothing jumps: the exponent and the spike interval drift across it with the same trend as on either side
# (the means over II and III above differ by that drift, not by a step).
# The repelling focus of Regime II shows only in the *transient*: from $x_0 = 1$ the run first converges linearly
# toward the point, and leaves it in a spike. Three runs (Regime I, II, III at $\beta_2 = 0.5$):

# %%
fig, ax = plt.subplots()
for beta1, lab in ((0.45, "I"), (0.55, "II"), (0.7, "III")):
    tr = ad.simulate("adam", n=N, x0=1.0, steps=3000, mode="normalized", lr=1e-3, beta1=beta1, beta2=0.5)
    L = tr.log10_loss
    rise = np.nonzero(L - np.minimum.accumulate(L) > 2)[0]
    first = int(tr.step[rise[0]]) if rise.size else None
    ax.plot(tr.step, L, lw=0.8, label=rf"$\beta_1={beta1}$ (Regime {lab}), first spike at step {first}")
    print(f"beta1 = {beta1} (Regime {lab}): first spike at step {first}, lowest loss before it "
          f"{(np.minimum.accumulate(L)[rise[0]] if rise.size else L.min()):.1f} decades")
ax.set(xlabel="step", ylabel=r"$\log_{10}$ loss", ylim=(-200, 5))
ax.legend(fontsize=7)
fig.tight_layout()

# %% [markdown]
# In II and III alike the first spike comes after about 1000 steps of descent, at a similar loss level: the
# measured transient does not separate the regimes either. No observable here changes at
# $\beta_1 = \beta_2^{3/4}$, which is what claim 11b states: the II/III border is where the fixed point stops
# existing, and the observed dynamics cross it smoothly.
#
# ## 5. Basins of the attracting point
#
# In Regime I, which starts $(u_0, \lambda_0)$ of the reduced map end at the linear-convergence point?

# %%
b = basin("adam", n=N, beta1=0.5, beta2=0.9, grid=32 if FULL else 20, steps=2000 if FULL else 1000)
print(f"share {b.share:.2f}, global: {b.is_global}, distinct end points {b.distinct_points}, "
      f"unresolved starts {b.unresolved_share:.2f}, observed rate {b.rate:.6f} (beta2^(1/4) = {0.9 ** 0.25:.6f})")
fig, ax = plt.subplots()
ax.pcolormesh(b.u0, b.lambda0, b.converged.T, cmap="Greens", shading="nearest")
ax.plot(b.point["u"], b.point["lambda"], "r*", ms=10, label="the point")
ax.set(xlabel=r"$u_0$", ylabel=r"$\lambda_0$", yscale="log", title="converging starts (green)")
ax.legend(fontsize=7)
fig.tight_layout()

# %% [markdown]
# No start ends anywhere else: every start that does not converge is labelled `unresolved`, all at large
# $\lambda_0$ ($\gtrsim 1$). There the first step overshoots ($|\rho| = |1 - u_0\lambda_0| \gg 1$), $\lambda$
# collapses by tens of decades (or underflows to 0, the trivial point), and the atlas declines to label an orbit whose
# coordinates passed $10^{100}$ or fell below $10^{-200}$ (its end then depends on rounding). Some of these orbits do
# come back to the point, so the share is a lower bound of the basin. Across $(\beta_1, \beta_2)$:

# %%
bf = basin_fractions("adam", n=N, grid=12 if FULL else 8, steps=2000 if FULL else 1000)
fig, ax = plt.subplots()
im = ax.pcolormesh(bf.axes["beta2"], bf.axes["beta1"], bf.share, vmin=0, vmax=1, shading="nearest")
fig.colorbar(im, ax=ax, label="basin share")
ax.plot(bf.axes["beta2"], bf.axes["beta2"], "k--", lw=1)
ax.set(xlabel=r"$\beta_2$", ylabel=r"$\beta_1$")
fig.tight_layout()
print(np.round(bf.share, 2))
print(f"notebook ran in {time.perf_counter() - T0:.0f} s")

# %% [markdown]
# The share is about 0.8 through Regime I and 0 above the Neimark-Sacker line. It drops at $\beta_2 \to 1$ with a
# window this short, because the approach is slow there (run longer: `steps=`).
