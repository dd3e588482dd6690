"""`check --workers N`: flows run in N worker processes, one browser each and a fresh context per flow.

    main process: site, reporters ◀── events, in flow order ── _InOrder ◀── messages ◀─┐
                  tasks: flow indices 0, 1, 2 … ──▶ worker 1 (browser) ─ _attempts ─▶ ─┤
                                                ──▶ worker 2 (browser) ─ _attempts ─▶ ─┘

A worker runs each flow exactly as a serial run does (runner._attempts: context, retries, trace) and sends back
plain data; the main process rebuilds the events around its own Flow objects and gives them to the same
reporters. Flow i's events wait until every earlier flow has finished, so the console, JUnit and JSON read the same
as a serial run's whatever the timing. Ctrl-C (or SIGTERM) ends the workers; each worker's Playwright driver closes
its browser when the worker goes (Playwright's own guarantee when its client disappears).
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
from collections import defaultdict
from dataclasses import replace

from .errors import EnvironmentProblem, GuidedflowsError
from .events import (
    FAILED,
    FlowFinished,
    FlowResult,
    FlowRetrying,
    FlowStarted,
    RunStarted,
    StepFinished,
    StepResult,
    StepStarted,
)

STOP_GRACE = 5.0  # seconds a worker gets to close its browser before it is killed
POLL = 0.5  # seconds between checks, while no message comes, that the workers are still there


def cpu_count() -> int:
    """CPUs this process may use (its affinity or cgroup share where the OS says), at least 1."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_parallel(flows: list, settings, workers: int) -> list[FlowResult]:
    """Run `flows` in check mode on `workers` processes; return their results in flow order."""
    from .runner import _site

    with _site(settings) as base_url:
        pool = _Pool(flows, replace(settings, base_url=base_url, listeners=[]), min(workers, len(flows)))
        return pool.run(settings.listeners)


class _Pool:
    def __init__(self, flows: list, settings, size: int):
        import multiprocessing

        self.flows = flows
        self.settings = settings
        self.context = multiprocessing.get_context("spawn")  # no fork of a process holding threads and sockets
        self.tasks = self.context.Queue()
        self.messages = self.context.Queue()
        self.processes: list = []
        self.size = size
        self.running: dict[int, int] = {}  # worker → the flow it is running
        self.finished: set[int] = set()

    def run(self, listeners) -> list[FlowResult]:
        ordered = _InOrder(listeners, self.flows)
        with _interruptible():
            try:
                self._start()
                while len(self.finished) < len(self.flows):
                    self._receive(ordered)
            except BaseException:
                self._stop(grace=0)
                raise
            self._stop(grace=STOP_GRACE)
        return ordered.results

    def _start(self) -> None:
        for index in range(len(self.flows)):
            self.tasks.put(index)
        for _ in range(self.size):
            self.tasks.put(None)
        for number in range(self.size):
            process = self.context.Process(
                target=work,
                args=(number, self.flows, self.settings, self.tasks, self.messages),
                name=f"guidedflows-worker-{number + 1}",
                daemon=True,
            )
            process.start()
            self.processes.append(process)

    def _receive(self, ordered: _InOrder) -> None:
        try:
            message = self.messages.get(timeout=POLL)
        except queue.Empty:
            self._check_workers(ordered)
            return
        kind, worker, *data = message
        if kind == "ready":
            ordered.started(RunStarted(self.settings.base_url, data[0]))
        elif kind == "problem":
            raise _problem(*data)
        elif kind == "event":
            index = data[0]
            if data[1] == "flow":
                self.running[worker] = index
            event = ordered.rebuild(*data)
            if isinstance(event, FlowFinished):
                self.finished.add(index)
                self.running.pop(worker, None)
            ordered.add(index, event)

    def _check_workers(self, ordered: _InOrder) -> None:
        """A worker that died (killed, out of memory) fails the flow it was running; the others carry on."""
        for number, process in enumerate(self.processes):
            if process.is_alive() or process.exitcode is None or getattr(process, "_reported", False):
                continue
            process._reported = True
            index = self.running.pop(number, None)
            if index is not None and index not in self.finished:
                reason = f"the worker process running it stopped unexpectedly (exit code {process.exitcode})"
                self.finished.add(index)
                ordered.lost(index, reason)
        if all(not process.is_alive() for process in self.processes) and len(self.finished) < len(self.flows):
            for index in range(len(self.flows)):
                if index not in self.finished:
                    self.finished.add(index)
                    ordered.lost(index, "no worker process was left to run it")

    def _stop(self, grace: float) -> None:
        """Every worker gone: done and closed its browser within `grace`, else stopped (its driver closes it)."""
        for process in self.processes:
            process.join(grace)
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join(STOP_GRACE)
            if process.is_alive():
                process.kill()
                process.join()
        for channel in (self.tasks, self.messages):
            channel.close()
            channel.cancel_join_thread()


def _problem(kind: str, message: str) -> GuidedflowsError:
    """A worker could not start (no browser, unreachable server): the same error a serial run raises."""
    return EnvironmentProblem(message) if kind == "environment" else GuidedflowsError(message)


@contextlib.contextmanager
def _interruptible():
    """SIGTERM (a CI job cancelled) stops the run like Ctrl-C: workers stopped, browsers closed."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt()

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (tests calling main() in a thread): nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _InOrder:
    """Rebuilds the workers' events around the main process's flows and passes them on in flow order."""

    def __init__(self, listeners, flows: list):
        from .executor import plan

        self.listeners = list(listeners)
        self.flows = flows
        self.steps = [{planned.number: planned.step for planned in plan(flow)} for flow in flows]
        self.results: list = [None] * len(flows)
        self.next = 0
        self.waiting: dict[int, list] = defaultdict(list)
        self.run_started = False
        self.flows_started: set[int] = set()

    def started(self, event: RunStarted) -> None:
        if not self.run_started:
            self.run_started = True
            self._emit(event)

    def rebuild(self, index: int, kind: str, *data):
        flow = self.flows[index]
        if kind == "flow":
            return FlowStarted(flow)
        if kind == "step-started":
            return StepStarted(flow, self.steps[index][data[0]], data[0])
        if kind == "step":
            return StepFinished(flow, self._step(index, data[0]))
        if kind == "retrying":
            return FlowRetrying(self._flow(index, data[0]), data[1])
        return FlowFinished(self._flow(index, data[0]))

    def _step(self, index: int, packed: dict) -> StepResult:
        return StepResult(step=self.steps[index][packed["number"]], **packed)

    def _flow(self, index: int, packed: dict) -> FlowResult:
        steps = [self._step(index, step) for step in packed["steps"]]
        return FlowResult(self.flows[index], **{**packed, "steps": steps})

    def lost(self, index: int, reason: str) -> None:
        """A flow whose worker died: failed, with the reason, in its place in the order."""
        if index not in self.flows_started:
            self.add(index, FlowStarted(self.flows[index]))
        self.add(index, FlowFinished(FlowResult(self.flows[index], status=FAILED, error=reason)))

    def add(self, index: int, event) -> None:
        if isinstance(event, FlowStarted):
            self.flows_started.add(index)
        elif isinstance(event, FlowFinished):
            self.results[index] = event.result
        if index != self.next:
            self.waiting[index].append(event)
            return
        self._emit(event)
        if isinstance(event, FlowFinished):
            self._advance()

    def _advance(self) -> None:
        self.next += 1
        while self.next in self.waiting:
            events = self.waiting.pop(self.next)
            for event in events:
                self._emit(event)
            if not (events and isinstance(events[-1], FlowFinished)):
                return  # that flow is still running: its next events come straight through
            self.next += 1

    def _emit(self, event) -> None:
        for listener in self.listeners:
            listener(event)


# -- in a worker process -------------------------------------------------------------------------------------


def work(number: int, flows: list, settings, tasks, messages) -> None:
    """A worker's life: one browser, then flows from `tasks` until told to stop (None) or the main process goes."""
    from .runner import RunOptions, _attempts, _browser_name
    from .session import BrowserSession

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the main process decides
    signal.signal(signal.SIGTERM, _exit_now)
    _follow_parent()
    try:
        session = BrowserSession(
            browser_path=settings.browser_path,
            headless=settings.headless,
            connect=settings.connect,
            test_id_attribute=settings.test_id_attribute,
            viewport=settings.viewport,
            device_scale_factor=settings.device_scale_factor,
        )
        with session:
            messages.put(("ready", number, _browser_name(session)))
            options = RunOptions(settings.base_url, settings.timeout, settings.output_dir)
            for index in _tasks(tasks):
                forward = _Forward(messages, number, index)
                _attempts(flows[index], session, options, "check", replace(settings, listeners=[forward]))
    except GuidedflowsError as exc:
        kind = "environment" if isinstance(exc, EnvironmentProblem) else "error"
        messages.put(("problem", number, kind, str(exc)))


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
            self.messages.put((*self.head, "step", _step(event.result)))
        elif isinstance(event, FlowRetrying):
            self.messages.put((*self.head, "retrying", _flow(event.result), event.attempt))
        elif isinstance(event, FlowFinished):
            self.messages.put((*self.head, "finished", _flow(event.result)))


def _step(result: StepResult) -> dict:
    return {
        "number": result.number,
        "status": result.status,
        "duration": result.duration,
        "error": result.error,
        "note": result.note,
        "artifacts": list(result.artifacts),
    }


def _flow(result: FlowResult) -> dict:
    return {
        "status": result.status,
        "steps": [_step(step) for step in result.steps],
        "duration": result.duration,
        "error": result.error,
        "artifacts": list(result.artifacts),
        "base_url": result.base_url,
        "attempts": result.attempts,
    }
