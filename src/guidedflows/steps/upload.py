"""upload: attach files with a file input, or with the control that opens the file chooser (format 1.1).

    - upload: Add photos
      files: [receipt.png, parcel.jpg]      # relative to the flow file, inside the flows folder

Check mode sets the files on the input (or answers the file chooser the control opens); guide mode waits until the
person has chosen files; docs show the control. This module is everything the action is: the proof that an action
lives in one place (issue 15).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..browser.acting import on_element
from ..flow.model import Payload, Target
from ..flow.narrowing import Narrowing
from ..flow.printable import quoted
from ..flow.vocabulary import Key
from . import Action

if TYPE_CHECKING:
    from ..browser.driver import PageDriver
    from ..flow.model import Step

@dataclass(frozen=True)
class Attached(Payload):
    """The file input (or the control that opens one) and the files: absolute paths, inside the flows folder."""

    target: Target
    files: tuple[str, ...]


# A file input by its label (styled file inputs are usually hidden behind it), or a button or link that opens one.
FILE_CHOOSERS = Narrowing(("button", "link"), ("label", "interactive"), "css=input[type=file]", part=False,
                          wants="a file input, or a control that opens one", hidden_fields=True)
IS_FILE_INPUT = "el => el.matches('input[type=file]')"


def upload(driver: PageDriver, step: Step, deadline: float) -> None:
    attached = step.of(Attached)
    files = list(attached.files)

    def attach(locator, ms):
        if locator.evaluate(IS_FILE_INPUT, timeout=ms):
            locator.set_input_files(files, timeout=ms)
            return
        with driver.page.expect_file_chooser(timeout=ms) as chooser:
            locator.click(timeout=ms)
        chooser.value.set_files(files, timeout=ms)

    on_element(driver, attached.target, deadline, attach)


def described(step: Step) -> str:
    attached = step.of(Attached)
    names = ", ".join(quoted(Path(path).name) for path in attached.files)
    return f"Attach {names} with {attached.target.described()}."


def watched(step: Step) -> dict:
    """The person has chosen files (overlay.js: a `change` on the file input, or on the one the control opens)."""
    return {"action": "upload", "key": None, "accept": None, "hint": None}


def parse(reader, node, values) -> Attached:
    """The target, and `files:` (one path or a list): each relative to the flow file, inside the flows folder, there."""
    files_node = values["files"]
    items = reader.list_of(files_node)
    if not items:
        raise reader.invalid(files_node, "`files:` names no file", "e.g. files: receipt.png")
    paths = []
    for item in items:
        written = reader.text(item)
        path = reader.folder / written
        if Path(written).is_absolute() or not reader.inside_flows(path):
            raise reader.invalid(item, f"{quoted(written)} is outside the flows folder", "keep the files beside the flows")
        if not path.is_file():
            raise reader.invalid(item, f"there is no file {quoted(written)} beside this flow", f"looked for {path}")
        paths.append(str(path.resolve()))
    return Attached(reader.target(values["upload"], "upload"), tuple(paths))


ACTIONS = [
    Action(
        "upload",
        "target",
        "Attach files with a file input, or with the control that opens the file chooser.",
        described,
        upload,
        {"files": Key("files", "The files: a path or a list, relative to this flow file and inside the flows folder.",
                      required=True)},
        watch=watched,
        narrowing=FILE_CHOOSERS,
        payload=Attached,
        parse=parse,
    ),
]
