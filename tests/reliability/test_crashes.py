"""R10 crashes: the browser killed mid-flow, the storefront stopped mid-flow, Ctrl-C during `check` and during
`guide`. Each time the flow fails with its cause in words, the exit code is right, and no process the command started
(browser, Playwright driver) is left: every one of them carries a marker in its environment (tests/scale/scalekit.py).

What happens next is a decision per case:
- a killed or crashed browser fails only the flow it was running: a new browser runs the next flows (flows are
  independent, each in a fresh context; in CI a one-off renderer crash should not hide the other flows' results);
- a site that stops answering fails the flow at the step that needed it, and each later flow at its start page,
  each saying "is the site running?" (no retry: a site that went away is the finding);
- Ctrl-C stops the run: the flow is failed at the interrupted step, later flows do not start, exit 130.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading

import pytest

from guide.conftest import Person, person_browser  # noqa: F401 - the person's own browser, reachable over CDP
from guidedflows import storefront as storefront_module
from guidedflows.storefront import Storefront
from helpers import write_flow
from scale.scalekit import PASSING, SLOW, Command

pytestmark = pytest.mark.browser  # every test here drives a browser (the fast loop skips them)

NEVER = "Click \"Never there\""


def lines_until(command: Command, text: str) -> str:
    """Read the command's output until a line holding `text` (what it printed so far)."""
    seen = []
    for line in command.process.stdout:
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"the command ended without printing {text!r}:\n{''.join(seen)}")


def browser_process(command: Command) -> int:
    """The browser's main process among the command's: the Chromium whose parent is not a Chromium."""
    processes = dict(command_processes(command))
    for pid, name in processes.items():
        if "chrom" in name and "chrom" not in processes.get(parent_of(pid), ""):
            return pid
    raise AssertionError(f"no browser among {processes}")


def command_processes(command: Command):
    from scale.scalekit import marked_processes

    return marked_processes(command.marker)


def parent_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def slow_then_passing(folder, site_flow: str = PASSING):
    folder.mkdir(parents=True, exist_ok=True)
    write_flow(folder, SLOW.format(n=1), "a-slow.yaml")
    write_flow(folder, site_flow.format(n=2), "b-next.yaml")
    return folder


def test_a_browser_killed_mid_flow_fails_that_flow_and_a_new_browser_runs_the_next(tmp_path, site):
    flows = slow_then_passing(tmp_path / "flows")
    out = tmp_path / "out"
    command = Command(["check", str(flows), "--base-url", site, "--output", str(out), "--trace", "on",
                       "--json", str(out / "results.json")])
    lines_until(command, 'Click "Press me"')  # a-slow is in its 60 s step
    os.kill(browser_process(command), signal.SIGKILL)
    code, printed = command.finish(timeout=120)
    assert code == 1, printed
    assert "the browser closed or crashed during this step" in printed
    assert "starting a new one for the next flow" in printed
    results = {flow["id"]: flow for flow in json.loads((out / "results.json").read_text())["flows"]}
    assert results["a-slow"]["status"] == "failed"
    assert results["b-next"]["status"] == "passed"
    assert "Traceback" not in printed and "internal error" not in printed
    assert command.left_behind() == []


class _StopsAtTheOrderPage(storefront_module._Handler):
    """The storefront, stopped the moment the flow opens an order (that request is never answered)."""

    def do_GET(self):
        if self.path.startswith("/order.html"):
            self.close_connection = True
            threading.Thread(target=self.server.store.stop, daemon=True).start()
            return
        super().do_GET()


STOREFRONT_FLOW = """\
flow: Open an order
setup:
  - use: _accept-cookies
steps:
  - use: _open-account-menu
  - click: My Orders
  - click: Order 8001
  - click: Cancel order
"""


def test_the_storefront_stopped_mid_flow_fails_the_flow_saying_so_and_the_next_flows_too(tmp_path):
    from helpers import SHIPPED_FLOWS as FLOWS

    store = Storefront().start()
    url = store.url
    store._server.RequestHandlerClass = _StopsAtTheOrderPage
    store._server.store = store
    flows = tmp_path / "flows"
    flows.mkdir()
    for partial in ("_accept-cookies.yaml", "_open-account-menu.yaml"):
        shutil.copy(FLOWS / partial, flows)
    write_flow(flows, STOREFRONT_FLOW, "a-order.yaml")
    write_flow(flows, "flow: Home\nsteps:\n  - expect: page\n    title: Marketly\n", "b-home.yaml")
    try:
        # 3 s a step, not 10: the dead site's error page is what step 4 meets, whenever it gives up looking
        command = Command(["check", str(flows), "--base-url", url, "--output", str(tmp_path / "out"), "--timeout", "3s"])
        code, printed = command.finish(timeout=180)
    finally:
        store.stop()
    assert code == 1, printed
    dead = "(ERR_CONNECTION_REFUSED): is the site running?"
    assert f"a-order: step 4 at {flows / 'a-order.yaml'}:8 (Click \"Cancel order\".) failed: could not open {url}order.html?id=8001 " in printed
    assert f"b-home: could not open {url} {dead}" in printed
    assert printed.count(dead) >= 2
    assert command.left_behind() == []


def test_ctrl_c_during_check_fails_the_flow_stops_the_run_and_exits_130(tmp_path, site):
    flows = slow_then_passing(tmp_path / "flows")
    command = Command(["check", str(flows), "--base-url", site, "--output", str(tmp_path / "out")])
    lines_until(command, 'Click "Press me"')
    os.killpg(command.process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    code, printed = command.finish(timeout=60)
    assert code == 130, printed
    assert "interrupted (Ctrl-C)" in printed and "✗ a-slow failed" in printed
    assert printed.rstrip().endswith("interrupted")
    assert "b-next" not in printed  # the run stopped
    assert "Traceback" not in printed
    assert command.left_behind() == []


def test_ctrl_c_during_a_guide_on_its_own_browser_exits_130_and_leaves_nothing(tmp_path, site):
    flow = write_flow(tmp_path, "flow: Press\nsteps:\n  - click: Press me\n  - note: done\n")
    command = Command(["guide", str(flow), "--base-url", site, "--headless", "--output", str(tmp_path / "out")])
    lines_until(command, "Press")  # the guide started: its browser is up, it waits for the person
    assert any("chrom" in name for _, name in command_processes(command))
    os.killpg(command.process.pid, signal.SIGINT)
    code, printed = command.finish(timeout=60)
    assert code == 130, printed
    assert "Traceback" not in printed
    assert command.left_behind() == []


def test_ctrl_c_during_a_guide_in_the_persons_browser_leaves_their_browser_and_clears_the_card(
    tmp_path, site, person_browser  # noqa: F811
):
    context, cdp = person_browser
    flow = write_flow(tmp_path, "flow: Press\nsteps:\n  - click: Press me\n  - note: done\n")
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("about:blank")
    command = Command(["guide", str(flow), "--cdp", cdp, "--base-url", site, "--output", str(tmp_path / "out")])
    person = Person(context, command.process)
    person.at("1 of 2")
    os.killpg(command.process.pid, signal.SIGINT)
    code, printed = command.finish(timeout=60)
    assert code == 130, printed
    assert "Traceback" not in printed
    assert command.left_behind() == []
    assert not page.is_closed()  # the person's browser is theirs: never closed by the tool
    page.wait_for_function("() => window.__guidedflows.state().progress === null", timeout=10_000)
