"""The life of one contribution worker process, and the messages it sends over its pipe.

A worker loads the graph that contributions are validated against (the data, shapes and
ontology of the served store, written once as N-Quads by `kgserver/curation/workers.py`), then
caps its own address space at its size at rest plus `memory_bytes` (RLIMIT_AS), and checks
one contribution at a time: parse (`read_contribution`), then validate in the context of the
graph (`validate_in_store`, as the web process did), sending the report back. Before the
cap, it checks one entity of the graph, so that what the first check loads for good (modules
imported on first use, parsed shapes and queries) counts as its size at rest. A contribution
that needs more memory than the cap fails to allocate: a MemoryError in Python is reported
and the worker exits; an allocation failure in Rust aborts the process. Either way only this
process dies, and the server starts another.
"""

from __future__ import annotations

import os
import resource
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store, serialize

from kgserver.curation.contribution import Location, Source, read_contribution
from kgserver.curation.loading import validate_in_store
from kgserver.curation.validation import ValidationReport
from kgserver.errors import ContributionUnparseable
from kgserver.rdf import iris, namespaces
from kgserver.rdf.formats import FILE_FORMATS, N_TRIPLES, by_media_type

# The first item of every message says what it is.
READY = "ready"  # the graph is loaded: (READY,)
CANNOT_START = "cannot-start"  # (CANNOT_START, reason): the graph could not be loaded
CHECKED = "checked"  # (CHECKED, Validated)
UNPARSEABLE = "unparseable"  # (UNPARSEABLE, [(file, message, line, column)], explained)
OUT_OF_MEMORY = "out-of-memory"  # (OUT_OF_MEMORY,): the worker exits after sending it
TOO_DEEP = "too-deep"  # (TOO_DEEP,): Python's recursion limit was reached
FAILED = "failed"  # (FAILED, traceback): an unexpected error, a fault of the server

EXIT_OUT_OF_MEMORY = 3
RDF_TYPE = NamedNode(namespaces.RDF_TYPE)

SourceMessage = tuple[str, bytes, str, str | None]
"""A contribution's file as sent to a worker: name, content, media type, base IRI (a Format
holds Rust objects that do not pickle)."""


@dataclass(frozen=True)
class Validated:
    """What a worker answers for a contribution it read and validated."""

    report: ValidationReport
    locations: dict[str, Location]


def as_message(source: Source) -> SourceMessage:
    return (source.name, source.content, source.format.media_type, source.base_iri)


def from_message(message: SourceMessage) -> Source:
    name, content, media_type, base_iri = message
    fmt = by_media_type(media_type, FILE_FORMATS)
    assert fmt is not None, media_type
    return Source(name, content, fmt, base_iri)


def serve_contributions(context_file: str, memory_bytes: int, connection: Connection) -> None:
    """A worker's life: load the graph, cap the memory, then check contributions until the
    pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    try:
        store = Store()
        store.load(path=context_file, format=RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as error:
        connection.send((CANNOT_START, str(error)))
        return
    if memory_bytes > 0:
        warm_up(store)
        cap_memory(memory_bytes)
    try:
        connection.send((READY,))
    except OSError:  # the server stopped before this worker was ready
        return
    while True:
        try:
            sources = connection.recv()
        except (EOFError, OSError):  # the server closed the pipe, or went away
            return
        try:
            connection.send(check(store, [from_message(s) for s in sources]))
        except MemoryError:
            _send_and_exit(connection, (OUT_OF_MEMORY,))
        except RecursionError:
            connection.send((TOO_DEEP,))
        except Exception:  # a bug of ours: the server reports it as one
            connection.send((FAILED, traceback.format_exc()))


def check(store: Store, sources: list[Source]) -> tuple[object, ...]:
    """Read and validate one contribution, as the web process did (the files replace the
    descriptions of their entities); the message to send back."""
    try:
        contribution = read_contribution(sources)
    except ContributionUnparseable as unparseable:
        errors = [(e.file, e.message, e.line, e.column) for e in unparseable.errors]
        return (UNPARSEABLE, errors, unparseable.explained)
    report = validate_in_store(store, contribution.quads, True)
    return (CHECKED, Validated(report, contribution.locations))


def warm_up(store: Store) -> None:
    """Check the description of one entity of the graph, as a contribution."""
    typed = next(store.quads_for_pattern(None, RDF_TYPE, None, NamedNode(iris.DATA_GRAPH)), None)
    if typed is None:
        return
    description = store.quads_for_pattern(typed.subject, None, None, typed.graph_name)
    content = serialize((q.triple for q in description), format=RdfFormat.N_TRIPLES) or b""
    check(store, [Source("warm-up.nt", content, N_TRIPLES)])


def cap_memory(memory_bytes: int) -> None:
    """Limit this process's address space to its present size plus `memory_bytes`."""
    limit = address_space() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def address_space() -> int:
    """This process's virtual memory size in bytes (what RLIMIT_AS limits)."""
    pages = int(Path("/proc/self/statm").read_text().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _send_and_exit(connection: Connection, message: tuple[object, ...]) -> None:
    try:
        connection.send(message)
    finally:
        os._exit(EXIT_OUT_OF_MEMORY)
