"""How the words of a target match what a page says (flow-format.md, "How words match"), as regular expressions.

Three tiers, tried in order by locate.py: exact (Playwright's own whole-string match after collapsing white space),
normalised (case, typographic quotes/dashes/ellipsis, a label's trailing `:`/`*`/"(required)", a final full stop),
and part (the words inside a longer text). Tiers 2 and 3 are JavaScript-compatible patterns that Playwright tests
in the page against an element's accessible name, label, placeholder, alt or text, so matching costs no extra call.
Pure functions: no Playwright here.
"""

from __future__ import annotations

import re

EXACT, NORMALISED, PART = "exact", "normalised", "part"
TIERS = (EXACT, NORMALISED, PART)

# Typographic characters a person types as ASCII (and ASCII a page may show typographically).
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ",
    }
)
_CLASSES = {
    "'": "['\u2018\u2019\u201a\u201b\u2032\u00b4`]",
    '"': '["\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]',
    "-": "[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]",
}
# What may follow a label or a sentence without changing what it says: "Username:", "Title*", "Email (required)",
# "Saved." — on the page's side (the pattern) and on the writer's side (stripped from the words).
_TRAILING = r"(?:\s*(?::|\*|\(required\)))*(?:\.(?!\.))?"
_TRAILING_WRITTEN = re.compile(r"(?:\s*(?::|\*|(?<!\.)\.(?!\.)|\(required\)))+\s*\Z", re.IGNORECASE)
_JS_SPECIAL = re.compile(r"[\\^$.*+?()[\]{}|/]")


def collapse(text: str) -> str:
    """White space collapsed (NBSP counts), as Playwright compares text."""
    return " ".join(text.replace("\u00a0", " ").split())


def fold(text: str) -> str:
    """The words as tier 2 reads them: typographic characters as ASCII, the ellipsis as three dots, collapsed."""
    return collapse(text.translate(_FOLD).replace("\u2026", "..."))


def core(text: str) -> str:
    """The words without what tier 2 ignores at their end (a label's colon or star, a final full stop)."""
    folded = fold(text)
    stripped = _TRAILING_WRITTEN.sub("", folded)
    return stripped or folded


def normalised(text: str) -> str:
    """Both sides of a tier-2 comparison reduce to this (used where Python compares texts itself)."""
    return core(text).casefold()


def _body(words: str) -> str:
    """The words as a pattern: each typographic variant, any run of white space, the ellipsis either way."""
    out, i, text = [], 0, core(words)
    while i < len(text):
        ch = text[i]
        if text.startswith("...", i):
            out.append(r"(?:\.\.\.|\u2026)")
            i += 3
            continue
        if ch == " ":
            out.append(r"\s+")
        elif ch in _CLASSES:
            out.append(_CLASSES[ch])
        elif _JS_SPECIAL.match(ch):
            out.append("\\" + ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def whole(words: str) -> re.Pattern:
    """Tier 2: the whole name or text, normalised on both sides."""
    return re.compile(r"^\s*" + _body(words) + _TRAILING + r"\s*$", re.IGNORECASE)


def part(words: str) -> re.Pattern:
    """Tier 3: the words inside a longer text, not cut in the middle of a word."""
    text = core(words)
    start = r"(?<![\w])" if text[:1].isalnum() else ""
    end = r"(?![\w])" if text[-1:].isalnum() else ""
    return re.compile(start + _body(words) + end, re.IGNORECASE)


def contained(words: str) -> re.Pattern:
    """`has_text`: the words anywhere in an element's text, folded as tier 2 folds them. No word boundaries: an
    element's text joins its children's without spaces (a table row reads "erinerin@example.com")."""
    return re.compile(_body(words), re.IGNORECASE)


def similarity(wanted: str, text: str) -> float:
    """How alike two texts are for a person (0..1), after tier 2's normalisation; a containing text scores high."""
    import difflib

    a, b = normalised(wanted), normalised(text)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    if a in b:
        ratio = max(ratio, 0.6 + 0.4 * len(a) / len(b))
    return ratio
