"""Dereferencing entity IRIs: GET /id/{path} with content negotiation, and /id/{path}.{ext}.

Cool URIs practice (one for every IRI under /id/): the IRI of the thing answers directly with
200 and the negotiated description, naming the document it sent in `Content-Location`
(`/id/x.ttl`, `/id/x.html`…) — no 303 round trip for harvesters. Each document has its own
URL with a format suffix, which never negotiates. The pipeline is explicit:
path → IRI → exists? (else a helpful 404) → describe → negotiate → serialise or render.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response

from kgserver.catalogue.snapshot import Snapshot
from kgserver.errors import NotAcceptable
from kgserver.linked_data.describe import describe, serialize_description
from kgserver.linked_data.entity_documents import ENTITY_FORMATS, Slugs, split_format, suggest
from kgserver.linked_data.entity_page import entity_page
from kgserver.rdf import iris
from kgserver.rdf.formats import GRAPH_FORMATS, HTML, Format
from kgserver.rdf.urls import Urls
from kgserver.web.context import AppContext, ContextDep
from kgserver.web.errors import error_response
from kgserver.web.negotiation import format_values, negotiate
from kgserver.web.responses import entity_tag, not_modified, respond

router = APIRouter()

COMPARABLE = iris.ONTOLOGY_NS + "Infrastructure"


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def dereference(path: str, request: Request, context: ContextDep) -> Response:
    """Answer for the entity `https://w3id.org/oikg/id/{path}` in the format the client wants."""
    snapshot = await context.snapshot()
    known = Slugs(snapshot.catalogue.entities)
    slug, fixed = split_format(path, known)
    if slug not in known:
        return not_found(request, context, snapshot, path)
    chosen = format_values(request.query_params.multi_items())
    fmt = fixed or negotiate(request.headers.get("accept"), ENTITY_FORMATS, chosen)
    urls = context.urls(request)
    headers = {
        "Content-Location": urls.entity(slug, fmt),
        "Link": urls.alternates(urls.entity(slug), ENTITY_FORMATS),
    }
    etag = entity_tag(snapshot.version, fmt.name)
    modified = snapshot.catalogue.modified
    negotiated = fixed is None
    unchanged = not_modified(request, etag, modified, negotiated, headers)
    if unchanged is not None:
        return unchanged
    body = await context.derived(
        context.documents,
        (slug, fmt.name, urls.root),
        lambda: document(context, snapshot, slug, fmt, urls),
        snapshot.version,
    )
    return respond(
        request,
        body,
        fmt.content_type,
        etag=etag,
        modified=modified,
        negotiated=negotiated,
        headers=headers,
    )


def document(context: AppContext, snapshot: Snapshot, slug: str, fmt: Format, urls: Urls) -> bytes:
    """The entity's description in `fmt` (HTML: its page); runs in a worker thread."""
    iri = iris.ENTITY_BASE + slug
    if fmt is not HTML:
        return serialize_description(describe(context.store, iri), fmt)
    page = entity_page(iri, describe(context.store, iri, False), snapshot.catalogue, urls)
    return (
        context.templates.get_template("entity.html")
        .render(
            urls=urls,
            root=urls.root,
            page=page,
            slug=slug,
            formats=GRAPH_FORMATS,
            comparable=COMPARABLE in snapshot.catalogue.entities[iri].classes,
            schema_org=json.dumps(page.schema_org, ensure_ascii=False, sort_keys=True),
            version=snapshot.version,
        )
        .encode("utf-8")
    )


def not_found(request: Request, context: AppContext, snapshot: Snapshot, path: str) -> Response:
    """404: for people, a page with the entities whose names look like the path; else text."""
    message = f"the graph has no entity {iris.ENTITY_BASE}{path}"
    try:
        fmt = negotiate(request.headers.get("accept"), ENTITY_FORMATS)
    except NotAcceptable:
        fmt = None
    if fmt is not HTML:
        return error_response(request, 404, message)
    words, suggestions = suggest(snapshot, path)
    html = context.render(
        request,
        "not_found.html",
        iri=iris.ENTITY_BASE + path,
        message=message,
        suggestions=suggestions,
        words=words,
    )
    return respond(request, html, HTML.content_type, negotiated=True, status=404)
