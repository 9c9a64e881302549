"""Throughput and latency of kgserver's /sparql beside Oxigraph's own server, in one run.

Both serve the same bundled dataset (the union of all graphs as default graph) on loopback and
answer the same query mix from the same client; the report gives each server's figures and the
ratio kgserver / Oxigraph. Needs the `oxigraph` command (`pip install oxigraph`).

    python benchmarks/sparql_endpoint.py [--seconds 10] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from pyoxigraph import RdfFormat, Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgserver.curation.loading import build  # noqa: E402

QUERIES = {
    "label-of-one-entity": """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name WHERE { <https://w3id.org/oikg/id/infrastructure/zenodo> rdfs:label ?name }""",
    "infrastructures-with-hosts": """PREFIX oikg: <https://w3id.org/oikg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?i ?name ?host WHERE { ?i a oikg:Infrastructure ; rdfs:label ?name ;
        oikg:hostedBy/rdfs:label ?host } ORDER BY ?name""",
    "count-per-graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "ask": "ASK { ?s a <https://w3id.org/oikg/ontology#Funder> }",
    "construct-entity": """CONSTRUCT { ?s ?p ?o } WHERE {
        BIND(<https://w3id.org/oikg/id/infrastructure/dspace> AS ?s) ?s ?p ?o }""",
}


@dataclass
class Measurement:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)] * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server for {url} exited with {process.returncode}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


async def hammer(url: str, seconds: float, concurrency: int) -> Measurement:
    """Send the query mix round-robin from `concurrency` clients for `seconds`."""
    names = list(QUERIES)
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def worker(offset: int, client: httpx.AsyncClient) -> None:
        nonlocal errors
        i = offset
        while time.perf_counter() < stop:
            query = QUERIES[names[i % len(names)]]
            started = time.perf_counter()
            response = await client.post(
                url,
                data={"query": query},
                headers={"Accept": "application/sparql-results+json, text/turtle;q=0.9"},
            )
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                errors += 1
            i += 1

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(n, client) for n in range(concurrency)))
        elapsed = time.perf_counter() - started
    return Measurement(len(latencies), errors, elapsed, latencies)


def check_same_answers(kgserver: str, oxigraph: str) -> None:
    """Both servers must answer each SELECT with the same rows, or the comparison is void."""
    for name, query in QUERIES.items():
        if not query.lstrip().upper().startswith(("SELECT", "PREFIX")) or "CONSTRUCT" in query:
            continue
        answers = []
        for url in (kgserver, oxigraph):
            response = httpx.post(
                url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}
            )
            response.raise_for_status()
            rows = response.json()["results"]["bindings"]
            answers.append(sorted(repr(sorted(r.items())) for r in rows))
        if answers[0] != answers[1]:
            raise SystemExit(f"the servers disagree on {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    if shutil.which("oxigraph") is None:
        raise SystemExit("the reference server is missing: pip install oxigraph")

    workdir = Path(tempfile.mkdtemp(prefix="kgserver-bench-"))
    store = Store()
    build(store, ROOT)
    dump = workdir / "dataset.nq"
    store.dump(str(dump), format=RdfFormat.N_QUADS)
    subprocess.run(
        ["oxigraph", "load", "--location", str(workdir / "oxigraph"), "--file", str(dump)],
        check=True,
        capture_output=True,
    )

    ox_port, kg_port = free_port(), free_port()
    servers = {
        "oxigraph": (
            [
                "oxigraph",
                "serve-read-only",
                "--location",
                str(workdir / "oxigraph"),
                "--bind",
                f"127.0.0.1:{ox_port}",
                "--union-default-graph",
            ],
            f"http://127.0.0.1:{ox_port}/query",
        ),
        "kgserver": (
            [sys.executable, "-m", "kgserver", "serve", "--port", str(kg_port)],
            f"http://127.0.0.1:{kg_port}/sparql",
        ),
    }
    processes = []
    try:
        for command, url in servers.values():
            process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            processes.append(process)
            wait_until_up(url, process)
        check_same_answers(servers["kgserver"][1], servers["oxigraph"][1])
        results = {}
        for name, (_, url) in servers.items():
            asyncio.run(hammer(url, 1.0, args.concurrency))  # warm-up
            results[name] = asyncio.run(hammer(url, args.seconds, args.concurrency))
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"{len(store)} quads, {len(QUERIES)} queries round-robin, concurrency "
        f"{args.concurrency}, {args.seconds:.0f} s per server, {os.cpu_count()} cores\n"
    )
    print(f"{'server':<10} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, m in results.items():
        print(
            f"{name:<10} {m.throughput:>8.0f} {m.percentile(0.5):>8.1f} "
            f"{m.percentile(0.95):>8.1f} {m.errors:>7}"
        )
    kg, ox = results["kgserver"], results["oxigraph"]
    print(
        f"\nratio kgserver/oxigraph: throughput {kg.throughput / ox.throughput:.2f}×, "
        f"p50 latency {kg.percentile(0.5) / ox.percentile(0.5):.2f}×"
    )


if __name__ == "__main__":
    main()
