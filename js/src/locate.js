// Targets → elements, the way check mode finds them: a port of src/guidedflows/browser/locate.py, kept in its order so the
// two can be read side by side (words in tiers, kinds in the spec's order, the action narrowing the kinds; the first
// tier and kind finding any visible element decides: one → found, several → ambiguous). The same-element tests
// (tests/export/test_same_element.py) compare the element this picks with the one check mode picks, on every shown
// step of every shipped flow and of the real-world corpus.

import * as L from "./locators.js";
import { withCaches } from "./dom.js";
import { narrowing } from "./narrowing.js";
import * as words from "./words.js";

const HOST = "guidedflows-overlay";

export const KIND_WORDS = {
  interactive: "controls named",
  label: "fields labelled",
  placeholder: "fields with the placeholder",
  text: "elements reading",
  alt: "images described as",
  title: "elements with the tooltip",
  shown: "lists showing",
  section: "fields in the section",
};

// -- locators ----------------------------------------------------------------------------------------------------

function tiersOf(target) {
  if (["testid", "css", "xpath", "page"].includes(target.kind) || (target.kind === "role" && target.name == null)) return [];
  if (target.exact != null) return [words.EXACT];
  if (target.kind === "human") return narrowing(target.action).part ? words.TIERS : [words.EXACT, words.NORMALISED];
  if (target.kind === "text") return words.TIERS;
  return [words.EXACT, words.NORMALISED];
}

function kindsOf(target, tier) {
  if (target.kind !== "human") return [null];
  return tier === words.PART ? ["text"] : narrowing(target.action).kinds;
}

/** One locator for the target, every tier at once (locate.py: build). */
export function build(target, options) {
  return refined(target, options, (o) => allTiers(target, o));
}

function buildTier(target, options, tier, kind) {
  return refined(target, options, () => oneTier(target, options, tier, kind));
}

function refined(target, options, base) {
  let container = null;
  if (target.frame) container = frameContent(build(target.frame, options));
  if (target.within) {
    const inner = refined(target.within, options, (o) => allTiers(target.within, o));
    container = container === null ? inner : L.chain(container, inner);
  }
  let locator = L.where(base(options), (el) => !L.inside(el, HOST));
  if (container !== null) locator = L.chain(container, locator);
  if (target.has_text != null) locator = L.hasText(locator, words.contained(target.has_text));
  if (target.nth != null) locator = L.nth(locator, target.nth);
  return locator;
}

export class Ambiguous extends Error {
  constructor(count, what) {
    super(`matches ${count} ${what}`);
    this.count = count;
    this.what = what;
  }
}

/** build(frame target).content_frame: the one iframe's document (several is Playwright's strict-mode error). */
function frameContent(frames) {
  return (root) => {
    const found = frames(root).filter((el) => el.localName === "iframe" || el.localName === "frame");
    if (found.length > 1) throw new Ambiguous(found.length, "frames");
    const doc = found.length ? contentDocument(found[0]) : null;
    return doc ? [doc] : [];
  };
}

export function contentDocument(frame) {
  try {
    return frame.contentDocument || null; // null for a cross-origin frame: the tour cannot look inside
  } catch (_) {
    return null;
  }
}

function allTiers(target, options) {
  const tiers = tiersOf(target);
  if (!tiers.length) return oneTier(target, options, null, null);
  const wide = tiers.filter((t) => t !== words.EXACT);
  let locator = null;
  for (const tier of wide.length ? wide : [words.EXACT]) {
    for (const kind of kindsOf(target, tier)) {
      const one = oneTier(target, options, tier, kind);
      locator = locator === null ? one : L.or(locator, one);
    }
  }
  return locator;
}

/** What a name matched in this tier surely holds: tier 2 ignores a label's trailing colon, star, "(required)". */
const coreOf = (text, tier) => (tier === words.EXACT ? text : words.core(text));

function matcher(text, tier) {
  if (tier === words.NORMALISED) return words.whole(text);
  if (tier === words.PART) return words.part(text);
  return text;
}

const exactness = (target, tier) => (target.exact != null ? target.exact : tier === words.EXACT);

function oneTier(target, options, tier, kind) {
  if (target.kind === "human") return human(kind, target.value, tier, target.action);
  const value = target.value;
  switch (target.kind) {
    case "role":
      return target.name == null ? L.byRole(value) : L.byRole(value, matcher(target.name, tier), exactness(target, tier), coreOf(target.name, tier));
    case "css":
      return L.byCss(value);
    case "xpath":
      return L.byXPath(value);
    case "testid":
      return L.byTestId(options.testIdAttribute || "data-testid", value);
    case "label": {
      const exact = exactness(target, tier);
      return L.or(L.byLabel(matcher(value, tier), exact), labelFor(value, exact ? words.EXACT : tier));
    }
    case "text":
      return text(matcher(value, tier), exactness(target, tier), tier);
    case "placeholder":
    case "alt":
    case "title":
      return L.byAttribute(target.kind, matcher(value, tier), exactness(target, tier));
    default:
      throw new Error(`not an element target: ${target.kind}`);
  }
}

function human(kind, value, tier, action) {
  const n = narrowing(action);
  const m = matcher(value, tier);
  const exact = tier === words.EXACT;
  let locator;
  if (kind === "interactive") {
    locator = L.byRoles(n.roles, m, exact, coreOf(value, tier)); // locate.py: one get_by_role per role, or_-ed
  } else if (kind === "label") {
    locator = L.or(L.byLabel(m, exact), labelFor(value, tier));
  } else if (kind === "placeholder") {
    locator = L.byAttribute("placeholder", m, exact);
  } else if (kind === "shown") {
    const option = L.and(L.byCss("option:checked"), L.byText(m, exact));
    locator = L.has(L.byCss("select"), option);
  } else if (kind === "title") {
    locator = L.byAttribute("title", m, exact);
  } else if (kind === "section") {
    const heading = L.chain(L.byRole("heading", m, exact, coreOf(value, tier)), L.byXPath(".."));
    locator = L.chain(L.or(heading, L.byRole("group", m, exact, coreOf(value, tier))), L.byCss(n.fields));
  } else if (kind === "text") {
    locator = text(m, exact, tier);
  } else {
    locator = L.byAttribute("alt", m, exact);
  }
  if (n.fields !== null && (kind === "label" || kind === "placeholder")) {
    locator = L.and(locator, L.byCss(n.fields));
    if (n.hiddenFields) return locator;
  }
  return L.visible(locator);
}

/** The field a `<label for=…>` with these words names: the label's XPath, then id(@for) from it (locate.py: label_for). */
function labelFor(value, tier) {
  const [label, field] = words.labelFor(value, tier);
  return L.chain(L.byXPath(label), L.byXPath(field));
}

/** Elements reading the words: outside any control as themselves, inside one as that control. */
function text(m, exact, tier) {
  return L.chain(L.byText(m, exact), L.byXPath(tier === words.PART ? words.AS_PART : words.AS_CONTROL));
}

// -- pinning a target to one element --------------------------------------------------------------------------

/** The documents a target is looked for in: the page, then its same-origin iframes (a `frame` pins it to the page). */
export function documentsOf(doc, target) {
  if (target.frame) return [doc];
  const docs = [];
  const visit = (d) => {
    docs.push(d);
    for (const frame of L.queryAll(d, "iframe, frame")) {
      const inner = contentDocument(frame);
      if (inner && inner.documentElement) visit(inner);
    }
  };
  visit(doc);
  return docs;
}

/**
 * {status: "found", element} | {status: "ambiguous", count, what} | {status: "missing"} for the target now, in `doc`
 * and its iframes (locate.py: Resolver._probe, one round without waiting).
 */
export function locate(target, doc = document, options = {}) {
  return withCaches(() => {
    try {
      for (const d of documentsOf(doc, target)) {
        const found = probe(target, d, options);
        if (found) return found;
      }
    } catch (err) {
      if (err instanceof Ambiguous) return { status: "ambiguous", count: err.count, what: err.what };
      throw err;
    }
    return { status: "missing" };
  });
}

function probe(target, doc, options) {
  if (target.nth != null || !tiersOf(target).length) {
    const found = build(target, options)(doc);
    if (found.length > 1 && target.nth == null) throw new Ambiguous(found.length, "elements");
    return found.length ? { status: "found", element: found[0] } : null;
  }
  const union = build(target, options)(doc);
  if (!union.length) return null;
  if (union.length === 1) return { status: "found", element: union[0] };
  for (const tier of tiersOf(target)) {
    for (const kind of kindsOf(target, tier)) {
      const found = buildTier(target, options, tier, kind)(doc);
      if (found.length === 1) return { status: "found", element: found[0] };
      if (found.length > 1) throw new Ambiguous(found.length, kind ? `${KIND_WORDS[kind]} "${target.value}"` : "elements");
    }
  }
  return null;
}

/** Every element of the first tier and kind that finds any (for `count:` and lists of texts), or null. */
export function allMatches(target, doc, options = {}) {
  return withCaches(() => {
    if (target.nth != null || !tiersOf(target).length) return build(target, options)(doc);
    for (const tier of tiersOf(target)) {
      for (const kind of kindsOf(target, tier)) {
        const found = buildTier(target, options, tier, kind)(doc);
        if (found.length) return found;
      }
    }
    return null;
  });
}

/** What must find nothing for the target to be absent: tiers 1 and 2 (a part of a longer text is not it). */
export function absent(target, doc, options = {}) {
  return withCaches(() => {
    let locator = null;
    for (const tier of tiersOf(target).filter((t) => t !== words.PART)) {
      for (const kind of kindsOf(target, tier)) {
        const one = buildTier(target, options, tier, kind);
        locator = locator === null ? one : L.or(locator, one);
      }
    }
    return (locator || build(target, options))(doc);
  });
}

/** Every element the target's one locator finds (`when: {visible: …}`), in doc. */
export function everyMatch(target, doc, options = {}) {
  return withCaches(() => build(target, options)(doc));
}
