"""One real store, built once from the real bundled files, shared by every test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pyoxigraph import Store

from kgserver.app import create_app
from kgserver.curation.loading import build
from kgserver.curation.workers import ContributionWorkers, contribution_workers
from kgserver.query.workers import QueryWorkers, query_workers
from kgserver.settings import BUNDLE_DIR, Settings
from kgserver.store.bundle import Dataset

ARTIFACTS = BUNDLE_DIR / "test-artifacts"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The defaults, but for the rate limit: the whole suite asks from one address, far faster
    than any person (the limits are tested on apps of their own, tests/web/test_rate_limits.py)."""
    return Settings(rate_limit=0)


@pytest.fixture(scope="session")
def built() -> tuple[Store, Dataset]:
    store = Store()
    dataset = build(store, BUNDLE_DIR)
    return store, dataset


@pytest.fixture(scope="session")
def store(built: tuple[Store, Dataset]) -> Store:
    return built[0]


@pytest.fixture(scope="session")
def dataset(built: tuple[Store, Dataset]) -> Dataset:
    return built[1]


@pytest.fixture(scope="session")
def workers(settings: Settings, store: Store) -> Iterator[QueryWorkers]:
    """The worker processes that evaluate /sparql queries, as `kgserver serve` starts them."""
    with query_workers(store, None, settings.lanes(), settings.query_timeout) as started:
        yield started


@pytest.fixture(scope="session")
def checkers(settings: Settings, store: Store) -> Iterator[ContributionWorkers]:
    """The worker processes that check POST /validate contributions, as `serve` starts them."""
    with contribution_workers(
        store,
        settings.contribution_processes,
        settings.contribution_timeout,
        settings.contribution_memory_mb,
        settings.contribution_queue,
    ) as started:
        yield started


@pytest.fixture(scope="session")
def app(
    settings: Settings, store: Store, workers: QueryWorkers, checkers: ContributionWorkers
) -> FastAPI:
    return create_app(settings, store, workers, checkers)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def kgserver_serving(log_name: str, **environment: str) -> Iterator[str]:
    """`kgserver serve` in a real process with `environment` added to its own, as a user starts
    it; yields its base URL once /healthz answers, and stops it on exit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(artifacts_dir() / log_name, "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "kgserver", "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **environment},
    )
    try:
        deadline = time.monotonic() + 180  # a first start builds the store: slow on a busy machine
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kgserver serve exited with {process.returncode}; see log")
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("kgserver serve did not answer /healthz within 180 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """`kgserver serve` in a real process, as a user starts it; yields its base URL."""
    with kgserver_serving("live-server.log") as url:
        yield url


def artifacts_dir() -> Path:
    """Where tests leave what a person may want to look at: logs, screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session (Debian's, at /usr/bin/chromium)."""
    from tests.browser import CHROMIUM, chromium

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    with chromium() as instance:
        yield instance
