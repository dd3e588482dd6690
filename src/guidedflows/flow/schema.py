"""The JSON Schema (draft 2020-12) of the flow format, generated from vocabulary.py, for editors' completion and hover.

One source of truth: the loader validates against the same tables. The committed copy is schema/flow.schema.json
(`guidedflows schema > schema/flow.schema.json`; a test keeps it equal to what this module generates).
"""

from __future__ import annotations

import json

from ..defaults import DURATION_PATTERN
from ..steps import REGISTRY, Action
from . import vocabulary as vocab

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"
PARAM_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
TAG_WORD = r"^[\w.-]+$"
DURATION = DURATION_PATTERN
# Names that become files (names.py): no separator, no "..". Editors' regular expressions read \w as ASCII: any other
# letter is let through here, and the loader says the last word.
NAME = r"^(?!.*\.\.)(?:[\w.-]|[^\x00-\x7F]|\$\{[^}]*\})+$"
# Where start/goto go (urls.py): a path (or a ${param}), an http(s) URL, or about:blank.
WHERE = r"^(?![A-Za-z][A-Za-z0-9+.-]*:)|^(?:[Hh][Tt][Tt][Pp][Ss]?://|about:blank$)"
# A plain YAML scalar is text to the loader (`value: 04`, `value: 2030`, `value: true` keep their source text).
TEXT = {"type": ["string", "number", "boolean"], "minLength": 1}


def flow_schema() -> dict:
    """The whole schema as data."""
    return {
        "$schema": SCHEMA_ID,
        "$id": "flow.schema.json",
        "title": "guidedflows flow",
        "description": "One website procedure: guide a person through it, check it in CI, publish it as a how-to.",
        "type": "object",
        "required": [name for name, key in vocab.TOP_LEVEL.items() if key.required],
        "additionalProperties": False,
        "properties": {name: _top_level(name, key) for name, key in vocab.TOP_LEVEL.items()},
        "$defs": {
            "step": _step(),
            "target": _target(),
            "param": _param(),
            **{f"step_{name}": _action(action) for name, action in REGISTRY.items()},
        },
    }


def schema_text() -> str:
    """The schema as the committed file holds it: short parts on one line, so it reads like a hand-written one."""
    return _dumps(flow_schema(), 0) + "\n"


def _dumps(value, indent: int, lead: int = 0, width: int = 118) -> str:
    """JSON with a part on one line when it fits in `width` (after `lead` characters already on the line)."""
    flat = json.dumps(value, ensure_ascii=False)
    if indent + lead + len(flat) <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, list):
        items = [pad + _dumps(item, indent + 2) for item in value]
        close = "]"
    else:
        items = [f"{pad}{json.dumps(k)}: {_dumps(v, indent + 2, len(json.dumps(k)) + 2)}" for k, v in value.items()]
        close = "}"
    return ("[" if close == "]" else "{") + "\n" + ",\n".join(items) + "\n" + " " * indent + close


def _value(kind: str, help_text: str) -> dict:
    """The schema of one value kind (vocabulary.py lists them), with its help text as the description."""
    if kind.startswith("enum:"):
        return {"enum": kind[5:].split("|"), "description": help_text}
    shapes: dict[str, dict] = {
        "text": TEXT,
        "name": {**TEXT, "pattern": NAME},
        "where": {**TEXT, "pattern": WHERE},
        "flow_ref": {"type": "string", "minLength": 1},
        "target": {"$ref": "#/$defs/target"},
        "target_or_page": {"$ref": "#/$defs/target"},
        "duration": {"type": "string", "pattern": DURATION},
        "bool": {"type": "boolean"},
        "int": {"type": "integer"},
        "regex": {"type": "string", "format": "regex", "minLength": 1},
        "texts": {"anyOf": [TEXT, {"type": "array", "items": {"type": ["string", "number", "boolean"]}}]},
        "tags": {"type": "array", "items": {"type": "string", "pattern": TAG_WORD}},
        "params": {
            "type": "object",
            "propertyNames": {"pattern": PARAM_NAME},
            "additionalProperties": {"$ref": "#/$defs/param"},
        },
        "with": {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}},
        "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
        "role": {"enum": sorted(vocab.ARIA_ROLES)},
        "files": {"anyOf": [TEXT, {"type": "array", "minItems": 1, "items": TEXT}]},
    }
    if kind == "condition":
        return {**_condition(), "description": help_text}
    return {**shapes[kind], "description": help_text}


def _condition() -> dict:
    """`when:`: exactly one of visible / hidden (a target) or url (text)."""
    properties = {name: _value(key.kind, key.help) for name, key in vocab.CONDITIONS.items()}
    return {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False, "properties": properties}


def _top_level(name: str, key: vocab.Key) -> dict:
    schema = _value(key.kind, key.help)
    if name == "setup":  # may be empty (`setup:` with nothing, or []): there is nothing to set up
        schema = {**schema, "type": ["array", "null"], "minItems": 0}
    return schema


def _step() -> dict:
    return {
        "description": "One step: exactly one action (" + ", ".join(REGISTRY) + ") plus common keys.",
        "type": "object",
        "oneOf": [{"$ref": f"#/$defs/step_{name}"} for name in REGISTRY],
    }


def _action(action: Action) -> dict:
    """A step doing `action`: its value, its own keys and the common keys, nothing else."""
    properties = {action.name: _value(action.value, action.help)}
    properties.update({name: _value(key.kind, key.help) for name, key in vocab.COMMON.items()})
    for name, key in action.keys.items():
        # what a field holds or an element reads may be empty (`value: ""`); a target or a title may not
        empty_ok = name == "value" or (action.keys is vocab.MATCHERS and key.kind in ("text", "texts"))
        properties[name] = _empty_ok(_value(key.kind, key.help)) if empty_ok else _value(key.kind, key.help)
    if action.keys is vocab.MATCHERS:
        properties["count"]["minimum"] = 0  # the loader reads `count` as a count, never negative
    required = [action.name, *(name for name, key in action.keys.items() if key.required)]
    schema = {
        "description": action.help,
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }
    if action.name == "expect":
        schema["allOf"] = _expect_rules()
    return schema


def _empty_ok(schema: dict) -> dict:
    schema = {key: value for key, value in schema.items() if key != "minLength"}
    if "anyOf" in schema:
        schema["anyOf"] = [_empty_ok(part) for part in schema["anyOf"]]
    return schema


def _expect_rules() -> list[dict]:
    """`expect: page` takes only the page matchers (and needs one); an element takes only the others."""
    page_only = list(vocab.PAGE_MATCHERS)
    element_only = [name for name in vocab.MATCHERS if name not in vocab.PAGE_MATCHERS]
    return [
        {
            "if": {"properties": {"expect": {"const": "page"}}},
            "then": {
                "anyOf": [{"required": [name]} for name in page_only],
                "not": {"anyOf": [{"required": [name]} for name in element_only]},
            },
            "else": {"not": {"anyOf": [{"required": [name]} for name in page_only]}},
        }
    ]


def _target() -> dict:
    keys = {**vocab.TARGET_LOCATORS, **vocab.TARGET_REFINEMENTS}
    return {
        "description": "Which element: the text a person reads on the screen, or a mapping with one locator key "
        "(" + ", ".join(vocab.TARGET_LOCATORS) + ") plus refinements (" + ", ".join(vocab.TARGET_REFINEMENTS) + ").",
        "anyOf": [
            {**TEXT, "description": "What a person reads: a control's name, a label, a placeholder, a text, an alt text."},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {name: _value(key.kind, key.help) for name, key in keys.items()},
                "oneOf": [{"required": [name]} for name in vocab.TARGET_LOCATORS],
                "dependentRequired": {"name": ["role"]},
            },
        ],
    }


def _param() -> dict:
    return {
        "description": "A param: its default value, or {default, secret, description}.",
        "anyOf": [
            {"type": ["string", "number", "boolean"], "description": vocab.PARAM_KEYS["default"].help},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    name: _empty_ok(_value(key.kind, key.help)) if name == "default" else _value(key.kind, key.help)
                    for name, key in vocab.PARAM_KEYS.items()
                },
            },
        ],
    }
