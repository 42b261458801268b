"""README cannot drift: its set-up commands are CI's, and every example in it runs."""

import importlib.util
import re
import shlex
from pathlib import Path

import pytest

from adamdyn.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def blocks(lang):
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_ci_runs_readme_test_command():
    test_cmd = next(b.strip() for b in blocks("bash") if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_cmd in ci.splitlines()


def test_readme_main_command_runs_figures():
    assert any("adamdyn figures" in b and "pip install" in b for b in blocks("bash"))


CLI_LINES = [ln.strip() for b in blocks("bash") for ln in b.splitlines() if ln.strip().startswith("adamdyn ")]
# The quick variant of a line: the same command with smaller settings where the README's would take minutes.
QUICK = {"nn": ["--tiny"]}
# Commands that need an optional extra: without it, their README line is skipped like the other torch tests.
NEEDS = {"nn": ("torch", "sklearn")}


def test_readme_has_cli_examples():
    assert len(CLI_LINES) >= 8


@pytest.mark.parametrize("line", CLI_LINES)
def test_readme_cli_example_runs(line, tmp_path, monkeypatch, capsys):
    argv = shlex.split(line)[1:]
    for module in NEEDS.get(argv[0], ()):
        pytest.importorskip(module, reason=f"`adamdyn {argv[0]}` needs the nn extra")
    argv += QUICK.get(argv[0], [])
    monkeypatch.chdir(tmp_path)
    code = main(argv)
    out = capsys.readouterr()
    assert code == 0, out.err


def test_readme_python_example_runs(tmp_path, monkeypatch):
    code, torch_code = blocks("python")
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["r"].final_log10_loss < -400
    # the numbers the example's comments state are what it computes
    stated = re.search(r"# about (-\d+):", code)
    assert stated and round(namespace["r"].final_log10_loss) == int(stated.group(1))
    printed = re.search(r"print\(ad\.regime\((.*)\)\)\s+# \[([\d ]+)\]", code)
    assert printed, "the README's regime example and its stated output"
    regimes = eval(f"ad.regime({printed.group(1)})", namespace)  # noqa: S307 - the README's own expression
    assert [int(v) for v in regimes] == [int(v) for v in printed.group(2).split()]
    assert namespace["checks"] and all(c.passed for c in namespace["checks"])
    if importlib.util.find_spec("torch") is not None:  # the torch example (the nn extra)
        namespace = {}
        exec(compile(torch_code, "README.md", "exec"), namespace)
        assert type(namespace["opt"]).__name__ == "AdaBound" and namespace["opt"].param_groups[0]["lr"] == 1e-3
        ref, resumed = namespace["ref"], namespace["resumed"]
        w = next(iter(ref.state))
        assert resumed.state[w]["step"] == 1 and resumed.state[w]["m"].equal(ref.state[w]["exp_avg"])
