"""Every published performance number is generated from a committed record in benchmarks/results/.

README's ``bench``/``gpu`` sections and docs/CAPACITY.md's ``measured``/``estimates``/``tiles``
sections must equal what tools/bench_docs.py makes of the committed JSON records, and no rate, ratio,
time or size may be typed by hand outside them.
"""

import importlib.util
import json
import shlex
import shutil
from pathlib import Path

import pytest

from adamdyn.cli import main

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_docs", ROOT / "tools" / "bench_docs.py")
bd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bd)

README = (ROOT / "README.md").read_text()
CAPACITY = (ROOT / "docs" / "CAPACITY.md").read_text()
RECORDS = sorted(bd.RESULTS.glob("*.json"))


def bench_part(readme):
    """README's Benchmark section (up to the next second-level heading)."""
    start = readme.index("\n## Benchmark\n")
    return readme[start:readme.index("\n## ", start + 5)]


def test_committed_docs_equal_what_the_records_generate():
    fix = "stale: run `python tools/update_readme.py` (and re-measure if the timed code changed)"
    assert bd.stale(README, bd.readme_sections()) == [], "README.md " + fix
    assert bd.stale(CAPACITY, bd.capacity_sections()) == [], "docs/CAPACITY.md " + fix


def test_changed_code_names_each_changed_added_or_removed_file(tmp_path):
    from adamdyn.sweeps.bench import changed_code, code_hashes

    (tmp_path / "pkg").mkdir()
    for name in ("a.py", "b.py"):
        (tmp_path / "pkg" / name).write_text(f"x = {name!r}\n")
    (tmp_path / "ref.c").write_text("int x;")
    meta = {"timed_code": {"paths": ["pkg", "ref.c"], "hashing": "code",
                           "files": code_hashes(["pkg", "ref.c"], tmp_path)}}
    assert sorted(meta["timed_code"]["files"]) == ["pkg/a.py", "pkg/b.py", "ref.c"]
    assert changed_code(meta, tmp_path) == []
    (tmp_path / "pkg" / "a.py").write_text("x = 'a changed'\n")
    (tmp_path / "pkg" / "c.py").write_text("new")
    (tmp_path / "ref.c").unlink()
    assert changed_code(meta, tmp_path) == ["pkg/a.py", "pkg/c.py", "ref.c"]


def test_a_docstring_or_comment_edit_leaves_the_code_hash(tmp_path):
    from adamdyn.sweeps.bench import changed_code, code_hashes

    src = 'def f(x):\n    """Twice x."""\n    return 2 * x  # doubled\n\n\ns = "é"\n'
    (tmp_path / "m.py").write_text(src, encoding="utf-8")
    code = {"paths": ["m.py"], "hashing": "code", "files": code_hashes(["m.py"], tmp_path)}
    raw = {"paths": ["m.py"], "files": code_hashes(["m.py"], tmp_path, "bytes")}  # an older record: bytes
    edits = {'"""Twice x."""': '"""Twice x, é.\n\n    More words.\n    """', "# doubled": "# times two",
             "\n\n\n": "\n\n\n# a note\n'''module words'''\n"}
    for old, new in edits.items():
        (tmp_path / "m.py").write_text(src.replace(old, new), encoding="utf-8")
        assert changed_code({"timed_code": code}, tmp_path) == [], new
        assert changed_code({"timed_code": raw}, tmp_path) == ["m.py"], new
    for old, new in {"2 * x": "3 * x", '"é"': '"e"', "return": "y = 1\n    return"}.items():
        (tmp_path / "m.py").write_text(src.replace(old, new), encoding="utf-8")
        assert changed_code({"timed_code": code}, tmp_path) == ["m.py"], new


def test_a_record_from_other_code_is_marked(tmp_path):
    for p in RECORDS:
        shutil.copy(p, tmp_path / p.name)
    name = bd.BENCH_RECORDS[0]
    rec = json.loads((tmp_path / name).read_text())
    assert bd.stale(README, bd.readme_sections(tmp_path)) == []  # control: a faithful copy
    rec["meta"]["timed_code"]["files"]["adamdyn/kernels/0_gone.py"] = "0" * 16  # measured with a file now gone
    (tmp_path / name).write_text(json.dumps(rec))
    note = bd.code_note(rec["meta"])
    assert "Measured before a change to the timed code" in note and "adamdyn/kernels/0_gone.py" in note
    assert bd.stale(README, bd.readme_sections(tmp_path)) == ["bench"]
    del rec["meta"]["timed_code"]
    assert "not recorded" in bd.code_note(rec["meta"])


def test_a_hand_edited_number_is_caught():
    body = bd.section_body(README, "bench")
    row = next(ln for ln in body.splitlines() if ln.startswith("| adamdyn kernels"))
    cell = row.split("|")[2]  # raw rate of the headline run, e.g. " 157 M "
    value = int(cell.strip().split()[0].replace(",", ""))
    edited = README.replace(row, row.replace(cell, f" {value + 1:,} M ", 1))
    assert edited != README
    assert bd.stale(edited, bd.readme_sections()) == ["bench"]
    cap = bd.section_body(CAPACITY, "measured")
    edited = CAPACITY.replace(cap, cap.replace(" s untiled", "0 s untiled", 1))
    assert bd.stale(edited, bd.capacity_sections()) == ["measured"]


def _perturbed(tmp_path, name, path_in_result, factor):
    for p in RECORDS:
        shutil.copy(p, tmp_path / p.name)
    rec = json.loads((tmp_path / name).read_text())
    d = rec["result"]
    for k in path_in_result[:-1]:
        d = d[k]
    d[path_in_result[-1]] *= factor
    (tmp_path / name).write_text(json.dumps(rec))
    return tmp_path


def test_a_changed_record_makes_the_docs_stale(tmp_path):
    res = _perturbed(tmp_path, bd.BENCH_RECORDS[0], ["raw_updates_per_s"], 1.0)  # control: a faithful copy
    assert bd.stale(README, bd.readme_sections(res)) == [] and bd.stale(CAPACITY, bd.capacity_sections(res)) == []
    res = _perturbed(tmp_path, bd.BENCH_RECORDS[0], ["raw_updates_per_s"], 1.1)
    assert bd.stale(README, bd.readme_sections(res)) == ["bench"]
    res = _perturbed(tmp_path, bd.CAPACITY_RECORD, ["threads", "threads1", "raw_updates_per_s"], 1.1)
    assert bd.stale(CAPACITY, bd.capacity_sections(res)) == ["measured", "estimates"]


def test_no_measurement_is_typed_by_hand():
    assert bd.typed_measurements(bench_part(README), ["bench", "gpu"]) == []
    assert bd.typed_measurements(CAPACITY, ["measured", "estimates", "tiles"]) == []
    # the guard sees the kinds of numbers it must keep out
    typed = "ran at 39e9 updates/s, 1.6x C, 99.6% agree, 497-675 M/s, 0.18 s, 400 KB; a 4096 x 4096 grid, lr 1e-2"
    assert bd.typed_measurements(typed, []) == ["39e9", "1.6x", "99.6%", "675 M/s", "0.18 s", "400 KB"]


REQUIRED_META = ("command", "date_utc", "cpu_model", "arch", "cpus", "python", "numpy", "numba", "adamdyn", "gcc",
                 "git_commit", "git_modified_files", "timed_code", "load_average_start", "load_average_end")


def check_record(path):
    """A record names its provenance, and its result is what its command asks for."""
    rec = json.loads(path.read_text())
    assert set(REQUIRED_META) <= set(rec["meta"]), set(REQUIRED_META) - set(rec["meta"])
    commit = rec["meta"]["git_commit"]
    assert isinstance(commit, str) and len(commit) == 40, commit
    argv = shlex.split(rec["meta"]["command"])
    if argv[:2] == ["adamdyn", "bench"]:
        opts = dict(zip(argv[2::2], argv[3::2]))
        assert int(opts["--grid"]) == rec["result"]["grid"] and int(opts["--steps"]) == rec["result"]["steps"]
        assert int(opts["--repeat"]) == rec["result"]["repeat"]
        assert Path(opts["--out"]).name == path.name
    elif "--device" in argv and argv[argv.index("--device") + 1] == "cuda":  # a GPU run's record: <script>_cuda
        assert argv[:2] == ["python", f"benchmarks/{path.stem.removesuffix('_cuda')}.py"], argv
        assert path.stem.endswith("_cuda") and rec["result"]["device"] == "cuda", path
    else:
        assert argv[:2] == ["python", f"benchmarks/{path.stem}.py"], argv


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_committed_record_has_provenance_and_matches_its_command(path):
    check_record(path)


@pytest.mark.parametrize("broken", ["grid", "commit", "meta"])
def test_record_check_fails_on_a_broken_record(tmp_path, broken):
    rec = json.loads((bd.RESULTS / bd.BENCH_RECORDS[0]).read_text())
    if broken == "grid":
        rec["result"]["grid"] += 1  # not what the command asked for
    elif broken == "commit":
        rec["meta"]["git_commit"] = None
    else:
        del rec["meta"]["load_average_end"]
    path = tmp_path / bd.BENCH_RECORDS[0]
    path.write_text(json.dumps(rec))
    with pytest.raises(AssertionError):
        check_record(path)


def test_bench_out_writes_a_record_with_provenance(tmp_path, capsys):
    out = tmp_path / "sub" / "b.json"
    argv = ["bench", "--grid", "4", "--steps", "20", "--repeat", "1", "--no-c", "--out", str(out)]
    assert main(argv) == 2  # a file's folder is not created: a typo would make one silently
    assert "does not exist" in capsys.readouterr().err and not (tmp_path / "sub").exists()
    (tmp_path / "sub").mkdir()
    assert main(argv) == 0
    rec = json.loads(out.read_text())
    assert rec["meta"]["command"] == f"adamdyn bench --grid 4 --steps 20 --repeat 1 --no-c --out {out}"
    assert set(REQUIRED_META) <= set(rec["meta"])
    assert rec["result"]["grid"] == 4 and rec["result"]["raw_updates_per_s"] > 0
    assert rec["result"]["c_o3_raw_updates_per_s"] is None
    # LLVM's CPU name and vector extensions: a virtual machine's model name ("AMD EPYC") does not say which CPU
    # generation and vector width ran the loops; the records and their docs lines do
    import llvmlite.binding as ll

    assert rec["meta"]["cpu_target"] == ll.get_host_cpu_name()
    assert all(f.startswith("avx") for f in rec["meta"]["cpu_vector"])
    assert rec["meta"]["cpu_target"] in bd.provenance_line(rec["meta"], out)
    printed = capsys.readouterr().out
    assert "skipped (--no-c)" in printed and "no C compiler" not in printed  # the reason is the option, not gcc
    capsys.readouterr()
    assert main(["bench", "--grid", "4", "--out", str(tmp_path / "b.txt")]) == 2
    err = capsys.readouterr().err
    assert "b.txt" in err and ".json" in err and "Fix" in err
    (tmp_path / "f").write_text("")  # a file where the record's folder would be
    assert main(["bench", "--grid", "4", "--out", str(tmp_path / "f" / "b.json")]) == 2
    err = capsys.readouterr().err
    assert "f/b.json" in err and "does not exist" in err and "Fix" in err


def _meta(load_start, load_end):
    meta = json.loads(RECORDS[0].read_text())["meta"]
    return dict(meta, load_average_start=[load_start, 0, 0], load_average_end=[load_end, 0, 0])


def test_load_note_flags_a_loaded_machine():
    cpus = json.loads(RECORDS[0].read_text())["meta"]["cpus"]
    assert "measured under load" in bd.load_note(_meta(1.3, 0.5))  # other jobs before the run
    assert "measured under load" in bd.load_note(_meta(0.5, cpus + 1.3))  # more than its own threads at the end
    assert "measured under load" not in bd.load_note(_meta(0.5, 0.9))
    assert "measured under load" not in bd.load_note(_meta(0.5, cpus + 0.5))  # its own threads alone


def test_gpu_paragraph_comes_from_its_record(tmp_path):
    assert "No committed GPU measurement exists yet" in bd.gpu_section(tmp_path)
    assert "not measured" in bd.capacity_estimates(tmp_path)
    for p in RECORDS:
        shutil.copy(p, tmp_path / p.name)
    rec = {"meta": _meta(0.2, 0.2), "result": {
        "gpu": "Some GPU", "throughput": {"grid1024_updates_per_s": 2.1e10, "grid2048_updates_per_s": 3.3e10},
        "phase": {"grid": 128, "steps": 3000, "regime_observed_agreement": 0.9875, "disagreeing_regime_points": 205,
                  "min_log10_loss_max_abs_diff": 0.25},
        "per_point": {"raw_k1": {"integer_n": {
            "underflowed_cpu": 0, "regime_I_cpu": 40,
            "all": {"points": 256, "bit_identical_fraction": 0.5},
            "regime_I": {"points": 40, "same_steps_run_fraction": 0.975, "max_rel_diff": {
                "min_log10_loss": 3e-16, "final_log10_loss": 0.0, "late_slope": 7e-15}}}}}}}
    (tmp_path / bd.GPU_RECORD).write_text(json.dumps(rec))
    text = bd.gpu_section(tmp_path)
    assert "Some GPU" in text and "grid 1024: 21 G updates/s, grid 2048: 33 G updates/s" in text
    assert "98.8%" in text and "128 x 128 x 3000-step" in text and "205 points" in text
    assert "| `raw_k1` | integer | 40 of 256 | 97.5% | 3e-16 / 0 / 7e-15 | 50.0% |" in text
    assert "33 G/s (measured, grid 2048, Some GPU)" in bd.capacity_estimates(tmp_path)
    rec["result"]["smoke"] = True  # a --smoke run is no measurement
    (tmp_path / bd.GPU_RECORD).write_text(json.dumps(rec))
    assert "not a measurement" in bd.gpu_section(tmp_path) and "33 G" not in bd.gpu_section(tmp_path)
    assert "not measured" in bd.capacity_estimates(tmp_path)
    rec["result"]["smoke"] = False
    rec["result"]["throughput"] = {"error": "CudaError: boom"}
    (tmp_path / bd.GPU_RECORD).write_text(json.dumps(rec))
    assert "Raw throughput failed: CudaError: boom" in bd.gpu_section(tmp_path)
    assert "not measured" in bd.capacity_estimates(tmp_path)


def _normalized_work():
    spec = importlib.util.spec_from_file_location("normalized_work", ROOT / "benchmarks" / "normalized_work.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("broken", [False, True], ids=["as_committed", "broken_beta1"])
def test_c_loop_of_the_kernels_work_runs_the_kernels_orbit(tmp_path, broken):
    """``benchmarks/c_normalized_full.c`` (the normalized scheme doing the kernel's work, in C, against which
    ``benchmarks/normalized_work.py`` times the kernel) iterates the kernel's updates and reaches its minimum
    loss to rounding; the same C with beta1 off by 1e-7 (relative) does not."""
    if shutil.which("gcc") is None:
        pytest.skip("gcc is not installed")
    nw = _normalized_work()
    src = Path(nw.SOURCE).read_text()
    if broken:
        assert src.count("b1 * R.q0[k]") == 1
        src = src.replace("b1 * R.q0[k]", "(b1 * (1.0 + 1e-7)) * R.q0[k]")
    (tmp_path / "c.c").write_text(src)
    r = nw.measure(nw.build(str(tmp_path), str(tmp_path / "c.c")), 16, 150, 1, 1)
    assert r["same_updates"], r
    agree = [abs(r[f"c_{k}_min_log10_check"] / r["kernel_min_log10_check"] - 1) < 1e-9
             for k in ("full_one_loop", "full_two_pass")]
    assert agree == ([False, False] if broken else [True, True]), r
