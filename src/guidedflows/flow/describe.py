"""Steps described in plain English ("Click the "Save card" button."), for cards, reports and docs without `say`.

Every value from the flow is quoted as the text it is, on one line (printable.py); secrets arrive already masked,
because steps are described from their `view` (model.py).
"""

from __future__ import annotations

from .model import Expect, Target
from .printable import one_line, quoted

ROLE_NOUNS = {
    "button": "button",
    "link": "link",
    "menuitem": "menu item",
    "tab": "tab",
    "checkbox": "checkbox",
    "radio": "option",
    "option": "option",
    "textbox": "field",
    "combobox": "list",
    "heading": "heading",
    "img": "image",
}

def describe_target(target: Target) -> str:
    """`the "Save card" button`, `"Account"`, `the field labelled "Email"`."""
    if target.kind == "role" and target.name is not None:
        noun = ROLE_NOUNS.get(target.value, target.value)
        text = f"the {quoted(target.name)} {noun}"
    elif target.kind == "role":
        text = f"the {ROLE_NOUNS.get(target.value, target.value)}"
    elif target.kind in ("label", "placeholder"):
        text = f"the {quoted(target.value)} field"
    elif target.kind == "alt":
        text = f"the {quoted(target.value)} image"
    elif target.kind in ("css", "xpath", "testid"):
        text = f"the element {target.kind} `{one_line(target.value)}`"
    else:
        text = quoted(target.value)
    if target.has_text is not None:
        text += f" that mentions {quoted(target.has_text)}"
    if target.within is not None:
        text += f" in {describe_target(target.within)}"
    return text


def describe_expect(target: Target | None, expect: Expect) -> str:
    if target is None or target.kind == "page":
        if expect.url is not None:
            return f"The page address is {one_line(expect.url)}."
        if expect.title is not None:
            return f"The page title is {quoted(expect.title)}."
        return "The page is shown."
    what = describe_target(target)
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
        return f"There are {expect.count} of {describe_target(target)}."
    if expect.checked is not None:
        return f"{what} is {'ticked' if expect.checked else 'not ticked'}."
    if expect.enabled is not None:
        return f"{what} is {'enabled' if expect.enabled else 'disabled'}."
    return f"{what} is shown."
