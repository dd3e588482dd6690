"""Ambiguities on the corpus's real pages (issue 13, point 5): when plain words match several elements, the error's
suggested targets must be distinct, and each must pin the element it is offered for.

Each case is a target that really is ambiguous under format 1.1 (several links with the same words), on a page
where clicking each of the elements lands somewhere different. The test reads the suggestions from the error, clicks
each one in a fresh page, and checks that together they reach every one of the places, each once. Only the public
flow API is used (a suggestion is run as a flow's target), so the test holds through the engine's rewrite.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml

from guidedflows.flow.loader import load_flow
from guidedflows.modes.check import CheckMode
from guidedflows.run.executor import RunOptions
from guidedflows.run.runner import execute
from helpers import write_flow

pytestmark = pytest.mark.realworld

# Test infrastructure, not a corpus flow: signs in with explicit targets, so that the case below is about its own
# step only (the corpus's own sign-in, in plain words, is test_corpus's business).
SIGNED_OUT = {"visible": {"css": "#id_username"}}  # each suggestion runs in a fresh tab of the same, signed-in context
DJANGO_SETUP = [
    {"fill": {"css": "#id_username"}, "value": "admin", "when": SIGNED_OUT},
    {"fill": {"css": "#id_password"}, "value": "Admin-pass-2026", "when": SIGNED_OUT},
    {"click": {"css": "input[type=submit]"}, "when": SIGNED_OUT},
]

CASES = {
    # Datasette's books table: "year" is a column heading (sorts) and a suggested facet.
    "datasette/year": ("datasette", "/library/books", [], "year",
                       {"/library/books?_sort=year", "/library/books?_facet=year"}),
    # Django's user list: "Yes" under By staff status, By superuser status and By active.
    "django/yes": ("django", "/admin/auth/user/", DJANGO_SETUP, "Yes",
                   {"/admin/auth/user/?is_staff__exact=1", "/admin/auth/user/?is_superuser__exact=1",
                    "/admin/auth/user/?is_active__exact=1"}),
}

FAILING_TODAY: dict[str, str] = {}

SUGGESTION = re.compile(r"^\s*- (\{.*\})(?:\s+#\s*(.*))?$")


def _flow(tmp_path, name, start, setup, step) -> object:
    text = {"flow": name, "start": start, "steps": [step]}
    if setup:
        text["setup"] = setup
    return load_flow(write_flow(tmp_path, yaml.safe_dump(text, sort_keys=False, allow_unicode=True), f"{name}.yaml"))


def _where(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("case", [
    pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=True, reason=FAILING_TODAY[name])] if name in FAILING_TODAY else [])
    for name in CASES
])
def test_every_suggestion_pins_its_own_element(case, app_urls, context, tmp_path):
    app, start, setup, words, places = CASES[case]
    base = app_urls(app)
    options = RunOptions(base, 5.0, tmp_path / "out")

    page = context.new_page()
    result = execute(_flow(tmp_path, "ambiguous", start, setup, {"click": words}), page, options, CheckMode())
    page.close()
    assert not result.passed, f'"{words}" should be ambiguous on {start}'
    error = result.failed_step.error
    assert f"matches {len(places)}" in error, error

    found = [SUGGESTION.match(line) for line in error.splitlines()]
    suggestions = [match.group(1) for match in found if match]
    comments = [match.group(2) for match in found if match]
    assert len(suggestions) == len(places), error
    assert len(set(suggestions)) == len(suggestions), f"two suggestions are the same:\n{error}"
    given = [comment for comment in comments if comment]  # a `within` needs none; an `nth` names words beside it
    assert len(set(given)) == len(given), f"comments that do not tell them apart:\n{error}"

    reached = []
    for number, suggestion in enumerate(suggestions):
        target = yaml.safe_load(suggestion)
        page = context.new_page()
        outcome = execute(_flow(tmp_path, f"suggestion-{number}", start, setup, {"click": target}), page, options,
                          CheckMode())
        assert outcome.passed, f"the suggestion {suggestion} does not work: {outcome.failure_message()}"
        page.wait_for_load_state()
        reached.append(_where(page.url))
        page.close()
    assert sorted(reached) == sorted(places), f"suggestions {suggestions} reached {reached}, not each of {sorted(places)}"
