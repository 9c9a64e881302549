"""The importers' model: slugs, names and ROR IDs reduced for matching, and entities' facts."""

from __future__ import annotations

import pytest

from kgserver.importers.model import (
    IRI,
    LABEL,
    SOURCE,
    ImportedEntity,
    Literal,
    Node,
    entity_iri,
    homepage_key,
    normalise,
    ror_is_valid,
    slugify,
    text,
    year,
)
from kgserver.rdf import iris


@pytest.mark.parametrize(
    ("ror", "valid"),
    [
        ("https://ror.org/026tem613", True),  # Lyrasis
        ("https://ror.org/052csg198", True),  # Alfred P. Sloan Foundation
        ("https://ror.org/026tem614", False),  # checksum off by one
        ("https://ror.org/126tem613", False),  # must start with 0
        ("https://ror.org/0l6tem613", False),  # l is not a Crockford base-32 digit
        ("https://ror.org/", False),
    ],
)
def test_ror_ids_are_checked_with_their_iso_7064_checksum(ror: str, valid: bool) -> None:
    assert ror_is_valid(ror) is valid


def test_slugs_are_ascii_lower_case_and_hyphenated() -> None:
    assert slugify("Érudit") == "erudit"
    assert slugify("Code for Science & Society") == "code-for-science-and-society"
    assert slugify("VuFind®") == "vufind"


def test_long_slugs_are_cut_at_a_word() -> None:
    slug = slugify("word " * 30, limit=12)
    assert slug == "word-word"


def test_names_are_normalised_for_matching() -> None:
    assert normalise("The Érudit Consortium!") == "erudit consortium"
    assert normalise("Code for Science & Society") == normalise("code for science and society")


def test_homepages_match_without_scheme_www_or_trailing_slash() -> None:
    assert (
        homepage_key("https://www.zenodo.org/") == homepage_key("http://zenodo.org") == "zenodo.org"
    )


def test_an_entity_drops_malformed_iris_and_keeps_its_sources() -> None:
    entity = ImportedEntity("infrastructure", "zenodo")
    assert (
        entity.iri
        == entity_iri("infrastructure", "zenodo")
        == iris.ENTITY_BASE + "infrastructure/zenodo"
    )
    entity.add(SOURCE, IRI("not a web address"), None)
    entity.cite("https://zenodo.org/", None)
    assert entity.facts[SOURCE] == {IRI("https://zenodo.org/")}
    assert entity.label() == "zenodo"
    entity.add(LABEL, text("Zenodo"))
    assert entity.label() == "Zenodo" and entity.first(LABEL) == Literal("Zenodo", language="en")


def test_a_node_is_equal_whatever_order_its_statements_came_in() -> None:
    a = Node((("p", IRI("https://a.example/")), ("q", year(2013))))
    b = Node((("q", year("2013")), ("p", IRI("https://a.example/"))))
    assert a == b and a.statements == b.statements
