// Builds src/guidedflows/export/js/tour-runtime.js from js/src (scripts/build-tour runs this after `npm ci`).
// `node build.mjs --check` builds in memory and exits 1 when the committed bundle differs from its sources.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const out = fileURLToPath(new URL("../src/guidedflows/export/js/tour-runtime.js", import.meta.url));
const banner = "// guidedflows tour runtime: built by scripts/build-tour from js/src (esbuild, dom-accessibility-api). Do not edit.";

const result = await build({
  entryPoints: [fileURLToPath(new URL("src/index.js", import.meta.url))],
  bundle: true,
  write: false,
  format: "iife",
  globalName: "guidedflowsTour",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  legalComments: "inline",
  charset: "ascii",
  banner: { js: banner },
  logLevel: "warning",
});
const text = result.outputFiles[0].text;
if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(out, "utf8");
  } catch (_) {}
  if (committed !== text) {
    console.error(`${out} does not match js/src: run scripts/build-tour and commit the result`);
    process.exit(1);
  }
  console.log("tour-runtime.js matches its sources");
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out} (${text.length} bytes)`);
}
