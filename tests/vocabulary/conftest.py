"""The ontology and shapes graphs as the real bundled store holds them, read once."""

from __future__ import annotations

import pytest
import rdflib
from pyoxigraph import Store

from kgserver.rdf import iris
from kgserver.vocabulary.documents import as_rdflib


@pytest.fixture(scope="session")
def ontology(store: Store) -> rdflib.Graph:
    return as_rdflib(store, iris.ONTOLOGY_GRAPH)


@pytest.fixture(scope="session")
def shapes(store: Store) -> rdflib.Graph:
    return as_rdflib(store, iris.SHAPES_GRAPH)
