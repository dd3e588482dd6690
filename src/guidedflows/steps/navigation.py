"""goto, go, close: moving between pages and tabs. Guide mode does these for the person at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..browser.acting import StepError, ms_left, remaining
from ..flow.model import Payload
from ..flow.printable import one_line
from . import FOR_THE_PERSON, Action

if TYPE_CHECKING:
    from ..browser.driver import PageDriver
    from ..flow.model import Step


@dataclass(frozen=True)
class Address(Payload):
    """goto: a path (joined to the base URL) or a full http(s) URL, or about:blank."""

    url: str


@dataclass(frozen=True)
class Word(Payload):
    """go (back, forward, reload) and close (tab): one word of a fixed few."""

    word: str


def goto(driver: PageDriver, step: Step, deadline: float) -> None:
    driver.goto(step.of(Address).url, remaining(deadline), step.view.of(Address).url)


def go(driver: PageDriver, step: Step, deadline: float) -> None:
    page = driver.page
    {"back": page.go_back, "forward": page.go_forward, "reload": page.reload}[step.of(Word).word](timeout=ms_left(deadline))


def close(driver: PageDriver, step: Step, deadline: float) -> None:
    driver.page  # noqa: B018 - reading it adopts a tab the previous step opened, which is the one to close
    if len(driver.tabs) < 2:
        raise StepError("there is no earlier tab to return to; `close: tab` closes a tab the flow opened")
    driver.tabs.pop().close()
    driver.page.bring_to_front()


ACTIONS = [
    Action("goto", "where", "Navigate to a path (appended to the base URL) or a full http(s) URL (or about:blank).",
           lambda step: f"Go to {one_line(step.of(Address).url)}.", goto, guide=FOR_THE_PERSON, photographed_after=True,
           payload=Address),
    Action("go", "enum:back|forward|reload", "Go back, forward, or reload the page.",
           lambda step: {"back": "Go back.", "forward": "Go forward.", "reload": "Reload the page."}[step.of(Word).word],
           go, guide=FOR_THE_PERSON, photographed_after=True, payload=Word),
    Action("close", "enum:tab", "Close the current tab and return to the one before.", lambda step: "Close this tab.",
           close, guide=FOR_THE_PERSON, payload=Word),
]
