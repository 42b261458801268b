r"""Gradient descent.

.. math:: x_{t+1} = x_t - \eta\, g_t
"""

from .base import Param, Rule

LR = Param("lr", 1e-2, "learning rate eta", lo=0.0, lo_open=True, example="0.01")


def init(g, p, B):
    return ()


def update(state, g, t, p, B):
    return (), g


RULE = Rule(
    name="gd",
    summary="Plain gradient descent.",
    equations=r"x_{t+1} = x_t - \eta g_t",
    params=(LR,),
    state=(),
    init=init,
    update=update,
    degrees=lambda p: (),
    direction_degree=1,
    reference="seed 003, Sec. 5 (Thm 5.1)",
)
