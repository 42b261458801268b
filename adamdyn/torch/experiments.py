"""The neural-network experiments: one function each, results with every setting.

==================  ==============================================================
``mlp-activation``  two-layer MLP, ReLU vs softmax activation, GD and Adam tuned
                    over a learning-rate grid; loss curves and the Hessian density
                    at the end (Bai et al., 2026, Fig. 15 a-c)
``cnn-vs-transformer``  small CNN on 8x8 digits vs small GPT on text, GD and Adam
                    tuned; loss curves and Hessian densities (Fig. 15 d-f)
``v0-init``         Adam with v0 zero / random / data-driven, with and without
                    warm-up: early sign-like steps, loss, final loss over seeds
                    (Abuduweili & Liu, 2025)
``optimizers``      Adam, AdaMomentum, S3, AdaBelief on the same tasks, mean and
                    spread over seeds
==================  ==============================================================

Each ``run_*`` returns an :class:`ExperimentResult` (settings, summary, arrays,
figure) and, with ``out``, writes ``NAME.json``, ``NAME.npz`` (no pickle) and
``NAME.png`` there.
"""

from __future__ import annotations

import json
import math
import os
import platform
from dataclasses import dataclass, field

import numpy as np
import torch

from .._version import __version__
from ..dynamics.results import _RESULT_TYPES
from ..figures import neural_networks as plot
from .hessian import hessian_operator
from .spectra import outliers, slq_density
from .training import Timer, cpu_threads, make_task, resolve_device, train_run

__all__ = ["EXPERIMENTS", "ExperimentResult", "run_experiment", "run_mlp_activation",
           "run_cnn_vs_transformer", "run_v0_init", "run_optimizers"]


@dataclass
class ExperimentResult:
    """What an experiment produced: ``settings`` (every knob), ``summary`` (numbers), ``arrays``, ``figure``."""

    name: str
    settings: dict
    summary: dict
    arrays: dict = field(default_factory=dict)
    figure: object = None
    files: list = field(default_factory=list)
    arrays_in_json: bool = False  #: also write ``arrays`` into the JSON (the paper comparisons: small curves)

    def save(self, out: str) -> list:
        """Write ``NAME.json``, ``NAME.npz`` and ``NAME.png`` into folder ``out``; return the paths."""
        os.makedirs(out, exist_ok=True)
        stem = os.path.join(out, self.name)
        meta = {"experiment": self.name, "settings": self.settings, "summary": self.summary}
        full = dict(meta, arrays=self.arrays) if self.arrays_in_json else meta
        with open(stem + ".json", "w") as f:
            json.dump(_jsonable(full), f, indent=1, allow_nan=False)
        # loadable by adamdyn.load_npz (no pickle): the arrays under "arrays/", the rest in __meta__
        loadable = dict(meta, __type__="ExperimentResult", __module__=__name__, __dicts__=["arrays"], name=self.name,
                        arrays_in_json=self.arrays_in_json)
        np.savez_compressed(stem + ".npz", __meta__=np.array(json.dumps(_jsonable(loadable))),
                            **{f"arrays/{k}": np.asarray(v) for k, v in self.arrays.items()})
        self.files = [stem + ".json", stem + ".npz"]
        if self.figure is not None:
            self.figure.savefig(stem + ".png", dpi=120)
            self.files.append(stem + ".png")
        return self.files


_RESULT_TYPES["ExperimentResult"] = ExperimentResult  # load_npz; its own save() writes a folder, so not register_result


def _jsonable(x):
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, np.ndarray):
        return _jsonable(x.tolist())
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None if math.isnan(x) else ("inf" if x > 0 else "-inf")
    return x


def _common_settings(name, quick, device, seeds):
    return dict(experiment=name, quick=quick, device=str(device), seeds=list(range(seeds)),
                adamdyn_version=__version__, torch_version=torch.__version__, python=platform.python_version(),
                dtype="float32")


def _slq(quick, tiny):
    if tiny:
        return dict(num_probes=1, num_steps=8, deflate=2)
    return dict(num_probes=3 if quick else 8, num_steps=20 if quick else 40, deflate=5 if quick else 10)


def _check(quick, seeds):
    if int(seeds) != seeds or seeds < 1:
        raise ValueError(f"seeds={seeds!r} must be an integer >= 1. Fix: pass e.g. --seeds 2.")
    return int(seeds)


def _sweep(task, optimizer, lrs, seeds, steps, eval_every, **kw):
    """Every (lr, seed); the tuned lr minimises the mean final loss. Diverged curves are padded with nan."""
    n_eval = steps // eval_every + 1 + (steps % eval_every > 0)
    curves = np.full((len(lrs), seeds, n_eval), np.nan)
    final = np.full((len(lrs), seeds), np.inf)
    for i, lr in enumerate(lrs):
        for s in range(seeds):
            r = train_run(task, optimizer, lr, steps, seed=s, eval_every=eval_every, **kw)
            curves[i, s, : len(r["loss"])] = r["loss"]
            final[i, s] = r["final_loss"]
    mean_final = final.mean(axis=1)
    best = int(np.argmin(mean_final)) if np.isfinite(mean_final).any() else 0
    steps_axis = np.minimum(np.arange(n_eval) * eval_every, steps)
    return dict(lrs=np.array(lrs, dtype=float), curves=curves, final=final, best=best, steps=steps_axis)


#: ARPACK's relative tolerance for the outliers and the top eigenvalues of the experiments' spectra.
HESSIAN_TOL = 1e-8


def _density(task, net, slq):
    """The Hessian spectrum of ``net``'s loss on the task's evaluation batch: a float64 copy of the network,
    :func:`~adamdyn.torch.hessian.hessian_operator`, deflated SLQ and the three largest eigenvalues (ARPACK to
    :data:`HESSIAN_TOL`). The operator is curvlinops' on a GPU and double backward on the CPU, where it was
    measured faster at these sizes (tiny settings, one thread: MLP 0.4 s vs 4.0 s, CNN 20 s vs 34 s, GPT 28 s vs
    66 s) and equal to 1e-14; networks with a LayerNorm (the GPT) always use double backward, because
    curvlinops' forward-over-reverse product is wrong for LayerNorm weights in torch 2.13 (see
    :mod:`adamdyn.torch.hessian`)."""
    import copy

    from .hessian import curvlinops_available

    net64 = copy.deepcopy(net).double()
    x, y = task.eval_batch()
    x = x.double() if x.is_floating_point() else x

    def loss_func(out, target):
        return torch.nn.functional.cross_entropy(out.reshape(-1, out.shape[-1]), target.reshape(-1))

    like = next(net64.parameters())
    has_norm = any(isinstance(m, torch.nn.LayerNorm) for m in net64.modules())
    backend = ("curvlinops" if like.device.type == "cuda" and curvlinops_available() and not has_norm
               else "autograd")
    H = hessian_operator(net64, loss_func, (x, y), backend=backend)
    d = slq_density(H, H.n, like=like, tol=HESSIAN_TOL, **slq)
    top = outliers(H, H.n, 3, which="LA", like=like, tol=HESSIAN_TOL)[0]
    d.settings = dict(d.settings or {}, backend=H.backend, dtype="float64", arpack_tol=HESSIAN_TOL)
    return d, top


def _tuned_density(task, sweep, optimizer, steps, slq, opt_kw=None):
    lr = float(sweep["lrs"][sweep["best"]])
    r = train_run(task, optimizer, lr, steps, seed=0, eval_every=steps, opt_kw=opt_kw, return_model=True)
    return _density(task, r["model"], slq)


def _store_density(arrays, summary, key, d, top):
    arrays[f"{key}/density_nodes"] = d.nodes
    arrays[f"{key}/density_weights"] = d.weights
    summary[key]["hessian"] = dict(n_params=d.n, top_eigenvalues=top, first_moment=d.moment(1),
                                   second_moment=d.moment(2), degeneracy=d.degeneracy(0.01),
                                   degeneracy_band="|lambda| <= 0.01 max|lambda|", outliers=d.outliers,
                                   outlier_residuals=d.outlier_residuals, broadening=d.broadening,
                                   backend=d.settings["backend"], dtype=d.settings["dtype"])


def _store_sweep(arrays, summary, key, opt, sw):
    for name in ("lrs", "curves", "final", "steps"):
        arrays[f"{key}/{opt}/{name}"] = sw[name]
    summary.setdefault(key, {})[opt] = dict(
        best_lr=float(sw["lrs"][sw["best"]]), final_loss_mean=float(sw["final"][sw["best"]].mean()),
        final_loss_std=float(sw["final"][sw["best"]].std()),
    )


def _gd_vs_adam(tasks, cfg, settings, seeds, dev, quick, data, data_dir):
    """GD and Adam, each tuned over ``cfg["lrs"]``, on every task of ``tasks`` ({key: task name});
    the tuned Adam run also gets its Hessian spectrum. Returns (arrays, summary)."""
    arrays, summary = {}, {}
    for key, task_name in tasks.items():
        task = make_task(task_name, dev, quick, data, data_dir)
        settings[f"model_{key}"] = task.settings
        for opt in ("gd", "adam"):
            sw = _sweep(task, opt, cfg["lrs"][opt], seeds, cfg["steps"], cfg["eval_every"])
            _store_sweep(arrays, summary, key, opt, sw)
            if opt == "adam":
                d, top = _tuned_density(task, sw, "adam", cfg["steps"], cfg["slq"])
                _store_density(arrays, summary, key, d, top)
    return arrays, summary


def _finish(name, settings, summary, arrays, plotter, out):
    """The experiment's result with its figure, saved under ``out`` when given."""
    res = ExperimentResult(name, settings, summary, arrays)
    res.figure = plotter(res)
    if out:
        res.save(out)
    return res


def run_mlp_activation(quick=False, device="auto", seeds=None, out=None, data="digits", data_dir=None,
                       tiny=False):
    """Bai et al. (2026), Fig. 15 a-c: two-layer MLP with ReLU vs softmax activation, GD vs Adam (both tuned).

    ``tiny``: a seconds-long smoke run (tests), smaller than ``quick``.
    """
    dev = resolve_device(device)
    quick = quick or tiny
    seeds = _check(quick, (1 if quick else 2) if seeds is None else seeds)
    cfg = dict(steps=20 if tiny else 150 if quick else 800, eval_every=5 if tiny else 10 if quick else 20,
               lrs={"gd": [1.0] if tiny else [0.3, 1.0, 3.0] if quick else [0.3, 1.0, 3.0, 10.0],
                    "adam": [1e-2] if tiny else [3e-3, 1e-2, 3e-2] if quick else [3e-3, 1e-2, 3e-2, 1e-1]},
               adam=dict(betas=[0.9, 0.999], eps=1e-8, bias_correction=True, v0="zero"),
               slq=_slq(quick, tiny), full_batch=True, data=data, loss="cross-entropy")
    settings = _common_settings("mlp-activation", quick, dev, seeds) | cfg | {"tiny": tiny}
    arrays, summary = _gd_vs_adam({"relu": "mlp-relu", "softmax": "mlp-softmax"}, cfg, settings, seeds, dev,
                                  quick, data, data_dir)
    return _finish("mlp-activation", settings, summary, arrays, plot.plot_mlp_activation, out)


def run_cnn_vs_transformer(quick=False, device="auto", seeds=None, out=None, data="digits", data_dir=None,
                           tiny=False):
    """Bai et al. (2026), Fig. 15 d-f: a small CNN on images vs a small GPT on text, GD vs Adam (both tuned)."""
    dev = resolve_device(device)
    quick = quick or tiny
    seeds = _check(quick, 1 if seeds is None else seeds)
    grid_gd = [1.0] if tiny else [0.3, 1.0] if quick else [0.3, 1.0, 3.0]
    grid_adam = [1e-2] if tiny else [3e-3, 1e-2] if quick else [1e-3, 3e-3, 1e-2]
    cfg = dict(steps=10 if tiny else 60 if quick else 300, eval_every=5 if tiny else 10,
               lrs={"gd": grid_gd, "adam": grid_adam}, slq=_slq(quick, tiny),
               data_cnn=data, batch_cnn=256, eval_cnn=512, batch_gpt=32, eval_gpt=64)
    settings = _common_settings("cnn-vs-transformer", quick, dev, seeds) | cfg | {"tiny": tiny}
    arrays, summary = _gd_vs_adam({"cnn": "cnn", "gpt": "gpt"}, cfg, settings, seeds, dev, quick, data, data_dir)
    return _finish("cnn-vs-transformer", settings, summary, arrays, plot.plot_cnn_vs_transformer, out)


V0_VARIANTS = ("zero", "random", "data")


def run_v0_init(quick=False, device="auto", seeds=None, out=None, task="gpt", data="digits", data_dir=None,
                tiny=False):
    """Abuduweili & Liu (2025): Adam with v0 = 0 / random / data-driven, with and without warm-up."""
    dev = resolve_device(device)
    quick = quick or tiny
    seeds = _check(quick, (1 if quick else 3) if seeds is None else seeds)
    steps = 10 if tiny else 60 if quick else 200
    cfg = dict(task=task, steps=steps, eval_every=5 if quick else 10, lr=1e-2, warmup=steps // 10,
               track_early=min(20, steps), v0_sigma=1.0, v0_data_batches=8, v0_data_batch_size=64,
               adam=dict(betas=[0.9, 0.999], eps=1e-8, bias_correction=True),
               sign_like="| |dx_i| / lr_t - 1 | < 0.1")
    settings = _common_settings("v0-init", quick, dev, seeds) | cfg | {"tiny": tiny}
    t = make_task(task, dev, quick, data, data_dir)
    settings["model"] = t.settings
    arrays, summary = {}, {}
    for v0 in V0_VARIANTS:
        for warm in (0, cfg["warmup"]):
            key = f"{v0}/{'warmup' if warm else 'nowarmup'}"
            runs = [train_run(t, "adam", cfg["lr"], steps, seed=s, warmup=warm, eval_every=cfg["eval_every"],
                              track_early=cfg["track_early"], opt_kw=dict(v0=v0, v0_sigma=cfg["v0_sigma"]))
                    for s in range(seeds)]
            n = steps // cfg["eval_every"] + 1 + (steps % cfg["eval_every"] > 0)
            curves = np.full((seeds, n), np.nan)
            for i, r in enumerate(runs):
                curves[i, : len(r["loss"])] = r["loss"]
            arrays[f"{key}/curves"] = curves
            arrays[f"{key}/steps"] = np.minimum(np.arange(n) * cfg["eval_every"], steps)
            arrays[f"{key}/sign_frac"] = np.array([r["sign_frac"] for r in runs])
            arrays[f"{key}/update_norm"] = np.array([r["update_norm"] for r in runs])
            final = np.array([r["final_loss"] for r in runs])
            arrays[f"{key}/final"] = final
            summary[key] = dict(final_loss_mean=float(final.mean()), final_loss_std=float(final.std()),
                                sign_frac_step1=float(arrays[f"{key}/sign_frac"][:, 0].mean()),
                                sign_frac_first10=float(arrays[f"{key}/sign_frac"][:, :10].mean()),
                                max_loss_first_quarter=float(np.nanmax(curves[:, 1: max(2, n // 4)])))  # after step 0
    return _finish("v0-init", settings, summary, arrays, plot.plot_v0_init, out)


OPTIMIZER_SET = {
    "adam": dict(betas=[0.9, 0.999], eps=1e-8),
    "adamomentum": dict(betas=[0.9, 0.999], eps=1e-16),
    "s3": dict(beta=0.95, p=2.0, nesterov=True, eps=1e-8),
    "adabelief": dict(betas=[0.9, 0.999], eps=1e-16),
}
BASE_LR = {"mlp-relu": 1e-2, "cnn": 1e-2, "gpt": 3e-3}


def run_optimizers(quick=False, device="auto", seeds=None, out=None, data="digits", data_dir=None,
                   tiny=False):
    """Adam, AdaMomentum, S3 and AdaBelief on the same tasks (one lr per task); mean and spread over seeds."""
    dev = resolve_device(device)
    quick = quick or tiny
    seeds = _check(quick, (2 if quick else 3) if seeds is None else seeds)
    factors = [1.0]
    cfg = dict(steps=6 if tiny else 40 if quick else 200, eval_every=2 if tiny else 5 if quick else 10,
               tasks=list(BASE_LR),
               base_lr=BASE_LR, lr_factors=factors, optimizers=OPTIMIZER_SET, bias_correction=True)
    settings = _common_settings("optimizers", quick, dev, seeds) | cfg | {"tiny": tiny}
    arrays, summary = {}, {}
    for name in BASE_LR:
        task = make_task(name, dev, quick, data, data_dir)
        settings[f"model_{name}"] = task.settings
        for opt, kw in OPTIMIZER_SET.items():
            lrs = [BASE_LR[name] * f for f in factors]
            sw = _sweep(task, opt, lrs, seeds, cfg["steps"], cfg["eval_every"], opt_kw=kw)
            _store_sweep(arrays, summary, name, opt, sw)
    return _finish("optimizers", settings, summary, arrays, plot.plot_optimizers, out)


EXPERIMENTS = {
    "mlp-activation": run_mlp_activation,
    "cnn-vs-transformer": run_cnn_vs_transformer,
    "v0-init": run_v0_init,
    "optimizers": run_optimizers,
}


def _register_comparisons():
    from .comparisons import COMPARISONS

    for name, spec in COMPARISONS.items():
        EXPERIMENTS[name] = spec["run"]


_register_comparisons()


def run_experiment(name, quick=False, device="auto", seeds=None, out=None, threads=1, **kw):
    """Run experiment ``name`` (see :data:`EXPERIMENTS`); the result carries time and peak memory.

    On the CPU the run uses ``threads`` intra-op threads (1 by default: the
    networks are tiny, so more threads only add overhead).
    """
    from . import FORMER_NAMES

    name = FORMER_NAMES.get(name, name)
    if name not in EXPERIMENTS:
        raise ValueError(
            f"unknown experiment {name!r}; valid names are {', '.join(EXPERIMENTS)}. Fix: pick one of those."
        )
    dev = resolve_device(device)
    with cpu_threads(dev, threads), Timer(dev) as timer:
        res = EXPERIMENTS[name](quick=quick, device=dev, seeds=seeds, out=None, **kw)
    res.settings["cpu_threads"] = threads if dev.type == "cpu" else None
    res.summary["seconds"] = timer.seconds
    res.summary["peak_memory_mb"] = timer.peak_mb
    res.summary["peak_memory_kind"] = timer.memory_kind
    if out:
        res.save(out)
    return res
