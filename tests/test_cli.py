"""The command line: JSON output, every optimizer, exit status 2 on bad input."""

import json
import subprocess
import sys

import numpy as np
import pytest

from adamdyn.cli import main
from adamdyn.rules import RULES


def run_cli(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", sorted(RULES))
@pytest.mark.parametrize("mode", ["raw", "normalized"])
def test_simulate_json_for_every_optimizer(capsys, name, mode):
    code, out, _ = run_cli(capsys, "simulate", "--optimizer", name, "--n", "4", "--steps", "300",
                           "--mode", mode, "--every", "10", "--json")
    assert code == 0
    d = json.loads(out)
    for key in ("params", "log10_loss", "final_log10_loss", "min_log10_loss", "diverged", "underflow_step"):
        assert key in d
    assert len(d["log10_loss"]) == 31
    assert d["optimizer"] == name and d["mode"] == mode


def test_set_option_and_out(capsys, tmp_path):
    out_file = tmp_path / "run.npz"
    code, out, _ = run_cli(capsys, "simulate", "--optimizer", "adam", "--set", "bias_correction=true",
                           "--set", "eps=1e-8", "--beta2", "0.99", "--steps", "20", "--json", "--out", str(out_file))
    d = json.loads(out)
    assert code == 0 and d["params"]["bias_correction"] is True and d["params"]["eps"] == 1e-8
    assert d["params"]["beta2"] == 0.99
    with np.load(out_file, allow_pickle=False) as data:
        assert "log10_loss" in data.files


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--beta1", "1.2"], "beta1=1.2 is out of range; valid range is [0, 1)"),
        (["--beta2", "-0.5"], "beta2=-0.5 is out of range"),
        (["--n", "1"], "n=1.0 is out of range; valid range is [2, inf)"),
        (["--lr", "0"], "lr=0.0 is out of range"),
        (["--steps", "0"], "steps=0 is invalid"),
        (["--optimizer", "adamq"], "unknown optimizer 'adamq'; valid names are"),
        (["--objective", "himmelblau"], "unknown objective 'himmelblau'; valid names are"),
        (["--optimizer", "s3", "--p", "0"], "p=0.0 is out of range"),
        (["--set", "beta1"], "is not NAME=VALUE"),
        (["--set", "gamma=3"], "unknown parameter 'gamma'"),
    ],
)
def test_bad_input_exits_2_with_message(capsys, argv, fragment):
    code, out, err = run_cli(capsys, "simulate", "--steps", "10", *argv)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["bifurcation", "--optimizer", "adam", "--param", "beta1=0.1:0.9:3", "--lyapunov"],
         "--lyapunov is for the acceleration map"),  # it used to print nan exponents and exit 0
        (["bifurcation", "--map", "foo", "--param", "alpha=1:8:4"], "unknown map 'foo'; valid maps: acceleration"),
        (["bifurcation", "--param", "alpha=1:8:0"], "--param 'alpha=1:8:0'"),
        (["phase", "--axis", "beta1=0.01:0.9:4", "--axis", "beta1=0.01:0.9:4", "--steps", "10"],
         "--axis beta1=... is given twice"),  # it used to keep the last and draw a 1-D diagram
    ],
)
def test_bad_map_and_axis_options_exit_2_naming_the_option(capsys, argv, fragment):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and fragment in err and "Fix:" in err and "Traceback" not in err
    assert "--axis" not in err or argv[0] == "phase"


def test_python_dash_m_and_no_traceback():
    proc = subprocess.run([sys.executable, "-m", "adamdyn", "simulate", "--beta1", "7"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "beta1=7.0 is out of range" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "adamdyn", "simulate", "--steps", "5"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "final log10 loss" in proc.stdout


def test_an_objective_below_zero_reports_the_loss_above_its_minimum(capsys):
    """The saddle toy's f is negative near its minimum: the loss is f - min f (it used to be 'nan'), and the
    text says so with x and f(x)."""
    code, out, err = run_cli(capsys, "simulate", "--objective", "saddle", "--steps", "10")
    assert code == 0 and "nan" not in out
    assert "final log10 loss: -" in out and "loss = f(x) - min f" in out and "f(x) = -" in out


@pytest.mark.parametrize("argv, fragment", [
    (["simulate", "--n", "abc"], "argument --n: invalid"),
    (["simulate", "--mode", "fast"], "argument --mode: invalid choice: 'fast'"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_argparse_errors_are_one_line_with_the_fix(capsys, argv, fragment):
    """argparse's own errors (wrong type, choice not offered, unknown command) read like every other error:
    one line naming the value and the fix, exit status 2, no usage block."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert fragment in err and "Fix: see `adamdyn" in err
    assert err.count("\n") == 1 and "usage:" not in err


@pytest.mark.parametrize("argv", [
    ["simulate", "--steps", "10"],
    ["phase", "--axis", "beta1=0.1:0.9:2", "--axis", "beta2=0.9,0.99", "--steps", "10"],
    ["bifurcation", "--param", "alpha=1:3:2", "--keep", "4", "--transient", "10"],
    ["verify", "--quick", "--only", "4"],
    ["bench", "--grid", "4", "--steps", "10", "--no-c"],
    ["sweep", "--assemble", "."],
])
def test_an_output_file_in_a_missing_folder_fails_before_the_run(capsys, tmp_path, monkeypatch, argv):
    """Every command that writes one file checks its --out before it runs (a long sweep used to fail only at
    its end) and does not create the folder; a folder given as the file is refused too."""
    import importlib
    runner = {"simulate": ("adamdyn.cli.simulate", "simulate"), "phase": ("adamdyn.sweeps", "phase_diagram"),
              "bifurcation": ("adamdyn.sweeps.bifurcation", "bifurcation"), "verify": ("adamdyn.claims", "verify"),
              "bench": ("adamdyn.sweeps.bench", "bench"), "sweep": ("adamdyn.scale", "TileStore")}[argv[0]]
    monkeypatch.setattr(importlib.import_module(runner[0]), runner[1],
                        lambda *a, **kw: pytest.fail("ran before checking --out"))
    target = tmp_path / "missing" / ("out.json" if argv[0] == "bench" else "out.npz")
    code, out, err = run_cli(capsys, *argv, "--out", str(target))
    assert code == 2 and "does not exist" in err and "mkdir -p" in err and "Fix:" in err
    assert not target.parent.exists() and out == ""
    folder = tmp_path / target.name
    folder.mkdir()
    code, _, err = run_cli(capsys, *argv, "--out", str(folder))
    assert code == 2 and "is a folder; it must name a file" in err


def test_an_unknown_option_points_to_its_commands_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["phase", "--grid", "3"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "unrecognized arguments: --grid 3" in err and "`adamdyn phase --help`" in err
