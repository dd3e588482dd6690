"""click, dblclick, hover: the pointer on an element. Guide mode waits for the person to do the same there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..browser.acting import StepError, on_element, remaining
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
    target = step.of(Pointed).target
    act = lambda loc, ms: getattr(loc, step.action)(timeout=ms)  # noqa: E731
    on_element(driver, target, deadline, act)
    if step.action == "click" and driver.click_lost():
        click_again(driver, target, deadline, act)


def click_again(driver: PageDriver, target: Target, deadline: float, act) -> None:
    """The page replaced the control between the press and the release (a list re-rendering under the pointer): no
    click reached it, though Playwright's call returned. A person clicks again; so does the step, once, on the
    control now there. None there at once: the press itself made it go (a menu acting on mousedown), so it acted."""
    from ..browser.locate import TargetProblem  # here, not at the top: `validate` loads the registry, not locate.py

    try:
        found = driver.resolver.probe(target, driver.page)
    except TargetProblem as exc:
        raise StepError(str(exc)) from exc
    if found is None:
        return
    act(found.locator, remaining(deadline) * 1000)
    if driver.click_lost():
        raise StepError("the page replaced it while it was being clicked, twice: no click reached it")


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
