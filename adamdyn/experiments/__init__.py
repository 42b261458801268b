"""Experiments that combine the layers: the saddle toy of Abuduweili & Liu (2025), the other papers' optimizers, comparison tables.

Each module returns a result dataclass (saved as ``.npz`` without pickle); the
figures drawn from them live in :mod:`adamdyn.figures` (``other_optimizers``, ``saddle_toy``).
"""
