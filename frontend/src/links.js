// YASR's table (sortable, paginated: DataTables), with the graph's own IRIs linked to this
// server's pages — https://w3id.org/oikg/id/x opens {root}/id/x here, as the server's pages
// link them (kgserver/rdf/urls.py, Urls.href); other IRIs link to themselves — and columns of
// numbers sorted as numbers (YASR sorts every column as text: "10" before "9").

import Yasr from "@zazuko/yasr";

import { isNumber, localLink } from "./terms.js";

export class LinkedTable extends Yasr.plugins.table {
  /** Set by editor.js: `{ base, root }`. */
  static links = null;

  getUriLinkFromBinding(binding, prefixes) {
    const html = super.getUriLinkFromBinding(binding, prefixes);
    const href = localLink(binding.value, LinkedTable.links);
    if (href === binding.value) return html;
    const template = document.createElement("template");
    template.innerHTML = html;
    const anchor = template.content.querySelector("a");
    if (!anchor) return html;
    anchor.setAttribute("href", href);
    // In this tab: YASR's sanitiser opens every link in a new one, fit for other sites' IRIs.
    anchor.removeAttribute("target");
    anchor.removeAttribute("rel");
    anchor.title = binding.value; // the IRI itself, on hover
    return template.innerHTML;
  }

  getColumns() {
    const columns = super.getColumns();
    const bindings = this.yasr.results?.getBindings() ?? [];
    return columns.map((column, index) => {
      if (index === 0) return column; // the row number
      const bound = bindings.map((row) => row[column.name]).filter(Boolean);
      if (!bound.length || !bound.every(isNumber)) return column;
      const render = column.render;
      return {
        ...column,
        type: "num",
        render: (term, type, row, meta) =>
          type === "sort" || type === "type"
            ? term === "" ? -Infinity : Number(term.value)
            : render(term, type, row, meta),
      };
    });
  }
}
