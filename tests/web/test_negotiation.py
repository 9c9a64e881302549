from __future__ import annotations

import pytest

from kgserver.errors import NotAcceptable
from kgserver.rdf.formats import (
    CSV,
    GRAPH_FORMATS,
    HTML,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    RESULTS_FORMATS,
    SPARQL_JSON,
    SPARQL_XML,
    TSV,
    TURTLE,
)
from kgserver.web.negotiation import negotiate, parse_accept

SELECT_OFFER = (*RESULTS_FORMATS, HTML)
GRAPH_OFFER = (*GRAPH_FORMATS, HTML)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "offered", "expected"),
    [
        (None, SELECT_OFFER, SPARQL_JSON),
        ("", SELECT_OFFER, SPARQL_JSON),
        ("*/*", SELECT_OFFER, SPARQL_JSON),
        ("application/sparql-results+json", SELECT_OFFER, SPARQL_JSON),
        ("application/json", SELECT_OFFER, SPARQL_JSON),
        ("application/sparql-results+xml", SELECT_OFFER, SPARQL_XML),
        ("text/csv", SELECT_OFFER, CSV),
        ("text/tab-separated-values", SELECT_OFFER, TSV),
        ("text/*", SELECT_OFFER, CSV),
        (BROWSER, SELECT_OFFER, HTML),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", SELECT_OFFER, SPARQL_XML),
        ("application/sparql-results+json;q=0, */*;q=0.1", SELECT_OFFER, SPARQL_XML),
        ("text/turtle", GRAPH_OFFER, TURTLE),
        ("application/x-turtle", GRAPH_OFFER, TURTLE),
        ("application/n-triples", GRAPH_OFFER, N_TRIPLES),
        ("application/ld+json", GRAPH_OFFER, JSON_LD),
        ("application/rdf+xml", GRAPH_OFFER, RDF_XML),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.9", GRAPH_OFFER, TURTLE),
        ("*/*", GRAPH_OFFER, TURTLE),
        (BROWSER, GRAPH_OFFER, HTML),
        ("TEXT/CSV", SELECT_OFFER, CSV),
        ("text/csv; charset=utf-8", SELECT_OFFER, CSV),
    ],
)
def test_negotiate_picks_the_best_offered_format(accept, offered, expected) -> None:
    assert negotiate(accept, offered) is expected


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0", "application/pdf, image/*"])
def test_negotiate_raises_not_acceptable_when_nothing_matches(accept: str) -> None:
    with pytest.raises(NotAcceptable):
        negotiate(accept, SELECT_OFFER)


@pytest.mark.parametrize(
    ("override", "expected"),
    [("json", SPARQL_JSON), ("csv", CSV), ("text/csv", CSV), ("srx", SPARQL_XML), ("html", HTML)],
)
def test_format_override_wins_over_accept(override: str, expected) -> None:
    assert negotiate("application/sparql-results+json", SELECT_OFFER, override) is expected


def test_unknown_format_override_is_not_acceptable() -> None:
    with pytest.raises(NotAcceptable, match="turtle"):
        negotiate(None, SELECT_OFFER, "turtle")


def test_parse_accept_reads_quality_values_and_ignores_junk() -> None:
    ranges = parse_accept("text/html;q=0.3, junk, application/json;q=abc, */*")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "html", 0.3),
        ("application", "json", 0.0),
        ("*", "*", 1.0),
    ]


@pytest.mark.parametrize(
    ("override", "offered", "expected"),
    [
        # What SPARQLWrapper sends as format=/output=/results= for each of its return formats.
        ("json", SELECT_OFFER, SPARQL_JSON),
        ("xml", SELECT_OFFER, SPARQL_XML),
        (["tsv", "text/tab-separated-values"], SELECT_OFFER, TSV),
        ("json", GRAPH_OFFER, JSON_LD),
        ("xml", GRAPH_OFFER, RDF_XML),
        ("rdf", GRAPH_OFFER, RDF_XML),
        (["rdf+xml", "application/rdf+xml"], GRAPH_OFFER, RDF_XML),
        ("n3", GRAPH_OFFER, TURTLE),
        ("turtle", GRAPH_OFFER, TURTLE),
        (["json-ld", "application/ld+json,application/x-json+ld"], GRAPH_OFFER, JSON_LD),
        # What other clients and endpoints call them.
        ("ntriples", GRAPH_OFFER, N_TRIPLES),
        ("n-triples", GRAPH_OFFER, N_TRIPLES),
        ("text/n3", GRAPH_OFFER, TURTLE),
        ("application/json", GRAPH_OFFER, JSON_LD),
        ("application/xml", GRAPH_OFFER, RDF_XML),
        ("text/turtle; charset=utf-8", GRAPH_OFFER, TURTLE),
        ("application/sparql-results+json", SELECT_OFFER, SPARQL_JSON),
        ("text/javascript", SELECT_OFFER, SPARQL_JSON),
        ("sparql-results+xml", SELECT_OFFER, SPARQL_XML),
    ],
)
def test_format_aliases_name_the_format_the_query_form_returns(override, offered, expected) -> None:
    assert negotiate("*/*", offered, override) is expected


def test_an_unknown_format_value_leaves_the_choice_to_accept() -> None:
    assert negotiate("text/csv", SELECT_OFFER, "sparql-results-in-a-hurry") is CSV
    assert negotiate("application/rdf+xml", GRAPH_OFFER, ["", "bogus"]) is RDF_XML
    with pytest.raises(NotAcceptable, match="Accept: image/png"):
        negotiate("image/png", SELECT_OFFER, "bogus")


def test_the_first_known_format_value_wins() -> None:
    assert negotiate(None, SELECT_OFFER, ["bogus", "tsv", "csv"]) is TSV


def test_a_known_format_the_query_form_cannot_return_is_not_acceptable() -> None:
    with pytest.raises(NotAcceptable, match="'csv' is not offered here"):
        negotiate("text/turtle", GRAPH_OFFER, "csv")
