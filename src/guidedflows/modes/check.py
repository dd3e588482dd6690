"""Check mode, the CI mode: do each step, no pauses, no overlay; the first failure ends the flow."""

from __future__ import annotations

from ..run.context import StepContext
from ..run.events import FlowResult
from ..run.executor import NEXT, PlannedStep


class CheckMode:
    name = "check"
    carry_on_after_failure = False
    answer_dialogs = True
    exclude_overlay = False
    note: str | None = None

    def flow_started(self, ctx: StepContext) -> None:
        pass

    def do(self, ctx: StepContext, planned: PlannedStep) -> str:
        ctx.act(planned)
        return NEXT

    def flow_finished(self, ctx: StepContext, result: FlowResult) -> None:
        pass
