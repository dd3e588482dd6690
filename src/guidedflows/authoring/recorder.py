"""`guidedflows record`: what a person does in a browser, written as a flow file step by step.

    recorder.js (every frame) ──binding──▶ events queue ──▶ Recorder._handle ──▶ steps ──▶ file (rewritten atomically)
                                                              │
                       held-back clicks and Enter/Escape ◀────┘ performed by Playwright once recorded

Targets are chosen by targeting.Targeter with the executor's Resolver, so what is written replays in check mode.
Recording ends on the toolbar's Finish, when the first tab or the browser closes, or on Ctrl-C; the file is
rewritten after every step (record_session.Recording), so nothing recorded is lost. record_session.record runs a session.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from ..browser.inpage import script
from ..browser.targeting import Targeter
from ..flow.flowtext import dump_flow, literal
from .drafts import secret_kind
from .record_session import Recording, start_path

BINDING = "__guidedflowsRecord"
SET_STATE = "s => window.__gfRecorder && window.__gfRecorder.setState(s)"
SET_PASSING = "p => window.__gfRecorder && window.__gfRecorder.setPassing(p)"
# After a held-back action is done: nothing passes any more, and the toolbar counts the step (one call per frame).
PERFORMED = "s => window.__gfRecorder && (window.__gfRecorder.setPassing(null), window.__gfRecorder.setState(s))"
STOP = "() => window.__gfRecorder && window.__gfRecorder.stop()"
HAS_SCRIPT = "() => !!window.__gfRecorder && window.__gfRecorder.document === document"
CAUSED_WITHIN = 5.0  # seconds: a page load this soon after a recorded step is its consequence, not a new step
ACT_TIMEOUT = 30_000  # ms for performing a held-back click (a dialog it opens waits for the person meanwhile)
POLL_MS = 50
_STATE = object()  # _broadcast's default argument: the toolbar's current state


@dataclass
class Pending:
    """A field being typed into: its target is chosen at the first keystroke, its value is the last one seen."""

    element_id: str
    target: object
    value: str
    field: dict


class Recorder:
    """Turns the events of one browser context into the steps of `recording`."""

    def __init__(self, context, recording: Recording, base_url: str | None, *, echo=print):
        self.context = context
        self.recording = recording
        self.base_url = base_url
        self.echo = echo
        self.targeter = Targeter()
        self.events: list[tuple[dict, dict]] = []
        self.mode = "recording"
        self.pages: list = []  # tabs in the order the flow meets them; the last is where it acts
        self.pending: Pending | None = None
        self.history: dict[int, list[str]] = {}  # per tab: the addresses of its top-level documents
        self.closing: set[int] = set()  # tabs whose page called window.close()
        self.performing: dict | None = None  # the step whose action is being done for the person
        self.dialog_openers: list[dict | None] = []  # per dialog opened and not yet answered: the step that opened it
        self.last_step_at = 0.0
        self.last_element: str | None = None
        self.finished = False

    # -- setting up ------------------------------------------------------------------------------------------------

    def install(self, page) -> None:
        self.context.expose_binding(BINDING, self._hear)
        self.context.add_init_script(script("recorder.js"))
        self.context.on("page", self._adopt)
        self._adopt(page)

    def _adopt(self, page) -> None:
        self.pages.append(page)
        page.on("dialog", self._dialog_opened)  # the person answers it; recorder.js tells us how
        page.on("close", lambda closed: self.events.append(({"page": closed}, {"type": "closed"})))
        page.on("load", lambda loaded: self.events.append(({"page": loaded}, {"type": "loaded"})))

    def start_on(self, page, url: str | None) -> None:
        """Open the start page (or, attached to the person's tab, record from what it shows)."""
        if url:
            page.goto(url)
        else:
            self._ensure_script(page)  # a page opened before the init script was added
        self._broadcast()

    def _ensure_script(self, page) -> None:
        """A document the init script missed gets it now: a new tab can start loading before this connection has
        added its scripts, when another client attached over CDP (the person's tooling, a test) lets it run first."""
        for frame in page.frames:
            with contextlib.suppress(Exception):
                if not frame.evaluate(HAS_SCRIPT):
                    frame.evaluate(script("recorder.js"))

    def _hear(self, source: dict, event) -> dict | None:
        """The binding: queue the event (handled in the main loop), answer a new document with the toolbar state."""
        if isinstance(event, dict):
            self.events.append((source, event))
            if event.get("type") == "document":
                return self._state()
        return None

    def _state(self) -> dict:
        return {"mode": self.mode, "steps": len(self.recording.steps)}

    # -- the loop --------------------------------------------------------------------------------------------------

    def run(self) -> None:
        """Handle events until Finish, the first tab closing, or the browser going away."""
        try:
            while not self.finished:
                while self.events and not self.finished:
                    source, event = self.events.pop(0)
                    self._handle(source, event)
                if not self.finished:
                    self._idle()
        finally:
            self._flush()
            self.recording.save()

    def _idle(self) -> None:
        page = next((p for p in reversed(self.pages) if not p.is_closed()), None)
        if page is None:
            self.finished = True
            return
        try:
            page.wait_for_timeout(POLL_MS)  # lets Playwright deliver events while we wait
        except Exception:  # noqa: BLE001 - the page or the browser closed under us
            if not self.context.pages:
                self.finished = True

    def stop(self) -> None:
        """Leave the person's pages as they were: no toolbar, nothing held back."""
        for page in self.context.pages:
            for frame in page.frames:
                with contextlib.suppress(Exception):
                    frame.evaluate(STOP)

    def _handle(self, source: dict, event: dict) -> None:
        kind = event.get("type")
        if kind == "toolbar":
            self._toolbar(event.get("action"))
        elif kind == "closed":
            self._closed(source["page"])
        elif kind == "loaded":
            self._ensure_script(source["page"])
        elif kind == "document":
            self._document(source, event)
        elif kind == "dialog":
            self._dialog(event)
        elif kind == "closing" and source.get("page") is not None:
            self.closing.add(id(source["page"]))
        elif self.mode != "paused" and kind in ("click", "expect", "dblclick", "press", "input", "commit", "select"):
            try:
                getattr(self, "_" + kind)(source["page"], source["frame"], event)
            except Exception as exc:  # noqa: BLE001 - a page that closed or navigated under us: say it, go on
                self.echo(f"    could not record a {kind} ({_first_line(exc)}); do it again if it is missing")

    # -- what the person did ---------------------------------------------------------------------------------------

    def _click(self, page, frame, event: dict) -> None:
        self._flush()
        element = event["element"]
        if element.get("checked") is not None:
            action = "uncheck" if element["checked"] and not element.get("radio") else "check"
        else:
            action = "click"
        target, found = self.targeter.choose(page, frame, element, action)
        self._add({action: target}, element["id"], shown=found is None)
        if found is not None:
            self._perform(page, lambda: getattr(found.locator, action)(timeout=ACT_TIMEOUT), {"id": element["id"]})

    def _expect(self, page, frame, event: dict) -> None:
        self._flush()
        target, _found = self.targeter.choose(page, frame, event["element"], "expect")
        self._add({"expect": target}, event["element"]["id"])
        self._set_mode("recording")

    def _dblclick(self, page, frame, event: dict) -> None:
        """The two clicks before it were on the same element: they were one double-click."""
        steps = self.recording.steps
        if len(steps) >= 2 and "click" in steps[-1] and steps[-1] == steps[-2]:
            target = steps[-1]["click"]
            del steps[-2:]
            self._add({"dblclick": target}, event["element"]["id"])

    def _press(self, page, frame, event: dict) -> None:
        self._flush()
        element = event.get("element")
        step: dict = {"press": event["key"]}
        if element and element["id"] != self.last_element:
            step["on"], _found = self.targeter.choose(page, frame, element, "press")
        self._add(step, element["id"] if element else None, shown=False)
        self._perform(page, lambda: page.keyboard.press(event["key"]), {"key": event["key"].split("+")[-1]})

    def _input(self, page, frame, event: dict) -> None:
        element = event["element"]
        if self.pending and self.pending.element_id == element["id"]:
            self.pending.value = event["value"]
            return
        self._flush()
        target, _found = self.targeter.choose(page, frame, element, "fill")
        self.pending = Pending(element["id"], target, event["value"], element["field"])

    def _commit(self, page, frame, event: dict) -> None:
        if self.pending and self.pending.element_id == event["element"]["id"]:
            self._flush()

    def _select(self, page, frame, event: dict) -> None:
        self._flush()
        target, _found = self.targeter.choose(page, frame, event["element"], "select")
        self._add({"select": target, "value": literal(event["value"])}, event["element"]["id"])

    def _flush(self) -> None:
        """Write the field being typed into as one `fill`, with a secret param for a password or card field."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        hints = [h for h in pending.field.get("hints", []) if h]
        secret = secret_kind(pending.value, hints, password_field=pending.field.get("type") == "password")
        if secret:
            name = self._secret_param(secret, pending.target)
            value = f"${{{name}}}"
        else:
            value = literal(pending.value)
        self._add({"fill": pending.target, "value": value}, pending.element_id)

    def _secret_param(self, kind: str, target) -> str:
        name, new = self.recording.secret(kind, target)
        if new:
            self.echo(f"       {name} is a secret, kept out of the file: give it when you run the flow (--param {name}=...)")
        return name

    # -- pages, dialogs, the toolbar -------------------------------------------------------------------------------

    def _document(self, source: dict, event: dict) -> None:
        """A new top-level page: a step only when no recorded step led to it (back, reload, a typed address)."""
        page, frame = source.get("page"), source.get("frame")
        if not event.get("top") or frame is None or page is None or frame is not page.main_frame:
            return
        url = event.get("url", "")
        if url == "about:blank":
            return  # a new tab's empty first document, before its page
        history = self.history.setdefault(id(page), [])
        came_back = len(history) >= 2 and history[-2] == url
        history.append(url)
        navigation = event.get("navigation")
        if len(history) == 1 or self.mode == "paused":
            return  # the start page or a new tab's first page: where the flow already is
        if navigation == "navigate" and time.monotonic() - self.last_step_at < CAUSED_WITHIN:
            return  # what the last step led to
        self._flush()
        where = literal(self._path(url))
        if navigation == "reload":
            self._add({"go": "reload"}, None)
        elif navigation == "back_forward":
            self._add({"go": "back" if came_back else "forward"}, None)
        elif event.get("referrer"):
            self._add({"expect": "page", "url": where}, None)
        else:
            self._add({"goto": where}, None)

    def _dialog_opened(self, dialog) -> None:
        """Which step opened it: the one being performed (the person may have done more since), else the last."""
        opener = self.performing or (self.recording.steps[-1] if self.recording.steps else None)
        self.dialog_openers.append(opener)

    def _dialog(self, event: dict) -> None:
        step = self.dialog_openers.pop(0) if self.dialog_openers else None
        if step is not None:
            step["dialog"] = "accept" if event.get("accepted") else "dismiss"
            self.recording.save()

    def _closed(self, page) -> None:
        """The first tab closing ends the recording; the person closing the current tab is `close: tab`."""
        if page not in self.pages:
            return
        first, current = page is self.pages[0], page is self.pages[-1]
        self.pages.remove(page)
        if first:
            self.finished = True
        elif current and id(page) not in self.closing and self.mode != "paused":
            self._flush()
            self._add({"close": "tab"}, None)

    def _toolbar(self, action) -> None:
        if action == "finish":
            self.finished = True
        elif action == "pause":
            self._flush()
            self._set_mode("paused")
        elif action == "resume":
            self._set_mode("recording")
        elif action == "expect":
            self._set_mode("recording" if self.mode == "expect" else "expect")

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self._broadcast()

    def _broadcast(self, expression: str = SET_STATE, argument=_STATE) -> None:
        """Evaluate in every frame of every tab (the toolbar's state, by default)."""
        argument = self._state() if argument is _STATE else argument
        for page in list(self.context.pages):
            for frame in page.frames:
                with contextlib.suppress(Exception):
                    frame.evaluate(expression, argument)

    # -- steps -----------------------------------------------------------------------------------------------------

    def _add(self, step: dict, element_id: str | None, shown: bool = True) -> None:
        """Record a step; the toolbar counts it now (`shown`), or once the held-back action is done (_perform): a
        person's next click, on Finish as well, then lands on the page as the step left it."""
        self.recording.steps.append(step)
        self.last_step_at = time.monotonic()
        self.last_element = element_id
        self.recording.save()
        number = len(self.recording.steps)
        self.echo(f"  {number:>3}  " + dump_flow({"steps": [step]}).splitlines()[1].strip()[2:])
        if shown:
            self._broadcast()

    def _perform(self, page, act, passing: dict) -> None:
        """Do the held-back action for the person, letting its events (and only those) through recorder.js."""
        self._broadcast(SET_PASSING, passing)
        self.performing = self.recording.steps[-1]
        try:
            act()
        except Exception as exc:  # noqa: BLE001 - said in words; the step stays (it is what the person did)
            if "closed" not in _first_line(exc):
                self.echo(f"    could not do it for you ({_first_line(exc)}); do it again, or fix the step in the file")
        finally:
            self.performing = None
            self.last_step_at = time.monotonic()
            self._broadcast(PERFORMED)

    def _path(self, url: str) -> str:
        return start_path(url, self.base_url)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
