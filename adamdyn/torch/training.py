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
