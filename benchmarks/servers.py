"""The servers a benchmark compares, started and stopped by it: kgserver, Oxigraph's own
server and rdflib-endpoint, each on a free loopback port; and the memory of a process tree."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Running:
    """A started server: its name, SPARQL endpoint URL, process and command line."""

    name: str
    endpoint: str
    process: subprocess.Popen[bytes]
    command: list[str]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kgserver_command(port: int, store: Path | None) -> list[str]:
    command = [sys.executable, "-m", "kgserver", "serve", "--port", str(port)]
    return command + (["--store", str(store)] if store is not None else [])


def oxigraph_command(port: int, store: Path) -> list[str]:
    return [
        "oxigraph",
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]


def rdflib_endpoint_command(port: int, graph: Path) -> list[str]:
    return ["rdflib-endpoint", "serve", "--host", "127.0.0.1", "--port", str(port), str(graph)]


BENCHMARK_ENVIRONMENT = {"KGSERVER_RATE_LIMIT": "0", "KGSERVER_CACHE_DIR": ""}
"""kgserver's settings for a benchmark: no per-client rate limit (one client sends it all)."""


@contextmanager
def started(
    name: str, command: list[str], path: str, environment: dict[str, str] | None = None
) -> Iterator[Running]:
    """Start `command`, wait until `path` answers a query, yield it; stop it on exit."""
    port = int(command[command.index("--port") + 1]) if "--port" in command else 0
    if not port:
        port = int(command[command.index("--bind") + 1].rsplit(":", 1)[1])
    endpoint = f"http://127.0.0.1:{port}{path}"
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"kgserver-bench-{name}.log", "wb")
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(environment or {})},
        start_new_session=True,
    )
    try:
        wait_until_up(endpoint, process, name)
        yield Running(name, endpoint, process, command)
    finally:
        stop(process)
        log.close()


def wait_until_up(endpoint: str, process: subprocess.Popen[bytes], name: str) -> float:
    """Seconds until `endpoint` answers ASK {} with 200."""
    began = time.monotonic()
    while time.monotonic() < began + 300:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode} before it answered")
        try:
            answer = httpx.get(endpoint, params={"query": "ASK {}"}, timeout=2)
            if answer.status_code == 200:
                return time.monotonic() - began
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{name} did not answer within 300 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's whole process group (workers too), SIGKILL if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)  # worker processes left behind
    except ProcessLookupError:
        pass


def tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and every process below it, in MB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        pending.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024
