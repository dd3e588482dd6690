// The few Playwright locators check mode's engine is built from (get_by_role, get_by_text, get_by_label, …, and_,
// or_, locator, filter, nth), each as a function from a root (a document, or an element a chain searches inside) to
// the elements it finds. Every one keeps the semantics of Playwright's selector engines (injected script,
// selectorEvaluator.ts / selectorUtils.ts), so locate.js can mirror src/guidedflows/browser/locate.py line for line.

import { accessibleName, elementMatchesText, elementText, everyElement, isHiddenForAria, isVisible, labelsOf, mayBeNamed, needleOf, normalizeWhiteSpace, parentElementOrShadowHost, roleOf } from "./dom.js";

// -- matchers ----------------------------------------------------------------------------------------------------

/** A regular expression as Python hands it to Playwright: {source, flags}. */
export const isPattern = (m) => !!m && typeof m === "object" && typeof m.source === "string";
const regex = (m) => new RegExp(m.source, m.flags || "");

/** get_by_text / get_by_label / has_text: {kind, test(elementText)}, as createTextMatcher(…, internal=true). */
export function textMatcher(value, exact) {
  if (isPattern(value)) {
    const re = regex(value);
    return { kind: "regex", test: (t) => ((re.lastIndex = 0), re.test(t.full)) };
  }
  const wanted = normalizeWhiteSpace(value);
  if (exact) return { kind: "strict", test: (t) => t.normalized === wanted };
  const lower = wanted.toLowerCase();
  return { kind: "lax", test: (t) => t.normalized.toLowerCase().includes(lower) };
}

/** get_by_placeholder / alt / title / test id: an attribute's raw value. */
function attributeMatcher(value, exact) {
  if (isPattern(value)) {
    const re = regex(value);
    return (s) => ((re.lastIndex = 0), re.test(s));
  }
  if (exact) return (s) => s === value;
  const lower = value.toLowerCase();
  return (s) => s.toLowerCase().includes(lower);
}

/** A role's name: the accessible name with white space collapsed; loose means a case-blind part of it. */
function nameMatcher(value, exact) {
  if (isPattern(value)) {
    const re = regex(value);
    return (s) => ((re.lastIndex = 0), re.test(s));
  }
  const wanted = normalizeWhiteSpace(value);
  if (exact) return (s) => s === wanted;
  const upper = wanted.toUpperCase();
  return (s) => s.toUpperCase().includes(upper);
}

// -- walking the tree ----------------------------------------------------------------------------------------------

/** A selector's every top-level part prefixed with `:scope `: its ancestors are then looked for inside the scope
 * only, as Playwright's CSS engine looks for them when a chain searches inside an element. */
function scoped(css) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    const ch = css[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(css.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(css.slice(start));
  return parts.map((part) => `:scope ${part.trim()}`).join(", ");
}

/** Elements under root (not root itself), open shadow roots included: light DOM first, as Playwright's _queryCSS. */
export function queryAll(root, css) {
  let found = [];
  const inScope = root.nodeType === 1 ? scoped(css) : css;
  const visit = (r) => {
    found = found.concat([...r.querySelectorAll(r === root ? inScope : css)]);
    if (r.shadowRoot) visit(r.shadowRoot);
    for (const el of r.querySelectorAll("*")) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(root);
  return found;
}

const everything = (root) => everyElement(root, (r) => queryAll(r, "*"));

/** Elements in document order, shadow trees after their host's light children (Playwright's sortInDOMOrder). */
export function sortInDomOrder(elements) {
  const entries = new Map();
  const roots = [];
  const append = (el) => {
    let entry = entries.get(el);
    if (entry) return entry;
    const parent = parentElementOrShadowHost(el);
    if (parent) append(parent).children.push(el);
    else roots.push(el);
    entry = { children: [], taken: false };
    entries.set(el, entry);
    return entry;
  };
  for (const el of elements) append(el).taken = true;
  const result = [];
  const visit = (el) => {
    const entry = entries.get(el);
    if (entry.taken) result.push(el);
    if (entry.children.length > 1) {
      const wanted = new Set(entry.children);
      entry.children = [];
      for (let c = el.firstElementChild; c && entry.children.length < wanted.size; c = c.nextElementSibling) if (wanted.has(c)) entry.children.push(c);
      for (let c = el.shadowRoot ? el.shadowRoot.firstElementChild : null; c && entry.children.length < wanted.size; c = c.nextElementSibling) if (wanted.has(c)) entry.children.push(c);
    }
    entry.children.forEach(visit);
  };
  roots.forEach(visit);
  return result;
}

// -- locators: (root) => Element[] ----------------------------------------------------------------------------------

export function byText(value, exact) {
  const m = textMatcher(value, exact);
  return (root) => {
    const result = [];
    let lastMiss = null;
    const consider = (el) => {
      if (m.kind === "lax" && lastMiss && lastMiss.contains(el)) return;
      const matches = elementMatchesText(el, m.test);
      if (matches === "none") lastMiss = el;
      if (matches === "self") result.push(el);
    };
    if (root.nodeType === 1) consider(root);
    for (const el of everything(root)) consider(el);
    return result;
  };
}

/** get_by_role; `words`, when given, are what the name is made from (the target's words), for a cheap first test. */
export function byRole(role, name, exact, words) {
  return byRoles([role], name, exact, words);
}

/** get_by_role(r1).or_(get_by_role(r2))…: the same elements, in document order, in one walk of the page. */
export function byRoles(roles, name, exact, words) {
  const wanted = new Set(roles);
  const matches = name === undefined || name === null ? null : nameMatcher(name, exact);
  const needle = matches && words != null ? needleOf(words) : "";
  return (root) =>
    everything(root).filter(
      (el) => wanted.has(roleOf(el)) && (!needle || mayBeNamed(el, needle)) && !isHiddenForAria(el) && (!matches || matches(accessibleName(el))),
    );
}

export function byLabel(value, exact) {
  const m = textMatcher(value, exact);
  return (root) => everything(root).filter((el) => labelsOf(el).some((label) => m.test(label)));
}

export function byAttribute(name, value, exact) {
  const matches = attributeMatcher(value, exact);
  return (root) => queryAll(root, `[${name}]`).filter((el) => matches(el.getAttribute(name)));
}

export function byTestId(attribute, value) {
  return byAttribute(attribute, value, true);
}

export function byCss(css) {
  return (root) => queryAll(root, css);
}

/** XPath from the root (a path from "/" is made relative to an element root, as Playwright does). */
export function byXPath(expression) {
  return (root) => {
    const doc = root.nodeType === 9 ? root : root.ownerDocument;
    const expr = expression.startsWith("/") && root.nodeType !== 9 ? "." + expression : expression;
    const found = [];
    const it = doc.evaluate(expr, root, null, XPathResult.ORDERED_NODE_ITERATOR_TYPE, null);
    for (let node = it.iterateNext(); node; node = it.iterateNext()) if (node.nodeType === 1) found.push(node);
    return found;
  };
}

/** a.and_(b): the elements both find, in b's order (Playwright's internal:and filters b's by a's). */
export const and = (a, b) => (root) => {
  const first = new Set(a(root));
  return b(root).filter((el) => first.has(el));
};

export const or = (a, b) => (root) => sortInDomOrder([...new Set([...a(root), ...b(root)])]);

/** a.locator(b): b searched inside each element a finds. */
export const chain = (a, b) => (root) => {
  const found = new Set();
  for (const inner of a(root)) for (const el of b(inner)) found.add(el);
  return [...found];
};

/** a.filter(has=b). */
export const has = (a, b) => (root) => a(root).filter((el) => b(el).length > 0);

export const visible = (a) => (root) => a(root).filter(isVisible);

export const where = (a, keep) => (root) => a(root).filter(keep);

export const hasText = (a, value) => {
  const m = textMatcher(value, false);
  return (root) => a(root).filter((el) => m.test(elementText(el)));
};

export const nth = (a, index) => (root) => {
  const all = a(root);
  const el = index < 0 ? all[all.length + index] : all[index];
  return el ? [el] : [];
};

/** Whether an element is inside one matching `selector` (crossing shadow roots, as `:is(selector) *` pierces).
 * Within a root element, Playwright's CSS engine looks at the ancestors inside that root only. */
export function inside(el, selector, root = null) {
  for (let p = parentElementOrShadowHost(el); p && p !== root; p = parentElementOrShadowHost(p)) if (p.matches(selector)) return true;
  return false;
}
