"""Infra Finder's assessment of a service, as the import of the real rows records it."""

from __future__ import annotations

from kgserver.importers.assessment import MAX_TECHNOLOGIES
from kgserver.importers.assessment_columns import CONTROLLED, PRACTICES
from kgserver.importers.data_folder import DataFolder, SaveReport
from kgserver.importers.infra_finder import V2
from kgserver.importers.model import IRI, OIKG, ImportedEntity, Node
from kgserver.importers.vocabularies import pref_label
from kgserver.rdf import iris
from kgserver.rdf.namespaces import RDF_TYPE

DSPACE = iris.ENTITY_BASE + "infrastructure/dspace"


def dspace(imported: tuple[DataFolder, SaveReport]) -> ImportedEntity:
    return imported[0].entities[DSPACE]


def test_each_practice_is_a_dated_sourced_assessment_of_a_known_practice(
    imported: tuple[DataFolder, SaveReport],
) -> None:
    practices = dspace(imported).facts[OIKG + "practice"]
    assert 0 < len(practices) <= len(PRACTICES)
    kinds = set()
    for node in practices:
        assert isinstance(node, Node)
        facts = dict(node.statements)
        assert facts[RDF_TYPE] == IRI(OIKG + "PracticeAssessment")
        assert facts["http://purl.org/dc/terms/source"] == IRI(V2)
        assert "http://purl.org/dc/terms/date" in facts
        kind = facts[OIKG + "practiceType"]
        assert isinstance(kind, IRI) and pref_label(kind.value)
        kinds.add(kind)
    assert len(kinds) == len(practices)  # one assessment per practice


def test_controlled_values_become_concepts_of_their_scheme(
    imported: tuple[DataFolder, SaveReport],
) -> None:
    entity = dspace(imported)
    found = 0
    for _, _, prop, scheme, about_provider in CONTROLLED:
        if about_provider:
            continue
        for value in entity.facts.get(OIKG + prop, ()):
            assert isinstance(value, IRI)
            assert value.value.startswith(f"{iris.ENTITY_BASE}{scheme}/"), (prop, value)
            found += 1
    assert found >= 2


def test_key_technologies_are_capped(imported: tuple[DataFolder, SaveReport]) -> None:
    counts = [len(e.facts.get(OIKG + "keyTechnology", ())) for e in imported[0].entities.values()]
    assert 0 < max(counts) <= MAX_TECHNOLOGIES
