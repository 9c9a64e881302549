"""`GET /ontology` and `GET /shapes`: the model and the shapes, for people and for RDF clients.

Following the W3C "Best Practice Recipes for Publishing RDF Vocabularies" (recipe 3, hash
namespace): one URL answers HTML documentation or RDF by content negotiation (`Vary: Accept`),
each format also has a URL of its own (`/ontology.ttl`…, named in `Content-Location`), and a
term IRI `…/ontology#Term` lands on the anchor `Term` of the HTML page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from pyoxigraph import NamedNode, Triple, serialize

from kgserver import iris
from kgserver.context import AppContext, get_context
from kgserver.diagram import render_svg
from kgserver.errors import NotFound
from kgserver.negotiation import GRAPH_FORMATS, HTML, JSON_LD, TURTLE, Format, by_name, negotiate
from kgserver.ontology_docs import PREFIXES, ontology_page
from kgserver.rdf_output import serialize_graph
from kgserver.shapes_docs import node_shapes
from kgserver.validation import to_rdflib

router = APIRouter()
ContextDep = Annotated[AppContext, Depends(get_context)]
# RDF first: a client that accepts anything gets Turtle; browsers ask for text/html by name.
OFFERED: tuple[Format, ...] = (TURTLE, HTML, *[f for f in GRAPH_FORMATS if f is not TURTLE])


def _triples(context: AppContext, graph: str) -> list[Triple]:
    return [q.triple for q in context.store.quads_for_pattern(None, None, None, NamedNode(graph))]


def _cached(request: Request, key: tuple[str, ...], build: Callable[[], str]) -> str:
    """Per-app memo of a rendered page (keyed by path, server root and dataset version)."""
    cache: dict[tuple[str, ...], str] | None = getattr(request.app.state, "vocabulary_pages", None)
    if cache is None:
        cache = {}
        request.app.state.vocabulary_pages = cache
    if key not in cache:
        cache[key] = build()
    return cache[key]


def _alternates(root: str, path: str) -> dict[str, str]:
    links = [
        f'<{root}{path}.{f.extension}>; rel="alternate"; type="{f.media_type}"' for f in OFFERED
    ]
    return {"Vary": "Accept", "Link": ", ".join(links)}


async def _respond(
    request: Request,
    context: AppContext,
    path: str,
    graph: str,
    fmt: Format,
    render_html: Callable[[str], str],
) -> Response:
    """Serialise or render off the event loop (store iterators stay in that one thread)."""
    root = context.root(request)
    headers = _alternates(root, path) | {"Content-Location": f"{root}{path}.{fmt.extension}"}
    if fmt is HTML:
        key = (path, root, context.version)
        html = await context.run_in_worker(_cached, request, key, lambda: render_html(root))
        return HTMLResponse(html, headers=headers)

    def rdf() -> bytes:
        return serialize_graph(_triples(context, graph), fmt, PREFIXES)

    body = await context.run_in_worker(rdf)
    return Response(body, media_type=fmt.content_type, headers=headers)


def _format(request: Request, extension: str | None) -> Format:
    if extension is not None:
        fmt = by_name(extension, OFFERED)
        if fmt is None:
            raise NotFound(
                f"no such format: .{extension}; use one of "
                + ", ".join("." + f.extension for f in OFFERED)
            )
        return fmt
    return negotiate(request.headers.get("accept"), OFFERED, request.query_params.get("format"))


def _ontology_html(context: AppContext, root: str) -> str:
    graph = to_rdflib(
        context.store.quads_for_pattern(None, None, None, NamedNode(iris.ONTOLOGY_GRAPH))
    )
    header = [
        t for t in _triples(context, iris.ONTOLOGY_GRAPH) if t.subject == NamedNode(iris.ONTOLOGY)
    ]
    return context.templates.get_template("ontology.html").render(
        root=root,
        page=ontology_page(graph),
        diagram=Markup(render_svg(graph)),
        json_ld=_script_safe(serialize(header, format=JSON_LD.oxigraph)),  # type: ignore[arg-type]
        formats=[f for f in OFFERED if f is not HTML],
    )


def _shapes_html(context: AppContext, root: str) -> str:
    graph = to_rdflib(
        context.store.quads_for_pattern(None, None, None, NamedNode(iris.SHAPES_GRAPH))
    )
    return context.templates.get_template("shapes.html").render(
        root=root,
        shapes=node_shapes(graph),
        iri=iris.SHAPES,
        formats=[f for f in OFFERED if f is not HTML],
    )


def _script_safe(json_ld: bytes | None) -> Markup:
    """JSON-LD for a <script> element: valid JSON that cannot close the element early."""
    text = json.dumps(json.loads(json_ld or b"{}"), ensure_ascii=False, indent=1)
    return Markup(text.replace("</", "<\\/"))


@router.get("/ontology")
@router.get("/ontology.{extension}")
async def ontology(request: Request, context: ContextDep, extension: str | None = None) -> Response:
    """The ontology: HTML documentation generated from it, or the OWL itself."""
    fmt = _format(request, extension)
    return await _respond(
        request,
        context,
        "/ontology",
        iris.ONTOLOGY_GRAPH,
        fmt,
        lambda r: _ontology_html(context, r),
    )


@router.get("/ontology/{version}")
async def ontology_version(request: Request, context: ContextDep, version: str) -> Response:
    """The version IRI: answers while it names the version this server holds."""
    if not _holds_version(context, version):
        raise NotFound(f"ontology version {version} is not served here; see /ontology")
    return await ontology(request, context)


def _holds_version(context: AppContext, version: str) -> bool:
    version_iri = NamedNode(f"{iris.ONTOLOGY}/{version}")
    owl_version = NamedNode("http://www.w3.org/2002/07/owl#versionIRI")
    found = context.store.quads_for_pattern(
        NamedNode(iris.ONTOLOGY), owl_version, version_iri, NamedNode(iris.ONTOLOGY_GRAPH)
    )
    return next(iter(found), None) is not None


@router.get("/shapes")
@router.get("/shapes.{extension}")
async def shapes(request: Request, context: ContextDep, extension: str | None = None) -> Response:
    """The SHACL shapes: an HTML listing, or the shapes graph."""
    fmt = _format(request, extension)
    return await _respond(
        request, context, "/shapes", iris.SHAPES_GRAPH, fmt, lambda r: _shapes_html(context, r)
    )
