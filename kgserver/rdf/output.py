"""Graphs in the RDF format a client asked for, and the bridge to rdflib where it is the tool.

Oxigraph writes JSON-LD expanded (full IRIs, no @context). Harvesters and people read compact
JSON-LD, so descriptions are compacted by rdflib against a context made of the same prefixes
the Turtle uses; a JSON-LD processor expands it to the same triples.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Triple, serialize

from kgserver.rdf.formats import JSON_LD, N_TRIPLES, Format


def serialize_graph(triples: Iterable[Triple], fmt: Format, prefixes: Mapping[str, str]) -> bytes:
    """`triples` in `fmt` (an RDF format of the format table), with `prefixes`."""
    if fmt is JSON_LD:
        return compact_json_ld(triples, prefixes)
    return serialize(triples, format=fmt.rdf_format, prefixes=dict(prefixes)) or b""


def compact_json_ld(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> bytes:
    """Compact JSON-LD: an @context of `prefixes`, and compact IRIs in the @graph."""
    graph = rdflib.Graph()
    graph.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES) or b"", format=N_TRIPLES.rdflib)
    text = graph.serialize(
        format=JSON_LD.rdflib, context=dict(prefixes), auto_compact=True, indent=1
    )
    return text.encode("utf-8")


def to_rdflib(quads: Iterable[Quad | Triple], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """The triples of `quads` as an rdflib graph (graph names dropped), for pyshacl and docs."""
    graph = rdflib.Graph() if graph is None else graph
    content = serialize(
        [q.triple if isinstance(q, Quad) else q for q in quads], format=RdfFormat.N_TRIPLES
    )
    if content:
        graph.addN((*triple, graph) for triple in _rdflib_triples(content))
    return graph


@functools.lru_cache(maxsize=8)
def _rdflib_triples(content: bytes) -> tuple[tuple[Any, Any, Any], ...]:
    """Triples parsed by rdflib, remembered by content: the shapes and ontology recur."""
    return tuple(rdflib.Graph().parse(data=content, format=N_TRIPLES.rdflib))


def to_rdflib_term(term: object) -> rdflib.term.Node:
    """One pyoxigraph term as rdflib's."""
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")
