r"""AdamW (Loshchilov & Hutter, 2019): Adam with weight decay decoupled from the adaptive step.

The decay moves the iterate itself, :math:`x_{t+1} = x_t - \eta(\hat m_t/(\sqrt{\hat v_t}+\epsilon)
+ \lambda x_t)`, so it is part of the rule (``needs_x``) in every backend. With ``weight_decay = 0``
this is :mod:`adam` bit for bit. On :math:`|x|^n` the decay adds the constant :math:`\eta\lambda`
to the contraction :math:`1-\rho_t`: where Adam converges linearly at :math:`\rho^*`, AdamW is
no slower. ``torch.optim.AdamW`` writes the same step as ``x (1 - \eta\lambda) - \eta\,\hat m/(\dots)``.
"""

from ..references import cite
from . import adam
from .base import Param, Rule, with_equations

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2
x_{t+1} = x_t - \eta\,\big(\hat m_t / (\sqrt{\hat v_t} + \epsilon) + \lambda x_t\big)
"""

WD = Param("weight_decay", 1e-2, "decoupled weight decay lambda (x shrinks by lr*lambda*x per step)", lo=0.0,
           example="0.01")


def update(state, g, t, p, B, x):
    new, direction = adam.update(state, g, t, p, B)
    return new, direction + p.weight_decay * x


RULE = Rule(
    name="adamw",
    summary="AdamW: Adam with decoupled weight decay.",
    equations=EQUATIONS,
    params=adam.RULE.params + (WD,),
    state=adam.RULE.state,
    init=adam.init,
    update=update,
    degrees=adam.RULE.degrees,
    direction_degree=0,
    scale=adam.scale,
    param_degrees=adam.RULE.param_degrees,
    reference=f"{cite('adamw', title=False)}; torch.optim.AdamW",
    needs_x=True,
    published={"eps": 1e-8, "bias_correction": True, "lr": 1e-3, "beta1": 0.9, "beta2": 0.999},
)
__doc__ = with_equations(__doc__, EQUATIONS)
