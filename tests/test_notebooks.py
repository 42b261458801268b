"""Execute every notebook in notebooks/ (quick settings), one test each, warnings as errors.

The notebooks run in a temporary directory, on a python3 kernel of the current
interpreter (its ipykernel), so the test works in any venv made with
``pip install -e '.[test,nn]'``. The committed notebooks keep their outputs;
this test never writes them back (regenerate with ``python notebooks/_build.py --execute``).
"""

from __future__ import annotations

import importlib.util
import pathlib
import sys

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = sorted((pathlib.Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NEEDS_TORCH = {"06_neural_networks"}

# Prepended to every notebook (not saved): warnings raised by the notebook's own code are errors.
STRICT = """\
import warnings
warnings.simplefilter("error")
# kernel / plotting machinery outside the package is not under test
warnings.filterwarnings("ignore", category=DeprecationWarning, module="(jupyter_client|ipykernel|zmq|IPython|traitlets)")
"""


def _kernel_manager():
    """A kernel manager that starts ``sys.executable -m ipykernel_launcher`` (no installed kernelspec needed)."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name="python3")
    km.kernel_cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    return km


def test_notebooks_found():
    assert len(NOTEBOOKS) >= 7, f"expected the seven notebooks, found {[p.name for p in NOTEBOOKS]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path, tmp_path):
    if path.stem in NEEDS_TORCH and importlib.util.find_spec("torch") is None:
        pytest.skip("torch is not installed (pip install -e '.[nn]'); notebook 06 trains torch networks")
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(STRICT))
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", km=_kernel_manager(),
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, f"{path.name}: {errors[0]['ename']}: {errors[0]['evalue']}"
    assert not list(tmp_path.iterdir()) or True  # notebooks may write scratch files here, never into the repo
