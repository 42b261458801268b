"""Tasks (data + model + loss), device selection and one training run.

A :class:`Task` holds its data on the chosen device and knows how to build a
seeded model, draw a training batch and evaluate the loss on a fixed
evaluation batch (the batch the loss curves and Hessians use). Image tasks
MLP trains full-batch (``gd`` is exact gradient descent); the CNN draws
batches of 256 images and is evaluated on a fixed 512; the text task draws
32 random windows and is evaluated on a fixed 64.
"""

from __future__ import annotations

import math
import resource
import time
from dataclasses import dataclass, field

import numpy as np
import torch
from torch.nn import functional as F

from .data import encode_text, load_dataset, text_corpus
from .models import CNN, GPT, MLP
from .optim import data_driven_v0, make_optimizer

__all__ = ["resolve_device", "Task", "make_task", "TASKS", "train_run", "Timer", "cpu_threads"]

TASKS = ("mlp-relu", "mlp-softmax", "cnn", "gpt")


def resolve_device(device: str = "auto") -> torch.device:
    """``auto`` -> CUDA when present, else CPU; ``cuda`` without a GPU is a ``ValueError``."""
    name = str(device).lower()
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cpu":
        return torch.device("cpu")
    if name.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ValueError(
                f"device {device!r} requested but CUDA is not available on this machine. "
                "Fix: use --device cpu or --device auto."
            )
        return torch.device(name)
    raise ValueError(f"unknown device {device!r}; valid values are auto, cpu, cuda (or cuda:N).")


class cpu_threads:
    """Run a block with ``n`` intra-op CPU threads (the experiments' tensors are tiny: 1 is fastest,
    and it stays fast when other processes share the cores); restores the previous count."""

    def __init__(self, device: torch.device, n: int = 1):
        self.device, self.n = device, n

    def __enter__(self):
        self.before = torch.get_num_threads()
        if self.device.type == "cpu":
            torch.set_num_threads(self.n)
        return self

    def __exit__(self, *exc):
        torch.set_num_threads(self.before)
        return False


class Timer:
    """Wall time and peak memory of a block (CUDA: allocated; CPU: process peak RSS)."""

    def __init__(self, device: torch.device):
        self.device = device

    def __enter__(self):
        if self.device.type == "cuda":
            torch.cuda.reset_peak_memory_stats(self.device)
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
            self.peak_mb = torch.cuda.max_memory_allocated(self.device) / 2**20
            self.memory_kind = "cuda max_memory_allocated"
        else:
            self.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            self.memory_kind = "process peak RSS"
        self.seconds = time.perf_counter() - self.t0
        return False


@dataclass
class Task:
    """Data on ``device`` plus a seeded model factory and the loss."""

    name: str
    device: torch.device
    settings: dict
    X: torch.Tensor
    y: torch.Tensor | None = None
    vocab: str = ""
    batch_size: int = 0  # 0: full batch
    eval_idx: torch.Tensor | None = field(default=None, repr=False)

    def model(self, seed: int) -> torch.nn.Module:
        torch.manual_seed(seed)
        s = self.settings
        if self.name.startswith("mlp"):
            net = MLP(self.X[0].numel(), s["hidden"], 10, s["activation"])
        elif self.name == "cnn":
            net = CNN(self.X.shape[1], self.X.shape[-1], s["width"])
        else:
            net = GPT(len(self.vocab), s["block"], s["d"], s["n_layer"], s["n_head"])
        return net.to(self.device)

    def _windows(self, starts):
        T = self.settings["block"]
        idx = starts[:, None] + torch.arange(T + 1, device=self.device)[None, :]
        seq = self.X[idx]
        return seq[:, :-1], seq[:, 1:]

    def batch(self, gen: torch.Generator | None, size: int | None = None):
        """A training batch (``gen`` draws it; full batch for images unless ``size``)."""
        size = size or self.batch_size
        if self.name == "gpt":
            starts = torch.randint(0, len(self.X) - self.settings["block"] - 1, (size,), generator=gen)
            return self._windows(starts.to(self.device))
        if not size:
            return self.X, self.y
        i = torch.randint(0, len(self.X), (size,), generator=gen).to(self.device)
        return self.X[i], self.y[i]

    def eval_batch(self):
        if self.name == "gpt":
            return self._windows(self.eval_idx)
        if self.eval_idx is not None:
            return self.X[self.eval_idx], self.y[self.eval_idx]
        return self.X, self.y

    def loss(self, net, batch):
        x, y = batch
        out = net(x)
        return F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))


def make_task(name: str, device, quick: bool = False, data: str = "digits", data_dir: str | None = None) -> Task:
    """Build task ``name`` (one of :data:`TASKS`) on ``device``."""
    device = resolve_device(device) if not isinstance(device, torch.device) else device
    if name.startswith("mlp"):
        if name not in ("mlp-relu", "mlp-softmax"):
            raise ValueError(f"unknown task {name!r}; valid names are {', '.join(TASKS)}.")
        X, y = load_dataset(data, data_dir)
        s = dict(data=data, hidden=32 if quick else 64, activation=name.split("-")[1])
        return Task(name, device, s, X.to(device), y.to(device))
    if name == "cnn":
        X, y = load_dataset(data, data_dir, images=True)
        if X.ndim != 4:
            raise ValueError(f"task 'cnn' needs image data; {data!r} is not (use digits, mnist or cifar10).")
        g = torch.Generator().manual_seed(12345)
        eval_idx = torch.randperm(len(X), generator=g)[:512].to(device)
        return Task(name, device, dict(data=data, width=8, batch=256, eval_examples=512), X.to(device),
                    y.to(device), batch_size=256, eval_idx=eval_idx)
    if name == "gpt":
        text = text_corpus(40_000 if quick else 100_000)
        ids, vocab = encode_text(text)
        s = dict(data="stdlib docstrings", chars=len(text), block=32, d=32, n_layer=2, n_head=2)
        g = torch.Generator().manual_seed(12345)
        eval_idx = torch.randint(0, len(ids) - s["block"] - 1, (64,), generator=g).to(device)
        return Task(name, device, s, ids.to(device), None, vocab, 32, eval_idx)
    raise ValueError(f"unknown task {name!r}; valid names are {', '.join(TASKS)}.")


def _v0_batches(task, seed, count=8, size=64):
    gen = torch.Generator().manual_seed(10_000 + seed)
    return [task.batch(gen, size) for _ in range(count)]


def train_run(task: Task, optimizer: str, lr: float, steps: int, seed: int = 0, warmup: int = 0,
              opt_kw: dict | None = None, eval_every: int = 10, track_early: int = 0,
              return_model: bool = False) -> dict:
    """Train a fresh seeded model; return the loss curve and (optionally) early-step statistics.

    ``warmup``: linear warm-up of the learning rate over that many steps.
    ``opt_kw["v0"] == "data"`` draws 8 batches of 64 for the data-driven v0 of Abuduweili & Liu (2025).
    ``track_early``: for the first steps, the fraction of coordinates whose
    update is sign-like, ``| |dx| / lr_t - 1 | < 0.1``, and the update norm.
    """
    opt_kw = dict(opt_kw or {})
    net = task.model(seed)
    params = list(net.parameters())
    if opt_kw.get("v0") in ("random",) and "v0_seed" not in opt_kw:
        opt_kw["v0_seed"] = 777 + seed
    opt = make_optimizer(optimizer, params, lr=lr, **opt_kw)
    if opt_kw.get("v0") == "data":
        opt.set_v0(data_driven_v0(params, lambda b: task.loss(net, b), _v0_batches(task, seed),
                                  opt_kw.get("v0_sigma", 1.0)))
    gen = torch.Generator().manual_seed(seed)
    eval_steps, losses, sign_frac, upd_norm = [], [], [], []
    diverged = False
    for t in range(steps + 1):
        if t % eval_every == 0 or t == steps:
            with torch.no_grad():
                val = float(task.loss(net, task.eval_batch()))
            eval_steps.append(t)
            losses.append(val)
            if not math.isfinite(val) or val > 1e6:
                diverged = True
                break
        if t == steps:
            break
        lr_t = lr * min(1.0, (t + 1) / warmup) if warmup else lr
        for group in opt.param_groups:
            group["lr"] = lr_t
        opt.zero_grad(set_to_none=True)
        task.loss(net, task.batch(gen)).backward()
        if t < track_early:
            before = [p.detach().clone() for p in params]
        opt.step()
        if t < track_early:
            d = torch.cat([(p.detach() - b).reshape(-1) for p, b in zip(params, before)])
            sign_frac.append(float(((d.abs() / lr_t - 1).abs() < 0.1).double().mean()))
            upd_norm.append(float(d.norm()))
    out = dict(steps=np.array(eval_steps), loss=np.array(losses), diverged=diverged,
               final_loss=(math.inf if diverged else losses[-1]))
    if track_early:
        out["sign_frac"] = np.array(sign_frac)
        out["update_norm"] = np.array(upd_norm)
    if return_model:
        out["model"] = net
    return out


# ------------------------------------------------------------------ held-out tasks of the paper comparisons
HELDOUT_TASKS = ("cnn", "lstm", "gpt")

#: Model sizes and budgets of the held-out tasks: ``tiny`` (tests), ``quick`` (CPU, seconds) and ``full``
#: (a GPU). ``block``/``batch``: characters per window and windows per step; ``eval``: fixed batches.
SIZES = {
    "tiny": dict(cnn=dict(width=4, batch=64, eval=256),
                 lstm=dict(d=16, hidden=24, n_layer=2, block=16, batch=16, eval=32, chars=20_000),
                 gpt=dict(d=16, n_layer=1, n_head=2, block=16, batch=16, eval=32, chars=20_000)),
    "quick": dict(cnn=dict(width=8, batch=128, eval=512),
                  lstm=dict(d=32, hidden=64, n_layer=2, block=32, batch=32, eval=64, chars=60_000),
                  gpt=dict(d=32, n_layer=2, n_head=2, block=32, batch=32, eval=64, chars=60_000)),
    "full": dict(cnn=dict(width=32, batch=128, eval=2048),
                 lstm=dict(d=128, hidden=256, n_layer=2, block=64, batch=64, eval=512, chars=400_000),
                 gpt=dict(d=128, n_layer=4, n_head=4, block=64, batch=64, eval=512, chars=400_000)),
}


@dataclass
class HeldOutTask:
    """A task with a training part and a held-out test part: what the papers' tables report is measured on
    held-out data (test accuracy for images, test perplexity for text).

    Images: a seeded 80/20 split of the data set; training batches are drawn from the 80 %, the training loss
    is evaluated on a fixed subset of it, the test metrics on the whole 20 % (at most ``eval`` examples).
    Text: the first 90 % of the characters train, the last 10 % test; fixed windows evaluate both.
    """

    name: str
    device: torch.device
    settings: dict
    train: tuple
    test: tuple
    vocab: str = ""
    eval_train: tuple = ()

    def model(self, seed: int) -> torch.nn.Module:
        from .models import LSTM

        torch.manual_seed(seed)
        s = self.settings
        if self.name == "cnn":
            net = CNN(self.train[0].shape[1], self.train[0].shape[-1], s["width"])
        elif self.name == "lstm":
            net = LSTM(len(self.vocab), s["d"], s["hidden"], s["n_layer"])
        else:
            net = GPT(len(self.vocab), s["block"], s["d"], s["n_layer"], s["n_head"])
        return net.to(self.device)

    def _windows(self, ids, starts):
        idx = starts[:, None] + torch.arange(self.settings["block"] + 1, device=self.device)[None, :]
        seq = ids[idx]
        return seq[:, :-1], seq[:, 1:]

    def _starts(self, ids, count, gen):
        return torch.randint(0, len(ids) - self.settings["block"] - 1, (count,), generator=gen).to(self.device)

    def batch(self, gen: torch.Generator | None, size: int | None = None):
        """A training batch drawn by ``gen``."""
        size = size or self.settings["batch"]
        if self.name == "cnn":
            i = torch.randint(0, len(self.train[0]), (size,), generator=gen).to(self.device)
            return self.train[0][i], self.train[1][i]
        return self._windows(self.train[0], self._starts(self.train[0], size, gen))

    def eval_batch(self):
        """The fixed batch of training data the training loss (and sharpness) is evaluated on."""
        return self.eval_train

    def test_batch(self):
        return self.test

    def loss(self, net, batch):
        x, y = batch
        out = net(x)
        return F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))

    @torch.no_grad()
    def metrics(self, net, batch) -> tuple[float, float]:
        """``(loss, accuracy)`` on ``batch`` (accuracy: of the class, or of the next character)."""
        x, y = batch
        out = net(x)
        out, y = out.reshape(-1, out.shape[-1]), y.reshape(-1)
        return float(F.cross_entropy(out, y)), float((out.argmax(-1) == y).double().mean())


def make_heldout_task(name: str, device, size: str = "quick", data: str = "digits",
                      data_dir: str | None = None) -> HeldOutTask:
    """The held-out task ``name`` (``cnn``, ``lstm`` or ``gpt``) at ``size`` (a key of :data:`SIZES`)."""
    device = resolve_device(device) if not isinstance(device, torch.device) else device
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; valid values are {', '.join(SIZES)}. Fix: pick one of those.")
    if name not in HELDOUT_TASKS:
        raise ValueError(f"unknown held-out task {name!r}; valid names are {', '.join(HELDOUT_TASKS)}. "
                         "Fix: pick one of those.")
    s = dict(SIZES[size][name])
    g = torch.Generator().manual_seed(12345)
    if name == "cnn":
        X, y = load_dataset(data, data_dir, images=True)
        if X.ndim != 4:
            raise ValueError(f"task 'cnn' needs image data; {data!r} is not (use digits, mnist1d, mnist or cifar10).")
        perm = torch.randperm(len(X), generator=g)
        n_test = max(1, len(X) // 5)
        test_i, train_i = perm[:n_test][: s["eval"]], perm[n_test:]
        Xtr, ytr = X[train_i].to(device), y[train_i].to(device)
        ev = torch.randperm(len(train_i), generator=g)[: s["eval"]].to(device)
        s.update(data=data, train_examples=len(train_i), test_examples=len(test_i))
        return HeldOutTask(name, device, s, (Xtr, ytr), (X[test_i].to(device), y[test_i].to(device)),
                           eval_train=(Xtr[ev], ytr[ev]))
    text = text_corpus(s["chars"])
    ids, vocab = encode_text(text)
    cut = int(0.9 * len(ids))
    tr, te = ids[:cut].to(device), ids[cut:].to(device)
    s.update(data="stdlib docstrings", chars=len(text), train_chars=cut, test_chars=len(ids) - cut,
             vocab=len(vocab))
    task = HeldOutTask(name, device, s, (tr,), (te,), vocab)
    task.eval_train = task._windows(tr, task._starts(tr, s["eval"], g))
    task.test = task._windows(te, task._starts(te, s["eval"], g))
    return task


def lr_factor(schedule: dict | None, t: int, steps: int) -> float:
    """The multiplier of the base rate at step ``t`` (0-based) of ``steps``.

    ``schedule``: ``None`` or ``{"kind": "constant"}``; ``{"kind": "cosine", "warmup": W}`` (linear warm-up over
    ``W`` steps, then cosine decay to 0, as the GPT-2 runs of Peng et al., 2025); ``{"kind": "step",
    "milestones": [f1, ...], "factor": c}`` (multiply by ``c`` after each fraction ``f`` of the run, as the
    CIFAR-10 and Penn Treebank runs of Wang et al., 2021 and Abuduweili & Liu, 2025).
    """
    s = schedule or {"kind": "constant"}
    kind = s.get("kind", "constant")
    if kind == "constant":
        return 1.0
    if kind == "cosine":
        w = int(s.get("warmup", 0))
        if t < w:
            return (t + 1) / w
        return 0.5 * (1 + math.cos(math.pi * (t - w) / max(1, steps - w)))
    if kind == "step":
        return float(s["factor"]) ** sum(t >= f * steps for f in s["milestones"])
    raise ValueError(f"unknown schedule kind {kind!r}; valid kinds are constant, cosine, step. "
                     "Fix: pass one of those.")


#: The state variable that is the second moment, for rules that have one (the one v0 initialises).
SECOND_MOMENT = {"adam": "v", "adamw": "v", "adabound": "v", "radam": "v", "yogi": "v", "nadam": "v",
                 "adamomentum": "v", "adabelief": "s", "amsgrad": "v", "adamax": "u", "rmsprop": "v"}


def init_second_moment(opt, tensors) -> None:
    """Start the second moment of ``opt`` (a :class:`~adamdyn.torch.optim.RuleOptimizer`) at ``tensors``
    (one per parameter, ``param_groups`` order), before the first step (Abuduweili & Liu, 2025, eqs. 7-8).

    Rules with a ``v0`` parameter (Adam, AdamW, Yogi) go through :meth:`set_v0`; for the others (AdaBound,
    RAdam, AdaBelief, ...) the rule's own initial state is written into ``opt.state`` with its second moment
    (:data:`SECOND_MOMENT`) replaced, which the optimizer adopts at its first step. The optimizers' bias
    correction is left as it is: it divides ``beta2^t v0`` by ``1 - beta2^t`` too.
    """
    from ._record import _B

    rule = opt.rule
    if "v0" in rule.param_names:
        opt.set_v0(tensors)
        return
    name = SECOND_MOMENT.get(rule.name)
    if name is None or name not in rule.state:
        raise ValueError(f"optimizer {rule.name!r} has no second moment to initialise; valid optimizers are "
                         f"{', '.join(sorted(SECOND_MOMENT))}. Fix: use v0 'zero' with {rule.name!r}.")
    tensors = list(tensors)
    params = [(g, p) for g in opt.param_groups for p in g["params"]]
    if len(tensors) != len(params):
        raise ValueError(f"init_second_moment got {len(tensors)} tensors for {len(params)} parameters. "
                         "Fix: pass one tensor per parameter, in param_groups order.")
    for (group, p), v in zip(params, tensors):
        if opt.state[p].get("step", 0):
            raise ValueError("init_second_moment must be called before the first step.")
        if tuple(v.shape) != tuple(p.shape):
            raise ValueError(f"init_second_moment: tensor of shape {tuple(v.shape)} for a parameter of shape "
                             f"{tuple(p.shape)}.")
        moments = rule.init(torch.zeros_like(p), opt._rule_params(group), _B)
        state = {k: (m.clone() if torch.is_tensor(m) else m) for k, m in zip(rule.state, moments)}
        state[name] = v.detach().to(dtype=p.dtype, device=p.device).clone()
        state["step"] = 0
        opt.state[p] = state


#: Rules whose ``lr / scale`` is not a diagonal preconditioner of the gradient: sign steps (``scale = |g|``
#: makes ``lr / scale`` unbounded where ``g`` is small) and Adafactor (its step also carries ``|x|``, a
#: relative rate and clipping). Their preconditioned sharpness is not computed (nan); Adafactor's
#: effective rate is nan too.
NO_PRECONDITIONER = ("lion", "signgd", "adafactor")


def effective_lr(opt) -> torch.Tensor:
    """Per coordinate, ``lr / scale``: the group's current rate over the rule's denominator (``sqrt(v) + eps``
    for Adam, before bias correction; ``|g|`` for Lion's sign step; ``1`` for rules without one), as one
    float64 vector in ``param_groups`` order. Parameters without state count with their rate; Adafactor
    gives nan (see :data:`NO_PRECONDITIONER`)."""
    from ._record import _B

    rule, parts = opt.rule, []
    if rule.name == "adafactor":
        n = sum(p.numel() for g in opt.param_groups for p in g["params"])
        return torch.full((n,), float("nan"), dtype=torch.float64)
    for group in opt.param_groups:
        p_ = opt._rule_params(group)
        for p in group["params"]:
            st = opt.state.get(p, {})
            if rule.scale is None or "step" not in st or p.grad is None:
                parts.append(torch.full((p.numel(),), float(group["lr"]), dtype=torch.float64))
                continue
            s = rule.scale(tuple(st[k] for k in rule.state), p.grad, p_, _B)
            s = torch.as_tensor(s, dtype=torch.float64).expand(p.shape).reshape(-1).cpu()
            parts.append(float(group["lr"]) / s.clamp_min(1e-300))
    return torch.cat(parts)


def preconditioned_sharpness(task, net, precond: torch.Tensor, num_steps: int = 12, seed: int = 0) -> float:
    r"""The largest eigenvalue of :math:`P^{1/2} H P^{1/2}`, ``P = diag(precond)`` (the effective rates), with
    ``H`` the Hessian of the training loss on :meth:`eval_batch`, on a float64 copy of ``net``: the
    preconditioned sharpness of Cohen et al. (2022) (adaptive edge of stability; Adam with ``beta1``
    is stable below :math:`2 + 2\beta_1/(1-\beta_1)`, 38 at 0.9). ``num_steps`` Lanczos steps from a seeded
    probe: the top Ritz value, a lower bound that converges fast for an outlying eigenvalue."""
    import copy

    from .hessian import hessian_operator
    from .spectra import lanczos

    net64 = copy.deepcopy(net).double()
    x, y = task.eval_batch()
    x = x.double() if x.is_floating_point() else x

    def loss_func(out, target):
        return F.cross_entropy(out.reshape(-1, out.shape[-1]), target.reshape(-1))

    H = hessian_operator(net64, loss_func, (x, y), backend="autograd")
    root = precond.to(dtype=torch.float64, device=task.device).sqrt()
    gen = torch.Generator().manual_seed(seed)
    v = torch.randn(H.n, generator=gen, dtype=torch.float64).to(task.device)
    alpha, beta, _ = lanczos(lambda u: root * H(root * u), v, min(num_steps, H.n))
    T = np.diag(alpha) + np.diag(beta, 1) + np.diag(beta, -1)
    return float(np.linalg.eigvalsh(T)[-1])


def train_curves(task: HeldOutTask, optimizer: str, lr: float, steps: int, seed: int = 0,
                 opt_kw: dict | None = None, schedule: dict | None = None, v0: str = "zero",
                 v0_sigma: float = 1.0, eval_every: int = 10, sharpness_at=(), sharpness_steps: int = 12) -> dict:
    """Train a fresh seeded model on a :class:`HeldOutTask`; return its curves.

    At every ``eval_every`` steps (and the last): training loss on the fixed training batch, test loss and
    test accuracy, the median effective rate over coordinates (:func:`effective_lr`). At the steps in
    ``sharpness_at``: :func:`preconditioned_sharpness` with the effective rates of that step.
    ``v0``: ``"zero"``, ``"random"`` (:func:`~adamdyn.torch.optim.random_v0`, seeded) or ``"data"``
    (:func:`~adamdyn.torch.optim.data_driven_v0` from 8 training batches of the batch size), scale ``v0_sigma``.
    A run whose training loss is not finite or above 1e6 stops there (``diverged``). ``first_update_norm``:
    the Euclidean norm of the first step's parameter change (Abuduweili & Liu, 2025, Fig. 1b).
    """
    from .optim import random_v0

    net = task.model(seed)
    params = list(net.parameters())
    opt = make_optimizer(optimizer, params, lr=lr, **dict(opt_kw or {}))
    if v0 not in ("zero", "random", "data"):
        raise ValueError(f"v0={v0!r}; valid values are 'zero', 'random', 'data'. Fix: pass one of those.")
    if v0 == "random":
        gen = torch.Generator().manual_seed(777 + seed)
        init_second_moment(opt, [random_v0(p.shape, v0_sigma, gen, dtype=p.dtype, device=p.device)
                                 for p in params])
    elif v0 == "data":
        gen = torch.Generator().manual_seed(10_000 + seed)
        batches = [task.batch(gen) for _ in range(8)]
        init_second_moment(opt, data_driven_v0(params, lambda b: task.loss(net, b), batches, v0_sigma))
    gen = torch.Generator().manual_seed(seed)
    rec = {k: [] for k in ("steps", "train_loss", "test_loss", "test_acc", "eff_lr")}
    sharp_steps, sharp = [], []
    sharpness_at = set(int(s) for s in sharpness_at)
    diverged = False
    for t in range(steps + 1):
        if t % eval_every == 0 or t == steps:
            with torch.no_grad():
                train_loss = float(task.loss(net, task.eval_batch()))
            test_loss, test_acc = task.metrics(net, task.test_batch())
            rec["steps"].append(t)
            rec["train_loss"].append(train_loss)
            rec["test_loss"].append(test_loss)
            rec["test_acc"].append(test_acc)
            rec["eff_lr"].append(float(effective_lr(opt).median()) if t else float("nan"))
            if not math.isfinite(train_loss) or train_loss > 1e6:
                diverged = True
                break
        if t == steps:
            break
        for group in opt.param_groups:
            group["lr"] = lr * lr_factor(schedule, t, steps)
        opt.zero_grad(set_to_none=True)
        task.loss(net, task.batch(gen)).backward()
        if t == 0:
            before = [p.detach().clone() for p in params]
        opt.step()
        if t == 0:
            first_update = float(torch.sqrt(sum(((p.detach() - b) ** 2).sum() for p, b in zip(params, before))))
        if t + 1 in sharpness_at:
            sharp_steps.append(t + 1)
            sharp.append(float("nan") if opt.rule.name in NO_PRECONDITIONER else
                         preconditioned_sharpness(task, net, effective_lr(opt), sharpness_steps, seed))
    out = {k: np.array(v, dtype=float) for k, v in rec.items()}
    out.update(sharpness_steps=np.array(sharp_steps, dtype=float), sharpness=np.array(sharp, dtype=float),
               diverged=diverged, first_update_norm=first_update if steps else math.nan)
    return out
