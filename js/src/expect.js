// Whether an `expect` step or a `when:` condition holds on the page now: what check mode asserts (driver.py: _expect,
// unmet), judged once per look; the tour looks again until it holds.

import { absent, allMatches, documentsOf, everyMatch, locate } from "./locate.js";
import { isVisible, normalizeWhiteSpace } from "./dom.js";

/** `http://host/shop` + `/cards` → `http://host/shop/cards`; a full URL as is (urls.py: join_url). */
export function joinUrl(base, where) {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(where)) return where;
  return base.replace(/\/+$/, "") + "/" + where.replace(/^\/+/, "");
}

/** A predicate on a URL: a full URL, a /path after the base path, or a #fragment (urls.py: url_matcher). */
export function urlMatcher(base, expected) {
  if (expected.startsWith("#")) return (actual) => "#" + new URL(actual).hash.slice(1) === expected;
  if (expected.startsWith("/")) {
    const basePath = new URL(base).pathname.replace(/\/+$/, "");
    return (actual) => {
      const u = new URL(actual);
      if (!u.pathname.startsWith(basePath)) return false;
      const rest = (u.pathname.slice(basePath.length) || "/") + u.search + u.hash;
      return rest === expected;
    };
  }
  return (actual) => actual === expected;
}

/** Python's regular expressions, as far as JavaScript can follow them (as the overlay compiles `accept`). */
export function pythonRegex(source) {
  let s = source;
  let flags = "";
  const inline = /^\(\?([aiLmsux]+)\)/.exec(s);
  if (inline) {
    s = s.slice(inline[0].length);
    for (const f of "ims") if (inline[1].includes(f)) flags += f;
  }
  s = s.replace(/\(\?P</g, "(?<").replace(/\(\?P=(\w+)\)/g, "\\k<$1>").replace(/\\Z/g, "$").replace(/\\A/g, "^");
  try {
    return new RegExp(s, flags);
  } catch (_) {
    return null;
  }
}

const textOf = (el) => normalizeWhiteSpace(el.textContent || "");

function checkedOf(el) {
  if (el.tagName === "INPUT") return el.checked;
  const aria = el.getAttribute("aria-checked");
  return aria === null ? null : aria === "true";
}

function enabledOf(el) {
  if ("disabled" in el && el.disabled) return false;
  for (let a = el; a; a = a.parentElement) if (a.getAttribute("aria-disabled") === "true") return false;
  return true;
}

/** The elements a target finds for `count:` and lists of texts: in the first document where it finds any. */
function matchesOf(target, doc, options) {
  for (const d of documentsOf(doc, target)) {
    const found = allMatches(target, d, options);
    if (found && found.length) return found;
  }
  return [];
}

/** Whether `expect` holds now. `base`: the site's base URL. */
export function expectationHolds(step, doc, base, options = {}) {
  const e = step.expect || {};
  const target = step.target;
  const win = doc.defaultView;
  if (target.kind === "page") {
    if (e.url != null && !urlMatcher(base, e.url)(win.location.href)) return false;
    if (e.title != null && doc.title !== e.title) return false;
    return true;
  }
  if (e.visible === false || e.count === 0) return absent(target, doc, options).filter(isVisible).length === 0;
  if (e.count != null || Array.isArray(e.text)) {
    const found = matchesOf(target, doc, options);
    if (e.count != null && found.length !== e.count) return false;
    if (Array.isArray(e.text)) {
      if (found.length !== e.text.length) return false;
      return found.every((el, i) => textOf(el) === normalizeWhiteSpace(e.text[i]));
    }
    return true;
  }
  const result = locate(target, doc, options);
  if (result.status !== "found") return false;
  const el = result.element;
  const asked = Object.keys(e).length > 0;
  if ((e.visible || !asked) && !isVisible(el)) return false;
  if (e.text != null && textOf(el) !== normalizeWhiteSpace(e.text)) return false;
  if (e.contains != null && !textOf(el).includes(normalizeWhiteSpace(e.contains))) return false;
  if (e.matches != null) {
    const re = pythonRegex(e.matches);
    if (re && !re.test(textOf(el))) return false;
  }
  if (e.value != null && el.value !== e.value) return false;
  if (e.checked != null && checkedOf(el) !== e.checked) return false;
  if (e.enabled != null && enabledOf(el) !== e.enabled) return false;
  return true;
}

/** Whether a `when:` condition holds now (driver.py: _unmet_now). */
export function conditionHolds(condition, doc, base, options = {}) {
  if (condition.kind === "url") return urlMatcher(base, condition.url)(doc.defaultView.location.href);
  const target = condition.target;
  let shown = 0;
  for (const d of documentsOf(doc, target)) {
    const found = condition.kind === "hidden" ? absent(target, d, options) : everyMatch(target, d, options);
    shown += found.filter(isVisible).length;
  }
  return condition.kind === "visible" ? shown > 0 : shown === 0;
}
