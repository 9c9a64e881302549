"""The catalogue records, read from the real bundled store."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Store

from kgserver.catalogue.entities import Catalogue, is_node, schema_ancestors
from kgserver.rdf import iris
from kgserver.rdf.namespaces import OIKG, RDF_TYPE, SCHEMA
from kgserver.store.version import dataset_version
from tests.facts import infrastructures, rows, values

ZENODO = iris.ENTITY_BASE + "infrastructure/zenodo"


def test_an_entity_holds_its_stated_facts(catalogue: Catalogue, store: Store) -> None:
    zenodo = catalogue.entities[ZENODO]
    assert zenodo.label == "Zenodo" and zenodo.slug == "infrastructure/zenodo"
    assert zenodo.types == [OIKG + "Infrastructure"]
    assert sorted(zenodo.iris_of(OIKG + "fundedBy")) == values(store, ZENODO, OIKG + "fundedBy")
    assert zenodo.literals_of(OIKG + "foundingYear") == ["2013"]
    assert zenodo.description.startswith("General-purpose repository")
    assert zenodo.modified == max(values(store, ZENODO, "http://purl.org/dc/terms/modified"))


def test_the_catalogue_is_of_the_stores_version(catalogue: Catalogue, store: Store) -> None:
    assert catalogue.version == dataset_version(store)
    assert all(iris.is_entity(iri) and not iris.is_part(iri) for iri in catalogue.entities)


def test_of_type_counts_inferred_classes_and_sorts_by_name(
    catalogue: Catalogue, store: Store
) -> None:
    listed = catalogue.of_type(OIKG + "Infrastructure")
    assert len(listed) == infrastructures(store)
    assert [e.sort_key for e in listed] == sorted(e.sort_key for e in listed)
    stated = {e.iri for e in catalogue.entities.values() if OIKG + "Organization" in e.types}
    organisations = {e.iri for e in catalogue.of_type(OIKG + "Organization")}
    assert stated < organisations  # funders are organisations by inference


def test_classes_are_counted_most_frequent_first(catalogue: Catalogue) -> None:
    counts = [n for _, n in catalogue.classes()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1


def test_incoming_links_read_statements_backwards(catalogue: Catalogue) -> None:
    cern = iris.ENTITY_BASE + "funder/cern"
    assert (ZENODO, OIKG + "hostedBy") in catalogue.incoming[cern]


def test_labels_come_from_the_graph_then_known_ones_then_local_names(
    catalogue: Catalogue,
) -> None:
    assert catalogue.label(ZENODO) == "Zenodo"
    assert catalogue.label(RDF_TYPE) == "type"
    assert catalogue.label("https://example.org/someThing") == "some thing"


def test_inverse_label_names_a_statement_read_backwards(catalogue: Catalogue, store: Store) -> None:
    (inverse,) = rows(store, "SELECT ?i { oikg:hostedBy owl:inverseOf ?i }") or rows(
        store, "SELECT ?i { ?i owl:inverseOf oikg:hostedBy }"
    )
    assert catalogue.inverse_label(OIKG + "hostedBy") == catalogue.label(inverse[0])
    assert catalogue.inverse_label("https://example.org/category") == "has this as category"
    assert catalogue.inverse_label("https://example.org/awardedTo") == "awarded to this"


def test_the_digest_changes_with_the_facts_only(catalogue: Catalogue) -> None:
    zenodo = catalogue.entities[ZENODO]
    digest = catalogue.digest(zenodo)
    assert digest == catalogue.digest(zenodo) and len(digest) == 16
    assert digest != catalogue.digest(catalogue.entities[iris.ENTITY_BASE + "funder/cern"])


def test_blank_nodes_and_fragments_are_parts_of_an_entity() -> None:
    assert is_node(BlankNode())
    assert is_node(NamedNode(ZENODO + "#assessment-1"))
    assert not is_node(NamedNode(ZENODO)) and not is_node(Literal("x"))


def test_schema_ancestors_climbs_to_the_nearest_schema_term() -> None:
    parents = {"a": ["b"], "b": ["c", SCHEMA + "Thing"], "c": [SCHEMA + "Organization"], "d": []}
    assert schema_ancestors(parents) == {
        "a": SCHEMA + "Thing",
        "b": SCHEMA + "Thing",
        "c": SCHEMA + "Organization",
    }


def test_the_graphs_classes_map_to_schema_org(catalogue: Catalogue) -> None:
    assert catalogue.schema_terms[OIKG + "Organization"] == SCHEMA + "Organization"
    assert catalogue.triples > len(catalogue.entities)
    assert RDF_TYPE in catalogue.entities[ZENODO].values
