"""How :class:`~adamdyn.torch.optim.RuleOptimizer` runs a rule on many parameters at once.

A rule is written for one coordinate. The flat path calls it on stand-ins (:class:`_Lazy`) that record each
operation into a :class:`_Graph`, then runs the recorded operations on every chunk of a :class:`_FlatState`
(one contiguous tensor per state variable): on the CPU in float32 and float64 as one numba loop over the chunk's
elements (:mod:`._loop`, where the program allows), else compiled into one Python function of torch calls per
program (below).

Every operation is the one the rule names, except the fusions of :mod:`._fuse` (:data:`FUSE`): ``a*X + b*Y`` runs as
``torch.add(a*X, Y, alpha=b)``, ``a*X + b*(Y*Y)`` as ``torch.addcmul``, ``a*X + (1-a)*Y`` as ``torch.lerp`` (Adam's
two moments, as ``torch.optim.Adam`` computes them), and the parameter's step ``x -= lr * N / D`` as
``x.addcdiv_(N, D, value=-lr)`` (fewer passes over memory each). Those round once where the rule as written
rounds two or three times, so the numbers differ from an eager evaluation of the rule in the last bits (a few
units in the last place per step; tested). Every operation is elementwise, so the flat path gives the same
numbers as the same program run per parameter tensor (``flat=False``), bit for bit, whatever the chunks; with
``FUSE = False`` it is the rule run eagerly, bit for bit.

A step whose numbers make an operation return its operand unchanged skips it (:data:`_KEEPS_OPERAND`: ``X * 1``,
``X / 1``, ``X - 0``, ``X + 0`` onto a square; Adafactor's defaults ``clip_threshold = 1``, a rate of 1, ``eps1 = 0``):
exact, so the numbers stay bit for bit those of the rule run as written. Programs are kept per such choice.

The step count ``t`` and the rule's numeric parameters are stand-ins too, so one recording serves every step:
the operations that depend only on them (bias corrections ``beta**t``, RAdam's ``rho_t`` and its
``B.where(rho_t > 5, ...)``, NAdam's momentum schedule) form a scalar program that each step evaluates once, in
Python's float64 arithmetic exactly as the eager rule does, and the tensor operations take its results as
numbers. A rule that cannot run on a stand-in ``t`` (a Python ``if`` on it) is recorded anew at every step.
"""

from __future__ import annotations

import functools
import math

import torch

from ..rules.base import Params
from . import _graph, _loop
from ._fuse import STEP_OPS, clampable, fuse, number, with_step
from ._record import _EAGER, _LAZY_B, _Lazy, _walk

# -- recording a rule on stand-ins ------------------------------------------------------------------------------
# operations with an ``out=`` form: name -> (torch function, in-place method name, commutative)
_INTO_BINARY = {"add": (torch.add, "add_", True), "mul": (torch.mul, "mul_", True),
                "sub": (torch.sub, "sub_", False), "div": (torch.div, "div_", False),
                "pow": (torch.pow, "pow_", False), "B.pow": (torch.pow, "pow_", False)}
_INTO_UNARY = {"neg": (torch.neg, "neg_"), "abs": (torch.abs, "abs_"), "B.abs": (torch.abs, "abs_"),
               "B.sqrt": (torch.sqrt, "sqrt_"), "B.sign": (torch.sign, "sign_")}
_INTO_PAIR = {"B.max": torch.maximum, "B.min": torch.minimum}
# the parameter's step (see ._fuse.with_step): name -> (x's in-place method, keyword of the coefficient)
_STEP = {"x_add": ("add_", "alpha"), "x_addcdiv": ("addcdiv_", "value"), "x_addcmul": ("addcmul_", "value"),
         "x_shrink": ("mul_", None)}
# the operations a prelude runs on vectors of lone states' numbers (see _Program.prelude): each rounds its
# element's result once, so a vector's element is the number a lone 0-d tensor gives, whatever the vector's length
_PRELUDE_OPS = frozenset({"add", "sub", "mul", "div", "neg", "abs", "B.abs", "B.sqrt", "B.max", "B.min", "B.sign"})
# fused operations (see ._fuse): name -> (torch function, in-place method, keyword of the number)
_FUSED = {"axpy": (torch.add, "add_", "alpha"), "axpyy": (torch.addcmul, "addcmul_", "value"),
          "lerp": (torch.lerp, "lerp_", "weight")}



def _lazy_param(q, value) -> bool:
    """Whether a parameter enters a recording as a stand-in (a number, not a flag)."""
    return q.kind != "bool" and number(value)


def baked(rule, p_) -> tuple:
    """The parameter values a recording with stand-ins holds as they are (flags): part of its cache key."""
    return tuple((q.name, getattr(p_, q.name)) for q in rule.params if not _lazy_param(q, getattr(p_, q.name)))


def record(rule, p_, t, lazy_scalars=True):
    """The rule's step on stand-ins, as a :class:`_Graph`; ``None`` where it cannot be recorded.

    ``lazy_scalars``: ``t`` and every numeric parameter are stand-ins too (one recording for every step; a rule
    that branches on them in Python raises ``TypeError`` here and gives ``None``); ``False``: they are the
    numbers of step ``t`` (a recording good for that step only).
    """
    n = len(rule.state)
    leaves = [_Lazy("leaf", (k,)) for k in range(n + 2)]
    scalar_leaves, scalar_names = [], []
    if lazy_scalars:
        values = {}
        for q in rule.params:
            value = getattr(p_, q.name)
            if _lazy_param(q, value):
                values[q.name] = _Lazy("leaf", ("param", q.name))
                scalar_leaves.append(values[q.name])
                scalar_names.append(q.name)
            else:
                values[q.name] = value
        p_ = Params(**{**vars(p_), **values})
        t = _Lazy("leaf", ("t",))
        scalar_leaves.insert(0, t)
    try:
        new, direction = rule.advance(tuple(leaves[:n]), leaves[n], t, p_, _LAZY_B, x=leaves[n + 1])
        return _Graph(leaves, (*new, direction), n, scalar_leaves, tuple(scalar_names))
    except Exception:  # noqa: BLE001 - the rule runs eagerly instead and raises its own errors there
        return None


class _Graph:
    """A rule's step recorded once: its tensor operations and the scalar program (``t`` and the parameters).

    :meth:`scalars` evaluates the scalar program for one step; :meth:`program` gives the tensor program for
    those values (cached per branch of each ``B.where`` on a scalar and per Python type of the numbers the
    tensor operations read).
    """

    def __init__(self, leaves, outputs, nstate, scalar_leaves=(), scalar_names=()):
        self.leaves, self.outputs, self.nstate = leaves, outputs, nstate
        self.scalar_names = scalar_names
        leaf_ids = {id(q) for q in leaves} | {id(q) for q in scalar_leaves}
        # the outputs direction first: the order the operations run in (see _Program)
        nodes = _walk((outputs[-1], *outputs[:-1]), leaf_ids)
        tensor = {id(q) for q in leaves}
        for n in nodes:
            if any(isinstance(a, _Lazy) and id(a) in tensor for a in n.args):
                tensor.add(id(n))
        self.scalar_nodes = [n for n in nodes if id(n) not in tensor]
        self.slot = {id(q): k for k, q in enumerate(scalar_leaves)}
        for n in self.scalar_nodes:
            self.slot[id(n)] = len(self.slot)
        self.nscalar_leaves = len(scalar_leaves)
        # the scalar program: (eager function, argument refs) per node, refs ("s", slot) or ("c", number)
        self.scalar_steps = tuple((_EAGER[n.op], tuple(self._sref(a) for a in n.args)) for n in self.scalar_nodes)
        # B.where on a scalar condition with a tensor branch: the branch is chosen per step
        self.branches = tuple(n for n in nodes if id(n) in tensor and n.op == "B.where"
                              and id(n.args[0]) not in tensor)
        self.tensor = tensor
        # the numbers a tensor operation adds, subtracts, multiplies or divides by: at a step where one is the
        # identity of its operation (Adafactor's clip_threshold 1, eps1 0, rate 1) the program skips it (_Program)
        self.unit_slots = tuple(sorted({self.slot[id(a)] for n in nodes
                                        if id(n) in tensor and n.op in ("add", "sub", "mul", "div")
                                        for a in n.args if isinstance(a, _Lazy) and id(a) in self.slot}))
        # the numbers a tensor B.max / B.min compares with: where both bounds of a B.min(B.max(X, a), b) can be no
        # zero in any float dtype at a step (._fuse.clampable), the program clamps in one pass
        self.bound_slots = tuple(sorted({self.slot[id(a)] for n in nodes if id(n) in tensor and n.op in ("B.max", "B.min")
                                         for a in n.args if isinstance(a, _Lazy) and id(a) in self.slot}))
        self.programs = {}

    @functools.cached_property
    def lone_states(self) -> tuple:
        """The states whose new value reads no tensor but their own old value (NAdam's ``mu_product``: a number
        per parameter that only ``t`` moves); the optimizer keeps such a state as one number per parameter, and the
        flat path computes what is made of such numbers alone once per step for all parameters
        (:meth:`_Program.prelude`)."""
        leaf = {id(q): k for k, q in enumerate(self.leaves)}
        out = []
        for k in range(self.nstate):
            reached, seen, stack = set(), set(), [self.outputs[k]]
            while stack:
                n = stack.pop()
                if not isinstance(n, _Lazy) or id(n) in seen:
                    continue
                seen.add(id(n))
                if id(n) in leaf:
                    reached.add(leaf[id(n)])
                else:
                    stack.extend(n.args)
            if reached <= {k}:
                out.append(k)
        return tuple(out)

    def _sref(self, a):
        return ("s", self.slot[id(a)]) if isinstance(a, _Lazy) else ("c", a)

    def scalars(self, t, p_):
        """The scalar program's values at step ``t`` (slot order), computed as the eager rule computes them."""
        if not self.nscalar_leaves:
            return []
        s = [t, *(getattr(p_, name) for name in self.scalar_names)]
        for fn, args in self.scalar_steps:
            s.append(fn(*[s[x] if kind == "s" else x for kind, x in args]))
        return s

    def program(self, s, skip=True):
        """The tensor program for the scalar values ``s`` (:meth:`scalars`); with ``skip``, one that skips the
        operations these values make return an operand unchanged (:data:`_KEEPS_OPERAND`)."""
        choice = tuple(bool(s[self.slot[id(n.args[0])]]) for n in self.branches)
        units = tuple(identity(s[k]) for k in self.unit_slots) if skip else None
        bounds = tuple(clampable(s[k]) for k in self.bound_slots) if skip else None
        key = (choice, tuple(type(v) if not isinstance(v, torch.Tensor) else v.dtype for v in s), units, bounds)
        prog = self.programs.get(key)
        if prog is None:
            if len(self.programs) > 32:
                self.programs.clear()
            prog = self.programs[key] = _Program(self, dict(zip(map(id, self.branches), choice)),
                                                 dict(zip(self.unit_slots, units or ())),
                                                 {k for k, ok in zip(self.bound_slots, bounds or ()) if ok})
        return prog


# the operations that return an operand X bit for bit where the other is the identity, so a program skips them:
# op -> (X's position, the other's identity tag (see identity), whether X must be never -0). X * 1, 1 * X, X / 1,
# X - (+0) and X + (-0) hold for every X (NaN, inf, -0 included); X + (+0) only where X is never -0 (-0 + 0 is +0):
# a square or an absolute value (Adafactor's g*g + eps1 at eps1 = 0)
_KEEPS_OPERAND = {"mul": ((0, "1", False), (1, "1", False)), "div": ((0, "1", False),), "sub": ((0, "+0", False),),
                  "add": ((0, "-0", False), (1, "-0", False), (0, "+0", True), (1, "+0", True))}


def identity(v):
    """``"1"``, ``"+0"`` or ``"-0"`` for a Python number that is one or a zero (of that sign), ``"t1"``, ``"t+0"``,
    ``"t-0"`` for such a 0-d floating tensor on the CPU (what the scalar program's ``B.min(1.0, c)`` gives), else
    ``None``."""
    tag = ""
    if isinstance(v, torch.Tensor):
        if v.ndim or not v.dtype.is_floating_point or v.device.type != "cpu":
            return None
        v, tag = v.item(), "t"
    elif not number(v):
        return None
    if v == 1:
        return tag + "1"
    if v == 0:
        return tag + ("-0" if math.copysign(1.0, v) < 0 else "+0")
    return None


class _Program:
    """A :class:`_Graph`'s tensor operations for one choice of branches, run on chunk after chunk.

    The first :meth:`run` evaluates the operations (direction first, then the states) and decides, for each,
    where it writes: into the state it produces (or into an operand) when that old value has no reader left,
    into a scratch buffer of the program, or a new tensor where the operation has no ``out=`` form. It then
    compiles that plan into one Python function (one torch call per operation) that later runs replay.
    """

    def __init__(self, graph, choice, units=None, clampable_slots=()):
        self.graph = graph
        nleaf = len(graph.leaves)
        units = units or {}

        def resolve(a):
            while isinstance(a, _Lazy) and id(a) in choice:
                a = a.args[1] if choice[id(a)] else a.args[2]
            return a

        def follow(n):
            return [resolve(a) for a in n.args if not (isinstance(a, _Lazy) and id(a) in graph.slot)]

        outputs = tuple(resolve(o) for o in graph.outputs)
        stop = {id(q) for q in graph.leaves} | set(graph.slot)
        order = _walk((outputs[-1], *outputs[:-1]), stop, follow)
        self.regs = {id(q): k for k, q in enumerate(graph.leaves)}
        for n in order:
            self.regs[id(n)] = len(self.regs)
        self.order = order
        # one operation for repeats of the same operation on the same operands (S3 takes |g|^p twice): the same
        # numbers, computed once; a product by a number is left to the fusions of _fused
        nodes, alias, seen = [], {}, {}

        def ref(a):
            r = self._ref(resolve(a))
            return ("r", alias.get(r[1], r[1])) if r[0] == "r" else r

        def key(r):
            return r if r[0] != "c" else ("c", type(r[1]), r[1] if isinstance(r[1], (int, float)) else id(r[1]))

        made = {}  # reg -> (op, args) of the operations kept
        lone = set(graph.lone_states)  # registers made of lone states alone: 0-d tensors on the per-tensor path

        def unit(r, u):
            """The identity tag of number ``r`` for operand ``u``: a 0-d tensor counts only beside a register of
            the parameter's shape, whose dtype it cannot change (two 0-d tensors promote to the wider dtype)."""
            tag = units.get(r[1]) if r[0] == "s" else identity(r[1]) if r[0] == "c" else None
            if tag and tag[0] == "t":
                return None if u[1] in lone else tag[1:]
            return tag

        def never_minus_zero(r):
            """Whether register ``r`` holds a square or an absolute value (``+0`` where it is zero)."""
            op, args = made.get(r[1], (None, ()))
            return (op == "mul" and args[0] == args[1]) or op in ("abs", "B.abs")

        def unchanged(op, args):
            """The operand an operation returns bit for bit at these numbers (:data:`_KEEPS_OPERAND`), else
            ``None``."""
            if len(args) != 2:
                return None
            for i, tag, guarded in _KEEPS_OPERAND.get(op, ()):
                u, w = args[i], args[1 - i]
                if u[0] == "r" and unit(w, u) == tag and not (guarded and not never_minus_zero(u)):
                    return u
            return None

        for reg, n in enumerate(order, start=nleaf):
            args = tuple(ref(a) for a in n.args)
            same = unchanged(n.op, args)
            if same is not None:  # skipped: later readers take the operand itself
                alias[reg] = same[1]
                continue
            made[reg] = (n.op, args)
            if any(a[0] == "r" for a in args) and all(a[1] in lone for a in args if a[0] == "r"):
                lone.add(reg)
            k = (n.op, tuple(key(a) for a in args))
            if not (n.op == "mul" and any(a[0] != "r" for a in args)) and k in seen:
                alias[reg] = seen[k]
                continue
            seen[k] = reg
            nodes.append((reg, (n.op, args)))
        self.nodes = nodes
        self.node_of = dict(nodes)
        self.clampable = frozenset(clampable_slots)  # the bound slots no zero at the steps this program serves
        self.output_refs = tuple(ref(o) for o in outputs)
        self.nleaf = nleaf
        self.position_dependent = any(n.op in ("pow", "B.pow") for n in order)
        self.fuse = FUSE
        # the scalar program's operations, slot -> (op, argument refs): fusions read how a number was made
        self.scalar_defs = {graph.slot[id(n)]: (n.op, tuple(graph._sref(a) for a in n.args))
                            for n in graph.scalar_nodes}
        self.compiled = {}  # (takes the parameter's step, reads a prelude) -> _Compiled
        self.preludes = {}  # the lone nodes per fusion choice (see prelude)

    def _ref(self, a):
        if isinstance(a, _Lazy):
            return ("s", self.graph.slot[id(a)]) if id(a) in self.graph.slot else ("r", self.regs[id(a)])
        return ("c", a)

    def run(self, values, s, lr=None, pre=None, loop=True):
        """Outputs of the step on the chunk whose leaf tensors are ``values`` (states first, then ``g`` and ``x``;
        ``s``: the scalar values of the step); state outputs already written into their leaf are returned as that
        leaf. With ``lr`` a number and ``x`` a tensor the program also takes the parameter's step ``x -= lr *
        direction`` in place and returns ``None`` as the direction (fused where :data:`FUSE`).

        ``pre``: ``(values, i)`` with ``values`` what :meth:`prelude` gave and ``i`` this chunk's parameter in its
        vectors; the chunk then reads the lone nodes' numbers from there instead of computing them, and its lone
        states' outputs are ``None`` (the prelude has them).

        ``loop``: a step of CPU float32 or float64 tensors runs as one numba loop over the elements
        (:mod:`._loop`) where the program allows, one of CUDA tensors as the same statements in one CUDA kernel
        (:func:`._graph.step`); ``False``: always the torch operations."""
        steps = number(lr) and isinstance(values[-1], torch.Tensor)
        lone = self.graph.lone_states
        cuda_pre = pre is not None and isinstance(pre[0], torch.Tensor)  # (a flat step's Q and column, _graph.prelude)
        if loop and steps and _graph.runs(values, lr, lone):
            out = _graph.step(self, values, s, lr, pre)
            if out is not None:
                return out
        if cuda_pre:
            raise RuntimeError("adamdyn.torch: a chunk read a CUDA prelude but cannot take the CUDA kernel")
        if loop and steps and lone and pre is None and _loop.runs(values, lr, lone) and all(
                isinstance(values[k], torch.Tensor) and values[k].ndim == 0 for k in lone):
            # a whole tensor with its lone states as 0-d tensors (flat=False): its own prelude, as a chunk's
            pre = self.prelude({k: values[k].reshape(1) for k in lone}, s)
            body = None if pre is None else _loop.loop(self, s, (pre, 0))
            if body is not None:
                body(values, s, lr, (pre, 0))
                return [*(pre[("state", k)][0] if k in lone else values[k] for k in range(self.graph.nstate)), None]
        elif loop and steps and _loop.runs(values, lr, lone if pre is not None else ()):
            body = _loop.loop(self, s, pre)
            if body is not None:  # the whole step as one numba loop over the chunk's elements
                body(values, s, lr, pre)
                return [*(None if pre is not None and k in lone else values[k] for k in range(self.graph.nstate)),
                        None]
        compiled = self.compiled.get((steps, pre is not None))
        if compiled is None:
            return self._record(list(values), s, lr if steps else None, pre)
        g = values[self.graph.nstate]
        return compiled.fn(*values, s, compiled.buffers(g.shape, g.device), lr, *(pre or (None, None)))

    def _lone_nodes(self, s, unfused=False):
        """The operations that read only lone states (:attr:`_Graph.lone_states`), numbers and each other, in
        order, and only the exactly rounded ones (:data:`_PRELUDE_OPS`): each gives a vector's element the bits
        it gives a lone 0-d tensor. Empty where a lone state's new value is not among them. ``unfused``: among
        :attr:`nodes` (the generated kernels' operations), not the fused ones the torch operations run."""
        key = self.fuse and not unfused
        got = self.preludes.get(key)
        if got is not None:
            return got
        lone = set(self.graph.lone_states)
        got = []
        for reg, (op, args) in (fuse(self, s) if key else self.nodes):
            regs = [x for kind, x in args if kind == "r"]
            if (op in _PRELUDE_OPS and regs and all(kind in ("r", "s", "c") for kind, _ in args)
                    and all(x in lone for x in regs)):
                lone.add(reg)
                got.append((reg, (op, args)))
        if not all(self.output_refs[k][0] == "r" and self.output_refs[k][1] in lone
                   for k in self.graph.lone_states):
            got = []
        self.preludes[key] = got
        return got

    def prelude(self, lone, s) -> dict | None:
        """The lone nodes (:meth:`_lone_nodes`) once for many parameters: ``lone`` maps each lone state (its index)
        to a vector of one number per parameter; gives ``reg -> vector`` for every lone node and the lone states'
        new values as ``("state", k) -> vector``, or ``None`` where the program has no lone nodes. NAdam's
        ``mu_product`` and the numbers made from it then cost a few operations per step, not per chunk."""
        nodes = self._lone_nodes(s)
        if not nodes:
            return None
        regs = dict(lone)
        for reg, (op, args) in nodes:
            regs[reg] = _EAGER[op](*[regs[x] if kind == "r" else s[x] if kind == "s" else x for kind, x in args])
        for k in self.graph.lone_states:
            regs[("state", k)] = regs[self.output_refs[k][1]]
        return regs

    def _record(self, values, s, lr, pre=None):
        """Run the operations on the first chunk, deciding where each writes, and compile the plan (with the
        parameter's step where ``lr`` is a number; reading the lone nodes from a :meth:`prelude` where ``pre``)."""
        nleaf, nstate = self.nleaf, self.graph.nstate
        g = values[nstate]
        shape, device = g.shape, g.device
        regs = values + [None] * len(self.order)
        nodes = fuse(self, s) if self.fuse else self.nodes
        prel = pre is not None
        if lr is not None:
            stepped = with_step(self, nodes, s, self.fuse)
            if stepped is None:  # a new state is x itself: the caller takes the step after the states
                out = self.run(values, s, None, pre) if (False, prel) in self.compiled else self._record(
                    values, s, None, pre)
                self.compiled[(True, prel)] = self.compiled[(False, prel)]
                return out
            nodes = stepped
        taken = []  # the lone nodes' registers read from the prelude
        if pre is not None:
            lone = {reg for reg, _ in self._lone_nodes(s)}
            nodes = [n for n in nodes if n[0] not in lone]
            outs = [r for k, r in enumerate(self.output_refs) if k not in self.graph.lone_states]
            taken = sorted({x for _, (_, args) in nodes for k, x in args if k == "r" and x in lone}
                           | {x for k, x in outs if k == "r" and x in lone})
            for reg in taken:
                regs[reg] = pre[0][reg][pre[1]]
        uses = [0] * len(regs)
        for _, (_, args) in nodes:
            for kind, x in args:
                if kind == "r":
                    uses[x] += 1
        for kind, x in self.output_refs:
            if kind == "r":
                uses[x] += 1
        target = {}  # the node that produces new state k -> k (its first slot)
        for k, (kind, x) in enumerate(self.output_refs[:-1]):
            if kind == "r" and x >= nleaf:
                target.setdefault(x, k)
        # locations a result may be written into: state slot k ("L", k), scratch ("T", dtype, i), an eager
        # result ("R", reg); holder: the register whose value a location holds now
        holder = {("L", k): k for k in range(nstate)}
        where = {k: ("L", k) for k in range(nstate)}
        consts, lines, nscratch = {}, [], {}

        def name(ref):
            kind, x = ref
            if kind == "n":
                return f"-{name(x)}"
            if kind == "u":  # a coefficient of the parameter's step (see ._fuse.STEP_OPS)
                how, c = x
                return "-LR" if how == "neg" else {"div": "-(LR / {})", "mul": "-(LR * {})",
                                                    "shrink": "1 - LR * {}"}[how].format(name(c))
            if kind == "r":
                return f"R{x}"
            if kind == "s":
                return f"S[{x}]"
            key = ("c", id(x))
            if key not in consts:
                consts[key] = (f"C{len(consts)}", x)
            return consts[key][0]

        def value(ref):
            kind, x = ref
            if kind == "n":
                return -value(x)
            if kind == "u":
                how, c = x
                return -lr if how == "neg" else {"div": lambda v: -(lr / v), "mul": lambda v: -(lr * v),
                                                  "shrink": lambda v: 1 - lr * v}[how](value(c))
            return regs[x] if kind == "r" else s[x] if kind == "s" else x

        def dead(loc):
            h = holder.get(loc)
            return h is None or uses[h] == 0

        def fits(loc, dtype):
            if loc[0] == "T":
                return loc[1] == dtype
            o = regs[holder[loc]] if loc[0] == "L" else regs[loc[1]]
            return (isinstance(o, torch.Tensor) and o.dtype == dtype and o.shape == shape
                    and (loc[0] == "L" or o._base is None))

        def tensor_of(loc):
            if loc[0] == "T":
                return scratch[loc]
            return regs[holder[loc]] if loc[0] == "L" else regs[loc[1]]

        scratch = {}
        for reg, (op, args) in nodes:
            vals = [value(a) for a in args]
            for kind, x in args:
                if kind == "r":
                    uses[x] -= 1
            if op in STEP_OPS:  # the parameter's step, in place on x
                method, keyword = _STEP[op]
                names = [name(a) for a in args]
                if keyword:
                    getattr(regs[nleaf - 1], method)(*vals[:-1], **{keyword: vals[-1]})
                else:
                    getattr(regs[nleaf - 1], method)(*vals)
                rest = ", ".join(names[:-1] + [f"{keyword}={names[-1]}" if keyword else names[-1]])
                lines.append(f"R{nleaf - 1}.{method}({rest})")
                continue
            tensors = [v for v in vals if isinstance(v, torch.Tensor)]
            dtype = None
            if tensors and all(v.shape in (shape, ()) for v in tensors):
                if op in _INTO_UNARY and isinstance(vals[0], torch.Tensor) and vals[0].dtype.is_floating_point:
                    dtype = vals[0].dtype
                elif op in _INTO_PAIR and not (len(tensors) == 2 and (tensors[0].dtype, tensors[0].device)
                                               != (tensors[1].dtype, tensors[1].device)):
                    dtype = (vals[0] if isinstance(vals[0], torch.Tensor) else vals[1]).dtype
                elif op in _INTO_BINARY and (isinstance(vals[0], torch.Tensor) or _INTO_BINARY[op][2]
                                             or (op in ("sub", "div") and vals[1].dtype.is_floating_point)):
                    dtype = torch.result_type(*vals)
                elif op in _FUSED:
                    dtype = torch.result_type(vals[0], vals[1])
                elif op == "clamp" and isinstance(vals[0], torch.Tensor):
                    dtype = vals[0].dtype
                if dtype is not None and not any(v.shape == shape for v in tensors):
                    dtype = None  # a 0-d result: no buffer
            out = None
            if dtype is not None:
                candidates = []
                k = target.get(reg)
                if k is not None:
                    candidates.append(("L", k))
                candidates += [where[x] for kind, x in args if kind == "r" and x in where]
                for loc in candidates:
                    if dead(loc) and fits(loc, dtype):
                        out = loc
                        break
                if out is None:
                    i = 0
                    while ("T", dtype, i) in scratch and not dead(("T", dtype, i)):
                        i += 1
                    out = ("T", dtype, i)
                    if out not in scratch:
                        scratch[out] = torch.empty(shape, dtype=dtype, device=device)
                        nscratch[dtype] = max(nscratch.get(dtype, 0), i + 1)
            names = [name(a) for a in args]
            if out is None and op in _FUSED:
                fn, _, keyword = _FUSED[op]
                regs[reg] = fn(*vals[:-1], **{keyword: vals[-1]})
                lines.append(f"R{reg} = {name(('c', fn))}({', '.join(names[:-1])}, {keyword}={names[-1]})")
                where[reg] = ("R", reg)
                holder[("R", reg)] = reg
                continue
            if out is None:
                fn = _EAGER[op]
                regs[reg] = fn(*vals)
                clone = isinstance(regs[reg], torch.Tensor) and any(regs[reg] is v for v in vals)
                if clone:
                    regs[reg] = regs[reg].clone()  # never a temporary that is also an input
                f = name(("c", fn))
                lines.append(f"R{reg} = {f}({', '.join(names)})" + (".clone()" if clone else ""))
                where[reg] = ("R", reg)
                holder[("R", reg)] = reg
                continue
            o = tensor_of(out)
            oname = f"R{holder[out]}" if out[0] == "L" else f"R{out[1]}" if out[0] == "R" else _tname(dtype, out[2])
            inplace = [i for i, v in enumerate(vals) if v is o]
            if op in _INTO_UNARY:
                fn, method = _INTO_UNARY[op]
                regs[reg] = fn(vals[0], out=o)
                code = f"{names[0]}.{method}()" if inplace else f"{name(('c', fn))}({names[0]}, out={oname})"
            elif op in _FUSED:
                fn, method, keyword = _FUSED[op]
                regs[reg] = fn(*vals[:-1], **{keyword: vals[-1]}, out=o)
                rest = ", ".join(names[1:-1]) + f", {keyword}={names[-1]}"
                code = (f"{names[0]}.{method}({rest})" if vals[0] is o
                        else f"{name(('c', fn))}({names[0]}, {rest}, out={oname})")
            elif op == "clamp":
                regs[reg] = torch.clamp(vals[0], min=vals[1], max=vals[2], out=o)
                code = (f"{names[0]}.clamp_(min={names[1]}, max={names[2]})" if vals[0] is o
                        else f"{name(('c', torch.clamp))}({names[0]}, min={names[1]}, max={names[2]}, out={oname})")
            elif op in _INTO_PAIR:
                fn = _INTO_PAIR[op]
                pair = _pair(*vals)
                regs[reg] = fn(*pair, out=o)
                pa = [names[i] if isinstance(vals[i], torch.Tensor) and vals[i].dtype == dtype
                      else None for i in range(2)]
                if None in pa:
                    code = f"{name(('c', fn))}(*{name(('c', _pair))}({', '.join(names)}), out={oname})"
                else:
                    code = f"{name(('c', fn))}({pa[0]}, {pa[1]}, out={oname})"
            else:
                fn, method, commutative = _INTO_BINARY[op]
                a, b = vals
                if not commutative and not isinstance(a, torch.Tensor):
                    # a number first, as Tensor.__rsub__ / __rdiv__ compute it: a - b = (-b) + a (exact), and
                    # a / b = reciprocal(b) * a
                    first, then = ("neg", "add_") if op == "sub" else ("reciprocal", "mul_")
                    regs[reg] = getattr(torch, first)(b, out=o)
                    getattr(o, then)(a)
                    code = (f"{names[1]}.{first}_().{then}({names[0]})" if b is o
                            else f"{name(('c', getattr(torch, first)))}({names[1]}, out={oname}).{then}({names[0]})")
                else:
                    if not isinstance(a, torch.Tensor):  # a number first: the same operation swapped (exact)
                        regs[reg] = fn(b, a, out=o)
                        first, second = names[1], names[0]
                        swapped = True
                    else:
                        regs[reg] = fn(a, b, out=o)
                        first, second = names
                        swapped = False
                    if (vals[1] if swapped else vals[0]) is o:
                        code = f"{first}.{method}({second})"
                    elif commutative and (vals[0] if swapped else vals[1]) is o:
                        code = f"{second}.{method}({first})"
                    else:
                        code = f"{name(('c', fn))}({first}, {second}, out={oname})"
            lines.append(f"R{reg} = {code}")
            prev = holder.get(out)
            if prev is not None and prev in where and where[prev] == out:
                del where[prev]
            holder[out] = reg
            where[reg] = out
        refs = list(self.output_refs[:-1] if lr is not None else self.output_refs)
        lone_out = set(self.graph.lone_states) if pre is not None else set()
        outs = ", ".join([*("None" if k in lone_out else name(r) for k, r in enumerate(refs)),
                          *(["None"] if lr is not None else [])])
        dtypes = sorted({k[1] for k in scratch}, key=str)
        unpack = []
        order = []
        for dt in dtypes:
            for i in range(nscratch[dt]):
                order.append((dt, i))
                unpack.append(_tname(dt, i))
        head = f"def _run({', '.join(f'R{k}' for k in range(nleaf))}, S, T, LR, P, I):"
        body = ([f"    {', '.join(unpack)}, = T"] if unpack else []) + [f"    R{reg} = P[{reg}][I]" for reg in taken]
        body += [f"    {line}" for line in lines]
        body.append(f"    return ({outs},)")
        src = "\n".join([head, *body])
        namespace = {c: v for c, v in consts.values()}
        exec(compile(src, "<adamdyn flat program>", "exec"), namespace)  # noqa: S102 - our own generated code
        buffers = {(dt, i): scratch[("T", dt, i)] for dt, i in order}
        self.compiled[(lr is not None, prel)] = _Compiled(namespace["_run"], src, buffers, shape, device)
        return [*(None if k in lone_out else value(r) for k, r in enumerate(refs)), *([None] if lr is not None else [])]


class _Compiled:
    """One compiled plan of a :class:`_Program`: its function, source and scratch buffers."""

    def __init__(self, fn, source, scratch, shape, device):
        self.fn, self.source, self.scratch = fn, source, scratch
        self.views = {(shape, device): tuple(scratch.values())}

    def buffers(self, shape, device):
        """The scratch buffers as tensors of ``shape`` (their first elements; grown on demand)."""
        views = self.views.get((shape, device))
        if views is None:
            n = shape.numel()
            views = []
            for key, buf in list(self.scratch.items()):
                if buf.numel() < n or buf.device != device:
                    buf = self.scratch[key] = torch.empty(n, dtype=buf.dtype, device=device)
                    self.views.clear()
                views.append(buf.view(-1)[:n].view(shape))
            if len(self.views) > 64:
                self.views.clear()
            views = self.views[(shape, device)] = tuple(views)
        return views


def _tname(dtype, i):
    return f"T_{str(dtype).split('.')[-1]}_{i}"


def _pair(a, b):
    """The torch backend's operands of ``B.max`` / ``B.min``: a number becomes a tensor of the other's dtype."""
    ref = a if isinstance(a, torch.Tensor) else b
    return (torch.as_tensor(a, dtype=ref.dtype, device=ref.device),
            torch.as_tensor(b, dtype=ref.dtype, device=ref.device))


# Whether recorded programs run the fusions of ._fuse (``torch.add(a*X, Y, alpha=b)``, ``torch.addcmul``,
# ``torch.lerp``, the parameter's step as ``x.addcdiv_``): fewer passes over memory, other last bits than the rule
# run eagerly.
FUSE = True
