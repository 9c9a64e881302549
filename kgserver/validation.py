"""SHACL validation of data against the shapes, with the ontology, by pyshacl."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import rdflib
from pyoxigraph import NamedNode, Quad, RdfFormat, serialize
from pyshacl import validate as pyshacl_validate
from rdflib.namespace import SH

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, in the terms a curator reads: what, where, why."""

    severity: str  # Violation, Warning or Info
    focus_node: str
    path: str
    value: str
    message: str
    source_shape: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating some data: conforms, the results, and the report graph."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: rdflib.Graph

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]


def to_rdflib(quads: Iterable[Quad]) -> rdflib.Graph:
    """The triples of `quads` as an rdflib graph (graph names dropped)."""
    graph = rdflib.Graph()
    content = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)
    if content:
        graph.parse(data=content, format="nt")
    return graph


def validate(
    data: Iterable[Quad],
    shapes: Iterable[Quad],
    ontology: Iterable[Quad],
    focus_nodes: Collection[str] | None = None,
) -> ValidationReport:
    """Validate `data` (with the ontology mixed in); report only on `focus_nodes` if given.

    The ontology joins the data graph whole (pyshacl's ont_graph would copy only its axioms,
    not the SKOS concepts that data refers to).
    """
    conforms, report_graph, _ = pyshacl_validate(
        to_rdflib([*data, *ontology]),
        shacl_graph=to_rdflib(shapes),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    results = tuple(
        sorted(
            (
                r
                for r in _results(report_graph)
                if focus_nodes is None or r.focus_node in focus_nodes
            ),
            key=lambda r: (r.focus_node, SEVERITY_ORDER.get(r.severity, 3), r.path, r.message),
        )
    )
    if focus_nodes is not None:
        conforms = not any(r.severity == "Violation" for r in results)
    return ValidationReport(conforms=bool(conforms), results=results, graph=report_graph)


def _results(report: rdflib.Graph) -> Iterable[ValidationResult]:
    for node in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        value = report.value(node, SH.value)
        messages = [str(m) for m in report.objects(node, SH.resultMessage)]
        yield ValidationResult(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus_node=_term(report.value(node, SH.focusNode)),
            path=_term(report.value(node, SH.resultPath)),
            value=_term(value) if value is not None else "",
            message=messages[0] if messages else "",
            source_shape=_term(report.value(node, SH.sourceShape)),
        )


def _term(term: rdflib.term.Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return str(term)
    if isinstance(term, rdflib.BNode):
        return "_:" + str(term)
    return term.n3()


def validate_contribution(
    context: Iterable[Quad],
    contribution: Sequence[Quad],
    shapes: Iterable[Quad],
    ontology: Iterable[Quad],
    replaces: bool = False,
) -> ValidationReport:
    """Validate new quads with the graph they join, reporting only on their subjects.

    With `replaces`, the contribution's description of an entity replaces the graph's (a
    changed data file); otherwise it is added to it (a load).
    """
    subjects = {q.subject.value for q in contribution if isinstance(q.subject, NamedNode)}
    if replaces:
        context = (
            q
            for q in context
            if not (isinstance(q.subject, NamedNode) and q.subject.value in subjects)
        )
    return validate([*context, *contribution], shapes, ontology, focus_nodes=subjects)


def _subject(quad: Quad) -> str | None:
    return quad.subject.value if isinstance(quad.subject, NamedNode) else None
