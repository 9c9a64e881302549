"""The shapes page's model, generated from the real shapes."""

from __future__ import annotations

import rdflib

from kgserver.vocabulary.shapes_docs import node_shapes

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def test_every_node_shape_is_documented_targeted_ones_first(shapes: rdflib.Graph) -> None:
    documented = node_shapes(shapes)
    assert len(documented) == len(set(shapes.subjects(rdflib.RDF.type, SH.NodeShape)))
    targeted = [bool(s.targets) for s in documented]
    assert targeted == sorted(targeted, reverse=True)


def test_the_infrastructure_shape_lists_its_targets_and_rules(shapes: rdflib.Graph) -> None:
    shape = next(s for s in node_shapes(shapes) if s.anchor == "InfrastructureShape")
    assert {t[0].text for t in shape.targets} == {
        "oikg:Infrastructure",
        "oikg:Service",
        "oikg:Software",
    }
    paths = [rule.path[0].text for rule in shape.properties]
    assert paths == sorted(paths)
    assert any(name == "min" for rule in shape.properties for name, _ in rule.constraints)
