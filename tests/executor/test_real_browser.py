"""Check mode in a real Chromium against small pages served on loopback: every action, target kind and matcher."""

from __future__ import annotations

import time

import pytest


def log_is(text: str) -> str:
    return f"""
  - expect: {{testid: log}}
    text: "{text}"
"""


@pytest.mark.parametrize(
    "steps, logged",
    [
        ("- click: Press me", "clicked"),
        ("- dblclick: Double me", "double"),
        ("- hover: Hover zone", "hovered"),
        ("- fill: Search the shop\n    value: socks\n  - press: Enter", "searched socks"),
        ("- press: Enter\n    on: {placeholder: Search the shop}", "searched "),
        ("- select: Size\n    value: Large", "size l"),
        ("- select: Size\n    value: m", "size m"),
        ("- click: Payment settings", "shadow clicked"),
        ("- click: {css: 'shadow-button button'}", "shadow clicked"),
        ("- click: Edit\n    within: x", None),  # replaced below
    ][:-1],
)
def test_actions(check, steps, logged):
    result = check(f"flow: t\nsteps:\n  {steps}\n{log_is(logged)}")
    assert result.passed, result.failure_message()


def test_fill_check_uncheck_and_matchers(check):
    result = check(
        """
        flow: matchers
        steps:
          - fill: Email
            value: ada@example.com
          - expect: {label: Email}
            value: ada@example.com
          - check: Send me news
          - expect: {label: Send me news}
            checked: true
          - uncheck: Send me news
          - expect: {role: checkbox}
            checked: false
          - expect: {role: listitem}
            text: [Apple, Banana, Cherry]
          - expect: {role: listitem}
            count: 3
          - expect: {css: "#fruits"}
            contains: Banana
          - expect: {css: "#fruits li", nth: -1}
            text: Cherry
          - expect: Disabled button
            enabled: false
          - expect: Hidden button
            visible: false
          - expect: Nothing like this
            visible: false
          - expect: {testid: card-2222}
            matches: "ending in \\\\d{4}"
          - expect: page
            title: Test page
          - expect: page
            url: /
        """
    )
    assert result.passed, result.failure_message()


def test_target_kinds_and_refinements(check):
    result = check(
        """
        flow: kinds
        steps:
          - expect: {alt: Company logo}
          - expect: Company logo
          - expect: {title: Help text}
          - expect: {placeholder: Search the shop}
          - expect: {text: Hover zone}
          - expect: {text: hover ZONE, exact: false}
          - expect: {xpath: "//h1"}
            text: Actions
          - click: {role: button, name: Edit, within: {testid: card-2222}}
          - expect: {testid: log}
            text: edit 2222
          - click: {role: button, name: Edit, nth: 0}
          - expect: {testid: log}
            text: edit 1111
          - click: {css: .card, has_text: "2222", nth: 0}
          - click: {text: Edit, within: {css: .card, has_text: Visa ending in 1111}}
          - expect: {testid: log}
            text: edit 1111
        """
    )
    assert result.passed, result.failure_message()


def test_iframe_field_found_without_and_with_frame(check):
    result = check(
        """
        flow: iframe
        params:
          card: {default: "4242424242424242", secret: true}
        steps:
          - fill: Card number
            value: ${card}
          - click: {role: button, name: Save card, frame: {title: Payment form}}
          - expect: Saved 4242
        """
    )
    assert result.passed, result.failure_message()


def test_popup_then_close_tab(check):
    result = check(
        """
        flow: tabs
        steps:
          - click: Open in new tab
          - expect: page
            title: Second page
          - click: Back home
          - expect: page
            url: "#top"
          - close: tab
          - expect: page
            title: Test page
        """
    )
    assert result.passed, result.failure_message()


def test_close_tab_right_after_opening_it(check):
    result = check("flow: tabs\nsteps:\n  - click: Open in new tab\n  - close: tab\n  - expect: page\n    title: Test page\n")
    assert result.passed, result.failure_message()


def test_navigation_and_go_back(check):
    result = check(
        """
        flow: navigation
        steps:
          - click: Next page
          - expect: Second page
          - go: back
          - expect: Actions
          - goto: /second.html
          - expect: page
            title: Second page
          - go: reload
        """
    )
    assert result.passed, result.failure_message()


@pytest.mark.parametrize("answer, logged", [("accept", "removed"), ("dismiss", "kept")])
def test_confirm_dialog_answered_as_the_step_says(check, answer, logged):
    result = check(f"flow: dialog\nsteps:\n  - click: Remove\n    dialog: {answer}\n{log_is(logged)}")
    assert result.passed, result.failure_message()


def test_unexpected_dialog_fails_the_step_with_its_text(check):
    result = check("flow: dialog\nsteps:\n  - click: Greet\n  - click: Press me")
    step = result.failed_step
    assert step.number == "1"
    assert 'a dialog opened that the flow did not expect: "Hello there"' in step.error


def test_element_that_appears_after_500ms(check):
    result = check("flow: late\nsteps:\n  - click: Load later\n  - click: Late button\n" + log_is("late clicked"))
    assert result.passed, result.failure_message()


def test_ambiguous_human_target_lists_precise_targets(check):
    result = check("flow: ambiguous\nsteps:\n  - click: Edit")
    error = result.failed_step.error
    assert '"Edit" matches 2 controls named "Edit"; say which one:' in error
    assert "{role: button, name: Edit, within: {testid: card-1111}}" in error
    assert "{role: button, name: Edit, within: {testid: card-2222}}" in error


def test_missing_target_names_close_texts(check):
    started = time.monotonic()
    result = check("flow: missing\nsteps:\n  - click: Press mee", timeout=1.0)
    assert time.monotonic() - started < 8  # the 1 s timeout, plus start-up on a busy machine (R9 measures it closely)
    error = result.failed_step.error
    assert error.startswith('could not find "Press mee" on the page; the closest texts on the page are: "Press me"')
    assert result.failed_step.artifacts and result.failed_step.artifacts[0].endswith("failed-step-1.png")


def test_covered_element_names_what_covers_it(check):
    result = check("flow: covered\nstart: /covered.html\nsteps:\n  - click: Buy now", timeout=1.0)
    error = result.failed_step.error
    assert error.startswith('it is covered by another element: <div id="banner" class="cookie-banner">'), error


def test_optional_step_is_skipped_and_reported(check):
    result = check(
        """
        flow: optional
        start: /covered.html
        steps:
          - click: Accept cookies
            optional: true
          - click: Accept cookies
            optional: true
            timeout: 300ms
          - click: Buy now
        """
    )
    assert result.passed, result.failure_message()
    assert [s.status for s in result.steps] == ["passed", "skipped", "passed"]
    assert "did not appear" in result.steps[1].note


def test_disabled_button(check):
    result = check("flow: disabled\nsteps:\n  - click: {role: button, name: Disabled button}", timeout=2.0)
    assert result.failed_step.error.startswith("it is disabled"), result.failed_step.error


def test_expectation_reports_expected_and_actual(check):
    result = check("flow: expect\nsteps:\n  - expect: {testid: card-1111}\n    text: Visa ending in 9999", timeout=1.0)
    assert result.failed_step, (result.status, result.error)
    assert result.failed_step.error == 'expected the text "Visa ending in 9999", but it reads "Visa ending in 1111 Edit"'


def test_select_missing_option_lists_the_options(check):
    result = check("flow: select\nsteps:\n  - select: Size\n    value: Huge", timeout=1.0)
    assert result.failed_step.error == 'the list has no option "Huge"; it offers: "Small", "Medium", "Large"'


def test_secret_is_masked_in_errors(check):
    result = check(
        """
        flow: secret
        params:
          code: {default: "98765", secret: true}
        steps:
          - expect: "${code}"
        """,
        timeout=0.5,
    )
    assert result.failed_step, (result.status, result.error, result.steps)
    assert "98765" not in result.failed_step.error
    assert "••••8765" in result.failed_step.error
