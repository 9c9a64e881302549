"""The VoID + DCAT description of the dataset (VoID §3, DCAT 3 §6), served at /.well-known/void."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kgserver.catalogue.entities import Catalogue
from kgserver.linked_data.dumps import DatasetFacts
from kgserver.rdf import iris, namespaces
from kgserver.rdf.formats import JSON_LD, N_QUADS, N_TRIPLES, RDF_XML, TURTLE
from kgserver.rdf.namespaces import DCAT, DCTERMS, FOAF, OWL, RDFS, SKOS, SPDX, VOID, XSD, prefixes
from kgserver.rdf.urls import Urls

RDF_TYPE = NamedNode(namespaces.RDF_TYPE)
RDFS_SEE_ALSO = NamedNode(RDFS + "seeAlso")
OWL_VERSION_INFO = NamedNode(OWL + "versionInfo")
IANA = "https://www.iana.org/assignments/media-types/"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
SOURCES = (
    "https://github.com/investinopen/infra-finder",
    "https://github.com/investinopen/state_of_open_funding_data_processing",
)
VOID_PREFIXES = prefixes("void", "dcat", "dcterms", "foaf", "spdx", "xsd", "owl", "rdfs", "oikg")
DUMP_FORMATS = (TURTLE, N_TRIPLES, N_QUADS, JSON_LD, RDF_XML)
"""The formats the dumps and descriptions come in (VoID's void:feature)."""
EXAMPLES = 3


def _n(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def _en(text: str) -> Literal:
    return Literal(text, language="en")


def _date(value: str) -> Literal:
    kind = "dateTime" if "T" in value else "date"
    return Literal(value, datatype=NamedNode(XSD + kind))


def void_description(facts: DatasetFacts, catalogue: Catalogue, urls: Urls) -> list[Triple]:
    """The dataset, its partitions, its SPARQL endpoint and its dumps with size and checksum."""
    dataset = NamedNode(iris.DATASET)
    out: list[Triple] = []

    def add(
        s: NamedNode | BlankNode, p: str | NamedNode, o: NamedNode | BlankNode | Literal
    ) -> None:
        out.append(Triple(s, p if isinstance(p, NamedNode) else NamedNode(p), o))

    add(dataset, RDF_TYPE, NamedNode(VOID + "Dataset"))
    add(dataset, RDF_TYPE, NamedNode(DCAT + "Dataset"))
    add(dataset, DCTERMS + "title", _en("Open Infrastructure Knowledge Graph"))
    add(
        dataset,
        DCTERMS + "description",
        _en(
            "The infrastructures that research and scholarship run on, the organisations that "
            "host them, the standards they implement and the funders and grants that sustain them; "
            "every entity cites its sources."
        ),
    )
    add(dataset, DCTERMS + "license", NamedNode(CC0))
    add(
        dataset,
        DCTERMS + "rights",
        _en(
            "Curated data: CC0 1.0. The ontology: CC BY 4.0. Records derived from Invest in Open "
            "Infrastructure's Infra Finder (MIT licence) and State of Open Infrastructure funding "
            "tables; please credit them and cite the sources named on each entity."
        ),
    )
    for source in SOURCES:
        add(dataset, DCTERMS + "source", NamedNode(source))
    publisher = BlankNode()
    add(dataset, DCTERMS + "publisher", publisher)
    add(publisher, RDF_TYPE, NamedNode(FOAF + "Organization"))
    add(publisher, FOAF + "name", Literal("The Open Infrastructure Knowledge Graph contributors"))
    add(publisher, FOAF + "homepage", NamedNode(urls.path("/")))
    created = min((e.modified for e in catalogue.entities.values() if e.modified), default="")
    if created:
        add(dataset, DCTERMS + "created", _date(created[:10]))
    if catalogue.modified:
        add(dataset, DCTERMS + "modified", _date(catalogue.modified))
    add(dataset, OWL_VERSION_INFO, Literal(facts.version))
    add(dataset, DCAT + "version", Literal(facts.version))
    add(dataset, FOAF + "homepage", NamedNode(urls.path("/")))
    add(dataset, DCAT + "landingPage", NamedNode(urls.path("/")))
    add(dataset, VOID + "triples", _n(facts.triples))
    add(dataset, VOID + "entities", _n(len(catalogue.entities)))
    add(dataset, VOID + "distinctSubjects", _n(facts.distinct_subjects))
    add(dataset, VOID + "distinctObjects", _n(facts.distinct_objects))
    add(dataset, VOID + "classes", _n(len(facts.classes)))
    add(dataset, VOID + "properties", _n(len(facts.properties)))
    add(dataset, VOID + "uriSpace", Literal(iris.ENTITY_BASE))
    add(dataset, VOID + "uriRegexPattern", Literal("^" + iris.ENTITY_BASE.replace(".", r"\.")))
    add(dataset, VOID + "rootResource", NamedNode(iris.ENTITY_BASE + "category"))
    add(dataset, VOID + "sparqlEndpoint", NamedNode(urls.path("/sparql")))
    for vocabulary in (iris.ONTOLOGY_NS, DCTERMS, FOAF, SKOS):
        add(dataset, VOID + "vocabulary", NamedNode(vocabulary))
    for fmt in DUMP_FORMATS:
        add(dataset, VOID + "feature", NamedNode(fmt.w3c_iri))
    infrastructures = catalogue.of_type(iris.ONTOLOGY_NS + "Infrastructure")
    for entity in infrastructures[:EXAMPLES]:
        add(dataset, VOID + "exampleResource", NamedNode(entity.iri))
    for class_iri, count in sorted(facts.classes.items()):
        partition = BlankNode()
        add(dataset, VOID + "classPartition", partition)
        add(partition, VOID + "class", NamedNode(class_iri))
        add(partition, VOID + "entities", _n(count))
    for property_iri, count in sorted(facts.properties.items()):
        partition = BlankNode()
        add(dataset, VOID + "propertyPartition", partition)
        add(partition, VOID + "property", NamedNode(property_iri))
        add(partition, VOID + "triples", _n(count))
    service = BlankNode()
    add(dataset, DCAT + "accessService", service)
    add(service, RDF_TYPE, NamedNode(DCAT + "DataService"))
    add(service, DCAT + "endpointURL", NamedNode(urls.path("/sparql")))
    add(service, DCAT + "servesDataset", dataset)
    add(dataset, RDFS_SEE_ALSO, NamedNode(urls.path("/changes")))
    add(dataset, RDFS_SEE_ALSO, NamedNode(urls.path("/sitemap.xml")))
    for dump in facts.dumps.values():
        url = NamedNode(urls.path(f"/dumps/{dump.name}"))
        add(dataset, VOID + "dataDump", url)
        add(dataset, DCAT + "distribution", url)
        add(url, RDF_TYPE, NamedNode(DCAT + "Distribution"))
        add(url, DCTERMS + "title", _en(dump.title))
        add(url, DCAT + "downloadURL", url)
        add(url, DCAT + "accessURL", url)
        add(url, DCAT + "mediaType", NamedNode(IANA + dump.format.media_type))
        if dump.gzipped:
            add(url, DCAT + "compressFormat", NamedNode(IANA + "application/gzip"))
        add(
            url,
            DCAT + "byteSize",
            Literal(str(dump.size), datatype=NamedNode(XSD + "nonNegativeInteger")),
        )
        add(url, DCTERMS + "license", NamedNode(CC0))
        if catalogue.modified:
            add(url, DCTERMS + "modified", _date(catalogue.modified))
        checksum = BlankNode()
        add(url, SPDX + "checksum", checksum)
        add(checksum, RDF_TYPE, NamedNode(SPDX + "Checksum"))
        add(checksum, SPDX + "algorithm", NamedNode(SPDX + "checksumAlgorithm_sha256"))
        add(
            checksum,
            SPDX + "checksumValue",
            Literal(dump.sha256, datatype=NamedNode(XSD + "hexBinary")),
        )
    return out
