"""The single step loop every mode runs: plan the steps, then per step ask the mode to do it and report events.

    plan(flow) ─▶ [PlannedStep …]  (setup and `use` expanded in place, numbered 1, 2, 3.1, 3.2, setup 1)
    Run.execute ─▶ for each: StepStarted ─▶ optional? ─▶ mode.do(context, planned) ─▶ StepFinished
                  the mode answers NEXT / BACK / SKIP / EXIT; a StepError fails the step (check: the flow stops)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..browser.acting import StepError
from ..defaults import NAVIGATION_TIMEOUT, OPTIONAL_TIMEOUT, OUTPUT_DIR, STEP_TIMEOUT
from ..flow.model import Condition, Flow, Step
from ..flow.names import inside
from ..flow.printable import lines
from ..steps.notes import Shot, Used
from .context import StepContext
from .events import (
    FAILED,
    SKIPPED,
    STOPPED,
    FlowFinished,
    FlowResult,
    FlowStarted,
    StepFinished,
    StepResult,
    StepStarted,
)

NEXT, BACK, SKIP, EXIT = "next", "back", "skip", "exit"
NAVIGATING = ("goto", "go")
INTERRUPTED = "interrupted (Ctrl-C)"


@dataclass(frozen=True)
class PlannedStep:
    step: Step
    number: str
    flow: Flow  # the flow the step is written in (a used flow's steps keep their own file)
    hidden: bool = False  # setup steps: run in every mode, never highlighted, never in docs
    # The `when:` of each `use` this step runs inside, keyed by that use's number: decided once for all its steps.
    gates: tuple[tuple[str, Condition], ...] = ()


def plan(flow: Flow, prefix: str = "", hidden: bool = False, gates: tuple = ()) -> list[PlannedStep]:
    """The flow's steps in running order, with `setup` and `use` expanded in place."""
    planned: list[PlannedStep] = []
    for index, step in enumerate(flow.setup, 1):
        number = f"{prefix}setup {index}" if not prefix else f"{prefix}s{index}"
        planned.extend(_planned(flow, step, number, True, gates))
    for index, step in enumerate(flow.steps, 1):
        planned.extend(_planned(flow, step, f"{prefix}{index}", hidden, gates))
    return planned


def _planned(flow: Flow, step: Step, number: str, hidden: bool, gates: tuple) -> list[PlannedStep]:
    if isinstance(step.payload, Used):
        inner = gates + ((number, step.when),) if step.when is not None else gates
        return plan(step.payload.flow, prefix=f"{number}.", hidden=hidden, gates=inner)
    return [PlannedStep(step, number, flow, hidden, gates)]


@dataclass
class RunOptions:
    base_url: str
    timeout: float = STEP_TIMEOUT
    output_dir: Path = Path(OUTPUT_DIR)
    attempt: int = 1  # --retries: a retry's artifacts go beside the first attempt's, which are kept


def artifacts_dir(options: RunOptions, flow: Flow) -> Path:
    """Where a flow's screenshots and trace go: <output>/<flow-id>, and <output>/<flow-id>-retry1 for a retry."""
    suffix = f"-retry{options.attempt - 1}" if options.attempt > 1 else ""
    return inside(options.output_dir, f"{flow.id}{suffix}")


def reason(flow: Flow, step: Step | None, exc: Exception) -> str:
    """Why a step (or the start) failed, as every report shows it: the target spelled with its secrets masked where
    they were put, every secret masked (masking.py), and control characters from the page shown, never sent."""
    text = str(exc)
    if step is not None and step.shown is not None:
        real, shown = step.target, step.shown.target
        if real is not None and shown is not None:
            text = text.replace(real.spelled(), shown.spelled())
    return lines(flow.redact(text))


class Run:
    """One flow, one page, one mode. The driver does the Playwright work; the mode decides the policy."""

    def __init__(self, flow: Flow, driver, mode, options: RunOptions, listeners=()):
        self.flow = flow
        self.driver = driver
        self.mode = mode
        self.options = options
        self.listeners = list(listeners)
        self.plan = plan(flow)
        self.shown = [p for p in self.plan if not p.hidden]  # what a person sees: "3 of 9"
        self.artifacts_dir = artifacts_dir(options, flow)
        self.interrupted: StepResult | None = None  # the step Ctrl-C stopped
        self.decided: dict[str, str | None] = {}  # a `use`'s number → why its `when:` was not met (None: it was)
        self.context = StepContext(self)  # all a mode sees of the run (context.py)

    def emit(self, event) -> None:
        for listener in self.listeners:
            listener(event)

    def timeout_for(self, step: Step) -> float:
        if step.timeout is not None:
            return step.timeout
        if step.action in NAVIGATING:
            return max(self.options.timeout, NAVIGATION_TIMEOUT)
        return self.options.timeout

    def execute(self) -> FlowResult:
        result = FlowResult(self.flow, base_url=self.options.base_url)
        started = time.monotonic()
        self.emit(FlowStarted(self.flow))
        try:
            self.mode.flow_started(self.context)
            self.driver.goto(self.flow.start, max(self.options.timeout, NAVIGATION_TIMEOUT), self.flow.shown_start)
            self._steps(result)
        except StepError as exc:
            result.status, result.error = FAILED, reason(self.flow, None, exc)
            self._failure_screenshot(result.artifacts, "start")
        except KeyboardInterrupt:  # Ctrl-C: the flow is failed with that cause, and the run stops (issue 9, R10)
            result.status = FAILED
            if self.interrupted is not None:
                result.steps.append(self.interrupted)
            else:
                result.error = INTERRUPTED
            raise
        finally:
            result.duration = time.monotonic() - started
            if result.status != FAILED and any(s.status == FAILED for s in result.steps):
                result.status = FAILED
            self.mode.flow_finished(self.context, result)
            self.emit(FlowFinished(result))
        return result

    def _steps(self, result: FlowResult) -> None:
        index = 0
        while 0 <= index < len(self.plan):
            planned = self.plan[index]
            step_result, answer = self._one(planned)
            result.steps.append(step_result)
            if step_result.status == FAILED and not self.mode.carry_on_after_failure:
                return
            if answer == EXIT:
                result.status, result.error = STOPPED, f"stopped at step {planned.number}"
                return
            index = self._move(index, answer)

    def _move(self, index: int, answer: str) -> int:
        if answer != BACK:
            return index + 1
        index -= 1
        while index > 0 and self.plan[index].hidden:  # Back skips over setup steps nobody saw
            index -= 1
        return max(index, 0)

    def _one(self, planned: PlannedStep) -> tuple[StepResult, str]:
        step = planned.step
        step_result = StepResult(step, planned.number)
        self.emit(StepStarted(self.flow, step, planned.number))
        started = time.monotonic()
        answer = NEXT
        try:
            unmet = self._unmet(planned)
            if unmet is not None:
                step_result.status, step_result.note = SKIPPED, self.flow.redact(f"skipped: condition not met ({unmet})")
            elif step.optional and step.target is not None and not self._optional_present(step):
                step_result.status = SKIPPED
                step_result.note = f"skipped: {(step.view.target or step.target).spelled()} did not appear"
            else:
                answer = self.mode.do(self.context, planned)
                step_result.note = self.mode.note
                if answer == SKIP:
                    step_result.status, step_result.note = SKIPPED, "skipped by the person"
        except KeyboardInterrupt:
            step_result.status, step_result.error = FAILED, INTERRUPTED
            step_result.duration = time.monotonic() - started
            self.interrupted = step_result
            self.emit(StepFinished(self.flow, step_result))
            raise
        except StepError as exc:
            step_result.status, step_result.error = FAILED, reason(self.flow, step, exc)
            step_result.duration = time.monotonic() - started  # when it failed; the screenshot is reporting
            self._failure_screenshot(step_result.artifacts, planned.number)
        step_result.duration = step_result.duration or time.monotonic() - started
        self.emit(StepFinished(self.flow, step_result))
        return step_result, answer

    def _unmet(self, planned: PlannedStep) -> str | None:
        """Why a `when:` around or on this step does not hold now, or None when every one holds (flow-format.md:
        decided at once after the page settles; a used flow's condition once, when its first step is reached)."""
        for key, condition in planned.gates:
            if key not in self.decided:
                self.decided[key] = self.driver.unmet(condition)
            if self.decided[key] is not None:
                return self.decided[key]
        if planned.step.when is not None:
            return self.driver.unmet(planned.step.when)
        return None

    def _optional_present(self, step: Step) -> bool:
        wait = step.timeout if step.timeout is not None else OPTIONAL_TIMEOUT
        try:
            self.driver.locate(step.target, wait)
        except StepError:
            return False
        return True

    def act(self, planned: PlannedStep) -> None:
        """Do a step the way check mode does (also guide mode's "Do it for me")."""
        step = planned.step
        if step.action == "screenshot":
            self.driver.screenshot(inside(self.artifacts_dir, f"{step.of(Shot).name}.png"))
            return
        self.driver.perform(step, self.timeout_for(step))

    def _failure_screenshot(self, artifacts: list[str], number: str) -> None:
        name = f"failed-step-{number}".replace(" ", "-").replace(".", "-")
        saved = self.driver.screenshot(inside(self.artifacts_dir, f"{name}.png"))
        if saved:
            artifacts.append(saved)
