"""Validation of a contribution in the context of the graph it joins (`validate_contribution`).

Only the slice of the graph that the focus entities need is validated (`needed_context`), and
only what the contribution adds or changes is reported, so a one-file contribution is checked
in time that does not grow with the catalogue.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence

from pyoxigraph import BlankNode, NamedNode, Quad, Store

from kgserver.curation.validation import ValidationReport, report_of, validate
from kgserver.rdf import namespaces

RDF_TYPE = NamedNode(namespaces.RDF_TYPE)
# The properties whose values identify an entity: shapes/rules.ttl reports duplicates of them.
IDENTIFYING = {
    NamedNode(namespaces.OIKG + "wikidataItem"),
    NamedNode(namespaces.OIKG + "rorId"),
    NamedNode(namespaces.OIKG + "crossrefFunderId"),
    NamedNode(namespaces.FOAF + "homepage"),
}


def validate_contribution(
    context: Iterable[Quad],
    contribution: Sequence[Quad],
    shapes: Iterable[Quad],
    ontology: Iterable[Quad],
    replaces: bool = False,
) -> ValidationReport:
    """Validate new quads with the graph they join, reporting only on what they add or change.

    With `replaces`, the contribution's description of an entity replaces the graph's (a
    changed data file); otherwise it is added to it (a load). The focus is the contribution's
    subjects; entities of the graph that refer to one whose links changed are checked too; their
    results are reported only if the contribution caused them (absent from the graph without
    it). Everything is validated on the slice of the graph it needs (`needed_context`).
    """
    shapes, ontology = list(shapes), list(ontology)
    subjects = {q.subject.value for q in contribution if isinstance(q.subject, NamedNode)}
    before = Store()
    before.extend(context)
    after = Store()
    after.extend(q for q in before if not (replaces and _subject(q) in subjects))
    after.extend(contribution)
    changed = {s for s in subjects if _links(before, s) != _links(after, s)}
    neighbours = {
        s
        for subject in changed
        for q in after.quads_for_pattern(None, None, NamedNode(subject))
        if (s := _subject(q)) is not None and s not in subjects
    }
    focus = subjects | neighbours
    report = validate(needed_context(after, focus), shapes, ontology, focus_nodes=focus)
    if not neighbours:
        return report
    baseline = {
        r.key
        for r in validate(
            needed_context(before, neighbours), shapes, ontology, focus_nodes=neighbours
        ).results
    }
    results = tuple(r for r in report.results if r.focus_node in subjects or r.key not in baseline)
    return report_of(results, report.graph)


def needed_context(graph: Store, focus: Collection[str]) -> list[Quad]:
    """The part of `graph` that validating `focus` needs: the focus entities' descriptions (with
    their blank nodes), the descriptions of what they refer to, and the statements that give
    another entity the same identifier or homepage (so a duplicate is seen), with its types.

    The shapes look no further than one step from a focus node, so validating against this
    slice gives the same results as against the whole graph, in time that does not grow with it.
    """
    quads: set[Quad] = set()
    described: set[NamedNode] = set()
    for iri in focus:
        for quad in _with_blank_nodes(graph, NamedNode(iri)):
            quads.add(quad)
            if isinstance(quad.object, NamedNode) and quad.predicate != RDF_TYPE:
                described.add(quad.object)
            if quad.predicate in IDENTIFYING:
                for sharing in graph.quads_for_pattern(None, quad.predicate, quad.object):
                    quads.add(sharing)
                    quads.update(graph.quads_for_pattern(sharing.subject, RDF_TYPE, None))
    for node in described:
        quads.update(graph.quads_for_pattern(node, None, None))
    return list(quads)


def _with_blank_nodes(graph: Store, entity: NamedNode) -> Iterator[Quad]:
    """The entity's statements and those of the blank nodes they lead to (its practice
    assessments, financial reports): shapes check them through the entity, by sh:node."""
    pending: list[NamedNode | BlankNode] = [entity]
    visited: set[NamedNode | BlankNode] = set()
    while pending:
        node = pending.pop()
        if node in visited:
            continue
        visited.add(node)
        for quad in graph.quads_for_pattern(node, None, None):
            yield quad
            if isinstance(quad.object, BlankNode):
                pending.append(quad.object)


def _links(graph: Store, subject: str) -> set[tuple[str, str]]:
    """What other entities' shapes can see of an entity: its types and its links (statements
    whose value is an IRI); a change to its literals never breaks another entity."""
    return {
        (q.predicate.value, q.object.value)
        for q in graph.quads_for_pattern(NamedNode(subject), None, None)
        if isinstance(q.object, NamedNode)
    }


def _subject(quad: Quad) -> str | None:
    return quad.subject.value if isinstance(quad.subject, NamedNode) else None
