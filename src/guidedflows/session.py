"""Browser session: find a browser, launch or connect to it, and hand out one fresh context per flow.

Discovery order (interfaces.md): --browser-path, $GUIDEDFLOWS_BROWSER, Playwright's own Chromium, then a system
Chromium/Chrome on the PATH. Playwright is imported only here and only when a browser is really needed.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import EnvironmentProblem

# A system Chromium started by Playwright keeps phoning home without these; on a closed network every one of those
# connections fails, slowly (see DEVELOPERS notes in the README).
QUIET_CHROMIUM_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
)

SYSTEM_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

INSTALL_HINT = (
    "install one with `python -m playwright install chromium`, or your system's Chromium "
    "(Debian/Ubuntu: `apt-get install chromium`), or pass --browser-path /path/to/chrome "
    "(or set GUIDEDFLOWS_BROWSER)"
)


@dataclass(frozen=True)
class BrowserChoice:
    """Which browser executable will be used, and why (what `guidedflows doctor` prints)."""

    path: str | None  # None: Playwright's own bundled Chromium
    reason: str

    @property
    def launch_args(self) -> list[str]:
        return list(QUIET_CHROMIUM_ARGS)


def playwright_chromium_path(pw=None) -> str | None:
    """The Chromium that `playwright install chromium` put on disk, if it is there.

    `pw` is a running sync Playwright; without one, a short-lived one is started (Playwright refuses two at once).
    """
    if pw is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as started:
            return playwright_chromium_path(started)
    path = pw.chromium.executable_path
    return path if path and Path(path).exists() else None


def find_browser(browser_path: str | None = None, *, pw=None, look_for_playwright: bool = True) -> BrowserChoice:
    """Pick a browser executable in the documented order, or raise EnvironmentProblem saying what to install."""
    if browser_path:
        return _checked(browser_path, "given with --browser-path")
    from_env = os.environ.get("GUIDEDFLOWS_BROWSER")
    if from_env:
        return _checked(from_env, "given by the GUIDEDFLOWS_BROWSER environment variable")
    if look_for_playwright:
        bundled = playwright_chromium_path(pw)
        if bundled:
            return BrowserChoice(bundled, "Playwright's Chromium (installed by `playwright install chromium`)")
    for name in SYSTEM_BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return BrowserChoice(found, f"a system browser found on the PATH as `{name}`")
    raise EnvironmentProblem("no browser found: " + INSTALL_HINT)


def _checked(path: str, why: str) -> BrowserChoice:
    resolved = shutil.which(path) or path
    if not Path(resolved).is_file():
        raise EnvironmentProblem(f"the browser {path!r} ({why}) does not exist: {INSTALL_HINT}")
    if not os.access(resolved, os.X_OK):
        raise EnvironmentProblem(f"the browser {path!r} ({why}) is not executable")
    return BrowserChoice(resolved, why)
