"""Descriptions of our own, composed from an entity's facts."""

from __future__ import annotations

from kgserver.importers.data_folder import DataFolder, SaveReport
from kgserver.importers.descriptions import describe
from kgserver.importers.model import DESCRIPTION, IRI, LABEL, OIKG, ImportedEntity, Literal, text
from kgserver.rdf import iris


def description(entity: ImportedEntity) -> str:
    value = entity.first(DESCRIPTION)
    assert isinstance(value, Literal)
    return value.value


def test_a_generated_infrastructure_is_described_by_its_category_and_host(
    imported: tuple[DataFolder, SaveReport],
) -> None:
    entities = imported[0].entities
    ojs = entities[iris.ENTITY_BASE + "infrastructure/open-journal-systems"]
    assert not ojs.curated
    (host,) = ojs.facts[OIKG + "hostedBy"]
    assert isinstance(host, IRI)
    assert description(ojs) == f"Publishing system run by {entities[host.value].label()}."


def test_a_curated_file_keeps_its_own_words(imported: tuple[DataFolder, SaveReport]) -> None:
    arxiv = imported[0].entities[iris.ENTITY_BASE + "infrastructure/arxiv"]
    assert arxiv.curated and description(arxiv).startswith("Open-access repository of preprints")


def test_a_stated_description_and_a_curated_entity_are_left_alone() -> None:
    stated = ImportedEntity(
        "infrastructure", "a", {LABEL: {text("A")}, DESCRIPTION: {text("Own.")}}
    )
    curated = ImportedEntity("infrastructure", "b", {LABEL: {text("B")}}, curated=True)
    entities = {e.iri: e for e in (stated, curated)}
    describe(entities)
    assert description(stated) == "Own." and DESCRIPTION not in curated.facts
