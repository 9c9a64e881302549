"""Validation (curation/validation.py) as a service: the bundle, POST /validate, the CLI."""

from __future__ import annotations

import json

import pytest
import rdflib
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, expect
from pyoxigraph import Store

from kgserver.curation.validation import ValidationReport
from kgserver.settings import BUNDLE_DIR
from tests.conftest import artifacts_dir
from tests.web.routers.test_contribute import ZENODO, syntax_error_position

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
ZENODO_TTL = (BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl").read_text()
BROKEN_ZENODO = ZENODO_TTL.replace('"2013"^^xsd:gYear', '"2999"^^xsd:gYear')


def test_the_bundle_has_no_violations(whole: ValidationReport) -> None:
    report = whole
    assert report.conforms, [r for r in report.results if r.severity == "Violation"]


def test_validation_never_writes_to_the_store(client: TestClient, store: Store) -> None:
    before = len(store)
    response = client.post(
        "/validate", content=BROKEN_ZENODO.replace("zenodo", "zenodo-2"),
        headers={"Content-Type": "text/turtle"},
    )  # fmt: skip
    assert response.status_code == 200
    assert len(store) == before


def test_report_as_turtle_is_a_shacl_report(client: TestClient) -> None:
    response = client.post(
        "/validate", content=BROKEN_ZENODO,
        headers={"Content-Type": "text/turtle", "Accept": "text/turtle"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "Accept" in response.headers["vary"]
    report = rdflib.Graph().parse(data=response.text, format="turtle")
    assert (None, SH.conforms, rdflib.Literal(False)) in report
    focus = set(report.objects(None, SH.focusNode))
    assert focus == {rdflib.URIRef(ZENODO)}


def test_json_ld_contribution_is_read(client: TestClient) -> None:
    graph = rdflib.Graph().parse(data=BROKEN_ZENODO, format="turtle")
    response = client.post(
        "/validate",
        content=graph.serialize(format="json-ld"),
        headers={"Content-Type": "application/ld+json", "Accept": "application/json"},
    )
    assert response.status_code == 200
    summary = response.json()
    assert summary["conforms"] is False
    assert summary["counts"]["violations"] == 1
    [result] = [r for r in summary["results"] if r["severity"] == "Violation"]
    assert result["file"] == "contribution.jsonld" and result["line"]
    assert result["path"] == "https://w3id.org/oikg/ontology#foundingYear"


def test_a_conforming_contribution_conforms(client: TestClient) -> None:
    response = client.post(
        "/validate", content=ZENODO_TTL,
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
    )  # fmt: skip
    summary = response.json()
    assert summary["conforms"] is True and summary["counts"]["violations"] == 0


def test_oversized_contribution_answers_413(client: TestClient) -> None:
    body = ZENODO_TTL + "#" * (1024 * 1024)
    response = client.post(
        "/validate", content=body,
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
    )  # fmt: skip
    assert response.status_code == 413


def test_unknown_content_type_answers_415(client: TestClient) -> None:
    response = client.post("/validate", content="x", headers={"Content-Type": "text/csv"})
    assert response.status_code == 415


def test_empty_form_answers_400(client: TestClient) -> None:
    response = client.post("/validate", data={"contribution": " "})
    assert response.status_code == 400


def test_cli_json_summary_matches_the_service(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.curation.test_loading import run_cli

    path = tmp_path / "zenodo.ttl"
    path.write_text(BROKEN_ZENODO)
    result = run_cli("validate", "--format", "json", str(path))
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["counts"]["violations"] == 1
    assert summary["results"][0]["file"] == str(path)


def test_strict_fails_on_warnings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.curation.test_loading import run_cli

    path = tmp_path / "cfi.ttl"
    source = BUNDLE_DIR / "data" / "funder" / "canada-foundation-for-innovation.ttl"
    path.write_text(source.read_text())
    assert run_cli("validate", str(path)).returncode == 0
    strict = run_cli("validate", "--strict", str(path))
    assert strict.returncode == 1
    assert ": warning: " in strict.stdout


@pytest.mark.browser
def test_contribute_page_renders_the_report_without_javascript(
    live_server: str, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/contribute")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contribute")
    page.get_by_label("Turtle or JSON-LD").fill(BROKEN_ZENODO)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", name="Report")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("1 error")
    entity = page.locator("article.entity")
    expect(entity.get_by_role("link", name=ZENODO)).to_be_visible()
    error = entity.locator("li.severity-violation")
    expect(error).to_have_count(1)
    expect(error.locator(".message")).to_have_text(
        "The year 2999 is in the future: give the year in which it actually happened."
    )
    expect(error.locator(".path")).to_have_text("oikg:foundingYear")
    colour = error.locator(".level").evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(164, 22, 26)"
    expect(error.get_by_role("link", name="oikgsh:foundingYear")).to_have_attribute(
        "href", live_server + "/shapes#foundingYear"
    )
    expect(page.get_by_label("Turtle or JSON-LD")).to_have_value(BROKEN_ZENODO)
    page.screenshot(path=str(artifacts_dir() / "contribute-report.png"), full_page=True)
    context.close()


@pytest.mark.browser
def test_contribute_page_shows_a_syntax_error(live_server: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/contribute")
    broken = ZENODO_TTL.replace('"CH" ;', '"CH"')
    line, _ = syntax_error_position(broken)
    page.get_by_label("Turtle or JSON-LD").fill(broken)
    page.get_by_role("button", name="Check").click()
    expect(page.locator("pre.syntax-error")).to_contain_text(f"contribution.ttl:{line}:5:")
    context.close()
