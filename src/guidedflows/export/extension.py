"""`export --format extension`: a Chrome (Manifest V3) extension folder that injects tour.js on the flows' site,
for sites you cannot change (load it unpacked from chrome://extensions). Its toolbar button starts the first flow;
a `#guidedflows=ID` link starts any of them."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from ..flow.model import Flow

POPUP = """<!doctype html>
<meta charset="utf-8">
<title>guidedflows</title>
<link rel="stylesheet" href="popup.css">
<h1>Guides</h1>
<ul id="flows"></ul>
<script src="popup.js"></script>
"""
POPUP_CSS = """body { font: 14px system-ui, sans-serif; margin: 12px; min-width: 240px; }
h1 { font-size: 15px; margin: 0 0 8px; }
ul { list-style: none; margin: 0; padding: 0; }
button { display: block; width: 100%; margin: 4px 0; padding: 6px 8px; text-align: left; cursor: pointer; }
"""
# Runs in the extension's popup: asks the tab's page (where tour.js runs, in the main world) to start a flow.
POPUP_JS = """const FLOWS = %s;
const list = document.getElementById("flows");
for (const flow of FLOWS) {
  const button = document.createElement("button");
  button.textContent = flow.title;
  button.addEventListener("click", async () => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, world: "MAIN", args: [flow.id],
      func: (id) => window.guidedflows && window.guidedflows.start(id) });
    window.close();
  });
  const item = document.createElement("li");
  item.append(button);
  list.append(item);
}
"""


def match_pattern(site: str | None) -> str:
    """The pages the extension runs on: the site's origin (every path), or every http(s) page without a site."""
    if not site:
        return "<all_urls>"
    parts = urlsplit(site)
    return f"{parts.scheme}://{parts.hostname}/*"


def manifest(flows: list[Flow], site: str | None) -> dict:
    pattern = match_pattern(site)
    titles = ", ".join(flow.title for flow in flows)
    return {
        "manifest_version": 3,
        "name": f"Guide: {flows[0].title}" if len(flows) == 1 else "Guides: " + titles,
        "version": "1.0",
        "description": ("Step-by-step guides, compiled by guidedflows from flows that CI checks: " + titles)[:132],
        "content_scripts": [{"matches": [pattern], "js": ["tour.js"], "run_at": "document_start", "all_frames": True, "world": "MAIN"}],
        "permissions": ["activeTab", "scripting"],
        "host_permissions": [pattern],
        "action": {"default_title": "Start a guide", "default_popup": "popup.html"},
    }


def write_extension(flows: list[Flow], out: Path, script: str, site: str | None) -> list[Path]:
    files = {
        "manifest.json": json.dumps(manifest(flows, site), indent=2) + "\n",
        "tour.js": script,
        "popup.html": POPUP,
        "popup.css": POPUP_CSS,
        "popup.js": POPUP_JS % json.dumps([{"id": f.id, "title": f.title} for f in flows], ensure_ascii=True).replace("<", "\\u003c"),
    }
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
