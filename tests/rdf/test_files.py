"""Tests for kgserver.rdf.files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, NamedNode

from kgserver.errors import InputError
from kgserver.rdf import iris
from kgserver.rdf.files import format_of, parse_content, parse_file, rdf_files, read_bytes
from kgserver.rdf.formats import N_QUADS, RDF_XML, TURTLE
from kgserver.settings import BUNDLE_DIR
from kgserver.store.bundle import Dataset

ZENODO = BUNDLE_DIR / "data" / "infrastructure" / "zenodo.ttl"


def test_format_of_reads_the_extension_under_a_gz_suffix() -> None:
    assert format_of(Path("a/b.TTL")) == (TURTLE, False)
    assert format_of(Path("dump.nq.gz")) == (N_QUADS, True)
    assert format_of(Path("model.owl")) == (RDF_XML, False)
    with pytest.raises(InputError, match=r"unknown file extension; use one of .*\.ttl"):
        format_of(Path("notes.txt"))


def test_a_gzipped_copy_parses_to_the_same_quads(tmp_path: Path) -> None:
    content = ZENODO.read_bytes()
    packed = tmp_path / "zenodo.ttl.gz"
    packed.write_bytes(gzip.compress(content))
    assert read_bytes(packed) == content
    plain = parse_file(ZENODO, iris.DATA_GRAPH)
    unpacked = parse_file(packed, iris.DATA_GRAPH)
    assert {q.triple for q in plain} == {q.triple for q in unpacked}
    assert plain and all(q.graph_name == NamedNode(iris.DATA_GRAPH) for q in plain)


def test_triples_go_to_the_default_graph_without_a_graph_name() -> None:
    quads = parse_content("x.ttl", b"<urn:a> <urn:b> <urn:c> .", TURTLE, None)
    assert [q.graph_name for q in quads] == [DefaultGraph()]


def test_syntax_errors_name_the_file_line_and_column() -> None:
    broken = b"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n"
    with pytest.raises(InputError) as raised:
        parse_content("broken.ttl", broken, TURTLE, None)
    assert raised.value.file == "broken.ttl"
    assert raised.value.line == 2
    assert raised.value.column > 0
    assert str(raised.value).startswith(f"broken.ttl:2:{raised.value.column}: ")
    assert "Parser error" not in raised.value.message


def test_unreadable_gzip_is_an_input_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake.ttl.gz"
    fake.write_bytes(b"not gzip at all")
    with pytest.raises(InputError, match="cannot read the file"):
        read_bytes(fake)


def test_rdf_files_lists_what_the_bundle_reads_and_skips_the_rest(
    dataset: Dataset, tmp_path: Path
) -> None:
    bundled = [p for name in ("ontology", "shapes", "data") for p in rdf_files(BUNDLE_DIR / name)]
    assert bundled == dataset.files
    (tmp_path / "sub").mkdir()
    for name in ("b.ttl", "a.nt", ".hidden.ttl", "README.md", "sub/c.jsonld"):
        (tmp_path / name).write_text("")
    assert [p.relative_to(tmp_path).as_posix() for p in rdf_files(tmp_path)] == [
        "a.nt",
        "b.ttl",
        "sub/c.jsonld",
    ]
    assert rdf_files(tmp_path / "missing") == []
