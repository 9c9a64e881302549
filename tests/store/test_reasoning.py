"""Load-time reasoning, and the consistency of ontology + data under OWL RL and OWL 2 DL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import owlready2
import owlready2.reasoning
import owlrl
import pytest
import rdflib
from owlrl.Namespaces import ERRNS
from pyoxigraph import Literal, NamedNode, RdfFormat, Store
from rdflib.namespace import OWL, RDF

from kgserver.curation.loading import build
from kgserver.rdf import iris
from kgserver.settings import BUNDLE_DIR
from kgserver.store import reasoning

OIKG = "https://w3id.org/oikg/ontology#"
ID = "https://w3id.org/oikg/id/"
SCHEMA = "https://schema.org/"


def bundle_graph() -> rdflib.Graph:
    """Ontology and data as one rdflib graph (what the reasoners check)."""
    graph = rdflib.Graph()
    for folder in ("ontology", "data"):
        for path in sorted((BUNDLE_DIR / folder).rglob("*.ttl")):
            graph.parse(path, format="turtle")
    return graph


def ask(store: Store, query: str) -> bool:
    prefixes = f"PREFIX oikg: <{OIKG}> PREFIX schema: <{SCHEMA}>\n"
    return bool(store.query(prefixes + query, use_default_graph_as_union=True))


def inferred(store: Store, literals: bool = True) -> set[tuple[str, str, str]]:
    return {
        (q.subject.value, q.predicate.value, q.object.value)
        for q in store.quads_for_pattern(None, None, None, NamedNode(iris.INFERRED_GRAPH))
        if literals or not isinstance(q.object, Literal)
    }


# --- What users rely on ---------------------------------------------------------------------------


def test_funders_are_found_as_schema_organizations(store: Store) -> None:
    assert ask(store, f"ASK {{ <{ID}funder/wellcome-trust> a schema:Organization }}")
    assert not ask(
        store,
        f"ASK {{ GRAPH <{iris.DATA_GRAPH}> "
        f"{{ <{ID}funder/wellcome-trust> a schema:Organization }} }}",
    )


def test_an_assessed_standard_is_not_inferred_to_be_an_infrastructure(store: Store) -> None:
    # IIIF carries practices, a category, funders and a grant, as an infrastructure does.
    iiif = f"<{ID}standard/iiif>"
    assert ask(store, f"ASK {{ {iiif} oikg:practice ?p ; oikg:category ?c ; oikg:fundedBy ?f }}")
    assert ask(store, f"ASK {{ ?g oikg:awardedTo {iiif} }}")
    assert ask(store, f"ASK {{ ?funder oikg:funds {iiif} }}")  # inverses still follow
    assert not ask(store, "ASK { ?s a oikg:Standard , oikg:Infrastructure }")


def test_funds_answers_where_data_states_only_funded_by(store: Store) -> None:
    zenodo, sloan = f"<{ID}infrastructure/zenodo>", f"<{ID}funder/alfred-p-sloan-foundation>"
    assert ask(store, f"ASK {{ {zenodo} oikg:fundedBy {sloan} }}")
    assert ask(store, f"ASK {{ {sloan} oikg:funds {zenodo} }}")
    assert ask(store, f"ASK {{ GRAPH <{iris.INFERRED_GRAPH}> {{ {sloan} oikg:funds {zenodo} }} }}")


def test_a_grant_makes_its_recipient_funded_by_its_funder(tmp_path: Path) -> None:
    store = Store()
    store.load(
        f"""@prefix oikg: <{OIKG}> .
        <{ID}grant/g> a oikg:Grant ; oikg:awardedBy <{ID}funder/f> ; oikg:awardedTo <{ID}x> .
        """.encode(),
        RdfFormat.TURTLE,
        to_graph=NamedNode(iris.DATA_GRAPH),
    )
    store.load(
        (BUNDLE_DIR / "ontology" / "oikg.ttl").read_bytes(),
        RdfFormat.TURTLE,
        to_graph=NamedNode(iris.ONTOLOGY_GRAPH),
    )
    reasoning.materialise(store)
    assert (f"{ID}x", OIKG + "fundedBy", f"{ID}funder/f") in inferred(store)
    assert (f"{ID}funder/f", OIKG + "funds", f"{ID}x") in inferred(store)
    assert (f"{ID}funder/f", RDF.type.toPython(), OIKG + "Funder") in inferred(store)


def test_hosts_are_a_defined_class_and_countries_fall_in_regions(store: Store) -> None:
    assert ask(store, f"ASK {{ <{ID}organization/lyrasis> a oikg:Host }}")
    assert ask(
        store,
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        f"ASK {{ <{ID}organization/lyrasis> oikg:country/skos:broader+ <{ID}region/americas> }}",
    )


def test_the_inferred_graph_repeats_nothing_that_is_asserted(store: Store) -> None:
    asserted = {
        (q.subject.value, q.predicate.value, q.object.value)
        for graph in (iris.ONTOLOGY_GRAPH, iris.DATA_GRAPH)
        for q in store.quads_for_pattern(None, None, None, NamedNode(graph))
    }
    assert inferred(store)
    assert not inferred(store) & asserted


def test_reasoning_is_idempotent(store: Store) -> None:
    """Re-running the rules on a materialised store adds nothing (its cost is measured by
    benchmarks/reasoning.py, not here)."""
    before = inferred(store)
    copy = Store()
    copy.extend(store)
    result = reasoning.materialise(copy)
    assert result.triples == len(before) and inferred(copy) == before
    assert result.rounds <= 5


def test_every_materialised_triple_follows_in_owl_rl(
    store: Store, owl_rl_closure: rdflib.Graph
) -> None:
    """The rules are sound: OWL RL (owlrl) derives all they derive, except the country rule."""
    closure = {(str(s), str(p), str(o)) for s, p, o in owl_rl_closure}
    with_literal = {(str(s), str(p)) for s, p, o in owl_rl_closure if isinstance(o, rdflib.Literal)}
    country_terms = {OIKG + "country", SCHEMA + "location"}
    unsound = {
        t for t in inferred(store, literals=False) if t not in closure and t[1] not in country_terms
    }
    assert unsound == set()
    # Oxigraph writes literals canonically ("50000" for "50000.00"): compare those by subject.
    literal_facts = inferred(store) - inferred(store, literals=False)
    assert {(s, p) for s, p, _ in literal_facts} <= with_literal


# --- Consistency ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def owl_rl_closure() -> rdflib.Graph:
    graph = bundle_graph()
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    return graph


def test_the_owl_rl_closure_is_consistent(owl_rl_closure: rdflib.Graph) -> None:
    errors = [str(m) for m in owl_rl_closure.objects(None, ERRNS.error)]
    assert errors == []
    assert list(owl_rl_closure.subjects(RDF.type, OWL.Nothing)) == []


def test_owl_rl_finds_a_planted_disjointness_violation() -> None:
    """A positive control: the check above would notice an inconsistency."""
    graph = bundle_graph()
    graph.add(
        (rdflib.URIRef(ID + "infrastructure/zenodo"), RDF.type, rdflib.URIRef(OIKG + "Grant"))
    )
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    assert list(graph.objects(None, ERRNS.error))


def hermit(graph: rdflib.Graph, folder: Path) -> str:
    """Run HermiT (the one owlready2 bundles) for consistency and unsatisfiable classes.

    xsd:gYear is outside the OWL 2 datatype map: it is declared in alignments.ttl, and HermiT
    is told to treat such datatypes as opaque, which is what OWL 2 DL says of them.
    """
    path = folder / "bundle.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    result = subprocess.run(
        [
            owlready2.JAVA_EXE,
            "-Xmx1000M",
            "-cp",
            owlready2.reasoning._HERMIT_CLASSPATH,
            "org.semanticweb.HermiT.cli.CommandLine",
            "--ignoreUnsupportedDatatypes",
            "-k",
            "-U",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stdout + result.stderr


def test_hermit_finds_ontology_and_data_consistent_with_no_unsatisfiable_class(
    tmp_path: Path,
) -> None:
    output = hermit(bundle_graph(), tmp_path)
    assert "owl#Thing is satisfiable" in output, output
    unsatisfiable = output.split("Classes equivalent to 'owl:Nothing':", 1)[1].split()
    assert unsatisfiable == ["owl:Nothing"], output


def test_hermit_finds_a_planted_inconsistency(tmp_path: Path) -> None:
    graph = bundle_graph()
    graph.add((rdflib.URIRef(ID + "grant/x"), RDF.type, rdflib.URIRef(OIKG + "Grant")))
    graph.add((rdflib.URIRef(ID + "grant/x"), RDF.type, rdflib.URIRef(OIKG + "Standard")))
    output = hermit(graph, tmp_path)
    assert "owl#Thing is satisfiable" not in output, output


def test_the_bundle_builds_with_reasoning(tmp_path: Path) -> None:
    store = Store()
    dataset = build(store, BUNDLE_DIR)
    assert dataset.inference is not None and dataset.inference.triples > 0


def test_owlready2_reads_every_term_with_the_owl_type_we_declare(tmp_path: Path) -> None:
    """No term is punned or retyped by another file: what HermiT reasons over is what we wrote."""
    graph = bundle_graph()
    path = tmp_path / "bundle.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    kinds = {
        OWL.Class: owlready2.ThingClass,
        OWL.ObjectProperty: owlready2.ObjectPropertyClass,
        OWL.DatatypeProperty: owlready2.DataPropertyClass,
    }
    for kind, python_type in kinds.items():
        for term in graph.subjects(RDF.type, kind):
            if str(term).startswith(OIKG):
                entity = world[str(term)]
                assert isinstance(entity, python_type), (term, type(entity))
