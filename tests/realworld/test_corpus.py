"""The real-world corpus (issue 13): every flow in tests/realworld/flows/<app>/, written from the screen in plain words
before it was ever run, runs in check mode against its application (Django's admin, Datasette, a MkDocs Material
site, a Sphinx site with the furo theme; started once per session by conftest.py), one test per flow.

A flow that fails today is marked xfail(strict=True) in FAILING_TODAY with the diagnosis from RECORD.md (the rule of
flow format 1.1 the engine breaks at the flow's first failing step). When the engine is fixed, the test XPASSes, which
strict xfail turns into a failure: delete the flow's line from FAILING_TODAY (and update RECORD.md). A flow that fails
for a reason not in the table fails the suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guidedflows.browser.driver import PageDriver
from guidedflows.flow.loader import load_flow
from guidedflows.modes.check import CheckMode
from guidedflows.run.executor import RunOptions
from guidedflows.run.runner import execute
from realworld.apps import FLOWS

pytestmark = pytest.mark.realworld

APPS = ("django", "datasette", "mkdocs", "sphinx")
STEP_TIMEOUT = 5.0  # seconds per step; every page here is on loopback and answers in milliseconds

# Flows that do not pass as written, each with why that is right (RECORD.md, "After the engine's fix").
FAILING_TODAY = {
    "datasette/sql-query": (
        "Datasette's SQL box is a CodeMirror 5 editor: typing goes through a hidden textarea that the editor empties "
        "into its own document, so `fill` (Playwright's fill, or typing) adds to the query instead of replacing it; "
        "a code editor needs select-all then typing, which format 1.1 has no action for"
    ),
}

# Flows whose outcome depends on timing (the reason says which race): xfail, but not strict. Keep this set empty.
SOMETIMES_PASSES: set[str] = set()


def corpus_flows() -> list:
    """(app, path) for every corpus flow; files starting with `_` are partials, run through `use:`."""
    found = []
    for app in APPS:
        for path in sorted((FLOWS / app).glob("*.yaml")):
            if not path.name.startswith("_"):
                found.append((app, path))
    return found


def flow_id(app: str, path: Path) -> str:
    return f"{app}/{path.stem}"


def _params():
    for app, path in corpus_flows():
        name = flow_id(app, path)
        reason = FAILING_TODAY.get(name)
        marks = [pytest.mark.xfail(strict=name not in SOMETIMES_PASSES, reason=reason)] if reason else []
        yield pytest.param(app, path, id=name, marks=marks)


def test_the_corpus_has_at_least_twenty_flows_on_four_apps():
    flows = corpus_flows()
    assert len(flows) >= 20
    assert {app for app, _ in flows} == set(APPS)
    assert set(FAILING_TODAY) <= {flow_id(app, path) for app, path in flows}  # no stale line in the table


def test_every_corpus_flow_loads_and_fits_the_published_schema():
    """The flows are valid format 1.1 as written: the loader takes them and so does schema/flow.schema.json."""
    import json

    import jsonschema
    import yaml

    schema = json.loads((FLOWS.parents[2] / "schema" / "flow.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(FLOWS.rglob("*.yaml")):
        load_flow(path)
        errors = [error.message for error in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))]
        assert not errors, f"{path}: {errors}"


@pytest.fixture
def no_fallback(monkeypatch):
    """A step whose one-call search did not find its element, and that waited for the careful search, fails: no
    plain-words step of the corpus may wait on a fallback (issue 13)."""

    def fell_back(driver, target):
        raise AssertionError(f"{target.spelled()} waited on the careful search")

    monkeypatch.setattr(PageDriver, "fell_back", fell_back)


@pytest.mark.parametrize(("app", "path"), list(_params()))
def test_flow(app, path, app_urls, page, tmp_path, no_fallback):
    base_url = app_urls(app)
    flow = load_flow(path)
    result = execute(flow, page, RunOptions(base_url, STEP_TIMEOUT, tmp_path / "out"), CheckMode())
    assert result.passed, result.failure_message()
