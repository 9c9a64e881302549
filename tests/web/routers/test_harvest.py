"""Harvesting as a harvester does: VoID first, then the dumps, the sitemap and the change feed."""

from __future__ import annotations

import gzip
import hashlib
import xml.etree.ElementTree as ET

import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, RdfFormat, Store, parse
from rdflib.compare import isomorphic

from kgserver.rdf import iris
from tests.facts import infrastructures

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DATASET = rdflib.URIRef(iris.DATASET)


def void_graph(client: TestClient) -> rdflib.Graph:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    return rdflib.Graph().parse(data=response.content, format="turtle")


def path_of(url: rdflib.term.Node) -> str:
    return str(url).removeprefix("http://testserver")


def store_triples(store: Store) -> rdflib.Graph:
    """The union of the store's graphs, as rdflib sees it."""
    union = rdflib.Graph()
    data = store.dump(format=RdfFormat.N_QUADS) or b""
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format="nquads")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def test_void_describes_the_dataset(client: TestClient, store: Store) -> None:
    graph = void_graph(client)
    assert (DATASET, rdflib.RDF.type, VOID.Dataset) in graph
    assert (DATASET, rdflib.RDF.type, DCAT.Dataset) in graph
    for predicate in (
        DCT.title,
        DCT.description,
        DCT.license,
        DCT.publisher,
        DCT.modified,
        DCT.created,
        DCAT.version,
        VOID.triples,
        VOID.entities,
        VOID.exampleResource,
        VOID.uriSpace,
    ):
        assert graph.value(DATASET, predicate) is not None, predicate
    assert graph.value(DATASET, VOID.sparqlEndpoint) == rdflib.URIRef("http://testserver/sparql")
    assert str(graph.value(DATASET, VOID.uriSpace)) == iris.ENTITY_BASE
    classes = {
        graph.value(p, VOID["class"]): int(graph.value(p, VOID.entities))
        for p in graph.objects(DATASET, VOID.classPartition)
    }
    assert classes[rdflib.URIRef(iris.ONTOLOGY_NS + "Infrastructure")] == infrastructures(store)
    properties = {
        graph.value(p, VOID.property) for p in graph.objects(DATASET, VOID.propertyPartition)
    }
    assert rdflib.URIRef(iris.ONTOLOGY_NS + "hostedBy") in properties
    assert int(graph.value(DATASET, VOID.triples)) == len(store_triples(store))


def test_harvester_downloads_the_dumps_and_gets_the_store(client: TestClient, store: Store) -> None:
    graph = void_graph(client)
    dumps = set(graph.objects(DATASET, VOID.dataDump))
    assert len(dumps) == 3
    expected = store_triples(store)
    for url in dumps:
        assert (url, rdflib.RDF.type, DCAT.Distribution) in graph
        response = client.get(path_of(url))
        assert response.status_code == 200
        body = response.content
        assert int(graph.value(url, DCAT.byteSize)) == len(body)
        checksum = graph.value(url, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(body).hexdigest()
        media_type = str(graph.value(url, DCAT.mediaType)).rsplit("/media-types/", 1)[1]
        if graph.value(url, DCAT.compressFormat) is not None:
            body = gzip.decompress(body)
        if media_type == "application/n-quads":
            quads = list(parse(body, format=RdfFormat.N_QUADS))
            assert len(quads) == len(store)
            named = [q for q in quads if isinstance(q.graph_name, NamedNode)]
            assert {q.graph_name.value for q in named} >= {iris.DATA_GRAPH, iris.ONTOLOGY_GRAPH}
            continue
        rdflib_format = {"application/n-triples": "nt", "text/turtle": "turtle"}[media_type]
        dumped = rdflib.Graph().parse(data=body, format=rdflib_format)
        assert isomorphic(dumped, expected), media_type


def test_dumps_have_validators_and_answer_304(client: TestClient) -> None:
    first = client.get("/dumps/oikg.ttl")
    again = client.get("/dumps/oikg.ttl", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/dumps/nothing.ttl").status_code == 404


def test_a_dump_is_resumable_by_byte_ranges_and_has_a_head(client: TestClient) -> None:
    whole = client.get("/dumps/oikg.nq")
    etag = whole.headers["etag"]
    part = client.get("/dumps/oikg.nq", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.content == whole.content[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(whole.content)}"
    assert part.headers["etag"] == etag
    head = client.head("/dumps/oikg.nq")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(whole.content))
    assert head.headers["content-disposition"] == 'attachment; filename="oikg.nq"'


def test_void_negotiates_rdf_formats_and_a_page_for_people(client: TestClient) -> None:
    jsonld = client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    graph = rdflib.Graph().parse(data=jsonld.content, format="json-ld")
    assert (DATASET, rdflib.RDF.type, VOID.Dataset) in graph
    page = client.get("/.well-known/void", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert "Accept" in page.headers["vary"]
    assert client.get("/.well-known/void", headers={"Accept": "image/png"}).status_code == 406


def test_every_sitemap_entry_answers(client: TestClient, store: Store) -> None:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = root.findall(f"{SITEMAP}url")
    locations = [e.findtext(f"{SITEMAP}loc") for e in entries]
    entity_pages = [loc for loc in locations if "/id/" in loc]
    subjects = {
        q.subject.value
        for q in store.quads_for_pattern(None, None, None)
        if isinstance(q.subject, NamedNode)
        and q.subject.value.startswith(iris.ENTITY_BASE)
        and "#" not in q.subject.value  # a fragment IRI is described with its entity
        and q.graph_name != NamedNode(iris.INFERRED_GRAPH)  # stated entities are published
    }
    assert len(entity_pages) == len(subjects)
    for entry in entries:
        loc = entry.findtext(f"{SITEMAP}loc")
        assert client.get(path_of(loc), headers={"Accept": "text/html"}).status_code == 200, loc
        if "/id/" in loc:
            assert entry.findtext(f"{SITEMAP}lastmod")


def test_change_feed_lists_every_entity_as_created_in_the_baseline(
    client: TestClient, store: Store
) -> None:
    collection = client.get("/changes")
    assert collection.status_code == 200
    assert collection.headers["content-type"].startswith("application/ld+json")
    document = collection.json()
    assert document["type"] == "OrderedCollection"
    last = client.get(path_of(document["last"]["id"])).json()
    assert last["type"] == "OrderedCollectionPage"
    items = []
    page = last
    while True:
        items = page["orderedItems"] + items
        if "prev" not in page:
            break
        page = client.get(path_of(page["prev"]["id"])).json()
    assert len(items) == document["totalItems"]
    assert {item["type"] for item in items} == {"Create"}
    times = [item["endTime"] for item in items]
    assert times == sorted(times)
    zenodo = next(
        i for i in items if i["object"]["id"] == iris.ENTITY_BASE + "infrastructure/zenodo"
    )
    modified = next(
        store.quads_for_pattern(
            NamedNode(zenodo["object"]["id"]), NamedNode(str(DCT.modified)), None
        )
    ).object.value
    assert zenodo["endTime"] == modified + "T00:00:00Z"
    assert client.get(path_of(zenodo["object"]["url"])).status_code == 200
    assert client.get("/changes/page/99").status_code == 404


def test_a_large_sitemap_becomes_an_index_of_parts(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kgserver.linked_data import sitemap

    whole = ET.fromstring(client.get("/sitemap.xml").content)
    expected = [e.findtext(f"{SITEMAP}loc") for e in whole.findall(f"{SITEMAP}url")]
    monkeypatch.setattr(sitemap, "SITEMAP_LIMIT", 30)
    index = ET.fromstring(client.get("/sitemap.xml", headers={"If-None-Match": "none"}).content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [e.findtext(f"{SITEMAP}loc") for e in index.findall(f"{SITEMAP}sitemap")]
    assert len(parts) == -(-len(expected) // 30)
    found = []
    for part in parts:
        urlset = ET.fromstring(client.get(path_of(part)).content)
        found += [e.findtext(f"{SITEMAP}loc") for e in urlset.findall(f"{SITEMAP}url")]
    assert found == expected
    assert client.get(f"/sitemap/{len(parts)}.xml").status_code == 404
