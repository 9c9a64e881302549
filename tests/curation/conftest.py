"""Fixtures shared by the curation tests."""

from __future__ import annotations

import pytest

from kgserver.curation.validation import ValidationReport, validate
from kgserver.store.bundle import Dataset


@pytest.fixture(scope="session")
def whole(dataset: Dataset) -> ValidationReport:
    """The whole bundled graph, validated with plain targets: the reference for the slices."""
    return validate(dataset.data, dataset.shapes, dataset.ontology)
