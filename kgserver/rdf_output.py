"""Graphs in the RDF format a client asked for: Oxigraph's serialisers, except JSON-LD.

Oxigraph writes JSON-LD expanded (full IRIs, no @context). Harvesters and people read compact
JSON-LD, so descriptions are compacted by rdflib against a context made of the same prefixes
the Turtle uses; a JSON-LD processor expands it to the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import rdflib
from pyoxigraph import RdfFormat, Triple, serialize

from kgserver.negotiation import Format


def serialize_graph(triples: Iterable[Triple], fmt: Format, prefixes: Mapping[str, str]) -> bytes:
    """`triples` in `fmt` (an RDF format of the negotiation table), with `prefixes`."""
    if fmt.oxigraph is RdfFormat.JSON_LD:
        return compact_json_ld(triples, prefixes)
    return serialize(triples, format=fmt.oxigraph, prefixes=dict(prefixes)) or b""  # type: ignore[arg-type]


def compact_json_ld(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> bytes:
    """Compact JSON-LD: an @context of `prefixes`, and compact IRIs in the @graph."""
    graph = rdflib.Graph()
    graph.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES) or b"", format="nt")
    text = graph.serialize(format="json-ld", context=dict(prefixes), auto_compact=True, indent=1)
    return text.encode("utf-8")
