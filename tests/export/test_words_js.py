"""js/src/words.js says what src/guidedflows/words.py says (issue 17: the tour's resolver implements the same rules):
for the same words, the same collapsed, folded and core texts, and patterns with the same source, character for
character, as Python hands them to Playwright; the same XPath for a `<label for>`. Run with Node.js (skipped without
it): words.js has no dependencies and is imported as it is."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidedflows import locate, words

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


def python_side(text: str) -> list:
    return [words.collapse(text), words.fold(text), words.core(text), words.whole(text).pattern, words.part(text).pattern,
            words.contained(text).pattern, locate.xpath_fold(text), locate.label_for(text, words.EXACT)[len("xpath="):],
            locate.label_for(text, words.NORMALISED)[len("xpath="):], locate._xpath_literal(text)]


def javascript_side(texts: list[str]) -> list:
    script = SCRIPT % json.dumps(WORDS_JS.as_uri())
    done = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(texts), capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(done.stdout)


pytestmark = pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed: words.js cannot be run here")


def test_words_js_matches_words_py_on_the_hard_cases():
    for text, js in zip(CASES, javascript_side(CASES)):
        assert js == python_side(text), text


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=12).map("".join), min_size=20, max_size=20))
def test_words_js_matches_words_py_on_any_words(texts):
    for text, js in zip(texts, javascript_side(texts)):
        assert js == python_side(text), repr(text)
