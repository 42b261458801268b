"""Milliseconds per ``optimizer.step()`` of the adamdyn torch optimizers against ``torch.optim`` (foreach=True).

    python benchmarks/torch_step.py [--steps 30] [--repeat 3] [--threads 1] [--quick]

The work: one step on the parameters of a 784-1024-768-10 MLP (``torch.nn.Linear`` layers: weights
1024x784, 768x1024, 10x768 and their biases, 1,598,730 parameters) in float32 and float64, on the CPU with
``torch.set_num_threads(threads)`` (default 1). The gradients are fixed random tensors (scale 1e-3) set
before timing, so only ``step()`` is timed. Each contender starts from the same parameters with a fresh
optimizer, takes ``warmup`` untimed steps, then ``steps`` timed steps; its time is the median step. Every
contender runs ``repeat`` times, in rounds that visit all contenders in turn, and keeps its fastest median.
Each contender's steps alternate with those of a fresh ``torch.optim.Adam(foreach=True)`` on a copy of the
parameters (the reference), and its ratio to the reference is the median over its steps of its step's time
over the reference step just before it: a slow spell of a shared machine falls on both alike. The record
keeps that ratio per round (``ratio_runs``). The reference itself is timed beside a second reference: its
ratio is the pairing's own bias. Each step then starts with caches the other optimizer's step has filled with
its own tensors, as a step in training starts after a backward pass (timed alone, float32's 25.6 MB of
parameters, gradients and two states stay in this machine's 32 MiB L3 cache from step to step).

Contenders: each adamdyn optimizer on its flat path (the default: the rule's recorded program once per chunk of
all parameters; on the CPU one numba loop over the elements of each large parameter, whole, and of each pack of
small ones gathered up to 1 MiB; on a GPU one CUDA graph around one generated kernel for all parameters), with
``loop=False`` (the same program as torch operations, one per operation of the rule, on 1 MiB chunks on the CPU
and on all parameters at once on a GPU), on the per-tensor path (``flat=False``: the same program once per
parameter tensor) and with
``fused=True`` (the same program as one ``torch.compile``'d kernel per parameter; it compiles
during the untimed warm-up steps), ``torch.optim``'s twin of each class that has one, with ``foreach=True``, and
``torch.optim.Adam(fused=True)`` (torch's own one-kernel Adam). The record
(``benchmarks/results/torch_step.json``) holds every median; README's "Torch optimizer speed" section is
generated from it by ``python tools/update_readme.py``.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, ROOT)

import torch  # noqa: E402

from adamdyn.sweeps.bench import provenance, write_record  # noqa: E402
from adamdyn.torch import optim as O  # noqa: E402

LAYERS = (784, 1024, 768, 10)
# The code whose speed the record measures (a change to any of these files marks the README numbers stale).
CODE = ("adamdyn/torch/optim.py", "adamdyn/torch/rule_optimizer.py", "adamdyn/torch/_program.py", "adamdyn/torch/_record.py", "adamdyn/torch/_flat.py", "adamdyn/torch/_fuse.py", "adamdyn/torch/_kernel.py", "adamdyn/torch/_loop.py", "adamdyn/torch/_graph.py", "adamdyn/backend.py", "adamdyn/rules", "benchmarks/torch_step.py")
OUT = os.path.join(ROOT, "benchmarks", "results", "torch_step.json")
OUT_CUDA = os.path.join(ROOT, "benchmarks", "results", "torch_step_cuda.json")

# label -> (adamdyn class, kwargs, torch.optim twin or None, the twin's kwargs)
CONTENDERS = {
    "Adam": (O.Adam, {}, torch.optim.Adam, {}),
    "Adam(amsgrad=True)": (O.Adam, dict(amsgrad=True), torch.optim.Adam, dict(amsgrad=True)),
    "AdamW": (O.AdamW, {}, torch.optim.AdamW, {}),
    "NAdam": (O.NAdam, {}, torch.optim.NAdam, {}),
    "RAdam": (O.RAdam, {}, torch.optim.RAdam, {}),
    "Adamax": (O.Adamax, {}, torch.optim.Adamax, {}),
    "Adagrad": (O.Adagrad, {}, torch.optim.Adagrad, {}),
    "Lion": (O.Lion, {}, None, {}),
    "Yogi": (O.Yogi, {}, None, {}),
    "AdaBound": (O.AdaBound, {}, None, {}),
    "Adafactor": (O.Adafactor, {}, torch.optim.Adafactor, {}),
    "AdaBelief": (O.AdaBelief, {}, None, {}),
    "AdaMomentum": (O.AdaMomentum, {}, None, {}),
    "RMSProp": (O.RMSProp, {}, None, {}),
    "S3": (O.S3, {}, None, {}),
    "Momentum": (O.Momentum, {}, torch.optim.SGD, dict(lr=1e-2, momentum=0.9)),
    "GD": (O.GD, {}, torch.optim.SGD, dict(lr=1e-2)),
}
# label -> why its torch.optim namesake is timed beside it but is another rule (its numbers are not adamdyn's)
NOT_THE_SAME_RULE = {
    "Adafactor": "torch.optim.Adafactor factors a matrix's second moment into row and column means and has no "
                 "relative step, parameter scale or momentum; adamdyn's Adafactor is the rule for one coordinate, "
                 "so it keeps a second moment per coordinate",
}
KINDS = ("flat", "ops", "per_tensor", "fused", "torch")
REFERENCE = "torch.optim.Adam(foreach=True)"
FUSED_REFERENCE = "torch.optim.Adam(fused=True)"  # torch's own one-kernel Adam, beside fused=True


def mlp_parameters(dtype, layers=LAYERS, seed=0, device="cpu"):
    """The MLP's parameters (``Linear`` init, seeded) with fixed random gradients of scale 1e-3."""
    torch.manual_seed(seed)
    mods = [torch.nn.Linear(a, b) for a, b in zip(layers, layers[1:])]
    params = [p.detach().to(device=device, dtype=dtype).requires_grad_() for m in mods for p in m.parameters()]
    for p in params:
        p.grad = torch.randn_like(p) * 1e-3
    return params


def makers():
    """``label -> (kind, build(params), twin)`` for every contender (kind: adamdyn ``flat``, adamdyn ``ops``
    (``loop=False``), adamdyn ``per_tensor``, adamdyn ``fused``, ``torch``; twin: the label of a flat contender's ``torch.optim`` twin, else ``None``)."""
    out = {REFERENCE: ("torch", lambda ps: torch.optim.Adam(ps, foreach=True), None),
           FUSED_REFERENCE: ("torch", lambda ps: torch.optim.Adam(ps, fused=True), None)}
    for label, (cls, kw, twin, twin_kw) in CONTENDERS.items():
        name = None
        if twin is not None:
            name = f"torch.optim.{twin.__name__}({', '.join(f'{a}={b}' for a, b in twin_kw.items())}"
            name += (", " if twin_kw else "") + "foreach=True)"
        out[f"adamdyn.torch.{label}"] = ("flat", lambda ps, c=cls, k=kw: c(ps, **k), name)

        def per_tensor(ps, c=cls, k=kw):
            opt = c(ps, **k)
            opt.flat = False
            return opt

        def ops(ps, c=cls, k=kw):
            opt = c(ps, **k)
            opt.loop = False
            return opt

        out[f"adamdyn.torch.{label}, loop=False"] = ("ops", ops, None)
        out[f"adamdyn.torch.{label}, flat=False"] = ("per_tensor", per_tensor, None)
        out[f"adamdyn.torch.{label}, fused=True"] = ("fused", lambda ps, c=cls, k=kw: c(ps, fused=True, **k), None)
        if name is not None and name != REFERENCE:
            out[name] = ("torch", lambda ps, c=twin, k=twin_kw: c(ps, foreach=True, **k), None)
    return out


def _no_sync():
    pass


def time_paired(ref, opt, warmup, steps, sync=_no_sync):
    """``(median seconds of opt.step(), median ratio)``: the steps of ``opt`` alternate with those of ``ref``,
    and the ratio is each step of ``opt`` over the step of ``ref`` just before it. ``sync`` waits for the
    device (``torch.cuda.synchronize`` on a GPU), so a step's time runs until its last kernel has finished."""
    for _ in range(warmup):
        ref.step()
        opt.step()
    times, ratios = [], []
    for _ in range(steps):
        sync()
        t0 = time.perf_counter()
        ref.step()
        sync()
        t1 = time.perf_counter()
        opt.step()
        sync()
        t2 = time.perf_counter()
        times.append(t2 - t1)
        ratios.append((t2 - t1) / (t1 - t0))
    return statistics.median(times), statistics.median(ratios)


def run(dtypes=("float32", "float64"), steps=30, warmup=5, repeat=3, threads=1, layers=LAYERS, only=None,
        kinds=KINDS, device="cpu", log=print):
    """Median ms per step of every contender and dtype (best of ``repeat`` rounds); the record's ``result``.
    ``kinds``: which contenders run (of :data:`KINDS`; the reference always does); ``device``: where the
    parameters live (``"cuda"``: the GPU; then each step is timed to its last kernel's end)."""
    torch.set_num_threads(threads)
    contenders = {k: v for k, v in makers().items() if v[0] in kinds or k == REFERENCE}
    if only is not None:
        contenders = {k: v for k, v in contenders.items() if k in only or k == REFERENCE}
    sync = torch.cuda.synchronize if device == "cuda" else _no_sync
    result = {"layers": list(layers), "threads": threads, "paired": True, "steps": steps, "warmup": warmup, "repeat": repeat,
              "device": device, "gpu": torch.cuda.get_device_name() if device == "cuda" else None,
              "kinds": list(kinds), "torch": torch.__version__, "flat_chunk_bytes": O.FLAT_CHUNK_BYTES, "dtypes": {}}
    for dtype in dtypes:
        params = mlp_parameters(getattr(torch, dtype), layers, device=device)
        ref_params = mlp_parameters(getattr(torch, dtype), layers, device=device)
        start = [p.detach().clone() for p in params]
        result["parameters"] = sum(p.numel() for p in params)
        result["shapes"] = [list(p.shape) for p in params]
        runs = {label: [] for label in contenders}
        ratio_runs = {label: [] for label in contenders}
        for r in range(repeat):
            for label, (_, build, _) in contenders.items():
                with torch.no_grad():
                    for p, q, s in zip(params, ref_params, start):
                        p.copy_(s)
                        q.copy_(s)
                # the reference too runs beside a reference: the ratio of that pair is the pairing's own bias
                opt, ref = build(params), contenders[REFERENCE][1](ref_params)
                sec, ratio = time_paired(ref, opt, warmup, steps, sync)
                runs[label].append(sec * 1e3)
                ratio_runs[label].append(ratio)
                del opt, ref
            log(f"{dtype} round {r + 1}/{repeat}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in runs.items()))
        result["dtypes"][dtype] = {label: {"kind": contenders[label][0], "twin": contenders[label][2], "ms": min(v),
                                           "ms_runs": v} for label, v in runs.items()}
        for label, v in ratio_runs.items():
            result["dtypes"][dtype][label]["ratio_runs"] = v
        for label, why in NOT_THE_SAME_RULE.items():
            entry = result["dtypes"][dtype].get(f"adamdyn.torch.{label}")
            if entry is not None and entry["twin"] is not None:
                entry["twin_is_another_rule"] = why
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=30, help="timed steps per run (default 30)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed steps before them (default 5)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; each contender keeps its best (default 3)")
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    ap.add_argument("--device", choices=("cpu", "cuda"), default="cpu",
                    help="where the parameters live (default cpu; cuda: the GPU, record torch_step_cuda.json)")
    ap.add_argument("--dtypes", nargs="+", choices=("float32", "float64"), default=["float32", "float64"],
                    help="parameter dtypes (default float32 float64)")
    ap.add_argument("--kinds", nargs="+", choices=KINDS, default=None,
                    help="contenders to run (default all; the reference "
                         "torch.optim.Adam(foreach=True) always runs)")
    ap.add_argument("--out", default=None,
                    help="the JSON record (default benchmarks/results/torch_step.json, torch_step_cuda.json on cuda)")
    args = ap.parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        ap.error("--device cuda: torch sees no CUDA GPU on this machine. Fix: run on a machine with one, or pass "
                 "--device cpu.")
    if args.kinds is None:
        args.kinds = list(KINDS)
    default_out = OUT_CUDA if args.device == "cuda" else OUT
    out = args.out or default_out
    for name in ("steps", "repeat", "threads"):
        if getattr(args, name) < 1:
            ap.error(f"--{name}={getattr(args, name)} is out of range; valid values are integers >= 1. "
                     f"Fix: pass e.g. --{name} 3.")
    if args.warmup < 0:
        ap.error(f"--warmup={args.warmup} is out of range; valid values are integers >= 0. Fix: pass --warmup 5.")
    command = "python benchmarks/torch_step.py" + "".join(
        f" --{k} {shlex.quote(str(getattr(args, k)))}" for k in ("steps", "warmup", "repeat", "threads", "device")
        if getattr(args, k) != ap.get_default(k))
    command += "".join(f" --{k} {' '.join(getattr(args, k))}" for k, default in (("dtypes", ap.get_default("dtypes")),
                                                                                  ("kinds", list(KINDS)))
                       if getattr(args, k) != default)
    if out != default_out:
        command += f" --out {shlex.quote(out)}"
    meta = provenance(command, code=CODE)
    result = run(dtypes=tuple(args.dtypes), steps=args.steps, warmup=args.warmup, repeat=args.repeat,
                 threads=args.threads, kinds=tuple(args.kinds), device=args.device)
    write_record(out, result, command, meta)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
