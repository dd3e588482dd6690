"""pytest-playwright's browser launched the way guidedflows finds one (registered by pytest_plugin.py's configure).

So `page` works where only a system Chromium is installed (Debian's /usr/bin/chromium), and GUIDEDFLOWS_BROWSER
is honoured, without a twin of pytest-playwright's options.
"""

from __future__ import annotations

import pytest

from ..errors import EnvironmentProblem
from .session import find_browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_name, playwright):
    """pytest-playwright's launch options, plus the Chromium guidedflows would use and its quiet flags."""
    given = browser_type_launch_args
    if browser_name != "chromium" or given.get("channel") or given.get("executable_path"):
        return given
    try:
        choice = find_browser(pw=playwright, headless=given.get("headless", True))
    except EnvironmentProblem as exc:
        raise pytest.UsageError(str(exc)) from None
    launch = {**given, "args": [*given.get("args", []), *choice.launch_args]}
    if choice.path:
        launch["executable_path"] = choice.path
    return launch


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A test whose Playwright driver or browser cannot start on this machine gets the reason and the fix (issue 14),
    as `guidedflows check` says it, instead of pytest-playwright's "Connection closed while reading from the driver"."""
    report = yield
    if call.when == "setup" and call.excinfo is not None:
        problem = environment_problem(str(call.excinfo.value))
        if problem:
            report.longrepr = f"guidedflows: {problem}"
    return report


def environment_problem(error: str) -> str | None:
    from .libraries import missing_library_sentence
    from .session import driver_problem

    return driver_problem(error) or missing_library_sentence("the browser", error)
