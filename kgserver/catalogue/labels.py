"""How things are named for people: which properties label, describe and alias an entity,
the words for the few foreign terms every page shows, and names made from IRIs."""

from __future__ import annotations

import re
import unicodedata

from kgserver.rdf.namespaces import DCTERMS, FOAF, OIKG, OWL, RDF_TYPE, RDFS, SCHEMA, SKOS

LABEL_PROPERTIES = (RDFS + "label", SKOS + "prefLabel", SCHEMA + "name", DCTERMS + "title")
ALT_LABEL_PROPERTIES = (
    SKOS + "altLabel",
    SCHEMA + "alternateName",
    OIKG + "alternativeName",
    OIKG + "alternateName",
    OIKG + "acronym",
)
DESCRIPTION_PROPERTIES = (DCTERMS + "description", SKOS + "definition", RDFS + "comment")
HIERARCHY = (
    RDFS + "subClassOf",
    RDFS + "subPropertyOf",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
)
"""The statements that place a class or property under another (for schema.org mappings)."""

# Labels for the handful of terms from other vocabularies that every description uses; the
# graph's own terms take their labels from the ontology (rdfs:label), whatever it defines.
KNOWN_LABELS = {
    RDF_TYPE: "type",
    RDFS + "label": "name",
    RDFS + "comment": "comment",
    RDFS + "seeAlso": "see also",
    SKOS + "prefLabel": "name",
    SKOS + "altLabel": "also known as",
    SKOS + "definition": "definition",
    SKOS + "inScheme": "in scheme",
    DCTERMS + "description": "description",
    DCTERMS + "source": "source",
    DCTERMS + "modified": "last modified",
    DCTERMS + "created": "created",
    DCTERMS + "license": "licence",
    DCTERMS + "title": "title",
    FOAF + "homepage": "homepage",
    OWL + "sameAs": "same as",
}

# Names for statements read backwards, for properties the ontology gives no owl:inverseOf.
KNOWN_INVERSE_LABELS = {
    SKOS + "inScheme": "concepts",
    SKOS + "topConceptOf": "top concepts",
    SKOS + "broader": "narrower",
    SKOS + "narrower": "broader",
}


def local_name(iri: str) -> str:
    """The last segment of an IRI, with camelCase split into words."""
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", tail).replace("_", " ").lower()


def fold(text: str) -> str:
    """Lower-case and strip accents, so `Zürich` sorts and matches as `zurich`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
