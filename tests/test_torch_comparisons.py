"""The paper-comparison experiments: v0 initialisation against the paper's equation, effective rates against
torch.optim, preconditioned sharpness against a dense eigensolve, schedules, the claims' logic, the CLI list,
and one quick experiment end to end."""

import copy
import json
import math

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

from adamdyn.cli import main  # noqa: E402
from adamdyn.torch import comparisons as SE  # noqa: E402
from adamdyn.torch.optim import AdaBelief, Adam, RAdam  # noqa: E402
from adamdyn.torch.training import (  # noqa: E402
    effective_lr,
    init_second_moment,
    lr_factor,
    preconditioned_sharpness,
)


def _param(values):
    return torch.nn.Parameter(torch.tensor(values, dtype=torch.float64))


@pytest.mark.parametrize("cls", [Adam, AdaBelief])
def test_first_step_with_v0_is_the_papers_equation_4(cls):
    """Abuduweili & Liu (2025), eq. (4): with v0 and bias correction the first step is
    -lr * g / sqrt(g^2 + beta2 / (1 - beta2) * v0) (eps negligible). AdaBelief's second moment at step 1 is
    (1 - beta2)(g - m_1)^2 + beta2 s0 with m_1 = (1 - beta1) g: written out here."""
    g = torch.tensor([0.3, -1e-3, 2.0], dtype=torch.float64)
    v0 = torch.tensor([0.01, 0.02, 0.5], dtype=torch.float64)
    b1, b2, lr = 0.9, 0.999, 0.1
    w = _param([1.0, 2.0, 3.0])
    opt = cls([w], lr=lr, betas=(b1, b2), eps=1e-30)
    init_second_moment(opt, [v0])
    w.grad = g.clone()
    opt.step()
    if cls is Adam:
        expected = -lr * g / torch.sqrt(g * g + b2 / (1 - b2) * v0)
    else:
        d = g - (1 - b1) * g
        expected = -lr * g / torch.sqrt(((1 - b2) * d * d + b2 * v0) / (1 - b2))
    step = w.detach() - torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    torch.testing.assert_close(step, expected, rtol=1e-10, atol=0)
    # the check fails without the initialisation: the first step is then a sign step of size lr
    w2 = _param([1.0, 2.0, 3.0])
    opt2 = cls([w2], lr=lr, betas=(b1, b2), eps=1e-30)
    w2.grad = g.clone()
    opt2.step()
    assert not torch.allclose(w2.detach() - torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64), expected, rtol=1e-3)


def test_init_second_moment_later_steps_follow_adabelief_algorithm_2():
    """Three AdaBelief steps from s0 against Algorithm 2 of Zhuang et al. (2020), written out."""
    b1, b2, lr, eps = 0.9, 0.999, 0.05, 1e-16
    rng = np.random.default_rng(0)
    grads = [torch.tensor(rng.normal(size=4)) for _ in range(3)]
    s0 = torch.tensor(rng.uniform(0.1, 1.0, size=4))
    w = _param([0.5, -0.5, 1.0, 2.0])
    opt = AdaBelief([w], lr=lr, betas=(b1, b2), eps=eps)
    init_second_moment(opt, [s0])
    x, m, s = w.detach().clone(), torch.zeros(4, dtype=torch.float64), s0.clone()
    for t, g in enumerate(grads, 1):
        w.grad = g.clone()
        opt.step()
        m = b1 * m + (1 - b1) * g
        s = b2 * s + (1 - b2) * (g - m) ** 2 + eps
        x = x - lr * (m / (1 - b1**t)) / (torch.sqrt(s / (1 - b2**t)) + eps)
    torch.testing.assert_close(w.detach(), x, rtol=1e-12, atol=1e-14)


def test_init_second_moment_refuses_bad_input():
    w = _param([1.0, 2.0])
    with pytest.raises(ValueError, match="1 parameters"):
        init_second_moment(RAdam([w]), [torch.ones(2), torch.ones(2)])
    with pytest.raises(ValueError, match="no second moment"):
        from adamdyn.torch.optim import Lion
        init_second_moment(Lion([w]), [torch.ones(2)])


def test_effective_lr_of_adam_is_lr_over_torch_adams_denominator():
    torch.manual_seed(0)
    net = torch.nn.Linear(5, 3).double()
    ref = copy.deepcopy(net)
    ours, theirs = Adam(net.parameters(), lr=0.01), torch.optim.Adam(ref.parameters(), lr=0.01)
    x = torch.randn(16, 5, dtype=torch.float64)
    for _ in range(3):
        for model, opt in ((net, ours), (ref, theirs)):
            opt.zero_grad()
            model(x).pow(2).mean().backward()
            opt.step()
    expected = torch.cat([0.01 / (theirs.state[p]["exp_avg_sq"].sqrt() + 1e-8).reshape(-1) for p in ref.parameters()])
    torch.testing.assert_close(effective_lr(ours), expected, rtol=1e-10, atol=0)


class _TinyTask:
    """A fixed batch and a 3-3-3 MLP: small enough for the dense Hessian."""

    device = torch.device("cpu")

    def __init__(self):
        g = torch.Generator().manual_seed(1)
        self.x = torch.randn(20, 3, generator=g)
        self.y = torch.randint(0, 3, (20,), generator=g)

    def eval_batch(self):
        return self.x, self.y


def test_preconditioned_sharpness_is_the_dense_top_eigenvalue():
    task = _TinyTask()
    torch.manual_seed(3)
    net = torch.nn.Sequential(torch.nn.Linear(3, 3), torch.nn.Tanh(), torch.nn.Linear(3, 3))
    n = sum(p.numel() for p in net.parameters())
    P = torch.linspace(0.1, 2.0, n, dtype=torch.float64)
    net64 = copy.deepcopy(net).double()
    shapes = [p.shape for p in net64.parameters()]
    flat0 = torch.cat([p.detach().reshape(-1) for p in net64.parameters()])

    def loss(flat):
        ws, i = [], 0
        for s in shapes:
            k = math.prod(s)
            ws.append(flat[i: i + k].reshape(s))
            i += k
        h = torch.tanh(task.x.double() @ ws[0].T + ws[1])
        return torch.nn.functional.cross_entropy(h @ ws[2].T + ws[3], task.y)

    H = torch.autograd.functional.hessian(loss, flat0)
    root = P.sqrt()
    expected = torch.linalg.eigvalsh(root[:, None] * H * root[None, :])[-1].item()
    got = preconditioned_sharpness(task, net, P, num_steps=n)
    assert got == pytest.approx(expected, rel=1e-9)
    # a wrong preconditioner (P instead of its square root on each side) is caught by the same comparison
    wrong = torch.linalg.eigvalsh(P[:, None] * H * P[None, :])[-1].item()
    assert wrong != pytest.approx(got, rel=1e-3)


def test_lr_schedules_against_written_values():
    step = {"kind": "step", "milestones": [0.5, 0.75], "factor": 0.1}
    assert [lr_factor(step, t, 100) for t in (0, 49, 50, 74, 75, 99)] == pytest.approx([1, 1, .1, .1, .01, .01])
    cos = {"kind": "cosine", "warmup": 10}
    assert lr_factor(cos, 0, 110) == pytest.approx(0.1) and lr_factor(cos, 9, 110) == pytest.approx(1.0)
    assert lr_factor(cos, 60, 110) == pytest.approx(0.5) and lr_factor(cos, 10, 110) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="valid kinds"):
        lr_factor({"kind": "linear"}, 0, 10)


class _Result:
    def __init__(self, name, summary):
        self.name, self.summary = name, summary


def _adamomentum_summary(cnn_acc, lstm_ppl):
    return {"cnn": {o: {"test_acc": a} for o, a in cnn_acc.items()},
            "lstm": {o: {"test_ppl": p} for o, p in lstm_ppl.items()}}


def test_claims_agree_with_the_papers_tables_and_flag_a_swap():
    paper_cnn = {o: SE.ADAMOMENTUM_CNN[o] for o in SE.COMPARISONS["adamomentum-baselines"]["optimizers"]}
    paper_lstm = {o: SE.ADAMOMENTUM_LSTM[o] for o in paper_cnn}
    rows = SE.claims(_Result("adamomentum-baselines", _adamomentum_summary(paper_cnn, paper_lstm)))
    assert rows and all(r["agrees"] for r in rows)  # the paper's own numbers reproduce its claims
    swapped = dict(paper_cnn, adamomentum=paper_cnn["adam"], adam=paper_cnn["adamomentum"])
    rows = SE.claims(_Result("adamomentum-baselines", _adamomentum_summary(swapped, paper_lstm)))
    assert [r["agrees"] for r in rows] == [False, False, True, True]  # best and order both broken on the CNN
    # Abuduweili & Liu: v0 improving everywhere agrees; v0 = 0 best everywhere disagrees on all 20 cells
    good = {t: {f"{o}/{v}": {SE.METRIC[t][0]: table[o][v]} for o in SE.V0_OPTIMIZERS for v in table[o]}
            for t, table in (("cnn", SE.V0_CNN), ("lstm", SE.V0_LSTM))}
    assert all(r["agrees"] for r in SE.claims(_Result("v0-baselines", good)))
    bad = copy.deepcopy(good)
    for t in bad:
        for o in SE.V0_OPTIMIZERS:
            z, r = bad[t][f"{o}/zero"], bad[t][f"{o}/random"]
            z[SE.METRIC[t][0]], r[SE.METRIC[t][0]] = r[SE.METRIC[t][0]], z[SE.METRIC[t][0]]
            bad[t][f"{o}/data"] = dict(r)
    rows = SE.claims(_Result("v0-baselines", bad))
    assert len(rows) == 20 and not any(r["agrees"] for r in rows)


def test_cli_lists_every_experiment_with_paper_and_optimizers(capsys):
    assert main(["nn", "list", "--json"]) == 0
    items = {it["name"]: it for it in json.loads(capsys.readouterr().out)}
    # the baselines as the papers list them (Wang et al. 2021 Table 3; Peng et al. 2025 Table 2 plus
    # Adafactor; Abuduweili & Liu 2025 Table 1)
    assert items["adamomentum-baselines"]["source"] == "Wang et al. (2021)" and set(items["adamomentum-baselines"]["optimizers"]) == {
        "adamomentum", "adam", "adamw", "yogi", "adabound", "radam", "adabelief"}
    assert items["s3-baselines"]["source"] == "Peng et al. (2025)" and set(items["s3-baselines"]["optimizers"]) == {
        "s3", "adamw", "lion", "nadam", "adafactor"}
    assert items["v0-baselines"]["source"] == "Abuduweili & Liu (2025)" and set(items["v0-baselines"]["optimizers"]) == {
        "adam", "adamw", "adabound", "radam", "adabelief"}
    assert {"mlp-activation", "cnn-vs-transformer", "v0-init", "optimizers"} <= set(items)
    assert not any("seed" in it for it in items.values())  # no internal numbering in what users read


def test_s3_baselines_quick_run_records_every_curve_and_setting(tmp_path):
    from adamdyn.torch.experiments import run_experiment

    res = run_experiment("s3-baselines", quick=True, device="cpu", out=str(tmp_path))
    meta = json.loads((tmp_path / "s3-baselines.json").read_text())
    arms = meta["settings"]["arms"]["gpt"]
    assert set(arms) == {"s3", "adamw", "lion", "nadam", "adafactor"}
    assert arms["s3"]["lr"] == pytest.approx(10 * arms["adamw"]["lr"]) and arms["s3"]["kw"]["p"] == 3.0
    assert arms["lion"]["lr"] * arms["lion"]["kw"]["weight_decay"] == pytest.approx(
        arms["adamw"]["lr"] * arms["adamw"]["kw"]["weight_decay"])
    a = res.arrays
    for o in arms:
        for k in ("train_loss", "test_loss", "test_acc"):
            assert np.isfinite(a[f"gpt/{o}/{k}"]).all()
        assert a[f"gpt/{o}/train_loss"][0, -1] < a[f"gpt/{o}/train_loss"][0, 0]  # every optimizer trains
        sharp_ok = np.isfinite(a[f"gpt/{o}/sharpness"]).all()
        assert sharp_ok == (o not in ("lion", "adafactor"))
    # the JSON holds every curve of the four kinds, the figure draws them: loss, accuracy, effective lr, sharpness
    for o in arms:
        for k in ("train_loss", "test_loss", "test_acc", "eff_lr", "sharpness", "sharpness_steps", "steps"):
            assert f"gpt/{o}/{k}" in meta["arrays"], k
    axes = res.figure.axes
    titles = [ax.get_title() for ax in axes]
    assert len(axes) == 4 and ["loss" in titles[0], "accuracy" in titles[1], "effective lr" in titles[2],
                               "sharpness" in titles[3]] == [True] * 4, titles
    acc_lines = {ln.get_label(): ln.get_ydata() for ln in axes[1].get_lines()}
    np.testing.assert_allclose(acc_lines["s3"], a["gpt/s3/test_acc"][0])
    text = SE.markdown_table([res], "quick mode")
    for c in res.summary["claims"]:
        assert c["claim"] in text
    assert "test accuracy (%)" in text
    assert "Disagreements" in text and res.summary["seconds"] < 120


def test_cli_list_names_each_experiments_paper(capsys):
    """The text listing names the paper each experiment reproduces (internal numbers mean nothing to a reader)."""
    assert main(["nn", "list"]) == 0
    rows = {ln.split()[0]: ln for ln in capsys.readouterr().out.splitlines()}
    assert "Wang et al. (2021)" in rows["adamomentum-baselines"] and "Bai et al. (2026)" in rows["mlp-activation"]
    assert "several papers" in rows["optimizers"] and not any(" seed 0" in ln for ln in rows.values())


def test_former_names_run_the_renamed_experiments(tmp_path, capsys):
    """The comparisons' names until December 2026 (seed002-adamomentum, ...) still run, under the new names."""
    from adamdyn.torch import FORMER_NAMES
    from adamdyn.torch.experiments import EXPERIMENTS, run_experiment

    assert set(FORMER_NAMES.values()) == set(SE.COMPARISONS) and not set(FORMER_NAMES) & set(EXPERIMENTS)
    res = run_experiment("seed004-s3", tiny=True, device="cpu")
    assert res.name == "s3-baselines"
    assert main(["nn", "seed000-v0", "--tiny", "--device", "cpu", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "adamdyn nn v0-baselines" in out and (tmp_path / "v0-baselines.json").exists()
    with pytest.raises(ValueError, match="unknown experiment 'seed009-x'"):
        run_experiment("seed009-x")
