"""Full-text search with relevance ranking, facets with counts, and pagination, over the catalogue.

Ranking: each word of the query must occur (as a word, a word's prefix, or — from three
letters — inside a word) in an entity's name, alternative names or description; a match in
the name weighs most, then alternative names, then the description, and whole-word matches
weigh more than prefixes. An exact or leading match of the whole query in the name adds a
bonus. Ties go alphabetically. Accents and case are ignored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from kgserver.catalogue.entities import Catalogue, Entity
from kgserver.catalogue.facets import FACETS, facet_values
from kgserver.catalogue.labels import fold

PAGE_SIZE = 20
WEIGHTS = {"label": 10.0, "alt": 6.0, "description": 1.0}


@dataclass(frozen=True)
class Hit:
    entity: Entity
    score: float


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetCounts:
    key: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResult:
    hits: list[Hit]
    facets: list[FacetCounts] = field(default_factory=list)
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def total(self) -> int:
        return len(self.hits)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def shown(self) -> list[Hit]:
        start = (self.page - 1) * self.page_size
        return self.hits[start : start + self.page_size]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


class SearchIndex:
    """The words and facet values of every entity of a catalogue, computed once per version."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.words = {
            iri: {
                "label": _words(e.label),
                "alt": _words(" ".join(e.alt_labels)),
                "description": _words(e.description),
            }
            for iri, e in catalogue.entities.items()
        }
        self.facets = {
            iri: {spec.key: facet_values(entity, catalogue, spec) for spec in FACETS}
            for iri, entity in catalogue.entities.items()
        }

    def search(
        self,
        query: str = "",
        filters: dict[str, list[str]] | None = None,
        page: int = 1,
        any_word: bool = False,
    ) -> SearchResult:
        """Entities matching `query` and every facet filter, best first, with facet counts."""
        return search(self, query, filters, page, any_word)


def score(entity: Entity, fields: dict[str, list[str]], words: list[str], any_word: bool) -> float:
    """The relevance of `entity` to the query words; 0 when it does not match."""
    total = 0.0
    matched = 0
    for word in words:
        best = 0.0
        for name, tokens in fields.items():
            weight = WEIGHTS[name]
            for token in tokens:
                if token == word:
                    best = max(best, weight)
                elif token.startswith(word):
                    best = max(best, weight * 0.6)
                elif len(word) >= 3 and word in token:
                    best = max(best, weight * 0.3)
        if best == 0.0 and not any_word:
            return 0.0
        matched += best > 0
        total += best
    if not matched:
        return 0.0
    phrase, label = " ".join(words), " ".join(fields["label"])
    if label == phrase:
        total += 50
    elif label.startswith(phrase):
        total += 15
    elif phrase in label:
        total += 10
    return total


def search(
    index: SearchIndex,
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    page: int = 1,
    any_word: bool = False,
) -> SearchResult:
    """Entities matching `query` and every facet filter, best first, with facet counts."""
    filters = {k: v for k, v in (filters or {}).items() if v}
    words = _words(query)
    catalogue, facets_of = index.catalogue, index.facets
    hits: list[Hit] = []
    counts: dict[str, Counter[tuple[str, str]]] = {spec.key: Counter() for spec in FACETS}
    for iri, entity in catalogue.entities.items():
        relevance = score(entity, index.words[iri], words, any_word) if words else 1.0
        if relevance <= 0:
            continue
        own = facets_of[iri]
        if any(
            not {k for k, _ in own[key]} & set(wanted)
            for key, wanted in filters.items()
            if key in own
        ):
            continue
        hits.append(Hit(entity, relevance))
        for key, values in own.items():
            counts[key].update(values)
    hits.sort(key=lambda h: (-h.score, h.entity.sort_key, h.entity.iri))
    facets = [
        FacetCounts(
            spec.key,
            spec.label,
            [
                FacetValue(key, label, n, key in filters.get(spec.key, ()))
                for (key, label), n in sorted(
                    counts[spec.key].items(), key=lambda i: (-i[1], i[0][1].casefold())
                )
            ],
        )
        for spec in FACETS
        if counts[spec.key] or filters.get(spec.key)
    ]
    result = SearchResult(hits, facets)
    result.page = min(max(1, page), result.pages)
    return result
