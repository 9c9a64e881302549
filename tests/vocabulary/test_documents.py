"""The ontology and shapes graphs read from the store, and the versions the server answers for."""

from __future__ import annotations

import rdflib
from pyoxigraph import NamedNode, Store

from kgserver.rdf import iris
from kgserver.rdf.namespaces import OWL
from kgserver.store.graphs import quads_in
from kgserver.vocabulary.documents import holds_version, ontology_header
from tests.facts import values


def test_the_rdflib_graph_holds_every_statement_of_the_store_graph(
    store: Store, ontology: rdflib.Graph, shapes: rdflib.Graph
) -> None:
    assert len(ontology) == len(list(quads_in(store, iris.ONTOLOGY_GRAPH))) > 100
    assert (rdflib.URIRef(iris.ONTOLOGY), rdflib.RDF.type, rdflib.OWL.Ontology) in ontology
    assert len(shapes) == len(list(quads_in(store, iris.SHAPES_GRAPH))) > 100


def test_the_header_is_about_the_ontology_only(store: Store) -> None:
    header = ontology_header(store)
    assert header and {t.subject for t in header} == {NamedNode(iris.ONTOLOGY)}
    assert any(t.predicate.value == OWL + "versionIRI" for t in header)


def test_only_the_stated_version_is_held(store: Store) -> None:
    (version_iri,) = values(store, iris.ONTOLOGY, OWL + "versionIRI")
    version = version_iri.rsplit("/", 1)[-1]
    assert holds_version(store, version)
    assert not holds_version(store, "0.0.0")
    assert not holds_version(store, 'x" y')
