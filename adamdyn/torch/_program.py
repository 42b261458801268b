"""How :class:`~adamdyn.torch.optim.RuleOptimizer` runs a rule on many parameters at once.

A rule is written for one coordinate. The flat path calls it on stand-ins (:class:`_Lazy`) that record each
operation into a :class:`_Graph`, then runs the recorded operations on every chunk of a :class:`_FlatState`
(one contiguous tensor per state variable), compiled into one Python function per program.

Every operation is the one the rule names, except two fusions (:data:`FUSE`): ``a*X + b*Y`` runs as
``torch.add(a*X, Y, alpha=b)`` and ``a*X + b*(Y*Y)`` as ``torch.addcmul(a*X, Y, Y, value=b)`` (Adam's two
moments: two passes over memory fewer each). Those round once where the rule as written rounds twice, so the
numbers differ from an eager evaluation of the rule in the last bits (a few units in the last place per step;
tested), and ``torch.optim.Adam``'s second moment is computed exactly as here. Every operation is elementwise,
so the flat path gives the same numbers as the same program run per parameter tensor (``flat=False``), bit
for bit, whatever the chunks; with ``FUSE = False`` it is the rule run eagerly, bit for bit.

The step count ``t`` and the rule's numeric parameters are stand-ins too, so one recording serves every step:
the operations that depend only on them (bias corrections ``beta**t``, RAdam's ``rho_t`` and its
``B.where(rho_t > 5, ...)``, NAdam's momentum schedule) form a scalar program that each step evaluates once, in
Python's float64 arithmetic exactly as the eager rule does, and the tensor operations take its results as
numbers. A rule that cannot run on a stand-in ``t`` (a Python ``if`` on it) is recorded anew at every step.
"""

from __future__ import annotations

import torch

from ..rules.base import Params
from ._record import _EAGER, _LAZY_B, _Lazy, _walk

# -- recording a rule on stand-ins ------------------------------------------------------------------------------
# operations with an ``out=`` form: name -> (torch function, in-place method name, commutative)
_INTO_BINARY = {"add": (torch.add, "add_", True), "mul": (torch.mul, "mul_", True),
                "sub": (torch.sub, "sub_", False), "div": (torch.div, "div_", False),
                "pow": (torch.pow, "pow_", False), "B.pow": (torch.pow, "pow_", False)}
_INTO_UNARY = {"neg": (torch.neg, "neg_"), "abs": (torch.abs, "abs_"), "B.abs": (torch.abs, "abs_"),
               "B.sqrt": (torch.sqrt, "sqrt_"), "B.sign": (torch.sign, "sign_")}
_INTO_PAIR = {"B.max": torch.maximum, "B.min": torch.minimum}
# fused operations (see _Program._fused): name -> (torch function, in-place method, keyword of the number)
_FUSED = {"axpy": (torch.add, "add_", "alpha"), "axpyy": (torch.addcmul, "addcmul_", "value")}



def _lazy_param(q, value) -> bool:
    """Whether a parameter enters a recording as a stand-in (a number, not a flag)."""
    return q.kind != "bool" and isinstance(value, (int, float)) and not isinstance(value, bool)


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
        self.programs = {}

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

    def program(self, s):
        """The tensor program for the scalar values ``s`` (:meth:`scalars`)."""
        choice = tuple(bool(s[self.slot[id(n.args[0])]]) for n in self.branches)
        key = (choice, tuple(type(v) if not isinstance(v, torch.Tensor) else v.dtype for v in s))
        prog = self.programs.get(key)
        if prog is None:
            if len(self.programs) > 32:
                self.programs.clear()
            prog = self.programs[key] = _Program(self, dict(zip(map(id, self.branches), choice)))
        return prog


class _Program:
    """A :class:`_Graph`'s tensor operations for one choice of branches, run on chunk after chunk.

    The first :meth:`run` evaluates the operations (direction first, then the states) and decides, for each,
    where it writes: into the state it produces (or into an operand) when that old value has no reader left,
    into a scratch buffer of the program, or a new tensor where the operation has no ``out=`` form. It then
    compiles that plan into one Python function (one torch call per operation) that later runs replay.
    """

    def __init__(self, graph, choice):
        self.graph = graph
        nleaf = len(graph.leaves)

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

        for reg, n in enumerate(order, start=nleaf):
            args = tuple(ref(a) for a in n.args)
            k = (n.op, tuple(key(a) for a in args))
            if not (n.op == "mul" and any(a[0] != "r" for a in args)) and k in seen:
                alias[reg] = seen[k]
                continue
            seen[k] = reg
            nodes.append((reg, (n.op, args)))
        self.nodes = nodes
        self.node_of = dict(nodes)
        self.output_refs = tuple(ref(o) for o in outputs)
        self.nleaf = nleaf
        self.position_dependent = any(n.op in ("pow", "B.pow") for n in order)
        self.fn = None
        self.fuse = FUSE
        self.scratch = {}  # dtype -> [buffers]
        self.views = {}

    def _fused(self, s):
        """``[(reg, (op, args))]``: the operations, with ``A + b*Y`` and ``A - b*Y`` (``b*Y`` read only there,
        ``b`` a number; ``A`` a tensor, often ``a*X``) as ``axpy`` (``torch.add(A, Y, alpha=±b)``), and
        ``A ± b*(X*Y)`` or ``A ± (b*X)*Y`` (products read only there) as ``axpyy`` (``torch.addcmul(A, X, Y,
        value=±b)``; Adam's ``a*v + b*(g*g)``). Both round differently from the operations they replace."""
        nleaf = self.nleaf
        readers = {}
        for _, (_, args) in self.nodes:
            for kind, x in args:
                if kind == "r":
                    readers[x] = readers.get(x, 0) + 1
        for kind, x in self.output_refs:
            if kind == "r":
                readers[x] = readers.get(x, 0) + 1

        def number(ref):
            kind, x = ref
            v = s[x] if kind == "s" else x if kind == "c" else None
            return isinstance(v, (int, float)) and not isinstance(v, bool)

        def product(ref):
            """The operands of a product read once (``ref`` a register), else ``None``."""
            kind, x = ref
            if kind != "r" or x < nleaf or readers.get(x) != 1:
                return None
            op, args = self.node_of[x]
            return args if op == "mul" else None

        def scaled(ref):
            """``(b, Y)`` of ``b*Y`` or ``Y*b`` read once (``b`` a number, ``Y`` a register), else ``None``."""
            args = product(ref)
            if args is None:
                return None
            a, b = args
            if number(a) and b[0] == "r":
                return a, b
            if number(b) and a[0] == "r":
                return b, a
            return None

        def split(ref):
            """``(fused op, operands, coefficient, products to drop)`` of ``b*Y``, ``b*(X*Y)`` or ``(b*X)*Y``."""
            term = scaled(ref)
            if term is not None:
                b, y = term
                inner = product(y)
                if inner is not None and all(a[0] == "r" for a in inner):
                    return "axpyy", inner, b, (ref[1], y[1])
                return "axpy", (y,), b, (ref[1],)
            args = product(ref)
            if args is None or any(a[0] != "r" for a in args):
                return None
            for u, w in (args, args[::-1]):
                term = scaled(u)
                if term is not None:
                    return "axpyy", (term[1], w), term[0], (ref[1], u[1])
            return None

        nodes = list(self.nodes)
        drop = set()
        for k, (reg, (op, args)) in enumerate(nodes):
            if op not in ("add", "sub") or any(a[0] != "r" for a in args):
                continue
            first, second = split(args[1]), split(args[0]) if op == "add" else None
            if first is None or (second is not None and second[0] == "axpyy" and first[0] == "axpy"):
                first, args = second, args[::-1]  # a + b*Y: the product second, the square preferred
            if first is None:
                continue
            fused, operands, coef, products = first
            if op == "sub":
                coef = ("n", coef)
            nodes[k] = (reg, (fused, (args[0], *operands, coef)))
            drop.update(products)
        return [(reg, node) for reg, node in nodes if reg not in drop]

    def _ref(self, a):
        if isinstance(a, _Lazy):
            return ("s", self.graph.slot[id(a)]) if id(a) in self.graph.slot else ("r", self.regs[id(a)])
        return ("c", a)

    def _scratch(self, shape, device):
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

    def run(self, values, s):
        """Outputs of the step on the chunk whose leaf tensors are ``values`` (states first; ``s``: the scalar
        values of the step); state outputs already written into their leaf are returned as that leaf."""
        if self.fn is None:
            return self._record(list(values), s)
        g = values[self.graph.nstate]
        return self.fn(*values, s, self._scratch(g.shape, g.device))

    def _record(self, values, s):
        """Run the operations on the first chunk, deciding where each writes, and compile the plan."""
        nleaf, nstate = self.nleaf, self.graph.nstate
        g = values[nstate]
        shape, device = g.shape, g.device
        regs = values + [None] * len(self.order)
        nodes = self._fused(s) if self.fuse else self.nodes
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
        outs = ", ".join(name(r) for r in self.output_refs)
        dtypes = sorted({k[1] for k in scratch}, key=str)
        unpack = []
        order = []
        for dt in dtypes:
            for i in range(nscratch[dt]):
                order.append((dt, i))
                unpack.append(_tname(dt, i))
        head = f"def _run({', '.join(f'R{k}' for k in range(nleaf))}, S, T):"
        body = ([f"    {', '.join(unpack)}, = T"] if unpack else []) + [f"    {line}" for line in lines]
        body.append(f"    return ({outs},)")
        src = "\n".join([head, *body])
        namespace = {c: v for c, v in consts.values()}
        exec(compile(src, "<adamdyn flat program>", "exec"), namespace)  # noqa: S102 - our own generated code
        self.source = src
        self.scratch = {(dt, i): scratch[("T", dt, i)] for dt, i in order}
        self.views = {(shape, device): tuple(self.scratch.values())}
        self.fn = namespace["_run"]
        return [value(r) for r in self.output_refs]


def _tname(dtype, i):
    return f"T_{str(dtype).split('.')[-1]}_{i}"


def _pair(a, b):
    """The torch backend's operands of ``B.max`` / ``B.min``: a number becomes a tensor of the other's dtype."""
    ref = a if isinstance(a, torch.Tensor) else b
    return (torch.as_tensor(a, dtype=ref.dtype, device=ref.device),
            torch.as_tensor(b, dtype=ref.dtype, device=ref.device))


# Whether recorded programs fuse ``a*X + b*Y`` into ``torch.add(a*X, Y, alpha=b)`` and ``a*X + b*(Y*Y)`` into
# ``torch.addcmul(a*X, Y, Y, value=b)`` (fewer passes over memory; other last bits than the rule run eagerly).
FUSE = True
