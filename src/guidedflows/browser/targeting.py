"""The most human target that pins exactly one element, checked with the executor's own Resolver (for `record`).

recorder.js offers candidates for the element the person used, most human first; a candidate is kept only when
`Resolver.resolve` — what check mode will run — finds exactly that element. Then, in codegen's spirit: the plain
candidates, the same inside an ancestor's test id (`within`), a stable CSS id, the first ambiguous one with `nth`, and
a CSS path as the last resort; an element inside an iframe that is only found with `frame:` gets one.
"""

from __future__ import annotations

from ..defaults import TEST_ID_ATTRIBUTE
from ..flow.flowtext import to_target
from .locate import Resolver, TargetProblem

SAME = "(el, id) => !!window.__gfRecorder && window.__gfRecorder.is(el, id)"
DESCRIBE = "el => window.__gfRecorder ? window.__gfRecorder.describe(el) : null"


class Targeter:
    """Chooses targets on one browser context's pages."""

    def __init__(self, test_id_attribute: str = TEST_ID_ATTRIBUTE):
        self.resolver = Resolver(test_id_attribute)
        self.resolver.explain = False  # only the answer matters here, not why a candidate failed

    def choose(self, page, frame, element: dict, action: str | None = None):
        """(target data, found) for the element recorder.js described in `frame`, as the step doing `action` will
        look for it; found is None when unverified."""
        frame_target = None
        for attempt in range(2):
            chosen = self._first_unique(page, element, frame_target, action)
            if chosen is not None:
                return chosen
            if attempt == 0 and frame is not page.main_frame:
                frame_target = self._frame_target(page, frame)
                if frame_target is None:
                    break
            else:
                break
        fallback = element["css"][-1]
        return (_framed(fallback, frame_target) if frame_target else fallback), None

    def _first_unique(self, page, element: dict, frame_target, action: str | None = None):
        plain = [_framed(c, frame_target) for c in element["candidates"]]
        mappings = [c for c in element["candidates"] if isinstance(c, dict)]  # a plain string cannot take `within`
        within = [_framed({**c, "within": w}, frame_target) for w in element["within"] for c in mappings[:3]]
        css = [_framed(c, frame_target) for c in element["css"]]
        for data in (*plain, *within, *css[:-1]):
            found = self.verify(page, data, element["id"], action)
            if found is not None:
                return data, found
        for data in (*[c for c in plain if isinstance(c, dict)], css[-1]):
            numbered = self._numbered(page, data, element["id"], action)
            if numbered is not None:
                return numbered
        return None

    def verify(self, page, data, element_id: str, action: str | None = None):
        """The Found element when the executor's resolution of `data` is exactly the recorded element, else None."""
        try:
            found = self.resolver.resolve(to_target(data, action), lambda: page, 0)
            return found if found.locator.evaluate(SAME, element_id) else None
        except TargetProblem:
            return None
        except Exception:  # noqa: BLE001 - a frame that went away, an element detached: not this candidate
            return None

    def _numbered(self, page, data: dict, element_id: str, action: str | None = None):
        """`data` with `nth` when it matches several elements and one of them is the recorded one."""
        target = to_target(data, action)
        scope = page.main_frame
        frames = [scope] if target.frame is not None else page.frames
        for frame in frames:
            try:
                locator = self.resolver.build(target, frame)
                count = min(locator.count(), 20)
                for index in range(count):
                    if locator.nth(index).evaluate(SAME, element_id):
                        numbered = {**data, "nth": index}
                        found = self.verify(page, numbered, element_id, action)
                        if found is not None:
                            return numbered, found
            except Exception:  # noqa: BLE001 - as in verify
                continue
        return None

    def _frame_target(self, page, frame):
        """A target for the <iframe> element `frame` lives in, chosen the same way in its parent."""
        try:
            handle = frame.frame_element()
            described = handle.evaluate(DESCRIBE)
        except Exception:  # noqa: BLE001 - a cross-origin or detached frame
            return None
        if not described:
            return None
        chosen = self._first_unique(page, described, None)
        return chosen[0] if chosen else described["css"][-1]


def _as_mapping(data):
    return {"text": data} if isinstance(data, str) else data


def _framed(data, frame_target):
    if frame_target is None:
        return data
    return {**_as_mapping(data), "frame": frame_target}
