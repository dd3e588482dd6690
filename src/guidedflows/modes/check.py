"""Check mode, the CI mode: do each step, no pauses, no overlay; the first failure ends the flow."""

from __future__ import annotations

from ..run.events import FlowResult
from ..run.executor import NEXT, PlannedStep, Run


class CheckMode:
    name = "check"
    carry_on_after_failure = False
    answer_dialogs = True
    exclude_overlay = False
    note: str | None = None

    def flow_started(self, run: Run) -> None:
        pass

    def do(self, run: Run, planned: PlannedStep) -> str:
        run.act(planned)
        return NEXT

    def flow_finished(self, run: Run, result: FlowResult) -> None:
        pass
