"""note, screenshot, wait, use: steps that do nothing to the page themselves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..flow.model import Flow, Payload
from ..flow.printable import quoted
from ..flow.vocabulary import Key
from . import FOR_THE_PERSON, NEXT, Action

if TYPE_CHECKING:
    from ..browser.driver import PageDriver
    from ..flow.model import Step


@dataclass(frozen=True)
class Note(Payload):
    text: str


@dataclass(frozen=True)
class Shot(Payload):
    """screenshot: the picture's name (a safe name: it names a file in the output folder)."""

    name: str


@dataclass(frozen=True)
class Pause(Payload):
    seconds: float


@dataclass(frozen=True)
class Used(Payload):
    """use: the reference as written, and the flow it names, loaded with its params (`with:`) applied."""

    reference: str
    flow: Flow


def nothing(driver: PageDriver, step: Step, deadline: float) -> None:
    """`note` does nothing outside guide mode; `screenshot` and `use` are done by the executor."""


def wait(driver: PageDriver, step: Step, deadline: float) -> None:
    driver.page.wait_for_timeout(step.of(Pause).seconds * 1000)


def lint_wait(step: Step, following: Step | None) -> list:
    """A fixed wait: say what to write instead (lint.py shows it at the step's line)."""
    message = f"`wait: {duration(step.of(Pause).seconds)}` sleeps on every run and still fails when the site is slower"
    target = following.target if following is not None else None
    if following is not None and following.action == "expect":
        hint = "remove it: the next step's `expect` already waits as long as needed, and no longer"
    elif target is not None and target.kind != "page":
        hint = f"remove it: the next step already waits for {target.spelled()} to appear"
    else:
        hint = "replace it with `- expect: ...` on what you are waiting for, e.g. - expect: Your card was saved."
    return [(step.span.line, step.span.column, message, hint)]


def duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:g}ms"
    return f"{seconds / 60:g}m" if seconds >= 60 and seconds % 60 == 0 else f"{seconds:g}s"


def parse_note(reader, node, values) -> Note:
    return Note(reader.text(node, display=True))


def parse_use(reader, node, values) -> Used:
    return Used(*reader.use_step(node, values))


ACTIONS = [
    Action("note", "text", "Show a note and wait for Next; does nothing in check mode.", lambda step: step.of(Note).text,
           nothing, guide=NEXT, payload=Note, parse=parse_note, performable=False),
    Action("use", "flow_ref", "Run another flow's setup and steps in place (a flow id, or a path relative to this file).",
           lambda step: step.of(Used).flow.title, nothing, {"with": Key("with", "Params for the used flow.")},
           payload=Used, parse=parse_use),
    Action("screenshot", "name", "Save a screenshot under this name: letters, digits, -, _ and . (it names a file).",
           lambda step: f"Take a screenshot {quoted(step.of(Shot).name)}.", nothing, guide=FOR_THE_PERSON,
           payload=Shot),
    Action("wait", "duration", "Sleep for a duration (discouraged: prefer expect).", lambda step: f"Wait {step.of(Pause).seconds:g} s.",
           wait, guide=FOR_THE_PERSON, payload=Pause, lint=lint_wait),
]
