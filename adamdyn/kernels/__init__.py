"""Numba per-point sweep kernels, generated from the optimizer rules.

:mod:`adamdyn.kernels._generated` holds one raw (float64) and one normalized
(sign/log, never over- or underflows) kernel per rule and per combination of
the rule's boolean parameters; :mod:`adamdyn.kernels.codegen` writes it. Use
:func:`get_kernels` to pick the pair for a rule and its flags.
"""

from __future__ import annotations

__all__ = ["get_kernels", "F_COLUMNS", "I_COLUMNS"]

F_COLUMNS = ("min_log10_loss", "final_log10_loss", "max_log10_coupling", "late_slope")
I_COLUMNS = ("min_step", "spike_step", "divergence_step", "underflow_step", "steps_run", "deep_steps")


def get_kernels(rule, flags: dict):
    """Return ``(raw_kernel, normalized_kernel)`` for ``rule`` with boolean ``flags``."""
    from ._generated import KERNELS
    from .codegen import bool_params

    key = (rule.name, tuple(sorted((k, bool(flags[k])) for k in bool_params(rule))))
    try:
        return KERNELS[key]
    except KeyError:
        raise ValueError(
            f"no generated kernel for optimizer {rule.name!r}; kernels exist for "
            f"{', '.join(sorted({k[0] for k in KERNELS}))}. Fix: after registering a new rule, "
            "regenerate with `python -m adamdyn.kernels.codegen`."
        ) from None
