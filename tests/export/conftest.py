"""Fixtures for the exported tour: the store, tour.js for given flows, and a page with it (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidedflows.export import tour_script
from export.visitor import include_tour
from guidedflows.storefront import Storefront

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def storefront():
    with Storefront() as store:
        yield store.url


@pytest.fixture
def tour_page(browser):
    """tour_page(flows, site=None) → a fresh page whose every document (and frame) runs tour.js for `flows`."""
    contexts = []

    def open_page(flows, site: str | None = None, viewport=(1280, 800)):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        context.set_default_timeout(10_000)
        context.add_init_script(tour_script(list(flows), site))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def visitor(browser):
    """visitor(flows) → a page of a fresh browser context (a first visit: cookie banner and all) whose site includes
    tour.js for `flows`; the test plays the person with mouse and keyboard only."""
    contexts = []

    def open_site(flows, site: str | None = None):
        """`flows`: the flows to export, or the path of a tour.js already exported."""
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(10_000)
        script = flows.read_text("utf-8") if isinstance(flows, Path) else tour_script(list(flows), site)
        include_tour(context, script)
        contexts.append(context)
        return context.new_page()

    yield open_site
    for context in contexts:
        context.close()
