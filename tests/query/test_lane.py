"""The lanes of `kgserver/query/lane.py` and `workers.py` under a mix of users, through the
real app and real worker processes: judged by status and by the order answers arrive in,
never by how long anything took."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import anyio
import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.errors import QueryTimeout
from kgserver.query.lane import STREAM_AFTER
from kgserver.query.workers import Lanes, QueryWorkers, query_workers
from kgserver.settings import Settings
from tests.conftest import free_port
from tests.event_loop import own_loop

TIMEOUT = 6.0
BUDGET = 0.3
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LIGHT = "SELECT ?s WHERE { ?s a <https://w3id.org/oikg/ontology#Infrastructure> } LIMIT 5"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def laned(store: Store) -> Iterator[tuple[FastAPI, QueryWorkers]]:
    """Two light workers, one heavy worker (one running, two waiting at most)."""
    lanes = Lanes(light=2, heavy=1, light_budget=BUDGET, heavy_per_client=1, max_waiting=8)
    settings = Settings(query_timeout=TIMEOUT, rate_limit=0, result_cache_entries=0)
    with query_workers(store, None, lanes, TIMEOUT) as workers:
        yield create_app(settings, store, workers), workers


def client_at(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=60)


@own_loop
async def test_light_queries_are_all_answered_while_four_runaways_hold_the_heavy_lane(
    laned: tuple[FastAPI, QueryWorkers],
) -> None:
    app, _ = laned
    events: list[tuple[str, int]] = []

    async def runaway(address: str) -> None:
        async with client_at(app, address) as client:
            response = await client.get("/sparql", params={"query": RUNAWAY}, headers=JSON)
        events.append(("runaway", response.status_code))

    async def light_user() -> None:
        async with client_at(app, "192.0.2.99") as client:
            await anyio.sleep(2 * BUDGET + 0.5)  # the runaways have left the light lane
            for _ in range(20):
                response = await client.get("/sparql", params={"query": LIGHT}, headers=JSON)
                events.append(("light", response.status_code))

    async with anyio.create_task_group() as group:
        for n in range(4):
            group.start_soon(runaway, f"192.0.2.{n + 1}")
        group.start_soon(light_user)

    light = [status for kind, status in events if kind == "light"]
    runaways = [status for kind, status in events if kind == "runaway"]
    assert light == [200] * 20
    assert sorted(runaways) == [503] * 4  # stopped by the timeout, or refused: heavy lane full
    first_runaway_answer = next(i for i, (kind, _) in enumerate(events) if kind == "runaway")
    last_light_answer = max(i for i, (kind, _) in enumerate(events) if kind == "light")
    # At most the one refused for a full heavy lane may come back before the light users finish.
    assert sum(1 for kind, _ in events[: last_light_answer + 1] if kind == "runaway") <= 1
    assert first_runaway_answer >= 0


@own_loop
async def test_a_second_heavy_query_from_one_client_is_refused_with_429(
    laned: tuple[FastAPI, QueryWorkers],
) -> None:
    app, _ = laned
    answers: list[httpx.Response] = []

    async def send(delay: float) -> None:
        await anyio.sleep(delay)
        async with client_at(app, "198.51.100.7") as client:
            response = await client.get("/sparql", params={"query": RUNAWAY + " # again"})
        answers.append(response)

    async with anyio.create_task_group() as group:
        group.start_soon(send, 0)
        group.start_soon(send, BUDGET + 1.0)  # once the first is in the heavy lane
    refused, first = answers  # the second answers first: refused at once
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "you already run 1 heavy query" in refused.text
    assert first.status_code == 503 and QueryTimeout.header in first.headers


@own_loop
async def test_a_known_heavy_query_skips_the_light_lane(
    laned: tuple[FastAPI, QueryWorkers],
) -> None:
    app, workers = laned
    query = RUNAWAY + " # known"
    async with client_at(app, "203.0.113.5") as client:
        first = await client.get("/sparql", params={"query": query})
        light_pids = set(workers.light.pids)
        second = await client.get("/sparql", params={"query": query})
    assert first.status_code == second.status_code == 503
    assert set(workers.light.pids) == light_pids  # no light worker was killed the second time


@own_loop
async def test_beyond_the_queue_the_light_lane_answers_503_with_retry_after(
    store: Store,
) -> None:
    lanes = Lanes(light=1, heavy=0, max_waiting=1)
    settings = Settings(query_timeout=3.0, rate_limit=0, result_cache_entries=0)
    with query_workers(store, None, lanes, 3.0) as workers:
        app = create_app(settings, store, workers)
        responses: list[httpx.Response] = []

        async def send(n: int) -> None:
            async with client_at(app, f"192.0.2.{n}") as client:
                responses.append(await client.get("/sparql", params={"query": RUNAWAY}))

        async with anyio.create_task_group() as group:
            for n in range(3):
                group.start_soon(send, n)
    refused = [r for r in responses if "at capacity" in r.text]
    assert len(refused) == 1 and refused[0].status_code == 503
    assert int(refused[0].headers["retry-after"]) >= 1
    assert responses[0] is refused[0]  # refused at once, before the others time out


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """`app` behind a real uvicorn server in a thread (httpx's ASGI transport buffers whole
    responses, so a client leaving mid-stream needs real sockets)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def test_a_client_that_leaves_mid_stream_frees_its_worker(store: Store) -> None:
    settings = Settings(query_timeout=TIMEOUT, rate_limit=0, result_cache_entries=0)
    with query_workers(store, None, Lanes(light=2, heavy=0), TIMEOUT) as workers:
        _leave_streams(create_app(settings, store, workers), workers)


def _leave_streams(app: FastAPI, workers: QueryWorkers) -> None:
    query = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = set(workers.light.pids)
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(3):  # more streams abandoned than there are light workers
            with client.stream("GET", "/sparql", params={"query": query}) as response:
                assert "content-length" not in response.headers
                received = 0
                for chunk in response.iter_bytes():
                    received += len(chunk)
                    if received > STREAM_AFTER:
                        break
        answer = client.get("/sparql", params={"query": LIGHT}, headers=JSON)
    assert answer.status_code == 200
    assert len(workers.light.pids) == 2
    assert set(workers.light.pids) != before  # the abandoned workers were replaced
