"""The worker pool (kgserver/processes/pool.py) with real processes: admission with a bounded
queue, giving back or replacing a worker, stopping all; judged by status and order."""

from __future__ import annotations

from collections.abc import Iterator
from multiprocessing.connection import Connection

import anyio
import pytest

from kgserver.errors import ServerBusy, StoreError
from kgserver.processes.pool import Pool, Worker, launch, readable, stop, wait_started
from tests.event_loop import own_loop


def echo(greeting: bytes, connection: Connection) -> None:
    """A worker: says `greeting` once started, then sends back what it receives."""
    connection.send_bytes(greeting)
    while True:
        try:
            connection.send_bytes(connection.recv_bytes())
        except EOFError:
            return


def started(worker: Worker) -> None:
    if not worker.connection.poll() or worker.connection.recv_bytes() != b"ready":
        raise StoreError("the echo worker did not start")
    worker.ready = True


def echo_pool(size: int, max_waiting: int) -> Pool:
    pool = Pool("echo", size, max_waiting, retry_after=3.0)
    pool.idle = [launch(echo, (b"ready",), "kgserver-test-echo") for _ in range(size)]
    pool.await_started(started)
    pool.closed = False
    return pool


@pytest.fixture
def pool() -> Iterator[Pool]:
    pool = echo_pool(1, 1)
    yield pool
    pool.close()


def test_a_launched_worker_starts_and_answers(pool: Pool) -> None:
    (worker,) = pool.idle
    assert worker.ready and worker.process.name == "kgserver-test-echo"
    worker.connection.send_bytes(b"ping")
    assert worker.connection.recv_bytes() == b"ping"
    assert pool.pids == [worker.process.pid]


@own_loop
async def test_beyond_the_queue_a_request_is_refused_with_retry_after(pool: Pool) -> None:
    first = await pool.reserve()
    assert pool.busy == 1 and pool.idle == []
    order: list[str] = []

    async def second() -> None:
        worker = await pool.reserve()
        order.append("second served")
        pool.release(worker, worker)

    async with anyio.create_task_group() as group:
        group.start_soon(second)
        await anyio.sleep(0.05)  # the second waits in the queue, which is now full
        with pytest.raises(ServerBusy) as refused:
            await pool.reserve()
        order.append("third refused")
        pool.release(first, first)
    assert order == ["third refused", "second served"]
    assert "every echo worker is busy (1 at work, 1 waiting)" in str(
        refused.value
    ) and refused.value.headers == {"Retry-After": "3"}
    assert pool.busy == 0 and pool.idle == [first]


@own_loop
async def test_a_worker_given_back_with_a_successor_is_stopped(pool: Pool) -> None:
    worker = await pool.reserve()
    successor = launch(echo, (b"ready",), "kgserver-test-echo")
    pool.release(worker, successor)
    assert not worker.process.is_alive() and worker.connection.closed
    assert pool.idle == [successor]
    await wait_started(successor, started)
    assert successor.ready


@own_loop
async def test_readable_waits_for_the_worker_and_leaves_the_pipe_blocking(pool: Pool) -> None:
    (worker,) = pool.idle
    worker.connection.send_bytes(b"later")
    await readable(worker.connection)
    assert worker.connection.recv_bytes() == b"later"


def test_close_ends_idle_and_busy_workers() -> None:
    pool = echo_pool(2, 0)
    busy = pool.idle.pop()
    pool.working.add(busy)
    workers = [*pool.idle, busy]
    pool.close()
    assert not any(w.process.is_alive() for w in workers)
    assert pool.idle == [] and pool.working == set() and pool.pids == []


def test_stop_releases_a_worker_that_already_exited() -> None:
    worker = launch(echo, (b"ready",), "kgserver-test-echo")
    worker.connection.poll(30)
    started(worker)
    worker.connection.close()  # the worker's recv ends: it exits on its own
    worker.process.join(10)
    stop(worker)
    assert worker.process.exitcode == 0


@own_loop
async def test_a_closed_pool_refuses_at_once(pool: Pool) -> None:
    pool.close()
    with pytest.raises(ServerBusy, match="shutting down: its echo workers are stopped"):
        await pool.reserve()
