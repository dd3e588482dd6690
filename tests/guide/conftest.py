"""Guide-mode tests play the person: the guide runs as `guidedflows guide --cdp` in its own process, attached to a
browser this test owns, and the test clicks, types and presses keys in that browser the way a person would."""

from __future__ import annotations

import pytest

from guidedflows.storefront import Storefront
from person import Person, forget, person_browser, start_guide  # noqa: F401 (a fixture shared with tests/realworld)


@pytest.fixture(scope="session")
def storefront():
    with Storefront() as store:
        yield store.url


@pytest.fixture
def guide(person_browser, storefront):  # noqa: F811
    """guide(flow_path, *args) starts `guidedflows guide` on the person's tab; yields a Person."""
    context, cdp = person_browser
    started: list[Person] = []

    def start(flow, *args: str, base_url: str | None = None) -> Person:
        forget(context, storefront, base_url or storefront)
        person = start_guide(context, cdp, flow, base_url or storefront, *args)
        started.append(person)
        return person

    yield start
    for person in started:
        if person.process.poll() is None:
            person.process.kill()
            person.process.communicate()
