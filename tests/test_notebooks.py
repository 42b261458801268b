"""Execute every notebook in notebooks/ (quick settings), one test each, warnings as errors.

Each notebook runs in a child process (so the jupyter client's sockets never live in the
pytest process), in a temporary directory, on an ipykernel started from the current
interpreter (a temporary kernelspec running ``sys.executable -m ipykernel_launcher``, checked in
the kernel; no installed kernelspec needed, and never the ``python`` found on PATH), so
the test works in any venv made with ``pip install -e '.[test,nn]'``. A first, hidden cell
turns warnings into errors inside the kernel. This test never writes the notebooks back.

Each notebook is a jupytext percent script ``notebooks/NN_name.py`` (the source: edit and lint
this one) paired with ``notebooks/NN_name.ipynb`` (the same cells plus their committed outputs,
so it reads on a repository page); ``tests/test_notebooks_sync.py`` checks that the pairs agree.
After editing a script, copy its cells into the .ipynb (outputs kept) and regenerate the outputs::

    .venv/bin/jupytext --sync notebooks/[0-9]*.py
    .venv/bin/jupyter execute --inplace notebooks/[0-9]*.ipynb
"""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = sorted((pathlib.Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NEEDS_TORCH = {"06_neural_networks"}

STRICT = """\
import warnings
warnings.simplefilter("error")
# kernel machinery outside the package is not under test
for category in (DeprecationWarning, PendingDeprecationWarning):
    warnings.filterwarnings("ignore", category=category, module="(jupyter_client|ipykernel|zmq|IPython|traitlets)")
"""

RUNNER = r"""
import json
import os
import sys

path, cwd, strict = sys.argv[1], sys.argv[2], sys.argv[3]
# a kernelspec of this interpreter, found first on JUPYTER_PATH: the kernel never starts the `python` on PATH
spec = os.path.join(cwd, "jupyter", "kernels", "adamdyn-test")
os.makedirs(spec)
with open(os.path.join(spec, "kernel.json"), "w") as fh:
    json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
               "display_name": "adamdyn test", "language": "python"}, fh)
os.environ["JUPYTER_PATH"] = os.path.join(cwd, "jupyter")

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

nb = nbformat.read(path, as_version=4)
nb.cells.insert(0, nbformat.v4.new_code_cell(strict))
nb.cells.insert(1, nbformat.v4.new_code_cell(
    "import sys\nassert sys.executable == " + repr(sys.executable) + ", sys.executable"))
try:
    NotebookClient(nb, timeout=300, kernel_name="adamdyn-test", resources={"metadata": {"path": cwd}}).execute()
except CellExecutionError as exc:
    print(str(exc)[-4000:])
    sys.exit(1)
"""


def test_notebooks_found():
    assert len(NOTEBOOKS) >= 7, f"expected the seven notebooks, found {[p.name for p in NOTEBOOKS]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path, tmp_path):
    if path.stem in NEEDS_TORCH and importlib.util.find_spec("torch") is None:
        pytest.skip("torch is not installed (pip install -e '.[nn]'); notebook 06 trains torch networks")
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(path), str(tmp_path), STRICT], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{path.name} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
