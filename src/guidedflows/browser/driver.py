"""The page driver: holds a flow's tabs, answers dialogs, and performs one step on the current tab with the step's
own code from the registry (steps/). Playwright's errors become the reason a person reads there (acting.py).
"""

from __future__ import annotations

import contextlib
import time
import weakref
from pathlib import Path

from ..flow.model import Condition, Step, Target
from ..flow.printable import quoted
from ..flow.urls import join_url, url_matcher
from ..steps import REGISTRY
from . import pwerrors
from .acting import (
    IS_MARKED,
    RESERVE_MAX,
    RESERVE_SHARE,
    StepError,
    ms_left,
    navigation_reason,
    same_element,
    translate,
    waited,
)
from .inpage import script
from .locate import Found, Resolver, TargetProblem

SETTLE = 0.5  # seconds a `when:` condition gives late content before it is decided (flow-format.md, Common keys)


# Per browser context, the driver now running a flow there: what its pages tell (page_watch.js) goes to it.
_LISTENING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


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
        self.lost_clicks = 0  # presses whose control the page replaced before the release (see page_watch.js)
        self._watch_page(page.context)
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
        return navigation_reason(url, Exception(failure))

    def _watch_page(self, context) -> None:
        """Install (once per context) the in-page watch that says a tab is about to open or a click was lost; see
        page_watch.js."""
        if context not in _LISTENING:
            context.expose_binding("__guidedflowsTell", lambda source, what: _LISTENING[context]._told(what))
            context.add_init_script(script("page_watch.js"))
        _LISTENING[context] = self

    def _told(self, what: str) -> None:
        if what == "opening":
            self.opening += 1
        elif what == "lost-click":
            self.lost_clicks += 1
        elif what == "click-landed":
            self.lost_clicks = max(0, self.lost_clicks - 1)

    def click_lost(self) -> bool:
        """Whether the page replaced the control a click pressed before the release (so no click reached it) since
        the last time this was asked."""
        lost, self.lost_clicks = self.lost_clicks > 0, 0
        return lost

    def fell_back(self, target: Target) -> None:
        """The fast path's window ran out on `target` and its one-call locator still does not pin one element: the
        careful search takes over (an element that is not there yet, or one the one-call search cannot see). Counted,
        so tests can show a site's plain-words steps never wait on it."""
        self.fallbacks += 1

    def _on_popup(self, popup) -> None:
        self.new_tabs.append(popup)
        self.opening = max(0, self.opening - 1)

    def _await_popups(self, deadline: float) -> None:
        """A tab the step opened is reported a little after the click returns: wait for it, so the next step acts there."""
        if self.opening and not self.new_tabs:
            try:
                self.tabs[-1].wait_for_event("popup", timeout=ms_left(deadline))
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
            raise StepError(navigation_reason(join_url(self.base_url, shown or where), exc)) from exc

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
        return any(same_element(field.locator, locator) for field in self.secret_fields if field.page == page)

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
        target = condition.target
        if target is None:  # kind "url": a condition has a target or an address
            if url_matcher(self.base_url, condition.url or "")(page.url):
                return None
            return f'the page address is "{page.url}", not "{condition.url}"'
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
        self.lost_clicks = 0
        try:
            REGISTRY[step.action].perform(self, step, deadline)
            self._await_popups(deadline)
        except StepError as exc:
            raise StepError(self._cause(waited(str(exc), timeout))) from exc.__cause__
        except AssertionError as exc:
            raise StepError(self._cause(str(exc))) from exc
        except Exception as exc:  # noqa: BLE001 - Playwright's errors, translated in one place
            raise StepError(self._cause(waited(translate(exc), timeout))) from exc
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
