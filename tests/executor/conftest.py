from __future__ import annotations

import pytest

from guidedflows.flow.loader import load_flow
from guidedflows.modes.check import CheckMode
from guidedflows.run.executor import RunOptions
from guidedflows.run.runner import execute
from helpers import write_flow


@pytest.fixture
def check(page, site, tmp_path):
    """Run a flow given as YAML text in check mode on a fresh page of the test site; return its FlowResult."""

    def run(text: str, timeout: float = 3.0, **params):
        flow = load_flow(write_flow(tmp_path, text), params)
        return execute(flow, page, RunOptions(site, timeout, tmp_path / "out"), CheckMode())

    return run
