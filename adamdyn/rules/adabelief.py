r"""AdaBelief (Zhuang et al., 2020; evaluated by Abuduweili & Liu, 2025): second moment of the surprise g - m.

The paper adds the same ``eps`` to :math:`s_t` (gradient degree 2) and to the root (degree 1). The
:math:`s_t` term is written :math:`\epsilon\, g_{\mathrm{unit}}`: ``g_unit`` is the unit of the gradient
(fixed at 1, as RAdam's), so the value is the paper's while, in the frame where :math:`|g| = 1` (the
normalized mode, the symbolic engine), ``eps`` scales as :math:`1/|g|` and the term as :math:`1/|g|^2`.
"""

from ..references import cite
from .adam import BETA1, BIAS, numerator, outer_eps_scale
from .base import Param, Rule, with_equations
from .gd import LR
from .rmsprop import BETA2

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t
s_t = \beta_2 s_{t-1} + (1-\beta_2) (g_t - m_t)^2 + \epsilon
x_{t+1} = x_t - \eta\, \hat m_t / (\sqrt{\hat s_t} + \epsilon)
"""

EPS = Param("eps", 0.0, "added to s_t and to the root (0 in the analysis)", lo=0.0, example="1e-16")
G_UNIT = Param("g_unit", 1.0, "unit of the gradient in the s_t term eps * g_unit (internal: only 1 is valid)",
               lo=1.0, hi=1.0, example="1")


def init(g, p, B):
    return (0.0 * g, 0.0 * g)


def update(state, g, t, p, B):
    m, s = state
    m = p.beta1 * m + (1 - p.beta1) * g
    d = g - m
    s = p.beta2 * s + (1 - p.beta2) * (d * d) + p.eps * p.g_unit
    shat = B.select(p.bias_correction, s / (1 - p.beta2**t), s)
    return (m, s), numerator(m, t, p, B) / (B.sqrt(shat) + p.eps)


RULE = Rule(
    name="adabelief",
    summary="AdaBelief: Adam with the second moment of (g - m).",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, BIAS, G_UNIT),
    state=("m", "s"),
    init=init,
    update=update,
    degrees=lambda p: (1, 2),
    direction_degree=0,
    scale=outer_eps_scale,
    param_degrees=lambda p: {"eps": 1, "g_unit": 1},
    reference=f"{cite('adabelief', title=False)}, as evaluated by {cite('initial-steps', title=False)}",
)
__doc__ = with_equations(__doc__, EQUATIONS)
