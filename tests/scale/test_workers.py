"""`check --workers N`: the same reports as a serial run, in the same order; Ctrl-C leaves nothing running."""

from __future__ import annotations

import json
import os
import re
import signal
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from guidedflows.cli.commands import main
from guidedflows.run.events import FAILED, PASSED, FlowFinished, FlowStarted, StepFinished
from guidedflows.run.runner import RunSettings
from guidedflows.scale import options as scale, parallel
from helpers import write_flow
from scalekit import SLOW, Command, four_flows, run

SCHEMA = Path(__file__).parents[2] / "schema" / "results.schema.json"


def _comparable(printed: str, out: Path) -> str:
    """Console output without what changes from run to run: timings and the artifacts folder."""
    printed = printed.replace(str(out), "OUT")
    return re.sub(r"\d+\.\d+s", "Ns", printed)


@pytest.fixture(scope="module")
def both(tmp_path_factory, site):
    """The same four flows, once serially and once on two workers, every report asked for."""
    root = tmp_path_factory.mktemp("workers")
    folder = four_flows(root / "flows")
    runs = {}
    for name, extra in (("serial", []), ("parallel", ["--workers", "2"])):
        out = root / name
        argv = ["check", str(folder), "--base-url", site, "--output", str(out / "artifacts")]
        argv += ["--json", str(out / "results.json"), "--junit", str(out / "junit.xml"), "--report", str(out / "report")]
        code, printed = run(argv + extra)
        runs[name] = {"code": code, "printed": printed, "out": out}
    return runs


@pytest.mark.browser
def test_two_workers_print_what_a_serial_run_prints(both):
    serial, parallel_run = both["serial"], both["parallel"]
    assert serial["code"] == parallel_run["code"] == 1
    assert _comparable(parallel_run["printed"], parallel_run["out"]) == _comparable(serial["printed"], serial["out"])
    assert "4 flows: 3 passed, 1 failed" in parallel_run["printed"]
    assert "OUT/artifacts/c/failed-step-2.png" in _comparable(parallel_run["printed"], parallel_run["out"])
    assert (parallel_run["out"] / "artifacts" / "c" / "failed-step-2.png").stat().st_size > 1000


@pytest.mark.browser
def test_two_workers_write_the_same_reports_in_flow_order(both):
    results = json.loads((both["parallel"]["out"] / "results.json").read_text(encoding="utf-8"))
    jsonschema.validate(results, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [flow["id"] for flow in results["flows"]] == ["a", "b", "c", "d"]
    assert [flow["status"] for flow in results["flows"]] == [PASSED, PASSED, FAILED, PASSED]
    assert results["run"]["counts"] == {"passed": 3, "failed": 1, "flaky": 0, "total": 4}
    assert results["run"]["versions"]["browser"].startswith("chromium ")
    assert [step["status"] for step in results["flows"][2]["steps"]] == [PASSED, FAILED]
    serial = json.loads((both["serial"]["out"] / "results.json").read_text(encoding="utf-8"))
    assert _without_times(results["flows"], "parallel") == _without_times(serial["flows"], "serial")
    suites = ET.parse(both["parallel"]["out"] / "junit.xml").getroot()
    assert [suite.get("name") for suite in suites] == ["a", "b", "c", "d"]
    assert suites.get("failures") == "1"
    report = (both["parallel"]["out"] / "report" / "index.html").read_text(encoding="utf-8")
    assert "4 flows: 3 passed, 1 failed" in report


def _without_times(flows: list[dict], name: str) -> list[dict]:
    text = json.dumps(flows).replace(f"/{name}/", "/RUN/")
    return [_no_duration(flow) for flow in json.loads(text)]


def _no_duration(item: dict) -> dict:
    item = {key: value for key, value in item.items() if key != "duration"}
    if "steps" in item:
        item["steps"] = [_no_duration(step) for step in item["steps"]]
    return item


@pytest.mark.parametrize("stop", ["ctrl-c", "kill"])
@pytest.mark.browser
def test_stopping_the_run_leaves_no_worker_or_browser(tmp_path, site, stop):
    """Ctrl-C in a terminal (SIGINT to the whole process group), or the main process killed outright."""
    for n in (1, 2, 3):
        write_flow(tmp_path, SLOW.format(n=n), f"slow-{n}.yaml")
    command = Command(["check", str(tmp_path), "--base-url", site, "--workers", "2", "--output", str(tmp_path / "out")])
    for line in command.process.stdout:  # the first flow is in its 60 s step, the second one started
        if 'Click "Press me"' in line:
            break
    assert any("chrom" in process for process in command.left_behind(within=0))
    if stop == "ctrl-c":
        os.killpg(command.process.pid, signal.SIGINT)
    else:
        os.kill(command.process.pid, signal.SIGKILL)
    code, printed = command.finish(timeout=60)
    if stop == "ctrl-c":
        assert code == 130
        assert printed.rstrip().endswith("interrupted")
    else:
        assert code == -signal.SIGKILL
    assert command.left_behind() == []


def test_never_more_workers_than_flows_and_auto_is_the_cpu_count(monkeypatch):
    started = []
    monkeypatch.setattr(parallel, "run_parallel", lambda flows, settings, count: started.append(count) or [])
    monkeypatch.setattr(parallel, "cpu_count", lambda: 3)
    flows = [object()] * 5
    scale.run_checks(flows[:2], RunSettings(), 8)
    scale.run_checks(flows, RunSettings(), "auto")
    scale.run_checks(flows[:2], RunSettings(), "auto")
    assert started == [2, 3, 2]


def test_cdp_with_workers_is_a_usage_error(flows, site, capsys):
    code = main(["check", str(flows), "--base-url", site, "--workers", "2", "--cdp", "http://127.0.0.1:9"])
    assert code == 2
    assert "--workers needs a browser per worker; --cdp attaches to one browser" in capsys.readouterr().err


@pytest.mark.parametrize("given", ["0", "-1", "two"])
def test_bad_worker_counts_exit_2(given, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["check", "--workers", given])
    assert exited.value.code == 2
    assert f'argument --workers: "{given}" is not a number of workers (1, 2, ... or auto)' in capsys.readouterr().err


class _Flow:
    def __init__(self, flow_id: str):
        self.id = flow_id
        self.setup, self.steps = (), ()


def test_events_of_later_flows_wait_for_the_earlier_ones():
    """Flow 1 finishes before flow 0: its events come out only after flow 0's, whatever the arrival order."""
    seen = []
    flows = [_Flow("first"), _Flow("second"), _Flow("third")]
    ordered = parallel._InOrder([lambda event: seen.append(_name(event))], flows)
    finished = {"status": PASSED, "steps": [], "duration": 1.0, "error": None, "artifacts": [], "base_url": None, "attempts": 1}
    ordered.add(0, ordered.rebuild(0, "flow"))
    ordered.add(1, ordered.rebuild(1, "flow"))
    ordered.add(1, ordered.rebuild(1, "finished", finished))
    ordered.add(2, ordered.rebuild(2, "flow"))
    assert seen == ["start first"]
    ordered.add(0, ordered.rebuild(0, "finished", finished))
    assert seen == ["start first", "end first", "start second", "end second", "start third"]
    ordered.lost(2, "the worker process running it stopped unexpectedly (exit code -9)")
    assert seen[-1] == "end third"
    assert [result.status for result in ordered.results] == [PASSED, PASSED, FAILED]
    assert ordered.results[2].error == "the worker process running it stopped unexpectedly (exit code -9)"


def _name(event) -> str:
    if isinstance(event, FlowStarted):
        return f"start {event.flow.id}"
    if isinstance(event, FlowFinished):
        return f"end {event.result.flow.id}"
    if isinstance(event, StepFinished):
        return f"step {event.result.number}"
    return type(event).__name__
