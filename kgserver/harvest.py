"""Harvesting: /.well-known/void, /dumps/*, /sitemap.xml and the change feed at /changes.

The change feed is an Activity Streams 2.0 OrderedCollection paged as in the IIIF Change
Discovery API 1.0: pages hold activities oldest first; a harvester reads from `last`
backwards (`prev`) until it reaches activities older than its previous visit.
"""

from __future__ import annotations

import json
import threading
from typing import Annotated, Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Depends, Request, Response
from pyoxigraph import RdfFormat, serialize

from kgserver.caching import conditional, entity_tag, http_date, is_fresh
from kgserver.changes import Change
from kgserver.context import AppContext, get_context
from kgserver.dumps import DatasetFacts, build_facts
from kgserver.errors import NotFound
from kgserver.negotiation import GRAPH_FORMATS, HTML, negotiate
from kgserver.snapshot import Snapshot, current
from kgserver.void import VOID_PREFIXES, void_description

ContextDep = Annotated[AppContext, Depends(get_context)]
router = APIRouter()

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
AS_MEDIA_TYPE = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
CHANGES_PER_PAGE = 100
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


async def facts(context: AppContext, snapshot: Snapshot) -> DatasetFacts:
    """The dumps and counts of the live version, built on first need after a change."""
    known: DatasetFacts | None = context.derived.get("facts")
    if known is not None and known.version == snapshot.version:
        return known
    lock = context.derived.setdefault("facts_lock", threading.Lock())

    def rebuild() -> DatasetFacts:
        with lock:  # one serialisation of the dumps at a time, however many ask at once
            current_facts: DatasetFacts | None = context.derived.get("facts")
            if current_facts is None or current_facts.version != snapshot.version:
                current_facts = build_facts(context.store)
                context.derived["facts"] = current_facts
            return current_facts

    return await context.run_in_worker(rebuild)


@router.api_route("/.well-known/void", methods=["GET", "HEAD"], include_in_schema=False)
async def void(request: Request, context: ContextDep) -> Response:
    """VoID + DCAT, negotiated: RDF for machines, a downloads page for people."""
    snapshot = await current(context)
    fmt = negotiate(
        request.headers.get("accept"), (*GRAPH_FORMATS, HTML), request.query_params.get("format")
    )
    root = context.root(request)
    dataset = await facts(context, snapshot)
    triples = void_description(dataset, snapshot.catalogue, root)
    etag = entity_tag(snapshot.version, "void", fmt.name)
    headers = {"Vary": "Accept"}
    if fmt is HTML:
        turtle = serialize(triples, format=RdfFormat.TURTLE, prefixes=VOID_PREFIXES) or b""
        html = context.templates.get_template("void.html").render(
            root=root,
            facts=dataset,
            catalogue=snapshot.catalogue,
            turtle=turtle.decode("utf-8"),
            version=snapshot.version,
        )
        body = html.encode("utf-8")
    else:
        body = serialize(triples, format=fmt.oxigraph, prefixes=VOID_PREFIXES) or b""  # type: ignore[arg-type]
    return conditional(request, body, fmt.content_type, etag, snapshot.catalogue.modified, headers)


@router.api_route("/dumps/{name}", methods=["GET", "HEAD"], include_in_schema=False)
async def dump(name: str, request: Request, context: ContextDep) -> Response:
    """One dump file, with a strong entity tag: its SHA-256."""
    snapshot = await current(context)
    dataset = await facts(context, snapshot)
    found = dataset.dumps.get(name)
    if found is None:
        raise NotFound(f"no dump {name!r}; the dumps are " + ", ".join(dataset.dumps))
    headers = {"Content-Disposition": f'attachment; filename="{found.name}"'}
    return conditional(
        request,
        found.body,
        found.media_type,
        f'"{found.sha256}"',
        snapshot.catalogue.modified,
        headers,
    )


@router.api_route("/sitemap.xml", methods=["GET", "HEAD"], include_in_schema=False)
async def sitemap(request: Request, context: ContextDep) -> Response:
    """Every entity page, with the time of its latest change as `lastmod` (sitemaps.org 0.9)."""
    snapshot = await current(context)
    root = context.root(request)
    etag = entity_tag(snapshot.version, "sitemap")
    if is_fresh(request, etag, http_date(snapshot.catalogue.modified)):
        return conditional(request, b"", "application/xml", etag, snapshot.catalogue.modified)
    latest = snapshot.changes.latest()
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">']
    lines.append(f"<url><loc>{escape(root)}/</loc></url>")
    for entity in sorted(snapshot.catalogue.entities.values(), key=lambda e: e.slug):
        lastmod = latest.get(entity.iri, "")
        lastmod_xml = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(root)}/id/{escape(entity.slug)}</loc>{lastmod_xml}</url>")
    lines.append("</urlset>\n")
    body = "\n".join(lines).encode("utf-8")
    return conditional(
        request, body, "application/xml; charset=utf-8", etag, snapshot.catalogue.modified
    )


def _activity(change: Change, root: str) -> dict[str, Any]:
    obj: dict[str, Any] = {"id": change.iri, "type": list(change.types) or "Object"}
    if change.kind != "Delete":
        obj["url"] = f"{root}/id/{change.iri.split('/id/', 1)[-1]}"
    return {"type": change.kind, "object": obj, "endTime": change.at}


def _json(request: Request, document: dict[str, Any], etag: str, modified: str) -> Response:
    body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    return conditional(request, body, AS_MEDIA_TYPE, etag, modified)


@router.api_route("/changes", methods=["GET", "HEAD"], include_in_schema=False)
async def change_collection(request: Request, context: ContextDep) -> Response:
    """The change feed: an OrderedCollection pointing at its first and last pages."""
    snapshot = await current(context)
    root = context.root(request)
    total = len(snapshot.changes.changes)
    last = max(0, (total - 1) // CHANGES_PER_PAGE)
    document = {
        "@context": AS_CONTEXT,
        "id": f"{root}/changes",
        "type": "OrderedCollection",
        "summary": "Entities created, updated and deleted, oldest first, per dataset version.",
        "totalItems": total,
        "first": {"id": f"{root}/changes/page/0", "type": "OrderedCollectionPage"},
        "last": {"id": f"{root}/changes/page/{last}", "type": "OrderedCollectionPage"},
    }
    return _json(
        request, document, entity_tag(snapshot.version, "changes"), snapshot.catalogue.modified
    )


@router.api_route("/changes/page/{number}", methods=["GET", "HEAD"], include_in_schema=False)
async def change_page(number: int, request: Request, context: ContextDep) -> Response:
    """One page of the change feed, oldest first, linked to its neighbours."""
    snapshot = await current(context)
    root = context.root(request)
    changes = snapshot.changes.changes
    last = max(0, (len(changes) - 1) // CHANGES_PER_PAGE)
    if not 0 <= number <= last:
        raise NotFound(f"the change feed has pages 0 to {last}")
    start = number * CHANGES_PER_PAGE
    document: dict[str, Any] = {
        "@context": AS_CONTEXT,
        "id": f"{root}/changes/page/{number}",
        "type": "OrderedCollectionPage",
        "partOf": {"id": f"{root}/changes", "type": "OrderedCollection"},
        "startIndex": start,
        "orderedItems": [_activity(c, root) for c in changes[start : start + CHANGES_PER_PAGE]],
    }
    if number > 0:
        document["prev"] = {
            "id": f"{root}/changes/page/{number - 1}",
            "type": "OrderedCollectionPage",
        }
    if number < last:
        document["next"] = {
            "id": f"{root}/changes/page/{number + 1}",
            "type": "OrderedCollectionPage",
        }
    etag = entity_tag(snapshot.version, "changes", str(number))
    return _json(request, document, etag, snapshot.catalogue.modified)
