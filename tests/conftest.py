import os

import matplotlib

matplotlib.use("Agg")
os.environ.setdefault("NUMBA_NUM_THREADS", "2")


def pytest_generate_tests(metafunc):
    """``torch_device``: "cpu", plus "cuda" where torch sees a GPU (the torch path's tests run on both)."""
    if "torch_device" in metafunc.fixturenames:
        import torch

        metafunc.parametrize("torch_device", ["cpu"] + (["cuda"] if torch.cuda.is_available() else []),
                             scope="module")
