"""The torch path: optimizers built from the single rule definitions, Hessian
spectral densities, offline data and the neural-network experiments.

Torch is imported lazily: ``import adamdyn`` never imports torch, and the names
below are resolved on first access (``adamdyn.torch.Adam`` imports
:mod:`adamdyn.torch.optim`, which imports torch).

Public API
----------
optimizers (:mod:`.optim`)
    :class:`RuleOptimizer`, :class:`Adam`, :class:`AdamW`, :class:`NAdam`,
    :class:`RAdam`, :class:`Adamax`, :class:`Adagrad`, :class:`Lion`,
    :class:`Yogi`, :class:`AdaBound`, :class:`Adafactor`, :class:`AdaMomentum`,
    :class:`S3`, :class:`AdaBelief`, :class:`RMSProp`, :class:`Momentum`,
    :class:`SGD`, :class:`GD`, :class:`SignGD`, :func:`make_optimizer`, :func:`data_driven_v0`,
    :func:`random_v0`
Hessian (:mod:`.hessian`)
    :func:`hessian_operator` (curvlinops or autograd), :func:`hvp_operator`,
    :func:`full_hessian`
spectra (:mod:`.spectra`)
    :func:`lanczos`, :func:`outliers`, :func:`top_eigenvalues`,
    :func:`slq_density`, :func:`exact_density`, :class:`SpectralDensity`,
    :func:`lanczos_broadening`, :func:`kolmogorov_distance`, :func:`check_spectrum`
data (:mod:`.data`)
    :func:`load_digits`, :func:`make_mnist1d`, :func:`load_mnist`,
    :func:`load_cifar10`, :func:`text_corpus`
each paper's comparison with its baselines (:mod:`.comparisons`)
    :data:`COMPARISONS`, :data:`FORMER_NAMES`, :func:`run_adamomentum_baselines`, :func:`run_s3_baselines`,
    :func:`run_v0_baselines`, :func:`claims`, :func:`experiment_list`
experiments (:mod:`.experiments`)
    :data:`EXPERIMENTS`, :func:`run_experiment`, :func:`run_mlp_activation`,
    :func:`run_cnn_vs_transformer`, :func:`run_v0_init`, :func:`run_optimizers`
"""

from __future__ import annotations

import importlib

_WHERE = {
    "optim": (
        "RuleOptimizer", "Adam", "AdamW", "NAdam", "RAdam", "Adamax", "Adagrad", "Lion", "Yogi", "AdaBound",
        "Adafactor", "AdaMomentum", "S3", "AdaBelief", "RMSProp", "Momentum", "SGD", "GD", "SignGD", "make_optimizer",
        "data_driven_v0", "random_v0", "OPTIMIZERS",
    ),
    "hessian": ("hessian_operator", "HessianOperator", "hvp_operator", "full_hessian", "curvlinops_available"),
    "spectra": (
        "lanczos", "outliers", "top_eigenvalues", "slq_density", "exact_density", "SpectralDensity",
        "lanczos_broadening", "kolmogorov_distance", "check_spectrum",
    ),
    "data": ("load_digits", "make_mnist1d", "load_mnist", "load_cifar10", "text_corpus", "load_dataset"),
    "experiments": (
        "EXPERIMENTS", "run_experiment", "run_mlp_activation", "run_cnn_vs_transformer",
        "run_v0_init", "run_optimizers", "ExperimentResult",
    ),
    "training": ("resolve_device", "make_task", "train_run", "train_curves", "make_heldout_task",
                 "init_second_moment", "effective_lr", "preconditioned_sharpness"),
    "comparisons": ("COMPARISONS", "run_adamomentum_baselines", "run_s3_baselines", "run_v0_baselines", "claims",
                    "experiment_list"),
}
#: The paper comparisons' names until December 2026, mapped to their names now (``adamdyn nn`` and
#: :func:`run_experiment` accept both; here, not in :mod:`.comparisons`, so the CLI reads it without torch).
FORMER_NAMES = {"seed002-adamomentum": "adamomentum-baselines", "seed004-s3": "s3-baselines",
                "seed000-v0": "v0-baselines"}
_NAME_TO_MODULE = {name: mod for mod, names in _WHERE.items() for name in names}

__all__ = sorted([*_NAME_TO_MODULE, "FORMER_NAMES"])


def __getattr__(name):
    mod = _NAME_TO_MODULE.get(name)
    if mod is None:
        raise AttributeError(f"module 'adamdyn.torch' has no attribute {name!r}")
    try:
        module = importlib.import_module(f"{__name__}.{mod}")
    except ModuleNotFoundError as exc:
        if exc.name == "torch":
            raise ImportError(
                "adamdyn.torch needs PyTorch, which is not installed. "
                "Fix: pip install 'adamdyn[nn]' (or pip install torch scikit-learn)."
            ) from exc
        raise
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
