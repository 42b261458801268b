r"""Adagrad (Duchi et al., 2011) as ``torch.optim.Adagrad``: the sum of squared gradients, never forgotten.

On :math:`|x|^n` the sum converges as the gradient vanishes, so the step becomes gradient descent at the
fixed rate :math:`\eta/\sqrt{s_\infty}`: a power law, not linear convergence, for :math:`n > 2`.
``lr_decay`` is torch's schedule :math:`\eta_t = \eta/(1 + (t-1)\,\mathrm{lr\_decay})`.
"""

from ..references import cite
from .base import Param, Rule, with_equations
from .gd import LR

EQUATIONS = r"""
s_t = s_{t-1} + g_t^2,\quad s_0 = s_{\mathrm{init}}
x_{t+1} = x_t - \frac{\eta}{1 + (t-1)\,\mathrm{lr\_decay}}\; g_t / (\sqrt{s_t} + \epsilon)
"""


def init(g, p, B):
    return (p.initial_accumulator_value + 0.0 * g,)


def update(state, g, t, p, B):
    (s,) = state
    s = s + g * g
    return (s,), g / (B.sqrt(s) + p.eps) / (1 + (t - 1) * p.lr_decay)


def scale(state, g, p, B):
    return B.sqrt(state[0]) + p.eps


RULE = Rule(
    name="adagrad",
    summary="Adagrad: gradient over the root of the sum of all squared gradients.",
    equations=EQUATIONS,
    params=(
        LR,
        Param("lr_decay", 0.0, "learning-rate decay: lr / (1 + (t - 1) lr_decay)", lo=0.0, example="0"),
        Param("eps", 0.0, "denominator offset (0 in the analysis)", lo=0.0, example="1e-10"),
        Param("initial_accumulator_value", 0.0, "initial sum s_0", lo=0.0, example="0.1"),
    ),
    state=("s",),
    init=init,
    update=update,
    degrees=lambda p: (2,),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps": 1, "initial_accumulator_value": 2},
    reference=f"{cite('adagrad', title=False)}; torch.optim.Adagrad",
    published={"lr": 1e-2, "eps": 1e-10},
)
__doc__ = with_equations(__doc__, EQUATIONS)
