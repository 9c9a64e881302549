"""The IRIs the graph mints, in one place (docs/contract.md, "IRIs")."""

from __future__ import annotations

BASE = "https://w3id.org/oikg/"
ONTOLOGY = BASE + "ontology"
ONTOLOGY_NS = ONTOLOGY + "#"
SHAPES = BASE + "shapes"
ENTITY_BASE = BASE + "id/"

# Named graphs: the graph IRI says where a triple came from.
ONTOLOGY_GRAPH = ONTOLOGY
SHAPES_GRAPH = SHAPES
DATA_GRAPH = BASE + "graph/data"
META_GRAPH = BASE + "graph/meta"
INFERRED_GRAPH = BASE + "graph/inferred"

DATASET = BASE + "dataset"


def is_entity(iri: str) -> bool:
    """An entity is an IRI minted under /id/ without a fragment.

    A fragment IRI (`…/id/infrastructure/dryad#practice-bylaws`) is part of its base entity's
    description, as a blank node would be: it has no page, sitemap entry or search hit of its own.
    """
    return iri.startswith(ENTITY_BASE) and "#" not in iri and len(iri) > len(ENTITY_BASE)


def is_part(iri: str) -> bool:
    """A fragment IRI under /id/: a node described with its base entity."""
    return iri.startswith(ENTITY_BASE) and "#" in iri


def entity_of(iri: str) -> str:
    """The entity an IRI under /id/ belongs to: itself, or the base of a fragment IRI."""
    return iri.split("#", 1)[0]
