"""What a step's action lets its target be (flow-format.md: "the action narrows the search before any tier").

Pure data, read by locate.py when it searches and declared by each action in steps/: `fill` looks at editable fields,
`check` at checkboxes and radios, `select` at lists, `upload` at file inputs, `click` at buttons and links first.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import INTERACTIVE_ROLES

# The spec's five kinds of a string target, in its order, then a tooltip (`title`): an icon button whose only words
# are its tooltip. "shown" (a list known by the option it shows) and "section" (the one field of a section a heading
# names) are kinds some actions add.
HUMAN_KINDS = ("interactive", "label", "placeholder", "text", "alt", "title")


@dataclass(frozen=True)
class Narrowing:
    """The roles of the "interactive" kind, the kinds that apply, the elements the label and placeholder kinds must be
    (a selector), whether words may be a part of a longer text, and what a person would call such an element."""

    roles: tuple[str, ...]
    kinds: tuple[str, ...]
    fields: str | None = None
    part: bool = True
    wants: str | None = None  # "a field you can type into", for messages
    hidden_fields: bool = False  # the label kind may find a hidden field (a styled file input behind its label)


EDITABLE = (
    "css=input:not([type=button], [type=submit], [type=reset], [type=checkbox], [type=radio], [type=file], "
    "[type=image], [type=hidden], [type=range], [type=color]), textarea, [contenteditable]:not([contenteditable=false]), "
    "[role=textbox], [role=searchbox], [role=combobox], [role=spinbutton]"
)
TICKABLE = (
    "css=input[type=checkbox], input[type=radio], [role=checkbox], [role=radio], [role=switch], "
    "[role=menuitemcheckbox], [role=menuitemradio]"
)
CHOOSABLE = "css=select, [role=combobox], [role=listbox]"
# A click means a button, a link, a menu item…; a text field is clicked only when its label or placeholder says so.
CLICKABLE = ("button", "link", "menuitem", "menuitemcheckbox", "menuitemradio", "tab", "checkbox", "radio", "switch",
             "option", "treeitem")

ANYTHING = Narrowing(INTERACTIVE_ROLES, HUMAN_KINDS)
