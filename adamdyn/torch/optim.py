r"""``torch.optim.Optimizer`` subclasses built from the single rule definitions.

Every optimizer here is :class:`RuleOptimizer` around one rule of
:mod:`adamdyn.rules`: the rule's ``update(state, g, t, p, B)`` is recorded once (with ``t`` and the
parameters as stand-ins) and replayed every step on the parameters' tensors (flat chunks of many
parameters at once), then ``x <- x - lr * direction``. No update formula is re-typed here, so the torch
path is the numpy reference trajectory, step for step (tested to 1e-12 in
float64; two fused forms, ``torch.add(..., alpha=)`` and ``torch.addcmul``, round in the last bits as torch
does), and ``Adam(v0="zero")`` is ``torch.optim.Adam``.

The classes with a ``torch.optim`` twin (:class:`Adam`, with ``amsgrad``,
:class:`AdamW`, :class:`NAdam`, :class:`RAdam`, :class:`Adamax`,
:class:`Adagrad`) take torch's signature and defaults and follow torch step
for step; torch's implementation switches ``foreach``, ``capturable`` and
``differentiable`` accept only their defaults. ``fused=True`` (every class)
runs the recorded rule as one ``torch.compile``'d kernel per parameter (see
:class:`RuleOptimizer`). :class:`Lion`,
:class:`Yogi`, :class:`AdaBound`, :class:`Adafactor` and :class:`AdaBelief`
take the signatures of their reference implementations; each docstring says
where those depart from the paper and which one this class follows.

What this layer adds around a rule: param groups, ``state_dict`` /
``load_state_dict`` (the twins also load ``torch.optim``'s own state_dict, so
a run started with ``torch.optim.Adam`` continues here; one that cannot be
continued is refused before anything loads), deepcopy and pickle, closures, weight decay (L2 or decoupled, as
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

from ._flat import FLAT_CHUNK_BYTES
from .rule_optimizer import RuleOptimizer, _flag
from .v0 import data_driven_v0, fan_in_out, random_v0

__all__ = [
    "RuleOptimizer", "FLAT_CHUNK_BYTES", "Adam", "AdamW", "NAdam", "RAdam", "Adamax", "Adagrad", "Lion", "Yogi", "AdaBound",
    "Adafactor", "AdaMomentum", "S3", "AdaBelief", "RMSProp",
    "Momentum", "SGD", "GD", "SignGD", "OPTIMIZERS", "make_optimizer", "random_v0",
    "data_driven_v0", "fan_in_out",
]


def _betas(betas, owner="optimizer", example="(0.9, 0.999)"):
    try:
        b1, b2 = betas
    except (TypeError, ValueError):
        raise ValueError(f"{owner}: betas={betas!r} is not a pair; valid values are two numbers in [0, 1). "
                         f"Fix: pass e.g. betas={example}.") from None
    return b1, b2


_BETAS = {"betas": ("beta1", "beta2")}  # torch's group key for the two betas (RuleOptimizer.torch_keys)

# torch.optim's names of the Adam family's states (RuleOptimizer.torch_state); NAdam's mu_product is the same
_TORCH_ADAM = {"exp_avg": "m", "exp_avg_sq": "v", "max_exp_avg_sq": "vmax"}

_WHY_UNSUPPORTED = {
    "foreach": "it always runs the rule on chunks of many parameters at once, see RuleOptimizer",
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
    ``foreach``, ``capturable`` and ``differentiable`` accept only their
    defaults; ``fused=True`` compiles the step (see :class:`RuleOptimizer`). Beyond torch: ``bias_correction`` (``False``: the analysis
    form), ``eps_inside`` (``sqrt(v + eps)``) and ``v0`` (``"zero"`` as torch,
    ``"random"``, ``"data"`` or a number; Abuduweili & Liu, 2025); these three
    belong to the Adam rule and are refused with ``amsgrad=True``.
    """

    torch_keys = _BETAS
    torch_state = _TORCH_ADAM
    torch_twin = "Adam"
    switch_fixes = {"amsgrad": "build Adam with amsgrad={value}", ("rule", "amsgrad"): "build Adam with amsgrad=True",
                    ("rule", "adam"): "build Adam with amsgrad=False"}

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False, bias_correction=True, eps_inside=False, v0="zero", v0_sigma=1.0,
                 v0_seed=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, capturable=capturable, differentiable=differentiable)
        b1, b2 = _betas(betas, owner)
        common = dict(lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=bias_correction,
                      weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay, maximize=maximize,
                      fused=fused)
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

    torch_keys = _BETAS
    torch_state = _TORCH_ADAM
    torch_twin = "AdamW"
    switch_fixes = {"amsgrad": "load it into adamdyn.torch.Adam(params, amsgrad=True, decoupled_weight_decay=True, "
                               "weight_decay={weight_decay}), which is torch's AdamW(amsgrad=True)"}

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
                 maximize=False, foreach=None, capturable=False, differentiable=False, fused=None,
                 bias_correction=True, eps_inside=False, v0="zero", v0_sigma=1.0, v0_seed=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, capturable=capturable, differentiable=differentiable)
        _off(owner, "amsgrad", amsgrad, "the AdamW rule has no running maximum",
             "Adam(params, amsgrad=True, weight_decay=wd, decoupled_weight_decay=True) is torch's "
             "AdamW(amsgrad=True)")
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "adamw", lr=lr, beta1=b1, beta2=b2, eps=eps, eps_inside=eps_inside,
                         bias_correction=bias_correction, weight_decay=weight_decay, decoupled_weight_decay=True,
                         maximize=maximize, fused=fused, v0=v0, v0_sigma=v0_sigma, v0_seed=v0_seed)


class NAdam(RuleOptimizer):
    """``torch.optim.NAdam`` from :mod:`adamdyn.rules.nadam` (Dozat, 2016; torch's momentum schedule).

    Torch's signature and defaults; ``decoupled_weight_decay=True`` (torch's
    NAdamW) is the shrink ``x *= 1 - lr * wd`` before the step, as in torch.
    ``state[param]["mu_product"]`` is one number per parameter (a 0-d tensor
    in the parameter's dtype; torch keeps it in float32): the rule's update of
    it reads nothing but itself and ``t``.
    """

    torch_keys = _BETAS
    torch_state = _TORCH_ADAM
    torch_twin = "NAdam"

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, capturable=capturable, differentiable=differentiable)
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "nadam", lr=lr, beta1=b1, beta2=b2, eps=eps, momentum_decay=momentum_decay,
                         weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay,
                         maximize=maximize, fused=fused)


class RAdam(RuleOptimizer):
    """``torch.optim.RAdam`` from :mod:`adamdyn.rules.radam` (Liu et al., 2020).

    Torch's signature and defaults; ``decoupled_weight_decay=True`` is the
    shrink ``x *= 1 - lr * wd`` before the step, as in torch.
    """

    torch_keys = _BETAS
    torch_state = _TORCH_ADAM
    torch_twin = "RAdam"

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, capturable=capturable, differentiable=differentiable)
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "radam", lr=lr, beta1=b1, beta2=b2, eps=eps, weight_decay=weight_decay,
                         decoupled_weight_decay=decoupled_weight_decay, maximize=maximize, fused=fused)


class Adamax(RuleOptimizer):
    """``torch.optim.Adamax`` from :mod:`adamdyn.rules.adamax` (Kingma & Ba, 2015, Sec. 7.1).

    Torch's signature and defaults (L2 ``weight_decay``); ``bias_correction``
    (torch: always on) can be switched off for the analysis form.
    """

    torch_keys = _BETAS
    torch_state = {"exp_avg": "m", "exp_inf": "u"}
    torch_twin = "Adamax"

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, foreach=None, *,
                 maximize=False, differentiable=False, capturable=False, bias_correction=True, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, capturable=capturable, differentiable=differentiable)
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "adamax", lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=bias_correction,
                         weight_decay=weight_decay, decoupled_weight_decay=False, maximize=maximize, fused=fused)


class Adagrad(RuleOptimizer):
    """``torch.optim.Adagrad`` from :mod:`adamdyn.rules.adagrad` (Duchi et al., 2011).

    Torch's signature and defaults: ``lr_decay`` divides the rate by
    ``1 + (t - 1) lr_decay``, ``initial_accumulator_value`` starts the sum of
    squares, ``weight_decay`` is the L2 penalty.
    """

    torch_state = {"sum": "s"}
    torch_twin = "Adagrad"

    def __init__(self, params, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10,
                 foreach=None, *, maximize=False, differentiable=False, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, differentiable=differentiable)
        super().__init__(params, "adagrad", lr=lr, lr_decay=lr_decay, eps=eps,
                         initial_accumulator_value=initial_accumulator_value, weight_decay=weight_decay,
                         decoupled_weight_decay=False, maximize=maximize, fused=fused)


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

    torch_keys = _BETAS

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0, weight_decouple=True,
                 fixed_decay=False, foreach=None, maximize=False, *, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach)
        b1, b2 = _betas(betas, owner, "(0.9, 0.99)")
        super().__init__(params, "lion", lr=lr, beta1=b1, beta2=b2, weight_decay=weight_decay,
                         decoupled_weight_decay=_decay_mode(owner, weight_decouple, fixed_decay),
                         maximize=maximize, fused=fused)


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

    torch_keys = _BETAS

    def __init__(self, params, lr=1e-2, betas=(0.9, 0.999), initial_accumulator=1e-6, weight_decay=0.0,
                 weight_decouple=True, fixed_decay=False, eps=1e-3, maximize=False, foreach=None, *,
                 bias_correction=True, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach)
        b1, b2 = _betas(betas, owner)
        x = initial_accumulator
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
            raise ValueError(f"{owner}: initial_accumulator={x!r} is out of range; valid range is [0, inf). "
                             "Fix: pass e.g. initial_accumulator=1e-6.")
        super().__init__(params, "yogi", lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=bias_correction,
                         v0=float(x), weight_decay=weight_decay,
                         decoupled_weight_decay=_decay_mode(owner, weight_decouple, fixed_decay), maximize=maximize,
                         fused=fused)


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

    torch_keys = _BETAS

    zero_lr = False  # the direction is in units of lr: its bounds are final_lr / lr

    def __init__(self, params, lr=1e-3, final_lr=1e-1, betas=(0.9, 0.999), gamma=1e-3, weight_decay=0.0,
                 weight_decouple=True, fixed_decay=False, ams_bound=False, eps=1e-8, maximize=False, foreach=None,
                 *, bias_correction=True, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach)
        _off(owner, "ams_bound", ams_bound, "the AdaBound rule has no running maximum", "drop ams_bound")
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "adabound", lr=lr, final_lr=final_lr, beta1=b1, beta2=b2, gamma=gamma, eps=eps,
                         bias_correction=bias_correction, weight_decay=weight_decay,
                         decoupled_weight_decay=_decay_mode(owner, weight_decouple, fixed_decay), maximize=maximize,
                         fused=fused)


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

    zero_lr = False  # the direction is in units of lr: its relative step is 1 / (lr sqrt(t))

    def __init__(self, params, lr=None, eps=(1e-30, 1e-3), clip_threshold=1.0, decay_rate=-0.8, beta1=None,
                 weight_decay=0.0, scale_parameter=True, relative_step=True, warmup_init=False, *,
                 maximize=False, fused=None):
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
                         decoupled_weight_decay=True, maximize=maximize, fused=fused)


class AdaMomentum(RuleOptimizer):
    """AdaMomentum (Wang et al., 2021) from :mod:`adamdyn.rules.adamomentum`; eps inside the root."""

    torch_keys = _BETAS

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

    torch_keys = _BETAS

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-16, weight_decay=0.0, amsgrad=False,
                 weight_decouple=True, fixed_decay=False, rectify=False, *, maximize=False, foreach=None,
                 bias_correction=True, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach)
        _off(owner, "amsgrad", amsgrad, "the AdaBelief rule has no running maximum", "drop amsgrad")
        _off(owner, "rectify", rectify, "the AdaBelief rule is Algorithm 2, without rectification",
             "drop rectify")
        b1, b2 = _betas(betas, owner)
        super().__init__(params, "adabelief", lr=lr, beta1=b1, beta2=b2, eps=eps, bias_correction=bias_correction,
                         weight_decay=weight_decay,
                         decoupled_weight_decay=_decay_mode(owner, weight_decouple, fixed_decay), maximize=maximize,
                         fused=fused)


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


class SGD(RuleOptimizer):
    """``torch.optim.SGD``: :mod:`adamdyn.rules.gd` at ``momentum=0``, else :mod:`adamdyn.rules.momentum`.

    Torch's signature and defaults. ``momentum > 0`` is the heavy ball ``m = momentum m + g``, as torch with
    ``dampening=0``. A dampening is refused: torch's dampened buffer starts undampened (``m_1 = g_1``), which
    no rule here does (:class:`Momentum` with ``ema=True`` starts at ``(1 - beta) g_1``); so is
    ``nesterov=True``. The group key is torch's ``momentum`` (schedulers cycle it). Built with ``momentum=0``
    it is plain gradient descent: no group may set a momentum then.
    """

    torch_state = {"momentum_buffer": "m"}
    torch_twin = "SGD"
    switch_fixes = {"momentum": "build SGD with momentum={value}",
                    ("rule", "momentum"): "build SGD with momentum={momentum}",
                    ("rule", "gd"): "build SGD with momentum=0 (plain gradient descent)"}

    def __init__(self, params, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False, *,
                 maximize=False, foreach=None, differentiable=False, fused=None):
        owner = type(self).__name__
        _torch_only(owner, foreach=foreach, differentiable=differentiable)
        _off(owner, "nesterov", nesterov, "the momentum rule is the heavy ball", "drop nesterov")
        for name, x in (("momentum", momentum), ("dampening", dampening)):
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not 0 <= x < 1:
                raise ValueError(f"{owner}: {name}={x!r} is out of range; valid range is [0, 1). "
                                 f"Fix: pass e.g. {name}=0.9.")
        if dampening != 0:
            raise ValueError(f"{owner}: dampening={dampening!r} is not supported (torch's dampened buffer starts "
                             "undampened, which no rule here does); the valid value is 0. Fix: drop dampening, or "
                             "use Momentum(params, beta=..., ema=True) for the EMA form m = beta m + (1 - beta) g.")
        common = dict(lr=lr, weight_decay=weight_decay, decoupled_weight_decay=False, maximize=maximize, fused=fused)
        if momentum == 0:
            super().__init__(params, "gd", **common)
        else:
            self.torch_keys = {"momentum": "beta"}
            super().__init__(params, "momentum", beta=momentum, **common)


class GD(RuleOptimizer):
    """Gradient descent from :mod:`adamdyn.rules.gd` (plain SGD on mini-batches); it also continues a
    ``torch.optim.SGD`` checkpoint without momentum."""

    torch_state = {"momentum_buffer": "m"}
    torch_twin = "SGD"

    def __init__(self, params, lr=1e-2, weight_decay=0.0, **kw):
        super().__init__(params, "gd", lr=lr, weight_decay=weight_decay, **kw)


class SignGD(RuleOptimizer):
    """Sign descent from :mod:`adamdyn.rules.signgd` (``sign(g)``: no move where ``g = 0``)."""

    def __init__(self, params, lr=1e-3, weight_decay=0.0, **kw):
        super().__init__(params, "signgd", lr=lr, weight_decay=weight_decay, **kw)


OPTIMIZERS = {
    "adam": Adam, "adamw": AdamW, "nadam": NAdam, "radam": RAdam, "adamax": Adamax, "adagrad": Adagrad,
    "lion": Lion, "yogi": Yogi, "adabound": AdaBound, "adafactor": Adafactor,
    "adamomentum": AdaMomentum, "adabelief": AdaBelief, "s3": S3,
    "rmsprop": RMSProp, "momentum": Momentum, "gd": GD, "sgd": SGD, "signgd": SignGD,
}


def make_optimizer(name: str, params, **kw) -> RuleOptimizer:
    """Build the optimizer called ``name`` (see :data:`OPTIMIZERS`) on ``params``."""
    try:
        cls = OPTIMIZERS[str(name).lower()]
    except KeyError:
        raise ValueError(
            f"unknown torch optimizer {name!r}; valid names are {', '.join(OPTIMIZERS)}. Fix: pick one of those."
        ) from None
    try:
        return cls(params, **kw)
    except TypeError as exc:  # a misspelt keyword: name the valid ones
        import inspect

        valid = [k for k in inspect.signature(cls).parameters if k not in ("params", "kw")]
        raise ValueError(f"make_optimizer({name!r}): {exc}; valid keywords are {', '.join(valid)}. Fix: spell "
                         "them as listed.") from None
