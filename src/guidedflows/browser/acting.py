"""What doing a step on an element involves, for every action: find it in one call and act, or search carefully;
Playwright's errors in a person's words (`StepError`); secret fields marked and masked.

The fast path (the usual case, one protocol call like a hand-written script) acts at once on the target's one-call
locator and lets Playwright auto-wait for a short first window; the careful path (iframes, several matches, a late
element) pins exactly one element first, then acts with the time left (issue 8).
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from ..flow.model import Target
from ..flow.printable import one_line
from . import pwerrors

if TYPE_CHECKING:
    from .driver import PageDriver

FAST_WINDOW = 2.0  # seconds the fast path waits before the careful path takes over (see on_element)
# Saying why a step failed (closest texts, hidden or covered elements, precise targets) takes a few protocol calls
# after the waiting ends: waiting stops this share of the timeout early (at most RESERVE_MAX), so the step fails
# within its timeout (issue 9, R9).
RESERVE_SHARE, RESERVE_MAX = 0.06, 0.5
GENERIC = "it did not happen in time"
NOT_SHOWN = "a value typed from a secret (not shown)"
MARK = "el => { el.__guidedflowsSecret = true; }"  # on a field filled with a secret (see received_secret)
IS_MARKED = "el => el.__guidedflowsSecret === true"


class StepError(Exception):
    """A step failed at run time; the message is the reason, ready to show."""


def remaining(deadline: float) -> float:
    return max(0.001, deadline - time.monotonic())


def ms_left(deadline: float) -> float:
    return remaining(deadline) * 1000


def element(driver: PageDriver, target: Target, deadline: float):
    return driver.locate(target, remaining(deadline)).locator


def on_element(driver: PageDriver, target: Target, deadline: float, act, check=None) -> None:
    """Run `act(locator, timeout_ms)` on the target's one element.

    Fast path (the usual case, one protocol call like a hand-written script): act at once on the target's locator
    and let Playwright auto-wait, for a short first window. The careful path (iframes, several matches, a late
    element) probes for exactly one element first, runs `check(locator)` if given, then acts with the time left.
    """
    page = driver.page
    fast_error = None
    if target.frame is None and len(page.frames) == 1:
        window = min(remaining(deadline), FAST_WINDOW)
        try:
            act(driver.resolver.build(target, page), window * 1000)
            return
        except AssertionError:
            pass  # an expectation not met yet: the careful path retries it for the time left
        except Exception as exc:  # noqa: BLE001 - Playwright's errors, read by pwerrors
            if pwerrors.acted(exc):
                return  # it happened; only the wait for a navigation it started ran out (the next step waits)
            if not pwerrors.surely_not_acted(exc):
                if pwerrors.timed_out(exc):
                    # The window closed while the input was going in (a busy machine): like Playwright, never repeat
                    # it; the next step sees its effect (issue 9: the step failed though its click had happened).
                    return
                raise
            if pwerrors.resolved_one(exc) and remaining(deadline) <= 0.05:
                raise StepError(translate(exc)) from exc  # found but never actionable, and no time left to retry
            if pwerrors.timed_out(exc) and _fast_locator_misses(driver, target, page):
                driver.fell_back(target)
            fast_error = exc
    try:
        locator = element(driver, target, deadline)
        if check is not None:
            check(locator)
        act(locator, ms_left(deadline))
    except (StepError, AssertionError):
        raise
    except Exception as exc:  # noqa: BLE001 - say the most telling of the two attempts' reasons
        reason = translate(exc)
        if fast_error is not None and reason.startswith(GENERIC):
            reason = translate(fast_error)
        raise StepError(reason) from exc


def _fast_locator_misses(driver: PageDriver, target: Target, page) -> bool:
    """After the fast window ran out: whether the one-call locator still does not pin one element (the careful
    search is then really needed), rather than a slow machine or a page that was busy."""
    try:
        return driver.resolver.build(target, page).count() != 1
    except Exception:  # noqa: BLE001 - the page is navigating: the careful search will look again
        return True


def type_like_a_person(locator, value: str, ms: float) -> None:
    """Clear the field and put `value` in it, the last character typed with real key events.

    Playwright's fill() inserts text with an `input` event only; pages that react to keys (search as you type, a
    keyup handler: MkDocs Material's search) never see a person type. Filling all but the last character, then
    pressing that one, gives them the keydown/keypress/input/keyup they wait for, at the cost of one call: the
    keyboard's, into the field fill() left focused (as a person's next key goes), not a second search for the field.
    Fields that take no typing (a date, a colour) get the whole value from fill()."""
    if len(value) < 2:
        locator.fill(value, timeout=ms) if not value else _fill_then_type(locator, "", value, ms)
        return
    _fill_then_type(locator, value[:-1], value[-1], ms)


def _fill_then_type(locator, head: str, last: str, ms: float) -> None:
    try:
        locator.fill(head, timeout=ms)
    except Exception as exc:  # noqa: BLE001 - a field that cannot hold a part of its value (type=date…)
        if not pwerrors.fill_refused_part(exc):
            raise
        locator.fill(head + last, timeout=ms)
        return
    locator.page.keyboard.type(last)


def asserted(check, explain) -> None:
    """Run one Playwright assertion; on failure raise AssertionError whose message is the reason in words."""
    try:
        check()
    except AssertionError as exc:
        try:
            reason = explain()
        except Exception:  # noqa: BLE001 - the element went away while we looked: say what Playwright said
            reason = str(exc).split("\n")[0]
        raise AssertionError(reason) from exc


def mark(locator) -> None:
    try:
        locator.evaluate(MARK, timeout=1000)
    except Exception:  # noqa: BLE001 - replaced already: the fill's locator still recognises it (received_secret)
        pass


def same_element(one, other) -> bool:
    """Whether two locators find the same element; unsure counts as yes (a value is then not shown)."""
    try:
        return one.and_(other).count() > 0
    except Exception as exc:  # noqa: BLE001 - Playwright compares locators of one frame only
        return not pwerrors.other_frame(exc)


class SecretField:
    def __init__(self, page, locator):
        self.page, self.locator = page, locator


def translate(exc: Exception) -> str:
    """A Playwright error during `step` → the reason a person needs (covered by what, disabled, gone…)."""
    covering = pwerrors.covering(exc)
    if covering:
        return f"it is covered by another element: {_tidy_html(covering)}"
    reason = pwerrors.actionability(exc)
    if reason:
        return reason + _timeout_suffix(exc)
    if pwerrors.closed(exc):
        return "the browser or the tab was closed"
    if pwerrors.timed_out(exc):
        return f"{GENERIC}{_timeout_suffix(exc)}"
    return pwerrors.first_line(exc)


def waited(reason: str, timeout: float) -> str:
    """A reason the step waited on says how long: the step's timeout a person set, not the slice of it that one
    Playwright call had."""
    bare = re.sub(r" \(waited [\d.]+ s\)\Z", "", reason)
    waited_on = bare == GENERIC or bare.startswith("it is covered by") or bare in {r for _, r in pwerrors.ACTIONABILITY if r}
    return f"{bare} (waited {timeout:g} s)" if waited_on else reason


def _timeout_suffix(exc: Exception) -> str:
    waited = pwerrors.waited_ms(exc)
    return f" (waited {waited / 1000:g} s)" if waited is not None else ""


def _tidy_html(html: str) -> str:
    html = one_line(html)
    return html if len(html) <= 120 else html[:117] + "…"


def navigation_reason(url: str, exc: Exception) -> str:
    code = pwerrors.net_error(exc)
    url = one_line(url)
    if code:
        return f"could not open {url} ({code}): is the site running?"
    if pwerrors.timed_out(exc):
        return f"{url} did not finish loading in time{_timeout_suffix(exc)}"
    return f"could not open {url}: {one_line(pwerrors.first_line(exc))}"
