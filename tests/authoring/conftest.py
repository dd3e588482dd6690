"""A browser like the person's own (reachable over CDP) and the storefront, for the recording tests."""

from __future__ import annotations

import socket

import pytest

from guidedflows.storefront import Storefront


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
    """(context, cdp_url): a persistent profile with a remote-debugging port, where the test plays the person."""
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
