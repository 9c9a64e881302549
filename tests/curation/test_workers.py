"""`kgserver/curation/workers.py`: contributions checked in real worker processes, which are
killed and replaced on memory exhaustion and timeout; judged by outcome, never by time."""

from __future__ import annotations

import anyio
import pytest
from pyoxigraph import Store

from kgserver.curation.contribution import Source, read_contribution
from kgserver.curation.loading import validate_in_store
from kgserver.curation.workers import contribution_workers
from kgserver.errors import (
    ContributionTimeout,
    ContributionTooLarge,
    ContributionUnparseable,
    ServerBusy,
)
from kgserver.rdf.formats import TURTLE
from kgserver.settings import BUNDLE_DIR
from tests.event_loop import own_loop

ZENODO = "https://w3id.org/oikg/id/infrastructure/zenodo"


def ordinary() -> list[Source]:
    content = (BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl").read_bytes()
    return [Source("zenodo.ttl", content, TURTLE, "file:///zenodo.ttl")]


def memory_hungry(values: int = 100_000) -> list[Source]:
    """2 MB of Turtle that validation turns into hundreds of MB (one entity, 100k comments)."""
    comments = ",\n".join(f'"comment number {n}"' for n in range(values))
    content = f"<{ZENODO}> <http://www.w3.org/2000/01/rdf-schema#comment> {comments} .\n"
    return [Source("hungry.ttl", content.encode(), TURTLE, "file:///hungry.ttl")]


def slow(subjects: int = 20_000) -> list[Source]:
    """Many one-line entities: finding the line of each takes minutes (quadratic)."""
    lines = "".join(
        f'<http://example.org/s{n}> <http://example.org/p> "x" .\n' for n in range(subjects)
    )
    return [Source("slow.ttl", lines.encode(), TURTLE, "file:///slow.ttl")]


@own_loop
async def test_a_worker_gives_the_report_the_web_process_gave(store: Store) -> None:
    expected = validate_in_store(store, read_contribution(ordinary()).quads, True)
    broken = [Source("z.ttl", ordinary()[0].content.replace(b"xsd:gYear", b"xsd:date"), TURTLE)]
    expected_broken = validate_in_store(store, read_contribution(broken).quads, True)
    with contribution_workers(store, 1, 60, 512, 2) as workers:
        checked = await workers.check(ordinary())
        checked_broken = await workers.check(broken)
    assert checked.report.conforms and checked.report.results == expected.results
    assert checked.contribution.entities == read_contribution(ordinary()).entities
    assert not expected_broken.conforms
    assert checked_broken.report.results == expected_broken.results
    assert len(checked_broken.report.graph) == len(expected_broken.graph)


@own_loop
async def test_a_syntax_error_comes_back_with_its_position(store: Store) -> None:
    with contribution_workers(store, 1, 60, 512, 2) as workers:
        pids = workers.pids
        with pytest.raises(ContributionUnparseable) as unparseable:
            await workers.check([Source("bad.ttl", b"<a> <b> .", TURTLE, "file:///bad.ttl")])
        assert workers.pids == pids  # a refusal costs no worker
    assert unparseable.value.errors[0].file == "bad.ttl"
    assert unparseable.value.errors[0].line == 1


@own_loop
async def test_past_the_memory_cap_answers_413_and_the_next_contribution_is_checked(
    store: Store,
) -> None:
    with contribution_workers(store, 1, 120, 96, 2) as workers:
        before = workers.pids
        with pytest.raises(ContributionTooLarge) as refused:
            await workers.check(memory_hungry())
        assert refused.value.status == 413 and "96 MB" in refused.value.message
        assert workers.pids != before  # the worker that ran out was replaced
        checked = await workers.check(ordinary())
    assert checked.report.conforms


@own_loop
async def test_past_the_timeout_answers_503_with_retry_after_and_replaces_the_worker(
    store: Store,
) -> None:
    with contribution_workers(store, 1, 1.0, 512, 2) as workers:
        before = workers.pids
        with pytest.raises(ContributionTimeout) as stopped:
            await workers.check(slow())
        assert stopped.value.status == 503 and int(stopped.value.headers["Retry-After"]) >= 1
        assert workers.pids != before
        checked = await workers.check(ordinary())
    assert checked.report.conforms


@own_loop
async def test_beyond_the_queue_a_contribution_is_refused_at_once_with_503(
    store: Store,
) -> None:
    outcomes: list[str] = []
    with contribution_workers(store, 1, 3.0, 512, 1) as workers:

        async def send() -> None:
            try:
                await workers.check(slow())
                outcomes.append("checked")
            except ServerBusy as busy:  # ContributionTimeout is a ServerBusy too
                outcomes.append(type(busy).__name__)

        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(send)
    # one runs (and times out), one waits (and times out), the third is refused first
    assert outcomes == ["ServerBusy", "ContributionTimeout", "ContributionTimeout"]
