"""Steps described in plain English ("Click the "Save card" button."), for cards, reports and docs without `say`.

Every value from the flow is quoted as the text it is, on one line (printable.py); secrets arrive already masked,
because steps are described from their `view` (model.py).
"""

from __future__ import annotations

from .model import Expect, Target
from .printable import one_line, quoted


def describe_expect(target: Target | None, expect: Expect) -> str:
    if target is None or target.kind == "page":
        if expect.url is not None:
            return f"The page address is {one_line(expect.url)}."
        if expect.title is not None:
            return f"The page title is {quoted(expect.title)}."
        return "The page is shown."
    what = target.described()
    what = what[0].upper() + what[1:]
    if expect.visible is False:
        return f"{what} is no longer shown."
    if expect.text is not None:
        texts = [expect.text] if isinstance(expect.text, str) else list(expect.text)
        return f"{what} reads " + ", ".join(quoted(t) for t in texts) + "."
    if expect.contains is not None:
        return f"{what} says {quoted(expect.contains)}."
    if expect.matches is not None:
        return f"{what} matches `{one_line(expect.matches)}`."
    if expect.value is not None:
        return f"{what} holds {quoted(expect.value)}."
    if expect.count is not None:
        return f"There are {expect.count} of {target.described()}."
    if expect.checked is not None:
        return f"{what} is {'ticked' if expect.checked else 'not ticked'}."
    if expect.enabled is not None:
        return f"{what} is {'enabled' if expect.enabled else 'disabled'}."
    return f"{what} is shown."
