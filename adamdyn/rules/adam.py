r"""Adam (Kingma & Ba, 2015), in the analysis formulation by default (eps = 0, no bias correction).

:math:`\hat m_t = m_t/(1-\beta_1^t)` and :math:`\hat v_t = v_t/(1-\beta_2^t)` when
``bias_correction`` is on (identity otherwise), ``eps`` inside the root
(:math:`\sqrt{\hat v_t + \epsilon}`) when ``eps_inside`` is on, and :math:`m_0 = 0`,
:math:`v_0 =` ``v0`` (the non-zero initialisation of Abuduweili & Liu, 2025).
Special cases: ``beta1 = 0`` is :mod:`rmsprop`; ``beta1 = beta2 = 0`` is
:mod:`signgd`. The indexing is that of Bai et al. (2026), eq. [2], Sec. 3.2.
"""

from ..references import cite
from .base import Param, Rule, with_equations
from .gd import LR
from .rmsprop import BETA2, EPS

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t
v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2
x_{t+1} = x_t - \eta\, \hat m_t / (\sqrt{\hat v_t} + \epsilon)
"""

BETA1 = Param("beta1", 0.9, "first-moment decay", lo=0.0, hi=1.0, hi_open=True, example="0.9")
BIAS = Param("bias_correction", False, "divide m, v by (1 - beta^t)", kind="bool")
EPS_INSIDE = Param("eps_inside", False, "eps inside the square root: sqrt(v + eps)", kind="bool")
V0 = Param("v0", 0.0, f"initial second moment v_0 ({cite('initial-steps', title=False)})", lo=0.0,
           example="1e-6")


def init(g, p, B):
    return (0.0 * g, p.v0 + 0.0 * g)


def moments(m, v, g, p):
    """Adam's two moments after folding in ``g``: ``(m_t, v_t)``; shared by the Adam-type rules."""
    return p.beta1 * m + (1 - p.beta1) * g, p.beta2 * v + (1 - p.beta2) * (g * g)


def denominator(v, t, p, B):
    """sqrt(v_hat) + eps, or sqrt(v_hat + eps); shared by Adam-type rules."""
    vhat = B.select(p.bias_correction, v / (1 - p.beta2**t), v)
    return B.select(p.eps_inside, B.sqrt(vhat + p.eps), B.sqrt(vhat) + p.eps)


def numerator(m, t, p, B):
    return B.select(p.bias_correction, m / (1 - p.beta1**t), m)


def update(state, g, t, p, B):
    m, v = moments(*state, g, p)
    return (m, v), numerator(m, t, p, B) / denominator(v, t, p, B)


def outer_eps_scale(state, g, p, B):
    """sqrt(v) + eps: the ``scale`` of every Adam-type rule whose eps sits outside the root."""
    return B.sqrt(state[1]) + p.eps


def scale(state, g, p, B):
    """The update's denominator without bias correction: sqrt(v) + eps, or sqrt(v + eps) with eps inside."""
    return B.select(p.eps_inside, B.sqrt(state[1] + p.eps), outer_eps_scale(state, g, p, B))


RULE = Rule(
    name="adam",
    summary="Adam (Kingma & Ba); analysis form eps = 0, no bias correction.",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, EPS_INSIDE, BIAS, V0),
    state=("m", "v"),
    init=init,
    update=update,
    degrees=lambda p: (1, 2),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps": 2 if p.eps_inside else 1, "v0": 2},
    reference=f"{cite('adam', title=False)}; {cite('adam-degenerate', title=False)} eq. [2]; "
              f"{cite('initial-steps', title=False)} (v0)",
)
__doc__ = with_equations(__doc__, EQUATIONS)
