r"""RMSProp (no momentum), eps outside the square root: Adam with ``beta1 = 0``.

Its global convergence on :math:`|x|^n` is Thm 5.7 of Bai et al. (2026).
"""

from ..references import cite
from .base import Param, Rule, with_equations
from .gd import LR

EQUATIONS = r"""
v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2
x_{t+1} = x_t - \eta\, g_t / (\sqrt{v_t} + \epsilon)
"""

BETA2 = Param("beta2", 0.999, "second-moment decay", lo=0.0, hi=1.0, hi_open=True, example="0.999")
EPS = Param("eps", 0.0, "denominator offset (0 in the analysis)", lo=0.0, example="1e-8")


def init(g, p, B):
    return (0.0 * g,)


def update(state, g, t, p, B):
    (v,) = state
    v = p.beta2 * v + (1 - p.beta2) * (g * g)
    return (v,), g / (B.sqrt(v) + p.eps)


def scale(state, g, p, B):
    return B.sqrt(state[0]) + p.eps


RULE = Rule(
    name="rmsprop",
    summary="RMSProp: gradient divided by the root of an EMA of its square.",
    equations=EQUATIONS,
    params=(LR, BETA2, EPS),
    state=("v",),
    init=init,
    update=update,
    degrees=lambda p: (2,),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps": 1},
    reference=f"{cite('adam-degenerate', title=False)}, Sec. 5.3 (Thm 5.7); Adam with beta1 = 0",
)
__doc__ = with_equations(__doc__, EQUATIONS)
