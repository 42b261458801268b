r"""Heavy-ball momentum, plain or EMA form.

.. math::
    m_t = \beta m_{t-1} + c\, g_t,\quad c = 1 \text{ (plain) or } 1-\beta \text{ (EMA)},\qquad
    x_{t+1} = x_t - \eta\, m_t
"""

from .base import Param, Rule
from .gd import LR


def init(g, p, B):
    return (0.0 * g,)


def update(state, g, t, p, B):
    (m,) = state
    m = p.beta * m + B.select(p.ema, (1 - p.beta) * g, g)
    return (m,), m


RULE = Rule(
    name="momentum",
    summary="Heavy-ball momentum (plain beta*m + g, or the EMA form with ema=true).",
    equations=r"m_t = \beta m_{t-1} + (1-\beta)^{[\mathrm{ema}]} g_t,\ x_{t+1} = x_t - \eta m_t",
    params=(
        LR,
        Param("beta", 0.9, "momentum coefficient", lo=0.0, hi=1.0, hi_open=True, example="0.9"),
        Param("ema", False, "EMA form beta*m + (1-beta)*g instead of beta*m + g", kind="bool"),
    ),
    state=("m",),
    init=init,
    update=update,
    degrees=lambda p: (1,),
    direction_degree=1,
    reference="seed 003, Sec. 5 (Thm 5.3)",
)
