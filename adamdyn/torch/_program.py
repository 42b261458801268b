"""How :class:`~adamdyn.torch.optim.RuleOptimizer` runs a rule on many parameters at once.

A rule is written for one coordinate. The flat path calls it once per step on stand-ins (:class:`_Lazy`) that
record each operation into a :class:`_Program`, then runs the recorded operations on every chunk of a
:class:`_FlatState` (one contiguous tensor per state variable). Every operation is the one the rule names, so the
numbers are those of the rule run eagerly, bit for bit.
"""

from __future__ import annotations

import operator
from types import SimpleNamespace

import torch

from ..backend import torch_backend

_B = torch_backend()


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

