"""The vocabularies the graph speaks: namespace IRIs, the one prefix table, and `qname`.

Every document that declares prefixes (Turtle, compact JSON-LD, SPARQL prologues, the data
files the importers write, the pages that show terms) picks its prefixes from `PREFIXES`.
"""

from __future__ import annotations

from collections.abc import Mapping

from kgserver.rdf import iris

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
FRAPO = "http://purl.org/cerif/frapo/"
DOAP = "http://usefulinc.com/ns/doap#"
PROV = "http://www.w3.org/ns/prov#"
DCAT = "http://www.w3.org/ns/dcat#"
SH = "http://www.w3.org/ns/shacl#"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
SPDX = "http://spdx.org/rdf/terms#"
VANN = "http://purl.org/vocab/vann/"
OIKG = iris.ONTOLOGY_NS
OIKGSH = iris.SHAPES + "#"

RDF_TYPE = RDF + "type"

ENTITY_KINDS = ("infrastructure", "organization", "funder", "standard", "grant", "category")
"""The folders of data/ whose entities documents abbreviate (`infrastructure:zenodo`)."""

PREFIXES: dict[str, str] = {
    "oikg": OIKG,
    "oikgsh": OIKGSH,
    **{kind: f"{iris.ENTITY_BASE}{kind}/" for kind in ENTITY_KINDS},
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "schema": SCHEMA,
    "org": ORG,
    "frapo": FRAPO,
    "doap": DOAP,
    "prov": PROV,
    "dcat": DCAT,
    "sh": SH,
    "void": VOID,
    "sd": SD,
    "spdx": SPDX,
    "vann": VANN,
}


def prefixes(*names: str) -> dict[str, str]:
    """The prefixes `names` of the table, in the order given (a document's declarations)."""
    return {name: PREFIXES[name] for name in names}


def qname(iri: str, table: Mapping[str, str] = PREFIXES) -> str | None:
    """`oikg:hostedBy` for an IRI in a namespace of `table`, or None when none fits.

    The local part must be a plain name (a letter, then letters, digits, `_` or `-`), so the
    result is a valid prefixed name in Turtle and SPARQL.
    """
    for prefix, namespace in table.items():
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if local[:1].isalpha() and all(c.isalnum() or c in "_-" for c in local):
                return f"{prefix}:{local}"
    return None


def sparql_prologue(*names: str) -> str:
    """`PREFIX name: <namespace>` lines for a SPARQL query, one per name."""
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in names)
