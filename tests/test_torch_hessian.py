"""Stochastic Lanczos quadrature against the exact spectrum of a small network's Hessian."""

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="torch is not installed (pip install 'adamdyn[nn]')")

from adamdyn.torch import hessian as Hs  # noqa: E402
from adamdyn.torch.data import load_digits  # noqa: E402

torch.set_num_threads(1)  # small tensors: one thread is fastest, and robust on a busy machine


@pytest.fixture(scope="module")
def trained_net(torch_device):
    torch.manual_seed(0)
    X, y = load_digits(dtype=torch.float64)
    X, y = X[:300, ::4].to(torch_device), y[:300].to(torch_device)  # 16 features: 226 parameters
    net = torch.nn.Sequential(torch.nn.Linear(16, 8), torch.nn.Tanh(), torch.nn.Linear(8, 10)).double()
    net = net.to(torch_device)
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    lossf = torch.nn.CrossEntropyLoss()
    for _ in range(300):
        opt.zero_grad()
        lossf(net(X), y).backward()
        opt.step()
    loss_fn = lambda: lossf(net(X), y)  # noqa: E731
    params = list(net.parameters())
    H = Hs.full_hessian(loss_fn, params)
    exact = Hs.exact_density(torch.linalg.eigvalsh(H).cpu().numpy())
    matvec, n = Hs.hvp_operator(loss_fn, params)
    return H, exact, matvec, n


def test_hvp_matches_dense_hessian(trained_net):
    H, _, matvec, n = trained_net
    v = torch.randn(n, dtype=torch.float64, generator=torch.Generator().manual_seed(2)).to(H.device)
    torch.testing.assert_close(matvec(v), H @ v, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_slq_matches_exact_spectrum(trained_net, seed):
    H, exact, matvec, n = trained_net
    assert n == 226
    d = Hs.slq_density(matvec, n, num_probes=16, num_steps=40, deflate=20, seed=seed, like=H)
    assert abs(d.weights.sum() - 1) < 1e-10
    assert abs(d.moment(1) / exact.moment(1) - 1) < 0.02
    assert abs(d.moment(2) / exact.moment(2) - 1) < 0.02
    deg_exact = exact.degeneracy(rel_band=0.01)
    assert 0.2 < deg_exact < 0.99  # the test can fail both ways: a real fraction of flat directions
    assert abs(d.degeneracy(rel_band=0.01, scale=exact.scale) - deg_exact) < 0.05
    grid = np.linspace(-1, 7, 400)
    assert abs(np.trapezoid(d.curve(grid, sigma=0.1), grid) - 1) < 0.01


def test_top_eigenvalues_are_the_exact_ones(trained_net):
    H, exact, matvec, n = trained_net
    top = Hs.top_eigenvalues(matvec, n, k=3, num_steps=40, like=H)
    np.testing.assert_allclose(top, np.sort(exact.nodes)[::-1][:3], rtol=1e-6)


def test_bad_slq_settings_raise():
    mv = lambda v: v  # noqa: E731
    with pytest.raises(ValueError, match="num_probes"):
        Hs.slq_density(mv, 10, num_probes=0)
    with pytest.raises(ValueError, match="deflate"):
        Hs.slq_density(mv, 10, deflate=10)
