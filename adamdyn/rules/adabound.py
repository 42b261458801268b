r"""AdaBound (Luo et al., 2019), as the authors' ``adabound`` package: Adam's step size clipped into bounds.

The paper's Algorithm 2 divides the step by sqrt(t) and has no bias correction; the authors' code, which
pytorch-optimizer follows, does not divide by sqrt(t) and corrects the bias. This rule is the code
(``bias_correction`` switches the correction).

The per-coordinate step :math:`\eta\sqrt{1-\beta_2^t}/((1-\beta_1^t)(\sqrt{v_t}+\epsilon))` is clipped
(``B.clip``) into :math:`[\eta_l(t), \eta_u(t)]`, with :math:`\eta_l = \eta^\star(1 - 1/(\gamma t + 1))` and
:math:`\eta_u = \eta^\star(1 + 1/(\gamma t))` closing on ``final_lr`` :math:`\eta^\star`. ``final_lr`` carries
gradient degree -1 (a bound on a step per unit gradient). On :math:`|x|^n` the gradient vanishes, the
unclipped step grows without bound and the upper bound takes over: late AdaBound is SGD with momentum
at the rate :math:`\eta^\star`.
"""

from ..references import cite
from .adam import BETA1, BIAS, moments, outer_eps_scale
from .base import Param, Rule, with_equations
from .gd import LR
from .rmsprop import BETA2, EPS

EQUATIONS = r"""
m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2
\eta_l(t) = \eta^\star (1 - \tfrac{1}{\gamma t + 1}),\quad \eta_u(t) = \eta^\star (1 + \tfrac{1}{\gamma t})
x_{t+1} = x_t - \mathrm{clip}\Big(\frac{\eta\sqrt{1-\beta_2^t}}{(1-\beta_1^t)(\sqrt{v_t}+\epsilon)},\ \eta_l(t),\ \eta_u(t)\Big)\, m_t
"""

FINAL_LR = Param("final_lr", 0.1, "the SGD rate eta* the bounds close on", lo=0.0, lo_open=True, example="0.1")
GAMMA = Param("gamma", 1e-3, "speed at which the bounds close", lo=0.0, lo_open=True, example="1e-3")


def init(g, p, B):
    return (0.0 * g, 0.0 * g)


def update(state, g, t, p, B):
    m, v = moments(*state, g, p)
    bc = B.select(p.bias_correction, B.sqrt(1 - p.beta2**t) / (1 - p.beta1**t), 1.0)
    lower = p.final_lr * (1 - 1 / (p.gamma * t + 1)) / p.lr
    upper = p.final_lr * (1 + 1 / (p.gamma * t)) / p.lr
    return (m, v), B.clip(bc / (B.sqrt(v) + p.eps), lower, upper) * m


RULE = Rule(
    name="adabound",
    summary="AdaBound: Adam's step size clipped into bounds closing on final_lr.",
    equations=EQUATIONS,
    params=(LR, BETA1, BETA2, EPS, BIAS, FINAL_LR, GAMMA),
    state=("m", "v"),
    init=init,
    update=update,
    degrees=lambda p: (1, 2),
    direction_degree=0,
    scale=outer_eps_scale,
    param_degrees=lambda p: {"eps": 1, "final_lr": -1},
    reference=f"{cite('adabound', title=False)}, the authors' adabound code (not its Algorithm 2)",
    published={"lr": 1e-3, "eps": 1e-8, "bias_correction": True},
)
__doc__ = with_equations(__doc__, EQUATIONS)
