r"""``torch.optim.Optimizer`` subclasses built from the single rule definitions.

Every optimizer here is :class:`RuleOptimizer` around one rule of
:mod:`adamdyn.rules`: each step calls ``rule.update(state, g, t, p, B)`` with
the torch backend ``B`` on the parameter's tensors and moves
``x <- x - lr * direction``. No update formula is re-typed here, so the torch
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
from collections.abc import Iterable

import torch

from ..backend import torch_backend
from ..rules import get_rule
from ..rules.base import Params, Rule

__all__ = [
    "RuleOptimizer", "Adam", "AdamW", "NAdam", "RAdam", "Adamax", "Adagrad", "Lion", "Yogi", "AdaBound",
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
    """

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
        rule = self.rule
        own_decay = self._own_decay
        for group in self.param_groups:
            p_ = self._rule_params(group)
            lr = group["lr"]
            wd = group["weight_decay"]
            for index, param in enumerate(group["params"]):
                if param.grad is None:
                    continue
                g = param.grad
                if g.is_sparse:
                    raise ValueError(f"optimizer {rule.name!r} does not support sparse gradients.")
                if group["maximize"]:
                    g = -g
                if wd:
                    if not group["decoupled_weight_decay"]:
                        g = g.add(param, alpha=wd)
                    elif not own_decay:
                        param.mul_(1 - lr * wd)
                state = self.state[param]
                if "step" not in state:
                    self._init_state(group, index, param, g, p_)
                state["step"] += 1
                moments = tuple(state[name] for name in rule.state)
                new, direction = rule.advance(moments, g, state["step"], p_, _B, x=param)
                for name, value in zip(rule.state, new):
                    state[name] = value
                param.add_(direction, alpha=-lr)
        return loss


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
    "foreach": "it runs the rule on one parameter at a time",
    "fused": "it runs the rule on one parameter at a time",
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
