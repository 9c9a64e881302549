"""`POST /validate` (`kgserver/web/routers/contribute.py`) under hostile contributions: each
ends in a clear 4xx or 503, touches no file and no network, and leaves the server (and its
other users) answering; judged by status and order, never by time."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import anyio
import httpx
import pytest
from fastapi import FastAPI
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.curation.workers import ContributionWorkers, contribution_workers
from kgserver.settings import BUNDLE_DIR, Settings
from tests.curation.test_loading import run_cli
from tests.curation.test_workers import memory_hungry, slow
from tests.event_loop import own_loop
from tests.rdf.test_guards import RDF_NS, billion_laughs, nested_json_ld

ZENODO_FILE = BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl"
JSON = {"accept": "application/json"}


def hostile_app(store: Store, timeout: float) -> Iterator[tuple[FastAPI, ContributionWorkers]]:
    settings = Settings(
        rate_limit=0,
        query_timeout=0,
        max_contribution_bytes=4 * 1024 * 1024,
        contribution_timeout=timeout,
        contribution_memory_mb=96,
    )
    with contribution_workers(store, 1, timeout, 96, 2) as workers:
        yield create_app(settings, store, None, workers), workers


@pytest.fixture(scope="module")
def capped(store: Store) -> Iterator[tuple[FastAPI, ContributionWorkers]]:
    """One worker, 96 MB for a contribution, 60 s."""
    yield from hostile_app(store, 60.0)


@pytest.fixture(scope="module")
def hurried(store: Store) -> Iterator[tuple[FastAPI, ContributionWorkers]]:
    """One worker, a contribution must be checked within 1 s."""
    yield from hostile_app(store, 1.0)


def client_of(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=120)


async def post(app: FastAPI, content: bytes, content_type: str) -> httpx.Response:
    async with client_of(app) as client:
        headers = {"content-type": content_type, **JSON}
        return await client.post("/validate", content=content, headers=headers)


async def ordinary_is_checked(app: FastAPI) -> None:
    response = await post(app, ZENODO_FILE.read_bytes(), "text/turtle")
    assert response.status_code == 200 and response.json()["conforms"] is True


@own_loop
async def test_a_billion_laughs_answers_400_naming_the_doctype_and_the_server_stays_up(
    capped: tuple[FastAPI, ContributionWorkers],
) -> None:
    app, workers = capped
    pids = workers.pids
    response = await post(app, billion_laughs(), "application/rdf+xml")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["line"], error["column"]) == (2, 1)
    assert "DOCTYPE declarations are not accepted" in error["message"]
    assert workers.pids == pids  # refused before parsing: no worker was lost
    async with client_of(app) as client:
        assert (await client.get("/healthz")).status_code == 200
    await ordinary_is_checked(app)


@own_loop
async def test_an_external_entity_reads_no_file(
    capped: tuple[FastAPI, ContributionWorkers], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the-secret-marker-7d1f")
    xxe = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>&x;</ex:p>'
        "</rdf:Description></rdf:RDF>"
    ).encode()
    for accept in ("application/json", "text/turtle", "text/html"):
        async with client_of(capped[0]) as client:
            response = await client.post(
                "/validate",
                content=xxe,
                headers={"content-type": "application/rdf+xml", "accept": accept},
            )
        assert response.status_code == 400
        assert "the-secret-marker" not in response.text
        assert "DOCTYPE" in response.text


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        _Counting.hits.append(self.path)
        body = b'{"@context": {"name": "http://schema.org/name"}}'
        self.send_response(200)
        self.send_header("content-type", "application/ld+json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@own_loop
async def test_a_remote_json_ld_context_is_refused_without_fetching_it(
    capped: tuple[FastAPI, ContributionWorkers],
) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/context.jsonld"
        for context in (f'"{url}"', f'["{url}", {{"ex": "http://example.org/"}}]'):
            document = f'{{"@context": {context}, "@id": "http://example.org/a", "name": "x"}}'
            response = await post(capped[0], document.encode(), "application/ld+json")
            assert response.status_code == 400
            assert "remote JSON-LD contexts are not loaded" in response.json()["message"]
    finally:
        server.shutdown()
        server.server_close()
    assert _Counting.hits == []


@own_loop
async def test_json_ld_nested_100k_levels_deep_answers_400(
    capped: tuple[FastAPI, ContributionWorkers],
) -> None:
    response = await post(capped[0], nested_json_ld(100_000), "application/ld+json")
    assert response.status_code == 400
    assert "nested more than" in response.json()["errors"][0]["message"]
    await ordinary_is_checked(capped[0])


@own_loop
async def test_a_contribution_past_the_memory_cap_answers_413_and_the_next_one_is_checked(
    capped: tuple[FastAPI, ContributionWorkers],
) -> None:
    app, workers = capped
    pids = workers.pids
    [hungry] = memory_hungry()
    response = await post(app, hungry.content, "text/turtle")
    assert response.status_code == 413
    assert "96 MB" in response.json()["message"]
    assert workers.pids != pids  # the worker that ran out was replaced
    await ordinary_is_checked(app)


@own_loop
async def test_a_contribution_past_the_timeout_answers_503_with_retry_after(
    hurried: tuple[FastAPI, ContributionWorkers],
) -> None:
    app, workers = hurried
    pids = workers.pids
    [long] = slow()
    response = await post(app, long.content, "text/turtle")
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) >= 1
    assert "longer than 1 s" in response.json()["message"]
    assert workers.pids != pids


@own_loop
async def test_an_entity_page_answers_while_a_slow_contribution_is_checked(
    capped: tuple[FastAPI, ContributionWorkers],
) -> None:
    app, workers = capped
    order: list[str] = []
    async with client_of(app) as client:
        page = "/id/infrastructure/zenodo"
        assert (await client.get(page)).status_code == 200  # the page's snapshot is built

        async def contribute() -> None:
            [long] = slow()
            headers = {"content-type": "text/turtle", **JSON}
            response = await client.post("/validate", content=long.content, headers=headers)
            order.append(f"contribution {response.status_code}")

        async with anyio.create_task_group() as group:
            group.start_soon(contribute)
            while workers.busy == 0:
                await anyio.sleep(0.01)
            for _ in range(3):
                response = await client.get(page, headers={"accept": "text/turtle"})
                order.append(f"page {response.status_code}")
            assert workers.busy == 1  # the contribution is still being checked
            group.cancel_scope.cancel()  # the client gives up; its worker is replaced
    assert order == ["page 200"] * 3
    assert workers.busy == 0
    await ordinary_is_checked(app)


def test_the_command_line_refuses_an_entity_bomb_with_exit_2(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_bytes(billion_laughs())
    validated = run_cli("validate", str(bomb))
    assert validated.returncode == 2
    assert f"{bomb}:2:1: XML DOCTYPE declarations are not accepted" in validated.stderr
    loaded = run_cli("load", "--store", str(tmp_path / "store"), str(bomb))
    assert loaded.returncode == 2
    assert f"{bomb}:2:1: XML DOCTYPE declarations are not accepted" in loaded.stderr
