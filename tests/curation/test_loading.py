"""The load pipeline: bundle → SHACL → Oxigraph, atomic loads into persistent stores."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import NamedNode, Store

from kgserver.curation.loading import build
from kgserver.errors import ValidationFailed
from kgserver.rdf import iris
from kgserver.settings import BUNDLE_DIR
from kgserver.store.bundle import Dataset, read_bundle
from kgserver.store.opening import is_empty
from kgserver.store.version import dataset_version

VALID_ORG = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oikg: <https://w3id.org/oikg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/oikg/id/organization/example-consortium> a oikg:Organization ;
    rdfs:label "Example Consortium"@en ;
    dcterms:source <https://example.org/about> .
"""
INVALID_ORG = """@prefix oikg: <https://w3id.org/oikg/ontology#> .
<https://w3id.org/oikg/id/organization/nameless> a oikg:Organization ;
    oikg:countryCode "usa" .
"""
UNPARSEABLE = """@prefix oikg: <https://w3id.org/oikg/ontology#> .
<https://w3id.org/oikg/id/organization/x> a oikg:Organization ;
    oikg:countryCode "US
"""


def rdflib_count(folder: Path) -> int:
    graph = rdflib.Graph()
    for path in sorted(folder.rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return len(graph)


def graph_size(store: Store, graph: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, NamedNode(graph)))


def all_quads(store_dir: Path) -> set[str]:
    store = Store.read_only(str(store_dir))
    return {str(q) for q in store}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kgserver", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_each_folder_loads_into_its_own_named_graph(store: Store) -> None:
    for folder, graph in (
        ("ontology", iris.ONTOLOGY_GRAPH),
        ("shapes", iris.SHAPES_GRAPH),
        ("data", iris.DATA_GRAPH),
    ):
        assert graph_size(store, graph) == rdflib_count(BUNDLE_DIR / folder) > 0


def test_nothing_is_loaded_into_the_default_graph(store: Store) -> None:
    from pyoxigraph import DefaultGraph

    assert next(iter(store.quads_for_pattern(None, None, None, DefaultGraph())), None) is None


def test_the_version_is_recorded_in_the_store(store: Store, dataset: Dataset) -> None:
    assert dataset_version(store) == dataset.version
    assert dataset.version.startswith("sha256-")


def test_the_version_is_a_hash_of_the_content(tmp_path: Path) -> None:
    copy = tmp_path / "bundle"
    for folder in ("ontology", "shapes", "data"):
        shutil.copytree(BUNDLE_DIR / folder, copy / folder)
    original = read_bundle(BUNDLE_DIR).version
    assert read_bundle(copy).version == original
    (copy / "data" / "organization" / "example-consortium.ttl").write_text(VALID_ORG)
    assert read_bundle(copy).version != original


def bundle_with(tmp_path: Path, name: str, content: str) -> Path:
    copy = tmp_path / "bundle"
    for folder in ("ontology", "shapes", "data"):
        shutil.copytree(BUNDLE_DIR / folder, copy / folder)
    (copy / "data" / name).write_text(content)
    return copy


def test_an_invalid_bundle_loads_nothing(tmp_path: Path) -> None:
    bundle = bundle_with(tmp_path, "nameless.ttl", INVALID_ORG)
    store = Store(str(tmp_path / "store"))
    with pytest.raises(ValidationFailed) as failure:
        build(store, bundle)
    assert is_empty(store)
    focus = {r.focus_node for r in failure.value.report.violations}
    assert focus == {"https://w3id.org/oikg/id/organization/nameless"}


def test_serving_an_invalid_bundle_exits_1_with_the_report(tmp_path: Path) -> None:
    bundle = bundle_with(tmp_path, "nameless.ttl", INVALID_ORG)
    result = run_cli("query", "ASK {}", env={"KGSERVER_BUNDLE_DIR": str(bundle)})
    assert result.returncode == 1
    assert "organization/nameless" in result.stdout
    assert "nothing loaded" in result.stderr


def test_load_adds_valid_files_to_a_persistent_store(tmp_path: Path) -> None:
    contribution = tmp_path / "consortium.ttl.gz"
    contribution.write_bytes(gzip.compress(VALID_ORG.encode()))
    store_dir = tmp_path / "store"
    result = run_cli("load", "--store", str(store_dir), str(contribution))
    assert result.returncode == 0, result.stderr
    store = Store.read_only(str(store_dir))
    subject = NamedNode("https://w3id.org/oikg/id/organization/example-consortium")
    assert len(list(store.quads_for_pattern(subject, None, None, NamedNode(iris.DATA_GRAPH)))) == 3
    assert graph_size(store, iris.ONTOLOGY_GRAPH) == rdflib_count(BUNDLE_DIR / "ontology")
    assert dataset_version(store) != read_bundle(BUNDLE_DIR).version


@pytest.mark.parametrize(
    ("bad", "code", "expected"),
    [(INVALID_ORG, 1, "organization/nameless"), (UNPARSEABLE, 2, "bad.ttl:3:")],
    ids=["shacl-violation", "syntax-error"],
)
def test_one_bad_file_leaves_the_store_exactly_as_it_was(
    tmp_path: Path, bad: str, code: int, expected: str
) -> None:
    store_dir = tmp_path / "store"
    first = tmp_path / "first.ttl"
    first.write_text(VALID_ORG)
    assert run_cli("load", "--store", str(store_dir), str(first)).returncode == 0
    before = all_quads(store_dir)

    good = tmp_path / "good.ttl"
    good.write_text(VALID_ORG.replace("example-consortium", "another-consortium"))
    bad_file = tmp_path / "bad.ttl"
    bad_file.write_text(bad)
    result = run_cli("load", "--store", str(store_dir), str(good), str(bad_file))
    assert result.returncode == code
    assert expected in result.stdout + result.stderr
    assert all_quads(store_dir) == before


def test_no_validate_loads_data_that_breaks_the_shapes(tmp_path: Path) -> None:
    bad_file = tmp_path / "third-party.ttl"
    bad_file.write_text(INVALID_ORG)
    store_dir = tmp_path / "store"
    result = run_cli("load", "--no-validate", "--store", str(store_dir), str(bad_file))
    assert result.returncode == 0, result.stderr
    subject = NamedNode("https://w3id.org/oikg/id/organization/nameless")
    data = NamedNode(iris.DATA_GRAPH)  # asserted facts only: reasoning adds more to its own graph
    assert (
        len(list(Store.read_only(str(store_dir)).quads_for_pattern(subject, None, None, data))) == 2
    )


def test_load_reads_every_contract_format(tmp_path: Path) -> None:
    graph = rdflib.Graph().parse(data=VALID_ORG, format="turtle")
    files = []
    for extension, fmt in (("nt", "nt"), ("jsonld", "json-ld"), ("rdf", "xml")):
        path = tmp_path / f"consortium-{extension}.{extension}"
        renamed = graph.serialize(format=fmt).replace("example-consortium", f"c-{extension}")
        path.write_text(renamed)
        files.append(str(path))
    quads = tmp_path / "consortium.nq"
    quads.write_text(
        "<https://w3id.org/oikg/id/organization/c-nq> <http://www.w3.org/2000/01/rdf-schema#label>"
        ' "Quads"@en <https://example.org/graph> .\n'
    )
    files.append(str(quads))
    store_dir = tmp_path / "store"
    result = run_cli("load", "--no-validate", "--store", str(store_dir), *files)
    assert result.returncode == 0, result.stderr
    store = Store.read_only(str(store_dir))
    for extension in ("nt", "jsonld", "rdf"):
        subject = NamedNode(f"https://w3id.org/oikg/id/organization/c-{extension}")
        data = NamedNode(
            iris.DATA_GRAPH
        )  # asserted facts only: reasoning adds more to its own graph
        assert len(list(store.quads_for_pattern(subject, None, None, data))) == 3
    assert graph_size(store, "https://example.org/graph") == 1


def test_unknown_extension_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("a,b\n")
    result = run_cli("load", "--store", str(tmp_path / "store"), str(path))
    assert result.returncode == 2
    assert "unknown file extension" in result.stderr


def test_a_store_held_by_another_process_is_reported(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    holder = Store(str(store_dir))
    path = tmp_path / "consortium.ttl"
    path.write_text(VALID_ORG)
    result = run_cli("load", "--store", str(store_dir), str(path))
    assert result.returncode == 2
    assert "cannot open the store" in result.stderr
    del holder
