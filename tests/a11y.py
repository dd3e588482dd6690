"""axe-core over the guide's overlay, for the tests (issue 16): axe.min.js comes from the PyPI package
axe-playwright-python (the `test` extra), so nobody needs Node; it is injected into the page as it is.

Two runs, because axe builds the grid it measures colours with from <body> down (createGrid) and the overlay's host
hangs from <html>, outside <body>: every rule runs on the real overlay (axe follows its open shadow root), and
colour contrast runs on an exact copy of the overlay's shadow tree (same nodes, same inline positions, the same
adopted stylesheet) put in <body> for that run and removed after it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

HOST = "guidedflows-overlay"
COPY = "gf-axe-copy"


@cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def axe_version(page) -> str:
    inject(page)
    return page.evaluate("() => axe.version")


def inject(page) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())


RUN = """async ([host, copy]) => {
  const pick = (results) => results.map((r) => ({id: r.id, impact: r.impact, nodes: r.nodes.map((n) => ({
      target: n.target, html: n.html, summary: n.failureSummary || (n.any[0] && n.any[0].message) || ""}))}));
  const options = {rules: {"label-content-name-mismatch": {enabled: true}}, resultTypes: ["violations", "incomplete"]};
  const all = await axe.run({include: [[host]]}, {...options, rules: {...options.rules, "color-contrast": {enabled: false}}});
  const original = document.querySelector(host);
  const twin = document.createElement(copy);
  twin.attachShadow({mode: "open"});
  twin.shadowRoot.adoptedStyleSheets = original.shadowRoot.adoptedStyleSheets;
  for (const child of original.shadowRoot.children) twin.shadowRoot.append(child.cloneNode(true));
  document.body.append(twin);
  let contrast;
  try {
    contrast = await axe.run({include: [[copy]]}, {runOnly: {type: "rule", values: ["color-contrast"]}, resultTypes: ["violations", "incomplete", "passes"]});
  } finally {
    twin.remove();
  }
  return {
    violations: [...pick(all.violations), ...pick(contrast.violations)],
    incomplete: [...pick(all.incomplete), ...pick(contrast.incomplete)],
    rules_passed: all.passes.map((r) => r.id),
    contrast_checked: contrast.passes.reduce((n, r) => n + r.nodes.length, 0) + contrast.violations.reduce((n, r) => n + r.nodes.length, 0),
  };
}"""


def axe_overlay(page) -> dict:
    """axe's findings on the overlay: {violations, incomplete, rules_passed, contrast_checked (text nodes measured)}."""
    inject(page)
    return page.evaluate(RUN, [HOST, COPY])


def describe(findings: list) -> str:
    return "\n".join(f"{f['id']} ({f['impact']}): {n['target']} {n['summary']}" for f in findings for n in f["nodes"])


NAMES = """(host) => {
  const root = document.querySelector(host).shadowRoot;
  axe.setup(document);
  try {
    return [...root.querySelectorAll("button, a[href]")].filter((b) => b.getClientRects().length > 0).map((b) => ({
      label: b.innerText.trim(), name: axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(b)).trim()}));
  } finally {
    axe.teardown();
  }
}"""


def control_names(page) -> list[dict]:
    """Every visible control of the overlay: its visible label and its accessible name (as axe computes it)."""
    inject(page)
    return page.evaluate(NAMES, HOST)
