r"""The atlas: what the normalized map of a rule does in the long run, cell by cell, without theory.

For every cell of a grid of one or two optimizer parameters, :func:`atlas` iterates the rule's
normalized map on :math:`|x|^n/n` (the normalized states, :math:`\lambda` and :math:`\log z`, see
:mod:`adamdyn.theory.map`), all cells at once with numpy float64, and labels the orbit from what it
observes:

``fixed_point``
    the normalized state stops moving (linear convergence); ``rate`` is the observed
    :math:`|x_{t+1}/x_t|`, geometric mean over the second half of the window. Also a state that settles
    while :math:`|\rho|` creeps to 1 as :math:`1 - p/t` (a power-law approach :math:`|x| \sim t^{-p}`,
    sublinear convergence: the mean :math:`\log|\rho|` of the two halves of the window is :math:`-p` times
    the mean of :math:`1/t` there, with one :math:`p` to 10%): then ``sublinear`` is true, ``power`` is
    :math:`p` and ``rate`` (below 1 only by about :math:`p/t`) tends to 1 with a longer window. Yogi is
    such a rule: once the gradient is small its second moment decreases only additively, by
    :math:`(1-\beta_2) g^2` a step, so it stops forgetting, the step size freezes and the orbit creeps to
    :math:`u = 1, \lambda = 0` (gradient descent with momentum on :math:`|x|^n/n`: :math:`p = 1/(n-2)`).
    Without the power-law test these orbits came out ``unresolved`` (the largest exponent tends to 0 and
    the steps shrink only algebraically).
``periodic``
    the state repeats with a period ``period`` (2 .. ``max_period``), its points distinct (more than ``10 tol``
    apart: a focus still spiralling in with an amplitude near ``tol`` is a ``fixed_point``). Also a state that
    stands still at a finite loss (:math:`|\rho| = 1`: the iterate flips sign each step, :math:`x \to -x`, a
    2-cycle that never reaches the minimum; ``period`` 2, ``rate`` 1).
``quasi_periodic``
    bounded, not periodic, largest exponent zero within its error; ``rotation`` is the rotation
    number around the orbit's centre in the plane of the first two coordinates.
``chaotic``
    the largest Lyapunov exponent is positive beyond three times its error.
``spiking``
    the loss rises by more than ``spike_decades`` decades at least once in the window
    (``spikes``: their number, ``spike_interval``: the mean number of steps between them).
``divergent``
    a non-finite state or a loss above ``10**diverge_log10_loss``.
``unresolved``
    none of the above within the window (e.g. a slow approach near a boundary: run longer), or a
    Jacobian product lost rank in floating point, or steps whose Jacobian is singular to rounding made the
    exponents miss the sum rule by more than ``SUM_RULE_RTOL`` (no spectrum either way; a spiking orbit stays
    ``spiking``), or a
    coordinate fell below 1e-200 in the window (a step that landed almost on the minimum leaves lambda so small
    that its regrowth outlasts the window), or a coordinate rose above 1e100 or :math:`|\rho|` above 1e50 at any
    time (an overshoot cascade, where powers of rho overflow and the end state depends on rounding).

Every cell also gets the Lyapunov spectrum of the whole map, the coordinates and :math:`z` (``len(coords) + 1``
exponents, :math:`z` last in the tangent basis), computed by
QR re-orthonormalisation of the tangent vectors (Benettin et al.) with the symbolic Jacobian,
lambdified once per rule and degree (:func:`adamdyn.dynamics.maps.orbit_map`: any real degree, either sign
of the step, and for a rule with data-dependent choices the branch that holds on each cell's state at each
step). Its error is by batch means over ``blocks`` blocks of the window.
The exponents add up to the mean :math:`\log|\det J|` along the orbit (the sum rule; ``sum_rule_gap``).
Where the loss converges (:math:`z \to 0`) the map of the other coordinates no longer depends on :math:`z`, so
the spectrum is that of :func:`~adamdyn.theory.map.normalized_map`'s ``reduced`` map plus the exponent of the
:math:`z` direction, the mean :math:`\log|\rho|` (the log of ``rate``). Where it does not (a cycle or a chaotic
orbit at a finite loss), :math:`z` takes part in the dynamics and the spectrum of the reduced map alone is not
the orbit's: before December 2026 the atlas reported that one, which gave stable cycles at a finite loss a
positive exponent (a 2-cycle at :math:`\beta = (0.208, 0.01)`, n = 4: +0.55 instead of -0.21, -0.21, -5.75)
and labelled some of them ``chaotic``.

:func:`lyapunov_spectrum` does the same for any map given as numpy functions (tests use the logistic
map, the acceleration map and linear maps, whose answers are known).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .._version import __version__
from ..rules import get_rule
from ._labels import LABELS, _classify
from .lyapunov import Spectrum, _Accumulator, _check_counts, _gram_schmidt, _log_det, _qr_step, lyapunov_spectrum
from .maps import orbit_map
from .results import register_result
from .simulation import _check_float, _check_start

__all__ = ["atlas", "Atlas", "lyapunov_spectrum", "Spectrum", "LABELS"]

LN10 = math.log(10.0)


# --------------------------------------------------------------------------- the atlas


@register_result
@dataclass
class Atlas:
    r"""Per-cell labels and measurements over a grid of one or two parameters (see the module docstring).

    Arrays have the grid's shape (``axes`` order); ``lyapunov_spectrum`` and ``lyapunov_stderr`` have a
    leading axis of length ``len(coords) + 1``: the exponents of the whole map (the coordinates and z), in
    decreasing order, not attached to a coordinate (at a fixed point z's is log rho*, often the largest).

    Per cell: ``label`` (one of ``LABELS``); ``rate`` (the observed :math:`|x_{t+1}/x_t|`, geometric mean over
    the window's second half: a ``fixed_point``'s rate of convergence); ``sublinear`` and ``power`` (a
    power-law approach :math:`|x| \sim t^{-p}` and its :math:`p`, NaN otherwise); ``period`` (1 at a fixed
    point, k for a ``periodic`` orbit, 0 otherwise); ``rotation`` (rotation number of a ``quasi_periodic``
    orbit, NaN otherwise); ``spikes`` and ``spike_interval`` (loss spikes in the window and the mean steps
    between them); ``lyapunov_spectrum``, ``lyapunov_stderr`` (``len(coords) + 1`` exponents: the coordinates and
    z, see the module docstring) and ``mean_log_det`` (the sum rule's right side: ``sum_rule_gap``);
    ``final_state`` (the coordinates ``coords`` at the end, leading axis). Settings:
    ``n``, ``axes``, ``params`` (fixed), ``steps``, ``transient``, ``init`` (the start), ``settings``
    (tolerances, blocks, engine) and ``elapsed_s``.
    """

    optimizer: str
    n: float
    axes: dict
    params: dict
    coords: tuple
    label: np.ndarray
    rate: np.ndarray
    period: np.ndarray
    rotation: np.ndarray
    spikes: np.ndarray
    spike_interval: np.ndarray
    lyapunov_spectrum: np.ndarray
    lyapunov_stderr: np.ndarray
    mean_log_det: np.ndarray
    final_state: np.ndarray
    steps: int
    transient: int
    init: dict
    settings: dict
    elapsed_s: float
    version: str = __version__
    sublinear: np.ndarray = None
    power: np.ndarray = None

    @property
    def sum_rule_gap(self) -> np.ndarray:
        return np.abs(self.lyapunov_spectrum.sum(axis=0) - self.mean_log_det)

    def counts(self) -> dict:
        return {lab: int(np.sum(self.label == lab)) for lab in LABELS if np.any(self.label == lab)}

    def summary(self) -> dict:
        """The JSON form: ``axes``, ``label``, ``lyapunov_spectrum``, ``rate``, ``period`` and the rest."""
        return {"optimizer": self.optimizer, "n": self.n, "axes": {k: np.asarray(v) for k, v in self.axes.items()},
                "params": dict(self.params), "coords": list(self.coords), "label": self.label,
                "lyapunov_spectrum": np.moveaxis(self.lyapunov_spectrum, 0, -1),
                "lyapunov_spectrum_of": "the map of coords and z, exponents in decreasing order",
                "lyapunov_stderr": np.moveaxis(self.lyapunov_stderr, 0, -1), "sum_rule_gap": self.sum_rule_gap,
                "rate": self.rate, "period": self.period, "rotation": self.rotation, "spikes": self.spikes,
                "spike_interval": self.spike_interval, "sublinear": self.sublinear, "power": self.power,
                "counts": self.counts(), "steps": self.steps,
                "transient": self.transient, "init": dict(self.init), "settings": dict(self.settings),
                "elapsed_s": self.elapsed_s, "version": self.version}


def _grid(axes):
    if not isinstance(axes, dict) or not 1 <= len(axes) <= 2:
        raise ValueError(f"axes={axes!r}: pass a dict of one or two parameter names to value arrays. "
                         "Fix: e.g. axes={'beta1': np.linspace(0.01, 0.99, 64), 'beta2': np.linspace(0.01, 0.999, 64)}.")
    names = list(axes)
    vals = [np.asarray(axes[k], dtype=np.float64).ravel() for k in names]
    for k, v in zip(names, vals):
        if v.size == 0 or not np.all(np.isfinite(v)):
            raise ValueError(f"axis {k!r} has no values or non-finite values. Fix: pass finite values, "
                             "e.g. np.linspace(0.01, 0.99, 64).")
    mesh = np.meshgrid(*vals, indexing="ij")
    return names, vals, mesh


def _initial(rm, shape, init, lr, x0):
    """Default start: every normalized state 1 (the state as if it held only the current gradient),
    z = x0/lr, lambda from its definition at those values."""
    from ..theory.map import LR

    init = dict(init or {})
    unknown = set(init) - set(rm.coords) - {"z"}
    if unknown:
        raise ValueError(f"init has unknown coordinates {sorted(unknown)}; the coordinates of {rm.rule!r} are "
                         f"{list(rm.coords) + (['z'] if rm.has_z else [])}. Fix: name those.")
    z0 = np.broadcast_to(np.asarray(init.get("z", x0 / lr), dtype=np.float64), shape)
    if not np.all(z0 > 0):
        shown = float(z0.flat[0]) if np.all(z0 == z0.flat[0]) else f"an array with min {np.nanmin(z0):g}"
        raise ValueError(f"init z={shown!r} is out of range; valid is z > 0 (z = |x|/lr). Fix: pass a positive z.")
    out = {}
    coords = rm.expressions["coords"]
    lam_def = rm.expressions["lam_def"]
    for c in coords:
        if str(c) in init:
            try:
                value = np.broadcast_to(np.asarray(init[str(c)], dtype=np.float64), shape)
            except (TypeError, ValueError):
                raise ValueError(f"init {c}={init[str(c)]!r} is not a number or an array of the grid's shape "
                                 f"{shape}. Fix: pass e.g. init={{'{c}': 1.0}}.") from None
            if not np.all(np.isfinite(value)):
                raise ValueError(f"init {c}={init[str(c)]!r} is not finite; valid values are finite numbers. "
                                 f"Fix: pass e.g. init={{'{c}': 1.0}}.")
            out[str(c)] = value
        elif str(c) == "lambda" and lam_def is not sp.nan and isinstance(lam_def, sp.Basic):
            sub = {s: 1 for s in rm.expressions["states"]}
            sub[LR] = lr
            try:
                f = sp.lambdify([rm.expressions["z"]], lam_def.subs(sub), modules="numpy")
                out[str(c)] = np.broadcast_to(np.asarray(f(z0), dtype=np.float64), shape)
            except (TypeError, NameError):
                raise ValueError(f"cannot start lambda from {lam_def} for {rm.rule!r}. Fix: pass init={{'lambda': "
                                 "value}.") from None
        else:
            out[str(c)] = np.ones(shape)
    X = [np.array(out[str(c)], dtype=np.float64) for c in coords]
    start = {k: (float(v.flat[0]) if np.all(v == v.flat[0]) else v) for k, v in {**out, "z": z0}.items()}
    return X, np.log(z0).astype(np.float64), start


def atlas(rule, axes, n=4, steps=4000, transient=None, init=None, x0=1.0, max_period=16, tol=1e-7,
          spike_decades=2.0, diverge_log10_loss=50.0, blocks=16, engine="auto", **fixed) -> Atlas:
    r"""Classify the long-run behaviour of ``rule``'s normalized map over a grid of parameters (no theory).

    Args:
        rule: a rule name or :class:`~adamdyn.rules.Rule` (one with data-dependent choices -- Adamax's ``max``,
            Yogi's ``sign`` ... -- runs every branch: each cell takes the branch that holds on its state).
        axes: ``{name: values}`` for one or two parameters (e.g. ``beta1``, ``beta2``).
        n: the degree of :math:`|x|^n/n` (real, >= 2).
        steps: the measurement window (Lyapunov average, labels) after ``transient`` steps.
        transient: steps iterated first (default ``steps``).
        init: starting coordinates by name (``u``, ``lambda``, ``z``, ...); default every normalized state 1,
            ``z = x0/lr`` and lambda from its definition there (the first step's state with bias correction).
        x0, max_period, tol: start (its sign does not matter: the rule is symmetric under x -> -x), longest
            period looked for, relative tolerance of "the state repeats".
        spike_decades: a rise of the loss by more than this many decades is a spike.
        diverge_log10_loss: a loss above ``10**diverge_log10_loss`` is divergence.
        blocks: batch-means blocks for the exponents' errors.
        engine: ``"auto"`` (default: numba), ``"numba"`` (a kernel generated from the rule's map, compiled once
            per rule, degree and options and cached on disk; see :mod:`adamdyn.dynamics._atlas_kernel`) or
            ``"numpy"`` (the lambdified map over all cells at once: the reference, ~10x slower). Both apply the
            same label rules; they agree to rounding (chaotic orbits: in their statistics only).
        **fixed: the other parameters (rule defaults otherwise; booleans are structural).

    Returns:
        :class:`Atlas`.

    Example:
        >>> a = atlas("adam", {"beta2": [0.5, 0.95]}, beta1=0.9, steps=1000)
        >>> [str(v) for v in a.label]
        ['spiking', 'fixed_point']
    """
    t0 = time.perf_counter()
    r = get_rule(rule)
    transient = steps if transient is None else transient
    _check_counts(steps, transient, blocks)
    _engine(engine)
    if not (isinstance(max_period, int) and 2 <= max_period <= 4096):
        raise ValueError(f"max_period={max_period!r} must be an integer in [2, 4096]. Fix: pass e.g. max_period=16.")
    if max_period >= steps:
        raise ValueError(f"max_period={max_period} must be below steps={steps}. Fix: pass more steps.")
    if not tol > 0:
        raise ValueError(f"tol={tol!r} must be > 0. Fix: pass e.g. tol=1e-7.")
    # the label thresholds, as simulate checks them: a NaN divergence bound would switch divergence off, a spike
    # threshold <= 0 would call every cell spiking
    spike_decades = _check_float("spike_decades", spike_decades, 0.0, True, "pass e.g. spike_decades=2.0")
    diverge_log10_loss = _check_float("diverge_log10_loss", diverge_log10_loss, 0.0, True,
                                      "pass e.g. diverge_log10_loss=50.0")
    x0 = _start_size(x0)
    names, vals, mesh = _grid(axes)
    if "n" in names:
        raise ValueError("axis 'n': the atlas derives one map per degree. Fix: run one atlas per n (n=2, 4, 6 ...).")
    known = {q.name: q for q in r.params}
    for k in list(names) + list(fixed):
        if k not in known:
            raise ValueError(f"{k!r} is not a parameter of {r.name!r}; valid: {sorted(known)}. Fix: use one of those.")
    structural = {k: v for k, v in fixed.items() if known[k].kind == "bool"}
    for k in names:
        if known[k].kind == "bool":
            raise ValueError(f"axis {k!r} is a boolean option. Fix: pass it as a fixed value ({k}=True).")
    for k in ("eps", "eps1"):
        if k in names or fixed.get(k, 0):
            raise ValueError(f"{k}: the atlas iterates the scale-free map, which needs {k} = 0. Fix: omit {k}.")
    # validate every value through the rule
    scalars = {k: v for k, v in fixed.items()}
    for k, v in zip(names, vals):
        for end in (v.min(), v.max()):
            r.make_params(**{**scalars, k: float(end)})
    p = r.make_params(**{k: v for k, v in scalars.items()})
    rm = orbit_map(r, n, **structural)
    shape = mesh[0].shape
    P = {}
    for name in rm.params:
        if name in names:
            P[name] = mesh[names.index(name)].ravel()
        else:
            P[name] = np.full(mesh[0].size, float(getattr(p, name)))
    lr = float(getattr(p, "lr", 1.0))
    X, S, start = _initial(rm, (mesh[0].size,), init, lr, x0)
    res = _iterate(rm, P, X, S, n, lr, steps, transient, max_period, tol, spike_decades, diverge_log10_loss,
                   blocks, engine)
    label, rate, period, rotation, spikes, interval, exps, err, logdet, final, bad = (
        res[k_] for k_ in ("label", "rate", "period", "rotation", "spikes", "spike_interval", "exponents", "stderr",
                           "mean_log_det", "final", "bad"))
    k = len(rm.coords)
    out = Atlas(r.name, float(n), dict(zip(names, vals)), {**{k_: getattr(p, k_) for k_ in rm.params
                                                                 if k_ not in names}, **structural},
                rm.coords, label.reshape(shape), rate.reshape(shape),
                period.reshape(shape), rotation.reshape(shape), spikes.reshape(shape),
                interval.reshape(shape), exps.reshape((k + 1,) + shape), err.reshape((k + 1,) + shape),
                logdet.reshape(shape), final.reshape((k,) + shape), steps, transient, start,
                {"max_period": max_period, "tol": tol, "spike_decades": spike_decades,
                 "diverge_log10_loss": diverge_log10_loss, "blocks": blocks, "x0": x0, "engine": res["engine"]},
                time.perf_counter() - t0, sublinear=res["sublinear"].reshape(shape), power=res["power"].reshape(shape))
    return out


ENGINES = ("auto", "numba", "numpy")


def _start_size(x0) -> float:
    """|x0|: the rule is symmetric under x -> -x, so a negative start is the positive one mirrored."""
    return abs(_check_start(x0))


def _engine(engine):
    if engine not in ENGINES:
        raise ValueError(f"engine={engine!r} is not one of {ENGINES}. Fix: pass engine='auto' (numba where it "
                         "is installed, numpy otherwise).")
    if engine == "auto":
        try:
            import numba  # noqa: F401
        except ImportError:  # pragma: no cover - numba is a dependency
            return "numpy"
        return "numba"
    return engine


def _iterate(rm, P, X, S, n, lr, steps, transient, max_period, tol, spike_decades, diverge_log10_loss, blocks,
             engine="auto", wrong_jacobian=0.0):
    """Iterate the map for every cell and classify (the body of :func:`atlas` and :func:`~.basins.basin`).

    ``engine``: ``"numba"`` (the generated kernel of :mod:`._atlas_kernel`), ``"numpy"`` (the lambdified
    map, the reference) or ``"auto"`` (numba when importable). ``wrong_jacobian`` (tests only) breaks the
    numba kernel's Jacobian on purpose. The result's ``engine`` says which ran."""
    used = _engine(engine)
    if used == "numba":
        raw = _run_numba(rm, P, X, S, n, lr, steps, transient, max_period, spike_decades, diverge_log10_loss,
                         blocks, wrong_jacobian)
    else:
        raw = _run_numpy(rm, P, X, S, n, lr, steps, transient, max_period, spike_decades, diverge_log10_loss,
                         blocks)
    out = _classify(raw, len(rm.coords), S.size, steps, max_period, tol, transient)
    out["engine"] = used
    return out


def _run_numba(rm, P, X, S, n, lr, steps, transient, max_period, spike_decades, diverge_log10_loss, blocks,
               wrong_jacobian=0.0):
    """The generated numba kernel (:mod:`._atlas_kernel`): the same statistics as :func:`_run_numpy`."""
    from ._atlas_kernel import kernel

    mod = kernel(rm, wrong_jacobian)
    cells = S.size
    X0 = np.ascontiguousarray(np.stack([np.broadcast_to(np.asarray(v, dtype=np.float64), (cells,)) for v in X],
                                       axis=1))
    PP = np.ascontiguousarray(np.stack([np.broadcast_to(np.asarray(P[k_], dtype=np.float64), (cells,))
                                        for k_ in rm.params], axis=1)) if rm.params else np.zeros((cells, 1))
    sums, dets, hist, F, I, final = mod.drive(X0, np.ascontiguousarray(S, dtype=np.float64), PP, int(steps),
                                              int(transient), int(max_period), float(spike_decades),
                                              float(diverge_log10_loss), int(blocks), float(n), math.log10(lr))
    acc = _Accumulator(len(rm.coords) + 1, cells, blocks, steps)
    acc.sums = np.ascontiguousarray(np.moveaxis(sums, 0, -1))
    acc.det_sums = np.ascontiguousarray(dets.T)
    return {"acc": acc, "hist": np.ascontiguousarray(np.moveaxis(hist, 0, -1)), "step_mid": F[:, 3],
            "late_rho_sum": F[:, 1], "log_rho_sum": F[:, 0], "angle": F[:, 2], "spikes": I[:, 3], "first_spike": I[:, 4],
            "last_spike": I[:, 5], "bad": I[:, 0].astype(bool), "under": I[:, 1].astype(bool),
            "huge": I[:, 2].astype(bool), "X": [final[:, i] for i in range(final.shape[1])]}


def _run_numpy(rm, P, X, S, n, lr, steps, transient, max_period, spike_decades, diverge_log10_loss, blocks):
    """The reference path: every cell at once through the lambdified map (:meth:`~.maps.OrbitMap.advance`)."""
    log10_lr = math.log10(lr)

    def log10_loss(S_):
        return n * (S_ / LN10 + log10_lr) - math.log10(n)

    k = len(rm.coords)
    cells = S.size
    br = rm.initial_branch(X, S, P)  # the branch that made each cell's state (for rules with choices)
    bad = np.zeros(cells, dtype=bool)
    under = np.zeros(cells, dtype=bool)  # a coordinate fell below 1e-200 in the window (e.g. lambda after a step
    # that landed almost on the minimum): its regrowth takes longer than any window, the orbit is unresolved
    huge = np.zeros(cells, dtype=bool)  # a coordinate above 1e100 or |rho| above 1e50 (an overshoot cascade):
    # powers such as rho**6 then overflow and the end state depends on rounding, the orbit is unresolved
    # the tangent space of the whole map: the coordinates and z; its vectors evolve through the transient too, so
    # that they have found the Oseledets directions when the window starts (a z direction coupled only through a
    # tiny z takes over from a faster-contracting one late)
    Q = [[np.full(cells, float(i == j)) for j in range(k + 1)] for i in range(k + 1)]
    with np.errstate(all="ignore"):
        for _ in range(transient):
            E, a, b = rm.jacobian_parts(X, S, P, br, with_z=True)
            Q, _ = _qr_step(E, a, b, Q, _gram_schmidt)
            X, S, rho, br = rm.advance(X, S, P, br)
            bad |= ~np.isfinite(S) | (log10_loss(S) > diverge_log10_loss)
            huge |= np.abs(rho) > 1e50
            for v in X:
                bad |= ~np.isfinite(v)
                huge |= np.abs(v) > 1e100
        # the measurement window
        acc = _Accumulator(k + 1, cells, blocks, steps)
        hist = np.full((max_period + 1, k, cells), np.nan)
        log_rho_sum = np.zeros(cells)
        late_rho_sum = np.zeros(cells)
        late = steps // 2
        centre = np.zeros((2, cells))
        angle = np.zeros(cells)
        prev_angle = None
        runmin = log10_loss(S)
        armed = np.ones(cells, dtype=bool)
        peak = np.full(cells, -np.inf)
        spikes = np.zeros(cells, dtype=np.int64)
        first_spike = np.full(cells, -1)
        last_spike = np.full(cells, -1)
        for s in range(steps):
            E, a, b = rm.jacobian_parts(X, S, P, br, with_z=True)
            X, S, rho, br = rm.advance(X, S, P, br)
            Q, logs = _qr_step(E, a, b, Q, _gram_schmidt)
            acc.add(s, logs, _log_det(E, a, b))
            huge |= np.abs(rho) > 1e50
            for v in X:
                bad |= ~np.isfinite(v)
                under |= np.abs(v) < 1e-200
                huge |= np.abs(v) > 1e100
            L = log10_loss(S)
            bad |= ~np.isfinite(S) | (L > diverge_log10_loss)
            lr_ = np.log(np.abs(rho))
            log_rho_sum += lr_
            if s >= steps - late:
                late_rho_sum += lr_
            hist[s % (max_period + 1)] = np.array(X)
            if s == steps - late:
                step_mid = np.max(np.abs(hist[s % (max_period + 1)] - hist[(s - 1) % (max_period + 1)]), axis=0)
            # rotation around the centre of the first half of the window (first two coordinates)
            if k >= 2:
                if s < late:
                    centre += np.array(X[:2]) / late
                else:
                    a = np.arctan2(X[1] - centre[1], X[0] - centre[0])
                    if prev_angle is not None:
                        angle += (a - prev_angle + np.pi) % (2 * np.pi) - np.pi
                    prev_angle = a
            # spikes: a rise of the loss by > spike_decades above its running minimum
            runmin = np.minimum(runmin, L)
            new = armed & (L - runmin > spike_decades)
            spikes += new
            first_spike = np.where(new & (first_spike < 0), s, first_spike)
            last_spike = np.where(new, s, last_spike)
            peak = np.where(new, L, np.maximum(peak, L))
            armed = np.where(new, False, armed)
            rearm = ~armed & (L < peak - spike_decades)
            armed = armed | rearm
            runmin = np.where(rearm, L, runmin)
    return {"acc": acc.finish(), "hist": hist, "step_mid": step_mid, "late_rho_sum": late_rho_sum, "angle": angle,
            "log_rho_sum": log_rho_sum,
            "spikes": spikes, "first_spike": first_spike, "last_spike": last_spike, "bad": bad, "under": under,
            "huge": huge, "X": X}
