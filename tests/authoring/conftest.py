"""A browser like the person's own (reachable over CDP) and the storefront, for the recording tests."""

from __future__ import annotations

import pytest

from guidedflows.storefront import Storefront
from person import person_browser  # noqa: F401 (the person's own browser, reachable over CDP: tests/person.py)


@pytest.fixture(scope="session")
def storefront():
    with Storefront() as store:
        yield store.url
