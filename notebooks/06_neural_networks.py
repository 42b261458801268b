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
# # 06 · Neural networks: torch optimizers, Hessian spectra, degeneracy
#
# `adamdyn.torch` builds `torch.optim.Optimizer`s from the **same rule definitions** the
# analysis uses, computes Hessian spectral densities (exact for small nets, stochastic Lanczos
# quadrature otherwise) and runs the experiments of Bai et al. (2026), Sec. 7: the Hessian of a trained
# network is highly **degenerate** (most eigenvalues near zero), the regime where $|x|^n$ with
# $n > 2$ is the right model and Adam's linear rate beats GD's power law.
#
# Needs the `nn` extra (`pip install -e '.[nn]'`). Everything here runs on the CPU in quick mode.

# %%
FULL = False  # True: full-size grids and runs (minutes instead of seconds)

import time

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

mpl.rcParams.update({"figure.dpi": 80, "figure.figsize": (6.4, 3.0)})
T0 = time.perf_counter()

# %%
import torch

import adamdyn.torch as adt

torch.manual_seed(0)
torch.set_num_threads(1)
print("torch", torch.__version__, "| optimizers:", ", ".join(adt.OPTIMIZERS))

# %% [markdown]
# ## 1. The optimizers are the rules
#
# `adt.Adam` runs `adamdyn/rules/adam.py` with torch's defaults (bias correction, $\epsilon$ outside the
# root). On the same data it follows `torch.optim.Adam` to rounding error:

# %%
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
print("max |difference| of the loss curves:", np.max(np.abs(losses["torch.optim.Adam"] - losses["adamdyn.torch.Adam"])))

# %% [markdown]
# Any registered rule works the same way: `adt.RuleOptimizer(params, "s3", lr=..., beta=..., p=2)`,
# or `adt.make_optimizer("adamomentum", params, lr=...)`.
#
# ## 2. Hessian spectra
#
# `hvp_operator` gives Hessian-vector products; `full_hessian` the dense matrix (small nets);
# `slq_density` the stochastic-Lanczos estimate of the spectral density, a `SpectralDensity`
# (weighted `nodes`; `curve(grid)` broadens it; `degeneracy(rel_band)` is the mass within
# `rel_band` times the largest $|\lambda|$ of zero).

# %%
def loss_fn():
    return torch.nn.functional.binary_cross_entropy_with_logits(model(X), y)


model = net()
opt = adt.Adam(model.parameters(), lr=1e-2)
for _ in range(300):
    opt.zero_grad()
    loss_fn().backward()
    opt.step()
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
plt.show()

# %% [markdown]
# ## 3. The degeneracy experiments (quick mode)
#
# `adt.run_experiment(name, quick=True)` runs one of the paper's experiments with every setting
# recorded (`result.settings`), its numbers in `result.summary` and a figure in `result.figure`.
# `mlp-activation` compares ReLU and softmax activations (Bai et al., 2026, Fig. 15 a-c) with GD and Adam
# tuned over a learning-rate grid, and the Hessian density at the end.

# %%
print("experiments:", ", ".join(adt.EXPERIMENTS))
res = adt.run_experiment("mlp-activation", quick=not FULL, device="cpu")
print({k: v for k, v in res.settings.items() if k in ("quick", "steps", "seeds", "device", "data")})

# %%
import json

print(json.dumps(res.summary, indent=1, default=str)[:1500])

# %%
res.figure.set_dpi(70)
res.figure

# %% [markdown]
# The other experiments (`cnn-vs-transformer`, `v0-init`, `optimizers`) run the same way; with
# `FULL = True` use more seeds and steps (and `device="cuda"` where there is one).

# %% [markdown]
# ## 4. The papers' comparisons
#
# One experiment per paper's comparison, with all its baselines (`adamdyn nn list`). Each records,
# per optimizer, the training and test loss, the test accuracy, the median effective learning rate and the
# preconditioned sharpness; `adt.run_experiment("s3-baselines", quick=True)` runs one in under a minute, and
# `docs/NN.md` sets what the paper reports beside what adamdyn measured.

# %%
from adamdyn.torch.comparisons import experiment_list

for item in experiment_list():
    print(f"{item['name']:22s} {item['source'] or 'several papers':24s} {', '.join(item['optimizers'])}")

# %%
print(f"notebook ran in {time.perf_counter() - T0:.1f} s (FULL = {FULL})")
