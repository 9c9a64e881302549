"""Reading a SPARQL 1.1 Protocol query request (SPARQL 1.1 Protocol §2.1) from raw HTTP input.

Parameters are decoded strictly as UTF-8 (Starlette would silently replace bad bytes), and
repeated or conflicting parameters are refused rather than guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from pyoxigraph import NamedNode

from kgserver.errors import BadQuery, BadRequest, PayloadTooLarge, UnsupportedMediaType
from kgserver.query.evaluation import QueryDataset
from kgserver.rdf.formats import FORMAT_PARAMETERS

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class QueryRequest:
    """What a request asks for: the query text (None: none given), dataset, and the values of
    its format-choosing parameters (`format`, `output`, `results`), in order."""

    query: str | None
    dataset: QueryDataset
    formats: tuple[str, ...] = ()


def decode_params(raw: bytes, where: str) -> list[tuple[str, str]]:
    """Split an application/x-www-form-urlencoded string, refusing bytes that are not UTF-8."""
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as error:
        raise BadRequest(
            f"the {where} is not valid UTF-8 after percent-decoding: {error}"
        ) from error


def media_type_of(content_type: str | None) -> tuple[str, dict[str, str]]:
    """The media type of a Content-Type header, lower-cased, and its parameters."""
    if not content_type:
        return "", {}
    kind, *params = content_type.split(";")
    parsed = {}
    for param in params:
        key, _, value = param.partition("=")
        parsed[key.strip().lower()] = value.strip().strip('"').lower()
    return kind.strip().lower(), parsed


def read_query_request(
    method: str, query_string: bytes, content_type: str | None, body: bytes, max_bytes: int
) -> QueryRequest:
    """Interpret a GET or POST to the endpoint as the protocol's query operation."""
    params = decode_params(query_string, "query string")
    if method == "POST":
        kind, options = media_type_of(content_type)
        charset = options.get("charset", "utf-8")
        if kind == FORM:
            params += decode_params(body, "request body")
        elif kind == SPARQL_QUERY:
            if charset not in ("utf-8", "utf8"):
                raise UnsupportedMediaType(f"a {SPARQL_QUERY} body must be UTF-8, not {charset}")
            if any(name == "query" for name, _ in params):
                raise BadRequest("give the query either in the body or as ?query=, not both")
            params.append(("query", _utf8(body)))
        elif kind == SPARQL_UPDATE:
            raise BadQuery("this endpoint answers queries only; SPARQL Update is not accepted")
        else:
            raise UnsupportedMediaType(
                f"POST a query as {FORM} (query=…) or as {SPARQL_QUERY};"
                f" {kind or 'a body with no Content-Type'} is not understood"
            )
    queries = [value for name, value in params if name == "query"]
    if any(name == "update" for name, _ in params):
        raise BadQuery("this endpoint answers queries only; SPARQL Update is not accepted")
    if len(queries) > 1:
        raise BadRequest("the request has more than one query parameter; send exactly one")
    query = queries[0] if queries else None
    if query is not None and len(query.encode("utf-8")) > max_bytes:
        raise PayloadTooLarge(f"the query is larger than {max_bytes} bytes")
    return QueryRequest(
        query=query,
        dataset=QueryDataset(
            default_graphs=_graph_iris(params, "default-graph-uri"),
            named_graphs=_graph_iris(params, "named-graph-uri"),
        ),
        formats=tuple(value for name, value in params if name in FORMAT_PARAMETERS),
    )


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the request body is not valid UTF-8: {error}") from error


def _graph_iris(params: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    iris = tuple(value for key, value in params if key == name)
    for iri in iris:
        try:
            NamedNode(iri)
        except ValueError as error:
            raise BadRequest(f"{name} {iri!r} is not an absolute IRI: {error}") from error
    return iris
