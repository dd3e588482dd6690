// Builds src/guidedflows/export/js/tour-runtime.js from js/src (scripts/build-tour runs this after `npm ci`).
//   node build.mjs                 write the bundle
//   node build.mjs --check         build in memory; exit 1 when the committed bundle differs from its sources
//   --src DIR --out FILE           other sources or bundle (tests run a copy of this file beside a cached node_modules)
// esbuild and dom-accessibility-api are found in the node_modules beside this file.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? resolve(process.argv[at + 1]) : fallback;
};
const src = option("--src", join(here, "src"));
const out = option("--out", join(here, "..", "src", "guidedflows", "export", "js", "tour-runtime.js"));
const banner = "// guidedflows tour runtime: built by scripts/build-tour from js/src (esbuild, dom-accessibility-api). Do not edit.";

const result = await build({
  entryPoints: [join(src, "index.js")],
  bundle: true,
  write: false,
  format: "iife",
  globalName: "guidedflowsTour",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  legalComments: "inline",
  charset: "ascii",
  banner: { js: banner },
  nodePaths: [join(here, "node_modules")],
  logLevel: "warning",
});
const text = result.outputFiles[0].text;
if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(out, "utf8");
  } catch (_) {}
  if (committed !== text) {
    console.error(`${out} does not match ${src}: run scripts/build-tour and commit the result`);
    process.exit(1);
  }
  console.log("tour-runtime.js matches its sources");
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out} (${text.length} bytes)`);
}
