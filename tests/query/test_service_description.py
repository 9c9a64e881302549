"""The SPARQL Service Description (`kgserver/query/service_description.py`)."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Store, Triple

from kgserver.query.service_description import describe_service
from kgserver.rdf import iris
from kgserver.rdf.formats import RESULTS_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID_TRIPLES = NamedNode("http://rdfs.org/ns/void#triples")
ENDPOINT = NamedNode("http://testserver/sparql")


def objects(triples: list[Triple], subject: object, predicate: NamedNode) -> list[object]:
    return [t.object for t in triples if t.subject == subject and t.predicate == predicate]


def test_the_service_names_its_endpoint_language_and_result_formats(store: Store) -> None:
    triples = describe_service(ENDPOINT.value, store)
    assert objects(triples, ENDPOINT, NamedNode(SD + "endpoint")) == [ENDPOINT]
    assert objects(triples, ENDPOINT, NamedNode(SD + "supportedLanguage")) == [
        NamedNode(SD + "SPARQL11Query")
    ]
    formats = objects(triples, ENDPOINT, NamedNode(SD + "resultFormat"))
    for fmt in RESULTS_FORMATS:
        assert fmt.oxigraph is not None and NamedNode(fmt.oxigraph.iri) in formats


def test_each_named_graph_is_described_with_its_size(store: Store) -> None:
    triples = describe_service(ENDPOINT.value, store)
    names = [t for t in triples if t.predicate == NamedNode(SD + "name")]
    assert {t.object for t in names} >= {
        NamedNode(iris.DATA_GRAPH),
        NamedNode(iris.ONTOLOGY_GRAPH),
        NamedNode(iris.SHAPES_GRAPH),
    }
    [data] = [t.subject for t in names if t.object == NamedNode(iris.DATA_GRAPH)]
    [graph] = objects(triples, data, NamedNode(SD + "graph"))
    size = sum(1 for _ in store.quads_for_pattern(None, None, None, NamedNode(iris.DATA_GRAPH)))
    [count] = objects(triples, graph, VOID_TRIPLES)
    assert isinstance(count, Literal) and int(count.value) == size


def test_the_default_graph_counts_every_quad(store: Store) -> None:
    triples = describe_service(ENDPOINT.value, store)
    [dataset] = objects(triples, ENDPOINT, NamedNode(SD + "defaultDataset"))
    [default] = objects(triples, dataset, NamedNode(SD + "defaultGraph"))
    [count] = objects(triples, default, VOID_TRIPLES)
    assert isinstance(count, Literal) and int(count.value) == len(store)
