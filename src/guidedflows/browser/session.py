"""Browser session: find a browser, launch or connect to it, and hand out one fresh context per flow.

Discovery order (interfaces.md): --browser-path, $GUIDEDFLOWS_BROWSER, Playwright's own Chromium, then a system
Chromium/Chrome on the PATH. Playwright is imported only here and only when a browser is really needed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..defaults import TEST_ID_ATTRIBUTE
from ..errors import EnvironmentProblem
from . import inpage, pwerrors
from .libraries import missing_library_sentence

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
# Chromium's headless shell (the "old headless" build): what Playwright itself launches for headless runs. It starts a
# browser in a third of the CPU time and a context in a quarter (docs/performance.md, B2), and cannot show a window,
# so headed runs (guide mode, --headed) take the full browser. Debian/Ubuntu: apt-get install chromium-headless-shell.
HEADLESS_SHELL_NAMES = ("chromium-headless-shell", "chrome-headless-shell", "headless_shell")

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


def playwright_chromium_path(pw=None, headless: bool = False) -> str | None:
    """The Chromium that `playwright install chromium` put on disk, if it is there; for a headless run, the headless
    shell installed beside it (as Playwright launches itself) when it is there too.

    `pw` is a running sync Playwright; without one, a short-lived one is started (Playwright refuses two at once).
    """
    if pw is None:
        started = start_playwright()
        try:
            return playwright_chromium_path(started, headless)
        finally:
            started.stop()
    path = pw.chromium.executable_path
    if not path or not Path(path).exists():
        return None
    return (headless and _headless_shell_beside(Path(path))) or path


def _headless_shell_beside(chromium: Path) -> str | None:
    """ms-playwright/chromium-1187/chrome-linux/chrome → ms-playwright/chromium_headless_shell-1187/*/headless_shell
    (or chrome-headless-shell, the newer name), if `playwright install` put one there."""
    build = chromium.parents[1]
    if not build.name.startswith("chromium-"):
        return None
    shell = build.with_name(build.name.replace("chromium-", "chromium_headless_shell-", 1))
    for name in ("headless_shell", "chrome-headless-shell"):
        for found in sorted(shell.glob(f"*/{name}")):
            if found.is_file() and os.access(found, os.X_OK):
                return str(found)
    return None


def start_playwright():
    """Playwright's sync API, started; or EnvironmentProblem naming what keeps its Node driver from running here."""
    from playwright.sync_api import sync_playwright

    try:
        return sync_playwright().start()
    except Exception as exc:
        problem = driver_problem(str(exc))
        if problem is None:
            raise
        raise EnvironmentProblem(problem) from exc


def driver_executable() -> str:
    """The Node.js executable Playwright runs its driver with (Playwright's own rule)."""
    import playwright

    return os.environ.get("PLAYWRIGHT_NODEJS_PATH") or str(Path(playwright.__file__).parent / "driver" / "node")


def driver_problem(error: str) -> str | None:
    """Why the driver did not start, told from `node --version` run by hand: Playwright only reports a closed pipe
    (the loader's own complaint went to the terminal, issue 14). None if `error` is not a driver that failed to start."""
    if "Connection closed while reading from the driver" not in error and "Node.js executable" not in error:
        return None
    node = driver_executable()
    what = f"Playwright's driver ({node})"
    try:
        ran = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{what} cannot start ({exc}); reinstall Playwright: `pip install --force-reinstall playwright`"
    said = ran.stderr.strip() or ran.stdout.strip()
    found = missing_library_sentence(what, said)
    if found:
        return found
    first = said.splitlines()[0] if said and ran.returncode else error.strip().splitlines()[0]
    return f"{what} stopped as it started ({first}); `{node} --version` shows why"


def find_browser(
    browser_path: str | None = None, *, pw=None, look_for_playwright: bool = True, headless: bool = True
) -> BrowserChoice:
    """Pick a browser executable in the documented order, or raise EnvironmentProblem saying what to install.

    A headless run prefers a headless shell to the full browser of the same source, as Playwright does."""
    if browser_path:
        return _checked(browser_path, "given with --browser-path")
    from_env = os.environ.get("GUIDEDFLOWS_BROWSER")
    if from_env:
        return _checked(from_env, "given by the GUIDEDFLOWS_BROWSER environment variable")
    if look_for_playwright:
        bundled = playwright_chromium_path(pw, headless)
        if bundled:
            what = "headless shell" if Path(bundled).name in HEADLESS_SHELL_NAMES else "Chromium"
            return BrowserChoice(bundled, f"Playwright's {what} (installed by `playwright install chromium`)")
    for name in (*HEADLESS_SHELL_NAMES, *SYSTEM_BROWSER_NAMES) if headless else SYSTEM_BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return BrowserChoice(found, f"a system browser found on the PATH as `{name}`")
    raise EnvironmentProblem(f"no browser found{'' if headless else ' that can show a window'}: " + INSTALL_HINT)


def _checked(path: str, why: str) -> BrowserChoice:
    resolved = shutil.which(path) or path
    if not Path(resolved).is_file():
        raise EnvironmentProblem(f"the browser {path!r} ({why}) does not exist: {INSTALL_HINT}")
    if not os.access(resolved, os.X_OK):
        raise EnvironmentProblem(f"the browser {path!r} ({why}) is not executable")
    return BrowserChoice(resolved, why)


class BrowserSession:
    """One Playwright and one browser for a whole run; a fresh context (and page) per flow.

    Launches the chosen browser, or uses a remote one: `connect` (a Playwright server's ws:// endpoint) or `cdp`
    (an already running Chromium, e.g. the person's own; it is never closed by us).
    """

    def __init__(
        self,
        *,
        browser_path: str | None = None,
        headless: bool = True,
        connect: str | None = None,
        cdp: str | None = None,
        viewport: tuple[int, int] = (1280, 800),
        device_scale_factor: float | None = None,
        test_id_attribute: str = TEST_ID_ATTRIBUTE,
        slow_mo: float | None = None,
    ):
        self.browser_path = browser_path
        self.headless = headless
        self.connect = connect
        self.cdp = cdp
        self.viewport = viewport
        self.device_scale_factor = device_scale_factor
        self.test_id_attribute = test_id_attribute
        self.slow_mo = slow_mo
        self.choice: BrowserChoice | None = None
        self._pw: Any = None  # Playwright, once started
        self.browser: Any = None

    def __enter__(self) -> BrowserSession:
        self._pw = start_playwright()
        try:
            self.browser = self._open()
        except BaseException:
            self._pw.stop()
            raise
        self._pw.selectors.set_test_id_attribute(self.test_id_attribute)
        inpage.register(self._pw)
        return self

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is not None and issubclass(exc_info[0], KeyboardInterrupt):
            pwerrors.quiet_after_interrupt()
        try:
            if self.browser is not None and not self.cdp:
                self.browser.close()
        except Exception:  # noqa: BLE001 - the browser may already be gone (killed, crashed)
            pass
        finally:
            self._pw.stop()

    def _open(self):
        chromium = self._pw.chromium
        if self.connect:
            from .remote import connect

            return connect(chromium, self.connect)
        if self.cdp:
            return _remote(lambda: chromium.connect_over_cdp(self.cdp), f"the browser at {self.cdp}")
        self.choice = find_browser(self.browser_path, pw=self._pw, headless=self.headless)
        return launch(chromium, self.choice, self.headless, self.slow_mo)

    @contextlib.contextmanager
    def page(self, **options):
        """A page for one flow: a fresh context's page, or, attached over CDP, the person's own current tab."""
        if self.cdp:
            yield _current_tab(self.browser)
            return
        self._relaunch_if_gone()
        context = self.new_context(**options)
        try:
            yield context.new_page()
        finally:
            with contextlib.suppress(Exception):
                context.close()

    def _relaunch_if_gone(self) -> None:
        """A browser that crashed or was killed during one flow is started again for the next (issue 9, R10): flows
        are independent, each in a fresh context, so one lost browser fails only the flow it was running."""
        if self.browser is None or self.browser.is_connected():
            return
        print("the browser went away (crashed or was closed); starting a new one for the next flow", file=sys.stderr, flush=True)
        self.browser = self._open()

    def new_context(self, **options):
        settings = {"viewport": {"width": self.viewport[0], "height": self.viewport[1]}}
        if self.device_scale_factor:
            settings["device_scale_factor"] = self.device_scale_factor
        settings.update(options)
        context = self.browser.new_context(**settings)
        inpage.has_engine(context)  # registered by __enter__: no need to ask the page
        return context


def launch(chromium, choice: BrowserChoice, headless: bool = True, slow_mo: float | None = None):
    """Launch the chosen browser, or raise EnvironmentProblem saying why it cannot start and what to do."""
    try:
        return chromium.launch(executable_path=choice.path, args=choice.launch_args, headless=headless, slow_mo=slow_mo)
    except Exception as exc:  # noqa: BLE001 - Playwright's launch errors, said once with the fix
        raise EnvironmentProblem(_launch_problem(choice, headless, exc)) from exc


def _current_tab(browser):
    """The tab the person is looking at in their own browser (attached over CDP), else their last tab."""
    pages = [page for context in browser.contexts for page in context.pages]
    for page in reversed(pages):
        with contextlib.suppress(Exception):
            if page.evaluate("() => document.visibilityState === 'visible' && document.hasFocus()"):
                return page
    if pages:
        return pages[-1]
    context = browser.contexts[0] if browser.contexts else browser.new_context()
    return context.new_page()


def _remote(open_it, what: str):
    try:
        return open_it()
    except Exception as exc:  # noqa: BLE001
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EnvironmentProblem(f"cannot use {what}: {first}") from exc


def _launch_problem(choice: BrowserChoice, headless: bool, exc: Exception) -> str:
    text = str(exc)
    where = choice.path or "Playwright's Chromium"
    if not headless and pwerrors.has(text, "no display"):
        return (
            "cannot open a visible browser window: there is no display. Run it under a virtual display "
            "(`xvfb-run guidedflows ...`), use --headless, or attach to a browser on a machine with a screen "
            "with --cdp http://127.0.0.1:9222"
        )
    missing = missing_library_sentence(f"the browser {where} ({choice.reason})", text)
    if missing:
        if choice.path is None or "ms-playwright" in choice.path:
            missing += " (or all that Playwright's Chromium needs: `python -m playwright install-deps chromium`)"
        return missing
    if pwerrors.has(text, "missing dependencies"):
        return (
            f"the browser {where} ({choice.reason}) cannot start: the system lacks libraries it needs; "
            f"install them with `python -m playwright install-deps chromium`"
        )
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return f"could not start the browser {where} ({choice.reason}): {first}"
