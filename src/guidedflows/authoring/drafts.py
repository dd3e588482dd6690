"""What `record` and `import` share: spotting secret fields, drafting each step's `say`, writing the file atomically.

A flow being written is plain data (top-level keys, `params`, `steps` as a list of dicts); the loader checks it and
describes each step, so a draft `say` is exactly what the guide would show without one, in Markdown.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..flow.flowtext import dump_flow, literal

# Words in a field's name, label, id or autocomplete that say what is typed into it is a secret.
SECRET_FIELDS = (
    ("card_number", re.compile(r"cc-number|card.?num|card.?no\b|credit.?card|\bpan\b", re.I)),
    ("security_code", re.compile(r"cc-csc|\bcvc|\bcvv|\bcsc\b|security.?code|card.?code|verification.?code", re.I)),
    ("password", re.compile(r"password|passwd|\bpwd\b|passcode|\bpin\b|one-time-code|\botp\b", re.I)),
)
CARD_WORD = re.compile(r"\bcard\b", re.I)
QUOTED = re.compile(r'"([^"\n]+)"')


def secret_kind(value: str, hints: list[str], *, password_field: bool = False) -> str | None:
    """The param name for a value typed into a secret-looking field (or that looks like a card number), else None."""
    if password_field:
        return "password"
    words = " ".join(h for h in hints if h)
    for name, pattern in SECRET_FIELDS:
        if pattern.search(words):
            return name
    digits = re.sub(r"[\s-]", "", value)
    if digits.isdigit() and (_card_number(digits) or (len(digits) >= 12 and CARD_WORD.search(words))):
        return "card_number"
    return None


def _card_number(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and _luhn(digits)


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char) * (2 if index % 2 else 1)
        total += number - 9 if number > 9 else number
    return total % 10 == 0


def unique_name(name: str, taken) -> str:
    if name not in taken:
        return name
    number = 2
    while f"{name}_{number}" in taken:
        number += 1
    return f"{name}_{number}"


def with_says(flow: dict) -> dict:
    """The flow with a draft `say` on every step that has none, from the step's own description."""
    from ..flow.loader import load_flow

    with tempfile.TemporaryDirectory(prefix="guidedflows-") as folder:
        path = Path(folder) / "draft.yaml"
        path.write_text(dump_flow(flow), encoding="utf-8")
        loaded = load_flow(path, require_values=False)
    steps = []
    for data, step in zip(flow["steps"], loaded.steps, strict=False):
        data = dict(data)
        if "say" not in data:
            data["say"] = literal(_draft(data, step))
        steps.append(data)
    return {**flow, "steps": steps}


def _draft(data: dict, step) -> str:
    value = data.get("value")
    if step.action == "fill" and isinstance(value, str) and re.fullmatch(r"\$\{\w+\}", value):
        words = value[2:-1].replace("_", " ")

        return _bold(f"Type your {words} into {step.target.described()}.")
    return _bold(step.describe())


def _bold(text: str) -> str:
    """`Click "Save card".` → `Click **Save card**.` (the way the shipped flows name what is on the screen)."""
    return QUOTED.sub(lambda m: f"**{m.group(1)}**", text)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` in one step, so a reader (or a crash, or Ctrl-C) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def secret_note(flow: dict, out: Path) -> str | None:
    """How to give the secret params the file holds no value for."""
    missing = [name for name, param in flow.get("params", {}).items() if isinstance(param, dict) and param.get("secret")
               and "default" not in param]
    if not missing:
        return None
    given = " ".join(f"--param {name}=..." for name in missing)
    return (f"{', '.join(missing)}: typed in clear while recording, written as secret params without a value; "
            f"give them when you run it: guidedflows check {out} {given}")
