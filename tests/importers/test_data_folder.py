"""The importers, run on a few real rows of each source (tests/data/importers/)."""

from __future__ import annotations

import csv
import datetime
import re
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, Namespace, URIRef

from kgserver.importers import SOURCES, run
from kgserver.importers.ioi_affiliations import former_affiliations
from kgserver.importers.ioi_state_of_open import AFFILIATIONS
from kgserver.importers.model import ror_is_valid, slugify
from kgserver.importers.names import category_iri
from kgserver.importers.scomcat import function_category
from kgserver.importers.turtle import GENERATED
from kgserver.settings import BUNDLE_DIR
from tests.curation.test_loading import run_cli

FIXTURES = Path(__file__).parents[1] / "data" / "importers"
OIKG = Namespace("https://w3id.org/oikg/ontology#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ID = "https://w3id.org/oikg/id/"
DAY = datetime.date(2026, 11, 25)
CURATED = ("infrastructure/dspace.ttl", "organization/lyrasis.ttl", "infrastructure/arxiv.ttl")


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding a few hand-curated files, as the bundle does."""
    target = tmp_path / "data"
    for name in CURATED:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLE_DIR / "data" / name, target / name)
    return target


def import_all(data_dir: Path) -> None:
    run({name: FIXTURES / name for name in SOURCES}, data_dir, DAY)


def graph_of(data_dir: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(data_dir.rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def snapshot(data_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(data_dir)): p.read_text() for p in sorted(data_dir.rglob("*.ttl"))}


@pytest.mark.parametrize(
    ("ror", "valid"),
    [
        ("https://ror.org/026tem613", True),  # Lyrasis
        ("https://ror.org/052csg198", True),  # Alfred P. Sloan Foundation
        ("https://ror.org/026tem614", False),  # checksum off by one
        ("https://ror.org/126tem613", False),  # must start with 0
        ("https://ror.org/0l6tem613", False),  # l is not a Crockford base-32 digit
        ("https://ror.org/", False),
    ],
)
def test_ror_ids_are_checked_with_their_iso_7064_checksum(ror: str, valid: bool) -> None:
    assert ror_is_valid(ror) is valid


def test_slugs_are_ascii_lower_case_and_hyphenated() -> None:
    assert slugify("Érudit") == "erudit"
    assert slugify("Code for Science & Society") == "code-for-science-and-society"
    assert slugify("VuFind®") == "vufind"


def test_an_import_writes_one_generated_file_per_entity(data_dir: Path) -> None:
    import_all(data_dir)
    lyrasis_hosted = data_dir / "infrastructure" / "fedora.ttl"
    generated = [p for p in data_dir.rglob("*.ttl") if p.read_text().startswith(GENERATED)]
    assert len(generated) > 20
    graph = graph_of(data_dir)
    for path in generated:
        subjects = {
            s
            for s in rdflib.Graph().parse(path, format="turtle").subjects()
            if isinstance(s, URIRef) and "#" not in s  # <entity#practice-…> live in its file
        }
        assert subjects == {URIRef(ID + path.parent.name + "/" + path.stem)}
    assert not lyrasis_hosted.exists()  # Fedora is not among the fixture rows
    for subject in set(graph.subjects(RDF.type, None)):
        if isinstance(subject, URIRef) and str(subject).startswith(ID) and "#" not in subject:
            assert (subject, DCTERMS.source, None) in graph, subject
            assert (subject, DCTERMS.modified, None) in graph, subject


def test_a_reimport_of_unchanged_sources_changes_no_file(data_dir: Path) -> None:
    import_all(data_dir)
    before = snapshot(data_dir)
    run({name: FIXTURES / name for name in SOURCES}, data_dir, DAY + datetime.timedelta(days=3))
    assert snapshot(data_dir) == before


def test_curated_files_keep_every_triple_and_win_for_what_they_state(data_dir: Path) -> None:
    curated = rdflib.Graph().parse(data_dir / "infrastructure" / "arxiv.ttl")
    import_all(data_dir)
    after = rdflib.Graph().parse(data_dir / "infrastructure" / "arxiv.ttl")
    arxiv = URIRef(ID + "infrastructure/arxiv")
    assert not (data_dir / "infrastructure" / "arxiv.ttl").read_text().startswith(GENERATED)

    def ground(graph: rdflib.Graph) -> set[tuple[object, ...]]:
        return {t for t in graph if not any(isinstance(x, rdflib.BNode) for x in t)}

    assert ground(curated) <= ground(after)
    assert len(list(curated.objects(None, OIKG.practice))) == len(
        list(after.objects(None, OIKG.practice))
    )
    # Infra Finder and IOI say Cornell University; the curated file says arXiv, Inc.
    assert set(after.objects(arxiv, OIKG.hostedBy)) == {URIRef(ID + "organization/arxiv-inc")}
    # What the curated file does not state is added, with its source.
    assert (arxiv, OIKG.practice, None) in after
    assert (
        arxiv,
        DCTERMS.source,
        URIRef(
            "https://github.com/investinopen/infra-finder/blob/"
            "b394b9a74f2ba00a58cc20972cbe36d31188dbbc/spec/data/imports/v2-valid.csv"
        ),
    ) in after


def test_a_hand_edit_to_a_generated_file_is_overwritten(data_dir: Path) -> None:
    import_all(data_dir)
    path = data_dir / "organization" / "cornell-university.ttl"
    path.write_text(path.read_text().replace('"Cornell University"@en', '"Cornell"@en'))
    import_all(data_dir)
    assert '"Cornell University"@en' in path.read_text()


def test_practices_keep_their_status_and_evidence(data_dir: Path) -> None:
    import_all(data_dir)
    graph = graph_of(data_dir)
    dspace = URIRef(ID + "infrastructure/dspace")
    practices = {
        graph.value(node, OIKG.practiceType): node for node in graph.objects(dspace, OIKG.practice)
    }
    conduct = practices[URIRef(ID + "practice/code-of-conduct")]
    assert graph.value(conduct, OIKG.implementationStatus) == URIRef(
        ID + "implementation-status/available"
    )
    assert graph.value(conduct, OIKG.evidence) == URIRef(
        "https://www.lyrasis.org/about/Pages/Code-of-Conduct.aspx"
    )
    assert len(practices) == 16


def test_no_financial_figure_or_person_is_carried(data_dir: Path) -> None:
    import_all(data_dir)
    text = "\n".join(snapshot(data_dir).values())
    for term in ("annualRevenue", "annualExpenses", "totalAssets", "financialReport"):
        assert term not in text
    assert "@" not in text.replace("@prefix", "").replace('"@en', "")  # no e-mail addresses


def test_only_direct_and_adopt_awards_become_grants_and_funding(data_dir: Path) -> None:
    import_all(data_dir)
    graph = graph_of(data_dir)
    numbers = {
        str(n) for n in graph.objects(None, URIRef("http://purl.org/cerif/frapo/hasGrantNumber"))
    }
    assert "1933812" in numbers  # DIRECT: NSF funds Dryad
    assert "1456832" not in numbers  # ADJACENT: only mentions Dryad
    dryad = URIRef(ID + "infrastructure/dryad")
    nsf = URIRef(ID + "funder/u-s-national-science-foundation")
    assert (dryad, OIKG.fundedBy, nsf) in graph
    assert (nsf, OIKG.rorId, URIRef("https://ror.org/021nxhr62")) in graph


def test_scomcat_facts_carry_the_cc_by_licence_and_drafts_stay_out(data_dir: Path) -> None:
    import_all(data_dir)
    graph = graph_of(data_dir)
    blacklight = URIRef(ID + "infrastructure/blacklight")
    assert (
        blacklight,
        DCTERMS.license,
        URIRef("https://creativecommons.org/licenses/by/4.0/"),
    ) in graph
    assert (blacklight, OIKG.dependsOn, URIRef(ID + "infrastructure/solr")) in graph
    assert (URIRef(ID + "standard/counter-code-of-practice"), RDF.type, OIKG.Standard) in graph
    labels = {
        str(o) for o in graph.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    }
    assert "Crossref" not in labels  # a draft row
    homepages = list(graph.objects(None, URIRef("http://xmlns.com/foaf/0.1/homepage")))
    assert len(homepages) == len(set(homepages))  # the two Libero rows share one


def test_the_same_infrastructure_from_three_sources_is_one_entity(data_dir: Path) -> None:
    import_all(data_dir)
    graph = graph_of(data_dir)
    dspace = URIRef(ID + "infrastructure/dspace")
    sources = {str(s) for s in graph.objects(dspace, DCTERMS.source)}
    assert any("state_of_open_funding_data_processing" in s for s in sources)
    assert any("infra-finder" in s for s in sources)
    assert any("SComCaT" in s for s in sources)
    labels = [
        s
        for s in graph.subjects(
            URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("DSpace", lang="en")
        )
    ]
    assert labels == [dspace]


def test_import_command_writes_the_data_folder(tmp_path: Path, data_dir: Path) -> None:
    result = run_cli("import", "scomcat", str(FIXTURES / "scomcat"), "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert (data_dir / "infrastructure" / "blacklight.ttl").exists()
    assert "held back" in result.stdout or "written" in result.stderr


# --- Categories and IOI's affiliation columns, checked against whole source tables -------------

SOURCE_TABLES = Path(__file__).parents[1] / "data"
# SComCaT's `categories` column says what form a technology takes, not what kind of
# infrastructure it is: only "Standard" is read (it makes the row a oikg:Standard).
SCOMCAT_FORMS = {"Application", "Software Component", "Software Framework", "Software Package"}


def rows(*path: str) -> list[dict[str, str]]:
    with SOURCE_TABLES.joinpath(*path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_ioi_category_has_a_concept_in_the_scheme() -> None:
    labels = {
        r["solution_category"] for r in rows("ioi-state-of-open", "oi_solution_categories.csv")
    }
    assert len(labels) > 20
    assert {label for label in labels if category_iri(label) is None} == set()


def test_every_scomcat_function_has_a_concept_in_the_scheme() -> None:
    technologies = rows("scomcat", "technologies-classification.csv")
    functions = {f.strip() for r in technologies for f in r["functions"].split("|") if f.strip()}
    assert len(functions) > 10
    assert {f for f in functions if function_category(f) is None} == set()
    forms = {c.strip() for r in technologies for c in r["categories"].split("|") if c.strip()}
    assert forms - {"Standard"} == SCOMCAT_FORMS


def test_every_former_hosts_cell_is_read_and_flagged_ones_name_nobody() -> None:
    cells = [
        r["former_hosts_founders_conduits"]
        for r in rows("ioi-state-of-open", "oi_affiliations.csv")
    ]
    read = {cell: former_affiliations(cell) for cell in cells if cell.strip()}
    assert len(read) > 20
    for cell, found in read.items():
        if "UNVERIFIED" in cell or "NOT direct" in cell:
            assert found == [], cell


def test_former_hosts_and_direct_funding_recipients_come_from_ioi(data_dir: Path) -> None:
    import_all(data_dir)
    graph = graph_of(data_dir)

    def names(subject: URIRef, prop: URIRef) -> set[str]:
        return {
            str(name).lower()
            for target in graph.objects(subject, prop)
            for name_prop in (RDFS.label, SKOS.altLabel)
            for name in graph.objects(target, name_prop)
        }

    for row in rows("importers", "ioi-state-of-open", "oi_affiliations.csv"):
        entity = URIRef(ID + "infrastructure/" + slugify(row["oi_name"].split(" (")[0]))
        recipients = names(entity, OIKG.directFundingRecipient)
        for part in row["triggers_direct_orgs"].split(";"):
            name = re.sub(r"\s*\([^()]*\)$", "", part.strip()).lower()  # "Hewlett-Packard (HP)"
            assert name in recipients, (row["oi_name"], part)
        source = URIRef(AFFILIATIONS)
        for target in graph.objects(entity, OIKG.formerlyAffiliatedWith):
            assert (target, DCTERMS.source, source) in graph
    dspace = URIRef(ID + "infrastructure/dspace")
    assert names(dspace, OIKG.formerlyAffiliatedWith) >= {"dspace foundation", "duraspace", "mit"}
    assert "lyrasis" not in names(dspace, OIKG.formerlyAffiliatedWith)  # the current host
    ojs = URIRef(ID + "infrastructure/open-journal-systems")
    # "Founded 1998 at UBC …; research led from Stanford; partners incl. …": only UBC was.
    assert names(ojs, OIKG.formerlyAffiliatedWith) == {"university of british columbia"}
