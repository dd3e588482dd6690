"""Each action carries its own typed payload (issue 15): a Step holds only the keys every step has."""

from __future__ import annotations

import dataclasses

import pytest

from guidedflows.flow.loader import load_flow
from guidedflows.flow.model import Payload, Step
from guidedflows.steps import REGISTRY
from guidedflows.steps.forms import Typed
from guidedflows.steps.navigation import Address

COMMON = {"action", "span", "payload", "say", "optional", "timeout", "dialog", "when", "id", "secret", "secrets",
          "source_lines", "shown"}


def test_a_step_holds_no_field_of_one_action():
    assert {f.name for f in dataclasses.fields(Step)} == COMMON


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_action_declares_a_frozen_payload(name):
    payload = REGISTRY[name].payload
    assert payload is not Payload and issubclass(payload, Payload)
    assert dataclasses.is_dataclass(payload) and payload.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_loading_gives_each_step_its_actions_payload(tmp_path):
    (tmp_path / "receipt.png").write_bytes(b"\x89PNG")
    (tmp_path / "_part.yaml").write_text("flow: Part\nsteps:\n  - click: Inner\n")
    path = tmp_path / "every.yaml"
    path.write_text(
        "flow: Every action\nsteps:\n"
        "  - goto: /cards\n  - click: Save\n  - dblclick: Row\n  - hover: Help\n"
        "  - fill: Name\n    value: Ada\n  - press: Enter\n    on: Notes\n  - select: Month\n    value: '04'\n"
        "  - upload: Add photos\n    files: receipt.png\n  - check: Remember me\n  - uncheck: Offers\n"
        "  - expect: Saved\n  - show: Cards\n  - note: Hello\n  - go: back\n  - close: tab\n  - use: part\n"
        "  - screenshot: done\n  - wait: 1s\n"
    )
    steps = load_flow(path).steps
    assert [s.action for s in steps] == list(REGISTRY)  # the file lists every action, in the registry's order
    for step in steps:
        assert type(step.payload) is REGISTRY[step.action].payload, step.action


def test_a_payload_is_read_as_its_own_type_only(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text("flow: Two\nsteps:\n  - goto: /a\n  - fill: Name\n    value: Ada\n")
    goto, fill = load_flow(path).steps
    assert goto.of(Address).url == "/a" and goto.target is None
    assert fill.of(Typed).value == "Ada" and fill.target is fill.of(Typed).target
    with pytest.raises(TypeError, match="a goto step carries Address, not Typed"):
        goto.of(Typed)
