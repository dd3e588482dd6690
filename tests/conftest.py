"""Shared fixtures: one real browser per test session, a fresh context per test."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from guidedflows.browser import inpage
from guidedflows.browser.session import find_browser
from helpers import StaticSite

TEST_PAGES = Path(__file__).parent / "executor" / "pages"
# A test using any of these drives a real browser: it is marked `browser`, so `pytest -m "not browser"` is the fast
# loop (issue 15). Tests that start one another way (the CLI, a subprocess) carry the mark themselves.
BROWSER_FIXTURES = frozenset({"playwright_instance", "browser_choice", "browser", "context", "page"})


def pytest_configure(config) -> None:
    # The Ctrl-C tests send SIGINT as a terminal does and expect a program with the default disposition. A suite run
    # as a background job (`cmd &` in a script: scripts/fresh-machine, a CI runner) starts with SIGINT ignored, which
    # every child would inherit; a handled signal is reset to the default in a child instead.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        inpage.register(pw)  # as BrowserSession and the pytest plugin do: targets found by the in-page search
        yield pw


@pytest.fixture(scope="session")
def browser_choice(playwright_instance):
    return find_browser(pw=playwright_instance)


@pytest.fixture(scope="session")
def browser(playwright_instance, browser_choice):
    browser = playwright_instance.chromium.launch(
        executable_path=browser_choice.path, args=browser_choice.launch_args, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(5000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def site():
    """Small test pages (tests/executor/pages) served on loopback."""
    with StaticSite(TEST_PAGES) as served:
        yield served.url
