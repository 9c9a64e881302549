from __future__ import annotations

import pytest

from kgserver.errors import BadQuery
from kgserver.query.screening import screen_query


def screen(text: str, nesting: int = 128, operators: int = 1000):
    return screen_query(text, nesting, operators)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("select * { ?s ?p ?o }", "SELECT"),
        ("PREFIX ex: <http://e/> BASE <http://b/> ASK { ?s ex:p ?o }", "ASK"),
        ("# a comment with SELECT\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://e/x>", "DESCRIBE"),
        ("PREFIX select: <http://e/> ASK { ?s select:p 1 }", "ASK"),
    ],
)
def test_screening_finds_the_query_form(text: str, form: str) -> None:
    assert screen(text).form == form


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "PREFIX ex: <http://e/> DELETE WHERE { ?s ex:p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://g>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(text: str) -> None:
    with pytest.raises(BadQuery, match="updates are not accepted"):
        screen(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(text: str) -> None:
    with pytest.raises(BadQuery, match="SERVICE"):
        screen(text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x> {}" }',
        "SELECT * WHERE { ?s ?p '''LOAD\nSERVICE''' }",
        "SELECT * WHERE { ?s <http://e/SERVICE> ?o }",
        "PREFIX ex: <http://e/> SELECT ?service WHERE { ?service ex:SERVICE ?o }",
        'SELECT * WHERE { ?s ?p "x"@service }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE in a comment",
    ],
)
def test_service_in_strings_iris_names_and_comments_is_not_mistaken(text: str) -> None:
    assert screen(text).form == "SELECT"


def test_from_clause_is_noticed() -> None:
    assert screen("SELECT * FROM <http://g> WHERE { ?s ?p ?o }").has_dataset_clause
    assert not screen('SELECT * WHERE { ?s ?p "FROM" }').has_dataset_clause


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    depth = 129
    with pytest.raises(BadQuery, match="nests"):
        screen("SELECT * WHERE " + "{" * depth + "}" * depth)
    assert screen("SELECT * WHERE " + "{" * 128 + "}" * 128).form == "SELECT"


def test_brackets_inside_strings_and_iris_do_not_count() -> None:
    text = 'SELECT * WHERE { ?s ?p "' + "{" * 500 + '" }'
    assert screen(text, nesting=3).form == "SELECT"


@pytest.mark.parametrize("operator", [" || ", " + ", " UNION ", "/"])
def test_long_operator_chains_are_refused(operator: str) -> None:
    with pytest.raises(BadQuery, match="operators"):
        screen("SELECT * WHERE { FILTER(" + operator.join(["1"] * 1002) + ") }")
