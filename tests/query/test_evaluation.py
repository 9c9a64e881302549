"""The row cap of `kgserver/query/evaluation.py`: cut exactly, said so, in every format."""

from __future__ import annotations

import csv
import io

import pytest
from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
)

from kgserver.query.evaluation import QueryDataset, evaluate
from kgserver.query.screening import ScreenedQuery, screen_query
from kgserver.rdf.formats import GRAPH_FORMATS, RESULTS_FORMATS, Format

EX = "http://example.org/"
ROWS = 2500  # several of pyoxigraph's 8 KiB chunks of output


@pytest.fixture(scope="module")
def numbers() -> Store:
    store = Store()
    store.bulk_extend(
        Quad(NamedNode(f"{EX}n{i}"), NamedNode(EX + "value"), Literal(f'line\n{i}\t"x"'))
        for i in range(ROWS)
    )
    return store


def solutions_in(body: bytes, fmt: Format) -> list[dict[str, str]] | list[list[str]]:
    if fmt.name == "csv":  # lossy, so pyoxigraph does not read it back: rows as text
        return list(csv.reader(io.StringIO(body.decode("utf-8"))))[1:]
    result = parse_query_results(body, QueryResultsFormat.from_media_type(fmt.media_type))
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: str(row[n]) for n in names} for row in result]


SELECT = "SELECT ?s ?v WHERE { ?s ?p ?v } ORDER BY ?s"


def screened(text: str) -> ScreenedQuery:
    return screen_query(text, 128, 1000)


@pytest.mark.parametrize("fmt", RESULTS_FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("cap", [1, 7, 1000, ROWS - 1])
def test_a_select_over_the_cap_carries_exactly_the_first_cap_rows_and_says_so(
    numbers: Store, fmt: Format, cap: int
) -> None:
    uncapped = evaluate(numbers, screened(SELECT), QueryDataset(), fmt)
    capped = evaluate(numbers, screened(SELECT), QueryDataset(), fmt, row_cap=cap)
    assert capped.truncated and not uncapped.truncated
    assert solutions_in(capped.body, fmt) == solutions_in(uncapped.body, fmt)[:cap]


@pytest.mark.parametrize("cap", [ROWS, ROWS + 1, 0])
def test_a_select_within_the_cap_is_whole_and_not_marked(numbers: Store, cap: int) -> None:
    fmt = RESULTS_FORMATS[0]
    outcome = evaluate(numbers, screened(SELECT), QueryDataset(), fmt, row_cap=cap)
    assert not outcome.truncated
    assert len(solutions_in(outcome.body, fmt)) == ROWS


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_a_construct_over_the_cap_carries_cap_triples_of_the_result(
    numbers: Store, fmt: Format
) -> None:
    query = screened("CONSTRUCT { ?s ?p ?v } WHERE { ?s ?p ?v }")
    whole = evaluate(numbers, query, QueryDataset(), GRAPH_FORMATS[0])
    capped = evaluate(numbers, query, QueryDataset(), fmt, row_cap=10)
    rdf_format = RdfFormat.from_media_type(fmt.media_type)
    assert rdf_format is not None
    triples = set(parse(capped.body, rdf_format))
    assert capped.truncated and len(triples) == 10
    assert triples <= set(parse(whole.body, RdfFormat.from_media_type(GRAPH_FORMATS[0].media_type)))


def test_ask_is_never_cut(numbers: Store) -> None:
    outcome = evaluate(numbers, screened("ASK { ?s ?p ?o }"), QueryDataset(), RESULTS_FORMATS[0], 1)
    assert outcome.form == "ASK" and not outcome.truncated
