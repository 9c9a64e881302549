"""Typed parameters of stored queries (kgserver/query/parameters.py): validated, bound as terms."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolutions, Store

from kgserver.errors import InvalidParameter
from kgserver.query.parameters import Parameter, bind, parse_declaration
from kgserver.rdf import iris
from kgserver.rdf.namespaces import XSD


def test_a_declaration_gives_name_type_default_and_description() -> None:
    parameter = parse_declaration("funder: iri = funder/wellcome-trust -- the funder")
    assert parameter == Parameter("funder", "iri", "funder/wellcome-trust", "the funder")


@pytest.mark.parametrize(
    "declaration",
    ["funder iri", "funder: colour", "year: year = 15", "9lives: string"],
)
def test_a_malformed_declaration_is_refused(declaration: str) -> None:
    with pytest.raises(ValueError):
        parse_declaration(declaration)


@pytest.mark.parametrize(
    ("kind", "value", "term"),
    [
        ("iri", "funder/x", NamedNode(iris.ENTITY_BASE + "funder/x")),
        ("iri", "https://ror.org/029chgv08", NamedNode("https://ror.org/029chgv08")),
        ("string", 'a "quoted" } text', Literal('a "quoted" } text')),
        ("integer", "+42", Literal("42", datatype=NamedNode(XSD + "integer"))),
        ("year", "2015", Literal("2015", datatype=NamedNode(XSD + "gYear"))),
        ("language", "pt-BR", Literal("pt-br")),
    ],
)
def test_each_type_makes_one_rdf_term(kind: str, value: str, term: object) -> None:
    assert Parameter("p", kind).term(value) == term


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("iri", 'http://x"> } ; DROP ALL ; <a'),
        ("iri", "has space"),
        ("integer", "1; DROP"),
        ("integer", "1.5"),
        ("year", "20155"),
        ("language", "en } UNION {"),
        ("string", "x" * 1001),
    ],
)
def test_a_value_of_the_wrong_type_answers_422_naming_the_parameter(kind: str, value: str) -> None:
    with pytest.raises(InvalidParameter) as raised:
        Parameter("funder", kind).term(value)
    assert raised.value.status == 422
    assert "'funder'" in raised.value.message and kind in raised.value.message


def test_a_bound_value_is_one_term_whatever_it_contains() -> None:
    """A string that looks like SPARQL stays a literal: the query's shape does not change."""
    store = Store()
    query = "SELECT ?text WHERE { BIND(STRLEN(?text) AS ?n) }"
    hostile = '" } ; SELECT * WHERE { ?s ?p ?o } #'
    result = store.query(bind(query, {"text": Parameter("text", "string").term(hostile)}))
    assert isinstance(result, QuerySolutions)
    assert [row["text"] for row in result] == [Literal(hostile)]


def test_binding_goes_into_the_top_level_where_group_of_a_construct() -> None:
    store = Store()
    query = "CONSTRUCT { ?s <http://example.org/p> ?s } WHERE { }"
    bound = bind(query, {"s": NamedNode("http://example.org/a")})
    triples = list(store.query(bound))  # type: ignore[arg-type]
    assert [str(t) for t in triples] == [
        "<http://example.org/a> <http://example.org/p> <http://example.org/a>"
    ]


def test_a_query_without_a_where_group_cannot_take_parameters() -> None:
    with pytest.raises(ValueError):
        bind("DESCRIBE <http://example.org/a>", {"s": NamedNode("http://example.org/a")})
