r"""Hessians of a network loss as linear operators (the spectra: :mod:`adamdyn.torch.spectra`).

Only Hessian-vector products are used, never the :math:`n\times n` matrix (except by
:meth:`HessianOperator.dense` and :func:`full_hessian`, for networks small enough to
check the estimates against ``torch.linalg.eigvalsh``).

The operator
    :func:`hessian_operator` builds it from a model, a loss and fixed data. By default
    it is curvlinops' ``HessianLinearOperator`` (package ``curvlinops-for-pytorch``:
    forward-over-reverse products, batched over columns by ``vmap``);
    ``backend="autograd"`` uses double backward through the loss,
    :math:`Hv = \nabla(\nabla f\cdot v)`, and needs nothing but torch.
    :func:`hvp_operator` is the same double backward for a loss given as a closure.

Why curvlinops' operator is refused on networks with a LayerNorm
    curvlinops 3.0.1 multiplies by the Hessian as ``jvp(jacrev(loss))`` (forward over
    reverse, ``jacrev`` even for the scalar loss). In torch 2.13 that composition gets the
    mixed second derivative of ``layer_norm`` -- weight by input -- wrong: on the small GPT
    of ``adamdyn nn`` (float64, no dropout, the same mean reduction) the rows of ``H v``
    belonging to LayerNorm weights differ from double backward by 3-14 % (0.1-2 % of
    ``|H v|`` overall, growing with training; the operator is then not even symmetric,
    which is what showed up as outliers 1e-5 apart with residuals 1e-5).
    ``jvp(grad(loss))`` is exact, as is double backward, and so is curvlinops on the
    MLP and the CNN; one LayerNorm with its input as the only other variable reproduces it
    (``tests/test_torch_hessian.py`` keeps that reproduction, and fails once torch fixes
    it). So :func:`hessian_operator` raises for ``backend="curvlinops"`` on a model holding
    a ``torch.nn.LayerNorm``; use ``backend="autograd"`` there.
"""

from __future__ import annotations

import warnings

import torch

__all__ = ["hessian_operator", "HessianOperator", "hvp_operator", "full_hessian", "curvlinops_available"]


# ------------------------------------------------------------------------------------------- operators
def curvlinops_available() -> bool:
    """Whether ``curvlinops`` (package ``curvlinops-for-pytorch``) can be imported."""
    try:
        _curvlinops()
    except ImportError:
        return False
    return True


def _quiet_jit():
    """curvlinops' dependency linear_operator, and torch's forward-mode decompositions loaded on the first
    ``jvp``, call ``torch.jit.script``, which torch >= 2.13 deprecates with a warning."""
    ctx = warnings.catch_warnings()
    ctx.__enter__()
    warnings.filterwarnings("ignore", message=".*torch.jit.script.*", category=DeprecationWarning)
    return ctx


def _curvlinops():
    ctx = _quiet_jit()
    try:
        import curvlinops
    finally:
        ctx.__exit__(None, None, None)
    return curvlinops


def _double_backward_safe():
    """Forward passes whose graph is differentiated twice (Hessian-vector products) run without cuDNN: its
    RNN kernels have no double backward (on a GPU, the LSTM and GRU tasks fail with NotImplementedError), and
    the native kernels give the same function. On the CPU this changes nothing."""
    return torch.backends.cudnn.flags(enabled=False)


class HessianOperator:
    """The Hessian as a linear operator on flat parameter vectors.

    ``H(v)`` (or ``H @ v``) multiplies a vector of length ``n``, ``H.matmat(V)`` an
    ``n x k`` matrix; inputs of any float dtype are cast to the parameters' dtype and
    results come back in float64. ``H.dense()`` forms the matrix (small networks only).
    """

    def __init__(self, matmat, n: int, dtype, device, backend: str):
        self._matmat, self.n, self.dtype, self.device, self.backend = matmat, int(n), dtype, device, backend

    def matmat(self, V: torch.Tensor) -> torch.Tensor:
        with _double_backward_safe():  # (curvlinops runs the model's forward inside each product)
            return self._matmat(V.to(dtype=self.dtype, device=self.device)).to(torch.float64)

    def __call__(self, v: torch.Tensor) -> torch.Tensor:
        return self.matmat(v.reshape(-1, 1)).reshape(-1)

    __matmul__ = __call__

    def dense(self, chunk: int = 256) -> torch.Tensor:
        """The ``n x n`` matrix (float64, symmetrised), ``chunk`` columns per product."""
        eye = torch.eye(self.n, dtype=torch.float64, device=self.device)
        H = torch.cat([self.matmat(eye[:, i: i + chunk]) for i in range(0, self.n, chunk)], dim=1)
        return 0.5 * (H + H.T)


class _LossModule(torch.nn.Module):
    """A plain loss function ``f(output, target)`` as the module curvlinops expects (``reduction='mean'``)."""

    reduction = "mean"

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, output, target):
        return self.fn(output, target)


def hessian_operator(model, loss_func, data, params=None, backend: str = "curvlinops") -> HessianOperator:
    """The Hessian of ``loss_func(model(X), y)`` on fixed ``data`` with respect to ``params``.

    Args:
        model: a ``torch.nn.Module`` (its parameters are the operator's coordinates).
        loss_func: a loss module with ``reduction`` ``"mean"`` or ``"sum"`` (e.g.
            ``torch.nn.CrossEntropyLoss()``), or a function ``f(output, target)`` returning
            a batch mean. With several batches the loss is the mean over all examples.
        data: one batch ``(X, y)`` or a list of batches; fixed (the Hessian is of this loss).
        params: the parameters (default: those of ``model`` with ``requires_grad``).
        backend: ``"curvlinops"`` (curvlinops' ``HessianLinearOperator``; needs
            ``pip install curvlinops-for-pytorch``; refused on models with a ``LayerNorm``, see the
            module docstring) or ``"autograd"`` (double backward, torch only).
    """
    if backend not in ("curvlinops", "autograd"):
        raise ValueError(f"hessian_operator: backend={backend!r} must be 'curvlinops' or 'autograd'. "
                         "Fix: pass one of those.")
    params = [p for p in (model.parameters() if params is None else params) if p.requires_grad]
    if not params:
        raise ValueError("hessian_operator: no parameters with requires_grad=True. Fix: pass the model's "
                         "trainable parameters.")
    batches = [data] if isinstance(data, tuple) else list(data)
    if not batches or any(len(b) != 2 for b in batches):
        raise ValueError("hessian_operator: data must be a batch (X, y) or a non-empty list of such batches. "
                         "Fix: pass (X, y).")
    if not isinstance(loss_func, torch.nn.Module):
        loss_func = _LossModule(loss_func)
    reduction = getattr(loss_func, "reduction", None)
    if reduction not in ("mean", "sum"):
        raise ValueError(f"hessian_operator: the loss's reduction={reduction!r} must be 'mean' or 'sum'. "
                         "Fix: use a loss module with one of those.")
    p0 = params[0]
    n = sum(p.numel() for p in params)
    if backend == "curvlinops":
        norms = [name for name, m in model.named_modules() if isinstance(m, torch.nn.LayerNorm)]
        if norms:
            raise ValueError(
                f"hessian_operator: backend='curvlinops' on a model with LayerNorm ({', '.join(norms[:3])}"
                f"{', ...' if len(norms) > 3 else ''}): curvlinops' jvp(jacrev(loss)) gets LayerNorm's mixed second "
                "derivative wrong in torch (rows of H v off by percents; see this module's docstring). "
                "Fix: pass backend='autograd'.")
        try:
            cl = _curvlinops()
        except ImportError as exc:
            raise ImportError("hessian_operator(backend='curvlinops') needs curvlinops. Fix: pip install "
                              "'curvlinops-for-pytorch' (the 'nn' extra), or pass backend='autograd'.") from exc
        op = cl.HessianLinearOperator(model, loss_func, params, batches, check_deterministic=False)

        def matmat(V):
            ctx = _quiet_jit()
            try:
                return op @ V
            finally:
                ctx.__exit__(None, None, None)

        return HessianOperator(matmat, n, p0.dtype, p0.device, "curvlinops")

    total = sum(int(X.shape[0]) for X, _ in batches)

    def loss_fn():
        scale = (lambda X: X.shape[0] / total) if reduction == "mean" else (lambda X: 1.0)
        return sum(scale(X) * loss_func(model(X), y) for X, y in batches)

    matvec, _ = hvp_operator(loss_fn, params)
    return HessianOperator(lambda V: torch.stack([matvec(V[:, i]) for i in range(V.shape[1])], dim=1),
                           n, p0.dtype, p0.device, "autograd")


def hvp_operator(loss_fn, params):
    """``(matvec, n)`` for the Hessian of ``loss_fn()`` with respect to ``params`` (double backward).

    ``loss_fn()`` returns a scalar loss (fixed data: the Hessian is of that
    loss); ``matvec(v)`` takes and returns a flat tensor of length ``n``. The
    gradient graph is built once and reused by every product, and built again
    when a parameter has changed in place since (autograd's version counters
    say so): a product is always the Hessian at the current parameters.
    """
    params = [p for p in params if p.requires_grad]
    if not params:
        raise ValueError("hvp_operator needs parameters with requires_grad=True.")
    graph = {}

    def flat_grad():
        versions = [p._version for p in params]
        if graph.get("versions") != versions:
            with _double_backward_safe():
                loss = loss_fn()
            grads = torch.autograd.grad(loss, params, create_graph=True)
            graph.update(versions=versions, flat=torch.cat([g.reshape(-1) for g in grads]))
        return graph["flat"]

    n = flat_grad().numel()

    def matvec(v):
        g = flat_grad()
        hv = torch.autograd.grad(g, params, grad_outputs=v.to(g.dtype), retain_graph=True)
        return torch.cat([h.reshape(-1) for h in hv]).detach()

    return matvec, n


def full_hessian(loss_fn, params) -> torch.Tensor:
    """The dense ``n x n`` Hessian (``n`` products with unit vectors); small networks only."""
    matvec, n = hvp_operator(loss_fn, params)
    p0 = next(iter(params))
    eye = torch.eye(n, dtype=p0.dtype, device=p0.device)
    H = torch.stack([matvec(eye[i]) for i in range(n)])
    return 0.5 * (H + H.T)


# ------------------------------------------------------------------------------------------- Lanczos
