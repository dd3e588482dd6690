"""goto, go, close: moving between pages and tabs. Guide mode does these for the person at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..browser.acting import StepError, ms_left, remaining
from ..flow.printable import one_line
from . import FOR_THE_PERSON, Action

if TYPE_CHECKING:
    from ..browser.driver import PageDriver
    from ..flow.model import Step


def goto(driver: PageDriver, step: Step, deadline: float) -> None:
    driver.goto(step.arg, remaining(deadline), step.view.arg)


def go(driver: PageDriver, step: Step, deadline: float) -> None:
    page = driver.page
    {"back": page.go_back, "forward": page.go_forward, "reload": page.reload}[step.arg](timeout=ms_left(deadline))


def close(driver: PageDriver, step: Step, deadline: float) -> None:
    driver.page  # noqa: B018 - reading it adopts a tab the previous step opened, which is the one to close
    if len(driver.tabs) < 2:
        raise StepError("there is no earlier tab to return to; `close: tab` closes a tab the flow opened")
    driver.tabs.pop().close()
    driver.page.bring_to_front()


ACTIONS = [
    Action("goto", "where", "Navigate to a path (appended to the base URL) or a full http(s) URL (or about:blank).",
           lambda step: f"Go to {one_line(step.arg or '')}.", goto, guide=FOR_THE_PERSON, photographed_after=True),
    Action("go", "enum:back|forward|reload", "Go back, forward, or reload the page.",
           lambda step: {"back": "Go back.", "forward": "Go forward.", "reload": "Reload the page."}[step.arg], go,
           guide=FOR_THE_PERSON, photographed_after=True),
    Action("close", "enum:tab", "Close the current tab and return to the one before.", lambda step: "Close this tab.",
           close, guide=FOR_THE_PERSON),
]
