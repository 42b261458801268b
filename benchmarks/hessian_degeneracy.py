"""Fig. 15 (c) of Bai et al. (2026): does a softmax MLP leave more Hessian mass near zero than a ReLU MLP?

Two-layer MLPs (``adamdyn.torch.models.MLP``) on scikit-learn's digits (1797 x 64, full batch, float64),
trained by Adam (lr 1e-2, betas 0.9/0.999, ``--steps`` full-batch steps) from seeds 0..``--seeds``-1;
then the spectrum of the training loss's Hessian:

- exact (``torch.linalg.eigvalsh`` of the dense Hessian) for hidden widths in ``--exact``;
- the deflated stochastic Lanczos estimate (``adamdyn.torch.spectra.slq_density``: 20 outliers by ARPACK,
  8 probes x 40 steps) for widths in ``--slq``; where the exact spectrum exists too, the Kolmogorov distance
  between the two CDFs is recorded (``check_spectrum``).

"Mass near zero" is the fraction of eigenvalues with ``|lambda| <= r * max|lambda|`` for r = 1e-2 and 1e-3:
counted exactly, or from the estimate's CDF, ``F(r max) - F(-r max)``, with the estimate's width ``sigma``
recorded (a band narrower than ``sigma`` is not resolved: ``resolved`` false).

    .venv/bin/python benchmarks/hessian_degeneracy.py            # writes docs/hessian_degeneracy.json (an experiment, not a speed record)

The result states, per width and band, each network's mass (mean and range over seeds) and whether softmax
exceeds ReLU on every seed; it is written whichever way it falls.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time

import numpy as np
import torch

from adamdyn.torch import hessian as Hs
from adamdyn.torch import spectra as Sp
from adamdyn.torch.data import load_digits
from adamdyn.torch.models import MLP

BANDS = (1e-2, 1e-3)
OUT = os.path.join(os.path.dirname(__file__), "..", "docs", "hessian_degeneracy.json")


def train(activation, hidden, seed, steps, X, y):
    torch.manual_seed(seed)
    net = MLP(X.shape[1], hidden, 10, activation).double()
    opt = torch.optim.Adam(net.parameters(), lr=1e-2, betas=(0.9, 0.999), eps=1e-8)
    lossf = torch.nn.CrossEntropyLoss()
    for _ in range(steps):
        opt.zero_grad()
        lossf(net(X), y).backward()
        opt.step()
    with torch.no_grad():
        final = float(lossf(net(X), y))
    return net, lossf, final


def masses_exact(lam):
    top = np.abs(lam).max()
    return {f"{r:g}": float(np.mean(np.abs(lam) <= r * top)) for r in BANDS}


def masses_slq(d):
    top = d.scale
    return {f"{r:g}": float(d.cdf(r * top) - d.cdf(-r * top)) for r in BANDS}


def run(exact_widths, slq_widths, seeds, steps, backend):
    X, y = load_digits(dtype=torch.float64)
    rows = []
    for hidden in sorted(set(exact_widths) | set(slq_widths)):
        for seed in range(seeds):
            for act in ("relu", "softmax"):
                t0 = time.perf_counter()
                net, lossf, final = train(act, hidden, seed, steps, X, y)
                H = Hs.hessian_operator(net, lossf, (X, y), backend=backend)
                row = dict(hidden=hidden, seed=seed, activation=act, n_params=H.n, final_loss=final,
                           train_seconds=time.perf_counter() - t0)
                lam = None
                if hidden in exact_widths:
                    t0 = time.perf_counter()
                    lam = torch.linalg.eigvalsh(H.dense()).numpy()
                    row["exact"] = dict(max_abs=float(np.abs(lam).max()), mass=masses_exact(lam),
                                        negative_fraction=float(np.mean(lam < 0)),
                                        seconds=time.perf_counter() - t0)
                if hidden in slq_widths:
                    t0 = time.perf_counter()
                    d = Sp.slq_density(H, H.n, num_probes=8, num_steps=40, deflate=20, seed=seed)
                    row["slq"] = dict(max_abs=d.scale, mass=masses_slq(d), sigma=d.broadening,
                                      resolved={f"{r:g}": bool(d.broadening < r * d.scale) for r in BANDS},
                                      outliers=d.outliers.tolist(), outlier_residual_max=float(d.outlier_residuals.max()),
                                      seconds=time.perf_counter() - t0)
                    if lam is not None:
                        row["slq"]["check"] = Sp.check_spectrum(d, lam, ks_tol=0.05, rtol=1e-8)
                rows.append(row)
                print({k: v for k, v in row.items() if k in ("hidden", "seed", "activation", "n_params",
                                                              "final_loss")},
                      {m: row[m]["mass"] for m in ("exact", "slq") if m in row}, flush=True)
    return rows


def summarise(rows):
    out = []
    for hidden in sorted({r["hidden"] for r in rows}):
        for method in ("exact", "slq"):
            sel = [r for r in rows if r["hidden"] == hidden and method in r]
            if not sel:
                continue
            for band in (f"{r:g}" for r in BANDS):
                by = {a: {r["seed"]: r[method]["mass"][band] for r in sel if r["activation"] == a}
                      for a in ("relu", "softmax")}
                seeds = sorted(set(by["relu"]) & set(by["softmax"]))
                diff = [by["softmax"][s] - by["relu"][s] for s in seeds]
                out.append(dict(
                    hidden=hidden, n_params=sel[0]["n_params"], method=method, band=band,
                    relu_mean=float(np.mean(list(by["relu"].values()))),
                    relu_range=[float(min(by["relu"].values())), float(max(by["relu"].values()))],
                    softmax_mean=float(np.mean(list(by["softmax"].values()))),
                    softmax_range=[float(min(by["softmax"].values())), float(max(by["softmax"].values()))],
                    softmax_minus_relu=[float(x) for x in diff],
                    softmax_more_on_every_seed=bool(all(x > 0 for x in diff)),
                    resolved=all(r["slq"]["resolved"][band] for r in sel) if method == "slq" else True,
                ))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exact", type=int, nargs="*", default=[32], help="hidden widths with exact spectra")
    ap.add_argument("--slq", type=int, nargs="*", default=[32, 128, 512],
                    help="hidden widths with SLQ estimates (512: 38,410 parameters, ~5 min in all on 2 shared cores)")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--backend", default="autograd", choices=("autograd", "curvlinops"))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    rows = run(a.exact, a.slq, a.seeds, a.steps, a.backend)
    summary = summarise(rows)
    result = dict(
        claim="Bai et al. (2026), Fig. 15 (c): softmax MLPs leave more Hessian mass near zero than ReLU MLPs",
        settings=dict(data="digits 1797x64, full batch", optimizer="Adam lr 1e-2 betas 0.9/0.999 eps 1e-8",
                      steps=a.steps, seeds=a.seeds, exact_widths=a.exact, slq_widths=a.slq,
                      slq=dict(num_probes=8, num_steps=40, deflate=20), backend=a.backend, bands=list(BANDS),
                      dtype="float64", threads=a.threads, torch=torch.__version__, python=platform.python_version(),
                      machine=f"{os.cpu_count()} CPUs, shared with other jobs"),
        summary=summary, runs=rows, seconds=time.perf_counter() - t0,
    )
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    for s in summary:
        print(f"h={s['hidden']:4d} n={s['n_params']:6d} {s['method']:5s} band {s['band']:>5s}: ReLU {s['relu_mean']:.3f} "
              f"softmax {s['softmax_mean']:.3f} softmax>ReLU on every seed: {s['softmax_more_on_every_seed']}"
              f" resolved: {s['resolved']}")
    print(f"{result['seconds']:.0f} s -> {a.out}")


if __name__ == "__main__":
    main()
