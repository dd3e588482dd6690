"""The in-page overlay of guide, demo and docs modes: overlay.js with overlay.css embedded, for add_init_script.

The JavaScript contract (window.__guidedflows: render, spotlight, watch, unwatch, pointerTo, clear, nextEvent, state)
is documented at the top of overlay.js.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

__all__ = ["HOST_TAG", "OUTSIDE_OVERLAY", "overlay_script"]

HOST_TAG = "guidedflows-overlay"

# Playwright's locators pierce open shadow roots, so while the card is shown a search by text or role also finds the
# card's own text and buttons (the step's `say` text, "Next"). `locator.and_(frame.locator(OUTSIDE_OVERLAY))` keeps
# only the page's own elements.
OUTSIDE_OVERLAY = f"css=:not({HOST_TAG} *)"

# overlay.js holds this expression where the stylesheet goes; without the Python wrapper it is an empty stylesheet.
CSS_PLACEHOLDER = '/*@guidedflows-css*/ ""'


@lru_cache(maxsize=1)
def overlay_script() -> str:
    """The script to give `context.add_init_script` (or to evaluate in a page that is already open)."""
    package = resources.files("guidedflows.overlay")
    script = package.joinpath("overlay.js").read_text(encoding="utf-8")
    css = package.joinpath("overlay.css").read_text(encoding="utf-8")
    if CSS_PLACEHOLDER not in script:
        raise RuntimeError("overlay.js has lost its stylesheet placeholder " + CSS_PLACEHOLDER)
    # json.dumps escapes U+2028/U+2029 and quotes, so the CSS is one valid JavaScript string literal.
    return script.replace(CSS_PLACEHOLDER, json.dumps(css), 1)
