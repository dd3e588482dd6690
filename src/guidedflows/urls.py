"""Joining paths to the base URL the way the spec says (appended, so a site under a prefix works), and URL checks."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def join_url(base_url: str, where: str) -> str:
    """`http://host/shop` + `/cards` → `http://host/shop/cards`; a full URL is used as is.

    Playwright resolves `/path` against the origin; our spec appends to the base path, like Cypress.
    """
    if ABSOLUTE.match(where):
        return where
    return base_url.rstrip("/") + "/" + where.lstrip("/")


def url_matcher(base_url: str, expected: str):
    """A predicate for `expect: page` + `url:`: a full URL, a /path after the base path, or a #fragment."""
    if expected.startswith("#"):
        return lambda actual: "#" + urlsplit(actual).fragment == expected
    if expected.startswith("/"):
        base_path = urlsplit(base_url).path.rstrip("/")

        def after_base(actual: str) -> bool:
            parts = urlsplit(actual)
            if not parts.path.startswith(base_path):
                return False
            rest = parts.path[len(base_path) :] or "/"
            rest += f"?{parts.query}" if parts.query else ""
            rest += f"#{parts.fragment}" if parts.fragment else ""
            return rest == expected

        return after_base
    return lambda actual: actual == expected
