r"""RAdam (Liu et al., 2020) as ``torch.optim.RAdam``: Adam with a rectified adaptive step.

:math:`\rho_\infty = 2/(1-\beta_2) - 1` and :math:`\rho_t = \rho_\infty - 2t\beta_2^t/(1-\beta_2^t)`.
While :math:`\rho_t \le 5` the step is SGD with momentum, :math:`\hat m_t` (gradient degree 1); after,
the rectified Adam step :math:`r_t \hat m_t \sqrt{1-\beta_2^t}/(\sqrt{v_t}+\epsilon)`. The choice
depends on ``t`` and ``beta2`` only (``B.where``). As :math:`t\to\infty`, :math:`\rho_t\to\rho_\infty` and
:math:`r_t\to 1`: for :math:`\rho_\infty > 5` (``beta2 > 2/3``) the late map is Adam's; for
``beta2 <= 2/3`` RAdam is SGD with momentum at every step.

``g_unit`` is the unit of the gradient (fixed at 1): dividing the warm-up step by it keeps the rule's
direction of degree 0 in the frame where :math:`|g| = 1`, in which ``g_unit`` is :math:`1/|g|`.
"""

from ..references import cite
from .adam import BETA1, moments, outer_eps_scale
from .base import Param, Rule, with_equations
from .gd import LR
from .rmsprop import BETA2, EPS

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,\quad \hat m_t = m_t/(1-\beta_1^t)
r_t = \sqrt{\frac{(\rho_t-4)(\rho_t-2)\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\rho_t}}
x_{t+1} = x_t - \eta\, r_t \hat m_t \sqrt{1-\beta_2^t}/(\sqrt{v_t}+\epsilon) \text{ if } \rho_t > 5, \text{ else } x_t - \eta\, \hat m_t
"""

G_UNIT = Param("g_unit", 1.0, "unit of the gradient in the warm-up step (internal: only 1 is valid)", lo=1.0,
               hi=1.0, example="1")


def init(g, p, B):
    return (0.0 * g, 0.0 * g)


def rho(t, p):
    """``(rho_t, rho_inf)``: the length of the SMA approximation at step t and its limit."""
    rho_inf = 2 / (1 - p.beta2) - 1
    return rho_inf - 2 * t * p.beta2**t / (1 - p.beta2**t), rho_inf


def _nonzero(den, B):
    r"""``den``, or 1 where it is the number 0.

    The rectification's denominator is 0 only at :math:`\rho_\infty = 4` or 2 (``beta2`` = 0.6 or 1/3), where
    :math:`\rho_t \le \rho_\infty < 5` at every step and the adaptive step it belongs to is never taken; its
    value there is immaterial, but must not raise. A symbolic ``den`` is never the number 0 (``!=`` compares
    structure), so the derivation's map and its two branches are unchanged.
    """
    return B.where(den != 0, den, 1.0)


def update(state, g, t, p, B):
    m, v = moments(*state, g, p)
    mhat = m / (1 - p.beta1**t)
    rt, rinf = rho(t, p)
    rect = B.sqrt(B.max((rt - 4) * (rt - 2) * rinf / _nonzero((rinf - 4) * (rinf - 2) * rt, B), 0.0))
    adaptive = mhat * B.sqrt(1 - p.beta2**t) / (B.sqrt(v) + p.eps) * rect
    return (m, v), B.where(rt > 5, adaptive, mhat / p.g_unit)


RULE = Rule(
    name="radam",
    summary="RAdam: rectified Adam, SGD with momentum while rho_t <= 5.",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, G_UNIT),
    state=("m", "v"),
    init=init,
    update=update,
    degrees=lambda p: (1, 2),
    direction_degree=0,
    scale=outer_eps_scale,
    param_degrees=lambda p: {"eps": 1, "g_unit": 1},
    reference=f"{cite('radam', title=False)}; torch.optim.RAdam",
    published={"lr": 1e-3, "eps": 1e-8},
)
__doc__ = with_equations(__doc__, EQUATIONS)
