r"""Continuous-time predictions derived here with sympy (the symbolic engine does not model flows).

* gradient flow :math:`\dot x = -\eta_0 e^{\kappa t} x^{n-1}` solved by ``dsolve``
  (``kappa = 0`` is plain GD, Bai et al. (2026) [11]; ``kappa > 0`` Lemma 5.5 [16]; ``n = 2``
  Lemma F.1);
* the heavy-ball flow :math:`\ddot x + \gamma\dot x + \eta\gamma x^{n-1} = 0` [12] by
  dominant balance of a power-law ansatz (no closed form exists);
* asymptotic exponents as sympy limits of logarithmic derivatives.

Every function returns exact sympy numbers (rationals where possible) and is cached.
"""

from __future__ import annotations

import functools

import sympy as sp

__all__ = ["flow_solution", "power_law_exponent", "exp_lr_log_rate", "heavy_ball_exponent",
           "double_exponential_rate"]

t = sp.Symbol("t", positive=True)
ETA = sp.Symbol("eta", positive=True)
KAPPA = sp.Symbol("kappa", positive=True)
X0 = sp.Symbol("x0", positive=True)


def _rat(v):
    return sp.nsimplify(v, rational=True)


NSYM = sp.Symbol("n", positive=True)


@functools.cache
def _general_solution(exponential: bool) -> sp.Expr:
    """Solution for symbolic ``n > 2`` (Bernoulli equation), constant fixed by ``x(0) = x0``."""
    x = sp.Function("x")
    rate = ETA * sp.exp(KAPPA * t) if exponential else ETA
    sol = sp.dsolve(sp.Eq(x(t).diff(t), -rate * x(t) ** (NSYM - 1)), x(t), hint="Bernoulli").rhs
    c1 = sp.Symbol("C1")
    # x(0)^-(n-2) = x0^-(n-2) is linear in C1
    lhs = sp.powsimp(sp.expand_power_base(sol.subs(t, 0) ** (2 - NSYM), force=True), force=True)
    (c_val,) = sp.solve(sp.Eq(sp.simplify(lhs), X0 ** (2 - NSYM)), c1)
    return sol.subs(c1, c_val)


@functools.cache
def flow_solution(n, exponential: bool = False) -> sp.Expr:
    r"""``x(t)`` solving :math:`\dot x = -\eta\,[e^{\kappa t}]\,x^{n-1}`, ``x(0) = x0 > 0``."""
    n = _rat(n)
    if n == 2:
        x = sp.Function("x")
        rate = ETA * sp.exp(KAPPA * t) if exponential else ETA
        return sp.dsolve(sp.Eq(x(t).diff(t), -rate * x(t)), x(t), ics={x(0): X0}).rhs
    return _general_solution(exponential).subs(NSYM, n)


@functools.cache
def power_law_exponent(n) -> sp.Expr:
    r"""Exponent ``a`` of loss :math:`\sim t^{a}` under gradient flow: :math:`\lim t\,\frac{d}{dt}\ln(x^n/n)`."""
    n = _rat(n)
    x = flow_solution(n)
    return sp.simplify(sp.limit(t * sp.diff(n * sp.log(x), t), t, sp.oo))


@functools.cache
def exp_lr_log_rate(n, kappa) -> sp.Expr:
    r"""Asymptotic :math:`\frac{d}{dt}\ln x` under :math:`\eta_0 e^{\kappa t}` (Lemma 5.5)."""
    n, kappa = _rat(n), _rat(kappa)
    x = flow_solution(n, exponential=True).subs(KAPPA, kappa)
    return sp.simplify(sp.limit(sp.diff(sp.log(x), t), t, sp.oo))


@functools.cache
def double_exponential_rate(kappa) -> sp.Expr:
    r"""Quadratic + exponential lr (Lemma F.1): :math:`\lim \frac{d}{dt}\ln(-\ln(x/x_0))`."""
    kappa = _rat(kappa)
    x = flow_solution(2, exponential=True).subs(KAPPA, kappa)
    return sp.simplify(sp.limit(sp.diff(sp.log(-sp.log(x / X0)), t), t, sp.oo))


@functools.cache
def heavy_ball_exponent(n) -> sp.Expr:
    r"""Loss exponent of the heavy-ball flow by dominant balance of :math:`x = A t^{-a}`.

    The friction term :math:`\gamma\dot x \propto t^{-a-1}` must balance the force
    :math:`\eta\gamma x^{n-1} \propto t^{-a(n-1)}`, while inertia :math:`\ddot x \propto t^{-a-2}`
    is lower order; the amplitude ``A`` must then be real and positive.
    """
    n = _rat(n)
    a, A, gam = sp.Symbol("a", positive=True), sp.Symbol("A", positive=True), sp.Symbol("gamma", positive=True)
    (a_val,) = sp.solve(sp.Eq(-a - 1, -a * (n - 1)), a)
    x = A * t ** (-a_val)
    resid = sp.simplify((x.diff(t, 2) + gam * x.diff(t) + ETA * gam * x ** (n - 1)) / t ** (-a_val - 1))
    lead = sp.limit(resid, t, sp.oo)
    amps = [s for s in sp.solve(sp.Eq(lead, 0), A) if s.is_positive]
    if not amps or sp.limit(resid - lead, t, sp.oo) != 0:
        raise RuntimeError(f"dominant balance failed for n={n}")  # pragma: no cover
    return sp.simplify(-n * a_val)
