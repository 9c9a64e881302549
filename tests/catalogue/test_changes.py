"""The change log: derived from entity digests per dataset version, persisted next to the store."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from pyoxigraph import Literal, NamedNode, Quad, Store

from kgserver.app import create_app
from kgserver.catalogue.changes import advance, baseline, changes_path, read_log, update_log
from kgserver.catalogue.entities import build_catalogue
from kgserver.rdf import iris
from kgserver.rdf.namespaces import DCTERMS, OWL, XSD
from kgserver.settings import Settings
from tests.facts import values

ZENODO = iris.ENTITY_BASE + "infrastructure/zenodo"
DRYAD = iris.ENTITY_BASE + "infrastructure/dryad"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def copy_of(store: Store) -> Store:
    copy = Store()
    copy.extend(list(store))
    return copy


def set_version(store: Store, version: str, modified: str) -> None:
    """What a load does to the meta graph: a new version and modification time."""
    meta, dataset = NamedNode(iris.META_GRAPH), NamedNode(iris.DATASET)
    for quad in list(store.quads_for_pattern(dataset, None, None, meta)):
        store.remove(quad)
    store.add(Quad(dataset, NamedNode(OWL + "versionInfo"), Literal(version), meta))
    when = Literal(modified, datatype=NamedNode(XSD + "dateTime"))
    store.add(Quad(dataset, NamedNode(DCTERMS + "modified"), when, meta))


def edit(store: Store) -> None:
    """Rename Zenodo, delete Dryad, add a new infrastructure: one of each kind of change."""
    data = NamedNode(iris.DATA_GRAPH)
    store.add(Quad(NamedNode(ZENODO), RDFS_LABEL, Literal("Zenodo (CERN)", language="en"), data))
    for quad in list(store.quads_for_pattern(NamedNode(DRYAD), None, None)):
        store.remove(quad)
    new = NamedNode(iris.ENTITY_BASE + "infrastructure/new-service")
    store.add(Quad(new, RDFS_LABEL, Literal("New service", language="en"), data))
    store.add(Quad(new, RDF_TYPE, NamedNode(iris.ONTOLOGY_NS + "Infrastructure"), data))
    set_version(store, "sha256-edited", "2030-01-02T03:04:05Z")


def test_baseline_creates_every_entity_at_its_modification_date(store: Store) -> None:
    catalogue = build_catalogue(store)
    log = baseline(catalogue)
    assert {c.kind for c in log.changes} == {"Create"}
    assert {c.iri for c in log.changes} == set(catalogue.entities)
    modified = values(store, ZENODO, "http://purl.org/dc/terms/modified")[0]
    assert next(c for c in log.changes if c.iri == ZENODO).at == f"{modified}T00:00:00Z"


def test_a_new_version_appends_creates_updates_and_deletes(store: Store) -> None:
    before = build_catalogue(store)
    edited = copy_of(store)
    edit(edited)
    log = advance(baseline(before), build_catalogue(edited))
    added = {(c.kind, c.iri) for c in log.changes if c.version == "sha256-edited"}
    assert added == {
        ("Update", ZENODO),
        ("Delete", DRYAD),
        ("Create", iris.ENTITY_BASE + "infrastructure/new-service"),
    }
    assert {c.at for c in log.changes if c.version == "sha256-edited"} == {"2030-01-02T03:04:05Z"}
    assert DRYAD not in log.latest()
    assert log.latest()[ZENODO] == "2030-01-02T03:04:05Z"


def test_the_same_version_changes_nothing(store: Store) -> None:
    catalogue = build_catalogue(store)
    log = baseline(catalogue)
    assert advance(log, catalogue) is log


def test_the_log_is_persisted_and_survives_a_restart(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "store.changes.json"
    first = update_log(path, build_catalogue(store), None)
    assert read_log(path) == first
    edited = copy_of(store)
    edit(edited)
    second = update_log(path, build_catalogue(edited), None)  # a restart: nothing in memory
    assert len(second.changes) == len(first.changes) + 3
    assert read_log(path) == second


def test_the_log_lives_next_to_a_persistent_store(tmp_path: Path) -> None:
    assert changes_path(tmp_path / "kg") == tmp_path / "kg.changes.json"
    assert changes_path(None) is None


def test_the_feed_shows_changes_after_the_store_changes(store: Store, tmp_path: Path) -> None:
    live = copy_of(store)
    app = create_app(Settings(store_dir=tmp_path / "kg"), live)
    with TestClient(app) as client:
        assert client.get("/changes").json()["totalItems"] == len(build_catalogue(store).entities)
        edit(live)
        collection = client.get("/changes").json()
        last = client.get(collection["last"]["id"].removeprefix("http://testserver")).json()
        kinds = {i["type"]: i["object"]["id"] for i in last["orderedItems"][-3:]}
        assert kinds["Delete"] == DRYAD
        assert kinds["Update"] == ZENODO
        sitemap = client.get("/sitemap.xml").text
        assert "infrastructure/dryad" not in sitemap
        assert client.get("/id/infrastructure/dryad").status_code == 404
        page = client.get("/id/infrastructure/zenodo", headers={"Accept": "text/turtle"})
        assert "Zenodo (CERN)" in page.text
    assert (tmp_path / "kg.changes.json").is_file()


def test_concurrent_first_requests_build_one_snapshot(store: Store, tmp_path: Path) -> None:
    import anyio
    import httpx

    app = create_app(Settings(store_dir=tmp_path / "kg"), copy_of(store))
    statuses: list[int] = []

    async def main() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:

            async def fetch(url: str) -> None:
                statuses.append((await client.get(url)).status_code)

            async with anyio.create_task_group() as group:
                for url in ["/", "/changes", "/sitemap.xml", "/browse", "/dumps/oikg.nq"] * 4:
                    group.start_soon(fetch, url)

    anyio.run(main)
    assert statuses == [200] * 20
    log = read_log(tmp_path / "kg.changes.json")
    assert log is not None and {c.kind for c in log.changes} == {"Create"}


def test_home_lists_changes_after_the_baseline_only(store: Store, tmp_path: Path) -> None:
    from tests.html import parse_html, texts

    live = copy_of(store)
    with TestClient(create_app(Settings(store_dir=tmp_path / "kg"), live)) as client:
        assert parse_html(client.get("/").text).select("ul.recent li") == []
        edit(live)
        recent = texts(parse_html(client.get("/").text).select("ul.recent li"))
    assert len(recent) == 3
    assert any("updated: Zenodo" in line for line in recent)


def test_fragment_iris_are_described_with_their_entity_not_listed_on_their_own(
    store: Store, tmp_path: Path
) -> None:
    fragments = sorted(
        {
            quad.subject.value
            for quad in store.quads_for_pattern(None, None, None)
            if isinstance(quad.subject, NamedNode) and quad.subject.value.startswith(DRYAD + "#")
        }
    )
    assert fragments  # Infra Finder's practice assessments of Dryad
    catalogue = build_catalogue(store)
    assert not [iri for iri in catalogue.entities if "#" in iri]
    app = create_app(Settings(store_dir=tmp_path / "kg"), copy_of(store))
    with TestClient(app) as client:
        assert "#" not in client.get("/sitemap.xml").text
        collection = client.get("/changes").json()
        last = int(collection["last"]["id"].rsplit("/", 1)[1])
        items = [
            item["object"]["id"]
            for number in range(last + 1)
            for item in client.get(f"/changes/page/{number}").json()["orderedItems"]
        ]
        assert len(items) == collection["totalItems"] == len(catalogue.entities)
        assert not [iri for iri in items if "#" in iri]
        triples = client.get(
            "/id/infrastructure/dryad", headers={"Accept": "application/n-triples"}
        )
        for fragment in fragments:
            assert f"<{fragment}> " in triples.text
            slug = fragment.removeprefix(iris.ENTITY_BASE)
            assert client.get("/id/" + slug.replace("#", "%23")).status_code == 404
        implemented = values(store, fragments[0], iris.ONTOLOGY_NS + "practiceType")
        page = client.get("/id/infrastructure/dryad", headers={"Accept": "text/html"}).text
        assert implemented and all(
            f'href="http://testserver/id/{iri.removeprefix(iris.ENTITY_BASE)}"' in page
            for iri in implemented
        )
