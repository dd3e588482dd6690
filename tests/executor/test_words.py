"""Plain words the way a person writes them from the screen, on markup copied from real applications (issue 13):
tiers (exact, normalised, part), the action narrowing the search, true suggestions and helpful failures.

Every passing case fails if the fast path's one call did not find its element and the step fell back on the careful
search after a wait: no plain-words step waits on a fallback.
"""

from __future__ import annotations

import pytest

from guidedflows.browser import driver as driver_module
from guidedflows.browser import inpage

START = "flow: words\nstart: /words.html\nsteps:\n"


@pytest.fixture
def no_fallback(monkeypatch):
    def fell_back(driver, target):
        raise AssertionError(f"{target.spelled()} waited on the careful search")

    monkeypatch.setattr(driver_module.PageDriver, "fell_back", fell_back)


def log_is(text: str) -> str:
    return f"  - expect: {{testid: log}}\n    text: {text}\n"


PASSING = {
    "a label ending in a colon": ("  - fill: Username\n    value: ada\n  - press: Enter\n", "signed in as ada"),
    "a label ending in a star": ("  - fill: password\n    value: x\n", None),
    "a label ending in (required)": ("  - fill: Email address\n    value: a@b.c\n", None),
    "a typographic apostrophe": ("  - click: Yes, I'm sure\n", "sure"),
    "curly quotes and a link inside a sentence": ('  - expect: The user "bob" was changed successfully.\n', None),
    "part of a sentence": ("  - expect: Are you sure you want to delete the selected user?\n", None),
    "fill beside a button of the same name": ("  - fill: Search\n    value: bob\n", "typed bob"),
    "a select labelled with a colon": ("  - select: Action\n    value: Delete selected users\n", "action delete_selected"),
    "CSS capitals typed as shown": ("  - click: CHANGE PASSWORD\n", "password link"),
    "an icon link named by its title": ("  - click: Choose all groups\n", "chose all"),
    "a placeholder ending in an ellipsis": ("  - fill: Search pages...\n    value: x\n", "pages x"),
    "text in a label that labels nothing": ("  - expect: buy some cheese\n", None),
    "an exact match wins over a partial one": ("  - click: Save\n", "save"),
    "a tick inside a list item": (
        "  - check: {role: checkbox, within: {role: listitem, has_text: feed the cat}}\n", "ticked cat"
    ),
    "a rich-text editor beside the hidden input its label names": ("  - fill: Body\n    value: Hello\n", "body Hello"),
    "absent only when tiers 1-2 find nothing": ("  - expect: Save and\n    visible: false\n", None),
}


@pytest.fixture(params=["in-page", "union"])
def search(request, monkeypatch):
    """Both ways the fast path asks: the in-page search (inpage.py, registered by BrowserSession and the plugin), and
    locate.py's one-call union, used where a page's Playwright has not registered it."""
    if request.param == "union":
        monkeypatch.setattr(inpage, "usable", lambda page: False)
    return request.param


@pytest.mark.parametrize("case", list(PASSING))
def test_plain_words_written_from_the_screen_find_their_element_at_once(case, search, check, no_fallback):
    steps, logged = PASSING[case]
    result = check(START + steps + (log_is(logged) if logged else ""))
    assert result.passed, result.failure_message()


FAILING = {
    "a field whose words name only a button": (
        "  - fill: Log in\n    value: x\n", '"Log in" is on the page, but it is a button, not a field you can type into'
    ),
    "a label that labels no field": (
        "  - fill: Internal notes\n    value: x\n",
        '"Internal notes" is on the page, but it is a <label> that is not connected to any field',
    ),
    "an item in a closed menu": ("  - click: Sign out\n", '"Sign out" is on the page, but it is hidden until "Account" is opened'),
    "a typo": ("  - click: Chnage password\n", 'could not find "Chnage password" on the page; the closest texts on the page are: "Change password"'),
}


@pytest.mark.parametrize("case", list(FAILING))
def test_a_failure_says_why_the_words_did_not_match(case, check):
    steps, reason = FAILING[case]
    result = check(START + steps, timeout=1.0)
    assert not result.passed
    assert result.failed_step.error.startswith(reason), result.failed_step.error


def test_closest_texts_are_the_words_elements_have_not_their_css_capitals(check):
    result = check(START + "  - click: Change pasword\n", timeout=1.0)
    error = result.failed_step.error
    assert '"Change password"' in error and "CHANGE PASSWORD" not in error


def test_each_suggestion_pins_its_own_element_and_no_two_are_the_same(check):
    result = check(START + "  - check: {role: checkbox, within: {role: listitem}}\n", timeout=1.0)
    error = result.failed_step.error
    suggestions = [line.strip()[2:] for line in error.splitlines()[1:]]
    assert suggestions == [
        "{role: checkbox, within: {role: listitem, has_text: buy some cheese}}",
        "{role: checkbox, within: {role: listitem, has_text: feed the cat}}",
    ], error
    for suggestion, logged in zip(suggestions, ("ticked cheese", "ticked cat")):
        again = check(START + f"  - check: {suggestion}\n" + log_is(logged))
        assert again.passed, again.failure_message()
