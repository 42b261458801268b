r"""Adamax (Kingma & Ba, 2015, Sec. 7.1) as ``torch.optim.Adamax``: Adam with the infinity norm.

:math:`u_t = \max(\beta_2 u_{t-1}, |g_t| + \epsilon)` is a data-dependent choice (``B.max``); the
symbolic engine derives the map per active branch.
"""

from ..references import cite
from .adam import BETA1, BIAS, numerator
from .base import Rule, with_equations
from .gd import LR
from .rmsprop import BETA2, EPS

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t
u_t = \max(\beta_2 u_{t-1},\ |g_t| + \epsilon)
x_{t+1} = x_t - \eta\, \hat m_t / u_t
"""


def init(g, p, B):
    return (0.0 * g, 0.0 * g)


def update(state, g, t, p, B):
    m, u = state
    m = p.beta1 * m + (1 - p.beta1) * g
    u = B.max(p.beta2 * u, B.abs(g) + p.eps)
    return (m, u), numerator(m, t, p, B) / u


def scale(state, g, p, B):
    return state[1]


RULE = Rule(
    name="adamax",
    summary="Adamax: Adam with the exponentially weighted infinity norm.",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, BIAS),
    state=("m", "u"),
    init=init,
    update=update,
    degrees=lambda p: (1, 1),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps": 1},
    reference=f"{cite('adam', title=False)}, Sec. 7.1; torch.optim.Adamax",
    published={"lr": 2e-3, "eps": 1e-8, "bias_correction": True},
)
__doc__ = with_equations(__doc__, EQUATIONS)
