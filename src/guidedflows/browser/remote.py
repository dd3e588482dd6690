"""`--connect WS_URL`: a browser served by a Playwright server (`playwright run-server` / `launch-server`,
Browserless, Moon, Selenium Grid), and a clear reason when it cannot be used (exit 3)."""

from __future__ import annotations

from importlib import metadata

from ..errors import EnvironmentProblem
from . import pwerrors

CONNECT_TIMEOUT = 30.0  # seconds: an address that swallows packets must not hang a CI job forever
LOOPBACK = "<loopback>"  # Playwright's name for localhost, 127.0.0.1 and ::1 of the connecting machine
UNREACHABLE = ("ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "ETIMEDOUT")


def connect(browser_type, ws_url: str):
    """The remote browser behind `ws_url`, or EnvironmentProblem saying why not and what to do.

    The remote browser reaches this machine's loopback through the connection (Playwright's expose_network), so the
    built-in storefront, or a site served on localhost here, works from a browser pool too.
    """
    try:
        return browser_type.connect(ws_url, timeout=CONNECT_TIMEOUT * 1000, expose_network=LOOPBACK)
    except Exception as exc:  # noqa: BLE001 - Playwright's connection errors, said once with the fix
        raise EnvironmentProblem(connect_problem(ws_url, str(exc))) from exc


def connect_problem(ws_url: str, text: str) -> str:
    ours = _client_version()
    versions = pwerrors.versions(text)
    if versions or pwerrors.RULES["version mismatch"].search(text):
        server = versions[0] if versions else "another version"
        return (
            f"the Playwright server at {ws_url} runs Playwright {server}, and guidedflows here uses Playwright "
            f"{ours}: they must be the same minor version. Start the server with the same version "
            f"(`npx playwright@{ours} run-server`), or install it here (`pip install 'playwright=={server}.*'`)"
        )
    code = next((code for code in UNREACHABLE if code in text), None)
    if code or pwerrors.RULES["timeout ms"].search(text):
        why = code or f"no answer within {CONNECT_TIMEOUT:g} s"
        return (
            f"nothing answers at {ws_url} ({why}): is the Playwright server running, and is that its address? "
            f"Start one with `npx playwright@{ours} run-server --port 3000` (then --connect ws://HOST:3000/)"
        )
    first = text.strip().splitlines()[0] if text.strip() else "it refused the connection"
    first = first.removeprefix("BrowserType.connect: ")
    return f"cannot use the Playwright server at {ws_url}: {first}"


def _client_version() -> str:
    try:
        version = metadata.version("playwright")
    except metadata.PackageNotFoundError:  # pragma: no cover - guidedflows depends on it
        return "the same version"
    return ".".join(version.split(".")[:2])
