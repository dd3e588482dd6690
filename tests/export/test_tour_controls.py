"""The tour's card as guide mode's (issue 17): "k of n", Back / Next / Skip / Exit by mouse and by keys, "Looking for
…" then a clear card for a target that is missing or several, progress kept across a reload, `goto` and a start page
the person is not on as cards with the link, started by the site's own script or a link, several flows in one file.
The person uses mouse and keyboard only; the tour is only read."""

from __future__ import annotations

from pathlib import Path

import pytest

from export.visitor import Visitor
from guidedflows.flow.loader import load_flow
from helpers import StaticSite, write_flow

PAGES = Path(__file__).parent / "pages"
CONTROLS = """\
flow: Controls
start: /tour.html
steps:
  - click: First
  - click: Second
  - note: Read this, then press **Next**.
  - click: Twin
    timeout: 1s
  - click: Not there
    timeout: 1s
  - goto: /next.html
  - click: Done here
"""
ELSEWHERE = """\
flow: Elsewhere
start: /next.html
steps:
  - click: Done here
"""


@pytest.fixture(scope="module")
def site():
    with StaticSite(PAGES) as served:
        yield served.url


@pytest.fixture
def two_flows(tmp_path):
    return [load_flow(write_flow(tmp_path, CONTROLS, "controls.yaml")), load_flow(write_flow(tmp_path, ELSEWHERE, "elsewhere.yaml"))]


def test_the_card_moves_by_the_person_and_says_what_it_cannot_find(visitor, site, two_flows):
    page = visitor(two_flows)
    person = Visitor(page)
    page.goto(site + "/tour.html")
    page.get_by_role("button", name="Show me how").click()  # the site's own script calls guidedflows.start()

    person.at("1 of 7")
    person.spotlit(page.get_by_role("button", name="First"))
    page.keyboard.press("ArrowRight")  # → is Next
    person.at("2 of 7")
    person.press_card_button("Back")
    person.at("1 of 7")
    page.get_by_role("button", name="First").click()
    person.at("2 of 7")
    page.get_by_role("button", name="Second").click()

    state = person.at("3 of 7")
    assert state["body"] == "Read this, then press Next."
    page.reload()  # the tour keeps its place across page loads
    person.at("3 of 7")
    person.press_card_button("Next")

    state = person.at("4 of 7", status="missing")  # two buttons read "Twin": the card says so, and waits
    assert state["message"] == "I found 2 elements that could be Twin, and can't tell which one you mean."
    assert state["spotlight"] is None
    person.press_card_button("Skip")

    state = person.at("5 of 7", status="looking")
    assert state["message"] == "Looking for Not there…"
    state = person.at("5 of 7", status="missing")  # after the step's timeout (1 s)
    assert state["message"] == "I can't find Not there on this page."
    person.press_card_button("Next")

    state = person.at("6 of 7")  # goto: a card with the link; the tour goes on when the page opens
    page.locator("guidedflows-overlay").get_by_role("link", name="Go there").click()
    person.at("7 of 7")
    assert page.url.endswith("/next.html")
    page.get_by_role("button", name="Done here").click()
    person.at("7 of 7", status="finished")
    page.keyboard.press("Escape")  # Esc is Exit
    page.wait_for_function("() => window.__guidedflows.state().card === null")
    page.reload()
    page.wait_for_function("() => !!window.guidedflows")
    assert page.evaluate("() => window.guidedflows.state()") is None  # exited: nothing comes back


def test_a_link_starts_a_tour_and_a_card_leads_to_its_start_page(visitor, site, two_flows):
    page = visitor(two_flows)
    person = Visitor(page)
    page.goto(site + "/tour.html")
    assert page.evaluate("() => window.guidedflows.flows().map(f => f.id)") == ["controls", "elsewhere"]  # one file
    page.get_by_role("link", name="Start the other guide").click()  # #guidedflows=elsewhere
    state = person.at("Before you start")
    assert "This guide starts on another page" in state["body"]
    assert "#guidedflows" not in page.url  # the link's mark is taken off the address once read
    page.locator("guidedflows-overlay").get_by_role("link", name="open it").click()
    person.at("1 of 1")
    person.spotlit(page.get_by_role("button", name="Done here"))
    page.get_by_role("button", name="Done here").click()
    person.at("1 of 1", status="finished")
    person.press_card_button("Exit")


NEW_TAB = """\
flow: New tab
start: /tour.html
steps:
  - click: Open the next page
  - click: Done here
"""


def test_a_tab_opened_by_a_plain_link_goes_on_with_the_tour(visitor, site, tmp_path):
    """target=_blank means noopener: the new tab gets no copy of sessionStorage, yet the tour goes on there, and the
    tab it came from stands aside."""
    page = visitor([load_flow(write_flow(tmp_path, NEW_TAB, "new-tab.yaml"))])
    person = Visitor(page)
    page.goto(site + "/tour.html#guidedflows=new-tab")
    person.at("1 of 2")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open the next page").click()
    tab = opened.value
    assert person.page is tab
    person.at("2 of 2")
    person.spotlit(tab.get_by_role("button", name="Done here"))
    page.wait_for_function("() => window.__guidedflows.state().body.startsWith('The guide goes on in the tab that opened')")
    tab.get_by_role("button", name="Done here").click()
    person.at("2 of 2", status="finished")


CLOSE_TAB = """\
flow: Close the tab
start: /tour.html
steps:
  - click: Open the next page
  - click: Done here
  - close: tab
  - click: First
"""


def test_closing_the_tab_hands_the_tour_back_to_the_one_before(visitor, site, tmp_path):
    page = visitor([load_flow(write_flow(tmp_path, CLOSE_TAB, "close-tab.yaml"))])
    person = Visitor(page)
    page.goto(site + "/tour.html#guidedflows=close-tab")
    person.at("1 of 4")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Open the next page").click()
    tab = opened.value
    person.at("2 of 4")
    tab.get_by_role("button", name="Done here").click()
    assert person.at("3 of 4")["body"] == "Close this tab."
    tab.close(run_before_unload=True)
    person.page = page
    person.at("4 of 4")
    person.spotlit(page.get_by_role("button", name="First"))


OPTIONAL = """\
flow: Optional
start: /tour.html
steps:
  - click: A promotion that is not there
    optional: true
  - click: First
"""


def test_an_optional_step_whose_target_does_not_come_is_passed_over(visitor, site, tmp_path):
    page = visitor([load_flow(write_flow(tmp_path, OPTIONAL, "optional.yaml"))])
    person = Visitor(page)
    page.goto(site + "/tour.html#guidedflows=optional")
    person.at("1 of 2", status="looking")
    person.at("2 of 2")  # after 2 s, as check mode skips it
    person.spotlit(page.get_by_role("button", name="First"))
