"""The standards Infra Finder names, and the patterns that find them in free text."""

from __future__ import annotations

from kgserver.importers.model import normalise
from kgserver.importers.standards import STANDARDS, StandardName
from tests.importers.conftest import rows


def standard(label: str) -> StandardName:
    return next(s for s in STANDARDS if s.label == label)


def test_labels_and_terms_name_one_standard_each() -> None:
    labels = [normalise(s.label) for s in STANDARDS]
    assert len(labels) == len(set(labels))
    terms = [normalise(t) for s in STANDARDS for t in s.terms]
    assert len(terms) == len(set(terms))


def test_patterns_tell_close_names_apart() -> None:
    assert standard("MARC").found_in("we export MARC records")
    assert not standard("MARC").found_in("we export MARCXML and MARC XML")
    assert standard("MARCXML").found_in("we export MARC XML")
    assert standard("JSON").found_in("a JSON API") and not standard("JSON").found_in("JSON-LD")
    assert standard("OAI-PMH").found_in("harvested over oai pmh")


def test_the_real_standards_text_finds_known_standards() -> None:
    texts = [
        r.get("standards_employed", "")
        for r in rows("importers", "infra-finder", "solutions-legacy.csv")
    ]
    found = {s.label for s in STANDARDS for t in texts if s.found_in(t)}
    assert found, "no standard found in Infra Finder's standards_employed text"
