"""js/src/words.js says what src/guidedflows/flow/words.py says (issue 17: the tour's resolver implements the same rules):
for the same words, the same collapsed, folded and core texts, and patterns with the same source, character for
character, as Python hands them to Playwright; the same XPath steps (words inside a control, a `<label for>`: the
label, then its field); and js/src/narrowing.js says what the step registry's actions narrow. Run with Node.js
(skipped without it): words.js and narrowing.js have no dependencies and are imported as they are."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidedflows.browser import locate
from guidedflows.flow import words

WORDS_JS = Path(__file__).resolve().parents[2] / "js" / "src" / "words.js"
SCRIPT = """
import * as w from %s;
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((t) => [w.collapse(t), w.fold(t), w.core(t), w.whole(t).source, w.part(t).source,
    w.contained(t).source, w.xpathFold(t), w.labelFor(t, w.EXACT), w.labelFor(t, w.NORMALISED), w.xpathLiteral(t)]);
  process.stdout.write(JSON.stringify(out));
});
"""
CASES = [
    "Save", "Save card", "Username:", "Password*", "Email address (required)", "Saved.", "Loading...", "Loading…",
    "Yes, I’m sure", 'The user “bob” was changed', "Don't", "Search pages…", "a\u00a0b", "  spaced   out  ",
    "Price: $2.79 (incl. VAT)", "C++ / C#", "[x] done", "a|b^c", "end.", "e.g.", "1.", "Name :", "Title *",
    "— dash –", "«quoted»", "‘single’", "Café crème", "ÉCOLE", "naïve", "日本語", "😀 smile", "x\ty\nz", "\u2028sep",
    "Wait...", "...", ".", ":", "*", "(required)", "Ok (required):", "a.b.", "don’t “stop”", "\u2007\u202fthin",
    "Σίσυφος", "İstanbul", "Straße", "tab\x1fsep", "zero\u200bwidth", "\ufeffbom", "A'B\"C", "x'y", 'x"y',
]
ALPHABET = list("aZ9 .:*()'\"-_…“”‘’–—«»\u00a0\u2007\u202f\t\nÉéß日😀[]{}|^$+?/\\") + ["(required)", "..."]


class Steps:
    """A scope that records the selectors a locator is chained from: locate.label_for builds one on a page or frame."""

    def __init__(self, steps: tuple[str, ...] = ()):
        self.steps = steps

    def locator(self, selector: str) -> Steps:
        return Steps((*self.steps, selector))


def label_for(text: str, tier: str) -> list[str]:
    """The XPath steps of locate.label_for for the words in a tier (without their `xpath=`)."""
    steps = locate.label_for(Steps(), text, tier).steps
    assert all(s.startswith("xpath=") for s in steps), steps
    return [s[len("xpath="):] for s in steps]


def python_side(text: str) -> list:
    return [words.collapse(text), words.fold(text), words.core(text), words.whole(text).pattern, words.part(text).pattern,
            words.contained(text).pattern, locate.xpath_fold(text), label_for(text, words.EXACT),
            label_for(text, words.NORMALISED), locate._xpath_literal(text)]


def javascript_side(texts: list[str]) -> list:
    script = SCRIPT % json.dumps(WORDS_JS.as_uri())
    done = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(texts), capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(done.stdout)


pytestmark = pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed: words.js cannot be run here")


def run_module(module: Path, body: str) -> object:
    """`body` (JavaScript, with the module imported as `m`) run by Node.js; what it writes to stdout, as JSON."""
    script = f"import * as m from {json.dumps(module.as_uri())};\n{body}"
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60,
                          check=True)
    return json.loads(done.stdout)


def test_words_inside_a_control_are_that_control_by_the_same_xpath():
    js = run_module(WORDS_JS, "process.stdout.write(JSON.stringify([m.AS_CONTROL, m.AS_PART]));")
    assert js == [locate.AS_CONTROL[len("xpath="):], locate.AS_PART[len("xpath="):]]


def test_every_action_narrows_the_search_as_the_step_registry_says():
    """js/src/narrowing.js holds what each action of the registry (steps/) lets its target be, and nothing else."""
    from guidedflows.flow.narrowing import ANYTHING
    from guidedflows.steps import REGISTRY

    def python(n) -> dict:
        fields = n.fields[len("css="):] if n.fields is not None else None
        assert n.fields is None or n.fields.startswith("css="), n.fields
        return {"roles": list(n.roles), "kinds": list(n.kinds), "fields": fields, "part": n.part,
                "hiddenFields": n.hidden_fields}

    js = run_module(WORDS_JS.with_name("narrowing.js"), """
      const names = ["", "expect", ...Object.keys(m.NARROWING)];
      process.stdout.write(JSON.stringify({anything: m.ANYTHING, table: m.NARROWING,
        looked: Object.fromEntries(names.map((a) => [a, m.narrowing(a)]))}));""")
    wanted = {name: python(action.narrowing) for name, action in REGISTRY.items() if action.narrowing is not None}
    assert js["table"] == wanted
    assert js["anything"] == python(ANYTHING)
    assert js["looked"][""] == js["looked"]["expect"] == python(ANYTHING)
    assert all(js["looked"][name] == narrowed for name, narrowed in wanted.items())


def test_words_js_matches_words_py_on_the_hard_cases():
    for text, js in zip(CASES, javascript_side(CASES)):
        assert js == python_side(text), text


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=12).map("".join), min_size=20, max_size=20))
def test_words_js_matches_words_py_on_any_words(texts):
    for text, js in zip(texts, javascript_side(texts)):
        assert js == python_side(text), repr(text)
