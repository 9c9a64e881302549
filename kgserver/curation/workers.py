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
import shutil
import signal
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
from kgserver.processes.pool import Pool, Worker, launch, readable, stop, wait_started
from kgserver.rdf import iris
from kgserver.store.graphs import data_quads, quads_in
from kgserver.store.version import dataset_version


@dataclass(frozen=True)
class Checked:
    """A contribution read and validated by a worker: its report, and where its entities are
    written (the contribution carries its sources and locations, not its quads)."""

    report: ValidationReport
    contribution: Contribution


class ContributionWorkers(Pool):
    """`size` processes that read and validate contributions against the graph of `store`."""

    def __init__(
        self,
        store: Store,
        size: int = 1,
        timeout: float = 30.0,
        memory_mb: int = 512,
        max_waiting: int = 8,
    ) -> None:
        super().__init__("contribution", size, max_waiting, max(1.0, min(timeout, 10.0)))
        self.store = store
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._directory: Path | None = None
        self._version = ""
        self._generation = 0

    def start(self, wait: bool = True) -> None:
        """Write the graph for the workers and start them; with `wait`, until each has loaded
        it (else they load it while the server starts, and a first contribution waits)."""
        self._directory = Path(tempfile.mkdtemp(prefix="kgserver-contribution-context-"))
        self._write_context(dataset_version(self.store))
        self.idle = [self._launch() for _ in range(self.size)]
        if wait:
            self.await_started(_check_ready)
        self.closed = False

    def close(self) -> None:
        """Stop every worker (an idle one exits when its pipe closes) and remove the graph."""
        super().close()
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None

    async def check(self, sources: Sequence[Source]) -> Checked:
        """Read and validate the contribution `sources` in a free worker, within the timeout.

        Raises ContributionUnparseable (400), ContributionTooLarge (413), ContributionCrashed
        (400), ContributionTimeout (503) or ServerBusy (503: every worker busy, queue full).
        """
        worker = await self.reserve()
        worker = self._follow_the_store(worker)
        settled = False
        try:
            message = await self._ask(worker, [wire.as_message(s) for s in sources])
            settled = True
        finally:
            self._give_back(worker, settled)
        return _outcome(message, sources)

    async def _ask(self, worker: Worker, sources: list[wire.SourceMessage]) -> tuple[Any, ...]:
        """Send the contribution to `worker`, and wait for its answer until the deadline."""
        try:
            await wait_started(worker, _check_ready)
        except StoreError as error:
            raise ContributionCrashed(f"no contribution worker could start: {error}") from None
        try:
            worker.connection.send(sources)
        except OSError:
            raise self._death(worker) from None
        deadline = anyio.current_time() + self.timeout if self.timeout > 0 else math.inf
        with anyio.move_on_after(deadline - anyio.current_time()) as waiting:
            await readable(worker.connection)
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

    def _give_back(self, worker: Worker, settled: bool) -> None:
        """Return `worker` to the idle ones; one that did not answer in full (timeout, crash,
        out of memory, a client gone) or loaded an older graph is replaced by a new one."""
        current = settled and worker.generation == self._generation and not self.closed
        self.release(worker, worker if current else None if self.closed else self._launch())

    def _follow_the_store(self, reserved: Worker) -> Worker:
        """If the store holds a new dataset version, write its graph and retire the idle
        workers that loaded the old one (busy ones are retired when they finish); the worker
        to use in place of `reserved`."""
        version = dataset_version(self.store)
        if version != self._version:
            self._write_context(version)
            for index, worker in enumerate(self.idle):
                stop(worker)
                self.idle[index] = self._launch()
        if reserved.generation == self._generation:
            return reserved
        self.working.discard(reserved)
        stop(reserved)
        fresh = self._launch()
        self.working.add(fresh)
        return fresh

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

    def _launch(self) -> Worker:
        args = (str(self._context_file()), self.memory_mb * 1024 * 1024)
        return launch(wire.serve_contributions, args, "kgserver-contribution", self._generation)

    def _death(self, worker: Worker) -> KGError:
        """The error for a worker that died while checking: out of memory, or a crash (or
        the server stopping it)."""
        if self.closed:
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


def _check_ready(worker: Worker) -> None:
    if not worker.connection.poll():
        raise StoreError("a contribution worker did not start in time")
    try:
        message = worker.connection.recv()
    except EOFError:
        raise StoreError("a contribution worker exited at start") from None
    if message[0] != wire.READY:
        raise StoreError(f"a contribution worker cannot load the graph: {message[1:]!r}")
    worker.ready = True


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
