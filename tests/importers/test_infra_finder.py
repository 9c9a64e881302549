"""The bundled catalogue in data/: counts, provenance, references, identifiers, spot checks."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import Store

from kgserver.importers.identifiers import SCHEMES, default_table, repository_owner
from kgserver.importers.ioi_state_of_open import CATEGORY_TABLE_NAMES
from kgserver.importers.model import CC_BY_4, normalise, ror_is_valid
from kgserver.importers.names import SAME_WORK, work_names
from kgserver.rdf import iris
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
FIXTURES = Path(__file__).parents[1] / "data" / "infra-finder"
INFRA_FINDER = (
    "https://github.com/investinopen/infra-finder/blob/"
    "b394b9a74f2ba00a58cc20972cbe36d31188dbbc/spec/data/imports/v2-valid.csv"
)
STANDARD = "Standard, specification or protocol"

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
    r"|https://spdx\.org/licenses/|https://[a-z]+\.wikipedia\.org/wiki/"
    r"|https://github\.com/[A-Za-z0-9][A-Za-z0-9-]*$)"
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
    readme = (BUNDLE_DIR / "data" / "README.md").read_text(encoding="utf-8")
    for cls, n in class_counts(store).items():
        assert re.search(rf"\| `oikg:{cls}` \| {n} \|", readme), f"README: oikg:{cls} is {n}"


def test_every_infra_finder_service_is_in_the_graph(store: Store) -> None:
    entity = infra_finder_entities(store)
    records = infra_finder_records()
    found = {entity.get(_name_key(r["001_service_name"])) for r in records}
    assert None not in found and len(found) == len(records) == 57


def infra_finder_entities(store: Store) -> dict[str, str]:
    """The infrastructures and standards that cite Infra Finder's records, by their names (the
    57 services, and a few whose homepage those records state)."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?s ?name WHERE {{ GRAPH {DATA} {{
            ?s dcterms:source <{INFRA_FINDER}> ; a ?c ; rdfs:label|skos:altLabel ?name
            VALUES ?c {{ oikg:Infrastructure oikg:Standard }}
        }} }}""",
    )
    return {_name_key(name): s for s, name in rows}


def _name_key(name: str) -> str:
    return re.sub(r"\W", "", name.lower())  # "VuFind®" is our "VuFind"


def infra_finder_records() -> list[dict[str, str]]:
    """Infra Finder's 57 records: name, category, and each practice's status and evidence."""
    with open(FIXTURES / "solutions-practices.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def practice_columns(store: Store) -> dict[str, tuple[str, str]]:
    """Each practice concept with its status and evidence columns, as its scope note says."""
    rows = select(
        store,
        """SELECT ?practice ?note WHERE {
            ?practice skos:inScheme <https://w3id.org/oikg/id/practice> ; skos:scopeNote ?note }""",
    )
    found = {}
    for practice, note in rows:
        match = re.search(r"status in column (\d+) (\w+), evidence in column (\d+) (\w+)", note)
        if match:
            found[practice] = (f"{match[1]}_{match[2]}", f"{match[3]}_{match[4]}")
    return found


def assessed_practices(store: Store) -> dict[tuple[str, str], tuple[set[str], set[str]]]:
    """(entity, practice) -> (the status's label and notation, the evidence), as the graph has
    them."""
    rows = select(
        store,
        f"""SELECT ?s ?practice ?name ?evidence WHERE {{
            GRAPH {DATA} {{ ?s oikg:practice ?p . ?p oikg:practiceType ?practice .
                OPTIONAL {{ ?p oikg:evidence ?evidence }}
                OPTIONAL {{ ?p oikg:implementationStatus ?status }} }}
            OPTIONAL {{ ?status skos:prefLabel|skos:notation ?name }}
        }}""",
    )
    found: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for s, practice, name, evidence in rows:
        names, pages = found.setdefault((s, practice), (set(), set()))
        names.update([name.lower()] if name else [])
        pages.update([evidence] if evidence else [])
    return found


def missing_practices(store: Store, records: list[dict[str, str]]) -> list[tuple[str, ...]]:
    """Every practice status and evidence URL of `records` that the graph does not hold."""
    entity = infra_finder_entities(store)
    assessed = assessed_practices(store)
    missing = []
    for record in records:
        name = record["001_service_name"]
        for practice, (status_column, url_column) in practice_columns(store).items():
            status, url = record[status_column].strip(), record[url_column].strip()
            if not status and not url:
                continue
            names, pages = assessed.get((entity.get(_name_key(name), ""), practice), (set(), set()))
            if status and status.lower() not in names:
                missing.append((name, practice, status))
            if url.startswith("http") and url not in pages:
                missing.append((name, practice, url))
    return missing


def test_every_practice_of_every_infra_finder_record_is_in_the_graph(store: Store) -> None:
    records = infra_finder_records()
    assert len(records) == 57
    assert missing_practices(store, records) == []


def test_the_standards_infra_finder_assesses_keep_their_practices(store: Store) -> None:
    """IIIF, JATS, ARK, COUNTER, CC licences and OCFL: standards, assessed as infrastructures."""
    standards = [r for r in infra_finder_records() if r["014_solution_category"] == STANDARD]
    entity = infra_finder_entities(store)
    kinds = {entity[_name_key(r["001_service_name"])].split("/")[-2] for r in standards}
    assert len(standards) == 6 and kinds == {"standard"}
    assert missing_practices(store, standards) == []
    stated = sum(1 for r in standards for s, u in practice_columns(store).values() if r[s] or r[u])
    held = select(
        store,
        f"""SELECT (COUNT(?p) AS ?n) WHERE {{ GRAPH {DATA} {{
            ?s a oikg:Standard ; oikg:practice ?p }} }}""",
    )
    assert int(held[0][0]) == stated


def test_iiif_has_an_open_code_repository_as_infra_finder_says(store: Store) -> None:
    iiif = next(r for r in infra_finder_records() if r["001_service_name"] == "IIIF")
    rows = select(
        store,
        f"""SELECT ?notation ?evidence WHERE {{
            <{ID}standard/iiif> oikg:practice ?p .
            ?p oikg:practiceType <{ID}practice/open-code-repository> ;
               oikg:implementationStatus/skos:notation ?notation ; oikg:evidence ?evidence }}""",
    )
    assert rows == [(iiif["018_open_code_repository_status"], iiif["019_open_code_repository_url"])]


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


@pytest.mark.parametrize(
    "prop", ["oikg:wikidataItem", "foaf:homepage", "oikg:rorId", "oikg:crossrefFunderId"]
)
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


@pytest.mark.parametrize("prop", ["oikg:wikidataItem", "oikg:rorId", "oikg:crossrefFunderId"])
def test_every_identifier_is_on_a_sourced_entity(store: Store, prop: str) -> None:
    unsourced = select(
        store,
        f"""SELECT ?s WHERE {{ GRAPH {DATA} {{ ?s {prop} ?o
            FILTER NOT EXISTS {{ ?s dcterms:source ?src }} }} }}""",
    )
    assert unsourced == []


def test_every_row_of_the_identifier_table_is_in_the_graph_with_its_source(store: Store) -> None:
    path = default_table(BUNDLE_DIR / "data")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = []
    for row in rows:
        scheme = SCHEMES[row["scheme"]]
        query = f"""ASK {{ GRAPH {DATA} {{
            <{row["entity"]}> <{scheme.predicate}> <{scheme.iri(row["value"])}> ;
                dcterms:source <{row["source_url"]}> }} }}"""
        if not store.query(PREFIXES + query):
            missing.append(row)
    assert missing == []


def test_an_infrastructure_with_code_on_github_names_its_owner(store: Store) -> None:
    rows = select(
        store,
        f"""SELECT ?s ?repository WHERE {{ GRAPH {DATA} {{ ?s oikg:codeRepository ?repository
            FILTER NOT EXISTS {{ ?s oikg:githubOrganization ?any }} }} }}""",
    )
    assert [(s, r) for s, r in rows if repository_owner(r)] == []
    query = f"SELECT ?o WHERE {{ GRAPH {DATA} {{ ?s oikg:githubOrganization ?o }} }}"
    assert select(store, query)


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
# back"): IOI's category table has no row for them, no other source classifies them and no
# curated file does either.
HELD_BACK = {
    name: "no source gives it a category"
    for name in ("DLCM Backend", "DLCM Portal", "Open Data Editor")
}
IOI_TABLES = Path(__file__).parents[1] / "data" / "ioi-state-of-open"


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


def test_every_country_code_names_a_country_of_the_scheme(store: Store) -> None:
    """oikg:country (and with it the region facets) is inferred from the code: every code the
    data uses must be a country of ontology/schemes.ttl."""
    unknown = select(
        store,
        f"""SELECT DISTINCT ?code WHERE {{ GRAPH {DATA} {{ ?s oikg:countryCode ?code }}
            FILTER NOT EXISTS {{ ?country skos:notation ?code ;
                skos:inScheme <{ID}country> }} }}""",
    )
    assert unknown == []
