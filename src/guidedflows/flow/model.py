"""The flow model: frozen dataclasses the loader produces and every mode reads. Imports neither yaml nor playwright."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from .masking import mask, mask_text  # noqa: F401 - mask: the model's word for it, imported from here too
from .printable import one_line, quoted
from .source import Span

if TYPE_CHECKING:
    from .narrowing import Narrowing

# Roles a human string target treats as "interactive" (flow-format.md, Targets).
INTERACTIVE_ROLES = (
    "button",
    "link",
    "menuitem",
    "tab",
    "checkbox",
    "radio",
    "option",
    "textbox",
    "combobox",
)

# What a sentence calls an element of a role (Target.described).
ROLE_NOUNS = {
    "button": "button",
    "link": "link",
    "menuitem": "menu item",
    "tab": "tab",
    "checkbox": "checkbox",
    "radio": "option",
    "option": "option",
    "textbox": "field",
    "combobox": "list",
    "heading": "heading",
    "img": "image",
}

# Locator keys of a mapping target, in the order codegen ranks them (used for suggestions too).
LOCATOR_KINDS = ("testid", "role", "label", "placeholder", "alt", "text", "title", "css", "xpath")


@dataclass(frozen=True)
class Target:
    """Which element a step is about.

    kind is "human" for a plain string target, "page" for `expect: page`, else one of LOCATOR_KINDS. Its three
    spellings live here, one per reader: `spelled()` for messages, `described()` for sentences a person reads,
    `written()` for the flow file (flowtext.py puts it on one line of YAML).
    """

    kind: str
    value: str
    span: Span
    name: str | None = None  # role targets: the accessible name
    exact: bool | None = None  # None: words match in tiers; True: exactly (tier 1); False: Playwright's loose match
    within: Target | None = None
    has_text: str | None = None
    nth: int | None = None
    frame: Target | None = None
    # The step's action, and what it lets the target be (`fill` looks at fields only: steps/ declares it); None for
    # `within`, `frame` and `when`, which may be anything.
    action: str | None = field(default=None, compare=False)
    narrowing: Narrowing | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return self.spelled()

    def spelled(self) -> str:
        """The target as a person reads it in a message: `"Save card"`, `button "Save card"`, `css .x`."""
        if self.kind == "human":
            text = quoted(self.value)
        elif self.kind == "role":
            text = f"{self.value} {quoted(self.name)}" if self.name is not None else f"any {self.value}"
        elif self.kind == "page":
            text = "the page"
        else:
            text = f"{self.kind} {quoted(self.value)}"
        if self.has_text is not None:
            text += f" containing {quoted(self.has_text)}"
        if self.nth is not None:
            text += f" (#{self.nth})"
        if self.within is not None:
            text += f" in {self.within.spelled()}"
        if self.frame is not None:
            text += f" in the frame {self.frame.spelled()}"
        return text

    def described(self) -> str:
        """The target in a sentence: `the "Save card" button`, `"Account"`, `the "Email" field`."""
        if self.kind == "role":
            noun = ROLE_NOUNS.get(self.value, self.value)
            text = f"the {quoted(self.name)} {noun}" if self.name is not None else f"the {noun}"
        elif self.kind in ("label", "placeholder"):
            text = f"the {quoted(self.value)} field"
        elif self.kind == "alt":
            text = f"the {quoted(self.value)} image"
        elif self.kind in ("css", "xpath", "testid"):
            text = f"the element {self.kind} `{one_line(self.value)}`"
        else:
            text = quoted(self.value)
        if self.has_text is not None:
            text += f" that mentions {quoted(self.has_text)}"
        if self.within is not None:
            text += f" in {self.within.described()}"
        return text

    def written(self) -> str | dict:
        """The target as a flow file holds it: the words of a plain target, else a mapping in the format's key order
        (nested targets too)."""
        refined = (self.within, self.has_text, self.nth, self.frame, self.exact)
        if self.kind == "human" and all(x is None for x in refined):
            return self.value
        data: dict = {"text" if self.kind == "human" else self.kind: self.value}
        if self.name is not None:
            data["name"] = self.name
        if self.exact is not None:
            data["exact"] = self.exact
        if self.has_text is not None:
            data["has_text"] = self.has_text
        if self.within is not None:
            data["within"] = self.within.written()
        if self.nth is not None:
            data["nth"] = self.nth
        if self.frame is not None:
            data["frame"] = self.frame.written()
        return data

    @property
    def shown_name(self) -> str:
        """What a person would call the element: its name or text."""
        if self.kind == "role":
            return self.name or self.value
        return self.value


@dataclass(frozen=True)
class Expect:
    """The matchers of an `expect` step. None means "not asked"; with none asked, it means visible."""

    visible: bool | None = None
    text: str | tuple[str, ...] | None = None
    contains: str | None = None
    matches: str | None = None
    value: str | None = None
    count: int | None = None
    checked: bool | None = None
    enabled: bool | None = None
    url: str | None = None
    title: str | None = None

    def asked(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if value is not None}


@dataclass(frozen=True)
class Condition:
    """`when:` on a step or a `use`: run it only if this holds now. kind is "visible", "hidden" or "url"."""

    kind: str
    span: Span
    target: Target | None = None  # visible / hidden
    url: str | None = None  # url: as `expect: page` matches it

    def spelled(self) -> str:
        """The condition as a person reads it: `"Log in" is visible`, `the page address is "/login"`."""
        if self.target is None:  # kind "url"
            return f'the page address is "{self.url}"'
        return f"{self.target.spelled()} is {'visible' if self.kind == 'visible' else 'not visible'}"


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None
    secret: bool = False
    description: str | None = None
    span: Span | None = None


class Payload:
    """What a step's action says besides the common keys. Each action family declares its own, typed, in its module
    of the step registry (steps/pointer.py `Pointed`, steps/forms.py `Typed`, …); no field is shared by actions that
    do not all mean it. The base holds the one thing any reader may ask of any step: the element it is about."""

    # Declared, not set: a payload about an element has it as its own field (a class default here would give every
    # subclass's field a default). Read through Step.target, which is None for a step about no element.
    target: Target | None


P = TypeVar("P", bound=Payload)


@dataclass(frozen=True)
class Step:
    """One step: exactly one action, its payload (what that action alone says), and the keys common to every step.
    `span` is the step's first line in its file."""

    action: str
    span: Span
    payload: Payload
    say: str | None = None
    optional: bool = False
    timeout: float | None = None  # seconds
    dialog: str | None = None  # "accept" | "dismiss"
    when: Condition | None = None  # run the step only if this holds when it is reached
    id: str | None = None
    secret: bool = False  # a secret param's value went into this step
    secrets: tuple[str, ...] = ()  # those values (the trace stops before the step; reports mask them)
    source_lines: tuple[str, ...] = ()  # the step's YAML text, for reports
    # The same step read with every secret param masked where it was written: what any text about it shows. None
    # when no secret went into it (the step shows itself).
    shown: Step | None = field(default=None, compare=False, repr=False)

    @property
    def target(self) -> Target | None:
        """The element the step is about (a press's `on:`), or None."""
        return getattr(self.payload, "target", None)

    def of(self, kind: type[P]) -> P:
        """The payload as the action's own type: `step.of(Typed).value`. A step of another action is a bug."""
        if not isinstance(self.payload, kind):
            raise TypeError(f"a {self.action} step carries {type(self.payload).__name__}, not {kind.__name__}")
        return self.payload

    @property
    def view(self) -> Step:
        """The step as every message, report and doc may show it: its secrets masked where they were put."""
        return self.shown or self

    def describe(self) -> str:
        """The step in plain English, shown when it has no `say`."""
        from ..steps import (
            REGISTRY,  # the model is data; each action describes itself in steps/
        )

        return REGISTRY[self.action].describe(self.view)

    @property
    def text(self) -> str:
        """What a guide card, report or doc says for this step."""
        return self.say or self.describe()


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    path: str
    span: Span
    steps: tuple[Step, ...]
    setup: tuple[Step, ...] = ()
    description: str | None = None
    tags: tuple[str, ...] = ()
    start: str = "/"
    shown_start: str | None = None  # `start` with its secret params masked; None when it holds none
    params: tuple[Param, ...] = ()
    values: dict[str, str] = field(default_factory=dict, compare=False)  # params after overrides
    secrets: tuple[str, ...] = ()  # the values of secret params, to keep out of every output
    params_used: frozenset[str] = field(default=frozenset(), compare=False)  # names written as ${name} in the file
    text: str | None = field(default=None, compare=False, repr=False)  # the file as read: excerpts under warnings

    @property
    def start_secret(self) -> bool:
        """The start URL is built from a secret param: the trace must not see it opened (tracing.py)."""
        return self.shown_start is not None

    def redact(self, text: str) -> str:
        """`text` with the flow's secrets masked (masking.py: the safety net under the masking by provenance)."""
        return mask_text(text, self.secrets)

