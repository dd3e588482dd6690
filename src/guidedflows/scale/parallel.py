"""`check --workers N`: flows run in N worker processes, one browser each and a fresh context per flow.

    main process: site, reporters ◀── events, in flow order ── _InOrder ◀── messages ◀─┐
                  tasks: flow indices 0, 1, 2 … ──▶ worker 1 (browser) ─ run_attempts ─▶ ─┤
                                                ──▶ worker 2 (browser) ─ run_attempts ─▶ ─┘

A worker runs each flow exactly as a serial run does (runner.run_attempts: context, retries, trace) and sends back
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

from ..errors import EnvironmentProblem, GuidedflowsError
from ..run.events import (
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
from .worker import work

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
    from ..run.runner import site

    with site(settings) as base_url:
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
        self.reported_dead: set[int] = set()  # workers whose death was already reported

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
            if process.is_alive() or process.exitcode is None or number in self.reported_dead:
                continue
            self.reported_dead.add(number)
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


def _problem(kind: str, message: str) -> Exception:
    """What stopped a worker (no browser, an unreachable server, a bug): the error a serial run raises for it."""
    if kind == "internal":
        return RuntimeError(f"in a worker process: {message}")
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
        from ..run.executor import plan

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
