"""Every name a package promises lazily (``adamdyn``, ``adamdyn.dynamics``, ``adamdyn.torch``) resolves.

A module that moves or splits must take its lazy names with it; a stale table fails only when a user asks
for the name (``adamdyn.torch.exact_density`` after the spectra left ``hessian.py``).
"""

from __future__ import annotations

import importlib

import pytest

import adamdyn


def _resolves(package, names):
    return [name for name in names if getattr(package, name, None) is None]


def test_adamdyn_lazy_names_resolve():
    assert _resolves(adamdyn, adamdyn._LAZY) == []


def test_dynamics_lazy_names_resolve():
    dynamics = importlib.import_module("adamdyn.dynamics")
    assert _resolves(dynamics, dynamics.__all__) == []


def test_torch_lazy_names_resolve():
    pytest.importorskip("torch")
    torch_pkg = importlib.import_module("adamdyn.torch")
    names = [name for names in torch_pkg._WHERE.values() for name in names]
    assert _resolves(torch_pkg, names) == []


def test_a_stale_table_is_caught(monkeypatch):
    dynamics = importlib.import_module("adamdyn.dynamics")
    monkeypatch.setitem(dynamics._NAME_TO_MODULE, "no_such_name", "maps")
    assert _resolves(dynamics, ["no_such_name", "atlas"]) == ["no_such_name"]
