"""docs/THEORY.md is what tools/theory_doc.py generates from the symbolic engine (nothing typed in)."""

import importlib.util
from pathlib import Path

import sympy as sp

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("theory_doc", ROOT / "tools" / "theory_doc.py")
theory_doc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(theory_doc)

SECTIONS = ("The objective and the optimizers", "The normalized state map", "Fixed points", "Stability", "Rates",
            "The three regimes", "The acceleration map", "The quadratic case", "The other optimizers")


def test_theory_doc_is_current():
    committed = (ROOT / "docs" / "THEORY.md").read_text(encoding="utf-8")
    assert committed == theory_doc.text(), "stale: run `python tools/theory_doc.py`"
    for title in SECTIONS:  # the sections docstrings point to
        assert f"\n## {title}\n" in committed


def test_theory_doc_follows_the_engine(monkeypatch, capsys):
    # A wrong derivation (Adam's rate squared) changes the generated document, so the check fails.
    import adamdyn.theory as symbolic

    real = symbolic.derive

    def wrong(name="adam", n=None, **kw):
        d = real(name, n=n, **kw)
        if name == "adam" and n is None:
            d = type(d)(**{**d.__dict__, "rate": d.rate**2, "loss_rate": d.loss_rate**2})
        return d

    monkeypatch.setattr(symbolic, "derive", wrong)
    assert theory_doc.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert sp.latex(real("adam").rate**2) in theory_doc.text()
