"""Offline data for the neural-network experiments. Nothing is ever downloaded.

* :func:`load_digits` -- scikit-learn's 8x8 digits (ship with scikit-learn).
* :func:`make_mnist1d` -- MNIST-1D (Greydanus 2020), generated offline by the
  ``mnist1d`` package's own generator (its standard arguments, no download).
* :func:`load_mnist` -- MNIST from a local folder in the official idx format.
* :func:`load_cifar10` -- CIFAR-10 from the official ``cifar-10-batches-py``
  folder. Those batches are Python pickles (that *is* the official format),
  read here with an unpickler that only admits numpy arrays; adamdyn never
  writes pickles.
* :func:`text_corpus` -- a character-level corpus from the standard library's
  own docstrings, for the small Transformer.
"""

from __future__ import annotations

import gzip
import importlib
import inspect
import io
import os
import pickle
import string

import numpy as np
import torch

__all__ = ["load_digits", "make_mnist1d", "load_mnist", "load_cifar10", "text_corpus", "load_dataset",
           "DATASETS", "encode_text"]

DATASETS = ("digits", "mnist1d", "mnist", "cifar10")


def load_digits(images: bool = False, dtype=torch.float32):
    """scikit-learn's digits: ``X`` in [0, 1], shape ``(1797, 64)`` or ``(1797, 1, 8, 8)``; ``y`` long."""
    from sklearn.datasets import load_digits as _load

    d = _load()
    X = torch.tensor(d.data / 16.0, dtype=dtype)
    if images:
        X = X.reshape(-1, 1, 8, 8)
    return X, torch.tensor(d.target, dtype=torch.long)


# --- MNIST-1D, generated offline by its PyPI package --------------------------------
def make_mnist1d(split: str = "train", num_samples: int = 5000, length: int = 40, seed: int = 42,
                 dtype=torch.float32):
    """MNIST-1D (Greydanus 2020) generated locally by the ``mnist1d`` package.

    Calls the package's ``make_dataset`` -- never ``get_dataset``, which
    downloads a pickle or writes one into the working folder. With the default
    arguments (``num_samples=5000``, ``seed=42``, ``length=40``) this is the
    package's standard configuration; ``split="train"`` gives its first 80 %
    (4000 samples), ``"test"`` the other 20 %, ``"all"`` both. ``num_samples``
    must be a multiple of 10 (the package draws ``num_samples // 10`` per
    class). Inputs ``(N, length)``, labels ``(N,)``.

    The package seeds numpy's *global* generator; its state (and Python's
    ``random``) is restored afterwards, so calling this has no side effect on
    other seeded code.
    """
    if split not in ("train", "test", "all"):
        raise ValueError(f"make_mnist1d: split={split!r}; valid values are 'train', 'test' and 'all'.")
    if num_samples < 10 or num_samples % 10:
        raise ValueError(f"make_mnist1d: num_samples={num_samples} must be a positive multiple of 10 "
                         "(the generator draws num_samples // 10 per class). Fix: e.g. num_samples=5000.")
    if length < 2:
        raise ValueError(f"make_mnist1d: length={length} must be >= 2. Fix: use the standard length=40.")
    try:
        from mnist1d.data import get_dataset_args, make_dataset
    except ImportError as exc:
        raise ValueError("make_mnist1d needs the mnist1d package. Fix: pip install 'adamdyn[nn]' "
                         "(or pip install mnist1d==0.0.2.post1).") from exc
    import random

    args = get_dataset_args()
    args.num_samples, args.final_seq_length, args.seed = int(num_samples), int(length), int(seed)
    np_state, py_state = np.random.get_state(), random.getstate()
    try:
        d = make_dataset(args)
    finally:
        np.random.set_state(np_state)
        random.setstate(py_state)
    if split == "train":
        X, y = d["x"], d["y"]
    elif split == "test":
        X, y = d["x_test"], d["y_test"]
    else:
        X, y = np.concatenate([d["x"], d["x_test"]]), np.concatenate([d["y"], d["y_test"]])
    return torch.tensor(np.asarray(X, dtype=np.float64), dtype=dtype), torch.tensor(np.asarray(y, dtype=np.int64))


# --- MNIST, idx format ----------------------------------------------------------------
def _read_idx(path: str) -> np.ndarray:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(f"{path!r} is not an idx file (bad magic number).")
    dtypes = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
    if data[2] not in dtypes:
        raise ValueError(f"{path!r}: unknown idx element type 0x{data[2]:02x}.")
    ndim = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * k: 8 + 4 * k], "big") for k in range(ndim))
    arr = np.frombuffer(data, dtype=dtypes[data[2]], offset=4 + 4 * ndim)
    if arr.size != int(np.prod(shape)):
        raise ValueError(f"{path!r}: header says shape {shape} but holds {arr.size} values.")
    return arr.reshape(shape)


def _find(folder: str, stem: str) -> str:
    for name in (stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise ValueError(
        f"no {stem!r} (or .gz) in {folder!r}. Fix: put the official MNIST idx files there "
        "(adamdyn never downloads them)."
    )


def load_mnist(folder: str, split: str = "train", dtype=torch.float32):
    """MNIST from ``folder`` holding the official idx files; ``X`` ``(N, 1, 28, 28)`` in [0, 1]."""
    if split not in ("train", "test"):
        raise ValueError(f"load_mnist: split={split!r}; valid values are 'train' and 'test'.")
    if not folder or not os.path.isdir(folder):
        raise ValueError(f"load_mnist: {folder!r} is not a folder. Fix: pass --data-dir with the idx files.")
    prefix = "train" if split == "train" else "t10k"
    images = _read_idx(_find(folder, f"{prefix}-images-idx3-ubyte"))
    labels = _read_idx(_find(folder, f"{prefix}-labels-idx1-ubyte"))
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise ValueError(f"load_mnist: images {images.shape} and labels {labels.shape} do not match.")
    X = torch.tensor(images.astype(np.float32) / 255.0, dtype=dtype).unsqueeze(1)
    return X, torch.tensor(labels.astype(np.int64))


# --- CIFAR-10, official python batches -----------------------------------------------------
class _NumpyOnlyUnpickler(pickle.Unpickler):
    """Unpickler for the official CIFAR-10 batches: only numpy arrays and builtins come back."""

    _ALLOWED = {
        ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
        ("numpy", "ndarray"), ("numpy", "dtype"), ("copyreg", "_reconstructor"),
        ("builtins", "object"),
    }

    def find_class(self, module, name):
        if (module, name) in self._ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"CIFAR-10 batch refers to {module}.{name}; refusing to load it.")


def load_cifar10(folder: str, split: str = "train", dtype=torch.float32):
    """CIFAR-10 from the official ``cifar-10-batches-py`` folder; ``X`` ``(N, 3, 32, 32)`` in [0, 1]."""
    if split not in ("train", "test"):
        raise ValueError(f"load_cifar10: split={split!r}; valid values are 'train' and 'test'.")
    if not folder or not os.path.isdir(folder):
        raise ValueError(f"load_cifar10: {folder!r} is not a folder. Fix: pass --data-dir with the batches.")
    names = [f"data_batch_{k}" for k in range(1, 6)] if split == "train" else ["test_batch"]
    paths = [os.path.join(folder, n) for n in names if os.path.exists(os.path.join(folder, n))]
    if not paths:
        raise ValueError(f"no {names[0]!r} in {folder!r}. Fix: point at the unpacked cifar-10-batches-py folder.")
    xs, ys = [], []
    for path in paths:
        with open(path, "rb") as f:
            d = _NumpyOnlyUnpickler(io.BytesIO(f.read()), encoding="bytes").load()
        data, labels = d[b"data"], d[b"labels"]
        xs.append(np.asarray(data, dtype=np.uint8).reshape(-1, 3, 32, 32))
        ys.append(np.asarray(labels, dtype=np.int64))
    X = torch.tensor(np.concatenate(xs).astype(np.float32) / 255.0, dtype=dtype)
    return X, torch.tensor(np.concatenate(ys))


# --- text -----------------------------------------------------------------------------
_DOC_MODULES = ("json", "collections", "functools", "itertools", "textwrap", "string", "random",
                "fractions", "decimal", "statistics", "heapq", "bisect", "argparse", "pathlib")


def text_corpus(max_chars: int = 200_000) -> str:
    """Printable-ASCII text from the docstrings of a fixed list of standard-library modules."""
    keep = set(string.printable) - set("\x0b\x0c\r\t")
    parts = []
    total = 0
    for name in _DOC_MODULES:
        mod = importlib.import_module(name)
        objs = [mod] + [getattr(mod, a) for a in sorted(dir(mod)) if not a.startswith("_")]
        for obj in objs:
            doc = inspect.getdoc(obj) if (inspect.ismodule(obj) or inspect.isclass(obj) or callable(obj)) else None
            if not doc or obj is not mod and getattr(obj, "__module__", name) not in (name, None):
                continue
            text = "".join(c for c in doc if c in keep) + "\n\n"
            parts.append(text)
            total += len(text)
            if total >= max_chars:
                return "".join(parts)[:max_chars]
    return "".join(parts)[:max_chars]


def encode_text(text: str):
    """``(ids, vocab)``: the text as a long tensor of indices into the sorted character set."""
    vocab = "".join(sorted(set(text)))
    index = {c: i for i, c in enumerate(vocab)}
    return torch.tensor([index[c] for c in text], dtype=torch.long), vocab


def load_dataset(name: str, data_dir: str | None = None, dtype=torch.float32, images: bool = False):
    """``(X, y)`` of data set ``name`` (one of :data:`DATASETS`)."""
    if name == "digits":
        return load_digits(images=images, dtype=dtype)
    if name == "mnist1d":
        X, y = make_mnist1d(dtype=dtype)
        return (X.unsqueeze(1) if images else X), y
    if name == "mnist":
        X, y = load_mnist(data_dir, dtype=dtype)
        return (X if images else X.flatten(1)), y
    if name == "cifar10":
        X, y = load_cifar10(data_dir, dtype=dtype)
        return (X if images else X.flatten(1)), y
    raise ValueError(f"unknown data set {name!r}; valid names are {', '.join(DATASETS)}. Fix: pick one of those.")
