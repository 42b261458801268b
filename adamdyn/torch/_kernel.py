"""``fused=True`` of :class:`~adamdyn.torch.optim.RuleOptimizer`: a recorded program as one compiled kernel.

The eager flat path (:mod:`._program`) runs a rule as one torch call per operation, so a rule of many operations
(Adafactor: fourteen at its defaults) makes as many passes over memory. With ``fused=True`` the same recorded operations
(:class:`~adamdyn.torch._program._Program`, unfused) become the straight-line Python source of one step of
many parameters -- the new states written into the flat state, the parameter's step in place -- and
``torch.compile`` (inductor) turns each parameter's operations into one loop over its elements: one pass. No
formula is written here; the operations are the ones the rule names, each the torch function the eager rule
calls (:data:`~adamdyn.torch._record._EAGER`).

The generated loops evaluate the same operations in the same order, but inductor's code rounds as its
vectorized C++ (or Triton) does, which may differ from eager torch in the last bits (tested against the rule
run eagerly to rtol 1e-13 in float64). The first step compiles (seconds; a C++ compiler on the CPU). The values
of the scalar program (bias corrections, the rule's parameters) and ``lr`` are inputs of the kernel, so a
schedule does not recompile it; the exponent of a tensor's power is written into it (:func:`exponents`). Each
set of parameters that steps together (a param group, those with a gradient) has a kernel of its own.

The numbers travel in the parameters' dtype, which is how eager torch treats a number meeting a float32 or
float64 tensor (the kernel runs for those two only). A custom rule that multiplies a boolean mask by a number
(``(g > 0) * beta``) gets that product in the parameters' dtype here, where eager torch makes it in torch's
default dtype (float32) first.
"""

from __future__ import annotations

import torch

from ._fuse import number
from ._record import _EAGER


def _source(program, s) -> tuple[str, dict, tuple, tuple]:
    """The source of ``_step(N, P, L0, ..., G, X)``, its constants, and the slots of the scalar values it reads
    packed into the tensor ``N`` (numbers; ``lr`` last) and passed in the list ``P`` (tensors, flags).

    ``L0, ..., G, X``: lists of per-parameter tensors. Numbers travel in a tensor so that the compiled kernel
    takes them as inputs: passed as Python floats, the compiler may specialize the kernel on their values and
    recompile at every step (bias corrections change at every step). The exponent of a tensor's power (S3's
    ``|g|^p``) is the exception: it is written into the source as a number (:func:`exponents`), as eager torch
    takes it, so the compiler can use ``x*x`` for ``x**2`` or ``sqrt`` for ``x**0.5`` as eager torch does; a
    power with an exponent read from a tensor is several times slower.
    """
    nleaf, nstate = program.nleaf, program.graph.nstate
    consts, packed, passed = {}, {}, {}
    baked = set(exponents(program, s))

    def name(ref):
        kind, x = ref
        if kind == "n":
            return f"(-{name(x)})"
        if kind == "r":
            return f"R{x}"
        if kind == "s":
            if x in baked:
                return name(("c", s[x]))
            if number(s[x]):
                return f"N[{packed.setdefault(x, len(packed))}]"
            return f"P[{passed.setdefault(x, len(passed))}]"
        key = id(x) if not number(x) else ("v", type(x), x)
        if key not in consts:
            consts[key] = (f"C{len(consts)}", x)
        return consts[key][0]

    lists = [f"L{k}" for k in range(nstate)] + ["G", "X"]
    body = [f"        R{k} = {lst}[i]" for k, lst in enumerate(lists)]
    for reg, (op, args) in program.nodes:
        body.append(f"        R{reg} = {name(('c', _EAGER[op]))}({', '.join(name(a) for a in args)})")
    *states, direction = program.output_refs
    for k, ref in enumerate(states):
        if ref != ("r", k):  # a state the step leaves as it is needs no write
            body.append(f"        R{k}.{'copy_' if ref[0] == 'r' else 'fill_'}({name(ref)})")
    # x -= lr * direction (x.add_(direction, alpha=-lr) of the eager path; alpha must be a Python number)
    d = name(direction)
    body.append(f"        R{nleaf - 1}.sub_(N[{len(packed)}] * {d})")
    lines = [f"def _step(N, P, {', '.join(lists)}):", "    for i in range(len(X)):", *body]
    by_position = lambda d: tuple(sorted(d, key=d.get))  # noqa: E731
    return "\n".join(lines), {c: v for c, v in consts.values()}, by_position(packed), by_position(passed)


def fusable(program) -> bool:
    """Whether the program can run as one kernel: no new state (or direction) is the old value of a tensor the
    step writes -- another state or ``x``, as in a swap of two states or a state keeping the last iterate.

    Such a step needs the old value kept before the write; the generated source keeps it with ``clone()``, but
    inductor removes that clone and reads the value after the write (its ``remove_noop_ops`` pass; an open
    torch bug, pytorch/pytorch#198131), so these programs take the eager flat path.
    """
    nleaf = program.nleaf
    *states, direction = program.output_refs
    written = {k for k, ref in enumerate(states) if ref != ("r", k)} | {nleaf - 1}
    return not any(ref[0] == "r" and ref[1] in written and ref != ("r", j) for j, ref in enumerate(states)) and not (
        direction[0] == "r" and direction[1] in written - {nleaf - 1})


class FusedStep:
    """One program's step as a ``torch.compile``'d function of lists of tensors (see the module docstring).

    ``source``: the generated Python the compiler traces (one code object per program, so each program keeps
    its own compiled kernels); ``s``: the scalar values of a step, whose types say which are numbers.
    """

    def __init__(self, program, s):
        self.source, self.namespace, self.packed, self.passed = _source(program, s)
        self.fn = None

    def __call__(self, states, grads, params, s, lr):
        """Step the parameters ``params`` (their states ``states[k][i]``, gradients ``grads[i]``) in place."""
        # in the parameters' dtype (float32 or float64: the only ones fused), as eager torch casts a Python number
        # for an operation on such tensors
        numbers = torch.tensor([*(s[k] for k in self.packed), lr], dtype=params[0].dtype, device=params[0].device)
        args = (numbers, [s[k] for k in self.passed], *states, grads, params)
        if self.fn is not None:
            self.fn(*args)
            return
        try:
            namespace = dict(self.namespace)
            exec(compile(self.source, "<adamdyn fused step>", "exec"), namespace)  # noqa: S102 - our own code
            fn = torch.compile(namespace["_step"], dynamic=None)
            fn(*args)
        except Exception as e:  # noqa: BLE001 - the compiler's own error, named with the fix
            first = str(e).strip().splitlines()[0] if str(e).strip() else ""
            raise RuntimeError(
                f"fused=True: torch.compile could not build the step's kernel here ({type(e).__name__}: {first}); "
                "on the CPU it needs a working C++ compiler, on a GPU Triton. Fix: pass fused=False (the eager "
                "flat path, the same rule).") from e
        self.fn = fn


def exponents(program, s) -> tuple:
    """The slots of the scalar values that are the exponent of a tensor's power (numbers only)."""
    cache = program.__dict__.setdefault("exponent_slots", {})
    key = tuple(type(v) for v in s)
    if key in cache:
        return cache[key]
    slots = []
    for _, (op, args) in program.nodes:
        if op in ("pow", "B.pow"):
            ref = args[1][1] if args[1][0] == "n" else args[1]
            if ref[0] == "s" and number(s[ref[1]]) and ref[1] not in slots:
                slots.append(ref[1])
    cache[key] = tuple(slots)
    return cache[key]


def fused_step(program, s, params) -> FusedStep:
    """The program's :class:`FusedStep` for the scalar values ``s`` of a step and the parameters ``params`` it
    steps: one per program, per value of its powers' exponents (:func:`exponents`) and per list of parameter
    shapes (each its own code object, so the compiler never meets its limit of recompilations of one function;
    param groups and the sets of parameters that have a gradient each compile once)."""
    steps = program.__dict__.setdefault("fused_steps", {})
    key = (tuple(s[k] for k in exponents(program, s)), tuple(q.shape for q in params))
    step = steps.get(key)
    if step is None:
        if len(steps) > 64:
            steps.clear()
        step = steps[key] = FusedStep(program, s)
    return step
