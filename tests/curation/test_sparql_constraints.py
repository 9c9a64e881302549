"""SHACL-SPARQL constraints run by Oxigraph once for all focus nodes (sparql_constraints.py)."""

from __future__ import annotations

import rdflib
from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import RDF, SH

from kgserver.curation.sparql_constraints import evaluate, store_of, take_sparql_constraints
from kgserver.curation.validation import _prefixes
from kgserver.rdf.output import to_rdflib
from kgserver.store.bundle import Dataset

EX = rdflib.Namespace("https://example.org/")
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:severity sh:Warning ;
    sh:sparql [
        sh:message "{$this} has no name" ;
        sh:select "SELECT $this WHERE { FILTER NOT EXISTS { $this <https://example.org/name> ?n } }"
    ] .

ex:ShapesGraphShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:sparql [ sh:select "SELECT $this WHERE { $this ?p $shapesGraph }" ] .
"""


def no_prefixes(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    return ""


def data() -> list[Quad]:
    thing = NamedNode(EX.Thing)
    rdf_type = NamedNode(str(RDF.type))
    return [
        Quad(NamedNode(EX.named), rdf_type, thing),
        Quad(NamedNode(EX.named), NamedNode(EX.name), Literal("n")),
        Quad(NamedNode(EX.nameless), rdf_type, thing),
    ]


def report_graph() -> tuple[rdflib.Graph, rdflib.BNode]:
    graph = rdflib.Graph()
    report = rdflib.BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    return graph, report


def test_a_node_shapes_constraint_is_taken_with_its_focus_nodes() -> None:
    shapes = rdflib.Graph().parse(data=SHAPES, format="turtle")
    taken = take_sparql_constraints(shapes, store_of(data()), no_prefixes)
    assert [(t.shape, t.focus_nodes, t.severity) for t in taken] == [
        (EX.ThingShape, (str(EX.named), str(EX.nameless)), SH.Warning)
    ]
    assert "{VALUES}" in taken[0].query
    # taken out of the shapes graph, and the emptied shape no longer targets anything
    assert (EX.ThingShape, SH.sparql, None) not in shapes
    assert (EX.ThingShape, SH.targetClass, None) not in shapes
    # a constraint using $shapesGraph stays with pyshacl
    assert (EX.ShapesGraphShape, SH.sparql, None) in shapes


def test_evaluate_adds_one_result_per_solution_with_its_message() -> None:
    shapes = rdflib.Graph().parse(data=SHAPES, format="turtle")
    store = store_of(data())
    taken = take_sparql_constraints(shapes, store, no_prefixes)
    graph, report = report_graph()
    evaluate(taken, store, graph)
    results = list(graph.objects(report, SH.result))
    assert len(results) == 1
    assert graph.value(results[0], SH.focusNode) == EX.nameless
    assert graph.value(results[0], SH.resultSeverity) == SH.Warning
    assert graph.value(results[0], SH.sourceShape) == EX.ThingShape
    assert str(graph.value(results[0], SH.resultMessage)) == f"{EX.nameless} has no name"


def test_constraints_of_the_bundled_shapes_find_nothing_in_the_bundled_data(
    dataset: Dataset,
) -> None:
    shapes = to_rdflib(dataset.shapes)
    store = store_of([*dataset.ontology, *dataset.data])
    taken = take_sparql_constraints(shapes, store, _prefixes)
    assert taken, "shapes/*.ttl have SPARQL constraints that Oxigraph runs"
    assert all(t.focus_nodes for t in taken)
    graph, report = report_graph()
    evaluate(taken, store, graph)
    violations = [
        r
        for r in graph.objects(report, SH.result)
        if graph.value(r, SH.resultSeverity) == SH.Violation
    ]
    assert violations == []
