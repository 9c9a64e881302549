"""The app factory (kgserver/app.py): routers, middleware, handlers and static files wired."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.app import ROUTERS, create_app
from kgserver.settings import Settings
from kgserver.web.context import AppContext
from kgserver.web.rate_limits import RateLimits


def test_every_route_of_every_router_is_reached(client: TestClient) -> None:
    """Each fixed path of each router answers its own methods (not 404): it is wired."""
    for module in ROUTERS:
        for route in module.router.routes:
            path = getattr(route, "path", "")
            if "{" in path:
                continue
            for method in sorted(getattr(route, "methods", None) or {"GET"}):
                answer = client.request(method, path, headers={"Accept": "text/html"})
                assert answer.status_code != 404, (module.__name__, method, path)


def test_static_files_and_stored_queries_are_mounted(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/api/queries", headers={"Accept": "application/json"}).json()


def test_the_context_holds_the_store_and_the_stored_queries(app: FastAPI, store: Store) -> None:
    context = app.state.context
    assert isinstance(context, AppContext)
    assert context.store is store
    assert context.examples


def test_cross_origin_queries_are_allowed(client: TestClient) -> None:
    response = client.get("/healthz", headers={"Origin": "https://elsewhere.example"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_static_files_are_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def test_the_rate_limit_is_installed_only_when_set() -> None:
    limited = create_app(Settings(rate_limit=5), Store())
    unlimited = create_app(Settings(rate_limit=0), Store())
    assert RateLimits in [m.cls for m in limited.user_middleware]
    assert RateLimits not in [m.cls for m in unlimited.user_middleware]


def test_an_app_is_built_on_any_store_it_is_given() -> None:
    app = create_app(Settings(rate_limit=0, result_cache_entries=0), Store())
    context = app.state.context
    assert len(context.store) == 0 and context.results is None
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 503
