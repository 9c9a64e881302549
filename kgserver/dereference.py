"""Dereferencing entity IRIs: GET /id/{path} with content negotiation, and /id/{path}.{ext}.

Cool URIs practice (one for every IRI under /id/): the IRI of the thing answers directly with
200 and the negotiated description, naming the document it sent in `Content-Location`
(`/id/x.ttl`, `/id/x.html`…) — no 303 round trip for harvesters. Each document has its own
URL with a format suffix, which never negotiates. The pipeline is explicit:
path → IRI → exists? (else a helpful 404) → describe → negotiate → serialise or render.
"""

from __future__ import annotations

import difflib
import json
from collections import OrderedDict
from collections.abc import Container
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from kgserver import iris
from kgserver.caching import conditional, entity_tag, http_date, is_fresh
from kgserver.catalogue import Entity
from kgserver.context import AppContext, get_context
from kgserver.describe import describe, serialize_description
from kgserver.entity_view import entity_page
from kgserver.errors import NotAcceptable
from kgserver.negotiation import GRAPH_FORMATS, HTML, Format, negotiate
from kgserver.snapshot import Snapshot, current

ContextDep = Annotated[AppContext, Depends(get_context)]
router = APIRouter()

ENTITY_FORMATS: tuple[Format, ...] = (HTML, *GRAPH_FORMATS)
BY_EXTENSION = {fmt.extension: fmt for fmt in ENTITY_FORMATS}
CACHED_DOCUMENTS = 512
COMPARABLE = iris.ONTOLOGY_NS + "Infrastructure"


def split_format(path: str, known: Container[str]) -> tuple[str, Format | None]:
    """`infrastructure/zenodo.ttl` → (`infrastructure/zenodo`, Turtle) when the stem is known."""
    if path in known:
        return path, None
    stem, dot, extension = path.rpartition(".")
    if dot and extension in BY_EXTENSION and stem in known:
        return stem, BY_EXTENSION[extension]
    return path, None


class _Slugs:
    """The paths under /id/ that name entities, looked up without building a set per request."""

    def __init__(self, entities: Container[str]) -> None:
        self.entities = entities

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and iris.ENTITY_BASE + slug in self.entities


def alternates(root: str, slug: str) -> str:
    """The `Link` header naming every format's document (RFC 8288)."""
    return ", ".join(
        f'<{root}/id/{slug}.{fmt.extension}>; rel="alternate"; type="{fmt.media_type}"'
        for fmt in ENTITY_FORMATS
    )


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def dereference(path: str, request: Request, context: ContextDep) -> Response:
    """Answer for the entity `https://w3id.org/oikg/id/{path}` in the format the client wants."""
    snapshot = await current(context)
    known = _Slugs(snapshot.catalogue.entities)
    slug, fixed = split_format(path, known)
    if slug not in known:
        return not_found(request, context, snapshot, path)
    if fixed is None:
        fmt = negotiate(
            request.headers.get("accept"), ENTITY_FORMATS, request.query_params.get("format")
        )
    else:
        fmt = fixed
    root = context.root(request)
    headers = {
        "Content-Location": f"{root}/id/{slug}.{fmt.extension}",
        "Link": alternates(root, slug),
    }
    if fixed is None:
        headers["Vary"] = "Accept"
    etag = entity_tag(snapshot.version, fmt.name)
    modified = snapshot.catalogue.modified
    if is_fresh(request, etag, http_date(modified)):
        return conditional(request, b"", fmt.content_type, etag, modified, headers)
    body = await document(context, snapshot, iris.ENTITY_BASE + slug, fmt, root)
    return conditional(request, body, fmt.content_type, etag, modified, headers)


async def document(
    context: AppContext, snapshot: Snapshot, iri: str, fmt: Format, root: str
) -> bytes:
    """The entity's description in `fmt` (HTML: its page), cached per dataset version."""
    cache: OrderedDict[tuple[str, ...], bytes] = context.derived.setdefault(
        "documents", OrderedDict()
    )
    key = (snapshot.version, iri, fmt.name, root)
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    if fmt is HTML:
        triples = await context.run_in_worker(describe, context.store, iri, False)
        page = entity_page(iri, triples, snapshot.catalogue, root)
        slug = iri[len(iris.ENTITY_BASE) :]
        body = (
            context.templates.get_template("entity.html")
            .render(
                root=root,
                page=page,
                slug=slug,
                formats=GRAPH_FORMATS,
                comparable=COMPARABLE in snapshot.catalogue.entities[iri].classes,
                schema_org=json.dumps(page.schema_org, ensure_ascii=False, sort_keys=True),
                version=snapshot.version,
            )
            .encode("utf-8")
        )
    else:
        body = await context.run_in_worker(
            lambda: serialize_description(describe(context.store, iri), fmt)
        )
    cache[key] = body
    while len(cache) > CACHED_DOCUMENTS:
        cache.popitem(last=False)
    return body


def suggest(snapshot: Snapshot, path: str, words: str, limit: int = 8) -> list[Entity]:
    """Entities the client may have meant: near-identical paths first, then name matches."""
    from kgserver.search import search

    entities = {e.slug: e for e in snapshot.catalogue.entities.values()}
    close = difflib.get_close_matches(path, list(entities), n=limit, cutoff=0.75)
    found = [entities[slug] for slug in close]
    found += [hit.entity for hit in search(snapshot.catalogue, words, any_word=True).hits]
    unique = {entity.iri: entity for entity in reversed(found)}
    return sorted(unique.values(), key=found.index)[:limit]


def not_found(request: Request, context: AppContext, snapshot: Snapshot, path: str) -> Response:
    """404: for people, a page with the entities whose names look like the path; else text."""
    from kgserver.app import error_response

    message = f"the graph has no entity {iris.ENTITY_BASE}{path}"
    try:
        fmt = negotiate(request.headers.get("accept"), (HTML, *GRAPH_FORMATS))
    except NotAcceptable:
        fmt = None
    if fmt is not HTML:
        return error_response(request, 404, message)
    words = " ".join(path.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").split())
    suggestions = suggest(snapshot, path, words)
    html = context.templates.get_template("not_found.html").render(
        root=context.root(request),
        iri=iris.ENTITY_BASE + path,
        message=message,
        suggestions=suggestions,
        words=words,
    )
    return Response(html, status_code=404, media_type=HTML.content_type, headers={"Vary": "Accept"})
