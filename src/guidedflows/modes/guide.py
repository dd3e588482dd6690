"""Guide mode: the person does each step; we spotlight it, say what to do, and move on when they have done it.

Policy only: finding targets and "Do it for me" use the same driver as check mode. Per step:

    find the target (card says "Looking for …" while it is not there, "I can't find …" after the timeout)
    → draw card + spotlight + watch in one call → wait for the person: done / Next / Back / Skip / Exit / Do it for me
    a navigation or reload in between → draw again on the new page
"""

from __future__ import annotations

import contextlib
import time

from ..browser.acting import StepError
from ..flow.markup import plain
from ..run.context import StepContext
from ..run.executor import BACK, EXIT, INTERRUPTED, NEXT, SKIP, PlannedStep, reason
from ..steps import FOR_THE_PERSON, REGISTRY, UNTIL_IT_HOLDS
from .stage import WAIT_SLICE_MS, Stage

LOOK_SLICE = 1.0  # seconds between looks for a target that is not there yet
FIRST_LOOK = 0.3  # seconds a target may take to appear before the card says "Looking for …"
WAITING_LOOK = 0.2  # seconds an expectation's element may take to appear before its card is drawn without it


class Redraw(Exception):
    """The page changed under the card (navigation, reload, closed tab): draw the step again."""


class GuideMode:
    name = "guide"
    carry_on_after_failure = True
    answer_dialogs = False  # the person answers dialogs; "Do it for me" answers as the step says
    exclude_overlay = True

    def __init__(self, stage: Stage | None = None):
        self.stage = stage or Stage()
        self.note: str | None = None  # how the step was done, for the console
        self.message: str | None = None  # a line kept on the card until the step is over

    # -- the flow ----------------------------------------------------------------------------------------------

    def flow_started(self, ctx: StepContext) -> None:
        self.stage.page_source = lambda: ctx.page
        self.stage.install(ctx.page.context)

    def flow_finished(self, ctx: StepContext, result) -> None:
        if result.error or result.failed_step:
            if INTERRUPTED in (result.error, result.failed_step and result.failed_step.error):
                with contextlib.suppress(Exception):  # Ctrl-C: no card with buttons nobody answers any more
                    self.stage.clear()
            return
        count = len(ctx.counted())
        card = self._card(ctx, None, status="finished", body=f"All done — {count} step{'s' if count != 1 else ''}.")
        card["buttons"] = {"exit": True}
        try:
            self.stage.draw(None, card)
            while self._event(ctx) not in ("exit", "next"):
                pass
            self.stage.clear()
        except Exception:  # noqa: BLE001 - the person closed the tab or the browser: the guide is over anyway
            pass

    # -- one step ----------------------------------------------------------------------------------------------

    def do(self, ctx: StepContext, planned: PlannedStep) -> str:
        self.note = self.message = None
        if planned.hidden:
            ctx.act(planned)
            return NEXT
        while True:
            try:
                return self._guide(ctx, planned)
            except Redraw:
                continue
            except StepError:
                raise
            except Exception as exc:  # Playwright's error from a tab the person closed while we looked in it
                if ctx.page.is_closed():
                    raise StepError("the browser tab was closed") from exc
                raise

    def _guide(self, ctx: StepContext, planned: PlannedStep) -> str:
        step = planned.step
        action = REGISTRY[step.action]
        target = step.target
        watch = action.watch(step) if action.watch is not None else None
        if action.guide == FOR_THE_PERSON:
            self.stage.draw(None, self._card(ctx, planned))
            self._do_it(ctx, planned)
            return NEXT
        if action.guide == UNTIL_IT_HOLDS:
            return self._wait_for_expectation(ctx, planned)
        if target is None:  # a note (Next), or a key pressed wherever the focus is (the watch is on the whole page)
            self.stage.draw(None, self._card(ctx, planned), watch=watch)
            return self._wait(ctx, planned)
        looked = 0.0
        if target.frame is None:
            answer, looked = self._fast(ctx, planned, target, watch)
            if answer is not None:
                return answer
        found, event = self._find(ctx, planned, target, first_look=max(0.0, FIRST_LOOK - looked))
        if found is None:
            answer = self._answer(ctx, planned, event)
            return answer if answer is not None else self._wait(ctx, planned)
        if found.frame == ctx.page.main_frame:
            answer = self._draw_and_wait(ctx, planned, found.locator, watch)
            if answer is not None:
                return answer
        self.stage.draw(found, self._card(ctx, planned), watch=watch)
        return self._wait(ctx, planned)

    def _fast(self, ctx: StepContext, planned: PlannedStep, target, watch) -> tuple[str | None, float]:
        """The fast path (issue 8, B5): a target that is one element of the top frame is drawn and waited for in one
        call, as check mode acts in one; one not there yet (content still loading) is waited for in one more call,
        as long as the careful path would look before saying "Looking for …". (The answer or None, seconds spent.)"""
        started = time.monotonic()
        locator = ctx.locator(target)
        answer = self._draw_and_wait(ctx, planned, locator, watch)
        if answer is None and self.stage.matched is None:  # the page was loading: once it is there, again
            locator = _settled_locator(ctx, target)
            answer = self._draw_and_wait(ctx, planned, locator, watch)
        if answer is None and self.stage.matched == 0 and _appears(locator, FIRST_LOOK):
            answer = self._draw_and_wait(ctx, planned, locator, watch)
        return answer, time.monotonic() - started

    def _draw_and_wait(self, ctx: StepContext, planned: PlannedStep, locator, watch) -> str | None:
        """Draw on the locator's one element of the top frame and wait for the person, in one call; None when it
        finds no element or several, or the page moved under the call: the caller draws the careful way."""
        drawn, event = self.stage.draw_one(locator, self._card(ctx, planned), watch=watch, wait_ms=WAIT_SLICE_MS)
        if not drawn:
            return None
        if event is not None and event.get("step") not in (None, self._index(ctx, planned)):
            event = None  # from an earlier card
        answer = self._answer(ctx, planned, event.get("type") if event else None)
        return answer if answer is not None else self._wait(ctx, planned)

    def _wait(self, ctx: StepContext, planned: PlannedStep) -> str:
        while True:
            answer = self._answer(ctx, planned, self._event(ctx, planned))
            if answer is not None:
                return answer

    def _answer(self, ctx: StepContext, planned: PlannedStep, event: str | None) -> str | None:
        if event == "done":
            self.note = "done by the person"
            return NEXT
        if event in (NEXT, BACK, SKIP, EXIT):
            return event
        if event == "doit":
            self._do_it(ctx, planned)
            return NEXT
        return None

    def _event(self, ctx: StepContext, planned: PlannedStep | None = None) -> str | None:
        try:
            event = self.stage.next_event(step=self._index(ctx, planned))
        except Exception as exc:  # noqa: BLE001 - the page navigated or closed under the wait
            if ctx.page.is_closed():
                raise StepError("the browser tab was closed") from exc
            _settle(ctx.page)
            raise Redraw() from exc
        return event.get("type") if event else None

    def _do_it(self, ctx: StepContext, planned: PlannedStep) -> None:
        """Perform the step with check mode's code; if that fails, say why on the card and let the person go on."""
        try:
            with ctx.answering_dialogs():
                if REGISTRY[planned.step.action].watch is not None:
                    self.stage.hand_over()
                ctx.act(planned)
        except StepError as exc:
            if REGISTRY[planned.step.action].guide == FOR_THE_PERSON:
                raise
            self.message = f"I couldn't do it for you: {reason(ctx.flow, planned.step, exc)}"
            raise Redraw() from exc
        self.note = "done for the person" if REGISTRY[planned.step.action].guide != FOR_THE_PERSON else None

    # -- targets that are late, missing, or conditions that take time -----------------------------------------

    def _find(self, ctx: StepContext, planned: PlannedStep, target, first_look: float = FIRST_LOOK):
        """(element, None) once the target is there, drawing "Looking for …" meanwhile; (None, event) if the
        person pressed a button first (Next, Skip, Back, Exit, Do it for me)."""
        try:
            return ctx.locate(target, first_look), None
        except StepError:
            pass
        name = plain(target.shown_name)
        deadline = time.monotonic() + ctx.timeout_for(planned.step)
        while True:
            missing = time.monotonic() > deadline
            message = f"I can't find **{name}** on this page." if missing else f"Looking for **{name}**…"
            self.stage.draw(None, self._card(ctx, planned, status="missing" if missing else "looking", message=message))
            try:
                return ctx.locate(target, LOOK_SLICE), None
            except StepError:
                pass
            event = self._event_now(ctx, planned)
            if event is not None:
                return None, event

    def _event_now(self, ctx: StepContext, planned: PlannedStep) -> str | None:
        try:
            event = self.stage.next_event(0, step=self._index(ctx, planned))
        except Exception:  # noqa: BLE001 - navigating: look again on the new page
            _settle(ctx.page)
            return None
        return event.get("type") if event else None

    def _wait_for_expectation(self, ctx: StepContext, planned: PlannedStep) -> str:
        """`expect`: shown as "Waiting for …", it moves on by itself once the condition holds."""
        step = planned.step
        message = f"Waiting for: {plain(step.describe())}"
        self._draw_waiting(ctx, step, self._card(ctx, planned, status="waiting", message=message))
        while True:
            try:
                ctx.perform(step, LOOK_SLICE)
                return NEXT
            except StepError:
                pass
            answer = self._answer(ctx, planned, self._event_now(ctx, planned))
            if answer is not None:
                return answer

    def _draw_waiting(self, ctx: StepContext, step, card: dict) -> None:
        """The expectation's card, its element spotlit when it is there: in one call when it is one element of the
        top frame (the fast path, issue 8 B5), else found the careful way first."""
        page = ctx.page
        if step.target.kind == "page":
            self.stage.draw(None, card)
            return
        look = WAITING_LOOK
        if step.target.frame is None:
            started, locator = time.monotonic(), ctx.locator(step.target)
            if self.stage.draw_one(locator, card)[0]:
                return
            if self.stage.matched is None:  # the page was loading: once it is there, again
                locator = _settled_locator(ctx, step.target)
                if self.stage.draw_one(locator, card)[0]:
                    return
            if self.stage.matched == 0 and _appears(locator, WAITING_LOOK) and self.stage.draw_one(locator, card)[0]:
                return
            look = max(0.0, WAITING_LOOK - (time.monotonic() - started))
        try:
            found = ctx.locate(step.target, look)
        except StepError:
            found = None
        if found is not None and found.frame == page.main_frame and self.stage.draw_one(found.locator, card)[0]:
            return
        self.stage.draw(found, card)

    # -- cards -------------------------------------------------------------------------------------------------

    @staticmethod
    def _index(ctx: StepContext, planned: PlannedStep | None) -> int | None:
        counted = ctx.counted()
        return counted.index(planned) + 1 if planned in counted else None

    def _card(self, ctx: StepContext, planned: PlannedStep | None, *, status="active", body=None, message=None) -> dict:
        return card_for(ctx, planned, status=status, body=body, message=message or self.message)


def card_for(ctx: StepContext, planned: PlannedStep | None, *, status="active", body=None, message=None, buttons=None) -> dict:
    """What the overlay's card shows for a step (see overlay.js, render)."""
    shown = ctx.counted()
    index = shown.index(planned) + 1 if planned in shown else len(shown)
    step = planned.step if planned else None
    performable = step is not None and REGISTRY[step.action].performable
    default_buttons = {"back": index > 1, "next": True, "skip": True, "exit": True, "doit": performable}
    return {
        "flow": ctx.flow.title,
        "body": body if body is not None or step is None else step.text,
        "progress": f"{index} of {len(shown)}",
        "step": index,
        "total": len(shown),
        "status": status,
        "message": message,
        "hint": REGISTRY[step.action].hint(step) if step is not None else None,
        "expect_dialog": step.dialog if step is not None else None,
        "buttons": default_buttons if buttons is None else buttons,
    }


def _settled_locator(ctx: StepContext, target):
    """The target's locator on the current tab once its document has loaded (no protocol call when it has)."""
    _settle(ctx.page)
    return ctx.locator(target)


def _appears(locator, seconds: float) -> bool:
    """Whether the locator comes to find exactly one element within `seconds`, waited for in one call."""
    from playwright.sync_api import expect

    try:
        expect(locator).to_have_count(1, timeout=seconds * 1000)
    except Exception:  # noqa: BLE001 - not in time (AssertionError), or the page moved under the call
        return False
    return True


def _settle(page) -> None:
    """After a navigation cut a call short, wait for the new document so the overlay script is there."""
    try:
        page.wait_for_load_state("domcontentloaded", timeout=10_000)
    except Exception:  # noqa: BLE001 - closed or still loading: the next draw will tell
        pass
