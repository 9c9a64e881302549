"""The Oxigraph store: opening it, building it from the bundle, loading files into it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from kgserver import iris
from kgserver.errors import StoreError, ValidationFailed
from kgserver.graph import Dataset, ProgressFn, content_version, parse_file, read_bundle, read_bytes
from kgserver.reasoning import materialise
from kgserver.validation import ValidationReport, validate
from kgserver.validation_in_context import validate_contribution

OWL_VERSION_INFO = NamedNode("http://www.w3.org/2002/07/owl#versionInfo")
DCTERMS_MODIFIED = NamedNode("http://purl.org/dc/terms/modified")
XSD_DATETIME = NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
_DATASET = NamedNode(iris.DATASET)
_META = NamedNode(iris.META_GRAPH)
_RESERVED_GRAPHS = {iris.ONTOLOGY_GRAPH, iris.SHAPES_GRAPH, iris.META_GRAPH, iris.INFERRED_GRAPH}


def open_store(path: Path | None) -> Store:
    """An in-memory store, or the persistent one in `path` (created if missing)."""
    if path is None:
        return Store()
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a directory; --store takes a folder for the Oxigraph store")
    try:
        return Store(str(path))
    except OSError as error:
        reason = str(error)
        if "lock" in reason.lower():
            reason = "another process (a running `kgserver serve`?) has it open"
        raise StoreError(f"{path}: cannot open the store: {reason}") from error


def is_empty(store: Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None)), None) is None


def dataset_version(store: Store) -> str | None:
    """The version recorded when the store was last built or loaded into."""
    for quad in store.quads_for_pattern(_DATASET, OWL_VERSION_INFO, None, _META):
        if isinstance(quad.object, Literal):
            return quad.object.value
    return None


def _meta_quads(version: str) -> list[Quad]:
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return [
        Quad(_DATASET, OWL_VERSION_INFO, Literal(version), _META),
        Quad(_DATASET, DCTERMS_MODIFIED, Literal(now, datatype=XSD_DATETIME), _META),
    ]


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
    store.extend(dataset.quads + _meta_quads(dataset.version))
    dataset.inference = materialise(store)
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
    previous = dataset_version(store) or ""
    store.extend(quads)
    for old in list(store.quads_for_pattern(_DATASET, None, None, _META)):
        store.remove(old)
    store.extend(_meta_quads(content_version(hashed, previous)))
    materialise(store)
    return len(quads)


def validate_in_store(
    store: Store, contribution: Sequence[Quad], replaces: bool = False
) -> ValidationReport:
    """Validate new quads together with the store's data, with the store's shapes."""
    shapes = list(store.quads_for_pattern(None, None, None, NamedNode(iris.SHAPES_GRAPH)))
    ontology = list(store.quads_for_pattern(None, None, None, NamedNode(iris.ONTOLOGY_GRAPH)))
    context = [
        q
        for q in store.quads_for_pattern(None, None, None)
        if not isinstance(q.graph_name, NamedNode) or q.graph_name.value not in _RESERVED_GRAPHS
    ]
    return validate_contribution(context, contribution, shapes, ontology, replaces)
