"""Retries (`check --retries N`): hold back a failed attempt's FlowFinished, and merge the attempts into one result.

A flow that fails and then passes on a retry is **flaky**: its result keeps the final attempt's steps, and the first
failure's message and artifacts (screenshots, trace), which are what a person needs to see.
"""

from __future__ import annotations

from .events import FAILED, FLAKY, FlowFinished, FlowResult, FlowRetrying


class HeldFinish:
    """Passes every event on to the run's listeners at once, except FlowFinished: that waits for `finish()`."""

    def __init__(self, listeners):
        self.listeners = list(listeners)
        self.held: FlowFinished | None = None

    def __call__(self, event) -> None:
        if isinstance(event, FlowFinished):
            self.held = event
        else:
            self.emit(event)

    def release(self) -> None:
        """Pass on the held FlowFinished now (Ctrl-C: the interrupted attempt is the flow's result)."""
        if self.held is not None:
            self.emit(self.held)

    def emit(self, event) -> None:
        for listener in self.listeners:
            listener(event)

    def retrying(self, failed: FlowResult, attempt: int) -> None:
        self.emit(FlowRetrying(failed, attempt))

    def finish(self, result: FlowResult) -> None:
        self.emit(FlowFinished(result))


def merged(final: FlowResult, failures: list[FlowResult]) -> FlowResult:
    """The one result reported for a flow that was tried `len(failures) + 1` times."""
    if not failures:
        return final
    final.attempts = len(failures) + 1
    final.duration += sum(failed.duration for failed in failures)
    if final.status != FAILED:
        first = failures[0]
        final.status = FLAKY
        final.error = f"failed on attempt 1 of {final.attempts}: {first.failure_message()}"
        final.artifacts = failure_artifacts(first) + final.artifacts
    return final


def failure_artifacts(result: FlowResult) -> list[str]:
    """Every file a failed attempt left: its failed step's screenshot first, then the flow's (trace, start page)."""
    from_steps = [path for step in result.steps for path in step.artifacts]
    return from_steps + [path for path in result.artifacts if path not in from_steps]
