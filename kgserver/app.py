"""The app factory: wires the store, the routers, the error handlers and the static files."""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pyoxigraph import Store
from starlette.exceptions import HTTPException as StarletteHTTPException

from kgserver import __version__
from kgserver import store as stores
from kgserver.context import AppContext, get_context
from kgserver.contribute import router as contribute_router
from kgserver.dereference import router as dereference_router
from kgserver.errors import KGError, NotAcceptable, QueryTimeout
from kgserver.harvest import router as harvest_router
from kgserver.negotiation import HTML, JSON, PLAIN, negotiate
from kgserver.pages import template_environment
from kgserver.query_workers import QueryWorkers
from kgserver.settings import Settings
from kgserver.site import router as site_router
from kgserver.sparql import router as sparql_router
from kgserver.vocabulary import router as vocabulary_router

ContextDep = Annotated[AppContext, Depends(get_context)]


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    query_workers: QueryWorkers | None = None,
) -> FastAPI:
    """Build the web app over `store`, or over the store the settings name (built if empty).

    /sparql evaluates queries in `query_workers` (started by the caller, who also stops them:
    see `query_workers.query_workers`), under their timeout; without them, in threads.
    """
    settings = settings or Settings()
    if store is None:
        store = stores.open_store(settings.store_dir)
        if stores.is_empty(store):
            stores.build(store, settings.bundle_dir)
    app = FastAPI(
        title="kgserver",
        version=__version__,
        description="SPARQL and linked data for the Open Infrastructure Knowledge Graph.",
        docs_url="/api",
        redoc_url=None,
    )
    app.state.context = AppContext(
        settings=settings,
        store=store,
        templates=template_environment(),
        version=stores.dataset_version(store) or "unversioned",
        query_workers=query_workers,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=["Content-Type", "Vary", QueryTimeout.header],
        max_age=86400,
    )
    app.add_exception_handler(KGError, _kg_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.include_router(sparql_router)
    app.include_router(vocabulary_router)
    app.include_router(contribute_router)
    app.include_router(site_router)
    app.include_router(dereference_router)
    app.include_router(harvest_router)
    app.add_api_route("/healthz", _healthz, methods=["GET"])
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    return app


async def _healthz(context: ContextDep) -> JSONResponse:
    """200 when the store is loaded and answers a query."""
    answering = await context.run_in_worker(
        lambda: bool(context.store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True))
    )
    return JSONResponse(
        {"status": "ok" if answering else "empty", "version": context.version},
        status_code=200 if answering else 503,
    )


def error_response(request: Request, status: int, message: str) -> Response:
    """Render an error in the format the client prefers: HTML, JSON or plain text."""
    try:
        fmt = negotiate(request.headers.get("accept"), (PLAIN, JSON, HTML))
    except NotAcceptable:
        fmt = PLAIN
    reason = HTTPStatus(status).phrase
    headers = {"Vary": "Accept"}
    if fmt is HTML:
        context: AppContext = request.app.state.context
        html = context.templates.get_template("error.html").render(
            root=context.root(request), status=status, reason=reason, message=message
        )
        return HTMLResponse(html, status_code=status, headers=headers)
    if fmt is JSON:
        return JSONResponse(
            {"status": status, "error": reason, "message": message},
            status_code=status,
            headers=headers,
        )
    return Response(
        f"{status} {reason}: {message}\n",
        status_code=status,
        media_type=PLAIN.content_type,
        headers=headers,
    )


async def _kg_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, KGError)
    response = error_response(request, error.status, error.message)
    response.headers.update(error.headers)
    return response


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    response = error_response(request, error.status_code, str(error.detail))
    for name, value in (error.headers or {}).items():
        response.headers[name] = value
    return response


async def _validation_error(request: Request, error: Exception) -> Response:
    return error_response(request, 400, str(error))
