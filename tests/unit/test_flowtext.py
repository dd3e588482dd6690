"""flowtext writes a value as a YAML scalar quoted only when it has to be: whatever the value, YAML reads it back as
the same text (record, import and lint's suggestions write with it)."""

from __future__ import annotations

import random

import pytest
import yaml

from guidedflows.flow.flowtext import inline, scalar

TRICKY = [
    "Save card", "04", "yes", "No", "null", "~", "true", "12:30", "1_000", "0x1F", "0b_", "0b", "0o7", ".inf", "-.5",
    "1e3", "2030-01-01", "2001-12-14t21:59:43.10-05:00", "=", "<<", "- x", "a: b", "a #b", "#x", "&a", "*a", "!x", "|",
    ">", "'q'", '"q"', "%x", "@x", "`x`", "x:", "a, b", "[a]", "{a}", " lead", "trail ", "tab\there", "é", "🙂",
    "line\nbreak", "\ufeff", "\x07", "", "a\x85b", "a\u2028b", "a\u2029b", "del\x7f", "c1\x80\x9f", "\ufffe",
]


def read_back(written: str):
    return yaml.safe_load(f"k: {written}")["k"]


@pytest.mark.parametrize("text", TRICKY)
def test_a_scalar_reads_back_as_the_same_text(text):
    assert read_back(scalar(text)) == text
    assert yaml.safe_load(f"k: {{v: {scalar(text, in_flow=True)}}}")["k"]["v"] == text


def test_plain_where_yaml_reads_it_as_written():
    assert scalar("Save card") == "Save card"
    assert scalar("Order 8001") == "Order 8001"
    assert inline({"role": "button", "name": "Save card"}) == "{role: button, name: Save card}"
    for text in ("04", "yes", "12:30", "2030-01-01", "=", "0b_", "a: b"):
        assert scalar(text) != text


def test_random_text_reads_back():
    alphabet = "ab09 .:-_#&*!|>@`%,[]{}?=~+'\"\\\té"
    chance = random.Random(8)
    for _ in range(3000):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(1, 6)))
        assert read_back(scalar(text)) == text, repr(text)
