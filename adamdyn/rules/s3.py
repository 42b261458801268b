r"""SoftSignSGD / S3 (seed 004, Algorithm 1): p-th order denominator, one beta.

.. math::
    m_t = \beta m_{t-1} + (1-\beta) g_t,\qquad
    s_t = \beta s_{t-1} + (1-\beta) |g_t|^p,

    \text{Nesterov on: } n_t = \beta m_t + (1-\beta) g_t,\quad
    b_t = (\beta s_t + (1-\beta)|g_t|^p)^{1/p};\qquad
    \text{off: } n_t = m_t,\ b_t = s_t^{1/p};

    x_{t+1} = x_t - \gamma\, n_t / (b_t + \epsilon)
"""

from .base import Param, Rule
from .gd import LR


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
    equations=(
        r"m_t = \beta m_{t-1} + (1-\beta) g_t,\ s_t = \beta s_{t-1} + (1-\beta)|g_t|^p,\ "
        r"x_{t+1} = x_t - \gamma n_t/b_t"
    ),
    params=(
        LR,
        Param("beta", 0.95, "one decay for both moments", lo=0.0, hi=1.0, hi_open=True, example="0.95"),
        Param("p", 1.0, "order of the denominator moment", lo=0.0, lo_open=True, example="2"),
        Param("nesterov", True, "Nesterov form of both moments (seed 004's default)", kind="bool"),
        Param("eps", 0.0, "added to b_t (0 in the analysis)", lo=0.0, example="1e-8"),
    ),
    state=("m", "s"),
    init=init,
    update=update,
    degrees=lambda p: (1, p.p),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps": 1},
    reference="seed 004, Algorithm 1",
)
