"""Evaluating a screened query on the store and serialising its results, in one thread.

pyoxigraph's result iterators are thread-bound: touching one from another thread aborts the
process (docs/notes/pyoxigraph-and-endpoints.md §2). So one function creates, iterates and
serialises a result, writing it to a `ResultSink` chunk by chunk as pyoxigraph serialises it
in Rust (§3): a large result never has to be held whole.

A row cap (`row_cap`) is applied without rewriting the query: the result is first written as
SPARQL TSV (one solution a line) or N-Triples (one triple a line), counting lines and stopping
the engine at the cap; then those lines are parsed again and written in the format asked for.
Both steps run in Rust, and the sink learns before the first byte whether the cap cut the result.
"""

from __future__ import annotations

import io
from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
    serialize,
)

from kgserver.errors import BadQuery
from kgserver.query.screening import ScreenedQuery
from kgserver.rdf.formats import SPARQL_JSON, TURTLE, Format


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a request names (SPARQL 1.1 Protocol §2.1.4); empty: the union graph."""

    default_graphs: Sequence[str] = field(default_factory=tuple)
    named_graphs: Sequence[str] = field(default_factory=tuple)

    @property
    def is_given(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass
class QueryOutcome:
    """A serialised result in `format`, for the query form it answers (SELECT, ASK, CONSTRUCT).

    `body` is the whole result, or its first part when `rest` streams the remainder (a large
    result, still being written by the worker process). `truncated`: the row cap cut it.
    """

    body: bytes
    format: Format
    form: str
    truncated: bool = False
    rest: AsyncGenerator[bytes, None] | None = None

    @property
    def is_complete(self) -> bool:
        return self.rest is None

    async def read_all(self) -> bytes:
        """The whole body, reading what is still streaming (bounded by the row cap)."""
        if self.rest is None:
            return self.body
        parts = [self.body]
        async for chunk in self.rest:
            parts.append(chunk)
        self.body, self.rest = b"".join(parts), None
        return self.body


class ResultSink(Protocol):
    """Where a result goes: told its form and whether the cap cut it, then given its bytes."""

    def begin(self, form: str, truncated: bool) -> None: ...

    def write(self, chunk: bytes) -> object: ...

    def flush(self) -> None: ...


class _CapReached(Exception):
    """Raised from inside pyoxigraph's serialiser to stop the engine once the cap is passed."""


class _LineCounter:
    """A file-like target that keeps the first `keep` lines written to it, then stops."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.lines = 0
        self.parts: list[bytes] = []
        self.truncated = False

    def write(self, chunk: bytes) -> int:
        chunk = bytes(chunk)
        if not chunk:
            return 0
        room = self.keep - self.lines
        newlines = chunk.count(b"\n")
        if newlines < room or (newlines == room and chunk.endswith(b"\n")):
            self.parts.append(chunk)
            self.lines += newlines
            return len(chunk)
        end = -1
        for _ in range(room):
            end = chunk.index(b"\n", end + 1)
        self.parts.append(chunk[: end + 1])
        self.lines = self.keep
        self.truncated = True
        raise _CapReached

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def evaluate_into(
    store: Store,
    query: ScreenedQuery,
    dataset: QueryDataset,
    fmt: Format,
    sink: ResultSink,
    row_cap: int = 0,
) -> None:
    """Run `query` and write its result in `fmt` (HTML: SPARQL JSON or Turtle) to `sink`,
    at most `row_cap` solutions or triples when it is not 0."""
    options: dict[str, object] = {}
    if dataset.is_given:
        # The protocol's dataset overrides FROM/FROM NAMED in the query (§2.1.4).
        options["default_graph"] = [NamedNode(g) for g in dataset.default_graphs]
        options["named_graphs"] = [NamedNode(g) for g in dataset.named_graphs]
    elif not query.has_dataset_clause:
        options["use_default_graph_as_union"] = True
    try:
        result = store.query(query.text, **options)  # type: ignore[arg-type]
    except SyntaxError as error:
        raise BadQuery(f"malformed query: {error}") from error
    failure = ""
    try:
        if isinstance(result, QueryBoolean):
            sink.begin("ASK", False)
            sink.write(result.serialize(format=fmt.oxigraph or SPARQL_JSON.oxigraph))  # type: ignore[arg-type]
        elif isinstance(result, QuerySolutions):
            _write_solutions(result, fmt.oxigraph or SPARQL_JSON.oxigraph, sink, row_cap)  # type: ignore[arg-type]
        elif isinstance(result, QueryTriples):
            _write_triples(result, fmt.oxigraph or TURTLE.oxigraph, sink, row_cap)  # type: ignore[arg-type]
    except ValueError as error:
        failure = f"the result cannot be written as {fmt.media_type}: {error}"
    except OSError as error:
        failure = f"the query failed while it ran: {error}"
    finally:
        del result  # here, in the thread that made it
    if failure:
        # Raised out here, unchained: the engine's error and its traceback, whose frames hold
        # the result, end with the except clause above instead of travelling to another thread.
        raise BadQuery(failure)


def _write_solutions(
    result: QuerySolutions, target: QueryResultsFormat, sink: ResultSink, row_cap: int
) -> None:
    if not row_cap:
        sink.begin("SELECT", False)
        result.serialize(sink, target)  # type: ignore[arg-type]
        return
    lines = _LineCounter(row_cap + 1)  # the header line, then one line per solution
    try:
        result.serialize(lines, QueryResultsFormat.TSV)  # type: ignore[arg-type]
    except _CapReached:
        pass
    sink.begin("SELECT", lines.truncated)
    if target == QueryResultsFormat.TSV:
        sink.write(lines.getvalue())
        return
    parse_query_results(lines.getvalue(), QueryResultsFormat.TSV).serialize(sink, target)  # type: ignore[arg-type]


def _write_triples(result: QueryTriples, target: RdfFormat, sink: ResultSink, row_cap: int) -> None:
    if not row_cap:
        sink.begin("CONSTRUCT", False)
        result.serialize(sink, target)  # type: ignore[arg-type]
        return
    lines = _LineCounter(row_cap)  # N-Triples: one triple a line
    try:
        result.serialize(lines, RdfFormat.N_TRIPLES)  # type: ignore[arg-type]
    except _CapReached:
        pass
    sink.begin("CONSTRUCT", lines.truncated)
    triples = parse(lines.getvalue(), RdfFormat.N_TRIPLES)
    serialize(triples, sink, target)  # type: ignore[arg-type]


class _Collected:
    """A sink that keeps the whole result in memory (for queries run in this process)."""

    def __init__(self) -> None:
        self.form = ""
        self.truncated = False
        self.buffer = io.BytesIO()

    def begin(self, form: str, truncated: bool) -> None:
        self.form, self.truncated = form, truncated

    def write(self, chunk: bytes) -> int:
        return self.buffer.write(chunk)

    def flush(self) -> None:
        pass


def evaluate(
    store: Store,
    query: ScreenedQuery,
    dataset: QueryDataset,
    fmt: Format,
    row_cap: int = 0,
) -> QueryOutcome:
    """Run `query` and return its whole result in `fmt` (see `evaluate_into`)."""
    collected = _Collected()
    evaluate_into(store, query, dataset, fmt, collected, row_cap)
    return QueryOutcome(
        body=collected.buffer.getvalue(),
        format=fmt,
        form=collected.form,
        truncated=collected.truncated,
    )
