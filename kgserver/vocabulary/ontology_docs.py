"""The ontology's documentation, read from the ontology itself: a view model for the HTML page.

Everything the page says comes from the graph (labels, definitions, axioms), in the manner of
pyLODE's model → HTML split, so the documentation cannot drift from the OWL it documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kgserver.rdf import iris, namespaces
from kgserver.rdf.namespaces import prefixes, qname

VANN = rdflib.Namespace(namespaces.VANN)
ONTOLOGY_PREFIXES = prefixes(
    "oikg", "owl", "rdf", "rdfs", "xsd", "dcterms", "skos", "vann", "schema", "foaf", "org",
    "frapo", "doap", "prov", "dcat", "sh",
)  # fmt: skip
"""The prefixes the ontology is written and documented with."""


@dataclass(frozen=True)
class Ref:
    """A term as the page shows it: text, and a link (an anchor for our own terms)."""

    text: str
    href: str | None = None
    own: bool = False


@dataclass
class Term:
    """One class or property with everything the page says about it."""

    iri: str
    anchor: str
    label: str
    kind: str
    definitions: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    facts: list[tuple[str, list[list[Ref]]]] = field(default_factory=list)


@dataclass
class HierarchyNode:
    term: Ref
    children: list[HierarchyNode] = field(default_factory=list)


@dataclass
class Scheme:
    iri: str
    label: str
    definition: str
    concepts: list[tuple[str, str, str]]  # (iri, label, notation)


@dataclass
class OntologyPage:
    """The whole page: header, hierarchy, terms by kind, reused terms and concept schemes."""

    iri: str
    title: str
    description: str
    metadata: list[tuple[str, list[Ref]]]
    hierarchy: list[HierarchyNode]
    classes: list[Term]
    object_properties: list[Term]
    datatype_properties: list[Term]
    reused: list[tuple[Ref, str, str]]
    schemes: list[Scheme]
    namespaces: list[tuple[str, str]]


def anchor_of(iri: str) -> str:
    return iri[len(iris.ONTOLOGY_NS) :] if iri.startswith(iris.ONTOLOGY_NS) else iri


def _text(graph: rdflib.Graph, subject: Node, prop: Node) -> list[str]:
    values = list(graph.objects(subject, prop))
    english = [v for v in values if getattr(v, "language", None) in (None, "en")]
    return sorted(str(v) for v in english)


def _label(graph: rdflib.Graph, term: Node) -> str:
    for prop in (RDFS.label, SKOS.prefLabel, DCTERMS.title):
        texts = _text(graph, term, prop)
        if texts:
            return texts[0]
    return short(str(term))


def short(iri: str) -> str:
    """A term as the documentation writes it: a prefixed name where one fits, else the IRI."""
    return qname(iri, ONTOLOGY_PREFIXES) or iri


def ref(graph: rdflib.Graph, term: Node) -> Ref:
    """A link to a named term: ours by anchor, others by their IRI."""
    iri = str(term)
    if iri.startswith(iris.ONTOLOGY_NS):
        return Ref(short(iri), "#" + anchor_of(iri), own=True)
    return Ref(short(iri), iri)


def expression(graph: rdflib.Graph, node: Node) -> list[Ref]:
    """A class expression as a run of refs and words (union, restriction, named class)."""
    if isinstance(node, rdflib.URIRef):
        return [ref(graph, node)]
    members = graph.value(node, OWL.unionOf)
    if members is not None:
        out: list[Ref] = []
        for index, member in enumerate(rdflib.collection.Collection(graph, members)):
            if index:
                out.append(Ref(" or "))
            out.extend(expression(graph, member))
        return out
    prop = graph.value(node, OWL.onProperty)
    if prop is not None:
        filler = graph.value(node, OWL.someValuesFrom)
        if filler is not None:
            return [Ref("some "), ref(graph, prop), Ref(" "), *expression(graph, filler)]
        value = graph.value(node, OWL.hasValue)
        if value is not None:
            return [ref(graph, prop), Ref(" value "), ref(graph, value)]
    return [Ref("(anonymous class)")]


def _terms_of(graph: rdflib.Graph, kind: Node) -> list[rdflib.URIRef]:
    return sorted(
        (s for s in graph.subjects(RDF.type, kind) if isinstance(s, rdflib.URIRef)),
        key=lambda s: _label(graph, s).lower(),
    )


def _own(terms: Iterable[rdflib.URIRef]) -> list[rdflib.URIRef]:
    return [t for t in terms if str(t).startswith(iris.ONTOLOGY_NS)]


def _refs(graph: rdflib.Graph, nodes: Iterable[Node]) -> list[list[Ref]]:
    return sorted((expression(graph, n) for n in nodes), key=lambda r: r[0].text)


def _base_term(graph: rdflib.Graph, subject: rdflib.URIRef, kind: str) -> Term:
    term = Term(
        iri=str(subject),
        anchor=anchor_of(str(subject)),
        label=_label(graph, subject),
        kind=kind,
        definitions=_text(graph, subject, SKOS.definition),
        comments=_text(graph, subject, RDFS.comment),
        examples=_text(graph, subject, SKOS.example),
    )
    return term


def _class_term(graph: rdflib.Graph, cls: rdflib.URIRef) -> Term:
    term = _base_term(graph, cls, "Class")
    disjoint = set(graph.objects(cls, OWL.disjointWith)) | set(
        graph.subjects(OWL.disjointWith, cls)
    )
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(group, OWL.members)
        members = list(rdflib.collection.Collection(graph, head)) if head is not None else []
        if cls in members:
            disjoint |= {m for m in members if m != cls}
    in_domain = [
        p for p in graph.subjects(RDFS.domain, None) if _mentions(graph, p, RDFS.domain, cls)
    ]
    in_range = [p for p in graph.subjects(RDFS.range, None) if _mentions(graph, p, RDFS.range, cls)]
    facts = [
        ("Super-classes", _refs(graph, graph.objects(cls, RDFS.subClassOf))),
        ("Sub-classes", _refs(graph, graph.subjects(RDFS.subClassOf, cls))),
        ("Equivalent to", _refs(graph, graph.objects(cls, OWL.equivalentClass))),
        ("Disjoint with", _refs(graph, disjoint)),
        ("In the domain of", _refs(graph, in_domain)),
        ("In the range of", _refs(graph, in_range)),
    ]
    term.facts = [(name, values) for name, values in facts if values]
    return term


def _mentions(graph: rdflib.Graph, prop: Node, axis: Node, cls: Node) -> bool:
    """Whether `cls` is the domain/range of `prop`, or one member of a union there."""
    for target in graph.objects(prop, axis):
        if target == cls:
            return True
        members = graph.value(target, OWL.unionOf)
        if members is not None and cls in rdflib.collection.Collection(graph, members):
            return True
    return False


def _property_term(graph: rdflib.Graph, prop: rdflib.URIRef, kind: str) -> Term:
    term = _base_term(graph, prop, kind)
    inverse = set(graph.objects(prop, OWL.inverseOf)) | set(graph.subjects(OWL.inverseOf, prop))
    characteristics = [
        Ref(short(str(t)))
        for t in (OWL.FunctionalProperty, OWL.SymmetricProperty, OWL.TransitiveProperty)
        if (prop, RDF.type, t) in graph
    ]
    chains = []
    for chain in graph.objects(prop, OWL.propertyChainAxiom):
        links: list[Ref] = []
        for index, link in enumerate(rdflib.collection.Collection(graph, chain)):
            if index:
                links.append(Ref(" ∘ "))
            links.append(ref(graph, link))
        chains.append(links)
    facts = [
        ("Domain", _refs(graph, graph.objects(prop, RDFS.domain))),
        ("Range", _refs(graph, graph.objects(prop, RDFS.range))),
        ("Super-properties", _refs(graph, graph.objects(prop, RDFS.subPropertyOf))),
        ("Sub-properties", _refs(graph, graph.subjects(RDFS.subPropertyOf, prop))),
        ("Inverse of", _refs(graph, inverse)),
        ("Implied by the chain", chains),
        ("Characteristics", [[c] for c in characteristics]),
    ]
    term.facts = [(name, values) for name, values in facts if values]
    return term


def _hierarchy(graph: rdflib.Graph, classes: list[rdflib.URIRef]) -> list[HierarchyNode]:
    own = set(classes)

    def node(cls: rdflib.term.Node) -> HierarchyNode:
        children = sorted(
            (c for c in graph.subjects(RDFS.subClassOf, cls) if c in own),
            key=lambda c: _label(graph, c).lower(),
        )
        return HierarchyNode(ref(graph, cls), [node(c) for c in children])

    roots = [c for c in classes if not any(s in own for s in graph.objects(c, RDFS.subClassOf))]
    return [node(c) for c in roots]


def _metadata(graph: rdflib.Graph, ontology: rdflib.URIRef) -> list[tuple[str, list[Ref]]]:
    rows: list[tuple[str, list[Ref]]] = [("IRI", [Ref(str(ontology), str(ontology))])]
    for name, prop in (
        ("Version IRI", OWL.versionIRI),
        ("Version", OWL.versionInfo),
        ("Prior version", OWL.priorVersion),
        ("Creators", DCTERMS.creator),
        ("Publisher", DCTERMS.publisher),
        ("Licence", DCTERMS.license),
        ("Created", DCTERMS.created),
        ("Modified", DCTERMS.modified),
        ("Preferred prefix", VANN.preferredNamespacePrefix),
        ("Namespace", VANN.preferredNamespaceUri),
        ("Sources", DCTERMS.source),
    ):
        values = sorted(graph.objects(ontology, prop), key=str)
        if values:
            rows.append(
                (
                    name,
                    [Ref(str(v), str(v) if isinstance(v, rdflib.URIRef) else None) for v in values],
                )
            )
    return rows


def _schemes(graph: rdflib.Graph) -> list[Scheme]:
    schemes = []
    for scheme in _terms_of(graph, SKOS.ConceptScheme):
        concepts = sorted(
            (
                (str(c), _label(graph, c), str(graph.value(c, SKOS.notation) or ""))
                for c in graph.subjects(SKOS.inScheme, scheme)
            ),
            key=lambda c: c[1].lower(),
        )
        definition = _text(graph, scheme, SKOS.definition) + _text(
            graph, scheme, DCTERMS.description
        )
        schemes.append(
            Scheme(
                str(scheme), _label(graph, scheme), definition[0] if definition else "", concepts
            )
        )
    return schemes


def ontology_page(graph: rdflib.Graph) -> OntologyPage:
    """Build the documentation of the ontology held in `graph`."""
    ontology = rdflib.URIRef(iris.ONTOLOGY)
    classes = _own(_terms_of(graph, OWL.Class))
    object_properties = _own(_terms_of(graph, OWL.ObjectProperty))
    datatype_properties = _own(_terms_of(graph, OWL.DatatypeProperty))
    reused = [
        (ref(graph, t), _label(graph, t), short(str(kind)))
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype)
        for t in _terms_of(graph, kind)
        if not str(t).startswith(iris.ONTOLOGY_NS)
    ]
    return OntologyPage(
        iri=iris.ONTOLOGY,
        title=_label(graph, ontology),
        description=(_text(graph, ontology, DCTERMS.description) or [""])[0],
        metadata=_metadata(graph, ontology),
        hierarchy=_hierarchy(graph, classes),
        classes=[_class_term(graph, c) for c in classes],
        object_properties=[_property_term(graph, p, "Object property") for p in object_properties],
        datatype_properties=[
            _property_term(graph, p, "Datatype property") for p in datatype_properties
        ],
        reused=sorted(reused, key=lambda r: r[0].text),
        schemes=_schemes(graph),
        namespaces=sorted(ONTOLOGY_PREFIXES.items()),
    )
