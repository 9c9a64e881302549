"""The competency questions of ontology/README.md, each answered by its query on the real store.

The expected answers are facts the bundled data states (with what the load-time reasoning
derives from them): small answers whole, so that a changed answer changes here on purpose; the
large ones by rows that must stay in them as the catalogue grows.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from kgserver.settings import BUNDLE_DIR
from tests.bundle.answered import answers

ID = "https://w3id.org/oikg/id/"
README = BUNDLE_DIR / "ontology" / "README.md"
QUESTIONS = re.findall(
    r"^\d+\. (.+\?) — `(cq-[\w-]+\.rq)`", README.read_text(encoding="utf-8"), re.MULTILINE
)

# query file → (the variables compared, the rows expected), rows as tuples of values.
EXPECTED: dict[str, tuple[tuple[str, ...], set[tuple[str, ...]]]] = {
    "cq-01-oai-pmh-repositories-hosted-in-europe.rq": (
        ("infrastructure", "countryName"),
        {(ID + "infrastructure/zenodo", "Switzerland")},
    ),
    "cq-02-sloan-funded-infrastructures-with-open-code.rq": (
        ("name",),
        {("PREreview",), ("DataCite",), ("Dataverse",), ("Zenodo",)},
    ),
    "cq-03-grants-received-by-invest-in-open-infrastructure.rq": (
        ("funderName", "year", "amount", "currency"),
        {
            ("Center for Research Libraries", "2020", "5000", "USD"),
            ("Chan Zuckerberg Initiative", "2020", "50000", "USD"),
            ("North Carolina State University", "2020", "10000", "USD"),
            ("SPARC", "2020", "20000", "USD"),
            ("Stanford Libraries", "2020", "5000", "USD"),
            ("State University of New York at Buffalo", "2020", "20000", "USD"),
            ("Alfred P. Sloan Foundation", "2019", "50000", "USD"),
            ("Schmidt Futures", "2019", "150000", "USD"),
        },
    ),
    "cq-04-funders-of-infrastructures-in-several-countries.rq": (
        ("funderName", "countries"),
        {
            ("Alfred P. Sloan Foundation", "3"),
            ("Arcadia Fund", "3"),
            ("Chan Zuckerberg Initiative", "2"),
            ("European Commission", "4"),
            ("National Institutes of Health", "2"),
            ("U.S. National Science Foundation", "2"),
            ("Wellcome Trust", "3"),
        },
    ),
    "cq-05-persistent-identifier-schemes-and-their-users.rq": (
        ("schemeName", "name"),
        {
            ("DOI", "OSF"),
            ("ORCID iD", "Janeway"),
            ("ORCID iD", "ORCID"),
            ("ORCID iD", "PubPub"),
            ("ORCID iD", "Rogue Scholar"),
            ("ORCID iD", "medRxiv"),
            ("ROR ID", "LA Referencia"),
            ("ROR ID", "ROR"),
            ("DOI", "DataCite"),
            ("DOI", "DSpace"),
            ("ORCID iD", "bioRxiv"),
            ("ORCID iD", "DataCite"),
            ("ORCID iD", "Dryad"),
            ("ORCID iD", "DSpace"),
            ("ORCID iD", "Europe PMC"),
            ("ROR ID", "Dryad"),
        },
    ),
    "cq-06-metadata-schemas-of-repositories.rq": (
        ("name", "schemaName"),
        {
            ("Érudit", "JATS"),
            ("Dataverse", "DataCite Metadata Schema"),
            ("Dataverse", "Dublin Core"),
            ("Dataverse", "Schema.org"),
            ("Dryad", "DataCite Metadata Schema"),
        },
    ),
    "cq-07-infrastructures-founded-before-2006.rq": (
        ("name", "year"),
        {
            ("BASE", "2004"),
            ("Crossref Metadata Retrieval", "2000"),
            ("Fedora", "2001"),
            ("Internet Archive", "1996"),
            ("LOCKSS", "1999"),
            ("Oasisbr", "2005"),
            ("Open Policy Finder", "2002"),
            ("Portico", "2002"),
            ("PubMed Central", "2000"),
            ("Redalyc", "2003"),
            ("SciELO", "1997"),
            ("Érudit", "1998"),
            ("arXiv", "1991"),
            ("DSpace", "2002"),
            ("Open Journal Systems", "2002"),
            ("DOAJ (Directory of Open Access Journals)", "2003"),
        },
    ),
    "cq-08-infrastructures-without-public-funding-record.rq": (
        ("infrastructure",),
        {
            (ID + "infrastructure/doaj",),
            (ID + "infrastructure/dspace",),
            (ID + "infrastructure/opencitations",),
        },
    ),
    "cq-09-fiscal-sponsors.rq": (
        ("sponsor", "sponsored"),
        {
            (
                ID + "organization/code-for-science-and-society",
                ID + "infrastructure/prereview",
            ),
            (
                ID + "organization/code-for-science-and-society",
                ID + "organization/invest-in-open-infrastructure",
            ),
        },
    ),
    "cq-10-infrastructures-per-region.rq": (
        ("regionName", "infrastructures"),
        {
            ("Central America", "1"),
            ("Eastern Africa", "1"),
            ("Northern America", "34"),
            ("Northern Europe", "5"),
            ("South America", "4"),
            ("Southern Europe", "1"),
            ("Western Europe", "10"),
        },
    ),
    "cq-11-infrastructures-supporting-doi-and-orcid.rq": (
        ("name",),
        {("DataCite",), ("DSpace",)},
    ),
    "cq-12-discovery-services-supporting-oai-pmh.rq": (
        ("name",),
        {
            ("BASE",),
            ("Directory of Open Access Books",),
            ("LA Referencia",),
            ("OAPEN Library",),
            ("OpenEdition",),
            ("Érudit",),
            ("CORE",),
            ("DOAJ (Directory of Open Access Journals)",),
        },
    ),
    "cq-13-infrastructures-funded-by-their-host.rq": (
        ("name", "hostName"),
        {
            ("InvenioRDM", "CERN"),
            ("OpenEdition", "Aix-Marseille University"),
            ("OpenEdition", "Avignon University"),
            ("OpenEdition", "EHESS"),
            ("Dataverse", "Harvard University"),
            ("Zenodo", "CERN"),
        },
    ),
    "cq-14-organisations-without-ror-id.rq": (
        ("organisation",),
        {
            (ID + "funder/schmidt-futures",),
            (ID + "organization/arxiv-inc",),
            (ID + "organization/research-centre-for-open-scholarly-metadata",),
        },
    ),
    "cq-15-funders-based-in-europe.rq": (
        ("name", "countryName"),
        {
            ("Arcadia Fund", "United Kingdom"),
            ("CERN", "Switzerland"),
            ("Deutsche Forschungsgemeinschaft", "Germany"),
            ("European Commission", "Belgium"),
            ("Jisc", "United Kingdom"),
            ("Wellcome Trust", "United Kingdom"),
        },
    ),
    "cq-16-open-source-repository-software.rq": (
        ("name", "hostName", "repository"),
        {
            (
                "Archipelago Commons",
                "Metropolitan New York Library Council",
                "https://github.com/esmero/",
            ),
            ("Fedora", "Lyrasis", "https://github.com/fcrepo/fcrepo"),
            ("Hyku", "Samvera", "https://github.com/samvera/hyku"),
            ("InvenioRDM", "CERN", "https://github.com/inveniosoftware"),
            ("OSF", "Center for Open Science", "https://github.com/CenterForOpenScience/osf.io"),
            ("Érudit", "Érudit", "https://github.com/erudit/eruditorg"),
            ("DSpace", "Lyrasis", "https://github.com/DSpace/DSpace"),
            ("Dataverse", "Harvard University", "https://github.com/IQSS/dataverse"),
            ("Zenodo", "CERN", "https://github.com/zenodo/zenodo-rdm"),
        },
    ),
}


LARGE = {
    "cq-08-infrastructures-without-public-funding-record.rq",
    "cq-14-organisations-without-ror-id.rq",
    "cq-15-funders-based-in-europe.rq",
}
"""Answers of more than 16 rows: a sample of their rows is listed."""


def test_there_are_at_least_fifteen_questions_each_with_a_query_and_an_answer() -> None:
    assert len(QUESTIONS) >= 15
    files = [name for _, name in QUESTIONS]
    on_disk = sorted(p.name for p in (BUNDLE_DIR / "queries").glob("cq-*.rq"))
    assert sorted(files) == on_disk == sorted(EXPECTED)


def answer(client: TestClient, query: str) -> list[dict[str, str]]:
    response = client.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return [
        {name: term["value"] for name, term in row.items()}
        for row in response.json()["results"]["bindings"]
    ]


@answers(*(name.removesuffix(".rq") for name in EXPECTED))
@pytest.mark.parametrize(("question", "name"), QUESTIONS, ids=[n for _, n in QUESTIONS])
def test_each_question_gets_its_expected_answer(
    client: TestClient, question: str, name: str
) -> None:
    query = (BUNDLE_DIR / "queries" / name).read_text(encoding="utf-8")
    variables, expected = EXPECTED[name]
    rows = answer(client, query)
    got = {tuple(_normal(row.get(v, "")) for v in variables) for row in rows}
    # Small answers are compared whole; the large ones (LARGE) must keep every row listed.
    if name in LARGE:
        assert expected <= got, question
    else:
        assert got == expected, question
    assert len(rows) == len(got), f"{name} repeats rows"


def _normal(value: str) -> str:
    """Decimals as Oxigraph writes them ("50000" or "50000.0") compare as numbers."""
    return re.sub(r"^(\d+)\.0+$", r"\1", value)


def test_the_reasoning_questions_need_the_inferred_graph(client: TestClient) -> None:
    """Without the inferred graph (FROM the asserted graphs only), CQ2 has no answer."""
    query = BUNDLE_DIR / "queries" / "cq-02-sloan-funded-infrastructures-with-open-code.rq"
    text = query.read_text(encoding="utf-8").replace(
        "SELECT ?infrastructure ?name ?repository WHERE",
        "SELECT ?infrastructure ?name ?repository "
        "FROM <https://w3id.org/oikg/graph/data> FROM <https://w3id.org/oikg/ontology> WHERE",
    )
    assert answer(client, text) == []
