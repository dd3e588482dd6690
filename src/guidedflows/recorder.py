"""`guidedflows record`: what a person does in a browser, written as a flow file step by step.

    recorder.js (every frame) ──binding──▶ events queue ──▶ Recorder._handle ──▶ steps ──▶ file (rewritten atomically)
                                                              │
                       held-back clicks and Enter/Escape ◀────┘ performed by Playwright once recorded

Targets are chosen by targeting.Targeter with the executor's Resolver, so what is written replays in check mode.
Recording ends on the toolbar's Finish, when the first tab or the browser closes, or on Ctrl-C; the file is
rewritten after every step, so nothing recorded is lost.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .authoring import secret_kind, secret_note, unique_name, with_says, write_atomically
from .flowtext import dump_flow, literal
from .locate import script
from .targeting import Targeter
from .urls import join_url

BINDING = "__guidedflowsRecord"
SET_STATE = "s => window.__gfRecorder && window.__gfRecorder.setState(s)"
SET_PASSING = "p => window.__gfRecorder && window.__gfRecorder.setPassing(p)"
STOP = "() => window.__gfRecorder && window.__gfRecorder.stop()"
HAS_SCRIPT = "() => !!window.__gfRecorder && window.__gfRecorder.document === document"
CAUSED_WITHIN = 5.0  # seconds: a page load this soon after a recorded step is its consequence, not a new step
ACT_TIMEOUT = 30_000  # ms for performing a held-back click (a dialog it opens waits for the person meanwhile)
POLL_MS = 50


@dataclass
class Pending:
    """A field being typed into: its target is chosen at the first keystroke, its value is the last one seen."""

    element_id: str
    target: object
    value: str
    field: dict


@dataclass
class Recording:
    out: Path
    title: str
    start: str
    steps: list[dict] = field(default_factory=list)
    params: dict[str, dict] = field(default_factory=dict)

    def flow(self) -> dict:
        flow: dict = {
            "flow": self.title,
            "description": "Recorded with guidedflows record. Read each step's draft `say` before you publish it.",
            "start": self.start,
        }
        if self.params:
            flow["params"] = self.params
        flow["steps"] = self.steps
        return flow

    def save(self) -> None:
        if self.steps:
            write_atomically(self.out, dump_flow(with_says(self.flow())))


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
        self.secret_fields: dict[str, str] = {}  # a field's target → its secret param
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
        page.on("dialog", lambda dialog: None)  # the person answers it; recorder.js tells us how
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
        elif self.mode != "paused" and kind in ("click", "expect", "dblclick", "press", "input", "commit", "select"):
            try:
                getattr(self, "_" + kind)(source["page"], source["frame"], event)
            except Exception as exc:  # noqa: BLE001 - a page that closed or navigated under us: say it, go on
                self.echo(f"    could not record a {kind} ({_first_line(exc)}); do it again if it is missing")

    # -- what the person did ---------------------------------------------------------------------------------------

    def _click(self, page, frame, event: dict) -> None:
        self._flush()
        element = event["element"]
        target, found = self.targeter.choose(page, frame, element)
        if element.get("checked") is not None:
            action = "uncheck" if element["checked"] and not element.get("radio") else "check"
        else:
            action = "click"
        self._add({action: target}, element["id"])
        if found is not None:
            self._perform(page, lambda: getattr(found.locator, action)(timeout=ACT_TIMEOUT))

    def _expect(self, page, frame, event: dict) -> None:
        self._flush()
        target, _found = self.targeter.choose(page, frame, event["element"])
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
            step["on"], _found = self.targeter.choose(page, frame, element)
        self._add(step, element["id"] if element else None)
        self._perform(page, lambda: page.keyboard.press(event["key"]))

    def _input(self, page, frame, event: dict) -> None:
        element = event["element"]
        if self.pending and self.pending.element_id == element["id"]:
            self.pending.value = event["value"]
            return
        self._flush()
        target, _found = self.targeter.choose(page, frame, element)
        self.pending = Pending(element["id"], target, event["value"], element["field"])

    def _commit(self, page, frame, event: dict) -> None:
        if self.pending and self.pending.element_id == event["element"]["id"]:
            self._flush()

    def _select(self, page, frame, event: dict) -> None:
        self._flush()
        target, _found = self.targeter.choose(page, frame, event["element"])
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
        """One secret param per field (typing into it again reuses it)."""
        key = repr(target)
        if key not in self.secret_fields:
            name = unique_name(kind, self.recording.params)
            shown = target if isinstance(target, str) else target.get("name") or target.get("label") or kind
            self.recording.params[name] = {"secret": True, "description": f'typed into "{shown}" while recording'}
            self.secret_fields[key] = name
            self.echo(f"       {name} is a secret, kept out of the file: give it when you run the flow (--param {name}=...)")
        return self.secret_fields[key]

    # -- pages, dialogs, the toolbar -------------------------------------------------------------------------------

    def _document(self, source: dict, event: dict) -> None:
        page, frame = source.get("page"), source.get("frame")
        if not event.get("top") or frame is None or page is None or frame is not page.main_frame:
            return
        seen = getattr(page, "_guidedflows_documents", 0)
        page._guidedflows_documents = seen + 1
        if seen == 0 or time.monotonic() - self.last_step_at < CAUSED_WITHIN:
            return  # the start page, a new tab's first page, or what the last step led to
        self._flush()
        where = self._path(event.get("url", ""))
        navigation = event.get("navigation")
        if navigation == "reload":
            self._add({"go": "reload"}, None)
        elif navigation == "back_forward":
            self._add({"go": "back"}, None)
        elif event.get("referrer"):
            self._add({"expect": "page", "url": literal(where)}, None)
        else:
            self._add({"goto": literal(where)}, None)

    def _dialog(self, event: dict) -> None:
        if self.recording.steps:
            self.recording.steps[-1]["dialog"] = "accept" if event.get("accepted") else "dismiss"
            self.recording.save()

    def _closed(self, page) -> None:
        if page in self.pages:
            first = page is self.pages[0]
            was_current = page is self.pages[-1]
            self.pages.remove(page)
            if first:
                self.finished = True
            elif was_current and time.monotonic() - self.last_step_at >= 1.0:
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

    def _broadcast(self, expression: str = SET_STATE, argument=None) -> None:
        argument = self._state() if argument is None else argument
        for page in list(self.context.pages):
            for frame in page.frames:
                with contextlib.suppress(Exception):
                    frame.evaluate(expression, argument)

    # -- steps -----------------------------------------------------------------------------------------------------

    def _add(self, step: dict, element_id: str | None) -> None:
        self.recording.steps.append(step)
        self.last_step_at = time.monotonic()
        self.last_element = element_id
        self.recording.save()
        number = len(self.recording.steps)
        self.echo(f"  {number:>3}  " + dump_flow({"steps": [step]}).splitlines()[1].strip()[2:])
        self._broadcast()

    def _perform(self, page, act) -> None:
        """Do the held-back action for the person, letting its events through recorder.js."""
        self._broadcast(SET_PASSING, True)
        try:
            act()
        except Exception as exc:  # noqa: BLE001 - said in words; the step stays (it is what the person did)
            if "closed" not in _first_line(exc):
                self.echo(f"    could not do it for you ({_first_line(exc)}); do it again, or fix the step in the file")
        finally:
            self.last_step_at = time.monotonic()
            self._broadcast(SET_PASSING, False)

    def _path(self, url: str) -> str:
        return start_path(url, self.base_url)


def title_from(out: Path) -> str:
    words = re.sub(r"[-_]+", " ", out.name.split(".")[0]).strip()
    return words[:1].upper() + words[1:] if words else "Recorded flow"


def start_path(url: str, base_url: str | None) -> str:
    """A URL under the base URL as the path a flow writes (`/cards.html`), any other URL as it is."""
    base = (base_url or "").rstrip("/")
    if base and (url == base or url.startswith(base + "/")):
        return url[len(base):] or "/"
    return url


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def record(url: str | None, out: Path, *, base_url: str | None, headless: bool, browser_path=None, cdp=None,
           echo=print) -> Recording:
    """Record until the person finishes; the file at `out` holds every step so far at any moment."""
    from .session import BrowserSession
    from .storefront import Storefront

    with contextlib.ExitStack() as stack:
        if url is None:  # the built-in storefront (or the site at --base-url), from its home page
            base_url = base_url or stack.enter_context(Storefront()).url
            url = join_url(base_url, "/")
        session = stack.enter_context(BrowserSession(browser_path=browser_path, headless=headless, cdp=cdp))
        page = stack.enter_context(session.page())
        recording = Recording(out, title_from(out), start_path(url or page.url, base_url))
        recorder = Recorder(page.context, recording, base_url, echo=echo)
        recorder.install(page)
        recorder.start_on(page, url)
        echo(f"recording {url or page.url} into {out}: do the procedure in the browser; finish with the toolbar's "
             "Finish recording, by closing the tab, or with Ctrl-C")
        try:
            recorder.run()
        except KeyboardInterrupt:
            echo("interrupted: the steps so far are saved")
        finally:
            with contextlib.suppress(Exception):
                recorder.stop()
    note = secret_note(recording.flow(), out)
    echo(f"wrote {out} ({len(recording.steps)} steps)" if recording.steps else "nothing was recorded; no file written")
    if note:
        echo(note)
    return recording
