"""A validation report in the terms of a contribution: grouped by file and entity, with lines.

One view model serves the command line (one line per result, compiler style), the JSON
summary of `POST /validate` and the HTML report of `/contribute`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kgserver.curation.contribution import Location
from kgserver.curation.validation import SEVERITY_ORDER, ValidationReport, ValidationResult
from kgserver.rdf.namespaces import prefixes, qname
from kgserver.rdf.urls import Urls

# The curator's words for the SHACL severities, as compilers say them.
LEVELS = {"Violation": "error", "Warning": "warning", "Info": "info"}
GRAPH_FILE = "(graph)"


@dataclass(frozen=True)
class Finding:
    """One result, placed: which file and line, which entity, property, value and message."""

    location: Location
    result: ValidationResult

    @property
    def level(self) -> str:
        return LEVELS.get(self.result.severity, "error")

    @property
    def value(self) -> str:
        """The offending value as written in Turtle: `<iri>` or a literal."""
        value = self.result.value
        if not value or value.startswith(('"', "_:")):
            return value
        return f"<{value}>"

    def as_line(self) -> str:
        """`FILE:LINE: <entity> <property>: level: message (value: …)`."""
        path = f" <{self.result.path}>" if self.result.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return (
            f"{self.location}: <{self.result.focus_node}>{path}: "
            f"{self.level}: {self.result.message}{value}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.location.file,
            "line": self.location.line or None,
            "focusNode": self.result.focus_node,
            "path": self.result.path or None,
            "value": self.result.value or None,
            "severity": self.result.severity,
            "message": self.result.message,
            "sourceShape": self.result.source_shape,
            "sourceConstraint": self.result.source_constraint or None,
            "sourceConstraintComponent": self.result.component,
        }


@dataclass(frozen=True)
class EntityFindings:
    """The findings about one entity, where it is written."""

    location: Location
    focus_node: str
    findings: list[Finding]

    @property
    def worst(self) -> str:
        return min((f.result.severity for f in self.findings), key=SEVERITY_ORDER.__getitem__)


def place(report: ValidationReport, locations: Mapping[str, Location]) -> list[Finding]:
    """Every result with its location, ordered by file, line, entity and then severity."""
    findings = [
        Finding(locations.get(r.focus_node, Location(GRAPH_FILE, 0)), r) for r in report.results
    ]
    return sorted(
        findings,
        key=lambda f: (
            f.location.file == GRAPH_FILE,
            f.location.file,
            f.location.line,
            f.result.focus_node,
            SEVERITY_ORDER.get(f.result.severity, 3),
            f.result.path,
        ),
    )


def by_entity(findings: list[Finding]) -> list[EntityFindings]:
    """The findings grouped by entity, in the order `place` gives."""
    groups: list[EntityFindings] = []
    for finding in findings:
        if not groups or groups[-1].focus_node != finding.result.focus_node:
            groups.append(EntityFindings(finding.location, finding.result.focus_node, []))
        groups[-1].findings.append(finding)
    return groups


def counts(report: ValidationReport) -> dict[str, int]:
    return {
        "violations": report.count("Violation"),
        "warnings": report.count("Warning"),
        "infos": report.count("Info"),
    }


def summary_line(report: ValidationReport, files: int, entities: int, strict: bool) -> str:
    """`2 files, 3 entities: 1 error, 2 warnings, 0 infos — does not conform.`"""
    n = counts(report)
    verdict = "does not conform" if report.fails(strict) else "conforms"
    if report.conforms and report.fails(strict):
        verdict += " (--strict: warnings fail)"
    return (
        f"{_plural(files, 'file')}, {_plural(entities, 'entity', 'entities')}: "
        f"{_plural(n['violations'], 'error')}, {_plural(n['warnings'], 'warning')}, "
        f"{_plural(n['infos'], 'info')} — {verdict}."
    )


def json_summary(
    report: ValidationReport, locations: Mapping[str, Location], strict: bool = False
) -> dict[str, Any]:
    """The JSON answer of `POST /validate` and `kgserver validate --format json`."""
    return {
        "conforms": report.conforms and not (strict and report.count("Warning")),
        "counts": counts(report),
        "entities": [
            {"focusNode": iri, "file": where.file, "line": where.line or None}
            for iri, where in locations.items()
        ],
        "results": [f.as_json() for f in place(report, locations)],
    }


REPORT_PREFIXES = prefixes("rdf", "rdfs", "xsd", "skos", "foaf", "dcterms", "oikg", "oikgsh")


def compact(iri: str) -> str:
    """`oikg:hostedBy` for a property or shape IRI, for people to read; other IRIs stay whole."""
    return qname(iri, REPORT_PREFIXES) or iri


def report_groups(
    report: ValidationReport, locations: Mapping[str, Location], urls: Urls
) -> list[dict[str, Any]]:
    """The findings of `report` by entity, as the `/contribute` page shows them."""
    return [
        {
            "entity": group.focus_node,
            "href": urls.href(group.focus_node),
            "where": str(group.location),
            "worst": group.worst.lower(),
            "findings": [
                {
                    "level": f.level,
                    "severity": f.result.severity.lower(),
                    "path": compact(f.result.path),
                    "value": f.value,
                    "message": f.result.message,
                    "shape": compact(f.result.source_shape),
                    "shape_href": (
                        urls.href(f.result.source_shape)
                        if not f.result.source_shape.startswith("_:")
                        else None
                    ),
                }
                for f in group.findings
            ],
        }
        for group in by_entity(place(report, locations))
    ]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"
