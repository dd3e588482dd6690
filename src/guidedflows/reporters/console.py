"""The console reporter: one line per step (✓ ✗ –, duration), a summary per flow and for the run.

Colours only on a terminal; plain text (still one line per step) when piped or in CI logs. Every text from the flow
or the site is printed through printable.py: a title or a page's text cannot move the cursor, clear the screen or
start a line that GitHub Actions would run as a workflow command (issue 12).
"""

from __future__ import annotations

import sys

from ..flow.markup import plain
from ..flow.printable import lines, one_line
from ..run.events import FAILED, FLAKY, PASSED, SKIPPED, FlowFinished, FlowRetrying, FlowStarted, StepFinished

MARKS = {PASSED: "✓", FAILED: "✗", SKIPPED: "–", FLAKY: "!"}
PLAIN_MARKS = {PASSED: "ok", FAILED: "FAIL", SKIPPED: "skip", FLAKY: "FLAKY"}
COLOURS = {PASSED: "32", FAILED: "31", SKIPPED: "33", FLAKY: "33"}


class ConsoleReporter:
    def __init__(self, stream=None, *, colour: bool | None = None):
        self.stream = stream or sys.stdout
        tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.colour = tty if colour is None else colour
        encoding = (getattr(self.stream, "encoding", None) or "").lower()
        self.marks = MARKS if "utf" in encoding else PLAIN_MARKS
        self.results: list = []

    def __call__(self, event) -> None:
        if isinstance(event, FlowStarted):
            self._line(f"{self._bold(event.flow.id)}  {one_line(event.flow.title)}")
        elif isinstance(event, StepFinished):
            self._step(event.flow, event.result)
        elif isinstance(event, FlowRetrying):
            self._line(f"  {self._paint(FLAKY, f'attempt {event.attempt} failed; trying {event.result.flow.id} again')}\n")
        elif isinstance(event, FlowFinished):
            self.results.append(event.result)
            self._flow(event.result)

    def _step(self, flow, result) -> None:
        text = one_line(flow.redact(plain(result.step.describe())))
        note = one_line(result.note) if result.note else None
        how = f" ({note})" if note and result.status == PASSED else ""
        self._line(f"  {self._mark(result.status)} {result.number:>4}  {text}{self._dim(how)}  {self._dim(f'{result.duration:.2f}s')}")
        if note and result.status == SKIPPED:
            self._line(f"         {self._dim(note)}")
        if result.error:
            self._line(f"         {self._paint(FAILED, lines(result.error))}")
            self._line(f"         at {one_line(result.step.span.short)}")
            for line in result.step.source_lines[:6]:
                self._line(f"         {self._dim('| ' + one_line(flow.redact(line)))}")
            for artifact in result.artifacts:
                self._line(f"         screenshot: {artifact}")

    def _flow(self, result) -> None:
        shown = [s for s in result.steps]
        counts = f"{len(shown)} steps, {result.duration:.1f}s"
        if result.error and not result.failed_step:
            self._line(f"  {self._mark(result.status)} {self._paint(result.status, lines(result.error))}")
            for artifact in result.artifacts:
                self._line(f"         {'trace' if artifact.endswith('.zip') else 'screenshot'}: {artifact}")
        verdict = "passed" if result.status == PASSED else result.status
        self._line(f"{self._mark(result.status)} {result.flow.id} {self._paint(result.status, verdict)} ({counts})\n")

    def summary(self) -> None:
        total = len(self.results)
        by = {status: sum(1 for r in self.results if r.status == status) for status in (PASSED, FAILED, FLAKY)}
        seconds = sum(r.duration for r in self.results)
        status = FAILED if by[FAILED] else FLAKY if by[FLAKY] else PASSED
        flaky = f", {by[FLAKY]} flaky" if by[FLAKY] else ""
        line = f"{total} flow{'s' if total != 1 else ''}: {by[PASSED]} passed, {by[FAILED]} failed{flaky} ({seconds:.1f}s)"
        self._line(self._paint(status, line))
        for result in self.results:
            if result.status == FAILED:
                self._line(f"  {self._mark(FAILED)} {lines(result.flow.redact(result.failure_message()))}")
            elif result.status == FLAKY:
                self._line(f"  {self._mark(FLAKY)} {result.flow.id} is flaky: {lines(result.flow.redact(result.error or ''))}")

    # -- painting ----------------------------------------------------------------------------------------------

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def _mark(self, status: str) -> str:
        return self._paint(status, self.marks.get(status, "?"))

    def _paint(self, status: str, text: str) -> str:
        return f"\033[{COLOURS.get(status, '0')}m{text}\033[0m" if self.colour else text

    def _bold(self, text: str) -> str:
        return f"\033[1m{text}\033[0m" if self.colour else text

    def _dim(self, text: str) -> str:
        return f"\033[2m{text}\033[0m" if self.colour else text
