"""Numba per-point sweep kernels, generated from the optimizer rules.

Every rule (built-in or registered at run time) gets one raw (float64) and one normalized (sign/log,
never over- or underflows) kernel per combination of its boolean parameters, written by
:mod:`adamdyn.kernels.codegen` into the cache folder on first use (:func:`adamdyn._cache.import_generated`)
and compiled by numba with ``cache=True``, so a second process loads numba's cache. Nothing generated
is committed. Use :func:`get_kernels` to pick the pair for a rule and its flags.
"""

from __future__ import annotations

__all__ = ["get_kernels", "rule_module", "F_COLUMNS", "I_COLUMNS"]

F_COLUMNS = ("min_log10_loss", "final_log10_loss", "max_log10_coupling", "late_slope")
I_COLUMNS = ("min_step", "spike_step", "divergence_step", "underflow_step", "steps_run", "deep_steps")


def get_kernels(rule, flags: dict):
    """Return ``(raw_kernel, normalized_kernel)`` for ``rule`` with boolean ``flags``."""
    from .codegen import bool_params

    key = (rule.name, tuple(sorted((k, bool(flags[k])) for k in bool_params(rule))))
    try:
        return rule_module(rule).KERNELS[key]
    except KeyError:
        raise ValueError(f"no kernel for optimizer {rule.name!r} with flags {dict(key[1])}") from None


_MODULES: dict = {}


def rule_module(rule, device: str = "cpu"):
    """The generated kernel module of ``rule`` for ``device`` (``"cpu"``, ``"cuda"``): generated, written
    into ``<cache>/kernels`` (a temporary folder when the cache is off) under a name holding a hash of its
    text, and imported, once per process and rule object (a changed rule gets new kernels)."""
    from .. import _cache
    from .codegen import generate, module_stem

    held = _MODULES.get((id(rule), device))
    if held is None or held[0] is not rule:
        held = _MODULES[(id(rule), device)] = (rule, _cache.import_generated("kernels", module_stem(rule, device),
                                                                             generate(rule, device)))
    return held[1]
