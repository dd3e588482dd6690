"""fill, select, check, uncheck: a form's fields. Each looks only at the kind of field it can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..browser.acting import SecretField, StepError, mark, on_element, type_like_a_person
from ..flow.model import Payload, Target
from ..flow.narrowing import CHOOSABLE, EDITABLE, TICKABLE, Narrowing
from ..flow.printable import quoted
from ..flow.vocabulary import VALUE, Key
from . import Action
from .pointer import Pointed, described, point, watched

if TYPE_CHECKING:
    from ..browser.driver import PageDriver
    from ..flow.model import Step



@dataclass(frozen=True)
class Typed(Payload):
    """fill: the field, what to type, and what guide mode accepts from the person (`accept`, else `hint`)."""

    target: Target
    value: str
    accept: str | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Chosen(Payload):
    """select: the list and the option (its label or value)."""

    target: Target
    value: str


OPTIONS_OF_ONE_LIST = "els => els.length === 1 ? [...(els[0].options || [])].flatMap(o => [o.label, o.value]) : null"

# Last for fill: the one field of a section its heading or legend names (a code editor under "Custom SQL query").
FIELDS = Narrowing(("textbox", "searchbox", "combobox", "spinbutton"), ("interactive", "label", "placeholder", "section"),
                   EDITABLE, part=False, wants="a field you can type into")
TICKS = Narrowing(("checkbox", "radio", "switch", "menuitemcheckbox", "menuitemradio"), ("interactive", "label"),
                  TICKABLE, part=False, wants="a checkbox, radio button or switch")
# A list with no label is known by the option it shows ("- column -").
LISTS = Narrowing(("combobox", "listbox"), ("interactive", "label", "shown"), CHOOSABLE, part=False,
                  wants="a list to choose from")


def fill(driver: PageDriver, step: Step, deadline: float) -> None:
    field = step.of(Typed)

    def typed(locator, ms):
        if step.secret:
            driver.secret_fields.append(SecretField(driver.page, locator))
        type_like_a_person(locator, field.value, ms)
        if step.secret:
            mark(locator)

    on_element(driver, field.target, deadline, typed)


def select(driver: PageDriver, step: Step, deadline: float) -> None:
    """One call when the option is there, like a script (issue 8, B1). An option that is not there yet keeps the
    fast path waiting for it (a list filled late still works); then the careful path lists what the list offers."""

    chosen = step.of(Chosen)
    value = chosen.value

    def has_option(locator) -> None:
        options = locator.evaluate_all(OPTIONS_OF_ONE_LIST)
        if options is not None and value not in options:
            shown = ", ".join(quoted(o) for o in dict.fromkeys(options[0::2]))
            raise StepError(f"the list has no option {quoted(step.view.of(Chosen).value)}; it offers: {shown}")

    on_element(driver, chosen.target, deadline, lambda loc, ms: loc.select_option(value, timeout=ms), has_option)


def filled(step: Step) -> str:
    typed = step.of(Typed)
    return f"Type {quoted(typed.value)} into {typed.target.described()}."


def chosen(step: Step) -> str:
    chosen = step.of(Chosen)
    return f"Choose {quoted(chosen.value)} in {chosen.target.described()}."


def typing_watched(step: Step) -> dict:
    """The person's value is committed (change or Enter) and matches `accept` when given; else the card says `hint`."""
    typed = step.of(Typed)
    return {**watched(step), "accept": typed.accept, "hint": typed.hint}


FILL_KEYS = {
    "value": VALUE,
    "accept": Key("regex", "Guide mode: what the person types must match this regular expression."),
    "hint": Key("text", "Guide mode: shown when what the person typed does not match `accept`."),
}

ACTIONS = [
    Action("fill", "target", "Clear the field and type `value` into it.", filled, fill, FILL_KEYS, watch=typing_watched,
           narrowing=FIELDS, payload=Typed),
    Action("select", "target", "Choose an option (by label or value) in a <select>.", chosen, select, {"value": VALUE},
           watch=watched, narrowing=LISTS, payload=Chosen),
    Action("check", "target", "Tick a checkbox or choose a radio button.", described, point, watch=watched,
           narrowing=TICKS, payload=Pointed),
    Action("uncheck", "target", "Untick a checkbox.", described, point, watch=watched, narrowing=TICKS,
           payload=Pointed),
]
