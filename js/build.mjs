// Builds, from their sources, what every exported tour.js is made of (scripts/build-tour runs this after `npm ci`),
// and the target engine check mode registers in Playwright:
//   src/guidedflows/export/js/tour-runtime.js   the runtime, bundled from js/src
//   src/guidedflows/export/js/tour-overlay.js   guide mode's overlay (src/guidedflows/overlay: overlay.js with
//                                               overlay.css in its placeholder, as overlay/__init__.py does), minified
//   src/guidedflows/js/target-engine.js         the same target search as a selector engine (js/src/engine.js)
//   node build.mjs                 write all three
//   node build.mjs --check         build in memory; exit 1 when a committed file differs from its sources
//   --src DIR --out FILE --overlay DIR --overlay-out FILE --engine-out FILE
//                                  other sources or outputs (tests run a copy of this file beside a cached node_modules)
// esbuild and dom-accessibility-api are found in the node_modules beside this file.
import { build, transform } from "esbuild";
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
const overlaySrc = option("--overlay", join(here, "..", "src", "guidedflows", "overlay"));
const overlayOut = option("--overlay-out", join(here, "..", "src", "guidedflows", "export", "js", "tour-overlay.js"));
const engineOut = option("--engine-out", join(here, "..", "src", "guidedflows", "js", "target-engine.js"));
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
const runtime = result.outputFiles[0].text;

// The target engine: an expression Playwright evaluates to the engine object ({query, queryAll}).
const engineBuild = await build({
  entryPoints: [join(src, "engine.js")],
  bundle: true,
  write: false,
  format: "iife",
  globalName: "guidedflowsEngine",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  legalComments: "inline",
  charset: "ascii",
  nodePaths: [join(here, "node_modules")],
  logLevel: "warning",
});
const engine =
  "// guidedflows target engine: built by scripts/build-tour from js/src/engine.js (esbuild, dom-accessibility-api). Do not edit.\n" +
  `(() => {\n${engineBuild.outputFiles[0].text}return guidedflowsEngine;\n})()\n`;

// The overlay: the same placeholder substitution as overlay/__init__.py (the CSS as one string literal), then minified.
const PLACEHOLDER = '/*@guidedflows-css*/ ""';
const css = (await transform(readFileSync(join(overlaySrc, "overlay.css"), "utf8"), { loader: "css", minify: true })).code;
const source = readFileSync(join(overlaySrc, "overlay.js"), "utf8");
if (!source.includes(PLACEHOLDER)) throw new Error(`overlay.js has lost its stylesheet placeholder ${PLACEHOLDER}`);
const overlay = (await transform(source.replace(PLACEHOLDER, () => JSON.stringify(css.trim())), {
  minify: true,
  target: ["chrome100", "firefox100", "safari15"],
  legalComments: "inline",
  charset: "ascii",
  banner: "// guidedflows overlay: built by scripts/build-tour from src/guidedflows/overlay (esbuild). Do not edit.",
})).code;

const outputs = [[out, runtime, src], [overlayOut, overlay, overlaySrc], [engineOut, engine, src]];
if (process.argv.includes("--check")) {
  let stale = false;
  for (const [file, text, from] of outputs) {
    let committed = "";
    try {
      committed = readFileSync(file, "utf8");
    } catch (_) {}
    if (committed !== text) {
      console.error(`${file} does not match ${from}: run scripts/build-tour and commit the result`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  console.log("tour-runtime.js, tour-overlay.js and target-engine.js match their sources");
} else {
  for (const [file, text] of outputs) {
    writeFileSync(file, text);
    console.log(`wrote ${file} (${text.length} bytes)`);
  }
}
