"""The one table of formats: media type ↔ name ↔ file extensions ↔ Oxigraph and rdflib formats.

Negotiation (`kgserver/web/negotiation.py`), file reading (`kgserver/rdf/files.py`),
serialisation, the contribution forms and the pages that offer downloads all read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat

W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    """One serialisation: short name, media type, label, extensions and parser/serialiser names."""

    name: str
    """What `?format=` and form fields call it."""
    media_type: str
    label: str
    extensions: tuple[str, ...] = ()
    """File and URL suffixes, without the dot; the first is the one our URLs use."""
    aliases: tuple[str, ...] = ()
    """Other media types that name it."""
    oxigraph: RdfFormat | QueryResultsFormat | None = None
    rdflib: str = ""
    w3c_iri: str = ""
    """Its IRI in W3C's Unique URIs for File Formats (for VoID and service descriptions)."""
    names: tuple[str, ...] = ()
    """Other `?format=` / `?output=` values that mean it, as clients send them (SPARQLWrapper's
    `n3`, `json-ld`, `rdf+xml`; older media types). A name may stand for a results format and a
    graph format (`xml`, `json`): it is resolved among the formats offered for one response."""

    @property
    def extension(self) -> str:
        return self.extensions[0] if self.extensions else ""

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    @property
    def content_type(self) -> str:
        """The Content-Type header value (text types say their charset)."""
        if self.media_type.startswith("text/") or self.media_type.endswith("+xml"):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type

    @property
    def rdf_format(self) -> RdfFormat:
        """Oxigraph's RDF format (for parsing and serialising graphs)."""
        if not isinstance(self.oxigraph, RdfFormat):
            raise ValueError(f"{self.label} is not an RDF format")
        return self.oxigraph


SPARQL_JSON = Format(
    "json",
    "application/sparql-results+json",
    "SPARQL JSON",
    ("srj",),
    ("application/json",),
    QueryResultsFormat.JSON,
    names=("sparql-results+json", "text/javascript", "application/javascript"),
)
SPARQL_XML = Format(
    "xml",
    "application/sparql-results+xml",
    "SPARQL XML",
    ("srx",),
    ("application/xml",),
    QueryResultsFormat.XML,
    names=("sparql-results+xml", "text/xml"),
)
CSV = Format("csv", "text/csv", "CSV", ("csv",), (), QueryResultsFormat.CSV)
TSV = Format("tsv", "text/tab-separated-values", "TSV", ("tsv",), (), QueryResultsFormat.TSV)

TURTLE = Format(
    "turtle",
    "text/turtle",
    "Turtle",
    ("ttl",),
    ("application/x-turtle",),
    RdfFormat.TURTLE,
    "turtle",
    W3C_FORMATS + "Turtle",
    # N3 is a superset of Turtle: an N3 reader reads our Turtle (SPARQLWrapper's N3 does).
    names=("n3", "text/n3", "text/rdf+n3", "application/n3", "application/turtle"),
)
N_TRIPLES = Format(
    "ntriples",
    "application/n-triples",
    "N-Triples",
    ("nt",),
    (),
    RdfFormat.N_TRIPLES,
    "nt",
    W3C_FORMATS + "N-Triples",
    names=("n-triples",),
)
JSON_LD = Format(
    "jsonld",
    "application/ld+json",
    "JSON-LD",
    ("jsonld",),
    (),
    RdfFormat.JSON_LD,
    "json-ld",
    W3C_FORMATS + "JSON-LD",
    # `json` and `application/json` for a graph: the JSON a graph is written in.
    names=("json-ld", "application/x-json+ld", "json", "application/json"),
)
RDF_XML = Format(
    "rdfxml",
    "application/rdf+xml",
    "RDF/XML",
    ("rdf", "owl"),
    (),
    RdfFormat.RDF_XML,
    "xml",
    W3C_FORMATS + "RDF_XML",
    # `xml` and `application/xml` for a graph: the XML a graph is written in.
    names=("rdf+xml", "rdf/xml", "xml", "application/xml", "text/xml"),
)
N_QUADS = Format(
    "nquads",
    "application/n-quads",
    "N-Quads",
    ("nq",),
    (),
    RdfFormat.N_QUADS,
    "nquads",
    W3C_FORMATS + "N-Quads",
    names=("n-quads",),
)
TRIG = Format("trig", "application/trig", "TriG", ("trig",), (), RdfFormat.TRIG, "trig")

ROWS_JSON = Format("rows", "application/json", "JSON rows")
"""Results as a plain JSON array of objects, one per row (the stored-query API's default)."""

HTML = Format("html", "text/html", "HTML", ("html",), ("application/xhtml+xml",))
JSON = Format("json", "application/json", "JSON")
PLAIN = Format("text", "text/plain", "plain text", ("txt",))

RESULTS_FORMATS: tuple[Format, ...] = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
"""What SELECT and ASK results are written in."""
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
"""What graphs (CONSTRUCT results, descriptions, the ontology) are written in."""
DATASET_FORMATS: tuple[Format, ...] = (N_QUADS, TRIG)
ALL_FORMATS: tuple[Format, ...] = (
    *RESULTS_FORMATS,
    *GRAPH_FORMATS,
    *DATASET_FORMATS,
    ROWS_JSON,
    HTML,
    JSON,
    PLAIN,
)
"""Every format of the table: what a `?format=` value must name to be known at all."""
FILE_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, N_QUADS, TRIG, RDF_XML, JSON_LD)
"""What `kgserver load` and `kgserver validate` read, by file extension."""


FORMAT_PARAMETERS = ("format", "output", "results")
"""Query-string names that choose a response's format instead of Accept: `format` (Virtuoso,
Fuseki), `output` (Fuseki, Joseki), `results` (SPARQLWrapper sends all three)."""


def by_name(name: str, offered: Sequence[Format]) -> Format | None:
    """The offered format named by a `?format=` value: short name, extension, media type or one
    of its other names; the first offered format that answers to it."""
    wanted = name.strip().lower()
    for fmt in offered:
        if wanted in (fmt.name, fmt.extension, *fmt.media_types, *fmt.names):
            return fmt
    return None


def by_media_type(media_type: str, offered: Iterable[Format]) -> Format | None:
    """The offered format a Content-Type names (parameters ignored), or None."""
    wanted = media_type.split(";", 1)[0].strip().lower()
    return next((fmt for fmt in offered if wanted in fmt.media_types), None)


def by_extension(extension: str, offered: Iterable[Format] = FILE_FORMATS) -> Format | None:
    """The format a file extension (`.ttl`, `owl`) names, or None."""
    wanted = extension.lower().lstrip(".")
    return next((fmt for fmt in offered if wanted in fmt.extensions), None)
