"""The ``torch.optim.Optimizer`` that runs one :class:`adamdyn.rules.Rule` (see :mod:`adamdyn.torch.optim`)."""

from __future__ import annotations

import collections
import dataclasses
import functools
import math
import numbers

import torch

from ..rules import RULES, get_rule
from ..rules.base import Params, Rule
from . import _graph, _loop
from ._flat import FLAT_CHUNK_BYTES, _FlatState
from ._fuse import number
from ._kernel import fusable, fused_step
from ._program import baked, record
from ._record import _B
from .v0 import random_v0

__all__ = ["RuleOptimizer", "V0_MODES"]

V0_MODES = ("zero", "random", "data")

# Names that set an optimizer's numbers in some rule or in torch.optim: a param group that carries one this
# optimizer does not use is refused (it would be ignored); other keys ("name", a scheduler's "initial_lr") pass.
_HYPER = frozenset().union(*(r.param_names for r in RULES.values())) | {
    "betas", "momentum", "dampening", "nesterov", "amsgrad", "alpha", "rho", "lr_decay", "initial_accumulator_value",
    "initial_accumulator", "final_lr", "gamma", "decay_rate", "clip_threshold", "beta2_decay"}


# torch.optim's group switches that change the numbers, and the value the rules here run (a loaded state_dict
# must have it)
_SWITCHES = {"nesterov": False, "dampening": 0, "centered": False}

# torch.optim's implementation switches: no number depends on them, so a loaded group keeps this optimizer's own
_IMPLEMENTATION = ("foreach", "capturable", "differentiable", "fused")

# The fix for a loaded group that sets a switch to a value this optimizer does not run (a class's
# ``switch_fixes`` first; formatted with the group's keys and ``value``)
_SWITCH_FIXES = {"amsgrad": "load it into adamdyn.torch.Adam(params, amsgrad={value})",
                 "momentum": "load it into adamdyn.torch.SGD(params, momentum={value})"}


@functools.cache
def _torch_group_keys() -> dict:
    """Each ``torch.optim`` optimizer's group keys (its defaults), by class name."""
    out = {}
    for name in dir(torch.optim):
        cls = getattr(torch.optim, name)
        if isinstance(cls, type) and issubclass(cls, torch.optim.Optimizer) and cls is not torch.optim.Optimizer:
            try:
                out[name] = frozenset(cls([torch.zeros(1, requires_grad=True)]).defaults)
            except Exception:  # noqa: BLE001 (one that needs other arguments is not told apart)
                continue
    return out


def _torch_source(group) -> tuple:
    """The ``torch.optim`` optimizers whose groups have exactly ``group``'s settings (``("Adam", "AdamW")``), or
    ``()`` where none does (a state_dict of another torch version, or not from torch.optim)."""
    known = _torch_group_keys()
    keys = set(group) & frozenset().union(*known.values())
    return tuple(sorted(name for name, have in known.items() if have == keys))


class _Filled(dict):
    """A group's keys for a fix's text; a key the group lacks reads ``...``."""

    def __missing__(self, key):
        return "..."


def _number(value):
    """A one-element tensor's number (torch's tensor ``lr``), else ``value``."""
    return value.item() if isinstance(value, torch.Tensor) and value.numel() == 1 else value


def _flag(owner, name, value):
    """``value`` if it is a bool, else a ``ValueError`` naming it."""
    if not isinstance(value, bool):
        raise ValueError(f"{owner}: {name}={value!r} is not a boolean; valid values are True or False. "
                         f"Fix: pass {name}=True or {name}=False.")
    return value


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
        fused: ``True``: each step runs the recorded rule as one compiled kernel
            per parameter (:mod:`adamdyn.torch._kernel`, ``torch.compile``):
            one pass over memory where the default makes one per operation.
            The first step compiles (seconds; a C++ compiler on the CPU) and
            the numbers follow the rule as written to the last bits.
            ``None`` or ``False`` (default): the eager flat path below.
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
    in place, neighbouring small parameters are gathered into one tensor,
    stepped, and copied back with one ``torch._foreach_copy_``. A chunk is
    ``flat_chunk`` elements (``None``: :data:`FLAT_CHUNK_BYTES` on the CPU, where
    a chunk stays in cache; the whole group on other devices). The rule is
    recorded once, with ``t`` and
    its numeric parameters as stand-ins, and its recorded operations run once
    per chunk, with the parameter's step. On the CPU, in float32 and float64,
    a chunk's step is one numba loop over its elements (``loop``, default
    ``True``; :mod:`adamdyn.torch._loop`): each element is read and written
    once, whatever the rule's length, its operations rounded as the rule run
    eagerly rounds them (bit for bit, but for a correctly rounded square root
    and the C library's ``pow``), on ``torch.get_num_threads()`` threads for
    chunks of 65,536 elements or more; a large parameter is then one chunk,
    whole (small ones are still gathered). On a GPU, in float32 and float64,
    the same statements are one CUDA kernel (:mod:`adamdyn.torch._graph`), and a
    group's step is one CUDA graph recorded once (gather, kernel, scatter): a
    step then costs about three launches whatever the rule's length; its numbers
    agree with the torch operations' to rounding (NVVM fuses multiply-adds).
    Elsewhere (``loop=False``, other dtypes) the operations run as torch calls,
    one compiled function per chunk
    (:mod:`adamdyn.torch._program`), some fused (:mod:`adamdyn.torch._fuse`: ``a*X +
    b*Y`` as ``torch.add``, ``a*X + b*Y*Y`` as ``torch.addcmul``, ``a*X +
    (1-a)*Y`` as ``torch.lerp``, ``x -= lr * N / D`` as ``x.addcdiv_``; and, exactly,
    ``min(max(X, a), b)`` as ``torch.clamp``), so those
    numbers differ from the rule evaluated as written in the last bits (a few
    units in the last place per step). ``flat=False``
    runs the same program once per parameter tensor, so both paths give the same
    numbers bit for bit in float32 and float64 (tested; in float16 and bfloat16
    the gathered packs put elements in other vector lanes, which can round those
    formats' arithmetic differently in the last bit); a rule that cannot be recorded runs as written
    in both. Parameters step together when they share a step count: one
    without a gradient is skipped (as ``torch.optim``) and later steps with its
    own ``t``. A state whose update reads nothing but itself and numbers (NAdam's
    ``mu_product``) is one number per parameter, a 0-d tensor, where it starts
    as one number (not where a NaN gradient makes it uneven). A parameter whose
    state is not a tensor of its own shape (0-d for such a state), dtype and
    device, or whose gradient has another dtype or device, steps on its own.
    """

    flat = True
    flat_chunk = None
    record_once = True
    #: run a float32 / float64 step as one generated loop over each chunk's elements: a numba loop on the CPU
    #: (``adamdyn.torch._loop``), a CUDA kernel in a CUDA graph on a GPU (``adamdyn.torch._graph``); ``False``: as
    #: torch operations, one per operation of the rule (the engine for other dtypes)
    loop = True
    #: torch.optim's group keys that hold rule parameters, ``{"betas": ("beta1", "beta2")}`` (a pair) or
    #: ``{"momentum": "beta"}`` (one number): the groups keep
    #: the torch key (a group may set it, and schedulers such as ``OneCycleLR(cycle_momentum=True)`` read and
    #: write it), and each step reads the rule's parameters from it.
    torch_keys: dict = {}
    #: ``lr = 0`` stands still, as in torch.optim (``False`` for a rule whose direction is in units of ``lr``,
    #: such as AdaBound's bounds ``final_lr / lr``: there ``lr`` must stay positive, at every step).
    zero_lr = True
    #: torch.optim's names of the rule's states, where this class is a ``torch.optim`` twin
    #: (``{"exp_avg": "m", "exp_avg_sq": "v"}``): :meth:`load_state_dict` takes torch.optim's state_dict.
    torch_state: dict = {}
    #: the ``torch.optim`` optimizer this class continues (``"Adam"``), or ``None``
    torch_twin: str | None = None
    #: fixes named by :meth:`load_state_dict`'s refusals: ``{switch: text}`` for a group switch this optimizer
    #: does not run at the loaded value, ``{("rule", name): text}`` for a state_dict of another rule (formatted
    #: with the group's keys and ``value``)
    switch_fixes: dict = {}

    def __init__(self, params, rule: str | Rule, *, weight_decay=0.0, decoupled_weight_decay=None,
                 maximize=False, fused=None, v0="zero", v0_sigma=1.0, v0_seed=None, **rule_params):
        self.rule = get_rule(rule)
        owner = self._owner
        unknown = sorted(set(rule_params) - set(self.rule.param_names))
        if unknown:
            common = [k for k in ("weight_decay", "decoupled_weight_decay", "maximize", "fused", "v0")
                      if k not in self.rule.param_names]
            raise ValueError(f"{owner}: unknown parameter(s) {', '.join(unknown)}; valid parameters are "
                             f"{', '.join([*self.rule.param_names, *common])}. Fix: spell them as listed (they would "
                             "be ignored).")
        for key, names in self.torch_keys.items():
            if isinstance(names, str) and names in rule_params:
                rule_params[key] = rule_params.pop(names)
            elif not isinstance(names, str) and all(n in rule_params for n in names):
                rule_params[key] = tuple(rule_params.pop(n) for n in names)
        if decoupled_weight_decay is None:
            decoupled_weight_decay = self._own_decay
        if v0_seed is None:
            v0_seed = int(torch.randint(0, 2**31 - 1, (1,)).item())
        defaults = dict(rule_params, weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay,
                        maximize=maximize, fused=fused, v0=v0, v0_sigma=v0_sigma, v0_seed=int(v0_seed))
        super().__init__(params, defaults)

    @property
    def _owner(self) -> str:
        """How errors name this optimizer: ``"Adam"``, or ``"SGD (rule 'gd')"`` where the names differ."""
        name = type(self).__name__
        return name if name.lower() == self.rule.name else f"{name} (rule {self.rule.name!r})"

    @property
    def _own_decay(self) -> bool:
        """Whether the rule applies decoupled weight decay itself (a ``weight_decay`` parameter)."""
        return "weight_decay" in self.rule.param_names

    # -- groups -------------------------------------------------------------
    def add_param_group(self, param_group):
        owner = self._owner
        param_group = self._under_torch_keys(dict(param_group))
        valid = set(self.defaults) | set(self.rule.param_names) | set(self.torch_keys)
        foreign = sorted(k for k in param_group if k in _HYPER and k not in valid)
        if foreign:
            raise ValueError(f"{owner}: the param group sets {', '.join(foreign)}, which {type(self).__name__} does not "
                             f"use; its settings are {self._settings()}. Fix: drop "
                             f"{', '.join(foreign)} from the group (it would be ignored) or pick the optimizer that has it.")
        super().add_param_group(param_group)
        for i, q in enumerate(self.param_groups[-1]["params"]):
            if q.is_complex():
                self.param_groups.pop()
                raise ValueError(
                    f"{owner}: parameter {i} of the group is {q.dtype}; the rules are written "
                    "for real coordinates (valid dtypes: real floating point). Fix: keep the real and imaginary parts as "
                    "a real parameter, e.g. torch.view_as_real(z).detach().requires_grad_() (torch.optim steps a "
                    "complex parameter as that view).")
        self._rule_params(self.param_groups[-1], validate=True)

    def _under_torch_keys(self, group) -> dict:
        """``group`` with the rule's names of numbers that a torch key holds moved into that key (a group's beta1 /
        beta2 into its betas, a Momentum group's beta into SGD's momentum)."""
        for key, names in self.torch_keys.items():
            if isinstance(names, str):
                if names in group:
                    group[key] = group.pop(names)
            elif any(n in group for n in names):
                base = group.get(key, self.defaults.get(key))
                group[key] = tuple(group.pop(n) if n in group else b for n, b in zip(names, base))
        return group

    def _rule_params(self, group, validate=False) -> Params:
        rule, owner = self.rule, self._owner
        values = {k: group[k] for k in rule.param_names if k in group}
        for key, names in self.torch_keys.items():
            if key in group and isinstance(names, str):
                values[names] = group[key]
            elif key in group:
                value = group[key]
                if not isinstance(value, (tuple, list)) or len(value) != len(names):
                    raise ValueError(f"{owner}: {key}={value!r} is not {len(names)} numbers "
                                     f"({', '.join(names)}). Fix: pass e.g. {key}=(0.9, 0.999).")
                values.update(zip(names, value))
        if self._own_decay and not group["decoupled_weight_decay"]:
            values["weight_decay"] = 0.0  # the L2 penalty is added to the gradient instead
        v0 = group.get("v0", "zero")
        if "v0" in rule.param_names:
            if isinstance(v0, str):
                if v0 not in V0_MODES:
                    raise ValueError(
                        f"{owner}: v0={v0!r} is not a valid initialisation; valid values are "
                        f"{', '.join(V0_MODES)} or a number >= 0. Fix: pass e.g. v0='random'."
                    )
                values["v0"] = 0.0
            else:
                values["v0"] = v0
        elif v0 not in ("zero", 0, 0.0):
            raise ValueError(
                f"{owner} has no second moment v0 to initialise (v0={v0!r}). "
                "Fix: use v0 only with Adam / AdamW."
            )
        if validate:
            for key in ("weight_decay", "v0_sigma"):
                x = group[key]
                if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
                    raise ValueError(
                        f"{owner}: {key}={x!r} is out of range; valid range is [0, inf). "
                        f"Fix: pass e.g. {key}=0.01."
                    )
            if group["fused"] is None:
                group["fused"] = False
            for key in ("maximize", "decoupled_weight_decay", "fused"):
                _flag(owner, key, group[key])
            return self._checked(group, values)
        if not self.zero_lr and not group["lr"] > 0:
            raise ValueError(f"{owner}: lr={group['lr']!r} (set after construction: by a scheduler, or by "
                             "torch.distributed.checkpoint's set_optimizer_state_dict, which steps an optimizer "
                             "without state at lr=0) is out of range; valid range is (0, inf): this rule's direction "
                             "divides by lr. Fix: keep a schedule's rate above 0 (e.g. LambdaLR(opt, lambda s: "
                             "(s + 1) / warmup)); before set_optimizer_state_dict, take one step or use "
                             "optimizer.load_state_dict.")
        return Params(**{q.name: values.get(q.name, q.default) for q in rule.params})

    def _checked(self, group, values) -> Params:
        """The rule's parameters from ``values`` (read from ``group``), each checked against its range; errors
        name the torch key a value came from (``betas``). Numbers must be Python or numpy reals (a string or a
        tensor would fail at the first step); ``lr = 0`` is accepted, as torch.optim does (no move)."""
        origin = {n: (key, names) for key, names in self.torch_keys.items() if not isinstance(names, str)
                  for n in names}
        origin.update({names: (key, None) for key, names in self.torch_keys.items() if isinstance(names, str)})
        out = {}
        for q in self.rule.params:
            if q.name == "lr" and q.lo == 0 and self.zero_lr:  # it may stand still (a warm-up's first step)
                q = dataclasses.replace(q, lo_open=False)
            value = values.get(q.name, q.default)
            key, names = origin.get(q.name, (q.name, None))
            shown = f"{key}={group[key]!r}" + (f" (its {q.name})" if names else "") if key in group else \
                f"{q.name}={value!r}"
            if q.kind == "float" and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
                raise ValueError(f"{self._owner}: {shown} is not a number; valid range is {q.range_text()}. Fix: "
                                 f"pass a Python number, e.g. {self._example(q, key, names)}.")
            try:
                out[q.name] = q.check(value, self._owner)
            except ValueError:
                if key == q.name:
                    raise
                raise ValueError(f"{self._owner}: {shown} is out of range; valid range of {q.name} is "
                                 f"{q.range_text()}. Fix: pass e.g. {self._example(q, key, names)}.") from None
        return Params(**out)

    def _example(self, q, key, names) -> str:
        if names is None:
            return f"{key}={q.example or q.default}"
        by_name = {p.name: p for p in self.rule.params}
        return f"{key}=({', '.join(str(by_name[n].example or by_name[n].default) for n in names)})"

    # -- saving and loading ----------------------------------------------------------
    def __getstate__(self):
        """torch's (defaults, state, groups) plus the rule (pickled as the registered rule it is or was made
        from, see :mod:`adamdyn.rules`) and the settings an instance may carry (``torch_keys``, ``flat``,
        ``flat_chunk``, ``record_once``, ``loop``): a deepcopy or a pickle steps as the original. The flat storage and the
        recordings are caches, rebuilt at the next step."""
        out = super().__getstate__()
        out["rule"] = self.rule
        out.update({k: v for k, v in self.__dict__.items() if k in ("torch_keys", "flat", "flat_chunk", "record_once", "loop")})
        return out

    def __setstate__(self, state):
        state = dict(state)
        rule = state.pop("rule", None)
        if rule is None and set(state) == {"state", "param_groups"}:
            # torch's load_state_dict, after its pre-hooks: checked (and torch.optim's names translated) here,
            # where a refusal still leaves everything as it was
            state = self._loaded(state)
        super().__setstate__(state)
        if rule is not None:
            self.rule = get_rule(rule)

    def state_dict(self):
        """torch's ``state_dict``; each param group also names the rule that made its states (``"rule"``), so
        :meth:`load_state_dict` refuses it in an optimizer that runs another rule on states of the same names
        (Adam's ``m`` and ``v`` are RAdam's, Yogi's and AdaBound's names too)."""
        out = super().state_dict()
        for group in out["param_groups"]:
            group["rule"] = self.rule.name
        return out

    def load_state_dict(self, state_dict):
        """torch's ``load_state_dict``, checked first: a state_dict this optimizer cannot continue is refused
        with the reason, and nothing is loaded. The checks see the state_dict as torch's load pre-hooks leave it.

        * ``torch.optim``'s own state_dict loads into its twin here (:attr:`torch_state`: ``exp_avg`` is the
          rule's ``m``, ``exp_avg_sq`` its ``v``, ...; torch's step tensor becomes the step count), so a run
          started with ``torch.optim.Adam`` continues with :class:`~adamdyn.torch.optim.Adam` (tested against
          torch continuing, to 1e-12). Another ``torch.optim`` optimizer's state_dict (told by its group's
          keys) is refused.
        * A state_dict saved here names its rule (:meth:`state_dict`): it loads only where the same rule runs.
        * Each parameter's state must hold the rule's states and the step count (or be empty: never stepped).
        * A group switch that changes the numbers and that this optimizer does not run (``amsgrad``,
          ``nesterov``, ``dampening``, a momentum for ``SGD`` built without one, ...) must be off. torch's
          implementation switches (``foreach``, ``capturable``, ``differentiable``, ``fused``) change no
          number: any value loads, and this optimizer keeps its own (its ``fused``). Keys this optimizer has
          and the state_dict lacks take this optimizer's values, and the numbers are checked as at
          construction (a one-element tensor, as torch's ``lr`` may be, is read as its number).
        """
        shaped = isinstance(state_dict, dict) and {"state", "param_groups"} <= set(state_dict)
        if not shaped and not self._optimizer_load_state_dict_pre_hooks:  # (a pre-hook may give it that shape)
            raise ValueError(f"{self._owner}.load_state_dict: {type(state_dict).__name__} is not an optimizer "
                             "state_dict (a dict with 'state' and 'param_groups'). Fix: pass what "
                             "optimizer.state_dict() returned (torch.load of the saved file). Nothing was loaded.")
        super().load_state_dict(state_dict)

    def _loaded(self, state) -> dict:
        """torch's ``(state, param_groups)`` about to be set by ``load_state_dict``, checked and translated."""
        groups = [self._loaded_group(gi, dict(g)) for gi, g in enumerate(state["param_groups"])]
        index = {id(q): i for i, q in enumerate(q for g in groups for q in g["params"])}
        states = collections.defaultdict(dict)
        for key, value in state["state"].items():
            states[key] = self._loaded_state(index.get(id(key), key), value)
        return {"state": states, "param_groups": groups}

    def _settings(self) -> str:
        """The group keys that set this optimizer's numbers, for error messages."""
        skip = {"params", *_SWITCHES, *_IMPLEMENTATION} | ({"v0", "v0_sigma", "v0_seed"} - set(self.rule.param_names))
        return ", ".join(k for k in self.defaults if k not in skip)

    def _refuse(self, gi, what, fix):
        raise ValueError(f"{self._owner}.load_state_dict: param group {gi} {what}. Fix: {fix}. Nothing was loaded.")

    def _loaded_group(self, gi, group) -> dict:
        from .optim import OPTIMIZERS

        owner, rule, cls = self._owner, self.rule, type(self).__name__
        saved = group.pop("rule", None)
        if saved is not None and saved != rule.name:
            other = f", e.g. adamdyn.torch.{OPTIMIZERS[saved].__name__}" if saved in OPTIMIZERS else ""
            fix = self.switch_fixes.get(("rule", saved), f"load it into the optimizer that saved it (rule {saved!r}"
                                                         f"{other})")
            self._refuse(gi, f"was saved by an optimizer running rule {saved!r}; {cls} runs rule {rule.name!r}, "
                             "whose states are other numbers", fix.format_map(_Filled(group, value=saved)))
        if saved is None and "v0_seed" not in group:  # not saved here: which torch.optim optimizer saved it
            source = _torch_source(group)
            if source and self.torch_twin not in source:
                # the class here that continues it (SGD, not GD, for torch's SGD)
                ours = next((c.__name__ for c in OPTIMIZERS.values() if c.torch_twin == source[0]
                             and c.__name__ == source[0]), None)
                runs = f"torch.optim.{self.torch_twin}" if self.torch_twin else "no torch.optim optimizer"
                self._refuse(gi, f"was saved by {' or '.join('torch.optim.' + n for n in source)} (it has exactly "
                                 f"{'their' if len(source) > 1 else 'its'} settings); {cls} continues {runs}",
                             f"load it into adamdyn.torch.{ours}" if ours else f"continue it with torch.optim.{source[0]}")
        group = self._under_torch_keys(group)
        # the rule's numbers this class fixes at the rule's default (SGD has no ema): a group may only repeat them
        hidden = {q.name: q.default for q in rule.params if q.name not in self.defaults}
        valid = (set(self.defaults) | set(rule.param_names) | set(self.torch_keys) | {"params"}) - set(hidden)
        for key in _IMPLEMENTATION:  # no number depends on them: this optimizer keeps its own
            group.pop(key, None)
        for key, value in list(group.items()):
            if key in valid:  # torch's tensor lr (capturable) or betas: their numbers
                group[key] = value = tuple(map(_number, value)) if isinstance(value, tuple) else _number(value)
            if key in hidden:
                if value == hidden[key]:
                    del group[key]
                    continue
                self._refuse(gi, f"sets {key}={value!r}, which {cls} does not have (it runs rule {rule.name!r} with "
                                 f"{key}={hidden[key]!r}; its settings are {self._settings()})",
                             f"load it into the optimizer that saved it (adamdyn.torch.make_optimizer({rule.name!r}, "
                             f"params, {key}={value!r}, ...))")
            if key in valid or key not in _HYPER | set(_SWITCHES):
                continue
            if key not in ("amsgrad", "momentum", *_SWITCHES):  # another rule's setting: only its "off" value
                if value in (None, False, 0, "zero"):  # (Adam's eps_inside=False in an AMSGrad group)
                    continue
                self._refuse(gi, f"sets {key}={value!r}, which {cls} does not have (its settings are "
                                 f"{self._settings()})", f"load a state_dict saved by {cls}")
            want = rule.name == "amsgrad" if key == "amsgrad" else _SWITCHES.get(key, 0)
            if value == want or (value is None and key in _SWITCHES):
                continue
            fix = self.switch_fixes.get(key, _SWITCH_FIXES.get(key, f"load a state_dict saved with {key}={want!r}"))
            self._refuse(gi, f"sets {key}={value!r}, which this optimizer does not run (it runs rule {rule.name!r}; "
                             f"valid value: {want!r})", fix.format_map(_Filled(group, value=value)))
        for key, value in self.defaults.items():
            group.setdefault(key, value)
        current = self.param_groups[gi] if gi < len(self.param_groups) else self.defaults
        group["fused"] = bool(current.get("fused"))
        try:
            self._rule_params(group, validate=True)
        except ValueError as exc:
            raise ValueError(f"{owner}.load_state_dict: param group {gi}: {exc} Nothing was loaded.") from None
        return group

    def _loaded_state(self, index, state) -> dict:
        # a tensor that is a view of a larger storage (a state_dict of flat state, saved and loaded) gets its own
        # copy: kept as a view, it would keep the whole loaded storage alive
        original = state = {k: v.clone() if isinstance(v, torch.Tensor) and v.numel()
                            and v.untyped_storage().nbytes() > v.numel() * v.element_size() else v
                            for k, v in state.items()}
        names = set(self.rule.state)
        if set(state) & (set(self.torch_state) - names):
            # torch.optim's names; a None is a state torch has not made yet (an old SGD's momentum_buffer)
            state = {self.torch_state.get(k, k): v for k, v in state.items() if v is not None}
            if isinstance(state.get("step"), torch.Tensor):
                state["step"] = int(state["step"].item())
            if not set(state) - {"step"}:
                return {}  # never stepped: the rule starts at the next step
            if "step" not in state and self.rule.name == "momentum":
                state["step"] = 1  # torch.optim.SGD counts no steps; the momentum rule reads no t
        have = set(state) - {"step", "v0"}
        if not state or set(state) == {"v0"} or (have == names and isinstance(state.get("step"), int)):
            return state
        twin = f" (or torch.optim.{self.torch_twin}'s, whose names are {', '.join(self.torch_state)})" \
            if self.torch_twin else ""
        raise ValueError(f"{self._owner}.load_state_dict: the state of parameter {index} holds "
                         f"{', '.join(map(str, sorted(original)))}; this optimizer keeps {', '.join(self.rule.state)} "
                         f"and an integer step. Fix: load a state_dict saved by {type(self).__name__}{twin}, "
                         "built with the same settings. Nothing was loaded.")

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
        lone = self._lone(p_, param)
        for name, value in zip(self.rule.state, moments):
            if name in lone and isinstance(value, torch.Tensor) and value.shape == param.shape and value.numel():
                first = value.reshape(-1)[0]
                if bool((value == first).all()):  # the same number everywhere (not NaN): kept as that number
                    value = first.clone()
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
            raise ValueError(f"{self._owner} does not support sparse gradients.")
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
        """One step of one parameter tensor: the recorded program on the whole tensor where its states and
        gradient are tensors of its shape, dtype and device (as a chunk of the flat path), else the rule."""
        state = self.state[param]
        if not counted:
            state["step"] += 1
        t = state["step"]
        moments = tuple(state[name] for name in self.rule.state)
        program = None
        lone = self._lone(p_, param)
        shapes = [() if name in lone else param.shape for name in self.rule.state] + [param.shape]
        if all(isinstance(m, torch.Tensor) and m.shape == shape and m.dtype == param.dtype
               and m.device == param.device for m, shape in zip((*moments, g), shapes)):
            program, s = self._program(p_, t, param)
        if program is None:
            new, direction = self.rule.advance(moments, g, t, p_, _B, x=param)
            for name, value in zip(self.rule.state, new):
                state[name] = value
        else:
            *new, direction = program.run((*moments, g, param), s, group["lr"], loop=self.loop)
            for dst, value in zip(moments, new):
                if value is not dst:
                    direction = self._write_states(moments, new, direction)
                    break
        if direction is not None:  # else the program took the step
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
        fast = self.__dict__.get("_fast", {}).get(gi)
        if fast is not None and fast.holds(self, group):
            fast.step(self, group)
            return
        rule = self.rule
        p_ = self._rule_params(group)
        active = [(index, param) for index, param in enumerate(group["params"]) if param.grad is not None]
        if not active:
            return
        for _, param in active:
            if param.grad.is_sparse:
                raise ValueError(f"{self._owner} does not support sparse gradients.")
        if self._shrinks(group):
            torch._foreach_mul_([param for _, param in active], 1 - group["lr"] * group["weight_decay"])
        buckets = self._flat_buckets(gi, group, p_)
        runs = {}
        alone = False  # a parameter stepped on its own
        for index, param in active:
            state = self.state[param]
            if "step" not in state:
                self._init_state(group, index, param, self._grad(group, param), p_)
            bucket = buckets.get((param.dtype, param.device))
            i = None if bucket is None else bucket.index.get(id(param))  # (None: not in a bucket)
            g = param.grad
            if (i is None or g.dtype != param.dtype or g.device != param.device
                    or not bucket.adopt(i, state, rule.state)):
                self._advance_tensor(group, param, self._grad(group, param), p_)  # per tensor (see the docstring)
                alone = True
                continue
            state["step"] += 1
            runs.setdefault((id(bucket), state["step"]), (bucket, state["step"], []))[2].append(i)
        for bucket, t, positions in runs.values():
            self._step_run(group, p_, bucket, t, positions)
        fasts = self.__dict__.setdefault("_fast", {})
        fasts.pop(gi, None)
        if not alone and len(runs) == 1 and len(active) == len(group["params"]):
            bucket, t, positions = next(iter(runs.values()))
            fasts[gi] = _Fast(self, gi, group, p_, bucket, t)

    def _step_run(self, group, p_, bucket, t, positions):
        """One step of the bucket's parameters at ``positions``, all at step ``t``."""
        # fused=True: one kernel per program, so no program per step's identities (a compile each)
        program, s = self._program(p_, t, bucket.params[0], skip=not group.get("fused"))
        if group.get("fused") and self._fusable(p_, bucket.params[0], program):
            self._step_fused(group, bucket, positions, program, s)
            return
        if self._step_captured(group, bucket, positions, program, s):
            return
        pre = None
        if bucket.lone:
            bucket.freeze()
            if program is not None and not program.position_dependent:
                pre = self._cuda_prelude(group, bucket, positions, program, s) or bucket.prelude(program, positions, s)
        chunk = self._chunk(bucket.params[0])
        viewable = tuple(bucket.params[i].is_contiguous() and bucket.params[i].grad.is_contiguous()
                         for i in positions)
        if program is None or program.position_dependent:
            # torch's CPU pow gives a vector lane and the scalar tail different last bits, so where the
            # rule takes a power of a tensor (or runs as written) each parameter is one segment, whole
            for i, ok in zip(positions, viewable):
                param = bucket.params[i]
                if ok:
                    self._step_segment(group, p_, bucket, t, ("slice", i, 0, param.numel()), program, s)
                else:
                    self._advance_tensor(group, param, self._grad(group, param), p_, counted=True)
            return
        ref = bucket.params[0]  # the numba loop (see _loop.runs) takes a large parameter whole
        cut = not (self.loop and _loop.takes(ref))
        for segment in bucket.plan(tuple(positions), viewable, chunk, cut):
            self._step_segment(group, p_, bucket, t, segment, program, s, pre)

    def _cuda_prelude(self, group, bucket, positions, program, s):
        """On a GPU (``loop``), where the chunks take the CUDA kernel: the lone numbers of the parameters at
        ``positions`` from the kernel's own prelude, as the graph and ``flat=False`` compute them (``(Q, index
        of each parameter's column)``, for :meth:`_step_segment`); else ``None``."""
        ref = bucket.params[0]
        lr = group["lr"]
        if not (self.loop and _graph.takes(ref) and number(lr)):
            return None
        kern = _graph.kernel(program, s, True)
        if kern is None:
            return None
        at = torch.tensor(positions, device=ref.device)
        lone = [bucket.flats[name][at] if name in bucket.lone else None for name in self.rule.state]
        Q = _graph.prelude(kern, lone, kern.device_values(s, lr, ref))
        for name, vector in zip(self.rule.state, lone):
            if vector is not None:
                bucket.flats[name][at] = vector
        return Q, {i: j for j, i in enumerate(positions)}

    def _step_captured(self, group, bucket, positions, program, s) -> bool:
        """On a GPU (``loop``): the step of the bucket's parameters at ``positions`` as one CUDA graph around one
        generated kernel (:mod:`adamdyn.torch._graph`), ``maximize`` and an L2 ``weight_decay`` inside it;
        ``False`` where it does not run so (non-adjacent positions, a parameter that is not contiguous, a program
        the kernel cannot run, a graph that cannot be recorded: the chunks then step). Lone states: the kernel's
        prelude computes their numbers first, one per parameter."""
        ref = bucket.params[0]
        lr = group["lr"]
        if not (self.loop and program is not None and _graph.takes(ref) and number(lr)):
            return False
        maximize = bool(group["maximize"])
        l2 = group["weight_decay"] if group["weight_decay"] and not group["decoupled_weight_decay"] else 0
        kern = _graph.kernel(program, s, bool(bucket.lone))
        if kern is None:
            return False
        params = [bucket.params[i] for i in positions]

        def moments():
            lo, hi = positions[0], positions[-1]
            if list(positions) != list(range(lo, hi + 1)):  # (a parameter without a gradient between)
                return None
            return [flat[lo:hi + 1] if name in bucket.lone else flat[bucket.offsets[lo]:bucket.offsets[hi + 1]]
                    for name, flat in bucket.flats.items()]

        got = _graph.capture(bucket.__dict__.setdefault("captures", {}), (tuple(positions), kern, maximize, l2),
                             kern, params, moments, maximize, l2)
        if got is None:
            return False
        got(s, lr)
        return True

    def _fusable(self, p_, ref, program) -> bool:
        """Whether ``fused=True`` runs ``program`` as a compiled kernel: a recording that serves every step (not one
        made anew per step, which would compile at every step), in float32 or float64 (the precisions whose
        arithmetic with a number the kernel reproduces), and a step :func:`~adamdyn.torch._kernel.fusable`
        can take; else the eager flat path."""
        return (program is not None and self.record_once and ref.dtype in (torch.float32, torch.float64)
                and self._recording(p_, ref) is not None and fusable(program))

    def _step_fused(self, group, bucket, positions, program, s):
        """``fused=True``: the program as one compiled kernel per parameter (:mod:`adamdyn.torch._kernel`),
        reading and writing the flat state's views of whole parameters."""
        def one_d(q):  # a 0-d tensor as a one-element view: inductor's kernels lose writes into 0-d views
            return q.view(1) if q.dim() == 0 else q

        params = [bucket.params[i] for i in positions]
        adjusted = group["maximize"] or (group["weight_decay"] and not group["decoupled_weight_decay"])
        grads = [one_d(self._grad(group, q) if adjusted else q.grad) for q in params]
        states = [[one_d(bucket.views[i][name]) for i in positions] for name in self.rule.state]
        try:
            fused_step(program, s, params)(states, grads, [one_d(q) for q in params], s, group["lr"])
        except RuntimeError:
            for q in params:  # not stepped: the step count as before
                self.state[q]["step"] -= 1
            raise

    def _lone(self, p_, ref) -> frozenset:
        """The rule's states that are one number per parameter (:meth:`~adamdyn.torch._program._Graph.lone_states`:
        NAdam's ``mu_product``), kept as a 0-d tensor per parameter as ``torch.optim.NAdam`` keeps it."""
        graph = self._recording(p_, ref)
        return frozenset(self.rule.state[k] for k in graph.lone_states) if graph is not None else frozenset()

    def _recording(self, p_, ref):
        """The rule recorded with ``t`` and its numeric parameters as stand-ins (one per value of its flags and
        per dtype and device), or ``None`` where it cannot be recorded so."""
        cache = self.__dict__.setdefault("_graphs", {})
        key = (baked(self.rule, p_), ref.dtype, ref.device)
        try:
            graph = cache.get(key, False)
        except TypeError:  # a parameter value that is not hashable: no cache
            return record(self.rule, p_, None)
        if graph is False:
            if len(cache) > 16:
                cache.clear()
            graph = cache[key] = record(self.rule, p_, None)
        return graph

    def _program(self, p_, t, ref, skip=True):
        """``(program, scalars)``: the rule's step ``t`` as a recorded tensor program and the values of its scalar
        program, or ``(None, None)`` where the rule does more than the backend's operations on stand-ins (a tensor
        method, a torch function): it then runs as written. ``skip``: the program skips the operations that
        return an operand unchanged at this step's numbers (:meth:`~adamdyn.torch._program._Graph.program`).

        One recording (:func:`~adamdyn.torch._program.record` with ``t`` and the numeric parameters as
        stand-ins) serves every step; it is kept per value of the rule's flags and per dtype and device. A rule
        that cannot be recorded so (a Python ``if`` on ``t``), or ``record_once = False``, is recorded anew at
        every step with ``t`` and the parameters as numbers.
        """
        graph = self._recording(p_, ref) if self.record_once else None
        if graph is None:
            graph = record(self.rule, p_, t, lazy_scalars=False)
            if graph is None:
                return None, None
        s = graph.scalars(t, p_)
        return graph.program(s, skip), s

    def _step_segment(self, group, p_, bucket, t, segment, program, s, pre=None):
        rule = self.rule
        wd = group["weight_decay"]
        l2 = bool(wd) and not group["decoupled_weight_decay"]
        if segment[0] == "slice":
            _, i, a, b = segment
            param = bucket.params[i]
            g, x = param.grad.view(-1)[a:b], param.view(-1)[a:b]
            lo = bucket.offsets[i]
            moments = bucket.moments(lo + a, lo + b, i)
            members = None
        else:
            members = [bucket.params[i] for i in segment[1]]
            g = torch.cat([q.grad.reshape(-1) for q in members])
            # x: a copy the program steps (written back below), or what the rule reads
            x = torch.cat([q.reshape(-1) for q in members]) if (l2 or rule.needs_x or program is not None) else None
            moments = bucket.moments(bucket.offsets[segment[1][0]], bucket.offsets[segment[1][-1] + 1], segment[1][0])
        if group["maximize"]:
            g = -g
        if l2:
            g = g.add(x, alpha=wd)
        i = segment[1] if members is None else segment[1][0]
        inputs = bucket.inputs(moments, i)
        if program is not None:
            *new, direction = program.run((*inputs, g, x), s, group["lr"], pre and (pre[0], pre[1][i]), self.loop)
            if pre:  # the prelude wrote the lone states
                new = [m if v is None else v for m, v in zip(moments, new)]
        else:
            new, direction = rule.advance(inputs, g, t, p_, _B, x=x)
        for dst, value in zip(moments, new):
            if value is not dst:
                direction = self._write_states(moments, new, direction)
                break
        if direction is None:  # the program took the step (on x, a copy where members are gathered)
            if members is not None:
                torch._foreach_copy_(members, [d.view(q.shape) for d, q in zip(x.split([q.numel() for q in members]),
                                                                                members)])
            return
        if members is None:
            x.add_(direction, alpha=-group["lr"])
            return
        if not isinstance(direction, torch.Tensor) or direction.shape != g.shape:
            direction = torch.as_tensor(direction, dtype=g.dtype if not isinstance(direction, torch.Tensor)
                                        else direction.dtype, device=g.device).expand(g.shape)
        parts = direction.split([q.numel() for q in members])
        torch._foreach_add_(members, [d.reshape(q.shape) for d, q in zip(parts, members)], alpha=-group["lr"])

    @staticmethod
    def _write_states(moments, new, direction):
        """Copy the new states not already written in place into the flat state (an old state that is about to
        be overwritten and is still read, as a new state or as the direction, is kept first)."""
        def kept(v):
            return v.clone() if any(v is m for m in moments) else v

        pending = [(dst, kept(value)) for dst, value in zip(moments, new) if value is not dst]
        direction = kept(direction)
        for dst, value in pending:
            if isinstance(value, torch.Tensor):
                dst.copy_(value)
            else:
                dst.fill_(value)
        return direction

    def _flat_buckets(self, gi, group, p_) -> dict:
        """The group's :class:`_FlatState` per (dtype, device) of its parameters that require a gradient (or hold
        one: a gradient set by hand), rebuilt when they (or the lone states) changed. A bucket that is rebuilt or
        dropped first gives the states that were views of it their own storage (:meth:`_FlatState.release`), so
        no state keeps the old flat tensors alive."""
        store = self.__dict__.setdefault("_flat_state", {})
        by_kind = {}
        for param in group["params"]:
            if param.requires_grad or param.grad is not None:  # a frozen parameter has no state
                by_kind.setdefault((param.dtype, param.device), []).append(param)
        for key in [k for k in store if k[0] == gi and k[1:] not in by_kind]:
            store.pop(key).release(self.state)
        out = {}
        for kind, params in by_kind.items():
            bucket = store.get((gi, *kind))
            lone = self._lone(p_, params[0])
            if bucket is None or not bucket.holds(params) or bucket.lone != lone:
                if bucket is not None:
                    bucket.release(self.state)
                bucket = store[(gi, *kind)] = _FlatState(params, self.rule.state, lone)
            out[kind] = bucket
        return out



class _Fast:
    """A group's steady state on the flat path: every parameter has a gradient and steps with the others, in one
    flat state, with the settings of the step before. :meth:`holds` checks that cheaply (the same parameters,
    shapes, dtypes, settings and step count, the states still the flat state's views); :meth:`step` then steps
    them without the per-step look-ups of :meth:`RuleOptimizer._step_group_flat` (its rule parameters, buckets,
    per-parameter checks), which cost more than the step itself for a small model or on a GPU."""

    def __init__(self, opt, gi, group, p_, bucket, t):
        self.key = _group_key(opt, group)
        self.params = tuple(group["params"])
        self.shapes = tuple(q.shape for q in self.params)
        self.p_, self.bucket, self.t = p_, bucket, t
        self.positions = [bucket.index[id(q)] for q in self.params]
        self.views = [bucket.views[i] for i in self.positions]
        self.names = opt.rule.state
        ref = self.params[0]
        self.dtype, self.device = ref.dtype, ref.device
        self.store_key = (gi, ref.dtype, ref.device)

    def holds(self, opt, group) -> bool:
        if self.key is None or _group_key(opt, group) != self.key:
            return False
        params = group["params"]
        if len(params) != len(self.params):
            return False
        dtype, device = self.dtype, self.device  # (as when it was made: model.double() changes every parameter)
        state = opt.state
        for q, mine, shape, views in zip(params, self.params, self.shapes, self.views):
            if q is not mine or q.shape != shape or q.dtype != dtype or q.device != device:
                return False
            g = q.grad
            if g is None or g.is_sparse or g.dtype != dtype or g.device != device:
                return False
            st = state.get(q)
            if st is None or st.get("step") != self.t:
                return False
            for name in self.names:
                if st.get(name) is not views[name]:
                    return False
        return opt.__dict__.get("_flat_state", {}).get(self.store_key) is self.bucket

    def step(self, opt, group):
        t = self.t + 1
        state = opt.state
        for q in self.params:
            state[q]["step"] = t
        if opt._shrinks(group):
            torch._foreach_mul_(list(self.params), 1 - group["lr"] * group["weight_decay"])
        self.t = t
        opt._step_run(group, self.p_, self.bucket, t, self.positions)


_PLAIN = (int, float, str, bool, type(None))


def _group_key(opt, group):
    """What a group's step reads besides its parameters: its settings (``lr`` left out where the rule's numbers
    do not read it: the kernel takes it at each step, as a scheduler sets it) and the optimizer's switches; ``None``
    where a setting is not a plain value (a tensor ``lr``), which has no cheap comparison."""
    skip_lr = opt.zero_lr and "lr" not in opt.rule.param_names
    items = []
    for k, v in group.items():
        if k == "params" or (skip_lr and k == "lr"):
            continue
        if not (isinstance(v, _PLAIN) or (isinstance(v, tuple) and all(isinstance(x, _PLAIN) for x in v))):
            return None
        items.append((k, v))
    return opt.flat_chunk, opt.loop, opt.record_once, tuple(items)
