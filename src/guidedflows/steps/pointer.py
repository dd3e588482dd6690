"""click, dblclick, hover: the pointer on an element. Guide mode waits for the person to do the same there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..browser.acting import on_element
from ..flow.model import Payload, Target
from ..flow.narrowing import CLICKABLE, HUMAN_KINDS, Narrowing
from . import Action

if TYPE_CHECKING:
    from ..browser.driver import PageDriver
    from ..flow.model import Step


@dataclass(frozen=True)
class Pointed(Payload):
    """click, dblclick, hover, check, uncheck, show: the element, and nothing else."""

    target: Target

# A click means a button, a link, a menu item… before a text field (`click: Search` beside a search box).
POINTED = Narrowing(CLICKABLE, HUMAN_KINDS)
VERBS = {"click": "Click", "dblclick": "Double-click", "hover": "Point at", "check": "Tick", "uncheck": "Untick"}


def point(driver: PageDriver, step: Step, deadline: float) -> None:
    """The step's own Playwright call on the one element (click, dblclick, hover, check, uncheck)."""
    on_element(driver, step.of(Pointed).target, deadline, lambda loc, ms: getattr(loc, step.action)(timeout=ms))


def described(step: Step) -> str:
    return f"{VERBS[step.action]} {step.of(Pointed).target.described()}."


def watched(step: Step) -> dict:
    """What the overlay watches for (overlay.js, watch): the person doing this very action on the element."""
    return {"action": step.action, "key": None, "accept": None, "hint": None}


ACTIONS = [
    Action("click", "target", "Click the target.", described, point, watch=watched, narrowing=POINTED, payload=Pointed),
    Action("dblclick", "target", "Double-click the target.", described, point, watch=watched, narrowing=POINTED, payload=Pointed),
    Action("hover", "target", "Move the pointer over the target.", described, point, watch=watched,
           payload=Pointed),
]
