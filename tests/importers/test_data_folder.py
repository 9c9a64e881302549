"""The importers, run on a few real rows of each source (tests/data/importers/)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, Namespace, URIRef

from kgserver.importers import SOURCES, run
from kgserver.importers.ioi_state_of_open import AFFILIATIONS
from kgserver.importers.model import slugify
from kgserver.importers.turtle import GENERATED
from tests.importers.conftest import FIXTURES, rows

OIKG = Namespace("https://w3id.org/oikg/ontology#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ID = "https://w3id.org/oikg/id/"
DAY = datetime.date(2026, 11, 25)


def import_all(data_dir: Path) -> None:
    run({name: FIXTURES / name for name in SOURCES}, data_dir, DAY)


def graph_of(data_dir: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(data_dir.rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def snapshot(data_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(data_dir)): p.read_text() for p in sorted(data_dir.rglob("*.ttl"))}


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
