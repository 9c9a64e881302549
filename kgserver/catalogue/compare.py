"""Side-by-side comparison of two to four infrastructures, driven by whatever properties exist.

Rows are the union of the compared entities' properties (and of their incoming relations,
named by the inverse property), labelled by the ontology and grouped into the sections funders
assess infrastructure by; a property the mapping does not know lands in "Other".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kgserver.catalogue.display import Row, Value
from kgserver.catalogue.entities import Catalogue, Entity, is_node
from kgserver.catalogue.labels import ALT_LABEL_PROPERTIES, LABEL_PROPERTIES, local_name
from kgserver.rdf import iris
from kgserver.rdf.namespaces import DCTERMS, FOAF, OIKG, RDF_TYPE
from kgserver.rdf.urls import Urls, is_web_link

MAX_COMPARED = 4
SECTIONS = ("Overview", "Governance", "Openness", "Funding", "Standards", "Adoption", "Other")
# The first keyword found in a property's local name decides its section.
SECTION_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("govern", "Governance"),
    ("host", "Governance"),
    ("board", "Governance"),
    ("member", "Governance"),
    ("community", "Governance"),
    ("licen", "Openness"),
    ("open", "Openness"),
    ("code", "Openness"),
    ("practice", "Openness"),
    ("fund", "Funding"),
    ("grant", "Funding"),
    ("award", "Funding"),
    ("revenue", "Funding"),
    ("budget", "Funding"),
    ("income", "Funding"),
    ("implement", "Standards"),
    ("standard", "Standards"),
    ("conform", "Standards"),
    ("adopt", "Adoption"),
    ("user", "Adoption"),
    ("usage", "Adoption"),
    ("install", "Adoption"),
)
OVERVIEW = {
    RDF_TYPE,
    DCTERMS + "description",
    FOAF + "homepage",
    OIKG + "category",
    OIKG + "foundingYear",
    OIKG + "countryCode",
}
SKIPPED = {
    RDF_TYPE,
    *LABEL_PROPERTIES,
    *ALT_LABEL_PROPERTIES,
    DCTERMS + "source",
    DCTERMS + "modified",
}


def section_of(predicate: str) -> str:
    if predicate in OVERVIEW:
        return "Overview"
    name = local_name(predicate).replace(" ", "")
    for keyword, section in SECTION_KEYWORDS:
        if keyword in name:
            return section
    return "Other"


@dataclass(frozen=True)
class CompareRow:
    label: str
    cells: list[list[Value]]
    differs: bool


@dataclass(frozen=True)
class CompareSection:
    title: str
    rows: list[CompareRow]


def _value(term: object, catalogue: Catalogue, urls: Urls, skip: str = "", depth: int = 0) -> Value:
    if isinstance(term, NamedNode) and not is_node(term):
        if term.value.startswith(iris.BASE):
            return Value(catalogue.label(term.value), "entity", urls.href(term.value))
        return Value(term.value, "link" if is_web_link(term.value) else "literal", term.value)
    if is_node(term):  # a blank node or fragment IRI: an n-ary fact shown in place
        rows = tuple(
            Row(
                p,
                catalogue.label(p),
                tuple(_value(o, catalogue, urls, "", depth + 1) for o in objs),
            )
            for p, objs in sorted(catalogue.node(term).items())
            if p not in (RDF_TYPE, skip) and depth < 3
        )
        return Value("", "node", rows=rows)
    assert isinstance(term, Literal)
    return Value(term.value)


def _facet_of_node(term: object, catalogue: Catalogue) -> tuple[str, str] | None:
    """For an n-ary fact, its kind: `oikg:practiceType` of a practice assessment, say.

    Compare shows one row per kind (one per practice), not one row holding every fact.
    """
    for predicate, objects in catalogue.node(term).items():
        if predicate != RDF_TYPE and local_name(predicate).replace(" ", "").endswith("type"):
            if len(objects) == 1 and isinstance(objects[0], NamedNode):
                return predicate, objects[0].value
    return None


def comparison(entities: list[Entity], catalogue: Catalogue, urls: Urls) -> list[CompareSection]:
    """The table, section by section; a row per property any compared entity has."""
    inverse_of = dict(catalogue.inverses)
    inverse_of.update({b: a for a, b in catalogue.inverses.items()})
    table: dict[tuple[str, str], list[list[Value]]] = {}
    labels: dict[str, str] = {}
    for column, entity in enumerate(entities):
        values: dict[str, list[Value]] = defaultdict(list)
        for predicate, terms in entity.values.items():
            if predicate in SKIPPED:
                continue
            for term in terms:
                kind = _facet_of_node(term, catalogue) if is_node(term) else None
                if kind is None:
                    values[predicate].append(_value(term, catalogue, urls))
                else:  # a row per kind, labelled by it, e.g. "code of conduct"
                    labels[f"{predicate}|{kind[1]}"] = catalogue.label(kind[1])
                    values[f"{predicate}|{kind[1]}"].append(_value(term, catalogue, urls, kind[0]))
        for subject, predicate in catalogue.incoming.get(entity.iri, ()):
            key = inverse_of.get(predicate) or f"{predicate}~"
            value = _value(NamedNode(subject), catalogue, urls)
            if value not in values[key]:
                values[key].append(value)
        for key, cell in values.items():
            label = labels.get(key) or _row_label(key, catalogue)
            row = table.setdefault((key, label), [[] for _ in entities])
            row[column] = sorted(cell, key=lambda v: v.text.casefold())
    sections: dict[str, list[CompareRow]] = defaultdict(list)
    for (key, label), cells in sorted(table.items(), key=lambda item: item[0][1]):
        texts = [tuple(v.text for v in cell) for cell in cells]
        predicate = key.rstrip("~").split("|", 1)[0]
        sections[section_of(predicate)].append(CompareRow(label, cells, len(set(texts)) > 1))
    return [CompareSection(title, sections[title]) for title in SECTIONS if sections.get(title)]


def _row_label(key: str, catalogue: Catalogue) -> str:
    if key.endswith("~"):
        return catalogue.inverse_label(key[:-1])
    return catalogue.label(key)
