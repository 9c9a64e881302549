"""An entity's description: the self-contained graph a harvester gets when it dereferences it.

It holds the entity's own statements (with the blank nodes and the entity's own fragment IRIs
they lead to, as in a Concise Bounded Description), the labels and types of everything it links
to, and its incoming relations with the labels and types of their subjects — who hosts, funds
or implements it.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, NamedNode, Quad, Store, Triple

from kgserver.catalogue.labels import LABEL_PROPERTIES
from kgserver.rdf import iris
from kgserver.rdf.formats import Format
from kgserver.rdf.namespaces import ENTITY_KINDS, RDF_TYPE, prefixes
from kgserver.rdf.output import serialize_graph

DESCRIPTION_PREFIXES = prefixes(
    "oikg", *ENTITY_KINDS, "rdf", "rdfs", "skos", "dcterms", "foaf", "xsd", "schema"
)
"""The prefixes descriptions and dumps are written with."""
_SUMMARY = tuple(NamedNode(p) for p in (*LABEL_PROPERTIES, RDF_TYPE))
_HIDDEN_GRAPHS = (NamedNode(iris.META_GRAPH), NamedNode(iris.SHAPES_GRAPH))
_STATED_ONLY = (*_HIDDEN_GRAPHS, NamedNode(iris.INFERRED_GRAPH))


def describe(store: Store, iri: str, inferred: bool = True) -> list[Triple]:
    """The description of `iri`, deduplicated across named graphs, in a stable order.

    Harvesters get the inferred statements too (superclasses, inverses: useful to clients
    that do not reason); pages (`inferred=False`) show what the sources state.
    """
    hidden = _HIDDEN_GRAPHS if inferred else _STATED_ONLY

    def _quads(subject: object, predicate: object, obj: object) -> list[Quad]:
        return [
            q
            for q in store.quads_for_pattern(subject, predicate, obj)  # type: ignore[arg-type]
            if q.graph_name not in hidden
        ]

    entity = NamedNode(iri)
    triples: dict[Triple, None] = {}
    linked: dict[NamedNode, None] = {}
    pending: list[NamedNode | BlankNode] = [entity]
    visited: set[NamedNode | BlankNode] = set()
    while pending:  # own statements, and those of the blank nodes and fragments they lead to
        node = pending.pop()
        if node in visited:
            continue
        visited.add(node)
        for quad in _quads(node, None, None):
            triples[quad.triple] = None
            if isinstance(quad.object, BlankNode) or (
                isinstance(quad.object, NamedNode)
                and iris.is_part(quad.object.value)
                and iris.entity_of(quad.object.value) == iri
            ):
                pending.append(quad.object)
            elif isinstance(quad.object, NamedNode) and quad.predicate.value != RDF_TYPE:
                linked[quad.object] = None
    for quad in _quads(None, None, entity):  # incoming relations
        triples[quad.triple] = None
        if isinstance(quad.subject, NamedNode):
            linked[quad.subject] = None
    for node in linked:  # labels and types of what it links to, and of what links to it
        for predicate in _SUMMARY:
            for quad in _quads(node, predicate, None):
                triples[quad.triple] = None
    return sorted(
        triples,
        key=lambda t: (
            t.subject != entity,
            str(t.subject),
            t.predicate.value != RDF_TYPE,
            t.predicate.value,
        ),
    )


def serialize_description(triples: list[Triple], fmt: Format) -> bytes:
    """The description in an RDF format (JSON-LD compacted with the same prefixes)."""
    return serialize_graph(triples, fmt, DESCRIPTION_PREFIXES)
