"""Pages for people: home, browse, search, compare and statistics (no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from kgserver.catalogue.compare import MAX_COMPARED, comparison
from kgserver.catalogue.facets import FACETS
from kgserver.catalogue.snapshot import Snapshot
from kgserver.catalogue.statistics import INFRASTRUCTURE, charts
from kgserver.errors import BadRequest
from kgserver.rdf import iris
from kgserver.rdf.formats import HTML
from kgserver.web.context import AppContext, ContextDep
from kgserver.web.responses import entity_tag, respond

router = APIRouter()


def _page(
    request: Request, context: AppContext, snapshot: Snapshot, template: str, **values: Any
) -> Response:
    """Render `template` with validators from the dataset version (and the URL's query)."""
    etag = entity_tag(snapshot.version, "html", request.url.path, request.url.query)
    html = context.render(request, template, version=snapshot.version, **values)
    return respond(
        request, html, HTML.content_type, etag=etag, modified=snapshot.catalogue.modified
    )


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
async def home(request: Request, context: ContextDep) -> Response:
    """What the graph is, how much it holds, and where to go from here."""
    snapshot = await context.snapshot()
    catalogue = snapshot.catalogue
    classes = [
        (catalogue.label(c), c.removeprefix(iris.ONTOLOGY_NS), n)
        for c, n in sorted(
            catalogue.classes(), key=lambda cn: not cn[0].startswith(iris.ONTOLOGY_NS)
        )
    ]
    changes = snapshot.changes.changes
    # The baseline (everything "created" when the log began) is not news: show later changes.
    first_version = changes[0].version if changes else ""
    later = [c for c in changes if c.version != first_version]
    recent = sorted(later, key=lambda c: c.at, reverse=True)[:8]
    return _page(
        request,
        context,
        snapshot,
        "home.html",
        classes=classes,
        triples=catalogue.triples,
        entities=len(catalogue.entities),
        modified=catalogue.modified,
        recent=[(c, catalogue.entities.get(c.iri)) for c in recent],
    )


def _filters(request: Request) -> dict[str, list[str]]:
    return {spec.key: request.query_params.getlist(spec.key) for spec in FACETS}


@router.api_route("/browse", methods=["GET", "HEAD"], include_in_schema=False)
@router.api_route("/search", methods=["GET", "HEAD"], include_in_schema=False)
async def browse(request: Request, context: ContextDep) -> Response:
    """Lists of entities, faceted, filtered by a full-text query when one is given."""
    snapshot = await context.snapshot()
    urls = context.urls(request)
    path = request.url.path
    query = request.query_params.get("q", "").strip()
    filters = _filters(request)
    try:
        page = int(request.query_params.get("page", "1"))
    except ValueError:
        page = 1
    result = snapshot.index.search(query, filters, page)
    base = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    toggles = {}
    for facet in result.facets:
        for value in facet.values:
            pair = (facet.key, value.key)
            params = [p for p in base if p != pair] if value.selected else [*base, pair]
            toggles[pair] = urls.path(path, params)
    pages = [(n, urls.path(path, [*base, ("page", str(n))])) for n in range(1, result.pages + 1)]
    selected = [
        (facet.label, value.label, toggles[(facet.key, value.key)])
        for facet in result.facets
        for value in facet.values
        if value.selected
    ]
    return _page(
        request,
        context,
        snapshot,
        "browse.html",
        heading=_heading(snapshot, path, query, filters),
        searching=path.endswith("/search"),
        query=query,
        result=result,
        toggles=toggles,
        pages=pages,
        selected=selected,
        catalogue=snapshot.catalogue,
        infrastructure=INFRASTRUCTURE,
    )


def _heading(snapshot: Snapshot, path: str, query: str, filters: dict[str, list[str]]) -> str:
    """ "Search", "Browse", or the class name when the list is one class and nothing else."""
    types = filters.get("type", [])
    if len(types) == 1 and not query and not any(v for k, v in filters.items() if k != "type"):
        class_iri = types[0] if ":" in types[0] else iris.ONTOLOGY_NS + types[0]
        return snapshot.catalogue.label(class_iri)
    return "Search" if path.endswith("/search") else "Browse"


@router.api_route("/compare", methods=["GET", "HEAD"], include_in_schema=False)
async def compare(request: Request, context: ContextDep) -> Response:
    """Two to four infrastructures side by side; with fewer, the form to choose them; with
    more ids than that, 400 (before any is looked up)."""
    snapshot = await context.snapshot()
    catalogue = snapshot.catalogue
    asked = dict.fromkeys(i.strip() for i in request.query_params.getlist("id") if i.strip())
    if len(asked) > MAX_COMPARED:
        raise BadRequest(f"at most {MAX_COMPARED} ids can be compared; {len(asked)} were given")
    chosen, unknown = [], []
    for ident in asked:
        iri = ident if ident.startswith(iris.ENTITY_BASE) else iris.ENTITY_BASE + ident
        entity = catalogue.entities.get(iri)
        (chosen.append(entity) if entity else unknown.append(ident))
    notes = [f"No entity {u} in the graph; it is left out." for u in unknown]
    sections = comparison(chosen, catalogue, context.urls(request)) if len(chosen) >= 2 else []
    return _page(
        request,
        context,
        snapshot,
        "compare.html",
        chosen=chosen,
        sections=sections,
        notes=notes,
        candidates=catalogue.of_type(INFRASTRUCTURE),
        maximum=MAX_COMPARED,
        chosen_slugs={e.slug for e in chosen},
    )


@router.api_route("/stats", methods=["GET", "HEAD"], include_in_schema=False)
async def statistics(request: Request, context: ContextDep) -> Response:
    """Counts by category, country, decade, licence, standard and funder, as SVG charts."""
    snapshot = await context.snapshot()
    return _page(
        request,
        context,
        snapshot,
        "stats.html",
        charts=charts(snapshot.catalogue, context.urls(request)),
        infrastructures=len(snapshot.catalogue.of_type(INFRASTRUCTURE)),
    )
