"""The app factory: wires the store, the routers, the error handlers and the static files.

Nothing imports this module but the entry points (`kgserver/cli.py`, tests, benchmarks).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from pyoxigraph import Store

from kgserver import __version__
from kgserver.curation.loading import build
from kgserver.curation.workers import ContributionWorkers
from kgserver.errors import QueryTimeout
from kgserver.query.examples import example_queries
from kgserver.query.workers import QueryWorkers
from kgserver.settings import Settings
from kgserver.store.opening import is_empty, open_store
from kgserver.store.per_version import PerVersion
from kgserver.web.context import AppContext
from kgserver.web.errors import install_error_handlers
from kgserver.web.openapi import install as install_openapi
from kgserver.web.query_results import TRUNCATED
from kgserver.web.rate_limits import RateLimits
from kgserver.web.routers import (
    api_docs,
    contribute,
    entities,
    harvest,
    health,
    site,
    sparql,
    vocabulary,
)
from kgserver.web.routers.queries import queries_router
from kgserver.web.security_headers import SecurityHeaders
from kgserver.web.templates import template_environment

ROUTERS = (sparql, vocabulary, contribute, site, entities, harvest, health, api_docs)
STATIC = Path(__file__).parent / "web" / "static"


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    query_workers: QueryWorkers | None = None,
    contribution_workers: ContributionWorkers | None = None,
) -> FastAPI:
    """Build the web app over `store`, or over the store the settings name (built if empty).

    /sparql evaluates queries in `query_workers` (started by the caller, who also stops them:
    see `kgserver.query.workers.query_workers`), under their timeout; without them, in threads.
    POST /validate checks contributions in `contribution_workers` likewise (started and
    stopped by the caller: `kgserver.curation.workers.contribution_workers`), else in threads.
    """
    settings = settings or Settings()
    if store is None:
        store = open_store(settings.store_dir)
        if is_empty(store):
            build(store, settings.bundle_dir)
    examples = example_queries(settings.bundle_dir / "queries")
    app = FastAPI(
        title="kgserver",
        version=__version__,
        description="SPARQL and linked data for the Open Infrastructure Knowledge Graph.",
        docs_url=None,  # /api is kgserver/web/routers/api_docs.py: Swagger UI, no CDN
        redoc_url=None,
    )
    app.state.context = AppContext(
        settings=settings,
        store=store,
        templates=template_environment(),
        query_workers=query_workers,
        contribution_workers=contribution_workers,
        examples=examples,
        results=PerVersion(settings.result_cache_entries)
        if settings.result_cache_entries
        else None,
    )
    # Added first, so it runs inside CORS: a 429 carries the CORS headers a page needs.
    if settings.rate_limit > 0:
        app.add_middleware(
            RateLimits, per_minute=settings.rate_limit, burst=settings.rate_limit_burst
        )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=[
            "Content-Type",
            "Vary",
            "ETag",
            "Retry-After",
            QueryTimeout.header,
            TRUNCATED,
        ],
        max_age=86400,
    )
    # Added last, so it runs outermost: every answer carries the headers, 429s included.
    app.add_middleware(
        SecurityHeaders,
        content_security_policy=settings.content_security_policy,
        referrer_policy=settings.referrer_policy,
    )
    install_error_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router)
    app.include_router(queries_router(examples))
    install_openapi(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
