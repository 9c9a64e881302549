"""The crosswalks the importers share: organisation and work names, and categories."""

from __future__ import annotations

from kgserver.importers.names import (
    ORGANISATIONS,
    SAME_WORK,
    STANDARD_CATEGORY,
    category_iri,
    organisations,
    work_names,
)
from kgserver.importers.vocabularies import pref_label
from kgserver.rdf import iris
from tests.importers.conftest import rows


def test_every_ioi_category_has_a_concept_in_the_scheme() -> None:
    labels = {
        r["solution_category"] for r in rows("ioi-state-of-open", "oi_solution_categories.csv")
    }
    assert len(labels) > 20
    assert {label for label in labels if category_iri(label) is None} == set()


def test_a_cell_with_an_acronym_names_it_as_an_alternative() -> None:
    assert organisations("Open Knowledge Foundation (OKF)") == [
        ("Open Knowledge Foundation", ("OKF",))
    ]
    assert organisations("  ") == []
    known = next(iter(ORGANISATIONS))
    assert organisations(known) == ORGANISATIONS[known]


def test_a_work_name_keeps_its_acronym_and_the_whole_cell_as_alternatives() -> None:
    assert work_names("Open Science Framework (OSF)") == (
        "Open Science Framework",
        ("OSF", "Open Science Framework (OSF)"),
    )
    assert work_names("Zenodo") == ("Zenodo", ())
    assert work_names("Foo (formerly Bar)")[1][0] == "Bar"


def test_a_category_is_found_by_its_label_and_unknown_ones_are_none() -> None:
    concept = category_iri(STANDARD_CATEGORY)
    assert concept is not None and concept.startswith(iris.ENTITY_BASE + "category/")
    assert pref_label(concept) == STANDARD_CATEGORY
    assert category_iri("Digital preservation tool") == category_iri("Preservation system")
    assert category_iri("no such category") is None


def test_same_work_names_never_chain() -> None:
    assert not set(SAME_WORK.values()) & set(SAME_WORK)
