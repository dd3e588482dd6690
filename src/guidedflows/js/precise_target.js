// For one of several elements that matched a target, the facts needed to write a precise target for it:
// its own test id, the nearest ancestor with a test id unique in the document, or a distinctive ancestor text.
(el, testIdAttribute) => {
  const attr = testIdAttribute || "data-testid";
  const unique = (value) => document.querySelectorAll(`[${attr}="${CSS.escape(value)}"]`).length === 1;
  const own = el.getAttribute(attr);
  let ancestor = null;
  for (let node = el.parentElement; node && !ancestor; node = node.parentElement) {
    const value = node.getAttribute(attr);
    if (value && unique(value)) ancestor = value;
  }
  // A short line of text from the nearest ancestor that says more than the element itself, e.g. the card's name
  // beside its "Remove" button.
  let context = null;
  const ownText = (el.innerText || "").trim();
  for (let node = el.parentElement; node && !context && node !== document.body; node = node.parentElement) {
    const lines = (node.innerText || "").split("\n").map((l) => l.trim()).filter((l) => l && l !== ownText);
    if (lines.length) context = lines[0].slice(0, 60);
  }
  return {
    testid: own && unique(own) ? own : null,
    within_testid: ancestor,
    context,
    tag: el.tagName.toLowerCase(),
    text: ownText.slice(0, 60),
    html: el.outerHTML.replace(/>[\s\S]*$/, ">").slice(0, 120),
  };
}
