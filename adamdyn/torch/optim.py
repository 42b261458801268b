r"""``torch.optim.Optimizer`` subclasses built from the single rule definitions.

Every optimizer here is :class:`RuleOptimizer` around one rule of
:mod:`adamdyn.rules`: each step calls ``rule.update(state, g, t, p, B)`` with
the torch backend ``B`` on the parameters' tensors (flat chunks of many
parameters at once) and moves ``x <- x - lr * direction``. No update formula is re-typed here, so the torch
path is the numpy reference trajectory, step for step (tested to 1e-12 in
float64), and ``Adam(v0="zero")`` is ``torch.optim.Adam``.

The classes with a ``torch.optim`` twin (:class:`Adam`, with ``amsgrad``,
:class:`AdamW`, :class:`NAdam`, :class:`RAdam`, :class:`Adamax`,
:class:`Adagrad`) take torch's signature and defaults and follow torch step
for step; torch's implementation switches (``foreach``, ``fused``,
``capturable``, ``differentiable``) accept only their defaults. :class:`Lion`,
:class:`Yogi`, :class:`AdaBound`, :class:`Adafactor` and :class:`AdaBelief`
take the signatures of their reference implementations; each docstring says
where those depart from the paper and which one this class follows.

What this layer adds around a rule: param groups, ``state_dict`` /
``load_state_dict``, closures, weight decay (L2 or decoupled, as
``torch.optim.Adam`` / ``AdamW``), ``maximize`` and the non-zero
initialisations of Adam's second moment,

.. math::
    v_{0,\mathrm{rnd}} \sim \frac{\sigma}{\mathrm{fan\_in}+\mathrm{fan\_out}}\,\chi^2_1,
    \qquad
    v_{0,\mathrm{data}} = \sigma\,(\mathbf E[g]^2 + \mathrm{Var}[g])
    \quad\text{(Abuduweili \& Liu, 2025, eqs. 7-8)}.

Warning: the rule's bias correction divides :math:`v_t` (including
:math:`\beta_2^t v_0`) by :math:`1-\beta_2^t`, exactly as the rule is written,
so with ``v0 != 0`` and ``bias_correction=True`` the early steps are damped by
about :math:`\sqrt{\beta_2^t v_0/(1-\beta_2^t)}`; pass ``bias_correction=False``
for equation (4) of Abuduweili & Liu (2025) without that factor.

>>> import torch
>>> w = torch.nn.Parameter(torch.tensor([1.0, -2.0], dtype=torch.float64))
>>> opt = Adam([w], lr=0.1)
>>> w.grad = torch.tensor([0.5, 0.5], dtype=torch.float64)
>>> _ = opt.step()
>>> [round(x, 6) for x in w.tolist()]   # first Adam step is a sign step of size lr
[0.9, -2.1]
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable
from types import SimpleNamespace

import torch

from ..backend import torch_backend
from ..rules import get_rule
from ..rules.base import Params, Rule

__all__ = [
    "RuleOptimizer", "FLAT_CHUNK_BYTES", "Adam", "AdamW", "NAdam", "RAdam", "Adamax", "Adagrad", "Lion", "Yogi", "AdaBound",
    "Adafactor", "AdaMomentum", "S3", "AdaBelief", "RMSProp",
    "Momentum", "GD", "SignGD", "OPTIMIZERS", "make_optimizer", "random_v0",
    "data_driven_v0", "fan_in_out",
]

V0_MODES = ("zero", "random", "data")


_B = torch_backend()


def fan_in_out(shape) -> tuple[int, int]:
    """``(fan_in, fan_out)`` of a weight of ``shape`` (``torch.nn.init``'s convention).

    A weight ``(out, in, *kernel)`` has ``fan_in = in * prod(kernel)`` and
    ``fan_out = out * prod(kernel)``; a vector (bias, norm scale) of length
    ``k`` counts as ``fan_in = fan_out = k``; a scalar as ``1, 1``.
    """
    shape = tuple(shape)
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    field = math.prod(shape[2:]) if len(shape) > 2 else 1
    return shape[1] * field, shape[0] * field


def random_v0(shape, sigma: float = 1.0, generator: torch.Generator | None = None,
              dtype=torch.float64, device=None) -> torch.Tensor:
    r"""The random second moment of Abuduweili & Liu (2025): :math:`\sigma/(\mathrm{fan\_in}+\mathrm{fan\_out})\,\chi^2_1`.

    Drawn on the CPU in float64 (so a seed gives the same values on every
    device) and then moved to ``dtype`` / ``device``.
    """
    fi, fo = fan_in_out(shape)
    z = torch.randn(tuple(shape), generator=generator, dtype=torch.float64)
    return (sigma / (fi + fo) * z * z).to(dtype=dtype, device=device)


def data_driven_v0(params: Iterable[torch.Tensor], grad_fn, batches: Iterable, sigma: float = 1.0):
    r"""The data-driven second moment of Abuduweili & Liu (2025), :math:`\sigma(\mathbf E[g]^2 + \mathrm{Var}[g])`.

    ``grad_fn(batch)`` must return the loss on ``batch`` (a scalar tensor);
    its gradient with respect to ``params`` is taken on each sampled batch and
    the per-coordinate mean and (population) variance over the batches give
    ``v0``. Returns one tensor per parameter, in order; pass the list to
    :meth:`RuleOptimizer.set_v0`.
    """
    params = list(params)
    s1 = [torch.zeros_like(p) for p in params]
    s2 = [torch.zeros_like(p) for p in params]
    k = 0
    for batch in batches:
        loss = grad_fn(batch)
        grads = torch.autograd.grad(loss, params, allow_unused=True)
        for a, b, g in zip(s1, s2, grads):
            if g is not None:
                a.add_(g)
                b.add_(g * g)
        k += 1
    if k == 0:
        raise ValueError("data_driven_v0 needs at least one batch. Fix: pass a non-empty iterable of batches.")
    out = []
    for a, b in zip(s1, s2):
        mean = a / k
        var = (b / k - mean * mean).clamp_min(0.0)
        out.append(sigma * (mean * mean + var))
    return out


# -- the rule on many chunks: one program per step --------------------------------------------------------------
# The flat path calls the rule once per step on stand-ins (`_Lazy`) that record each operation, then runs the
# recorded operations on every chunk. Running a recording, rather than the rule, per chunk skips the branch a
# configuration flag (``B.select``) drops, writes the last operation of a new state into the state itself, and
# writes an operation into a temporary nobody reads afterwards; each operation is the one the rule names, so the
# numbers are those of the rule run eagerly.
_EAGER = {
    "add": operator.add, "sub": operator.sub, "mul": operator.mul, "div": operator.truediv, "pow": operator.pow,
    "neg": operator.neg, "abs": operator.abs, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
    "ge": operator.ge, "B.sqrt": _B.sqrt, "B.abs": _B.abs, "B.sign": _B.sign, "B.pow": _B.pow, "B.max": _B.max,
    "B.min": _B.min, "B.where": _B.where,
}
_INTO_BINARY = {"add": torch.add, "mul": torch.mul, "sub": torch.sub, "div": torch.div}
_INTO_UNARY = {"neg": torch.neg, "abs": torch.abs, "B.abs": torch.abs, "B.sqrt": torch.sqrt, "B.sign": torch.sign}
_INTO_PAIR = {"B.max": torch.maximum, "B.min": torch.minimum}


class _Lazy:
    """A tensor of one step of a rule, recorded instead of computed (a leaf: an input of the step)."""

    __slots__ = ("op", "args")

    def __init__(self, op, args):
        self.op, self.args = op, args

    def __add__(self, other):
        return _Lazy("add", (self, other))

    def __radd__(self, other):
        return _Lazy("add", (other, self))

    def __sub__(self, other):
        return _Lazy("sub", (self, other))

    def __rsub__(self, other):
        return _Lazy("sub", (other, self))

    def __mul__(self, other):
        return _Lazy("mul", (self, other))

    def __rmul__(self, other):
        return _Lazy("mul", (other, self))

    def __truediv__(self, other):
        return _Lazy("div", (self, other))

    def __rtruediv__(self, other):
        return _Lazy("div", (other, self))

    def __pow__(self, other):
        return _Lazy("pow", (self, other))

    def __rpow__(self, other):
        return _Lazy("pow", (other, self))

    def __neg__(self):
        return _Lazy("neg", (self,))

    def __pos__(self):
        return self

    def __abs__(self):
        return _Lazy("abs", (self,))

    def __lt__(self, other):
        return _Lazy("lt", (self, other))

    def __le__(self, other):
        return _Lazy("le", (self, other))

    def __gt__(self, other):
        return _Lazy("gt", (self, other))

    def __ge__(self, other):
        return _Lazy("ge", (self, other))

    def __bool__(self):
        raise TypeError("a recorded tensor has no truth value")


def _lazy_fn(name):
    eager = _EAGER[name]

    def fn(*args):
        if any(isinstance(a, _Lazy) for a in args):
            return _Lazy(name, args)
        return eager(*args)

    return fn


def _lazy_where(cond, a, b):
    if isinstance(cond, _Lazy) or (isinstance(cond, torch.Tensor) and cond.ndim):
        return _lazy_fn("B.where")(cond, a, b)
    return a if bool(cond) else b


_LAZY_B = SimpleNamespace(name="torch", sqrt=_lazy_fn("B.sqrt"), abs=_lazy_fn("B.abs"), sign=_lazy_fn("B.sign"),
                          pow=_lazy_fn("B.pow"), select=_B.select, max=_lazy_fn("B.max"), min=_lazy_fn("B.min"),
                          where=_lazy_where)
_LAZY_B.clip = lambda a, lo, hi: _LAZY_B.min(_LAZY_B.max(a, lo), hi)


def _pair(a, b):
    """The torch backend's operands of ``B.max`` / ``B.min``: a number becomes a tensor of the other's dtype."""
    ref = a if isinstance(a, torch.Tensor) else b
    return (torch.as_tensor(a, dtype=ref.dtype, device=ref.device),
            torch.as_tensor(b, dtype=ref.dtype, device=ref.device))


def _broadcast(tensors):
    """The shape of an elementwise result of ``tensors`` (the common case, one shape and 0-d tensors, fast)."""
    shapes = {t.shape for t in tensors if t.ndim}
    if len(shapes) <= 1:
        return shapes.pop() if shapes else torch.Size()
    return torch.broadcast_shapes(*(t.shape for t in tensors))


def _into(name, values):
    """``(fn(out, *values), dtype, shape)``: the operation ``name`` written into ``out``, or ``None``."""
    tensors = [v for v in values if isinstance(v, torch.Tensor)]
    if not tensors:
        return None
    shape = _broadcast(tensors)
    if name in _INTO_UNARY:
        a = values[0]
        if not a.dtype.is_floating_point:
            return None
        op = _INTO_UNARY[name]
        return (lambda out, a: op(a, out=out)), a.dtype, shape
    if name in _INTO_PAIR:
        a, b = values
        op = _INTO_PAIR[name]
        if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and (a.dtype, a.device) != (b.dtype, b.device):
            return None
        ref = a if isinstance(a, torch.Tensor) else b
        return (lambda out, a, b: op(*_pair(a, b), out=out)), ref.dtype, shape
    if name in _INTO_BINARY:
        a, b = values
        op = _INTO_BINARY[name]
        dtype = torch.result_type(a, b)
        if isinstance(a, torch.Tensor):
            return (lambda out, a, b: op(a, b, out=out)), dtype, shape
        if name in ("add", "mul"):  # a number first: the same operation with the operands swapped (exact)
            return (lambda out, a, b: op(b, a, out=out)), dtype, shape
    return None


class _Program:
    """A rule's step recorded on stand-ins, then run on chunk after chunk.

    ``leaves``: the stand-ins (the state variables, ``g``, ``x``); ``outputs``: what the rule returned (new
    states, then the direction). The first :meth:`run` evaluates the operations (direction first, then the
    states) and records, for each, the function and where it writes: into the state it produces when the old
    state has no reader left, into a temporary whose last reader it is, or a new tensor. Later runs replay
    the record.
    """

    def __init__(self, leaves, outputs, nstate):
        self.nstate = nstate
        self.leaves = leaves
        self.outputs = outputs
        order, seen = [], set()
        regs = {id(leaf): k for k, leaf in enumerate(leaves)}

        def visit(node):
            stack = [(node, False)]
            while stack:
                n, done = stack.pop()
                if not isinstance(n, _Lazy) or id(n) in regs and not done:
                    continue
                if done:
                    if id(n) not in seen:
                        seen.add(id(n))
                        regs[id(n)] = len(leaves) + len(order)
                        order.append(n)
                    continue
                if id(n) in seen:
                    continue
                stack.append((n, True))
                stack.extend((a, False) for a in reversed(n.args))

        for out in (outputs[-1], *outputs[:-1]):
            visit(out)
        self.order, self.regs = order, regs
        self.output_refs = tuple(map(self._ref, outputs))
        self.position_dependent = any(n.op in ("pow", "B.pow") for n in order)
        self.steps = None

    def _ref(self, a):
        return ("r", self.regs[id(a)]) if isinstance(a, _Lazy) else ("c", a)

    def run(self, values):
        """Outputs of the step on the chunk whose leaf tensors are ``values`` (states first); state outputs
        already written into their leaf are returned as that leaf."""
        regs = list(values) + [None] * len(self.order)
        if self.steps is None:
            self._record(regs)
        else:
            for fn, args, out, reg, free in self.steps:
                vals = [regs[x] if kind == "r" else x for kind, x in args]
                regs[reg] = fn(*vals) if out is None else fn(regs[out], *vals)
                for f in free:
                    regs[f] = None
        return [regs[x] if kind == "r" else x for kind, x in self.output_refs]

    def _record(self, regs):
        nleaf = len(self.leaves)
        uses = [0] * len(regs)
        for n in self.order:
            for a in n.args:
                if isinstance(a, _Lazy):
                    uses[self.regs[id(a)]] += 1
        for out in self.outputs:
            if isinstance(out, _Lazy):
                uses[self.regs[id(out)]] += 1
        target = {}  # the node that produces new state k -> k (its first slot)
        for k, out in enumerate(self.outputs[:-1]):
            if isinstance(out, _Lazy) and self.regs[id(out)] >= nleaf:
                target.setdefault(self.regs[id(out)], k)
        steps = []
        for n in self.order:
            reg = self.regs[id(n)]
            args = tuple(map(self._ref, n.args))
            vals = [regs[x] if kind == "r" else x for kind, x in args]
            for kind, x in args:
                if kind == "r":
                    uses[x] -= 1
            into = _into(n.op, vals)
            out = None
            if into is not None:
                write, dtype, shape = into
                candidates = []
                k = target.get(reg)
                if k is not None and uses[k] == 0:
                    candidates.append(k)
                candidates += [x for kind, x in args if kind == "r" and x >= nleaf and uses[x] == 0]
                for c in candidates:
                    o = regs[c]
                    if (isinstance(o, torch.Tensor) and o.dtype == dtype and o.shape == shape
                            and (c < nleaf or o._base is None)):
                        out = c
                        break
            if out is None:
                fn = _EAGER[n.op]
                regs[reg] = fn(*vals)
                if isinstance(regs[reg], torch.Tensor) and any(regs[reg] is v for v in vals):
                    regs[reg] = regs[reg].clone()  # never a temporary that is also an input
                    fn = _clone_after(fn)
            else:
                fn = write
                regs[reg] = fn(regs[out], *vals)
            free = tuple({x for kind, x in args if kind == "r" and x >= nleaf and uses[x] == 0})
            for f in free:
                regs[f] = None
            steps.append((fn, args, out, reg, free))
        self.steps = steps


def _clone_after(fn):
    return lambda *a: fn(*a).clone()


# Bytes per chunk of the flat path on the CPU (1 MiB: 262144 float32 or 131072 float64 numbers): a chunk's
# state, gradient and the rule's temporaries stay in cache, and the allocator reuses a temporary of this size
# where a tensor of a whole layer is mapped afresh on every operation (page faults).
FLAT_CHUNK_BYTES = 1 << 20


class _FlatState:
    """The state of one group's parameters of one dtype and device: one contiguous tensor per state variable.

    Each parameter's ``optimizer.state[param][name]`` is a view of it, so ``state_dict`` and direct access see
    per-parameter tensors as usual. A state tensor found in place of its view (``load_state_dict``, a first
    step's ``init``, a user's assignment) is copied into the view by :meth:`adopt`.
    """

    def __init__(self, params, names):
        self.params = tuple(params)
        self.signature = tuple((id(q), q.shape) for q in self.params)
        self.index = {id(q): i for i, q in enumerate(self.params)}
        self.offsets = [0]
        for q in self.params:
            self.offsets.append(self.offsets[-1] + q.numel())
        ref = self.params[0]
        self.flats = {name: torch.zeros(self.offsets[-1], dtype=ref.dtype, device=ref.device) for name in names}
        self.views = [{name: flat[self.offsets[i]:self.offsets[i + 1]].view(q.shape)
                       for name, flat in self.flats.items()} for i, q in enumerate(self.params)]
        self.plans = {}

    def holds(self, params) -> bool:
        return len(params) == len(self.signature) and all(
            id(q) == s[0] and q.shape == s[1] for q, s in zip(params, self.signature))

    def adopt(self, i, state, names) -> bool:
        """Make parameter ``i``'s state the views of the flat tensors; ``False`` where a state is not a tensor
        of the parameter's shape, dtype and device (that parameter then steps on its own)."""
        param, views = self.params[i], self.views[i]
        for name in names:
            value = state[name]
            if value is views[name]:
                continue
            if not (isinstance(value, torch.Tensor) and value.shape == param.shape and value.dtype == param.dtype
                    and value.device == param.device and value.layout == torch.strided):
                return False
            views[name].copy_(value)
            state[name] = views[name]
        return True

    def plan(self, positions, viewable, chunk):
        """Segments of the parameters at ``positions`` (stepping together, same step count).

        ``("slice", i, a, b)``: elements ``a:b`` of parameter ``i`` (contiguous, with a contiguous gradient),
        read and moved in place; a parameter above half a chunk is cut into equal slices of at most ``chunk``.
        ``("pack", (i, j, ...))``: neighbouring smaller parameters (adjacent in the flat state), their
        gradients gathered into one tensor of at most ``chunk`` elements (or a single larger parameter that is
        not contiguous).
        """
        key = (positions, viewable, chunk)
        plan = self.plans.get(key)
        if plan is not None:
            return plan
        plan, pack, size, prev = [], [], 0, None

        def flush():
            if len(pack) == 1 and viewable[positions.index(pack[0])]:
                plan.append(("slice", pack[0], 0, self.params[pack[0]].numel()))
            elif pack:
                plan.append(("pack", tuple(pack)))
            pack.clear()

        for i, ok in zip(positions, viewable):
            n = self.params[i].numel()
            if prev is not None and i != prev + 1:
                flush()
                size = 0
            prev = i
            if ok and n > chunk / 2:
                flush()
                size = 0
                k = -(-n // chunk)
                bounds = [n * j // k for j in range(k + 1)]
                plan.extend(("slice", i, a, b) for a, b in zip(bounds, bounds[1:]))
                continue
            if pack and size + n > chunk:
                flush()
                size = 0
            pack.append(i)
            size += n
        flush()
        if len(self.plans) > 16:
            self.plans.clear()
        self.plans[key] = plan
        return plan


class RuleOptimizer(torch.optim.Optimizer):
    """A ``torch.optim.Optimizer`` that runs one :class:`adamdyn.rules.Rule`.

    Args:
        params: parameters or param groups, as for any torch optimizer.
        rule: a rule name (``"adam"``, ``"s3"``, ...) or :class:`Rule`.
        weight_decay: the weight-decay coefficient ``wd``.
        decoupled_weight_decay: ``False``: the L2 penalty ``g + wd * x`` is
            fed to the rule; ``True``: decoupled decay. A rule with its own
            ``weight_decay`` parameter (AdamW, Lion, Adafactor) applies the
            decoupled decay itself; for every other rule it is the shrink
            ``x *= 1 - lr * wd`` before the step (``torch.optim.Adam(...,
            decoupled_weight_decay=True)``). ``None`` (default): decoupled for
            a rule with its own decay, L2 otherwise.
        maximize: ascend instead of descend.
        v0: for rules with a ``v0`` parameter (Adam): ``"zero"``, a number
            (constant ``v0``), ``"random"`` (Abuduweili & Liu, 2025, eq. 8, scale
            ``v0_sigma``, seeded by ``v0_seed``) or ``"data"`` (their eq. 7:
            call :meth:`set_v0` with :func:`data_driven_v0`'s tensors before
            the first step).
        **rule_params: the rule's parameters (``lr``, ``beta1``, ...).

    A rule that moves with the iterate (``rule.needs_x``) gets the parameter
    tensor itself as ``x``. Every tensor stays on the parameter's device and in
    its dtype.

    How a step runs (``flat``, default ``True``): a rule is written for one
    coordinate, so it runs on many parameters at once. Each group keeps every
    state variable as one contiguous tensor per dtype and device (each
    parameter's ``state[param][name]`` is a view of it), and the rule runs once
    per chunk of that flat state: slices of a large parameter are read and moved
    in place, neighbouring small parameters are gathered into one tensor and
    moved with one ``torch._foreach_add_``. A chunk is ``flat_chunk`` elements
    (``None``: :data:`FLAT_CHUNK_BYTES` on the CPU, where a chunk stays in cache;
    the whole group on other devices). Every operation is elementwise, so the
    numbers are bit for bit those of ``flat=False``, the rule once per parameter
    tensor (tested). Parameters step together when they share a step count: one
    without a gradient is skipped (as ``torch.optim``) and later steps with its
    own ``t``. A parameter whose state is not a tensor of its own shape, dtype and
    device, or whose gradient has another dtype or device, steps on its own.
    """

    flat = True
    flat_chunk = None

    def __init__(self, params, rule: str | Rule, *, weight_decay=0.0, decoupled_weight_decay=None,
                 maximize=False, v0="zero", v0_sigma=1.0, v0_seed=None, **rule_params):
        self.rule = get_rule(rule)
        if decoupled_weight_decay is None:
            decoupled_weight_decay = self._own_decay
        if v0_seed is None:
            v0_seed = int(torch.randint(0, 2**31 - 1, (1,)).item())
        defaults = dict(rule_params, weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay,
                        maximize=maximize, v0=v0, v0_sigma=v0_sigma, v0_seed=int(v0_seed))
        super().__init__(params, defaults)

    @property
    def _own_decay(self) -> bool:
        """Whether the rule applies decoupled weight decay itself (a ``weight_decay`` parameter)."""
        return "weight_decay" in self.rule.param_names

    # -- groups -------------------------------------------------------------
    def add_param_group(self, param_group):
        super().add_param_group(param_group)
        self._rule_params(self.param_groups[-1], validate=True)

    def _rule_params(self, group, validate=False) -> Params:
        rule = self.rule
        values = {k: group[k] for k in rule.param_names if k in group}
        if self._own_decay and not group["decoupled_weight_decay"]:
            values["weight_decay"] = 0.0  # the L2 penalty is added to the gradient instead
        v0 = group.get("v0", "zero")
        if "v0" in rule.param_names:
            if isinstance(v0, str):
                if v0 not in V0_MODES:
                    raise ValueError(
                        f"optimizer {rule.name!r}: v0={v0!r} is not a valid initialisation; valid values are "
                        f"{', '.join(V0_MODES)} or a number >= 0. Fix: pass e.g. v0='random'."
                    )
                values["v0"] = 0.0
            else:
                values["v0"] = v0
        elif v0 not in ("zero", 0, 0.0):
            raise ValueError(
                f"optimizer {rule.name!r} has no second moment v0 to initialise (v0={v0!r}). "
                "Fix: use v0 only with Adam / AdamW."
            )
        if validate:
            for key in ("weight_decay", "v0_sigma"):
                x = group[key]
                if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
                    raise ValueError(
                        f"optimizer {rule.name!r}: {key}={x!r} is out of range; valid range is [0, inf). "
                        f"Fix: pass e.g. {key}=0.01."
                    )
            for key in ("maximize", "decoupled_weight_decay"):
                _flag(f"optimizer {rule.name!r}", key, group[key])
            return rule.make_params(**values)
        return Params(**{q.name: values.get(q.name, q.default) for q in rule.params})

    # -- v0 ---------------------------------------------------------------------
    def set_v0(self, tensors):
        """Set the initial second moment of every parameter (in ``param_groups`` order).

        Must be called before the first step, on an Adam-type optimizer whose
        groups use ``v0="data"`` (or any mode: explicit tensors win).
        """
        params = [p for g in self.param_groups for p in g["params"]]
        tensors = list(tensors)
        if len(tensors) != len(params):
            raise ValueError(
                f"set_v0 got {len(tensors)} tensors for {len(params)} parameters. "
                "Fix: pass one tensor per parameter, in param_groups order."
            )
        for p, v in zip(params, tensors):
            if self.state[p].get("step", 0):
                raise ValueError("set_v0 must be called before the first step.")
            if tuple(v.shape) != tuple(p.shape):
                raise ValueError(f"set_v0: tensor of shape {tuple(v.shape)} for a parameter of shape {tuple(p.shape)}.")
            self.state[p]["v0"] = v.detach().to(dtype=p.dtype, device=p.device).clone()

    def _init_state(self, group, index, param, g, p_):
        state = self.state[param]
        v0 = state.pop("v0", None)
        if v0 is None and "v0" in self.rule.param_names:
            mode = group["v0"]
            if mode == "random":
                gen = torch.Generator().manual_seed(group["v0_seed"] + 1_000_003 * index)
                v0 = random_v0(param.shape, group["v0_sigma"], gen, dtype=param.dtype, device=param.device)
            elif mode == "data":
                raise ValueError(
                    "v0='data' needs the gradient statistics before the first step. "
                    "Fix: opt.set_v0(adamdyn.torch.data_driven_v0(params, loss_fn, batches, sigma))."
                )
        if v0 is not None:
            p_ = Params(**dict(vars(p_), v0=v0))
        moments = self.rule.init(g, p_, _B)
        for name, value in zip(self.rule.state, moments):
            state[name] = value
        state["step"] = 0

    # -- the step ----------------------------------------------------------------
    @torch.no_grad()
    def step(self, closure=None):
        """One step of the rule on every parameter with a gradient; returns the closure's loss."""
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for gi, group in enumerate(self.param_groups):
            if self.flat:
                self._step_group_flat(gi, group)
            else:
                self._step_group_tensors(group)
        return loss

    def _grad(self, group, param):
        """The gradient the rule sees: ``-grad`` with ``maximize``, plus the L2 penalty ``wd * x``."""
        g = param.grad
        if g.is_sparse:
            raise ValueError(f"optimizer {self.rule.name!r} does not support sparse gradients.")
        if group["maximize"]:
            g = -g
        if group["weight_decay"] and not group["decoupled_weight_decay"]:
            g = g.add(param, alpha=group["weight_decay"])
        return g

    def _shrinks(self, group) -> bool:
        """Whether the step starts with the decoupled shrink ``x *= 1 - lr * wd`` (a rule without its own decay)."""
        return bool(group["weight_decay"]) and group["decoupled_weight_decay"] and not self._own_decay

    def _step_group_tensors(self, group):
        """The reference path: the rule once per parameter tensor."""
        p_ = self._rule_params(group)
        for index, param in enumerate(group["params"]):
            if param.grad is None:
                continue
            g = self._grad(group, param)
            if self._shrinks(group):
                param.mul_(1 - group["lr"] * group["weight_decay"])
            if "step" not in self.state[param]:
                self._init_state(group, index, param, g, p_)
            self._advance_tensor(group, param, g, p_)

    def _advance_tensor(self, group, param, g, p_, counted=False):
        state = self.state[param]
        if not counted:
            state["step"] += 1
        moments = tuple(state[name] for name in self.rule.state)
        new, direction = self.rule.advance(moments, g, state["step"], p_, _B, x=param)
        for name, value in zip(self.rule.state, new):
            state[name] = value
        param.add_(direction, alpha=-group["lr"])

    def _chunk(self, param) -> float:
        """Elements per chunk of the flat path: :data:`FLAT_CHUNK_BYTES` on the CPU, the whole group elsewhere."""
        if self.flat_chunk is not None:
            return self.flat_chunk
        if param.device.type == "cpu":
            return max(1, FLAT_CHUNK_BYTES // param.element_size())
        return math.inf

    def _step_group_flat(self, gi, group):
        """The rule once per chunk of the group's flat state (see the class docstring)."""
        rule = self.rule
        p_ = self._rule_params(group)
        active = [(index, param) for index, param in enumerate(group["params"]) if param.grad is not None]
        if not active:
            return
        for _, param in active:
            if param.grad.is_sparse:
                raise ValueError(f"optimizer {rule.name!r} does not support sparse gradients.")
        if self._shrinks(group):
            torch._foreach_mul_([param for _, param in active], 1 - group["lr"] * group["weight_decay"])
        buckets = self._flat_buckets(gi, group)
        runs = {}
        for index, param in active:
            state = self.state[param]
            if "step" not in state:
                self._init_state(group, index, param, self._grad(group, param), p_)
            bucket = buckets[(param.dtype, param.device)]
            i = bucket.index[id(param)]
            g = param.grad
            if g.dtype != param.dtype or g.device != param.device or not bucket.adopt(i, state, rule.state):
                self._advance_tensor(group, param, self._grad(group, param), p_)  # per tensor (see the docstring)
                continue
            state["step"] += 1
            runs.setdefault((id(bucket), state["step"]), (bucket, state["step"], []))[2].append(i)
        for bucket, t, positions in runs.values():
            chunk = self._chunk(bucket.params[0])
            viewable = tuple(bucket.params[i].is_contiguous() and bucket.params[i].grad.is_contiguous()
                             for i in positions)
            program = self._program(p_, t)
            if program is None or program.position_dependent:
                # torch's CPU pow gives a vector lane and the scalar tail different last bits, so where the
                # rule takes a power of a tensor (or runs as written) each parameter is one segment, whole
                for i, ok in zip(positions, viewable):
                    param = bucket.params[i]
                    if ok:
                        self._step_segment(group, p_, bucket, t, ("slice", i, 0, param.numel()), program)
                    else:
                        self._advance_tensor(group, param, self._grad(group, param), p_, counted=True)
                continue
            for segment in bucket.plan(tuple(positions), viewable, chunk):
                self._step_segment(group, p_, bucket, t, segment, program)

    def _program(self, p_, t):
        """The rule's step ``t`` recorded on stand-ins (:class:`_Program`), or ``None`` where the rule does more
        than the backend's operations on them (a tensor method, a torch function): it then runs as written."""
        n = len(self.rule.state)
        leaves = [_Lazy("leaf", (k,)) for k in range(n + 2)]
        try:
            new, direction = self.rule.advance(tuple(leaves[:n]), leaves[n], t, p_, _LAZY_B, x=leaves[n + 1])
            return _Program(leaves, (*new, direction), n)
        except Exception:  # noqa: BLE001 - the rule runs eagerly instead and raises its own errors there
            return None

    def _step_segment(self, group, p_, bucket, t, segment, program):
        rule = self.rule
        l2 = bool(group["weight_decay"]) and not group["decoupled_weight_decay"]
        if segment[0] == "slice":
            _, i, a, b = segment
            param = bucket.params[i]
            g, x = param.grad.view(-1)[a:b], param.view(-1)[a:b]
            lo, hi = bucket.offsets[i] + a, bucket.offsets[i] + b
            members = None
        else:
            members = [bucket.params[i] for i in segment[1]]
            g = torch.cat([q.grad.reshape(-1) for q in members])
            x = torch.cat([q.reshape(-1) for q in members]) if (l2 or rule.needs_x) else None
            lo, hi = bucket.offsets[segment[1][0]], bucket.offsets[segment[1][-1] + 1]
        if group["maximize"]:
            g = -g
        if l2:
            g = g.add(x, alpha=group["weight_decay"])
        moments = tuple(bucket.flats[name][lo:hi] for name in rule.state)
        if program is not None:
            *new, direction = program.run([*moments, g, x])
        else:
            new, direction = rule.advance(moments, g, t, p_, _B, x=x)
        pending = [(dst, value) for dst, value in zip(moments, new) if value is not dst]
        if pending:
            def kept(v):  # a state about to be overwritten: keep its old value
                return v.clone() if any(v is m for m in moments) else v

            pending = [(dst, kept(value)) for dst, value in pending]
            direction = kept(direction)
            for dst, value in pending:
                if isinstance(value, torch.Tensor):
                    dst.copy_(value)
                else:
                    dst.fill_(value)
        if members is None:
            x.add_(direction, alpha=-group["lr"])
            return
        if not isinstance(direction, torch.Tensor) or direction.shape != g.shape:
            direction = torch.as_tensor(direction, dtype=g.dtype if not isinstance(direction, torch.Tensor)
                                        else direction.dtype, device=g.device).expand(g.shape)
        parts = direction.split([q.numel() for q in members])
        torch._foreach_add_(members, [d.reshape(q.shape) for d, q in zip(parts, members)], alpha=-group["lr"])

    def _flat_buckets(self, gi, group) -> dict:
        """The group's :class:`_FlatState` per (dtype, device), rebuilt when its parameters changed."""
        store = self.__dict__.setdefault("_flat_state", {})
        by_kind = {}
        for param in group["params"]:
            by_kind.setdefault((param.dtype, param.device), []).append(param)
        out = {}
        for kind, params in by_kind.items():
            bucket = store.get((gi, *kind))
            if bucket is None or not bucket.holds(params):
                bucket = store[(gi, *kind)] = _FlatState(params, self.rule.state)
            out[kind] = bucket
        return out


def _betas(betas, owner="optimizer", example="(0.9, 0.999)"):
    try:
        b1, b2 = betas
    except (TypeError, ValueError):
        raise ValueError(f"{owner}: betas={betas!r} is not a pair; valid values are two numbers in [0, 1). "
                         f"Fix: pass e.g. betas={example}.") from None
    return b1, b2


def _flag(owner, name, value):
    """``value`` if it is a bool, else a ``ValueError`` naming it."""
    if not isinstance(value, bool):
        raise ValueError(f"{owner}: {name}={value!r} is not a boolean; valid values are True or False. "
                         f"Fix: pass {name}=True or {name}=False.")
    return value


_WHY_UNSUPPORTED = {
    "foreach": "it always runs the rule on chunks of many parameters at once, see RuleOptimizer",
    "fused": "it runs the rule's own operations, unfused, see RuleOptimizer",
    "capturable": "the step count is a Python integer, not a device tensor",
    "differentiable": "the step runs under torch.no_grad",
}


def _torch_only(owner, **flags):
    """torch.optim's implementation switches: only their default (off) is accepted."""
    for name, value in flags.items():
        if value is None or value is False:
            continue
        raise ValueError(f"{owner}: {name}={value!r} is not supported ({_WHY_UNSUPPORTED[name]}); valid values "
                         f"are None or False. Fix: drop the {name} argument.")


def _off(owner, name, value, why, fix):
    """A reference implementation's variant the rule does not have: only ``False`` is accepted."""
    _flag(owner, name, value)
    if value:
        raise ValueError(f"{owner}: {name}=True is not supported ({why}); the valid value is False. Fix: {fix}.")


class Adam(RuleOptimizer):
    """``torch.optim.Adam``: :mod:`adamdyn.rules.adam`, or :mod:`adamdyn.rules.amsgrad` with ``amsgrad=True``.

    The signature and defaults are torch's; ``weight_decay`` is the L2 penalty
    ``g + wd * x`` unless ``decoupled_weight_decay`` (then the AdamW shrink).
    ``foreach``, ``fused``, ``capturable`` and ``differentiable`` accept only
    their defaults. Beyond torch: ``bias_correction`` (``False``: the analysis
    form), ``eps_inside`` (``sqrt(v + eps)``) and ``v0`` (``"zero"`` as torch,
    ``"random"``, ``"data"`` or a number; Abuduweili & Liu, 2025); these three
    belong to the Adam rule and are refused with ``amsgrad=True``.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False, bias_correction=True, eps_inside=False, v0="zero", v0_sigma=1.0,
                 v0_seed=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, fused=fused, capturable=capturable, differentiable=differentiable)
        b1, b2 = _betas(betas, owner)
        common = dict(lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=bias_correction,
                      weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay, maximize=maximize)
        if _flag(owner, "amsgrad", amsgrad):
            _off(owner, "eps_inside", eps_inside, "the AMSGrad rule keeps eps outside the root",
                 "drop eps_inside, or use amsgrad=False")
            if not (isinstance(v0, str) and v0 == "zero"):
                raise ValueError(f"{owner}: v0={v0!r} with amsgrad=True is not supported (the AMSGrad rule starts "
                                 "from v = 0); the valid value is 'zero'. Fix: drop v0, or use amsgrad=False.")
            super().__init__(params, "amsgrad", **common)
        else:
            super().__init__(params, "adam", eps_inside=eps_inside, v0=v0, v0_sigma=v0_sigma, v0_seed=v0_seed,
                             **common)


class AdamW(RuleOptimizer):
    """``torch.optim.AdamW``: the :mod:`adamdyn.rules.adamw` rule, whose step carries the decay.

    The rule moves ``x - lr * (adam_step + wd * x)``, torch writes
    ``x (1 - lr wd) - lr * adam_step``: the same step up to rounding. Torch's
    signature and defaults (``weight_decay=1e-2``); the Adam extras
    ``bias_correction``, ``eps_inside`` and ``v0`` as in :class:`Adam`.
    ``amsgrad=True`` has no rule of its own here: ``Adam(params, amsgrad=True,
    weight_decay=wd, decoupled_weight_decay=True)`` is torch's
    ``AdamW(amsgrad=True)``.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False, foreach=None, capturable=False, differentiable=False, fused=None,
                 bias_correction=True, eps_inside=False, v0="zero", v0_sigma=1.0, v0_seed=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, fused=fused, capturable=capturable, differentiable=differentiable)
        _off(owner, "amsgrad", amsgrad, "the AdamW rule has no running maximum",
             "Adam(params, amsgrad=True, weight_decay=wd, decoupled_weight_decay=True) is torch's "
             "AdamW(amsgrad=True)")
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "adamw", lr=lr, beta1=b1, beta2=b2, eps=eps, eps_inside=eps_inside,
                         bias_correction=bias_correction, weight_decay=weight_decay, decoupled_weight_decay=True,
                         maximize=maximize, v0=v0, v0_sigma=v0_sigma, v0_seed=v0_seed)


class NAdam(RuleOptimizer):
    """``torch.optim.NAdam`` from :mod:`adamdyn.rules.nadam` (Dozat, 2016; torch's momentum schedule).

    Torch's signature and defaults; ``decoupled_weight_decay=True`` (torch's
    NAdamW) is the shrink ``x *= 1 - lr * wd`` before the step, as in torch.
    """

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, capturable=capturable, differentiable=differentiable)
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "nadam", lr=lr, beta1=b1, beta2=b2, eps=eps, momentum_decay=momentum_decay,
                         weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay,
                         maximize=maximize)


class RAdam(RuleOptimizer):
    """``torch.optim.RAdam`` from :mod:`adamdyn.rules.radam` (Liu et al., 2020).

    Torch's signature and defaults; ``decoupled_weight_decay=True`` is the
    shrink ``x *= 1 - lr * wd`` before the step, as in torch.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, capturable=capturable, differentiable=differentiable)
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "radam", lr=lr, beta1=b1, beta2=b2, eps=eps, weight_decay=weight_decay,
                         decoupled_weight_decay=decoupled_weight_decay, maximize=maximize)


class Adamax(RuleOptimizer):
    """``torch.optim.Adamax`` from :mod:`adamdyn.rules.adamax` (Kingma & Ba, 2015, Sec. 7.1).

    Torch's signature and defaults (L2 ``weight_decay``); ``bias_correction``
    (torch: always on) can be switched off for the analysis form.
    """

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, foreach=None, *,
                 maximize=False, differentiable=False, capturable=False, bias_correction=True):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, capturable=capturable, differentiable=differentiable)
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "adamax", lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=bias_correction,
                         weight_decay=weight_decay, decoupled_weight_decay=False, maximize=maximize)


class Adagrad(RuleOptimizer):
    """``torch.optim.Adagrad`` from :mod:`adamdyn.rules.adagrad` (Duchi et al., 2011).

    Torch's signature and defaults: ``lr_decay`` divides the rate by
    ``1 + (t - 1) lr_decay``, ``initial_accumulator_value`` starts the sum of
    squares, ``weight_decay`` is the L2 penalty.
    """

    def __init__(self, params, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10,
                 foreach=None, *, maximize=False, differentiable=False, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, fused=fused, differentiable=differentiable)
        super().__init__(params, "adagrad", lr=lr, lr_decay=lr_decay, eps=eps,
                         initial_accumulator_value=initial_accumulator_value, weight_decay=weight_decay,
                         decoupled_weight_decay=False, maximize=maximize)


def _decay_mode(owner, weight_decouple, fixed_decay):
    """pytorch-optimizer's ``weight_decouple`` / ``fixed_decay`` pair -> ``decoupled_weight_decay``."""
    _flag(owner, "weight_decouple", weight_decouple)
    _off(owner, "fixed_decay", fixed_decay, "the decoupled decay here is scaled by lr, x *= 1 - lr * wd",
         "drop fixed_decay and pass weight_decay / lr instead")
    return weight_decouple


class Lion(RuleOptimizer):
    """Lion (Chen et al., 2023, Algorithm 2) from :mod:`adamdyn.rules.lion`.

    The signature of the paper's ``lion_pytorch.py`` and of
    ``pytorch_optimizer.Lion`` (lr ``1e-4``, betas ``(0.9, 0.99)``). The decay
    is in the rule, ``x - lr (sign(c_t) + wd x)``, as Algorithm 2;
    ``weight_decouple=False`` adds the L2 penalty to the gradient instead.
    """

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0, weight_decouple=True,
                 fixed_decay=False, foreach=None, maximize=False):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach)
        b1, b2 = _betas(betas, owner, "(0.9, 0.99)")
        super().__init__(params, "lion", lr=lr, beta1=b1, beta2=b2, weight_decay=weight_decay,
                         decoupled_weight_decay=_decay_mode(owner, weight_decouple, fixed_decay),
                         maximize=maximize)


class Yogi(RuleOptimizer):
    """Yogi (Zaheer et al., 2018, Algorithm 2) from :mod:`adamdyn.rules.yogi`.

    The signature and defaults of ``pytorch_optimizer.Yogi`` (lr ``1e-2``, eps
    ``1e-3``, ``initial_accumulator`` ``1e-6``, decoupled ``weight_decay``),
    with one difference: ``initial_accumulator`` starts the second moment only,
    ``v_0``, while the first moment starts at ``m_0 = 0`` as in Algorithm 2.
    pytorch-optimizer starts both moments at ``initial_accumulator``, so its
    first steps carry an extra ``1e-6`` in ``m``. ``bias_correction`` (on, as in
    pytorch-optimizer; Algorithm 2 has none) divides ``m`` by ``1 - beta1^t``
    and ``v`` by ``1 - beta2^t``.
    """

    def __init__(self, params, lr=1e-2, betas=(0.9, 0.999), initial_accumulator=1e-6, weight_decay=0.0,
                 weight_decouple=True, fixed_decay=False, eps=1e-3, maximize=False, foreach=None, *,
                 bias_correction=True):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach)
        b1, b2 = _betas(betas, owner)
        x = initial_accumulator
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
            raise ValueError(f"{owner}: initial_accumulator={x!r} is out of range; valid range is [0, inf). "
                             "Fix: pass e.g. initial_accumulator=1e-6.")
        super().__init__(params, "yogi", lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=bias_correction,
                         v0=float(x), weight_decay=weight_decay,
                         decoupled_weight_decay=_decay_mode(owner, weight_decouple, fixed_decay), maximize=maximize)


class AdaBound(RuleOptimizer):
    """AdaBound (Luo et al., 2019) from :mod:`adamdyn.rules.adabound`, as the authors' ``adabound`` code.

    The signature and defaults of ``pytorch_optimizer.AdaBound`` (``final_lr``
    ``0.1``, ``gamma`` ``1e-3``; decoupled ``weight_decay``, where the authors'
    package adds the L2 penalty: pass ``weight_decouple=False`` for theirs).
    Like the authors' code and pytorch-optimizer, the step is bias-corrected and
    not divided by ``sqrt(t)`` (the paper's Algorithm 2 divides the clipped
    rate by ``sqrt(t)`` and has no bias correction; ``bias_correction=False``
    drops the correction). ``final_lr`` is fixed: pytorch-optimizer rescales
    it with ``lr`` when a scheduler changes ``lr``, this class does not.
    """

    def __init__(self, params, lr=1e-3, final_lr=1e-1, betas=(0.9, 0.999), gamma=1e-3, weight_decay=0.0,
                 weight_decouple=True, fixed_decay=False, ams_bound=False, eps=1e-8, maximize=False, foreach=None,
                 *, bias_correction=True):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach)
        _off(owner, "ams_bound", ams_bound, "the AdaBound rule has no running maximum", "drop ams_bound")
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "adabound", lr=lr, final_lr=final_lr, beta1=b1, beta2=b2, gamma=gamma, eps=eps,
                         bias_correction=bias_correction, weight_decay=weight_decay,
                         decoupled_weight_decay=_decay_mode(owner, weight_decouple, fixed_decay), maximize=maximize)


class Adafactor(RuleOptimizer):
    """Adafactor (Shazeer & Stern, 2018) from :mod:`adamdyn.rules.adafactor`, per coordinate.

    The signature and defaults of ``transformers``' ``Adafactor`` (the paper's:
    ``lr=None`` with ``relative_step`` gives the rate ``min(1e-2, 1/sqrt(t))``,
    ``eps=(1e-30, 1e-3)``, ``decay_rate=-0.8``, ``clip_threshold=1``, no
    momentum). A number ``lr`` caps the relative step (transformers refuses the
    pair); with ``relative_step=False`` it is the rate.

    The rule is written for one coordinate, and this optimizer treats every
    coordinate as its own block: the second moment is not factored, the update
    is clipped by its own size ``|u|`` and the parameter scale is ``|x|``.
    For one-element parameters this is Adafactor exactly; for a matrix or
    vector it is not the factored optimizer, whose row and column statistics and
    RMS over the whole tensor couple the coordinates. ``beta1`` (the paper
    runs without momentum) averages the scaled, clipped update, as transformers
    and pytorch-optimizer do. ``warmup_init`` is not implemented.

    ``pytorch_optimizer.AdaFactor`` is the big_vision variant: momentum 0.9
    kept in bfloat16, the second-moment decay ``1 - t**decay_rate`` capped at 0.999 (from
    step 5623 on), ``lr`` ignored by the relative step; with ``betas=(None,
    0.999)`` and one-element parameters it is this class's default.
    """

    def __init__(self, params, lr=None, eps=(1e-30, 1e-3), clip_threshold=1.0, decay_rate=-0.8, beta1=None,
                 weight_decay=0.0, scale_parameter=True, relative_step=True, warmup_init=False, *,
                 maximize=False):
        owner = type(self).__name__
        _flag(owner, "relative_step", relative_step)
        _off(owner, "warmup_init", warmup_init, "the rule has no warm-up rate 1e-6 t", "drop warmup_init")
        if lr is None:
            if not relative_step:
                raise ValueError(f"{owner}: lr=None needs relative_step=True; valid values of lr are numbers > 0. "
                                 "Fix: pass lr=1e-3 with relative_step=False, or drop lr.")
            lr = 1e-2
        try:
            eps1, eps2 = eps
        except (TypeError, ValueError):
            raise ValueError(f"{owner}: eps={eps!r} is not a pair; valid values are two numbers >= 0. "
                             "Fix: pass e.g. eps=(1e-30, 1e-3).") from None
        super().__init__(params, "adafactor", lr=lr, eps1=eps1, eps2=eps2, clip_threshold=clip_threshold,
                         decay_rate=decay_rate, beta1=0.0 if beta1 is None else beta1, weight_decay=weight_decay,
                         scale_parameter=scale_parameter, relative_step=relative_step,
                         decoupled_weight_decay=True, maximize=maximize)


class AdaMomentum(RuleOptimizer):
    """AdaMomentum (Wang et al., 2021) from :mod:`adamdyn.rules.adamomentum`; eps inside the root."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-16, weight_decay=0.0, *,
                 bias_correction=True, **kw):
        b1, b2 = _betas(betas)
        super().__init__(params, "adamomentum", lr=lr, beta1=b1, beta2=b2, eps=eps,
                         bias_correction=bias_correction, weight_decay=weight_decay, **kw)


class AdaBelief(RuleOptimizer):
    """AdaBelief (Zhuang et al., 2020, Algorithm 2) from :mod:`adamdyn.rules.adabelief`.

    The signature of the authors' ``adabelief-pytorch`` (eps ``1e-16``, which
    enters both :math:`s_t` and the denominator, as Algorithm 2 and the
    authors' code; decoupled ``weight_decay``), with ``rectify=False``: the
    RAdam-style rectification the authors' package turns on by default is not
    part of Algorithm 2 (``pytorch_optimizer.AdaBelief`` defaults to off, too).
    ``amsgrad``, ``rectify`` and ``fixed_decay`` accept only ``False``.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-16, weight_decay=0.0, amsgrad=False,
                 weight_decouple=True, fixed_decay=False, rectify=False, *, maximize=False, foreach=None,
                 bias_correction=True):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach)
        _off(owner, "amsgrad", amsgrad, "the AdaBelief rule has no running maximum", "drop amsgrad")
        _off(owner, "rectify", rectify, "the AdaBelief rule is Algorithm 2, without rectification",
             "drop rectify")
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "adabelief", lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=bias_correction,
                         weight_decay=weight_decay,
                         decoupled_weight_decay=_decay_mode(owner, weight_decouple, fixed_decay), maximize=maximize)


class S3(RuleOptimizer):
    """SoftSignSGD (Peng et al., 2025) from :mod:`adamdyn.rules.s3`: order ``p``, one ``beta``, Nesterov."""

    def __init__(self, params, lr=1e-3, beta=0.95, p=1.0, nesterov=True, eps=1e-8, weight_decay=0.0, **kw):
        super().__init__(params, "s3", lr=lr, beta=beta, p=p, nesterov=nesterov, eps=eps,
                         weight_decay=weight_decay, **kw)


class RMSProp(RuleOptimizer):
    """RMSProp from :mod:`adamdyn.rules.rmsprop` (no momentum, eps outside the root)."""

    def __init__(self, params, lr=1e-3, beta2=0.99, eps=1e-8, weight_decay=0.0, **kw):
        super().__init__(params, "rmsprop", lr=lr, beta2=beta2, eps=eps, weight_decay=weight_decay, **kw)


class Momentum(RuleOptimizer):
    """Heavy-ball momentum from :mod:`adamdyn.rules.momentum` (plain, or EMA with ``ema=True``)."""

    def __init__(self, params, lr=1e-2, beta=0.9, ema=False, weight_decay=0.0, **kw):
        super().__init__(params, "momentum", lr=lr, beta=beta, ema=ema, weight_decay=weight_decay, **kw)


class GD(RuleOptimizer):
    """Gradient descent from :mod:`adamdyn.rules.gd` (plain SGD on mini-batches)."""

    def __init__(self, params, lr=1e-2, weight_decay=0.0, **kw):
        super().__init__(params, "gd", lr=lr, weight_decay=weight_decay, **kw)


class SignGD(RuleOptimizer):
    """Sign descent from :mod:`adamdyn.rules.signgd` (``g/|g|``: undefined where ``g = 0``)."""

    def __init__(self, params, lr=1e-3, weight_decay=0.0, **kw):
        super().__init__(params, "signgd", lr=lr, weight_decay=weight_decay, **kw)


OPTIMIZERS = {
    "adam": Adam, "adamw": AdamW, "nadam": NAdam, "radam": RAdam, "adamax": Adamax, "adagrad": Adagrad,
    "lion": Lion, "yogi": Yogi, "adabound": AdaBound, "adafactor": Adafactor,
    "adamomentum": AdaMomentum, "adabelief": AdaBelief, "s3": S3,
    "rmsprop": RMSProp, "momentum": Momentum, "gd": GD, "sgd": GD, "signgd": SignGD,
}


def make_optimizer(name: str, params, **kw) -> RuleOptimizer:
    """Build the optimizer called ``name`` (see :data:`OPTIMIZERS`) on ``params``."""
    try:
        cls = OPTIMIZERS[str(name).lower()]
    except KeyError:
        raise ValueError(
            f"unknown torch optimizer {name!r}; valid names are {', '.join(OPTIMIZERS)}. Fix: pick one of those."
        ) from None
    return cls(params, **kw)
