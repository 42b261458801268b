"""The fusions of a recorded program (:class:`~adamdyn.torch._program._Program`): fewer passes over memory.

A program is a list ``[(reg, (op, args))]`` of elementwise operations; an argument is a reference ``("r", reg)``
(a tensor register: the leaves first, the states, ``g`` and ``x`` in that order), ``("s", slot)`` (a value of the
scalar program), ``("c", value)`` (a constant) or ``("n", ref)`` (minus a number). Each fusion below replaces
operations by one torch call that rounds once where they rounded two or three times, so a fused program follows
the rule as written to the last bits, not bit for bit (see :data:`~adamdyn.torch._program.FUSE`):

- ``A + b*Y`` and ``A - b*Y`` (``b*Y`` read only there, ``b`` a number) as ``axpy``: ``torch.add(A, Y,
  alpha=±b)``;
- ``A ± b*(X*Y)``, ``A ± (b*X)*Y`` and ``A ± X*Y`` as ``axpyy``: ``torch.addcmul(A, X, Y, value=±b)`` (Adam's
  ``beta2*v + (1-beta2)*g*g``, Adagrad's ``v + g*g``);
- ``a*X + (1-a)*Y`` as ``lerp``: ``torch.lerp(X, Y, 1-a)``, one pass where ``axpy`` takes two (Adam's first
  moment, computed as ``torch.optim.Adam`` computes it);
- ``B.min(B.max(X, a), b)`` (``a``, ``b`` numbers that are no zero in any float dtype at this step, see
  :func:`clampable`; the inner result read only there) as ``clamp``: ``torch.clamp(X, min=a, max=b)``, one pass
  where two were (AdaBound's bounds). This one is exact: torch's clamp gives the bits of ``minimum(maximum(X, a),
  b)`` (NaN, infinities, subnormals included) except the sign of a zero result where a bound is a zero;
- the parameter's step ``x -= lr * direction`` (:func:`with_step`) as the operation that produces the direction:
  ``x.addcdiv_(N, D, value=-lr)`` for ``direction = N / D`` (a number dividing or multiplying ``N`` joins
  ``value``: Adam's bias correction ``m / (1 - beta1^t)`` is ``value=-lr / (1 - beta1^t)``, as in
  ``torch.optim.Adam``), ``x.addcmul_`` for a product, and ``direction = A + c*x`` (decoupled weight decay
  written into the rule, AdamW) as ``x *= 1 - lr*c`` followed by the step of ``A``, as in ``torch.optim.AdamW``.
"""

from __future__ import annotations

import math

# the step's operations on the parameter register x (see with_step); their last argument is the coefficient
# ("u", (how, ref)): -lr ("neg"), -(lr / value) ("div"), -(lr * value) ("mul"), 1 - lr * value ("shrink")
STEP_OPS = ("x_add", "x_addcdiv", "x_addcmul", "x_shrink")


def readers_of(nodes, output_refs) -> dict:
    """``reg -> how many operations (and outputs) read it``."""
    readers = {}
    for _, (_, args) in nodes:
        for kind, x in args:
            if kind == "r":
                readers[x] = readers.get(x, 0) + 1
    for kind, x in output_refs:
        if kind == "r":
            readers[x] = readers.get(x, 0) + 1
    return readers


def number(v) -> bool:
    """Whether ``v`` is a Python number (not a tensor, not a flag)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_number(ref, s) -> bool:
    """Whether the reference ``ref`` is a Python number for the scalar values ``s``."""
    if ref[0] == "n":
        return is_number(ref[1], s)
    return number(s[ref[1]] if ref[0] == "s" else ref[1] if ref[0] == "c" else None)


def _is_one(ref) -> bool:
    return ref[0] == "c" and number(ref[1]) and ref[1] == 1


def complementary(program, a, b) -> bool:
    """Whether the numbers ``a`` and ``b`` (references) are ``a`` and ``1 - a`` (or ``1 - b`` and ``b``): by
    construction in the scalar program (not by value: the program serves every step), or as constants (a rule
    recorded with its parameters as numbers) whose float64 difference ``1 - a`` is ``b``."""
    if a[0] == b[0] == "c" and all(isinstance(v, float) for v in (a[1], b[1])):
        return 1 - a[1] == b[1] or 1 - b[1] == a[1]
    defs = program.scalar_defs
    for u, w in ((a, b), (b, a)):
        if w[0] == "s":
            op, args = defs.get(w[1], (None, ()))
            if op == "sub" and len(args) == 2 and _is_one(args[0]) and args[1] == u:
                return True
    return False


def fuse(program, s):
    """``program.nodes`` with the ``axpy``, ``axpyy`` and ``lerp`` fusions (``s``: the scalar values, whose types
    say which references are numbers)."""
    nleaf = program.nleaf
    node_of = program.node_of
    readers = readers_of(program.nodes, program.output_refs)

    def product(ref):
        """The operands of a product read once (``ref`` a register), else ``None``."""
        kind, x = ref
        if kind != "r" or x < nleaf or readers.get(x) != 1:
            return None
        op, args = node_of[x]
        return args if op == "mul" else None

    def scaled(ref):
        """``(b, Y)`` of ``b*Y`` or ``Y*b`` read once (``b`` a number, ``Y`` a register), else ``None``."""
        args = product(ref)
        if args is None:
            return None
        a, b = args
        if is_number(a, s) and b[0] == "r":
            return a, b
        if is_number(b, s) and a[0] == "r":
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
        return "axpyy", args, ("c", 1), (ref[1],)  # X*Y: addcmul with value 1

    nodes = list(program.nodes)
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
        if op == "add" and fused == "axpy":
            head = scaled(args[0])
            if head is not None and complementary(program, head[0], coef):
                nodes[k] = (reg, ("lerp", (head[1], operands[0], coef)))
                drop.update((*products, args[0][1]))
                continue
        if op == "sub":
            coef = ("n", coef)
        nodes[k] = (reg, (fused, (args[0], *operands, coef)))
        drop.update(products)
    if not program.graph.lone_states:  # (a lone state's prelude runs only exactly rounded single operations)
        for k, (reg, (op, args)) in enumerate(nodes):
            clamped = op == "B.min" and _clamp(program, node_of, readers, args, s)
            if clamped:
                nodes[k] = (reg, ("clamp", clamped[0]))
                drop.add(clamped[1])
    return [(reg, node) for reg, node in nodes if reg not in drop]


def clampable(v) -> bool:
    """Whether the number ``v`` is a bound :func:`fuse` may clamp with in every float dtype: an infinity, or of a
    size between float16's smallest subnormal ``2**-24`` (no zero) and its largest number 65504 (``torch.clamp``
    refuses a bound its dtype cannot hold, where ``maximum`` takes it as an infinity). Not NaN."""
    return number(v) and (2.0 ** -24 <= abs(v) <= 65504.0 or abs(v) == math.inf)


def _nonzero_number(program, ref, s) -> bool:
    """Whether ``ref`` is a :func:`clampable` number at every step this program serves: a constant, or a slot the
    program's key marks so (:attr:`~adamdyn.torch._program._Program.clampable`)."""
    if ref[0] == "n":
        return _nonzero_number(program, ref[1], s)
    if not is_number(ref, s):
        return False
    return clampable(ref[1]) if ref[0] == "c" else ref[1] in program.clampable


def _clamp(program, node_of, readers, args, s):
    """``((X, a, b), inner register)`` where ``args`` (of a ``B.min``) are ``B.max(X, a)`` read only here and
    ``b``, with ``a`` and ``b`` non-zero numbers; else ``None``."""
    for inner, hi in (args, args[::-1]):
        if inner[0] != "r" or inner[1] < program.nleaf or readers.get(inner[1]) != 1:
            continue
        if not _nonzero_number(program, hi, s):
            continue
        op, inner_args = node_of.get(inner[1], (None, ()))
        if op != "B.max":
            continue
        for x, lo in (inner_args, inner_args[::-1]):
            if x[0] == "r" and _nonzero_number(program, lo, s):
                return (x, lo, hi), inner[1]
    return None


def with_step(program, nodes, s, fuse_step=True):
    """``nodes`` followed by the parameter's step ``x += -lr * direction`` (operations :data:`STEP_OPS` on the
    register of ``x``), fused into the operation that produces the direction where ``fuse_step`` (``s``: the
    scalar values, whose types say which references are numbers); ``None`` where the program cannot take the
    step (a new state is ``x`` itself)."""
    nleaf = program.nleaf
    x = ("r", nleaf - 1)
    states, direction = program.output_refs[:-1], program.output_refs[-1]
    if x in states:
        return None
    neg = ("u", ("neg", None))
    plain = [*nodes, (None, ("x_add", (direction, neg)))]
    if not fuse_step or direction[0] != "r" or direction[1] < nleaf or direction in states:
        return plain
    readers = readers_of(nodes, program.output_refs)
    position = {reg: k for k, (reg, _) in enumerate(nodes)}
    node_of = dict(nodes)
    k = position[direction[1]]
    if readers.get(direction[1]) != 1 or any(x in args for _, (_, args) in nodes[k + 1:]):
        return plain  # the direction is read again, or x after it is known: the step waits for the end

    def alone(ref):
        """The operation producing ``ref``, where only the step reads it."""
        if ref[0] == "r" and ref[1] >= nleaf and readers.get(ref[1]) == 1 and ref not in states:
            return node_of[ref[1]]
        return None

    drop, steps = {direction[1]}, []
    d = direction
    op, args = node_of[d[1]]
    if op == "axpy" and args[1] == x and is_number(args[2], s) and alone(args[0]) is not None:  # A + c*x: x *= 1 - lr*c
        steps.append((None, ("x_shrink", (("u", ("shrink", args[2])),))))
        d = args[0]
        drop.add(d[1])
        op, args = node_of[d[1]]
    if op in ("div", "mul") and all(a[0] == "r" for a in args):
        a, b = args
        coef = neg
        inner = alone(a)
        if inner is not None and inner[0] in ("div", "mul"):
            u, w = inner[1]
            if inner[0] == "mul" and is_number(u, s):
                u, w = w, u
            if u[0] == "r" and is_number(w, s):  # (N / c) / D: value = -lr / c; (c * N) / D: value = -lr * c
                a, coef = u, ("u", (inner[0], w))
                drop.add(args[0][1])
        steps.append((None, ("x_addcdiv" if op == "div" else "x_addcmul", (a, b, coef))))
    elif op in ("div", "mul") and any(a[0] == "r" for a in args) and any(is_number(a, s) for a in args):
        u, w = args if args[0][0] == "r" else args[::-1]
        inner = alone(u)
        if (op == "mul" or u is args[0]) and inner is not None and inner[0] in ("div", "mul") and all(
                a[0] == "r" for a in inner[1]):  # (N / D) / c: x.addcdiv_(N, D, value=-lr / c)
            steps.append((None, ("x_addcdiv" if inner[0] == "div" else "x_addcmul", (*inner[1], ("u", (op, w))))))
            drop.add(u[1])
        elif op == "mul" or u is args[0]:  # N * c, c * N, N / c (not c / N)
            steps.append((None, ("x_add", (u, ("u", (op, w))))))
        else:
            steps.append((None, ("x_add", (d, neg))))
            drop.discard(d[1])
    else:
        steps.append((None, ("x_add", (d, neg))))
        drop.discard(d[1])
    if steps[0][1][0] == "x_shrink" and any(x in args for _, (_, args) in steps[1:]):
        return plain  # the step after the shrink reads x itself (A = x / D): it would read the shrunk x
    return [n for n in nodes[:k + 1] if n[0] not in drop] + steps + [n for n in nodes[k + 1:] if n[0] not in drop]
