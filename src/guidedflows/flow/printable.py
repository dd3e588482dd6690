"""Text from a site or a flow, made safe to print: control characters shown as what they are, one line where asked.

A page's text, a dialog's message or a flow's title can hold ESC (colours, window titles, a cleared screen), a
carriage return, NEL (U+0085) or a newline followed by `::error::…`, which GitHub Actions would read from the log as a
workflow command (issue 12). Printed through these functions, none of that reaches a terminal or a CI log as
anything but visible characters: `\\x1b`, `U+0085`, and newlines flattened to spaces.
"""

from __future__ import annotations

import re

NEWLINES = re.compile(r"\r\n|[\n\r]")
# C0 and C1 controls (but the newline, which `visible` keeps), DEL, the line and paragraph separators, and the
# characters that reorder what follows them on screen (bidi overrides and isolates: "Trojan Source").
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every control character shown as its escape (`\\x1b`, `U+0085`); newlines are kept, tabs are
    spaces."""
    return UNSAFE.sub(_shown, text)


def one_line(text: str) -> str:
    """`text` on one line: newlines (and carriage returns) flattened to spaces, every other control shown."""
    return visible(NEWLINES.sub(" ", text))


def quoted(text: str) -> str:
    """`"text"`, as a message quotes a value: on one line, as the text it is (never Python's repr)."""
    return f'"{one_line(text)}"'


def lines(text: str) -> str:
    """A message of several lines of ours, each made safe: no line can begin a workflow command (`::name …`)."""
    return "\n".join(_not_a_command(line) for line in visible(text).split("\n"))


def _shown(match: re.Match) -> str:
    char = match.group(0)
    if char == "\t":
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x80 else f"U+{code:04X}"


def _not_a_command(line: str) -> str:
    """GitHub's runner reads a line whose first non-blank characters are `::` as a command: say it is text."""
    text = line.lstrip()
    if not text.startswith("::"):
        return line
    return line[: len(line) - len(text)] + "\\" + text
