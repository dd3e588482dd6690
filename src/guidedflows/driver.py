"""The page driver: performs one step on a real page with Playwright, following tabs and answering dialogs.

This is the one place where Playwright's errors become step errors in a person's words (`StepError`).
"""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

from . import pwerrors
from .locate import Found, Resolver, TargetProblem, script
from .model import Condition, Step, Target
from .printable import one_line, quoted
from .urls import join_url, url_matcher

CLICK_LIKE = ("click", "dblclick", "hover", "check", "uncheck")
FAST_WINDOW = 2.0  # seconds the fast path waits before the careful path takes over (see _on_element)
# Saying why a step failed (closest texts, hidden or covered elements, precise targets) takes a few protocol calls
# after the waiting ends: waiting stops this share of the timeout early (at most RESERVE_MAX), so the step fails
# within its timeout (issue 9, R9).
RESERVE_SHARE, RESERVE_MAX = 0.06, 0.5
GENERIC = "it did not happen in time"
SETTLE = 0.5  # seconds a `when:` condition gives late content before it is decided (flow-format.md, Common keys)
OPTIONS_OF_ONE_LIST = "els => els.length === 1 ? [...(els[0].options || [])].flatMap(o => [o.label, o.value]) : null"
NOT_SHOWN = "a value typed from a secret (not shown)"
MARK = "el => { el.__guidedflowsSecret = true; }"  # on a field filled with a secret (see received_secret)
IS_MARKED = "el => el.__guidedflowsSecret === true"


class StepError(Exception):
    """A step failed at run time; the message is the reason, ready to show."""


class PageDriver:
    """Holds the flow's tabs (a stack: popups push, `close: tab` pops) and performs steps on the current one."""

    def __init__(self, page, *, base_url: str, resolver: Resolver | None = None, answer_dialogs: bool = True):
        self.base_url = base_url
        self.resolver = resolver or Resolver()
        self.answer_dialogs = answer_dialogs  # guide mode: the person answers dialogs, we only watch
        self.tabs: list = []
        self.new_tabs: list = []
        self.dialog: str | None = None  # what the current step says to answer
        self.unexpected_dialogs: list[str] = []
        self.secret_fields: list = []  # locators of fields that received a secret: masked in screenshots
        self.opening = 0  # tabs the page said it is opening that Playwright has not reported yet
        self.failed_load: tuple[str, str] | None = None  # the last page that did not load: (url, net::ERR_…)
        self.fallbacks = 0  # fast-path windows that ran out before the careful search (see fell_back)
        self._watch_popups(page.context)
        self._adopt(page)

    # -- tabs and dialogs --------------------------------------------------------------------------------------

    @property
    def page(self):
        """The current tab; a popup opened by the last step becomes current as soon as Playwright reports it."""
        while self.new_tabs:
            popup = self.new_tabs.pop(0)
            if not popup.is_closed():
                self._adopt(popup)
        while len(self.tabs) > 1 and self.tabs[-1].is_closed():
            self.tabs.pop()
        return self.tabs[-1]

    def _adopt(self, page) -> None:
        self.tabs.append(page)
        page.on("popup", self._on_popup)
        page.on("dialog", self._on_dialog)
        page.on("requestfailed", self._on_request_failed)

    def _on_request_failed(self, request) -> None:
        """A page that does not load shows the browser's error page: remember why, for the step that fails there."""
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.failed_load = (request.url, request.failure or "")

    def _cause(self, reason: str) -> str:
        """The reason a step failed, unless something bigger is behind it: the browser is gone, or the page is the
        browser's error page because the site stopped answering (issue 9, R10)."""
        browser = self.tabs[-1].context.browser
        if browser is not None and not browser.is_connected():
            return "the browser closed or crashed during this step"
        if self.failed_load is None or not self.page.url.startswith("chrome-error://"):
            return reason
        url, failure = self.failed_load
        return _navigation_reason(url, Exception(failure))

    def _watch_popups(self, context) -> None:
        """Install (once per context) the in-page watch that says a tab is about to open; see popup_watch.js."""
        if not getattr(context, "_guidedflows_watching", False):
            context.expose_binding("__guidedflowsOpening", lambda source: context._guidedflows_on_opening())
            context.add_init_script(script("popup_watch.js"))
            context._guidedflows_watching = True
        context._guidedflows_on_opening = self._on_opening

    def fell_back(self, target: Target) -> None:
        """The fast path's window ran out on `target` and its one-call locator still does not pin one element: the
        careful search takes over (an element that is not there yet, or one the one-call search cannot see). Counted,
        so tests can show a site's plain-words steps never wait on it."""
        self.fallbacks += 1

    def _on_opening(self) -> None:
        self.opening += 1

    def _on_popup(self, popup) -> None:
        self.new_tabs.append(popup)
        self.opening = max(0, self.opening - 1)

    def _await_popups(self, deadline: float) -> None:
        """A tab the step opened is reported a little after the click returns: wait for it, so the next step acts there."""
        if self.opening and not self.new_tabs:
            try:
                self.tabs[-1].wait_for_event("popup", timeout=_ms(deadline))
            except Exception:  # noqa: BLE001 - the page changed its mind (a blocked popup): carry on where we are
                pass
        self.opening = 0

    def _on_dialog(self, dialog) -> None:
        if not self.answer_dialogs:
            return
        if self.dialog == "accept":
            dialog.accept()
        elif self.dialog == "dismiss":
            dialog.dismiss()
        else:
            self.unexpected_dialogs.append(dialog.message)
            dialog.dismiss()

    # -- steps -------------------------------------------------------------------------------------------------

    def goto(self, where: str, timeout: float, shown: str | None = None) -> None:
        """Open `where`; a failure names `shown` (the address with its secret params masked) when given."""
        url = join_url(self.base_url, where)
        try:
            self.page.goto(url, timeout=timeout * 1000)
        except Exception as exc:  # noqa: BLE001 - translated below
            raise StepError(_navigation_reason(join_url(self.base_url, shown or where), exc)) from exc

    def received_secret(self, locator) -> bool:
        """Whether `locator` is a field the flow filled with a secret: its value is then never shown, whatever the
        page made of it (dashes inserted, upper-cased, cut by maxlength: issue 12). The element is marked when it
        is filled; one the page put in its place is recognised by the fill's own locator. Unsure counts as yes."""
        if not self.secret_fields:
            return False
        try:
            if locator.evaluate(IS_MARKED, timeout=1000):
                return True
        except Exception:  # noqa: BLE001 - gone or several: the fill's locators below decide
            pass
        page = self.page
        return any(_same_element(field.locator, locator) for field in self.secret_fields if field.page == page)

    def locate(self, target: Target, timeout: float) -> Found:
        try:
            return self.resolver.resolve(target, lambda: self.page, timeout)
        except TargetProblem as exc:
            raise StepError(str(exc)) from exc

    def unmet(self, condition: Condition, settle: float = SETTLE) -> str | None:
        """Why `condition` does not hold now, or None when it does. The page gets a moment to settle (it is loading,
        content arrives late), never a timeout: an outcome that will not change is known at once."""
        deadline = time.monotonic() + settle
        with contextlib.suppress(Exception):  # a page still navigating is judged as it stands
            self.page.wait_for_load_state("load", timeout=settle * 1000)
        while True:
            why = self._unmet_now(condition)
            decided = why is None if condition.kind != "hidden" else why is not None
            if decided or time.monotonic() >= deadline:
                return why
            self.page.wait_for_timeout(100)

    def _unmet_now(self, condition: Condition) -> str | None:
        page = self.page
        if condition.kind == "url":
            if url_matcher(self.base_url, condition.url)(page.url):
                return None
            return f'the page address is "{page.url}", not "{condition.url}"'
        target = condition.target
        frames = [page.main_frame] if target.frame is not None else page.frames
        shown = 0
        for frame in frames:
            try:
                finder = self.resolver.absent if condition.kind == "hidden" else self.resolver.build
                shown += finder(target, frame).filter(visible=True).count()
            except Exception as exc:  # noqa: BLE001 - a frame navigating or detaching: judge the others
                if not pwerrors.frame_gone(exc):
                    raise
        if condition.kind == "visible":
            return None if shown else f"{target.spelled()} is not visible"
        return f"{target.spelled()} is visible" if shown else None

    def perform(self, step: Step, timeout: float) -> None:
        """Do the step; raise StepError with the reason when it cannot be done within `timeout` seconds."""
        deadline = time.monotonic() + timeout - min(RESERVE_SHARE * timeout, RESERVE_MAX)
        self.dialog = step.dialog
        self.unexpected_dialogs.clear()
        try:
            ACTIONS[step.action](self, step, deadline)
            self._await_popups(deadline)
        except StepError as exc:
            raise StepError(self._cause(_waited(str(exc), timeout))) from exc.__cause__
        except AssertionError as exc:
            raise StepError(self._cause(str(exc))) from exc
        except Exception as exc:  # noqa: BLE001 - Playwright's errors, translated in one place
            raise StepError(self._cause(_waited(translate(exc), timeout))) from exc
        if self.unexpected_dialogs:
            message = self.unexpected_dialogs[0]
            raise StepError(
                f"a dialog opened that the flow did not expect: {quoted(message)} "
                "(add `dialog: accept` or `dialog: dismiss` to the step that opens it)"
            )

    def screenshot(self, path: Path) -> str | None:
        """Save what the current tab shows, secret fields masked; None if the page is gone."""
        path.parent.mkdir(parents=True, exist_ok=True)
        page = self.page
        masks = [field for field in self.secret_fields if field.page == page] if self.secret_fields else []
        try:
            page.screenshot(path=str(path), mask=[field.locator for field in masks], timeout=5000)
        except Exception:  # noqa: BLE001 - a screenshot is a bonus; never hide the real failure behind it
            return None
        return str(path)


def _remaining(deadline: float) -> float:
    return max(0.001, deadline - time.monotonic())


def _ms(deadline: float) -> float:
    return _remaining(deadline) * 1000


# -- actions -------------------------------------------------------------------------------------------------


def _element(driver: PageDriver, target: Target, deadline: float):
    return driver.locate(target, _remaining(deadline)).locator


def _on_element(driver: PageDriver, target: Target, deadline: float, act, check=None) -> None:
    """Run `act(locator, timeout_ms)` on the target's one element.

    Fast path (the usual case, one protocol call like a hand-written script): act at once on the target's locator
    and let Playwright auto-wait, for a short first window. The careful path (iframes, several matches, a late
    element) probes for exactly one element first, runs `check(locator)` if given, then acts with the time left.
    """
    page = driver.page
    fast_error = None
    if target.frame is None and len(page.frames) == 1:
        window = min(_remaining(deadline), FAST_WINDOW)
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
            if pwerrors.resolved_one(exc) and _remaining(deadline) <= 0.05:
                raise StepError(translate(exc)) from exc  # found but never actionable, and no time left to retry
            if pwerrors.timed_out(exc) and _fast_locator_misses(driver, target, page):
                driver.fell_back(target)
            fast_error = exc
    try:
        locator = _element(driver, target, deadline)
        if check is not None:
            check(locator)
        act(locator, _ms(deadline))
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


def _click_like(driver: PageDriver, step: Step, deadline: float) -> None:
    _on_element(driver, step.target, deadline, lambda loc, ms: getattr(loc, step.action)(timeout=ms))


def _fill(driver: PageDriver, step: Step, deadline: float) -> None:
    def fill(locator, ms):
        if step.secret:
            driver.secret_fields.append(_SecretField(driver.page, locator))
        type_like_a_person(locator, step.value, ms)
        if step.secret:
            _mark(locator)

    _on_element(driver, step.target, deadline, fill)


def type_like_a_person(locator, value: str, ms: float) -> None:
    """Clear the field and put `value` in it, the last character typed with real key events.

    Playwright's fill() inserts text with an `input` event only; pages that react to keys (search as you type, a
    keyup handler: MkDocs Material's search) never see a person type. Filling all but the last character, then
    pressing that one, gives them the keydown/keypress/input/keyup they wait for, at the cost of one call. Fields
    that take no typing (a date, a colour) get the whole value from fill()."""
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
    locator.press_sequentially(last, timeout=ms)


def _select(driver: PageDriver, step: Step, deadline: float) -> None:
    """One call when the option is there, like a script (issue 8, B1). An option that is not there yet keeps the
    fast path waiting for it (a list filled late still works); then the careful path lists what the list offers."""

    def has_option(locator) -> None:
        options = locator.evaluate_all(OPTIONS_OF_ONE_LIST)
        if options is not None and step.value not in options:
            shown = ", ".join(quoted(o) for o in dict.fromkeys(options[0::2]))
            raise StepError(f"the list has no option {quoted(step.view.value)}; it offers: {shown}")

    _on_element(driver, step.target, deadline, lambda loc, ms: loc.select_option(step.value, timeout=ms), has_option)


def _press(driver: PageDriver, step: Step, deadline: float) -> None:
    if step.on is not None:
        _on_element(driver, step.on, deadline, lambda loc, ms: loc.press(step.arg, timeout=ms))
    else:
        driver.page.keyboard.press(step.arg)


def _show(driver: PageDriver, step: Step, deadline: float) -> None:
    from playwright.sync_api import expect

    _on_element(driver, step.target, deadline, lambda loc, ms: expect(loc).to_be_visible(timeout=ms))


def _goto(driver: PageDriver, step: Step, deadline: float) -> None:
    driver.goto(step.arg, _remaining(deadline), step.view.arg)


def _go(driver: PageDriver, step: Step, deadline: float) -> None:
    page = driver.page
    {"back": page.go_back, "forward": page.go_forward, "reload": page.reload}[step.arg](timeout=_ms(deadline))


def _close(driver: PageDriver, step: Step, deadline: float) -> None:
    driver.page  # noqa: B018 - reading it adopts a tab the previous step opened, which is the one to close
    if len(driver.tabs) < 2:
        raise StepError("there is no earlier tab to return to; `close: tab` closes a tab the flow opened")
    driver.tabs.pop().close()
    driver.page.bring_to_front()


def _wait(driver: PageDriver, step: Step, deadline: float) -> None:
    driver.page.wait_for_timeout(step.duration * 1000)


def _nothing(driver: PageDriver, step: Step, deadline: float) -> None:
    """`note` does nothing outside guide mode; `screenshot` and `use` are done by the executor."""


def _expect(driver: PageDriver, step: Step, deadline: float) -> None:
    from playwright.sync_api import expect

    matchers, shown = step.expect.asked(), step.view.expect
    if step.target.kind == "page":
        if "url" in matchers:
            matches = url_matcher(driver.base_url, step.expect.url)
            _expect_page(driver, lambda page: page.url, matches, "address", shown.url, deadline)
        if "title" in matchers:
            wanted = step.expect.title
            _expect_page(driver, lambda page: page.title(), lambda t: t == wanted, "title", shown.title, deadline)
        return
    if step.expect.visible is False or step.expect.count == 0:
        locator = driver.resolver.absent(step.target, driver.page).filter(visible=True)
        _assert(lambda: expect(locator).to_have_count(0, timeout=_ms(deadline)), lambda: _still_shown(step.view.target, locator))
        return
    if step.expect.count is not None or not isinstance(step.expect.text, (str, type(None))):
        _expect_many(driver, step, deadline)
        return
    _on_element(driver, step.target, deadline, lambda locator, ms: _expect_one(driver, step, locator, ms))


def _expect_one(driver: PageDriver, step: Step, locator, ms: float) -> None:
    """Every matcher asked, on one element; raises AssertionError (retryable) with the reason in words."""
    from playwright.sync_api import expect

    a = expect(locator)
    e, shown = step.expect, step.view.expect  # what is checked, and how a message may quote it

    def reads() -> str:  # what the element reads, looked at only when a check failed
        return _reading(driver, locator)

    checks = []
    if e.visible or not e.asked():
        checks.append((lambda: a.to_be_visible(timeout=ms), lambda: "it is not visible"))
    if e.text is not None:
        checks.append((lambda: a.to_have_text(e.text, timeout=ms), lambda: _reads(shown.text, reads())))
    if e.contains is not None:
        checks.append((lambda: a.to_contain_text(e.contains, timeout=ms), lambda: _reads_contains(shown.contains, reads())))
    if e.matches is not None:
        checks.append((lambda: a.to_have_text(re.compile(e.matches), timeout=ms), lambda: _reads_matching(shown.matches, reads())))
    if e.value is not None:
        checks.append((lambda: a.to_have_value(e.value, timeout=ms), lambda: _holds(driver, step, locator)))
    if e.checked is not None:
        checks.append((lambda: a.to_be_checked(checked=e.checked, timeout=ms), lambda: _state("ticked", e.checked)))
    if e.enabled is not None:
        checks.append((lambda: a.to_be_enabled(enabled=e.enabled, timeout=ms), lambda: _state("enabled", e.enabled)))
    for check, explain in checks:
        _assert(check, explain)


def _state(word: str, wanted: bool) -> str:
    return f"expected it {'' if wanted else 'not '}{word}, but it is {'not ' if wanted else ''}{word}"


def _expect_many(driver: PageDriver, step: Step, deadline: float) -> None:
    from playwright.sync_api import expect

    locator = _all_matches(driver, step.target, deadline)
    e = step.expect
    if e.count is not None:
        _assert(lambda: expect(locator).to_have_count(e.count, timeout=_ms(deadline)), lambda: f"expected {e.count}, found {locator.count()}")
    if e.text is not None:
        texts, shown = list(e.text), _listed(step.view.expect.text)
        _assert(
            lambda: expect(locator).to_have_text(texts, timeout=_ms(deadline)),
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


def _assert(check, explain) -> None:
    """Run one Playwright assertion; on failure raise AssertionError whose message is the reason in words."""
    try:
        check()
    except AssertionError as exc:
        try:
            reason = explain()
        except Exception:  # noqa: BLE001 - the element went away while we looked: say what Playwright said
            reason = str(exc).split("\n")[0]
        raise AssertionError(reason) from exc


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
    expected = quoted(step.expect.value)
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


def _mark(locator) -> None:
    try:
        locator.evaluate(MARK, timeout=1000)
    except Exception:  # noqa: BLE001 - replaced already: the fill's locator still recognises it (received_secret)
        pass


def _same_element(one, other) -> bool:
    """Whether two locators find the same element; unsure counts as yes (a value is then not shown)."""
    try:
        return one.and_(other).count() > 0
    except Exception as exc:  # noqa: BLE001 - Playwright compares locators of one frame only
        return not pwerrors.other_frame(exc)


def _still_shown(target: Target, locator) -> str:  # target: the step's view (its secrets masked)
    return f"expected {target.spelled()} to be gone, but {locator.count()} still shown"


class _SecretField:
    def __init__(self, page, locator):
        self.page, self.locator = page, locator


ACTIONS = {
    **{name: _click_like for name in CLICK_LIKE},
    "fill": _fill,
    "select": _select,
    "press": _press,
    "show": _show,
    "expect": _expect,
    "goto": _goto,
    "go": _go,
    "close": _close,
    "wait": _wait,
    "note": _nothing,
    "screenshot": _nothing,
    "use": _nothing,
}


# -- Playwright errors in a person's words -------------------------------------------------------------------

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


def _waited(reason: str, timeout: float) -> str:
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


def _navigation_reason(url: str, exc: Exception) -> str:
    code = pwerrors.net_error(exc)
    url = one_line(url)
    if code:
        return f"could not open {url} ({code}): is the site running?"
    if pwerrors.timed_out(exc):
        return f"{url} did not finish loading in time{_timeout_suffix(exc)}"
    return f"could not open {url}: {one_line(pwerrors.first_line(exc))}"
