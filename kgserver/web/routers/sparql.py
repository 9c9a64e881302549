"""The SPARQL 1.1 Protocol endpoint: GET and POST /sparql (query operation only).

Browsers get the query editor: a plain form that works without JavaScript, over which the
front-end bundle (`kgserver/web/frontend.py`, sources in `frontend/src/`) mounts YASQE and YASR
when it was built; `editor_config` is what that code reads from the page.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from kgserver.errors import KGError, MethodNotAllowed
from kgserver.query.examples import ExampleQuery
from kgserver.query.protocol import FORM, SPARQL_QUERY, QueryRequest, read_query_request
from kgserver.query.result_table import result_table
from kgserver.query.screening import screen_query
from kgserver.query.service_description import SERVICE_PREFIXES, describe_service
from kgserver.rdf import iris
from kgserver.rdf.formats import GRAPH_FORMATS, HTML, RESULTS_FORMATS, Format
from kgserver.rdf.namespaces import PREFIXES
from kgserver.rdf.output import serialize_graph
from kgserver.rdf.urls import Urls
from kgserver.web import frontend
from kgserver.web.context import AppContext, ContextDep
from kgserver.web.negotiation import negotiate
from kgserver.web.openapi import answers, error, format_parameters, query_parameter
from kgserver.web.query_results import TRUNCATED, answer_result, client_of
from kgserver.web.request_body import read_body
from kgserver.web.responses import respond

router = APIRouter()

EDITOR_FORMATS = (HTML, *RESULTS_FORMATS, *GRAPH_FORMATS)
"""What the query editor offers to answer in (graph formats for CONSTRUCT and DESCRIBE)."""


PROTOCOL_PARAMETERS = [
    query_parameter("query", "The SPARQL query; without it, the service description or editor"),
    query_parameter("default-graph-uri", "A graph of the default graph (repeatable)", many=True),
    query_parameter("named-graph-uri", "A named graph the query may use (repeatable)", many=True),
    *format_parameters(),
]
"""SPARQL 1.1 Protocol §2.1.1–2.1.3: the query and dataset as parameters, and our aliases."""
QUERY_BODY = {
    "required": True,
    "content": {
        FORM: {
            "schema": {
                "type": "object",
                "properties": {p["name"]: p["schema"] for p in PROTOCOL_PARAMETERS},
            }
        },
        SPARQL_QUERY: {"schema": {"type": "string"}},
    },
}
ANSWERS = answers(
    (*RESULTS_FORMATS, *GRAPH_FORMATS, HTML),
    413,
    description="Results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE, the service description)",
)


@router.get("/sparql", responses=ANSWERS, openapi_extra={"parameters": PROTOCOL_PARAMETERS})
@router.post(
    "/sparql",
    responses={**ANSWERS, 415: error(415)},
    openapi_extra={"parameters": PROTOCOL_PARAMETERS, "requestBody": QUERY_BODY},
)
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
    fmt = negotiate(request.headers.get("accept"), (*offered, HTML), asked.formats)
    if fmt is not HTML:
        return await answer_result(request, context, screened, asked.dataset, fmt)
    rows = html_rows(context)
    try:
        outcome = await context.evaluate_query(
            screened, asked.dataset, fmt, client_of(request), rows
        )
        body = await outcome.read_all()
    except KGError as error:
        return _failed_page(request, context, asked.query, error)
    page: dict[str, object] = {"query": asked.query, "formats": EDITOR_FORMATS, "format": HTML}
    page.update(_editor(request, context, run=True))
    page.update(row_cap=rows, max_result_rows=context.settings.max_result_rows)
    if outcome.form == "CONSTRUCT":
        page.update(table=None, graph_text=body.decode("utf-8"), cut=outcome.truncated)
    else:
        page.update(table=result_table(body, rows, context.urls(request), outcome.truncated))
    html = context.render(request, "sparql_results.html", **page)
    headers = {TRUNCATED: f"rows={rows}"} if outcome.truncated else None
    return respond(request, html, HTML.content_type, negotiated=True, headers=headers)


def html_rows(context: AppContext) -> int:
    """Rows an HTML result page shows: `html_result_rows`, within the row cap."""
    cap = context.settings.max_result_rows
    return min(cap, context.settings.html_result_rows) if cap else context.settings.html_result_rows


@router.options("/sparql", include_in_schema=False)
async def sparql_options() -> Response:
    """The methods of the endpoint (CORS preflights are answered before this, by the CORS
    middleware)."""
    return Response(status_code=204, headers={"Allow": "GET, POST, OPTIONS"})


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other_methods() -> Response:
    """The query operation is GET or POST (SPARQL 1.1 Protocol §2.1)."""
    raise MethodNotAllowed("GET, POST")


def _failed_page(request: Request, context: AppContext, query: str, error: KGError) -> Response:
    """A query that failed (malformed, timed out, crashed), for people: the message above the
    editor holding their query, so they can change it and run it again."""
    html = context.render(
        request,
        "sparql_results.html",
        query=query,
        error=error.message,
        formats=EDITOR_FORMATS,
        **_editor(request, context, run=True),
    )
    response = respond(request, html, HTML.content_type, negotiated=True, status=error.status)
    response.headers.update(error.headers)
    return response


def _describe_endpoint(request: Request, context: AppContext, asked: QueryRequest) -> Response:
    """No query: the service description for RDF clients, the query editor for people."""
    fmt = negotiate(request.headers.get("accept"), (*GRAPH_FORMATS, HTML), asked.formats)
    endpoint = context.urls(request).path("/sparql")
    if fmt is HTML:
        html = context.render(
            request,
            "sparql_editor.html",
            endpoint=endpoint,
            query=context.default_query,
            examples=context.examples,
            formats=EDITOR_FORMATS,
            **_editor(request, context, run=False),
        )
        return respond(request, html, HTML.content_type, negotiated=True)
    description = describe_service(endpoint, context.store)
    body = serialize_graph(description, fmt, SERVICE_PREFIXES)
    return respond(request, body, fmt.content_type, negotiated=True)


def _editor(request: Request, context: AppContext, run: bool) -> dict[str, object]:
    """The front-end editor's assets and configuration for a page, or `bundle=None` (the page
    is then the plain form alone). `run`: the page shows a query's results, so the editor runs
    the query as it mounts."""
    built = frontend.bundle()
    if built is None:
        return {"bundle": None}
    urls = context.urls(request)
    assets = {"js": built.url(urls.root, "editor.js"), "css": built.url(urls.root, "editor.css")}
    return {"bundle": assets, "editor_config": editor_config(urls, context.examples, run)}


def editor_config(urls: Urls, examples: list[ExampleQuery], run: bool) -> dict[str, object]:
    """What `frontend/src/editor.js` reads from the page (as JSON): where to send queries and
        link IRIs to, the prefixes to declare and compact with, the examples menu (each example with
    its parameters bound to their defaults, so that it runs as picked), the downloads."""
    return {
        "endpoint": urls.path("/sparql"),
        "root": urls.root,
        "base": iris.BASE,
        "ontology": iris.ONTOLOGY_NS,
        "prefixes": PREFIXES,
        "examples": [
            {"name": e.name, "title": e.title, "description": e.description, "text": e.runnable}
            for e in examples
        ],
        "formats": {
            "results": [_download(fmt) for fmt in RESULTS_FORMATS],
            "graph": [_download(fmt) for fmt in GRAPH_FORMATS],
        },
        "run": run,
    }


def _download(fmt: Format) -> dict[str, str]:
    return {
        "name": fmt.name,
        "label": fmt.label,
        "extension": fmt.extension,
        "media_type": fmt.media_type,
    }
