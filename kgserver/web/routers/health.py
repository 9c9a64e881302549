"""`GET /healthz`: 200 with a small JSON body when the store is loaded and answering."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from kgserver.rdf.formats import JSON
from kgserver.web.context import ContextDep
from kgserver.web.openapi import answers
from kgserver.web.responses import json_bytes, respond

router = APIRouter()


@router.get("/healthz", responses=answers([JSON], description="The store answers"))
async def healthz(request: Request, context: ContextDep) -> Response:
    """200 when the store is loaded and answers a query; 503 when it holds nothing."""
    answering = await context.run_in_worker(
        lambda: bool(context.store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True))
    )
    document = {"status": "ok" if answering else "empty", "version": context.live_version()}
    return respond(
        request, json_bytes(document), JSON.content_type, status=200 if answering else 503
    )
