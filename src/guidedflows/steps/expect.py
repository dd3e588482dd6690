"""expect and show: what the page should say. Checked with Playwright's retrying assertions; guide mode shows
"waiting for …" until an expectation holds, and waits for Next on a `show`."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..browser.acting import NOT_SHOWN, StepError, asserted, ms_left, on_element
from ..flow.describe import describe_expect
from ..flow.model import Expect, Payload, Target
from ..flow.printable import one_line, quoted
from ..flow.urls import url_matcher
from ..flow.vocabulary import MATCHERS
from . import NEXT, UNTIL_IT_HOLDS, Action
from .pointer import Pointed

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from ..browser.driver import PageDriver
    from ..flow.model import Step


@dataclass(frozen=True)
class Expected(Payload):
    """expect: the element (or the page, a Target of kind "page") and its matchers; none asked means visible."""

    target: Target
    expect: Expect = field(default_factory=Expect)

    @property
    def gone(self) -> bool:
        """It checks that the element is not shown (`visible: false`, `count: 0`)."""
        return self.expect.visible is False or self.expect.count == 0


def show(driver: PageDriver, step: Step, deadline: float) -> None:
    from playwright.sync_api import expect

    def visible(locator: Locator, ms: float) -> None:
        expect(locator).to_be_visible(timeout=ms)

    on_element(driver, step.of(Pointed).target, deadline, visible)


def expect_(driver: PageDriver, step: Step, deadline: float) -> None:
    from playwright.sync_api import expect

    expected, shown = step.of(Expected), step.view.of(Expected)
    asked, target = expected.expect, expected.target
    if target.kind == "page":
        if asked.url is not None and shown.expect.url is not None:
            matches = url_matcher(driver.base_url, asked.url)
            _expect_page(driver, lambda page: page.url, matches, "address", shown.expect.url, deadline)
        if asked.title is not None and shown.expect.title is not None:
            wanted = asked.title
            _expect_page(driver, lambda page: page.title(), lambda t: t == wanted, "title", shown.expect.title, deadline)
        return
    if expected.gone:
        locator = driver.resolver.absent(target, driver.page).filter(visible=True)
        asserted(lambda: expect(locator).to_have_count(0, timeout=ms_left(deadline)), lambda: _still_shown(shown.target, locator))
        return
    if asked.count is not None or not isinstance(asked.text, (str, type(None))):
        _expect_many(driver, step, deadline)
        return
    on_element(driver, target, deadline, lambda locator, ms: _expect_one(driver, step, locator, ms))


def _expect_one(driver: PageDriver, step: Step, locator, ms: float) -> None:
    """Every matcher asked, on one element; raises AssertionError (retryable) with the reason in words."""
    from playwright.sync_api import expect

    a = expect(locator)
    e, shown = step.of(Expected).expect, step.view.of(Expected).expect  # what is checked, and how a message may quote it

    def reads() -> str:  # what the element reads, looked at only when a check failed
        return _reading(driver, locator)

    checks = []
    if e.visible or not e.asked():
        checks.append((lambda: a.to_be_visible(timeout=ms), lambda: "it is not visible"))
    if e.text is not None:
        checks.append((lambda: a.to_have_text(e.text, timeout=ms), lambda: _reads(shown.text, reads())))
    if e.contains is not None:
        checks.append((lambda: a.to_contain_text(e.contains, timeout=ms), lambda: _reads_contains(shown.contains, reads())))
    if (pattern := e.matches) is not None:
        checks.append((lambda: a.to_have_text(re.compile(pattern), timeout=ms), lambda: _reads_matching(shown.matches, reads())))
    if e.value is not None:
        checks.append((lambda: a.to_have_value(e.value, timeout=ms), lambda: _holds(driver, step, locator)))
    if (ticked := e.checked) is not None:
        checks.append((lambda: a.to_be_checked(checked=ticked, timeout=ms), lambda: _state("ticked", ticked)))
    if (enabled := e.enabled) is not None:
        checks.append((lambda: a.to_be_enabled(enabled=enabled, timeout=ms), lambda: _state("enabled", enabled)))
    for check, explain in checks:
        asserted(check, explain)


def _state(word: str, wanted: bool) -> str:
    return f"expected it {'' if wanted else 'not '}{word}, but it is {'not ' if wanted else ''}{word}"


def _expect_many(driver: PageDriver, step: Step, deadline: float) -> None:
    from playwright.sync_api import expect

    locator = _all_matches(driver, step.of(Expected).target, deadline)
    e = step.of(Expected).expect
    if e.count is not None:
        asserted(
            lambda: expect(locator).to_have_count(e.count, timeout=ms_left(deadline)),
            lambda: f"expected {e.count}, found {locator.count()}",
        )
    if e.text is not None:
        texts, shown = list(e.text), _listed(step.view.of(Expected).expect.text)
        asserted(
            lambda: expect(locator).to_have_text(texts, timeout=ms_left(deadline)),
            lambda: f"expected the texts {shown}, but they read {_listed(_texts(driver, locator))}",
        )


def _all_matches(driver: PageDriver, target: Target, deadline: float):
    """Every element a target finds (for count and text lists): a string target's first tier and kind finding any."""
    while True:
        frame = _frame_of(driver, target, deadline)
        locator = driver.resolver.all_matches(target, frame)
        if locator is not None:
            return locator
        if time.monotonic() >= deadline:
            return driver.resolver.build(target, frame)
        driver.page.wait_for_timeout(100)


def _frame_of(driver: PageDriver, target: Target, deadline: float):
    """The frame where a target finds anything (page first, then iframes), else the page."""
    page = driver.page
    if target.frame is not None or len(page.frames) == 1:
        return page.main_frame
    for frame in page.frames:
        if driver.resolver.build(target, frame).count():
            return frame
    return page.main_frame


def _expect_page(driver: PageDriver, read, matches, what: str, expected: str, deadline: float) -> None:
    """Poll the current tab (it may change: a popup opened by the last step) until it matches or time is up."""
    while True:
        page = driver.page
        actual = read(page)
        if matches(actual):
            return
        if time.monotonic() >= deadline:
            raise StepError(f"expected the page {what} to be {quoted(expected)}, but it is {quoted(actual)}")
        page.wait_for_timeout(100)


def _text_of(locator) -> str:
    return " ".join(locator.inner_text(timeout=1000).split())


def _reading(driver: PageDriver, locator) -> str:
    """What an element reads, quoted; never the text of a field the flow typed a secret into (contenteditable)."""
    return NOT_SHOWN if driver.received_secret(locator) else quoted(_text_of(locator))


def _reads(expected, reading: str) -> str:
    return f"expected the text {quoted(expected)}, but it reads {reading}"


def _reads_contains(expected, reading: str) -> str:
    return f"expected the text to contain {quoted(expected)}, but it reads {reading}"


def _reads_matching(pattern, reading: str) -> str:
    return f"expected the text to match `{one_line(pattern)}`, but it reads {reading}"


def _holds(driver: PageDriver, step: Step, locator) -> str:
    if step.secret:
        return "the field does not hold the expected (secret) value"
    expected = quoted(step.of(Expected).expect.value or "")
    if driver.received_secret(locator):
        return f"expected the value {expected}, but the field holds {NOT_SHOWN}"
    return f"expected the value {expected}, but the field holds {quoted(locator.input_value(timeout=1000))}"


def _texts(driver: PageDriver, locator) -> list[str]:
    """The texts of every element found, each as a person reads it (a secret field's is not shown)."""
    texts = [" ".join(t.split()) for t in locator.all_inner_texts()]
    if not driver.secret_fields:
        return texts
    return [NOT_SHOWN if driver.received_secret(locator.nth(i)) else text for i, text in enumerate(texts)]


def _listed(texts) -> str:
    """Texts as a message lists them: "a", "b" (quoted as text, never Python's repr)."""
    return ", ".join(text if text == NOT_SHOWN else quoted(text) for text in texts) or "nothing"


def _still_shown(target: Target, locator) -> str:  # target: the step's view (its secrets masked)
    return f"expected {target.spelled()} to be gone, but {locator.count()} still shown"


def expected(step: Step) -> str:
    return describe_expect(step.of(Expected).target, step.of(Expected).expect)


def looked_at(step: Step) -> str:
    return f"Look at {step.of(Pointed).target.described()}."


def parse(reader, node, values) -> Expected:
    """`expect: TARGET` or `expect: page`, with its matchers (none: it is visible)."""
    target = reader.target_or_page(node, "expect")
    return Expected(target, reader.expectation(target, values))


ACTIONS = [
    Action("expect", "target_or_page", "Assert something about a target or the page, retrying until the timeout.",
           expected, expect_, MATCHERS, guide=UNTIL_IT_HOLDS, photographed_after=True, payload=Expected, parse=parse,
           performable=False),
    Action("show", "target", "Point at the target and wait for Next (asserts it is visible).", looked_at, show,
           guide=NEXT, payload=Pointed, performable=False),
]
