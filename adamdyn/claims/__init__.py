"""Theorems as checks: each claim of the papers computes its prediction, measures it, returns a :class:`Check`.

>>> from adamdyn.claims import CLAIMS
>>> 6 in CLAIMS
True

Run them with :func:`verify` (``quick=True`` for the fast settings) or ``adamdyn verify``.
Predictions come from the symbolic engine (:mod:`adamdyn.theory`) where it
provides them, otherwise from derivations in these modules (sympy); measurements
come from :func:`adamdyn.simulate` and :mod:`adamdyn.sweeps`.
"""

from . import (  # noqa: F401,E501  (registers claims)
    acceleration,
    adam_stability,
    bounds,
    dynamics,
    family,
    gd_momentum,
    quadratic,
    rates,
    regime_three,
    regimes,
)
from .core import CLAIMS, Check, TheoryUnavailable, parse_only, verify
from .report import markdown, records, table

__all__ = ["CLAIMS", "Check", "TheoryUnavailable", "markdown", "parse_only", "records", "table", "verify"]
