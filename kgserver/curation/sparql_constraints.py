"""SHACL-SPARQL constraints of node shapes (SHACL §5), evaluated by Oxigraph in one query each.

pyshacl runs a SPARQL constraint once per focus node in rdflib, which made validating the whole
catalogue take minutes. Here each constraint runs once, with `$this` bound to all its focus
nodes by a VALUES block, and every solution becomes a validation result as SHACL §5.3 says.
Constraints that use `$shapesGraph` or `$currentShape`, complex paths, or focus nodes that are
blank nodes or reached only through sh:node, stay with pyshacl.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import rdflib
import rdflib.collection
from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store
from rdflib.namespace import RDF, RDFS, SH

from kgserver.rdf.output import to_rdflib_term

PrefixesFn = Callable[[rdflib.Graph, rdflib.term.Node], str]
"""Gives the PREFIX lines that a node's sh:prefixes declare."""

_SUBCLASS_INSTANCES = (
    "SELECT DISTINCT ?this WHERE"
    " { ?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?class }"
)
_PRE_BOUND = ("$PATH", "$shapesGraph", "$currentShape")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class SparqlConstraint:
    """One sh:sparql constraint of one node shape, ready to run for a set of focus nodes."""

    shape: rdflib.term.Node
    constraint: rdflib.term.Node
    query: str  # with {VALUES} where the focus nodes go
    severity: rdflib.term.Node
    messages: tuple[rdflib.Literal, ...]
    focus_nodes: tuple[str, ...]
    path: rdflib.term.Node | None = None


def take_sparql_constraints(
    shapes_graph: rdflib.Graph, data: Store, prefixes: PrefixesFn
) -> list[SparqlConstraint]:
    """Take out of `shapes_graph` the SPARQL constraints that Oxigraph can run for all focus nodes.

    A node shape's constraints run on its targets; a property shape's (with an IRI as sh:path,
    put in for $PATH) on the targets of the node shapes that have it as sh:property.
    """
    taken = []
    for shape, constraint in list(shapes_graph.subject_objects(SH.sparql)):
        select = shapes_graph.value(constraint, SH.select)
        if select is None or shapes_graph.value(constraint, SH.deactivated) == rdflib.Literal(True):
            continue
        text = str(select)
        path = shapes_graph.value(shape, SH.path)
        if path is not None:
            if not isinstance(path, rdflib.URIRef):
                continue
            text = text.replace("$PATH", f"<{path}>")
            focus = _property_focus_nodes(shape, shapes_graph, data, prefixes)
        else:
            focus = _focus_nodes(shape, shapes_graph, data, prefixes)
            if focus is not None:
                focus = _with_nested_value_nodes(shape, shapes_graph, data, focus)
        where = _WHERE.search(text)
        if where is None or focus is None or any(name in text for name in _PRE_BOUND):
            continue
        head, body = text[: where.end()], text[where.end() :]
        taken.append(
            SparqlConstraint(
                shape=shape,
                constraint=constraint,
                query=prefixes(shapes_graph, constraint) + head + " {VALUES} " + body,
                severity=shapes_graph.value(shape, SH.severity) or SH.Violation,
                messages=tuple(
                    m
                    for m in shapes_graph.objects(constraint, SH.message)
                    if isinstance(m, rdflib.Literal)
                ),
                focus_nodes=tuple(sorted(focus)),
                path=path,
            )
        )
        shapes_graph.remove((shape, SH.sparql, constraint))
    _untarget_emptied_shapes(shapes_graph, {item.shape for item in taken})
    return taken


_TARGETS = (SH.target, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_DESCRIBING = frozenset(
    {SH.name, SH.description, SH.order, SH.group, SH.severity, SH.message, SH.deactivated}
)


def _untarget_emptied_shapes(shapes_graph: rdflib.Graph, shapes: set[rdflib.term.Node]) -> None:
    """Drop the targets of shapes left with nothing to check, so pyshacl skips them."""
    for shape in shapes:
        checks = [
            p
            for p in shapes_graph.predicates(shape, None)
            if str(p).startswith(str(SH)) and p not in _DESCRIBING and p not in _TARGETS
        ]
        if not checks:
            for target in _TARGETS:
                shapes_graph.remove((shape, target, None))


_NESTING = (SH.qualifiedValueShape, SH["not"])
_LISTS = (SH["or"], SH["and"], SH.xone)


def _with_nested_value_nodes(
    shape: rdflib.term.Node, shapes_graph: rdflib.Graph, data: Store, focus: set[str]
) -> set[str] | None:
    """Add the value nodes that property shapes check with `sh:node shape`, or None.

    Taking a constraint out of a shape also takes it out of pyshacl's nested checks of that
    shape, so the nodes those reach must be focus nodes here: IRIs of property values. A blank
    value node, or a shape nested in any other way, keeps the constraint with pyshacl.
    """
    if any((None, p, shape) in shapes_graph for p in _NESTING):
        return None
    for holder in _LISTS:
        for members in shapes_graph.objects(None, holder):
            if shape in rdflib.collection.Collection(shapes_graph, members):
                return None
    nested = set(focus)
    for referrer in shapes_graph.subjects(SH.node, shape):
        path = shapes_graph.value(referrer, SH.path)
        if not isinstance(path, rdflib.URIRef):
            return None
        values = _column(data, f"SELECT DISTINCT ?this WHERE {{ ?s <{path}> ?this }}")
        if not _add_iris(nested, (v for v in values if not isinstance(v, Literal))):
            return None
    return nested


def _property_focus_nodes(
    shape: rdflib.term.Node, shapes_graph: rdflib.Graph, data: Store, prefixes: PrefixesFn
) -> set[str] | None:
    """The focus nodes of every node shape that has `shape` as a property, or None."""
    parents = list(shapes_graph.subjects(SH.property, shape))
    focus: set[str] = set()
    for parent in parents:
        nodes = _focus_nodes(parent, shapes_graph, data, prefixes)
        if nodes is None:
            return None
        focus |= nodes
    return focus if parents else None


def _focus_nodes(
    shape: rdflib.term.Node, shapes_graph: rdflib.Graph, data: Store, prefixes: PrefixesFn
) -> set[str] | None:
    """The IRIs the shape targets (SHACL §2.1.3), or None if some target is beyond us."""
    focus: set[str] = set()
    targets = 0
    for node in shapes_graph.objects(shape, SH.targetNode):
        targets += 1
        if not isinstance(node, rdflib.URIRef):
            return None
        focus.add(str(node))
    classes = list(shapes_graph.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in shapes_graph:
        classes.append(shape)
    for cls in classes:
        targets += 1
        if not _add_iris(focus, _column(data, _SUBCLASS_INSTANCES.replace("?class", f"<{cls}>"))):
            return None
    for target in shapes_graph.objects(shape, SH.target):
        targets += 1
        select = shapes_graph.value(target, SH.select)
        if select is None:
            return None
        if not _add_iris(focus, _column(data, prefixes(shapes_graph, target) + str(select))):
            return None
    if any((shape, p, None) in shapes_graph for p in _TARGETS[3:]):
        return None
    return focus if targets else None


def _column(data: Store, query: str) -> list[object]:
    """The values of ?this in the solutions of a SELECT query over the union graph."""
    solutions = data.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    return [solution["this"] for solution in solutions]


def _add_iris(focus: set[str], terms: Iterable[object]) -> bool:
    for term in terms:
        if not isinstance(term, NamedNode):
            return False
        focus.add(term.value)
    return True


def evaluate(
    constraints: Iterable[SparqlConstraint], data: Store, report_graph: rdflib.Graph
) -> None:
    """Run each constraint over `data` and add its results to the SHACL report graph."""
    report = report_graph.value(predicate=RDF.type, object=SH.ValidationReport)
    assert report is not None
    for item in constraints:
        if not item.focus_nodes:
            continue
        values = "VALUES ?this { " + " ".join(f"<{iri}>" for iri in item.focus_nodes) + " }"
        solutions = data.query(
            item.query.replace("{VALUES}", values), use_default_graph_as_union=True
        )
        assert isinstance(solutions, QuerySolutions)
        for solution in solutions:
            this = solution["this"]
            if this is None:
                continue
            result = rdflib.BNode()
            report_graph.add((report, SH.result, result))
            report_graph.add((result, RDF.type, SH.ValidationResult))
            report_graph.add((result, SH.focusNode, to_rdflib_term(this)))
            report_graph.add((result, SH.resultSeverity, item.severity))
            report_graph.add((result, SH.sourceShape, item.shape))
            report_graph.add((result, SH.sourceConstraint, item.constraint))
            report_graph.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            value = _binding(solution, "value")
            value_node = to_rdflib_term(value if value is not None else this)
            report_graph.add((result, SH.value, value_node))
            path = _binding(solution, "path")
            if isinstance(path, NamedNode):
                report_graph.add((result, SH.resultPath, rdflib.URIRef(path.value)))
            elif item.path is not None:
                report_graph.add((result, SH.resultPath, item.path))
            for message in _messages(item, solution):
                report_graph.add((result, SH.resultMessage, message))


def _binding(solution: object, name: str) -> object:
    try:
        return solution[name]  # type: ignore[index]
    except (KeyError, IndexError):
        return None


def _messages(item: SparqlConstraint, solution: object) -> list[rdflib.Literal]:
    given = _binding(solution, "message")
    if isinstance(given, Literal):
        return [rdflib.Literal(given.value)]

    def fill(match: re.Match[str]) -> str:
        term = _binding(solution, match.group(1))
        return getattr(term, "value", "") if term is not None else ""

    return [rdflib.Literal(_PLACEHOLDER.sub(fill, str(m)), lang=m.language) for m in item.messages]


def store_of(quads: Iterable[Quad]) -> Store:
    """An in-memory store holding `quads`, for evaluating constraints."""
    store = Store()
    store.extend(quads)
    return store
