r"""AMSGrad (Reddi et al., 2018) as ``torch.optim.Adam(amsgrad=True)``: the running maximum of v.

:math:`\hat v^{\max}_t = \max(\hat v^{\max}_{t-1}, v_t)` (``B.max``). On :math:`|x|^n` the gradient
shrinks, :math:`v_t` decays and the maximum freezes, so the step becomes SGD with momentum at the
fixed rate :math:`\eta/\sqrt{v^{\max}}`.
"""

from ..references import cite
from .adam import BETA1, BIAS, moments, numerator
from .base import Rule, with_equations
from .gd import LR
from .rmsprop import BETA2, EPS

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2
v^{\max}_t = \max(v^{\max}_{t-1}, v_t)
x_{t+1} = x_t - \eta\, \hat m_t / (\sqrt{v^{\max}_t/(1-\beta_2^t)} + \epsilon)
"""


def init(g, p, B):
    return (0.0 * g, 0.0 * g, 0.0 * g)


def update(state, g, t, p, B):
    m, v, vmax = state
    m, v = moments(m, v, g, p)
    vmax = B.max(vmax, v)
    vhat = B.select(p.bias_correction, vmax / (1 - p.beta2**t), vmax)
    return (m, v, vmax), numerator(m, t, p, B) / (B.sqrt(vhat) + p.eps)


def scale(state, g, p, B):
    return B.sqrt(state[2]) + p.eps


RULE = Rule(
    name="amsgrad",
    summary="AMSGrad: Adam with the running maximum of the second moment.",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, BIAS),
    state=("m", "v", "vmax"),
    init=init,
    update=update,
    degrees=lambda p: (1, 2, 2),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps": 1},
    reference=f"{cite('amsgrad', title=False)}; torch.optim.Adam(amsgrad=True)",
    published={"lr": 1e-3, "eps": 1e-8, "bias_correction": True},
)
__doc__ = with_equations(__doc__, EQUATIONS)
