"""Source spans (`path:line:column`) and the caret excerpt every message about a flow file shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A place in a flow file. Lines and columns are 1-based, as editors show them."""

    path: str
    line: int
    column: int
    end_line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    @property
    def short(self) -> str:
        """`path:line`, the form reports and annotations use."""
        return f"{self.path}:{self.line}"


def excerpt(text: str, line: int, column: int, *, context: int = 0, width: int = 160) -> str:
    """The line at `line` (with `context` lines before it) and a caret under `column`.

    Long lines are cut around the column so a 1 MB single-line file still gives a readable message.
    """
    lines = text.splitlines() or [""]
    if not 1 <= line <= len(lines):
        return ""
    gutter = len(str(line))
    out = []
    for number in range(max(1, line - context), line + 1):
        shown, caret_at = _window(lines[number - 1], column if number == line else 1, width)
        out.append(f"  {number:>{gutter}} | {shown_in_excerpt(shown)}")
    out.append(f"  {'':>{gutter}} | {' ' * (caret_at - 1)}^")
    return "\n".join(out)


def _window(line: str, column: int, width: int) -> tuple[str, int]:
    """Cut a long line to `width` characters around `column`; return the piece and the caret's column in it."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    piece = line[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(line) else ""
    return prefix + piece + suffix, column - start + len(prefix)


def shown_in_excerpt(line: str) -> str:
    """Show tabs and control characters so the caret still lines up and nothing odd reaches the terminal."""
    return "".join(
        " " if ch == "\t" else ch if ch.isprintable() or ch == " " else "\N{REPLACEMENT CHARACTER}" for ch in line
    )
