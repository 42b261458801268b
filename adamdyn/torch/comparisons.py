"""One neural-network experiment per paper comparison: the main result of each paper that proposes an optimizer
(AdaMomentum, S3) or an initialisation (v0), with all its baselines, at a size this package can run, beside what
the paper reports. (Until December 2026 they were named ``seed002-adamomentum``, ``seed004-s3`` and
``seed000-v0``; ``adamdyn nn`` and :func:`~adamdyn.torch.experiments.run_experiment` still accept those names,
through :data:`adamdyn.torch.FORMER_NAMES`.)

==========================  ==========================================================================
``adamomentum-baselines``   AdaMomentum vs Adam, AdamW, Yogi, AdaBound, RAdam, AdaBelief: a CNN on
                            images (test accuracy) and a 2-layer character LSTM (test perplexity)
                            (Wang et al., 2021, Tables 3 and 5, hyperparameters of Tables 7 and 10)
``s3-baselines``            S3 vs AdamW, Lion, NAdam, Adafactor on a small GPT (validation loss;
                            Peng et al., 2025, Table 2: the learning-rate ratios, weight decay with
                            ``lr * wd`` fixed, warm-up and cosine decay)
``v0-baselines``            v0 = 0 / random / data for Adam, AdamW, AdaBound, RAdam, AdaBelief on the CNN
                            and the LSTM (Abuduweili & Liu, 2025, Tables 1 and 2)
==========================  ==========================================================================

Every run records, per optimizer, the curves of training loss, test loss, test accuracy, the median
effective learning rate (:func:`~adamdyn.torch.training.effective_lr`) and the preconditioned sharpness
(:func:`~adamdyn.torch.training.preconditioned_sharpness`). The data are offline: scikit-learn's digits (or
MNIST-1D, MNIST, CIFAR-10 from a folder) and the standard library's docstrings as text.

Sizes (:data:`adamdyn.torch.training.SIZES`): ``quick`` runs each experiment on one CPU thread in under a
minute (one seed, the papers' own learning rates times a stated ``lr_scale``); ``full`` is sized for a GPU
(larger models, thousands of steps, three seeds, each optimizer's rate tuned over ``{1/3, 1, 3}`` times the
paper's). The papers train ResNets, 1150-unit LSTMs on Penn Treebank and GPT-2 on OpenWebText for days:
these runs reproduce the *shape* of a result (which optimizer ends best, whether v0 helps), never its numbers,
and :func:`claims` states every place where the shape differs.
"""

from __future__ import annotations

import math

import numpy as np

from ..references import cite
from .training import make_heldout_task, train_curves

__all__ = ["COMPARISONS", "run_adamomentum_baselines", "run_s3_baselines", "run_v0_baselines",
           "claims", "experiment_list", "markdown_table"]

# ----------------------------------------------------------------------------------- the papers' numbers
#: What the papers report (copied from their tables; mean over their random seeds).
ADAMOMENTUM_CNN = {"sgdm": 96.47, "adam": 95.39, "adamw": 95.48, "yogi": 95.28, "adabound": 95.51, "radam": 95.67,
                   "adabelief": 96.04, "adamomentum": 96.33}  # Table 3, ResNet-34 on CIFAR-10, test accuracy %
ADAMOMENTUM_LSTM = {"sgdm": 67.25, "adam": 67.11, "adamw": 73.61, "yogi": 71.54, "adabound": 67.69, "radam": 73.80,
                    "adabelief": 66.66, "adamomentum": 64.85}  # Table 5, 2-layer LSTM on Penn Treebank, perplexity
S3_GPT = {"adamw": 4.78, "nadam": 4.71, "lion": 4.76, "s3": 4.59}  # Table 2, GPT-2 345M, 50k steps
V0_CNN = {  # Table 1, ResNet-34 on CIFAR-10, test accuracy %
    "adam": {"zero": 95.25, "random": 95.87, "data": 96.02},
    "adamw": {"zero": 95.36, "random": 95.94, "data": 95.95},
    "adabound": {"zero": 95.38, "random": 95.80, "data": 95.96},
    "radam": {"zero": 95.61, "random": 95.83, "data": 95.90},
    "adabelief": {"zero": 95.94, "random": 96.11, "data": 96.24},
}
V0_LSTM = {  # Table 2, 2-layer LSTM on Penn Treebank, test perplexity
    "adam": {"zero": 67.11, "random": 66.70, "data": 66.37},
    "adamw": {"zero": 73.61, "random": 68.35, "data": 69.31},
    "adabound": {"zero": 67.69, "random": 66.94, "data": 66.90},
    "radam": {"zero": 73.61, "random": 68.55, "data": 69.32},
    "adabelief": {"zero": 66.75, "random": 66.12, "data": 65.87},
}

NAMES = {"adam": "Adam", "adamw": "AdamW", "yogi": "Yogi", "adabound": "AdaBound", "radam": "RAdam",
         "adabelief": "AdaBelief", "adamomentum": "AdaMomentum", "s3": "S3", "lion": "Lion", "nadam": "NAdam",
         "adafactor": "Adafactor", "sgdm": "SGDM"}
METRIC = {"cnn": ("test_acc", "test accuracy (%)", True), "lstm": ("test_ppl", "test perplexity", False),
          "gpt": ("test_loss", "validation loss", False)}


# ----------------------------------------------------------------------------------- running
def _mode(quick, tiny):
    return "tiny" if tiny else "quick" if quick else "full"


def _budget(mode, quick_steps, full_steps):
    """``(steps, eval_every, sharpness_at, lanczos_steps, lr_factors, seeds)`` of a mode."""
    if mode == "tiny":
        return 6, 3, (6,), 4, [1.0], 1
    if mode == "quick":
        return quick_steps, quick_steps // 6, (1, quick_steps // 2, quick_steps), 6, [1.0], 1
    return full_steps, full_steps // 50, (1, full_steps // 4, full_steps // 2, full_steps), 20, [1 / 3, 1.0, 3.0], 3


def _nanmean(values) -> float:
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    return float(v.mean()) if v.size else math.nan


def _mid(at, steps) -> int:
    """Index of the checkpoint in ``at`` nearest the middle of the run."""
    return int(np.argmin(np.abs(np.asarray(at, dtype=float) - steps / 2)))


def _final_metrics(task_name, run):
    loss = float(run["test_loss"][-1])
    return {"test_acc": 100.0 * float(run["test_acc"][-1]), "test_loss": loss,
            "test_ppl": math.exp(min(loss, 700.0)), "train_loss": float(run["train_loss"][-1])}


def _run_arms(task, task_name, arms, budget, arrays, summary, schedule):
    """Every arm (one optimizer setting) on ``task`` over the seeds; the rate tuned over ``lr_factors`` by the
    mean final test metric (the seeds tune on their test sets too). Stores curves and a summary per arm."""
    steps, eval_every, sharp_at, lanczos_steps, factors, seeds = budget
    key, _, higher = METRIC[task_name]
    summary[task_name] = {}
    for label, arm in arms.items():
        best = None
        for f in factors:
            runs = [train_curves(task, arm["optimizer"], arm["lr"] * f, steps, seed=s, opt_kw=arm.get("kw"),
                                 schedule=schedule, v0=arm.get("v0", "zero"), eval_every=eval_every,
                                 sharpness_at=sharp_at, sharpness_steps=lanczos_steps) for s in range(seeds)]
            finals = [_final_metrics(task_name, r) for r in runs]
            score = float(np.mean([m[key] for m in finals]))
            if any(r["diverged"] for r in runs) or not math.isfinite(score):
                score = -math.inf if higher else math.inf
            if best is None or (score > best[0] if higher else score < best[0]):
                best = (score, f, runs, finals)
        _, f, runs, finals = best
        n = max(len(r["steps"]) for r in runs)
        for name in ("train_loss", "test_loss", "test_acc", "eff_lr"):
            curve = np.full((len(runs), n), np.nan)
            for i, r in enumerate(runs):
                curve[i, : len(r[name])] = r[name]
            arrays[f"{task_name}/{label}/{name}"] = curve
        arrays[f"{task_name}/{label}/steps"] = runs[0]["steps"]
        arrays[f"{task_name}/{label}/sharpness"] = np.array([r["sharpness"] for r in runs])
        arrays[f"{task_name}/{label}/sharpness_steps"] = runs[0]["sharpness_steps"]
        early = max(1, len(runs[0]["train_loss"]) // 10)
        s = {k: float(np.mean([m[k] for m in finals])) for k in finals[0]}
        s.update({f"{k}_std": float(np.std([m[k] for m in finals])) for k in finals[0]})
        s.update(lr=arm["lr"] * f, lr_factor=f, diverged=any(r["diverged"] for r in runs),
                 early_train_loss=float(np.mean([r["train_loss"][min(early, len(r["train_loss"]) - 1)]
                                                 for r in runs])),
                 first_update_norm=float(np.mean([r["first_update_norm"] for r in runs])),
                 early_step=int(runs[0]["steps"][min(early, len(runs[0]["steps"]) - 1)]),
                 eff_lr_final=_nanmean([r["eff_lr"][-1] for r in runs]),
                 eff_lr_mid=_nanmean([r["eff_lr"][len(r["eff_lr"]) // 2] for r in runs]),
                 sharpness_mid=_nanmean([r["sharpness"][_mid(r["sharpness_steps"], steps)] if r["sharpness"].size
                                         else math.nan for r in runs]),
                 sharpness_mid_step=int(runs[0]["sharpness_steps"][_mid(runs[0]["sharpness_steps"], steps)])
                 if runs[0]["sharpness"].size else None,
                 sharpness_final=_nanmean([r["sharpness"][-1] for r in runs]),
                 sharpness_first=_nanmean([r["sharpness"][0] for r in runs]))
        summary[task_name][label] = s


def _settings(name, mode, device, budget, data, extra):
    from .experiments import _common_settings

    steps, eval_every, sharp_at, lanczos_steps, factors, seeds = budget
    s = _common_settings(name, mode != "full", device, seeds)
    s.update(mode=mode, tiny=mode == "tiny", steps=steps, eval_every=eval_every, sharpness_at=list(sharp_at),
             sharpness_lanczos_steps=lanczos_steps, lr_factors=factors, data=data,
             tuning="rate tuned over lr_factors x the arm's lr by the mean final test metric" if len(factors) > 1
             else "no tuning: each arm at its stated lr",
             effective_lr="median over coordinates of lr_t / scale (the rule's denominator, before bias "
                          "correction); lr_t for rules without one",
             sharpness="top Ritz value of P^1/2 H P^1/2, P = the effective rates, H the float64 Hessian of the "
                       "training loss on the fixed training batch, Lanczos from one seeded probe")
    s.update(extra)
    return s


def _finish(name, settings, summary, arrays, out):
    from .experiments import ExperimentResult

    res = ExperimentResult(name, settings, summary, arrays, arrays_in_json=True)
    summary["claims"] = claims(res)
    from ..figures.comparison_curves import plot

    res.figure = plot(res)
    if out:
        res.save(out)
    return res


def _lr_scale(mode, quick_value):
    return 1.0 if mode == "full" else quick_value


def _adamomentum_arms(task_name, scale):
    """Wang et al. (2021): Table 7 (CIFAR-10) and Table 10 (2-layer LSTM) hyperparameters; AdaBound's
    final_lr 0.1 (CNN) and 30 (LSTM), gamma 1e-3; decay as each method's reference code (L2 for Adam,
    AdaBound and AdaMomentum, decoupled for AdamW, Yogi, AdaBelief)."""
    if task_name == "cnn":
        lr = dict.fromkeys(("adam", "adamw", "yogi", "adabound", "radam", "adabelief", "adamomentum"), 1e-3)
        eps = dict.fromkeys(lr, 1e-8)
        wd, final_lr = 5e-4, 0.1
    else:
        lr = {"adam": 1e-2, "adamw": 1e-3, "yogi": 1e-2, "adabound": 1e-2, "radam": 1e-3, "adabelief": 1e-2,
              "adamomentum": 1e-3}
        eps = {"adam": 1e-12, "adamw": 1e-12, "yogi": 1e-8, "adabound": 1e-8, "radam": 1e-12, "adabelief": 1e-12,
               "adamomentum": 1e-16}
        wd, final_lr = 1.2e-4, 30.0
    kw = {o: dict(betas=(0.9, 0.999), eps=eps[o], weight_decay=wd) for o in lr}
    kw["adabound"].update(final_lr=final_lr, gamma=1e-3, weight_decouple=False)
    kw["yogi"].update(initial_accumulator=0.0)
    return {o: dict(optimizer=o, lr=lr[o] * scale, kw=kw[o], paper_lr=lr[o]) for o in lr}


def run_adamomentum_baselines(quick=False, device="auto", seeds=None, out=None, data="digits", data_dir=None, tiny=False):
    """Wang et al. (2021), AdaMomentum: Tables 3 and 5 at small scale (see the module docstring)."""
    from .training import resolve_device

    dev = resolve_device(device)
    mode = _mode(quick, tiny)
    budget = list(_budget(mode, 150, 3000))
    if seeds is not None:
        budget[5] = int(seeds)
    scale = {"cnn": _lr_scale(mode, 3.0), "lstm": _lr_scale(mode, 1.0)}
    schedules = {"cnn": {"kind": "step", "milestones": [0.3, 0.6, 0.8], "factor": 0.2},
                 "lstm": {"kind": "step", "milestones": [0.5, 0.725], "factor": 0.1}}
    arrays, summary, arms_all, models = {}, {}, {}, {}
    for task_name in ("cnn", "lstm"):
        task = make_heldout_task(task_name, dev, mode, data, data_dir)
        models[task_name] = task.settings
        arms = _adamomentum_arms(task_name, scale[task_name])
        arms_all[task_name] = arms
        _run_arms(task, task_name, arms, budget, arrays, summary, schedules[task_name])
    settings = _settings("adamomentum-baselines", mode, dev, budget, data, dict(
        source=cite("adamomentum"), models=models, arms=arms_all, lr_scale=scale, schedules=schedules,
        paper_setting="ResNet-34 on CIFAR-10 (200 epochs, batch 128) and a 2-layer 1150-unit LSTM on Penn "
                      "Treebank (200 epochs, batch 20); 5 seeds"))
    return _finish("adamomentum-baselines", settings, summary, arrays, out)


def run_s3_baselines(quick=False, device="auto", seeds=None, out=None, data="digits", data_dir=None, tiny=False):
    """Peng et al. (2025), S3: Table 2 at small scale. The rates keep the paper's ratios to AdamW (NAdam 1x,
    Lion 1/5, S3 10x with p = 3, beta = 0.95), the weight decay keeps ``lr * wd`` at AdamW's ``lr * 0.1``
    (the paper's rule, after Chen et al., 2023), all with linear warm-up over 10 % and cosine decay to 0.
    Adafactor (not in the paper's table) runs at transformers' defaults (relative step capped at 1e-2)."""
    from .training import resolve_device

    dev = resolve_device(device)
    mode = _mode(quick, tiny)
    budget = list(_budget(mode, 200, 4000))
    if seeds is not None:
        budget[5] = int(seeds)
    base = 3e-3 if mode != "full" else 1e-3
    wd_product = base * 0.1
    arms = {
        "adamw": dict(optimizer="adamw", lr=base, kw=dict(betas=(0.9, 0.95), weight_decay=0.1), paper_lr=3e-4),
        "nadam": dict(optimizer="nadam", lr=base, kw=dict(betas=(0.9, 0.95), weight_decay=0.1,
                                                          decoupled_weight_decay=True), paper_lr=3e-4),
        "lion": dict(optimizer="lion", lr=base / 5, kw=dict(betas=(0.9, 0.99), weight_decay=wd_product / (base / 5)),
                     paper_lr=6e-5),
        "s3": dict(optimizer="s3", lr=base * 10, kw=dict(beta=0.95, p=3.0, nesterov=True, eps=1e-8,
                                                         weight_decay=wd_product / (base * 10),
                                                         decoupled_weight_decay=True), paper_lr=3e-3),
        "adafactor": dict(optimizer="adafactor", lr=1e-2, kw={}, paper_lr=None),
    }
    schedule = {"kind": "cosine", "warmup": max(1, budget[0] // 10)}
    task = make_heldout_task("gpt", dev, mode, data, data_dir)
    arrays, summary = {}, {}
    _run_arms(task, "gpt", arms, budget, arrays, summary, schedule)
    settings = _settings("s3-baselines", mode, dev, budget, "stdlib docstrings", dict(
        source=cite("s3"), models={"gpt": task.settings}, arms={"gpt": arms}, schedules={"gpt": schedule},
        base_lr=base, paper_setting="GPT-2 345M on OpenWebText, 50k steps (and 7B on CommonCrawl)"))
    return _finish("s3-baselines", settings, summary, arrays, out)


V0_OPTIMIZERS = ("adam", "adamw", "adabound", "radam", "adabelief")


def run_v0_baselines(quick=False, device="auto", seeds=None, out=None, data="digits", data_dir=None, tiny=False):
    """Abuduweili & Liu (2025): v0 = 0 / random / data-driven (sigma = 1) for five optimizers on the CNN and the
    LSTM (Tables 1 and 2). Rates: their LSTM settings (1e-2, RAdam 1e-3), 1e-3 on the CNN (times ``lr_scale``);
    the optimizers keep their bias correction (see :func:`~adamdyn.torch.training.init_second_moment`)."""
    from .training import resolve_device

    dev = resolve_device(device)
    mode = _mode(quick, tiny)
    budget = list(_budget(mode, 100, 3000))
    if seeds is not None:
        budget[5] = int(seeds)
    budget[2] = budget[2][-1:]  # sharpness at the end only: 30 arms
    scale = {"cnn": _lr_scale(mode, 3.0), "lstm": _lr_scale(mode, 1.0)}
    schedules = {"cnn": {"kind": "step", "milestones": [0.3, 0.6, 0.8], "factor": 0.2},
                 "lstm": {"kind": "step", "milestones": [0.5, 0.725], "factor": 0.1}}
    lrs = {"cnn": dict.fromkeys(V0_OPTIMIZERS, 1e-3),
           "lstm": {"adam": 1e-2, "adamw": 1e-2, "adabound": 1e-2, "radam": 1e-3, "adabelief": 1e-2}}
    arrays, summary, arms_all, models = {}, {}, {}, {}
    for task_name in ("cnn", "lstm"):
        task = make_heldout_task(task_name, dev, mode, data, data_dir)
        models[task_name] = task.settings
        arms = {}
        for o in V0_OPTIMIZERS:
            kw = dict(betas=(0.9, 0.999))
            if o == "adabound":
                kw.update(final_lr=0.1 if task_name == "cnn" else 30.0, gamma=1e-3)
            for v0 in ("zero", "random", "data"):
                arms[f"{o}/{v0}"] = dict(optimizer=o, lr=lrs[task_name][o] * scale[task_name], kw=kw, v0=v0,
                                         paper_lr=lrs[task_name][o])
        arms_all[task_name] = arms
        _run_arms(task, task_name, arms, budget, arrays, summary, schedules[task_name])
    settings = _settings("v0-baselines", mode, dev, budget, data, dict(
        source=cite("initial-steps"), models=models, arms=arms_all, lr_scale=scale, schedules=schedules,
        v0_sigma=1.0, v0_data_batches=8,
        paper_setting="ResNet-34 on CIFAR-10 and a 2-layer LSTM on Penn Treebank, 200 epochs"))
    return _finish("v0-baselines", settings, summary, arrays, out)


COMPARISONS = {
    "adamomentum-baselines": dict(run=run_adamomentum_baselines, source="adamomentum",
                                  optimizers=["adamomentum", "adam", "adamw", "yogi", "adabound", "radam", "adabelief"],
                                  tasks=["cnn", "lstm"]),
    "s3-baselines": dict(run=run_s3_baselines, source="s3",
                         optimizers=["s3", "adamw", "lion", "nadam", "adafactor"], tasks=["gpt"]),
    "v0-baselines": dict(run=run_v0_baselines, source="initial-steps", optimizers=list(V0_OPTIMIZERS),
                         v0=["zero", "random", "data"], tasks=["cnn", "lstm"]),
}


#: The earlier experiments of :mod:`adamdyn.torch.experiments`: (reference key, optimizers).
OTHER_EXPERIMENTS = {
    "mlp-activation": ("adam-degenerate", ["gd", "adam"]),
    "cnn-vs-transformer": ("adam-degenerate", ["gd", "adam"]),
    "v0-init": ("initial-steps", ["adam"]),
    "optimizers": (None, ["adam", "adamomentum", "s3", "adabelief"]),
}


def experiment_list() -> list[dict]:
    """Every ``adamdyn nn`` experiment: name, the paper it reproduces (``source``; ``None`` for a comparison of
    no single paper), optimizers and (for the paper comparisons) tasks and v0 variants."""
    from .experiments import EXPERIMENTS

    out = []
    for name in EXPERIMENTS:
        spec = COMPARISONS.get(name)
        if spec is None:
            key, opts = OTHER_EXPERIMENTS[name]
            out.append(dict(name=name, source=cite(key, title=False) if key else None, optimizers=opts))
            continue
        item = dict(name=name, source=cite(spec["source"], title=False),
                    optimizers=spec["optimizers"], tasks=spec["tasks"])
        if "v0" in spec:
            item["v0"] = spec["v0"]
        out.append(item)
    return out


# ----------------------------------------------------------------------------------- the comparison
def _metric(summary, task, label):
    key = METRIC[task][0]
    return summary[task][label][key]


def _order(values: dict, higher: bool) -> list:
    return sorted(values, key=lambda k: -values[k] if higher else values[k])


def _rank_correlation(a: dict, b: dict) -> float:
    keys = [k for k in a if k in b]
    if len(keys) < 3:
        return math.nan
    from scipy.stats import spearmanr

    return float(spearmanr([a[k] for k in keys], [b[k] for k in keys]).statistic)


def _fmt(x, digits=3):
    return "n/a" if x is None or (isinstance(x, float) and not math.isfinite(x)) else f"{x:.{digits}g}"


def claims(result) -> list[dict]:
    """The paper's main result next to what this run measured, one row per claim:
    ``{"claim", "paper_reports", "measured", "agrees", "note"}``; ``agrees`` is ``False`` wherever the
    measured shape differs from the paper's."""
    name, s = result.name, result.summary
    rows = []
    if name == "adamomentum-baselines":
        for task, table in (("cnn", ADAMOMENTUM_CNN), ("lstm", ADAMOMENTUM_LSTM)):
            _, label, higher = METRIC[task]
            meas = {o: _metric(s, task, o) for o in s[task]}
            paper = {o: table[o] for o in meas}
            order_m, order_p = _order(meas, higher), _order(paper, higher)
            rows.append(dict(
                claim=f"{task}: AdaMomentum has the best {label} of the adaptive methods",
                paper_reports=f"AdaMomentum {table['adamomentum']} (best; next {NAMES[order_p[1]]} "
                             f"{table[order_p[1]]})",
                measured=f"AdaMomentum {_fmt(meas['adamomentum'], 4)}, rank {order_m.index('adamomentum') + 1} of "
                         f"{len(meas)}; best {NAMES[order_m[0]]} {_fmt(meas[order_m[0]], 4)}",
                agrees=order_m[0] == "adamomentum", note=""))
            rho = _rank_correlation({k: (v if higher else -v) for k, v in meas.items()},
                                    {k: (v if higher else -v) for k, v in paper.items()})
            rows.append(dict(
                claim=f"{task}: the order of the seven optimizers by {label}",
                paper_reports=" > ".join(NAMES[o] for o in order_p),
                measured=" > ".join(NAMES[o] for o in order_m) + f" (Spearman rho vs the paper {_fmt(rho, 2)})",
                agrees=bool(rho > 0.5), note="agreement: rank correlation above 0.5"))
    elif name == "s3-baselines":
        meas = {o: s["gpt"][o]["test_loss"] for o in s["gpt"]}
        order_m = _order(meas, False)
        paper_order = _order(S3_GPT, False)
        rows.append(dict(
            claim="S3 reaches the lowest validation loss",
            paper_reports="S3 4.59 < NAdam 4.71 < Lion 4.76 < AdamW 4.78 (validation metric at 50k steps)",
            measured=" < ".join(f"{NAMES[o]} {meas[o]:.4f}" for o in order_m),
            agrees=order_m[0] == "s3", note="Adafactor is not in the paper's table"))
        sub = {o: meas[o] for o in S3_GPT}
        rows.append(dict(
            claim="the order S3 < NAdam < Lion < AdamW",
            paper_reports=" < ".join(NAMES[o] for o in paper_order),
            measured=" < ".join(NAMES[o] for o in _order(sub, False)),
            agrees=_order(sub, False) == paper_order, note=""))
        early = {o: s["gpt"][o]["early_train_loss"] for o in ("lion", "adamw")}
        step = s["gpt"]["adamw"]["early_step"]
        rows.append(dict(
            claim="Lion converges faster than AdamW at the beginning",
            paper_reports="Lion below AdamW early, not at the end (Sec. 5.2)",
            measured=f"training loss at step {step}: Lion {early['lion']:.4f}, AdamW {early['adamw']:.4f}",
            agrees=early["lion"] < early["adamw"], note=""))
    elif name == "v0-baselines":
        for task, table in (("cnn", V0_CNN), ("lstm", V0_LSTM)):
            _, label, higher = METRIC[task]
            for o in V0_OPTIMIZERS:
                for v0 in ("random", "data"):
                    m0, m1 = _metric(s, task, f"{o}/zero"), _metric(s, task, f"{o}/{v0}")
                    p0, p1 = table[o]["zero"], table[o][v0]
                    better = m1 > m0 if higher else m1 < m0
                    rows.append(dict(
                        claim=f"{task}, {NAMES[o]}: v0 {v0} improves the {label} over v0 = 0",
                        paper_reports=f"{p0} -> {p1}", measured=f"{_fmt(m0, 4)} -> {_fmt(m1, 4)}",
                        agrees=bool(better), note=""))
            # RAdam is left out: its first steps (rho_t <= 5) are momentum steps that never read the second moment
            ratio = {o: s[task][f"{o}/data"]["first_update_norm"] / s[task][f"{o}/zero"]["first_update_norm"]
                     for o in V0_OPTIMIZERS if o != "radam" and "first_update_norm" in s[task].get(f"{o}/zero", {})}
            if ratio:
                rows.append(dict(
                    claim=f"{task}: v0 data makes the first update smaller than v0 = 0 (no sign-descent first step; "
                          "RAdam's first steps do not read v)",
                    paper_reports="Adam's first update with v0 = 0 far larger than with v0 data (Fig. 1b; eq. 4)",
                    measured="||dx_1|| data / zero: " + ", ".join(f"{NAMES[o]} {r:.3g}" for o, r in ratio.items()),
                    agrees=all(r < 1 for r in ratio.values()), note=""))
    for r in rows:
        r["agrees"] = bool(r["agrees"])
    return rows


def markdown_table(results, mode_note: str) -> str:
    """``docs/NN.md``: per paper comparison, its settings, the paper's claims beside the measurements, the
    disagreements spelled out, and the per-optimizer numbers."""
    lines = ["# Neural-network experiments: each paper's comparison with its baselines", "",
             "Generated by `python tools/nn_doc.py` from `adamdyn nn` (module `adamdyn.torch.comparisons`).",
             "", mode_note, "",
             "Each experiment reproduces the *shape* of one paper's main result with all its baselines, on "
             "offline data (scikit-learn digits, the standard library's docstrings as text) and networks a CPU "
             "trains in seconds. The papers' numbers come from ResNets on CIFAR-10, 1150-unit LSTMs on Penn "
             "Treebank and GPT-2 on OpenWebText: only the orderings are comparable, never the values.", ""]
    for res in results:
        st, sm = res.settings, res.summary
        lines += [f"## `{res.name}` ({st['source']})", "",
                  f"Paper: {st['paper_setting']}. Here: mode `{st['mode']}`, {st['steps']} steps, "
                  f"{len(st['seeds'])} seed(s), device {st['device']}, {st['tuning']}; "
                  f"{sm.get('seconds', float('nan')):.0f} s.", ""]
        for task, model in st["models"].items():
            lines.append(f"- `{task}`: " + ", ".join(f"{k} {v}" for k, v in model.items()))
        lines += ["", "| claim | the paper reports | adamdyn measured | agrees |", "|---|---|---|---|"]
        for c in sm["claims"]:
            lines.append(f"| {c['claim']} | {c['paper_reports']} | {c['measured']} | "
                         f"{'yes' if c['agrees'] else '**no**'} |")
        dis = [c for c in sm["claims"] if not c["agrees"]]
        lines += ["", f"Disagreements ({len(dis)} of {len(sm['claims'])}): " +
                  ("none." if not dis else "; ".join(f"{c['claim']} (paper: {c['paper_reports']}; here: "
                                                     f"{c['measured']})" for c in dis) + "."), ""]
        for task in st["models"]:
            _, label, _ = METRIC[task]
            lines += [f"Per optimizer on `{task}`: final {label}, test accuracy (top-1; next character for the "
                      "language models) and training loss; effective lr = median over "
                      "coordinates of lr_t/scale at mid-run and at the end; preconditioned sharpness = "
                      "lambda_max(P^1/2 H P^1/2), P = the effective rates, at the checkpoint nearest mid-run (of steps "
                      f"{st['sharpness_at']}; all of them are in the JSON) "
                      "(n/a: Lion's sign step and Adafactor have no such preconditioner):", "",
                      f"| optimizer | lr | {label} | test accuracy (%) | train loss | effective lr mid / end "
                      "| preconditioned sharpness |",
                      "|---|---|---|---|---|---|---|"]
            for label_o, v in sm[task].items():
                val = v[METRIC[task][0]]
                lines.append(f"| {label_o} | {v['lr']:.3g} | {_fmt(val, 4)} | {v['test_acc']:.2f} | "
                             f"{v['train_loss']:.4f} | "
                             f"{_fmt(v['eff_lr_mid'])} / {_fmt(v['eff_lr_final'])} | {_fmt(v['sharpness_mid'])} "
                             f"(step {v['sharpness_mid_step']}) |")
            lines.append("")
    return "\n".join(lines) + "\n"
