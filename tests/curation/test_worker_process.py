"""`kgserver/curation/worker_process.py`: what a contribution worker answers, and its cap."""

from __future__ import annotations

import multiprocessing
import resource

from pyoxigraph import Store

from kgserver.curation import worker_process as wire
from kgserver.curation.contribution import Source
from kgserver.curation.loading import validate_in_store
from kgserver.rdf.formats import JSON_LD, RDF_XML, TURTLE
from kgserver.settings import BUNDLE_DIR

ZENODO_FILE = BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl"


def test_a_checked_contribution_carries_the_report_and_where_entities_are(store: Store) -> None:
    source = Source("zenodo.ttl", ZENODO_FILE.read_bytes(), TURTLE, "file:///zenodo.ttl")
    kind, validated = wire.check(store, [source])
    assert kind == wire.CHECKED
    assert isinstance(validated, wire.Validated)
    zenodo = "https://w3id.org/oikg/id/infrastructure/zenodo"
    assert validated.locations[zenodo].file == "zenodo.ttl"
    assert validated.report.conforms


def test_an_entity_bomb_is_answered_as_unparseable_with_its_position(store: Store) -> None:
    bomb = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaa">]>\n<r>&a;</r>'
    kind, errors, explained = wire.check(store, [Source("bomb.rdf", bomb, RDF_XML)])
    assert kind == wire.UNPARSEABLE
    assert errors[0][0] == "bomb.rdf" and errors[0][2:] == (2, 1)
    assert "DOCTYPE" in explained[0]


def test_sources_travel_as_plain_values_and_come_back_whole() -> None:
    source = Source("a.jsonld", b"{}", JSON_LD, "file:///a.jsonld")
    assert wire.from_message(wire.as_message(source)) == source


def _capped(memory: int, queue: multiprocessing.Queue[int]) -> None:  # type: ignore[type-arg]
    before = wire.address_space()
    wire.cap_memory(memory)
    queue.put(resource.getrlimit(resource.RLIMIT_AS)[0] - before)


def test_the_cap_is_the_size_at_rest_plus_the_allowance() -> None:
    context = multiprocessing.get_context("forkserver")
    queue = context.Queue()
    process = context.Process(target=_capped, args=(64 * 1024 * 1024, queue))
    process.start()
    headroom = queue.get(timeout=60)
    process.join(10)
    assert 63 * 1024 * 1024 <= headroom <= 64 * 1024 * 1024


def test_the_report_is_that_of_validate_in_store(store: Store) -> None:
    broken = ZENODO_FILE.read_bytes().replace(b'"2013"^^xsd:gYear', b'"2013"')
    kind, validated = wire.check(store, [Source("zenodo.ttl", broken, TURTLE)])
    from kgserver.curation.contribution import read_contribution

    quads = read_contribution([Source("zenodo.ttl", broken, TURTLE)]).quads
    assert kind == wire.CHECKED and not validated.report.conforms
    assert validated.report.results == validate_in_store(store, quads, True).results
