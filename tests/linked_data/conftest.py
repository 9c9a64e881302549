"""Fixtures shared by the linked-data tests: the bundled store's snapshot and links."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from kgserver.catalogue.snapshot import Snapshot, build_snapshot
from kgserver.rdf.urls import Urls


@pytest.fixture(scope="session")
def snapshot(store: Store) -> Snapshot:
    """The catalogue of the bundled store, with a change log that starts with it."""
    return build_snapshot(store, None, None)


@pytest.fixture(scope="session")
def urls() -> Urls:
    return Urls.at("http://testserver/")
