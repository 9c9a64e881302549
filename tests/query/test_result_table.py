"""SPARQL JSON results as the HTML page's table (`kgserver/query/result_table.py`)."""

from __future__ import annotations

import json

from kgserver.query.result_table import result_table
from kgserver.rdf.urls import Urls

URLS = Urls.at("http://testserver/")
ENTITY = "https://w3id.org/oikg/id/infrastructure/zenodo"


def results(*bindings: dict[str, dict[str, str]]) -> bytes:
    return json.dumps(
        {"head": {"vars": ["x", "y"]}, "results": {"bindings": list(bindings)}}
    ).encode()


def test_cells_say_what_kind_of_term_they_hold_and_iris_link_here() -> None:
    table = result_table(
        results(
            {
                "x": {"type": "uri", "value": ENTITY},
                "y": {"type": "literal", "value": "Zenodo", "xml:lang": "en"},
            },
            {"x": {"type": "bnode", "value": "b0"}},
        ),
        10,
        URLS,
    )
    iri, literal = table.rows[0]
    assert iri["kind"] == "iri" and iri["href"].startswith("http://testserver/")
    assert literal == {"kind": "literal", "text": "Zenodo", "note": "@en"}
    assert table.rows[1] == [{"kind": "bnode", "text": "_:b0"}, {"kind": "unbound", "text": ""}]


def test_rows_beyond_the_page_are_counted_but_not_kept() -> None:
    many = [{"x": {"type": "literal", "value": str(n)}} for n in range(5)]
    table = result_table(results(*many), 2, URLS)
    assert table.total == 5 and len(table.rows) == 2 and table.truncated


def test_a_result_cut_upstream_is_marked_even_when_every_row_is_shown() -> None:
    table = result_table(results({"x": {"type": "literal", "value": "1"}}), 10, URLS, cut=True)
    assert table.truncated and table.cut


def test_ask_results_become_a_boolean() -> None:
    assert result_table(b'{"head":{},"boolean":true}', 10, URLS).boolean is True
