// The texts a person can read on the page: accessible names of controls, labels, placeholders, alt texts and
// short visible text runs. Used to name "the closest texts" when a target is not found (flow-format.md, Targets).
(root) => {
  const texts = new Set();
  const add = (text) => {
    const t = (text || "").replace(/\s+/g, " ").trim();
    if (t && t.length <= 80) texts.add(t);
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
  };
  const walk = (scope) => {
    for (const el of scope.querySelectorAll("*")) {
      if (el.tagName === "GUIDEDFLOWS-OVERLAY") continue;
      if (el.shadowRoot) walk(el.shadowRoot);
      if (!visible(el)) continue;
      add(el.getAttribute("aria-label"));
      add(el.getAttribute("placeholder"));
      add(el.getAttribute("alt"));
      add(el.getAttribute("title"));
      for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE) add(node.textContent);
      if (["BUTTON", "A", "LABEL", "OPTION", "SUMMARY"].includes(el.tagName)) add(el.innerText);
    }
  };
  walk(root || document);
  return [...texts].slice(0, 2000);
}
