"""The one exception tree of guidedflows. Each error knows how to show itself and which exit code it means.

    GuidedflowsError                  exit 1 unless a subclass says otherwise
    ├── UsageError                    exit 2: a bad option, an unknown flow, a path that does not exist
    ├── FlowFileError                 exit 2: one or more problems in flow files, each at path:line:column
    ├── EnvironmentProblem            exit 3: nothing to run it with (no browser, no display), with the fix
    └── StepFailed                    exit 1: a step failed at run time (raised by run_flow for API callers)

Outside errors (Playwright's, PyYAML's, the OS's) are translated into these at one boundary each, always with
`raise ... from exc`, so no user ever sees a traceback of the tool unless they ask with --debug.
"""

from __future__ import annotations

from .flow.printable import lines, one_line
from .flow.source import Record, Span, excerpt


class GuidedflowsError(Exception):
    exit_code = 1

    def show(self) -> str:
        """The whole message as the user sees it on stderr: a file name or a value from the command line cannot
        print a control character or start a workflow command (printable.py)."""
        return lines(f"error: {self}")


class UsageError(GuidedflowsError):
    exit_code = 2


class EnvironmentProblem(GuidedflowsError):
    exit_code = 3


class Problem(Record):
    """One problem at one place in a flow file."""

    __slots__ = ("span", "message", "hint", "source")
    span: Span
    message: str
    hint: str | None
    source: str | None  # the file's text, for the caret excerpt

    def __init__(self, span: Span, message: str, hint: str | None = None, source: str | None = None) -> None:
        _set = object.__setattr__  # immutable: see Record
        _set(self, "span", span)
        _set(self, "message", message)
        _set(self, "hint", hint)
        _set(self, "source", source)

    def render(self) -> str:
        parts = [one_line(f"{self.span}: {self.message}")]
        if self.source is not None:
            shown = excerpt(self.source, self.span.line, self.span.column)
            if shown:
                parts.append(shown)
        if self.hint:
            parts.append(f"  hint: {one_line(self.hint)}")
        return lines("\n".join(parts))


class FlowFileError(GuidedflowsError):
    """Problems found while loading flow files; all of them, in file order."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.problems[0].render() if self.problems else "invalid flow file")

    def __reduce__(self):  # pickled as its problems (validate's other processes send them)
        return (type(self), (self.problems,))

    @property
    def first(self) -> Problem:
        return self.problems[0]

    def show(self) -> str:
        return "\n\n".join(problem.render() for problem in self.problems)


class StepFailed(GuidedflowsError):
    """A step failed at run time; `result` holds the whole flow's result."""

    def __init__(self, message: str, result=None):
        super().__init__(message)
        self.result = result
