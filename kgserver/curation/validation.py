"""SHACL validation of data against the shapes, with the ontology, by pyshacl.

`validate` checks a whole graph (the bundle build, `kgserver serve`) or, given focus nodes, only
those; `kgserver/curation/in_context.py` uses it to check new or changed entities in the
context of the graph they join.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import rdflib
from pyoxigraph import Quad, QuerySolutions, Store
from pyshacl import validate as pyshacl_validate
from rdflib.namespace import SH
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query

from kgserver.curation.sparql_constraints import evaluate as evaluate_sparql_constraints
from kgserver.curation.sparql_constraints import store_of, take_sparql_constraints
from kgserver.rdf.namespaces import OIKGSH
from kgserver.rdf.output import to_rdflib

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
DANGLING_RULE = OIKGSH + "danglingReferenceRule"


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, in the terms a curator reads: what, where, why."""

    severity: str  # Violation, Warning or Info
    focus_node: str
    path: str
    value: str
    message: str
    source_shape: str
    component: str = ""
    source_constraint: str = ""
    node: rdflib.term.Node | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.focus_node, self.path, self.value, self.source_shape, self.message)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating some data: conforms, the results, and the report graph."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: rdflib.Graph

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    def fails(self, strict: bool = False) -> bool:
        """Whether the data must be refused: any violation, or with `strict` any warning too."""
        return any(
            r.severity == "Violation" or (strict and r.severity == "Warning") for r in self.results
        )


def _prepared(query: str) -> Query:
    """The parsed query; its PREFIX lines are sorted first, as pyshacl writes them in any order."""
    lines = query.splitlines()
    prefixes = sorted(line for line in lines if line.startswith("PREFIX "))
    body = [line for line in lines if not line.startswith("PREFIX ")]
    return _parse("\n".join(prefixes + body))


@functools.lru_cache(maxsize=256)
def _parse(query: str) -> Query:
    return translateQuery(parseQuery(query))


class _PreparedQueryGraph(rdflib.Graph):
    """A data graph that parses each SPARQL query once.

    pyshacl runs every SHACL-SPARQL constraint once per focus node, passing the same query text
    with `$this` pre-bound; rdflib would parse it anew each time (about 35 ms a query), which
    made parsing three quarters of the validation time. The parsed algebra is reusable.
    """

    def query(  # type: ignore[override]
        self,
        query_object: str | Query,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803 (rdflib's name)
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Any:
        if isinstance(query_object, str) and not initNs:
            query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


def validate(
    data: Iterable[Quad],
    shapes: Iterable[Quad],
    ontology: Iterable[Quad],
    focus_nodes: Collection[str] | None = None,
) -> ValidationReport:
    """Validate `data` (with the ontology mixed in); report only on `focus_nodes` if given.

    The ontology joins the data graph whole (pyshacl's ont_graph would copy only its axioms,
    not the SKOS concepts that data refers to). Results are filtered to `focus_nodes` after
    validation: pyshacl's own focus_nodes option also filters the value nodes that nested
    shapes (sh:node, sh:or, sh:qualifiedValueShape) check, which silently passes them.
    """
    shapes_graph = to_rdflib(shapes)
    if focus_nodes is not None and not focus_nodes:
        return ValidationReport(True, (), _empty_report())
    data, ontology = list(data), list(ontology)
    data_graph = to_rdflib(ontology, _PreparedQueryGraph())
    to_rdflib(data, data_graph)
    store = store_of([*ontology, *data])
    if focus_nodes is not None:
        shapes_graph = _targeted_at(shapes_graph, data_graph, store, focus_nodes)
    node_rules = take_sparql_constraints(shapes_graph, store, _prefixes)
    report_graph = _pyshacl(data_graph, shapes_graph)
    evaluate_sparql_constraints(node_rules, store, report_graph)
    results = [
        r
        for r in _results(report_graph, shapes_graph)
        if focus_nodes is None or r.focus_node in focus_nodes
    ]
    return report_of(tuple(sorted(_condense(results), key=_order)), report_graph)


def _pyshacl(data_graph: rdflib.Graph, shapes_graph: rdflib.Graph) -> rdflib.Graph:
    _, report_graph, _ = pyshacl_validate(
        data_graph,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,
    )
    if not isinstance(report_graph, rdflib.Graph):
        raise RuntimeError(f"pyshacl could not validate: {report_graph}")
    return report_graph


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def _targeted_at(
    shapes_graph: rdflib.Graph,
    data_graph: rdflib.Graph,
    store: Store,
    focus_nodes: Collection[str],
) -> rdflib.Graph:
    """The same shapes, with each shape's targets (SHACL §2.1.3) replaced by sh:targetNode for
    the focus nodes they select: the slice also holds what the focus entities refer to, and
    those need not be validated. (pyshacl's focus_nodes option would also skip the value
    nodes that nested shapes check, and its use_shapes drops named property shapes.)"""
    targeted = rdflib.Graph()
    for triple in shapes_graph:
        targeted.add(triple)
    for shape in {s for t in TARGETS for s in shapes_graph.subjects(t, None)}:
        selected = _targets(shape, shapes_graph, data_graph, store, focus_nodes)  # type: ignore[arg-type]
        for target in TARGETS:
            targeted.remove((shape, target, None))
        for focus in selected:
            targeted.add((shape, SH.targetNode, rdflib.URIRef(focus)))
    return targeted


def _targets(
    shape: rdflib.URIRef,
    shapes_graph: rdflib.Graph,
    data_graph: rdflib.Graph,
    store: Store,
    focus_nodes: Collection[str],
) -> set[str]:
    selected: set[str] = set()
    classes = set(shapes_graph.objects(shape, SH.targetClass))
    for focus in focus_nodes:
        node = rdflib.URIRef(focus)
        if classes:
            kinds = {
                k
                for t in data_graph.objects(node, rdflib.RDF.type)
                for k in data_graph.transitive_objects(t, rdflib.RDFS.subClassOf)
            }
            if kinds & classes:
                selected.add(focus)
        if node in set(shapes_graph.objects(shape, SH.targetNode)):
            selected.add(focus)
        if any(
            (node, p, None) in data_graph for p in shapes_graph.objects(shape, SH.targetSubjectsOf)
        ):
            selected.add(focus)
        if any(
            (None, p, node) in data_graph for p in shapes_graph.objects(shape, SH.targetObjectsOf)
        ):
            selected.add(focus)
    for target in shapes_graph.objects(shape, SH.target):
        select = shapes_graph.value(target, SH.select)
        if select is None:
            raise ValueError(f"{shape}: only SPARQL-based custom targets are supported")
        # SPARQL targets run in Oxigraph: rdflib took a second for one entity's slice.
        query = _prefixes(shapes_graph, target) + str(select)
        solutions = store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, QuerySolutions)
        selected.update(getattr(row[0], "value", "") for row in solutions)
    return selected & set(focus_nodes)


def _prefixes(shapes_graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """The PREFIX lines that sh:prefixes declares for a SPARQL-based target (SHACL §5.2.1)."""
    lines = []
    for declarer in shapes_graph.objects(node, SH.prefixes):
        for declaration in shapes_graph.objects(declarer, SH.declare):
            prefix = shapes_graph.value(declaration, SH.prefix)
            namespace = shapes_graph.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(lines)) + "\n"


def report_of(results: tuple[ValidationResult, ...], graph: rdflib.Graph) -> ValidationReport:
    """The report on `results`, with the SHACL report graph pruned to the same results."""
    conforms = not any(r.severity == "Violation" for r in results)
    kept = {r.node for r in results}
    for report in list(graph.subjects(rdflib.RDF.type, SH.ValidationReport)):
        graph.set((report, SH.conforms, rdflib.Literal(conforms)))
        for node in list(graph.objects(report, SH.result)):
            if node not in kept:
                graph.remove((report, SH.result, node))
                graph.remove((node, None, None))
    return ValidationReport(conforms=conforms, results=results, graph=graph)


def _empty_report() -> rdflib.Graph:
    graph = rdflib.Graph()
    report = rdflib.BNode()
    graph.add((report, rdflib.RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, rdflib.Literal(True)))
    return graph


def _order(result: ValidationResult) -> tuple[str, int, str, str]:
    return (result.focus_node, SEVERITY_ORDER.get(result.severity, 3), result.path, result.message)


def _condense(results: list[ValidationResult]) -> list[ValidationResult]:
    """One mistake, one message: a reference to nothing also fails the reference's sh:class
    (or sh:or) constraint; the dangling-reference result says more, so it alone is kept."""
    unique = {r.key + (r.component, r.severity): r for r in results}
    results = list(unique.values())
    dangling = {
        (r.focus_node, r.path, r.value) for r in results if r.source_constraint == DANGLING_RULE
    }
    return [
        r
        for r in results
        if r.source_constraint == DANGLING_RULE
        or (r.focus_node, r.path, r.value) not in dangling
        or r.component == str(SH.SPARQLConstraintComponent)
    ]


def _results(report: rdflib.Graph, shapes: rdflib.Graph) -> Iterable[ValidationResult]:
    for node in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        value = report.value(node, SH.value)
        # A SPARQL constraint inside a property shape gets the shape's sh:message and its own;
        # its own, filled in from the solution, says more.
        shape_messages = set(shapes.objects(report.value(node, SH.sourceShape), SH.message))
        messages = sorted(
            (str(m) for m in report.objects(node, SH.resultMessage)),
            key=lambda m: any(m == str(s) for s in shape_messages),
        )
        yield ValidationResult(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus_node=_term(report.value(node, SH.focusNode)),
            path=_term(report.value(node, SH.resultPath)),
            value=_term(value) if value is not None else "",
            message=messages[0] if messages else "",
            source_shape=_term(report.value(node, SH.sourceShape)),
            component=_term(report.value(node, SH.sourceConstraintComponent)),
            source_constraint=_term(report.value(node, SH.sourceConstraint)),
            node=node,
        )


def _term(term: rdflib.term.Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return str(term)
    if isinstance(term, rdflib.BNode):
        return "_:" + str(term)
    return term.n3()
