"""What a mode may use of a run: the step context (modes/__init__.py, `Mode`).

A mode decides the policy of a step — do it, spotlight it and wait for the person, photograph it — and needs only
this of the run: the flow, the page now (a popup may have become current), finding a target, doing a step the way
check mode does, the action alone (guide polls an expectation with it), how long a step may take, the steps a person
counts, answering dialogs for a while (guide's "Do it for me"), and the fields holding a secret (masked in pictures).
Not the driver, the executor or the options: a mode cannot reach around its policy.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..browser.locate import Found
    from ..flow.model import Flow, Step, Target
    from .executor import PlannedStep, Run


class StepContext:
    def __init__(self, run: Run):
        self._run = run

    @property
    def flow(self) -> Flow:
        return self._run.flow

    @property
    def page(self):
        """The current tab: a popup the last step opened becomes current as soon as Playwright reports it."""
        return self._run.driver.page

    def locate(self, target: Target, timeout: float) -> Found:
        """Pin the target to exactly one element, waiting up to `timeout` seconds (StepError when it cannot)."""
        return self._run.driver.locate(target, timeout)

    def locator(self, target: Target):
        """The target's one locator on the current page, without waiting (the in-page search where the page has it)."""
        return self._run.driver.resolver.build(target, self.page)

    def act(self, planned: PlannedStep) -> None:
        """Do the step the way check mode does."""
        self._run.act(planned)

    def perform(self, step: Step, timeout: float) -> None:
        """The step's action alone, within `timeout` seconds (StepError when it cannot be done)."""
        self._run.driver.perform(step, timeout)

    def timeout_for(self, step: Step) -> float:
        return self._run.timeout_for(step)

    def counted(self) -> list[PlannedStep]:
        """The steps a person counts ("3 of 9"): the shown ones, less those a `when:` already turned down (issue 16: in
        a browser that is signed in, the first card is "1 of 4", not "5 of 8" after four skipped sign-in steps)."""
        run = self._run
        return [p for p in run.shown if not any(run.decided.get(key) is not None for key, _ in p.gates)]

    @contextlib.contextmanager
    def answering_dialogs(self) -> Iterator[None]:
        """While the tool does a step for the person, it answers the dialogs the step says, as check mode does."""
        driver = self._run.driver
        before, driver.answer_dialogs = driver.answer_dialogs, True
        try:
            yield
        finally:
            driver.answer_dialogs = before

    def secret_locators(self, page) -> list:
        """Locators of the fields on `page` that received a secret."""
        return [field.locator for field in self._run.driver.secret_fields if field.page == page]
