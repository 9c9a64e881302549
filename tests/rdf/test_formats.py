"""Tests for kgserver.rdf.formats."""

from __future__ import annotations

import pytest
from pyoxigraph import BlankNode, parse

from kgserver.rdf.formats import (
    CSV,
    FILE_FORMATS,
    GRAPH_FORMATS,
    HTML,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    RESULTS_FORMATS,
    SPARQL_JSON,
    SPARQL_XML,
    TURTLE,
    by_extension,
    by_media_type,
    by_name,
)
from kgserver.rdf.output import serialize_graph
from kgserver.settings import BUNDLE_DIR


def test_by_name_accepts_a_short_name_an_extension_or_a_media_type() -> None:
    assert by_name("turtle", GRAPH_FORMATS) is TURTLE
    assert by_name(" TTL ", GRAPH_FORMATS) is TURTLE
    assert by_name("application/ld+json", GRAPH_FORMATS) is JSON_LD
    assert by_name("application/x-turtle", GRAPH_FORMATS) is TURTLE
    assert by_name("csv", GRAPH_FORMATS) is None
    assert by_name("csv", RESULTS_FORMATS) is CSV


def test_by_name_resolves_an_alias_among_the_offered_formats_only() -> None:
    assert by_name("xml", RESULTS_FORMATS) is SPARQL_XML
    assert by_name("xml", GRAPH_FORMATS) is RDF_XML
    assert by_name("json", GRAPH_FORMATS) is JSON_LD
    assert by_name("N3", GRAPH_FORMATS) is TURTLE
    assert by_name("n3", RESULTS_FORMATS) is None


def test_every_alias_names_one_format_per_kind_of_result() -> None:
    """A name may mean a results format and a graph format, never two formats of one kind."""
    for kind in (RESULTS_FORMATS, GRAPH_FORMATS, FILE_FORMATS):
        for fmt in kind:
            for name in (fmt.name, *fmt.names, *fmt.media_types):
                assert by_name(name, kind) is fmt, (name, fmt.label)


def test_by_media_type_ignores_parameters_and_case() -> None:
    assert by_media_type("Text/Turtle; charset=utf-8", FILE_FORMATS) is TURTLE
    assert by_media_type("application/json", RESULTS_FORMATS) is SPARQL_JSON
    assert by_media_type("text/html", GRAPH_FORMATS) is None


def test_by_extension_knows_every_extension_of_a_format() -> None:
    assert by_extension(".owl") is RDF_XML
    assert by_extension("RDF") is RDF_XML
    assert by_extension(".nt") is N_TRIPLES
    assert by_extension(".html") is None
    assert by_extension(".html", [HTML]) is HTML


def test_content_type_says_the_charset_of_text_types_only() -> None:
    assert TURTLE.content_type == "text/turtle; charset=utf-8"
    assert RDF_XML.content_type == "application/rdf+xml; charset=utf-8"
    assert JSON_LD.content_type == "application/ld+json"


def test_rdf_format_is_refused_for_results_formats() -> None:
    with pytest.raises(ValueError, match="not an RDF format"):
        _ = SPARQL_JSON.rdf_format
    with pytest.raises(ValueError):
        _ = HTML.rdf_format


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_every_graph_format_round_trips_the_ontology(fmt: object) -> None:
    ontology = BUNDLE_DIR / "ontology" / "oikg.ttl"
    triples = {q.triple for q in parse(path=str(ontology), format=TURTLE.rdf_format)}
    written = serialize_graph(triples, fmt, {})  # type: ignore[arg-type]
    again = {q.triple for q in parse(written, format=fmt.rdf_format)}  # type: ignore[attr-defined]
    blank_free = {t for t in triples if not any(isinstance(n, BlankNode) for n in t)}
    assert len(again) == len(triples)
    assert blank_free <= again
