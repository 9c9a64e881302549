"""Tests for kgserver.rdf.output."""

from __future__ import annotations

import json

import pytest
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple, parse

from kgserver.rdf import iris
from kgserver.rdf.formats import JSON_LD, TURTLE
from kgserver.rdf.namespaces import prefixes
from kgserver.rdf.output import serialize_graph, to_rdflib, to_rdflib_term
from kgserver.store.graphs import quads_in, triples_in

ZENODO = NamedNode(iris.ENTITY_BASE + "infrastructure/zenodo")


def zenodo(store: Store) -> list[Triple]:
    return [
        q.triple for q in store.quads_for_pattern(ZENODO, None, None, NamedNode(iris.DATA_GRAPH))
    ]


def test_turtle_declares_the_prefixes_given_and_keeps_the_triples(store: Store) -> None:
    triples = zenodo(store)
    assert triples
    written = serialize_graph(triples, TURTLE, prefixes("oikg", "schema", "infrastructure"))
    assert b"@prefix oikg: <https://w3id.org/oikg/ontology#>" in written
    assert {q.triple for q in parse(written, format=TURTLE.rdf_format)} == set(triples)


def test_json_ld_is_compacted_against_the_prefixes_and_expands_to_the_same_triples(
    store: Store,
) -> None:
    triples = zenodo(store)
    table = prefixes("oikg", "schema", "rdfs", "xsd", "infrastructure")
    written = serialize_graph(triples, JSON_LD, table)
    document = json.loads(written)
    assert {name: document["@context"][name] for name in table} == table
    assert "infrastructure:zenodo" in json.dumps(document)
    assert {q.triple for q in parse(written, format=JSON_LD.rdf_format)} == set(triples)


def test_to_rdflib_drops_graph_names_and_keeps_every_triple(store: Store) -> None:
    shapes = quads_in(store, iris.SHAPES_GRAPH)
    graph = to_rdflib(shapes)
    assert len(graph) == len({q.triple for q in shapes})
    ontology = triples_in(store, iris.ONTOLOGY_GRAPH)
    both = to_rdflib(ontology, graph)
    assert both is graph
    assert len(graph) == len({q.triple for q in shapes} | set(ontology))


def test_to_rdflib_term_converts_each_kind_of_term() -> None:
    assert to_rdflib_term(ZENODO) == rdflib.URIRef(ZENODO.value)
    assert to_rdflib_term(BlankNode("b1")) == rdflib.BNode("b1")
    french = to_rdflib_term(Literal("dépôt", language="fr"))
    assert isinstance(french, rdflib.Literal)
    assert (french.language, french.datatype) == ("fr", None)
    number = to_rdflib_term(Literal("42", datatype=NamedNode(str(rdflib.XSD.integer))))
    assert number == rdflib.Literal(42)
    plain = to_rdflib_term(Literal("zenodo"))
    assert isinstance(plain, rdflib.Literal)
    assert plain.datatype == rdflib.XSD.string
    with pytest.raises(TypeError):
        to_rdflib_term("not a term")
