"""Contributions checked in worker processes, so that no contribution can harm the server.

Parsing and validating a contribution costs memory and time that grow with what the sender
wrote, not with what the server chose; in the web process, a hostile file could exhaust the
machine's memory and an ordinary one held a thread for every page. Here each contribution is
read and validated by one of a few worker processes (`kgserver/curation/worker_process.py`),
each with its memory capped (RLIMIT_AS) and its answer due within `timeout` seconds. A worker
that overruns is killed; one that runs out of memory or crashes dies on its own; either way a
fresh one takes its place, and the request answers 503 (timeout, with Retry-After), 413 (out
of memory) or 400 (a crash). At most `max_waiting` contributions wait for a worker; more
answer 503 with Retry-After at once. The design is that of the query workers
(`kgserver/query/lane.py`): processes forked from a fork server, a pipe each, kill on deadline.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import anyio
from pyoxigraph import RdfFormat, Store, serialize

from kgserver.curation import worker_process as wire
from kgserver.curation.contribution import Contribution, Source
from kgserver.curation.validation import ValidationReport
from kgserver.errors import (
    ContributionCrashed,
    ContributionTimeout,
    ContributionTooLarge,
    ContributionUnparseable,
    InputError,
    KGError,
    ServerBusy,
    StoreError,
)
from kgserver.rdf import iris
from kgserver.store.graphs import data_quads, quads_in
from kgserver.store.version import dataset_version

STARTUP_SECONDS = 60.0
"""How long a new worker may take to start and load the graph."""

# As for the query workers: forked from a fork server, not from this process (which runs Rust
# and uvicorn threads); the fork server has the worker module imported when it starts here.
_CONTEXT = multiprocessing.get_context("forkserver")


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection
    generation: int
    ready: bool = False


@dataclass(frozen=True)
class Checked:
    """A contribution read and validated by a worker: its report, and where its entities are
    written (the contribution carries its sources and locations, not its quads)."""

    report: ValidationReport
    contribution: Contribution


class ContributionWorkers:
    """`size` processes that read and validate contributions against the graph of `store`."""

    def __init__(
        self,
        store: Store,
        size: int = 1,
        timeout: float = 30.0,
        memory_mb: int = 512,
        max_waiting: int = 8,
    ) -> None:
        self.store = store
        self.size = size
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.max_waiting = max_waiting
        self.retry_after = max(1.0, min(timeout, 10.0))
        """Seconds a client refused for lack of a free worker is told to wait."""
        self._directory: Path | None = None
        self._version = ""
        self._generation = 0
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._free: anyio.Semaphore | None = None
        self._waiting = 0
        self._closed = True

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers, idle and busy."""
        return [w.process.pid for w in (*self._idle, *self._busy) if w.process.pid is not None]

    @property
    def busy(self) -> int:
        """Workers checking a contribution now."""
        return len(self._busy)

    def start(self, wait: bool = True) -> None:
        """Write the graph for the workers and start them; with `wait`, until each has loaded
        it (else they load it while the server starts, and a first contribution waits)."""
        self._directory = Path(tempfile.mkdtemp(prefix="kgserver-contribution-context-"))
        self._write_context(dataset_version(self.store))
        self._idle = [self._launch() for _ in range(self.size)]
        if wait:
            for worker in self._idle:
                worker.connection.poll(STARTUP_SECONDS)
                _check_ready(worker)
        self._closed = False

    def close(self) -> None:
        """Stop every worker (an idle one exits when its pipe closes) and remove the graph."""
        self._closed = True
        for worker in self._idle:
            worker.connection.close()
        for worker in self._idle:
            worker.process.join(2)
        for worker in (*self._idle, *self._busy):
            _stop(worker)
        self._idle, self._busy = [], set()
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None

    async def check(self, sources: Sequence[Source]) -> Checked:
        """Read and validate the contribution `sources` in a free worker, within the timeout.

        Raises ContributionUnparseable (400), ContributionTooLarge (413), ContributionCrashed
        (400), ContributionTimeout (503) or ServerBusy (503: every worker busy, queue full).
        """
        if self._closed:
            raise ServerBusy("the server is shutting down: its contribution workers are stopped", 5)
        if self._free is None:
            self._free = anyio.Semaphore(self.size)
        try:
            self._free.acquire_nowait()
        except anyio.WouldBlock:
            if self._waiting >= self.max_waiting:
                raise ServerBusy(
                    f"every contribution worker is busy ({self.size} checking,"
                    f" {self._waiting} waiting); try again shortly",
                    self.retry_after,
                ) from None
            self._waiting += 1
            try:
                await self._free.acquire()
            finally:
                self._waiting -= 1
        self._follow_the_store()
        worker = self._idle.pop()
        self._busy.add(worker)
        settled = False
        try:
            message = await self._ask(worker, [wire.as_message(s) for s in sources])
            settled = True
        finally:
            self._give_back(worker, settled)
        return _outcome(message, sources)

    async def _ask(self, worker: _Worker, sources: list[wire.SourceMessage]) -> tuple[Any, ...]:
        """Send the contribution to `worker`, and wait for its answer until the deadline."""
        if not worker.ready:
            with anyio.move_on_after(STARTUP_SECONDS):
                await _readable(worker.connection)
            try:
                _check_ready(worker)
            except StoreError as error:
                raise ContributionCrashed(f"no contribution worker could start: {error}") from None
        try:
            worker.connection.send(sources)
        except OSError:
            raise self._death(worker) from None
        deadline = anyio.current_time() + self.timeout if self.timeout > 0 else math.inf
        with anyio.move_on_after(deadline - anyio.current_time()) as waiting:
            await _readable(worker.connection)
        if waiting.cancelled_caught:
            raise ContributionTimeout(
                f"checking the contribution took longer than {self.timeout:g} s and was"
                " stopped; send fewer or smaller files at a time",
                self.timeout,
            )
        try:
            message: tuple[Any, ...] = worker.connection.recv()
        except (EOFError, OSError):
            raise self._death(worker) from None
        if message[0] == wire.OUT_OF_MEMORY:
            raise self._too_large()
        return message

    def _give_back(self, worker: _Worker, settled: bool) -> None:
        """Return `worker` to the idle ones; one that did not answer in full (timeout, crash,
        out of memory, a client gone) or loaded an older graph is replaced by a new one."""
        self._busy.discard(worker)
        current = settled and worker.generation == self._generation and not self._closed
        if current:
            self._idle.append(worker)
        else:
            _stop(worker)
            if not self._closed:
                self._idle.append(self._launch())
        assert self._free is not None
        self._free.release()

    def _follow_the_store(self) -> None:
        """If the store holds a new dataset version, write its graph and retire the idle
        workers that loaded the old one (busy ones are retired when they finish)."""
        version = dataset_version(self.store)
        if version == self._version:
            return
        self._write_context(version)
        for index, worker in enumerate(self._idle):
            _stop(worker)
            self._idle[index] = self._launch()

    def _write_context(self, version: str) -> None:
        """Write what contributions are validated against: the data, shapes and ontology."""
        assert self._directory is not None
        quads = (
            data_quads(self.store)
            + quads_in(self.store, iris.SHAPES_GRAPH)
            + quads_in(self.store, iris.ONTOLOGY_GRAPH)
        )
        self._generation += 1
        serialize(quads, self._context_file(), format=RdfFormat.N_QUADS)
        self._version = version
        # Workers read the file once, at start; the one before may still be being read.
        for old in self._directory.glob("context-*.nq"):
            if int(old.stem.split("-")[1]) < self._generation - 1:
                old.unlink(missing_ok=True)

    def _context_file(self) -> Path:
        assert self._directory is not None
        return self._directory / f"context-{self._generation}.nq"

    def _launch(self) -> _Worker:
        _CONTEXT.set_forkserver_preload([wire.__name__])  # read when the fork server starts
        ours, theirs = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=wire.serve_contributions,
            args=(str(self._context_file()), self.memory_mb * 1024 * 1024, theirs),
            name="kgserver-contribution",
        )
        process.daemon = True
        process.start()
        theirs.close()
        return _Worker(process, ours, self._generation)

    def _death(self, worker: _Worker) -> KGError:
        """The error for a worker that died while checking: out of memory, or a crash (or
        the server stopping it)."""
        if self._closed:
            return ServerBusy(
                "the server is shutting down: its contribution workers are stopped", 5
            )
        worker.process.join(5)
        code = worker.process.exitcode
        # Rust aborts the process when an allocation fails under the cap.
        if code in (wire.EXIT_OUT_OF_MEMORY, -signal.SIGABRT):
            return self._too_large()
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else code
        return ContributionCrashed(
            f"the contribution made the process reading it fail ({how}); it is likely nested"
            " too deeply or malformed: simplify it, or send it as Turtle"
        )

    def _too_large(self) -> ContributionTooLarge:
        return ContributionTooLarge(
            f"checking the contribution needed more than the {self.memory_mb} MB of memory a"
            " contribution may use; send fewer or smaller files at a time"
        )


def _outcome(message: tuple[Any, ...], sources: Sequence[Source]) -> Checked:
    """The worker's answer as a result, or as the error it stands for."""
    kind = message[0]
    if kind == wire.CHECKED:
        validated: wire.Validated = message[1]
        return Checked(validated.report, Contribution(list(sources), [], validated.locations))
    if kind == wire.UNPARSEABLE:
        errors = [InputError(*error) for error in message[1]]
        raise ContributionUnparseable(errors, message[2])
    if kind == wire.TOO_DEEP:
        raise ContributionCrashed(
            "the contribution is nested too deeply to be validated: flatten its descriptions"
        )
    if kind == wire.FAILED:
        raise RuntimeError(f"a contribution worker failed:\n{message[1]}")
    raise RuntimeError(f"a contribution worker sent an unknown message {kind!r}")


async def _readable(connection: Connection) -> None:
    """Wait until `connection` has data, and leave it in blocking mode for the reads."""
    await anyio.wait_readable(connection.fileno())
    # uvloop (libuv) makes a polled descriptor non-blocking; the pipe's reads expect blocking.
    os.set_blocking(connection.fileno(), True)


def _check_ready(worker: _Worker) -> None:
    if not worker.connection.poll():
        raise StoreError("a contribution worker did not start in time")
    try:
        message = worker.connection.recv()
    except EOFError:
        raise StoreError("a contribution worker exited at start") from None
    if message[0] != wire.READY:
        raise StoreError(f"a contribution worker cannot load the graph: {message[1:]!r}")
    worker.ready = True


def _stop(worker: _Worker) -> None:
    """Kill the worker (if it still runs) and release its pipe and process handle."""
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.connection.close()


@contextmanager
def contribution_workers(
    store: Store, size: int, timeout: float, memory_mb: int, max_waiting: int, wait: bool = True
) -> Iterator[ContributionWorkers]:
    """Started contribution workers over the graph of `store` (loaded, with `wait`), stopped
    on exit."""
    workers = ContributionWorkers(store, size, timeout, memory_mb, max_waiting)
    try:
        workers.start(wait)
        yield workers
    finally:
        workers.close()
