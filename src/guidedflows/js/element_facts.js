// For one of several elements that matched a target, the facts needed to write a precise target for it: its own
// test id, the nearest ancestor with a unique test id, the nearest container a person would name (a row, a list
// item, a group, a dialog, a form…) with the lines of text it shows, and the words right next to the element.
(el, testIdAttribute) => {
  const attr = testIdAttribute || "data-testid";
  const root = el.getRootNode();
  const unique = (value) => root.querySelectorAll(`[${attr}="${CSS.escape(value)}"]`).length === 1;
  const collapse = (text) => (text || "").replace(/\s+/g, " ").trim();
  const shown = (node) => {
    const r = node.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(node).visibility !== "hidden";
  };
  const own = el.getAttribute(attr);
  let withinTestid = null;
  for (let node = el.parentElement; node && !withinTestid; node = node.parentElement) {
    const value = node.getAttribute(attr);
    if (value && unique(value)) withinTestid = value;
  }
  // The container: what codegen would filter with has_text (a row, a list item, a fieldset, a dialog, a form…).
  const CONTAINERS = "li, tr, fieldset, dialog, form, article, section, [role=row], [role=listitem], [role=group], " +
    "[role=dialog], [role=alertdialog], [role=form], [role=region], [role=article], [role=tabpanel], [role=gridcell]";
  const container = el.parentElement && el.parentElement.closest(CONTAINERS);
  let lines = [];
  let containerRole = null;
  if (container) {
    const named = container.hasAttribute("aria-label") || container.hasAttribute("aria-labelledby");
    const implicit = { li: "listitem", tr: "row", fieldset: "group", dialog: "dialog", article: "article" };
    containerRole = container.getAttribute("role") || implicit[container.localName] ||
      (named && { form: "form", section: "region" }[container.localName]) || null;
    lines = (container.innerText || "").split("\n").map(collapse).filter((line) => line && line.length <= 60);
  }
  // The words right next to the element: the nearest text before it among its own and its parents' siblings.
  let near = null;
  for (let node = el; node && node !== document.body && !near; node = node.parentElement) {
    for (let sibling = node.previousSibling; sibling && !near; sibling = sibling.previousSibling) {
      if (sibling.nodeType === Node.ELEMENT_NODE && !shown(sibling)) continue;
      const text = collapse(sibling.textContent);
      if (text) near = text.length > 60 ? "…" + text.slice(-57) : text;
    }
  }
  return {
    testid: own && unique(own) ? own : null,
    within_testid: withinTestid,
    container_role: containerRole,
    container_lines: lines.slice(0, 12),
    near,
    tag: el.localName,
  };
}
