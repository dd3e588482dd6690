"""Flows written back as YAML text the way a person writes them: block steps, `{role: button, name: Save}` targets.

Used by `record` and `import` to write flow files, and by lint to spell its suggested replacements.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Target
from .source import Span
from .yamllib import yaml

try:  # libyaml when PyYAML has it: reading `k: text` back is then 10 times faster (lint spells a target per warning)
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

NOWHERE = Span("<written>", 1, 1)  # a target made from data (record, suggestions), not read from a file

# Plain (unquoted) scalars are kept only when YAML reads them back as the same string: `04`, `yes`, `12:30`,
# `null`, `- x`, `a: b`, `#x` are quoted.
_PLAIN_OK = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*\Z")
_TARGET_ORDER = ("role", "name", "text", "label", "placeholder", "alt", "title", "testid", "css", "xpath", "exact",
                 "has_text", "within", "nth", "frame")


def scalar(value, *, in_flow: bool = False) -> str:
    """`value` as a YAML scalar, quoted only when it has to be (inside `{...}` when `in_flow`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _plain(text, in_flow):
        return text
    import json  # only for a quoted scalar (validate's start-up does not pay for it, B3)

    return _not_in_quotes().sub(_escaped, json.dumps(text, ensure_ascii=False))


@lru_cache(maxsize=1)  # compiled when first quoting (5 ms: validate's start-up does not pay for it, B3)
def _not_in_quotes() -> re.Pattern[str]:
    """What a double-quoted YAML scalar cannot hold as it is, once json.dumps has escaped the C0 controls: a
    character YAML does not allow in a file (DEL, the C1 controls, a lone surrogate, U+FFFE/U+FFFF), and the ones it
    reads as a line break (NEL U+0085, U+2028, U+2029). Each is written as a \\u escape, which both read as it."""
    return re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escaped(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


@lru_cache(maxsize=1024)  # lint spells the same targets again and again (a partial used by 1,000 flows, B4)
def _plain(text: str, in_flow: bool) -> bool:
    if not text or text != text.strip() or not _PLAIN_OK.match(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if in_flow and any(ch in text for ch in ",[]{}"):
        return False
    reader = _SafeLoader(f"k: {text}")  # yaml.safe_load, with libyaml's parser when there is one
    try:
        return reader.get_single_data() == {"k": text}
    except (yaml.YAMLError, ValueError):  # ValueError: a number YAML cannot make (`0b_`): not plain either
        return False
    finally:
        reader.dispose()


def literal(text: str) -> str:
    """A typed or recorded value as flow text: `${` would read as a param, so it is written `$${`."""
    return text.replace("${", "$${")


def target_value(target) -> object:
    """A target as YAML data: data passes through; a Target is written as its flow file holds it (Target.written)."""
    return target if isinstance(target, (str, dict)) else target.written()


def inline(value, *, in_flow: bool = False) -> str:
    """Data as one line of YAML: a scalar, `{a: b, c: {d: e}}` or `[a, b]`."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: _TARGET_ORDER.index(k) if k in _TARGET_ORDER else len(_TARGET_ORDER))
        return "{" + ", ".join(f"{k}: {inline(value[k], in_flow=True)}" for k in keys) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inline(v, in_flow=True) for v in value) + "]"
    return scalar(value, in_flow=in_flow)


def spelled_target(target) -> str:
    """A target the way a flow file says it: `Save card`, `{role: button, name: Save card}`."""
    return inline(target_value(target))


def dump_flow(flow: dict) -> str:
    """A flow given as plain data (top-level keys, `params`, `steps` as lists of dicts) → its YAML text."""
    out: list[str] = []
    for key, value in flow.items():
        if key in ("steps", "setup"):
            out.append(f"{key}:")
            out.extend(_step_lines(step) for step in value)
        elif key == "params":
            out.append("params:")
            out.extend(f"  {name}: {inline(param)}" for name, param in value.items())
        else:
            out.append(f"{key}: {inline(value)}")
    return "\n".join(out) + "\n"


def _step_lines(step: dict) -> str:
    lines = []
    for index, (key, value) in enumerate(step.items()):
        lead = "  - " if index == 0 else "    "
        lines.append(f"{lead}{key}: {inline(value)}")
    return "\n".join(lines)


def to_target(data, action: str | None = None) -> Target:
    """Target data as the flow file holds it (a string or a mapping) → the model the Resolver takes; `action` is the
    step's, which narrows the search as in a flow (the loader's `target(node, action)`: the action's narrowing from the registry)."""
    from ..steps import REGISTRY  # the registry reads flows; flowtext is below it

    narrowing = REGISTRY[action].narrowing if action in REGISTRY else None
    if isinstance(data, str):
        return Target("human", data, NOWHERE, action=action, narrowing=narrowing)
    kind = next(key for key in data if key in ("role", "text", "label", "placeholder", "alt", "title", "testid", "css", "xpath"))
    return Target(
        kind=kind,
        value=str(data[kind]),
        span=NOWHERE,
        name=data.get("name"),
        exact=data.get("exact"),
        within=to_target(data["within"]) if "within" in data else None,
        has_text=data.get("has_text"),
        nth=data.get("nth"),
        frame=to_target(data["frame"]) if "frame" in data else None,
        action=action,
        narrowing=narrowing,
    )
