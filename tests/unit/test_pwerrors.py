"""pwerrors: every fact read from the words of a Playwright error is one rule, checked against a real message (issue
15). A Playwright release that rewords one of them fails here; the ones an action's call log carries are also checked
against errors Playwright really raises."""

from __future__ import annotations

import socket

import pytest

from guidedflows.browser import pwerrors


@pytest.mark.parametrize("name", list(pwerrors.RULES))
def test_each_rule_reads_its_example(name):
    rule = pwerrors.RULES[name]
    assert rule.search(rule.example), f"{name}: {rule.words!r} does not find its own example"


def test_a_word_in_a_locator_is_not_a_timeout():
    """The fast path once took "Timeouts and retries" (a link's words, in the message) for a timeout."""
    error = Exception('strict mode violation: get_by_text("Timeouts and retries") resolved to 2 elements')
    assert not pwerrors.timed_out(error)
    assert pwerrors.surely_not_acted(error)


def test_facts_of_a_call_log():
    log = (
        "Locator.click: Timeout 2000ms exceeded.\nCall log:\n  - waiting for get_by_role(\"button\")\n"
        "  - locator resolved to <button>Buy now</button>\n  - attempting click action\n"
        '  - <div id="veil">Summer sale</div> intercepts pointer events\n  - retrying click action, attempt #2\n'
    )
    error = Exception(log)
    assert pwerrors.resolved_one(error)
    assert pwerrors.covering(error) == '<div id="veil">Summer sale</div>'
    assert pwerrors.waited_ms(error) == 2000
    assert not pwerrors.acted(error)


@pytest.fixture
def quick_page(page):
    page.set_default_timeout(400)
    return page


@pytest.mark.browser
def test_the_rules_read_errors_playwright_really_raises(quick_page):
    page = quick_page
    page.set_content(
        '<div style="position:fixed;inset:0" id="veil">Summer sale</div><button>Buy now</button>'
        "<button>Save</button><button>Save</button><button disabled>Pay</button>"
    )
    with pytest.raises(Exception) as covered:
        page.get_by_role("button", name="Buy now").click(timeout=400)
    assert pwerrors.timed_out(covered.value)
    assert pwerrors.resolved_one(covered.value)
    assert "Summer sale" in pwerrors.covering(covered.value)
    assert pwerrors.waited_ms(covered.value) == 400
    assert pwerrors.surely_not_acted(covered.value)  # every try was called off before its input
    with pytest.raises(Exception) as several:
        page.get_by_role("button", name="Save").click(timeout=400)
    assert pwerrors.has(several.value, "strict") and pwerrors.surely_not_acted(several.value)
    with pytest.raises(Exception) as disabled:
        page.get_by_role("button", name="Pay").click(timeout=400)
    assert pwerrors.actionability(disabled.value) == "it is disabled"
    with socket.socket() as closed_port:  # a port nothing listens on once this socket is closed
        closed_port.bind(("127.0.0.1", 0))
        port = closed_port.getsockname()[1]
    with pytest.raises(Exception) as unreachable:
        page.goto(f"http://127.0.0.1:{port}/", timeout=2000)
    assert pwerrors.net_error(unreachable.value) == "ERR_CONNECTION_REFUSED"
