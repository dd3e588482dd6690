"""Warnings that teach, for flows the loader accepted: fragile locators, unused params, silent steps, fixed waits.

Static and fast: no browser. Each warning is a Problem at `path:line:column` with the replacement to write, shown
like the loader's errors with `warning: ` in front. (A `use` of a flow that cannot be found stays a load error.)
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem
from ..steps import NEXT, REGISTRY, UNTIL_IT_HOLDS, WATCH
from ..steps.expect import Expected
from ..steps.notes import Used, duration
from .flowtext import spelled_target, target_value
from .model import Flow, Step, Target
from .source import Span

TECHNICAL = ("css", "xpath")

# The element a CSS or XPath selector names by its tag, and the target a person would recognise it by.
TAG_TARGETS = {
    "button": ("a role and name", {"role": "button", "name": "…"}),
    "a": ("a role and name", {"role": "link", "name": "…"}),
    "select": ("the field's label", {"label": "…"}),
    "textarea": ("the field's label", {"label": "…"}),
    "input": ("the field's label", {"label": "…"}),
    "img": ("the image's alt text", {"alt": "…"}),
    **{f"h{n}": ("a role and name", {"role": "heading", "name": "…"}) for n in range(1, 7)},
}
INPUT_TYPES = {"checkbox": "checkbox", "radio": "radio", "submit": "button", "button": "button"}
ACTION_GUESS = {  # what an unrevealing selector (`#save`, `.primary`) most likely is, from what the step does
    "click": {"role": "button", "name": "…"},
    "dblclick": {"role": "button", "name": "…"},
    "fill": {"label": "…"},
    "select": {"label": "…"},
    "check": {"role": "checkbox", "name": "…"},
    "uncheck": {"role": "checkbox", "name": "…"},
}

SAY_HINTS = {
    "expect": "add `say:` with what the person should see, in words, e.g. say: Your ticket number is shown.",
    "do": "add `say:` with what to do, in the words on the screen, e.g. say: Press **Save card**.",
}

# Patterns for what a selector says, as text: `re` compiles (and caches) each one the first time a css or xpath
# target asks, so validating flows without one does not pay for compiling them (B3).
_Q = r"""(?P<q>["']?)(?P<val>.*?)(?P=q)"""
CSS_ATTRIBUTE = r"(?P<tag>[a-zA-Z][\w-]*)?\[\s*(?P<attr>[\w-]+)\s*=\s*" + _Q + r"\s*\]\Z"
CSS_HAS_TEXT = r""":(?:has-text|text|text-is)\(\s*(?P<q>["'])(?P<val>.*?)(?P=q)\s*\)"""
CSS_TEXT_ENGINE = r"text\s*=\s*" + _Q + r"\Z"
CSS_TAG = r"(?P<tag>[a-zA-Z][\w-]*)(?:\[type=[\"']?(?P<type>\w+)[\"']?\])?(?:[.#][\w-]+|\[[^\]]*\])*\Z"
XPATH = (
    r"(?://|/)(?:[\w-]+/+)*(?P<tag>[\w*-]+)\[\s*(?P<what>@[\w-]+|text\(\)|normalize-space\(\)|\.)\s*=\s*" + _Q + r"\s*\]\Z"
)
XPATH_CONTAINS = r"(?://|/)(?P<tag>[\w*-]+)\[\s*contains\(\s*(?:text\(\)|\.)\s*,\s*" + _Q + r"\s*\)\s*\]\Z"
XPATH_TAG = r"(?://|/)(?:[\w-]+/+)*(?P<tag>[a-zA-Z][\w-]*)(?:\[[^\]]*\])*\Z"


def lint_flows(flows: list[Flow]) -> list[Problem]:
    """Warnings for these flows and every flow they `use`, each file once, in file and line order."""
    seen: dict[str, Flow] = {}
    for flow in flows:
        _collect(flow, seen)
    warnings = []
    for flow in seen.values():
        warnings.extend(lint_flow(flow))
    return warnings


def _collect(flow: Flow, seen: dict[str, Flow]) -> None:
    if flow.path in seen:
        return
    seen[flow.path] = flow
    for step in (*flow.setup, *flow.steps):
        if isinstance(step.payload, Used):
            _collect(step.payload.flow, seen)


def lint_flow(flow: Flow) -> list[Problem]:
    warnings: list[tuple[int, int, str, str | None]] = []
    warnings += _unused_params(flow)
    for steps, shown in ((flow.setup, False), (flow.steps, True)):
        for index, step in enumerate(steps):
            warnings += _step(step, steps[index + 1] if index + 1 < len(steps) else None, shown)
    if not warnings:
        return []
    warnings.sort(key=lambda w: (w[0], w[1]))
    text = flow.text if flow.text is not None else Path(flow.path).read_text("utf-8-sig")  # the excerpts
    return [Problem(Span(flow.path, line, column), message, hint, text) for line, column, message, hint in warnings]


def render(problem: Problem) -> str:
    return "warning: " + problem.render()


# -- steps ---------------------------------------------------------------------------------------------------------


def _step(step: Step, following: Step | None, shown: bool) -> list:
    found = []
    for target in _targets(step):
        found += _locator(target, step.action)
    if isinstance(step.payload, Used):
        found += _guarded_partial(step, step.payload.flow)
    action = REGISTRY[step.action]
    if action.lint is not None:
        found += action.lint(step, following)
    elif shown and step.say is None and action.guide in (WATCH, NEXT, UNTIL_IT_HOLDS) and _unclear(step):
        found.append(
            (
                step.span.line,
                step.span.column,
                f"this step has no `say:`, so a person reads: {step.describe()}",
                SAY_HINTS["expect" if step.action == "expect" else "do"],
            )
        )
    return found


def _targets(step: Step):
    """Every target the step names, outermost first (for locator warnings on `within` and `frame` too)."""
    pending = [t for t in (step.target,) if t is not None and t.kind != "page"]
    while pending:
        target = pending.pop(0)
        yield target
        pending += [t for t in (target.within, target.frame) if t is not None]


def _unclear(step: Step) -> bool:
    """Its description shows a selector or a regular expression, not words a person reads on the screen."""
    if isinstance(step.payload, Expected) and step.payload.expect.matches is not None:
        return True
    target = step.target
    while target is not None:
        if target.kind in TECHNICAL:
            return True
        target = target.within
    return False


def _guarded_partial(step: Step, used: Flow) -> list:
    """A `use` whose steps are all `optional` (or that is itself marked optional): each optional step waits 2 s when
    its target is absent, on every run; `when:` decides once, at once (issue 16)."""
    steps = used.steps
    first = steps[0].target if steps and steps[0].target is not None and steps[0].target.kind != "page" else None
    condition = f"when: {{visible: {spelled_target(first)}}}" if first is not None else "when: {visible: …}"
    if step.optional:
        message = "`optional:` does not apply to `use:` (it has no target of its own)"
    elif steps and all(s.optional for s in steps):
        message = f"every step of {used.id} is optional: each waits {duration(2.0)} on every run where it is absent"
    else:
        return []
    return [(step.span.line, step.span.column, message, f"run it only when it applies, decided at once: {condition}")]


# -- CSS and XPath ---------------------------------------------------------------------------------------------------


def _locator(target: Target, action: str) -> list:
    if target.kind not in ("css", "xpath"):
        return []
    what = "a CSS selector" if target.kind == "css" else "an XPath expression"
    better = _from_css(target.value) if target.kind == "css" else _from_xpath(target.value)
    if better is None:
        guess = ACTION_GUESS.get(action)
        tail = f", or {_replaced(target, guess)}" if guess else ", {role: …, name: …}, {label: …} or {testid: …}"
        return [
            (
                target.span.line,
                target.span.column,
                f"{what} breaks when the page's markup changes and tells a reader nothing: prefer what a person reads",
                f"write the text a person sees on it (e.g. `{action}: Save card`){tail}",
            )
        ]
    words, replacement = better
    return [
        (
            target.span.line,
            target.span.column,
            f"{what} where {words} would do",
            f"replace it with {_replaced(target, replacement)}",
        )
    ]


def _replaced(target: Target, replacement) -> str:
    """The replacement, keeping the target's refinements (within, nth, frame, has_text)."""
    refinements = {}
    for key in ("has_text", "within", "nth", "frame"):
        value = getattr(target, key)
        if value is not None:
            refinements[key] = target_value(value) if isinstance(value, Target) else value
    if not refinements:
        return spelled_target(replacement)
    if isinstance(replacement, str):
        replacement = {"text": replacement}
    return spelled_target({**replacement, **refinements})


def _from_css(selector: str):
    """(what would do, the target to write) when the selector reveals it, else None."""
    selector = selector.strip()
    text = re.search(CSS_HAS_TEXT, selector) or re.match(CSS_TEXT_ENGINE, selector)
    if text:
        return "the text a person reads", text.group("val")
    match = re.match(CSS_ATTRIBUTE, selector)
    better = _by_attribute(match.group("attr"), match.group("val")) if match else None
    if better is not None:
        return better
    match = re.match(CSS_TAG, selector)
    if match:
        return _by_tag(match.group("tag").lower(), (match.group("type") or "").lower())
    return None


def _from_xpath(expression: str):
    expression = expression.strip()
    match = re.match(XPATH, expression)
    if match:
        what, value = match.group("what"), match.group("val")
        if what.startswith("@"):
            return _by_attribute(what[1:], value)
        return _text_in(match.group("tag").lower(), value)
    match = re.match(XPATH_CONTAINS, expression)
    if match:
        return "the text a person reads", {"text": match.group("val")}  # words inside a longer text match (tier 3)
    match = re.match(XPATH_TAG, expression)
    if match:
        return _by_tag(match.group("tag").lower(), "")
    return None


def _by_attribute(attribute: str, value: str):
    if attribute == "data-testid":
        return "a test id", {"testid": value}
    if attribute == "aria-label":
        return "the name a person reads", value
    if attribute in ("placeholder", "alt", "title"):
        words = {"placeholder": "the placeholder", "alt": "the image's alt text", "title": "the title"}[attribute]
        return words, {attribute: value}
    return None


def _text_in(tag: str, text: str):
    role = {"button": "button", "a": "link"}.get(tag)
    if role:
        return "a role and name", {"role": role, "name": text}
    return "the text a person reads", text


def _by_tag(tag: str, input_type: str):
    if tag == "input" and input_type in INPUT_TYPES:
        return "a role and name", {"role": INPUT_TYPES[input_type], "name": "…"}
    return TAG_TARGETS.get(tag)


# -- params ----------------------------------------------------------------------------------------------------------


def _unused_params(flow: Flow) -> list:
    if not flow.params:
        return []
    used = flow.params_used  # the loader notes every ${name} it fills in: no second parse of the file
    return [
        (
            param.span.line,
            param.span.column,
            f'the param "{param.name}" is never used',
            f"use it as ${{{param.name}}} in a step (e.g. value: ${{{param.name}}}), or remove it",
        )
        for param in flow.params
        if param.name not in used and param.span is not None
    ]
