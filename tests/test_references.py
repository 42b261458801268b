"""One list of source papers: short citations, docs/REFERENCES.md current, no "seed 00N" left."""

import dataclasses
import importlib.util
import re
from pathlib import Path

import pytest

from adamdyn import references
from adamdyn.references import REFERENCES, cite

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("references_doc", ROOT / "tools" / "references_doc.py")
refdoc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(refdoc)


def test_cite_short_forms():
    assert cite("adam", title=False) == "Kingma & Ba (2015)"
    assert cite("initial-steps", title=False) == "Abuduweili & Liu (2025)"
    assert cite("adam-degenerate") == (
        "Bai et al. (2026), Towards Understanding Adam Convergence on Highly Degenerate Polynomials")


def test_cite_unknown_key_names_valid_keys():
    with pytest.raises(ValueError, match=r"unknown reference 'seed 003'; valid keys are adam-degenerate, .*Fix:"):
        cite("seed 003")


def test_entries_are_complete():
    for key, r in REFERENCES.items():
        assert r.key == key and r.authors and r.title and r.venue and r.found and r.used_for
        assert 1990 < r.year < 2100
        assert not r.arxiv or re.fullmatch(r"\d{4}\.\d{4,5}", r.arxiv), r.arxiv


def test_references_doc_is_current():
    assert (ROOT / "docs" / "REFERENCES.md").read_text(encoding="utf-8") == refdoc.text(), (
        "stale: run `python tools/references_doc.py`")
    assert refdoc.main(["--check"]) == 0


def test_references_doc_check_fails_on_a_changed_entry(monkeypatch, capsys):
    first = references._ENTRIES[0]
    changed = (dataclasses.replace(first, year=first.year - 1),) + references._ENTRIES[1:]
    monkeypatch.setattr(references, "_ENTRIES", changed)
    assert refdoc.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().err


# ------------------------------------------------------------------ titles against the papers' texts
SEEDS = Path("/work/shared/seeds")
# Which plain-text copy of a source paper holds which entry (the copies are not part of the package).
TEXT_OF = {"adam-degenerate": "003_", "initial-steps": "000_", "adamomentum": "002_", "s3": "004_"}


def letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def title_in_text(title: str, text: str) -> bool:
    """The title occurs in the text, ignoring case, spacing, hyphenation and punctuation."""
    return letters(title) in letters(text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the papers' plain-text copies are not on this machine")
@pytest.mark.parametrize("key", sorted(TEXT_OF))
def test_titles_match_the_papers(key):
    (path,) = SEEDS.glob(TEXT_OF[key] + "*.txt")
    head = path.read_text(encoding="utf-8")[:3000]
    assert title_in_text(REFERENCES[key].title, head)
    assert not title_in_text(REFERENCES[key].title + " Revisited", head)  # the match is not vacuous


# ------------------------------------------------------------------ every citation names a listed paper
SEED = re.compile(r"\bseeds?[ -]00\d\b|\bother seeds'", re.I)
# "Bai et al. (2026)", "(Bai et al., 2026)", "Kingma & Ba (2015)", "(Abuduweili & Liu, 2025)"
SHORT = re.compile(r"\b([A-Z][a-z]+(?: et al\.| & [A-Z][a-z]+))(?: \(|, )(\d{4})\b")
# README's generated sections are rewritten by tools/update_readme.py (from docs/*.md the lead regenerates).
GENERATED = re.compile(r"<!-- (\w+) -->.*?<!-- /\1 -->", re.S)


def texts():
    """The hand-written text users read: the package, the notebooks' scripts, README (outside its
    generated sections), CONTRIBUTING and the generated THEORY/REFERENCES."""
    files = sorted((ROOT / "adamdyn").rglob("*.py")) + sorted((ROOT / "notebooks").glob("*.py"))
    files += [ROOT / "CONTRIBUTING.md", ROOT / "docs" / "THEORY.md", ROOT / "docs" / "REFERENCES.md"]
    out = {f.relative_to(ROOT).as_posix(): f.read_text(encoding="utf-8") for f in files}
    out["README.md"] = GENERATED.sub("", (ROOT / "README.md").read_text(encoding="utf-8"))
    return out


def seed_citations(text: str) -> list:
    return [m.group(0) for m in SEED.finditer(text)]


def unknown_short_citations(text: str) -> list:
    known = {(r.short().rsplit(" (", 1)[0], str(r.year)) for r in REFERENCES.values()}
    return [m.group(0) for m in SHORT.finditer(text) if (m.group(1), m.group(2)) not in known]


def test_no_seed_citations_left():
    found = {path: seed_citations(t) for path, t in texts().items()}
    assert {p: f for p, f in found.items() if f} == {}


def test_short_citations_name_listed_papers():
    found = {path: unknown_short_citations(t) for path, t in texts().items()}
    assert {p: f for p, f in found.items() if f} == {}


def test_citation_scans_catch_bad_text():
    assert seed_citations("as in seed 003, Thm 4.1; Seed 000's toy; the other seeds' rules") == [
        "seed 003", "Seed 000", "other seeds'"]
    assert seed_citations("adamdyn.experiments.seed000_toy (a module name)") == []
    assert unknown_short_citations("Bai et al. (2025), Thm 4.1; (Abuduweili & Liu, 2024)") == [
        "Bai et al. (2025", "Abuduweili & Liu, 2024"]
    assert unknown_short_citations("Bai et al. (2026); (Kingma & Ba, 2015)") == []
