r"""NAdam (Dozat, 2016) as ``torch.optim.NAdam``: Nesterov momentum in Adam with a momentum schedule.

:math:`\mu_t = \beta_1(1 - 0.96^{t\psi}/2)` rises to :math:`\beta_1` (``psi`` is torch's
``momentum_decay``, 0.004); the product :math:`\Pi_t = \prod_{i\le t}\mu_i` is a state of gradient
degree 0 (it starts at 1). As :math:`t\to\infty`, :math:`\mu_t\to\beta_1` and :math:`\Pi_t\to 0`, so the
late map is Adam's with the Nesterov numerator :math:`(1-\beta_1)g_t + \beta_1 m_t`.
"""

from ..references import cite
from .adam import BETA1, moments, outer_eps_scale
from .base import Param, Rule, with_equations
from .gd import LR
from .rmsprop import BETA2, EPS

EQUATIONS = r"""
\mu_t = \beta_1 (1 - \tfrac12\, 0.96^{t\psi}),\quad \Pi_t = \Pi_{t-1}\mu_t,\ \Pi_0 = 1
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2
x_{t+1} = x_t - \eta\,\Big(\frac{1-\mu_t}{1-\Pi_t}\, g_t + \frac{\mu_{t+1}}{1-\Pi_t\mu_{t+1}}\, m_t\Big)
\Big/ \big(\sqrt{v_t/(1-\beta_2^t)} + \epsilon\big)
"""

PSI = Param("momentum_decay", 4e-3, "psi of the momentum schedule mu_t = beta1 (1 - 0.96^(t psi)/2)", lo=0.0,
            example="0.004")


def init(g, p, B):
    return (0.0 * g, 0.0 * g, 1.0 + 0.0 * g)


def _mu(t, p):
    return p.beta1 * (1 - 0.5 * 0.96 ** (t * p.momentum_decay))


def update(state, g, t, p, B):
    m, v, prod = state
    mu, mu_next = _mu(t, p), _mu(t + 1, p)
    prod = prod * mu
    m, v = moments(m, v, g, p)
    denom = B.sqrt(v / (1 - p.beta2**t)) + p.eps
    direction = ((1 - mu) / (1 - prod) * g + mu_next / (1 - prod * mu_next) * m) / denom
    return (m, v, prod), direction


RULE = Rule(
    name="nadam",
    summary="NAdam: Adam with Nesterov momentum and torch's momentum-decay schedule.",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, PSI),
    state=("m", "v", "mu_product"),
    init=init,
    update=update,
    degrees=lambda p: (1, 2, 0),
    direction_degree=0,
    scale=outer_eps_scale,
    param_degrees=lambda p: {"eps": 1},
    reference=f"{cite('nadam', title=False)}; torch.optim.NAdam",
    published={"lr": 2e-3, "eps": 1e-8},
)
__doc__ = with_equations(__doc__, EQUATIONS)
