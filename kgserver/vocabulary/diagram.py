"""A diagram of the ontology's main classes and relations, drawn as inline SVG on the server.

No JavaScript and nothing fetched from elsewhere: the layout is computed here (the most
connected class in the middle, the others on an ellipse around it) and written as SVG text.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from html import escape

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kgserver.rdf import iris

WIDTH, HEIGHT = 960, 620
NODE_HEIGHT = 30


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    subclass: bool = False


def _named_members(graph: rdflib.Graph, node: rdflib.term.Node) -> list[str]:
    if isinstance(node, rdflib.URIRef):
        return [str(node)]
    members = graph.value(node, OWL.unionOf)
    if members is None:
        return []
    return [str(m) for m in rdflib.collection.Collection(graph, members)]


def edges_of(graph: rdflib.Graph) -> list[Edge]:
    """Object properties between our own classes (one of each inverse pair), and subclassing."""
    own = {
        str(c) for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(iris.ONTOLOGY_NS)
    }
    edges: list[Edge] = []
    drawn: set[str] = set()
    hub = iris.ONTOLOGY_NS + "Infrastructure"

    def from_hub_first(prop: rdflib.term.Node) -> tuple[bool, bool, str]:
        """Of an inverse pair, draw the direction that starts at the infrastructure."""
        domains = [m for d in graph.objects(prop, RDFS.domain) for m in _named_members(graph, d)]
        name = str(prop)
        return (hub not in domains, name.endswith("Of"), name)

    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty), key=from_hub_first):
        if not str(prop).startswith(iris.ONTOLOGY_NS):
            continue
        if any(str(i) in drawn for i in graph.objects(prop, OWL.inverseOf)):
            continue
        domains = [d for n in graph.objects(prop, RDFS.domain) for d in _named_members(graph, n)]
        ranges = [r for n in graph.objects(prop, RDFS.range) for r in _named_members(graph, n)]
        pairs = [(d, r) for d in domains for r in ranges if d in own and r in own]
        if pairs:
            drawn.add(str(prop))
        label = str(prop)[len(iris.ONTOLOGY_NS) :]
        edges.extend(Edge(d, r, label) for d, r in pairs)
    for cls in sorted(own):
        for parent in graph.objects(rdflib.URIRef(cls), RDFS.subClassOf):
            if str(parent) in own and any(str(parent) in (e.source, e.target) for e in edges):
                if any(cls in (e.source, e.target) for e in edges):
                    edges.append(Edge(cls, str(parent), "subClassOf", subclass=True))
    return edges


def _layout(nodes: list[str], degree: dict[str, int]) -> dict[str, tuple[float, float]]:
    centre = max(nodes, key=lambda n: (degree[n], n))
    others = sorted((n for n in nodes if n != centre), key=lambda n: n)
    positions = {centre: (WIDTH / 2, HEIGHT / 2 - 30)}
    for index, node in enumerate(others):
        # Start half a step off the vertical, so no class sits right above the centre's loop.
        step = 2 * math.pi / max(len(others), 1)
        angle = -math.pi / 2 + step / 2 + step * index
        positions[node] = (
            WIDTH / 2 + 370 * math.cos(angle),
            HEIGHT / 2 - 30 + 200 * math.sin(angle),
        )
    return positions


def _name(iri: str) -> str:
    return iri[len(iris.ONTOLOGY_NS) :]


def render_svg(graph: rdflib.Graph) -> str:
    """The SVG markup of the class diagram (an <svg> element with a title and description)."""
    edges = edges_of(graph)
    nodes = sorted({e.source for e in edges} | {e.target for e in edges})
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    positions = _layout(nodes, degree) if nodes else {}
    grouped: dict[tuple[str, str, bool], list[str]] = defaultdict(list)
    for edge in edges:
        grouped[(edge.source, edge.target, edge.subclass)].append(edge.label)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'class="diagram" role="img" aria-labelledby="diagram-title diagram-desc">',
        '<title id="diagram-title">Main classes and relations of the oikg ontology</title>',
        f'<desc id="diagram-desc">{len(nodes)} classes and {len(edges)} relations; each arrow '
        "goes from a property's domain to its range, dashed arrows are sub-class links.</desc>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    ]
    for (source, target, subclass), labels in sorted(grouped.items()):
        parts.append(_edge(positions, source, target, subclass, sorted(labels)))
    for node in nodes:
        x, y = positions[node]
        name = _name(node)
        width = 16 + 8 * len(name)
        parts.append(
            f'<a href="#{escape(name)}" class="node"><rect x="{x - width / 2:.1f}" '
            f'y="{y - NODE_HEIGHT / 2:.1f}" width="{width}" height="{NODE_HEIGHT}" rx="6"/>'
            f'<text x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle">{escape(name)}</text></a>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _edge(
    positions: dict[str, tuple[float, float]],
    source: str,
    target: str,
    subclass: bool,
    labels: list[str],
) -> str:
    (x1, y1), (x2, y2) = positions[source], positions[target]
    style = ' stroke-dasharray="6 4"' if subclass else ""
    css = "edge subclass" if subclass else "edge"
    text_lines = labels
    if source == target:
        # A loop on the side away from the middle of the drawing.
        up = -1 if y1 <= HEIGHT / 2 - 30 else 1
        edge_y, far_y = y1 + up * NODE_HEIGHT / 2, y1 + up * 90
        path = (
            f"M{x1 - 20:.1f},{edge_y:.1f} C{x1 - 60:.1f},{far_y:.1f} "
            f"{x1 + 60:.1f},{far_y:.1f} {x1 + 20:.1f},{edge_y:.1f}"
        )
        lx = x1
        ly = y1 - 80 - 13 * len(text_lines) if up < 0 else y1 + 92
    else:
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        # Offset the two directions of a pair so they do not overlap; stop short of the boxes.
        ox, oy = -dy / length * 7, dx / length * 7
        shrink = 0.5 * NODE_HEIGHT / max(abs(dy) / length, 0.2)
        shrink = min(shrink, length / 3)
        sx, sy = x1 + dx / length * shrink + ox, y1 + dy / length * shrink + oy
        ex, ey = x2 - dx / length * shrink + ox, y2 - dy / length * shrink + oy
        path = f"M{sx:.1f},{sy:.1f} L{ex:.1f},{ey:.1f}"
        # Labels at 40% of the way from the source: the two directions of a pair do not meet.
        lx = sx + (ex - sx) * 0.4 + ox * 2
        ly = sy + (ey - sy) * 0.4 + oy * 2 - 6 * (len(text_lines) - 1)
    tspans = "".join(
        f'<tspan x="{lx:.1f}" dy="{0 if i == 0 else 13}">{escape(t)}</tspan>'
        for i, t in enumerate(text_lines)
    )
    return (
        f'<g class="{css}"><path d="{path}" fill="none" marker-end="url(#arrow)"{style}/>'
        f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle">{tspans}</text></g>'
    )
