"""The IRIs the graph mints, in one place (see CONTRACT.md, "IRIs")."""

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
