"""The ontology page's model, generated from the real ontology."""

from __future__ import annotations

import rdflib
from pyoxigraph import Store

from kgserver.rdf import iris
from kgserver.vocabulary.ontology_docs import anchor_of, expression, ontology_page, ref, short
from tests.facts import number

NS = iris.ONTOLOGY_NS


def test_own_terms_link_by_anchor_others_by_iri(ontology: rdflib.Graph) -> None:
    assert anchor_of(NS + "Infrastructure") == "Infrastructure"
    own = ref(ontology, rdflib.URIRef(NS + "Funder"))
    assert (own.text, own.href, own.own) == ("oikg:Funder", "#Funder", True)
    other = ref(ontology, rdflib.URIRef("https://schema.org/funder"))
    assert other.href == "https://schema.org/funder" and not other.own
    assert short("https://example.org/unknown") == "https://example.org/unknown"


def test_a_union_domain_reads_as_alternatives(ontology: rdflib.Graph) -> None:
    domain = ontology.value(rdflib.URIRef(NS + "fundedBy"), rdflib.RDFS.domain)
    words = "".join(r.text for r in expression(ontology, domain))
    assert words == "oikg:Infrastructure or oikg:Organization or oikg:Standard"


def test_the_page_documents_every_own_class_and_property(
    ontology: rdflib.Graph, store: Store
) -> None:
    page = ontology_page(ontology)
    assert page.iri == iris.ONTOLOGY and page.title
    own_classes = number(
        store,
        f"SELECT (COUNT(DISTINCT ?c) AS ?n) {{ GRAPH <{iris.ONTOLOGY_GRAPH}> {{ ?c a owl:Class "
        f'FILTER(STRSTARTS(STR(?c), "{NS}")) }} }}',
    )
    assert len(page.classes) == own_classes
    assert "fundedBy" in {t.anchor for t in page.object_properties}
    assert all(t.kind for t in page.classes + page.datatype_properties)
    funded = next(t for t in page.object_properties if t.anchor == "fundedBy")
    assert funded.label == "funded by" and funded.definitions


def test_the_hierarchy_places_subclasses_under_their_parent(ontology: rdflib.Graph) -> None:
    page = ontology_page(ontology)

    def walk(nodes):  # type: ignore[no-untyped-def]
        for node in nodes:
            yield node
            yield from walk(node.children)

    infrastructure = next(n for n in walk(page.hierarchy) if n.term.text == "oikg:Infrastructure")
    assert {"oikg:Service", "oikg:Software"} <= {c.term.text for c in infrastructure.children}
