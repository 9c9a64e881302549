"""Standard SPARQL clients against a real `kgserver serve` process."""

from __future__ import annotations

import csv
import io
import threading
import time

import httpx
import rdflib
from pyoxigraph import Store
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

OIKG = "https://w3id.org/oikg/ontology#"
INFRASTRUCTURES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?i ?name WHERE {{ ?i a <{OIKG}Infrastructure> ; rdfs:label ?name }} ORDER BY ?i"""


def expected(store: Store) -> list[tuple[str, str]]:
    return [
        (s["i"].value, s["name"].value)
        for s in store.query(INFRASTRUCTURES, use_default_graph_as_union=True)
    ]


def wrapper(live_server: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


def test_sparqlwrapper_json(live_server: str, store: Store) -> None:
    result = wrapper(live_server, INFRASTRUCTURES, JSON).queryAndConvert()
    rows = [(b["i"]["value"], b["name"]["value"]) for b in result["results"]["bindings"]]
    assert rows == expected(store)
    assert len(rows) >= 10


def test_sparqlwrapper_xml_by_post(live_server: str, store: Store) -> None:
    document = wrapper(live_server, INFRASTRUCTURES, XML, method="POST").queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == [i for i, _ in expected(store)]


def test_sparqlwrapper_csv(live_server: str, store: Store) -> None:
    raw = wrapper(live_server, INFRASTRUCTURES, CSV).queryAndConvert()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert rows[0] == ["i", "name"]
    assert [tuple(r) for r in rows[1:]] == expected(store)


def test_sparqlwrapper_construct_as_turtle(live_server: str, store: Store) -> None:
    query = f"CONSTRUCT {{ ?i a <{OIKG}Infrastructure> }} WHERE {{ ?i a <{OIKG}Infrastructure> }}"
    raw = wrapper(live_server, query, TURTLE).queryAndConvert()
    graph = rdflib.Graph().parse(data=raw, format="turtle")
    assert {str(s) for s in graph.subjects()} == {i for i, _ in expected(store)}


def test_rdflib_sparqlstore(live_server: str, store: Store) -> None:
    remote = rdflib.Graph(SPARQLStore(live_server + "/sparql", returnFormat="json"))
    rows = [(str(r[0]), str(r[1])) for r in remote.query(INFRASTRUCTURES)]
    assert rows == expected(store)


def test_plain_http_get_like_curl(live_server: str, store: Store) -> None:
    response = httpx.get(
        live_server + "/sparql", params={"query": INFRASTRUCTURES}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 200
    assert [tuple(r) for r in list(csv.reader(io.StringIO(response.text)))[1:]] == expected(store)


def cartesian_count(size: int) -> str:
    """A query whose cost depends only on `size` (size**4 rows), not on the data."""
    values = " ".join(str(i) for i in range(size))
    blocks = " ".join(f"VALUES ?{v} {{ {values} }}" for v in "abcd")
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ {blocks} }}"


SLOW = cartesian_count(90)  # about 4 s of evaluation on one core


def test_server_stays_responsive_while_a_long_query_runs(live_server: str) -> None:
    """Short requests finish while a long query is still being evaluated."""
    slow_done = threading.Event()
    outcome: dict[str, int] = {}

    def run_slow() -> None:
        try:
            response = httpx.post(live_server + "/sparql", data={"query": SLOW}, timeout=600)
            outcome["status"] = response.status_code
        finally:
            slow_done.set()

    worker = threading.Thread(target=run_slow)
    worker.start()
    try:
        # While the slow query is in flight, health checks and other queries still answer.
        answered_during = 0
        time.sleep(0.5)  # let the slow query reach the server first; it then runs for seconds
        for _ in range(5):
            if slow_done.is_set():
                break
            health = httpx.get(live_server + "/healthz", timeout=30)
            # A second evaluating query must not queue behind the first one.
            other = httpx.post(
                live_server + "/sparql", data={"query": cartesian_count(30)}, timeout=30
            )
            if not slow_done.is_set():
                assert health.status_code == 200
                assert other.json()["results"]["bindings"][0]["n"]["value"] == str(30**4)
                answered_during += 1
        assert answered_during >= 1, "the long query finished before any short request ran"
    finally:
        worker.join(timeout=600)
    assert outcome.get("status") == 200
