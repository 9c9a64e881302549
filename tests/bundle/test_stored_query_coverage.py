"""Every stored query of queries/ keeps its promises: a full header (title, description,
question, audience, every parameter typed with a default and a meaning), a test that asserts its
answer, and a `# reasoning:` line exactly when its answer needs the inferred graph."""

from __future__ import annotations

import importlib

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, QuerySolutions, Store

from kgserver.query.examples import ExampleQuery, example_queries
from kgserver.query.parameters import TYPES
from kgserver.rdf import iris
from kgserver.settings import BUNDLE_DIR
from tests.bundle.answered import ANSWERED

QUERIES = example_queries(BUNDLE_DIR / "queries")
ANSWER_MODULES = (
    "tests.bundle.test_stored_queries",
    "tests.bundle.test_stored_query_answers",
    "tests.bundle.test_stored_query_funding_and_links",
    "tests.bundle.test_stored_query_overviews",
)
LISTS_THE_GRAPHS = {"graphs": "counts the triples of every named graph, the inferred one too"}
"""Queries whose answer names the inferred graph itself, so leaving it out changes the answer
without the query relying on what was inferred."""


def test_there_are_forty_queries_a_dozen_with_parameters_of_every_type() -> None:
    assert len(QUERIES) >= 40
    with_parameters = [q for q in QUERIES if q.parameters]
    assert len(with_parameters) >= 12
    assert {p.type for q in QUERIES for p in q.parameters} == set(TYPES)


@pytest.mark.parametrize("example", QUERIES, ids=[q.name for q in QUERIES])
def test_each_query_has_a_full_header(example: ExampleQuery) -> None:
    header = example.text.split("PREFIX", 1)[0].split("SELECT", 1)[0]
    assert example.title != example.name.replace("-", " "), "give it a # title:"
    assert example.description and example.question and example.audience, header
    assert example.question.endswith("?"), "# question: is a question"
    for parameter in example.parameters:
        assert parameter.default is not None, f"{parameter.name}: give a default"
        assert parameter.description, f"{parameter.name}: say what it means after --"


def test_every_query_has_its_answer_asserted() -> None:
    for module in ANSWER_MODULES:
        importlib.import_module(module)
    assert sorted(q.name for q in QUERIES if q.name not in ANSWERED) == []
    assert sorted(ANSWERED - {q.name for q in QUERIES}) == []


def _answer(store: Store, text: str, inferred: bool) -> list[str]:
    """The answer as sorted text, over every graph or over all but the inferred one."""
    if inferred:
        result = store.query(text, use_default_graph_as_union=True)
    else:
        asserted = [
            NamedNode(g.value) for g in store.named_graphs() if g.value != iris.INFERRED_GRAPH
        ]
        result = store.query(text, default_graph=asserted, named_graphs=asserted)
    if isinstance(result, QuerySolutions):
        return sorted(str([str(term) for term in row]) for row in result)
    return sorted(str(item) for item in result)  # type: ignore[union-attr]


@pytest.mark.parametrize("example", QUERIES, ids=[q.name for q in QUERIES])
def test_reasoning_is_declared_exactly_when_the_answer_needs_it(
    example: ExampleQuery, store: Store
) -> None:
    text = example.bound({})
    needs = _answer(store, text, inferred=True) != _answer(store, text, inferred=False)
    if example.name in LISTS_THE_GRAPHS:
        assert needs and not example.reasoning
    elif example.reasoning:
        assert needs, f"{example.name} answers the same without the inferred graph"
    else:
        assert not needs, f"{example.name} needs the inferred graph: say so in # reasoning:"


def test_without_the_inferred_graph_a_reasoning_query_answers_less_over_http(
    client: TestClient,
) -> None:
    """The same through the protocol: naming the asserted graphs leaves the inferred one out."""
    example = next(q for q in QUERIES if q.name == "what-depends-on-an-infrastructure")
    asserted = [iris.ONTOLOGY_GRAPH, iris.DATA_GRAPH]
    response = client.post(
        "/sparql",
        data={"query": example.bound({}), "default-graph-uri": asserted},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert response.json()["results"]["bindings"] == []
    assert len(client.get("/api/queries/" + example.name).json()) == 5
