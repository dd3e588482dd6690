"""The pytest plugin: every flow under `guidedflows_paths` is a test item, run on pytest-playwright's fixtures.

    flows/change-the-card.yaml ─▶ FlowFile ─▶ FlowItem "change-the-card" (a pytest.Function, tags as markers)
                                                  └─ _check_flow(page, guidedflows_base_url, ...) ─▶ executor

Items are real `pytest.Function`s made from one function with `callobj`, so the usual fixtures (`page`, `--browser`,
`--headed`, `--base-url`, `--tracing`, `--video`, `--screenshot`, `--output`) apply to them with public pytest API
only (there is no public way to give fixtures to other kinds of items: pytest #2471, #3639).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .defaults import OUTPUT_DIR, STEP_TIMEOUT
from .errors import GuidedflowsError, StepFailed
from .flow.model import Flow
from .run.events import PASSED

DEFAULT_TIMEOUT = STEP_TIMEOUT
RESERVED_MARKS = {"skip", "skipif", "xfail", "parametrize", "usefixtures", "filterwarnings"}
NEEDS_PYTEST_PLAYWRIGHT = (
    "guidedflows: running flows under pytest needs pytest-playwright: pip install 'guidedflows[pytest]'"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("guidedflows", "guidedflows (flows as tests)")
    group.addoption(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        dest="guidedflows_params",
        help="override a flow param (repeatable)",
    )
    parser.addini("guidedflows_paths", "folders (or files) of flows to collect, relative to the rootdir", "args", ["flows"])
    parser.addini("guidedflows_timeout", "default per-step timeout in seconds (10)", "string", str(DEFAULT_TIMEOUT))


def pytest_configure(config: pytest.Config) -> None:
    # Registered now, after every entry-point plugin, so our `browser_type_launch_args` wraps pytest-playwright's.
    if config.pluginmanager.hasplugin("playwright"):
        from .browser import pytest_browser

        config.pluginmanager.register(pytest_browser, "guidedflows-browser")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items) -> None:
    """`--param NAME=...` that no collected flow declares is a typo: say so, as `guidedflows check` does."""
    flows = [item.flow for item in items if isinstance(item, FlowItem)]
    declared = {param.name for flow in flows if flow is not None for param in flow.params}
    unknown = sorted(set(params_of(config)) - declared) if flows else []
    if unknown:
        raise pytest.UsageError(f'--param {unknown[0]}: no flow here has a param "{unknown[0]}"')


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.suffix in (".yaml", ".yml") and _in_flow_paths(file_path, parent.config):
        return FlowFile.from_parent(parent, path=file_path)
    return None


def _in_flow_paths(path: Path, config: pytest.Config) -> bool:
    """Under a configured flow path, and no partial: no part of the path below it starts with `_`."""
    for root in flow_roots(config):
        if path == root or root in path.parents:
            below = path.relative_to(root).parts if path != root else (path.name,)
            return not any(part.startswith("_") for part in below)
    return False


def flow_roots(config: pytest.Config) -> list[Path]:
    return [config.rootpath / root for root in config.getini("guidedflows_paths")]


def params_of(config: pytest.Config) -> dict[str, str]:
    params = {}
    for pair in config.getoption("guidedflows_params") or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise pytest.UsageError(f"--param takes NAME=VALUE, not {pair!r}")
        params[name.strip()] = value
    return params


class FlowFile(pytest.File):
    """One flow file: loads it (problems reported at path:line:column) into one FlowItem."""

    def collect(self):
        from .flow.loader import load_flow

        if not self.config.pluginmanager.hasplugin("playwright"):
            raise self.CollectError(NEEDS_PYTEST_PLAYWRIGHT)
        roots = tuple(flow_roots(self.config))
        try:
            flow = load_flow(_shown_path(self.path, self.config), params_of(self.config), search_paths=roots)
        except GuidedflowsError as exc:  # problems at path:line:column with their carets, never a traceback
            raise self.CollectError(exc.show()) from None
        item = FlowItem.from_parent(self, name=flow.id, callobj=_check_flow)
        item.flow = flow
        for tag in flow.tags:
            if tag not in RESERVED_MARKS:
                self.config.addinivalue_line("markers", f"{tag}: flows tagged {tag} (guidedflows)")
                item.add_marker(tag)
        yield item


def _shown_path(path: Path, config: pytest.Config) -> Path:
    """The path as messages show it: relative to where pytest was started, when it is below it."""
    try:
        return path.relative_to(config.invocation_params.dir)
    except ValueError:
        return path


class FlowItem(pytest.Function):
    """A flow as a test: named by its flow id, located at its file's `flow:` line, failing with the step's YAML."""

    flow: Flow | None = None  # set where the item is made (FlowFile.collect)

    def reportinfo(self):
        return self.path, _flow_line(self.path), self.flow.id

    def repr_failure(self, excinfo):
        if not isinstance(excinfo.value, StepFailed):
            return super().repr_failure(excinfo)  # not the flow failing: a problem of ours, traceback and all
        if _full_trace(self.config):
            return excinfo.getrepr(style="long", tbfilter=False)
        return excinfo.getrepr(style="value", chain=False)


def _flow_line(path: Path) -> int:
    """The 0-based line of `flow:` (pytest's convention for reportinfo)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((number for number, line in enumerate(lines) if line.startswith("flow:")), 0)


def _full_trace(config: pytest.Config) -> bool:
    return bool(config.getoption("fulltrace", False)) or config.get_verbosity() >= 2


def _check_flow(guidedflows_engine, page, guidedflows_base_url, request):
    """The test function behind every FlowItem: run its flow in check mode on pytest-playwright's page."""
    __tracebackhide__ = True
    from .modes.check import CheckMode
    from .reporters.failure import failure_text
    from .run.executor import RunOptions
    from .run.runner import execute
    from .run.tracing import ChunkGuard

    config, item = request.config, request.node
    output = Path(config.getoption("--output"))
    options = RunOptions(guidedflows_base_url, _timeout(config), output)
    tracing = config.getoption("--tracing")
    guard, result = ChunkGuard(page.context, output / item.flow.id, tracing != "off"), None
    try:
        result = execute(item.flow, page, options, CheckMode(), [guard])
    finally:
        kept = guard.close(keep=tracing == "on" or result is None or result.status != PASSED)
    if kept:
        result.artifacts.append(str(kept))
    for step in result.steps:
        item.user_properties.append((f"step {step.number}", _step_line(item.flow, step)))
    if result.status != PASSED:
        raise StepFailed(failure_text(result), result) from None


def _step_line(flow, step) -> str:
    return flow.redact(f"{step.status} {step.duration:.2f}s {step.step.describe()}")


def _timeout(config: pytest.Config) -> float:
    try:
        return float(config.getini("guidedflows_timeout"))
    except ValueError:
        raise pytest.UsageError("guidedflows_timeout must be a number of seconds") from None


# -- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def guidedflows_base_url(base_url):
    """The site flows run against: `--base-url`, else the built-in storefront, started once per session (worker)."""
    if base_url:
        yield base_url
        return
    from .storefront import Storefront

    with Storefront() as store:
        yield store.url


@pytest.fixture(scope="session")
def guidedflows_engine(playwright) -> None:
    """guidedflows' target search registered in pytest-playwright's Playwright (inpage.py): a plain-words target is
    then found by one query in the page, as a hand-written locator is."""
    from .browser.inpage import register

    register(playwright)


@pytest.fixture
def run_flow(request, pytestconfig):
    """Run a flow on your own page: `run_flow("flows/x.yaml", page=page, params={...})` → its result.

    Raises StepFailed (with the step's YAML and the reason) when the flow fails. The site is `base_url=` when
    given, else `--base-url`, else the page's own site when it is on one, else the built-in storefront.
    """

    def run(flow, *, page, params=None, base_url=None, timeout=None):
        __tracebackhide__ = True
        from .flow.loader import load_flow
        from .reporters.failure import failure_text
        from .run.runner import run_flow as run_on_page

        if "page" in request.fixturenames:  # pytest-playwright's page: its Playwright gets the in-page search
            request.getfixturevalue("guidedflows_engine")
        given = {**params_of(pytestconfig), **(params or {})}
        loaded = flow if not isinstance(flow, (str, os.PathLike)) else load_flow(flow, given)
        site = base_url or _site_for(request, page)
        output = pytestconfig.getoption("--output", OUTPUT_DIR)
        try:
            return run_on_page(loaded, page, base_url=site, timeout=timeout or _timeout(pytestconfig), output=output)
        except StepFailed as exc:
            raise StepFailed(failure_text(exc.result), exc.result) from None

    return run


def _site_for(request, page) -> str | None:
    given = request.getfixturevalue("base_url")
    if given:
        return given
    if page.url.startswith(("http://", "https://")):
        return None  # run_flow takes the page's own site
    return request.getfixturevalue("guidedflows_base_url")
