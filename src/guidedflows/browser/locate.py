"""Targets → Playwright locators, and the search that pins a target to one element the way a person would look.

Words match in tiers (words.py: exact, normalised, part of a text) and a string target is tried as, in order: a
control named so, a field labelled so, a field with that placeholder, visible text, an image's alt text. The step's
action narrows the kinds first (`fill` looks at editable fields only, `check` at checkboxes…). The first tier and
kind finding any visible element decides: one → found; several → `Ambiguous` with a checked precise target for
each (suggest.py); none anywhere (page, then its iframes) → `NotFound` saying what is close and why it did not match.

For the fast path, one locator gives the answer in one protocol call: `Resolver.build` uses the same search written
for the page (js/src/locate.js, registered in Playwright by inpage.py), which walks the page once and returns the
first tier and kind's elements; where the page lacks it, `build` here gives the union of every tier and kind, whose
one element, when it finds exactly one, is the element the tier-by-tier search picks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import reduce
from typing import Any

from ..defaults import TEST_ID_ATTRIBUTE
from ..flow import words
from ..flow.model import Target
from ..flow.narrowing import ANYTHING, Narrowing
from ..overlay import OUTSIDE_OVERLAY
from . import inpage, pwerrors

KIND_WORDS = {
    "interactive": "controls named",
    "label": "fields labelled",
    "placeholder": "fields with the placeholder",
    "text": "elements reading",
    "alt": "images described as",
    "title": "elements with the tooltip",
    "shown": "lists showing",
    "section": "fields in the section",
}
# Close to Playwright's retry rhythm for actionability (docs/src/actionability.md), capped lower so a guide
# notices a late element quickly.
BACKOFF = (0.02, 0.1, 0.1, 0.25)

# Words inside a control are that control: the text of a button, or of a heading inside a link that wraps a search
# result or a card, finds the button or the link (what a person clicks, and what the spotlight should surround).
# Button-like controls have short names; a link may wrap a whole card, so a part of a text (tier 3) may be inside a
# link but never inside a button-like control, and never be a control's own text. Both are one XPath step from each
# element that reads the words (cheap: only those elements are looked at), not a filter over the whole page.
_LINK = "self::a[@href] or @role='link'"
_BUTTON_LIKE = " or ".join(
    ["self::button", "self::summary"]
    + [f"@role='{r}'" for r in ("button", "menuitem", "tab", "option", "checkbox", "radio", "switch",
                                "menuitemcheckbox", "menuitemradio", "treeitem")]
)
_CONTROL = f"{_LINK} or {_BUTTON_LIKE}"
_FIELD = "self::input or self::select or self::textarea"
AS_CONTROL = f"xpath=ancestor-or-self::*[{_CONTROL}][1] | self::*[not(ancestor::*[{_CONTROL}])]"
AS_PART = (
    f"xpath=self::*[not(ancestor-or-self::*[{_CONTROL}]) and not({_FIELD})]"
    f" | self::*[not({_CONTROL}) and not(ancestor::*[{_BUTTON_LIKE}])]/ancestor::*[{_LINK}][1]"
)


def narrowing(target: Target) -> Narrowing:
    """What the target's step lets it be (the loader puts its action's narrowing on the target)."""
    return target.narrowing or ANYTHING


class TargetProblem(Exception):
    """A target could not be pinned to one element; the message says why, in a person's words."""


class NotFound(TargetProblem):
    def __init__(self, target: Target, message: str):
        self.target = target
        super().__init__(message)


class Ambiguous(TargetProblem):
    def __init__(self, target: Target, what: str, precise: list[str]):
        self.target, self.precise = target, precise
        lines = "\n".join(f"    - {p}" for p in precise)
        super().__init__(f"{target.spelled()} matches {len(precise)} {what}; say which one:\n{lines}")


# The guide's own card lives in the page (in an open shadow root, which Playwright's locators pierce): a target must
# never find it, e.g. the card's "Looking for **Card number**…" while looking for "Card number".
NOT_OVERLAY = OUTSIDE_OVERLAY


# -- locators ----------------------------------------------------------------------------------------------------


def build(target: Target, scope, exclude_overlay: bool = False):
    """One locator for the target inside `scope` (a Page or Frame), every tier at once."""
    return _refined(target, scope, exclude_overlay, lambda root: _all_tiers(target, root))


def build_tier(target: Target, scope, tier: str, kind: str | None = None, exclude_overlay: bool = False):
    """The locator of one tier (and, for a string target, one kind) of the target inside `scope` (a Page or Frame)."""
    return _refined(target, scope, exclude_overlay, lambda root: _one_tier(target, root, tier, kind))


def _refined(target: Target, root, exclude_overlay: bool, base):
    """`base(root)` inside the target's frame and `within`, then its `has_text` and `nth`.

    The base locator is built on the page or frame and chained into the container once: built on the container, each
    of its kinds would repeat the container's whole selector (quoted again at every level of `within`)."""
    container = None
    if target.frame is not None:
        container = build(target.frame, root, exclude_overlay).content_frame
    if target.within is not None:
        inner = _refined(target.within, root, exclude_overlay, lambda r: _all_tiers(target.within, r))
        container = inner if container is None else container.locator(inner)
    locator = base(root)
    if exclude_overlay:
        locator = locator.and_(root.locator(NOT_OVERLAY))
    if container is not None:
        locator = container.locator(locator)
    if target.has_text is not None:
        locator = locator.filter(has_text=words.contained(target.has_text))
    if target.nth is not None:
        locator = locator.nth(target.nth)
    return locator


def tiers_of(target: Target) -> tuple[str, ...]:
    """The tiers a target's words are matched in (none for test ids, CSS, XPath and roles without a name)."""
    if target.kind in ("testid", "css", "xpath", "page") or (target.kind == "role" and target.name is None):
        return ()
    if target.exact is not None:  # exact: true keeps tier 1; exact: false is Playwright's own loose match
        return (words.EXACT,)
    if target.kind == "human":
        return words.TIERS if narrowing(target).part else (words.EXACT, words.NORMALISED)
    if target.kind == "text":
        return words.TIERS
    return (words.EXACT, words.NORMALISED)


def kinds_of(target: Target, tier: str) -> tuple[str | None, ...]:
    if target.kind != "human":
        return (None,)
    kinds = narrowing(target).kinds
    return ("text",) if tier == words.PART else kinds


def _all_tiers(target: Target, scope):
    tiers = tiers_of(target)
    if not tiers:
        return _one_tier(target, scope, None, None)
    # Tier 2's patterns also match what tier 1 matches exactly, so the union needs tier 1 only when it is alone.
    wide = [t for t in tiers if t != words.EXACT] or [words.EXACT]
    locator = None
    for tier in wide:
        for kind in kinds_of(target, tier):
            one = _one_tier(target, scope, tier, kind)
            locator = one if locator is None else locator.or_(one)
    return locator


def _one_tier(target: Target, scope, tier: str | None, kind: str | None):
    if target.kind == "human":
        return _human(scope, kind, target.value, tier, narrowing(target))
    kind_of, value = target.kind, target.value
    if kind_of == "role":
        if target.name is None:
            return scope.get_by_role(value)
        return scope.get_by_role(value, name=_matcher(target.name, tier), exact=_exactness(target, tier))
    if kind_of in ("css", "xpath"):
        return scope.locator(f"{kind_of}={value}")
    if kind_of == "testid":
        return scope.get_by_test_id(value)
    matcher, exact = _matcher(value, tier), _exactness(target, tier)
    if kind_of == "label":
        return scope.get_by_label(matcher, exact=exact).or_(label_for(scope, value, words.EXACT if exact else tier))
    if kind_of == "text":
        return _text(scope, matcher, exact, tier)
    getter = {
        "placeholder": scope.get_by_placeholder,
        "alt": scope.get_by_alt_text,
        "title": scope.get_by_title,
    }.get(kind_of)
    if getter is None:  # pragma: no cover - the loader only makes known kinds
        raise ValueError(f"not an element target: {kind_of}")
    return getter(matcher, exact=exact)


def _matcher(text: str, tier: str | None):
    if tier == words.NORMALISED:
        return words.whole(text)
    if tier == words.PART:
        return words.part(text)
    return text


def _exactness(target: Target, tier: str | None) -> bool:
    return target.exact if target.exact is not None else tier == words.EXACT


def _human(scope, kind: str | None, text: str, tier: str | None, narrow: Narrowing):
    """One kind of the search for a string target, visible elements only, narrowed by the step's action."""
    matcher, exact = _matcher(text, tier), tier == words.EXACT
    if kind == "interactive":
        locator = reduce(lambda one, other: one.or_(other), (scope.get_by_role(role, name=matcher, exact=exact) for role in narrow.roles))
    elif kind == "label":
        locator = scope.get_by_label(matcher, exact=exact).or_(label_for(scope, text, tier))
    elif kind == "placeholder":
        locator = scope.get_by_placeholder(matcher, exact=exact)
    elif kind == "shown":
        option = scope.locator("css=option:checked").and_(scope.get_by_text(matcher, exact=exact))
        locator = scope.locator("css=select").filter(has=option)
    elif kind == "title":
        locator = scope.get_by_title(matcher, exact=exact)
    elif kind == "section":
        heading = scope.get_by_role("heading", name=matcher, exact=exact).locator("xpath=..")
        locator = heading.or_(scope.get_by_role("group", name=matcher, exact=exact)).locator(scope.locator(narrow.fields))
    elif kind == "text":
        locator = _text(scope, matcher, exact, tier)
    else:
        locator = scope.get_by_alt_text(matcher, exact=exact)
    if narrow.fields is not None and kind in ("label", "placeholder"):
        locator = locator.and_(scope.locator(narrow.fields))
        if narrow.hidden_fields:
            return locator
    return locator.filter(visible=True)


def _text(scope, matcher, exact: bool, tier: str | None):
    """Elements reading the words: outside any control as themselves, inside one as that control."""
    return scope.get_by_text(matcher, exact=exact).locator(AS_PART if tier == words.PART else AS_CONTROL)


def label_for(scope, text: str, tier: str | None):
    """The field a `<label for=…>` with these words names (one of the tiers 1–2). Playwright's labels follow
    `aria-labelledby` when a field has one (Django's two-list widgets name theirs by a title and a help text), but a
    person reads the `<label>`; XPath's id() joins the label to its field. Tier 2 folds case, quotes and dashes with
    translate() and drops `:`, `*` and `.` on both sides."""
    if tier == words.EXACT:
        condition = f"normalize-space(.) = {_xpath_literal(words.collapse(text))}"
    else:
        folded = f"normalize-space(translate(., {_XPATH_FROM}, {_xpath_literal(_XPATH_TO)}))"
        condition = f"{folded} = {_xpath_literal(xpath_fold(text))}"
    return scope.locator(f"xpath=//label[{condition}]").locator(FIELD_OF_LABEL)


# A label's field, by id; when that is a hidden input holding a rich-text editor's value (Wagtail's Draftail, Quill,
# CKEditor, ProseMirror keep the text in a contenteditable beside it), the editor a person types into: the one
# editable root in the nearest box around the input that holds an editor and no other field.
_EDITABLE = "@contenteditable='true' or @contenteditable=''"
FIELD_OF_LABEL = (
    "xpath=id(@for)[not(self::input[@type='hidden'])]"
    f" | id(@for)[self::input[@type='hidden']]/ancestor::*[descendant::*[{_EDITABLE}]][1]"
    "[not(descendant::input[not(@type='hidden')] | descendant::select | descendant::textarea)]"
    f"/descendant::*[({_EDITABLE}) and not(ancestor::*[{_EDITABLE}])]"
)


_QUOTES, _DASHES = "'\u2018\u2019\"\u201c\u201d", "\u2013\u2014"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ"
_LOWER = "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïñòóôõöøùúûüý"
_XPATH_TO = "`" * len(_QUOTES) + "-" * len(_DASHES) + _LOWER  # ':', '*' and '.' have no partner: removed
_XPATH_FROM = "concat(\"'\", '{}')".format(_QUOTES[1:] + _DASHES + _UPPER + ":*.")
_XPATH_FOLD = str.maketrans(_QUOTES + _DASHES + _UPPER, _XPATH_TO, ":*.")


def xpath_fold(text: str) -> str:
    """What `label_for`'s translate() makes of a text: every quote a backtick, dashes ASCII, lower case, no `:*.`."""
    return words.collapse(text.translate(_XPATH_FOLD))


def _xpath_literal(text: str) -> str:
    """A string literal in XPath 1.0, which has no escapes: concat() where the text holds both kinds of quote."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


# -- pinning a target to one element ---------------------------------------------------------------------------


@dataclass
class Found:
    locator: Any  # a Playwright Locator pinned to one element
    frame: Any  # the Playwright Frame the element is in


class Resolver:
    """Pins a target to exactly one element of the current page (or one of its iframes), waiting for it to appear."""

    explain = True  # say why a search failed (precise targets, closest texts); off where only the answer matters

    def __init__(self, test_id_attribute: str = TEST_ID_ATTRIBUTE, exclude_overlay: bool = False):
        self.test_id_attribute = test_id_attribute
        self.exclude_overlay = exclude_overlay  # set by the modes that draw the overlay

    def build(self, target: Target, scope):
        """One locator for the target: the in-page search (inpage.py) where the page has it, else the union."""
        if self.in_page(target, scope):
            return scope.locator(inpage.selector(inpage.target_data(target), self.test_id_attribute))
        return build(target, scope, self.exclude_overlay)

    def in_page(self, target: Target, scope) -> bool:
        """Whether the in-page engine answers for this target in `scope` (a Page or Frame): targets whose words match in
        tiers, outside a `frame` (which locate.py enters through Playwright's frames) and without `nth`."""
        if target.nth is not None or target.frame is not None or not tiers_of(target):
            return False
        return inpage.usable(scope if hasattr(scope, "main_frame") else scope.page)

    def resolve(self, target: Target, page_source, timeout: float) -> Found:
        """Probe until one element matches; `page_source()` gives the current page (it changes when a tab opens).

        Waiting goes through the page's own timer so Playwright keeps delivering events (popups, dialogs) meanwhile.
        """
        deadline = time.monotonic() + timeout
        delays = iter(BACKOFF)
        while True:
            page = page_source()
            found = self.probe(target, page)
            if found is not None:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise NotFound(target, self._not_found(page, target))
            page.wait_for_timeout(min(next(delays, BACKOFF[-1]), remaining) * 1000)

    def _not_found(self, page, target: Target) -> str:
        if not self.explain:
            return f"could not find {target.spelled()}"
        from .suggest import not_found_message  # the error path only

        return not_found_message(self, page, target)

    def probe(self, target: Target, page) -> Found | None:
        """The one element the target pins on `page` (or one of its iframes) now, or None; no waiting."""
        frames = [page.main_frame] if target.frame is not None else page.frames
        for frame in frames:
            try:
                found = self.probe_frame(target, frame)
            except TargetProblem:
                raise
            except Exception as exc:  # noqa: BLE001 - a frame navigating or detaching under us: look again next round
                if pwerrors.frame_gone(exc):
                    continue
                raise
            if found is not None:
                return found
        return None

    def probe_frame(self, target: Target, frame) -> Found | None:
        if target.nth is not None or not tiers_of(target):
            locator = self.build(target, frame)
            count = locator.count()
            if count > 1 and target.nth is None:
                raise Ambiguous(target, "elements", self._precise(frame, target, locator))
            return Found(locator, frame) if count else None
        first = self.build(target, frame)
        count = first.count()
        if count == 1:  # the usual case: one round trip
            return Found(first, frame)
        if count == 0 and self.in_page(target, frame):
            # Nothing in the page's own search: ask locate.py's union too, so that a page where the two searches ever
            # disagreed still finds its element now (tests hold them equal; this costs a call only while waiting).
            count = build(target, frame, self.exclude_overlay).count()
        if count == 0:
            return None
        return self._by_tier(target, frame)  # several: the tiers and kinds in order, and precise targets to offer

    def _by_tier(self, target: Target, frame) -> Found | None:
        """Several elements matched some tier or kind: take the tiers, then the kinds, in the spec's order."""
        for tier in tiers_of(target):
            for kind in kinds_of(target, tier):
                locator = build_tier(target, frame, tier, kind, self.exclude_overlay)
                count = locator.count()
                if count == 1:
                    return Found(locator, frame)
                if count > 1:
                    what = f'{KIND_WORDS[kind]} "{target.value}"' if kind else "elements"
                    raise Ambiguous(target, what, self._precise(frame, target, locator))
        return None

    def _precise(self, frame, target: Target, locator) -> list[str]:
        if not self.explain:
            return []
        from .suggest import precise_targets  # the error path only

        return precise_targets(self, frame, target, locator)

    def all_matches(self, target: Target, frame):
        """Every element of the first tier and kind that finds any (for `count:` and lists of texts), or None."""
        if target.nth is not None or not tiers_of(target):
            return self.build(target, frame)
        if self.in_page(target, frame):  # the in-page search answers exactly this, in one call
            locator = self.build(target, frame)
            if locator.count():
                return locator
        for tier in tiers_of(target):
            for kind in kinds_of(target, tier):
                locator = build_tier(target, frame, tier, kind, self.exclude_overlay)
                if locator.count():
                    return locator
        return None

    def absent(self, target: Target, scope):
        """What must find nothing for the target to be absent: tiers 1 and 2 (a part of a longer text is not it)."""
        locator = None
        for tier in (t for t in tiers_of(target) if t != words.PART) or ():
            for kind in kinds_of(target, tier):
                one = build_tier(target, scope, tier, kind, self.exclude_overlay)
                locator = one if locator is None else locator.or_(one)
        return locator if locator is not None else self.build(target, scope)
