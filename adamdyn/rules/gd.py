r"""Gradient descent: on :math:`|x|^n` a power law in t (Thm 5.1 of Bai et al., 2026)."""

from ..references import cite
from .base import Param, Rule, with_equations

EQUATIONS = r"x_{t+1} = x_t - \eta\, g_t"

LR = Param("lr", 1e-2, "learning rate eta", lo=0.0, lo_open=True, example="0.01")


def init(g, p, B):
    return ()


def update(state, g, t, p, B):
    return (), g


RULE = Rule(
    name="gd",
    summary="Plain gradient descent.",
    equations=EQUATIONS,
    params=(LR,),
    state=(),
    init=init,
    update=update,
    degrees=lambda p: (),
    direction_degree=1,
    reference=f"{cite('adam-degenerate', title=False)}, Sec. 5 (Thm 5.1)",
)
__doc__ = with_equations(__doc__, EQUATIONS)
