"""Flows as pytest items under pytest-xdist (`pytest -n 2`): split across both workers, each with its own browser,
a failure reported with its step like in a serial run."""

from __future__ import annotations

import pytest

import re

from scalekit import four_flows

pytestmark = pytest.mark.browser  # every test here drives a browser (the fast loop skips them)


def test_flows_split_across_two_xdist_workers(pytester, site):
    four_flows(pytester.path / "flows")
    result = pytester.runpytest_subprocess("-n", "2", "-v", "--base-url", site, "-p", "no:randomly")
    result.assert_outcomes(passed=3, failed=1)
    out = result.stdout.str()
    assert "2 workers [4 items]" in out
    ran_on = set(re.findall(r"\[(gw\d)\] \[ *\d+%\] (?:PASSED|FAILED) flows/", out))
    assert ran_on == {"gw0", "gw1"}
    assert 'could not find "Does not exist" on the page' in out
    assert "|   - click: Does not exist" in out or "- click: Does not exist" in out
