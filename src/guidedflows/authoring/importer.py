"""Chrome DevTools Recorder recordings (the `@puppeteer/replay` JSON schema) → flow files in our vocabulary.

Each recorded step keeps its most human selector (an `aria/` name before a test id, text, CSS or XPath); typed
values that look like secrets become secret params with no value written; what cannot be converted is listed by its
index in the recording's `steps`, never dropped silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FlowFileError, Problem, UsageError
from ..flow.flowtext import literal, spelled_target
from ..flow.source import Span
from .drafts import secret_kind, unique_name, with_says

MODIFIERS = ("Control", "Shift", "Alt", "Meta")
KEY_NAMES = {" ": "Space", "\r": "Enter", "\n": "Enter"}
ARIA = re.compile(r"(?P<name>.*?)(?:\[role=[\"']?(?P<role>[\w-]+)[\"']?\])?\Z", re.S)
ATTRIBUTE = re.compile(r"""\[\s*(?P<attr>[\w-]+)\s*=\s*(?P<q>["']?)(?P<val>[^"'\]]*)(?P=q)\s*\]\Z""")
SELECT_TAG = re.compile(r"(?:^|[\s>+~(])select\b(?![\w-])|/select\b", re.I)
PASSWORD_FIELD = re.compile(r"""type\s*=\s*["']?password""", re.I)
# Rank of a selector kind: what a person reads first, then a test id, then markup (codegen's order, human first).
RANK = {"aria": 0, "testid": 1, "text": 2, "css": 3, "pierce": 4, "xpath": 5}


@dataclass
class Imported:
    flow: dict
    notes: list[str] = field(default_factory=list)  # steps not converted (or converted with a caveat), by index


def import_recording(path: Path, base_url: str | None = None) -> Imported:
    """Read a recording and convert it; FlowFileError (exit 2) for JSON that is not a recording, at its line:column."""
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text; export the recording as JSON") from None
    recording = _parse(text, str(path))
    return _Converter(recording, base_url, path.name).convert()


def _parse(text: str, where: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(where, text, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}",
                    "export the recording from Chrome DevTools (Recorder → Export → JSON)") from None
    if not isinstance(data, dict):
        raise _fail(where, text, 1, 1, "a recording is a JSON object with `title` and `steps`", None)
    if not isinstance(data.get("steps"), list):
        missing = "steps" not in data
        raise _fail(where, text, 1, 1, "the recording has no `steps`" if missing else "the recording's `steps` is not a list", None)
    return data


def _fail(where: str, text: str, line: int, column: int, message: str, hint: str | None) -> FlowFileError:
    return FlowFileError([Problem(Span(where, line, column), message, hint, text)])


class _Converter:
    def __init__(self, recording: dict, base_url: str | None, name: str):
        self.recording = recording
        self.base_url = base_url.rstrip("/") if base_url else None
        self.name = name
        self.steps: list[dict] = []
        self.params: dict[str, dict] = {}
        self.notes: list[str] = []
        self.start: str | None = None
        self.tabs = ["main"]
        self.held: list[str] = []  # modifier keys down
        self.framed: dict[str, list[str]] = {"human": [], "index": []}  # steps in iframes, said once at the end

    def convert(self) -> Imported:
        for index, step in enumerate(self.recording["steps"]):
            kind = step.get("type") if isinstance(step, dict) else None
            label = f"steps[{index}] ({kind})" if isinstance(kind, str) else f"steps[{index}]"
            if not isinstance(kind, str):
                self.notes.append(f"{label}: not a step with a `type`; not converted")
                continue
            handler = self.handlers().get(kind)
            if handler is None:
                self.notes.append(f"{label}: unknown step type; not converted")
                continue
            try:
                self._follow_tab(step, label)
                handler(step, label)
            except _Skip as skip:
                self.notes.append(f"{label}: {skip}")
        self._frame_notes()
        return Imported(self._flow(), self.notes)

    def handlers(self) -> dict:
        """The Recorder's step types this converts, by their `type` (a table: a recording's own words never pick a
        method by name, issue 15: `{"type": "add"}` reached `_add`)."""
        return {
            "navigate": self._navigate,
            "click": self._click,
            "doubleClick": self._double_click,
            "hover": self._hover,
            "change": self._change,
            "keyDown": self._key_down,
            "keyUp": self._key_up,
            "close": self._close,
            "waitForElement": self._wait_for_element,
            "setViewport": self._set_viewport,
            "scroll": self._scroll,
            "waitForExpression": self._wait_for_expression,
            "customStep": self._custom_step,
            "emulateNetworkConditions": self._emulate_network_conditions,
        }

    def _frame_notes(self) -> None:
        if self.framed["human"]:
            self.notes.append(", ".join(self.framed["human"]) + ": in an iframe; their targets are words a person "
                              "reads, which are looked for in the page's iframes too, so they need no `frame:`")
        if self.framed["index"]:
            self.notes.append("; ".join(self.framed["index"]) + ": the iframe is given by its position in the "
                              "recording; name it instead if you can, e.g. frame: {title: ...}")

    def _flow(self) -> dict:
        if not self.steps:
            raise UsageError(f"{self.name}: no step of the recording could be converted:\n  " + "\n  ".join(self.notes))
        title = self.recording.get("title")
        flow: dict = {"flow": title if isinstance(title, str) and title.strip() else "Imported recording"}
        flow["description"] = f"Imported from the Chrome DevTools Recorder recording {self.name}."
        flow["start"] = self.start or "/"
        if self.params:
            flow["params"] = self.params
        flow["steps"] = self.steps
        return with_says(flow)

    # -- tabs ----------------------------------------------------------------------------------------------------

    def _follow_tab(self, step: dict, label: str) -> None:
        target = step.get("target")
        if not isinstance(target, str):
            target = "main"
        if target == self.tabs[-1]:
            return
        if target not in self.tabs:  # a tab the step before opened: the flow moves into it by itself
            self.tabs.append(target)
            return
        raise _Skip("acts in an earlier tab that is still behind another one; a flow returns to it only with "
                    "`close: tab`; not converted")

    # -- step types ----------------------------------------------------------------------------------------------

    def _navigate(self, step: dict, label: str) -> None:
        url = _string(step, "url", label)
        if self.start is None and not self.steps:
            self.start = self._where(url)
            return
        self._add({"goto": self._where(url)}, step)

    def _click(self, step: dict, label: str) -> None:
        button = step.get("button", "primary")
        if button not in (None, "primary"):
            raise _Skip(f'a "{button}" button click has no step in flows; not converted')
        following = self._next(step)
        if following.get("type") == "change" and following.get("selectors") == step.get("selectors") \
                and not step.get("assertedEvents"):
            raise _Skip("the click into the field is part of the fill that follows it")
        self._add({"click": self._target(step, label)}, step)

    def _next(self, step: dict) -> dict:
        steps = self.recording["steps"]
        index = next(i for i, s in enumerate(steps) if s is step)
        following = steps[index + 1] if index + 1 < len(steps) else None
        return following if isinstance(following, dict) else {}

    def _double_click(self, step: dict, label: str) -> None:
        self._add({"dblclick": self._target(step, label)}, step)

    def _hover(self, step: dict, label: str) -> None:
        self._add({"hover": self._target(step, label)}, step)

    def _change(self, step: dict, label: str) -> None:
        value = _string(step, "value", label)
        target = self._target(step, label)
        texts = [s for chain in _selectors(step, label) for s in chain]
        action = "select" if any(SELECT_TAG.search(s) for s in texts if not s.startswith(("aria/", "text/"))) else "fill"
        secret = None
        if action == "fill":
            secret = secret_kind(value, texts, password_field=any(PASSWORD_FIELD.search(s) for s in texts))
        if secret:
            name = unique_name(secret, self.params)
            self.params[name] = {"secret": True, "description": f'typed into "{_named(target)}" in the recording'}
            self._add({"fill": target, "value": f"${{{name}}}"}, step)
        else:
            self._add({action: target, "value": literal(value)}, step)

    def _key_down(self, step: dict, label: str) -> None:
        key = KEY_NAMES.get(_string(step, "key", label), step["key"])
        if key in MODIFIERS:
            self.held.append(key)
            return
        self._add({"press": "+".join([*self.held, key])}, step)

    def _key_up(self, step: dict, label: str) -> None:
        key = KEY_NAMES.get(_string(step, "key", label), step["key"])
        if key in self.held:
            self.held.remove(key)
        self._assert(step)  # a navigation the key press caused (Enter in a search box) is asserted on its keyUp

    def _close(self, step: dict, label: str) -> None:
        if len(self.tabs) < 2:
            raise _Skip("closes the first tab; a flow closes only tabs it opened; not converted")
        self.tabs.pop()
        self._add({"close": "tab"}, step)

    def _wait_for_element(self, step: dict, label: str) -> None:
        target = self._target(step, label)
        operator, count = step.get("operator", "=="), step.get("count", 1)
        matchers: dict[str, object]
        if operator == "==" and count == 1 or operator == ">=" and count == 1:
            matchers = {}
        elif operator == "==" and isinstance(count, int):
            matchers = {"count": count} if count else {"visible": False}
        elif operator == "<=" and count == 0:
            matchers = {"visible": False}
        else:
            raise _Skip(f"waits for {operator} {count} elements, which `expect` cannot say; not converted")
        self._add({"expect": target, **matchers}, step)

    def _set_viewport(self, step: dict, label: str) -> None:
        raise _Skip("dropped: flows run in the viewport the command chooses (docs: --viewport)")

    def _scroll(self, step: dict, label: str) -> None:
        raise _Skip("dropped: each step scrolls its element into view by itself")

    def _wait_for_expression(self, step: dict, label: str) -> None:
        raise _Skip("a JavaScript expression has no step in flows; not converted (an `expect` on what it waits for "
                    "does the same)")

    def _custom_step(self, step: dict, label: str) -> None:
        raise _Skip(f'custom step "{step.get("name")}" has no meaning outside its extension; not converted')

    def _emulate_network_conditions(self, step: dict, label: str) -> None:
        raise _Skip("network emulation has no step in flows; not converted")

    # -- parts ---------------------------------------------------------------------------------------------------

    def _add(self, data: dict, step: dict) -> None:
        timeout = step.get("timeout")
        if isinstance(timeout, (int, float)) and timeout > 0:
            data["timeout"] = f"{timeout / 1000:g}s" if timeout % 1000 == 0 else f"{timeout:g}ms"
        self.steps.append(data)
        self._assert(step)

    def _assert(self, step: dict) -> None:
        for event in step.get("assertedEvents") or ():
            if not isinstance(event, dict) or event.get("type") != "navigation":
                continue
            matchers = {}
            if isinstance(event.get("url"), str) and event["url"]:
                matchers["url"] = literal(self._where(event["url"]))
            if isinstance(event.get("title"), str) and event["title"]:
                matchers["title"] = literal(event["title"])
            if matchers:
                self.steps.append({"expect": "page", **matchers})

    def _where(self, url: str) -> str:
        """A URL under --base-url as a path (so the flow runs against any copy of the site), else the URL."""
        if self.base_url and (url == self.base_url or url.startswith(self.base_url + "/")):
            return literal(url[len(self.base_url):] or "/")
        return literal(url)

    def _target(self, step: dict, label: str):
        chains = _selectors(step, label)
        candidates = [c for c in (_chain_target(chain) for chain in chains) if c is not None]
        if not candidates:
            raise _Skip("none of its selectors can be read; not converted")
        rank, target = min(candidates, key=lambda c: c[0])
        frame = step.get("frame")
        if isinstance(frame, list) and frame and all(isinstance(i, int) for i in frame):
            if isinstance(target, str):
                self.framed["human"].append(label)
            else:
                target = {**target, "frame": _frame(frame)}
                self.framed["index"].append(f"{label} → frame: {_shown(target['frame'])}")
        return target


class _Skip(Exception):
    """This recorded step is not converted; the message says why."""


def _string(step: dict, key: str, label: str) -> str:
    value = step.get(key)
    if not isinstance(value, str):
        raise _Skip(f"has no `{key}` text; not converted")
    return value


def _selectors(step: dict, label: str) -> list[list[str]]:
    selectors = step.get("selectors")
    if not isinstance(selectors, list) or not selectors:
        raise _Skip("has no selectors; not converted")
    chains = []
    for selector in selectors:
        chain = [selector] if isinstance(selector, str) else selector
        if isinstance(chain, list) and chain and all(isinstance(part, str) for part in chain):
            chains.append(chain)
    return chains


def _chain_target(chain: list[str]):
    """(rank, target) for one selector alternative; a chain (shadow hosts first) nests with `within`."""
    parts = [_one_target(part) for part in chain]
    if any(part is None for part in parts):
        return None
    rank, target = parts[-1]
    for _rank, outer in reversed(parts[:-1]):
        inner = target if isinstance(target, dict) else {"text": target}
        target = {**inner, "within": outer}
    return rank + (len(parts) - 1) * 0.1, target


def _one_target(selector: str):
    if selector.startswith("aria/"):
        match = ARIA.match(selector[5:])
        if match is None:
            return None
        name, role = match.group("name").strip(), match.group("role")
        if not name:
            return (RANK["aria"] + 6, {"role": role}) if role else None
        return RANK["aria"], _human(name) if not role else {"role": role, "name": name}
    if selector.startswith("text/"):
        return (RANK["text"], _human(selector[5:].strip())) if selector[5:].strip() else None
    if selector.startswith("xpath/"):
        return RANK["xpath"], {"xpath": selector[6:]}
    if selector.startswith("pierce/"):
        return RANK["pierce"], {"css": selector[7:]}
    match = ATTRIBUTE.search(selector.strip())
    if match and match.start() == 0 and match.group("attr") == "data-testid":
        return RANK["testid"], {"testid": match.group("val")}
    return RANK["css"], {"css": selector}


def _human(text: str):
    """A plain string target, except one that reads as the word `page` (which `expect` takes for the page)."""
    return {"text": text} if text == "page" else text


def _frame(indexes: list[int]) -> dict | None:
    frame: dict | None = None
    for index in indexes:
        frame = {"css": "iframe", "nth": index, **({"frame": frame} if frame else {})}
    return frame


def _named(target) -> str:
    """What a person calls the element: the string, a role's name, or the locator's value."""
    if isinstance(target, str):
        return target
    return str(target.get("name") or next(v for k, v in target.items() if k not in ("frame", "within", "nth")))


def _shown(target) -> str:
    return spelled_target(target)
