"""kgserver beside Oxigraph's own server and rdflib-endpoint, under a real load generator.

One command starts every server itself, runs each scenario with the servers alternated, and
writes benchmarks/RESULTS.md: the machine, the exact commands, requests/s, p50/p99, errors and
the ratios. The load comes from `wrk` (Debian package `wrk`) with benchmarks/light_mix.lua.

    python benchmarks/run.py            # ~100k and ~1M triples, every scenario (~15 min)
    python benchmarks/run.py --quick    # ~100k triples, shorter runs (~3 min)

Scenarios: (a) throughput of the light mix; (b) the light mix while four runaway queries run;
(c) a 1M-row SELECT streamed, and a dump downloaded: memory growth and time to first byte;
(d) cold start of `kgserver serve` on the bundle, without and with the kept build;
(e) a bounded load test with 400 connections. kgserver runs with KGSERVER_RATE_LIMIT=0 (one
client sends all the load; the limit is per client).
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks import synthetic  # noqa: E402
from benchmarks.servers import (  # noqa: E402
    BENCHMARK_ENVIRONMENT,
    Running,
    free_port,
    kgserver_command,
    oxigraph_command,
    rdflib_endpoint_command,
    started,
    stop,
    tree_rss_mb,
)

MIX = HERE / "light_mix.lua"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A cartesian product of the whole graph with itself, twice: it never ends on its own."""
T = TypeVar("T")
STREAMED = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 1000000"


@dataclass
class Load:
    """What one wrk run measured (the JSON line benchmarks/light_mix.lua prints)."""

    server: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int
    timeouts: int
    statuses: dict[str, int]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def failed(self) -> int:
        """Requests that did not answer 200, and socket errors and timeouts."""
        bad = sum(n for status, n in self.statuses.items() if status != "200")
        return bad + self.socket_errors + self.timeouts


@dataclass
class Report:
    """RESULTS.md, section by section."""

    sections: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)

    def add(self, title: str, lines: list[str]) -> None:
        self.sections.append("\n".join([f"## {title}", "", *lines, ""]))
        print("\n".join([f"## {title}", *lines]), flush=True)


def wrk(
    endpoint: str, seconds: float, connections: int, entities: int, server: str, report: Report
) -> Load:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "10s",
        "-s",
        str(MIX),
        endpoint,
        "--",
        str(entities),
    ]
    shown = " ".join(command[:-2]).replace(str(HERE.parent) + "/", "") + f" -- {entities}"
    if shown not in report.commands:
        report.commands.append(shown)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return Load(
        server,
        figures["requests"],
        figures["seconds"],
        figures["p50_ms"],
        figures["p99_ms"],
        figures["max_ms"],
        figures["socket_errors"],
        figures["timeouts"],
        figures["statuses"],
    )


def entities_of(size: int) -> int:
    return max(1, size // synthetic.TRIPLES_PER_INFRASTRUCTURE)


@contextmanager
def servers(folder: Path, with_rdflib: bool, report: Report) -> Iterator[list[Running]]:
    """kgserver and Oxigraph (and rdflib-endpoint) on the synthetic graph in `folder`, each
    on a store of its own (copies of one), all started before the load begins."""
    oxigraph_store = folder.parent / (folder.name + "-oxigraph")
    if not oxigraph_store.exists():
        shutil.copytree(folder / "store", oxigraph_store)
    kg_store = folder.parent / (folder.name + "-kgserver")
    if not kg_store.exists():
        shutil.copytree(folder / "store", kg_store)
    commands = [
        ("kgserver", kgserver_command(free_port(), kg_store), "/sparql", BENCHMARK_ENVIRONMENT),
        ("oxigraph", oxigraph_command(free_port(), oxigraph_store), "/query", None),
    ]
    if with_rdflib:
        commands.append(
            (
                "rdflib-endpoint",
                rdflib_endpoint_command(free_port(), folder / "graph.nt"),
                "/",
                None,
            )
        )
    with ExitStack() as stack:
        running = [stack.enter_context(started(*c)) for c in commands]
        for server in running:
            shown = " ".join(server.command).replace(sys.executable, "python")
            shown = shown.replace(str(folder.parent), "$CACHE")
            if server.name == "kgserver":
                shown = "KGSERVER_RATE_LIMIT=0 KGSERVER_CACHE_DIR= " + shown
            if shown not in report.commands:
                report.commands.append(shown)
        yield running


def throughput(
    running: list[Running], size: int, rounds: int, seconds: float, report: Report
) -> dict[str, list[Load]]:
    """(a) The light mix on each server in turn, `rounds` times, the order rotated."""
    entities = entities_of(size)
    for server in running:  # warm up: caches, connections, the JIT of nothing
        wrk(server.endpoint, 2, 16, entities, server.name, report)
    loads: dict[str, list[Load]] = {s.name: [] for s in running}
    for turn in range(rounds):
        order = running[turn % len(running) :] + running[: turn % len(running)]
        for server in order:
            loads[server.name].append(
                wrk(server.endpoint, seconds, 16, entities, server.name, report)
            )
    return loads


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def throughput_lines(loads: dict[str, list[Load]], size: int) -> list[str]:
    lines = [
        f"The light mix (benchmarks/light_mix.lua: five cheap lookups about a random one of"
        f" {entities_of(size):,} infrastructures), wrk with 2 threads and 16 connections;"
        f" {len(next(iter(loads.values())))} runs per server of"
        f" {next(iter(loads.values()))[0].seconds:.0f} s, servers alternated; medians.",
        "",
        "| server | requests/s | p50 ms | p99 ms | failed | kgserver ÷ server (req/s) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    ours = median([load.rate for load in loads["kgserver"]])
    for name, runs in loads.items():
        rate = median([load.rate for load in runs])
        ratio = f"{ours / rate:.2f}×" if name != "kgserver" else "—"
        lines.append(
            f"| {name} | {rate:,.0f} | {median([r.p50_ms for r in runs]):.1f} |"
            f" {median([r.p99_ms for r in runs]):.1f} | {sum(r.failed for r in runs)} | {ratio} |"
        )
    return lines


def runaways(endpoint: str, clients: int, stop: threading.Event) -> list[int]:
    """`clients` threads, each from its own loopback address, sending RUNAWAY again and again
    until `stop`; the statuses they got."""
    statuses: list[int] = []

    def client(n: int) -> None:
        transport = httpx.HTTPTransport(local_address=f"127.0.0.{n + 2}")
        with httpx.Client(transport=transport, timeout=120) as http:
            while not stop.is_set():
                try:
                    answer = http.get(endpoint, params={"query": RUNAWAY})
                    statuses.append(answer.status_code)
                except httpx.HTTPError:
                    statuses.append(0)
                    if stop.wait(0.5):
                        return

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    return statuses


def isolation(running: list[Running], size: int, seconds: float, report: Report) -> list[str]:
    """(b) The light mix while four runaway queries run, on kgserver and on Oxigraph."""
    lines = [
        f"Four clients (127.0.0.2–5) each keep a runaway query running (`{RUNAWAY}`); meanwhile"
        f" the light mix as in (a) for {seconds:g} s.",
        "",
        "| server | light requests/s | p50 ms | p99 ms | light failed | runaway answers |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for server in running:
        if server.name == "rdflib-endpoint":
            continue
        stop = threading.Event()
        statuses = runaways(server.endpoint, 4, stop)
        time.sleep(2)  # the runaways are running
        load = wrk(server.endpoint, seconds, 16, entities_of(size), server.name, report)
        stop.set()
        answered = ", ".join(f"{s}×{statuses.count(s)}" for s in sorted(set(statuses))) or "none"
        lines.append(
            f"| {server.name} | {load.rate:,.0f} | {load.p50_ms:.1f} | {load.p99_ms:.1f} |"
            f" {load.failed} | {answered} |"
        )
        if server.name == "oxigraph":
            lines.append("")
            lines.append(
                "(Oxigraph's server has no timeout here: its runaway queries go on after the"
                " run; it is restarted before the next scenario.)"
            )
    return lines


def sampled_peak(pid: int, action: Callable[[], T]) -> tuple[float, float, T]:
    """The baseline RSS of `pid`'s tree, its peak while `action` runs, and what `action`
    returned."""
    baseline = tree_rss_mb(pid)
    peak = baseline
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        value = action()
    finally:
        done.set()
        sampler.join()
    return baseline, peak, value


def streamed(url: str, params: dict[str, str], accept: str) -> tuple[float, int, float]:
    """Seconds to the first byte of the body, bytes in all, seconds in all."""
    began = time.perf_counter()
    first, size = 0.0, 0
    headers = {"Accept": accept}
    with httpx.stream("GET", url, params=params, headers=headers, timeout=300) as answer:
        answer.raise_for_status()
        for chunk in answer.iter_raw():
            if not size:
                first = time.perf_counter() - began
            size += len(chunk)
    return first, size, time.perf_counter() - began


def streaming(folder: Path, report: Report) -> list[str]:
    """(c) A 1M-row SELECT from each server, and kgserver's dumps: memory and first byte."""
    lines = [
        f"`{STREAMED}` as SPARQL JSON on the {synthetic.size_of(folder):,}-triple graph"
        " (kgserver with KGSERVER_MAX_RESULT_ROWS=0, no row cap); resident memory of the"
        " server's whole process tree sampled every 20 ms.",
        "",
        "| server | what | first byte ms | MB sent | s | RSS before MB | peak MB | growth MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    environment = {**BENCHMARK_ENVIRONMENT, "KGSERVER_MAX_RESULT_ROWS": "0"}
    kg_store = folder.parent / (folder.name + "-kgserver")
    ox_store = folder.parent / (folder.name + "-oxigraph")
    targets = [
        ("kgserver", kgserver_command(free_port(), kg_store), "/sparql", environment),
        ("oxigraph", oxigraph_command(free_port(), ox_store), "/query", None),
    ]
    for name, command, path, env in targets:
        with started(name, command, path, env) as server:
            jobs = [("1M-row SELECT", server.endpoint, {"query": STREAMED})]
            if name == "kgserver":
                base = server.endpoint.removesuffix("/sparql")
                jobs.append(("dump oikg.nq (built, then sent)", base + "/dumps/oikg.nq", {}))
                jobs.append(("dump oikg.nq (sent again)", base + "/dumps/oikg.nq", {}))
            for what, url, params in jobs:
                accept = "application/sparql-results+json" if params else "*/*"
                fetch = functools.partial(streamed, url, params, accept)
                before, peak, (first, size, total) = sampled_peak(server.process.pid, fetch)
                lines.append(
                    f"| {name} | {what} | {first * 1000:.0f} | {size / 1e6:.1f} | {total:.1f} |"
                    f" {before:.0f} | {peak:.0f} | {peak - before:.0f} |"
                )
    return lines


def cold_start(report: Report) -> list[str]:
    """(d) `kgserver serve` on the bundle: a first start builds the store, the next reuses it."""
    cache = Path(tempfile.mkdtemp(prefix="kgserver-bench-cache-"))
    environment = {"KGSERVER_CACHE_DIR": str(cache)}
    try:
        first = _until_healthy(environment)
        second = _until_healthy(environment)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    report.commands.append("KGSERVER_CACHE_DIR=$EMPTY python -m kgserver serve --port PORT (twice)")
    return [
        "Seconds from `kgserver serve` (no `--store`: the bundled data) to the first 200 from"
        " `/healthz`.",
        "",
        "| start | seconds |",
        "|---|---:|",
        f"| first (empty cache: read, validated, reasoned, kept) | {first:.1f} |",
        f"| next (the kept build, opened read-only) | {second:.1f} |",
    ]


def _until_healthy(environment: dict[str, str]) -> float:
    port = free_port()
    command = kgserver_command(port, None)
    process = subprocess.Popen(
        command,
        cwd=HERE.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **environment},
        start_new_session=True,
    )
    began = time.monotonic()
    try:
        while time.monotonic() < began + 300:
            if process.poll() is not None:
                raise SystemExit(f"kgserver serve exited with {process.returncode}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    return time.monotonic() - began
            except httpx.TransportError:
                pass
            time.sleep(0.02)
        raise SystemExit("kgserver serve did not answer /healthz within 300 s")
    finally:
        stop(process)


def load_test(folder: Path, size: int, seconds: float, report: Report) -> list[str]:
    """(e) 400 connections of the light mix against kgserver: statuses, alive, memory."""
    store = folder.parent / (folder.name + "-kgserver")
    command = kgserver_command(free_port(), store)
    with started("kgserver-load", command, "/sparql", BENCHMARK_ENVIRONMENT) as server:
        idle = tree_rss_mb(server.process.pid)
        load = wrk(server.endpoint, seconds, 400, entities_of(size), "kgserver", report)
        time.sleep(5)
        after = tree_rss_mb(server.process.pid)
        alive = httpx.get(server.endpoint.removesuffix("/sparql") + "/healthz", timeout=10)
    statuses = ", ".join(f"{s}: {n:,}" for s, n in sorted(load.statuses.items()))
    five = sum(n for s, n in load.statuses.items() if s.startswith("5") and s != "503")
    return [
        f"wrk with 2 threads and 400 connections for {seconds:g} s, the light mix.",
        "",
        f"- statuses: {statuses}; socket errors {load.socket_errors}, timeouts {load.timeouts}",
        f"- 5xx other than deliberate 503s: {five}",
        f"- requests/s {load.rate:,.0f}, p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms",
        f"- /healthz afterwards: {alive.status_code}",
        f"- resident memory of the process tree: {idle:.0f} MB before, {after:.0f} MB 5 s after",
    ]


def machine() -> list[str]:
    def first(path: str, prefix: str) -> str:
        lines = Path(path).read_text().splitlines()
        return next(
            (line.split(":", 1)[1].strip() for line in lines if line.startswith(prefix)), "?"
        )

    def version(command: list[str]) -> str:
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=30)
            return (result.stdout or result.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"

    memory = int(first("/proc/meminfo", "MemTotal").split()[0]) / 1024**2
    return [
        f"- CPU: {first('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores;"
        f" memory {memory:.0f} GiB",
        f"- {platform.platform()}; Python {platform.python_version()}",
        f"- kgserver {importlib.metadata.version('kgserver')}, pyoxigraph"
        f" {importlib.metadata.version('pyoxigraph')}; {version(['oxigraph', '--version'])};"
        f" rdflib-endpoint {importlib.metadata.version('rdflib-endpoint')}",
        f"- {version(['wrk', '--version'])}",
        "- the load generator, the servers and this script share the machine's cores",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="~100k triples, shorter runs")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kgbench")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    if shutil.which("oxigraph") is None:
        raise SystemExit("the reference server is missing: pip install oxigraph")
    sizes = [100_000] if options.quick else [100_000, 1_000_000]
    seconds, rounds = (5.0, 1) if options.quick else (10.0, 3)
    report = Report()
    began = time.monotonic()
    for size in sizes:
        folder = synthetic.build(size, 1, options.cache)
        triples = synthetic.size_of(folder)
        with servers(folder, with_rdflib=size <= 100_000, report=report) as running:
            loads = throughput(running, size, rounds, seconds, report)
            report.add(f"(a) Throughput, {triples:,} triples", throughput_lines(loads, size))
        with servers(folder, with_rdflib=False, report=report) as running:
            report.add(
                f"(b) Isolation, {triples:,} triples", isolation(running, size, seconds, report)
            )
    largest = synthetic.build(sizes[-1], 1, options.cache)
    report.add(f"(c) Streaming, {synthetic.size_of(largest):,} triples", streaming(largest, report))
    report.add("(d) Cold start", cold_start(report))
    report.add(
        "(e) Bounded load test",
        load_test(largest, sizes[-1], 10.0 if options.quick else 20.0, report),
    )
    header = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py{' --quick' if options.quick else ''}` in"
        f" {time.monotonic() - began:.0f} s. Figures are measured on this machine in one run,"
        " the servers side by side; compare the ratios, not the absolute numbers.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Commands",
        "",
        *[f"    {command}" for command in report.commands],
        "",
    ]
    options.out.write_text("\n".join(header + report.sections), encoding="utf-8")
    print(f"wrote {options.out}")


if __name__ == "__main__":
    main()
