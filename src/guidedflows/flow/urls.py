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


WEB_SCHEMES = ("http", "https")
BLANK = "about:blank"


def where_problem(where: str) -> str | None:
    """Why `start`/`goto` cannot open `where`, or None: a path under the base URL, an http(s) URL or about:blank.

    `file:` would put a local file (credentials, keys) into every report; `javascript:` and `data:` run or show
    what the flow says instead of a site (issue 12).
    """
    if not ABSOLUTE.match(where) or where == BLANK:
        return None
    return web_url_problem(where)


def web_url_problem(url: str) -> str | None:
    """Why `url` is not a full http(s) URL with a host, or None."""
    scheme = url.split(":", 1)[0].lower() if ABSOLUTE.match(url) else ""
    if scheme not in WEB_SCHEMES:
        return f'it starts with "{scheme}:", not http:// or https://' if scheme else "it does not start with http:// or https://"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it: a port past 65535 or not a number raises
    except ValueError as exc:
        return f"it is not a valid URL ({exc})"
    if not parts.hostname:
        return "it has no host name"
    return None
