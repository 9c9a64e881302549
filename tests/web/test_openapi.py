"""The OpenAPI description (kgserver/web/openapi.py), and a schemathesis run over it: every
operation, a few generated requests each, must answer within its description and never with
a server error except a deliberate 503 (with Retry-After)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from pyoxigraph import Store
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

from kgserver.app import create_app
from kgserver.rdf.formats import GRAPH_FORMATS, RESULTS_FORMATS
from kgserver.settings import Settings


@pytest.fixture(scope="module")
def fuzzed_app(store: Store) -> FastAPI:
    """The app on the real store, with queries evaluated in a thread and no rate limit, so that
    generated requests reach the routes instead of the limiter."""
    return create_app(Settings(query_timeout=0, rate_limit=0), store)


@pytest.fixture(scope="module")
def description(fuzzed_app: FastAPI) -> Iterator[dict]:
    with TestClient(fuzzed_app) as client:
        response = client.get("/openapi.json")
        assert response.status_code == 200
        yield response.json()


def operations(description: dict) -> Iterator[tuple[str, str, dict]]:
    for path, methods in description["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_the_errors_any_request_can_meet(description: dict) -> None:
    for path, method, operation in operations(description):
        responses = operation["responses"]
        assert {"400", "406", "429", "503"} <= set(responses), (method, path)
        error = responses["400"]["content"]["application/json"]["schema"]
        assert error["required"] == ["status", "error", "message"]


def test_no_operation_claims_fastapis_422_for_bad_parameters(description: dict) -> None:
    """Invalid parameters answer 400 here (kgserver/web/errors.py); only stored queries say
    422, for a value not of its parameter's type."""
    for path, _, operation in operations(description):
        if "422" in operation["responses"]:
            assert path.startswith("/api/queries/"), path
    assert "HTTPValidationError" not in str(description)


def test_sparql_is_described_as_the_protocol_reads_it(description: dict) -> None:
    get, post = description["paths"]["/sparql"]["get"], description["paths"]["/sparql"]["post"]
    names = [p["name"] for p in get["parameters"]]
    assert names[:3] == ["query", "default-graph-uri", "named-graph-uri"]
    assert {"format", "output", "results"} <= set(names)
    assert set(post["requestBody"]["content"]) == {
        "application/x-www-form-urlencoded",
        "application/sparql-query",
    }
    answered = set(get["responses"]["200"]["content"])
    assert {f.media_type for f in (*RESULTS_FORMATS, *GRAPH_FORMATS)} <= answered
    assert {"413", "415"} <= set(post["responses"])


def test_the_vocabulary_paths_do_not_take_their_extension_as_a_query_parameter(
    description: dict,
) -> None:
    ontology = description["paths"]["/ontology"]["get"]
    assert "extension" not in [p["name"] for p in ontology.get("parameters", [])]
    by_file = description["paths"]["/ontology.{extension}"]["get"]
    assert [p["in"] for p in by_file["parameters"] if p["name"] == "extension"] == ["path"]
    assert "text/turtle" in ontology["responses"]["200"]["content"]


schema = schemathesis.pytest.from_fixture("fuzzed_schema")


@pytest.fixture(scope="module")
def fuzzed_schema(fuzzed_app: FastAPI):  # noqa: ANN201 (schemathesis' own type)
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=timedelta(seconds=30),
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_generated_requests_get_described_answers_and_no_server_error(case) -> None:  # noqa: ANN001
    """Schema-valid data is not always a valid query or contribution (a JSON Schema cannot say
    what SPARQL or Turtle is), so positive data may be refused with a 4xx."""
    response = case.call()
    assert response.status_code < 500 or (
        response.status_code == 503 and "retry-after" in response.headers
    ), response.text
    case.validate_response(response, excluded_checks=[not_a_server_error, positive_data_acceptance])
