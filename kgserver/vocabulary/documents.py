"""The ontology and the shapes as the store holds them: their graphs, for documentation and for
serialising, and the ontology versions this server answers for."""

from __future__ import annotations

import rdflib
from pyoxigraph import NamedNode, Store, Triple

from kgserver.rdf import iris
from kgserver.rdf.namespaces import OWL
from kgserver.rdf.output import to_rdflib
from kgserver.store.graphs import quads_in, triples_in


def as_rdflib(store: Store, graph: str) -> rdflib.Graph:
    """The ontology or shapes graph as rdflib's, which the documentation is generated from."""
    return to_rdflib(quads_in(store, graph))


def ontology_header(store: Store) -> list[Triple]:
    """The statements about the ontology itself (title, version, licence…), for pages' JSON-LD."""
    ontology = NamedNode(iris.ONTOLOGY)
    return [t for t in triples_in(store, iris.ONTOLOGY_GRAPH) if t.subject == ontology]


def holds_version(store: Store, version: str) -> bool:
    """Whether the ontology here has the version IRI `…/ontology/{version}` (never for a
    `version` that makes no IRI, such as one with a quote or a space)."""
    try:
        version_iri = NamedNode(f"{iris.ONTOLOGY}/{version}")
    except ValueError:
        return False
    found = store.quads_for_pattern(
        NamedNode(iris.ONTOLOGY),
        NamedNode(OWL + "versionIRI"),
        version_iri,
        NamedNode(iris.ONTOLOGY_GRAPH),
    )
    return next(iter(found), None) is not None
