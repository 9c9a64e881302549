"""Dumps of the whole graph, and the counts the VoID description reports, once per version.

Three dumps: N-Triples (gzipped) and Turtle of the union of all named graphs, and N-Quads with
the graphs. They are serialised by Oxigraph in one worker thread when first asked for after a
version change, and kept in memory with their size and SHA-256 (the graph is small; a large
one would write them to disk beside the store instead).
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

from pyoxigraph import QuerySolutions, QueryTriples, Store, Triple, serialize

from kgserver.linked_data.describe import DESCRIPTION_PREFIXES
from kgserver.rdf.formats import N_QUADS, N_TRIPLES, TURTLE, Format
from kgserver.store.version import dataset_version

ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
CLASS_PARTITIONS = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"
PROPERTY_PARTITIONS = (
    "SELECT ?property (COUNT(*) AS ?n) WHERE { ?s ?property ?o } GROUP BY ?property"
)
DISTINCT_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
DISTINCT_OBJECTS = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class Dump:
    """One downloadable file: its name under /dumps/, format, bytes, size and checksum."""

    name: str
    title: str
    format: Format
    gzipped: bool
    body: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.body)

    @property
    def media_type(self) -> str:
        return "application/gzip" if self.gzipped else self.format.content_type


@dataclass(frozen=True)
class DatasetFacts:
    """The dumps and the VoID statistics of one dataset version."""

    version: str
    dumps: dict[str, Dump]
    triples: int
    quads: int
    distinct_subjects: int
    distinct_objects: int
    classes: dict[str, int]
    properties: dict[str, int]


def _dump(name: str, title: str, fmt: Format, body: bytes, gzipped: bool = False) -> Dump:
    if gzipped:
        body = gzip.compress(body, compresslevel=6, mtime=0)
    return Dump(name, title, fmt, gzipped, body, hashlib.sha256(body).hexdigest())


def _counts(store: Store, query: str) -> dict[str, int]:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return {row[0].value: int(row[1].value) for row in result if row[0] is not None}


def _count(store: Store, query: str) -> int:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return next((int(row[0].value) for row in result), 0)


def build_facts(store: Store) -> DatasetFacts:
    """Serialise the dumps and count what VoID reports; one thread from start to end."""
    result = store.query(ALL_TRIPLES, use_default_graph_as_union=True)
    assert isinstance(result, QueryTriples)
    triples: list[Triple] = list(dict.fromkeys(result))
    ntriples = serialize(triples, format=N_TRIPLES.rdf_format) or b""
    turtle = serialize(triples, format=TURTLE.rdf_format, prefixes=DESCRIPTION_PREFIXES) or b""
    nquads = store.dump(format=N_QUADS.rdf_format) or b""
    dumps = [
        _dump("oikg.nt.gz", "The whole graph as N-Triples, gzipped", N_TRIPLES, ntriples, True),
        _dump("oikg.ttl", "The whole graph as Turtle", TURTLE, turtle),
        _dump("oikg.nq", "Every named graph as N-Quads", N_QUADS, nquads),
    ]
    return DatasetFacts(
        version=dataset_version(store),
        dumps={d.name: d for d in dumps},
        triples=len(triples),
        quads=len(store),
        distinct_subjects=_count(store, DISTINCT_SUBJECTS),
        distinct_objects=_count(store, DISTINCT_OBJECTS),
        classes=_counts(store, CLASS_PARTITIONS),
        properties=_counts(store, PROPERTY_PARTITIONS),
    )
