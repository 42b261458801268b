r"""``torch.optim.Optimizer`` subclasses built from the single rule definitions.

Every optimizer here is :class:`RuleOptimizer` around one rule of
:mod:`adamdyn.rules`: each step calls ``rule.update(state, g, t, p, B)`` with
the torch backend ``B`` on the parameter's tensors and moves
``x <- x - lr * direction``. No update formula is re-typed here, so the torch
path is the numpy reference trajectory, step for step (tested to 1e-12 in
float64), and ``Adam(v0="zero")`` is ``torch.optim.Adam``.

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
    "RuleOptimizer", "Adam", "AdamW", "AdaMomentum", "S3", "AdaBelief", "RMSProp",
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
        weight_decay: L2 penalty added to the gradient, or, with
            ``decoupled_weight_decay``, the AdamW shrink ``x *= 1 - lr * wd``.
        maximize: ascend instead of descend.
        v0: for rules with a ``v0`` parameter (Adam): ``"zero"``, a number
            (constant ``v0``), ``"random"`` (Abuduweili & Liu, 2025, eq. 8, scale
            ``v0_sigma``, seeded by ``v0_seed``) or ``"data"`` (their eq. 7:
            call :meth:`set_v0` with :func:`data_driven_v0`'s tensors before
            the first step).
        **rule_params: the rule's parameters (``lr``, ``beta1``, ...).
    """

    def __init__(self, params, rule: str | Rule, *, weight_decay=0.0, decoupled_weight_decay=False,
                 maximize=False, v0="zero", v0_sigma=1.0, v0_seed=None, **rule_params):
        self.rule = get_rule(rule)
        if v0_seed is None:
            v0_seed = int(torch.randint(0, 2**31 - 1, (1,)).item())
        defaults = dict(rule_params, weight_decay=weight_decay, decoupled_weight_decay=decoupled_weight_decay,
                        maximize=maximize, v0=v0, v0_sigma=v0_sigma, v0_seed=int(v0_seed))
        super().__init__(params, defaults)

    # -- groups -------------------------------------------------------------
    def add_param_group(self, param_group):
        super().add_param_group(param_group)
        self._rule_params(self.param_groups[-1], validate=True)

    def _rule_params(self, group, validate=False) -> Params:
        rule = self.rule
        values = {k: group[k] for k in rule.param_names if k in group}
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
                    if group["decoupled_weight_decay"]:
                        param.mul_(1 - lr * wd)
                    else:
                        g = g.add(param, alpha=wd)
                state = self.state[param]
                if "step" not in state:
                    self._init_state(group, index, param, g, p_)
                state["step"] += 1
                moments = tuple(state[name] for name in rule.state)
                new, direction = rule.update(moments, g, state["step"], p_, _B)
                for name, value in zip(rule.state, new):
                    state[name] = value
                param.add_(direction, alpha=-lr)
        return loss


def _betas(betas):
    try:
        b1, b2 = betas
    except (TypeError, ValueError):
        raise ValueError(f"betas={betas!r} is not a pair. Fix: pass e.g. betas=(0.9, 0.999).") from None
    return b1, b2


class Adam(RuleOptimizer):
    """Adam from :mod:`adamdyn.rules.adam`, torch defaults (eps 1e-8, bias correction).

    ``v0``: ``"zero"`` (``torch.optim.Adam``), ``"random"``, ``"data"`` or a number.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, *,
                 bias_correction=True, eps_inside=False, v0="zero", v0_sigma=1.0, v0_seed=None,
                 maximize=False, decoupled_weight_decay=False):
        b1, b2 = _betas(betas)
        super().__init__(params, "adam", lr=lr, beta1=b1, beta2=b2, eps=eps, eps_inside=eps_inside,
                         bias_correction=bias_correction, weight_decay=weight_decay,
                         decoupled_weight_decay=decoupled_weight_decay, maximize=maximize,
                         v0=v0, v0_sigma=v0_sigma, v0_seed=v0_seed)


class AdamW(Adam):
    """Adam with decoupled weight decay (``torch.optim.AdamW``'s shrink before the step)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, **kw):
        kw["decoupled_weight_decay"] = True
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, **kw)


class AdaMomentum(RuleOptimizer):
    """AdaMomentum (Wang et al., 2021) from :mod:`adamdyn.rules.adamomentum`; eps inside the root."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-16, weight_decay=0.0, *,
                 bias_correction=True, **kw):
        b1, b2 = _betas(betas)
        super().__init__(params, "adamomentum", lr=lr, beta1=b1, beta2=b2, eps=eps,
                         bias_correction=bias_correction, weight_decay=weight_decay, **kw)


class AdaBelief(RuleOptimizer):
    """AdaBelief from :mod:`adamdyn.rules.adabelief`."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-16, weight_decay=0.0, *,
                 bias_correction=True, **kw):
        b1, b2 = _betas(betas)
        super().__init__(params, "adabelief", lr=lr, beta1=b1, beta2=b2, eps=eps,
                         bias_correction=bias_correction, weight_decay=weight_decay, **kw)


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
    "adam": Adam, "adamw": AdamW, "adamomentum": AdaMomentum, "adabelief": AdaBelief, "s3": S3,
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
