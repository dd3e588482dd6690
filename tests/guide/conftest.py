"""Guide-mode tests play the person: the guide runs as `guidedflows guide --cdp` in its own process, attached to a
browser this test owns, and the test clicks, types and presses keys in that browser the way a person would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from guidedflows.storefront import Storefront

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def storefront():
    with Storefront() as store:
        yield store.url


@pytest.fixture(scope="session")
def person_browser(playwright_instance, browser_choice, tmp_path_factory):
    """A browser like the person's own: a persistent profile, reachable over CDP."""
    port = _free_port()
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")),
        executable_path=browser_choice.path,
        args=[*browser_choice.launch_args, f"--remote-debugging-port={port}"],
        headless=True,
        viewport={"width": 1280, "height": 800},
    )
    yield context, f"http://127.0.0.1:{port}"
    context.close()


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Person:
    """The person in front of the guided browser, plus the guide process."""

    def __init__(self, context, process):
        self.context = context
        self.process = process
        self.page = context.pages[-1]
        context.on("page", self._new_tab)

    def _new_tab(self, page) -> None:
        self.page = page

    def state(self) -> dict:
        return self.page.evaluate("() => window.__guidedflows.state()")

    def at(self, progress: str, status: str | None = None, timeout: float = 45_000) -> dict:
        """Wait until the card shows this progress (and status); return the overlay's state."""
        condition = f"s.progress === {progress!r}" + (f" && s.status === {status!r}" if status else "")
        try:
            self.page.wait_for_function(
                f"() => {{ const g = window.__guidedflows; if (!g) return false; const s = g.state(); return !!s && {condition}; }}",
                timeout=timeout,
            )
        except Exception as exc:
            shown = self.page.evaluate("() => window.__guidedflows && window.__guidedflows.state()")
            code, out = self.finish(timeout=1)
            raise AssertionError(f"the guide never showed {progress}; it shows {shown}\nguide output:\n{out}") from exc
        return self.state()

    def press_card_button(self, name: str) -> None:
        self.page.locator("guidedflows-overlay").get_by_role("button", name=name, exact=True).click()

    def finish(self, timeout: float = 20) -> tuple[int, str]:
        try:
            out, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return self.process.returncode, out


@pytest.fixture
def guide(person_browser, storefront):
    """guide(flow_path, *args) starts `guidedflows guide` on the person's tab; yields a Person."""
    context, cdp = person_browser
    started: list[Person] = []

    def start(flow: str | Path, *args: str, base_url: str | None = None) -> Person:
        for page in context.pages[1:]:
            page.close()
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("about:blank")
        cdp_session = context.new_cdp_session(page)
        for origin in {_origin(storefront), _origin(base_url or storefront)}:
            cdp_session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        cdp_session.detach()
        context.clear_cookies()
        command = [sys.executable, "-m", "guidedflows", "guide", str(flow), "--cdp", cdp, "--base-url", base_url or storefront, *args]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ)
        person = Person(context, process)
        started.append(person)
        return person

    yield start
    for person in started:
        if person.process.poll() is None:
            person.process.kill()
            person.process.communicate()
