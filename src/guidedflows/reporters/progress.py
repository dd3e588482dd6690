"""On a terminal, a progress bar under the console's lines for runs of several flows; nothing extra otherwise.

It wraps the console reporter: it rubs the bar out before the console prints and draws it again after, so the
two never write over each other. Piped output (CI logs) gets the console's plain lines only.
"""

from __future__ import annotations

import sys

from ..run.events import FAILED, FlowFinished, FlowRetrying, FlowStarted

WIDTH = 24


class Progress:
    def __init__(self, console, total: int, stream=None):
        self.console = console
        self.total = total
        self.stream = stream or getattr(console, "stream", None) or sys.stdout
        tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.active = tty and total > 1
        encoding = (getattr(self.stream, "encoding", None) or "").lower()
        self.cells = ("█", "░") if "utf" in encoding else ("#", "-")
        self.done = self.failed = 0
        self.current: str | None = None

    def __call__(self, event) -> None:
        if not self.active:
            self.console(event)
            return
        self._write("\r\033[K")
        self.console(event)
        self._follow(event)
        if self.done < self.total:
            self._write(self.bar())

    def _follow(self, event) -> None:
        if isinstance(event, FlowStarted):
            self.current = event.flow.id
        elif isinstance(event, FlowRetrying):
            self.current = f"{event.result.flow.id} (retry {event.attempt})"
        elif isinstance(event, FlowFinished):
            self.done += 1
            self.failed += event.result.status == FAILED
            self.current = None

    def bar(self) -> str:
        full, empty = self.cells
        filled = WIDTH * self.done // max(self.total, 1)
        failed = f", {self.failed} failed" if self.failed else ""
        running = f"  {self.current}" if self.current else ""
        return f"{full * filled}{empty * (WIDTH - filled)} {self.done}/{self.total} flows{failed}{running}"

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
