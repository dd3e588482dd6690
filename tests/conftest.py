"""Shared fixtures: one real browser per test session, a fresh context per test."""

from __future__ import annotations

import functools
import os
import re
import signal
import threading
from pathlib import Path

import pytest

from guidedflows.browser import inpage
from guidedflows.browser.session import find_browser
from helpers import StaticSite

TEST_PAGES = Path(__file__).parent / "executor" / "pages"
# A test using any of these drives a real browser: it is marked `browser`, so `pytest -m "not browser"` is the fast
# loop (issue 15). Tests that start one another way (the CLI, a subprocess) carry the mark themselves.
BROWSER_FIXTURES = frozenset({"playwright_instance", "browser_choice", "browser", "context", "page"})


def pytest_configure(config) -> None:
    # The Ctrl-C tests send SIGINT as a terminal does and expect a program with the default disposition. A suite run
    # as a background job (`cmd &` in a script: scripts/fresh-machine, a CI runner) starts with SIGINT ignored, which
    # every child would inherit; a handled signal is reset to the default in a child instead.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


# -- the `browser` mark is right ------------------------------------------------------------------------------------
# A test not marked `browser` that starts one anyway would make the fast loop slow, and wrong about what it runs
# without a browser. While such a test runs, a thread looks at the processes under this one every 50 ms (a browser
# lives far longer: it has a page to open) and the test fails if a browser started among them.

BROWSER_PROCESS_NAMES = frozenset({"chromium", "chrome", "headless_shell"})


class BrowserWatch:
    """Notices a browser started under this process (by Playwright, the CLI in a subprocess, a Playwright server...)
    between start() and stop(); one thread for the session, idle between tests."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self._known: set[int] = set()
        self._watching = threading.Event()
        self._lock = threading.Lock()
        threading.Thread(target=self._watch, name="browser watch", daemon=True).start()

    def start(self) -> None:
        with self._lock:
            self.started = []
            self._known = set(_descendants(os.getpid()))  # the session's own browsers, started by browser tests
        self._watching.set()

    def stop(self) -> list[str]:
        self._watching.clear()
        with self._lock:
            self._look()  # a last look, for a browser still up as the test ends
            return self.started

    def _watch(self) -> None:
        pause = threading.Event()  # never set: waiting on it is a sleep that tests monkeypatching time.sleep leave alone
        while self._watching.wait():
            pause.wait(0.05)
            with self._lock:
                if self._watching.is_set():
                    self._look()

    def _look(self) -> None:
        for pid in set(_descendants(os.getpid())) - self._known:
            self._known.add(pid)
            name, parent = _name(pid), _parent(pid)
            # a browser's own helper processes (renderers, zygotes) have a browser as their parent
            if name in BROWSER_PROCESS_NAMES and _name(parent) not in BROWSER_PROCESS_NAMES:
                self.started.append(f"{name} (pid {pid}, started by {_name(parent)})")


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in _listdir(f"/proc/{parent}/task"):
            try:
                with open(f"/proc/{parent}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
            except OSError:
                continue
        if parent != pid:
            found.append(parent)
    return found


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


def _name(pid: int | None) -> str:
    try:
        with open(f"/proc/{pid}/comm") as comm:
            return comm.read().strip()
    except OSError:
        return "?"


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


@pytest.fixture(scope="session")
def _browser_watch():
    return BrowserWatch() if os.path.isdir(f"/proc/{os.getpid()}/task") else None  # Linux's /proc only


@pytest.fixture(autouse=True)
def _starts_no_browser_unless_marked(request, _browser_watch):
    if _browser_watch is None or request.node.get_closest_marker("browser"):
        yield
        return
    _browser_watch.start()
    yield
    started = _browser_watch.stop()
    if started:
        pytest.fail(f"this test started a browser ({', '.join(started)}) but is not marked `browser`: mark it "
                    "(pytestmark = pytest.mark.browser), so that `pytest -m \"not browser\"` leaves it out", pytrace=False)


# -- two workers (pytest-xdist) -------------------------------------------------------------------------------------
# The README's command runs the suite on two pytest-xdist workers (`-n 2`) with `--dist loadgroup` (pyproject.toml):
# each group of tests below goes to one worker whole, the biggest groups first, in the order collected; every other
# test is dealt out on its own to whichever worker is free. The groups are found here from the test ids, on the
# controller: pytest-xdist's own `xdist_group` marks are read on the workers and sent as a suffix of the test id,
# which pytest 9.2 no longer lets a plugin change, so they group nothing there.

MODULE_FIXTURE = re.compile(r"""scope\s*=\s*["'](module|class|package)["']""")


def worker_group(nodeid: str, root: Path) -> str | None:
    """The group a test belongs to, or None (a test on its own):
    - tests/realworld: the corpus shares the session's Django admin, whose database its flows change (a user added,
      one deleted, a password changed); the tests after them meet it so changed, as in a serial run;
    - a test module using a fixture set up once per module or class (defined in the module or a conftest.py above
      it): a whole `check` run, a wheel installed into a fresh venv, one page per URL. On one worker, it is set up
      once, not once on each.
    """
    path = nodeid.split("::")[0]
    if path.startswith("tests/realworld/"):
        return "tests/realworld"
    return path if _shares_module_fixtures(root / path, root / "tests") else None


@functools.cache
def _shares_module_fixtures(module: Path, tests: Path) -> bool:
    sources = [module, *(folder / "conftest.py" for folder in module.parents if folder == tests or tests in folder.parents)]
    return any(source.is_file() and MODULE_FIXTURE.search(source.read_text("utf-8")) for source in sources)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class Groups(LoadGroupScheduling):
        """pytest-xdist's loadgroup (an explicit `xdist_group` still counts, where pytest lets it), plus worker_group."""

        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            if scope != nodeid:  # an explicit group
                return scope
            return worker_group(nodeid, config.rootpath) or nodeid

    return Groups(config, log)


# -- the tour-vs-check-mode summary (tests/export/sameness.py) --------------------------------------------------
# Under pytest-xdist each worker compares its own share; the controller (which loads only this conftest) adds them up.


def pytest_sessionfinish(session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: its comparisons go to the controller
        from dataclasses import astuple

        from export.sameness import SEEN

        workeroutput["sameness"] = [astuple(c) for c in SEEN]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    from export.sameness import SEEN, Comparison

    SEEN.extend(Comparison(*c) for c in getattr(node, "workeroutput", {}).get("sameness", []))


def pytest_terminal_summary(terminalreporter) -> None:
    from export.sameness import summary_lines

    for line in summary_lines():
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        inpage.register(pw)  # as BrowserSession and the pytest plugin do: targets found by the in-page search
        yield pw


@pytest.fixture(scope="session")
def browser_choice(playwright_instance):
    return find_browser(pw=playwright_instance)


@pytest.fixture(scope="session")
def browser(playwright_instance, browser_choice):
    browser = playwright_instance.chromium.launch(
        executable_path=browser_choice.path, args=browser_choice.launch_args, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(5000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def site():
    """Small test pages (tests/executor/pages) served on loopback."""
    with StaticSite(TEST_PAGES) as served:
        yield served.url
