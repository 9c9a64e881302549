"""`kgserver/rdf/guards.py`: input refused before a parser sees it, with its position."""

from __future__ import annotations

import pytest

from kgserver.errors import InputError
from kgserver.rdf.files import parse_content
from kgserver.rdf.formats import JSON_LD, RDF_XML, TURTLE
from kgserver.rdf.guards import MAX_JSON_NESTING, guard, refuse_deep_json

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def billion_laughs() -> bytes:
    """Ten entities, each ten references to the one before: 10^9 "lol"s from 1 KB."""
    entities = '<!ENTITY lol0 "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{entities}]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="http://example.org/">\n'
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p>'
        "</rdf:Description>\n</rdf:RDF>\n"
    ).encode()


def nested_json_ld(levels: int) -> bytes:
    head = b'{"@id": "http://example.org/a", "http://example.org/p": '
    return head + b'{"http://example.org/p": ' * levels + b'"x"' + b"}" * levels + b"}"


def test_an_xml_entity_bomb_is_refused_at_its_doctype_before_parsing() -> None:
    with pytest.raises(InputError) as refused:
        parse_content("bomb.rdf", billion_laughs(), RDF_XML, None)
    assert (refused.value.file, refused.value.line, refused.value.column) == ("bomb.rdf", 2, 1)
    assert "DOCTYPE declarations are not accepted" in refused.value.message


def test_an_entity_declaration_without_doctype_is_refused_too() -> None:
    content = b'<rdf:RDF xmlns:rdf="' + RDF_NS.encode() + b'">\n  <!ENTITY x SYSTEM "f">'
    with pytest.raises(InputError) as refused:
        guard("x.rdf", content, RDF_XML)
    assert (refused.value.line, refused.value.column) == (2, 3)
    assert "ENTITY" in refused.value.message


def test_rdf_xml_without_declarations_still_parses() -> None:
    content = (
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>x</ex:p></rdf:Description>'
        "</rdf:RDF>"
    ).encode()
    quads = parse_content("ok.rdf", content, RDF_XML, None)
    assert [(q.subject.value, q.object.value) for q in quads] == [("http://example.org/a", "x")]


def test_json_ld_nested_past_the_limit_is_refused_at_the_first_level_too_many() -> None:
    with pytest.raises(InputError) as refused:
        parse_content("deep.jsonld", nested_json_ld(100_000), JSON_LD, None)
    head = len(b'{"@id": "http://example.org/a", "http://example.org/p": ')
    step = len(b'{"http://example.org/p": ')
    assert refused.value.line == 1
    assert refused.value.column == head + (MAX_JSON_NESTING - 1) * step + 1  # level 101
    assert f"more than {MAX_JSON_NESTING} levels" in refused.value.message


def test_brackets_inside_json_strings_do_not_count_as_nesting() -> None:
    content = b'{"@id": "http://example.org/a", "http://example.org/p": "' + b"[{" * 500 + b'\\"["}'
    refuse_deep_json("strings.jsonld", content)  # no error
    quads = parse_content("strings.jsonld", content, JSON_LD, None)
    assert quads[0].object.value == "[{" * 500 + '"['


def test_a_remote_json_ld_context_is_refused_with_a_message_saying_to_inline_it() -> None:
    content = b'{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://e/a", "n": 1}'
    with pytest.raises(InputError) as refused:
        parse_content("remote.jsonld", content, JSON_LD, None)
    assert "remote JSON-LD contexts are not loaded" in refused.value.message
    assert "inline" in refused.value.message


def test_turtle_is_not_screened() -> None:
    guard("x.ttl", b"<!DOCTYPE looks odd but is not XML", TURTLE)  # no error
