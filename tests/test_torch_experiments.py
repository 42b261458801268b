"""Experiments run end to end (tiny mode), the CLI validates, offline data loaders read their formats."""

import gzip
import json
import os
import pickle

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

import adamdyn as ad  # noqa: E402
from adamdyn.cli import main  # noqa: E402
from adamdyn.torch import data as D  # noqa: E402
from adamdyn.torch.experiments import EXPERIMENTS, run_experiment  # noqa: E402


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_experiment_tiny_run_writes_results_and_figure(name, tmp_path, torch_device):
    res = run_experiment(name, tiny=True, device=torch_device, seeds=1, out=str(tmp_path))
    for ext in ("json", "npz", "png"):
        assert (tmp_path / f"{name}.{ext}").stat().st_size > 0
    meta = json.loads((tmp_path / f"{name}.json").read_text())
    assert meta["settings"]["experiment"] == name and meta["settings"]["tiny"] is True
    assert meta["settings"]["device"].startswith(torch_device)
    assert meta["summary"]["seconds"] > 0 and meta["summary"]["peak_memory_mb"] > 0
    with np.load(tmp_path / f"{name}.npz", allow_pickle=False) as z:
        assert "__meta__" in z.files and len(z.files) > 3
        for k in z.files:
            if k.endswith("/curves"):
                assert np.isfinite(z[k][..., 0]).all()  # every run starts from a finite loss
    assert res.figure is not None and len(res.figure.axes) >= 3
    back = ad.load_npz(tmp_path / f"{name}.npz")  # no pickle; every setting and array comes back
    assert back.name == name and back.settings == json.loads(json.dumps(meta["settings"]))
    assert back.arrays.keys() == res.arrays.keys()
    for k, v in res.arrays.items():
        np.testing.assert_array_equal(back.arrays[k], np.asarray(v))


def test_cli_runs_tiny_experiment(tmp_path, capsys):
    assert main(["nn", "v0-init", "--tiny", "--device", "cpu", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "running on cpu" in out and "time" in out and "peak memory" in out
    assert (tmp_path / "v0-init.png").exists()


@pytest.mark.parametrize("argv, message", [
    (["nn", "bogus", "--quick"], "unknown experiment"),
    (["nn", "mlp-activation", "--device", "tpu"], "unknown device"),
    (["nn", "mlp-activation", "--seeds", "0", "--tiny", "--device", "cpu"], "seeds"),
])
def test_cli_bad_input_exits_2(argv, message, capsys, tmp_path):
    assert main(argv + ["--out", str(tmp_path)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_cli_cuda_without_gpu_exits_2(capsys):
    assert main(["nn", "mlp-activation", "--device", "cuda", "--quick"]) == 2
    assert "CUDA is not available" in capsys.readouterr().err


def test_mnist_idx_files_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(5, 28, 28), dtype=np.uint8)
    labels = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
    header_i = bytes([0, 0, 8, 3]) + b"".join(int(n).to_bytes(4, "big") for n in images.shape)
    with gzip.open(tmp_path / "train-images-idx3-ubyte.gz", "wb") as f:
        f.write(header_i + images.tobytes())
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(bytes([0, 0, 8, 1]) + (5).to_bytes(4, "big") + labels.tobytes())
    X, y = D.load_mnist(str(tmp_path))
    assert X.shape == (5, 1, 28, 28) and y.tolist() == [3, 1, 4, 1, 5]
    np.testing.assert_allclose(X[2, 0].numpy(), images[2] / 255.0, rtol=1e-6)
    with pytest.raises(ValueError, match="t10k"):
        D.load_mnist(str(tmp_path), split="test")


def test_cifar10_batches_round_trip_and_refuse_other_objects(tmp_path):
    rng = np.random.default_rng(1)
    data = rng.integers(0, 256, size=(4, 3072), dtype=np.uint8)
    with open(tmp_path / "data_batch_1", "wb") as f:
        pickle.dump({b"data": data, b"labels": [0, 9, 2, 7]}, f)
    X, y = D.load_cifar10(str(tmp_path))
    assert X.shape == (4, 3, 32, 32) and y.tolist() == [0, 9, 2, 7]
    np.testing.assert_allclose(X[1].numpy().ravel(), data[1] / 255.0, rtol=1e-6)
    with open(tmp_path / "test_batch", "wb") as f:
        pickle.dump({b"data": data, b"labels": [0, 1, 2, 3], b"evil": os.system}, f)
    with pytest.raises(pickle.UnpicklingError, match="refusing"):
        D.load_cifar10(str(tmp_path), split="test")


def test_offline_generators_are_seeded_and_shaped(monkeypatch):
    requests = pytest.importorskip("requests")
    pytest.importorskip("mnist1d")

    def no_network(*a, **k):
        raise AssertionError("make_mnist1d tried to download")

    monkeypatch.setattr(requests, "get", no_network)
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    X1, y1 = D.make_mnist1d("all", num_samples=200, seed=3)
    X2, y2 = D.make_mnist1d("all", num_samples=200, seed=3)
    # the package seeds numpy's global generator: ours is left as it was
    assert np.array_equal(np.random.get_state()[1], before)
    assert torch.equal(X1, X2) and torch.equal(y1, y2) and X1.shape == (200, 40)
    assert np.bincount(y1.numpy()).tolist() == [20] * 10  # num_samples // 10 per class
    Xt, yt = D.make_mnist1d("train", num_samples=200, seed=3)
    Xs, ys = D.make_mnist1d("test", num_samples=200, seed=3)
    assert torch.equal(torch.cat([Xt, Xs]), X1) and len(yt) == 160 and len(ys) == 40
    assert not torch.equal(D.make_mnist1d("all", num_samples=200, seed=4)[0], X1)
    for bad in (dict(num_samples=205), dict(split="valid"), dict(length=1)):
        with pytest.raises(ValueError, match="make_mnist1d"):
            D.make_mnist1d(**bad)
    X, y = D.load_digits(images=True)
    assert X.shape == (1797, 1, 8, 8) and float(X.max()) == 1.0
    text = D.text_corpus(5000)
    ids, vocab = D.encode_text(text)
    assert len(text) == 5000 and "".join(vocab[i] for i in ids[:50].tolist()) == text[:50]
    with pytest.raises(ValueError, match="valid names"):
        D.load_dataset("imagenet")


def test_nn_list_exits_quietly_on_a_closed_pipe():
    """`adamdyn nn list --json | head -1`: no BrokenPipe traceback (the reader is gone before we write)."""
    import subprocess
    import sys

    r, w = os.pipe()
    os.close(r)  # every write to w now fails with EPIPE, whatever the timing
    try:
        proc = subprocess.run([sys.executable, "-m", "adamdyn", "nn", "list", "--json"], stdout=w,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(w)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.returncode == 141


@pytest.mark.parametrize("argv, fragment", [
    (["--data", "mnist"], "needs --data-dir"),
    (["--data", "foo"], "unknown data set --data 'foo'"),
    (["--data", "mnist", "--data-dir", "/no/such/folder"], "is not a folder"),
])
def test_bad_data_options_exit_2_before_anything_runs(argv, fragment, capsys):
    assert main(["nn", "mlp-activation", "--quick", *argv]) == 2
    out, err = capsys.readouterr()
    assert fragment in err and "Fix:" in err and "running on" not in out
