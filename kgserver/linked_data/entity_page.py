"""The view model of an entity page, built from its description and the ontology's labels.

Nothing here names today's properties: every statement becomes a row labelled by the
ontology, so properties the ontology gains later appear on the pages without code changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kgserver.catalogue.display import Row, Value
from kgserver.catalogue.entities import Catalogue
from kgserver.catalogue.labels import DESCRIPTION_PROPERTIES, LABEL_PROPERTIES, local_name
from kgserver.rdf import iris
from kgserver.rdf.namespaces import DCTERMS, FOAF, OIKG, RDF_TYPE, SCHEMA
from kgserver.rdf.urls import Urls, is_web_link

SOURCE = DCTERMS + "source"
CATEGORY = OIKG + "category"
MODIFIED = DCTERMS + "modified"
# Hosts whose IRIs are identifiers in a registry: shown as "external identifiers".
IDENTIFIER_HOSTS = {
    "www.wikidata.org": "Wikidata",
    "wikidata.org": "Wikidata",
    "ror.org": "ROR",
    "orcid.org": "ORCID",
    "isni.org": "ISNI",
    "viaf.org": "VIAF",
    "www.re3data.org": "re3data",
    "fairsharing.org": "FAIRsharing",
    "doi.org": "DOI",
    "explore.openaire.eu": "OpenAIRE",
    "spdx.org": "SPDX",
}
SCHEMA_OF = {
    DCTERMS + "description": "description",
    FOAF + "homepage": "url",
    MODIFIED: "dateModified",
    SOURCE: "isBasedOn",
    DCTERMS + "license": "license",
    OIKG + "foundingYear": "foundingDate",
}
SELF_EVIDENT_TYPES = (
    "#string",
    "#langString",
    "#gYear",
    "#date",
    "#dateTime",
    "#decimal",
    "#integer",
    "#anyURI",
)
_SHOWN_APART = {RDF_TYPE, SOURCE, MODIFIED, *LABEL_PROPERTIES}


@dataclass
class EntityPage:
    iri: str
    title: str
    types: list[Value]
    categories: list[Value]
    description: str
    rows: list[Row]
    incoming: list[Row]
    identifiers: list[Value]
    sources: list[Value]
    modified: str
    schema_org: dict[str, Any] = field(default_factory=dict)


def _text(term: object) -> str:
    """The lexical form of an IRI or literal ('' for blank nodes and quoted triples)."""
    return term.value if isinstance(term, NamedNode | Literal) else ""


def identifier_registry(iri: str) -> str | None:
    parts = urlsplit(iri)
    if parts.netloc.lower() == "doi.org" and parts.path.startswith("/10.13039/"):
        return "Crossref Funder Registry"  # DOIs under 10.13039 are Crossref Funder IDs
    return IDENTIFIER_HOSTS.get(parts.netloc.lower())


class _Builder:
    def __init__(self, triples: list[Triple], catalogue: Catalogue, urls: Urls) -> None:
        self.catalogue = catalogue
        self.urls = urls
        self.by_subject: dict[object, list[Triple]] = defaultdict(list)
        self.labels: dict[str, str] = {}
        for triple in triples:
            self.by_subject[triple.subject].append(triple)
            if (
                triple.predicate.value in LABEL_PROPERTIES
                and isinstance(triple.subject, NamedNode)
                and isinstance(triple.object, Literal)
                and (triple.object.language in (None, "en"))
            ):
                self.labels.setdefault(triple.subject.value, triple.object.value)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or self.catalogue.label(iri)

    def type_value(self, class_iri: str) -> Value:
        """A class by its label, linked to the ontology's page or to the vocabulary's."""
        href = self.urls.href(class_iri) if is_web_link(class_iri) else ""
        return Value(self.label(class_iri), "entity" if href else "literal", href)

    def value(self, term: object, depth: int = 0) -> Value:
        if isinstance(term, NamedNode) and iris.is_part(term.value) and term in self.by_subject:
            # A fragment IRI described with this entity: shown in place, as a blank node is.
            rows = self.rows(self.by_subject[term], depth + 1) if depth < 4 else []
            return Value("", "node", rows=tuple(rows))
        if isinstance(term, NamedNode):
            if term.value.startswith(iris.BASE):
                return Value(self.label(term.value), "entity", self.urls.href(term.value))
            if not is_web_link(term.value):
                return Value(term.value, "literal")
            return Value(term.value, "link", term.value)
        if isinstance(term, BlankNode):
            rows = self.rows(self.by_subject.get(term, []), depth + 1) if depth < 4 else []
            return Value("", "node", rows=tuple(rows))
        assert isinstance(term, Literal)
        # The pages are in English: only other languages are worth a note.
        note = f"@{term.language}" if term.language and term.language != "en" else ""
        datatype = term.datatype.value
        if not note and not datatype.endswith(SELF_EVIDENT_TYPES):
            note = local_name(datatype)
        return Value(term.value, "literal", note=note)

    def rows(
        self, triples: list[Triple], depth: int = 0, skip: frozenset[str] = frozenset()
    ) -> list[Row]:
        grouped: dict[str, list[Value]] = defaultdict(list)
        for triple in triples:
            if triple.predicate.value not in skip:
                grouped[triple.predicate.value].append(self.value(triple.object, depth))
        rows = [
            Row(p, self.catalogue.label(p), tuple(sorted(vs, key=lambda v: v.text.casefold())))
            for p, vs in grouped.items()
        ]
        return sorted(rows, key=lambda r: r.label)


def entity_page(iri: str, triples: list[Triple], catalogue: Catalogue, urls: Urls) -> EntityPage:
    """The page model of `iri` from its description `triples`."""
    builder = _Builder(triples, catalogue, urls)
    subject = NamedNode(iri)
    own = builder.by_subject.get(subject, [])
    descriptions = [t for t in own if t.predicate.value in DESCRIPTION_PROPERTIES]
    description_predicate = descriptions[0].predicate.value if descriptions else ""
    identifiers: list[Value] = []
    shown: list[Triple] = []
    for triple in own:
        obj = triple.object
        registry = identifier_registry(obj.value) if isinstance(obj, NamedNode) else None
        if registry and triple.predicate.value != SOURCE:
            identifiers.append(Value(_text(obj), "link", _text(obj), note=registry))
        elif triple.predicate.value not in _SHOWN_APART | {description_predicate}:
            shown.append(triple)
    categories = [builder.value(t.object) for t in shown if t.predicate.value == CATEGORY]
    rows = builder.rows([t for t in shown if t.predicate.value != CATEGORY])
    return EntityPage(
        iri=iri,
        title=builder.label(iri),
        categories=sorted(categories, key=lambda v: v.text.casefold()),
        types=[builder.type_value(_text(t.object)) for t in own if t.predicate.value == RDF_TYPE],
        description=next((_text(t.object) for t in descriptions), ""),
        rows=rows,
        incoming=_incoming(builder, subject, rows),
        identifiers=sorted(identifiers, key=lambda v: v.text),
        sources=sorted(
            (builder.value(t.object) for t in own if t.predicate.value == SOURCE),
            key=lambda v: v.text,
        ),
        modified=max((_text(t.object) for t in own if t.predicate.value == MODIFIED), default=""),
        schema_org=_schema_org(iri, own, builder),
    )


def _incoming(builder: _Builder, subject: NamedNode, own_rows: list[Row]) -> list[Row]:
    """Incoming relations grouped by property, named by the inverse property when there is one."""
    inverse_of = dict(builder.catalogue.inverses)
    inverse_of.update({b: a for a, b in builder.catalogue.inverses.items()})
    already = {(r.predicate, v.href) for r in own_rows for v in r.values}
    grouped: dict[tuple[str, str], list[Value]] = defaultdict(list)
    for triples in builder.by_subject.values():
        for triple in triples:
            if triple.object != subject or not isinstance(triple.subject, NamedNode):
                continue
            if iris.is_part(triple.subject.value):  # an n-ary fact, not an entity, links here
                continue
            predicate = triple.predicate.value
            inverse = inverse_of.get(predicate)
            value = builder.value(triple.subject)
            if inverse and (inverse, value.href) in already:
                continue
            label = builder.catalogue.inverse_label(predicate)
            grouped[(inverse or predicate, label)].append(value)
    return sorted(
        (
            Row(p, label, tuple(sorted(vs, key=lambda v: v.text.casefold())))
            for (p, label), vs in grouped.items()
        ),
        key=lambda r: r.label,
    )


def _schema_org(iri: str, own: list[Triple], builder: _Builder) -> dict[str, Any]:
    """schema.org JSON-LD for search engines, mapped through the ontology's schema: parents."""
    schema = builder.catalogue.schema_terms
    types = sorted(
        {
            schema[_text(t.object)].removeprefix(SCHEMA)
            for t in own
            if t.predicate.value == RDF_TYPE and _text(t.object) in schema
        }
    )
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@id": iri,
        "@type": types or ["Thing"],
        "name": builder.label(iri),
    }
    for triple in own:
        predicate = triple.predicate.value
        key = SCHEMA_OF.get(predicate) or schema.get(predicate, "").removeprefix(SCHEMA)
        if not key or key in ("name",) or isinstance(triple.object, BlankNode):
            continue
        if isinstance(triple.object, NamedNode) and iris.is_part(triple.object.value):
            continue
        obj = triple.object
        if isinstance(obj, NamedNode) and obj.value.startswith(iris.BASE):
            item: Any = {"@id": obj.value, "name": builder.label(obj.value)}
        elif isinstance(obj, NamedNode) and not is_web_link(obj.value):
            continue
        else:
            item = _text(obj)
        existing = document.get(key)
        if existing is None:
            document[key] = item
        elif isinstance(existing, list):
            existing.append(item)
        else:
            document[key] = [existing, item]
    return document
