"""The person in front of a guided browser, shared by the guide-mode tests (tests/guide) and the guided runs on real
applications (tests/realworld): a browser like the person's own (a persistent profile reachable over CDP), the
`guidedflows guide --cdp` process attached to it, and what the person sees of the overlay."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def person_browser(playwright_instance, browser_choice, tmp_path_factory):
    """A browser like the person's own: a persistent profile, reachable over CDP.

    Chromium picks the CDP port itself (`--remote-debugging-port=0`) and writes it into the profile's
    DevToolsActivePort: no port is chosen here that another process (a second pytest-xdist worker) could take first.
    """
    profile = tmp_path_factory.mktemp("profile")
    context = playwright_instance.chromium.launch_persistent_context(
        str(profile),
        executable_path=browser_choice.path,
        args=[*browser_choice.launch_args, "--remote-debugging-port=0"],
        headless=True,
        viewport={"width": 1280, "height": 800},
    )
    yield context, f"http://127.0.0.1:{devtools_port(profile)}"
    context.close()


def devtools_port(profile: Path, timeout: float = 30) -> int:
    """The port Chromium's DevTools server listens on, from the first line of the profile's DevToolsActivePort (written
    once the server is up: usually before the launch returns, waited for in case it is not)."""
    written = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while True:
        lines = written.read_text().splitlines() if written.exists() else []
        if lines and lines[0].strip().isdigit():
            return int(lines[0])
        if time.monotonic() > deadline:
            raise AssertionError(f"Chromium wrote no DevTools port into {written} within {timeout} s")
        time.sleep(0.05)


def origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def forget(context, *urls: str) -> None:
    """The browser as new for these sites: one tab on about:blank, no cookies, no storage."""
    for page in context.pages[1:]:
        page.close()
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("about:blank")
    cdp_session = context.new_cdp_session(page)
    for site in {origin(url) for url in urls}:
        cdp_session.send("Storage.clearDataForOrigin", {"origin": site, "storageTypes": "all"})
    cdp_session.detach()
    context.clear_cookies()


def start_guide(context, cdp: str, flow, base_url: str, *args: str) -> "Person":
    """`guidedflows guide FLOW --cdp` on the person's browser, as it is (signed in or not)."""
    command = [sys.executable, "-m", "guidedflows", "guide", str(flow), "--cdp", cdp, "--base-url", base_url, *args]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ)
    return Person(context, process)


class OverlayReader:
    """What a person sees of guidedflows' overlay in `self.page`, read, never driven: the card's state, its progress,
    its buttons. The guided person (Person, below) and the visitor of a site with an exported tour
    (tests/export/visitor.py) both read it so."""

    page: Any
    wait_ms: float = 15_000  # how long `at` waits for a card by default

    def state(self) -> dict:
        return self.page.evaluate("() => window.__guidedflows.state()")

    def at(self, progress: str, status: str | None = None, timeout: float | None = None) -> dict:
        """Wait until the card shows this progress (and status); return the overlay's state."""
        condition = f"s.progress === {progress!r}" + (f" && s.status === {status!r}" if status else "")
        try:
            self.page.wait_for_function(
                f"() => {{ const g = window.__guidedflows; const s = g && g.state(); return !!s && {condition}; }}",
                timeout=timeout if timeout is not None else self.wait_ms,
            )
        except Exception as exc:
            shown = self.page.evaluate("() => window.__guidedflows && window.__guidedflows.state()")
            raise AssertionError(self.never_showed(progress, status, shown)) from exc
        return self.state()

    def never_showed(self, progress: str, status: str | None, shown) -> str:
        return f"the overlay never showed {progress} {status or ''}; it shows {shown}"

    def press_card_button(self, name: str) -> None:
        self.page.locator("guidedflows-overlay").get_by_role("button", name=name, exact=True).click()

    def still_at(self, progress: str) -> None:
        """The overlay has not moved on: a round trip to the page later, the card still shows the same step."""
        self.page.evaluate("() => new Promise(requestAnimationFrame)")
        assert self.state()["progress"] == progress


class Person(OverlayReader):
    """The person in front of the guided browser, plus the guide process."""

    wait_ms = 45_000

    def __init__(self, context, process):
        self.context = context
        self.process = process
        self.page = context.pages[-1]
        self.tabs = [self.page]
        context.on("page", self._new_tab)

    def _new_tab(self, page) -> None:
        self.tabs.append(page)
        self.page = page
        page.on("close", self._closed_tab)

    def _closed_tab(self, page) -> None:
        """A popup window that closes itself (Django's, after Save) hands the person back to the window below."""
        if page in self.tabs:
            self.tabs.remove(page)
        if self.page is page and self.tabs:
            self.page = self.tabs[-1]

    def never_showed(self, progress: str, status: str | None, shown) -> str:
        code, out = self.finish(timeout=1)
        return f"the guide never showed {progress}; it shows {shown}\nguide output:\n{out}"

    def finish(self, timeout: float = 20) -> tuple[int, str]:
        try:
            out, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return self.process.returncode, out
