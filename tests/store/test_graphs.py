"""Tests for kgserver.store.graphs."""

from __future__ import annotations

from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

from kgserver.rdf import iris
from kgserver.store.bundle import Dataset
from kgserver.store.graphs import RESERVED_GRAPHS, data_quads, quads_in, triples_in

P = NamedNode("urn:p")


def small_store() -> Store:
    """One statement in each reserved graph, the data graph, a loaded graph and the default."""
    store = Store()
    graphs = [*sorted(RESERVED_GRAPHS), iris.DATA_GRAPH, "urn:graph:loaded"]
    store.extend(
        Quad(NamedNode(f"urn:s:{i}"), P, NamedNode(g), NamedNode(g)) for i, g in enumerate(graphs)
    )
    store.add(Quad(NamedNode("urn:s:default"), P, NamedNode("urn:o"), DefaultGraph()))
    return store


def test_data_quads_leave_out_the_graphs_the_server_fills() -> None:
    found = data_quads(small_store())
    graphs = {q.graph_name for q in found}
    assert graphs == {NamedNode(iris.DATA_GRAPH), NamedNode("urn:graph:loaded"), DefaultGraph()}


def test_quads_in_and_triples_in_read_one_named_graph_only() -> None:
    store = small_store()
    quads = quads_in(store, iris.DATA_GRAPH)
    assert [q.graph_name for q in quads] == [NamedNode(iris.DATA_GRAPH)]
    assert triples_in(store, iris.DATA_GRAPH) == [quads[0].triple]
    assert quads_in(store, "urn:graph:absent") == []


def test_the_built_stores_data_is_the_bundled_data_graph(store: Store, dataset: Dataset) -> None:
    found = data_quads(store)
    assert {q.graph_name for q in found} == {NamedNode(iris.DATA_GRAPH)}
    assert len(found) == len(set(dataset.data))
    assert len(triples_in(store, iris.ONTOLOGY_GRAPH)) == len(set(dataset.ontology))
