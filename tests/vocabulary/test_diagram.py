"""The class diagram of the real ontology: its edges, and the SVG drawn from them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import rdflib

from kgserver.rdf import iris
from kgserver.vocabulary.diagram import edges_of, render_svg

NS = iris.ONTOLOGY_NS


def test_edges_join_our_classes_one_direction_of_each_inverse_pair(
    ontology: rdflib.Graph,
) -> None:
    edges = edges_of(ontology)
    assert all(e.source.startswith(NS) and e.target.startswith(NS) for e in edges)
    labels = {e.label for e in edges}
    assert "fundedBy" in labels and "funds" not in labels
    assert any(e.source == NS + "Infrastructure" and e.target == NS + "Funder" for e in edges)


def test_subclass_edges_link_drawn_classes(ontology: rdflib.Graph) -> None:
    edges = edges_of(ontology)
    drawn = {e.source for e in edges if not e.subclass} | {
        e.target for e in edges if not e.subclass
    }
    subclass = [e for e in edges if e.subclass]
    assert subclass and all(e.label == "subClassOf" and e.target in drawn for e in subclass)


def test_the_svg_is_well_formed_with_a_node_per_class(ontology: rdflib.Graph) -> None:
    svg = ET.fromstring(render_svg(ontology))
    ns = {"svg": "http://www.w3.org/2000/svg"}
    edges = edges_of(ontology)
    classes = {e.source for e in edges} | {e.target for e in edges}
    names = [t.text for t in svg.findall("svg:a/svg:text", ns)]
    assert sorted(names) == sorted(c[len(NS) :] for c in classes)
    desc = svg.find("svg:desc", ns)
    assert desc is not None and f"{len(classes)} classes and {len(edges)} relations" in (
        desc.text or ""
    )


def test_an_empty_ontology_draws_an_empty_diagram() -> None:
    svg = ET.fromstring(render_svg(rdflib.Graph()))
    assert "0 classes and 0 relations" in ET.tostring(svg, encoding="unicode")
