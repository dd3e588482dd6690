"""A `check --workers` worker process: one browser, then flows from the task queue, each run as a serial run runs
it (runner.run_attempts), every event sent to the main process as plain data (parallel.py rebuilds them)."""

from __future__ import annotations

import os
import signal
from dataclasses import replace

from ..errors import EnvironmentProblem, GuidedflowsError
from ..run.events import FlowFinished, FlowResult, FlowRetrying, FlowStarted, StepFinished, StepResult, StepStarted


def work(number: int, flows: list, settings, tasks, messages) -> None:
    """A worker's life: one browser, then flows from `tasks` until told to stop (None) or the main process goes."""
    from ..run.runner import RunOptions, browser_name, browser_session, run_attempts

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the main process decides
    signal.signal(signal.SIGTERM, _exit_now)
    _follow_parent()
    try:
        session = browser_session(settings)  # no --cdp here: options.py refuses it with --workers
        with session:
            messages.put(("ready", number, browser_name(session)))
            options = RunOptions(settings.base_url, settings.timeout, settings.output_dir)
            for index in _tasks(tasks):
                forward = _Forward(messages, number, index)
                run_attempts(flows[index], session, options, "check", replace(settings, listeners=[forward]))
    except GuidedflowsError as exc:
        kind = "environment" if isinstance(exc, EnvironmentProblem) else "error"
        messages.put(("problem", number, kind, str(exc)))
    except Exception as exc:  # noqa: BLE001 - a bug of ours: said once by the main process, as a serial run says it
        messages.put(("problem", number, "internal", f"{type(exc).__name__}: {exc}"))


def _exit_now(signum, frame) -> None:
    """Stopped by the main process: go at once. Our Playwright driver sees its pipe close and closes the browser."""
    os._exit(128 + signum)


def _tasks(tasks):
    """Flow indices until the main process says stop (None)."""
    while True:
        index = tasks.get()
        if index is None:
            return
        yield index


def _follow_parent() -> None:
    """Go as soon as the main process does, even killed mid-step: never leave a browser running for nobody."""
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (wait([parent.sentinel]), os._exit(1)), daemon=True).start()


class _Forward:
    """A worker's listener: each event of one flow, as plain data for the main process."""

    def __init__(self, messages, number: int, index: int):
        self.messages = messages
        self.head = ("event", number, index)

    def __call__(self, event) -> None:
        if isinstance(event, FlowStarted):
            self.messages.put((*self.head, "flow"))
        elif isinstance(event, StepStarted):
            self.messages.put((*self.head, "step-started", event.number))
        elif isinstance(event, StepFinished):
            self.messages.put((*self.head, "step", pack_step(event.result)))
        elif isinstance(event, FlowRetrying):
            self.messages.put((*self.head, "retrying", pack_flow(event.result), event.attempt))
        elif isinstance(event, FlowFinished):
            self.messages.put((*self.head, "finished", pack_flow(event.result)))


def pack_step(result: StepResult) -> dict:
    """A step's result as plain data: StepResult(step=…, **this) rebuilds it."""
    return {
        "number": result.number,
        "status": result.status,
        "duration": result.duration,
        "error": result.error,
        "note": result.note,
        "artifacts": list(result.artifacts),
    }


def pack_flow(result: FlowResult) -> dict:
    """A flow's result as plain data, its steps packed; the main process puts its own Flow and Steps back."""
    return {
        "status": result.status,
        "steps": [pack_step(step) for step in result.steps],
        "duration": result.duration,
        "error": result.error,
        "artifacts": list(result.artifacts),
        "base_url": result.base_url,
        "attempts": result.attempts,
    }
