"""The catalogue: every entity of the graph, read once per dataset version into plain records.

Browse, search, facets, statistics, the sitemap and the home page's counts all read these
records instead of querying the store per request. The catalogue is rebuilt when the dataset
version recorded in the store changes (a load or a contribution), so it never goes stale.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeGuard

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple

from kgserver.catalogue.labels import (
    ALT_LABEL_PROPERTIES,
    DESCRIPTION_PROPERTIES,
    HIERARCHY,
    KNOWN_INVERSE_LABELS,
    KNOWN_LABELS,
    LABEL_PROPERTIES,
    fold,
    local_name,
)
from kgserver.rdf import iris
from kgserver.rdf.namespaces import DCTERMS, OWL, RDF_TYPE, SCHEMA
from kgserver.store.version import dataset_modified, dataset_version

Term = NamedNode | Literal | BlankNode


@dataclass
class Entity:
    """One entity minted under /id/: what browse, search and the statistics need of it."""

    iri: str
    types: list[str] = field(default_factory=list)
    """The classes stated for it (what pages show)."""
    classes: list[str] = field(default_factory=list)
    """Those and the graph's own classes it has by inference (what lists and counts use)."""
    inferred: dict[str, list[Term]] = field(default_factory=dict)
    """Values of the graph's own properties that reasoning added (facets and charts use them)."""
    label: str = ""
    alt_labels: list[str] = field(default_factory=list)
    description: str = ""
    modified: str = ""
    sort_key: str = ""
    values: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))

    @property
    def slug(self) -> str:
        """The path after /id/, e.g. `infrastructure/zenodo`."""
        return self.iri[len(iris.ENTITY_BASE) :]

    def iris_of(self, predicate: str) -> list[str]:
        return [t.value for t in self.values.get(predicate, ()) if isinstance(t, NamedNode)]

    def literals_of(self, predicate: str) -> list[str]:
        return [t.value for t in self.values.get(predicate, ()) if isinstance(t, Literal)]


@dataclass
class Catalogue:
    """Every entity of one dataset version, the labels of every term, and who links to whom."""

    version: str
    modified: str
    entities: dict[str, Entity]
    labels: dict[str, str]
    inverses: dict[str, str]
    incoming: dict[str, list[tuple[str, str]]]
    triples: int
    schema_terms: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, list[Term]]] = field(default_factory=dict)

    def label(self, iri: str) -> str:
        """The human label of any IRI: the graph's own, a known one, or its local name."""
        if iri in self.labels:
            return self.labels[iri]
        if iri in KNOWN_LABELS:
            return KNOWN_LABELS[iri]
        return local_name(iri)

    def node(self, term: object) -> dict[str, list[Term]]:
        """The statements of a blank node or fragment IRI (an n-ary fact such as a practice
        assessment), which are part of the description of the entity that links to it."""
        return self.nodes.get(term.value, {}) if is_node(term) else {}

    def digest(self, entity: Entity) -> str:
        """A hash of the entity's own statements, to tell which entities changed between versions.

        Blank nodes (and fragment IRIs) are replaced by their content, so a changed practice
        assessment changes the digest of its infrastructure while fresh blank-node labels on
        reload do not.
        """
        return hashlib.sha256(self._canonical(entity.values, 0).encode()).hexdigest()[:16]

    def _canonical(self, values: dict[str, list[Term]], depth: int) -> str:
        lines = []
        for predicate, objects in values.items():
            for obj in objects:
                if is_node(obj):
                    inner = self._canonical(self.node(obj), depth + 1) if depth < 8 else ""
                    lines.append(f"{predicate} [{inner}]")
                else:
                    lines.append(f"{predicate} {obj}")
        return ("\n" if depth == 0 else " ; ").join(sorted(lines))

    def inverse_label(self, predicate: str) -> str:
        """How to name `predicate` read from object to subject: `hosts` for `hosted by`."""
        inverse = self.inverses.get(predicate) or next(
            (a for a, b in self.inverses.items() if b == predicate), None
        )
        if inverse:
            return self.label(inverse)
        if predicate in KNOWN_INVERSE_LABELS:
            return KNOWN_INVERSE_LABELS[predicate]
        label = self.label(predicate)
        # "awarded to this" reads well; a noun reads better as "has this as category".
        return f"{label} this" if " " in label else f"has this as {label}"

    def of_type(self, class_iri: str) -> list[Entity]:
        return sorted(
            (e for e in self.entities.values() if class_iri in e.classes),
            key=lambda e: e.sort_key,
        )

    def classes(self) -> list[tuple[str, int]]:
        """The classes that entities have, with how many of each, most frequent first."""
        counts: dict[str, int] = defaultdict(int)
        for entity in self.entities.values():
            for type_iri in entity.classes:
                counts[type_iri] += 1
        return sorted(counts.items(), key=lambda item: (-item[1], self.label(item[0])))


def is_node(term: object) -> TypeGuard[BlankNode | NamedNode]:
    """A blank node or fragment IRI under /id/: described as part of the entity linking to it."""
    return isinstance(term, BlankNode) or (isinstance(term, NamedNode) and iris.is_part(term.value))


def _preferred(current: str, current_lang: str, term: Literal) -> tuple[str, str]:
    """Keep an English (or untagged) label over one in another language."""
    lang = term.language or ""
    rank = {"en": 0, "": 1}
    if not current or rank.get(lang, 2) < rank.get(current_lang, 2):
        return term.value, lang
    return current, current_lang


def build_catalogue(store: Store) -> Catalogue:
    """Read every entity, label and link once; run in one thread (iterators are thread-bound)."""
    entities: dict[str, Entity] = {}
    labels: dict[str, tuple[str, str]] = {}
    descriptions: dict[str, tuple[str, str]] = {}
    inverses: dict[str, str] = {}
    parents: dict[str, list[str]] = defaultdict(list)
    incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    meta = NamedNode(iris.META_GRAPH)
    shapes = NamedNode(iris.SHAPES_GRAPH)
    inferred = NamedNode(iris.INFERRED_GRAPH)
    ontology = NamedNode(iris.ONTOLOGY_GRAPH)
    nodes: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    inferred_classes: dict[str, list[str]] = defaultdict(list)
    inferred_values: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    triples = 0
    for quad in store.quads_for_pattern(None, None, None):
        if quad.graph_name in (meta, shapes):
            continue
        if quad.graph_name == inferred:
            # Pages show what was stated. Lists, facets and charts also use what reasoning
            # adds in the graph's own terms: a funder is an organisation, a grant's funder
            # funds its recipient.
            subject, obj = quad.subject, quad.object
            if not isinstance(subject, NamedNode) or not isinstance(obj, NamedNode | Literal):
                continue
            if quad.predicate.value == RDF_TYPE:
                if obj.value.startswith(iris.ONTOLOGY_NS):
                    inferred_classes[subject.value].append(obj.value)
            elif quad.predicate.value.startswith(iris.ONTOLOGY_NS):
                inferred_values[subject.value][quad.predicate.value].append(obj)
            continue
        triples += 1
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        if isinstance(obj, Triple):
            continue
        if isinstance(subject, BlankNode):
            if quad.graph_name != ontology:
                nodes[subject.value][predicate].append(obj)
            continue
        if not isinstance(subject, NamedNode):
            continue
        key = (subject.value, predicate, str(obj))
        if key in seen:
            continue
        seen.add(key)
        s = subject.value
        if predicate in LABEL_PROPERTIES and isinstance(obj, Literal):
            labels[s] = _preferred(*labels.get(s, ("", "")), obj)
        if predicate == OWL + "inverseOf" and isinstance(obj, NamedNode):
            inverses[s] = obj.value
        if predicate in HIERARCHY and isinstance(obj, NamedNode):
            parents[s].append(obj.value)
        if iris.is_part(s):
            if quad.graph_name != ontology:
                nodes[s][predicate].append(obj)
            continue
        if not iris.is_entity(s):
            continue
        entity = entities.get(s) or entities.setdefault(s, Entity(s))
        entity.values[predicate].append(obj)
        if predicate == RDF_TYPE and isinstance(obj, NamedNode):
            entity.types.append(obj.value)
        elif predicate in ALT_LABEL_PROPERTIES and isinstance(obj, Literal):
            entity.alt_labels.append(obj.value)
        elif predicate in DESCRIPTION_PROPERTIES and isinstance(obj, Literal):
            descriptions[s] = _preferred(*descriptions.get(s, ("", "")), obj)
        elif predicate == DCTERMS + "modified" and isinstance(obj, Literal):
            entity.modified = max(entity.modified, obj.value)
        if isinstance(obj, NamedNode) and iris.is_entity(obj.value):
            incoming[obj.value].append((s, predicate))
    label_text = {iri: text for iri, (text, _) in labels.items()}
    for iri, entity in entities.items():
        entity.label = label_text.get(iri) or local_name(iri)
        entity.sort_key = fold(entity.label)
        entity.classes = list(dict.fromkeys(entity.types + inferred_classes.get(iri, [])))
        entity.inferred = dict(inferred_values.get(iri, {}))
        entity.description = descriptions.get(iri, ("", ""))[0]
    return Catalogue(
        version=dataset_version(store),
        modified=dataset_modified(store),
        entities=entities,
        labels=label_text,
        inverses=inverses,
        incoming=dict(incoming),
        triples=triples,
        schema_terms=schema_ancestors(parents),
        nodes={node: dict(values) for node, values in nodes.items()},
    )


def schema_ancestors(parents: dict[str, list[str]]) -> dict[str, str]:
    """For each class or property, its nearest schema.org ancestor (for pages' JSON-LD)."""
    found: dict[str, str] = {}
    for term in parents:
        frontier, seen = list(parents[term]), {term}
        while frontier:
            schema = next((p for p in frontier if p.startswith(SCHEMA)), None)
            if schema:
                found[term] = schema
                break
            seen.update(frontier)
            frontier = [a for p in frontier for a in parents.get(p, ()) if a not in seen]
    return found
