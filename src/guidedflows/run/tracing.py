"""Playwright traces of flows, which never hold a secret: recording ends before the first step that types one.

Playwright cannot scrub a trace (playwright#19992): the action log holds the typed value, and every later DOM
snapshot and screencast frame holds the field that still shows it. So the trace of a flow that types a secret
stops just before that step, and says so in the trace itself. A start URL built from a secret (a token in the query
string) would be in the trace's page URLs and network log: that trace stops before the start page (issue 12).

    Tracer      `check --trace on|retain-on-failure`: we start and stop the trace; <artifacts>/trace.zip
    ChunkGuard  pytest-playwright's `--tracing`: it starts and stops the trace; we cut it short the same way
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

TRACE_MODES = ("on", "off", "retain-on-failure")


def _mark_end(context, where: str) -> None:
    """Leave a visible line in the trace viewer saying why the trace ends here (Tracing.group: Playwright 1.49+)."""
    with contextlib.suppress(Exception):
        context.tracing.group(f"trace ends here: {where}, and secrets are never recorded")
        context.tracing.group_end()


def secret_ahead(event) -> str | None:
    """What, in a flow about to start or a step about to run, holds a secret the trace must not record; else None."""
    from .events import FlowStarted, StepStarted  # here, not at the top: `--help` builds check's options

    if isinstance(event, FlowStarted) and event.flow.start_secret:
        return "the start page's address holds a secret"
    if isinstance(event, StepStarted) and event.step.secret:
        return f"step {event.number} types a secret"
    return None


def _stop_message(title: str, event) -> str:
    from .events import FlowStarted

    if isinstance(event, FlowStarted):
        return f"{title}: the trace stops before the start page, whose address holds a secret (secrets are never recorded)"
    return f"{title}: the trace stops before step {event.number}, which types a secret (secrets are never recorded)"


class Tracer:
    """One flow's trace, recorded into `folder/trace.zip` (kept on failure, or always with "on").

    The runner starts it with the flow's page and calls `finish(result)` once the flow is over, which adds the trace
    to the result before any listener hears the flow finish. As a listener it only stops the recording before a step
    (or a start page) that holds a secret; it changes no result, so the order of listeners does not matter."""

    def __init__(self, context, mode: str, folder: Path, title: str):
        self.context = context
        self.mode = mode
        self.path = folder / "trace.zip"
        self.title = title
        self.recording = mode != "off"
        self.saved_early = False
        if self.recording:
            context.tracing.start(title=title, screenshots=True, snapshots=True)

    def __call__(self, event) -> None:
        where = secret_ahead(event)
        if where and self.recording:
            _mark_end(self.context, where)
            self._stop(save=True)
            self.saved_early = True
            print(_stop_message(self.title, event), file=sys.stderr, flush=True)

    def finish(self, result) -> None:
        """The flow is over: keep or drop the trace, and list it in the result's artifacts when kept."""
        from .events import FAILED

        keep = self.mode == "on" or result.status == FAILED
        if self.recording:
            self._stop(save=keep)
        elif self.saved_early and not keep:
            self.path.unlink(missing_ok=True)
        if keep and self.path.exists():
            result.artifacts.append(str(self.path))

    def _stop(self, save: bool) -> None:
        self.recording = False
        try:
            if save:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.context.tracing.stop(path=str(self.path))
            else:
                self.context.tracing.stop()
        except Exception:  # noqa: BLE001 - the browser crashed or was killed: its trace went with it (issue 9, R10)
            if _connected(self.context):
                raise


def _connected(context) -> bool:
    browser = context.browser
    return browser is None or browser.is_connected()


class ChunkGuard:
    """For a trace pytest-playwright records: before a secret step, save the chunk so far and stop recording.

    pytest-playwright stops the trace itself when the test ends, which needs a chunk in progress: `close()` closes
    the flow's pages (so nothing more shows the secret) and starts an empty chunk for it to stop.
    """

    def __init__(self, context, folder: Path, tracing: bool):
        self.context = context
        self.folder = folder
        self.tracing = tracing  # pytest-playwright is recording (--tracing on|retain-on-failure)
        self.saved: Path | None = None

    def __call__(self, event) -> None:
        where = secret_ahead(event) if self.tracing else None
        if where and self.saved is None:
            _mark_end(self.context, where)
            self.saved = self.folder / "trace-before-secret.zip"
            self.folder.mkdir(parents=True, exist_ok=True)
            self.context.tracing.stop_chunk(path=str(self.saved))

    def close(self, keep: bool) -> Path | None:
        if self.saved is None:
            return None
        for page in list(self.context.pages):
            with contextlib.suppress(Exception):
                page.close()
        self.context.tracing.start_chunk()
        if not keep:
            self.saved.unlink(missing_ok=True)
            return None
        return self.saved
