r"""Sign gradient descent.

``sign(g)``: where ``g != 0`` it is exactly Adam with ``beta1 = beta2 = 0`` and
``eps = 0`` (``g / |g|``; Bai et al., 2026, Sec. 3.2). At ``g = 0`` that Adam is
undefined (0/0); sign descent does not move there (``sign(0) = 0``, as
``torch.sign``), so a coordinate whose gradient is exactly zero (a dead ReLU
unit) stays where it is instead of becoming NaN.
"""

from ..references import cite
from .base import Rule, with_equations
from .gd import LR

EQUATIONS = r"x_{t+1} = x_t - \eta\, \mathrm{sign}(g_t)"


def init(g, p, B):
    return ()


def update(state, g, t, p, B):
    return (), B.sign(g)


def scale(state, g, p, B):
    return B.abs(g)


RULE = Rule(
    name="signgd",
    summary="Sign descent: steps of exactly lr against the gradient's sign.",
    equations=EQUATIONS,
    params=(LR,),
    state=(),
    init=init,
    update=update,
    degrees=lambda p: (),
    direction_degree=0,
    scale=scale,
    reference=f"{cite('adam-degenerate', title=False)}, Sec. 3.2 (Adam with beta1 = beta2 = 0)",
)
__doc__ = with_equations(__doc__, EQUATIONS)
