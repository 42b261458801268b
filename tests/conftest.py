import os

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
