"""Modes against a fake step context (run/context.py): what a mode asks of a run, without a browser."""

from __future__ import annotations

from guidedflows.flow.loader import load_flow
from guidedflows.modes.check import CheckMode
from guidedflows.run.context import StepContext
from guidedflows.run.executor import NEXT, Run, RunOptions, plan
from helpers import write_flow

FLOW = """
flow: counted
steps:
  - click: Account
  - use: _signed
    when: {visible: Log in}
  - click: Save
"""
SIGNED = "flow: signed\nsteps:\n  - fill: Username\n    value: ada\n  - click: Log in\n"


class FakeDriver:
    def __init__(self):
        self.page, self.answer_dialogs, self.secret_fields, self.done = "the page", False, [], []

    def perform(self, step, timeout):
        self.done.append((step.action, step.target.value, self.answer_dialogs))

    def unmet(self, condition):
        return "Log in is not visible"


def _context(tmp_path):
    write_flow(tmp_path, SIGNED, "_signed.yaml")
    flow = load_flow(write_flow(tmp_path, FLOW, "counted.yaml"))
    run = Run(flow, FakeDriver(), CheckMode(), RunOptions("http://site", 5.0, tmp_path / "out"))
    return run, StepContext(run)


def test_check_mode_does_each_step_through_the_context(tmp_path):
    run, ctx = _context(tmp_path)
    first = plan(run.flow)[0]
    assert CheckMode().do(ctx, first) == NEXT
    assert run.driver.done == [("click", "Account", False)]


def test_the_steps_a_person_counts_leave_out_what_a_when_turned_down(tmp_path):
    run, ctx = _context(tmp_path)
    assert len(ctx.counted()) == 4
    run._unmet(plan(run.flow)[1])  # the executor decides the `when:` of the used flow once
    assert [p.step.target.value for p in ctx.counted()] == ["Account", "Save"]


def test_dialogs_are_answered_only_while_the_tool_does_a_step_for_the_person(tmp_path):
    run, ctx = _context(tmp_path)
    with ctx.answering_dialogs():
        ctx.act(plan(run.flow)[0])
    assert run.driver.done == [("click", "Account", True)] and run.driver.answer_dialogs is False
