"""Source spans (`path:line:column`) and the caret excerpt every message about a flow file shows."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

_set = object.__setattr__


class Record:
    """An immutable record whose fields are its __slots__: compared, hashed, shown and pickled by them, as a frozen
    dataclass is. Written out: making a frozen dataclass costs 0.5 ms of start-up (B3), and every `validate` makes
    Span and Problem."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other):
        return self._fields() == other._fields() if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self.__slots__)})"

    def __setattr__(self, name: str, value) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self):
        return type(self), self._fields()


class Span(Record):
    """A place in a flow file. Lines and columns are 1-based, as editors show them."""

    __slots__ = ("path", "line", "column", "end_line")
    path: str
    line: int
    column: int
    end_line: int | None

    def __init__(self, path: str, line: int, column: int, end_line: int | None = None) -> None:
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "end_line", end_line)

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
