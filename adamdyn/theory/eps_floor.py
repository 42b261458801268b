r"""Where ``eps > 0`` ends linear convergence on :math:`|x|^n/n`, from the engine's own fixed point.

The symbolic engine analyses the scale-free map (``eps = 0``). With ``eps > 0``
(torch's default ``1e-8``) the update's denominator is no longer homogeneous in
the gradient: in the frame :math:`|g| = 1` the offset becomes
:math:`\epsilon/|g|^{d}` (``d`` from the rule's ``param_degrees``), negligible
while the gradient is large and dominant once it is small.

**The crossover.** At the linear-convergence point the effective curvature is
constant, :math:`\lambda_t = \eta|x_t|^{n-2}/S_t = \lambda^*`, so the eps-free
denominator of the update is :math:`S_0(x) = \eta|x|^{n-2}/\lambda^*`: it
shrinks with :math:`|x|` (for Adam :math:`\sqrt{v_t} \propto \beta_2^{t/2}`
decays from memory, far faster than the ``c = v/g^2`` of a frame argument would
suggest: at the point :math:`v/g^2 \to \infty`). ``eps`` alone keeps the
denominator at :math:`S_\epsilon` (:math:`\epsilon` for Adam,
:math:`\sqrt\epsilon` with ``eps_inside``, :math:`\sqrt{\epsilon/(1-\beta_2)}`
for AdaBelief, whose ``eps`` also feeds its second moment), found generically
from the rule's update under a constant gradient far below ``eps``. The eps-capped
step has the effective curvature :math:`\eta|x|^{n-2}/S_\epsilon`, which falls
with :math:`|x|`; linear convergence ends where it falls to the :math:`\lambda^*`
the fixed point needs,

.. math:: |x_c|^{n-2} = \lambda^* S_\epsilon/\eta,\qquad
          \log_{10} L_c = \log_{10}\big(|x_c|^n/n\big).

**After.** Below :math:`L_c` the denominator is :math:`S_\epsilon`, the step
is gradient descent with the learning rate :math:`\eta/S_\epsilon` (momentum
only averages a slowly varying gradient), and the gradient flow of
Bai et al. (2026), Sec. 5, gives the power law

.. math:: |x_{c+T}|^{-(n-2)} = |x_c|^{-(n-2)} + (n-2)\,\frac{\eta}{S_\epsilon}\,T,
          \qquad L \sim T^{-n/(n-2)}.

**The measured level** (:func:`measured_floor`, the definition the prediction is
held to): the loss where the local slope of :math:`\log_{10}` loss per step,
after having matched :math:`n\log_{10}\rho^*` within 10 %, first falls to half
of it. The prediction estimates that level to within :data:`TOLERANCE_SCALE`
decades of the denominator, i.e. ``TOLERANCE_SCALE * n/(n-2)`` decades of loss
(:attr:`EpsFloor.tolerance`); the measured level lies at most that far from it
(tests/test_eps_floor.py: Adam, RMSProp, eps inside the root, AdaBelief, NAdam,
AdamW, Adamax; eps ``1e-4 ... 1e-12``; n = 3, 4, 6; several betas; adamdyn's raw
float64 runs and torch.optim.Adam).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

from ..backend import NUMPY
from ..rules import get_rule

__all__ = ["EpsFloor", "MeasuredFloor", "eps_floor", "measured_floor", "TOLERANCE_SCALE"]

#: the stated accuracy of the crossover, in decades of the update's denominator (of |x|^(n-2)); in decades of
#: loss times n/(n-2). Measured (raw float64 runs, eps 1e-4 ... 1e-12, n = 3, 4, 6): the half-slope level lies
#: 0.02 to 0.21 decades of denominator below the crossover for eps added to the root (Adam, RMSProp, NAdam, AdamW
#: at betas (0.8, 0.9), (0.9, 0.99), (0, 0.9), (0.5, 0.999)), 0.14 to 0.29 below for eps inside it (Adam's
#: eps_inside, AdaBelief, AdaMomentum) and 0.22 to 0.29 for Adamax (eps added to |g| inside its max): the
#: eps-free denominator keeps decaying from memory while the step slows, so the slope halves a little after
#: S_0 = S_eps. Never above it in any of these runs.
TOLERANCE_SCALE = 0.35


@dataclass(frozen=True)
class EpsFloor:
    """The predicted end of linear convergence for one rule, degree and ``eps``.

    ``log10_loss`` is the level :math:`\\log_{10} L_c` (NaN where there is no linear
    convergence to end; ``reason`` says why), ``log10_abs_x`` the iterate there,
    ``rate`` :math:`\\rho^*` and ``lam`` :math:`\\lambda^*` of the engine's fixed point,
    ``denominator`` :math:`S_\\epsilon` (what eps alone keeps the update's denominator
    at), ``gd_lr`` :math:`\\eta/S_\\epsilon` (the learning rate of the gradient descent
    that follows), ``exponent`` :math:`-n/(n-2)` of the power law ``loss ~ T**exponent``
    and ``tolerance`` the stated accuracy in decades of loss.
    """

    optimizer: str
    n: float
    eps: float
    eps_name: str
    params: dict
    log10_loss: float
    reason: str
    log10_abs_x: float = math.nan
    rate: float = math.nan
    lam: float = math.nan
    denominator: float = math.nan
    gd_lr: float = math.nan
    exponent: float = math.nan
    tolerance: float = math.nan
    notes: list = field(default_factory=list)

    def log10_loss_after(self, steps):
        r""":math:`\log_{10}` loss ``steps`` steps after the crossover, on the gradient-descent power law.

        ``steps`` may be an array; NaN where there is no floor.
        """
        T = np.asarray(steps, dtype=np.float64)
        if not math.isfinite(self.log10_loss):
            return np.full(T.shape, math.nan)
        k = self.n - 2.0
        inv = 10.0 ** (-k * self.log10_abs_x) + k * self.gd_lr * T  # |x|^-(n-2)
        return -(self.n / k) * np.log10(inv) - math.log10(self.n)

    def as_dict(self) -> dict:
        """JSON-ready dict (floats, strings, a list of notes)."""
        return asdict(self)


def _denominator(rule, p, eps_name):
    r"""What eps alone keeps the update's denominator at: :math:`S = \delta/\mathrm{direction}` in the steady
    state under a constant gradient :math:`\delta` far below eps (checked at two :math:`\delta`)."""
    deg = float(rule.param_degrees(p)[eps_name])
    eps = getattr(p, eps_name)
    unit = eps ** (1.0 / deg) if deg > 0 else eps
    g = np.array([1e-7, 1e-8]) * unit
    with np.errstate(all="ignore"):
        state = rule.init(g, p, NUMPY)
        prev = None
        for t in range(1, 2_000_001):
            state, d = rule.advance(state, g, t, p, NUMPY, x=np.zeros_like(g))
            d = np.asarray(d, dtype=np.float64)
            if prev is not None and t > 10 and np.all(np.abs(d - prev) <= 1e-14 * np.abs(d)):
                break
            prev = d
        else:  # pragma: no cover - every rule with a decaying memory converges long before
            raise ValueError(f"{rule.name!r}: the update under a constant gradient did not settle in 2e6 steps, "
                             f"so the denominator {eps_name} keeps is unknown. Fix: use a rule with decaying memory.")
    S = g / d
    if not (np.all(np.isfinite(S)) and np.all(S > 0) and abs(S[0] / S[1] - 1.0) < 1e-5):
        raise ValueError(f"{rule.name!r}: {eps_name}={eps!r} sets no floor on the update's denominator "
                         f"(steady-state denominators {S.tolist()} at gradients {g.tolist()}); there is no eps floor "
                         f"to predict. Fix: pass the parameter that offsets the denominator (e.g. eps_name='eps').")
    return float((10.0 * S[1] - S[0]) / 9.0)  # the gradient's own share (linear in it) extrapolated away


def _check(rule, n, eps, eps_name, params):
    p0 = rule.make_params(**params)
    degs = rule.param_degrees(p0)
    if eps_name not in rule.param_names or eps_name not in degs:
        valid = [k for k in degs if k in rule.param_names]
        raise ValueError(f"{rule.name!r} has no scale-carrying parameter {eps_name!r}; valid names are "
                         f"{', '.join(valid) or '(none: the rule has no eps)'}. Fix: pass eps_name= one of those, "
                         "or use a rule with an eps parameter (adam, rmsprop, adabelief ...).")
    try:
        nf = float(n)
    except (TypeError, ValueError):
        nf = math.nan
    if not (math.isfinite(nf) and nf > 2):
        raise ValueError(f"n={n!r} is out of range; valid range is real n > 2 (n = 2 converges linearly with any "
                         "eps, and there is no linear phase to end). Fix: pass n=4.")
    try:
        e = float(eps)
    except (TypeError, ValueError):
        e = math.nan
    if not (math.isfinite(e) and e > 0):
        raise ValueError(f"{eps_name}={eps!r} is out of range; valid range is finite {eps_name} > 0 (with "
                         f"{eps_name} = 0 linear convergence never ends). Fix: pass {eps_name}=1e-8.")
    return nf, e, rule.make_params(**{**params, eps_name: e})


def eps_floor(optimizer="adam", n=4, eps=1e-8, *, eps_name="eps", **params) -> EpsFloor:
    r"""The loss level where ``eps`` ends the linear convergence of ``optimizer`` on :math:`|x|^n/n`.

    Uses the engine's linear-convergence point (:func:`adamdyn.theory.quick_theory` at
    degree ``n``: :math:`\rho^*` and :math:`\lambda^*`) and the denominator ``eps`` keeps
    (from the rule's own update), so it works for every rule with a scale-carrying
    ``eps`` whose map the engine derives (see the module docstring for the derivation).

    Args:
        optimizer: rule name or Rule.
        n: degree, real ``> 2``.
        eps: the value of the rule's eps (``> 0``).
        eps_name: which parameter is the eps (``"eps"``; Adafactor's is ``"eps1"``).
        **params: the other parameters (``lr``, ``beta1`` ...; defaults otherwise).

    Returns:
        :class:`EpsFloor`; ``log10_loss`` is NaN (and ``reason`` says why) where the
        fixed point does not exist or is unstable: no linear phase for eps to end.

    Raises:
        TheoryUnavailable: the engine cannot derive the rule's map.
        ValueError: bad ``n``, ``eps``, ``eps_name`` or parameter.

    Example:
        >>> f = eps_floor("adam", n=4, eps=1e-8, lr=1e-2, beta1=0.8, beta2=0.9)
        >>> round(f.log10_loss, 1), round(f.gd_lr)
        (-16.1, 1000000)
    """
    from .numeric import quick_theory

    rule = get_rule(optimizer)
    nf, e, p = _check(rule, n, eps, eps_name, params)
    values = p.as_dict()
    flags = {q.name: values[q.name] for q in rule.params if q.kind == "bool"}
    th = quick_theory(rule.name, nf, **flags)
    theory_params = {k: values[k] for k in th.names if k in values and k != eps_name}
    base = dict(optimizer=rule.name, n=nf, eps=e, eps_name=eps_name,
                params={k: (bool(v) if isinstance(v, bool) else float(v)) for k, v in values.items()})
    if not th.linear:
        why = "; ".join(dict.fromkeys(th.why)) or "the engine finds no linear-convergence point"
        return EpsFloor(**base, log10_loss=math.nan,
                        reason=f"no linear convergence for eps to end: {why}")
    reg = int(th.regime(**theory_params))
    if reg != 1:
        what = ("the linear-convergence point exists but is unstable (regime 2)" if reg == 2 else
                "the linear-convergence point does not exist at these parameters (regime 3)")
        return EpsFloor(**base, log10_loss=math.nan, reason=f"no linear convergence for eps to end: {what}")
    rho = float(th.rate(**theory_params))
    lam = float(th.fixed_point(**theory_params)["lambda"])
    S = _denominator(rule, p, eps_name)
    k = nf - 2.0
    log_x = (math.log10(lam) + math.log10(S) - math.log10(p.lr)) / k
    log_loss = nf * log_x - math.log10(nf)
    deg = rule.param_degrees(p)[eps_name]
    reason = (f"{eps_name}/|g|^{deg:g} takes over the denominator: at the fixed point (rho* = {rho:.6g}, "
              f"lambda* = {lam:.6g}) the eps-free denominator lr |x|^(n-2)/lambda* falls to S_eps = {S:.6g} "
              f"(what {eps_name} alone keeps) at log10 loss {log_loss:.2f}; below it the step is gradient "
              f"descent with lr/S_eps = {p.lr / S:.6g}: a power law, loss ~ t^({-nf / k:.6g})")
    return EpsFloor(**base, log10_loss=log_loss, reason=reason, log10_abs_x=log_x, rate=rho, lam=lam,
                    denominator=S, gd_lr=p.lr / S, exponent=-nf / k, tolerance=TOLERANCE_SCALE * nf / k)


@dataclass(frozen=True)
class MeasuredFloor:
    """The measured end of linear convergence of one run (:func:`measured_floor`).

    ``log10_loss`` and ``step`` where the local slope first fell to half of the linear one
    (NaN / -1 where it never did), ``linear_step`` where the slope first matched
    :math:`n\\log_{10}\\rho^*` within 10 % (-1: never), ``window`` the slope window in steps.
    """

    log10_loss: float
    step: int
    linear_step: int
    window: int


def measured_floor(step, log10_loss, n, rate, *, fraction=0.5) -> MeasuredFloor:
    r"""Where a run's linear convergence ended: the precise definition :func:`eps_floor` predicts.

    The local slope at a recorded step is the slope of ``log10_loss`` over a centred window
    of ``W`` steps, ``W`` the steps the linear phase takes to lose a quarter decade
    (:math:`W = \lceil 0.25/|n\log_{10}\rho^*|\rceil`, at least 2). The run is *linear*
    from the first step that starts a window of ``W`` steps whose local slopes are all within
    10 % of :math:`n\log_{10}\rho^*` (a transient passing through that slope is no linear phase);
    linear convergence *ends* at the first later step whose local slope is above
    ``fraction`` (one half) of it; the level is the loss there.

    Args:
        step, log10_loss: a run's recorded steps (equally spaced) and log10 losses.
        n: degree; rate: :math:`\rho^*` in (0, 1) (from the theory, not fitted).
        fraction: the share of the linear slope that marks the end, in (0, 1).

    Example:
        >>> import numpy as np
        >>> t = np.arange(400)
        >>> L = np.where(t < 200, -0.1 * t, -20 - 0.01 * (t - 200))  # slope -0.1, then -0.01
        >>> m = measured_floor(t, L, n=4, rate=10 ** (-0.1 / 4))
        >>> round(m.log10_loss, 2), m.linear_step
        (-20.01, 2)
    """
    step = np.asarray(step, dtype=np.float64)
    L = np.asarray(log10_loss, dtype=np.float64)
    if step.shape != L.shape or step.ndim != 1 or step.size < 3:
        raise ValueError(f"step and log10_loss must be 1-d arrays of one length >= 3 (got shapes {step.shape}, "
                         f"{L.shape}). Fix: pass traj.step and traj.log10_loss of a run.")
    stride = np.diff(step)
    if not np.all(stride == stride[0]) or stride[0] <= 0:
        raise ValueError("step must be equally spaced and increasing (record with a constant every). "
                         "Fix: simulate(..., every=1).")
    if not (0 < float(rate) < 1):
        raise ValueError(f"rate={rate!r} is out of range; valid range is (0, 1) (a linear rate rho*). "
                         "Fix: pass eps_floor(...).rate.")
    if not 0 < fraction < 1:
        raise ValueError(f"fraction={fraction!r} is out of range; valid range is (0, 1). Fix: pass fraction=0.5.")
    s0 = n * math.log10(rate)
    window = max(2, math.ceil(0.25 / abs(s0)))
    h = max(1, math.ceil(window / (2 * stride[0])))  # half window in records
    if L.size <= 2 * h:
        return MeasuredFloor(math.nan, -1, -1, window)
    with np.errstate(invalid="ignore"):
        slope = (L[2 * h:] - L[:-2 * h]) / (step[2 * h:] - step[:-2 * h])
        ratio = slope / s0
    mid = np.arange(h, L.size - h)
    near = (np.abs(ratio - 1.0) <= 0.1).astype(np.int64)
    run = 2 * h + 1  # a whole window of records, so a transient passing through the linear slope is no phase
    if near.size < run:
        return MeasuredFloor(math.nan, -1, -1, window)
    full = np.flatnonzero(np.convolve(near, np.ones(run, dtype=np.int64), "valid") == run)
    if full.size == 0:
        return MeasuredFloor(math.nan, -1, -1, window)
    i0 = full[0]
    end = np.flatnonzero(ratio[i0:] < fraction)
    if end.size == 0:
        return MeasuredFloor(math.nan, -1, int(step[mid[i0]]), window)
    j = mid[i0 + end[0]]
    return MeasuredFloor(float(L[j]), int(step[j]), int(step[mid[i0]]), window)
