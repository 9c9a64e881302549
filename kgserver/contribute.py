"""Checking contributions over HTTP: `POST /validate` and the `/contribute` page.

The contribution is validated in the context of the served graph and reported on by content
negotiation; nothing is ever written to the store.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from pyoxigraph import RdfFormat
from starlette.datastructures import UploadFile

from kgserver import store as stores
from kgserver.context import AppContext, get_context
from kgserver.contribution import (
    Contribution,
    ContributionUnparseable,
    Source,
    explain_syntax_error,
    read_contribution,
)
from kgserver.errors import BadRequest, UnsupportedMediaType
from kgserver.graph import EXTENSIONS
from kgserver.negotiation import HTML, JSON, JSON_LD, TURTLE, Format, negotiate
from kgserver.reporting import by_entity, compact, json_summary, place, summary_line
from kgserver.request_body import read_body
from kgserver.urls import local_href
from kgserver.validation import ValidationReport

ContextDep = Annotated[AppContext, Depends(get_context)]

router = APIRouter()

REPORT_FORMATS: tuple[Format, ...] = (TURTLE, JSON, HTML, JSON_LD)
# Request bodies we read, by media type; form fields name a format by its short name.
BODY_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
FIELD_FORMATS = {"turtle": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD}
PASTED = "contribution"


class UnparseableContribution(BadRequest):
    """400: the contribution is not well-formed RDF; the message gives line and column."""


@router.get("/contribute", response_class=HTMLResponse, include_in_schema=False)
async def contribute_page(request: Request, context: ContextDep) -> HTMLResponse:
    """The form where people paste or upload a contribution to check."""
    return _page(request, context)


@router.post("/validate")
async def validate_endpoint(request: Request, context: ContextDep) -> Response:
    """Validate the contribution in the request in the context of the graph; store nothing."""
    fmt = negotiate(
        request.headers.get("accept"), REPORT_FORMATS, request.query_params.get("format")
    )
    body = await read_body(request, context.settings.max_contribution_bytes, "the contribution")
    sources, pasted = await _sources(request, body)
    try:
        contribution = read_contribution(sources)
    except ContributionUnparseable as unparseable:
        contents = {s.name: s.content for s in sources}
        messages = [explain_syntax_error(e, contents[e.file]) for e in unparseable.errors]
        if fmt is HTML:
            return _page(request, context, text=pasted, syntax_errors=messages, status=400)
        if fmt is JSON:
            errors = [
                {"file": e.file, "line": e.line, "column": e.column, "message": e.message}
                for e in unparseable.errors
            ]
            document = {"status": 400, "error": "Bad Request", "message": "\n".join(messages)}
            return JSONResponse({**document, "errors": errors}, 400, headers={"Vary": "Accept"})
        raise UnparseableContribution("\n".join(messages)) from unparseable
    report = await context.run_in_worker(
        stores.validate_in_store, context.store, contribution.quads, True
    )
    headers = {"Vary": "Accept"}
    if fmt is HTML:
        return _page(request, context, text=pasted, report=report, contribution=contribution)
    if fmt is JSON:
        document = json_summary(report, contribution.locations)
        return Response(
            json.dumps(document, indent=2), media_type=JSON.content_type, headers=headers
        )
    rdf_format = "json-ld" if fmt is JSON_LD else "turtle"
    return Response(
        report.graph.serialize(format=rdf_format), media_type=fmt.content_type, headers=headers
    )


async def _sources(request: Request, body: bytes) -> tuple[list[Source], str]:
    """The files of the contribution, and the pasted text (to show again on the page)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type in BODY_FORMATS:
        name = request.query_params.get("name") or PASTED + _extension(BODY_FORMATS[media_type])
        return [_source(name, body, BODY_FORMATS[media_type])], ""
    if media_type not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise UnsupportedMediaType(
            f"send the contribution as {', '.join(BODY_FORMATS)}, or as a form"
            " (fields: contribution, format, file)"
        )
    request._body = body  # the form parser reads the body we have already measured
    sources: list[Source] = []
    async with request.form() as form:
        pasted = str(form.get("contribution") or "")
        fmt = FIELD_FORMATS.get(str(form.get("format") or "turtle"), RdfFormat.TURTLE)
        if pasted.strip():
            sources.append(_source(PASTED + _extension(fmt), pasted.encode("utf-8"), fmt))
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            name = upload.filename
            suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
            sources.append(_source(name, await upload.read(), EXTENSIONS.get(suffix, fmt)))
    if not sources:
        raise BadRequest("the contribution is empty: paste Turtle or JSON-LD, or upload a file")
    return sources, pasted


def _source(name: str, content: bytes, fmt: RdfFormat) -> Source:
    # Relative IRIs resolve against the file's own name, as they do for `kgserver validate`.
    return Source(name, content, fmt, "file:///" + name.lstrip("/"))


def _extension(fmt: RdfFormat) -> str:
    return next((ext for ext, f in EXTENSIONS.items() if f == fmt), ".ttl")


def _page(
    request: Request,
    context: AppContext,
    text: str = "",
    report: ValidationReport | None = None,
    contribution: Contribution | None = None,
    syntax_errors: list[str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    root = context.root(request)
    view: dict[str, Any] = {"root": root, "text": text, "syntax_errors": syntax_errors or []}
    if report is not None and contribution is not None:
        findings = place(report, contribution.locations)
        view["summary"] = summary_line(
            report, len(contribution.sources), len(contribution.entities), strict=False
        )
        view["conforms"] = report.conforms
        view["groups"] = [
            {
                "entity": group.focus_node,
                "href": local_href(group.focus_node, root),
                "where": str(group.location),
                "worst": group.worst.lower(),
                "findings": [
                    {
                        "level": f.level,
                        "severity": f.result.severity.lower(),
                        "path": compact(f.result.path),
                        "value": f.value,
                        "message": f.result.message,
                        "shape": compact(f.result.source_shape),
                        "shape_href": (
                            local_href(f.result.source_shape, root)
                            if not f.result.source_shape.startswith("_:")
                            else None
                        ),
                    }
                    for f in group.findings
                ],
            }
            for group in by_entity(findings)
        ]
    html = context.templates.get_template("contribute.html").render(**view)
    return HTMLResponse(html, status_code=status, headers={"Vary": "Accept"})
