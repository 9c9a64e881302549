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
from kgserver.rdf_output import serialize_graph
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
        body = serialize_graph(triples, fmt, VOID_PREFIXES)
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


SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org protocol)
XML = "application/xml; charset=utf-8"


def _sitemap_urls(snapshot: Snapshot, root: str) -> list[str]:
    """`<url>` elements: the home page, then every entity page with its latest change."""
    latest = snapshot.changes.latest()
    urls = [f"<url><loc>{escape(root)}/</loc></url>"]
    for entity in sorted(snapshot.catalogue.entities.values(), key=lambda e: e.slug):
        lastmod = latest.get(entity.iri, "")
        lastmod_xml = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        urls.append(f"<url><loc>{escape(root)}/id/{escape(entity.slug)}</loc>{lastmod_xml}</url>")
    return urls


def _urlset(urls: list[str]) -> bytes:
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">'
    return "\n".join([head, *urls, "</urlset>\n"]).encode("utf-8")


@router.api_route("/sitemap.xml", methods=["GET", "HEAD"], include_in_schema=False)
async def sitemap(request: Request, context: ContextDep) -> Response:
    """Every entity page, with the time of its latest change as `lastmod` (sitemaps.org 0.9).

    Past SITEMAP_LIMIT URLs it is a sitemap index of numbered parts at /sitemap/{n}.xml.
    """
    snapshot = await current(context)
    root = context.root(request)
    etag = entity_tag(snapshot.version, "sitemap")
    modified = snapshot.catalogue.modified
    if is_fresh(request, etag, http_date(modified)):
        return conditional(request, b"", XML, etag, modified)
    urls = _sitemap_urls(snapshot, root)
    if len(urls) <= SITEMAP_LIMIT:
        return conditional(request, _urlset(urls), XML, etag, modified)
    parts = (len(urls) + SITEMAP_LIMIT - 1) // SITEMAP_LIMIT
    index = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">']
    lastmod = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
    for number in range(parts):
        index.append(f"<sitemap><loc>{escape(root)}/sitemap/{number}.xml</loc>{lastmod}</sitemap>")
    index.append("</sitemapindex>\n")
    return conditional(request, "\n".join(index).encode("utf-8"), XML, etag, modified)


@router.api_route("/sitemap/{number}.xml", methods=["GET", "HEAD"], include_in_schema=False)
async def sitemap_part(number: int, request: Request, context: ContextDep) -> Response:
    """One part of a sitemap too large for one file."""
    snapshot = await current(context)
    urls = _sitemap_urls(snapshot, context.root(request))
    chunk = urls[number * SITEMAP_LIMIT : (number + 1) * SITEMAP_LIMIT]
    if number < 0 or not chunk or len(urls) <= SITEMAP_LIMIT:
        raise NotFound("no such sitemap part; start from /sitemap.xml")
    etag = entity_tag(snapshot.version, "sitemap", str(number))
    return conditional(request, _urlset(chunk), XML, etag, snapshot.catalogue.modified)


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
