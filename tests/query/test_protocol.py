"""Reading SPARQL 1.1 Protocol requests (`kgserver/query/protocol.py`), without HTTP."""

from __future__ import annotations

import pytest

from kgserver.errors import BadQuery, BadRequest, PayloadTooLarge, UnsupportedMediaType
from kgserver.query.protocol import FORM, SPARQL_QUERY, media_type_of, read_query_request

LIMIT = 1000


def test_a_get_query_and_its_dataset_are_read_from_the_query_string() -> None:
    asked = read_query_request(
        "GET",
        b"query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fa.example%2Fg&named-graph-uri=http%3A%2F%2Fb.example%2Fh",
        None,
        b"",
        LIMIT,
    )
    assert asked.query == "ASK {}"
    assert asked.dataset.default_graphs == ("http://a.example/g",)
    assert asked.dataset.named_graphs == ("http://b.example/h",)
    assert asked.formats == ()


def test_a_post_body_is_read_as_a_form_or_as_a_sparql_query() -> None:
    form = read_query_request("POST", b"", FORM, b"query=ASK+%7B%7D&format=json", LIMIT)
    direct = read_query_request("POST", b"", SPARQL_QUERY + "; charset=UTF-8", b"ASK {}", LIMIT)
    assert form.query == direct.query == "ASK {}"
    assert form.formats == ("json",)


@pytest.mark.parametrize(
    ("method", "query_string", "content_type", "body", "error"),
    [
        ("GET", b"query=a&query=b", None, b"", BadRequest),
        ("GET", b"query=%FF", None, b"", BadRequest),
        ("GET", b"update=INSERT%20DATA%20%7B%7D", None, b"", BadQuery),
        ("POST", b"", "application/sparql-update", b"INSERT DATA {}", BadQuery),
        ("POST", b"", "text/plain", b"ASK {}", UnsupportedMediaType),
        ("POST", b"", SPARQL_QUERY + "; charset=latin-1", b"ASK {}", UnsupportedMediaType),
        ("POST", b"query=ASK%20%7B%7D", SPARQL_QUERY, b"ASK {}", BadRequest),
        ("GET", b"query=ASK&default-graph-uri=not%20an%20iri", None, b"", BadRequest),
        ("GET", b"query=" + b"x" * (LIMIT + 1), None, b"", PayloadTooLarge),
    ],
)
def test_bad_requests_are_refused_with_the_error_of_their_kind(
    method: str, query_string: bytes, content_type: str | None, body: bytes, error: type
) -> None:
    with pytest.raises(error):
        read_query_request(method, query_string, content_type, body, LIMIT)


def test_media_types_are_lower_cased_with_their_parameters() -> None:
    assert media_type_of('Application/SPARQL-Query; Charset="UTF-8"') == (
        "application/sparql-query",
        {"charset": "utf-8"},
    )
    assert media_type_of(None) == ("", {})
