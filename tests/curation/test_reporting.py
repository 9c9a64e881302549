"""A validation report in a curator's terms (curation/reporting.py), on a real broken file."""

from __future__ import annotations

import pytest
import rdflib

from kgserver.curation.contribution import Contribution, Location, Source, read_contribution
from kgserver.curation.in_context import validate_contribution
from kgserver.curation.reporting import (
    GRAPH_FILE,
    by_entity,
    compact,
    counts,
    json_summary,
    place,
    report_groups,
    summary_line,
)
from kgserver.curation.validation import ValidationReport, ValidationResult, report_of
from kgserver.rdf.formats import TURTLE
from kgserver.rdf.urls import Urls
from kgserver.settings import BUNDLE_DIR
from kgserver.store.bundle import Dataset

ZENODO = "https://w3id.org/oikg/id/infrastructure/zenodo"
BROKEN = (
    (BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl")
    .read_text()
    .replace('"2013"^^xsd:gYear', '"2999"^^xsd:gYear')
)


@pytest.fixture(scope="module")
def contribution() -> Contribution:
    return read_contribution([Source("zenodo.ttl", BROKEN.encode(), TURTLE)])


@pytest.fixture(scope="module")
def report(dataset: Dataset, contribution: Contribution) -> ValidationReport:
    quads = contribution.quads
    return validate_contribution(dataset.data, quads, dataset.shapes, dataset.ontology, True)


def test_a_broken_file_gives_findings_at_its_entity(
    report: ValidationReport, contribution: Contribution
) -> None:
    findings = place(report, contribution.locations)
    assert findings and report.violations
    assert {f.location for f in findings} == {contribution.locations[ZENODO]}
    errors = [f for f in findings if f.level == "error"]
    assert len(errors) == counts(report)["violations"]
    line = errors[0].as_line()
    assert line.startswith(f"{contribution.locations[ZENODO]}: <{ZENODO}>")
    assert ": error: " in line


def test_the_json_summary_lists_entities_and_results(
    report: ValidationReport, contribution: Contribution
) -> None:
    summary = json_summary(report, contribution.locations)
    assert summary["conforms"] is False
    assert summary["counts"] == counts(report)
    assert {
        "focusNode": ZENODO,
        "file": "zenodo.ttl",
        "line": contribution.locations[ZENODO].line,
    } in summary["entities"]
    assert len(summary["results"]) == len(report.results)
    assert all(r["focusNode"] == ZENODO for r in summary["results"])


def test_report_groups_link_the_entity_and_compact_the_shapes(
    report: ValidationReport, contribution: Contribution
) -> None:
    groups = report_groups(report, contribution.locations, Urls.at("http://testserver"))
    assert [g["entity"] for g in groups] == [ZENODO]
    assert groups[0]["href"] == "http://testserver/id/infrastructure/zenodo"
    assert groups[0]["worst"] == "violation"
    assert all(
        not f["path"].startswith("https://w3id.org/oikg/ontology#") for f in groups[0]["findings"]
    )


def result(severity: str, focus: str, path: str = "") -> ValidationResult:
    return ValidationResult(severity, focus, path, "", f"{severity} on {focus}", "urn:shape")


def test_findings_are_ordered_by_file_line_and_severity_then_grouped() -> None:
    results = (
        result("Warning", "urn:b"),
        result("Violation", "urn:b"),
        result("Info", "urn:unplaced"),
        result("Violation", "urn:a"),
    )
    locations = {"urn:a": Location("a.ttl", 9), "urn:b": Location("a.ttl", 2)}
    report = report_of(results, report_graph())
    findings = place(report, locations)
    assert [(f.result.focus_node, f.result.severity) for f in findings] == [
        ("urn:b", "Violation"),
        ("urn:b", "Warning"),
        ("urn:a", "Violation"),
        ("urn:unplaced", "Info"),
    ]
    assert findings[-1].location == Location(GRAPH_FILE, 0)
    groups = by_entity(findings)
    assert [(g.focus_node, g.worst, len(g.findings)) for g in groups] == [
        ("urn:b", "Violation", 2),
        ("urn:a", "Violation", 1),
        ("urn:unplaced", "Info", 1),
    ]


def test_the_summary_line_counts_and_gives_the_verdict() -> None:
    warning = report_of((result("Warning", "urn:a"),), report_graph())
    assert summary_line(warning, 1, 2, strict=False) == (
        "1 file, 2 entities: 0 errors, 1 warning, 0 infos — conforms."
    )
    assert summary_line(warning, 2, 1, strict=True).endswith(
        "does not conform (--strict: warnings fail)."
    )
    assert json_summary(warning, {}, strict=True)["conforms"] is False


def test_compact_shortens_known_namespaces_only() -> None:
    assert compact("https://w3id.org/oikg/ontology#hostedBy") == "oikg:hostedBy"
    assert compact("https://example.org/x") == "https://example.org/x"


def report_graph() -> rdflib.Graph:
    return rdflib.Graph()
