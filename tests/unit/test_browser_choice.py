"""Which browser a run uses (session.find_browser): a headless run takes a headless shell where one is installed, as
Playwright does with its own browsers; a headed run (guide mode, --headed) takes the full browser. No browser starts."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from guidedflows.browser.session import find_browser
from guidedflows.errors import EnvironmentProblem


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def path_with(tmp_path, monkeypatch):
    """PATH holding only the named programs (and no GUIDEDFLOWS_BROWSER)."""
    monkeypatch.delenv("GUIDEDFLOWS_BROWSER", raising=False)

    def make(*names: str) -> Path:
        folder = tmp_path / "bin"
        folder.mkdir(exist_ok=True)
        for name in names:
            executable(folder / name)
        monkeypatch.setenv("PATH", str(folder))
        return folder

    return make


def no_playwright_browser(**kw):
    return find_browser(look_for_playwright=False, **kw)


def test_a_headless_run_takes_the_system_headless_shell_and_a_headed_run_the_full_browser(path_with):
    folder = path_with("chromium", "chromium-headless-shell")
    headless = no_playwright_browser()
    assert headless.path == str(folder / "chromium-headless-shell")
    assert headless.reason == "a system browser found on the PATH as `chromium-headless-shell`"
    assert no_playwright_browser(headless=False).path == str(folder / "chromium")


def test_without_a_headless_shell_a_headless_run_takes_the_full_browser(path_with):
    folder = path_with("chromium")
    assert no_playwright_browser().path == str(folder / "chromium")


def test_a_headless_shell_alone_cannot_show_a_window(path_with):
    path_with("chromium-headless-shell")
    with pytest.raises(EnvironmentProblem, match="no browser found that can show a window: install one"):
        no_playwright_browser(headless=False)


def test_a_browser_given_by_name_is_used_as_given(path_with):
    folder = path_with("chromium", "chromium-headless-shell")
    assert find_browser("chromium").path == str(folder / "chromium")


@pytest.mark.parametrize("layout", ["chrome-linux/headless_shell", "chrome-headless-shell-linux64/chrome-headless-shell"])
def test_playwrights_own_headless_shell_beside_its_chromium(tmp_path, path_with, layout):
    path_with()
    cache = tmp_path / "ms-playwright"
    chromium = executable(cache / "chromium-1187" / "chrome-linux" / "chrome")
    pw = SimpleNamespace(chromium=SimpleNamespace(executable_path=str(chromium)))
    assert find_browser(pw=pw).path == str(chromium)  # no shell installed (playwright install --no-shell)
    shell = executable(cache / "chromium_headless_shell-1187" / layout)
    headless = find_browser(pw=pw)
    assert headless.path == str(shell)
    assert headless.reason == "Playwright's headless shell (installed by `playwright install chromium`)"
    headed = find_browser(pw=pw, headless=False)
    assert headed.path == str(chromium) and headed.reason == "Playwright's Chromium (installed by `playwright install chromium`)"
    os.chmod(shell, 0o644)  # not runnable: not used
    assert find_browser(pw=pw).path == str(chromium)
