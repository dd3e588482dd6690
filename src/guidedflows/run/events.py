"""What a run reports: results of steps and flows, and the events reporters listen to."""

from __future__ import annotations

from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time, issue 8 B3)
if TYPE_CHECKING:  # annotations only: the reporters' options (built for --help too) need no flow model
    from ..flow.model import Flow, Step

PASSED, FAILED, SKIPPED, FLAKY = "passed", "failed", "skipped", "flaky"
STOPPED = "stopped"  # guide mode: the person pressed Exit


@dataclass
class StepResult:
    step: Step
    number: str  # "3", "3.2" inside a `use`, "setup 1"
    status: str = PASSED
    duration: float = 0.0
    error: str | None = None  # the reason, in a person's words, secrets masked
    note: str | None = None  # e.g. why an optional step was skipped
    artifacts: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"step {self.number}"


@dataclass
class FlowResult:
    flow: Flow
    status: str = PASSED
    steps: list[StepResult] = field(default_factory=list)
    duration: float = 0.0
    error: str | None = None  # a failure outside any step (start page unreachable, browser gone)
    artifacts: list[str] = field(default_factory=list)
    base_url: str | None = None
    attempts: int = 1

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    @property
    def failed_step(self) -> StepResult | None:
        return next((s for s in self.steps if s.status == FAILED), None)

    def failure_message(self) -> str:
        """The spec's runtime error: flow id, step number, path:line, the step's description, the reason."""
        failed = self.failed_step
        if failed is None:
            return f"{self.flow.id}: {self.error or 'failed'}"
        from ..flow.printable import one_line

        step = failed.step
        message = f"{self.flow.id}: step {failed.number} at {step.span.short} ({one_line(step.describe())}) failed: {failed.error}"
        return self.flow.redact(message)


@dataclass(frozen=True)
class FlowStarted:
    flow: Flow


@dataclass(frozen=True)
class StepStarted:
    flow: Flow
    step: Step
    number: str


@dataclass(frozen=True)
class StepFinished:
    flow: Flow
    result: StepResult


@dataclass(frozen=True)
class FlowFinished:
    result: FlowResult


@dataclass(frozen=True)
class RunStarted:
    """A run of flows began (CLI, not the Python API): the site and the browser, for reports."""

    base_url: str
    browser: str | None = None


@dataclass(frozen=True)
class FlowRetrying:
    """An attempt at a flow failed and it runs again (`--retries`); `result` is that failed attempt."""

    result: FlowResult
    attempt: int
