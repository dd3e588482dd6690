"""The Python side of the in-page overlay: install it in a browser context, draw a step, hear what the person did.

The overlay's own contract is at the top of overlay/overlay.js. Drawing a step is one protocol call in the target's
frame (card + spotlight + watch at once); waiting for the person is one blocking call per few seconds, while the
binding brings every event to Python even when a navigation cuts that call short.
"""

from __future__ import annotations

from ..overlay import overlay_script

DRAW = """(el, a) => {
  const g = window.__guidedflows;
  if (!g) return false;
  g.render(a.card);
  g.spotlight(el, a.spot);
  if (a.watch) g.watch(el, a.watch); else g.unwatch();
  return true;
}"""
DRAW_WITHOUT_TARGET = "a => { const g = window.__guidedflows; if (!g) return false; g.render(a.card); " \
    "g.spotlight(null); if (a.watch) g.watch(null, a.watch); else g.unwatch(); return true; }"
# The fast path (issue 8, B5): draw on the one element a locator finds, and wait for the person, in one call.
DRAW_ONE = """(els, a) => {
  const g = window.__guidedflows;
  if (!g) return {drawn: false, matched: null};  // a document the overlay is not in yet: still loading
  if (els.length !== 1) return {drawn: false, matched: els.length};
  g.render(a.card);
  g.spotlight(els[0], a.spot);
  if (a.watch) g.watch(els[0], a.watch); else g.unwatch();
  if (a.wait === null) return {drawn: true, event: null};
  return g.nextEvent(a.wait).then(event => ({drawn: true, event}));
}"""
WAKE = "t => window.__guidedflows ? window.__guidedflows.nextEvent(t) : null"
CLEAR = "() => window.__guidedflows && window.__guidedflows.clear()"
UNWATCH = "() => window.__guidedflows && window.__guidedflows.unwatch()"
# Before the tool does a step itself: the page's keys and clicks go to the page, not to the card that has the focus.
HAND_OVER = "() => { const g = window.__guidedflows; if (g) { g.unwatch(); if (g.releaseFocus) g.releaseFocus(); } }"
POINT = "(el) => window.__guidedflows ? window.__guidedflows.pointerTo(el) : false"
WAIT_SLICE_MS = 3000


class Stage:
    """One overlay per browser context; events from every frame land in `events`."""

    def __init__(self, page_source=None):
        self.page_source = page_source  # the current tab, which changes when the flow moves into a new one
        self.events: list = []  # every event the binding brought since the last draw
        self.heard = 0  # how many of them the blocking wait already returned
        self.matched: int | None = None  # elements the last draw_one found (None: the page was loading or moving)

    def install(self, context) -> None:
        if getattr(context, "_guidedflows_stage", None) is None:
            context.add_init_script(overlay_script())
            context.expose_binding("__guidedflowsNotify", lambda source, event: context._guidedflows_stage._hear(source, event))
        context._guidedflows_stage = self

    def _hear(self, source, event) -> None:
        if isinstance(event, dict):
            self.events.append(event)

    def _unheard(self) -> dict | None:
        """An event the binding brought that the blocking wait never returned (a navigation cut it short)."""
        if len(self.events) > self.heard:
            self.heard += 1
            return self.events[self.heard - 1]
        return None

    def ensure_script(self, page) -> None:
        """A page opened before `install` (the person's own tab, over --cdp) gets the overlay now."""
        if not page.evaluate("() => !!window.__guidedflows"):
            page.evaluate(overlay_script())

    def draw(self, found, card: dict, *, watch: dict | None = None, spot: dict | None = None) -> None:
        """Show the card; spotlight (and watch) the found element, or none when `found` is None."""
        self.events.clear()
        self.heard = 0
        args = {"card": card, "watch": watch, "spot": spot or {"padding": 6}}
        if found is None:
            self.page_source().main_frame.evaluate(DRAW_WITHOUT_TARGET, args)
        else:
            found.locator.evaluate(DRAW, args)

    def draw_one(self, locator, card: dict, *, watch: dict | None = None, wait_ms: int | None = None):
        """(drawn, event): draw on the locator's element when it finds exactly one in the top frame, else draw
        nothing; with `wait_ms`, the same call then waits for the person's first event, as next_event does.

        One protocol call instead of locate + draw + wait. Anything else (no element yet, several, the page moving
        under the call) answers (False, None) and the caller takes the careful path, which draws as before.
        """
        self.events.clear()
        self.heard = 0
        self.matched = None
        args = {"card": card, "watch": watch, "spot": {"padding": 6}, "wait": wait_ms}
        try:
            result = locator.evaluate_all(DRAW_ONE, args)
        except Exception:  # noqa: BLE001 - a navigation cut the call: the binding may have brought the event
            event = self._unheard()
            return (True, event) if event is not None else (False, None)
        self.matched = result.get("matched", 1) if isinstance(result, dict) else None
        if not result or not result.get("drawn"):
            return False, None
        if result.get("event"):
            self.heard += 1
        return True, result.get("event")

    def next_event(self, slice_ms: int = WAIT_SLICE_MS, step: int | None = None) -> dict | None:
        """The next event about `step` (the card's step number), skipping stale ones from an earlier card."""
        while True:
            event = self._next_event(slice_ms)
            if event is None or step is None or event.get("step") in (None, step):
                return event

    def _next_event(self, slice_ms: int) -> dict | None:
        """The next thing the person did, waiting up to `slice_ms`; None when nothing happened in that time.

        Raises Playwright's error when the page navigated or closed and no event is left to tell.
        """
        try:
            event = self.page_source().main_frame.evaluate(WAKE, slice_ms)
        except Exception:
            event = self._unheard()
            if event is None:
                raise
            return event
        if event:
            self.heard += 1
        return event

    def pointer_to(self, found) -> None:
        found.locator.evaluate(POINT)

    def unwatch(self) -> None:
        """Stop watching before the tool does the step itself, so its own action is not taken for the person's."""
        self.page_source().main_frame.evaluate(UNWATCH)

    def hand_over(self) -> None:
        """Stop watching and give the focus back to the page before the tool does the step ("Do it for me"), so its
        own action is not taken for the person's and a key it presses reaches the page, not the card."""
        self.page_source().main_frame.evaluate(HAND_OVER)

    def clear(self) -> None:
        self.page_source().main_frame.evaluate(CLEAR)
