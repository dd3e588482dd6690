// The texts a person can read on a page, to name "the closest texts" when a target is not found, and, for texts that
// say the wanted words (`wanted`, already normalised by words.normalised on the Python side), why they did not match.
// Texts are the words elements have (textContent), not how CSS draws them (text-transform), so a text copied from
// here into a flow matches. Tooltips (title) and names given by aria-label count too: a person sees or hears them.
([wanted, action]) => {
  const collapse = (text) => (text || "").replace(/\s+/g, " ").trim();
  const fold = (text) => collapse(text)
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\u2026/g, "...")
    .replace(/(?:\s*(?::|\*|(?<!\.)\.(?!\.)|\(required\)))+\s*$/i, "").toLowerCase();
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.visibility !== "collapse";
  };
  const FIELDS = {
    fill: "input:not([type=button],[type=submit],[type=reset],[type=checkbox],[type=radio],[type=file],[type=image],[type=hidden]), textarea, [contenteditable], [role=textbox], [role=searchbox], [role=combobox], [role=spinbutton]",
    check: "input[type=checkbox], input[type=radio], [role=checkbox], [role=radio], [role=switch]",
    uncheck: "input[type=checkbox], [role=checkbox], [role=switch]",
    select: "select, [role=combobox], [role=listbox]",
  };
  const WANTS = {
    fill: "a field you can type into", check: "a checkbox or radio button", uncheck: "a checkbox", select: "a list to choose from",
  };
  const describe = (el) => {
    const role = el.getAttribute("role");
    if (role) return role;
    if (el.localName === "a") return "link";
    if (el.localName === "input") return `${el.type} field`.replace("submit field", "button").replace("button field", "button");
    return { button: "button", select: "list", textarea: "text area", label: "label", img: "image" }[el.localName] || `<${el.localName}>`;
  };
  // The control a person would use to show a hidden element: the button that controls it (aria-controls), the
  // <summary> of a closed <details>, or a collapsed toggle just before its hidden container.
  const opener = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      if (node.localName === "details" && !node.open) {
        const summary = node.querySelector(":scope > summary");
        if (summary) return collapse(summary.textContent);
      }
      if (node.id) {
        const control = document.querySelector(`[aria-controls~="${CSS.escape(node.id)}"]`);
        if (control && visible(control)) return collapse(control.getAttribute("aria-label") || control.textContent);
      }
      const toggle = node.previousElementSibling;
      if (toggle && toggle.matches("[aria-expanded=false]") && visible(toggle) && !visible(node)) {
        return collapse(toggle.getAttribute("aria-label") || toggle.textContent);
      }
    }
    return null;
  };
  const why = (el) => {
    if (!visible(el)) {
      const open = opener(el);
      return open ? `it is hidden until "${open}" is opened` : "it is not visible (hidden)";
    }
    if (el.closest(":disabled, [aria-disabled=true]")) return "it is disabled";
    if (el.localName === "label" && !el.control) {
      if (FIELDS[action]) return "it is a <label> that is not connected to any field (no for= and no field inside it)";
      return null;
    }
    const field = el.localName === "label" && el.control ? el.control : el;
    if (FIELDS[action] && !field.matches(FIELDS[action])) return `it is a ${describe(field)}, not ${WANTS[action]}`;
    return null;
  };
  const entries = new Map();  // text → {text, visible, why}
  const add = (text, el, shown) => {
    const t = collapse(text);
    if (!t || t.length > 120) return;
    const entry = entries.get(t) || { text: t, visible: false, why: null };
    entry.visible = entry.visible || shown;
    if (!entry.why && wanted && fold(t) === wanted) entry.why = why(el);
    entries.set(t, entry);
  };
  const walk = (scope) => {
    for (const el of scope.querySelectorAll("*")) {
      if (el.localName === "guidedflows-overlay" || el.closest("script, style, template, noscript")) continue;
      if (el.shadowRoot) walk(el.shadowRoot);
      const shown = visible(el);
      const named = el.getAttribute("aria-label");
      if (named) add(named, el, shown);
      add(el.getAttribute("title"), el, shown);
      add(el.getAttribute("placeholder"), el, shown);
      add(el.getAttribute("alt"), el, shown);
      if (el.localName === "input" && /^(submit|button|reset)$/.test(el.type)) add(el.value, el, shown);
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (hasText) add(el.textContent, el, shown);
    }
  };
  walk(document);
  return [...entries.values()].slice(0, 3000);
}
