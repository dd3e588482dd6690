"""The target search inside the page: one query, as a hand-written `get_by_role` is (issue 13, "no fixed waits").

locate.py's tier-by-tier search asks the page once per tier and kind; its one-call union asks every kind at once but
walks the page once per kind (eleven role queries for a `click`). js/src/locate.js is the same search written for
the page (the exported tour runs it; tests/export/test_same_element*.py hold the two to the same answers), and
js/build.mjs bundles it as a Playwright selector engine, `target-engine.js`: `guidedflows=<JSON>` finds every element
of the first tier and kind that finds any, in one walk, with Playwright's own auto-waiting and strictness on top.

`register(playwright)` once per Playwright instance (session.py, the pytest plugin); `usable(page)` says whether a
page's context has it (a page from another Playwright instance may not, and locate.py then builds its own union).
`script(name)` reads the other scripts guidedflows runs in pages (src/guidedflows/js/).
"""

from __future__ import annotations

import json
import weakref
from functools import cache
from importlib import resources

from ..flow.model import Target
from . import pwerrors

ENGINE = "guidedflows"
_known: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # context -> whether the engine answers there


@cache
def script(name: str) -> str:
    """One of the scripts guidedflows runs in pages (src/guidedflows/js/), read once."""
    return (resources.files("guidedflows") / "js" / name).read_text("utf-8")


def source() -> str:
    """The target engine's source (built from js/src/engine.js)."""
    return script("target-engine.js")


def register(playwright) -> None:
    """Make the engine part of every context of this Playwright instance (run in an isolated world, where the page's
    own scripts cannot reach it). Registering twice is harmless."""
    try:
        playwright.selectors.register(ENGINE, script=source(), content_script=True)
    except Exception as exc:
        if not pwerrors.has(exc, "registered"):
            raise


register_engine = register  # the Python API's name for it (guidedflows.register_engine)


def has_engine(context) -> None:
    """Say that a context has the engine (one made by a Playwright instance `register` was given)."""
    _known[context] = True


def usable(page) -> bool:
    """Whether the engine answers in this page's context (asked once per context)."""
    context = page.context
    known = _known.get(context)
    if known is None:
        try:
            page.main_frame.locator(selector({"kind": "css", "value": "html"}, "data-testid")).count()
            known = True
        except Exception as exc:
            if not pwerrors.has(exc, "unknown engine"):
                raise
            known = False
        _known[context] = known
    return known


def selector(target_data: dict, test_id_attribute: str) -> str:
    return f"{ENGINE}=" + json.dumps({"target": target_data, "testid": test_id_attribute}, ensure_ascii=False)


def target_data(target: Target) -> dict:
    """A target as js/src/locate.js reads it (and exported tours carry it): the model's fields, by the model's names."""
    data: dict = {"kind": target.kind, "value": target.value}
    for name in ("name", "exact", "has_text", "nth", "action"):
        value = getattr(target, name)
        if value is not None:
            data[name] = value
    if target.within is not None:
        data["within"] = target_data(target.within)
    if target.frame is not None:
        data["frame"] = target_data(target.frame)
    return data
