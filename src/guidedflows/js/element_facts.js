// For one of several elements that matched a target, the facts needed to write a precise target for it: its own
// test id, the nearest ancestor with a unique test id, the containers a person would name around it (a row, a list
// item, a list, a group, a dialog, a form…) each with the short lines of text it shows, the ancestors whose own words
// head them ("Suggested facets:"), and the words just before the element.
(el, testIdAttribute) => {
  const attr = testIdAttribute || "data-testid";
  const root = el.getRootNode();
  const unique = (value) => root.querySelectorAll(`[${attr}="${CSS.escape(value)}"]`).length === 1;
  const collapse = (text) => (text || "").replace(/\s+/g, " ").trim();
  const shown = (node) => {
    const r = node.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(node).visibility !== "hidden";
  };
  const wordy = (text) => /[\p{L}\p{N}]{2}/u.test(text);
  const own = el.getAttribute(attr);
  let withinTestid = null;
  for (let node = el.parentElement; node && !withinTestid; node = node.parentElement) {
    const value = node.getAttribute(attr);
    if (value && unique(value)) withinTestid = value;
  }
  // Containers, nearest first, with the role get_by_role knows them by.
  const IMPLICIT = {
    li: "listitem", tr: "row", ul: "list", ol: "list", fieldset: "group", details: "group", dialog: "dialog",
    article: "article", nav: "navigation", aside: "complementary", table: "table", menu: "list",
  };
  const NAMED = { form: "form", section: "region" };  // roles these have only when they are named
  const ownText = collapse(el.innerText || el.textContent);
  const containers = [];
  const headed = [];
  for (let node = el.parentElement; node && node !== document.body && containers.length < 4; node = node.parentElement) {
    const named = node.hasAttribute("aria-label") || node.hasAttribute("aria-labelledby");
    const role = (node.getAttribute("role") || "").split(/\s+/)[0] || IMPLICIT[node.localName] ||
      (named && NAMED[node.localName]) || null;
    if (role && !["presentation", "none", "generic"].includes(role)) {
      const lines = (node.innerText || "").split(/[\n\t]/).map(collapse)
        .filter((line) => line && line !== ownText && line.length <= 60 && wordy(line));
      containers.push({ role, lines: lines.slice(0, 20) });
    }
    // An ancestor whose own words (its direct text) head it: `within: "Suggested facets:"` finds it by its words.
    const direct = collapse([...node.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(" "));
    if (direct && wordy(direct) && direct.length <= 60 && headed.length < 2) headed.push(direct);
  }
  // The words just before the element: the nearest texts among its own and its parents' earlier siblings.
  const before = [];
  for (let node = el; node && node !== document.body && before.length < 4; node = node.parentElement) {
    for (let sibling = node.previousSibling; sibling && before.length < 4; sibling = sibling.previousSibling) {
      if (sibling.nodeType === Node.ELEMENT_NODE && !shown(sibling)) continue;
      const text = collapse(sibling.textContent);
      if (text && wordy(text)) before.push(text.length > 60 ? "…" + text.slice(-57) : text);
    }
  }
  return {
    testid: own && unique(own) ? own : null,
    within_testid: withinTestid,
    containers,
    headed,
    before,
    tag: el.localName,
  };
}
