"""Tests for kgserver.store.bundle."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode, Store

from kgserver.rdf import iris
from kgserver.settings import BUNDLE_DIR
from kgserver.store.bundle import Dataset, content_version, read_bundle


def test_content_version_depends_on_names_contents_and_previous_not_order() -> None:
    files = [("data/a.ttl", b"a"), ("data/b.ttl", b"b")]
    version = content_version(files)
    assert version.startswith("sha256-") and len(version) == len("sha256-") + 32
    assert content_version(list(reversed(files))) == version
    assert content_version([("data/a.ttl", b"a"), ("data/b.ttl", b"B")]) != version
    assert content_version([("data/a.ttl", b"a"), ("data/c.ttl", b"b")]) != version
    assert content_version(files, previous=version) != version


def test_read_bundle_puts_each_folder_into_its_named_graph(tmp_path: Path) -> None:
    for folder, text in (
        ("ontology", "<urn:Class> a <http://www.w3.org/2002/07/owl#Class> ."),
        ("shapes", "<urn:Shape> a <http://www.w3.org/ns/shacl#NodeShape> ."),
        ("data", "<urn:x> a <urn:Class> . <urn:x> <urn:p> <urn:y> ."),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "one.ttl").write_text(text)
    (tmp_path / "data" / "README.md").write_text("not RDF")
    seen: list[tuple[int, int, str]] = []
    dataset = read_bundle(tmp_path, lambda done, total, name: seen.append((done, total, name)))
    assert seen == [(1, 3, "ontology/one.ttl"), (2, 3, "shapes/one.ttl"), (3, 3, "data/one.ttl")]
    assert dataset.graph_sizes() == {
        iris.ONTOLOGY_GRAPH: 1,
        iris.SHAPES_GRAPH: 1,
        iris.DATA_GRAPH: 2,
    }
    assert {q.graph_name for q in dataset.data} == {NamedNode(iris.DATA_GRAPH)}
    assert dataset.quads == dataset.ontology + dataset.shapes + dataset.data
    assert dataset.version == content_version(
        (p.relative_to(tmp_path).as_posix(), p.read_bytes()) for p in dataset.files
    )


def test_reading_the_real_bundle_again_gives_the_built_version(dataset: Dataset) -> None:
    again = read_bundle(BUNDLE_DIR)
    assert again.version == dataset.version
    assert again.files == dataset.files
    assert again.graph_sizes() == dataset.graph_sizes()


def test_the_store_holds_exactly_the_bundled_quads_of_each_graph(
    store: Store, dataset: Dataset
) -> None:
    for graph, quads in (
        (iris.ONTOLOGY_GRAPH, dataset.ontology),
        (iris.SHAPES_GRAPH, dataset.shapes),
        (iris.DATA_GRAPH, dataset.data),
    ):
        stored = list(store.quads_for_pattern(None, None, None, NamedNode(graph)))
        # Oxigraph keeps literals in canonical form ("5000.00"^^xsd:decimal is stored as
        # "5000"), so compare statement counts and what each statement is about.
        assert len(stored) == len(set(quads)), graph
        assert {(q.subject, q.predicate) for q in stored} == {
            (q.subject, q.predicate) for q in quads
        }, graph
