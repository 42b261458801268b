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
# # 04 · Verifying the theorems
#
# Every claim of the papers is a function that **computes its prediction** (from the symbolic engine
# or a sympy derivation), **measures** the same quantity by simulation, and returns a `Check`
# record: predicted, observed, tolerance, passed. `ad.verify(quick=True, only=...)` runs a subset;
# `adamdyn verify --quick` does the same from the command line and writes a Markdown report.

# %%
FULL = False  # True: full-size grids and runs (minutes instead of seconds)

import time

import matplotlib as mpl
import numpy as np

import adamdyn as ad

mpl.rcParams.update({"figure.dpi": 80, "figure.figsize": (6.4, 3.0)})
T0 = time.perf_counter()

# %%
from adamdyn.claims import CLAIMS, markdown, table

for cid in sorted(CLAIMS):
    print(f"{cid:3d}  {CLAIMS[cid].__name__}")

# %% [markdown]
# ## 1. Run a subset
#
# Quick mode uses short runs; `FULL = True` runs every claim in full mode (minutes). Claim 16 checks
# that a non-zero $v_0$ leaves Adam's rate on $|x|^n$ unchanged; claim 15 checks S3's update bound
# (Peng et al., 2025, Thm 2).

# %%
only = None if FULL else [15, 16]
checks = ad.verify(quick=not FULL, only=only)
print(table(checks, width=48))

# %% [markdown]
# Each record keeps its settings and the per-case details, so a failure says where it failed:

# %%
c = checks[0]
print(c.status, "|", c.statement)
print("predicted:", c.predicted, "| observed:", c.observed, "| tolerance:", c.tolerance)
print("settings:", c.settings)
print("details:", str(c.details)[:600])

# %%
from IPython.display import Markdown, display

report = markdown(checks, quick=not FULL, elapsed_s=sum(c.elapsed_s for c in checks))
display(Markdown(report.split("\n## ")[0]))   # the summary table of the Markdown report

# %% [markdown]
# ## 2. Add a claim
#
# A claim is a function `body(quick) -> dict` decorated with `@claim(id, name, source, statement)`
# from `adamdyn.claims.core`. The decorator registers it in `CLAIMS`, times it, fills in the
# statement and turns a missing prediction (`TheoryUnavailable`) into an `n/a` record. This is the
# record and the decorator:

# %%
import inspect

from adamdyn.claims import Check, core

print(inspect.getsource(Check).split('    @property')[0])
print(inspect.getsource(core.claim))

# %% [markdown]
# The registered claims follow one pattern (here claim 16, `adamdyn/claims/rates.py`): a
# prediction from the symbolic engine, a normalized-mode simulation, a fitted slope, a relative
# error against a stated tolerance.
#
# Below, a new claim in the same pattern: **RMSProp's rate on $|x|^n$ is $\beta_2^{1/(2n-4)}$ in
# $|x|$ even beyond the period-doubling threshold** (docs/THEORY.md, "Rates": the $\lambda$-equation forces the
# geometric mean of $|\rho|^{n-2}$ to be $\sqrt{\beta_2}$ on any bounded attractor). Id 101 keeps it
# clear of the package's ids; it exists only in this kernel.

# %%
from adamdyn.claims.core import claim, fit_slope, late_window, rel_err
from adamdyn.references import cite


@claim(101, "rmsprop_rate_past_doubling", f"{cite('adam-degenerate', title=False)}, Sec. 3 rate [10] and Thm 5.7",
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


print(table(ad.verify(quick=True, only=[101])))

# %% [markdown]
# To add a claim to the package, put the function in the module of `adamdyn/claims/` that
# matches its topic (the module is imported by `adamdyn/claims/__init__.py`, which registers it)
# and pick the next free id; `tests/test_theorems.py` then runs it with the others.

# %%
print(f"notebook ran in {time.perf_counter() - T0:.1f} s (FULL = {FULL})")
