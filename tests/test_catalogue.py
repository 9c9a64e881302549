"""The bundled catalogue in data/: counts, provenance, references, identifiers, spot checks."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import Store

from kgserver import iris
from kgserver.importers.ioi_state_of_open import CATEGORY_TABLE_NAMES
from kgserver.importers.model import CC_BY_4, normalise, ror_is_valid
from kgserver.importers.names import SAME_WORK, work_names
from kgserver.settings import BUNDLE_DIR

PREFIXES = """
PREFIX oikg: <https://w3id.org/oikg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
DATA = f"<{iris.DATA_GRAPH}>"
ID = iris.ENTITY_BASE

# The minimums of issue 5 ("Scope"): organisations are counted without the funders.
MINIMUMS = {"Infrastructure": 150, "Organization": 100, "Standard": 60, "Funder": 50}

COUNTED = ("Infrastructure", "Organization", "Funder", "Standard", "Grant", "PracticeAssessment")

# Properties whose values are web pages (evidence, homepages, sources), not entities.
WEB_LINKS = {
    "http://purl.org/dc/terms/source",
    "http://purl.org/dc/terms/license",
    "http://xmlns.com/foaf/0.1/homepage",
    "https://schema.org/logo",
    iris.ONTOLOGY_NS + "evidence",
    iris.ONTOLOGY_NS + "codeRepository",
    iris.ONTOLOGY_NS + "membershipProgramme",
    iris.ONTOLOGY_NS + "serviceProviderRegistry",
    iris.ONTOLOGY_NS + "contactPage",
}
# External identifiers of a known kind that an entity may point to.
KNOWN_EXTERNAL = re.compile(
    r"^(https://ror\.org/|http://www\.wikidata\.org/entity/Q|https://doi\.org/10\.13039/"
    r"|https://spdx\.org/licenses/|https://[a-z]+\.wikipedia\.org/wiki/)"
)


def select(store: Store, query: str) -> list[tuple[str, ...]]:
    rows = store.query(PREFIXES + query, use_default_graph_as_union=True)
    return [tuple(term.value if term is not None else "" for term in row) for row in rows]


def class_counts(store: Store) -> dict[str, int]:
    counts = dict.fromkeys(MINIMUMS, 0) | {"Grant": 0}
    query = f"""SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        GRAPH {DATA} {{ ?s a ?class }}
        FILTER(STRSTARTS(STR(?class), STR(oikg:)))
    }} GROUP BY ?class"""
    for cls, n in select(store, query):
        name = cls.rsplit("#", 1)[1]
        if name in COUNTED:
            counts[name] = int(n)
    return counts


def test_counts_per_class_meet_the_minimums(store: Store) -> None:
    counts = class_counts(store)
    for cls, minimum in MINIMUMS.items():
        assert counts[cls] >= minimum, (cls, counts[cls])


def test_readme_counts_are_the_graphs(store: Store) -> None:
    readme = (BUNDLE_DIR / "README.md").read_text(encoding="utf-8")
    for cls, n in class_counts(store).items():
        assert re.search(rf"\| `oikg:{cls}` \| {n} \|", readme), f"README: oikg:{cls} is {n}"


def test_every_infra_finder_service_is_in_the_graph(store: Store) -> None:
    record = (
        "https://github.com/investinopen/infra-finder/blob/"
        "b394b9a74f2ba00a58cc20972cbe36d31188dbbc/spec/data/imports/v2-valid.csv"
    )
    rows = select(
        store,
        f"""SELECT DISTINCT ?s WHERE {{ GRAPH {DATA} {{
            ?s dcterms:source <{record}> ; a ?c VALUES ?c {{ oikg:Infrastructure oikg:Standard }}
        }} }}""",
    )
    assert len(rows) == 57


def entities(store: Store) -> list[str]:
    rows = select(
        store, f"SELECT DISTINCT ?s WHERE {{ GRAPH {DATA} {{ ?s a ?c }} FILTER(isIRI(?s)) }}"
    )
    return [s for (s,) in rows if s.startswith(ID)]


def test_every_entity_has_a_source_and_a_modification_date(store: Store) -> None:
    missing = select(
        store,
        f"""SELECT DISTINCT ?s WHERE {{ GRAPH {DATA} {{ ?s a ?c
            FILTER(isIRI(?s) && !CONTAINS(STR(?s), "#"))
            FILTER NOT EXISTS {{ ?s dcterms:source ?src ; dcterms:modified ?m }}
        }} }}""",
    )
    assert missing == []
    assert len(entities(store)) > 500


def test_every_reference_resolves(store: Store) -> None:
    described = set(
        s for (s,) in select(store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }")
    )
    dangling = []
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {DATA} {{ ?s ?p ?o FILTER(isIRI(?o)) }} }}"
    for s, p, o in select(store, query):
        if p in WEB_LINKS or p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            continue
        if o.startswith(iris.BASE):
            if o not in described:
                dangling.append((s, p, o))
        elif not KNOWN_EXTERNAL.match(o):
            dangling.append((s, p, o))
    assert dangling == []


@pytest.mark.parametrize("prop", ["oikg:wikidataItem", "foaf:homepage", "oikg:rorId"])
def test_no_two_entities_share_an_identifier(store: Store, prop: str) -> None:
    rows = select(store, f"SELECT ?s ?o WHERE {{ GRAPH {DATA} {{ ?s {prop} ?o }} }}")

    def key(value: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", value).rstrip("/").lower()

    shared = [o for o, n in Counter(key(o) for _, o in rows).items() if n > 1]
    assert shared == []


def test_every_ror_id_has_a_valid_checksum(store: Store) -> None:
    rows = select(store, f"SELECT ?o WHERE {{ GRAPH {DATA} {{ ?s oikg:rorId ?o }} }}")
    assert len(rows) >= 50
    assert [o for (o,) in rows if not ror_is_valid(o)] == []


def hosts(store: Store, infrastructure: str) -> set[str]:
    rows = select(
        store,
        f"""SELECT ?name WHERE {{ <{ID}infrastructure/{infrastructure}> oikg:hostedBy ?h .
            ?h rdfs:label ?name }}""",
    )
    return {name for (name,) in rows}


@pytest.mark.parametrize(
    ("infrastructure", "host"),
    [
        ("orcid", "ORCID, Inc."),
        ("open-journal-systems", "Public Knowledge Project"),
        ("dspace", "Lyrasis"),
        ("fedora", "Lyrasis"),
        ("zenodo", "CERN"),
        ("software-heritage", "Inria"),
        ("base", "Bielefeld University Library"),
    ],
)
def test_spot_check_hosts(store: Store, infrastructure: str, host: str) -> None:
    assert host in hosts(store, infrastructure)


@pytest.mark.parametrize(
    "iri",
    [
        "organization/invest-in-open-infrastructure",
        "organization/joint-roadmap-for-open-science-tools",
        "organization/code-for-science-and-society",
        "funder/alfred-p-sloan-foundation",
        "funder/schmidt-futures",
        "standard/unesco-recommendation-on-open-science",
    ],
)
def test_the_seed_organisations_are_described(store: Store, iri: str) -> None:
    rows = select(store, f"SELECT ?l WHERE {{ <{ID}{iri}> rdfs:label ?l ; dcterms:source ?s }}")
    assert rows


def test_grants_name_funder_recipient_and_year_where_public(store: Store) -> None:
    rows = select(
        store,
        f"""SELECT ?amount ?currency ?year WHERE {{
            <{ID}grant/alfred-p-sloan-foundation-invest-in-open-infrastructure-2019>
                oikg:awardedBy <{ID}funder/alfred-p-sloan-foundation> ;
                oikg:awardedTo <{ID}organization/invest-in-open-infrastructure> ;
                oikg:amount ?amount ; oikg:currency ?currency ; oikg:awardYear ?year }}""",
    )
    assert rows == [("50000.00", "USD", "2019")] or rows == [("50000", "USD", "2019")]
    funded = select(store, f"SELECT ?f WHERE {{ GRAPH {DATA} {{ ?g oikg:awardedBy ?f }} }}")
    assert len(funded) >= 40


def test_practices_have_a_status_on_infra_finders_scale(store: Store) -> None:
    rows = select(
        store,
        f"""SELECT ?status (COUNT(*) AS ?n) WHERE {{ GRAPH {DATA} {{
            ?i oikg:practice ?p . ?p oikg:implementationStatus ?status }} }} GROUP BY ?status""",
    )
    statuses = {s.rsplit("/", 1)[1] for s, _ in rows}
    assert {"available", "in-progress", "not-planning"} <= statuses
    assert sum(int(n) for _, n in rows) > 500


def test_scomcat_facts_are_marked_cc_by(store: Store) -> None:
    unmarked = select(
        store,
        f"""SELECT ?s WHERE {{ GRAPH {DATA} {{ ?s dcterms:source ?src
            FILTER(CONTAINS(STR(?src), "antleaf/SComCaT"))
            FILTER NOT EXISTS {{ ?s dcterms:license <{CC_BY_4}> }}
        }} }}""",
    )
    assert unmarked == []


# Infrastructures IOI's tables name that the graph leaves out, and why (README, "What is held
# back"): IOI's category table has no row for them and no other source classifies them.
HELD_BACK = {
    name: "no source gives it a category"
    for name in (
        "AfricArXiv", "Browsertrix", "DART (Digital Archivist's Resource Tool)", "DataLumos",
        "DLCM Backend", "DLCM Portal", "FAIR Wizard", "FAIRiCat", "fido", "JHOVE",
        "Keepers Registry", "Open Data Editor", "PKP Preservation Network", "TagTeam", "veraPDF",
    )
}  # fmt: skip
IOI_TABLES = Path(__file__).parent / "data" / "ioi-state-of-open"


def ioi_names() -> set[str]:
    """Every infrastructure IOI's affiliation and category tables name, as the importer reads it."""
    names = set()
    for table, column in (
        ("oi_affiliations.csv", "oi_name"),
        ("oi_solution_categories.csv", "oi_normalised"),
    ):
        with (IOI_TABLES / table).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                raw = row[column].strip()
                names.add(CATEGORY_TABLE_NAMES.get(raw, raw))
    return names


def test_every_infrastructure_ioi_names_is_in_the_graph_but_the_held_back(store: Store) -> None:
    rows = select(
        store,
        f"""SELECT ?name WHERE {{ GRAPH {DATA} {{
            ?s a ?c ; rdfs:label|skos:altLabel ?name
            VALUES ?c {{ oikg:Infrastructure oikg:Standard }} }} }}""",
    )
    in_graph = {normalise(name) for (name,) in rows}
    held_back = {normalise(name) for name in HELD_BACK}
    missing = set()
    for raw in ioi_names():
        name, aliases = work_names(raw)
        keys = {
            normalise(n)
            for n in (raw, name, *aliases, SAME_WORK.get(raw, ""), SAME_WORK.get(name, ""))
            if n
        }
        if not keys & in_graph and not keys & held_back:
            missing.add(raw)
        assert not (keys & in_graph and keys & held_back), f"{raw} is in the graph now"
    assert len(ioi_names()) > 100
    assert missing == set()
