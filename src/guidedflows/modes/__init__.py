"""Modes are policies on the one executor (executor.py): what to do with each planned step.

    check  (check.py)  do it; the first failure ends the flow              guidedflows check, the pytest plugin
    guide  (guide.py)  spotlight it and wait for the person to do it       guidedflows guide
    demo   (demo.py)   do it with the spotlight, a pointer and a pause     guidedflows demo
    docs   (docs.py)   do it and photograph it for the how-to              guidedflows docs (built per flow by howto/build.py)

A mode is anything with the shape of `Mode`. It is handed a step context (run/context.py: the flow, the current page,
finding a target, doing a step as check mode does, the steps a person counts…), never the run, its driver or its
options; what it needs of the page driver it declares as attributes, which the runner reads when it builds the
driver (runner.execute).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..run.context import StepContext
    from ..run.events import FlowResult
    from ..run.executor import PlannedStep


class Mode(Protocol):
    name: str
    carry_on_after_failure: bool  # guide: a failed step is the person's to retry or skip; the others stop the flow
    answer_dialogs: bool  # the driver answers alert/confirm/prompt as the steps say (guide: the person answers)
    exclude_overlay: bool  # targets are never found inside guidedflows' own overlay (modes that draw one)
    note: str | None  # after do(): how the step was done, for the console ("done by the person"), or None

    def flow_started(self, ctx: StepContext) -> None: ...

    def do(self, ctx: StepContext, planned: PlannedStep) -> str:
        """Do one step; answer NEXT, BACK, SKIP or EXIT (executor.py), or raise StepError."""
        ...

    def flow_finished(self, ctx: StepContext, result: FlowResult) -> None: ...


# A mode chosen by its name: its module and class, imported only when chosen (the overlay's code is read only by the
# modes that draw it). Docs mode needs a folder, so howto/build.py builds it rather than a name.
BY_NAME = {"check": ("check", "CheckMode"), "guide": ("guide", "GuideMode"), "demo": ("demo", "DemoMode")}


def names() -> tuple[str, ...]:
    return tuple(BY_NAME)


def by_name(name: str) -> Mode:
    """A new mode chosen by its name; KeyError for a name that is not one."""
    module, cls = BY_NAME[name]
    return getattr(import_module(f".{module}", __name__), cls)()
