// Autocompletion that asks this endpoint, never another service.
//
// YASQE's own class and property completers ask lov.linkeddata.es, and its prefix completer
// can ask prefix.cc: here, prefixes come from the server's prefix table
// (kgserver/rdf/namespaces.py, our vocabularies first) and then YASQE's bundled list; classes
// and properties from a SPARQL query to this server — our ontology's terms first, then the
// terms the data uses, most used first — fetched once, on first use.

const OWL = "http://www.w3.org/2002/07/owl#";
const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS = "http://www.w3.org/2000/01/rdf-schema#";
const LIMIT = 100;

const TERM_QUERIES = {
  class: (ontology) => `
    SELECT ?term (SAMPLE(?name) AS ?label) (COUNT(?thing) AS ?uses) (MAX(?defined) AS ?ours) WHERE {
      { ?term a <${OWL}Class> FILTER(STRSTARTS(STR(?term), "${ontology}")) BIND(1 AS ?defined) }
      UNION { ?thing a ?term BIND(0 AS ?defined) }
      FILTER(isIRI(?term))
      OPTIONAL { ?term <${RDFS}label> ?name FILTER(LANGMATCHES(LANG(?name), "en") || LANG(?name) = "") }
    } GROUP BY ?term`,
  property: (ontology) => `
    SELECT ?term (SAMPLE(?name) AS ?label) (COUNT(?s) AS ?uses) (MAX(?defined) AS ?ours) WHERE {
      { VALUES ?kind { <${OWL}ObjectProperty> <${OWL}DatatypeProperty> <${OWL}AnnotationProperty> <${RDF}Property> }
        ?term a ?kind FILTER(STRSTARTS(STR(?term), "${ontology}")) BIND(1 AS ?defined) }
      UNION { ?s ?term ?o BIND(0 AS ?defined) }
      OPTIONAL { ?term <${RDFS}label> ?name FILTER(LANGMATCHES(LANG(?name), "en") || LANG(?name) = "") }
    } GROUP BY ?term`,
};

/** Replace YASQE's prefix, class and property completers with ours (before any editor exists). */
export function registerCompleters(Yasqe, { endpoint, prefixes, ontology }) {
  const bundled = Yasqe.Autocompleters.prefixes;
  Yasqe.registerAutocompleter({
    ...bundled,
    persistenceId: null,
    // Ours first; YASQE's bundled list (no network: prefixCcApi stays null) for the rest.
    get: (yasqe) =>
      Promise.resolve(bundled.get(yasqe)).then((theirs) => {
        const own = Object.entries(prefixes).map(([prefix, namespace]) => `${prefix}: <${namespace}>`);
        const taken = new Set(Object.keys(prefixes));
        return [...own, ...theirs.filter((line) => !taken.has(line.split(":")[0]))];
      }),
  });
  for (const kind of ["class", "property"]) {
    Yasqe.registerAutocompleter(termCompleter(Yasqe.Autocompleters[kind], kind, endpoint, prefixes, ontology));
  }
}

function termCompleter(base, kind, endpoint, prefixes, ontology) {
  let terms = null; // a promise of [{ iri, label }], ours first
  const labels = new Map(); // suggestion text -> label, for the hint list
  return {
    ...base,
    name: kind,
    bulk: false,
    autoShow: true,
    persistenceId: null,
    get(yasqe, token) {
      terms ??= fetchTerms(endpoint, TERM_QUERIES[kind](ontology)).catch((error) => {
        terms = null;
        yasqe.showNotification(`autocomplete_${kind}`, `Could not load ${kind} suggestions from this endpoint`);
        throw error;
      });
      const typed = (token?.autocompletionString ?? "").trim();
      const bare = typed && !typed.includes(":") ? typed.toLowerCase() : null;
      return terms.then((all) =>
        all
          .filter(({ iri }) => iri.startsWith(typed) || (bare && localName(iri).toLowerCase().startsWith(bare)))
          .slice(0, LIMIT)
          .map(({ iri, label }) => {
            labels.set(iri, label);
            return iri;
          }),
      );
    },
    // After whitespace (`?x a |`) the suggestion goes at the cursor, not over the space.
    preProcessToken(yasqe, token) {
      if (token.string.trim()) return base.preProcessToken(yasqe, token);
      const { line, ch } = yasqe.getDoc().getCursor();
      return { ...token, string: "", start: ch, end: ch, autocompletionString: "", from: { line, ch }, to: { line, ch } };
    },
    // A prefixed name when a prefix of the query or of our table fits (YASQE then declares
    // the prefix if the query lacks it), else the full <IRI>.
    postProcessSuggestion(yasqe, token, iri) {
      const text = token.tokenPrefix && token.tokenPrefixUri
        ? base.postProcessSuggestion(yasqe, token, iri)
        : compact(iri, { ...prefixes, ...yasqe.getPrefixesFromQuery() });
      if (labels.get(iri)) labels.set(text, labels.get(iri));
      return text;
    },
    postprocessHints(_yasqe, hints) {
      for (const hint of hints) {
        const label = labels.get(hint.text);
        if (label) hint.displayText = `${hint.text}  — ${label}`;
      }
      return hints;
    },
  };
}

async function fetchTerms(endpoint, query) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { Accept: "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ query }),
  });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  const rows = (await response.json()).results.bindings.map((row) => ({
    iri: row.term.value,
    label: row.label?.value ?? "",
    uses: Number(row.uses?.value ?? 0),
    ours: row.ours?.value === "1",
  }));
  // Our ontology's terms first (by label), then the others, most used first.
  return rows.sort((a, b) =>
    a.ours !== b.ours ? (a.ours ? -1 : 1)
    : a.ours ? (a.label || a.iri).localeCompare(b.label || b.iri)
    : b.uses - a.uses || a.iri.localeCompare(b.iri));
}

function localName(iri) {
  return iri.slice(Math.max(iri.lastIndexOf("#"), iri.lastIndexOf("/")) + 1);
}

function compact(iri, table) {
  for (const [prefix, namespace] of Object.entries(table)) {
    const local = iri.startsWith(namespace) ? iri.slice(namespace.length) : null;
    if (local && /^[A-Za-z][\w-]*$/.test(local)) return `${prefix}:${local}`;
  }
  return `<${iri}>`;
}
