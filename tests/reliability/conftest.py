"""Shared pieces of the reliability and security battery (issue 9): small test pages on loopback, the storefront,
`guidedflows` run as a user runs it, and a guard that notices any script a hostile text managed to run."""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest

from guidedflows.storefront import Storefront
from helpers import Serving

PAGES = Path(__file__).parent / "pages"
TRUSTED_TYPES = "require-trusted-types-for 'script'"


class _Pages(http.server.SimpleHTTPRequestHandler):
    """tests/reliability/pages; under /tt/ the same files with a Trusted Types CSP, as strict sites send."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(PAGES), **kwargs)

    def translate_path(self, path):
        return super().translate_path(path.removeprefix("/tt"))

    def end_headers(self):
        if self.path.startswith("/tt/"):
            self.send_header("Content-Security-Policy", TRUSTED_TYPES)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def pages():
    """The test pages on a free loopback port; `/tt/NAME` serves NAME with `require-trusted-types-for 'script'`."""
    with Serving(_Pages) as site:
        yield site.url


@pytest.fixture(scope="session")
def storefront():
    with Storefront() as store:
        yield store.url
