"""Evaluating a screened query on the store and serialising its results, in one thread.

pyoxigraph's result iterators are thread-bound: touching one from another thread aborts the
process (docs/notes/pyoxigraph-and-endpoints.md §2). So one function creates, iterates and
serialises a result; the endpoint runs that whole function in a worker thread. Serialising is
done by pyoxigraph in Rust (§3), with the GIL released, so queries overlap on both cores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, QueryTriples, Store

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


@dataclass(frozen=True)
class QueryOutcome:
    """A serialised result: its bytes, in `format`, and the query form it answers."""

    body: bytes
    format: Format
    form: str


def evaluate(
    store: Store, query: ScreenedQuery, dataset: QueryDataset, fmt: Format
) -> QueryOutcome:
    """Run `query` and serialise its result in `fmt`; for HTML, in SPARQL JSON or Turtle."""
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
    try:
        if isinstance(result, QuerySolutions | QueryBoolean):
            body = result.serialize(format=fmt.oxigraph or SPARQL_JSON.oxigraph)  # type: ignore[arg-type]
            form = "ASK" if isinstance(result, QueryBoolean) else "SELECT"
        elif isinstance(result, QueryTriples):
            body = result.serialize(format=fmt.oxigraph or TURTLE.oxigraph)  # type: ignore[arg-type]
            form = "CONSTRUCT"
        else:  # pragma: no cover - pyoxigraph returns one of the three
            raise BadQuery("the query returned an unknown kind of result")
    except ValueError as error:
        raise BadQuery(f"the result cannot be written as {fmt.media_type}: {error}") from error
    except OSError as error:
        raise BadQuery(f"the query failed while it ran: {error}") from error
    return QueryOutcome(body=body or b"", format=fmt, form=form)
