"""The SPARQL 1.1 Service Description of the endpoint (W3C SPARQL 1.1 Service Description §3)."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple

from kgserver.rdf import iris, namespaces
from kgserver.rdf.formats import GRAPH_FORMATS, RESULTS_FORMATS
from kgserver.rdf.namespaces import DCTERMS, SD, VOID, XSD, prefixes

RDF_TYPE = NamedNode(namespaces.RDF_TYPE)
DCTERMS_TITLE = NamedNode(DCTERMS + "title")
TITLE = "Open Infrastructure Knowledge Graph"
XSD_INTEGER = NamedNode(XSD + "integer")
SERVICE_PREFIXES = prefixes("sd", "void")


def _sd(term: str) -> NamedNode:
    return NamedNode(SD + term)


def _count(size: int) -> Literal:
    return Literal(str(size), datatype=XSD_INTEGER)


def describe_service(endpoint: str, store: Store) -> list[Triple]:
    """Triples saying what the endpoint at `endpoint` supports and which graphs it holds."""
    service = NamedNode(endpoint)
    dataset = BlankNode()
    default_graph = BlankNode()
    triples = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), service),
        Triple(service, DCTERMS_TITLE, Literal(TITLE, language="en")),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, NamedNode(VOID + "inDataset"), NamedNode(iris.DATASET)),
        Triple(dataset, _sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, _sd("Graph")),
        Triple(default_graph, NamedNode(VOID + "triples"), _count(len(store))),
    ]
    for fmt in (*RESULTS_FORMATS, *GRAPH_FORMATS):
        if fmt.oxigraph is not None:
            triples.append(Triple(service, _sd("resultFormat"), NamedNode(fmt.oxigraph.iri)))
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        if not isinstance(graph, NamedNode):
            continue
        named, description = BlankNode(), BlankNode()
        size = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        triples += [
            Triple(dataset, _sd("namedGraph"), named),
            Triple(named, RDF_TYPE, _sd("NamedGraph")),
            Triple(named, _sd("name"), graph),
            Triple(named, _sd("graph"), description),
            Triple(description, RDF_TYPE, _sd("Graph")),
            Triple(description, NamedNode(VOID + "triples"), _count(size)),
        ]
    return triples
