r"""Adafactor (Shazeer & Stern, 2018, Algorithms 4-5) for one coordinate, as ``transformers``' Adafactor.

For a matrix, Adafactor keeps row and column sums :math:`R, C` and uses :math:`\hat V = RC/\mathbf 1^\top R`.
For one coordinate (a :math:`1\times 1` block) :math:`R = C = \hat V = v`, and vectors are never factored,
so factoring reduces to the plain second moment below. The pieces that remain:

* ``beta2`` schedule :math:`\hat\beta_{2,t} = 1 - t^{c}` (``decay_rate`` :math:`c = -0.8`);
* relative step (``relative_step``): the rate :math:`\min(\eta, 1/\sqrt t)` with ``lr`` the cap
  (:math:`10^{-2}`); off, the constant ``lr``;
* parameter scale (``scale_parameter``): the rate times :math:`\max(\epsilon_2, |x_t|)` (the RMS of one
  coordinate is its size), so the rule moves with the iterate (``needs_x``);
* update clipping: :math:`u_t/\max(1, |u_t|/d)`, ``clip_threshold`` :math:`d = 1`;
* optional momentum ``beta1`` (0: none, the default) on the scaled, clipped update :math:`\alpha_t \bar u_t`,
  as ``transformers`` and tensor2tensor average it (in units of ``lr``: the direction is ``m``),
  and decoupled weight decay.

``warmup_init`` (the rate :math:`10^{-6}t`) is not implemented.
"""

from ..references import cite
from .base import Param, Rule, with_equations

EQUATIONS = r"""
\hat\beta_{2,t} = 1 - t^{c},\quad v_t = \hat\beta_{2,t} v_{t-1} + (1-\hat\beta_{2,t})(g_t^2 + \epsilon_1)
u_t = g_t/\sqrt{v_t},\quad \bar u_t = u_t/\max(1, |u_t|/d),\quad \alpha_t = \min(\eta, 1/\sqrt t)\,\max(\epsilon_2, |x_t|)
m_t = \beta_1 m_{t-1} + (1-\beta_1)\,\alpha_t \bar u_t/\eta
x_{t+1} = x_t - \eta\, m_t - \alpha_t \lambda x_t
"""


def init(g, p, B):
    return (0.0 * g, 0.0 * g)


def update(state, g, t, p, B, x):
    v, m = state
    b2 = 1 - t**p.decay_rate
    v = b2 * v + (1 - b2) * (g * g + p.eps1)
    u = g / B.sqrt(v)
    u = u / B.max(1.0, B.abs(u) / p.clip_threshold)
    rate = B.select(p.relative_step, B.min(1.0, 1 / (p.lr * t**0.5)), 1.0)
    rate = rate * B.select(p.scale_parameter, B.max(p.eps2, B.abs(x)), 1.0)
    m = p.beta1 * m + (1 - p.beta1) * (rate * u)
    return (v, m), m + rate * p.weight_decay * x


def scale(state, g, p, B):
    return B.sqrt(state[0])


RULE = Rule(
    name="adafactor",
    summary="Adafactor for one coordinate: relative step, parameter scale, update clipping, beta2 = 1 - t^c.",
    equations=EQUATIONS,
    params=(
        Param("lr", 1e-2, "the rate (relative_step: its cap)", lo=0.0, lo_open=True, example="0.01"),
        Param("beta1", 0.0, "momentum on the scaled, clipped update (0: none)", lo=0.0, hi=1.0, hi_open=True,
              example="0.9"),
        Param("decay_rate", -0.8, "c of the beta2 schedule 1 - t^c", lo=-1.0, hi=0.0, hi_open=True, example="-0.8"),
        Param("clip_threshold", 1.0, "d of the update clipping", lo=0.0, lo_open=True, example="1.0"),
        Param("eps1", 0.0, "added to g^2 (1e-30 in practice; 0 in the analysis)", lo=0.0, example="1e-30"),
        Param("eps2", 1e-3, "floor of the parameter scale", lo=0.0, example="1e-3"),
        Param("weight_decay", 0.0, "decoupled weight decay", lo=0.0, example="0.01"),
        Param("relative_step", True, "rate min(lr, 1/sqrt(t)) instead of lr", kind="bool"),
        Param("scale_parameter", True, "rate times max(eps2, |x|)", kind="bool"),
    ),
    state=("v", "m"),
    init=init,
    update=update,
    degrees=lambda p: (2, 0),
    direction_degree=0,
    scale=scale,
    param_degrees=lambda p: {"eps1": 2},
    reference=f"{cite('adafactor', title=False)}, Algorithms 4-5; transformers.optimization.Adafactor",
    needs_x=True,
    published={"eps1": 1e-30},
)
__doc__ = with_equations(__doc__, EQUATIONS)
