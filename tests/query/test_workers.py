"""/sparql queries in worker processes: answers, the timeout that kills, crashes survived.

Everything runs through the real app and real processes; the slow query is a cartesian product
of the whole graph with itself three times, which no timeout here lets finish.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.errors import QueryTimeout
from kgserver.query.lane import STREAM_AFTER
from kgserver.query.workers import QueryWorkers, persist, query_workers
from kgserver.settings import Settings
from tests.conftest import free_port
from tests.html import parse_html, texts

TIMEOUT = 1.5
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONSTRUCT = """CONSTRUCT { ?s ?p ?o } WHERE {
  ?s a <http://www.w3.org/2002/07/owl#Class> ; ?p ?o . FILTER(isIRI(?s) && !isBlank(?o)) }"""
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


@pytest.fixture(scope="module")
def one_worker(store: Store) -> Iterator[tuple[TestClient, QueryWorkers]]:
    """An app with a single worker process and a short timeout, so every query uses it."""
    settings = Settings(query_timeout=TIMEOUT, query_processes=1)
    with (
        query_workers(store, None, 1, TIMEOUT) as workers,
        TestClient(create_app(settings, store, workers)) as client,
    ):
        yield client, workers


def count_of(response: httpx.Response) -> int:
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def is_alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (COUNT, "application/sparql-results+json"),
        (COUNT, "application/sparql-results+xml"),
        (COUNT, "text/csv"),
        (COUNT, "text/tab-separated-values"),
        ("ASK { ?s ?p ?o }", "application/sparql-results+json"),
        (CONSTRUCT, "text/turtle"),
        (CONSTRUCT, "application/n-triples"),
        (CONSTRUCT, "application/ld+json"),
        (CONSTRUCT, "application/rdf+xml"),
    ],
)
def test_workers_answer_as_threads_do_in_every_format(
    client: TestClient, store: Store, query: str, accept: str
) -> None:
    assert client.app.state.context.query_workers is not None  # type: ignore[attr-defined]
    with TestClient(create_app(Settings(query_timeout=0), store)) as in_threads:
        expected = in_threads.get("/sparql", params={"query": query}, headers={"Accept": accept})
    answered = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert answered.status_code == expected.status_code == 200
    assert answered.headers["content-type"] == expected.headers["content-type"]
    if query == CONSTRUCT:  # the copy on disk may order the triples its own way
        syntax = RDFLIB_FORMATS[accept]
        graphs = [
            set(rdflib.Graph().parse(data=r.content, format=syntax)) for r in (answered, expected)
        ]
        assert len(graphs[0]) > 100
        assert graphs[0] == graphs[1]
    else:
        assert answered.content == expected.content


def test_large_results_stream_whole(client: TestClient, store: Store) -> None:
    query, accept = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "text/tab-separated-values"
    with TestClient(create_app(Settings(query_timeout=0), store)) as in_threads:
        expected = in_threads.get("/sparql", params={"query": query}, headers={"Accept": accept})
    answered = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert len(answered.content) > STREAM_AFTER
    assert "content-length" not in answered.headers  # streamed from the worker as written
    assert sorted(answered.text.splitlines()) == sorted(expected.text.splitlines())
    assert len(answered.text.splitlines()) == len(store) + 1


def test_a_query_over_the_timeout_is_stopped_with_503_and_its_worker_killed(
    one_worker: tuple[TestClient, QueryWorkers], store: Store
) -> None:
    client, workers = one_worker
    [pid] = workers.pids
    response = client.get("/sparql", params={"query": SLOW})
    assert response.status_code == 503
    assert response.headers[QueryTimeout.header] == f"{TIMEOUT:g}"
    assert f"ran longer than {TIMEOUT:g} s and was stopped" in response.text
    assert not is_alive(pid)
    [replacement] = workers.pids
    assert replacement != pid
    assert count_of(client.get("/sparql", params={"query": COUNT})) == len(store)


def test_the_timeout_is_explained_on_the_query_page(
    one_worker: tuple[TestClient, QueryWorkers],
) -> None:
    client, _ = one_worker
    response = client.get("/sparql", params={"query": SLOW}, headers={"Accept": "text/html"})
    assert response.status_code == 503
    assert response.headers[QueryTimeout.header] == f"{TIMEOUT:g}"
    page = parse_html(response.text)
    [message] = texts(page.select(".error-message"))
    assert message.startswith(f"the query ran longer than {TIMEOUT:g} s")
    assert page.select_one("textarea[name=query]").get_text() == SLOW  # type: ignore[union-attr]


def test_the_timeout_header_is_exposed_to_browser_clients(
    one_worker: tuple[TestClient, QueryWorkers],
) -> None:
    client, _ = one_worker
    response = client.get(
        "/sparql",
        params={"query": SLOW},
        headers={"Origin": "https://yasgui.example.org", "Accept": "application/json"},
    )
    assert response.status_code == 503
    assert response.json()["message"].startswith("the query ran longer")
    exposed = response.headers["access-control-expose-headers"].lower()
    assert QueryTimeout.header.lower() in exposed


def test_a_worker_that_dies_mid_query_answers_500_and_the_server_goes_on(
    one_worker: tuple[TestClient, QueryWorkers], store: Store
) -> None:
    client, workers = one_worker
    client.get("/sparql", params={"query": COUNT})  # the worker is up and has the store open
    [pid] = workers.pids
    answers: list[httpx.Response] = []
    asking = threading.Thread(
        target=lambda: answers.append(client.get("/sparql", params={"query": SLOW}))
    )
    asking.start()
    time.sleep(TIMEOUT / 3)
    os.kill(pid, signal.SIGSEGV)  # what a crash in the query engine looks like (§7)
    asking.join()
    [response] = answers
    assert response.status_code == 500
    assert "stopped by signal SIGSEGV" in response.text
    assert "replaced" in response.text
    assert workers.pids != [pid]
    assert count_of(client.get("/sparql", params={"query": COUNT})) == len(store)
    assert client.get("/healthz").status_code == 200


def test_malformed_queries_are_reported_and_keep_their_worker(
    one_worker: tuple[TestClient, QueryWorkers],
) -> None:
    client, workers = one_worker
    before = workers.pids
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "malformed query: error at 1:" in response.text
    assert workers.pids == before


def test_requests_wait_for_a_free_worker(
    one_worker: tuple[TestClient, QueryWorkers], store: Store
) -> None:
    client, workers = one_worker
    with ThreadPoolExecutor(6) as clients:
        answers = list(
            clients.map(lambda _: client.get("/sparql", params={"query": COUNT}), range(6))
        )
    assert [count_of(answer) for answer in answers] == [len(store)] * 6
    assert len(workers.pids) == 1


def test_workers_open_a_store_directory_directly_and_leave_it_whole(
    store: Store, tmp_path: Path
) -> None:
    persist(store, tmp_path / "store")
    with query_workers(store, tmp_path / "store", 1, TIMEOUT) as workers:
        assert workers.store_dir == tmp_path / "store"
        client = TestClient(create_app(Settings(), store, workers))
        assert count_of(client.get("/sparql", params={"query": COUNT})) == len(store)
        assert client.get("/sparql", params={"query": SLOW}).status_code == 503
    assert len(Store.read_only(str(tmp_path / "store"))) == len(store)


def test_workers_and_the_store_copy_are_gone_after_exit(store: Store) -> None:
    with query_workers(store, None, 2, TIMEOUT) as workers:
        pids = workers.pids
        copy = workers.store_dir
        assert len(pids) == 2 and all(map(is_alive, pids))
        assert (copy / "CURRENT").is_file()
    assert not any(map(is_alive, pids))
    assert not copy.exists()


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (children, grandchildren…), read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def test_kgserver_serve_stops_runaway_queries_and_cleans_up(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # no kept build: the store is built in memory and copied to a temporary store for the workers
    environment = {
        **os.environ,
        "KGSERVER_QUERY_TIMEOUT": "1",
        "KGSERVER_CACHE_DIR": "",
        "TMPDIR": str(tmp_path),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "kgserver", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, "kgserver serve exited"
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "kgserver serve did not start"
            time.sleep(0.2)
        response = httpx.get(url + "/sparql", params={"query": SLOW}, timeout=30)
        assert response.status_code == 503
        assert response.headers[QueryTimeout.header] == "1"
        assert httpx.get(url + "/sparql", params={"query": COUNT}).status_code == 200
        workers = descendants(server.pid)
        assert workers
        assert any(p.name.startswith("kgserver-query-store-") for p in tmp_path.iterdir())
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    time.sleep(0.5)
    assert not any(map(is_alive, workers))
    assert list(tmp_path.iterdir()) == []
