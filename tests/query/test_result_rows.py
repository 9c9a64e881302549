"""SELECT results as plain JSON rows (kgserver/query/result_rows.py)."""

from __future__ import annotations

import json

from pyoxigraph import QueryResultsFormat, QuerySolutions, Store

from kgserver.query.result_rows import rows_json


def _sparql_json(query: str) -> bytes:
    result = Store().query(query)
    assert isinstance(result, QuerySolutions)
    return result.serialize(format=QueryResultsFormat.JSON) or b""


def test_rows_carry_values_with_numbers_as_numbers_and_unbound_left_out() -> None:
    body = _sparql_json(
        "SELECT ?name ?n ?share ?open ?missing ?iri WHERE { VALUES (?name ?n ?share ?open ?iri) "
        '{ ("Zenodo" 12 0.5 true <https://zenodo.org/>) } }'
    )
    assert json.loads(rows_json(body)) == [
        {"name": "Zenodo", "n": 12, "share": 0.5, "open": True, "iri": "https://zenodo.org/"}
    ]


def test_an_ask_result_is_a_boolean_object() -> None:
    result = Store().query("ASK { }")
    body = result.serialize(format=QueryResultsFormat.JSON) or b""  # type: ignore[union-attr]
    assert json.loads(rows_json(body)) == {"boolean": True}
