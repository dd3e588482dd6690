"""The pytest plugin, through pytester: collection, markers, options, failures, xdist and the run_flow fixture.

Collection runs in-process (no browser); anything that opens a browser runs pytest in a subprocess, as a user would.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from flowprojects import BROKEN, GREETING, SECRET_FLOW, STOREFRONT, files_holding, secret_forms, write

API_TESTS = """\
import pytest
from guidedflows import StepFailed


def test_run_flow_returns_the_result(run_flow, page):
    result = run_flow("flows/greeting.yaml", page=page, params={"text": "Press me"})
    assert result.passed and [step.status for step in result.steps] == ["passed", "passed"]


def test_run_flow_raises_with_the_step(run_flow, page):
    with pytest.raises(StepFailed) as failed:
        run_flow("flows/sub/broken.yaml", page=page)
    assert 'could not find "Does not exist"' in str(failed.value)
    assert "  5 |   - click: Does not exist" in str(failed.value)
"""


@pytest.fixture
def project(pytester):
    """A project with flows (one failing, one typing a secret), partials that must not be collected, and a test."""
    write(
        pytester.path,
        {
            "flows/greeting.yaml": GREETING,
            "flows/sub/broken.yaml": BROKEN,
            "flows/secret.yaml": SECRET_FLOW,
            "flows/_partials/part.yaml": GREETING,
            "flows/_hidden.yaml": GREETING,
            "notflows/other.yaml": GREETING.replace("Greeting", "Elsewhere"),
            "test_api.py": API_TESTS,
        },
    )
    return pytester


def test_every_flow_is_an_item_named_by_its_id_partials_left_out(project):
    result = project.runpytest("--collect-only", "-q", "flows", "notflows")
    assert result.ret == 0
    lines = [line for line in result.outlines if "::" in line]
    assert lines == ["flows/greeting.yaml::greeting", "flows/secret.yaml::secret", "flows/sub/broken.yaml::broken"]


def test_tags_are_registered_markers(project):
    result = project.runpytest("--collect-only", "-q", "--strict-markers", "-m", "cards", "flows")
    assert result.ret == 0
    assert [line for line in result.outlines if "::" in line] == ["flows/greeting.yaml::greeting"]
    assert "1/3 tests collected (2 deselected)" in result.stdout.str()


def test_guidedflows_paths_ini_option(project):
    project.makeini("[pytest]\nguidedflows_paths = notflows\n")
    result = project.runpytest("--collect-only", "-q", "flows", "notflows")
    assert [line for line in result.outlines if "::" in line] == ["notflows/other.yaml::other"]


def test_a_bad_flow_file_is_a_collection_error_at_its_line(project):
    write(project.path, {"flows/bad.yaml": "flow: Bad\nsteps:\n  - clik: Press me\n"})
    result = project.runpytest("--collect-only", "flows")
    out = result.stdout.str()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert 'flows/bad.yaml:3:5: unknown action "clik" in the steps' in out
    assert '  hint: did you mean "click"?' in out
    assert "Traceback" not in out


def test_unknown_param_is_a_usage_error(project):
    result = project.runpytest("--collect-only", "flows", "--param", "nobody=1")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert '--param nobody: no flow here has a param "nobody"' in result.stderr.str()


@pytest.mark.browser
def test_run_against_base_url_with_params_tracing_and_run_flow(project, site):
    """One run: --base-url, --param, a failing flow's report, step properties, run_flow, no secret in any trace."""
    result = project.runpytest_subprocess(
        "--base-url", site, "--param", "text=Press me", "--tracing", "on", "--junitxml", "junit.xml", "-o", "junit_family=xunit1", "-p", "no:xdist"
    )
    out = result.stdout.str()
    result.assert_outcomes(passed=4, failed=1)

    # The failure: the step's YAML with a caret, the reason, the screenshot; no traceback of the tool.
    assert 'broken: step 2 at flows/sub/broken.yaml:5 (Click "Does not exist".) failed: could not find "Does not exist"' in out
    result.stdout.fnmatch_lines(
        ["  5 |   - click: Does not exist", "    |     ^", "  6 |     timeout: 500ms", "screenshot: test-results/broken/failed-step-2.png"]
    )
    assert (project.path / "test-results/broken/failed-step-2.png").stat().st_size > 1000
    assert "Traceback" not in out and "pytest_plugin.py" not in out and "executor.py" not in out
    result.stdout.fnmatch_lines(["FAILED flows/sub/broken.yaml::broken - guidedflows.errors.StepFailed: broken*"])

    # pytest's own JUnit: the flow's file and `flow:` line, each step as a property.
    cases = {case.get("name"): case for case in ET.parse(project.path / "junit.xml").iter("testcase")}
    greeting = cases["greeting"]
    assert (greeting.get("file"), greeting.get("line")) == ("flows/greeting.yaml", "0")
    properties = {p.get("name"): p.get("value") for p in greeting.iter("property")}
    assert re.fullmatch(r'passed \d+\.\d\ds Click "Press me"\.', properties["step 1"])

    # Tracing on: pytest-playwright's traces exist, ours stops before the secret is typed; the secret is nowhere.
    traces = sorted(path.relative_to(project.path).as_posix() for path in project.path.rglob("*.zip"))
    assert "test-results/secret/trace-before-secret.zip" in traces
    assert len(traces) >= 5
    assert files_holding(project.path / "test-results", secret_forms()) == []
    assert files_holding(project.path / "junit.xml", secret_forms()) == []


@pytest.mark.browser
def test_failure_with_vv_shows_the_traceback_and_secrets_run_without_tracing(project, site):
    result = project.runpytest_subprocess("--base-url", site, "-vv", "flows/sub/broken.yaml", "flows/secret.yaml")
    result.assert_outcomes(passed=1, failed=1)
    assert "pytest_plugin.py" in result.stdout.str()
    assert not list(project.path.rglob("*.zip"))


@pytest.mark.browser
def test_storefront_started_per_worker_under_xdist(pytester):
    write(pytester.path, {f"flows/store-{n}.yaml": STOREFRONT.format(n=n) for n in (1, 2)})
    result = pytester.runpytest_subprocess("-n", "2", "-p", "no:randomly")
    result.assert_outcomes(passed=2)
    assert "2 workers [2 items]" in result.stdout.str()
