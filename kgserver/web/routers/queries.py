"""Stored queries as a REST API: `GET /api/queries` lists the named queries of `queries/`;
`GET /api/queries/{name}?param=value` runs one, its parameters bound as RDF terms
(`kgserver/query/parameters.py`) and its results negotiated like /sparql's, plus JSON rows.

Each stored query is a route of its own in the OpenAPI description, with its parameters, their
types and defaults, so `/api` shows and tries them.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from fastapi import APIRouter, Query, Request, Response

from kgserver.errors import NotFound
from kgserver.query.evaluation import QueryDataset
from kgserver.query.examples import ExampleQuery
from kgserver.query.result_rows import rows_json
from kgserver.query.result_table import result_table
from kgserver.query.screening import screen_query
from kgserver.rdf.formats import (
    FORMAT_PARAMETERS,
    GRAPH_FORMATS,
    HTML,
    JSON,
    RESULTS_FORMATS,
    ROWS_JSON,
    SPARQL_JSON,
    Format,
)
from kgserver.web.context import AppContext, ContextDep, get_context
from kgserver.web.negotiation import format_values, negotiate
from kgserver.web.openapi import answers, format_parameters
from kgserver.web.query_results import answer_result, evaluate_cached, result_headers, result_tag
from kgserver.web.responses import entity_tag, json_bytes, not_modified, respond

LISTING_FORMATS: tuple[Format, ...] = (JSON, HTML)
RESULT_FORMATS: tuple[Format, ...] = (ROWS_JSON, *RESULTS_FORMATS, HTML)
"""SELECT and ASK: JSON rows first (for `Accept: application/json` and `*/*`)."""
RESERVED = FORMAT_PARAMETERS
"""Query-string names that choose the format, never parameters."""


def describe(example: ExampleQuery, root: str) -> dict[str, Any]:
    """What the listing says about one stored query."""
    return {
        "name": example.name,
        "title": example.title,
        "description": example.description,
        "question": example.question or None,
        "audience": example.audience or None,
        "reasoning": example.reasoning or None,
        "url": f"{root}/api/queries/{example.name}",
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "description": p.description or None,
                "expects": p.expects,
            }
            for p in example.parameters
        ],
    }


async def list_queries(request: Request, context: ContextDep) -> Response:
    """Every stored query with its title, description, question, audience and parameters."""
    chosen = format_values(request.query_params.multi_items())
    fmt = negotiate(request.headers.get("accept"), LISTING_FORMATS, chosen)
    root = context.urls(request).root
    if fmt is HTML:
        body = context.render(request, "queries.html", queries=context.examples)
    else:
        body = json_bytes([describe(example, root) for example in context.examples])
    etag = entity_tag(context.live_version(), "queries", fmt.name)
    return respond(request, body, fmt.content_type, etag=etag, negotiated=True)


async def run_query(example: ExampleQuery, request: Request, context: AppContext) -> Response:
    """Run `example` with the request's parameters, in the format the client asked for."""
    values = {k: v for k, v in request.query_params.items() if k not in RESERVED}
    text = example.bound(values)
    screened = screen_query(
        text, context.settings.max_query_nesting, context.settings.max_query_operators
    )
    offered = (*GRAPH_FORMATS, HTML) if screened.returns_graph else RESULT_FORMATS
    chosen = format_values(request.query_params.multi_items())
    fmt = negotiate(request.headers.get("accept"), offered, chosen)
    if fmt is not ROWS_JSON and fmt is not HTML:
        return await answer_result(request, context, screened, QueryDataset(), fmt)
    evaluated_as = SPARQL_JSON if fmt is ROWS_JSON else fmt
    cap = context.settings.max_result_rows
    version = context.live_version()
    etag = result_tag(version, text, QueryDataset(), fmt, cap)
    unchanged = not_modified(request, etag, "", negotiated=True)
    if unchanged is not None:
        return unchanged
    outcome = await evaluate_cached(
        request, context, screened, QueryDataset(), evaluated_as, cap, version
    )
    body = await outcome.read_all()
    if fmt is ROWS_JSON:
        body = rows_json(body)
    else:
        page: dict[str, Any] = {"query": text, "formats": RESULT_FORMATS, "title": example.title}
        page.update(max_result_rows=cap, row_cap=cap)
        if outcome.form == "CONSTRUCT":
            page.update(table=None, graph_text=body.decode("utf-8"), cut=outcome.truncated)
        else:
            rows = context.settings.html_result_rows
            page.update(table=result_table(body, rows, context.urls(request), outcome.truncated))
        body = context.render(request, "sparql_results.html", **page)
    headers = result_headers(context, None, cap, outcome.truncated)
    return respond(request, body, fmt.content_type, etag=etag, negotiated=True, headers=headers)


def _endpoint(example: ExampleQuery) -> Callable[..., Awaitable[Response]]:
    """A route function for `example` whose signature declares its parameters (for OpenAPI)."""

    async def endpoint(request: Request, **_: str) -> Response:
        return await run_query(example, request, get_context(request))

    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    ]
    for p in example.parameters:
        query = Query(
            alias=p.name,  # the Python name below need not be one (`class` is a keyword)
            default=p.default,
            description=f"{p.description} ({p.expects})".strip(),
            examples=[p.default] if p.default is not None else None,
        )
        parameters.append(
            inspect.Parameter(
                f"parameter_{p.name}",
                inspect.Parameter.KEYWORD_ONLY,
                default=query,
                annotation=str | None,
            )
        )
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = "query_" + example.name.replace("-", "_")
    endpoint.__doc__ = example.description
    return endpoint


def queries_router(examples: Sequence[ExampleQuery]) -> APIRouter:
    """The routes of the stored queries of one app."""
    router = APIRouter(tags=["stored queries"])
    router.add_api_route(
        "/api/queries",
        list_queries,
        methods=["GET"],
        summary="List the stored queries",
        responses=answers(LISTING_FORMATS),
        openapi_extra={"parameters": format_parameters()},
        response_class=Response,
    )
    for example in examples:
        router.add_api_route(
            f"/api/queries/{example.name}",
            _endpoint(example),
            methods=["GET"],
            summary=example.title,
            description=example.question or example.description,
            response_class=Response,
            responses=answers((*RESULT_FORMATS, *GRAPH_FORMATS), 422),
            openapi_extra={"parameters": format_parameters()},
        )

    @router.get("/api/queries/{name}", include_in_schema=False)
    async def unknown_query(name: str) -> Response:
        raise NotFound(f"no stored query {name!r}; GET /api/queries lists them")

    return router
