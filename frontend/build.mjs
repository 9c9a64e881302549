// Bundles the front end into kgserver/web/static/build/ (never committed: see .gitignore).
//
//   node build.mjs [--inputs DIGEST]
//
// Writes the query editor (src/editor.js and the CSS it imports, with YASQE and YASR from
// node_modules) as editor-HASH.js and editor-HASH.css, copies Swagger UI's bundle, stylesheet
// and icon for /api, writes licenses.txt (every bundled package's licence), and lists the
// assets in manifest.json, which kgserver/web/frontend.py reads.
// DIGEST (from frontend/setuptools_build.py) records which sources the build was made from, so
// a re-install skips the build while they are unchanged. Nothing here touches the network.

import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "kgserver", "web", "static", "build");
const argument = process.argv.indexOf("--inputs");
const inputs = argument > 0 ? process.argv[argument + 1] : "";

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await esbuild.build({
  entryPoints: { editor: join(here, "src", "editor.js") },
  outdir: out,
  entryNames: "[name]-[hash]",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none", // licences.txt below carries every bundled package's licence
  metafile: true,
  logLevel: "warning",
});

const assets = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const name = basename(file);
  if (output.entryPoint) assets["editor.js"] = name;
  else if (name.endsWith(".css") && !name.endsWith(".LEGAL.txt")) assets["editor.css"] = name;
}

// Swagger UI for /api: the files FastAPI's get_swagger_ui_html links, renamed with their hash.
const swagger = join(here, "node_modules", "swagger-ui-dist");
for (const [key, file] of [
  ["swagger.js", "swagger-ui-bundle.js"],
  ["swagger.css", "swagger-ui.css"],
  ["swagger.icon", "favicon-32x32.png"],
]) {
  const source = join(swagger, file);
  const hash = createHash("sha256").update(readFileSync(source)).digest("hex").slice(0, 8);
  const name = `${basename(file, extname(file))}-${hash}${extname(file)}`;
  copyFileSync(source, join(out, name));
  assets[key] = name;
}

// The licences of everything bundled: each non-dev package of the lock file, with its notice.
const lock = JSON.parse(readFileSync(join(here, "package-lock.json")));
const notices = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path || entry.dev) continue;
  const folder = join(here, path);
  const files = readdirSync(folder).filter((file) => /^(licen[cs]e|notice|copying)/i.test(file));
  const texts = files.map((file) => readFileSync(join(folder, file), "utf8").trim());
  notices.push(`${path.slice("node_modules/".length)} ${entry.version} (${entry.license})\n\n${texts.join("\n\n")}`);
}
writeFileSync(join(out, "licenses.txt"), notices.join(`\n\n${"-".repeat(72)}\n\n`) + "\n");

const versions = {};
for (const name of ["@zazuko/yasqe", "@zazuko/yasr", "swagger-ui-dist"]) {
  const manifest = JSON.parse(readFileSync(join(here, "node_modules", name, "package.json")));
  versions[name] = manifest.version;
}
const sizes = Object.fromEntries(
  Object.values(assets).map((name) => [name, statSync(join(out, name)).size]),
);
writeFileSync(
  join(out, "manifest.json"),
  JSON.stringify({ inputs, assets, versions, sizes }, null, 2) + "\n",
);
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
console.log(`built ${Object.keys(assets).length} assets (${Math.round(total / 1024)} KiB) into ${relative(process.cwd(), out)}`);
