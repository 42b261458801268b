"""The flat state of :class:`~adamdyn.torch.optim.RuleOptimizer`: one contiguous tensor per state variable of a
group's parameters, cut into chunks on which :mod:`._program` runs the recorded rule."""

from __future__ import annotations

import torch

__all__ = ["FLAT_CHUNK_BYTES"]

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

    def __init__(self, params, names, lone=()):
        self.params = tuple(params)
        self.signature = tuple((id(q), q.shape) for q in self.params)
        self.index = {id(q): i for i, q in enumerate(self.params)}
        self.offsets = [0]
        for q in self.params:
            self.offsets.append(self.offsets[-1] + q.numel())
        ref = self.params[0]
        # a lone state (RuleOptimizer._lone: one number per parameter) is one element per parameter
        self.lone = frozenset(lone)
        self.flats = {name: torch.zeros(len(self.params) if name in self.lone else self.offsets[-1],
                                        dtype=ref.dtype, device=ref.device) for name in names}
        self.views = [{name: flat[i] if name in self.lone else flat[self.offsets[i]:self.offsets[i + 1]].view(q.shape)
                       for name, flat in self.flats.items()} for i, q in enumerate(self.params)]
        self.plans = {}
        self.moment_views = {}

    def moments(self, lo, hi, i):
        """The state tensors' views of elements ``lo:hi`` of parameter ``i``'s (one per state variable, in the
        rule's order; a lone state's number: its 0-d view)."""
        views = self.moment_views.get((lo, hi, i))
        if views is None:
            if len(self.moment_views) > 4096:
                self.moment_views.clear()
            views = self.moment_views[(lo, hi, i)] = tuple(flat[i] if name in self.lone else flat[lo:hi]
                                                        for name, flat in self.flats.items())
        return views

    def freeze(self):
        """Keep the lone states' numbers before a step: each segment of a parameter reads the old number (the
        :meth:`prelude`, or else the first segment, writes the new one)."""
        self.frozen = {name: self.flats[name].clone() for name in self.lone}

    def prelude(self, program, positions, s):
        """Run ``program``'s :meth:`~adamdyn.torch._program._Program.prelude` once on the lone states of the
        parameters at ``positions`` (after :meth:`freeze`) and write their new values; gives ``(values, index of
        each parameter in the vectors)`` for the chunks, or ``None`` where the program has no prelude."""
        full = len(positions) == len(self.params)
        at = None if full else torch.tensor(positions, device=self.params[0].device)
        names = list(self.flats)
        lone = {k: self.frozen[name] if full else self.frozen[name][at]
                for k, name in enumerate(names) if name in self.lone}
        values = program.prelude(lone, s)
        if values is None:
            return None
        for k in lone:
            new = values[("state", k)]
            if full:
                self.flats[names[k]].copy_(new)
            else:
                self.flats[names[k]][at] = new
        return values, {i: j for j, i in enumerate(positions)}

    def inputs(self, views, i):
        """The state values a segment of parameter ``i`` reads: ``views`` (:meth:`moments`), a lone state's
        number as :meth:`freeze` kept it."""
        if not self.lone:
            return views
        return tuple(self.frozen[name][i] if name in self.lone else v for name, v in zip(self.flats, views))

    def release(self, state):
        """Give every state tensor that is still a view of these flat tensors its own storage (a clone), before
        they are dropped: a parameter that leaves the bucket (frozen, or of another dtype now) keeps its state,
        and the old flat tensors are freed."""
        for q, views in zip(self.params, self.views):
            if q not in state:
                continue
            own = state[q]
            for name, view in views.items():
                if own.get(name) is view:
                    own[name] = view.clone()

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
            shape = () if name in self.lone else param.shape
            if not (isinstance(value, torch.Tensor) and value.shape == shape and value.dtype == param.dtype
                    and value.device == param.device and value.layout == torch.strided):
                return False
            views[name].copy_(value)
            state[name] = views[name]
        return True

    def plan(self, positions, viewable, chunk, cut=True):
        """Segments of the parameters at ``positions`` (stepping together, same step count).

        ``("slice", i, a, b)``: elements ``a:b`` of parameter ``i`` (contiguous, with a contiguous gradient),
        read and moved in place; a parameter above half a chunk is cut into equal slices of at most ``chunk``
        (``cut=False``: one slice, whole; the numba loop makes one pass however large the slice).
        ``("pack", (i, j, ...))``: neighbouring smaller parameters (adjacent in the flat state), their
        gradients gathered into one tensor of at most ``chunk`` elements (or a single larger parameter that is
        not contiguous). With a lone state every segment holds one parameter.
        """
        key = (positions, viewable, chunk, cut)
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
            if self.lone and not ok:  # a lone state is a number per parameter: no pack of several parameters
                flush()
                plan.append(("pack", (i,)))
                continue
            if ok and (n > chunk / 2 or self.lone):
                flush()
                size = 0
                k = -(-n // chunk) if n > chunk and cut else min(n, 1)  # (a chunk of math.inf, a GPU's: one slice)
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

