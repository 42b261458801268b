"""Write docs/THEORY.md: the mathematics as adamdyn derives it, every formula generated.

    python tools/theory_doc.py           # rewrite docs/THEORY.md
    python tools/theory_doc.py --check   # exit 1 if the committed file is stale

Only the prose is written here. Every formula is a sympy expression the package computes
(the rules evaluated on sympy symbols, :func:`adamdyn.theory.derive`,
:func:`adamdyn.theory.acceleration_map`, the flows of :mod:`adamdyn.claims.flows`) and
rendered by :func:`sympy.latex`; nothing is typed in. tests/test_theory_doc.py fails when the
committed file differs from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _gendoc import ROOT, write_or_check  # noqa: E402

OUT = ROOT / "docs" / "THEORY.md"
L = sp.latex

# The derivations shown (each is one of the package's shipped derivations, so this loads them).
OTHERS = ("rmsprop", "signgd", "adamomentum", "adabelief")


def block(rows) -> str:
    """Display math: one ``aligned`` block, a row per ``lhs &= rhs`` string."""
    return "$$\n\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}\n$$"


def update_equations(name) -> list:
    """The rule's update evaluated on sympy symbols (``m``, ``v``, ... for the previous state)."""
    from adamdyn.backend import SYMPY
    from adamdyn.rules import get_rule
    from adamdyn.theory.map import symbolic_params

    rule = get_rule(name)
    p, _, _ = symbolic_params(rule, {})
    g, t = sp.Symbol("g_t"), sp.Symbol("t", positive=True)
    prev = [sp.Symbol(f"{s}_{{t-1}}") for s in rule.state]
    new, direction = rule.update(tuple(prev), g, t, p, SYMPY)
    now = [sp.Symbol(f"{s}_t") for s in rule.state]
    rows = [f"{s}_t &= {L(e)}" for s, e in zip(rule.state, new)]
    step = direction.subs(dict(zip(new, now)))  # the direction in terms of the new state
    rows.append(f"x_{{t+1}} &= x_t - {L(p.lr * step)}")
    return rows


def map_rows(d) -> list:
    m = d.map
    rows = [f"{L(c)}_{{t+1}} &= {L(e)}" for c, e in zip(m.coords, m.next)]
    rows.append(rf"\rho_t &= {L(m.rho)}")
    return rows


def fixed_point_rows(d) -> list:
    from adamdyn.theory.map import RHO

    rows = []
    for fp, st in d.fixed_points:
        pt = ",\\ ".join(f"{L(k)} = {L(sp.sympify(v).subs(RHO, fp.rho))}" for k, v in fp.point.items())
        rows.append(rf"\text{{{fp.name}:}}\quad &{pt}")
    return rows


def eigen_rows(d, which) -> list:
    from adamdyn.theory.map import RHO

    fp, st = which
    return [rf"\mu_{i + 1} &= {L(sp.sympify(e).subs(RHO, fp.rho))}" for i, e in enumerate(st.eigenvalues)]


def condition_rows(d) -> list:
    rows = [rf"\text{{exists iff}}\quad &{L(c)}" for c in d.exists_if]
    rows += [rf"\text{{stable iff}}\quad &{L(c)}" for c in d.stable_if]
    return rows


def notes(d) -> str:
    return "\n".join(f"- {x}" for x in d.notes)


def section_objective() -> list:
    from adamdyn.references import cite

    x, xp, n = sp.Symbol("x", real=True), sp.Symbol("x", positive=True), sp.Symbol("n", positive=True)
    return [
        "## The objective and the optimizers",
        "",
        f"The objective is the degenerate power of {cite('adam-degenerate')}, for real $n \\ge 2$:",
        "",
        block([f"f(x) &= {L(sp.Abs(x) ** n / n)}", f"g = f'(x) &= {L(sp.powsimp(sp.diff(xp ** n / n, xp)))}\\quad (x > 0)"]),
        "",
        "Its Hessian vanishes at the minimum for $n > 2$ (highly degenerate). Adam, as every rule in "
        "`adamdyn/rules/`, steps as below (the rule's `update` evaluated on sympy symbols; the analysis form "
        "has $\\epsilon = 0$ and no bias correction; $\\eta$ is the learning rate):",
        "",
        block(update_equations("adam")),
        "",
    ]


def section_map(adam) -> list:
    return [
        "## The normalized state map",
        "",
        "On $|x|^n$ the gradient sets the scale of every state, so dividing each state by the power of "
        "$g_t$ of its homogeneity degree leaves a map that no longer depends on the scale of $x$. For "
        "Adam the coordinates are $u = m/g$, $\\lambda = \\eta|x|^{n-2}/\\sqrt{v}$ (the effective "
        "curvature: learning rate times curvature over the adaptive denominator) and $z = x/\\eta$, so "
        "that $\\lambda z = |g|/\\sqrt{v}$ carries the coupling ratio $v/g^2$; $\\rho_t = x_{t+1}/x_t$ "
        "is the step ratio. "
        "`adamdyn.theory.derive(\"adam\")` derives, from the rule alone:",
        "",
        block(map_rows(adam)),
        "",
        "A fixed point with $\\rho^* < 1$ is linear convergence: $|x|$ shrinks by $\\rho^*$ per step.",
        "",
    ]


def section_fixed_points(adam) -> list:
    return [
        "## Fixed points",
        "",
        "Two families: the trivial point ($\\lambda = 0$, no progress, $z$ free) and, on the plane "
        "$z = 0$ (the second moment has decoupled from the squared gradient, $v/g^2 \\to \\infty$), "
        "the linear-convergence point:",
        "",
        block(fixed_point_rows(adam)),
        "",
        "The eigenvalues of the Jacobian at the trivial point (one above 1: it repels):",
        "",
        block(eigen_rows(adam, adam.fixed_points[0])),
        "",
    ]


def section_stability(adam) -> list:
    from adamdyn.theory.map import RHO

    fp, st = adam.linear
    rows = []
    if st.det is not None:
        rows = [rf"\det J &= {L(st.det)}", rf"\operatorname{{tr}} J &= {L(st.trace)}",
                rf"\rho &= \rho^* = {L(fp.rho)}"]
    bif = "\n".join(f"- ${L(b['condition'])}$: {b['bifurcation']}" for b in adam.boundaries)
    return [
        "## Stability",
        "",
        "At the linear-convergence point the Jacobian restricted to the map's non-trivial block has",
        "",
        block(rows),
        "",
        "and the Jury conditions (both eigenvalues inside the unit circle) reduce to:",
        "",
        block(condition_rows(adam)),
        "",
        "What crosses the unit circle at each boundary:",
        "",
        bif,
        "",
        "The third eigenvalue (the $z$ direction) is $" + L(sp.sympify(st.eigenvalues[-1]).subs(RHO, fp.rho))
        + "$ < 1.",
        "",
    ]


def section_rates(adam) -> list:
    from adamdyn.claims import flows
    from adamdyn.references import cite
    from adamdyn.theory.map import LAM, RHO

    coords = dict(zip(adam.map.coords, adam.map.next))
    z = [c for c in adam.map.coords if str(c) == "z"][0]
    lam0 = sp.simplify(coords[LAM].subs(z, 0))
    rho0 = [r for r in sp.solve(sp.Eq(lam0 / LAM, 1), RHO) if not r.has(sp.I)][0]
    ns = (3, 4, 6)
    gd = ",\\quad ".join(f"n = {n}:\\ t^{{{L(flows.power_law_exponent(n))}}}" for n in ns)
    hb = ",\\quad ".join(f"n = {n}:\\ t^{{{L(flows.heavy_ball_exponent(n))}}}" for n in ns)
    kappa = sp.Rational(1, 10)
    ex = ",\\quad ".join(f"n = {n}:\\ {L(flows.exp_lr_log_rate(n, kappa))}" for n in ns)
    return [
        "## Rates",
        "",
        "Where the linear-convergence point is stable, Adam converges linearly: per step",
        "",
        block([rf"|x_{{t+1}}|/|x_t| &\to \rho^* = {L(adam.rate)}",
               rf"f(x_{{t+1}})/f(x_t) &\to {L(adam.loss_rate)}"]),
        "",
        f"The rate comes from the $\\lambda$-equation alone. On the plane $z = 0$ it reads "
        f"$\\lambda_{{t+1}} = {L(lam0)}$, so a constant $\\lambda$ needs ${L(sp.Eq(lam0 / LAM, 1))}$, "
        f"i.e. $\\rho = {L(rho0)}$. On any orbit that stays on the plane $z = 0$ with $\\lambda$ bounded "
        "and bounded away from 0 (a cycle, an invariant circle, a chaotic set) the product of these factors "
        "stays bounded, so the geometric mean of $|\\rho_t|$ is the same $\\rho$ there "
        "(`adamdyn.theory.decoupled_rate`). Adam's orbit does not stay there beyond the fixed point's "
        f"stability: {_hover()}. The Nesterov numerators of NAdam and S3 do have such an orbit in Regime "
        "III, where no fixed point exists, and converge linearly at this rate there (`adamdyn verify`, "
        "claim 23).",
        "",
        f"Gradient descent and heavy-ball momentum have no such point (`derive(\"gd\")`: "
        f"\"{_note('gd')}\"): they converge sublinearly, as their gradient flows "
        f"(`adamdyn.claims.flows`, {cite('adam-degenerate', title=False)} Thm 5.1 and 5.3) give the "
        "loss power laws",
        "",
        block([rf"\text{{GD}}\quad &{gd}", rf"\text{{heavy ball}}\quad &{hb}"]),
        "",
        "An exponentially growing learning rate $\\eta_t = \\eta_0 e^{\\kappa t}$ restores linear "
        f"convergence of GD (Lemma 5.5); at $\\kappa = {L(kappa)}$ the asymptotic "
        "$\\frac{d}{dt}\\ln x$ is",
        "",
        block([ex]),
        "",
    ]


def _hover(b1=0.91, b2=0.9, n=4, steps=60000) -> str:
    """What Adam's loss does past the Neimark-Sacker boundary, measured (normalized mode)."""
    import numpy as np

    from adamdyn import simulate

    r = simulate("adam", n=n, steps=steps, mode="normalized", x0=1.0, lr=0.05, beta1=b1, beta2=b2)
    step, L = np.asarray(r.step), np.asarray(r.log10_loss)
    late = step >= steps // 2
    slope = np.polyfit(step[late], L[late], 1)[0]
    return (f"$z$ re-couples in spikes and the loss hovers (at $\\beta_1 = {b1}$, $\\beta_2 = {b2}$, $n = {n}$, "
            f"Regime II, its $\\log_{{10}}$ stays between {L[late].min():.0f} and {L[late].max():.0f} over steps "
            f"{steps // 2:,} to {steps:,}, a fitted trend of {slope:.1e} per step, against "
            f"{n * np.log10(b2) / (2 * n - 4):.4f} at the rate)")


def _note(name):
    from adamdyn.theory import derive

    return "; ".join(derive(name).notes)


def section_regimes(adam) -> list:
    ex = "; ".join(f"${L(c)}$" for c in adam.exists_if)
    st = "; ".join(f"${L(c)}$" for c in adam.stable_if)
    return [
        "## The three regimes",
        "",
        "The two boundaries split the $(\\beta_1, \\beta_2)$ plane at each $n$ into three regimes "
        "(Thm 6.1 of the core paper; `adamdyn.theory.regime` labels a point, `adamdyn phase` "
        "observes them):",
        "",
        f"- **I, stable linear convergence**: the point exists ({ex}) and is stable ({st}).",
        "- **II, spikes**: the point exists but is unstable: the run follows it, leaves it, the "
        "decoupled second moment re-couples in a loss spike, and the cycle repeats.",
        "- **III, SignGD-like oscillation**: no linear-convergence point; $v/g^2$ stays of order one "
        "and the iterate oscillates like sign descent. This holds for Adam's heavy-ball numerator (and "
        "AdaMomentum's, and S3's without Nesterov). It does not for a Nesterov numerator: NAdam and S3 (Nesterov "
        "on, as published) converge linearly in their Regime III, at the decoupled rate, on a bounded attractor "
        "of the decoupled map that is not a fixed point (`adamdyn verify`, claim 23; at n = 4 every Regime III "
        "point sampled, after a transient that grows as $\\beta_1 \\to 1$); `regime` still says 3 "
        "there (no fixed point) and `rate` NaN, and `adamdyn.theory.decoupled_rate` gives the rate.",
        "",
    ]


def section_acceleration() -> list:
    from adamdyn.theory import acceleration_map
    from adamdyn.theory.acceleration import ALPHA, S

    a = acceleration_map()
    ns = (3, 4, 6)
    thr = ",\\quad ".join(f"n = {n}:\\ {L(acceleration_map(n).alpha_max)}" for n in ns)
    return [
        "## The acceleration map",
        "",
        "GD whose learning rate grows by a factor $\\alpha$ per step sees its effective sharpness "
        "$S_t = \\eta_t |x_t|^{n-2}$ follow a one-dimensional map, derived from the GD rule's normalized "
        "map (`adamdyn.theory.acceleration_map`):",
        "",
        block([f"S_{{t+1}} &= {L(a.h)}", f"S^* &= {L(a.fixed_point)}", f"h'(S^*) &= {L(a.multiplier)}",
               rf"\alpha_{{\max}} &= {L(a.alpha_max)}"]),
        "",
        f"The fixed point is stable for $1 < {L(ALPHA)} < \\alpha_{{\\max}}$ and period-doubles at "
        f"$\\alpha_{{\\max}}$ (${L(S)}$ stays in $(0, 2)$ up to a larger crisis value); for example",
        "",
        block([thr]),
        "",
        "RMSProp's decoupled second moment gives $\\alpha = 1/\\sqrt{\\beta_2}$, so its global "
        "convergence threshold is $\\beta_2 > 1/\\alpha_{\\max}^2$ (Thm 5.7).",
        "",
    ]


def section_quadratic() -> list:
    from adamdyn.claims import flows
    from adamdyn.theory import derive

    q = derive("adam", n=2)
    return [
        "## The quadratic case",
        "",
        "At $n = 2$ the curvature is constant and the map changes (`derive(\"adam\", n=2)`):",
        "",
        block(map_rows(q)),
        "",
        "The engine finds only the trivial fixed point:",
        "",
        block(fixed_point_rows(q)),
        "",
        notes(q),
        "",
        "So Adam on $x^2$ has no Regime I: it converges linearly at first, then $\\lambda$ grows "
        "until the loss spikes. GD with $\\eta_t = \\eta_0 e^{\\kappa t}$ follows the flow "
        f"$x(t) = {L(flows.flow_solution(2, exponential=True))}$ (double-exponential convergence).",
        "",
    ]


def section_others() -> list:
    from adamdyn.references import cite
    from adamdyn.rules import get_rule
    from adamdyn.theory import derive

    out = [
        "## The other optimizers",
        "",
        "The engine knows no optimizer: each rule's update is evaluated on sympy symbols, so every rule "
        "gets the same analysis. The update, then the derived linear-convergence point's rate and "
        "conditions (or the engine's notes when there is none). S3 "
        f"of {cite('s3', title=False)} is analysed the same way: `adamdyn derive s3`.",
        "",
    ]
    for name in OTHERS:
        d = derive(name)
        out += [f"### {get_rule(name).summary}", "", f"Source: {get_rule(name).reference}.", "",
                block(update_equations(name)), ""]
        if d.linear is not None:
            out += [block([rf"\rho^* &= {L(d.rate)}"] + condition_rows(d)), ""]
        if d.notes:
            out += [notes(d), ""]
    return out


def text() -> str:
    from adamdyn.references import cite
    from adamdyn.theory import derive

    adam = derive("adam")
    parts = [
        "# The theory, as adamdyn derives it",
        "",
        "Generated by `tools/theory_doc.py` from the symbolic engine (`adamdyn.theory`); do not edit by "
        "hand. Every formula below is computed by the package (the rules evaluated on sympy symbols, "
        "`derive`, `acceleration_map`, the flows of `adamdyn.claims.flows`) and printed by "
        "`sympy.latex`; `adamdyn verify` checks each against simulation (docs/VERIFY.md). The results "
        f"are those of {cite('adam-degenerate')} unless a section says otherwise; docs/REFERENCES.md "
        "lists the papers.",
        "",
    ]
    for sec in (section_objective(), section_map(adam), section_fixed_points(adam), section_stability(adam),
                section_rates(adam), section_regimes(adam), section_acceleration(), section_quadratic(),
                section_others()):
        parts += sec
    return "\n".join(parts).rstrip("\n") + "\n"


def main(argv=None) -> int:
    return write_or_check(argv, __doc__, OUT, text, "python tools/theory_doc.py")


if __name__ == "__main__":
    raise SystemExit(main())
