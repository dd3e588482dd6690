"""Demo mode: every step is done automatically, with the guide's spotlight and card and a pointer moving to the
target, pausing on each card long enough to read it. A failing step fails the demo, as in check mode."""

from __future__ import annotations

from ..run.context import StepContext
from ..run.executor import NEXT, PlannedStep
from ..steps import FOR_THE_PERSON, REGISTRY, UNTIL_IT_HOLDS
from .guide import card_for
from .stage import Stage

WORDS_PER_SECOND = 4.0  # a relaxed reading pace for the card's text, on top of --pace


class DemoMode:
    name = "demo"
    carry_on_after_failure = False
    answer_dialogs = True
    exclude_overlay = True
    note: str | None = None

    def __init__(self, pace: float = 1.5, stage: Stage | None = None):
        self.pace = pace
        self.stage = stage or Stage()

    def flow_started(self, ctx: StepContext) -> None:
        self.stage.page_source = lambda: ctx.page
        self.stage.install(ctx.page.context)

    def do(self, ctx: StepContext, planned: PlannedStep) -> str:
        if planned.hidden:
            ctx.act(planned)
            return NEXT
        step = planned.step
        action = REGISTRY[step.action]
        target = step.target
        found = None
        if target is not None and target.kind != "page" and action.guide != UNTIL_IT_HOLDS:
            found = ctx.locate(target, ctx.timeout_for(step))
        card = card_for(ctx, planned, buttons={"exit": False, "next": False})
        self.stage.draw(found, card)
        if found is not None and self.pace > 0:  # the pointer's glide takes up to a second: not at --pace 0
            self.stage.pointer_to(found)
        self._pause(ctx, card["body"])
        ctx.act(planned)
        if action.guide in (FOR_THE_PERSON, UNTIL_IT_HOLDS):
            self._pause(ctx, "")
        return NEXT

    def _pause(self, ctx: StepContext, text: str) -> None:
        if self.pace <= 0:  # --pace 0: no pauses at all (a quick run, or a video to be cut later)
            return
        seconds = self.pace + len(text.split()) / WORDS_PER_SECOND
        ctx.page.wait_for_timeout(seconds * 1000)

    def flow_finished(self, ctx: StepContext, result) -> None:
        if result.passed:
            count = len(ctx.counted())
            card = card_for(ctx, None, status="finished", body=f"All done — {count} steps.", buttons={})
            try:
                self.stage.draw(None, card)
                self._pause(ctx, card["body"])
            except Exception:  # noqa: BLE001 - the window was closed: the demo is over anyway
                pass
