"""`GET /ontology` and `GET /shapes`: the model and the shapes, for people and for RDF clients.

Following the W3C "Best Practice Recipes for Publishing RDF Vocabularies" (recipe 3, hash
namespace): one URL answers HTML documentation or RDF by content negotiation (`Vary: Accept`),
each format also has a URL of its own (`/ontology.ttl`…, named in `Content-Location`), and a
term IRI `…/ontology#Term` lands on the anchor `Term` of the HTML page. Like every other
document, both have validators from the dataset version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, Request, Response
from markupsafe import Markup
from pyoxigraph import serialize

from kgserver.errors import NotFound
from kgserver.rdf import iris
from kgserver.rdf.formats import GRAPH_FORMATS, HTML, JSON_LD, TURTLE, Format, by_name
from kgserver.rdf.output import serialize_graph
from kgserver.rdf.urls import Urls
from kgserver.store.graphs import triples_in
from kgserver.vocabulary.diagram import render_svg
from kgserver.vocabulary.documents import as_rdflib, holds_version, ontology_header
from kgserver.vocabulary.ontology_docs import ONTOLOGY_PREFIXES, ontology_page
from kgserver.vocabulary.shapes_docs import node_shapes
from kgserver.web.context import AppContext, ContextDep
from kgserver.web.negotiation import format_values, negotiate
from kgserver.web.openapi import answers, format_parameters
from kgserver.web.responses import entity_tag, respond

router = APIRouter()
# RDF first: a client that accepts anything gets Turtle; browsers ask for text/html by name.
OFFERED: tuple[Format, ...] = (TURTLE, HTML, *[f for f in GRAPH_FORMATS if f is not TURTLE])
DOWNLOADS = [f for f in OFFERED if f is not HTML]
ANSWERS = answers(OFFERED)
FILE_ANSWERS = answers(OFFERED, 404)
"""An unknown extension, or a version this server does not hold, is not found."""
FORMAT_CHOICE = {"parameters": format_parameters()}


@dataclass(frozen=True)
class Vocabulary:
    """One of the two documents served here: its path, its graph and its HTML page."""

    path: str
    graph: str
    render_html: Callable[[AppContext, Urls], bytes]


async def _respond(
    request: Request, context: AppContext, vocabulary: Vocabulary, extension: str | None
) -> Response:
    """The page or the graph in the format asked for, built once per version off the event
    loop (store iterators stay in that one thread), with validators and recipe 3's alternates."""
    fmt = _format(request, extension)
    urls = context.urls(request)
    version = context.live_version()
    path = vocabulary.path

    def build() -> bytes:
        if fmt is HTML:
            return vocabulary.render_html(context, urls)
        triples = triples_in(context.store, vocabulary.graph)
        return serialize_graph(triples, fmt, ONTOLOGY_PREFIXES)

    body = await context.derived(context.documents, (path, fmt.name, urls.root), build, version)
    headers = {
        "Link": urls.alternates(urls.path(path), OFFERED),
        "Content-Location": urls.path(f"{path}.{fmt.extension}"),
    }
    return respond(
        request,
        body,
        fmt.content_type,
        etag=entity_tag(version, path.strip("/"), fmt.name),
        modified=context.live_modified(),
        negotiated=True,
        headers=headers,
    )


def _format(request: Request, extension: str | None) -> Format:
    if extension is not None:
        fmt = by_name(extension, OFFERED)
        if fmt is None:
            raise NotFound(
                f"no such format: .{extension}; use one of "
                + ", ".join("." + f.extension for f in OFFERED)
            )
        return fmt
    chosen = format_values(request.query_params.multi_items())
    return negotiate(request.headers.get("accept"), OFFERED, chosen)


def _ontology_html(context: AppContext, urls: Urls) -> bytes:
    graph = as_rdflib(context.store, iris.ONTOLOGY_GRAPH)
    header = serialize(ontology_header(context.store), format=JSON_LD.rdf_format)
    return context.render_at(
        urls,
        "ontology.html",
        page=ontology_page(graph),
        diagram=Markup(render_svg(graph)),
        json_ld=_script_safe(header),
        formats=DOWNLOADS,
    )


def _shapes_html(context: AppContext, urls: Urls) -> bytes:
    return context.render_at(
        urls,
        "shapes.html",
        shapes=node_shapes(as_rdflib(context.store, iris.SHAPES_GRAPH)),
        iri=iris.SHAPES,
        formats=DOWNLOADS,
    )


def _script_safe(json_ld: bytes | None) -> Markup:
    """JSON-LD for a <script> element: valid JSON that cannot close the element early."""
    text = json.dumps(json.loads(json_ld or b"{}"), ensure_ascii=False, indent=1)
    return Markup(text.replace("</", "<\\/"))


ONTOLOGY = Vocabulary("/ontology", iris.ONTOLOGY_GRAPH, _ontology_html)
SHAPES = Vocabulary("/shapes", iris.SHAPES_GRAPH, _shapes_html)


@router.get("/ontology", responses=ANSWERS, openapi_extra=FORMAT_CHOICE)
async def ontology(request: Request, context: ContextDep) -> Response:
    """The ontology: HTML documentation generated from it, or the OWL itself."""
    return await _respond(request, context, ONTOLOGY, None)


@router.get("/ontology.{extension}", responses=FILE_ANSWERS)
async def ontology_file(request: Request, context: ContextDep, extension: str) -> Response:
    """The ontology in the format its extension names (.ttl, .html, .nt, .jsonld, .rdf)."""
    return await _respond(request, context, ONTOLOGY, extension)


@router.get("/ontology/{version}", responses=FILE_ANSWERS, openapi_extra=FORMAT_CHOICE)
async def ontology_version(request: Request, context: ContextDep, version: str) -> Response:
    """The version IRI: answers while it names the version this server holds."""
    if not holds_version(context.store, version):
        raise NotFound(f"ontology version {version} is not served here; see /ontology")
    return await _respond(request, context, ONTOLOGY, None)


@router.get("/shapes", responses=ANSWERS, openapi_extra=FORMAT_CHOICE)
async def shapes(request: Request, context: ContextDep) -> Response:
    """The SHACL shapes: an HTML listing, or the shapes graph."""
    return await _respond(request, context, SHAPES, None)


@router.get("/shapes.{extension}", responses=FILE_ANSWERS)
async def shapes_file(request: Request, context: ContextDep, extension: str) -> Response:
    """The SHACL shapes in the format its extension names (.ttl, .html, .nt, .jsonld, .rdf)."""
    return await _respond(request, context, SHAPES, extension)
