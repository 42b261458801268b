"""Skip doctest collection of :mod:`adamdyn.torch` when torch is not installed."""

import importlib.util

if importlib.util.find_spec("torch") is None:  # pragma: no cover - depends on the environment
    collect_ignore_glob = ["*.py"]
