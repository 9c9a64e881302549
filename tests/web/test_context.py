"""The app's context (web/context.py): its store, links, pages and per-version caches."""

from __future__ import annotations

from fastapi import FastAPI
from pyoxigraph import Store

from kgserver.catalogue.snapshot import Snapshot
from kgserver.rdf.urls import Urls
from kgserver.store.bundle import Dataset
from kgserver.store.per_version import PerVersion
from kgserver.web.context import AppContext
from tests.event_loop import own_loop
from tests.html import parse_html


def context_of(app: FastAPI) -> AppContext:
    context = app.state.context
    assert isinstance(context, AppContext)
    return context


def test_the_live_version_is_the_stores(app: FastAPI, dataset: Dataset) -> None:
    context = context_of(app)
    assert context.live_version() == dataset.version
    assert context.live_modified()


@own_loop
async def test_the_snapshot_is_built_once_per_version(app: FastAPI, store: Store) -> None:
    context = context_of(app)
    first = await context.snapshot()
    assert isinstance(first, Snapshot)
    assert first.version == context.live_version()
    assert await context.snapshot() is first


@own_loop
async def test_derived_values_are_computed_once_per_version_and_key(app: FastAPI) -> None:
    context = context_of(app)
    cache: PerVersion[list[int]] = PerVersion()
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    first = await context.derived(cache, "key", compute)
    assert await context.derived(cache, "key", compute) is first
    assert await context.derived(cache, "other", compute) == [2]
    assert len(calls) == 2


def test_pages_render_with_the_links_given(app: FastAPI) -> None:
    context = context_of(app)
    html = context.render_at(
        Urls.at("http://elsewhere/kg"), "error.html", status=404, reason="Not Found", message="m"
    )
    soup = parse_html(html.decode())
    hrefs = [a["href"] for a in soup.select("a[href]")]
    assert any(str(h).startswith("http://elsewhere/kg/") for h in hrefs), hrefs
