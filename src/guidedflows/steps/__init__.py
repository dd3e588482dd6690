"""The step registry: everything about an action of the flow format lives in its family's module (issue 15).

    pointer.py     click, dblclick, hover          forms.py     fill, select, check, uncheck
    upload.py      upload                          keys.py      press
    expect.py      expect, show                    navigation.py goto, go, close
    notes.py       note, screenshot, wait, use

Each module lists `Action`s: the YAML vocabulary (its value's kind, its own keys, the help editors show), its typed
payload (what a step of it carries: `Typed(target, value, accept, hint)` for fill, `Address(url)` for goto…), the
sentence that describes a step without `say`, how check mode performs it, what guide mode waits for the person to
do, when docs photograph it, how it narrows the search for its target, and its lint rules. The loader, the schema,
the executor's driver, the modes, lint and the describer read this registry instead of naming actions themselves,
so a new action is its own module, its tests, and (only when the person's action needs a new kind of watch)
overlay.js.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..flow.model import Payload
from ..flow.narrowing import Narrowing
from ..flow.vocabulary import Key

if TYPE_CHECKING:
    from ..flow.model import Step

# How guide mode does a step (modes/guide.py):
WATCH = "watch"  # spotlight the target and advance when the person does the step's action there
NEXT = "next"  # show the card and wait for Next
FOR_THE_PERSON = "for the person"  # do it for the person at once (navigation, a screenshot, a pause)
UNTIL_IT_HOLDS = "until it holds"  # show "waiting for …" until the expectation holds


@dataclass(frozen=True)
class Action:
    name: str
    value: str  # the kind of the action key's own value (vocabulary.py lists the kinds)
    help: str
    describe: Callable[[Step], str]
    perform: Callable[..., None]  # (driver, step, deadline) → None, raising StepError with the reason
    keys: dict[str, Key] = field(default_factory=dict)  # its own sibling keys
    # What a step of it carries (flow/model.py Payload): built from the action's value and its own keys as keywords
    # (`on:` is a press's `target`), or by `parse`.
    payload: type[Payload] = Payload
    guide: str = WATCH
    watch: Callable[[Step], dict] | None = None  # the overlay's watch spec (overlay.js, watch) when guide is WATCH
    photographed_after: bool = False  # docs: the picture shows the page once the step is done (a result, a page)
    narrowing: Narrowing | None = None  # what its target can be (fill: editable fields…); None: anything
    parse: Callable | None = None  # (reader, node, values) → its payload, for a value the generic reading cannot
    lint: Callable[[Step, Step | None], list] | None = None  # (step, the step after) → warnings
    performable: bool = True  # guide's "Do it for me" applies

    def hint(self, step: Step) -> str | None:
        """What guide's card says when the person's input is refused (fill's `hint:`): part of what it watches for."""
        return self.watch(step).get("hint") if self.watch is not None else None


# The order of the format's table (flow-format.md, Actions): the schema, error messages and help list them so.
ORDER = ("goto", "click", "dblclick", "hover", "fill", "press", "select", "upload", "check", "uncheck", "expect", "show",
         "note", "go", "close", "use", "screenshot", "wait")


def _collect() -> dict[str, Action]:
    from . import (  # the families, once this module is ready
        expect,
        forms,
        keys,
        navigation,
        notes,
        pointer,
        upload,
    )

    found = {action.name: action for module in (pointer, forms, upload, keys, expect, navigation, notes)
             for action in module.ACTIONS}
    return {name: found[name] for name in sorted(found, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))}


REGISTRY: dict[str, Action] = _collect()


def action(name: str) -> Action:
    return REGISTRY[name]
