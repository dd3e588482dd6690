"""`export --format extension` (issue 17): the Chrome (Manifest V3) extension folder loads in a headed Chromium with
--load-extension, under a virtual display this test starts (Xvfb), injects tour.js into the store's pages (frames
included) and starts the tour from a `#guidedflows=ID` link; its toolbar popup lists the flows."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from guidedflows.browser.session import find_browser

from guidedflows.flow.loader import load_flow
from helpers import SHIPPED_FLOWS, run_cli


@pytest.fixture(scope="module")
def display():
    """A display of our own (Xvfb picks a free number and says it on a pipe), stopped at the end."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (apt-get install xvfb): the extension needs a headed browser")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_the_extension_folder_is_a_manifest_v3_extension_for_the_site(tmp_path, storefront):
    out = tmp_path / "extension"
    assert run_cli(["export", str(SHIPPED_FLOWS / "payment-settings.yaml"), str(SHIPPED_FLOWS / "track-a-package.yaml"),
                    "--out", str(out), "--format", "extension", "--base-url", storefront]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    script = manifest["content_scripts"][0]
    assert script["js"] == ["tour.js"] and script["all_frames"] and script["world"] == "MAIN"
    assert script["matches"] == ["http://127.0.0.1/*"]  # the site's host, any port and path
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "popup.css", "popup.html", "popup.js", "tour.js"]


def test_the_extension_loads_in_chromium_and_starts_the_tour(playwright_instance, display, storefront, tmp_path):
    browser_choice = find_browser(pw=playwright_instance, headless=False)  # a window, and extensions: the full browser
    out = tmp_path / "extension"
    assert run_cli(["export", str(SHIPPED_FLOWS / "payment-settings.yaml"), "--out", str(out), "--format", "extension",
                    "--base-url", storefront]) == 0
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=browser_choice.path,
        headless=False,
        args=[*browser_choice.launch_args, f"--disable-extensions-except={out}", f"--load-extension={out}"],
        ignore_default_args=["--disable-extensions"],
        env={**os.environ, "DISPLAY": display},
        viewport={"width": 1280, "height": 800},
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(storefront + "#guidedflows=payment-settings")
        page.wait_for_function("() => !!window.guidedflows", timeout=15_000)  # injected by the extension alone
        assert page.evaluate("() => window.guidedflows.flows().map(f => f.id)") == ["payment-settings"]
        page.wait_for_function("() => (window.__guidedflows.state() || {}).progress === 'Before you start'")
        page.get_by_role("button", name="Accept cookies").click()
        page.wait_for_function("() => window.__guidedflows.state().progress === '1 of 4'")
        page.get_by_role("button", name="Payment settings").click()  # a new page: the extension injects it again
        page.wait_for_function("() => !!window.__guidedflows && window.__guidedflows.state().progress === '4 of 4'")
        assert page.evaluate("() => window.__guidedflows.state().status") == "finished"
    finally:
        context.close()
