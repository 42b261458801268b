r"""SoftSignSGD / S3 (Peng et al., 2025, Algorithm 1): p-th order denominator, one beta.

With ``nesterov`` on (the paper's default) both moments take the Nesterov form
:math:`n_t, b_t` below; off, :math:`n_t = m_t` and :math:`b_t = s_t^{1/p}`.
"""

from ..references import cite
from .base import Param, Rule, with_equations
from .gd import LR

EQUATIONS = r"""
m_t = \beta m_{t-1} + (1-\beta) g_t
s_t = \beta s_{t-1} + (1-\beta) |g_t|^p
n_t = \beta m_t + (1-\beta) g_t,\quad b_t = (\beta s_t + (1-\beta)|g_t|^p)^{1/p}
x_{t+1} = x_t - \gamma\, n_t / (b_t + \epsilon)
"""


def init(g, p, B):
    return (0.0 * g, 0.0 * g)


def scale(state, g, p, B):
    """The update's denominator b_t + eps, from the updated state and g_t."""
    s = state[1]
    den = B.select(p.nesterov, p.beta * s + (1 - p.beta) * B.pow(B.abs(g), p.p), s)
    return B.pow(den, 1 / p.p) + p.eps


def update(state, g, t, p, B):
    m, s = state
    m = p.beta * m + (1 - p.beta) * g
    s = p.beta * s + (1 - p.beta) * B.pow(B.abs(g), p.p)
    num = B.select(p.nesterov, p.beta * m + (1 - p.beta) * g, m)
    return (m, s), num / scale((m, s), g, p, B)


RULE = Rule(
    name="s3",
    summary="SoftSignSGD (S3): p-th order moment denominator, one beta, Nesterov form.",
    equations=EQUATIONS,
    params=(
        LR,
        Param("beta", 0.95, "one decay for both moments", lo=0.0, hi=1.0, hi_open=True, example="0.95"),
        Param("p", 1.0, "order of the denominator moment", lo=0.0, lo_open=True, example="2"),
        Param("nesterov", True, "Nesterov form of both moments (the paper's default)", kind="bool"),
        Param("eps", 0.0, "added to b_t (0 in the analysis)", lo=0.0, example="1e-8"),
    ),
    state=("m", "s"),
    init=init,
    update=update,
    degrees=lambda p: (1, p.p),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps": 1},
    reference=f"{cite('s3', title=False)}, Algorithm 1",
)
__doc__ = with_equations(__doc__, EQUATIONS)
