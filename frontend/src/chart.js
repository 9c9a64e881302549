// A YASR plugin of our own: an SVG bar chart for aggregate results — one label column (a
// literal, else an IRI) and one numeric column, as `SELECT ?name (COUNT(?x) AS ?n)` gives.
// Bars follow the result order; each links to the row's IRI (this server's page for the
// graph's own), and its tooltip reads "label: value", as on /stats.

import { isNumber, localLink } from "./terms.js";

const MAX_BARS = 50;
const SVG = "http://www.w3.org/2000/svg";

/** The columns to chart — `{ label, value, link }` — or null when the results have none. */
export function chartColumns(variables, bindings) {
  if (!variables || !bindings || bindings.length === 0) return null;
  const bound = (name) => bindings.filter((row) => row[name]);
  const numeric = variables.filter((name) => bound(name).length && bound(name).every((row) => isNumber(row[name])));
  const kind = (type) => variables.filter(
    (name) => !numeric.includes(name) && bound(name).length && bound(name).every((row) => row[name].type === type),
  );
  const literals = kind("literal");
  const iris = kind("uri");
  if (!numeric.length || !(literals.length || iris.length)) return null;
  return {
    label: literals[0] ?? iris[0],
    value: numeric[numeric.length - 1], // the aggregate usually comes last
    link: iris[0] ?? null,
  };
}

export class BarChart {
  /** Set by editor.js: `{ base, root }`, to link bars to this server's pages. */
  static links = null;

  constructor(yasr) {
    this.yasr = yasr;
    this.label = "Chart";
    this.priority = 5;
    this.svg = null;
  }

  columns() {
    const results = this.yasr.results;
    return results ? chartColumns(results.getVariables(), results.getBindings()) : null;
  }

  canHandleResults() {
    return this.columns() !== null;
  }

  getIcon() {
    const icon = document.createElementNS(SVG, "svg");
    icon.setAttribute("viewBox", "0 0 16 16");
    icon.setAttribute("aria-hidden", "true");
    icon.innerHTML = '<rect x="1" y="2" width="9" height="3"/><rect x="1" y="7" width="14" height="3"/><rect x="1" y="12" width="5" height="3"/>';
    const wrapper = document.createElement("div");
    wrapper.append(icon);
    return wrapper;
  }

  draw() {
    const columns = this.columns();
    if (!columns) return;
    const rows = this.yasr.results.getBindings().filter((row) => row[columns.value]);
    const shown = rows.slice(0, MAX_BARS);
    const prefixes = this.yasr.getPrefixes();
    const bars = shown.map((row) => ({
      label: displayLabel(row[columns.label], prefixes),
      value: Number(row[columns.value].value),
      href: columns.link && row[columns.link] ? localLink(row[columns.link].value, BarChart.links) : null,
    }));
    const figure = document.createElement("figure");
    figure.className = "chart sparql-chart";
    const caption = document.createElement("figcaption");
    caption.id = "sparql-chart-caption";
    caption.textContent = `?${columns.value} by ?${columns.label}`;
    figure.append(caption, this.drawSvg(bars, caption.id));
    if (rows.length > shown.length) {
      const note = document.createElement("p");
      note.className = "muted";
      note.textContent = `The first ${shown.length} of ${rows.length} rows.`;
      figure.append(note);
    }
    this.yasr.resultsEl.append(figure);
  }

  drawSvg(bars, captionId) {
    const labelWidth = 260, barArea = 480, step = 24;
    const largest = Math.max(...bars.map((bar) => bar.value), 0) || 1;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", captionId);
    const width = labelWidth + barArea + 60, height = bars.length * step + 4;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width); // at its own size, narrower on narrow screens (CSS)
    svg.setAttribute("height", height);
    bars.forEach((bar, index) => {
      const y = index * step + 2;
      const barWidth = Math.max(0, bar.value) / largest * barArea;
      const group = document.createElementNS(SVG, bar.href ? "a" : "g");
      if (bar.href) group.setAttribute("href", bar.href);
      group.append(
        element("title", {}, `${bar.label}: ${bar.value}`),
        element("text", { x: labelWidth - 8, y: y + 15, "text-anchor": "end", class: "bar-label" }, truncate(bar.label, 34)),
        element("rect", { x: labelWidth, y, width: barWidth.toFixed(1), height: 18, rx: 2, class: "bar" }),
        element("text", { x: labelWidth + barWidth + 6, y: y + 15, class: "bar-value" }, String(bar.value)),
      );
      svg.append(group);
    });
    this.svg = svg;
    return svg;
  }

  download() {
    if (!this.svg) return undefined;
    const svg = this.svg;
    return {
      contentType: "image/svg+xml",
      getData: () => new XMLSerializer().serializeToString(svg),
      filename: "query-chart.svg",
      title: "Download the chart (SVG)",
    };
  }

  destroy() {
    this.svg = null;
  }
}

function displayLabel(term, prefixes) {
  if (term.type !== "uri") return term.value;
  for (const [prefix, namespace] of Object.entries(prefixes || {})) {
    if (term.value.startsWith(namespace)) return `${prefix}:${term.value.slice(namespace.length)}`;
  }
  return term.value;
}

function truncate(text, length) {
  return text.length > length ? text.slice(0, length - 1) + "…" : text;
}

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
