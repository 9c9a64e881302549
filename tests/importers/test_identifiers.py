"""The identifier table (kgserver/importers/identifiers.py), applied to a few bundled files."""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

from kgserver.importers import run
from kgserver.importers.identifiers import (
    COLUMNS,
    IdentifierReport,
    IdentifierTableError,
    apply,
    read_table,
    repository_owner,
)
from kgserver.importers.turtle import GENERATED
from kgserver.settings import BUNDLE_DIR
from tests.curation.test_loading import run_cli
from tests.importers.test_data_folder import graph_of, snapshot

OIKG = rdflib.Namespace("https://w3id.org/oikg/ontology#")
SOURCE = rdflib.DCTERMS.source
ID = "https://w3id.org/oikg/id/"
DAY = datetime.date(2026, 11, 25)
LYRASIS = ID + "organization/lyrasis"  # curated, with its ROR ID
CORNELL = ID + "organization/cornell-university"  # generated, with its ROR ID
GEOPHYSICAL = ID + "organization/american-geophysical-union"  # generated, no ROR ID
SLOAN = ID + "funder/alfred-p-sloan-foundation"  # curated, with its ROR ID
DSPACE = ID + "infrastructure/dspace"  # curated, code on GitHub
VUFIND = ID + "infrastructure/vufind"  # generated, code on GitHub
FILES = [iri[len(ID) :] + ".ttl" for iri in (LYRASIS, CORNELL, GEOPHYSICAL, SLOAN, DSPACE, VUFIND)]
PAGE = "https://example.org/registry/record"


# What the bundle's own identifier table put in these files: taken out of the copies, so the
# tests start from the files as the sources alone would have them.
TABLE_FACTS = re.compile(
    r"^ +oikg:(wikidataItem|crossrefFunderId|githubOrganization) <[^>]+> ;\n"
    r"|^ +<https://github\.com/ror-community/ror-records/[^>]+> ,\n",
    re.MULTILINE,
)


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A tiny catalogue: curated and generated files of the bundle, without the table's facts."""
    target = tmp_path / "data"
    for name in FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        text = TABLE_FACTS.sub("", (BUNDLE_DIR / "data" / name).read_text(encoding="utf-8"))
        (target / name).write_text(text, encoding="utf-8")
        rdflib.Graph().parse(data=text, format="turtle")
    return target


def table(data_dir: Path, *rows: tuple[str, ...]) -> Path:
    """`sources/identifiers.csv` beside `data_dir`, holding the header and `rows`."""
    path = data_dir.parent / "sources" / "identifiers.csv"
    path.parent.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def row(entity: str, scheme: str, value: str, source: str = PAGE) -> tuple[str, ...]:
    return (entity, scheme, value, source, "stated beside the name")


def import_identifiers(data_dir: Path, path: Path, day: datetime.date = DAY) -> IdentifierReport:
    return run({}, data_dir, day, path)[2]


GOOD = (
    row(LYRASIS, "wikidata", "Q999999991", "https://example.org/lyrasis"),
    row(CORNELL, "crossref-funder", "999999992", "https://example.org/cornell"),
    row(GEOPHYSICAL, "ror", "021nxhr62", "https://example.org/agu"),
    row(SLOAN, "ror", "052csg198", "https://example.org/sloan"),  # the ROR ID it has
    row(VUFIND, "github", "vufind-org", "https://example.org/vufind"),  # also derived
)


def test_a_good_table_adds_each_identifier_with_its_source(data_dir: Path) -> None:
    report = import_identifiers(data_dir, table(data_dir, *GOOD))
    graph = graph_of(data_dir)
    expected = {
        (LYRASIS, OIKG.wikidataItem, "http://www.wikidata.org/entity/Q999999991"),
        (CORNELL, OIKG.crossrefFunderId, "https://doi.org/10.13039/999999992"),
        (GEOPHYSICAL, OIKG.rorId, "https://ror.org/021nxhr62"),
        (SLOAN, OIKG.rorId, "https://ror.org/052csg198"),
        (VUFIND, OIKG.githubOrganization, "https://github.com/vufind-org"),
    }
    for (entity, predicate, value), (*_, source, _evidence) in zip(
        sorted(expected), sorted(GOOD), strict=True
    ):
        assert (URIRef(entity), predicate, URIRef(value)) in graph
        assert (URIRef(entity), SOURCE, URIRef(source)) in graph
    assert (report.added, report.already_stated, report.conflicts) == (4, 1, [])
    # A generated file stays generated, with the sources its header named.
    cornell = (data_dir / "organization" / "cornell-university.ttl").read_text()
    original = (BUNDLE_DIR / "data" / "organization" / "cornell-university.ttl").read_text()
    assert cornell.splitlines()[:2] == original.splitlines()[:2]
    assert cornell.startswith(GENERATED)
    assert not (data_dir / "organization" / "lyrasis.ttl").read_text().startswith(GENERATED)


def test_a_rerun_changes_no_byte(data_dir: Path) -> None:
    path = table(data_dir, *GOOD)
    import_identifiers(data_dir, path)
    before = snapshot(data_dir)
    import_identifiers(data_dir, path, DAY + datetime.timedelta(days=3))
    assert snapshot(data_dir) == before


def test_an_empty_table_changes_only_what_the_code_repositories_give(data_dir: Path) -> None:
    for path in data_dir.rglob("*.ttl"):  # as the files were before GitHub organisations
        lines = path.read_text().splitlines(keepends=True)
        path.write_text("".join(line for line in lines if "githubOrganization" not in line))
    before = snapshot(data_dir)
    import_identifiers(data_dir, table(data_dir))
    changed = {name for name, text in snapshot(data_dir).items() if text != before[name]}
    assert changed == {"infrastructure/dspace.ttl", "infrastructure/vufind.ttl"}


@pytest.mark.parametrize(
    ("url", "owner"),
    [
        ("https://github.com/DSpace/DSpace", "DSpace"),
        ("https://github.com/vufind-org", "vufind-org"),
        ("https://github.com/samvera/", "samvera"),
        ("https://github.com/orgs/pkp/repositories", "pkp"),
        ("http://www.github.com/zotero/zotero.git", "zotero"),
        ("https://github.com/topics/repository", None),
        ("https://gitlab.com/crossref/rest_api", None),
        ("https://pkp.github.io/docs", None),
    ],
)
def test_the_owner_of_a_code_repository_on_github(url: str, owner: str | None) -> None:
    assert repository_owner(url) == owner


def test_an_infrastructure_gets_the_owner_of_its_code_repository(data_dir: Path) -> None:
    import_identifiers(data_dir, table(data_dir))
    graph = graph_of(data_dir)
    for entity in (DSPACE, VUFIND):
        repositories = list(graph.objects(URIRef(entity), OIKG.codeRepository))
        owners = {f"https://github.com/{repository_owner(str(r))}" for r in repositories}
        assert set(map(str, graph.objects(URIRef(entity), OIKG.githubOrganization))) == owners
    assert graph.value(URIRef(DSPACE), OIKG.githubOrganization) == URIRef(
        "https://github.com/DSpace"
    )


BAD_ROWS = [
    ((LYRASIS, "wikidata", "Q1"), "fields, not 5"),
    (row(ID + "category/repository-service", "wikidata", "Q5"), "is not an IRI of ours"),
    (row("https://example.org/lyrasis", "wikidata", "Q5"), "is not an IRI of ours"),
    (row(LYRASIS, "isni", "0000000121032683"), "unknown scheme 'isni'"),
    (row(LYRASIS, "wikidata", "https://www.wikidata.org/wiki/Q5"), "is not a wikidata identifier"),
    (row(LYRASIS, "crossref-funder", "10.13039/100000879"), "is not a crossref-funder"),
    (row(GEOPHYSICAL, "ror", "https://ror.org/021nxhr62"), "is not a ror identifier"),
    (row(GEOPHYSICAL, "ror", "021nxhr63"), "fails its ISO 7064 checksum"),
    (row(VUFIND, "github", "https://github.com/vufind-org"), "is not a github identifier"),
    (row(VUFIND, "ror", "021nxhr62"), "of kind funder or organization only"),
    (row(LYRASIS, "wikidata", "Q5", "Lyrasis's ROR record"), "is not an http(s) address"),
    ((LYRASIS, "wikidata", "Q5", PAGE, " "), "evidence is empty"),
    (row(ID + "organization/no-such-thing", "wikidata", "Q5"), "is not in the catalogue"),
    (row(GEOPHYSICAL, "ror", "026tem613"), f"<{LYRASIS}> already has ror 026tem613"),
    (row(CORNELL, "wikidata", "Q999999991"), "is already given to"),  # as line 2
    (row(LYRASIS, "wikidata", "Q999999992"), "already has wikidata Q999999991 on line 2"),
    (row(LYRASIS, "wikidata", "Q999999991"), "repeats line 2"),
    (row(GEOPHYSICAL, "homepage", "agu.org"), "is not a homepage identifier"),
    (row(GEOPHYSICAL, "homepage", "https://vufind.org/"), f"<{VUFIND}> already has homepage"),
]


def test_a_homepage_row_gives_a_site_where_the_sources_give_none(data_dir: Path) -> None:
    site = "https://www.agu.org/"
    assert not list(graph_of(data_dir).objects(URIRef(GEOPHYSICAL), rdflib.FOAF.homepage))
    rows = (row(GEOPHYSICAL, "homepage", site), row(VUFIND, "homepage", "https://vufind.org/"))
    report = import_identifiers(data_dir, table(data_dir, *rows))
    graph = graph_of(data_dir)
    assert graph.value(URIRef(GEOPHYSICAL), rdflib.FOAF.homepage) == URIRef(site)
    assert (URIRef(GEOPHYSICAL), SOURCE, URIRef(PAGE)) in graph
    assert (report.added, report.already_stated) == (1, 1)
    other = (row(VUFIND, "homepage", "https://vufind.example.org/"),)
    conflicts = import_identifiers(data_dir, table(data_dir, *other)).conflicts
    assert "states <https://vufind.org/>" in conflicts[0]


@pytest.mark.parametrize(("bad", "message"), BAD_ROWS, ids=[m for _, m in BAD_ROWS])
def test_each_bad_row_is_rejected_with_its_line(
    data_dir: Path, bad: tuple[str, ...], message: str
) -> None:
    path = table(data_dir, row(LYRASIS, "wikidata", "Q999999991"), bad)
    with pytest.raises(IdentifierTableError) as raised:
        run({}, data_dir, DAY, path)
    assert len(raised.value.errors) == 1, raised.value.errors
    assert raised.value.errors[0].startswith(f"{path}:3: ")
    assert message in raised.value.errors[0]


def test_a_table_with_a_wrong_header_is_rejected_on_line_1(data_dir: Path) -> None:
    path = table(data_dir)
    path.write_text("entity,scheme,id,source,evidence\n", encoding="utf-8")
    parsed = read_table(path)
    assert parsed.errors() == [f"{path}:1: the header must be exactly {','.join(COLUMNS)}"]


def test_the_command_lists_every_bad_row_and_writes_nothing(data_dir: Path) -> None:
    path = table(data_dir, *GOOD, row(LYRASIS, "wikidata", "Q5x"), row(VUFIND, "ror", "x"))
    before = snapshot(data_dir)
    result = run_cli("import", "identifiers", str(path), "--data", str(data_dir))
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert [line.split(":")[1] for line in lines] == ["7", "8"]
    assert "nothing written" in result.stderr
    assert snapshot(data_dir) == before


def test_the_command_applies_the_table_beside_the_data_folder(data_dir: Path) -> None:
    table(data_dir, *GOOD)
    result = run_cli("import", "identifiers", "--data", str(data_dir), "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert "4 added, 1 already stated" in result.stderr
    graph = graph_of(data_dir)
    assert (URIRef(GEOPHYSICAL), OIKG.rorId, URIRef("https://ror.org/021nxhr62")) in graph


def test_a_curated_value_wins_and_the_conflict_is_reported(data_dir: Path) -> None:
    curated = data_dir / "organization" / "lyrasis.ttl"
    text = curated.read_text().replace(
        "    oikg:rorId", "    oikg:wikidataItem <http://www.wikidata.org/entity/Q999999990> ;\n"
        "    oikg:rorId"
    )  # fmt: skip
    curated.write_text(text)
    path = table(
        data_dir,
        row(LYRASIS, "wikidata", "Q999999991"),  # the curated file says Q999999990
        row(LYRASIS, "ror", "021nxhr62"),  # the curated file has 026tem613
        row(CORNELL, "ror", "00x6h5n95"),  # its source gives 05bnh6r87
    )
    report = import_identifiers(data_dir, path)
    assert curated.read_text() == text
    assert [c.split(": <")[0] for c in report.conflicts] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert (
        "its curated file states <http://www.wikidata.org/entity/Q999999990>"
        in (report.conflicts[0])
    )
    assert "a source states <https://ror.org/05bnh6r87>" in report.conflicts[2]
    graph = graph_of(data_dir)
    assert set(graph.objects(URIRef(CORNELL), OIKG.rorId)) == {URIRef("https://ror.org/05bnh6r87")}


def test_apply_checks_every_row_before_changing_anything(data_dir: Path) -> None:
    from kgserver.importers.data_folder import DataFolder

    catalogue = DataFolder.from_data(data_dir, keep_generated=True)
    path = table(data_dir, *GOOD, row(ID + "organization/no-such-thing", "wikidata", "Q5"))
    before = {iri: {p: set(v) for p, v in e.facts.items()} for iri, e in catalogue.entities.items()}
    with pytest.raises(IdentifierTableError):
        apply(catalogue, read_table(path))
    after = {iri: {p: set(v) for p, v in e.facts.items()} for iri, e in catalogue.entities.items()}
    assert after == before
