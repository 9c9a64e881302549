"""A pool of worker processes, each talking to the server through a pipe: launched from a
fork server, reserved one request at a time with a bounded queue, stopped and replaced.

The query lanes (`kgserver/query/lane.py`) and the contribution workers
(`kgserver/curation/workers.py`) are pools; each adds its own protocol on the pipe. Workers are
forked from a fork server started afresh (not from the web process, which runs Rust and
uvicorn threads) that has the worker module imported, so a replacement starts in
milliseconds.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import anyio

from kgserver.errors import ServerBusy

STARTUP_SECONDS = 60.0
"""How long a new worker may take to start (import its module, open or load the graph)."""

CONTEXT = multiprocessing.get_context("forkserver")


@dataclass(eq=False)
class Worker:
    """One worker process and the server's end of its pipe."""

    process: BaseProcess
    connection: Connection
    generation: int = 0
    """Which state of the pool's input it started with (a pool that changes input counts)."""
    ready: bool = False
    """It has said that it started."""


def launch(
    target: Callable[..., Any], args: tuple[Any, ...], name: str, generation: int = 0
) -> Worker:
    """Start `target(*args, connection)` in a process forked from the fork server (which
    imports `target`'s module when it starts)."""
    CONTEXT.set_forkserver_preload([target.__module__])
    ours, theirs = CONTEXT.Pipe()
    process = CONTEXT.Process(target=target, args=(*args, theirs), name=name)
    process.daemon = True
    process.start()
    theirs.close()
    return Worker(process, ours, generation)


async def readable(connection: Connection) -> None:
    """Wait until `connection` has data, and leave it in blocking mode for the reads."""
    await anyio.wait_readable(connection.fileno())
    # uvloop (libuv) makes a polled descriptor non-blocking; the pipe's reads expect blocking.
    os.set_blocking(connection.fileno(), True)


def stop(worker: Worker) -> None:
    """Kill the worker (if it still runs) and release its pipe and process handle."""
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.connection.close()


class Pool:
    """`size` workers doing `work` ("query", "contribution"), each serving one request at a
    time; at most `max_waiting` requests wait for a free one, and more are refused at once
    (ServerBusy: 503 with Retry-After)."""

    def __init__(self, work: str, size: int, max_waiting: int, retry_after: float = 1.0) -> None:
        self.work = work
        self.size = size
        self.max_waiting = max_waiting
        self.retry_after = retry_after
        """Seconds a client refused for lack of a free worker is told to wait."""
        self.idle: list[Worker] = []
        self.working: set[Worker] = set()
        self._free: anyio.Semaphore | None = None
        self._waiting = 0
        self.closed = True
        """Stopped, or not yet started: requests are refused."""

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers, idle and busy."""
        workers = (*self.idle, *self.working)
        return [w.process.pid for w in workers if w.process.pid is not None]

    @property
    def busy(self) -> int:
        """Workers serving a request now."""
        return len(self.working)

    async def reserve(self) -> Worker:
        """A free worker, waiting for one if the queue has room; else ServerBusy."""
        if self.closed:
            raise ServerBusy(f"the server is shutting down: its {self.work} workers are stopped", 5)
        if self._free is None:
            self._free = anyio.Semaphore(self.size)
        try:
            self._free.acquire_nowait()
        except anyio.WouldBlock:
            if self._waiting >= self.max_waiting:
                raise ServerBusy(
                    f"the server is at capacity: every {self.work} worker is busy"
                    f" ({self.size} at work, {self._waiting} waiting); try again shortly",
                    self.retry_after,
                ) from None
            self._waiting += 1
            try:
                await self._free.acquire()
            finally:
                self._waiting -= 1
        worker = self.idle.pop()
        self.working.add(worker)
        return worker

    def release(self, worker: Worker, successor: Worker | None) -> None:
        """Give `worker` back, or `successor` in its place (after stopping it), or nothing
        (a pool that is closing)."""
        self.working.discard(worker)
        if successor is not worker:
            stop(worker)
        if successor is not None:
            self.idle.append(successor)
        assert self._free is not None
        self._free.release()

    def await_started(self, check: Callable[[Worker], None]) -> None:
        """Block until each idle worker has said that it started; `check` reads what it said."""
        for worker in self.idle:
            worker.connection.poll(STARTUP_SECONDS)
            check(worker)

    def close(self) -> None:
        """Stop every worker: an idle one exits when its pipe closes; a busy one is killed."""
        self.closed = True
        for worker in self.idle:
            worker.connection.close()
        for worker in self.idle:
            worker.process.join(2)
        for worker in (*self.idle, *self.working):
            stop(worker)
        self.idle, self.working = [], set()


async def wait_started(worker: Worker, check: Callable[[Worker], None]) -> None:
    """Wait (without blocking the event loop) until a worker that has not yet said that it
    started does so; `check` reads what it said (StoreError if it cannot serve)."""
    if worker.ready:
        return
    with anyio.move_on_after(STARTUP_SECONDS):
        await readable(worker.connection)
    check(worker)
