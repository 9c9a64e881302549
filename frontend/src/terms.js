// What the table and the chart need to know about RDF terms in SPARQL JSON results.

const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMERIC = new Set(
  [
    "integer", "decimal", "double", "float", "long", "int", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
  ].map((name) => XSD + name),
);

/** A literal of an XSD numeric type (what COUNT, SUM and AVG give). */
export function isNumber(term) {
  return term.type !== "uri" && term.type !== "bnode" && NUMERIC.has(term.datatype) && isFinite(Number(term.value));
}

/** Where a page of this server shows `iri`, or `iri` itself when it is not the graph's. */
export function localLink(iri, links) {
  return links && iri.startsWith(links.base) ? `${links.root}/${iri.slice(links.base.length)}` : iri;
}
