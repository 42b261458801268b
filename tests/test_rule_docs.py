"""Each rule's equations are written once (``EQUATIONS``) and shown by ``help(module)``."""

import ast
import importlib
import inspect

import pytest

from adamdyn.rules import RULES
from adamdyn.rules.base import with_equations

BUILTIN = ("gd", "momentum", "signgd", "rmsprop", "adam", "adamomentum", "s3", "adabelief")


def retyped_math(source: str) -> list:
    """``.. math::`` lines typed into a module's source docstring (the equations should come from
    ``EQUATIONS`` instead)."""
    doc = ast.get_docstring(ast.parse(source)) or ""
    return [ln for ln in doc.splitlines() if ".. math::" in ln]


@pytest.mark.parametrize("name", BUILTIN)
def test_equations_written_once_and_shown_in_help(name):
    mod = importlib.import_module(f"adamdyn.rules.{name}")
    assert mod.RULE is RULES[name]
    assert mod.RULE.equations is mod.EQUATIONS
    assert retyped_math(inspect.getsource(mod)) == []
    for line in mod.EQUATIONS.strip().splitlines():
        assert line.strip() in mod.__doc__


def test_retyped_math_is_detected():
    # A module whose docstring types its equations by hand (the old layout) is flagged.
    src = 'r"""Adam.\n\n.. math:: m_t = \\beta_1 m_{t-1}\n"""\nEQUATIONS = "m_t"\n'
    assert retyped_math(src) == [".. math:: m_t = \\beta_1 m_{t-1}"]


def test_with_equations_block_and_stripped_docstrings():
    out = with_equations("Summary.\n", "a = b\nc = d\n")
    assert out == "Summary.\n\n.. math::\n\n    a = b\n\n    c = d\n"
    assert with_equations(None, "a = b") is None
