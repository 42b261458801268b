r"""Heavy-ball momentum, plain (:math:`c = 1`) or EMA form (:math:`c = 1-\beta`, ``ema=True``).

On :math:`|x|^n` it keeps GD's power law (Thm 5.3 of Bai et al., 2026).
"""

from ..references import cite
from .base import Param, Rule, with_equations
from .gd import LR

EQUATIONS = r"""
m_t = \beta m_{t-1} + c\, g_t,\quad c = 1 \text{ (plain) or } 1-\beta \text{ (EMA)}
x_{t+1} = x_t - \eta\, m_t
"""


def init(g, p, B):
    return (0.0 * g,)


def update(state, g, t, p, B):
    (m,) = state
    m = p.beta * m + B.select(p.ema, (1 - p.beta) * g, g)
    return (m,), m


RULE = Rule(
    name="momentum",
    summary="Heavy-ball momentum (plain beta*m + g, or the EMA form with ema=true).",
    equations=EQUATIONS,
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
    reference=f"{cite('adam-degenerate', title=False)}, Sec. 5 (Thm 5.3)",
)
__doc__ = with_equations(__doc__, EQUATIONS)
