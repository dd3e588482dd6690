"""Targets → Playwright locators, and the search for a human string target the way a person would look for it.

A string target is tried as, in order: an interactive element named so, a field labelled so, a field with that
placeholder, visible text, an image's alt text; the first kind finding exactly one visible element wins. Several →
`Ambiguous` with a precise target for each; none anywhere (page, then its iframes) → `NotFound` with the closest
texts on the page.
"""

from __future__ import annotations

import difflib
import json
import time
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .model import INTERACTIVE_ROLES, Target
from .overlay import OUTSIDE_OVERLAY

HUMAN_KINDS = ("interactive", "label", "placeholder", "text", "alt")
KIND_WORDS = {
    "interactive": "controls named",
    "label": "fields labelled",
    "placeholder": "fields with the placeholder",
    "text": "elements reading",
    "alt": "images described as",
}
# Close to Playwright's retry rhythm for actionability (docs/src/actionability.md), capped lower so a guide
# notices a late element quickly.
BACKOFF = (0.02, 0.1, 0.1, 0.25)


@cache
def script(name: str) -> str:
    return resources.files("guidedflows").joinpath("js", name).read_text("utf-8")


class TargetProblem(Exception):
    """A target could not be pinned to one element; the message says why, in a person's words."""


class NotFound(TargetProblem):
    def __init__(self, target: Target, closest: list[str], hidden: bool = False):
        self.target, self.closest, self.hidden = target, closest, hidden
        message = f"could not find {target.spelled()} on the page"
        if hidden:  # a person would say it is not there; the author needs to know it is, but hidden
            message = f"{target.spelled()} is on the page, but it is not visible (hidden)"
        elif closest:
            message += "; the closest texts on the page are: " + ", ".join(f'"{t}"' for t in closest)
        super().__init__(message)


class Ambiguous(TargetProblem):
    def __init__(self, target: Target, what: str, precise: list[str]):
        self.target, self.precise = target, precise
        lines = "\n".join(f"    - {p}" for p in precise)
        super().__init__(f"{target.spelled()} matches {len(precise)} {what}; say which one:\n{lines}")


# The guide's own card lives in the page (in an open shadow root, which Playwright's locators pierce): a target must
# never find it, e.g. the card's "Looking for **Card number**…" while looking for "Card number".
NOT_OVERLAY = OUTSIDE_OVERLAY


def build(target: Target, scope, exclude_overlay: bool = False):
    """The Playwright locator for an explicit target inside `scope` (a Page, Frame, FrameLocator or Locator)."""
    if target.frame is not None:
        scope = build(target.frame, scope, exclude_overlay).content_frame
    if target.within is not None:
        scope = build(target.within, scope, exclude_overlay)
    locator = _base(target, scope)
    if exclude_overlay:
        locator = locator.and_(scope.locator(NOT_OVERLAY))
    if target.has_text is not None:
        locator = locator.filter(has_text=target.has_text)
    if target.nth is not None:
        locator = locator.nth(target.nth)
    return locator


def _base(target: Target, scope):
    kind, value, exact = target.kind, target.value, target.exact
    if kind == "human":
        return _human_union(scope, value, exact)
    if kind == "role":
        return scope.get_by_role(value, name=target.name, exact=exact) if target.name is not None else scope.get_by_role(value)
    if kind in ("css", "xpath"):
        return scope.locator(f"{kind}={value}")
    getter = {
        "text": scope.get_by_text,
        "label": scope.get_by_label,
        "placeholder": scope.get_by_placeholder,
        "alt": scope.get_by_alt_text,
        "title": scope.get_by_title,
    }.get(kind)
    if getter is not None:
        return getter(value, exact=exact)
    if kind == "testid":
        return scope.get_by_test_id(value)
    raise ValueError(f"not an element target: {kind}")  # pragma: no cover - the loader only makes known kinds


def human_kind(scope, kind: str, text: str, exact: bool = True):
    """One kind of human search, visible elements only."""
    if kind == "interactive":
        locator = None
        for role in INTERACTIVE_ROLES:
            by_role = scope.get_by_role(role, name=text, exact=exact)
            locator = by_role if locator is None else locator.or_(by_role)
    elif kind == "label":
        locator = scope.get_by_label(text, exact=exact)
    elif kind == "placeholder":
        locator = scope.get_by_placeholder(text, exact=exact)
    elif kind == "text":
        locator = scope.get_by_text(text, exact=exact)
    else:
        locator = scope.get_by_alt_text(text, exact=exact)
    return locator.filter(visible=True)


# In the one-shot union, visible text that only repeats a control's name (a field's <label>, the words inside a
# button or link) would make a second match for the same thing; the kind-by-kind search still sees it.
_NAMING_TEXT = "css=:not(label, label *, button *, a *, [role=button] *, [role=link] *, [role=menuitem] *, [role=tab] *)"


def _human_union(scope, text: str, exact: bool):
    """All kinds at once: when this finds exactly one element, it is the one the kind-by-kind search finds."""
    locator = None
    for kind in HUMAN_KINDS:
        one = human_kind(scope, kind, text, exact)
        if kind == "text":
            one = one.and_(scope.locator(_NAMING_TEXT))
        locator = one if locator is None else locator.or_(one)
    return locator


@dataclass
class Found:
    locator: object
    frame: object  # the Playwright Frame the element is in


class Resolver:
    """Pins a target to exactly one element of the current page (or one of its iframes), waiting for it to appear."""

    def __init__(self, test_id_attribute: str = "data-testid", exclude_overlay: bool = False):
        self.test_id_attribute = test_id_attribute
        self.exclude_overlay = exclude_overlay  # set by the modes that draw the overlay

    def build(self, target: Target, scope):
        return build(target, scope, self.exclude_overlay)

    def resolve(self, target: Target, page_source, timeout: float) -> Found:
        """Probe until one element matches; `page_source()` gives the current page (it changes when a tab opens).

        Waiting goes through the page's own timer so Playwright keeps delivering events (popups, dialogs) meanwhile.
        """
        deadline = time.monotonic() + timeout
        delays = iter(BACKOFF)
        while True:
            page = page_source()
            found = self._probe(target, page)
            if found is not None:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise NotFound(target, self.closest_texts(page, target), self.hidden_somewhere(page, target))
            page.wait_for_timeout(min(next(delays, BACKOFF[-1]), remaining) * 1000)

    def _probe(self, target: Target, page) -> Found | None:
        frames = [page.main_frame] if target.frame is not None else page.frames
        for frame in frames:
            try:
                found = self._probe_frame(target, frame)
            except TargetProblem:
                raise
            except Exception as exc:  # noqa: BLE001 - Playwright errors are sorted by their text  # a frame navigating or detaching under us: look again next round
                if _is_transient(exc):
                    continue
                raise
            if found is not None:
                return found
        return None

    def _probe_frame(self, target: Target, frame) -> Found | None:
        locator = self.build(target, frame)
        if target.kind != "human" or target.nth is not None:
            count = locator.count()
            if count > 1 and target.nth is None:
                raise Ambiguous(target, "elements", self.precise_targets(target, locator))
            return Found(locator, frame) if count else None
        if locator.count() == 1:  # the usual case: one round trip
            return Found(locator, frame)
        return self._by_kind(target, frame)

    def _by_kind(self, target: Target, frame) -> Found | None:
        """Several elements matched some kind: take the kinds in the spec's order."""
        for kind in HUMAN_KINDS:
            scope = self.build(target.within, frame) if target.within is not None else frame
            locator = human_kind(scope, kind, target.value, target.exact)
            if self.exclude_overlay:
                locator = locator.and_(scope.locator(NOT_OVERLAY))
            if target.has_text is not None:
                locator = locator.filter(has_text=target.has_text)
            count = locator.count()
            if count == 1:
                return Found(locator, frame)
            if count > 1:
                what = f'{KIND_WORDS[kind]} "{target.value}"'
                raise Ambiguous(target, what, self.precise_targets(target, locator, kind))
        return None

    def precise_targets(self, target: Target, locator, kind: str | None = None) -> list[str]:
        """A target that finds each matching element alone, written the way a flow would say it."""
        base = _base_spelling(target, kind)
        shown = []
        count = min(locator.count(), 8)
        for index in range(count):
            facts = locator.nth(index).evaluate(script("precise_target.js"), self.test_id_attribute)
            shown.append(_precise(base, facts, index, count))
        return shown

    def hidden_somewhere(self, page, target: Target) -> bool:
        """Whether a target that found no visible element finds a hidden one (human and role targets skip those)."""
        if target.kind not in ("human", "role") or target.frame is not None:
            return False
        for frame in page.frames:
            try:
                if _hidden_matches(target, frame, self.exclude_overlay).count():
                    return True
            except Exception:  # noqa: BLE001 - a frame that went away while we looked
                continue
        return False

    def closest_texts(self, page, target: Target, limit: int = 3) -> list[str]:
        wanted = target.name if target.kind == "role" and target.name else target.value
        texts: list[str] = []
        for frame in page.frames:
            try:
                texts.extend(frame.evaluate(script("visible_texts.js")))
            except Exception:  # a frame that went away while we looked
                continue
        lowered = {t.lower(): t for t in texts}
        close = difflib.get_close_matches(wanted.lower(), list(lowered), n=limit, cutoff=0.4)
        return [lowered[c] for c in close]


def _hidden_matches(target: Target, frame, exclude_overlay: bool):
    """What the target would find if hidden elements counted (the human kinds and roles, without the visible filter)."""
    scope = build(target.within, frame, exclude_overlay) if target.within is not None else frame
    text, exact = (target.value, target.exact) if target.kind == "human" else (target.name, target.exact)
    if target.kind == "role":
        locator = scope.get_by_role(target.value, name=text, exact=exact, include_hidden=True)
    else:
        locator = scope.get_by_label(text, exact=exact).or_(scope.get_by_text(text, exact=exact))
        for role in INTERACTIVE_ROLES:
            locator = locator.or_(scope.get_by_role(role, name=text, exact=exact, include_hidden=True))
    if exclude_overlay:
        locator = locator.and_(scope.locator(NOT_OVERLAY))
    return locator.filter(has_text=target.has_text) if target.has_text is not None else locator


def _is_transient(exc: Exception) -> bool:
    text = str(exc)
    return any(
        marker in text
        for marker in ("Execution context was destroyed", "Frame was detached", "frame got detached", "Target closed")
    )


def _base_spelling(target: Target, kind: str | None) -> dict:
    if target.kind != "human":
        spelled = {target.kind: target.value}
        if target.name is not None:
            spelled["name"] = target.name
        return spelled
    if kind == "label":
        return {"label": target.value}
    if kind == "placeholder":
        return {"placeholder": target.value}
    if kind == "alt":
        return {"alt": target.value}
    return {"text": target.value}


def _precise(base: dict, facts: dict, index: int, count: int) -> str:
    if facts.get("testid"):
        return _flow_map({"testid": facts["testid"]})
    if facts.get("within_testid"):
        return _flow_map({**base, "within": {"testid": facts["within_testid"]}})
    if facts.get("context"):
        return _flow_map({**base, "nth": index}) + f"   # the one near \"{facts['context']}\""
    return _flow_map({**base, "nth": index})


def _flow_map(mapping: dict) -> str:
    """{role: button, name: Remove} in YAML flow style, quoting only where YAML needs it."""
    parts = []
    for key, value in mapping.items():
        shown = _flow_map(value) if isinstance(value, dict) else _scalar(value)
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


def _scalar(value) -> str:
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text and all(ch.isalnum() or ch in " -_." for ch in text) and text == text.strip() and not text[0].isdigit():
        return text
    return json.dumps(text, ensure_ascii=False)
