r"""Yogi (Zaheer et al., 2018, Algorithm 2): an additive second-moment update.

:math:`v_t = v_{t-1} - (1-\beta_2)\,\mathrm{sign}(v_{t-1} - g_t^2)\, g_t^2` moves ``v`` towards
:math:`g_t^2` by a step proportional to :math:`g_t^2`, never multiplicatively: a data-dependent
choice (``B.sign``) the symbolic engine derives per branch. The paper initialises :math:`v_0 = 10^{-6}`
and takes :math:`\epsilon = 10^{-3}` (``published``).
"""

from ..references import cite
from .adam import BETA1, BIAS, V0, numerator, outer_eps_scale
from .base import Rule, with_equations
from .gd import LR
from .rmsprop import BETA2, EPS

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t
v_t = v_{t-1} - (1-\beta_2)\, \mathrm{sign}(v_{t-1} - g_t^2)\, g_t^2
x_{t+1} = x_t - \eta\, \hat m_t / (\sqrt{\hat v_t} + \epsilon)
"""


def init(g, p, B):
    return (0.0 * g, p.v0 + 0.0 * g)


def update(state, g, t, p, B):
    m, v = state
    g2 = g * g
    m = p.beta1 * m + (1 - p.beta1) * g
    v = v - (1 - p.beta2) * B.sign(v - g2) * g2
    vhat = B.select(p.bias_correction, v / (1 - p.beta2**t), v)
    return (m, v), numerator(m, t, p, B) / (B.sqrt(vhat) + p.eps)


RULE = Rule(
    name="yogi",
    summary="Yogi: Adam with the additive, sign-controlled second-moment update.",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, BIAS, V0),
    state=("m", "v"),
    init=init,
    update=update,
    degrees=lambda p: (1, 2),
    direction_degree=0,
    scale=outer_eps_scale,
    param_degrees=lambda p: {"eps": 1, "v0": 2},
    reference=f"{cite('yogi', title=False)}, Algorithm 2",
    published={"lr": 1e-2, "eps": 1e-3, "v0": 1e-6},
)
__doc__ = with_equations(__doc__, EQUATIONS)
