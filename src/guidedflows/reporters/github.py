"""On GitHub Actions, failures as workflow annotations (`::error file=…,line=…::…`) on the failing step's line."""

from __future__ import annotations

import sys

from ..flow.printable import visible
from ..run.events import FAILED, FLAKY, FlowFinished


class GitHubAnnotations:
    """A listener printing one annotation per failed step (a warning for a flaky flow) as each flow finishes."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def __call__(self, event) -> None:
        if isinstance(event, FlowFinished):
            for line in annotation_lines(event.result):
                print(line, file=self.stream, flush=True)


def annotation_lines(result) -> list[str]:
    flow = result.flow
    if result.status == FLAKY:
        return [_command("warning", flow.path, flow.span.line, f"{flow.id} is flaky", result.error or "", flow)]
    if result.status != FAILED:
        return []
    failed = [step for step in result.steps if step.status == FAILED]
    if not failed:
        return [_command("error", flow.path, flow.span.line, f"{flow.id} failed", result.error or "failed", flow)]
    return [
        _command(
            "error",
            step.step.span.path,
            step.step.span.line,
            f"{flow.id}: step {step.number} failed",
            f"{step.step.describe()} failed: {step.error}",
            flow,
        )
        for step in failed
    ]


def _command(kind: str, path: str, line: int, title: str, message: str, flow) -> str:
    props = f"file={_prop(path)},line={line},title={_prop(flow.redact(title))}"
    return f"::{kind} {props}::{_data(flow.redact(message))}"


def _data(text: str) -> str:
    """Escape a message the way the Actions runner reads it back (toolkit: escapeData); any other control character
    (ESC, NEL…) is shown as its escape, so the annotation is one line of the log and draws nothing on a terminal."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
