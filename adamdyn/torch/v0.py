r"""Non-zero initial second moments for Adam-type optimizers (Abuduweili & Liu, 2025, eqs. 7-8).

:func:`random_v0` draws :math:`v_0 \sim \sigma/(\mathrm{fan\_in}+\mathrm{fan\_out})\,\chi^2_1` per element;
:func:`data_driven_v0` estimates :math:`\sigma(\mathbf E[g]^2 + \mathrm{Var}[g])` from a few batches. Pass the
tensors to :meth:`adamdyn.torch.optim.RuleOptimizer.set_v0`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import torch

__all__ = ["fan_in_out", "random_v0", "data_driven_v0"]


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
