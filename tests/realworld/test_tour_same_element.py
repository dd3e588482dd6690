"""The exported tour finds the same element as check mode on applications nobody here wrote (issue 17, "Same
element", the real-world corpus): every corpus flow is exported to tour.js, injected into every page of its
application, and walked with check mode's own code; before each step, check mode's Resolver and the tour's resolver
are asked for its target and must pick the same element (by identity in the page) or refuse alike.

A corpus flow that fails in check mode (test_corpus.FAILING_TODAY) is compared up to its failing step."""

from __future__ import annotations

import pytest

from export.sameness import ComparingMode, Record
from guidedflows.export import tour_script
from guidedflows.flow.loader import load_flow
from guidedflows.run.executor import RunOptions
from guidedflows.run.runner import execute
from realworld.apps import django_admin
from realworld.test_corpus import FAILING_TODAY, STEP_TIMEOUT, corpus_flows, flow_id

pytestmark = pytest.mark.realworld


@pytest.fixture(scope="module")
def own_django(tmp_path_factory):
    """The Django flows change the admin's database (a user added, one deleted, a password changed): this walk gets
    an admin of its own, fresh, so it passes whichever corpus tests ran before it and leaves theirs as they were.
    The other applications are only read, and are shared with the session (conftest.app_urls)."""
    with django_admin(tmp_path_factory.mktemp("django-tour")) as url:
        yield url


@pytest.mark.parametrize(("app", "path"), corpus_flows(), ids=[flow_id(a, p) for a, p in corpus_flows()])
def test_every_step_of_a_corpus_flow_finds_the_same_element(app, path, app_urls, request, browser, tmp_path):
    base_url = request.getfixturevalue("own_django") if app == "django" else app_urls(app)
    flow = load_flow(path)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.add_init_script(tour_script([flow], base_url))
        record = Record()
        result = execute(flow, context.new_page(), RunOptions(base_url, STEP_TIMEOUT, tmp_path / "out"), ComparingMode(record))
    finally:
        context.close()
    if flow_id(app, path) not in FAILING_TODAY:
        assert result.passed, result.failure_message()
    assert record.comparisons, "no step of the flow has a target"
    assert not record.disagreements, "\n".join(str(c) for c in record.disagreements)
