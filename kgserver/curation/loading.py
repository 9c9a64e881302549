"""The only way data enters a store: parsed, validated against the shapes, then written.

Nothing is written when any file fails to parse (`InputError`) or the data fails to validate
(`ValidationFailed`, with the report), so invalid data never reaches the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pyoxigraph import Quad, Store

from kgserver.curation.in_context import validate_contribution
from kgserver.curation.validation import ValidationReport, validate
from kgserver.errors import StoreError, ValidationFailed
from kgserver.rdf import iris
from kgserver.rdf.files import parse_file, read_bytes
from kgserver.store.bundle import Dataset, ProgressFn, read_bundle
from kgserver.store.graphs import data_quads, quads_in
from kgserver.store.opening import is_empty
from kgserver.store.writing import add_quads, write_bundle


def validate_dataset(dataset: Dataset) -> ValidationReport:
    """Validate the bundled data against the bundled shapes, with the ontology."""
    return validate(dataset.data, dataset.shapes, dataset.ontology)


def build(
    store: Store, bundle_dir: Path, progress: ProgressFn | None = None, check: bool = True
) -> Dataset:
    """Read, validate and load the bundle into an empty store; nothing is written on failure."""
    if not is_empty(store):
        raise StoreError("the store is not empty; build the bundled graph into an empty store")
    dataset = read_bundle(bundle_dir, progress)
    if check:
        report = validate_dataset(dataset)
        if not report.conforms:
            raise ValidationFailed(report)
    write_bundle(store, dataset)
    return dataset


def load_files(
    store: Store,
    files: Sequence[Path],
    graph: str = iris.DATA_GRAPH,
    check: bool = True,
    progress: ProgressFn | None = None,
) -> int:
    """Parse, validate in context and add `files` in one transaction; returns quads added.

    Every file is parsed and the whole contribution validated before anything is written, so
    a bad file leaves the store exactly as it was.
    """
    quads: list[Quad] = []
    hashed: list[tuple[str, bytes]] = []
    for index, path in enumerate(files, start=1):
        content = read_bytes(path)
        quads.extend(parse_file(path, graph, content))
        hashed.append((path.name, content))
        if progress:
            progress(index, len(files), str(path))
    if check:
        report = validate_in_store(store, quads)
        if not report.conforms:
            raise ValidationFailed(report)
    add_quads(store, quads, hashed)
    return len(quads)


def validate_in_store(
    store: Store, contribution: Sequence[Quad], replaces: bool = False
) -> ValidationReport:
    """Validate new quads together with the store's data, with the store's shapes."""
    return validate_contribution(
        data_quads(store),
        contribution,
        quads_in(store, iris.SHAPES_GRAPH),
        quads_in(store, iris.ONTOLOGY_GRAPH),
        replaces,
    )
