// The entry point of tour-runtime.js: install(data) in the top frame gives the page `window.guidedflows`; child
// frames need only the overlay (spotlight and watch run in the target's own frame), which tour.js already holds.

import { Tour } from "./runtime.js";
import { isVisible } from "./dom.js";
import { absent, allMatches, locate } from "./locate.js";

export const VERSION = 1;

export function install(data) {
  if (window.top !== window) return;
  const existing = window.guidedflows;
  if (existing && typeof existing.register === "function") {
    existing.register(data); // a second tour.js on the same page adds its flows
    return;
  }
  const overlay = window.__guidedflows;
  if (!overlay) throw new Error("guidedflows: the overlay is missing from tour.js");
  const tour = new Tour(overlay);
  tour.register(data);
  const options = { testIdAttribute: data.testid || "data-testid" };
  const api = Object.freeze({
    version: VERSION,
    flows: () => [...tour.flows.values()].map((f) => ({ id: f.id, title: f.title, steps: f.total })),
    start: (id) => tour.start(String(id)),
    stop: () => tour.stop(),
    state: () => tour.describe(),
    register: (more) => tour.register(more),
    // What the tour finds for a target now ({kind, value, …} as tour.js spells targets): for tests and for authors.
    locate: (target, doc) => locate(target, doc || document, options),
    // What is still shown of a target that should be gone (`visible: false`: tiers 1-2), and every match of the first
    // tier and kind finding any (`count:`).
    absent: (target, doc) => absent(target, doc || document, options).filter(isVisible),
    matches: (target, doc) => allMatches(target, doc || document, options) || [],
  });
  Object.defineProperty(window, "guidedflows", { value: api, enumerable: false, configurable: false, writable: false });
  tour.boot();
}
