"""Comunica (`comunica-sparql` from the npm registry), unmodified, against /sparql on a real
`kgserver serve`: as a bare URL (Comunica finds the endpoint through its service description)
and as a `sparql@` source.

Comunica is installed in tests/clients/comunica/ by `.ci/run` (`npm ci` on the committed
package-lock.json).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import Store

from kgserver.rdf import iris
from tests import facts

COMUNICA = Path(__file__).resolve().parents[2] / "clients" / "comunica"
CLI = COMUNICA / "node_modules" / ".bin" / "comunica-sparql"
OIKG = iris.ONTOLOGY_NS
ZENODO = iris.ENTITY_BASE + "infrastructure/zenodo"
FOAF_HOMEPAGE = "http://xmlns.com/foaf/0.1/homepage"
INFRASTRUCTURES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?i ?name WHERE {{ ?i a <{OIKG}Infrastructure> ; rdfs:label ?name }} ORDER BY ?i ?name"""


def comunica(source: str, query: str, media_type: str) -> str:
    """What `comunica-sparql SOURCE -t MEDIA_TYPE QUERY` prints."""
    assert CLI.exists(), f"Comunica is not installed: run `npm ci` in {COMUNICA}"
    done = subprocess.run(
        [str(CLI), source, "-t", media_type, query],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def bindings(output: str) -> list[dict[str, str]]:
    document = json.loads(output)
    return [
        {name: term["value"] for name, term in row.items()}
        for row in document["results"]["bindings"]
    ]


def infrastructures(store: Store) -> list[tuple[str, str]]:
    found = facts.rows(
        store, "SELECT ?i ?name { ?i a oikg:Infrastructure ; rdfs:label ?name } ORDER BY ?i ?name"
    )
    return [(i, name) for i, name in found]


@pytest.mark.parametrize("prefix", ["", "sparql@"], ids=["discovered", "sparql-source"])
def test_comunica_selects_the_infrastructures(live_server: str, store: Store, prefix: str) -> None:
    output = comunica(
        prefix + live_server + "/sparql", INFRASTRUCTURES, "application/sparql-results+json"
    )
    rows = [(row["i"], row["name"]) for row in bindings(output)]
    assert rows == infrastructures(store)
    assert len(rows) >= 10


def test_comunica_asks(live_server: str) -> None:
    source = "sparql@" + live_server + "/sparql"
    answers = [
        json.loads(comunica(source, query, "application/sparql-results+json"))["boolean"]
        for query in (
            f"ASK {{ <{ZENODO}> a <{OIKG}Infrastructure> }}",
            f"ASK {{ <{ZENODO}> a <{OIKG}Funder> }}",
        )
    ]
    assert answers == [True, False]


def test_comunica_constructs_a_graph(live_server: str, store: Store) -> None:
    query = f"CONSTRUCT {{ ?i a <{OIKG}Infrastructure> }} WHERE {{ ?i a <{OIKG}Infrastructure> }}"
    output = comunica("sparql@" + live_server + "/sparql", query, "application/n-triples")
    graph = rdflib.Graph().parse(data=output, format="nt")
    assert {str(s) for s in graph.subjects()} == {i for i, _ in infrastructures(store)}


def test_comunica_reads_optional_and_filtered_rows(live_server: str, store: Store) -> None:
    query = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?label ?homepage ?missing WHERE {{
      <{ZENODO}> rdfs:label ?label .
      OPTIONAL {{ <{ZENODO}> <{FOAF_HOMEPAGE}> ?homepage }}
      OPTIONAL {{ <{ZENODO}> <{OIKG}noSuchProperty> ?missing }}
      FILTER(LANG(?label) = "en")
    }}"""
    rows = bindings(comunica(live_server + "/sparql", query, "application/sparql-results+json"))
    labels = facts.values(store, ZENODO, "http://www.w3.org/2000/01/rdf-schema#label")
    assert {row["label"] for row in rows} == set(labels)
    homepages = facts.values(store, ZENODO, FOAF_HOMEPAGE)
    assert homepages and {row["homepage"] for row in rows} == set(homepages)
    assert all("missing" not in row for row in rows)
