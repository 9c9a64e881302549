"""Checking contributions over HTTP: `POST /validate` and the `/contribute` page.

The contribution is read and validated in the context of the served graph, in a contribution
worker process when the app has them (`kgserver/curation/workers.py`: memory cap, timeout),
and reported on by content negotiation; nothing is ever written to the store.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.datastructures import UploadFile

from kgserver.curation.contribution import Contribution, Source, read_contribution
from kgserver.curation.loading import validate_in_store
from kgserver.curation.reporting import json_summary, report_groups, summary_line
from kgserver.curation.validation import ValidationReport
from kgserver.curation.workers import Checked
from kgserver.errors import BadRequest, ContributionUnparseable, UnsupportedMediaType
from kgserver.rdf.formats import (
    FILE_FORMATS,
    HTML,
    JSON,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    TURTLE,
    Format,
    by_extension,
    by_media_type,
    by_name,
)
from kgserver.web.context import AppContext, ContextDep
from kgserver.web.negotiation import format_values, negotiate
from kgserver.web.openapi import answers, format_parameters, media_schema
from kgserver.web.request_body import read_body, replayed
from kgserver.web.responses import json_bytes, respond

router = APIRouter()

REPORT_FORMATS: tuple[Format, ...] = (TURTLE, JSON, HTML, JSON_LD)
BODY_FORMATS: tuple[Format, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
"""What a contribution may be sent as, by Content-Type."""
FIELD_FORMATS: tuple[Format, ...] = (TURTLE, JSON_LD)
"""What the form's `format` field may name for pasted text."""
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
PASTED = "contribution"


@router.get("/contribute", include_in_schema=False)
async def contribute_page(request: Request, context: ContextDep) -> Response:
    """The form where people paste or upload a contribution to check."""
    return _page(request, context)


@router.post(
    "/validate",
    responses=answers(REPORT_FORMATS, 413, 415, description="The SHACL validation report"),
    openapi_extra={
        "parameters": format_parameters(),
        "requestBody": {
            "required": True,
            "description": "The contribution, as RDF or as the /contribute form",
            "content": {
                **{t: media_schema(f) for f in BODY_FORMATS for t in f.media_types},
                **{form: {"schema": {"type": "object"}} for form in FORMS},
            },
        },
    },
)
async def validate_endpoint(request: Request, context: ContextDep) -> Response:
    """Validate the contribution in the request in the context of the graph; store nothing."""
    chosen = format_values(request.query_params.multi_items())
    fmt = negotiate(request.headers.get("accept"), REPORT_FORMATS, chosen)
    body = await read_body(request, context.settings.max_contribution_bytes, "the contribution")
    sources, pasted = await _sources(request, body)
    try:
        checked = await _check(context, sources)
    except ContributionUnparseable as unparseable:
        if fmt is HTML:
            return _page(
                request, context, text=pasted, syntax_errors=unparseable.explained, status=400
            )
        if fmt is JSON:
            errors = [
                {"file": e.file, "line": e.line, "column": e.column, "message": e.message}
                for e in unparseable.errors
            ]
            document = {"status": 400, "error": "Bad Request", "message": unparseable.message}
            body = json_bytes({**document, "errors": errors})
            return respond(request, body, JSON.content_type, negotiated=True, status=400)
        raise
    report, contribution = checked.report, checked.contribution
    if fmt is HTML:
        return _page(request, context, text=pasted, report=report, contribution=contribution)
    if fmt is JSON:
        body = json.dumps(json_summary(report, contribution.locations), indent=2).encode()
    else:
        body = report.graph.serialize(format=fmt.rdflib).encode("utf-8")
    return respond(request, body, fmt.content_type, negotiated=True)


async def _check(context: AppContext, sources: list[Source]) -> Checked:
    """Read and validate the contribution: in a contribution worker, or else in a thread."""
    if context.contribution_workers is not None:
        return await context.contribution_workers.check(sources)
    return await context.run_in_worker(_check_here, context, sources)


def _check_here(context: AppContext, sources: list[Source]) -> Checked:
    contribution = read_contribution(sources)
    return Checked(validate_in_store(context.store, contribution.quads, True), contribution)


async def _sources(request: Request, body: bytes) -> tuple[list[Source], str]:
    """The files of the contribution, and the pasted text (to show again on the page)."""
    content_type = request.headers.get("content-type", "")
    sent_as = by_media_type(content_type, BODY_FORMATS)
    if sent_as is not None:
        name = request.query_params.get("name") or PASTED + "." + sent_as.extension
        return [_source(name, body, sent_as)], ""
    if content_type.split(";")[0].strip().lower() not in FORMS:
        accepted = ", ".join(t for f in BODY_FORMATS for t in f.media_types)
        raise UnsupportedMediaType(
            f"send the contribution as {accepted}, or as a form"
            " (fields: contribution, format, file)"
        )
    sources: list[Source] = []
    async with replayed(request, body).form() as form:
        pasted = str(form.get("contribution") or "")
        fmt = by_name(str(form.get("format") or "turtle"), FIELD_FORMATS) or TURTLE
        if pasted.strip():
            sources.append(_source(PASTED + "." + fmt.extension, pasted.encode("utf-8"), fmt))
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            name = upload.filename
            suffix = name.rsplit(".", 1)[-1] if "." in name else ""
            uploaded = by_extension(suffix, FILE_FORMATS) or fmt
            sources.append(_source(name, await upload.read(), uploaded))
    if not sources:
        raise BadRequest("the contribution is empty: paste Turtle or JSON-LD, or upload a file")
    return sources, pasted


def _source(name: str, content: bytes, fmt: Format) -> Source:
    # Relative IRIs resolve against the file's own name, as they do for `kgserver validate`.
    return Source(name, content, fmt, "file:///" + name.lstrip("/"))


def _page(
    request: Request,
    context: AppContext,
    text: str = "",
    report: ValidationReport | None = None,
    contribution: Contribution | None = None,
    syntax_errors: list[str] | None = None,
    status: int = 200,
) -> Response:
    view: dict[str, Any] = {"text": text, "syntax_errors": syntax_errors or []}
    if report is not None and contribution is not None:
        view["summary"] = summary_line(
            report, len(contribution.sources), len(contribution.entities), strict=False
        )
        view["conforms"] = report.conforms
        view["groups"] = report_groups(report, contribution.locations, context.urls(request))
    html = context.render(request, "contribute.html", **view)
    return respond(request, html, HTML.content_type, negotiated=True, status=status)
