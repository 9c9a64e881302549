"""Harvesting: /.well-known/void, /dumps/*, /sitemap.xml and the change feed at /changes.

The documents are built in `kgserver/linked_data/` (`void.py`, `dumps.py`, `sitemap.py`,
`change_feed.py`); these routes choose the representation and answer with validators.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from kgserver.errors import NotFound
from kgserver.linked_data import change_feed
from kgserver.linked_data.sitemap import sitemap, sitemap_part
from kgserver.linked_data.void import VOID_PREFIXES, void_description
from kgserver.rdf.formats import GRAPH_FORMATS, HTML, TURTLE
from kgserver.rdf.output import serialize_graph
from kgserver.web.context import ContextDep
from kgserver.web.negotiation import format_values, negotiate
from kgserver.web.responses import entity_tag, not_modified, respond, respond_with_file

router = APIRouter()

XML = "application/xml; charset=utf-8"


@router.api_route("/.well-known/void", methods=["GET", "HEAD"], include_in_schema=False)
async def void(request: Request, context: ContextDep) -> Response:
    """VoID + DCAT, negotiated: RDF for machines, a downloads page for people."""
    snapshot = await context.snapshot()
    chosen = format_values(request.query_params.multi_items())
    fmt = negotiate(request.headers.get("accept"), (*GRAPH_FORMATS, HTML), chosen)
    dataset = await context.dataset_facts(snapshot.version)
    triples = void_description(dataset, snapshot.catalogue, context.urls(request))
    if fmt is HTML:
        body = context.render(
            request,
            "void.html",
            facts=dataset,
            catalogue=snapshot.catalogue,
            turtle=serialize_graph(triples, TURTLE, VOID_PREFIXES).decode("utf-8"),
            version=snapshot.version,
        )
    else:
        body = serialize_graph(triples, fmt, VOID_PREFIXES)
    etag = entity_tag(snapshot.version, "void", fmt.name)
    modified = snapshot.catalogue.modified
    return respond(request, body, fmt.content_type, etag=etag, modified=modified, negotiated=True)


@router.api_route("/dumps/{name}", methods=["GET", "HEAD"], include_in_schema=False)
async def dump(name: str, request: Request, context: ContextDep) -> Response:
    """One dump file, with a strong entity tag: its SHA-256."""
    # not the catalogue snapshot: a dump of a large graph must not need its entity records
    dataset = await context.dataset_facts()
    found = dataset.dumps.get(name)
    if found is None:
        raise NotFound(f"no dump {name!r}; the dumps are " + ", ".join(dataset.dumps))
    return respond_with_file(
        request,
        found.path,
        found.media_type,
        etag=f'"{found.sha256}"',
        modified=context.live_modified(),
        headers={"Content-Disposition": f'attachment; filename="{found.name}"'},
    )


@router.api_route("/sitemap.xml", methods=["GET", "HEAD"], include_in_schema=False)
async def sitemap_document(request: Request, context: ContextDep) -> Response:
    """Every entity page, with the time of its latest change (an index past 50,000 URLs)."""
    snapshot = await context.snapshot()
    etag = entity_tag(snapshot.version, "sitemap")
    modified = snapshot.catalogue.modified
    unchanged = not_modified(request, etag, modified)
    if unchanged is not None:
        return unchanged
    body = sitemap(snapshot, context.urls(request))
    return respond(request, body, XML, etag=etag, modified=modified)


@router.api_route("/sitemap/{number}.xml", methods=["GET", "HEAD"], include_in_schema=False)
async def sitemap_part_document(number: int, request: Request, context: ContextDep) -> Response:
    """One part of a sitemap too large for one file."""
    snapshot = await context.snapshot()
    body = sitemap_part(snapshot, context.urls(request), number)
    etag = entity_tag(snapshot.version, "sitemap", str(number))
    return respond(request, body, XML, etag=etag, modified=snapshot.catalogue.modified)


@router.api_route("/changes", methods=["GET", "HEAD"], include_in_schema=False)
async def change_collection(request: Request, context: ContextDep) -> Response:
    """The change feed: an OrderedCollection pointing at its first and last pages."""
    snapshot = await context.snapshot()
    document = change_feed.collection(snapshot.changes.changes, context.urls(request))
    return respond(
        request,
        change_feed.as_bytes(document),
        change_feed.AS_MEDIA_TYPE,
        etag=entity_tag(snapshot.version, "changes"),
        modified=snapshot.catalogue.modified,
    )


@router.api_route("/changes/page/{number}", methods=["GET", "HEAD"], include_in_schema=False)
async def change_page(number: int, request: Request, context: ContextDep) -> Response:
    """One page of the change feed, oldest first, linked to its neighbours."""
    snapshot = await context.snapshot()
    document = change_feed.page(snapshot.changes.changes, number, context.urls(request))
    return respond(
        request,
        change_feed.as_bytes(document),
        change_feed.AS_MEDIA_TYPE,
        etag=entity_tag(snapshot.version, "changes", str(number)),
        modified=snapshot.catalogue.modified,
    )
