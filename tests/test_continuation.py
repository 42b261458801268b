"""adamdyn.dynamics.continuation: Adam's boundaries at n = 4 against the engine's closed forms."""

import dataclasses

import numpy as np
import pytest
import sympy as sp

from adamdyn.dynamics.continuation import boundary_function, continue_boundary
from adamdyn.rules import get_rule
from adamdyn.theory import derive


def _derived(kind_word):
    """The engine's boundary (``param < bound`` or ``param > bound``) whose bifurcation text starts with kind_word."""
    d = derive("adam", n=4)
    (b,) = [b for b in d.boundaries if b["bifurcation"].startswith(kind_word)]
    cond = b["condition"]
    f = sp.lambdify([sp.Symbol("beta2", positive=True)], cond.rhs, "numpy")
    assert str(cond.lhs) == "beta1"
    return f


@pytest.mark.parametrize("kind,word,start,ds", [("neimark_sacker", "complex pair", (0.8, 0.8), 0.02),
                                                 ("flip", "-1: flip", (0.005, 0.01), 0.005)])
def test_adam_boundary_matches_closed_form(kind, word, start, ds):
    b = continue_boundary("adam", 4, kind=kind, start=start, steps=15, ds=ds)
    assert len(b.values) > 10
    beta1, beta2 = b.values.T
    assert np.max(np.abs(beta1 - _derived(word)(beta2))) < 1e-8
    assert np.max(b.residual) < 1e-10
    # on the curve an eigenvalue of the reduced map is on the unit circle
    mu = np.abs(b.eigenvalues)
    assert np.max(np.min(np.abs(mu - 1), axis=1)) < 1e-8
    if kind == "neimark_sacker":
        assert b.complex_pair.all()


def test_perturbed_rule_moves_the_boundary():
    adam = get_rule("adam")

    def update(state, g, t, p, B):
        b1 = 1.01 * p.beta1  # the momentum's decay 1 % off
        m, v = b1 * state[0] + (1 - b1) * g, p.beta2 * state[1] + (1 - p.beta2) * g * g
        return (m, v), m / B.sqrt(v)

    wrong = dataclasses.replace(adam, name="adam_perturbed", update=update)
    b = continue_boundary(wrong, 4, kind="neimark_sacker", start=(0.8, 0.8), steps=5, ds=0.02)
    beta1, beta2 = b.values.T
    assert np.max(np.abs(beta1 - _derived("complex pair")(beta2))) > 1e-4


def test_test_functions_on_known_spectra():
    rot = np.array([[[np.cos(0.3), -np.sin(0.3)], [np.sin(0.3), np.cos(0.3)]]])  # |mu| = 1, complex
    assert abs(boundary_function(rot, "neimark_sacker")[0]) < 1e-15
    assert abs(boundary_function(np.diag([1.0, 0.5])[None], "fold")[0]) < 1e-15
    assert abs(boundary_function(np.diag([-1.0, 0.5])[None], "flip")[0]) < 1e-15
    assert abs(boundary_function(np.diag([0.9, 0.5])[None], "neimark_sacker")[0]) > 0.5


@pytest.mark.parametrize("kw,word", [
    ({"kind": "hopf", "start": (0.8, 0.8)}, "kind='hopf'"),
    ({"plane": ("beta1", "gamma"), "start": (0.8, 0.8)}, "plane="),
    ({"start": (1.5, 0.8)}, "beta1=1.5"),
    ({"start": None}, "start=None"),
    ({"start": (0.99, 0.5)}, "does not exist"),
])
def test_bad_input(kw, word):
    with pytest.raises(ValueError, match="Fix:") as exc:
        continue_boundary("adam", 4, **kw)
    assert word in str(exc.value)
