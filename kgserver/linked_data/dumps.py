"""Dumps of the whole graph, and the counts the VoID description reports, once per version.

Three dumps: N-Triples (gzipped) and Turtle of the union of all named graphs, and N-Quads with
the graphs. Oxigraph writes them to files (one folder per dataset version), streaming from the
store, so neither building nor serving a dump holds the graph in memory; each is described by
its size and SHA-256. The folders of versions before the previous one are removed.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from pyoxigraph import QuerySolutions, QueryTriples, Store, Triple, serialize

from kgserver.linked_data.describe import DESCRIPTION_PREFIXES
from kgserver.rdf.formats import N_QUADS, N_TRIPLES, TURTLE, Format
from kgserver.store.version import dataset_version

ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
CLASS_PARTITIONS = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"
PROPERTY_PARTITIONS = (
    "SELECT ?property (COUNT(*) AS ?n) WHERE { ?s ?property ?o } GROUP BY ?property"
)
DISTINCT_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
DISTINCT_OBJECTS = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class Dump:
    """One downloadable file: its name under /dumps/, format, where it is, size and checksum."""

    name: str
    title: str
    format: Format
    gzipped: bool
    path: Path
    size: int
    sha256: str

    @property
    def media_type(self) -> str:
        return "application/gzip" if self.gzipped else self.format.content_type


@dataclass(frozen=True)
class DatasetFacts:
    """The dumps and the VoID statistics of one dataset version."""

    version: str
    folder: Path
    """Where its dump files are."""
    dumps: dict[str, Dump]
    triples: int
    quads: int
    distinct_subjects: int
    distinct_objects: int
    classes: dict[str, int]
    properties: dict[str, int]


def _described(name: str, title: str, fmt: Format, path: Path, gzipped: bool = False) -> Dump:
    with path.open("rb") as written:
        sha256 = hashlib.file_digest(written, "sha256").hexdigest()
    return Dump(name, title, fmt, gzipped, path, path.stat().st_size, sha256)


class _Counted:
    """The triples of a query, counted as Oxigraph's serialiser reads them."""

    def __init__(self, triples: QueryTriples) -> None:
        self.triples = triples
        self.count = 0

    def __iter__(self) -> Iterator[Triple]:
        for triple in self.triples:
            self.count += 1
            yield triple


def _union(store: Store) -> _Counted:
    result = store.query(ALL_TRIPLES, use_default_graph_as_union=True)
    assert isinstance(result, QueryTriples)
    return _Counted(result)


def _write_dumps(store: Store, folder: Path) -> tuple[list[Dump], int]:
    """Write the three dumps into `folder`: their descriptions, and the union's triple count."""
    folder.mkdir(parents=True, exist_ok=True)
    ntriples = folder / "oikg.nt.gz"
    union = _union(store)
    with ntriples.open("wb") as raw, gzip.GzipFile("", "wb", 6, raw, mtime=0) as compressed:
        serialize(union, cast(IO[bytes], compressed), format=N_TRIPLES.rdf_format)
    turtle = folder / "oikg.ttl"
    serialize(_union(store), turtle, format=TURTLE.rdf_format, prefixes=DESCRIPTION_PREFIXES)
    nquads = folder / "oikg.nq"
    store.dump(nquads, format=N_QUADS.rdf_format)
    dumps = [
        _described(
            "oikg.nt.gz", "The whole graph as N-Triples, gzipped", N_TRIPLES, ntriples, True
        ),
        _described("oikg.ttl", "The whole graph as Turtle", TURTLE, turtle),
        _described("oikg.nq", "Every named graph as N-Quads", N_QUADS, nquads),
    ]
    return dumps, union.count


def _remove_older(directory: Path, keep: set[str]) -> None:
    """Remove the dump folders of versions other than those in `keep` (a download of the
    previous version may still be reading its files)."""
    for folder in directory.iterdir():
        if folder.is_dir() and folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def _counts(store: Store, query: str) -> dict[str, int]:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return {row[0].value: int(row[1].value) for row in result if row[0] is not None}


def _count(store: Store, query: str) -> int:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return next((int(row[0].value) for row in result), 0)


def build_facts(
    store: Store, directory: Path, previous: DatasetFacts | None = None
) -> DatasetFacts:
    """Write the dumps under `directory` and count what VoID reports; one thread from start
    to end. The folders of versions other than this one and `previous` are removed."""
    version = dataset_version(store)
    folder = directory / hashlib.sha256(version.encode("utf-8")).hexdigest()[:16]
    dumps, triples = _write_dumps(store, folder)
    kept = {folder.name} | ({previous.folder.name} if previous is not None else set())
    _remove_older(directory, kept)
    return DatasetFacts(
        version=version,
        folder=folder,
        dumps={d.name: d for d in dumps},
        triples=triples,
        quads=len(store),
        distinct_subjects=_count(store, DISTINCT_SUBJECTS),
        distinct_objects=_count(store, DISTINCT_OBJECTS),
        classes=_counts(store, CLASS_PARTITIONS),
        properties=_counts(store, PROPERTY_PARTITIONS),
    )
