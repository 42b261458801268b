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
# # 08 · The optimizer family: which ones converge linearly on $|x|^n$?
#
# Adam converges *linearly* on the degenerate objective $|x|^n/n$ ($n > 2$), where gradient descent only
# reaches a power law: its second moment decouples from $g_t^2$ and decays freely, so its effective step
# grows exactly as fast as the curvature vanishes (notebook 01). Does that survive the changes the
# popular variants make? Each is one small rule in `adamdyn/rules/`:
#
# | rule | what changes |
# |---|---|
# | AdamW | decoupled weight decay $\lambda x$ in the step |
# | NAdam | Nesterov momentum with torch's momentum schedule $\mu_t$ |
# | RAdam | SGD with momentum while $\rho_t \le 5$, then the rectified Adam step |
# | Adamax | $u_t = \max(\beta_2 u_{t-1}, |g_t|)$ instead of $v_t$ |
# | AMSGrad | the running maximum of $v_t$ |
# | Adagrad | the sum of all $g_t^2$, never forgotten |
# | AdaBound | Adam's step clipped into bounds closing on `final_lr` |
# | Yogi | the additive, sign-controlled $v_t$ update |
# | Lion | the sign of an interpolated momentum |
# | Adafactor | relative step, parameter scale, update clipping, $\hat\beta_{2,t} = 1 - t^{c}$ |
#
# We (1) ask the symbolic engine, (2) run each rule, (3) compare, and (4) see where a positive $\epsilon$ ends
# linear convergence. The whole table is [docs/FAMILY.md](../docs/FAMILY.md); fig19 shows the phase diagrams.

# %%
FULL = False  # True: longer runs and every rule's full derivation (minutes instead of seconds)

import time

import matplotlib as mpl
import matplotlib.pyplot as plt

import adamdyn as ad
from adamdyn.claims import family as fam
from adamdyn.rules import FAMILY

mpl.rcParams.update({"figure.dpi": 80, "figure.figsize": (6.4, 3.2)})
T0 = time.perf_counter()
NAMES = [m.RULE.name for m in FAMILY]

# %% [markdown]
# ## 1. Derive
#
# `quick_theory(rule, n)` builds the rule's normalized map in the frame $|g| = 1$, takes $t \to \infty$ in its
# schedules, and looks for a fixed point with a constant step ratio $\rho^* < 1$ (linear convergence). Where
# there is none, the engine says why in words.

# %%
verdict = {}
for name in NAMES:
    try:
        th = ad.theory.quick_theory(name, 4)
    except ad.theory.TheoryUnavailable as exc:
        verdict[name] = None
        print(f"{name:10s} no theory: {exc.why[:110]}")
        continue
    verdict[name] = th.linear
    if th.linear:
        print(f"{name:10s} linear: rho* = {th.rho_expr}")
    else:
        print(f"{name:10s} not linear: {'; '.join(th.why)[:110]}")

# %% [markdown]
# ## 2. Simulate
#
# Every rule from $x_0 = 1$ on $|x|^4/4$, in normalized (log-space) mode so that losses far below $10^{-308}$
# stay exact. Log-log axes: a power law is a straight line, linear convergence a curve that plunges.

# %%
steps = 64000 if FULL else 16000
runs = {name: ad.simulate(name, n=4, x0=fam.X0, lr=fam.LR, steps=steps, every=20, mode="normalized",
                          **fam._only_known(name, {"beta1": 0.5, "beta2": 0.9}))
        for name in NAMES}
fig, ax = plt.subplots()
for name, r in runs.items():
    ax.plot(r.step[1:], r.log10_loss[1:], label=name, lw=1)
ax.set_xscale("log")
ax.set_ylim(-120, 2)
ax.set_xlabel("step $t$")
ax.set_ylabel(r"$\log_{10} f(x_t)$")
ax.legend(ncol=2, fontsize=7)
plt.show()

# %% [markdown]
# ## 3. Compare
#
# The measurement that tells the two apart without any theory: the slope of $\log_{10}$ loss over the
# doubling windows $[T/4, T/2]$ and $[T/2, T]$. Linear convergence keeps it (ratio 1); a power law
# $f \sim t^{-a}$ halves it (ratio 1/2; GD-like on $|x|^4$: $a = n/(n-2) = 2$); a stall has slope 0.

# %%
print(f"{'rule':10s} {'engine':>12s} {'slope ratio':>12s} {'measured':>12s}  loss ~ t^a")
for name, r in runs.items():
    f = fam.flattening(r)
    engine = {True: "linear", False: "not linear", None: "no theory"}[verdict[name]]
    measured = "stalls" if f["stall"] else ("flattens" if f["flattens"] else "linear")
    law = f"a = {f['exponent']:.2f}" if f["flattens"] and not f["stall"] else "-"
    print(f"{name:10s} {engine:>12s} {f['ratio']:12.3f} {measured:>12s}  {law}")

# %% [markdown]
# Where the engine derives linear convergence, the rate itself is checked: the late slope against
# $n\log_{10}\rho^*$ at the candidate points the engine puts in Regime I (verify claim 17).

# %%
for name in NAMES:
    if verdict[name]:
        for row in fam.rate_record(name, quick=not FULL):
            print(f"{name:8s} {row['point']}: predicted {row['predicted']:.6f}, measured {row['observed']:.6f} "
                  f"decades/step (rel err {row['rel_err']:.1e})")

# %% [markdown]
# ## 4. The eps floor
#
# The analysis is of $\epsilon = 0$. In the frame $|g| = 1$ a positive $\epsilon$ becomes $\epsilon/|g|$, which
# grows without bound as $x \to 0$: once it dominates $\sqrt{v_t}$ the step is GD-like and the loss follows a
# power law. Below, Adam at $(\beta_1, \beta_2) = (0.8, 0.9)$ with three $\epsilon$, the measured loss where
# each run leaves the rate that the $\epsilon = 0$ run keeps, and (when `adamdyn.theory.eps_floor` is
# installed) the engine's predicted level.

# %%
kw = dict(n=4, beta1=0.8, beta2=0.9, lr=fam.LR, x0=fam.X0, steps=20000, every=10, mode="normalized")
ref = ad.simulate("adam", **kw)
fig, ax = plt.subplots()
ax.plot(ref.step, ref.log10_loss, color="k", lw=1, label="eps = 0")
try:
    floor = fam.eps_floor_fn()
except ad.theory.TheoryUnavailable as exc:
    floor = None
    print("no predicted floor:", exc.why)
for eps in (1e-6, 1e-8, 1e-12):
    r = ad.simulate("adam", eps=eps, **kw)
    level = fam.linear_end_level(ref, r)
    line = ax.plot(r.step, r.log10_loss, lw=1, label=f"eps = {eps:g}")[0]
    ax.axhline(level, color=line.get_color(), ls=":", lw=0.8)
    pred = f"{float(floor('adam', 4.0, eps, beta1=0.8, beta2=0.9, lr=fam.LR).log10_loss):.1f}" if floor else "-"
    print(f"eps = {eps:g}: linear convergence ends at log10 loss {level:.1f} (measured), {pred} (predicted)")
ax.set_ylim(-120, 2)
ax.set_xlabel("step $t$")
ax.set_ylabel(r"$\log_{10} f(x_t)$")
ax.legend(fontsize=7)
plt.show()
print(f"notebook ran in {time.perf_counter() - T0:.0f} s")
