"""What the paper says vs what adamdyn finds: the record, verify's exit codes, and claims 13b, 14, 15
failing on a deliberately wrong theory or a perturbed simulator."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import adamdyn.claims.core as core
from adamdyn.claims import bounds, markdown, quadratic
from adamdyn.claims.core import Check, claim
from adamdyn.cli import main

ROOT = Path(__file__).resolve().parents[1]


# -- the record ---------------------------------------------------------------------------------------------

def test_check_defaults_say_paper_and_finding():
    ok = Check(id=1, name="x", source="s", statement="the paper's words", predicted=2.0, observed=2.001,
               tolerance="rel 1%", passed=True)
    bad = Check(id=1, name="x", source="s", statement="st", predicted=2.0, observed=3.0, tolerance="t", passed=False)
    na = Check(id=1, name="x", source="s", statement="st", predicted="-", observed="-", tolerance="-", passed=None,
               note="engine lacks it")
    assert ok.paper_says == "the paper's words" and ok.adamdyn_finds == "agrees: 2.001"
    assert bad.adamdyn_finds == "disagrees: 3.0 (predicted 2.0)"
    assert na.adamdyn_finds == "not checked: engine lacks it"
    d = ok.as_dict()
    assert d["paper_says"] == "the paper's words" and d["adamdyn_finds"].startswith("agrees")


@pytest.fixture
def fake_claims(monkeypatch):
    """An empty claim registry, so fake claims can be registered with the real decorator."""
    monkeypatch.setattr(core, "CLAIMS", {})

    def make(cid, passed, **extra):
        @claim(cid, f"fake{cid}", "none", "the paper's statement")
        def body(quick):
            return dict(predicted=1.0, observed=1.0 if passed else 2.0, tolerance="exact", passed=passed, **extra)
        return body
    return make


def test_claim_body_sets_paper_says_and_finding(fake_claims):
    run = fake_claims(901, True, paper_says="printed: 0.72", adamdyn_finds="corrected: 1.0")
    c = run(quick=True)
    assert (c.paper_says, c.adamdyn_finds, c.statement) == ("printed: 0.72", "corrected: 1.0", "the paper's statement")


def test_claim_body_unknown_key_is_named(fake_claims):
    run = fake_claims(902, True, paper_say="typo")
    with pytest.raises(RuntimeError, match=r"unknown key\(s\) \['paper_say'\]"):
        run(quick=True)


def test_cli_exit_codes_and_json_fields(fake_claims, capsys):
    fake_claims(903, True, paper_says="P", adamdyn_finds="F")
    fake_claims(904, False)
    assert main(["verify", "--quick", "--only", "903", "--json"]) == 0
    (rec,) = json.loads(capsys.readouterr().out)
    assert (rec["paper_says"], rec["adamdyn_finds"], rec["status"]) == ("P", "F", "pass")
    assert main(["verify", "--quick", "--only", "903,904"]) == 1
    out = capsys.readouterr().out
    assert "the paper says" in out and "adamdyn finds" in out and "FAIL" in out
    assert main(["verify", "--quick", "--only", "905"]) == 2
    assert "unknown claim id '905'" in capsys.readouterr().err


def test_report_and_readme_section_carry_both_columns(fake_claims, tmp_path, capsys):
    fake_claims(906, True, paper_says="says | with a bar", adamdyn_finds="finds")
    out = tmp_path / "VERIFY.md"
    assert main(["verify", "--quick", "--only", "906", "--out", str(out)]) == 0
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "tools" / "update_readme.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    section = tool.verify_section(out.read_text())
    assert "| id | claim | source | the paper says | adamdyn finds | tolerance | verdict |" in section
    assert "| 906 | fake906 | none | says \\| with a bar | finds | exact | confirmed |" in section
    assert "**1 claim: 1 passed (1 confirm the paper, 0 correct it), 0 failed" in section
    # README's section is replaceable with it (the markers exist), without writing README
    assert "| the paper says |" in tool.replace((ROOT / "README.md").read_text(), "verify", section)


def test_verdict_tells_a_correction_from_a_confirmation(fake_claims, capsys):
    """A passing claim that corrects the paper reads "corrected", one that agrees "confirmed"; a failing
    correction is a failure. A correction must say what the paper says and what adamdyn finds instead."""
    fake_claims(907, True)
    fake_claims(908, True, corrects_paper=True, paper_says="printed 0.72", adamdyn_finds="derived 1.0")
    fake_claims(909, False, corrects_paper=True, paper_says="printed 0.72", adamdyn_finds="derived 1.0")
    assert main(["verify", "--quick", "--only", "907,908,909", "--json"]) == 1
    recs = {r["label"]: r for r in json.loads(capsys.readouterr().out)}
    assert [recs[k]["verdict"] for k in ("907", "908", "909")] == ["confirmed", "corrected", "FAIL"]
    assert [recs[k]["status"] for k in ("907", "908", "909")] == ["pass", "pass", "FAIL"]
    assert main(["verify", "--quick", "--only", "907,908"]) == 0
    out = capsys.readouterr().out
    assert "3 claims" not in out and "2 claims: 2 passed (1 confirm the paper, 1 correct it), 0 failed" in out
    rows = {ln.split()[0]: ln.split()[-1] for ln in out.splitlines() if ln[:3] in ("907", "908")}
    assert rows == {"907": "confirmed", "908": "corrected"}
    fake_claims(910, True, corrects_paper=True, adamdyn_finds="derived 1.0")
    with pytest.raises(RuntimeError, match="corrects the paper but does not say how"):
        core.CLAIMS[910](quick=True)


def test_the_papers_corrections_read_corrected():
    """Claims 13b (Lemma F.2's factor) and 14 (eq. (3)'s misprint) pass as corrections, not confirmations."""
    assert core.CLAIMS[14](quick=True).verdict == "corrected"
    r = quadratic.adam_prespike_record(CASES_13)
    assert r["passed"] and r["corrects_paper"] is True


def test_markdown_shows_paper_and_finding_per_claim():
    c = Check(id=7, name="x", source="s", statement="st", predicted=1, observed=1, tolerance="t", passed=True,
              paper_says="printed form", adamdyn_finds="corrected form")
    md = markdown([c], quick=True, elapsed_s=0.1)
    assert "The paper says: printed form" in md and "adamdyn finds: corrected form" in md


# -- claim 13b: Adam's pre-spike loss factor ------------------------------------------------------------------

CASES_13 = quadratic.ADAM_CASES[:2]


def test_13b_holds_and_says_so():
    r = quadratic.adam_prespike_record(CASES_13)
    assert r["passed"], r["observed"]
    assert "beta2^(1/4)" in r["paper_says"] and "beta1/beta2**(1/4)" in r["adamdyn_finds"]
    for row in r["details"]["cases"]:
        assert row["sigma"] >= row["se_residuals"] > 0 and len(row["window_slopes"]) >= 3


def _factor(expr):
    original = quadratic.wkb_loss_factor

    def wrong(model):
        return expr if model == "adam" else original(model)
    return wrong


@pytest.mark.parametrize("wrong", [quadratic._B1 * quadratic._B2 ** sp.Rational(1, 4),  # the paper's factor
                                   quadratic._B1 * quadratic._B2 ** sp.Rational(-1, 8)],
                         ids=["paper_factor_as_derived", "half_the_exponent"])
def test_13b_fails_on_a_wrong_factor(monkeypatch, wrong):
    monkeypatch.setattr(quadratic, "wkb_loss_factor", _factor(wrong))
    assert not quadratic.adam_prespike_record(CASES_13)["passed"]


def test_13b_fails_on_a_perturbed_simulator(monkeypatch):
    real = quadratic.simulate

    def perturbed(*args, beta2, **kw):  # the simulator's v decays at beta2^1.02 instead of beta2
        return real(*args, beta2=beta2**1.02, **kw)

    monkeypatch.setattr(quadratic, "simulate", perturbed)
    assert not quadratic.adam_prespike_record(CASES_13)["passed"]


# -- claim 14: Adam's update bound ----------------------------------------------------------------------------

def test_14_states_the_misprint():
    c = core.CLAIMS[14](quick=True)
    assert c.passed
    assert "(b1^t/b2)^t" in c.paper_says and "misprints" in c.adamdyn_finds
    t1 = c.details["bias_corrected"][0]
    assert t1["t"] == 1 and t1["printed_form"] < 0.75 and abs(t1["lbfgs_max"] - 1) < 1e-9


def test_14_fails_when_the_printed_form_is_taken_as_derived(monkeypatch):
    original = bounds.adam_sup

    def printed(t=None, bias_correction=False):
        return bounds.adam_printed(t) if t is not None and bias_correction else original(t, bias_correction)

    monkeypatch.setattr(bounds, "adam_sup", printed)
    assert core.CLAIMS[14](quick=True).passed is False


def test_14_fails_on_a_perturbed_simulator(monkeypatch):
    real = bounds.run_rule
    monkeypatch.setattr(bounds, "run_rule", lambda rule, p, G: real(rule, p, G) * (1 + 1e-4))
    assert core.CLAIMS[14](quick=True).passed is False


# -- claim 15: S3's update bound ------------------------------------------------------------------------------

def test_15_fails_on_a_wrong_derivation(monkeypatch):
    monkeypatch.setattr(bounds, "s3_sup", lambda t=bounds.TT: (1 - bounds.BETA ** t) ** (1 - 1 / bounds.P))
    assert core.CLAIMS[15](quick=True).passed is False


def test_15_perturbed_simulator_fails_and_verify_exits_1(monkeypatch, capsys):
    real = bounds.run_rule
    monkeypatch.setattr(bounds, "run_rule", lambda rule, p, G: real(rule, p, G) * (1 - 1e-4))
    assert main(["verify", "--quick", "--only", "15", "--json"]) == 1
    (rec,) = json.loads(capsys.readouterr().out)
    assert rec["passed"] is False and rec["paper_says"].startswith("Thm 2")


def test_rule_sup_is_hoelder_dual_norm_of_the_rule():
    """At t = 1 without bias correction Adam's direction is (1-b1)/sqrt(1-b2) sign(g): the sup is exactly that."""
    rule = bounds.get_rule("adam")
    p = bounds.exact_params(rule, beta1=0.9, beta2=0.999)
    assert sp.simplify(bounds.rule_sup(rule, p, 1, 2) - sp.Rational(1, 10) / sp.sqrt(sp.Rational(1, 1000))) == 0
    # and the sup at t = 3 is reached by the Cauchy-Schwarz equality sequence, run through the numpy rule
    g = (0.999 / 0.9) ** np.arange(3.0)
    val = bounds.run_rule(rule, rule.make_params(beta1=0.9, beta2=0.999), g[:, None])[-1, 0]
    assert abs(val / float(bounds.rule_sup(rule, p, 3, 2)) - 1) < 1e-12
