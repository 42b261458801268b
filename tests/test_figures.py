"""Figures: each builds headless in quick mode, and each shows the fact it claims on the data it plots."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from adamdyn.cli import main
from adamdyn.figures import FIGURES, FigureUnavailable, build, parse_ids, save_figure

ALL = list(FIGURES)


@functools.cache
def quick(fig_id):
    """(figure, caption, data) of one figure in quick mode, computed once per session."""
    try:
        fig, caption, data, _, _ = build(fig_id, quick=True)
    except FigureUnavailable as exc:
        pytest.skip(f"{fig_id} unavailable: {exc}")
    return fig, caption, data


def data_of(fig_id):
    return quick(fig_id)[2]


@pytest.mark.parametrize("fig_id", ALL)
def test_figure_builds_and_saves(fig_id, tmp_path):
    fig, caption, _ = quick(fig_id)
    path = save_figure(fig, tmp_path / f"{fig_id}.png", caption=caption, dpi=80)
    assert os.path.getsize(path) > 1000
    txt = (tmp_path / f"{fig_id}.txt").read_text()
    assert len(txt) > 40 and "{" not in txt
    assert fig.get_axes(), "figure has no axes"
    for ax in fig.get_axes():
        if ax.get_label() == "<colorbar>":
            continue
        assert ax.get_xlabel() or ax.get_ylabel() or not ax.axison, f"{fig_id}: unlabelled axes"


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_other_formats(fmt, tmp_path):
    fig, caption, _ = quick("fig01")
    path = save_figure(fig, tmp_path / f"fig01.{fmt}", caption=caption)
    with open(path, "rb") as fh:
        head = fh.read(200)
    assert (b"%PDF" in head) if fmt == "pdf" else (b"<svg" in head or b"<?xml" in head)


def test_bad_format_message(tmp_path):
    fig, _, _ = quick("fig01")
    with pytest.raises(ValueError, match="png, pdf, svg"):
        save_figure(fig, tmp_path / "fig01.jpg")


def test_import_leaves_rcparams_alone():
    code = ("import matplotlib as mpl; before = dict(mpl.rcParams); import adamdyn.figures, adamdyn.cli.figures; "
            "from adamdyn.figures.style import style\nwith style(): pass\n"
            "changed = [k for k in before if mpl.rcParams[k] != before[k]]; print(changed); assert not changed")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ,
                         "MPLBACKEND": "Agg"})
    assert out.returncode == 0, out.stderr + out.stdout


# ------------------------------------------------------------------ catalogue
def catalogue_problems(specs) -> list:
    """The catalogue's rules broken by ``specs``: an entry that is not a function object, a pair not named
    ``compute``/``plot`` or split over two modules, a module named after a figure number or a leftover
    name, two figures in one module."""
    problems, owner = [], {}
    for s in specs:
        bad = [f"{s.id}.{role} = {getattr(s, role)!r}" for role in ("compute", "plot")
               if not callable(getattr(s, role)) or getattr(s, role).__name__ != role]
        if bad:
            problems += [f"{b}: not a function named as its role" for b in bad]
            continue
        mod = s.compute.__module__
        leaf = mod.rsplit(".", 1)[-1]
        if s.plot.__module__ != mod:
            problems.append(f"{s.id}: compute in {mod}, plot in {s.plot.__module__}")
        if re.search(r"fig(ure)?_?\d", leaf) or leaf in ("others", "extra", "_util", "_maps"):
            problems.append(f"{s.id}: module {mod} is not named after what it shows")
        if mod in owner:
            problems.append(f"{s.id}: module {mod} already holds {owner[mod]}")
        owner.setdefault(mod, s.id)
    return problems


def test_catalogue_lists_compute_and_plot_functions_of_modules_named_for_content():
    assert [s.id for s in FIGURES.values()] == [f"fig{i:02d}" for i in range(1, 21)]
    assert catalogue_problems(FIGURES.values()) == []
    for s in FIGURES.values():
        assert s.compute.__module__.startswith("adamdyn.figures."), s.compute.__module__


def test_catalogue_check_fails_on_a_broken_catalogue():
    from types import SimpleNamespace

    from adamdyn.figures import FigureSpec

    good = FIGURES["fig03"]

    def compute(quick=False):
        return {}

    def plot(data):
        return None

    compute.__module__ = plot.__module__ = "adamdyn.figures.fig05"
    broken = [
        SimpleNamespace(id="figA", compute="stability_region:compute", plot=good.plot),  # a name, not a function
        SimpleNamespace(id="figB", compute=good.compute, plot=FIGURES["fig07"].plot),  # pair split over modules
        SimpleNamespace(id="figC", compute=compute, plot=plot),  # module named after a figure number
        SimpleNamespace(id="figD", compute=good.compute, plot=good.plot),  # a second figure in fig03's module
        SimpleNamespace(id="figE", compute=good.plot, plot=good.compute),  # roles swapped
    ]
    problems = catalogue_problems([good, *broken])
    for fid in ("figA", "figB", "figC", "figD", "figE"):
        assert any(p.startswith(fid) for p in problems), (fid, problems)
    with pytest.raises(TypeError, match="fig99: compute='stability_region:compute' is not a function"):
        FigureSpec("fig99", "t", "stability_region:compute", good.plot, "c")


def test_import_plot_imports_neither_torch_nor_sympy():
    heavy = ("torch", "sympy", "numba")
    code = "import sys, {mod}; print(sorted(m for m in {heavy} if m in sys.modules))"

    def loaded(mod):
        out = subprocess.run([sys.executable, "-c", code.format(mod=mod, heavy=heavy)], capture_output=True,
                             text=True, env={**os.environ, "MPLBACKEND": "Agg"}, check=True)
        return out.stdout.strip()

    assert loaded("adamdyn.figures") == "[]"
    # the probe sees a heavy import where there is one: fig16's data layer (the derivation) loads sympy
    assert "sympy" in loaded("adamdyn.figures, adamdyn.experiments.other_optimizers")


# ------------------------------------------------------------------ CLI
def test_cli_bad_name_exits_2(capsys):
    assert main(["figures", "--quick", "--only", "fig01,figXX", "--out", "unused"]) == 2
    err = capsys.readouterr().err
    assert "figXX" in err and "fig01" in err and "fig14" in err


def test_cli_bad_format_exits_2(tmp_path):
    assert main(["figures", "--quick", "--only", "fig01", "--format", "jpg", "--out", str(tmp_path)]) == 2


def test_cli_quick_only(tmp_path, capsys):
    assert main(["figures", "--quick", "--only", "fig01,fig08", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "fig01" in out and "fig08" in out
    for name in ("fig01.png", "fig01.txt", "fig08.png", "fig08.txt", "CAPTIONS.md"):
        assert (tmp_path / name).stat().st_size > 0
    md = (tmp_path / "CAPTIONS.md").read_text()
    assert "![fig01](fig01.png)" in md and "fig02" not in md


def test_parse_ids_order_and_validation():
    assert parse_ids("fig07, fig03") == ["fig03", "fig07"]
    with pytest.raises(ValueError, match="valid names"):
        parse_ids("fig3")


# ------------------------------------------------------------------ facts
def test_fig01_power_law_vs_linear():
    from adamdyn.figures.convex_vs_degenerate import facts

    f = facts(data_of("fig01"))
    # GD on |x|^4/4: loss ~ t^(-n/(n-2)) = t^-2 (THEORY.md section 6)
    assert f["gd_loglog_exponent"] == pytest.approx(-2.0, rel=0.03)
    # Adam: loss falls by beta2^(n/(2n-4)) = beta2 per step at n = 4
    assert f["adam_late_slope"] == pytest.approx(np.log10(0.99), rel=0.01)
    assert f["adam_quadratic_spike_decades"] > 20


def test_fig02_spike_vs_stable():
    from adamdyn.figures.adam_curvature import facts

    f = facts(data_of("fig02"))
    assert f["quadratic_spike_decades"] > 20
    assert f["quadratic_lambda_growth"] > 2  # lambda grows ~ beta2^(-t/2) on x^2
    assert f["quartic_max_rise"] < 0  # monotone decrease in the second half on |x|^4
    assert f["quartic_lambda_range"] < 1e-2  # lambda settles to a constant


def test_fig08_adam_beats_gd_in_degenerate_direction():
    from adamdyn.figures.mixed_curvature import facts

    f = facts(data_of("fig08"))
    assert f["adam"]["final_log10_abs_y"] < f["gd"]["final_log10_abs_y"] - 2
    assert f["adam"]["final_log10_abs_y"] < f["momentum"]["final_log10_abs_y"] - 2
    assert f["adam"]["min"] < f["gd"]["final"] - 5
    runs = data_of("fig08")["runs"]
    r = runs["adam"]
    i = int(np.argmin(r.log10_loss))
    assert np.max(r.log10_loss[i:]) - r.log10_loss[i] > 3  # spikes from the quadratic direction


def test_fig09_prespike_slope():
    # The issue asked for log10(beta1) + log10(beta2)/4 within 1%; the rate derived from Adam's update
    # (verify claim 13b) is log10(beta1) - log10(beta2)/4, and the fit matches it to 0.02% (paper's: 0.49% off).
    pre = data_of("fig09")["prespike"]
    assert pre["fitted"] == pytest.approx(pre["predicted"], rel=0.002)
    assert pre["window"][1] - pre["window"][0] > 5000


def test_fig03_fig07_empirical_boundary_matches_theory():
    from adamdyn.figures._adam_sweeps import boundary_offsets

    for fig_id in ("fig03", "fig07"):
        off = boundary_offsets(data_of(fig_id)["pd"], beta2_min=0.1, beta2_max=0.9)
        assert off.size >= 5
        assert np.max(np.abs(off)) <= 1, f"{fig_id}: empirical edge off by {off} cells"


def test_fig05_regimes_of_fig06_points_and_growth():
    d = data_of("fig05")
    g1, g2 = d["beta1"], d["beta2"]
    reg4 = d["maps"][4][0]
    for r, (b1, b2) in d["points"].items():
        assert reg4[np.argmin(abs(g1 - b1)), np.argmin(abs(g2 - b2))] == r
    areas = [np.mean(d["maps"][n][0] == 1) for n in sorted(d["maps"])]
    assert all(b > a for a, b in zip(areas, areas[1:]))


def test_fig06_one_run_per_regime():
    d = data_of("fig06")
    assert d["theory_regime"] == {1: 1, 2: 2, 3: 3}
    r1, r2, r3 = (d["runs"][k] for k in (1, 2, 3))
    assert r1.final_log10_loss == pytest.approx(r1.min_log10_loss)  # no spike
    fp = d["fixed_points"][1]
    u_star = float(np.asarray(fp["u"] if isinstance(fp, dict) else fp.u).ravel()[0])
    assert r1.u[-1] == pytest.approx(u_star, rel=1e-3)  # settles on the fixed point
    assert r2.min_log10_loss < -30 and r2.final_log10_loss > r2.min_log10_loss + 10  # spike
    floor = 4 * np.log10(0.01) - np.log10(4)
    late = r3.log10_loss[len(r3.step) // 2:]
    assert abs(np.median(late) - floor) < 5  # oscillates around the SignGD level
    assert np.median(r3.log10_coupling[len(r3.step) // 2:]) < 2  # v stays coupled to g^2


def test_fig11_stable_region_grows_and_boundaries_match():
    from adamdyn.figures._adam_sweeps import boundary_offsets

    d = data_of("fig11")
    assert np.all(np.diff(d["stable_fraction"]) > 0)
    for n, pd in d["pds"].items():
        off = boundary_offsets(pd, beta2_min=0.1, beta2_max=0.9)
        assert np.max(np.abs(off)) <= 1, f"n={n}: {off}"


def test_fig12_corner_converges_where_theory_is_unstable():
    d = data_of("fig12")
    pz = d["zoom"]
    from adamdyn.figures._theory import theory_grid

    reg, _ = theory_grid("adam", 4.0, pz.axis0, pz.axis1)
    unstable_but_converged = (reg == 2) & (pz.final_log10_loss < -30)
    assert unstable_but_converged.any()
    assert np.any(reg == 1) and np.any(reg == 2)


def test_fig14_rate_residuals():
    d = data_of("fig14")
    assert d["residual"].size >= 8
    assert np.max(np.abs(d["residual"])) < 0.005


def test_fig04_first_period_doubling_at_alpha_4():
    d = data_of("fig04")
    assert d["threshold"] == pytest.approx(4.0)
    assert d["first_doubling"] == pytest.approx(4.0, rel=0.01)
    b = d["bif"]
    below = (b.values > 1.2) & (b.values < 3.9)
    assert np.all(b.lyapunov[below] < 0)


def test_fig13_low_momentum_stays_contractive_high_does_not():
    d = data_of("fig13")
    b2, S = d["tails"]["low"]
    doubled = (np.ptp(S, axis=1) > 1e-3) & np.all((S > 0) & (S < 2), axis=1)
    assert np.any(doubled & (b2 < 1 / 16))  # period doubling / chaos with S in (0, 2)
    hb2, HS = d["tails"]["high"]
    unstable = hb2 < 0.48
    assert np.all(~np.all((HS[unstable] > 0) & (HS[unstable] < 2), axis=1))  # leaves (0, 2) at once
    runs = d["runs"]
    assert runs[0.045].final_log10_loss < -100  # sawtooth, still converging


# ------------------------------------------------------------------ fig17: seed 000's Table 5, stated honestly
def test_fig17_printed_eq17_has_no_saddle_and_one_column_matches_inside():
    from adamdyn.experiments.seed000_toy import table5_matches

    res = data_of("fig17")["result"]
    assert [k for _, k in res.stationary["literal"]] == ["minimum"]  # eq. 17 as printed: no saddle
    inner = res.stationary["inner"]
    assert [k for _, k in inner] == ["saddle", "minimum", "saddle"]
    assert [x for x, _ in inner] == pytest.approx([-1.0, 0.0, 1.0], abs=1e-4)
    assert table5_matches(res.by_reading["literal"]) == [False] * 4
    assert table5_matches(res.by_reading["inner"]) == [True, False, False, False]
    caption = quick("fig17")[1]
    assert "no saddle" in caption and "not reproduced as printed" in caption and "1 of 4 columns" in caption


def test_fig17_checks_fail_on_broken_inputs():
    from adamdyn.dynamics.objectives import Power
    from adamdyn.experiments.seed000_toy import stationary_points, table5_matches

    # a quartic has one flat minimum, a cubic-like flat inflection is a saddle: the finder tells them apart
    assert [k for _, k in stationary_points(Power(n=4.0))] == ["minimum"]

    class Cubic:
        @staticmethod
        def grad(x):
            return 3 * (np.asarray(x, float) - 0.5) ** 2

    assert [(round(x, 4), k) for x, k in stationary_points(Cubic())] == [(0.5, "saddle")]
    # a run that stalled elsewhere, or on the other side of 0, does not match the printed -0.96
    assert table5_matches([-0.5, 0.01, 1e-7, 9e-7]) == [False, True, True, True]
    assert table5_matches([0.96, -0.01, -1e-7, -9e-7]) == [False] * 4


# ------------------------------------------------------------------ fig10: no Regime I at n = 2
def fig10_holds(f) -> bool:
    """Fig. 10's fact: neither the derivation nor any run shows Regime I at n = 2, and most runs spike."""
    return f["theory_regime_one"] == 0 and f["observed_regime_one"] == 0 and f["spiked_fraction"] > 0.8


def test_fig10_no_regime_one_at_n2():
    f = data_of("fig10")["facts"]
    assert f["cells"] >= 400
    assert fig10_holds(f), f
    assert f["beta2_rank_correlation"] < -0.3  # the minimum before the spike is deeper at large beta2


def test_fig10_check_fails_on_a_degenerate_objective_and_on_a_wrong_theory():
    import copy

    from adamdyn.figures._adam_sweeps import sweep
    from adamdyn.figures.quadratic_phase_diagram import facts as fig10_facts

    g = tuple(np.round(np.linspace(0.005, 0.995, 12), 6))
    quartic = sweep(4.0, g, g, 1500, 0.0123, "normalized", 1.0)  # the same sweep on |x|^4/4: Regime I exists
    assert not fig10_holds(fig10_facts(quartic))
    wrong = copy.copy(data_of("fig10")["pd"])
    wrong.regime_theory = quartic.regime_theory  # the theory of n = 4 put in place of n = 2's
    assert not fig10_holds(fig10_facts(wrong))


# ------------------------------------------------------------------ fig16: derived regions vs runs
def test_fig16_theory_and_runs_agree_away_from_boundaries():
    from adamdyn.experiments.other_optimizers import agreement, interior

    d = data_of("fig16")["result"]
    agree = agreement(d)
    for i in range(len(d.ns)):
        for k, panel in enumerate(d.panels):
            mask = interior(d.regime_theory[i, k], 2, d.spectral_radius[i, k])
            stable = d.regime_theory[i, k][mask] == 1
            assert mask.sum() >= 100 and stable.any() and (~stable).any(), (panel["key"], d.ns[i])  # not vacuous
            assert agree[i, k] >= 0.9, (panel["key"], d.ns[i], agree[i, k])


def test_fig16_agreement_fails_on_a_wrong_theory_or_wrong_runs():
    import copy

    from adamdyn.experiments.other_optimizers import agreement

    d = data_of("fig16")["result"]
    swapped = copy.copy(d)  # theory with its two parameters swapped (beta1 <-> beta2, beta <-> p)
    swapped.regime_theory = np.swapaxes(d.regime_theory, -1, -2)
    swapped.spectral_radius = np.swapaxes(d.spectral_radius, -1, -2)
    assert np.all(np.nanmin(agreement(swapped), axis=0) < 0.8)
    reversed_runs = copy.copy(d)  # a sweep that ran each grid in reverse order of both parameters
    reversed_runs.regime_observed = d.regime_observed[..., ::-1, ::-1]
    assert np.all(np.nanmin(agreement(reversed_runs), axis=0) < 0.8)


# ------------------------------------------------------------------ fig15, fig18: neural networks (torch)
def nn_holds(facts, min_degeneracy=0.8) -> bool:
    """What figs 15 and 18 show in every run: Adam's tuned loss ends below GD's on each network, and most
    of the Hessian's spectral mass lies within 1% of max|lambda| of zero (a degenerate landscape)."""
    return all(v["adam"] < v["gd"] and v["degeneracy"] >= min_degeneracy for v in facts.values())


@pytest.mark.parametrize("fig_id, tasks", [("fig15", {"relu", "softmax"}), ("fig18", {"cnn", "gpt"})])
def test_nn_figures_adam_below_gd_and_degenerate_hessian(fig_id, tasks):
    pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")
    from adamdyn.figures.neural_networks import nn_facts

    f = nn_facts(data_of(fig_id)["result"])
    assert set(f) == tasks
    assert nn_holds(f), f
    caption = quick(fig_id)[1]
    assert "Adam ends below GD on every network" in caption and "paper's ordering" in caption


@pytest.mark.parametrize("fig_id", ["fig15", "fig18"])
def test_nn_checks_fail_on_broken_inputs(fig_id):
    pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")
    import copy

    from adamdyn.figures.neural_networks import nn_facts

    res = data_of(fig_id)["result"]
    swapped = copy.deepcopy(res)  # GD's and Adam's results exchanged
    for v in swapped.summary.values():
        if isinstance(v, dict) and "gd" in v:
            v["gd"], v["adam"] = v["adam"], v["gd"]
    assert not nn_holds(nn_facts(swapped))
    shifted = copy.deepcopy(res)  # a spectrum moved away from zero by half its scale
    for k in [k for k in shifted.arrays if k.endswith("/density_nodes")]:
        nodes = np.asarray(shifted.arrays[k], float)
        shifted.arrays[k] = nodes + 0.5 * np.max(np.abs(nodes))
    assert not nn_holds(nn_facts(shifted))


@pytest.mark.parametrize("nesterov", [True, False])
def test_fig16_s3_theory_with_symbolic_p_equals_the_derivation_at_each_p(nesterov):
    """fig16 derives S3 once with p symbolic; at fixed p it must give the numbers of a derivation at that p."""
    from adamdyn.experiments.other_optimizers import theory_on_grid
    from adamdyn.theory import quick_theory

    beta = np.linspace(0.05, 0.95, 7)
    ps = np.array([2.5, 3.0])  # away from the special values p = (n-1)/(n-2) and p = 2 (and simple for sympy)
    reg, rad, _ = theory_on_grid("s3", 4.0, {"beta": beta, "p": ps}, {"nesterov": nesterov})
    for j, p in enumerate(ps):
        at_p = quick_theory("s3", 4.0, p=float(p), nesterov=nesterov)
        np.testing.assert_array_equal(reg[:, j], at_p.regime(beta=beta))
        np.testing.assert_allclose(rad[:, j], at_p.spectral_radius(beta=beta), rtol=1e-9)
        wrong = quick_theory("s3", 4.0, p=float(p) + 0.5, nesterov=nesterov)  # the theory of another p
        assert not np.allclose(rad[:, j], wrong.spectral_radius(beta=beta), rtol=1e-3)
