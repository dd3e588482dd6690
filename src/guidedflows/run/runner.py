"""Running flows: on a page the caller owns (the Python API), or many flows in a browser session (CLI, pytest)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..browser.driver import PageDriver
from ..browser.locate import Resolver
from ..defaults import OUTPUT_DIR, STEP_TIMEOUT, TEST_ID_ATTRIBUTE
from ..errors import StepFailed, UsageError
from ..flow.loader import load_flow
from ..flow.model import Flow
from ..modes import Mode, by_name, names
from .attempts import HeldFinish, merged
from .events import FAILED, RunStarted
from .executor import Run, RunOptions, artifacts_dir


@dataclass
class RunSettings:
    """What a running command was asked for (the options every running command accepts)."""

    base_url: str | None = None
    timeout: float = STEP_TIMEOUT
    output_dir: Path = Path(OUTPUT_DIR)
    headless: bool = True
    browser_path: str | None = None
    connect: str | None = None
    cdp: str | None = None
    test_id_attribute: str = TEST_ID_ATTRIBUTE
    listeners: list = field(default_factory=list)
    viewport: tuple[int, int] = (1280, 800)
    device_scale_factor: float | None = None
    context_options: dict = field(default_factory=dict)  # e.g. record_video_dir for demo --video
    retries: int = 0  # check --retries: a flow that passes only on a retry is flaky (attempts.py)
    trace: str = "off"  # check --trace on|off|retain-on-failure (tracing.py)


def run_flow(flow_or_path, page, *, mode="check", params=None, base_url=None, timeout=STEP_TIMEOUT, output=None):
    """Run one flow on a Playwright `Page` the caller owns; return its FlowResult, raise StepFailed if it failed."""
    __tracebackhide__ = True
    flow = flow_or_path if isinstance(flow_or_path, Flow) else load_flow(flow_or_path, params)
    base = base_url or _origin_of(page.url)
    if base is None and not flow.start.startswith(("http://", "https://")):
        raise UsageError("run_flow needs base_url= (the page is not on a site yet, and the flow's start is a path)")
    options = RunOptions(base or "", timeout, Path(output or OUTPUT_DIR))
    result = execute(flow, page, options, _mode(mode))
    if not result.passed:
        raise StepFailed(result.failure_message(), result)
    return result


def execute(flow: Flow, page, options: RunOptions, mode: Mode, listeners=(), test_id_attribute=TEST_ID_ATTRIBUTE):
    resolver = Resolver(test_id_attribute, exclude_overlay=mode.exclude_overlay)
    driver = PageDriver(page, base_url=options.base_url, resolver=resolver, answer_dialogs=mode.answer_dialogs)
    return Run(flow, driver, mode, options, listeners).execute()


def run_in_session(flows: list[Flow], settings: RunSettings, mode="check") -> list:
    """Run flows one after another, one browser for all, a fresh context per flow.

    `mode` is a mode's name, or a function of the flow returning a mode (docs mode keeps per-flow state).
    """
    results = []
    with site(settings) as base_url, browser_session(settings) as session:
        options = RunOptions(base_url, settings.timeout, settings.output_dir)
        HeldFinish(settings.listeners).emit(RunStarted(base_url, browser_name(session)))
        for flow in flows:
            results.append(run_attempts(flow, session, options, mode, settings))
    return results


def browser_session(settings: RunSettings):
    """The browser a run asks for (not yet started: use it as a context manager)."""
    from ..browser.session import BrowserSession

    return BrowserSession(
        browser_path=settings.browser_path,
        headless=settings.headless,
        connect=settings.connect,
        cdp=settings.cdp,
        test_id_attribute=settings.test_id_attribute,
        viewport=settings.viewport,
        device_scale_factor=settings.device_scale_factor,
    )


def run_attempts(flow: Flow, session, options: RunOptions, mode, settings: RunSettings):
    """One flow in a fresh page; again after a failure while `settings.retries` allow, each attempt traced."""
    from .tracing import Tracer

    held, failures = HeldFinish(settings.listeners), []
    for attempt in range(1, settings.retries + 2):
        attempt_options = replace(options, attempt=attempt)
        with session.page(**settings.context_options) as page:
            tracer = Tracer(page.context, settings.trace, artifacts_dir(attempt_options, flow), flow.id)
            chosen = mode(flow) if callable(mode) else _mode(mode)
            try:
                result = execute(flow, page, attempt_options, chosen, [tracer, held], settings.test_id_attribute)
            except KeyboardInterrupt:
                held.release()
                raise
            tracer.finish(result)  # before `held` lets the listeners hear the flow finish
        if result.status != FAILED or attempt > settings.retries:
            break
        failures.append(result)
        held.retrying(result, attempt)
    result = merged(result, failures)
    held.finish(result)
    return result


def browser_name(session) -> str | None:
    with contextlib.suppress(Exception):
        return f"{session.browser.browser_type.name} {session.browser.version}"
    return None


@contextlib.contextmanager
def site(settings: RunSettings):
    """The base URL: the one given, or the built-in storefront started for this run and stopped after."""
    if settings.base_url is not None:  # an empty one is an error (arguments.py), never the built-in store
        yield settings.base_url
        return
    from ..storefront import Storefront

    with Storefront() as store:
        yield store.url


def _mode(mode):
    if not isinstance(mode, str):
        return mode
    try:
        return by_name(mode)
    except KeyError:
        raise UsageError(f'unknown mode "{mode}"; choose from: ' + ", ".join(names())) from None


def _origin_of(url: str) -> str | None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else None
