"""`when:` (format 1.1): a step or a used flow runs only if a condition holds now, decided at once after the page
settles — never by waiting out a timeout — and a step whose condition does not hold is reported as skipped with why."""

from __future__ import annotations

import time

import pytest

from guidedflows.run.events import PASSED, SKIPPED

FLOW = """flow: when
start: /when.html{query}
steps:
  - click: Accept cookies
    when: {{visible: Accept cookies}}
  - use: _sign-in.yaml
    when: {{visible: Log in}}
  - expect: {{testid: log}}
    when: {{url: /when.html?signed-in&late}}
    text: ""
  - expect: Summer sale
    when: {{hidden: Log in}}
"""
SIGN_IN = """flow: Sign in
steps:
  - click: Log in
  - expect: page
    url: "#login"
"""


@pytest.fixture
def run_when(check, tmp_path):
    (tmp_path / "_sign-in.yaml").write_text(SIGN_IN)

    def run(query: str):
        return check(FLOW.format(query=query), timeout=10.0)

    return run


def statuses(result):
    return [(step.number, step.status) for step in result.steps]


def test_conditions_that_hold_run_their_steps(run_when):
    result = run_when("?cookies")
    assert result.passed, result.failure_message()
    assert statuses(result) == [("1", PASSED), ("2.1", PASSED), ("2.2", PASSED), ("3", SKIPPED), ("4", SKIPPED)]
    assert result.steps[3].note.startswith('skipped: condition not met (the page address is "http://127.0.0.1:')
    assert result.steps[3].note.endswith('/when.html?cookies#login", not "/when.html?signed-in&late")')
    assert result.steps[4].note == 'skipped: condition not met ("Log in" is visible)'


def test_an_already_signed_in_page_skips_the_sign_in_at_once(run_when):
    started = time.monotonic()
    result = run_when("?signed-in&late")
    elapsed = time.monotonic() - started
    assert result.passed, result.failure_message()
    assert statuses(result) == [("1", SKIPPED), ("2.1", SKIPPED), ("2.2", SKIPPED), ("3", PASSED), ("4", PASSED)]
    assert result.steps[0].note == 'skipped: condition not met ("Accept cookies" is not visible)'
    assert result.steps[1].note == 'skipped: condition not met ("Log in" is not visible)'
    print(f"three conditions decided in {elapsed:.2f} s (the step timeout is 10 s)")
