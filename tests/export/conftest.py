"""Fixtures for the exported tour: the store, tour.js for given flows, and a page with it (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidedflows.export import tour_script
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


def pytest_terminal_summary(terminalreporter):
    """One line saying how many targets the tour and check mode were compared on, and how they came out."""
    from collections import Counter

    from export.sameness import SEEN

    if not SEEN:
        return
    outcomes = Counter(c.python.split(":")[0] for c in SEEN)
    flows = {c.where.split(" step ")[0] for c in SEEN if " step " in c.where}
    disagreeing = sum(not c.agree for c in SEEN)
    terminalreporter.write_line(
        f"tour vs check mode: {len(SEEN)} targets compared ({', '.join(f'{n} {k}' for k, n in sorted(outcomes.items()))}), "
        f"{len(flows)} flows walked, {disagreeing} disagreement{'s' if disagreeing != 1 else ''}"
    )


TOUR_PATH = "/guidedflows-tour.js"


def include_tour(context, script: str) -> None:
    """Serve the site as its owner would after adding `<script src="/guidedflows-tour.js">` to every page's <head>
    (the wallet's iframe included), and serve that file: the tour runs only as the page's own script."""

    def handle(route):
        request = route.request
        if request.url.split("?")[0].endswith(TOUR_PATH):
            return route.fulfill(status=200, content_type="text/javascript", body=script)
        if request.resource_type != "document":
            return route.continue_()
        response = route.fetch()
        html = response.text()
        tag = f'<script src="{TOUR_PATH}"></script>'
        html = html.replace("<head>", "<head>" + tag, 1) if "<head>" in html else tag + html
        return route.fulfill(response=response, body=html)

    context.route("**/*", handle)


@pytest.fixture
def visitor(browser):
    """visitor(flows) → a page of a fresh browser context (a first visit: cookie banner and all) whose site includes
    tour.js for `flows`; the test plays the person with mouse and keyboard only."""
    contexts = []

    def open_site(flows, site: str | None = None, *, csp: str | None = None):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(10_000)
        include_tour(context, tour_script(list(flows), site))
        contexts.append(context)
        return context.new_page()

    yield open_site
    for context in contexts:
        context.close()
