"""The shapes, read from the shapes graph: a view model for their HTML listing."""

from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import RDF, RDFS, SH

from kgserver.vocabulary.ontology_docs import Ref, expression, ref, short

_CONSTRAINTS = (
    ("min", SH.minCount),
    ("max", SH.maxCount),
    ("datatype", SH.datatype),
    ("class", SH["class"]),
    ("node kind", SH.nodeKind),
    ("pattern", SH.pattern),
    ("has value", SH.hasValue),
    ("node", SH.node),
    ("greater than", SH.minExclusive),
    ("at least", SH.minInclusive),
    ("unique language", SH.uniqueLang),
)


@dataclass
class PropertyRule:
    path: list[Ref]
    name: str
    constraints: list[tuple[str, str]]
    message: str


@dataclass
class NodeShape:
    iri: str
    anchor: str
    label: str
    targets: list[list[Ref]]
    properties: list[PropertyRule] = field(default_factory=list)


def _rule(graph: rdflib.Graph, shape: rdflib.term.Node) -> PropertyRule:
    path = graph.value(shape, SH.path)
    constraints = []
    for name, prop in _CONSTRAINTS:
        for value in graph.objects(shape, prop):
            constraints.append((name, _summary(graph, value)))
    for alternatives in graph.objects(shape, SH["or"]):
        options = []
        for option in rdflib.collection.Collection(graph, alternatives):
            options += [short(str(v)) for v in graph.objects(option, SH["class"])]
            options += [_summary(graph, v) for v in graph.objects(option, SH.node)]
        constraints.append(("one of", ", ".join(options)))
    return PropertyRule(
        path=expression(graph, path) if path is not None else [Ref("?")],
        name=str(graph.value(shape, SH.name) or ""),
        constraints=constraints,
        message=str(graph.value(shape, SH.message) or ""),
    )


def _summary(graph: rdflib.Graph, value: rdflib.term.Node) -> str:
    """A constraint's value in words; an anonymous node shape (a concept of a scheme, say) by
    its class and the schemes it requires, rather than by its blank-node label."""
    if not isinstance(value, rdflib.BNode):
        return short(str(value))
    classes = [short(str(c)) for c in graph.objects(value, SH["class"])]
    members = list(graph.objects(value, SH.property))
    for alternatives in graph.objects(value, SH["or"]):
        members += list(rdflib.collection.Collection(graph, alternatives))
    schemes = [str(v) for m in members for v in graph.objects(m, SH.hasValue)]
    return " ".join(classes) + (" in " + " or ".join(schemes) if schemes else "")


def node_shapes(graph: rdflib.Graph) -> list[NodeShape]:
    """Every node shape with its targets and property rules, by label."""
    shapes = []
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        iri = str(shape)
        label = str(graph.value(shape, RDFS.label) or short(iri))
        node = NodeShape(
            iri=iri if isinstance(shape, rdflib.URIRef) else "",
            anchor=iri.rsplit("#", 1)[-1],
            label=label,
            targets=[[ref(graph, t)] for t in graph.objects(shape, SH.targetClass)],
        )
        node.properties = sorted(
            (_rule(graph, p) for p in graph.objects(shape, SH.property)),
            key=lambda r: r.path[0].text,
        )
        shapes.append(node)
    return sorted(shapes, key=lambda s: (not s.targets, s.label.lower()))
