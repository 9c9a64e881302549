"""The documents of an entity IRI: which formats it answers in, the suffix URLs that name one
format, and the entities a reader may have meant when an IRI names none (Cool URIs practice)."""

from __future__ import annotations

import difflib
from collections.abc import Container, Mapping

from kgserver.catalogue.entities import Entity
from kgserver.catalogue.snapshot import Snapshot
from kgserver.rdf import iris
from kgserver.rdf.formats import GRAPH_FORMATS, HTML, Format

ENTITY_FORMATS: tuple[Format, ...] = (HTML, *GRAPH_FORMATS)
BY_EXTENSION = {fmt.extension: fmt for fmt in ENTITY_FORMATS}


class Slugs(Container[str]):
    """The paths under /id/ that name entities, looked up without building a set per request."""

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        self.entities = entities

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and iris.ENTITY_BASE + slug in self.entities


def split_format(path: str, known: Container[str]) -> tuple[str, Format | None]:
    """`infrastructure/zenodo.ttl` → (`infrastructure/zenodo`, Turtle) when the stem is known."""
    if path in known:
        return path, None
    stem, dot, extension = path.rpartition(".")
    if dot and extension in BY_EXTENSION and stem in known:
        return stem, BY_EXTENSION[extension]
    return path, None


def suggest(snapshot: Snapshot, path: str, limit: int = 8) -> tuple[str, list[Entity]]:
    """The words of an unknown path, and the entities the client may have meant: near-identical
    paths first, then name matches of those words."""
    words = " ".join(path.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").split())
    entities = {e.slug: e for e in snapshot.catalogue.entities.values()}
    close = difflib.get_close_matches(path, list(entities), n=limit, cutoff=0.75)
    found = [entities[slug] for slug in close]
    found += [hit.entity for hit in snapshot.index.search(words, any_word=True).hits]
    unique = {entity.iri: entity for entity in reversed(found)}
    return words, sorted(unique.values(), key=found.index)[:limit]
