"""The VoID and DCAT description of the dataset (linked_data/void.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store, Triple

from kgserver.catalogue.snapshot import Snapshot
from kgserver.linked_data.dumps import DatasetFacts, build_facts
from kgserver.linked_data.void import void_description
from kgserver.rdf import iris
from kgserver.rdf.urls import Urls

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="module")
def facts(store: Store, tmp_path_factory: pytest.TempPathFactory) -> DatasetFacts:
    return build_facts(store, Path(tmp_path_factory.mktemp("dumps")))


@pytest.fixture(scope="module")
def void(facts: DatasetFacts, snapshot: Snapshot, urls: Urls) -> Store:
    graph = Store()
    triples: list[Triple] = void_description(facts, snapshot.catalogue, urls)
    graph.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples)
    return graph


def objects(graph: Store, subject: NamedNode, predicate: str) -> list[object]:
    return [q.object for q in graph.quads_for_pattern(subject, NamedNode(predicate), None)]


DATASET = NamedNode(iris.DATASET)


def test_the_dataset_counts_what_the_facts_count(
    void: Store, facts: DatasetFacts, snapshot: Snapshot
) -> None:
    def number(predicate: str) -> int:
        (value,) = objects(void, DATASET, VOID + predicate)
        assert isinstance(value, Literal)
        return int(value.value)

    assert number("triples") == facts.triples
    assert number("entities") == len(snapshot.catalogue.entities)
    assert number("classes") == len(facts.classes)
    assert number("properties") == len(facts.properties)
    assert objects(void, DATASET, VOID + "sparqlEndpoint") == [
        NamedNode("http://testserver/sparql")
    ]


def test_every_dump_is_a_distribution_with_its_size_and_checksum(
    void: Store, facts: DatasetFacts
) -> None:
    dumps = objects(void, DATASET, VOID + "dataDump")
    assert sorted(d.value for d in dumps) == sorted(  # type: ignore[attr-defined]
        f"http://testserver/dumps/{name}" for name in facts.dumps
    )
    for dump in facts.dumps.values():
        url = NamedNode(f"http://testserver/dumps/{dump.name}")
        (size,) = objects(void, url, DCAT + "byteSize")
        assert int(size.value) == dump.path.stat().st_size  # type: ignore[attr-defined]
        (checksum,) = objects(void, url, SPDX + "checksum")
        (value,) = objects(void, checksum, SPDX + "checksumValue")  # type: ignore[arg-type]
        assert value.value == dump.sha256  # type: ignore[attr-defined]


def test_each_class_partition_counts_its_entities(void: Store, facts: DatasetFacts) -> None:
    partitions = objects(void, DATASET, VOID + "classPartition")
    counted = {}
    for partition in partitions:
        (cls,) = objects(void, partition, VOID + "class")  # type: ignore[arg-type]
        (count,) = objects(void, partition, VOID + "entities")  # type: ignore[arg-type]
        counted[cls.value] = int(count.value)  # type: ignore[attr-defined]
    assert counted == facts.classes
