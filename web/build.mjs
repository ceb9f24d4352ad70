// Copy the dashboard's front-end assets out of node_modules into the Python package's static/vendor/.
// Usage: node build.mjs [TARGET_DIR]   (default: ../src/crossings/serve/static/vendor)
// Plain copies of each package's own pre-built files, so what is served is byte for byte what npm pinned.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(process.argv[2] ?? join(here, "..", "src", "crossings", "serve", "static", "vendor"));

// package -> [[file inside the package, name under vendor/], ...]
const FILES = {
  "d3-array": [["dist/d3-array.min.js", "d3-array.min.js"]],
  "d3-geo": [["dist/d3-geo.min.js", "d3-geo.min.js"]],
  "topojson-client": [["dist/topojson-client.min.js", "topojson-client.min.js"]],
  "uplot": [["dist/uPlot.iife.min.js", "uPlot.iife.min.js"], ["dist/uPlot.min.css", "uPlot.min.css"]],
  "world-atlas": [["countries-50m.json", "countries-50m.json"]],
};

mkdirSync(target, { recursive: true });
const manifest = {};
const licenses = [];
for (const [name, files] of Object.entries(FILES)) {
  const root = join(here, "node_modules", name);
  const { version, license } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const [from, to] of files) copyFileSync(join(root, from), join(target, to));
  manifest[name] = { version, license, files: files.map(([, to]) => to) };
  licenses.push(`== ${name} ${version} (${license}) ==\n${readFileSync(join(root, "LICENSE"), "utf8")}`);
}
writeFileSync(join(target, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
writeFileSync(join(target, "LICENSES.txt"), licenses.join("\n"));
console.log(`vendored ${Object.keys(manifest).length} packages into ${target}`);
