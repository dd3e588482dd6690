"""The flow model: frozen dataclasses the loader produces and every mode reads. Imports neither yaml nor playwright."""

from __future__ import annotations

from dataclasses import dataclass, field

from .source import Span

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

# Locator keys of a mapping target, in the order codegen ranks them (used for suggestions too).
LOCATOR_KINDS = ("testid", "role", "label", "placeholder", "alt", "text", "title", "css", "xpath")


@dataclass(frozen=True)
class Target:
    """Which element a step is about.

    kind is "human" for a plain string target, "page" for `expect: page`, else one of LOCATOR_KINDS.
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
    # The step's action, which narrows the search (`fill` looks at fields only); None for `within`, `frame`, `when`.
    action: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.spelled()

    def spelled(self) -> str:
        """The target as a person reads it in a message: `"Save card"`, `button "Save card"`, `css .x`."""
        if self.kind == "human":
            text = f'"{self.value}"'
        elif self.kind == "role":
            text = f'{self.value} "{self.name}"' if self.name is not None else f"any {self.value}"
        elif self.kind == "page":
            text = "the page"
        else:
            text = f'{self.kind} "{self.value}"'
        if self.has_text is not None:
            text += f' containing "{self.has_text}"'
        if self.nth is not None:
            text += f" (#{self.nth})"
        if self.within is not None:
            text += f" in {self.within.spelled()}"
        if self.frame is not None:
            text += f" in the frame {self.frame.spelled()}"
        return text

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
        if self.kind == "url":
            return f'the page address is "{self.url}"'
        return f"{self.target.spelled()} is {'visible' if self.kind == 'visible' else 'not visible'}"


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None
    secret: bool = False
    description: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Step:
    """One step: exactly one action plus common keys. `span` is the step's first line in its file."""

    action: str
    span: Span
    target: Target | None = None
    arg: str | None = None  # goto URL, press key, note text, go/close word, screenshot name, use reference
    value: str | None = None  # fill / select
    accept: str | None = None
    hint: str | None = None
    on: Target | None = None  # press: where
    expect: Expect | None = None
    duration: float | None = None  # wait, seconds
    use: Flow | None = None  # the flow a `use` step runs in place
    say: str | None = None
    optional: bool = False
    timeout: float | None = None  # seconds
    dialog: str | None = None  # "accept" | "dismiss"
    when: Condition | None = None  # run the step only if this holds when it is reached
    id: str | None = None
    secret: bool = False  # a secret param's value went into this step
    secrets: tuple[str, ...] = ()  # those values, so the step's description can mask them
    source_lines: tuple[str, ...] = ()  # the step's YAML text, for reports

    def describe(self) -> str:
        """The step in plain English, shown when it has no `say`."""
        from .describe import describe_step

        return mask_all(describe_step(self), self.secrets)

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
    params: tuple[Param, ...] = ()
    values: dict[str, str] = field(default_factory=dict, compare=False)  # params after overrides
    secrets: tuple[str, ...] = ()  # the values of secret params, to keep out of every output
    params_used: frozenset[str] = field(default=frozenset(), compare=False)  # names written as ${name} in the file

    def redact(self, text: str) -> str:
        """Replace every secret value in `text` by its masked form (flow-format.md: Values and params)."""
        return mask_all(text, self.secrets)


def mask_all(text: str, secrets) -> str:
    """`text` with each secret value (longest first, also written without its spaces) masked."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, mask(secret))
            squeezed = secret.replace(" ", "")
            if squeezed != secret and len(squeezed) >= 4:
                text = text.replace(squeezed, mask(secret))
    return text


def mask(secret: str) -> str:
    """`••••` followed by the last 4 characters, as the spec shows secrets."""
    return "••••" + secret[-4:] if len(secret) > 4 else "••••"
