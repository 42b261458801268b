r"""Lion (Chen et al., 2023, Algorithm 2): the sign of an interpolated momentum, decoupled weight decay.

The step is the sign of :math:`c_t = \beta_1 m_{t-1} + (1-\beta_1) g_t` (``B.sign``), and the momentum
is updated after it with :math:`\beta_2`. Every step has the size :math:`\eta` (plus the decay), as for
sign descent, so on :math:`|x|^n` Lion cannot converge linearly with a constant learning rate: the
iterate ends oscillating at the scale of :math:`\eta`.
"""

from ..references import cite
from .base import Param, Rule, with_equations
from .gd import LR

EQUATIONS = r"""
c_t = \beta_1 m_{t-1} + (1-\beta_1) g_t
x_{t+1} = x_t - \eta\, (\mathrm{sign}(c_t) + \lambda x_t)
m_t = \beta_2 m_{t-1} + (1-\beta_2) g_t
"""


def init(g, p, B):
    return (0.0 * g,)


def update(state, g, t, p, B, x):
    (m,) = state
    c = p.beta1 * m + (1 - p.beta1) * g
    m = p.beta2 * m + (1 - p.beta2) * g
    return (m,), B.sign(c) + p.weight_decay * x


def scale(state, g, p, B):
    return B.abs(g)


RULE = Rule(
    name="lion",
    summary="Lion: sign of an interpolated momentum, with decoupled weight decay.",
    equations=EQUATIONS,
    params=(
        LR,
        Param("beta1", 0.9, "interpolation weight of the momentum in the step", lo=0.0, hi=1.0, example="0.9"),
        Param("beta2", 0.99, "momentum decay", lo=0.0, hi=1.0, hi_open=True, example="0.99"),
        Param("weight_decay", 0.0, "decoupled weight decay lambda", lo=0.0, example="0.01"),
    ),
    state=("m",),
    init=init,
    update=update,
    degrees=lambda p: (1,),
    direction_degree=0,
    scale=scale,
    reference=f"{cite('lion', title=False)}, Algorithm 2",
    needs_x=True,
    published={"lr": 1e-4},
)
__doc__ = with_equations(__doc__, EQUATIONS)
