"""The catalogue of the real bundled graph, built once for the catalogue's tests."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from kgserver.catalogue.entities import Catalogue, build_catalogue


@pytest.fixture(scope="session")
def catalogue(store: Store) -> Catalogue:
    return build_catalogue(store)
