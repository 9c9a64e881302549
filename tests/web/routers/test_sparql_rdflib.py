"""rdflib, unmodified, against /sparql on a real `kgserver serve`: graphs backed by the endpoint
through `SPARQLStore`, and the `SERVICE` clause of a query rdflib evaluates locally."""

from __future__ import annotations

import pytest
import rdflib
from pyoxigraph import Store
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kgserver.rdf import iris
from tests import facts

OIKG = rdflib.Namespace(iris.ONTOLOGY_NS)
ZENODO = rdflib.URIRef(iris.ENTITY_BASE + "infrastructure/zenodo")
INFRASTRUCTURES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?i ?name WHERE {{ ?i a <{OIKG}Infrastructure> ; rdfs:label ?name }} ORDER BY ?i ?name"""


def infrastructures(store: Store) -> list[tuple[str, str]]:
    found = facts.rows(
        store, "SELECT ?i ?name { ?i a oikg:Infrastructure ; rdfs:label ?name } ORDER BY ?i ?name"
    )
    return [(i, name) for i, name in found]


def remote(live_server: str, **options: str) -> rdflib.Graph:
    return rdflib.Graph(SPARQLStore(live_server + "/sparql", **options))


@pytest.mark.parametrize(
    "options",
    [{}, {"returnFormat": "json"}, {"returnFormat": "xml", "method": "POST"}],
    ids=["defaults", "json", "xml-by-post"],
)
def test_a_graph_on_sparqlstore_answers_select(
    live_server: str, store: Store, options: dict[str, str]
) -> None:
    rows = [(str(r[0]), str(r[1])) for r in remote(live_server, **options).query(INFRASTRUCTURES)]
    assert rows == infrastructures(store)


def test_sparqlstore_answers_ask_and_construct(live_server: str, store: Store) -> None:
    graph = remote(live_server)
    assert graph.query(f"ASK {{ <{ZENODO}> a <{OIKG}Infrastructure> }}").askAnswer is True
    assert graph.query(f"ASK {{ <{ZENODO}> a <{OIKG}Funder> }}").askAnswer is False
    built = graph.query(
        f"CONSTRUCT {{ ?i a <{OIKG}Infrastructure> }} WHERE {{ ?i a <{OIKG}Infrastructure> }}"
    )
    assert built.graph is not None
    subjects = {str(s) for s in built.graph.subjects(rdflib.RDF.type, OIKG.Infrastructure)}
    assert subjects == {i for i, _ in infrastructures(store)}


def test_triple_patterns_on_a_sparqlstore_graph_are_asked_of_the_endpoint(
    live_server: str, store: Store
) -> None:
    """`graph.triples`, `graph.value` and `in` become SELECTs that rdflib writes itself."""
    graph = remote(live_server)
    labels = {str(o) for o in graph.objects(ZENODO, rdflib.RDFS.label)}
    assert labels == set(facts.values(store, str(ZENODO), str(rdflib.RDFS.label)))
    assert (ZENODO, rdflib.RDF.type, OIKG.Infrastructure) in graph
    infrastructures_seen = set(graph.subjects(rdflib.RDF.type, OIKG.Infrastructure))
    assert len(infrastructures_seen) == facts.infrastructures(store)


def test_sparqlstore_lists_the_named_graphs(live_server: str) -> None:
    endpoint = SPARQLStore(live_server + "/sparql", returnFormat="json")
    names = {str(name) for name in endpoint.contexts()}
    assert {iris.DATA_GRAPH, iris.ONTOLOGY_GRAPH} <= names


def test_service_in_a_local_rdflib_query_reaches_the_endpoint(
    live_server: str, store: Store
) -> None:
    local = rdflib.Graph()
    query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?i ?name WHERE {{
      SERVICE <{live_server}/sparql> {{ ?i a <{OIKG}Infrastructure> ; rdfs:label ?name }}
    }} ORDER BY ?i ?name"""
    rows = [(str(r[0]), str(r[1])) for r in local.query(query)]
    assert rows == infrastructures(store)


def test_service_joins_remote_rows_with_local_data(live_server: str, store: Store) -> None:
    """A local graph that marks one infrastructure, joined with the endpoint's labels."""
    ex = rdflib.Namespace("http://example.org/")
    local = rdflib.Graph()
    local.add((ZENODO, ex.reviewed, rdflib.Literal(True)))
    query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?name WHERE {{
      ?i <{ex.reviewed}> true .
      SERVICE <{live_server}/sparql> {{ ?i rdfs:label ?name }}
    }}"""
    names = {str(r[0]) for r in local.query(query)}
    assert names == set(facts.values(store, str(ZENODO), str(rdflib.RDFS.label)))
