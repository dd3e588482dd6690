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

from guidedflows.executor import CheckMode, RunOptions
from guidedflows.loader import load_flow
from guidedflows.runner import execute
from realworld.apps import FLOWS

pytestmark = pytest.mark.realworld

APPS = ("django", "datasette", "mkdocs", "sphinx")
STEP_TIMEOUT = 5.0  # seconds per step; every page here is on loopback and answers in milliseconds

# Rules of flow format 1.1 ("How words match"), as RECORD.md names them.
TRAILING_COLON = "normalised tier: a label's trailing ':' is ignored"
CURLY = "normalised tier: typographic quotes/apostrophes read as ASCII"
PART = "part tier: words that are part of one element's visible text match the smallest element containing them"
NARROW_FILL = "the action narrows the search: fill considers only editable fields"
VISIBLE_KIND = "the first kind that finds exactly one *visible* element wins (a hidden match must not stop the search)"

FAILING_TODAY = {
    # Django's admin: every flow signs in first, and every Django label ends with a colon.
    "django/sign-in": f'`fill: Username` vs the label "Username:" ({TRAILING_COLON})',
    "django/add-user": f'`fill: Username` vs the label "Username:" ({TRAILING_COLON})',
    "django/staff-and-group": f'`fill: Username` vs the label "Username:" ({TRAILING_COLON})',
    "django/add-group-popup": f'`fill: Username` vs the label "Username:" ({TRAILING_COLON})',
    "django/search-and-filter": f'`fill: Username` vs the label "Username:" ({TRAILING_COLON})',
    "django/delete-user": f'`fill: Username` vs the label "Username:" ({TRAILING_COLON})',
    "django/change-password": f'`fill: Username` vs the label "Username:" ({TRAILING_COLON})',
    "django/sign-out": f'`fill: Username` vs the label "Username:" ({TRAILING_COLON})',
    # Datasette
    "datasette/export-csv": f'`expect: This data as` inside "This data as json, CSV (advanced)" ({PART})',
    "datasette/facet": f'`within: "Suggested facets:"` is the start of "Suggested facets: author_id, year, genre" ({PART})',
    "datasette/filter-rows": (
        f'`select: "- column -"`: matched the hidden <option>, not the closed list that shows it ({VISIBLE_KIND}; '
        "select narrows to lists)"
    ),
    "datasette/sql-query": (
        f"`fill: Custom SQL query` filled the heading of that name ({NARROW_FILL}); with the rule kept, no words name "
        "the CodeMirror editor, so this flow needs a rule beyond 1.1 (RECORD.md)"
    ),
    # MkDocs Material
    "mkdocs/search-docs": (
        "`fill: Search` sets the value with an input event only; Material's search reacts to key events (keyup), so "
        'mostly "Type to start searching" stays and `expect: 2 matching documents` fails (fill should type as a person '
        "does; not a words rule). Passes now and then by a race: not strict"
    ),
    "mkdocs/open-page-from-nav": f"`expect: Pebble reads its settings from a configuration file.` is the first sentence of a paragraph ({PART})",
    "mkdocs/content-tabs": f'`expect: On macOS, install Pebble with Homebrew` vs "…Homebrew:" in a paragraph ({PART})',
    "mkdocs/copy-code": f"`expect: pebble new notebook Recipes` is the first line of a two-line code block ({PART})",
    "mkdocs/dark-mode": f'`click: Switch to dark mode`: the hidden radio\'s aria-label, not the visible <label title> ({VISIBLE_KIND})',
    "mkdocs/open-details": f"`expect: Pebble keeps both versions` begins a longer sentence ({PART})",
    # Sphinx + furo
    "sphinx/search": f'`expect: Retries wait longer each time.` in a result\'s snippet, "Retries" highlighted ({PART})',
    "sphinx/next-page": f"`expect: Every request has a timeout.` is the first sentence of a paragraph ({PART})",
    "sphinx/read-a-tip": f"`expect: a 404 is never retried` ends a sentence of the tip ({PART})",
}

# Flows whose failure today depends on timing (the reason says which race): xfail, but not strict, so a lucky pass does
# not fail the suite. Keep this set empty whenever possible.
SOMETIMES_PASSES = {"mkdocs/search-docs"}


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


@pytest.mark.parametrize(("app", "path"), list(_params()))
def test_flow(app, path, app_urls, page, tmp_path):
    base_url = app_urls(app)
    flow = load_flow(path)
    result = execute(flow, page, RunOptions(base_url, STEP_TIMEOUT, tmp_path / "out"), CheckMode())
    assert result.passed, result.failure_message()
