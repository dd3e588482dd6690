"""`guidedflows check` report files: JUnit (Jenkins' XSD), JSON (our schema), the HTML page (opened in a browser),
GitHub annotations, traces, and no secret in any of them. One check run feeds most tests."""

from __future__ import annotations

import http.server
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from helpers import Serving
from flowprojects import BROKEN, GREETING, SECRET, SECRET_FAILING, SECRET_FLOW, files_holding, secret_forms, write

DATA = Path(__file__).parent / "data"
SCHEMA = Path(__file__).parents[2] / "schema" / "results.schema.json"


def check(argv: list[str], environ: dict | None = None) -> tuple[int, str]:
    """`python -m guidedflows ARGV` as a user runs it (and in its own process: Playwright's sync API cannot start
    inside this suite's running browser session); the exit code and what it printed, stdout and stderr together."""
    env = {name: value for name, value in os.environ.items() if name != "GITHUB_ACTIONS"}  # only where a test says
    env.update({"PYTHONIOENCODING": "utf-8", **(environ or {})})
    done = subprocess.run([sys.executable, "-m", "guidedflows", *argv], env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="module")
def run(tmp_path_factory, site):
    """Four flows (two pass, two fail; two type a secret) with every report asked for, as on GitHub Actions."""
    root = tmp_path_factory.mktemp("check")
    flows = write(
        root / "flows",
        {
            "greeting.yaml": GREETING.replace("Nope", "Press me"),
            "secret.yaml": SECRET_FLOW,
            "secret-failing.yaml": SECRET_FAILING,
            "broken.yaml": BROKEN,
        },
    )
    out = root / "out"
    argv = ["check", str(flows), "--base-url", site, "--output", str(out / "artifacts"), "--trace", "on"]
    argv += ["--junit", str(out / "junit.xml"), "--json", str(out / "results.json"), "--report", str(out / "report")]
    code, printed = check(argv, {"GITHUB_ACTIONS": "true"})
    return {"code": code, "printed": printed, "out": out, "flows": flows}


@pytest.mark.browser
def test_exit_code_and_where_the_files_went(run):
    assert run["code"] == 1
    out = run["out"]
    for line in (f"JUnit XML: {out / 'junit.xml'}", f"JSON results: {out / 'results.json'}", f"HTML report: {out / 'report' / 'index.html'}"):
        assert line in run["printed"]


@pytest.mark.browser
def test_junit_is_valid_for_jenkins_with_steps_failure_and_attachment(run):
    junit = run["out"] / "junit.xml"
    xmlschema.XMLSchema(DATA / "junit-10.xsd").validate(junit)
    suites = {suite.get("name"): suite for suite in ET.parse(junit).iter("testsuite")}
    assert sorted(suites) == ["broken", "greeting", "secret", "secret-failing"]

    greeting = suites["greeting"].find("testcase")
    assert float(greeting.get("time")) > 0
    lines = greeting.find("system-out").text.splitlines()
    assert re.fullmatch(r'✓ 1 Click "Press me"\. \(\d+\.\d\ds\)', lines[0])
    properties = {p.get("name"): p.get("value") for p in suites["greeting"].iter("property")}
    assert properties["status"] == "passed" and re.match(r"passed \d+\.\d\ds The element testid log", properties["step 2"])

    broken = suites["broken"]
    assert broken.get("failures") == "1" and broken.get("file").endswith("broken.yaml")
    failure = broken.find("testcase/failure")
    assert failure.get("message").startswith("broken: step 2 at ") and 'could not find "Does not exist"' in failure.get("message")
    assert "  5 |   - click: Does not exist\n    |     ^\n  6 |     timeout: 500ms" in failure.text
    attached = re.findall(r"\[\[ATTACHMENT\|(.+?)\]\]", broken.find("testcase/system-out").text)
    assert [Path(path).name for path in attached] == ["failed-step-2.png", "trace.zip"]
    assert all(Path(path).is_file() for path in attached)


@pytest.mark.browser
def test_json_follows_the_documented_schema(run):
    results = json.loads((run["out"] / "results.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(results)
    assert results["run"]["counts"] == {"passed": 2, "failed": 2, "flaky": 0, "total": 4}
    assert results["run"]["versions"]["browser"].startswith("chromium ")
    broken = next(flow for flow in results["flows"] if flow["id"] == "broken")
    assert (broken["status"], broken["attempts"]) == ("failed", 1)
    failed = broken["steps"][-1]
    assert failed["location"] == f"{run['flows'] / 'broken.yaml'}:5" and failed["action"] == "click"
    assert failed["error"].startswith('could not find "Does not exist" on the page')
    assert Path(failed["artifacts"][0]).name == "failed-step-2.png"
    assert broken["error"].startswith("broken: step 2 at ")
    assert [Path(path).name for path in broken["artifacts"]] == ["trace.zip"]


def test_html_report_opens_from_disk_and_shows_the_failure(run, page):
    page.goto((run["out"] / "report" / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "4 flows: 2 passed, 2 failed"
    broken = page.locator("#flow-broken")
    assert broken.locator("details").get_attribute("open") is not None
    assert page.locator("#flow-greeting details").get_attribute("open") is None
    image = broken.locator("figure.screenshot img")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 100
    assert "- click: Does not exist" in broken.locator("pre.yaml").inner_text()
    steps = broken.locator("li.step")
    assert steps.count() == 2
    assert re.fullmatch(r'✓\s*1\s*Click "Press me"\.\s*\d+\.\d\ds', steps.nth(0).inner_text().strip())
    assert steps.nth(1).get_attribute("data-status") == "failed"
    assert 'could not find "Does not exist"' in steps.nth(1).inner_text()


def test_html_report_fits_a_phone(run, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto((run["out"] / "report" / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = page.locator("#flow-broken figure.screenshot img").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360


@pytest.mark.browser
def test_github_annotations_point_at_the_failing_steps(run):
    broken = run["flows"] / "broken.yaml"
    expected = f'::error file={broken},line=5,title=broken%3A step 2 failed::Click "Does not exist". failed: could not find'
    assert expected in run["printed"]
    assert sum(line.startswith("::error ") for line in run["printed"].splitlines()) == 2


@pytest.mark.browser
def test_traces_are_kept_and_stop_before_a_secret(run):
    artifacts = run["out"] / "artifacts"
    assert sorted(path.parent.name for path in artifacts.rglob("trace.zip")) == sorted(
        ["broken", "greeting", "secret", "secret-failing"]
    )
    assert b"trace ends here: step 2 types a secret" in _member(artifacts / "secret" / "trace.zip", ".trace")


@pytest.mark.browser
def test_no_secret_in_any_file_or_in_the_console(run):
    forms = secret_forms()
    assert files_holding(run["out"], forms) == []
    assert not any(form.decode() in run["printed"] for form in forms)
    assert f"••••{SECRET[-4:]}" in run["printed"]


def _member(archive: Path, suffix: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(archive) as opened:
        return b"".join(opened.read(name) for name in opened.namelist() if name.endswith(suffix))


# -- retries and flaky flows ---------------------------------------------------------------------------------

FIRST_VISIT = b"<!doctype html><title>Shop</title><p>Loading...</p>"
LATER_VISITS = b"<!doctype html><title>Shop</title><button onclick=\"this.textContent='Done'\">Press me</button>"


class _FlakySite(http.server.BaseHTTPRequestHandler):
    """The first visit to / misses the button (a slow deploy, say); every later visit has it."""

    def do_GET(self):
        visits = self.server.visits = getattr(self.server, "visits", 0) + (self.path == "/")
        body = FIRST_VISIT if visits <= 1 else LATER_VISITS
        self.send_response(200 if self.path == "/" else 404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky_site():
    with Serving(_FlakySite) as site:
        yield site.url


@pytest.mark.browser
def test_a_flow_passing_on_retry_is_flaky_everywhere(tmp_path, flaky_site):
    flow = write(tmp_path, {"press.yaml": "flow: Press\nsteps:\n  - click: Press me\n    timeout: 2s\n"}) / "press.yaml"
    out = tmp_path / "out"
    argv = ["check", str(flow), "--base-url", flaky_site, "--retries", "2", "--output", str(out / "artifacts")]
    argv += ["--json", str(out / "results.json"), "--junit", str(out / "junit.xml"), "--allow-flaky"]
    argv += ["--trace", "retain-on-failure"]
    code, printed = check(argv, {"GITHUB_ACTIONS": "true"})
    assert code == 0, printed  # --allow-flaky
    assert "attempt 1 failed; trying press again" in printed
    assert "1 flow: 0 passed, 0 failed, 1 flaky" in printed
    [result] = json.loads((out / "results.json").read_text(encoding="utf-8"))["flows"]
    attempts = result["attempts"]  # 2, unless a very busy machine also missed the button on the second visit
    assert (result["status"], attempts in (2, 3)) == ("flaky", True)
    assert result["error"].startswith(f'failed on attempt 1 of {attempts}: press: step 1 at {flow}:3 (Click "Press me".)')
    assert f"::warning file={flow},line=1,title=press is flaky::failed on attempt 1 of {attempts}" in printed
    first_failure = out / "artifacts" / "press"  # kept: its screenshot and trace; the passing retry keeps no trace
    assert result["artifacts"] == [str(first_failure / "failed-step-1.png"), str(first_failure / "trace.zip")]
    assert (first_failure / "failed-step-1.png").stat().st_size > 1000 and (first_failure / "trace.zip").is_file()
    assert not (out / "artifacts" / f"press-retry{attempts - 1}" / "trace.zip").exists()
    assert result["steps"][0]["status"] == "passed"

    xmlschema.XMLSchema(DATA / "junit-10.xsd").validate(out / "junit.xml")
    flaky = ET.parse(out / "junit.xml").find("testsuite/testcase/flakyFailure")
    assert flaky.get("message").startswith(f"failed on attempt 1 of {attempts}")


def test_flaky_exits_1_without_allow_flaky():
    from types import SimpleNamespace

    from guidedflows.reporters.outputs import Outputs

    console = SimpleNamespace(stream=io.StringIO())
    results = [SimpleNamespace(status="passed"), SimpleNamespace(status="flaky")]
    strict = Outputs(SimpleNamespace(allow_flaky=False), console, 2, environ={})
    lenient = Outputs(SimpleNamespace(allow_flaky=True), console, 2, environ={})
    assert (strict.exit_code(results), lenient.exit_code(results)) == (1, 0)
    assert lenient.exit_code([*results, SimpleNamespace(status="failed")]) == 1


# -- the progress bar ----------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    encoding = "utf-8"

    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only_for_several_flows(tmp_path):
    from guidedflows import load_flow
    from guidedflows.reporters.console import ConsoleReporter
    from guidedflows.reporters.progress import Progress
    from guidedflows.run.events import FlowFinished, FlowResult, FlowStarted

    flow = load_flow(write(tmp_path, {"a.yaml": "flow: A\nsteps:\n  - note: hi\n"}) / "a.yaml")
    events = [FlowStarted(flow), FlowFinished(FlowResult(flow, status="failed"))]

    terminal = _Terminal()
    progress = Progress(ConsoleReporter(terminal, colour=False), 2)
    for event in events:
        progress(event)
    shown = terminal.getvalue()
    bar = "░" * 24 + " 0/2 flows  a"
    assert f"\r\x1b[Ka  A\n{bar}\r\x1b[K✗ a failed" in shown  # rubbed out before each console line, drawn after
    assert shown.endswith("\n" + "█" * 12 + "░" * 12 + " 1/2 flows, 1 failed")

    for total, stream in ((1, _Terminal()), (2, io.StringIO())):
        plain = Progress(ConsoleReporter(stream, colour=False), total)
        for event in events:
            plain(event)
        assert "\r" not in stream.getvalue() and "a  A\n" in stream.getvalue()
