"""Reading a contribution: its quads, where each entity is written, its syntax errors."""

from __future__ import annotations

import pytest

from kgserver.curation.contribution import (
    Location,
    Source,
    bundle_locations,
    entity_lines,
    explain_syntax_error,
    read_contribution,
)
from kgserver.errors import ContributionUnparseable, InputError
from kgserver.rdf.formats import JSON_LD, TURTLE
from kgserver.settings import BUNDLE_DIR

ZENODO = "https://w3id.org/oikg/id/infrastructure/zenodo"
ZENODO_TTL = (BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl").read_bytes()
TWO = b"""@prefix ex: <https://example.org/> .

ex:a ex:p "one" .

<https://example.org/b>
    ex:p "two" .
"""


def test_a_contribution_has_the_quads_and_the_line_of_each_entity() -> None:
    contribution = read_contribution([Source("two.ttl", TWO, TURTLE)])
    assert len(contribution.quads) == 2
    assert contribution.locations == {
        "https://example.org/a": Location("two.ttl", 3),
        "https://example.org/b": Location("two.ttl", 5),
    }
    assert contribution.entities == ["https://example.org/a", "https://example.org/b"]


def test_a_bundled_file_is_read_with_its_entity_at_its_first_line() -> None:
    contribution = read_contribution([Source("zenodo.ttl", ZENODO_TTL, TURTLE)])
    first = ZENODO_TTL.decode().splitlines().index(f"<{ZENODO}>") + 1
    assert contribution.locations[ZENODO] == Location("zenodo.ttl", first)
    assert str(contribution.locations[ZENODO]) == f"zenodo.ttl:{first}"


def test_every_syntax_error_is_raised_together_with_its_position() -> None:
    broken = [Source("a.ttl", b"<a> <b> .\n", TURTLE), Source("b.ttl", TWO + b"ex:c ex:p", TURTLE)]
    with pytest.raises(ContributionUnparseable) as raised:
        read_contribution(broken)
    assert [e.file for e in raised.value.errors] == ["a.ttl", "b.ttl"]
    assert all(e.line >= 1 for e in raised.value.errors)
    assert len(raised.value.explained) == 2


def test_a_json_ld_scalar_is_refused_rather_than_read_as_empty() -> None:
    with pytest.raises(ContributionUnparseable) as raised:
        read_contribution([Source("x.jsonld", b'"just a string"', JSON_LD)])
    assert raised.value.errors[0].line == 1


def test_json_ld_entities_are_placed_at_their_id() -> None:
    text = (
        '{\n  "@context": {},\n  "@id": "https://example.org/a",\n  "https://example.org/p": "v"\n}'
    )
    assert entity_lines(text, JSON_LD, ["https://example.org/a"]) == {"https://example.org/a": 3}


def test_an_unfound_subject_is_left_out() -> None:
    assert entity_lines(TWO.decode(), TURTLE, ["https://example.org/nowhere"]) == {}


def test_a_syntax_error_is_explained_with_a_caret_and_its_entity() -> None:
    content = b'<https://example.org/a>\n    <https://example.org/p> "x" ;\n    oops .\n'
    explained = explain_syntax_error(InputError("a.ttl", "bad", 3, 5), content)
    lines = explained.splitlines()
    assert lines[0] == "a.ttl:3:5: bad"
    assert lines[1] == "        oops ."
    assert lines[2] == "    " + " " * 4 + "^"
    assert lines[3] == "    in the description of <https://example.org/a>"


def test_bundle_locations_point_into_data() -> None:
    found = bundle_locations(BUNDLE_DIR, [ZENODO, "https://example.org/not-bundled"])
    assert list(found) == [ZENODO]
    assert found[ZENODO].file == "data/infrastructure/zenodo.ttl"
    line = (BUNDLE_DIR / found[ZENODO].file).read_text().splitlines()[found[ZENODO].line - 1]
    assert line.startswith(f"<{ZENODO}>")
