"""The store's named graphs: which hold the model, and which the data that curators change."""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad, Store, Triple

from kgserver.rdf import iris

RESERVED_GRAPHS = frozenset(
    {iris.ONTOLOGY_GRAPH, iris.SHAPES_GRAPH, iris.META_GRAPH, iris.INFERRED_GRAPH}
)
"""Graphs the server fills itself; every other graph holds data (`graph/data` and loads)."""


def quads_in(store: Store, graph: str) -> list[Quad]:
    """Every quad of the named graph `graph`."""
    return list(store.quads_for_pattern(None, None, None, NamedNode(graph)))


def triples_in(store: Store, graph: str) -> list[Triple]:
    """The triples of the named graph `graph`."""
    return [quad.triple for quad in quads_in(store, graph)]


def data_quads(store: Store) -> list[Quad]:
    """The quads of every data graph: what contributions are validated in the context of."""
    return [
        q
        for q in store.quads_for_pattern(None, None, None)
        if not isinstance(q.graph_name, NamedNode) or q.graph_name.value not in RESERVED_GRAPHS
    ]
