"""How long validation takes: kgserver's against plain pyshacl over the whole graph.

    python benchmarks/validation.py [--repeat N] [--scale K]

Measures, on the bundled graph (or on it copied K times, with fresh IRIs, with --scale):
  - plain pyshacl over the whole graph (rdflib graph, shapes as they are): the reference;
  - kgserver's whole-graph validation (`validate`, as the bundle build and `serve` run it);
  - a one-entity contribution (a new infrastructure that refers to existing entities) and a
    changed entity (Zenodo's file, edited), in context (`validate_contribution`).
The first run of each pays for parsing the SHACL-SPARQL queries once per process ("cold");
then the median of N runs ("warm"), as a server answering POST /validate sees it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyshacl  # noqa: E402
from pyoxigraph import NamedNode, Quad, RdfFormat, parse  # noqa: E402

from kgserver.curation.in_context import validate_contribution  # noqa: E402
from kgserver.curation.validation import validate  # noqa: E402
from kgserver.rdf.output import to_rdflib  # noqa: E402
from kgserver.store.bundle import Dataset, read_bundle  # noqa: E402

NEW_INFRASTRUCTURE = b"""
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix oikg: <https://w3id.org/oikg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/oikg/id/infrastructure/example-repository> a oikg:Infrastructure ;
    rdfs:label "Example Repository"@en ;
    dcterms:description "A repository that exists only in benchmarks."@en ;
    dcterms:source <https://example.org/repository/about> ;
    dcterms:modified "2026-01-01"^^xsd:date ;
    foaf:homepage <https://repository.example.org/> ;
    oikg:countryCode "DE" ;
    oikg:foundingYear "2001"^^xsd:gYear ;
    oikg:category <https://w3id.org/oikg/id/category/repository-service> ;
    oikg:hostedBy <https://w3id.org/oikg/id/organization/code-for-science-and-society> ;
    oikg:fundedBy <https://w3id.org/oikg/id/funder/jisc>,
        <https://w3id.org/oikg/id/funder/alfred-p-sloan-foundation> ;
    oikg:implements <https://w3id.org/oikg/id/standard/oai-pmh>,
        <https://w3id.org/oikg/id/standard/doi> .
"""


def scaled(dataset: Dataset, times: int) -> list[Quad]:
    """The data, plus times-1 copies whose entity IRIs (and identifiers) are made unique."""
    data = list(dataset.data)
    for k in range(1, times):
        for q in dataset.data:
            subject, value = _renamed(q.subject, k), _renamed(q.object, k)
            data.append(Quad(subject, q.predicate, value, q.graph_name))
    return data


def _renamed(term: Any, k: int) -> Any:
    if isinstance(term, NamedNode) and (
        term.value.startswith("https://w3id.org/oikg/id/")
        and "/category/" not in term.value
        or term.value.startswith(("https://ror.org/", "http://www.wikidata.org/"))
    ):
        return NamedNode(f"{term.value}-copy{k}")
    if isinstance(term, NamedNode) and term.value.startswith("http"):
        return NamedNode(f"{term.value}#copy{k}")
    return term


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first run, median of the next `repeat` runs), in seconds."""
    start = time.perf_counter()
    function()
    cold = time.perf_counter() - start
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return cold, statistics.median(runs) if runs else cold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="copies of the bundled data")
    args = parser.parse_args()

    dataset = read_bundle(ROOT)
    data = scaled(dataset, args.scale)
    new = list(parse(NEW_INFRASTRUCTURE, format=RdfFormat.TURTLE))
    zenodo_file = (ROOT / "data" / "infrastructure" / "zenodo.ttl").read_bytes()
    changed = list(parse(zenodo_file.replace(b'"2013"', b'"2012"'), format=RdfFormat.TURTLE))
    entities = len({q.subject for q in data})
    print(f"graph: {len(data)} data triples, {entities} entities, {len(dataset.ontology)}"
          f" ontology triples, {len(dataset.shapes)} shape triples")  # fmt: skip

    def plain_pyshacl() -> object:
        return pyshacl.validate(
            to_rdflib([*data, *dataset.ontology]),
            shacl_graph=to_rdflib(dataset.shapes),
            inference="none",
            advanced=True,
            allow_warnings=True,
        )

    rows = [
        ("plain pyshacl, whole graph", timed(plain_pyshacl, min(args.repeat, 1))),
        ("kgserver, whole graph", timed(
            lambda: validate(data, dataset.shapes, dataset.ontology), args.repeat)),
        ("kgserver, one new entity in context", timed(
            lambda: validate_contribution(data, new, dataset.shapes, dataset.ontology, True),
            args.repeat)),
        ("kgserver, one changed entity in context", timed(
            lambda: validate_contribution(data, changed, dataset.shapes, dataset.ontology, True),
            args.repeat)),
    ]  # fmt: skip
    reference = rows[0][1][1]
    print(f"{'':42} {'cold s':>8} {'warm s':>8} {'vs plain pyshacl':>17}")
    for name, (cold, warm) in rows:
        print(f"{name:42} {cold:8.3f} {warm:8.3f} {reference / warm:16.1f}x")


if __name__ == "__main__":
    main()
