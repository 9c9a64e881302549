"""Which documents an entity IRI names, and what an unknown one may have meant."""

from __future__ import annotations

import pytest

from kgserver.catalogue.snapshot import Snapshot
from kgserver.linked_data.entity_documents import ENTITY_FORMATS, Slugs, split_format, suggest
from kgserver.rdf.formats import HTML, TURTLE


@pytest.fixture(scope="module")
def slugs(snapshot: Snapshot) -> Slugs:
    return Slugs(snapshot.catalogue.entities)


def test_slugs_are_the_paths_of_the_entities(slugs: Slugs) -> None:
    assert "infrastructure/zenodo" in slugs
    assert "infrastructure/no-such-thing" not in slugs
    assert 3 not in slugs


def test_a_suffix_names_one_format_of_a_known_entity(slugs: Slugs) -> None:
    assert split_format("infrastructure/zenodo", slugs) == ("infrastructure/zenodo", None)
    assert split_format("infrastructure/zenodo.ttl", slugs) == ("infrastructure/zenodo", TURTLE)
    assert split_format("infrastructure/zenodo.xyz", slugs) == ("infrastructure/zenodo.xyz", None)
    assert split_format("infrastructure/nothing.ttl", slugs) == ("infrastructure/nothing.ttl", None)
    assert HTML in ENTITY_FORMATS
    for fmt in ENTITY_FORMATS:
        assert split_format(f"infrastructure/zenodo.{fmt.extension}", slugs)[1] is fmt


def test_a_misspelt_path_suggests_the_entity_meant(snapshot: Snapshot) -> None:
    words, found = suggest(snapshot, "infrastructure/zenodoo")
    assert words == "zenodoo"
    assert found[0].slug == "infrastructure/zenodo"
    assert len({e.iri for e in found}) == len(found) <= 8
