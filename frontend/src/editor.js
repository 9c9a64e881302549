// The query editor of /sparql: YASQE (editor) and YASR (results) mounted over the plain form.
//
// The server renders a working form (kgserver/web/templates/_editor.html) and, when this bundle
// is built, a <script type="application/json" id="sparql-editor-config"> with what the page
// needs: the endpoint, this server's root and the graph's base IRI, the prefix table, the stored
// example queries and the download formats (kgserver/web/routers/sparql.py, editor_config).
// Without JavaScript, or without the bundle, the form is all there is and works as before.
//
// Nothing here asks another host: queries and completions go to this server's /sparql.

import Yasqe from "@zazuko/yasqe";
import Yasr from "@zazuko/yasr";
import "@zazuko/yasqe/build/yasqe.min.css";
import "@zazuko/yasr/build/yasr.min.css";
import "./editor.css";

import { BarChart } from "./chart.js";
import { registerCompleters } from "./completers.js";
import { LinkedTable } from "./links.js";

function mount() {
  const configElement = document.getElementById("sparql-editor-config");
  const form = document.querySelector("form.editor");
  if (!configElement || !form) return;
  const config = JSON.parse(configElement.textContent);
  // Requests go to this page's own origin, whatever base URL the server links with.
  const endpoint = sameOrigin(config.endpoint) ? config.endpoint : location.origin + location.pathname;
  const links = { base: config.base, root: config.root };

  registerCompleters(Yasqe, { endpoint, prefixes: config.prefixes, ontology: config.ontology });
  Yasr.registerPlugin("table", LinkedTable);
  Yasr.registerPlugin("chart", BarChart);
  LinkedTable.links = links;
  BarChart.links = links;

  const root = document.createElement("div");
  root.className = "sparql-editor";
  root.setAttribute("role", "region");
  root.setAttribute("aria-label", "SPARQL query editor");
  root.innerHTML = `
    <div class="sparql-editor-toolbar"></div>
    <div class="sparql-editor-query"></div>
    <nav class="sparql-downloads" aria-label="Download results" hidden></nav>
    <p class="sparql-editor-cut summary truncated" role="note" hidden></p>
    <section class="sparql-editor-results" aria-label="Results"></section>`;
  form.before(root);
  // The server-rendered form, results and example list give way to the editor.
  for (const element of document.querySelectorAll("[data-plain-editor]")) element.hidden = true;
  const heading = document.querySelector("main h1");
  if (heading) heading.textContent = "SPARQL query";

  const yasqe = new Yasqe(root.querySelector(".sparql-editor-query"), {
    value: form.elements.query.value,
    persistenceId: null, // the URL carries the query, not localStorage
    consumeShareLink: null,
    createShareableLink: (editor) => shareLink(editor.getValue()),
    resizeable: true,
    editorHeight: "20rem",
    requestConfig: {
      endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle",
    },
  });
  const yasr = new Yasr(root.querySelector(".sparql-editor-results"), {
    persistenceId: null,
    prefixes: () => ({ ...config.prefixes, ...yasqe.getPrefixesFromQuery() }),
    pluginOrder: ["table", "chart", "response"],
    defaultPlugin: "table",
  });

  const toolbar = root.querySelector(".sparql-editor-toolbar");
  if (config.examples.length) toolbar.append(examplesMenu(config.examples, yasqe));
  const downloads = root.querySelector(".sparql-downloads");
  const cut = root.querySelector(".sparql-editor-cut");

  let sent = "", sentType = ""; // the query that was run (the editor may change meanwhile)
  yasqe.on("query", () => {
    sent = yasqe.getValue();
    sentType = yasqe.getQueryType();
    history.replaceState(null, "", shareLink(sent));
  });
  yasqe.on("queryResponse", (_editor, response, duration) => {
    yasr.setResponse(response, duration);
    const failed = response instanceof Error || !response.ok;
    showDownloads(downloads, failed ? null : sent, sentType, config.formats, endpoint);
    showCut(cut, failed ? null : response.headers);
  });
  // A page that shows a query's results (/sparql?query=…) runs it here too, so that the table
  // can be sorted, paged and charted. (YASQE runs the query on Ctrl+Enter and its button.)
  if (config.run) yasqe.query().catch(() => {});
  document.body.classList.add("sparql-editor-mounted");
  window.sparqlEditor = { yasqe, yasr }; // for people poking at the page (and the tests)
}

function sameOrigin(url) {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

/** This page with the query in its address: `/sparql?query=…` reproduces it, with or without
 * JavaScript (the server renders the results of a query in the URL). */
function shareLink(query) {
  return `${location.origin}${location.pathname}?${new URLSearchParams({ query })}`;
}

/** A menu of the stored queries of queries/: each item's title and description; picking one
 * puts its text in the editor (and in the address bar). */
function examplesMenu(examples, yasqe) {
  const menu = document.createElement("details");
  menu.className = "sparql-examples";
  menu.innerHTML = `<summary>Examples</summary><ul></ul>`;
  const list = menu.querySelector("ul");
  for (const example of examples) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.example = example.name;
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = example.title;
    button.append(title);
    if (example.description) {
      const description = document.createElement("span");
      description.className = "description";
      description.textContent = example.description;
      button.append(description);
    }
    button.addEventListener("click", () => {
      yasqe.setValue(example.text);
      history.replaceState(null, "", shareLink(example.text));
      menu.open = false;
      yasqe.focus();
    });
    item.append(button);
    list.append(item);
  }
  // Close on Escape and on a click elsewhere, as menus do.
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape") menu.open = false;
  });
  document.addEventListener("click", (event) => {
    if (!menu.contains(event.target)) menu.open = false;
  });
  return menu;
}

/** Links to the last query's results in every format the endpoint offers (`?format=` names). */
/** The server's row cap cut the result (X-Kgserver-Truncated: rows=N): say so above the table,
 * as the results page does, so that a partial answer never looks whole. */
function showCut(note, headers) {
  const rows = /rows=(\d+)/.exec(headers?.get("x-kgserver-truncated") ?? "")?.[1];
  note.hidden = !rows;
  note.textContent = rows
    ? `The result is cut: this server returns at most ${rows} rows (or triples) for one query.` +
      " Add a LIMIT and OFFSET to page through them, or narrow the patterns."
    : "";
}

function showDownloads(nav, query, queryType, formats, endpoint) {
  nav.replaceChildren();
  nav.hidden = !query;
  if (!query) return;
  const graph = queryType === "CONSTRUCT" || queryType === "DESCRIBE";
  const label = document.createElement("span");
  label.textContent = "Download: ";
  nav.append(label);
  for (const format of graph ? formats.graph : formats.results) {
    const link = document.createElement("a");
    link.href = `${endpoint}?${new URLSearchParams({ query, format: format.name })}`;
    link.download = `query-results.${format.extension}`;
    link.textContent = format.label;
    link.type = format.media_type;
    nav.append(link);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
