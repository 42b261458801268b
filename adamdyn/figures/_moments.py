"""The moments of a 1-D power-objective run in log10 (no plotting, no theory)."""

from __future__ import annotations

import numpy as np

__all__ = ["log10_moments"]


def log10_moments(r) -> dict:
    r"""log10 of :math:`|g_t|`, :math:`g_t^2`, :math:`v_t` and :math:`|m_t|` of a 1-D power-objective run.

    Works for raw and normalized trajectories alike, from the recorded
    ``log10_abs_x``, ``log10_coupling`` (:math:`\log_{10} v_t/g_t^2`) and ``u``
    (:math:`m_t/g_t`), so values far below ``1e-308`` are fine.
    """
    n = float(r.objective_params["n"])
    lg = (n - 1.0) * np.asarray(r.log10_abs_x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lm = np.log10(np.abs(np.asarray(r.u, dtype=float))) + lg
    return {"g": lg, "g2": 2.0 * lg, "v": np.asarray(r.log10_coupling, dtype=float) + 2.0 * lg, "m": lm,
            "m_opposes_g": np.asarray(r.u, dtype=float) < 0}
