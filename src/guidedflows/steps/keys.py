"""press: a key or a chord, on an element or wherever the focus is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..browser.acting import on_element
from ..flow.describe import describe_target
from ..flow.model import INTERACTIVE_ROLES
from ..flow.narrowing import Narrowing
from ..flow.printable import one_line
from ..flow.vocabulary import Key
from . import Action

if TYPE_CHECKING:
    from ..browser.driver import PageDriver
    from ..flow.model import Step

FOCUSABLE = Narrowing(INTERACTIVE_ROLES, ("interactive", "label", "placeholder"), part=False,
                      wants="an element that takes keys")


def press(driver: PageDriver, step: Step, deadline: float) -> None:
    if step.on is not None:
        on_element(driver, step.on, deadline, lambda loc, ms: loc.press(step.arg, timeout=ms))
    else:
        driver.page.keyboard.press(step.arg)


def pressed(step: Step) -> str:
    where = f" in {describe_target(step.on)}" if step.on else ""
    return f"Press {one_line(step.arg or '')}{where}."


def watched(step: Step) -> dict:
    """That key pressed (on the element when the step says where; anywhere in the page when not)."""
    return {"action": "press", "key": step.arg, "accept": None, "hint": step.hint}


ACTIONS = [
    Action("press", "text", "Press a key or chord (Enter, Control+A).", pressed, press,
           {"on": Key("target", "The element to press it on (default: the focused element).")}, watch=watched,
           narrowing=FOCUSABLE),
]
