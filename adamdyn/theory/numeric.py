r"""The numeric theory of a rule: the one API every layer (sweeps, claims, figures, experiments) calls.

A :class:`Theory` holds the linear-convergence fixed point of one rule's
normalized map (rate :math:`\rho^*`, coordinates, existence conditions and the
Jacobian block of the reduced map), lambdified once, and evaluates it on
scalars or broadcasting numpy arrays (float64). Two sources of expressions:

* :func:`theory` (behind :func:`rate`, :func:`fixed_point`,
  :func:`spectral_radius`, :func:`regime`, :func:`theory_grid`): the full
  derivation, degree :math:`n` and parameters symbolic
  (:func:`adamdyn.theory.derive`, stored in the derivation cache);
* :func:`quick_theory`: the same map, fixed point and Jacobian block at one
  numeric degree, without the reduced stability conditions (seconds instead of
  the minutes a full derivation takes for some rules).

Both build the same expressions (:func:`~adamdyn.theory.stability.jacobian`
for the block) and share every evaluation rule below. A point *exists* where
:math:`n > 2` and every existence expression is finite and > 0 (beyond rounding, :data:`EXISTS_TOL`); its spectral
radius is :math:`\max(\rho^*, |\mu_i|)` (block triangular Jacobian), NaN where
the point does not exist or the Jacobian is not finite (a boundary where the
point blows up); regime 1 where it is < 1, 2 where it is >= 1, 3 where NaN.

"No theory here" is the exception :class:`TheoryUnavailable`; a rule whose map
has no linear-convergence point is not an error (NaN rates, regime 3), and every
other exception (a wrong parameter name, a bug) propagates.
"""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp

from ..rules import get_rule
from . import cache
from .map import RHO, N, Z

__all__ = ["TheoryUnavailable", "Theory", "theory", "quick_theory", "regime", "spectral_radius", "rate",
           "decoupled_rate", "fixed_point", "theory_grid"]


#: an existence expression (rho*, 1 - rho*, lambda*: normalized, of order one) must exceed this to count
#: as > 0. On an existence boundary it is exactly 0, and its float64 value is rounding noise of either sign
#: (1e-16 for Adam at n = 3, beta1 = beta2, where the simulator's step has no linear point; up to 3e-14
#: for S3 on p = (n-1)/(n-2), where lambda* = 0 identically); a point this close to the boundary does
#: not count as existing.
EXISTS_TOL = 1e-12

#: a spectral radius this close to 1 is on the stability boundary (rounding noise of either sign there:
#: 4e-16 for Adam at beta1 = beta2, n = 4, where det J = 1 exactly); it counts as not < 1 (Regime II).
MARGINAL_TOL = 1e-12


class TheoryUnavailable(ValueError):
    """The engine has no numeric theory for this rule and setting (the only "no theory" signal).

    Raised with what was asked, why there is no theory and how to get one: a non-zero ``eps`` (the
    analysis is of the scale-free map, eps = 0), or a rule whose normalized map the engine cannot
    derive (an update it cannot invert, a scale that is not homogeneous in the gradient). Callers
    that can do without a prediction (the sweeps' theory regime, a claim's ``n/a``) catch this class
    only; any other exception is a bug or bad input and propagates.

    Example:
        >>> try:
        ...     rate("adam", n=4, eps=1e-8)
        ... except TheoryUnavailable as exc:
        ...     print(str(exc).split(":")[0])
        no theory for 'adam' with eps=1e-08
    """

    def __init__(self, what, why, fix):
        super().__init__(f"{what}: {why}. Fix: {fix}")
        self.what, self.why, self.fix = what, why, fix


def _derived(fn, name, what):
    """``fn()`` (a derivation step); the engine's own "cannot derive" errors become :class:`TheoryUnavailable`."""
    try:
        return fn()
    except (NotImplementedError, ValueError) as exc:  # normalized_map / sympy: this map cannot be derived
        if isinstance(exc, TheoryUnavailable):
            raise
        raise TheoryUnavailable(f"no theory for {name!r}{what}",
                                f"the symbolic engine cannot derive its normalized map ({type(exc).__name__}: {exc})",
                                "use a rule (or setting) the engine can derive, e.g. adam") from exc


def _expressions(name, flags) -> dict:
    """The expressions of the full derivation (from the disk cache, else from ``derive``)."""
    from .derivation import derive

    rule = get_rule(name)
    e = cache.load("numeric", rule, flags)
    if isinstance(e, dict) and {"names", "syms", "linear", "coords"} <= set(e):
        return e
    d = _derived(lambda: derive(name, None, **dict(flags)), name, "")
    names = [q.name for q in rule.params if q.name in d.map.params]
    e = {"names": names, "syms": [N] + [d.map.params[q] for q in names], "linear": d.linear is not None,
         "coords": [str(c) for c in d.map.coords]}
    if d.linear is not None:
        fp, st = d.linear
        k = st.block.shape[0]
        e.update(rho=fp.rho, positive=list(fp.positive), point=[fp.point[c] for c in d.map.coords],
                 block=[[st.block[i, j] for j in range(k)] for i in range(k)])
    cache.store("numeric", rule, flags, e)
    return e


def _quick_expressions(name, n, flags) -> dict:
    """The same expressions from the map and its linear fixed point at the degree ``n`` (no Jury reduction)."""
    from .derivation import linear_branch
    from .map import normalized_maps
    from .stability import jacobian

    rule = get_rule(name)
    maps = _derived(lambda: normalized_maps(name, n=n, **dict(flags)), name, f" at n = {n:g}")
    m, fp, why = _derived(lambda: linear_branch(maps), name, f" at n = {n:g}")
    names = [q.name for q in rule.params if q.name in m.params]
    e = {"names": names, "syms": [N] + [m.params[q] for q in names], "coords": [str(c) for c in m.coords]}
    e.update(linear=fp is not None, why=list(why))
    if fp is not None:
        k = len(m.coords) - 1
        block = jacobian(m, fp.point, reduced=True)[:k, :k]
        e.update(rho=fp.rho, positive=list(fp.positive), point=[fp.point[c] for c in m.coords],
                 block=[[block[i, j] for j in range(k)] for i in range(k)])
    return e


class Theory:
    """Lambdified fixed point, rate, existence and Jacobian block of one rule (one set of flags).

    ``n`` is the degree the expressions were derived at (``None``: symbolic, pass ``n`` to every
    method). Every method takes the rule's float parameters as keywords (scalars or arrays,
    broadcast together; missing ones take the rule's defaults) and returns float64 arrays.
    """

    def __init__(self, optimizer, flags, n, e):
        self.optimizer, self.flags, self.n = optimizer, tuple(flags), n
        self.names = list(e["names"])
        self.linear = bool(e["linear"])
        self.why = list(e.get("why", []))
        self.coords = tuple(e["coords"])
        self.rho_expr = e.get("rho", sp.nan)
        inner = [c for c in self.coords if c != str(Z)]
        self.point_expr = ({sp.Symbol(c, positive=True): x for c, x in zip(self.coords, e["point"]) if c in inner}
                           if self.linear else None)
        self.positive_expr = list(e["positive"]) if self.linear else None
        if not self.linear:
            return
        syms = list(e["syms"])
        lam = functools.partial(sp.lambdify, syms + [RHO], modules="numpy")
        self._rho = sp.lambdify(syms, e["rho"], "numpy")
        self._pos = [sp.lambdify(syms, q, "numpy") for q in e["positive"]]
        self._point = [lam(x) for x in e["point"]]
        self._block = [[lam(x) for x in row] for row in e["block"]]

    def __repr__(self):
        at = "symbolic n" if self.n is None else f"n = {self.n:g}"
        return f"Theory({self.optimizer!r}, {dict(self.flags)}, {at}, linear={self.linear})"

    def _args(self, n, params):
        """``[n, *parameters]`` as broadcast float64 arrays (rule defaults filled in)."""
        rule = get_rule(self.optimizer)
        if n is None:
            n = self.n
        elif self.n is not None and np.any(np.asarray(n, dtype=float) != self.n):
            raise ValueError(f"n={n!r}: this theory was derived at n = {self.n:g} only. "
                             f"Fix: omit n, or use quick_theory({self.optimizer!r}, n) for another degree.")
        if n is None:
            raise ValueError("n is required for numeric evaluation; valid range is real n > 2. Fix: pass n=4.")
        known = {q.name: q for q in rule.params}
        values = {}
        for k, v in params.items():
            if k not in known:
                raise ValueError(f"optimizer {rule.name!r} has no parameter {k!r}; valid names are "
                                 f"{', '.join(known)}. Fix: use one of those names.")
            if known[k].kind == "bool":
                raise ValueError(f"{k}={v!r} is a flag of {rule.name!r}, fixed when the theory is built. "
                                 f"Fix: pass it to theory()/quick_theory() (the module functions take it directly).")
            if k == "eps" and np.any(np.asarray(v) != 0):
                raise _eps_unavailable(rule.name, v)
            fixed = dict(self.flags)
            if k in fixed and np.any(np.asarray(v, dtype=float) != fixed[k]):
                raise ValueError(f"{k}={v!r}: this theory was derived at {k} = {fixed[k]!r} only. "
                                 f"Fix: omit {k}, or build the theory without fixing it.")
            values[k] = _checked_array(known[k], v, f"optimizer {rule.name!r}")
        n = _checked_n(n)
        args = [n] + [values.get(k, known[k].default) for k in self.names]
        arrays = [np.asarray(a, dtype=float) for a in args]
        try:
            return [np.asarray(a, dtype=float) for a in np.broadcast_arrays(*arrays)]
        except ValueError:
            shapes = ", ".join(f"{name} {a.shape}" for name, a in zip(["n", *self.names], arrays) if a.ndim)
            raise ValueError(f"the array arguments do not broadcast together ({shapes}). Fix: pass arrays of one "
                             "shape, or shapes numpy broadcasts (e.g. a column and a row).") from None

    @staticmethod
    def _eval(f, args):
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(f(*args), dtype=float), args[0].shape)

    def _exists(self, args):
        ok = args[0] > 2
        for f in self._pos:
            v = self._eval(f, args)
            ok = ok & np.isfinite(v) & (v > EXISTS_TOL)
        return ok

    def exists(self, n=None, **params):
        """True where the non-trivial (linear-convergence) point exists: n > 2, every condition finite and > 0."""
        args = self._args(n, params)
        if not self.linear:
            return np.zeros(args[0].shape, dtype=bool)
        return self._exists(args)

    def rate(self, n=None, **params):
        r""":math:`\rho^*` per step in :math:`|x|` (NaN where the point does not exist)."""
        args = self._args(n, params)
        if not self.linear:
            return np.full(args[0].shape, np.nan)
        r = self._eval(self._rho, args).copy()
        r[~self._exists(args)] = np.nan
        return r

    def decoupled_rate(self, n=None, **params):
        r""":math:`\rho` of the :math:`\lambda`-equation on the plane :math:`z = 0`, whether or not the point exists.

        The :math:`\lambda`-equation multiplies :math:`\lambda` by a factor that depends on :math:`\rho`
        alone (Adam: :math:`\rho^{n-2}/\sqrt{\beta_2}`). On any orbit that stays on :math:`z = 0` with
        :math:`\lambda` bounded and bounded away from 0 (a fixed point, a cycle, a chaotic set), the
        product of those factors stays bounded, so the geometric mean of :math:`|\rho_t|` is this value.
        Where the point exists it equals :meth:`rate`. Beyond the existence boundary it is the rate of any
        such attractor: NAdam and S3 with Nesterov (p = 1) have one in Regime III, and converge linearly
        at this rate there (``adamdyn verify`` claim 23); Adam's heavy-ball numerator has none and stalls.
        An orbit with :math:`\lambda \to 0` (AdamW's decay-dominated modes) is not covered. NaN where the
        rule has no such equation (GD, AMSGrad ...) or the value is not in (0, 1).
        """
        args = self._args(n, params)
        if not self.linear:
            return np.full(args[0].shape, np.nan)
        r = self._eval(self._rho, args).copy()
        with np.errstate(invalid="ignore"):
            r[~((args[0] > 2) & np.isfinite(r) & (r > 0) & (r < 1))] = np.nan
        return r

    def loss_rate(self, n=None, **params):
        r""":math:`\rho^{*n}`: the factor by which the loss falls per step (NaN where no point)."""
        args = self._args(n, params)
        return self.rate(n, **params) ** args[0]

    def fixed_point(self, n=None, **params) -> dict:
        """Coordinates of the point, ``{name: array}`` (NaN where it does not exist)."""
        args = self._args(n, params)
        if not self.linear:
            return {c: np.full(args[0].shape, np.nan) for c in self.coords}
        r = self._eval(self._rho, args)
        ok = self._exists(args)
        out = {}
        for c, f in zip(self.coords, self._point):
            v = self._eval(f, args + [r]).copy()
            v[~ok] = np.nan
            out[c] = v
        return out

    def eigenvalues(self, n=None, **params):
        r"""Eigenvalues of the Jacobian at the point: the block's :math:`\mu_i`, then :math:`\rho^*` (the z
        direction); complex array of shape ``(..., k + 1)``, NaN where the point does not exist or the
        Jacobian is not finite."""
        args = self._args(n, params)
        shape = args[0].shape
        if not self.linear:
            return np.full(shape + (1,), np.nan, dtype=complex)
        k = len(self._block)
        r = self._eval(self._rho, args)
        J = np.empty(shape + (k, k))
        for i in range(k):
            for j in range(k):
                J[..., i, j] = self._eval(self._block[i][j], args + [r])
        ok = self._exists(args) & np.all(np.isfinite(J), axis=(-2, -1)) & np.isfinite(r)
        J[~ok] = 0.0
        mu = np.linalg.eigvals(J) if k else np.zeros(shape + (0,), dtype=complex)
        out = np.concatenate([mu.astype(complex), np.asarray(r, dtype=complex)[..., None]], axis=-1)
        out[~ok] = np.nan
        return out

    def spectral_radius(self, n=None, **params):
        r""":math:`\max(\rho^*, |\mu_i|)` at the point (NaN where it does not exist or the Jacobian is not finite)."""
        return np.abs(self.eigenvalues(n, **params)).max(axis=-1)

    def regime(self, n=None, **params):
        """1 stable linear convergence, 2 point exists but unstable, 3 no point (int64 array).

        A spectral radius within :data:`MARGINAL_TOL` of 1 is the boundary itself (Adam's
        ``beta1 = beta2`` at n = 4, where det J = 1 exactly and rounding decides the last bit): it is
        Regime II, as the strict stability inequality says, not 1 or 2 by the sign of a rounding error.
        """
        sr = self.spectral_radius(n, **params)
        out = np.full(sr.shape, 3, dtype=np.int64)
        ok = np.isfinite(sr)
        out[ok] = np.where(sr[ok] < 1.0 - MARGINAL_TOL, 1, 2)
        return out


def _as_float_array(name, value, valid, fix):
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number or an array of numbers; valid range is {valid}. "
                         f"Fix: {fix}.") from None


def _first_bad(a, ok):
    bad = a[~ok]
    return float(bad.flat[0]) if bad.size else None


def _checked_array(q, value, owner):
    """``value`` (a number or an array) as a float array, every element in the parameter ``q``'s range."""
    fix = f"pass e.g. {q.name}={q.example or q.default}"
    a = _as_float_array(q.name, value, q.range_text(), fix)
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(a) & ((a > q.lo) if q.lo_open else (a >= q.lo)) & ((a < q.hi) if q.hi_open else (a <= q.hi))
    if not ok.all():
        raise ValueError(f"{owner}: {q.name}={_first_bad(a, ok)!r} is out of range; valid range is "
                         f"{q.range_text()}. Fix: {fix}.")
    return a


def _checked_n(n):
    """The degree ``n`` as a float array of finite reals >= 2 (the linear-convergence point needs n > 2)."""
    a = _as_float_array("n", n, "real n >= 2", "pass e.g. n=4")
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(a) & (a >= 2)
    if not ok.all():
        raise ValueError(f"n={_first_bad(a, ok)!r} is out of range; valid range is real n >= 2 (the "
                         "linear-convergence point exists for n > 2). Fix: pass e.g. n=4.")
    return a


def _eps_unavailable(name, v):
    return TheoryUnavailable(f"no theory for {name!r} with eps={v!r}",
                             "the analysis is of the scale-free map, which needs eps = 0 (eps/|g| grows "
                             "without bound as x -> 0)", "omit eps (or pass eps=0)")


def _split(rule, params):
    """``(flags, values)``: the boolean parameters (checked; they select the derivation) and the rest."""
    known = {q.name: q for q in rule.params}
    flags = {k: known[k].check(v, f"optimizer {rule.name!r}") for k, v in params.items()
             if k in known and known[k].kind == "bool"}
    return tuple(sorted(flags.items())), {k: v for k, v in params.items() if k not in flags}


@functools.lru_cache(maxsize=64)
def _full(name, flags):
    return Theory(name, flags, None, _expressions(name, flags))


def theory(optimizer="adam", **flags) -> Theory:
    """The full-derivation :class:`Theory` of ``optimizer`` (degree and parameters symbolic), cached.

    ``flags``: boolean parameters (``bias_correction=True`` ...); defaults otherwise.

    Example:
        >>> th = theory("rmsprop")
        >>> round(float(th.rate(n=4, beta2=0.5)), 12) == round(0.5 ** 0.25, 12)
        True
    """
    rule = get_rule(optimizer)
    fl, rest = _split(rule, flags)
    if rest:
        raise ValueError(f"theory() takes only the boolean parameters of {rule.name!r}; got {sorted(rest)}. "
                         "Fix: pass the others to the methods.")
    return _full(rule.name, fl)


@functools.lru_cache(maxsize=64)
def _quick(name, n, flags):
    structural = tuple((k, v) for k, v in flags if not isinstance(v, bool))
    if any(k == "eps" and v != 0 for k, v in structural):
        raise _eps_unavailable(name, dict(structural)["eps"])
    return Theory(name, flags, n, _quick_expressions(name, n, flags))


def quick_theory(optimizer, n, **flags) -> Theory:
    """The :class:`Theory` of ``optimizer`` derived at the one degree ``n`` (seconds; no Jury reduction).

    ``flags``: boolean parameters, and float ones to fix in the derivation (S3's ``p``); the others
    stay symbolic and are passed to the methods. Where the elimination at a fixed value fails, the
    point may be missing although it exists for symbolic values (S3 with a numeric ``p < 1``:
    two roots), so keep the parameters you sweep symbolic.

    Example:
        >>> th = quick_theory("adam", 4)
        >>> float(th.rate(beta1=0.9, beta2=0.9)) == 0.9 ** 0.25
        True
    """
    rule = get_rule(optimizer)
    try:
        nf = float(n)
    except (TypeError, ValueError):
        raise ValueError(f"n={n!r} is not a number; valid range is real n >= 2. Fix: pass n=4.") from None
    if not nf >= 2 or nf == float("inf"):
        raise ValueError(f"n={n!r} is out of range; valid range is real n >= 2. Fix: pass n=4.")
    return _quick(rule.name, nf, tuple(sorted(flags.items())))


def _module(optimizer, n, params):
    rule = get_rule(optimizer)
    fl, values = _split(rule, params)
    if np.any(np.asarray(values.get("eps", 0.0)) != 0):
        raise _eps_unavailable(rule.name, values["eps"])
    if n is None:
        raise ValueError("n is required for numeric evaluation; valid range is real n > 2. Fix: pass n=4.")
    return _full(rule.name, fl), values


def rate(optimizer="adam", n=None, **params):
    r"""Per-step contraction :math:`\rho^*` of :math:`|x|` at the linear-convergence point (NaN where none).

    The loss falls by :math:`\rho^{*n}` per step.

    Args:
        optimizer: rule name.
        n: degree (real > 2), scalar or array.
        **params: rule parameters (arrays broadcast; missing ones take defaults; booleans select
            the derivation).

    Returns:
        float array of :math:`\rho^*`, NaN where the point does not exist.

    Raises:
        TheoryUnavailable: ``eps != 0``, or a rule whose map the engine cannot derive.

    Example:
        >>> abs(float(rate("adam", n=4, beta1=0.9, beta2=0.999)) - 0.999 ** 0.25) < 1e-15
        True
    """
    th, values = _module(optimizer, n, params)
    return th.rate(n, **values)


def decoupled_rate(optimizer="adam", n=None, **params):
    r"""Per-step contraction of :math:`|x|` forced on any orbit of the decoupled map (:math:`z = 0`, bounded
    :math:`\lambda`), defined beyond the fixed point's existence too (:meth:`Theory.decoupled_rate`).

    Example:
        >>> float(decoupled_rate("nadam", n=4, beta1=0.95, beta2=0.9)) == 0.9 ** 0.25  # no point here
        True
        >>> bool(np.isnan(rate("nadam", n=4, beta1=0.95, beta2=0.9)))
        True
    """
    th, values = _module(optimizer, n, params)
    return th.decoupled_rate(n, **values)


def fixed_point(optimizer="adam", n=None, **params) -> dict:
    r"""Coordinates of the linear-convergence fixed point (``{name: array}``, NaN where none).

    Example:
        >>> fp = fixed_point("adam", n=4, beta1=0.0, beta2=0.25)
        >>> round(float(fp["lambda"]), 6), float(fp["z"])
        (0.292893, 0.0)
    """
    th, values = _module(optimizer, n, params)
    return th.fixed_point(n, **values)


def spectral_radius(optimizer="adam", n=None, **params):
    r"""Spectral radius of the Jacobian at the linear-convergence point (NaN where none).

    The Jacobian is block triangular: :math:`\max(\rho^*, |\mu_i|)` with :math:`\mu_i`
    the eigenvalues of the block of the reduced (z = 0) map.

    Example:
        >>> bool(spectral_radius("adam", n=4, beta1=0.9, beta2=0.999) < 1)
        True
    """
    th, values = _module(optimizer, n, params)
    return th.spectral_radius(n, **values)


def regime(optimizer="adam", n=None, **params):
    r"""Regime 1 (stable linear convergence), 2 (fixed point exists, unstable), 3 (no fixed point).

    Regime I needs the non-trivial point to exist and the spectral radius of its
    Jacobian to be < 1.

    Example:
        >>> regime("adam", n=4, beta1=[0.8, 0.91, 0.99], beta2=0.9).tolist()
        [1, 2, 3]
    """
    th, values = _module(optimizer, n, params)
    return th.regime(n, **values)


def theory_grid(optimizer, n, axes: dict, **fixed):
    """Regime (1/2/3) and spectral radius on the mesh of ``axes`` (``{name: values}``, one or two axes).

    Arrays ``[i, j]`` with ``i`` along the first axis (``indexing="ij"``); ``n`` may be one of the
    axes; ``fixed`` holds the other parameters and the flags.

    Example:
        >>> reg, rad = theory_grid("adam", 4, {"beta1": [0.5, 0.99], "beta2": [0.9]})
        >>> reg.tolist()
        [[1], [3]]
    """
    if not 1 <= len(axes) <= 2:
        raise ValueError(f"theory_grid needs one or two axes, got {len(axes)} ({', '.join(axes)}). "
                         "Fix: pass e.g. {'beta1': values, 'beta2': values}.")
    mesh = dict(zip(axes, np.meshgrid(*(np.asarray(v, dtype=float) for v in axes.values()), indexing="ij")))
    kw = {**fixed, **mesh}
    n = kw.pop("n", n)
    return regime(optimizer, n=n, **kw), spectral_radius(optimizer, n=n, **kw)
