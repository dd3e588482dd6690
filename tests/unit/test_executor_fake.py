"""The step loop with a fake driver: no browser, just the order of things and what a failure means."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from guidedflows.browser.acting import StepError
from guidedflows.flow.loader import load_flow
from guidedflows.modes.check import CheckMode
from guidedflows.run.events import FlowFinished, FlowStarted, StepFinished, StepStarted
from guidedflows.run.executor import Run, RunOptions, plan
from helpers import write_flow


class FakeDriver:
    """Records what the executor asks of the page; fails the steps it is told to."""

    def __init__(self, fail_on=(), missing=()):
        self.calls: list[tuple] = []
        self.fail_on = set(fail_on)
        self.missing = set(missing)

    def goto(self, where, timeout, shown=None):
        self.calls.append(("goto", where))

    def locate(self, target, timeout):
        self.calls.append(("locate", target.value, timeout))
        if target.value in self.missing:
            raise StepError(f"could not find {target.spelled()} on the page")

    def perform(self, step, timeout):
        what = step.target.value if step.target else dataclasses.astuple(step.payload)[0]  # a key, a word, a URL
        self.calls.append((step.action, what, getattr(step.payload, "value", None)))
        if what in self.fail_on:
            raise StepError("it is disabled")

    def screenshot(self, path: Path):
        self.calls.append(("screenshot", path.name))
        return str(path)


def run(flow, driver, **options):
    events = []
    result = Run(flow, driver, CheckMode(), RunOptions("http://site", 5.0, Path("out"), **options), [events.append]).execute()
    return result, events


def test_steps_run_in_order_after_start_and_setup(tmp_path):
    write_flow(tmp_path, "flow: shared\nsetup:\n  - click: Inner setup\nsteps:\n  - click: Inner\n", "_shared.yaml")
    flow = load_flow(
        write_flow(
            tmp_path,
            """
            flow: order
            start: /shop
            setup:
              - click: Accept cookies
            steps:
              - click: Account
              - use: _shared
              - fill: Email
                value: a@b.c
            """,
        )
    )
    driver = FakeDriver()
    result, events = run(flow, driver)
    assert result.passed
    assert driver.calls == [
        ("goto", "/shop"),
        ("click", "Accept cookies", None),
        ("click", "Account", None),
        ("click", "Inner setup", None),
        ("click", "Inner", None),
        ("fill", "Email", "a@b.c"),
    ]
    assert [s.number for s in result.steps] == ["setup 1", "1", "2.s1", "2.1", "3"]
    assert [p.hidden for p in plan(flow)] == [True, False, True, False, False]
    kinds = [type(e) for e in events]
    assert kinds[0] is FlowStarted and kinds[-1] is FlowFinished
    assert kinds.count(StepStarted) == kinds.count(StepFinished) == 5


def test_a_failure_stops_the_flow_and_takes_a_screenshot(tmp_path):
    flow = load_flow(write_flow(tmp_path, "flow: f\nsteps:\n  - click: A\n  - click: B\n  - click: C\n"))
    driver = FakeDriver(fail_on={"B"})
    result, _ = run(flow, driver)
    assert result.status == "failed"
    assert [s.status for s in result.steps] == ["passed", "failed"]
    assert result.failed_step.error == "it is disabled"
    assert result.failed_step.artifacts == [str(Path("out/flow/failed-step-2.png"))]
    assert ("click", "C", None) not in driver.calls
    assert result.failure_message().startswith(f"flow: step 2 at {flow.path}:4 (Click \"B\".) failed: it is disabled")


def test_optional_step_missing_is_skipped_with_its_own_short_timeout(tmp_path):
    flow = load_flow(
        write_flow(
            tmp_path,
            "flow: f\nsteps:\n  - click: Banner\n    optional: true\n  - click: Promo\n    optional: true\n    timeout: 300ms\n  - click: A\n",
        )
    )
    driver = FakeDriver(missing={"Banner", "Promo"})
    result, _ = run(flow, driver)
    assert result.passed
    assert [s.status for s in result.steps] == ["skipped", "skipped", "passed"]
    assert ("locate", "Banner", 2.0) in driver.calls
    assert ("locate", "Promo", 0.3) in driver.calls
    assert not any(call[0] == "click" and call[1] in ("Banner", "Promo") for call in driver.calls)


def test_params_reach_the_page_and_secrets_stay_out_of_errors(tmp_path):
    path = write_flow(
        tmp_path,
        """
        flow: f
        params:
          who: Ada
          pin: {default: "123456", secret: true}
        steps:
          - fill: Name
            value: ${who}
          - fill: "PIN ${pin}"
            value: ${pin}
        """,
    )
    flow = load_flow(path, {"who": "Grace"})
    driver = FakeDriver(fail_on={"PIN 123456"})
    result, _ = run(flow, driver)
    assert ("fill", "Name", "Grace") in driver.calls
    assert ("fill", "PIN 123456", "123456") in driver.calls
    assert "123456" not in result.failure_message()
    assert "••••3456" in result.failure_message()


def test_screenshot_step_saves_under_the_flow_id(tmp_path):
    flow = load_flow(write_flow(tmp_path, "flow: f\nid: shots\nsteps:\n  - screenshot: home\n"))
    driver = FakeDriver()
    run(flow, driver)
    assert ("screenshot", "home.png") in driver.calls


def test_start_failure_fails_the_flow_without_steps(tmp_path):
    class Unreachable(FakeDriver):
        def goto(self, where, timeout, shown=None):
            raise StepError("could not open http://site/ (ERR_CONNECTION_REFUSED): is the site running?")

    flow = load_flow(write_flow(tmp_path, "flow: f\nsteps:\n  - click: A\n"))
    result, _ = run(flow, Unreachable())
    assert result.status == "failed" and result.steps == []
    assert "ERR_CONNECTION_REFUSED" in result.failure_message()
