"""Each notebook's jupytext percent script and its paired .ipynb hold the same cells.

``notebooks/NN_name.py`` is the source (edited, reviewed, linted by ruff);
``notebooks/NN_name.ipynb`` carries the same cells plus their committed outputs. Editing one
without the other (then ``jupytext --sync``, see ``tests/test_notebooks.py``) fails here: the
script is read with jupytext and its cells (type and source) are compared with the notebook's.
"""

from __future__ import annotations

import pathlib
import shutil

import pytest

jupytext = pytest.importorskip("jupytext")
nbformat = pytest.importorskip("nbformat")

NB_DIR = pathlib.Path(__file__).resolve().parents[1] / "notebooks"
SCRIPTS = sorted(NB_DIR.glob("[0-9][0-9]_*.py"))
PAIRING = "ipynb,py:percent"


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


def sync_problems(script: pathlib.Path) -> list[str]:
    """Every way ``script`` and its paired ``.ipynb`` disagree; an empty list means in sync."""
    ipynb = script.with_suffix(".ipynb")
    if not ipynb.exists():
        return [f"{ipynb.name} is missing: create it with `jupytext --sync {script.name}`"]
    text = jupytext.read(script)
    nb = nbformat.read(ipynb, as_version=4)
    problems = []
    fmt = text.metadata.get("jupytext", {}).get("text_representation", {}).get("format_name")
    if fmt != "percent":
        problems.append(f"{script.name} is read as format {fmt!r}, expected a percent script (`# %%` cells)")
    for name, meta in ((script.name, text.metadata), (ipynb.name, nb.metadata)):
        formats = meta.get("jupytext", {}).get("formats")
        if formats != PAIRING:
            problems.append(f"{name} pairs formats {formats!r}, expected {PAIRING!r}")
    a, b = _cells(text), _cells(nb)
    if len(a) != len(b):
        problems.append(f"{script.name} has {len(a)} cells, {ipynb.name} has {len(b)}")
    for i, (ca, cb) in enumerate(zip(a, b)):
        if ca != cb:
            problems.append(f"cell {i} differs: {script.name} {ca[0]} {ca[1][:60]!r} vs "
                            f"{ipynb.name} {cb[0]} {cb[1][:60]!r}")
    return problems


def test_every_notebook_has_a_script():
    notebooks = {p.stem for p in NB_DIR.glob("[0-9][0-9]_*.ipynb")}
    scripts = {p.stem for p in SCRIPTS}
    assert len(scripts) >= 7, f"expected the seven notebook scripts, found {sorted(scripts)}"
    assert notebooks == scripts, f"unpaired: {sorted(notebooks ^ scripts)} (pair with `jupytext --sync`)"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_script_and_notebook_in_sync(script):
    problems = sync_problems(script)
    assert not problems, "\n".join(problems) + "\nrun `jupytext --sync notebooks/[0-9]*.py`"


# --- the check itself fails on a broken pair --------------------------------------------


@pytest.fixture
def pair(tmp_path):
    script = SCRIPTS[0]
    shutil.copy(script, tmp_path / script.name)
    shutil.copy(script.with_suffix(".ipynb"), tmp_path / script.with_suffix(".ipynb").name)
    return tmp_path / script.name


def _edit_ipynb(path: pathlib.Path, edit) -> None:
    nb = nbformat.read(path, as_version=4)
    edit(nb)
    nbformat.write(nb, path)


def _first_code_cell(nb) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")


def test_untouched_copy_is_in_sync(pair):
    assert sync_problems(pair) == []


def test_edited_script_cell_fails(pair):
    text = pair.read_text()
    assert text.count("FULL = False") == 1
    pair.write_text(text.replace("FULL = False", "FULL = True"))
    problems = sync_problems(pair)
    assert len(problems) == 1 and problems[0].startswith("cell ") and "FULL = " in problems[0], problems


def test_edited_notebook_cell_fails(pair):
    ipynb = pair.with_suffix(".ipynb")
    idx = _first_code_cell(nbformat.read(ipynb, as_version=4))
    _edit_ipynb(ipynb, lambda nb: setattr(nb.cells[idx], "source", nb.cells[idx].source + "\nx = 1"))
    problems = sync_problems(pair)
    assert problems == [problems[0]] and problems[0].startswith(f"cell {idx} differs"), problems


def test_cell_type_change_fails(pair):
    ipynb = pair.with_suffix(".ipynb")
    idx = _first_code_cell(nbformat.read(ipynb, as_version=4))

    def to_markdown(nb):
        nb.cells[idx] = nbformat.v4.new_markdown_cell(nb.cells[idx].source)

    _edit_ipynb(ipynb, to_markdown)
    assert any(p.startswith(f"cell {idx} differs") for p in sync_problems(pair))


def test_added_cell_fails(pair):
    pair.write_text(pair.read_text() + '\n# %%\nprint("one more")\n')
    assert any("cells" in p and "has" in p for p in sync_problems(pair))


def test_unpaired_notebook_metadata_fails(pair):
    ipynb = pair.with_suffix(".ipynb")
    _edit_ipynb(ipynb, lambda nb: nb.metadata.pop("jupytext"))
    assert any("pairs formats None" in p for p in sync_problems(pair))


def test_missing_notebook_fails(pair):
    pair.with_suffix(".ipynb").unlink()
    assert "is missing" in sync_problems(pair)[0]
