"""Load-time reasoning: the entailments users rely on, materialised into a graph of their own.

A fixed set of SPARQL CONSTRUCT rules (a subset of the OWL 2 RL/RDF rules, W3C OWL 2 Profiles
§4.3) runs over the ontology and the data until nothing new follows. What follows goes into
`https://w3id.org/oikg/graph/inferred`, so that `?x a schema:Organization` finds funders and
`?f oikg:funds ?i` answers where data states only `oikg:fundedBy`, while every asserted triple
keeps its own graph. The rules run inside Oxigraph; the cost is measured and reported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pyoxigraph import BlankNode, NamedNode, Quad, Store, Triple

from kgserver.rdf import iris
from kgserver.rdf.namespaces import OWL, RDF_TYPE, RDFS, sparql_prologue

_PREFIXES = sparql_prologue("rdf", "rdfs", "owl", "skos", "oikg")

# Each rule names the OWL 2 RL rule(s) it implements. The schema (ontology) is closed under
# subclass/subproperty transitivity by property paths inside the rules themselves.
RULES: dict[str, str] = {
    # cax-sco, cax-eqc1/2, scm-sco, scm-eqc: an instance of a class is an instance of its supers.
    "class hierarchy": """CONSTRUCT { ?x a ?super } WHERE {
        ?x a ?class .
        ?class (rdfs:subClassOf|owl:equivalentClass|^owl:equivalentClass)+ ?super .
        FILTER(isIRI(?super) && ?super != ?class && ?super != owl:Thing)
    }""",
    # prp-spo1, prp-eqp1/2, scm-spo: a statement with a property holds for its super-properties.
    "property hierarchy": """CONSTRUCT { ?s ?super ?o } WHERE {
        ?p (rdfs:subPropertyOf|owl:equivalentProperty|^owl:equivalentProperty)+ ?super .
        FILTER(isIRI(?super) && ?super != ?p)
        ?s ?p ?o .
    }""",
    # prp-inv1/2
    "inverse properties": """CONSTRUCT { ?o ?q ?s } WHERE {
        { ?p owl:inverseOf ?q } UNION { ?q owl:inverseOf ?p }
        FILTER(isIRI(?q))
        ?s ?p ?o .
        FILTER(!isLiteral(?o))
    }""",
    # prp-symp
    "symmetric properties": """CONSTRUCT { ?o ?p ?s } WHERE {
        ?p a owl:SymmetricProperty .
        ?s ?p ?o .
        FILTER(!isLiteral(?o))
    }""",
    # prp-dom (named classes only: a union domain says nothing a query can use)
    "domains": """CONSTRUCT { ?s a ?class } WHERE {
        ?p rdfs:domain ?class . FILTER(isIRI(?class))
        ?s ?p ?o .
    }""",
    # prp-rng
    "ranges": """CONSTRUCT { ?o a ?class } WHERE {
        ?p rdfs:range ?class . FILTER(isIRI(?class))
        ?p a owl:ObjectProperty .
        ?s ?p ?o . FILTER(!isLiteral(?o))
    }""",
    # prp-spo2 for chains of two properties (all the chains the ontology has).
    "property chains": """CONSTRUCT { ?x ?p ?z } WHERE {
        ?p owl:propertyChainAxiom ?chain .
        ?chain rdf:first ?first ; rdf:rest ?rest .
        ?rest rdf:first ?second ; rdf:rest rdf:nil .
        ?x ?first ?y . ?y ?second ?z .
    }""",
    # cls-svf1/2 and cls-hv2, for restrictions that are sub- or equivalent classes of a class.
    "defined classes": """CONSTRUCT { ?x a ?class } WHERE {
        { ?restriction rdfs:subClassOf ?class } UNION { ?class owl:equivalentClass ?restriction }
        FILTER(isIRI(?class))
        ?restriction owl:onProperty ?p .
        {
            ?restriction owl:someValuesFrom ?filler .
            ?x ?p ?y .
            FILTER(?filler = owl:Thing || EXISTS { ?y a ?filler })
        } UNION {
            ?restriction owl:hasValue ?value .
            ?x ?p ?value .
        }
    }""",
    # Not OWL: the country concept whose notation is the ISO 3166-1 code a description states.
    "countries from codes": """CONSTRUCT { ?x oikg:country ?country } WHERE {
        ?x oikg:countryCode ?code .
        ?country skos:inScheme <https://w3id.org/oikg/id/country> ; skos:notation ?notation .
        FILTER(STR(?notation) = STR(?code))
    }""",
}

_REASONED_GRAPHS = (iris.ONTOLOGY_GRAPH, iris.DATA_GRAPH)
_TRIVIAL_TYPES = {OWL + "Thing", RDFS + "Resource"}


@dataclass(frozen=True)
class Inference:
    """What reasoning added, and what it cost."""

    triples: int
    rounds: int
    seconds: float


def _useful(triple: Triple) -> bool:
    """Keep what a query can use: drop types that are anonymous classes or trivial."""
    if triple.predicate.value == RDF_TYPE:
        return isinstance(triple.object, NamedNode) and triple.object.value not in _TRIVIAL_TYPES
    return not isinstance(triple.object, BlankNode) or isinstance(triple.subject, BlankNode)


def materialise(store: Store, graphs: tuple[str, ...] | None = None) -> Inference:
    """(Re)compute the inferred graph from the ontology and the data graphs in `store`.

    `graphs` are the graphs reasoned over (default: ontology and data, plus every other graph
    that `kgserver load` filled); the shapes and metadata graphs never take part.
    """
    started = time.perf_counter()
    inferred = NamedNode(iris.INFERRED_GRAPH)
    if store.contains_named_graph(inferred):
        store.remove_graph(inferred)
    sources = graphs or _source_graphs(store)
    scratch = Store()
    scratch.extend(
        Quad(q.subject, q.predicate, q.object)
        for graph in sources
        for q in store.quads_for_pattern(None, None, None, NamedNode(graph))
    )
    known = {q.triple for q in scratch}
    added: list[Triple] = []
    rounds = 0
    while True:
        rounds += 1
        new: set[Triple] = set()
        for rule in RULES.values():
            for triple in scratch.query(_PREFIXES + rule):  # type: ignore[union-attr]
                if triple not in known and triple not in new:
                    new.add(triple)
        if not new:
            break
        known |= new
        scratch.extend(Quad(t.subject, t.predicate, t.object) for t in new)
        added.extend(t for t in new if _useful(t))
    store.extend(Quad(t.subject, t.predicate, t.object, inferred) for t in added)
    return Inference(len(added), rounds, time.perf_counter() - started)


def _source_graphs(store: Store) -> tuple[str, ...]:
    excluded = {iris.SHAPES_GRAPH, iris.META_GRAPH, iris.INFERRED_GRAPH}
    named = {g.value for g in store.named_graphs() if isinstance(g, NamedNode)}
    return tuple(sorted(named - excluded))
