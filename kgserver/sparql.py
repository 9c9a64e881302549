"""The SPARQL 1.1 Protocol endpoint: GET and POST /sparql (query operation only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pyoxigraph import RdfFormat, serialize

from kgserver.context import AppContext, get_context
from kgserver.errors import KGError
from kgserver.negotiation import GRAPH_FORMATS, HTML, RESULTS_FORMATS, Format, negotiate
from kgserver.pages import example_queries, result_table
from kgserver.protocol import QueryRequest, read_query_request
from kgserver.request_body import read_body
from kgserver.screening import screen_query
from kgserver.service_description import describe_service

ContextDep = Annotated[AppContext, Depends(get_context)]

router = APIRouter()


@router.api_route("/sparql", methods=["GET", "POST"], include_in_schema=True)
async def sparql_endpoint(request: Request, context: ContextDep) -> Response:
    """Answer a SPARQL query, or describe the endpoint when no query is given."""
    body = await read_body(request, context.settings.max_query_bytes)
    asked = read_query_request(
        request.method,
        request.scope.get("query_string", b""),
        request.headers.get("content-type"),
        body,
        context.settings.max_query_bytes,
    )
    if asked.query is None:
        return _describe_endpoint(request, context, asked)
    screened = screen_query(
        asked.query, context.settings.max_query_nesting, context.settings.max_query_operators
    )
    offered = GRAPH_FORMATS if screened.returns_graph else RESULTS_FORMATS
    fmt = negotiate(request.headers.get("accept"), (*offered, HTML), asked.format)
    try:
        outcome = await context.evaluate_query(screened, asked.dataset, fmt)
    except KGError as error:
        if fmt is not HTML:
            raise
        return _failed_page(request, context, asked.query, error)
    if fmt is HTML:
        root = context.root(request)
        page = context.templates.get_template("sparql_results.html")
        if outcome.form == "CONSTRUCT":
            html = page.render(
                root=root, query=asked.query, table=None, graph_text=outcome.body.decode("utf-8")
            )
        else:
            table = result_table(outcome.body, context.settings.html_result_rows, root)
            html = page.render(root=root, query=asked.query, table=table)
        return _negotiated(html.encode("utf-8"), HTML)
    return _negotiated(outcome.body, fmt)


def _failed_page(request: Request, context: AppContext, query: str, error: KGError) -> Response:
    """A query that failed (malformed, timed out, crashed), for people: the message above the
    editor holding their query, so they can change it and run it again."""
    html = context.templates.get_template("sparql_results.html").render(
        root=context.root(request), query=query, error=error.message
    )
    response = _negotiated(html.encode("utf-8"), HTML)
    response.status_code = error.status
    response.headers.update(error.headers)
    return response


def _describe_endpoint(request: Request, context: AppContext, asked: QueryRequest) -> Response:
    """No query: the service description for RDF clients, the query editor for people."""
    fmt = negotiate(request.headers.get("accept"), (*GRAPH_FORMATS, HTML), asked.format)
    root = context.root(request)
    endpoint = root + "/sparql"
    if fmt is HTML:
        page = context.templates.get_template("sparql_editor.html").render(
            root=root,
            endpoint=endpoint,
            query=context.default_query,
            examples=example_queries(context.settings.bundle_dir / "queries"),
        )
        return _negotiated(page.encode("utf-8"), HTML)
    assert isinstance(fmt.oxigraph, RdfFormat)
    body = serialize(
        describe_service(endpoint, context.store),
        format=fmt.oxigraph,
        prefixes={
            "sd": "http://www.w3.org/ns/sparql-service-description#",
            "void": "http://rdfs.org/ns/void#",
        },
    )
    return _negotiated(body or b"", fmt)


def _negotiated(body: bytes, fmt: Format) -> Response:
    return Response(content=body, media_type=fmt.content_type, headers={"Vary": "Accept"})
