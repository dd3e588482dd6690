"""Playwright's errors, read in one place: their types first, then the few facts only their words carry.

Playwright raises `TimeoutError` when a wait runs out and `TargetClosedError` when the page, context or browser went
away; everything else is an `Error` whose message and call log are the only record of what happened (was the click's
input sent? what covered the element?). Each fact read from words is one row of RULES, with the Playwright words it
rests on and an example of the real message; tests/unit/test_pwerrors.py checks every row against its example and the
real errors in tests/reliability/test_clear_failures.py, so a Playwright release that rewords one fails a test here,
not a user's flow. Supported Playwright versions: pyproject.toml (tested at both ends by tests/install).

Playwright itself is imported only when an error is classified: `guidedflows --help` and `validate` stay fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One fact read from the words of a Playwright error: the words (a regular expression), and a real example."""

    name: str
    words: str
    example: str

    def search(self, text: str):
        return re.search(self.words, text)


RULES = {
    rule.name: rule
    for rule in (
        # The call log of an action: what Playwright did before it gave up.
        Rule("resolved", r"locator resolved to", "  - locator resolved to <button>Pay now</button>"),
        Rule("action done", r"action done", "  - click action done\n  - waiting for scheduled navigations to finish"),
        Rule("performing", r"performing \w+ action", "  - performing click action"),
        Rule("retrying", r"retrying \w+ action", "  - retrying click action, attempt #2"),
        Rule("strict", r"strict mode violation", 'Error: strict mode violation: get_by_text("Save") resolved to 2 elements'),
        Rule(
            "covered",
            r"(<[^\n]*?>)(?:…|\.\.\.)?(?:</\w+>)? (?:from <[^\n]*?> subtree )?intercepts pointer events",
            '  - <div id="veil" class="promo">Summer sale</div> intercepts pointer events',
        ),
        Rule("timeout ms", r"Timeout (\d+)ms exceeded", "Locator.click: Timeout 2000ms exceeded."),
        Rule("net error", r"net::(ERR_[A-Z_]+)", "Page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/"),
        Rule("closed", r"Target page, context or browser has been closed|Target closed",
             "Locator.click: Target page, context or browser has been closed"),
        # A frame navigating or detaching while it is searched: look again.
        Rule("frame gone", r"Execution context was destroyed|Frame was detached|frame got detached",
             "Locator.count: Execution context was destroyed, most likely because of a navigation"),
        # fill() on a field that cannot hold a part of its value (type=date, type=color…).
        Rule("malformed", r"Malformed value|Cannot type text into", 'Locator.fill: Error: Malformed value'),
        # Two locators of different frames cannot be combined (and_, or_).
        Rule("other frame", r"same frame", "Locators must belong to the same frame."),
        # The in-page target engine (inpage.py) is not in this context, or is registered already.
        Rule("unknown engine", r"Unknown engine", 'Locator.count: Unknown engine "guidedflows" while parsing selector x'),
        Rule("registered", r"has been already registered",
             'Selectors.register: "guidedflows" selector engine has been already registered'),
        # --connect: the server and this client are not the same version.
        Rule("versions", r"(?s)server version: v?([\w.\-]+).*?client version: v?([\w.\-]+)",
             "Playwright version mismatch:\n  - server version: v1.40\n  - client version: v1.65"),
        Rule("version mismatch", r"(?i)version mismatch", "Playwright version mismatch"),
        # A visible browser with no display to open it on.
        Rule("no display", r"Missing X server|\$DISPLAY|(?i:ozone)", "Missing X server or $DISPLAY"),
        Rule("missing dependencies", r"missing dependencies", "Host system is missing dependencies to run browsers."),
    )
}

# Actionability checks in the call log, and the reason a person reads (None: said by the "covered" rule instead).
ACTIONABILITY = (
    ("intercepts pointer events", None),
    ("element is not enabled", "it is disabled"),
    ("element is disabled", "it is disabled"),
    ("element is not editable", "it is read-only"),
    ("element is not visible", "it is not visible"),
    ("element is outside of the viewport", "it is outside the visible part of the page"),
    ("element is not stable", "it keeps moving"),
    ("element is not attached", "it was removed from the page while being used"),
    ("not attached to the DOM", "it was removed from the page while being used"),
    ("element was detached from the DOM", "it was removed from the page while being used"),
    ("Element is not an <input>", "it is not a field you can type into"),
    ("Element is not a <select>", "it is not a list to choose from"),
    ("Not a checkbox or radio button", "it is not a checkbox or radio button"),
)


def timed_out(exc: BaseException) -> bool:
    """A Playwright wait ran out (its own exception type, never a word in a locator such as "Timeouts")."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    return isinstance(exc, PlaywrightTimeout)


def closed(exc: BaseException) -> bool:
    """The page, context or browser went away during the call."""
    return type(exc).__name__ == "TargetClosedError" or bool(RULES["closed"].search(str(exc)))


def call_log(exc: BaseException) -> str:
    return str(exc).split("Call log:", 1)[-1]


def has(exc: BaseException | str, rule: str) -> bool:
    """Whether the error (or a text Playwright printed) says what RULES[rule] reads."""
    return bool(RULES[rule].search(str(exc)))


def acted(exc: BaseException) -> bool:
    """The action's input went in; only a wait after it (a navigation it started) ran out."""
    return bool(RULES["action done"].search(call_log(exc)))


def surely_not_acted(exc: BaseException) -> bool:
    """Nothing was done: nothing or several things to act on, or every try was called off before its input.

    Playwright logs "performing click action" just before the input goes in, then "retrying" when a check after it
    (another element would receive the click) called it off; a log ending on "performing" means the input may have
    gone in, and repeating it could click twice."""
    if has(exc, "strict"):
        return True
    if not timed_out(exc):
        return False
    log = call_log(exc)
    performing = [m.start() for m in re.finditer(RULES["performing"].words, log)]
    retrying = [m.start() for m in re.finditer(RULES["retrying"].words, log)]
    return not performing or (bool(retrying) and retrying[-1] > performing[-1])


def resolved_one(exc: BaseException) -> bool:
    """Playwright found exactly one element (it never became actionable)."""
    return bool(RULES["resolved"].search(call_log(exc)))


def covering(exc: BaseException) -> str | None:
    """The element that covered the target, as Playwright printed it, or None."""
    found = re.findall(RULES["covered"].words, call_log(exc))
    return found[-1] if found else None


def actionability(exc: BaseException) -> str | None:
    """The last actionability check the call log names, as a person reads it."""
    log = call_log(exc)
    for marker, reason in reversed(ACTIONABILITY):
        if marker in log and reason:
            return reason
    return None


def waited_ms(exc: BaseException) -> int | None:
    match = RULES["timeout ms"].search(str(exc))
    return int(match.group(1)) if match else None


def net_error(exc: BaseException | str) -> str | None:
    match = RULES["net error"].search(str(exc))
    return match.group(1) if match else None


def frame_gone(exc: BaseException) -> bool:
    """A frame navigated or detached while it was searched (look again), or the page closed under the search."""
    return has(exc, "frame gone") or closed(exc)


def fill_refused_part(exc: BaseException) -> bool:
    return has(exc, "malformed")


def other_frame(exc: BaseException) -> bool:
    return has(exc, "other frame")


def versions(text: str) -> tuple[str, str] | None:
    """(server, client) versions a --connect refused, when the server said them."""
    match = RULES["versions"].search(text)
    return (match.group(1), match.group(2)) if match else None


def first_line(exc: BaseException | str) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def quiet_after_interrupt() -> None:
    """Ctrl-C abandons the protocol call in flight; its late answer makes Playwright and asyncio log a traceback while
    the run winds down (a failure screenshot, closing the browser). The person asked to stop: they get one line
    ("interrupted"), not those (issue 9, R10). Called from the SIGINT handler itself (cli/commands.py), before any later answer
    can be dispatched, and again when a session closes on KeyboardInterrupt (API users)."""
    import logging
    import warnings

    for name in ("playwright", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    # The abandoned call's coroutine (`Locator.count`, …) is never awaited now: Python would say so as the run ends.
    warnings.filterwarnings("ignore", message="coroutine .* was never awaited", category=RuntimeWarning)
