import os
import subprocess
import sys

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("NUMBA_NUM_THREADS", "2")


def pytest_generate_tests(metafunc):
    """``torch_device``: "cpu", plus "cuda" where torch sees a GPU (the torch path's tests run on both)."""
    if "torch_device" in metafunc.fixturenames:
        import torch

        metafunc.parametrize("torch_device", ["cpu"] + (["cuda"] if torch.cuda.is_available() else []),
                             scope="module")


@pytest.fixture
def torch_program(monkeypatch):
    """The torch optimizers step as torch operations (``loop=False``: one torch call per operation of the rule,
    :mod:`adamdyn.torch._program`, the engine on a GPU and of what the numba loop does not run). Modules that
    test that engine use it for every test (``pytestmark``); a test that also takes ``engine`` runs both."""
    from adamdyn.torch import optim

    monkeypatch.setattr(optim.RuleOptimizer, "loop", False)


@pytest.fixture(params=[False, True], ids=["torch_program", "numba_loop"])
def engine(request, monkeypatch):
    """The CPU engine of the torch optimizers in this test: torch operations or the numba loop
    (:mod:`adamdyn.torch._loop`)."""
    from adamdyn.torch import optim

    monkeypatch.setattr(optim.RuleOptimizer, "loop", request.param)
    return request.param


SIMULATOR_PRELUDE = """
import warnings
with warnings.catch_warnings():
    # numba-cuda's import warns of numpy deprecations on some images (numpy 2.5: the generic timedelta unit),
    # an error under -W error and no part of what a simulator test checks
    warnings.simplefilter("ignore", DeprecationWarning)
    from numba import cuda  # noqa: F401
"""


@pytest.fixture
def simulate():
    """``simulate(script, *args, werror=True, timeout=300)``: the completed ``python [-W error] -c script args``
    under numba's CUDA simulator (``NUMBA_ENABLE_CUDASIM=1``), numba-cuda imported first with its own
    deprecation warnings quiet. Asserts the exit status 0 (showing the end of stdout and stderr otherwise)."""

    def run(script, *args, werror=True, timeout=300):
        env = dict(os.environ, NUMBA_ENABLE_CUDASIM="1")
        cmd = [sys.executable, *(["-W", "error"] if werror else []), "-c", SIMULATOR_PRELUDE + script, *args]
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-3000:]
        return res

    return run
