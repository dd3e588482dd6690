"""`guidedflows doctor`: the versions, which browser will be used and why, and a real start of the driver and the
browser (launch, open a page, close), so a machine that cannot run flows says why before a flow does (issue 14)."""

from __future__ import annotations

import sys
import time
from importlib import metadata
from pathlib import Path

FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".pfb", ".woff", ".woff2"}
PROBE_PAGE = "<!doctype html><title>guidedflows doctor</title><button>Ready</button>"


def versions() -> str:
    """'guidedflows 0.1.0, Playwright 1.65.2, Python 3.11.2' without importing Playwright (for --version)."""
    from .. import __version__

    try:
        playwright = metadata.version("playwright")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency; said rather than crashed on
        playwright = "not installed"
    return f"guidedflows {__version__}, Playwright {playwright}, Python {sys.version.split()[0]}"


def run_doctor(browser_path: str | None, echo=print) -> int:
    """Print what will be used and start it for real; EnvironmentProblem (exit 3) names what is missing."""
    from .session import driver_executable, find_browser, launch, start_playwright

    echo(versions())
    echo(f"driver: {driver_executable()}")
    pw = start_playwright()
    try:
        choice = find_browser(browser_path, pw=pw)
        echo(f"browser: {choice.path or 'Playwright Chromium'}")
        echo(f"why: {choice.reason}")
        started = time.monotonic()
        version = _open_a_page(launch(pw.chromium, choice))
        echo(f"browser version: Chromium {version}")
        echo(f"launch: started the browser, opened a page and closed it in {time.monotonic() - started:.1f} s")
        echo(f"with a window (guide mode, --headed): {_headed(browser_path, pw, choice)}")
    finally:
        pw.stop()
    if not has_fonts():
        echo(
            "warning: no fonts are installed: pages show their text as empty boxes in screenshots and the docs' "
            "pictures; install some with `apt-get install fonts-liberation`"
        )
    return 0


def _headed(browser_path: str | None, pw, headless_choice) -> str:
    """The browser a headed run takes (not started: there may be no display), when it is not the headless one."""
    from ..errors import EnvironmentProblem
    from .session import find_browser

    try:
        choice = find_browser(browser_path, pw=pw, headless=False)
    except EnvironmentProblem as exc:
        return str(exc)
    return "the same browser" if choice.path == headless_choice.path else f"{choice.path or 'Playwright Chromium'} ({choice.reason})"


def _open_a_page(browser) -> str:
    from ..errors import EnvironmentProblem

    try:
        page = browser.new_page()
        page.set_content(PROBE_PAGE)
        page.get_by_role("button", name="Ready").wait_for(timeout=10_000)
        return browser.version
    except Exception as exc:  # noqa: BLE001 - Playwright's errors, said once
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EnvironmentProblem(f"the browser started but could not open a page: {first}") from exc
    finally:
        try:
            browser.close()
        except Exception:  # noqa: BLE001 - already gone (it crashed): the error above says so
            pass


def has_fonts() -> bool:
    """Whether any font file is installed where fontconfig looks by default (always true off Linux)."""
    if not sys.platform.startswith("linux"):
        return True
    for folder in FONT_FOLDERS:
        root = Path(folder).expanduser()
        if root.is_dir() and any(path.suffix.lower() in FONT_SUFFIXES for path in root.rglob("*")):
            return True
    return False
