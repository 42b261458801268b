r"""AdaMomentum (Wang et al., 2021): the second moment of the momentum, eps inside the root.

Algorithm 1 of that paper; bias correction optional, off in the analysis.
"""

from ..references import cite
from .adam import BETA1, BIAS, numerator
from .base import Param, Rule, with_equations
from .gd import LR
from .rmsprop import BETA2

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t
v_t = \beta_2 v_{t-1} + (1-\beta_2) m_t^2 + \epsilon
x_{t+1} = x_t - \eta\, \hat m_t / \sqrt{\hat v_t}
"""

EPS = Param("eps", 0.0, "added to v_t inside the root (0 in the analysis)", lo=0.0, example="1e-16")


def init(g, p, B):
    return (0.0 * g, 0.0 * g)


def update(state, g, t, p, B):
    m, v = state
    m = p.beta1 * m + (1 - p.beta1) * g
    v = p.beta2 * v + (1 - p.beta2) * (m * m) + p.eps
    vhat = B.select(p.bias_correction, v / (1 - p.beta2**t), v)
    return (m, v), numerator(m, t, p, B) / B.sqrt(vhat)


def scale(state, g, p, B):
    return B.sqrt(state[1])


RULE = Rule(
    name="adamomentum",
    summary="AdaMomentum: Adam with the second moment of m instead of g.",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, BIAS),
    state=("m", "v"),
    init=init,
    update=update,
    degrees=lambda p: (1, 2),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps": 2},
    reference=f"{cite('adamomentum', title=False)}, Algorithm 1",
)
__doc__ = with_equations(__doc__, EQUATIONS)
