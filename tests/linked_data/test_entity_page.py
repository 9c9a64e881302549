"""The page model of an entity (linked_data/entity_page.py), from its real description."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from kgserver.catalogue.snapshot import Snapshot
from kgserver.linked_data.describe import describe
from kgserver.linked_data.entity_page import EntityPage, entity_page, identifier_registry
from kgserver.rdf.urls import Urls
from tests.facts import rows

ZENODO = "https://w3id.org/oikg/id/infrastructure/zenodo"
CERN = "https://w3id.org/oikg/id/funder/cern"


@pytest.fixture(scope="module")
def zenodo(store: Store, snapshot: Snapshot, urls: Urls) -> EntityPage:
    return entity_page(ZENODO, describe(store, ZENODO, False), snapshot.catalogue, urls)


def test_the_page_has_the_entitys_label_description_and_sources(
    zenodo: EntityPage, store: Store
) -> None:
    ((label, description, _),) = rows(
        store, "SELECT ?l ?d $e WHERE { $e rdfs:label ?l ; dcterms:description ?d }", e=ZENODO
    )
    assert zenodo.title == label
    assert zenodo.description == description
    sources = {s for (s, _) in rows(store, "SELECT ?s $e WHERE { $e dcterms:source ?s }", e=ZENODO)}
    assert len(zenodo.sources) == len(sources)
    assert zenodo.modified


def test_links_to_other_entities_point_at_their_pages(zenodo: EntityPage, urls: Urls) -> None:
    entity_values = [v for row in zenodo.rows for v in row.values if v.kind == "entity"]
    assert entity_values
    assert all(v.href.startswith("http://testserver/id/") for v in entity_values)
    assert all(row.label for row in zenodo.rows)


def test_the_funder_page_lists_what_it_funds_as_incoming(
    store: Store, snapshot: Snapshot, urls: Urls
) -> None:
    cern = entity_page(CERN, describe(store, CERN, False), snapshot.catalogue, urls)
    incoming = {v.href for row in cern.incoming for v in row.values}
    assert urls.href(ZENODO) in incoming


def test_schema_org_describes_the_entity(zenodo: EntityPage) -> None:
    assert zenodo.schema_org["@id"] == ZENODO
    assert zenodo.schema_org["name"] == zenodo.title


@pytest.mark.parametrize(
    ("iri", "registry"),
    [
        ("https://www.wikidata.org/wiki/Q1", "Wikidata"),
        ("https://ror.org/01ggx4157", "ROR"),
        ("https://doi.org/10.13039/100000001", "Crossref Funder Registry"),
        ("https://doi.org/10.5281/zenodo.1", "DOI"),
        ("https://example.org/x", None),
    ],
)
def test_identifier_registries_are_named_by_host(iri: str, registry: str | None) -> None:
    assert identifier_registry(iri) == registry
