"""A synthetic graph shaped like the catalogue's, of any size, the same for the same seed.

Infrastructures (category, host, funders, standards, dependencies, founding year, country),
organisations, funders and grants with amounts and years, in the ontology's terms, in the data
graph; built once per (size, seed) into a persistent Oxigraph store that both kgserver and
`oxigraph serve-read-only` open, and written as N-Triples for rdflib-endpoint.

    python benchmarks/synthetic.py --triples 100000 --out DIR
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, serialize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgserver.rdf import iris  # noqa: E402
from kgserver.rdf.namespaces import DCTERMS, FOAF, OIKG, RDF_TYPE, RDFS, XSD  # noqa: E402
from kgserver.store.version import record_version  # noqa: E402

ID = iris.ENTITY_BASE
TRIPLES_PER_INFRASTRUCTURE = 26
"""About how many triples one infrastructure brings with its share of the other entities."""
CATEGORIES = 12
STANDARDS = 80
COUNTRIES = ("CH", "DE", "FR", "GB", "NL", "US", "CA", "BR", "ZA", "IN", "JP", "AU")
DATA = NamedNode(iris.DATA_GRAPH)


def entity(kind: str, number: int) -> NamedNode:
    return NamedNode(f"{ID}{kind}/{kind}-{number}")


def _typed(value: int, datatype: str) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + datatype))


def triples(size: int, seed: int) -> Iterator[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
    """About `size` triples: the same ones, in the same order, for the same seed."""
    chance = random.Random(seed)
    infrastructures = max(1, size // TRIPLES_PER_INFRASTRUCTURE)
    organisations = max(1, infrastructures // 2)
    funders = max(1, infrastructures // 10)

    def p(name: str) -> NamedNode:
        return NamedNode(OIKG + name)

    a, label = NamedNode(RDF_TYPE), NamedNode(RDFS + "label")
    for n in range(CATEGORIES):
        yield entity("category", n), label, Literal(f"Category {n}", language="en")
    for n in range(STANDARDS):
        yield entity("standard", n), a, p("Standard")
        yield entity("standard", n), label, Literal(f"Standard {n}", language="en")
    for n in range(organisations):
        org = entity("organization", n)
        yield org, a, p("Organization")
        yield org, label, Literal(f"Organisation {n}", language="en")
        yield org, p("countryCode"), Literal(chance.choice(COUNTRIES))
        yield org, NamedNode(FOAF + "homepage"), NamedNode(f"https://org-{n}.example.org/")
    for n in range(funders):
        yield entity("funder", n), a, p("Funder")
        yield entity("funder", n), label, Literal(f"Funder {n}", language="en")
    grant = 0
    for n in range(infrastructures):
        infra = entity("infrastructure", n)
        yield infra, a, p("Infrastructure")
        yield infra, label, Literal(f"Infrastructure {n}", language="en")
        yield (
            infra,
            NamedNode(DCTERMS + "description"),
            Literal(
                f"Infrastructure {n} serves research in field {chance.randrange(40)}.",
                language="en",
            ),
        )
        yield infra, NamedNode(FOAF + "homepage"), NamedNode(f"https://infra-{n}.example.org/")
        yield infra, p("category"), entity("category", chance.randrange(CATEGORIES))
        yield infra, p("hostedBy"), entity("organization", chance.randrange(organisations))
        yield infra, p("foundingYear"), _typed(1990 + chance.randrange(35), "gYear")
        yield infra, p("countryCode"), Literal(chance.choice(COUNTRIES))
        for standard in chance.sample(range(STANDARDS), 3):
            yield infra, p("implements"), entity("standard", standard)
        if n:
            yield infra, p("dependsOn"), entity("infrastructure", chance.randrange(n))
        for number in chance.sample(range(funders), min(2, funders)):
            funder = entity("funder", number)
            yield infra, p("fundedBy"), funder
            award = entity("grant", grant)
            grant += 1
            yield award, a, p("Grant")
            yield award, p("awardedBy"), funder
            yield award, p("awardedTo"), infra
            yield award, p("amount"), _typed(10_000 * (1 + chance.randrange(200)), "integer")
            yield award, p("awardYear"), _typed(2000 + chance.randrange(25), "gYear")


def build(size: int, seed: int, cache: Path) -> Path:
    """The folder holding `store/` (for kgserver and Oxigraph) and `graph.nt` (for rdflib) of
    the graph of `size` and `seed`; built once, kept under `cache`."""
    folder = cache / f"synthetic-{size}-{seed}"
    if (folder / "complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store = Store(str(folder / "store"))
    quads = [Quad(s, p, o, DATA) for s, p, o in triples(size, seed)]
    store.bulk_extend(quads)
    record_version(store, f"synthetic-{size}-{seed}")
    store.flush()
    store.optimize()
    serialize([q.triple for q in quads], folder / "graph.nt", format=RdfFormat.N_TRIPLES)
    del store
    (folder / "complete").write_text(f"{len(quads)}\n")
    return folder


def size_of(folder: Path) -> int:
    """How many triples the graph in `folder` has."""
    return int((folder / "complete").read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args()
    folder = build(options.triples, options.seed, options.out)
    print(f"{folder}: {size_of(folder)} triples")


if __name__ == "__main__":
    main()
