"""press: a key or a chord, on an element or wherever the focus is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..browser.acting import on_element
from ..flow.model import INTERACTIVE_ROLES, Payload, Target
from ..flow.narrowing import Narrowing
from ..flow.printable import one_line
from ..flow.vocabulary import Key
from . import Action

if TYPE_CHECKING:
    from ..browser.driver import PageDriver
    from ..flow.model import Step

@dataclass(frozen=True)
class Pressed(Payload):
    """The key or chord, and the element it is pressed on (`on:`; None: wherever the focus is)."""

    key: str
    target: Target | None = None


FOCUSABLE = Narrowing(INTERACTIVE_ROLES, ("interactive", "label", "placeholder"), part=False,
                      wants="an element that takes keys")


def press(driver: PageDriver, step: Step, deadline: float) -> None:
    pressed = step.of(Pressed)
    if pressed.target is not None:
        on_element(driver, pressed.target, deadline, lambda loc, ms: loc.press(pressed.key, timeout=ms))
    else:
        driver.page.keyboard.press(pressed.key)


def described(step: Step) -> str:
    pressed = step.of(Pressed)
    where = f" in {pressed.target.described()}" if pressed.target else ""
    return f"Press {one_line(pressed.key)}{where}."


def watched(step: Step) -> dict:
    """That key pressed (on the element when the step says where; anywhere in the page when not)."""
    return {"action": "press", "key": step.of(Pressed).key, "accept": None, "hint": None}


ACTIONS = [
    Action("press", "text", "Press a key or chord (Enter, Control+A).", described, press,
           {"on": Key("target", "The element to press it on (default: the focused element).")}, watch=watched,
           narrowing=FOCUSABLE, payload=Pressed),
]
