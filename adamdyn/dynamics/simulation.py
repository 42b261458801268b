r"""Exact trajectories of any rule: raw float64, or the normalized map in log space.

Two modes describe the same run (same ``x0``, same zero or ``v0`` state):

``raw``
    Plain float64 iteration of the rule on any objective and dimension.
    Underflow (loss reaches 0 or a subnormal) and divergence (non-finite
    values or ``log10 loss > diverge_log10_loss``) stop the run and are flagged
    with the step they happened.

``normalized``
    For :math:`|x|^n/n` in one dimension: each step is taken in the frame where
    the gradient has unit size (:math:`|g_t| = 1`), so the state becomes the
    normalized state (docs/THEORY.md, "The normalized state map": :math:`u_t = m_t/g_t`,
    :math:`c_t = v_t/g_t^2`, :math:`\lambda_t = \eta|x_t|^{n-2}/\sqrt{v_t}`,
    :math:`z_t = x_t/\eta`), and :math:`\log|x_t|` is a running sum of
    :math:`\log|\rho_t|` with :math:`\rho_t = x_{t+1}/x_t = 1 - u_t\lambda_t`.
    Every quantity is an :class:`~adamdyn.backend.SLog` (sign and log), so
    nothing over- or underflows: losses far below ``1e-308`` are exact.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field

import numpy as np

from .._version import __version__
from ..backend import NUMPY, SLOG, SLog
from ..rules import get_rule
from .objectives import Objective, Power, get_objective
from .results import register_result

__all__ = ["simulate", "Trajectory", "MODES"]

MODES = ("raw", "normalized")
LN10 = math.log(10.0)
TINY = np.finfo(np.float64).tiny


@register_result
@dataclass
class Trajectory:
    """One run: recorded arrays plus every parameter that made it.

    Arrays are indexed by recorded step ``step[k]`` (every ``every`` steps and
    the last). At step ``t``: ``log10_loss`` = log10 of ``f(x_t) - min f``, the
    loss above the objective's minimum (``f`` itself for ``|x|^n`` and the mixed
    objective, whose minimum is 0; the saddle's minimum is ``d < 0``, at x = 0);
    ``u`` = ``m_t/g_t`` (NaN for a rule without a first moment);
    ``log10_lambda`` = log10 of ``lr |x_t|^(n-2) / scale_t``; ``log10_coupling``
    = log10 of ``v_t/|g_t|^d`` for the rule's second-moment state (NaN without
    one); ``state`` (raw mode) the rule's state after folding in ``g_t``.
    """

    optimizer: str
    objective: str
    mode: str
    params: dict
    objective_params: dict
    x0: list
    steps: int
    every: int
    lr_growth: float
    warmup: int
    step: np.ndarray
    log10_loss: np.ndarray
    log10_abs_x: np.ndarray
    x_sign: np.ndarray
    u: np.ndarray
    log10_lambda: np.ndarray
    log10_coupling: np.ndarray
    x: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    state: dict = field(default_factory=dict)
    steps_run: int = 0
    diverged: bool = False
    divergence_step: int = -1
    underflow_step: int = -1
    stop_reason: str = "completed"
    version: str = __version__
    elapsed_s: float = 0.0
    diverge_log10_loss: float = 50.0

    @property
    def final_log10_loss(self) -> float:
        return float(self.log10_loss[-1])

    @property
    def min_log10_loss(self) -> float:
        return float(np.min(self.log10_loss))

    def summary(self) -> dict:
        """A JSON-ready dict of the run (parameters, flags, final and min loss)."""
        return {
            "optimizer": self.optimizer,
            "objective": self.objective,
            "mode": self.mode,
            "params": dict(self.params),
            "objective_params": dict(self.objective_params),
            "x0": list(self.x0),
            "steps": self.steps,
            "every": self.every,
            "lr_growth": self.lr_growth,
            "warmup": self.warmup,
            "diverge_log10_loss": self.diverge_log10_loss,
            "steps_run": self.steps_run,
            "final_log10_loss": self.final_log10_loss,
            "min_log10_loss": self.min_log10_loss,
            "diverged": self.diverged,
            "divergence_step": self.divergence_step if self.diverged else None,
            "underflow_step": self.underflow_step if self.underflow_step >= 0 else None,
            "stop_reason": self.stop_reason,
            "version": self.version,
        }


def _check_int(name, value, lo, fix):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < lo:
        raise ValueError(f"{name}={value!r} is invalid; valid range is integers >= {lo}. Fix: {fix}.")
    return int(value)


def _check_float(name, value, lo, lo_open, fix):
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number. Fix: {fix}.") from None
    bad = not math.isfinite(x) or (x <= lo if lo_open else x < lo)
    if bad:
        sym = ">" if lo_open else ">="
        raise ValueError(f"{name}={value!r} is out of range; valid range is finite values {sym} {lo:g}. Fix: {fix}.")
    return x


def _check_start(x0) -> float:
    """A scalar start point: a finite, non-zero number (0 is the minimum itself), as a float."""
    try:
        x = float(x0) if not isinstance(x0, bool) else math.nan
    except (TypeError, ValueError):
        raise ValueError(f"x0={x0!r} is not a number; valid is a finite non-zero number. Fix: pass x0=1.0.") from None
    if not math.isfinite(x) or x == 0.0:
        raise ValueError(f"x0={x0!r} is out of range; valid is a finite non-zero number (x0 = 0 is the minimum "
                         "itself). Fix: pass x0=1.0.")
    return x


def _split_kwargs(rule, objective, n, kwargs):
    opt = {k: v for k, v in kwargs.items() if k in rule.param_names}
    rest = {k: v for k, v in kwargs.items() if k not in rule.param_names}
    if n is not None:
        rest["n"] = n
    if isinstance(objective, Objective):
        if rest:
            raise ValueError(
                f"unknown parameter {sorted(rest)[0]!r} for optimizer {rule.name!r}; valid names are "
                f"{', '.join(rule.param_names)}."
            )
        return opt, objective
    try:
        obj = get_objective(objective, **rest)
    except ValueError as exc:
        if rest and "has no parameter" in str(exc):
            named = re.search(r"has no parameter '([^']*)'", str(exc))
            bad = named.group(1) if named else sorted(rest)[0]
            raise ValueError(
                f"unknown parameter {bad!r}: optimizer {rule.name!r} takes "
                f"{', '.join(rule.param_names)}; objective {objective!r} takes its own "
                "(n for power/saddle, ns/weights for mixed). Fix: use one of those names."
            ) from None
        raise
    return opt, obj


def simulate(
    optimizer="adam",
    *,
    objective="power",
    n=None,
    x0=1.0,
    steps=5000,
    mode="raw",
    every=1,
    lr_growth=1.0,
    warmup=0,
    diverge_log10_loss=50.0,
    **params,
) -> Trajectory:
    r"""Run ``optimizer`` on ``objective`` from ``x0`` for ``steps`` steps.

    Args:
        optimizer: rule name (see :data:`adamdyn.rules.RULES`) or a Rule.
        objective: ``"power"`` (:math:`|x|^n/n`), ``"mixed"``, ``"saddle"`` or an Objective.
        n: degree of the power/saddle objective (real, ``>= 2``; default 4 for power).
        x0: start point (scalar or sequence; normalized mode needs a non-zero scalar).
        steps: number of updates (``>= 1``).
        mode: ``"raw"`` float64 or ``"normalized"`` log-space map (power objective only).
        every: record every ``every``-th step (and the last).
        lr_growth: the learning rate at step ``t`` is ``lr * lr_growth**t``
            (``1`` = constant; ``> 1`` is the exponential schedule of Lemma 5.5).
        warmup: linear warm-up length: the learning rate is further multiplied
            by ``min(1, (t + 1) / warmup)`` (``0`` = none; the comparison of Abuduweili & Liu, 2025).
        diverge_log10_loss: a loss above ``10**diverge_log10_loss`` counts as divergence (> 0).
        **params: optimizer parameters, e.g. ``beta1=0.9`` (validated).

    Returns:
        :class:`Trajectory`.

    Example:
        >>> r = simulate("adam", n=4, beta1=0.9, beta2=0.9, steps=10000, mode="normalized")
        >>> round(r.final_log10_loss)   # far below float64's smallest number, 1e-308
        -457
    """
    rule = get_rule(optimizer)
    opt_params, obj = _split_kwargs(rule, objective, n, params)
    p = rule.make_params(**opt_params)
    steps = _check_int("steps", steps, 1, "pass steps=5000")
    every = _check_int("every", every, 1, "pass every=1")
    lr_growth = _check_float("lr_growth", lr_growth, 0.0, True, "pass lr_growth=1.0")
    warmup = _check_int("warmup", warmup, 0, "pass warmup=0 (none) or a number of steps")
    sched = (lr_growth, warmup)
    diverge_log10_loss = _check_float("diverge_log10_loss", diverge_log10_loss, 0.0, True, "pass 50")
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; valid modes are {', '.join(MODES)}. Fix: pass mode='raw'.")
    x0a = np.atleast_1d(np.asarray(x0, dtype=float)).ravel()
    if x0a.size == 0 or not np.all(np.isfinite(x0a)):
        raise ValueError(f"x0={x0!r} must be finite numbers. Fix: pass x0=1.0.")
    if isinstance(obj, Power) or obj.name == "saddle":
        pass
    else:
        if x0a.size == 1 and len(getattr(obj, "ns", (1,))) > 1:
            x0a = np.full(len(obj.ns), x0a[0])
        if x0a.size != len(obj.ns):
            raise ValueError(
                f"x0 has {x0a.size} entries but objective 'mixed' has {len(obj.ns)} coordinates. "
                "Fix: pass one start value per coordinate."
            )
    if isinstance(obj, Power) and x0a.size == 1:
        _check_start(float(x0a[0]))
    t0 = time.perf_counter()
    if mode == "normalized":
        if not isinstance(obj, Power) or x0a.size != 1:
            raise ValueError(
                "mode='normalized' needs the one-dimensional power objective |x|^n/n; "
                f"got objective {obj.name!r} with {x0a.size} coordinate(s). Fix: use mode='raw'."
            )
        rec = _run_normalized(rule, p, obj.n, float(x0a[0]), steps, every, sched, diverge_log10_loss)
    else:
        rec = _run_raw(rule, p, obj, x0a, steps, every, sched, diverge_log10_loss)
    return Trajectory(
        optimizer=rule.name,
        objective=obj.name,
        mode=mode,
        params=p.as_dict(),
        objective_params=obj.params(),
        x0=[float(v) for v in x0a],
        steps=steps,
        every=every,
        lr_growth=lr_growth,
        warmup=warmup,
        elapsed_s=time.perf_counter() - t0,
        diverge_log10_loss=diverge_log10_loss,
        **rec,
    )


class _Recorder:
    """Collects per-step values at the recorded steps."""

    def __init__(self, names):
        self.cols = {k: [] for k in names}

    def add(self, **values):
        for k, v in values.items():
            self.cols[k].append(v)

    def arrays(self):
        return {k: np.asarray(v, dtype=float) for k, v in self.cols.items()}


def _state_roles(rule, p):
    """Index of the first-moment state (degree 1) and of the coupling state: the last other state of
    non-zero degree (``v``; AMSGrad's ``vmax``; never a degree-0 schedule product such as NAdam's)."""
    degrees = rule.degrees(p)
    first = next((i for i, d in enumerate(degrees) if d == 1), None)
    second = next((i for i in reversed(range(len(degrees))) if i != first and degrees[i] != 0), None)
    return degrees, first, second


def _finish(rec, step_list, flags):
    arr = rec.arrays()
    out = {
        "step": np.asarray(step_list, dtype=np.int64),
        "log10_loss": arr["log10_loss"],
        "log10_abs_x": arr["log10_abs_x"],
        "x_sign": arr["x_sign"],
        "u": arr["u"],
        "log10_lambda": arr["log10_lambda"],
        "log10_coupling": arr["log10_coupling"],
    }
    out.update(flags)
    return out


def _safe_log10(v):
    v = abs(float(v))
    return math.log10(v) if v > 0 and math.isfinite(v) else (-math.inf if v == 0 else math.inf)


def _log_lr_factor(t, sched):
    """log of the schedule multiplier at step t: growth^t * min(1, (t+1)/warmup)."""
    growth, warmup = sched
    out = t * math.log(growth)
    if warmup > 0 and t + 1 < warmup:
        out += math.log((t + 1) / warmup)
    return out


def _state_underflows(g, state, maxdeg, degrees):
    """True when float64 can no longer represent the run: |g|^d or a state of non-zero degree is
    subnormal (a degree-0 state, such as NAdam's product of momenta, may underflow to 0 harmlessly)."""
    ag = np.abs(g)
    if np.any((ag > 0) & (ag**maxdeg < TINY)):
        return True
    return any(np.any((np.abs(s) > 0) & (np.abs(s) < TINY)) for s, d in zip(state, degrees) if d != 0)


def _run_raw(rule, p, obj, x0, steps, every, sched, bound):
    B = NUMPY
    x = x0.copy()
    n1 = isinstance(obj, Power) and x.size == 1
    degrees, first, second = _state_roles(rule, p)
    maxdeg = max([float(d) for d in degrees] + [1.0])
    rec = _Recorder(["log10_loss", "log10_abs_x", "x_sign", "u", "log10_lambda", "log10_coupling"])
    xs, states, step_list = [], {k: [] for k in rule.state}, []
    with np.errstate(all="ignore"):  # an overflowing first gradient is flagged below as a divergence
        g = obj.grad(x)
        state = rule.init(g, p, B)
    flags = {"diverged": False, "divergence_step": -1, "underflow_step": -1, "stop_reason": "completed"}
    t = 0
    with np.errstate(all="ignore"):
        while True:
            loss = obj.value(x)
            g = obj.grad(x)
            new_state, direction = rule.advance(state, g, t + 1, p, B, x=x)
            last = t == steps
            bad = not (np.isfinite(loss) and np.all(np.isfinite(x)))
            if bad or loss > 10.0**bound:
                flags.update(diverged=True, divergence_step=t, stop_reason="diverged: " + (
                    "non-finite iterate or loss" if bad else f"loss above 1e{bound:g}"))
                last = True
            elif (0.0 <= loss < TINY and np.any(x != 0)) or _state_underflows(g, new_state, maxdeg, degrees):
                flags.update(underflow_step=t, stop_reason="underflow: loss, gradient power or state "
                             "reached 0 or a subnormal")
                last = True
            elif loss == 0.0:
                flags.update(underflow_step=t, stop_reason="exact minimum reached (x = 0)")
                last = True
            if t % every == 0 or last:
                step_list.append(t)
                xs.append(x.copy())
                for k, v in zip(rule.state, new_state):
                    states[k].append(np.broadcast_to(v, x.shape).copy())
                lam = lam_c = u = math.nan
                if n1:
                    gv, xv = float(g[0]), float(x[0])
                    if first is not None and gv != 0:
                        u = float(np.ravel(new_state[first])[0]) / gv
                    sc = rule.scale(new_state, g, p, B) if rule.scale else 1.0
                    lr_t = p.lr * math.exp(_log_lr_factor(t, sched))
                    lam = math.log10(lr_t) + (obj.n - 2) * _safe_log10(xv) - _safe_log10(np.ravel(sc)[0])
                    if second is not None:
                        lam_c = _safe_log10(np.ravel(new_state[second])[0]) - degrees[second] * _safe_log10(gv)
                excess = obj.excess(x)
                rec.add(
                    log10_loss=_safe_log10(excess) if excess >= 0 else math.nan,
                    log10_abs_x=_safe_log10(np.max(np.abs(x))),
                    x_sign=float(np.sign(x[0])),
                    u=u,
                    log10_lambda=lam,
                    log10_coupling=lam_c,
                )
            if last:
                break
            lr_t = p.lr * math.exp(_log_lr_factor(t, sched))
            x = x - lr_t * direction
            state = new_state
            t += 1
            if not np.all(np.isfinite(x)):
                # record the bad iterate on the next pass
                continue
    out = _finish(rec, step_list, flags)
    out["x"] = np.asarray(xs, dtype=float)
    out["state"] = {k: np.asarray(v, dtype=float) for k, v in states.items()}
    out["steps_run"] = t
    return out


def _frame_params(rule, p, log_abs_g):
    """Parameters in the frame where |g| = 1: scale-carrying ones divided by |g|^degree."""
    values = p.as_dict()
    for name, deg in rule.param_degrees(p).items():
        values[name] = SLog.of(values[name]) / SLog(deg * log_abs_g, 1.0)
    return type(p)(**values)


def _run_normalized(rule, p, n, x0, steps, every, sched, bound):
    B = SLOG
    degrees, first, second = _state_roles(rule, p)
    L = math.log(abs(x0))  # log|x_t|
    sigma = math.copysign(1.0, x0)
    log_lr = math.log(p.lr)
    log_n = math.log(n)
    # initial state, normalized by |g_0|^d
    g0 = SLog((n - 1.0) * L, sigma)
    s0 = rule.init(g0, p, B)  # real units; normalized just below
    w = tuple(SLog.of(s) / SLog(d * (n - 1.0) * L, 1.0) for s, d in zip(s0, degrees))
    rec = _Recorder(["log10_loss", "log10_abs_x", "x_sign", "u", "log10_lambda", "log10_coupling"])
    step_list = []
    flags = {"diverged": False, "divergence_step": -1, "underflow_step": -1, "stop_reason": "completed"}
    t = 0
    while True:
        log10_loss = (n * L - log_n) / LN10
        pf = _frame_params(rule, p, (n - 1.0) * L)
        gt = SLog(0.0, sigma)
        new_w, direction = rule.advance(w, gt, t + 1, pf, B, x=SLog(L, sigma))
        direction = SLog.of(direction)  # a plain number where the rule's direction is one (B.sign: SignGD)
        # effective learning rate in the frame: lr_t |g|^deg / |x|
        log_lr_t = log_lr + _log_lr_factor(t, sched) + (rule.direction_degree * (n - 1.0) - 1.0) * L
        last = t == steps
        bad = not math.isfinite(L) or any(math.isnan(s.log) for s in new_w) or math.isnan(direction.log)
        if bad or log10_loss > bound:
            flags.update(diverged=True, divergence_step=t, stop_reason="diverged: " + (
                "non-finite normalized state" if bad else f"loss above 1e{bound:g}"))
            last = True
        if t % every == 0 or last:
            step_list.append(t)
            u = lam = coup = math.nan
            if first is not None:
                u = float(new_w[first]) * sigma if new_w[first].log < 700 else math.copysign(math.inf, new_w[first].sign * sigma)
            sc = rule.scale(new_w, gt, pf, B) if rule.scale else SLog(0.0, 1.0)
            lam = (log_lr_t - SLog.of(sc).log) / LN10
            if second is not None:
                coup = new_w[second].log / LN10
            rec.add(log10_loss=log10_loss, log10_abs_x=L / LN10, x_sign=sigma, u=u, log10_lambda=lam,
                    log10_coupling=coup)
        if last:
            break
        rho = 1.0 - SLog(log_lr_t, 1.0) * direction * sigma
        if rho.sign == 0.0:
            flags.update(underflow_step=t + 1, stop_reason="exact minimum reached (x = 0)")
            L = -math.inf
            t += 1
            step_list.append(t)
            rec.add(log10_loss=-math.inf, log10_abs_x=-math.inf, x_sign=0.0, u=math.nan,
                    log10_lambda=math.nan, log10_coupling=math.nan)
            break
        L += rho.log
        sigma *= rho.sign
        w = tuple(s / SLog((n - 1.0) * d * rho.log, 1.0) for s, d in zip(new_w, degrees))
        t += 1
    out = _finish(rec, step_list, flags)
    out["steps_run"] = t
    return out
