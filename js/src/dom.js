// What an element reads, whether it is visible, its ARIA role and accessible name: the facts check mode's engine gets
// from Playwright's injected script, computed here the same way so the tour and check mode agree on the same page.
// Text, visibility and roles follow the rules of Playwright's injected script (packages/injected: domUtils.ts,
// selectorUtils.ts, roleUtils.ts; Apache-2.0); the accessible name comes from dom-accessibility-api (W3C accname).

import { computeAccessibleName } from "dom-accessibility-api";

// One pass of the resolver looks at the same elements many times: facts are cached for the pass only.
let caches = null;

export function withCaches(fn) {
  const outer = caches;
  if (!outer) caches = { text: new Map(), style: new Map(), role: new Map(), name: new Map(), hidden: new Map(), maybe: new Map(), all: new Map() };
  try {
    return fn();
  } finally {
    if (!outer) caches = null;
  }
}

/** Every element under `root` (listed by `list`), looked up once per pass. */
export const everyElement = (root, list) => cached("all", root, () => list(root));

function cached(kind, key, compute) {
  const cache = caches && caches[kind];
  if (!cache) return compute();
  if (cache.has(key)) return cache.get(key);
  const value = compute();
  cache.set(key, value);
  return value;
}

export function normalizeWhiteSpace(text) {
  return text.replace(/[\u200b\u00ad]/g, "").trim().replace(/\s+/g, " ");
}

export function parentElementOrShadowHost(element) {
  if (element.parentElement) return element.parentElement;
  if (!element.parentNode) return null;
  if (element.parentNode.nodeType === 11 && element.parentNode.host) return element.parentNode.host;
  return null;
}

function style(element) {
  return cached("style", element, () => {
    const view = element.ownerDocument && element.ownerDocument.defaultView;
    return view ? view.getComputedStyle(element) : null;
  });
}

// -- text --------------------------------------------------------------------------------------------------------

function skippedForText(element) {
  const doc = element.ownerDocument;
  const name = element.nodeName;
  return name === "SCRIPT" || name === "NOSCRIPT" || name === "STYLE" || !!(doc && doc.head && doc.head.contains(element));
}

/** {full, normalized}: an element's (or shadow root's) text as Playwright's text engines read it. */
export function elementText(root) {
  return cached("text", root, () => {
    const value = { full: "", normalized: "" };
    if (root.nodeType === 1 && skippedForText(root)) return value;
    const type = root.nodeName === "INPUT" ? String(root.type).toLowerCase() : "";
    if (type === "submit" || type === "button" || type === "reset") {
      return { full: root.value, normalized: normalizeWhiteSpace(root.value) };
    }
    for (let child = root.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) value.full += child.nodeValue || "";
      else if (child.nodeType === 1) value.full += elementText(child).full;
    }
    if (root.shadowRoot) value.full += elementText(root.shadowRoot).full;
    if (value.full) value.normalized = normalizeWhiteSpace(value.full);
    return value;
  });
}

/** "none" | "self" | "selfAndChildren": whether the element reads what `matches` wants, and whether a child does. */
export function elementMatchesText(element, matches) {
  if (skippedForText(element)) return "none";
  if (!matches(elementText(element))) return "none";
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1 && matches(elementText(child))) return "selfAndChildren";
  }
  if (element.shadowRoot && matches(elementText(element.shadowRoot))) return "selfAndChildren";
  return "self";
}

// -- visibility --------------------------------------------------------------------------------------------------

function styleVisible(element, st) {
  if (!st) return true;
  if (typeof element.checkVisibility === "function" && !element.checkVisibility()) return false;
  return st.visibility === "visible";
}

function visibleTextNode(node) {
  const range = node.ownerDocument.createRange();
  range.selectNode(node);
  const rect = range.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0;
}

/** Visible as Playwright means it: a non-empty box, and not visibility:hidden (display:contents looks at children). */
export function isVisible(element) {
  const st = style(element);
  if (!st) return true;
  if (st.display === "contents") {
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && isVisible(child)) return true;
      if (child.nodeType === 3 && visibleTextNode(child)) return true;
    }
    return false;
  }
  if (!styleVisible(element, st)) return false;
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0;
}

function hiddenByAncestry(element) {
  return cached("hidden", element, () => {
    if (element.parentElement && element.parentElement.shadowRoot && !element.assignedSlot) return true;
    const st = style(element);
    if (!st || st.display === "none" || (element.getAttribute("aria-hidden") || "").toLowerCase() === "true") return true;
    const parent = parentElementOrShadowHost(element);
    return parent ? hiddenByAncestry(parent) : false;
  });
}

/** Left out of the accessibility tree (what `get_by_role` skips): aria-hidden, display:none, visibility:hidden. */
export function isHiddenForAria(element) {
  if (["STYLE", "SCRIPT", "NOSCRIPT", "TEMPLATE"].includes(element.nodeName.toUpperCase())) return true;
  const st = style(element);
  const isSlot = element.nodeName === "SLOT";
  if (st && st.display === "contents" && !isSlot) {
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && !isHiddenForAria(child)) return false;
      if (child.nodeType === 3 && visibleTextNode(child)) return false;
    }
    return true;
  }
  const optionInSelect = element.nodeName === "OPTION" && !!element.closest("select");
  if (!optionInSelect && !isSlot && !styleVisible(element, st)) return true;
  return hiddenByAncestry(element);
}

// -- roles -------------------------------------------------------------------------------------------------------

const VALID_ROLES = new Set(
  ("alert alertdialog application article banner blockquote button caption cell checkbox code columnheader combobox " +
    "complementary contentinfo definition deletion dialog directory document emphasis feed figure form generic grid " +
    "gridcell group heading img insertion link list listbox listitem log main mark marquee math meter menu menubar " +
    "menuitem menuitemcheckbox menuitemradio navigation none note option paragraph presentation progressbar radio " +
    "radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider spinbutton status strong " +
    "subscript superscript switch tab table tablist tabpanel term textbox time timer toolbar tooltip tree treegrid " +
    "treeitem").split(" "),
);
const GLOBAL_ARIA = [
  "aria-atomic", "aria-busy", "aria-controls", "aria-current", "aria-describedby", "aria-details", "aria-dropeffect",
  "aria-flowto", "aria-grabbed", "aria-hidden", "aria-keyshortcuts", "aria-label", "aria-labelledby", "aria-live",
  "aria-owns", "aria-relevant", "aria-roledescription",
];
const NAMING_PROHIBITED = ["caption", "code", "deletion", "emphasis", "generic", "insertion", "paragraph", "presentation", "strong", "subscript", "superscript"];
const INPUT_ROLES = { button: "button", checkbox: "checkbox", image: "button", number: "spinbutton", radio: "radio", range: "slider", reset: "button", submit: "button" };
const PREVENTING_LANDMARK = "article:not([role]), aside:not([role]), main:not([role]), nav:not([role]), section:not([role]), [role=article], [role=complementary], [role=main], [role=navigation], [role=region]";
const PRESENTATION_PARENTS = { DD: ["DL", "DIV"], DIV: ["DL"], DT: ["DL", "DIV"], LI: ["OL", "UL"], TBODY: ["TABLE"], TD: ["TR"], TFOOT: ["TABLE"], TH: ["TR"], THEAD: ["TABLE"], TR: ["THEAD", "TBODY", "TFOOT", "TABLE"] };

const tagOf = (e) => String(e.tagName).toUpperCase();
const hasExplicitName = (e) => e.hasAttribute("aria-label") || e.hasAttribute("aria-labelledby");
const hasTabIndex = (e) => !Number.isNaN(Number(String(e.getAttribute("tabindex"))));

function hasGlobalAria(e, role) {
  return GLOBAL_ARIA.some((a) => e.hasAttribute(a) && !(["aria-label", "aria-labelledby"].includes(a) && NAMING_PROHIBITED.includes(role || "")) && !(a === "aria-roledescription" && role === "generic"));
}

function nativelyFocusable(e) {
  const tag = tagOf(e);
  if (["BUTTON", "DETAILS", "SELECT", "TEXTAREA"].includes(tag)) return true;
  if (tag === "A" || tag === "AREA") return e.hasAttribute("href");
  if (tag === "INPUT") return !e.hidden;
  return false;
}

function isFocusable(e) {
  const disabled = ["BUTTON", "INPUT", "SELECT", "TEXTAREA", "OPTION", "OPTGROUP"].includes(tagOf(e)) && e.disabled;
  return !disabled && (nativelyFocusable(e) || hasTabIndex(e));
}

function closestCrossShadow(element, css) {
  for (let e = element; e; ) {
    const closest = e.closest(css);
    if (closest) return closest;
    let top = e;
    while (top.parentElement) top = top.parentElement;
    e = parentElementOrShadowHost(top);
  }
  return null;
}

function explicitRole(e) {
  const roles = (e.getAttribute("role") || "").toLowerCase().split(" ").map((r) => r.trim());
  return roles.find((r) => VALID_ROLES.has(r)) || null;
}

function idRefs(element, ref) {
  if (!ref) return [];
  const root = element.getRootNode();
  const found = [];
  for (const id of ref.split(/[ \t\n\f\r]+/).filter(Boolean)) {
    let el = null;
    try {
      el = root.querySelector("#" + CSS.escape(id));
    } catch (_) {
      el = null;
    }
    if (el && !found.includes(el)) found.push(el);
  }
  return found;
}

function thRole(e) {
  const scope = e.getAttribute("scope");
  if (scope === "col" || scope === "colgroup") return "columnheader";
  if (scope === "row" || scope === "rowgroup") return "rowheader";
  const next = e.nextElementSibling;
  const prev = e.previousElementSibling;
  const row = e.parentElement && tagOf(e.parentElement) === "TR" ? e.parentElement : null;
  if (!next && !prev) {
    if (row) {
      const table = closestCrossShadow(row, "table");
      if (table && table.rows.length <= 1) return null;
    }
    return "columnheader";
  }
  const header = (x) => !!x && tagOf(x) === "TH";
  const data = (x) => !!x && tagOf(x) === "TD" && !!((x.textContent || "").trim() || x.children.length > 0);
  if (header(next) && header(prev)) return "columnheader";
  if (data(next) || data(prev)) return "rowheader";
  return "columnheader";
}

function inputRole(e) {
  const type = String(e.type).toLowerCase();
  if (["email", "search", "tel", "text", "url", ""].includes(type)) {
    const list = idRefs(e, e.getAttribute("list"))[0];
    if (list && tagOf(list) === "DATALIST") return "combobox";
    return type === "search" ? "searchbox" : "textbox";
  }
  if (type === "hidden") return null;
  if (type === "file") return "button";
  return INPUT_ROLES[type] || "textbox";
}

const SIMPLE_ROLES = {
  ARTICLE: "article", ASIDE: "complementary", BLOCKQUOTE: "blockquote", BUTTON: "button", CAPTION: "caption",
  CODE: "code", DATALIST: "listbox", DD: "definition", DEL: "deletion", DETAILS: "group", DFN: "term", DIALOG: "dialog",
  DT: "term", EM: "emphasis", FIELDSET: "group", FIGURE: "figure", H1: "heading", H2: "heading", H3: "heading",
  H4: "heading", H5: "heading", H6: "heading", HR: "separator", HTML: "document", INS: "insertion", LI: "listitem",
  MAIN: "main", MARK: "mark", MATH: "math", MENU: "list", METER: "meter", NAV: "navigation", OL: "list",
  OPTGROUP: "group", OPTION: "option", OUTPUT: "status", P: "paragraph", PROGRESS: "progressbar", SEARCH: "search",
  STRONG: "strong", SUB: "subscript", SUP: "superscript", SVG: "img", TABLE: "table", TBODY: "rowgroup",
  TEXTAREA: "textbox", TFOOT: "rowgroup", THEAD: "rowgroup", TIME: "time", TR: "row", UL: "list",
};

function implicitTagRole(e) {
  const tag = tagOf(e);
  if (tag in SIMPLE_ROLES) return SIMPLE_ROLES[tag];
  switch (tag) {
    case "A":
    case "AREA":
      return e.hasAttribute("href") ? "link" : null;
    case "FOOTER":
      return closestCrossShadow(e, PREVENTING_LANDMARK) ? null : "contentinfo";
    case "HEADER":
      return closestCrossShadow(e, PREVENTING_LANDMARK) ? null : "banner";
    case "FORM":
      return hasExplicitName(e) ? "form" : null;
    case "SECTION":
      return hasExplicitName(e) ? "region" : null;
    case "IMG":
      return e.getAttribute("alt") === "" && !e.getAttribute("title") && !hasGlobalAria(e) && !hasTabIndex(e) ? "presentation" : "img";
    case "INPUT":
      return inputRole(e);
    case "SELECT":
      return e.multiple || e.size > 1 ? "listbox" : "combobox";
    case "TD": {
      const table = closestCrossShadow(e, "table");
      const role = table ? explicitRole(table) : "";
      return role === "grid" || role === "treegrid" ? "gridcell" : "cell";
    }
    case "TH":
      return thRole(e);
    default:
      return null;
  }
}

function implicitRole(element) {
  const role = implicitTagRole(element);
  if (!role) return null;
  for (let ancestor = element; ancestor; ) {
    const parent = parentElementOrShadowHost(ancestor);
    const parents = PRESENTATION_PARENTS[tagOf(ancestor)];
    if (!parents || !parent || !parents.includes(tagOf(parent))) break;
    const parentRole = explicitRole(parent);
    if ((parentRole === "none" || parentRole === "presentation") && !(hasGlobalAria(parent, parentRole) || isFocusable(parent))) return parentRole;
    ancestor = parent;
  }
  return role;
}

/** The element's ARIA role: explicit when valid, else implicit from its tag (HTML-AAM, as Playwright computes it). */
export function roleOf(element) {
  return cached("role", element, () => {
    const explicit = explicitRole(element);
    if (!explicit) return implicitRole(element);
    if (explicit === "none" || explicit === "presentation") {
      const implicit = implicitRole(element);
      if (hasGlobalAria(element, implicit) || isFocusable(element)) return implicit;
    }
    return explicit;
  });
}

const PROHIBITS_NAMING = new Set(["caption", "code", "definition", "deletion", "emphasis", "generic", "insertion", "mark", "paragraph", "presentation", "strong", "subscript", "suggestion", "superscript", "term", "time"]);

/** The accessible name (W3C accname, by dom-accessibility-api), white space collapsed. */
export function accessibleName(element) {
  return cached("name", element, () => {
    if (PROHIBITS_NAMING.has(roleOf(element) || "")) return "";
    let name = "";
    try {
      name = computeAccessibleName(element, { computedStyleSupportsPseudoElements: true });
    } catch (_) {
      name = "";
    }
    return normalizeWhiteSpace(name);
  });
}

// -- a cheap test before a name --------------------------------------------------------------------------------

// Computing an accessible name is the costly part of a role search (dom-accessibility-api looks at the style of every
// node it reads), and a page may have hundreds of links. Most cannot be the one asked for, and that is sure from what a
// name can be made of: the element's text (which then holds the words' letters and digits in order: hidden parts and
// spaces only remove or add characters between them), the attributes that name (aria-label, title, alt…), what
// aria-labelledby and a <label> point at, the values of fields inside, and CSS content. Without CSS content that
// speaks, every letter and digit of the words must be in one of the others. A shadow tree, a custom element or a
// button's default name makes the test answer "maybe", and the name is computed.

const NAME_ATTRIBUTES = ["aria-label", "title", "alt", "placeholder", "value", "label"];
const NAMING = "[aria-label], [title], [alt], [placeholder], [value], [label], [aria-labelledby], input, textarea";
const DEFAULT_NAMED = new Set(["submit", "reset", "image", "button"]);
const FEW = 24; // elements inside one whose CSS content is read one by one; more, and the name is computed

/** The letters and digits of some words, in upper case: what `mayBeNamed` looks for. */
export function needleOf(words) {
  return (String(words).match(/[\p{L}\p{N}]/gu) || []).join("").toUpperCase();
}

/** False only when the element's accessible name surely does not hold `needle` (needleOf: letters and digits). */
export function mayBeNamed(element, needle) {
  const known = cached("maybe", element, () => new Map());
  if (!known.has(needle)) known.set(needle, mayBeNamedNow(element, needle));
  return known.get(needle);
}

function mayBeNamedNow(element, needle) {
  if (!needle || element.getRootNode() !== element.ownerDocument || element.hasAttribute("aria-owns")) return true;
  if (element.nodeName === "INPUT" && DEFAULT_NAMED.has(element.type)) return true;
  if (element.shadowRoot || element.localName.includes("-")) return true;
  for (const el of element.getElementsByTagName("*")) if (el.shadowRoot || el.localName.includes("-") || el.hasAttribute("aria-owns")) return true;
  const others = [];
  const sources = [element];
  for (const el of withInside(element, NAMING)) namingOf(el, others, sources, true);
  for (const label of element.labels || []) referred(label, others, sources);
  const text = clean(element.textContent);
  if (others.length ? hasEvery(clean(text + " " + others.join(" ")), needle) : holdsInOrder(text, needle)) return true;
  return sources.some(pseudoSpeaksIn); // the words are not in the text: unless CSS content adds some
}

const withInside = (el, selector) => (el.matches(selector) ? [el, ...el.querySelectorAll(selector)] : [...el.querySelectorAll(selector)]);

/** Adds to `out` the words `el` may give a name besides its text, and to `sources` the elements it refers to. */
function namingOf(el, out, sources, follow) {
  for (const name of NAME_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value) out.push(value);
  }
  if ((el.nodeName === "INPUT" || el.nodeName === "TEXTAREA") && el.value) out.push(el.value);
  const ids = follow ? el.getAttribute("aria-labelledby") : null;
  for (const id of ids ? ids.split(/\s+/) : []) {
    const ref = id && el.ownerDocument.getElementById(id);
    if (ref) referred(ref, out, sources);
  }
}

/** What a label or an aria-labelledby element gives a name: its text, and what names inside it. */
function referred(ref, out, sources) {
  sources.push(ref);
  out.push(ref.textContent);
  for (const inner of withInside(ref, NAMING)) namingOf(inner, out, sources, false);
}

const clean = (text) => text.replace(/[\u200b\u00ad]/g, "").toUpperCase();

function holdsInOrder(text, needle) {
  let at = 0;
  for (const ch of needle) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

function hasEvery(text, needle) {
  for (const ch of needle) if (!text.includes(ch)) return false;
  return true;
}

/** Whether a ::before or ::after in `root` (or inside it) may put letters or digits in a name. */
function pseudoSpeaksIn(root) {
  const inner = root.getElementsByTagName("*");
  if (inner.length > FEW) return true;
  return pseudoSpeaks(root) || [...inner].some(pseudoSpeaks);
}

function pseudoSpeaks(el) {
  const view = el.ownerDocument.defaultView;
  return !!view && (contentSpeaks(view.getComputedStyle(el, "::before").content) || contentSpeaks(view.getComputedStyle(el, "::after").content));
}

function contentSpeaks(content) {
  if (!content || content === "none" || content === "normal") return false;
  if (/attr\(|counters?\(|var\(/i.test(content)) return true;
  return /[\p{L}\p{N}]/u.test(content.replace(/url\([^)]*\)/gi, "").replace(/\\[0-9a-fA-F]{1,6}\s?/g, ""));
}

// -- labels ------------------------------------------------------------------------------------------------------

function labelledBy(element) {
  const refs = element.ariaLabelledByElements || idRefs(element, element.getAttribute("aria-labelledby"));
  return refs && refs.length ? [...refs] : null;
}

/** The texts that label a field, as `get_by_label` reads them: aria-labelledby, aria-label, then <label>s. */
export function labelsOf(element) {
  const refs = labelledBy(element);
  if (refs) return refs.map((label) => elementText(label));
  const ariaLabel = element.getAttribute("aria-label");
  if (ariaLabel !== null && !!ariaLabel.trim()) return [{ full: ariaLabel, normalized: normalizeWhiteSpace(ariaLabel) }];
  const nonHiddenInput = element.nodeName === "INPUT" && element.type !== "hidden";
  if (["BUTTON", "METER", "OUTPUT", "PROGRESS", "SELECT", "TEXTAREA"].includes(element.nodeName) || nonHiddenInput) {
    if (element.labels) return [...element.labels].map((label) => elementText(label));
  }
  return [];
}
