"""Small helpers shared by the tests: a static site on loopback, and flow files written from YAML text."""

from __future__ import annotations

import functools
import http.server
import textwrap
import threading
from pathlib import Path

SHIPPED_FLOWS = Path(__file__).resolve().parents[1] / "flows"  # the repository's flows/

# The batteries that walk shipped flows one by one in a browser (the tour against check mode, the renamed store, the
# docs badges) walk these in the suite: every action the shipped flows use, a dialog, a new tab with an iframe, a file
# to upload (tests/install checks the first four still cover the actions). All of them: scripts/every-shipped-flow,
# which sets GUIDEDFLOWS_EVERY_FLOW=1.
SOME_SHIPPED = ("add-a-card", "dispute-window-closed", "open-a-dispute", "remove-a-card", "change-the-card")


def shipped_flows() -> list[Path]:
    """The shipped flows (not the partials) a battery walks: SOME_SHIPPED, or every one with GUIDEDFLOWS_EVERY_FLOW=1."""
    import os

    every = os.environ.get("GUIDEDFLOWS_EVERY_FLOW") == "1"
    return sorted(p for p in SHIPPED_FLOWS.glob("[!_]*.yaml") if every or p.stem in SOME_SHIPPED)


class Serving:
    """Serve HTTP with `handler` on a free 127.0.0.1 port in a thread; `url` is where."""

    def __init__(self, handler):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()


class StaticSite(Serving):
    """Serve a folder on 127.0.0.1 in a thread, quietly."""

    def __init__(self, root: Path):
        super().__init__(functools.partial(_QuietHandler, directory=str(root)))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def write_flow(folder: Path, text: str, name: str = "flow.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def in_thread(function, *args):
    """Call `function(*args)` in its own thread and return what it returns (or raise what it raised).

    Anything that starts Playwright's sync API (the CLI's running commands, `doctor`) cannot share the thread of a
    test session whose browser fixtures already run Playwright's event loop. Output still reaches capsys.
    """
    import threading

    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def run_cli(argv: list[str]) -> int:
    """`guidedflows.cli.commands.main(argv)`, in its own thread (see in_thread)."""
    from guidedflows.cli.commands import main

    return in_thread(main, argv)
