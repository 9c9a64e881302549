"""The dump files of `kgserver/linked_data/dumps.py`: written by Oxigraph to one folder per
dataset version, described by size and checksum, the folders of older versions removed."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from kgserver.linked_data.dumps import build_facts
from kgserver.rdf import iris
from kgserver.rdf.namespaces import RDFS
from kgserver.store.version import dataset_version, record_version


def copy_of(store: Store) -> Store:
    copy = Store()
    copy.bulk_extend(store.quads_for_pattern(None, None, None, None))
    return copy


def test_the_dumps_are_files_described_by_their_size_and_checksum(
    store: Store, tmp_path: Path
) -> None:
    facts = build_facts(store, tmp_path)
    assert facts.folder.parent == tmp_path
    assert sorted(p.name for p in facts.folder.iterdir()) == sorted(facts.dumps)
    for dump in facts.dumps.values():
        content = dump.path.read_bytes()
        assert dump.path.parent == facts.folder
        assert dump.size == len(content)
        assert dump.sha256 == hashlib.sha256(content).hexdigest()
    nquads = list(parse(facts.dumps["oikg.nq"].path.read_bytes(), format=RdfFormat.N_QUADS))
    assert len(nquads) == len(store)
    ntriples = gzip.decompress(facts.dumps["oikg.nt.gz"].path.read_bytes())
    triples = set(parse(ntriples, format=RdfFormat.N_TRIPLES))
    assert len(triples) == facts.triples  # each triple of the union once
    assert facts.triples == len({(q.subject, q.predicate, q.object) for q in nquads})


def test_a_triple_in_two_graphs_is_dumped_once(tmp_path: Path) -> None:
    store = Store()
    triple = (NamedNode("https://example.org/a"), NamedNode(RDFS + "label"), Literal("A"))
    for graph in (iris.DATA_GRAPH, iris.INFERRED_GRAPH):
        store.add(Quad(*triple, NamedNode(graph)))
    facts = build_facts(store, tmp_path)
    assert facts.triples == 1 and facts.quads == 2
    lines = gzip.decompress(facts.dumps["oikg.nt.gz"].path.read_bytes()).splitlines()
    assert len(lines) == 1


def test_a_new_version_keeps_the_previous_folder_and_removes_older_ones(
    store: Store, tmp_path: Path
) -> None:
    data = copy_of(store)
    first = build_facts(data, tmp_path)
    versions = [first]
    for n in range(2):
        subject = NamedNode(f"https://example.org/new/{n}")
        data.add(
            Quad(
                subject, NamedNode(RDFS + "label"), Literal(f"new {n}"), NamedNode(iris.DATA_GRAPH)
            )
        )
        record_version(data, f"test-version-{n}")
        versions.append(build_facts(data, tmp_path, versions[-1]))
    folders = {p.name for p in tmp_path.iterdir()}
    assert folders == {versions[-1].folder.name, versions[-2].folder.name}
    assert not first.folder.exists()
    assert dataset_version(data) == versions[-1].version
